/*
 * consumer: the smallest C consumer of libsysflow. It reads a scap capture
 * file and prints one line per SysFlow record its callback receives, in the
 * format of the Rust example `consumer` (examples/consumer), e.g.
 *
 *   FileFlow 1555011816575383601 tid=10310 ORC pid=10310 exe=/usr/bin/cat file=/etc/hosts
 *
 * usage: consumer FILE.scap
 * Build (see examples/README.md):
 *   cc -I/usr/include/sysflow consumer.c $(pkg-config --libs --static sysflow) -o consumer
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "libsysflow.h"

/* The op-flag bits (sysflow/enums.hh has them as OP_* for C++). */
enum {
    CLONE = 1 << 0, EXEC = 1 << 1, EXIT = 1 << 2, SETUID = 1 << 3,
    SETNS = 1 << 4, ACCEPT = 1 << 5, CONNECT = 1 << 6, OPEN = 1 << 7,
    READ_RECV = 1 << 8, WRITE_SEND = 1 << 9, CLOSE = 1 << 10,
    TRUNCATE = 1 << 11, SHUTDOWN = 1 << 12, MMAP = 1 << 13, DIGEST = 1 << 14,
    MKDIR = 1 << 15, RMDIR = 1 << 16, LINK = 1 << 17, UNLINK = 1 << 18,
    SYMLINK = 1 << 19, RENAME = 1 << 20
};

struct flag_name {
    int32_t bit;
    const char *name;
};

/* Operations the way SysFlow's readers show them: a file event's or a
 * process event's names, else one letter per operation of a flow. */
static void print_ops(int32_t ops)
{
    static const struct flag_name file_events[] = {
        {MKDIR, "MKDIR"}, {RMDIR, "RMDIR"}, {LINK, "LINK"},
        {SYMLINK, "SYMLINK"}, {UNLINK, "UNLINK"}, {RENAME, "RENAME"}};
    static const struct flag_name process_events[] = {
        {CLONE, "CLONE"}, {EXEC, "EXEC"}, {EXIT, "EXIT"}, {SETUID, "SETUID"}};
    static const struct flag_name columns[] = {
        {OPEN, "O"}, {ACCEPT, "A"}, {CONNECT, "C"}, {WRITE_SEND, "W"},
        {READ_RECV, "R"}, {SETNS, "N"}, {MMAP, "M"}, {SHUTDOWN, "S"},
        {CLOSE, "C"}, {TRUNCATE, "T"}, {DIGEST, "D"}};
    const struct flag_name *groups[] = {file_events, process_events, columns};
    const size_t sizes[] = {6, 4, 11};
    for (size_t g = 0; g < 3; g++) {
        int any = 0;
        for (size_t i = 0; i < sizes[g]; i++)
            any |= (ops & groups[g][i].bit) != 0;
        if (!any && g < 2)
            continue;
        for (size_t i = 0; i < sizes[g]; i++)
            if (ops & groups[g][i].bit)
                fputs(groups[g][i].name, stdout);
        return;
    }
}

/* SysFlow stores an IPv4 address as its network-order bytes read as a
 * little-endian integer. */
static void print_ip(int32_t ip)
{
    uint32_t v = (uint32_t)ip;
    printf("%u.%u.%u.%u", v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24);
}

static const char *const TYPE_NAMES[] = {
    "SFHeader", "Container", "Process", "File", "ProcessEvent", "NetworkFlow",
    "FileFlow", "FileEvent", "NetworkEvent", "ProcessFlow", "Pod", "K8sEvent"};

static int32_t on_record(void *user, const sf_header *header,
                         const sf_container *container, const sf_process *process,
                         const sf_file *file, const sf_file *new_file,
                         const sf_record *record)
{
    int64_t ts = 0, tid = 0;
    int32_t ops = 0;
    const int32_t *net = NULL; /* sip, sport, dip, dport */
    int32_t addrs[4];
    (void)header;
    (*(uint64_t *)user)++;

    switch (record->record_type) {
    case SF_RECORD_PROCESS_EVENT:
        ts = record->data.process_event.ts;
        tid = record->data.process_event.tid;
        ops = record->data.process_event.op_flags;
        break;
    case SF_RECORD_PROCESS_FLOW:
        ts = record->data.process_flow.ts;
        tid = record->data.process_flow.proc_oid.hpid;
        ops = record->data.process_flow.op_flags;
        break;
    case SF_RECORD_FILE_EVENT:
        ts = record->data.file_event.ts;
        tid = record->data.file_event.tid;
        ops = record->data.file_event.op_flags;
        break;
    case SF_RECORD_FILE_FLOW:
        ts = record->data.file_flow.ts;
        tid = record->data.file_flow.tid;
        ops = record->data.file_flow.op_flags;
        break;
    case SF_RECORD_NETWORK_EVENT: {
        const sf_network_event *e = &record->data.network_event;
        ts = e->ts;
        tid = e->tid;
        ops = e->op_flags;
        addrs[0] = e->sip, addrs[1] = e->sport, addrs[2] = e->dip, addrs[3] = e->dport;
        net = addrs;
        break;
    }
    case SF_RECORD_NETWORK_FLOW: {
        const sf_network_flow *f = &record->data.network_flow;
        ts = f->ts;
        tid = f->tid;
        ops = f->op_flags;
        addrs[0] = f->sip, addrs[1] = f->sport, addrs[2] = f->dip, addrs[3] = f->dport;
        net = addrs;
        break;
    }
    default:
        break;
    }

    printf("%s %lld tid=%lld ", record->record_type < 12 ? TYPE_NAMES[record->record_type] : "?",
           (long long)ts, (long long)tid);
    print_ops(ops);
    /* Strings are borrowed and not NUL-terminated: print them with %.*s. */
    if (process)
        printf(" pid=%lld exe=%.*s", (long long)process->oid.hpid,
               (int)process->exe.len, process->exe.ptr);
    if (container)
        printf(" container=%.*s", (int)container->name.len, container->name.ptr);
    if (file)
        printf(" file=%.*s", (int)file->path.len, file->path.ptr);
    if (new_file)
        printf(" -> %.*s", (int)new_file->path.len, new_file->path.ptr);
    if (net) {
        putchar(' ');
        print_ip(net[0]);
        printf(":%d -> ", net[1]);
        print_ip(net[2]);
        printf(":%d", net[3]);
    }
    putchar('\n');
    return 0; /* non-zero would stop the run */
}

static sf_driver *driver;

static void on_signal(int signo)
{
    (void)signo;
    sf_driver_exit(driver); /* async-signal-safe: only sets a flag */
}

static int fail(const char *what)
{
    fprintf(stderr, "consumer: %s: [%s] %s\n", what, sf_error_name(sf_last_error_code()),
            sf_last_error_message());
    return 1;
}

int main(int argc, char **argv)
{
    uint64_t records = 0;
    sf_config *config;
    int status;

    if (argc != 2) {
        fprintf(stderr, "usage: consumer FILE.scap\n");
        return 2;
    }
    config = sf_config_new();
    if (!config)
        return fail("configuration");
    /* The reference's defaults, a capture to read, a callback; then the
     * reference's environment overrides (ENABLE_PROC_FLOW=0, ...). */
    if (sf_config_set_string(config, SF_CONFIG_SCAP_INPUT_PATH, argv[1]) != SF_OK ||
        sf_config_set_callback(config, on_record, &records) != SF_OK ||
        sf_config_apply_env(config) != SF_OK) {
        sf_config_free(config);
        return fail("configuration");
    }
    driver = sf_driver_new(config);
    sf_config_free(config);
    if (!driver)
        return fail("driver");

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    status = sf_driver_run(driver);
    if (status != SF_OK)
        fail("run");
    sf_driver_free(driver);
    fprintf(stderr, "consumer: libsysflow %s, %llu records\n", sf_version(),
            (unsigned long long)records);
    return status == SF_OK ? 0 : 1;
}
