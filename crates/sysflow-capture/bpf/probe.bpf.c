/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/*
 * sysflow-rs CO-RE probe: syscall exits and process lifecycle tracepoints,
 * emitted as Falco kernel events (see event.h) into one BPF ring buffer.
 *
 * Exit-only capture: `tp_btf/sys_exit` reads the syscall number and its
 * arguments from the saved pt_regs (on x86_64 only ax is overwritten by the
 * return value), so each captured syscall costs one event, in the layout of
 * Falco's exit events that carry every parameter. Process exits come from
 * `tp_btf/sched_process_exit`.
 *
 * Events are built in a per-CPU scratch buffer and copied into the ring with
 * batched wakeups: the consumer is woken only once `wakeup_bytes` are pending
 * and otherwise polls with a timeout.
 */
#define SYSFLOW_BPF 1

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

#include "core_types.h"
#include "event.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Knobs the loader sets before loading (read-only for the programs). */
const volatile __u32 self_tgid = 0;      /* never capture the loader itself */
const volatile __u64 boot_epoch_ns = 0;  /* CLOCK_REALTIME - CLOCK_BOOTTIME */
const volatile __u64 wakeup_bytes = 0;   /* 0: wake the consumer per record */
const volatile __u32 sampling_ratio = 1; /* drop mode: keep 1/n of each second */
const volatile __u8 sc_enabled[SF_SYSCALL_MAX] = {
	[0] = 1,   /* read */
	[1] = 1,   /* write */
	[2] = 1,   /* open */
	[3] = 1,   /* close */
	[17] = 1,  /* pread64 */
	[18] = 1,  /* pwrite64 */
	[19] = 1,  /* readv */
	[20] = 1,  /* writev */
	[22] = 1,  /* pipe */
	[32] = 1,  /* dup */
	[33] = 1,  /* dup2 */
	[41] = 1,  /* socket */
	[42] = 1,  /* connect */
	[43] = 1,  /* accept */
	[44] = 1,  /* sendto */
	[45] = 1,  /* recvfrom */
	[46] = 1,  /* sendmsg */
	[47] = 1,  /* recvmsg */
	[49] = 1,  /* bind */
	[48] = 1,  /* shutdown */
	[50] = 1,  /* listen */
	[53] = 1,  /* socketpair */
	[82] = 1,  /* rename */
	[83] = 1,  /* mkdir */
	[84] = 1,  /* rmdir */
	[85] = 1,  /* creat */
	[86] = 1,  /* link */
	[87] = 1,  /* unlink */
	[88] = 1,  /* symlink */
	[90] = 1,  /* chmod */
	[91] = 1,  /* fchmod */
	[105] = 1, /* setuid */
	[117] = 1, /* setresuid */
	[258] = 1, /* mkdirat */
	[263] = 1, /* unlinkat */
	[264] = 1, /* renameat */
	[265] = 1, /* linkat */
	[266] = 1, /* symlinkat */
	[268] = 1, /* fchmodat */
	[295] = 1, /* preadv */
	[296] = 1, /* pwritev */
	[307] = 1, /* sendmmsg */
	[308] = 1, /* setns */
	[299] = 1, /* recvmmsg */
	[316] = 1, /* renameat2 */
	[56] = 1,  /* clone */
	[57] = 1,  /* fork */
	[58] = 1,  /* vfork */
	[59] = 1,  /* execve */
	[257] = 1, /* openat */
	[288] = 1, /* accept4 */
	[292] = 1, /* dup3 */
	[293] = 1, /* pipe2 */
	[322] = 1, /* execveat */
	[435] = 1, /* clone3 */
	[437] = 1, /* openat2 */
	[9] = 1,   /* mmap (file mappings only, see mmap_maps_a_file) */
	[72] = 1,  /* fcntl (F_DUPFD, F_DUPFD_CLOEXEC, F_SETFD only) */
	[80] = 1,  /* chdir */
	[81] = 1,  /* fchdir */
	[106] = 1, /* setgid */
	[113] = 1, /* setreuid */
	[114] = 1, /* setregid */
	[119] = 1, /* setresgid */
	[161] = 1, /* chroot */
	[213] = 1, /* epoll_create */
	[253] = 1, /* inotify_init */
	[282] = 1, /* signalfd */
	[283] = 1, /* timerfd_create */
	[284] = 1, /* eventfd */
	[289] = 1, /* signalfd4 */
	[290] = 1, /* eventfd2 */
	[291] = 1, /* epoll_create1 */
	[294] = 1, /* inotify_init1 */
	[319] = 1, /* memfd_create */
	[323] = 1, /* userfaultfd */
	[434] = 1, /* pidfd_open */
	[436] = 1, /* close_range */
	[438] = 1, /* pidfd_getfd */
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20);
} events SEC(".maps");

struct scratch {
	__u8 data[SF_SCRATCH_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sf_stats);
} stats SEC(".maps");

/* Process events (execve, clone) are built by their own programs, reached
 * by tail call from sf_sys_exit: each program is verified on its own, and
 * with them inline the verifier walked 96% of its million-instruction
 * budget on sf_sys_exit alone. The loader fills the slots before it
 * attaches anything. */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, SF_TAIL_MAX);
	__type(key, __u32);
	__type(value, __u32);
} tails SEC(".maps");

/* Most messages of one sendmmsg or recvmmsg call that get an event each
 * (Falco's limit too). */
#define SF_MMSG_MAX 16

/* What a recvmsg or recvmmsg exit leaves for sf_exit_recv_fds, which
 * describes the fds its messages received with SCM_RIGHTS. */
struct sf_recv_fds {
	/* The time of each message's event, which its fds' events take. */
	__u64 ts[SF_MMSG_MAX];
	/* Messages whose ancillary data may pass fds (bit i: message i). */
	__u32 mask;
	/* The fds each message passed (filled by sf_exit_recv_fds). */
	__u8 count[SF_MMSG_MAX];
	__s32 fd[SF_MMSG_MAX][SF_RECV_FDS_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sf_recv_fds);
} recv_fds SEC(".maps");

/* Falco event ids (PPME_*) the probe emits. */
enum sf_event_type {
	SF_OPEN_X = 3,
	SF_CLOSE_X = 5,
	SF_READ_X = 7,
	SF_WRITE_X = 9,
	SF_SOCKET_X = 19,
	SF_BIND_X = 21,
	SF_CONNECT_X = 23,
	SF_LISTEN_X = 25,
	SF_SENDTO_X = 31,
	SF_RECVFROM_X = 35,
	SF_SENDMSG_X = 49,
	SF_RECVMSG_X = 53,
	SF_PIPE_X = 61,
	SF_SHUTDOWN_X = 37,
	SF_SOCKETPAIR_X = 43,
	SF_SENDMMSG_X = 51,
	SF_RECVMMSG_X = 55,
	SF_CREAT_X = 59,
	SF_PREADV_X = 121,
	SF_PWRITEV_X = 123,
	SF_RENAME_X = 175,
	SF_RENAMEAT_X = 177,
	SF_SYMLINK_X = 179,
	SF_SYMLINKAT_X = 181,
	SF_SETRESUID_X = 193,
	SF_SETUID_X = 199,
	SF_SETNS_X = 241,
	SF_MKDIR_2_X = 277,
	SF_RMDIR_2_X = 279,
	SF_UNLINK_2_X = 301,
	SF_UNLINKAT_2_X = 303,
	SF_MKDIRAT_X = 305,
	SF_LINK_2_X = 309,
	SF_LINKAT_2_X = 311,
	SF_FCHMODAT_X = 313,
	SF_CHMOD_X = 315,
	SF_FCHMOD_X = 317,
	SF_RENAMEAT2_X = 319,
	SF_PREAD_X = 113,
	SF_PWRITE_X = 115,
	SF_READV_X = 117,
	SF_WRITEV_X = 119,
	SF_PROCEXIT_1_E = 186,
	SF_CLONE_20_X = 223,
	SF_FORK_20_X = 225,
	SF_VFORK_20_X = 227,
	SF_ACCEPT_5_X = 247,
	SF_EXECVE_19_X = 293,
	SF_OPENAT_2_X = 307,
	SF_OPENAT2_X = 327,
	SF_EXECVEAT_X = 331,
	SF_CLONE3_X = 335,
	SF_DUP2_X = 363,
	SF_DUP3_X = 365,
	SF_DUP_1_X = 367,
	SF_PIPE2_X = 393,
	SF_ACCEPT4_6_X = 389,
	SF_EVENTFD_X = 63,
	SF_CHDIR_X = 95,
	SF_FCHDIR_X = 97,
	SF_SIGNALFD_X = 127,
	SF_TIMERFD_CREATE_X = 137,
	SF_INOTIFY_INIT_X = 139,
	SF_FCNTL_X = 151,
	SF_MMAP_X = 161,
	SF_SETRESGID_X = 195,
	SF_SETGID_X = 201,
	SF_CHROOT_X = 267,
	SF_USERFAULTFD_X = 321,
	SF_EPOLL_CREATE_X = 375,
	SF_EPOLL_CREATE1_X = 377,
	SF_INOTIFY_INIT1_X = 395,
	SF_EVENTFD2_X = 397,
	SF_SIGNALFD4_X = 399,
	SF_MEMFD_CREATE_X = 405,
	SF_PIDFD_GETFD_X = 407,
	SF_PIDFD_OPEN_X = 409,
	SF_SETREUID_X = 427,
	SF_SETREGID_X = 429,
	SF_CLOSE_RANGE_X = 451,
	/* A task's open file, as Falco's task_file iterator describes it
	 * (PPME_ITER_TASK_FILE_*_E): here an fd received with SCM_RIGHTS. */
	SF_TASK_FILE_PIPE_E = 432,
	SF_TASK_FILE_MEMFD_E = 434,
	SF_TASK_FILE_REGULAR_E = 436,
	SF_TASK_FILE_DIRECTORY_E = 438,
	SF_TASK_FILE_SOCKET_INET_E = 440,
	SF_TASK_FILE_SOCKET_INET6_E = 442,
	SF_TASK_FILE_SOCKET_UNIX_E = 444,
	SF_TASK_FILE_SOCKET_NETLINK_E = 446,
	SF_TASK_FILE_ANON_INODE_E = 448,
};

/* Writes stay inside the scratch buffer: every offset is masked to its first
 * half, and no single write is larger than a quarter of it. */
#define SF_OFF_MASK ((SF_SCRATCH_SIZE >> 1) - 1)
#define SF_LEN_MASK ((SF_SCRATCH_SIZE >> 2) - 1)
#define SF_LENS_AT (sizeof(struct sf_record))

#define PPM_AF_UNIX 1
#define PPM_AF_INET 2
#define PPM_AF_INET6 10
#define EINPROGRESS 115

/* The clock, and when a read or write exit may reuse its last reading.
 *
 * The boot clock is the largest single cost of a read or write exit in a
 * VM (about 55 ns of a dd loop's 355 ns a syscall: a helper, two nested
 * time functions, an indirect call to the clocksource under retpolines, and
 * a serialized TSC read), as much as the tracepoint and BPF dispatch that
 * every syscall pays once anything is attached. So a read or write exit
 * takes the time of the previous event instead when that event is its own
 * thread's, on the same CPU, within the same jiffy and fewer than
 * SF_CLOCK_REUSE events back, and no other thread's event was made
 * anywhere since (`clock_last_tid`, checked before the record is
 * reserved): its time is then at most a jiffy and SF_CLOCK_REUSE events
 * early, and never earlier than an event it may depend on, so the order
 * of the stream is what it would have been. Every other event reads the
 * clock. */
#define SF_CLOCK_REUSE 16

struct sf_clock {
	__u64 ts;      /* the last reading (with boot_epoch_ns) */
	__u64 jiffies; /* when it was taken */
	__u32 tid;     /* the thread whose event took it */
	__u32 left;    /* read/write exits that may still reuse it */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sf_clock);
} clock_memo SEC(".maps");

/* The thread of the last event any CPU made (0: none yet). Written only
 * when it changes, so that one busy thread keeps the line to itself. */
__u32 clock_last_tid = 0;

/* Reads the clock for an event of `tid`, and lets the thread's next read
 * and write exits on this CPU reuse the reading. */
static __always_inline __u64 clock_read(__u32 tid)
{
	__u64 ts = boot_epoch_ns + bpf_ktime_get_boot_ns();
	__u32 zero = 0;
	struct sf_clock *c = bpf_map_lookup_elem(&clock_memo, &zero);
	if (c) {
		c->ts = ts;
		c->jiffies = bpf_jiffies64();
		c->tid = tid;
		c->left = SF_CLOCK_REUSE - 1;
	}
	if (clock_last_tid != tid)
		clock_last_tid = tid;
	return ts;
}

/* The time of a read or write exit of `tid`: the last reading when the
 * rules above allow it, otherwise the clock. */
static __always_inline __u64 clock_rw(__u32 tid)
{
	__u32 zero = 0;
	struct sf_clock *c = bpf_map_lookup_elem(&clock_memo, &zero);
	if (c && c->left && c->tid == tid && clock_last_tid == tid &&
	    c->jiffies == bpf_jiffies64()) {
		c->left--;
		return c->ts;
	}
	return clock_read(tid);
}

struct writer {
	__u8 *buf;
	__u64 off; /* where the next value goes */
	__u32 idx; /* next parameter slot */
};

static __always_inline int w_begin(struct writer *w, __u16 type, __u32 nparams, __u64 tid)
{
	__u32 zero = 0;
	w->buf = bpf_map_lookup_elem(&scratch, &zero);
	if (!w->buf)
		return -1;
	struct sf_record *r = (struct sf_record *)w->buf;
	r->cpu = (__u16)bpf_get_smp_processor_id();
	r->evt.ts = clock_read(tid);
	r->evt.tid = tid;
	r->evt.type = type;
	r->evt.nparams = nparams;
	w->idx = 0;
	w->off = SF_LENS_AT + 2 * (__u64)nparams;
	return 0;
}

static __always_inline void w_len(struct writer *w, __u64 len)
{
	__u64 at = SF_LENS_AT + 2 * (__u64)(w->idx & (SF_MAX_PARAMS - 1));
	*(__u16 *)(w->buf + at) = (__u16)len;
	w->idx++;
	w->off += len;
}

static __always_inline void w_empty(struct writer *w)
{
	w_len(w, 0);
}

static __always_inline void w_u8(struct writer *w, __u8 v)
{
	*(w->buf + (w->off & SF_OFF_MASK)) = v;
	w_len(w, 1);
}

static __always_inline void w_u16(struct writer *w, __u16 v)
{
	*(__u16 *)(w->buf + (w->off & SF_OFF_MASK)) = v;
	w_len(w, 2);
}

static __always_inline void w_u32(struct writer *w, __u32 v)
{
	*(__u32 *)(w->buf + (w->off & SF_OFF_MASK)) = v;
	w_len(w, 4);
}

static __always_inline void w_u64(struct writer *w, __u64 v)
{
	*(__u64 *)(w->buf + (w->off & SF_OFF_MASK)) = v;
	w_len(w, 8);
}

/* A NUL-terminated string from user memory; empty when unreadable. */
static __always_inline void w_user_str(struct writer *w, const void *ptr)
{
	long n = bpf_probe_read_user_str(w->buf + (w->off & SF_OFF_MASK), SF_ARG_MAX, ptr);
	w_len(w, n > 0 ? n : 0);
}

/* `len` bytes of user memory, cut at SF_ARG_MAX; empty when unreadable. */
static __always_inline void w_user_bytes(struct writer *w, const void *ptr, __u64 len)
{
	if (len > SF_ARG_MAX)
		len = SF_ARG_MAX;
	len &= SF_LEN_MASK;
	if (bpf_probe_read_user(w->buf + (w->off & SF_OFF_MASK), len, ptr) < 0)
		len = 0;
	w_len(w, len);
}

/* The current task's comm, with its NUL. */
static __always_inline void w_comm(struct writer *w)
{
	long n = bpf_get_current_comm(w->buf + (w->off & SF_OFF_MASK), 16);
	__u64 len = 0;
	if (n == 0) {
		/* bpf_get_current_comm NUL-pads; count up to the first NUL. */
		const __u8 *c = w->buf + (w->off & SF_OFF_MASK);
		len = 16;
#pragma unroll
		for (int i = 0; i < 16; i++) {
			if (c[i] == 0) {
				len = i + 1;
				break;
			}
		}
	}
	w_len(w, len);
}

/* How often a CPU reads the ring's fill: on one event in SF_WAKEUP_EVERY. */
#define SF_WAKEUP_EVERY 32
/* Least time between two wakeups one CPU forces, ns. */
#define SF_WAKEUP_GAP_NS 1000000ULL

/* Wakeup flags of a record made at `now` (the probe's clock). The fill is
 * read on every 32nd event of a CPU only (counted by its `events`): the
 * query is a helper call. A forced wakeup is a self-IPI (in a VM, a trapped
 * APIC write, some microseconds), and one is only useful to a consumer that
 * sleeps: one that is awake drains the ring until it is empty anyway. But
 * the fill stays above `wakeup_bytes` all the while a lagging consumer
 * drains, and forcing a wakeup on every 32nd event then was 15% of the
 * time of a captured dd loop. So a CPU forces at most one wakeup a
 * millisecond: a sleeping consumer still wakes within a millisecond of
 * the mark (a quarter of a megabyte of records at the probe's peak rate),
 * and the consumer's poll timeout bounds the wait anyway. */
static __always_inline __u64 rb_flags(struct sf_stats *st, __u64 now)
{
	if (!wakeup_bytes)
		return 0;
	if (!st)
		return BPF_RB_NO_WAKEUP;
	if (st->events % SF_WAKEUP_EVERY || now - st->wakeup_ts < SF_WAKEUP_GAP_NS)
		return BPF_RB_NO_WAKEUP;
	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) < wakeup_bytes)
		return BPF_RB_NO_WAKEUP;
	st->wakeup_ts = now;
	return BPF_RB_FORCE_WAKEUP;
}

/* Copies the event into the ring; 0 once it is there, -1 when it was lost
 * (counted as a drop). */
static __always_inline int w_submit(struct writer *w)
{
	__u32 zero = 0;
	struct sf_stats *st = bpf_map_lookup_elem(&stats, &zero);
	__u64 size = w->off;
	if (size > SF_SCRATCH_SIZE) {
		if (st)
			st->drops_too_large++;
		return -1;
	}
	((struct sf_record *)w->buf)->evt.len = (__u32)(size - sizeof(__u16));
	/* Re-bound `size` for the verifier (clang may reuse the unchecked copy). */
	size &= (SF_SCRATCH_SIZE << 1) - 1;
	if (size > SF_SCRATCH_SIZE)
		return -1;
	__u64 flags = rb_flags(st, ((struct sf_record *)w->buf)->evt.ts);
	if (bpf_ringbuf_output(&events, w->buf, size, flags) < 0) {
		if (st)
			st->drops_full++;
		return -1;
	}
	if (st)
		st->events++;
	return 0;
}

/* Falco's PPM_O_* encoding of open(2) flags. */
static __always_inline __u32 open_flags_to_ppm(__u64 f)
{
	__u32 r = 0;
	if ((f & 3) == 0)
		r |= 1 << 0; /* RDONLY */
	if (f & 01)
		r |= 1 << 1; /* WRONLY */
	if (f & 02)
		r |= (1 << 0) | (1 << 1); /* RDWR */
	if (f & 0100)
		r |= 1 << 2; /* CREAT */
	if (f & 02000)
		r |= 1 << 3; /* APPEND */
	if (f & 010000)
		r |= 1 << 4; /* DSYNC */
	if (f & 0200)
		r |= 1 << 5; /* EXCL */
	if (f & 04000)
		r |= 1 << 6; /* NONBLOCK */
	if (f & 04000000)
		r |= 1 << 7; /* SYNC */
	if (f & 01000)
		r |= 1 << 8; /* TRUNC */
	if (f & 040000)
		r |= 1 << 9; /* DIRECT */
	if (f & 0200000)
		r |= 1 << 10; /* DIRECTORY */
	if (f & 0100000)
		r |= 1 << 11; /* LARGEFILE */
	if (f & 02000000)
		r |= 1 << 12; /* CLOEXEC */
	if (f & 020000000)
		r |= 1 << 13; /* TMPFILE */
	return r;
}

/* The mode Falco reports: the permission bits, only when a file may be created. */
static __always_inline __u32 open_mode(__u64 flags, __u64 mode)
{
	return (flags & (0100 | 020000000)) ? (__u32)(mode & 07777) : 0;
}

/* Falco's PPM_CL_* encoding of clone(2) flags. */
static __always_inline __u32 clone_flags_to_ppm(__u64 f)
{
	__u32 r = 0;
	if (f & 0x400)
		r |= 1 << 0; /* FILES */
	if (f & 0x200)
		r |= 1 << 1; /* FS */
	if (f & 0x80000000ULL)
		r |= 1 << 2; /* IO */
	if (f & 0x8000000)
		r |= 1 << 3; /* NEWIPC */
	if (f & 0x40000000)
		r |= 1 << 4; /* NEWNET */
	if (f & 0x20000)
		r |= 1 << 5; /* NEWNS */
	if (f & 0x20000000)
		r |= 1 << 6; /* NEWPID */
	if (f & 0x4000000)
		r |= 1 << 7; /* NEWUTS */
	if (f & 0x8000)
		r |= 1 << 8; /* PARENT */
	if (f & 0x100000)
		r |= 1 << 9; /* PARENT_SETTID */
	if (f & 0x2000)
		r |= 1 << 10; /* PTRACE */
	if (f & 0x800)
		r |= 1 << 11; /* SIGHAND */
	if (f & 0x40000)
		r |= 1 << 12; /* SYSVSEM */
	if (f & 0x10000)
		r |= 1 << 13; /* THREAD */
	if (f & 0x800000)
		r |= 1 << 14; /* UNTRACED */
	if (f & 0x100)
		r |= 1 << 15; /* VM */
	if (f & 0x10000000)
		r |= 1 << 20; /* NEWUSER */
	if (f & 0x200000)
		r |= 1 << 23; /* CHILD_CLEARTID */
	if (f & 0x1000000)
		r |= 1 << 24; /* CHILD_SETTID */
	if (f & 0x80000)
		r |= 1 << 25; /* SETTLS */
	return r;
}

/* The upper half of the scratch buffer, where paths are assembled from
 * their last component backwards. */
#define SF_PATH_AREA (SF_SCRATCH_SIZE >> 1)
#define SF_PATH_MASK ((SF_SCRATCH_SIZE >> 2) - 1)
#define SF_PATH_END (SF_PATH_AREA + SF_PATH_MASK)
#define SF_PATH_DEPTH 32
#define SF_NAME_MAX 255
/* Where the walk keeps its position: in the scratch map rather than on the
 * stack, so the verifier does not track its value from step to step and
 * checks the step once, not once per possible depth. */
#define SF_WALK_POS (SF_SCRATCH_SIZE - 8)

struct cwd_walk {
	__u8 *buf;
	struct dentry *dentry;
	struct dentry *root_dentry;
	struct vfsmount *vfsmnt;
	struct vfsmount *root_mnt;
	struct mount *mnt;
	int done;  /* the walk reached the root */
};

/* One step of the walk up from the working directory (a bpf_loop callback,
 * so the verifier checks it once rather than once per step). */
static long cwd_step(__u64 i, void *arg)
{
	struct cwd_walk *c = arg;
	/* Locals, so that CO-RE relocates only the kernel types' accesses. */
	struct dentry *dentry = c->dentry;
	struct vfsmount *vfsmnt = c->vfsmnt;
	struct mount *mnt = c->mnt;
	if (dentry == c->root_dentry && vfsmnt == c->root_mnt) {
		c->done = 1;
		return 1;
	}
	if (dentry == BPF_CORE_READ(vfsmnt, mnt_root)) {
		struct mount *up = BPF_CORE_READ(mnt, mnt_parent);
		if (up == mnt) {
			c->done = 1; /* the root of the mount tree */
			return 1;
		}
		c->dentry = BPF_CORE_READ(mnt, mnt_mountpoint);
		c->mnt = up;
		c->vfsmnt = (void *)up + bpf_core_field_offset(struct mount, mnt);
		return 0;
	}
	struct dentry *parent = BPF_CORE_READ(dentry, d_parent);
	if (parent == dentry) {
		c->done = 1;
		return 1;
	}
	__u32 len = BPF_CORE_READ(dentry, d_name.len);
	const unsigned char *name = BPF_CORE_READ(dentry, d_name.name);
	__u64 pos = *(__u64 *)(c->buf + SF_WALK_POS);
	if (len > SF_NAME_MAX || pos < SF_PATH_AREA + len + 1 + SF_NAME_MAX)
		return 1;
	pos -= len;
	if (bpf_probe_read_kernel(c->buf + SF_PATH_AREA + (pos & SF_PATH_MASK), len & SF_NAME_MAX,
				  name) < 0)
		return 1;
	pos -= 1;
	c->buf[SF_PATH_AREA + (pos & SF_PATH_MASK)] = '/';
	*(__u64 *)(c->buf + SF_WALK_POS) = pos;
	c->dentry = parent;
	return 0;
}

/*
 * The task's working directory, like d_path: walk dentries up to the task's
 * root, crossing mount points, for at most SF_PATH_DEPTH steps. Empty when
 * the walk does not reach the root within that many steps.
 */
static __always_inline void w_dpath(struct writer *w, struct task_struct *task,
				    struct dentry *dentry, struct vfsmount *vfsmnt)
{
	struct fs_struct *fs = BPF_CORE_READ(task, fs);
	struct cwd_walk c = {
		.buf = w->buf,
		.root_dentry = BPF_CORE_READ(fs, root.dentry),
		.root_mnt = BPF_CORE_READ(fs, root.mnt),
		.dentry = dentry,
		.vfsmnt = vfsmnt,
		.done = 0,
	};
	if (!dentry || !vfsmnt) {
		w_empty(w);
		return;
	}
	c.mnt = (void *)c.vfsmnt - bpf_core_field_offset(struct mount, mnt);
	w->buf[SF_PATH_END & (SF_SCRATCH_SIZE - 1)] = 0;
	*(__u64 *)(w->buf + SF_WALK_POS) = SF_PATH_END; /* the NUL */
	bpf_loop(SF_PATH_DEPTH, cwd_step, &c, 0);
	__u64 pos = *(__u64 *)(w->buf + SF_WALK_POS);
	if (!c.done || pos > SF_PATH_END || pos < SF_PATH_AREA) {
		w_empty(w);
		return;
	}
	if (pos == SF_PATH_END) {
		pos -= 1;
		w->buf[SF_PATH_AREA + (pos & SF_PATH_MASK)] = '/';
	}
	__u64 len = SF_PATH_END + 1 - pos;
	if (len > SF_ARG_MAX) {
		w_empty(w);
		return;
	}
	len &= SF_LEN_MASK;
	if (bpf_probe_read_kernel(w->buf + (w->off & SF_OFF_MASK), len,
				  w->buf + SF_PATH_AREA + (pos & SF_PATH_MASK)) < 0)
		len = 0;
	w_len(w, len);
}

static __always_inline void w_cwd(struct writer *w, struct task_struct *task)
{
	struct fs_struct *fs = BPF_CORE_READ(task, fs);
	w_dpath(w, task, BPF_CORE_READ(fs, pwd.dentry), BPF_CORE_READ(fs, pwd.mnt));
}

/* The path of the task's executable (mm->exe_file), resolved like d_path. */
static __always_inline void w_exe_path(struct writer *w, struct task_struct *task)
{
	struct file *exe = BPF_CORE_READ(task, mm, exe_file);
	if (!exe) {
		w_empty(w);
		return;
	}
	w_dpath(w, task, BPF_CORE_READ(exe, f_path.dentry), BPF_CORE_READ(exe, f_path.mnt));
}

/* The thread's cgroup key (see event.h); the loader turns it into the
 * cgroup list. A walk up the cgroup tree here made the verifier give up on
 * the whole sys_exit program, and /proc has the list in the form Falco uses. */
static __always_inline void w_cgroup_key(struct writer *w, struct task_struct *task)
{
	struct sf_cgroup_key key = {};
	key.unified = bpf_get_current_cgroup_id();
	if (bpf_core_enum_value_exists(enum cgroup_subsys_id, memory_cgrp_id)) {
		int idx = bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id);
		struct cgroup_subsys_state *css = 0;
		if (idx >= 0 && idx < 16)
			css = BPF_CORE_READ(task, cgroups, subsys[idx]);
		if (css)
			key.memory = BPF_CORE_READ(css, cgroup, kn, id);
	}
	*(struct sf_cgroup_key *)(w->buf + (w->off & SF_OFF_MASK)) = key;
	w_len(w, sizeof(key));
}

/* Pages to KiB (x86_64's 4 KiB pages). */
#define SF_PAGE_KB 4

/* Rss counter `idx` of `mm` in pages; the percpu total may lag slightly
 * below zero, read as 0 (without a branch: every branch here multiplies the
 * verifier's states of the execve and clone programs). A macro: CO-RE needs
 * the index as a constant. The other kernel layout's branch is pruned at
 * load. */
#define sf_mm_counter(mm, idx)                                                                 \
	({                                                                                     \
		__s64 __n;                                                                     \
		if (bpf_core_type_exists(struct mm_rss_stat))                                  \
			__n = BPF_CORE_READ((struct mm_struct___old *)(mm), rss_stat.count[idx].counter); \
		else                                                                           \
			__n = BPF_CORE_READ((mm), rss_stat[idx].count);                        \
		(__u64)(__n & ~(__n >> 63));                                                   \
	})

/* vm_size, vm_rss and vm_swap in KiB, as /proc/PID/status's VmSize, VmRSS
 * and VmSwap. */
static __always_inline void w_vm(struct writer *w, struct mm_struct *mm)
{
	/* No mm (a kernel thread) reads as zeros. */
	__u64 rss = sf_mm_counter(mm, SF_MM_FILEPAGES) + sf_mm_counter(mm, SF_MM_ANONPAGES) +
		    sf_mm_counter(mm, SF_MM_SHMEMPAGES);
	w_u32(w, (__u32)(BPF_CORE_READ(mm, total_vm) * SF_PAGE_KB));
	w_u32(w, (__u32)(rss * SF_PAGE_KB));
	w_u32(w, (__u32)(sf_mm_counter(mm, SF_MM_SWAPENTS) * SF_PAGE_KB));
}

/*
 * The process part shared by execve and clone exits: exe, args, tid, pid,
 * ptid, cwd, fdlimit, pgft_maj, pgft_min, vm_size, vm_rss, vm_swap, comm,
 * cgroups.
 */
static __always_inline void w_process(struct writer *w, struct task_struct *task, __u64 pid_tgid)
{
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	unsigned long arg_start = BPF_CORE_READ(mm, arg_start);
	unsigned long arg_end = BPF_CORE_READ(mm, arg_end);
	/* exe is argv[0]; args the NUL-separated rest. */
	__u64 exe_off = w->off;
	w_user_str(w, (const void *)arg_start);
	__u64 exe_len = w->off - exe_off;
	if (arg_end > arg_start + exe_len)
		w_user_bytes(w, (const void *)(arg_start + exe_len), arg_end - arg_start - exe_len);
	else
		w_empty(w);
	w_u64(w, pid_tgid & 0xffffffff);
	w_u64(w, pid_tgid >> 32);
	w_u64(w, (__u64)BPF_CORE_READ(task, real_parent, tgid));
	w_cwd(w, task);
	w_u64(w, BPF_CORE_READ(task, signal, rlim[7].rlim_cur)); /* RLIMIT_NOFILE */
	w_u64(w, BPF_CORE_READ(task, maj_flt));
	w_u64(w, BPF_CORE_READ(task, min_flt));
	w_vm(w, mm);
	w_comm(w);
	w_cgroup_key(w, task);
}

/* The controlling terminal's device number, encoded as the kernel's
 * new_encode_dev (as /proc/PID/stat's tty_nr); 0 without one. */
static __always_inline __u32 task_tty(struct task_struct *task)
{
	struct tty_struct *tty = BPF_CORE_READ(task, signal, tty);
	if (!tty)
		return 0;
	__u32 minor = (__u32)(BPF_CORE_READ(tty, driver, minor_start) + BPF_CORE_READ(tty, index));
	__u32 major = (__u32)BPF_CORE_READ(tty, driver, major);
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

/* Since 6.13 the top bit of i_ctime_nsec flags a queried ctime (multigrain
 * timestamps); nanoseconds need 30 bits. */
#define SF_NSEC_MASK 0x3fffffffULL

/* An inode time in ns since the epoch: seconds and nanoseconds apart since
 * 6.11, a timespec64 before (named with two underscores from 6.6 for the
 * ctime, 6.7 for the mtime). The other layouts' branches are pruned at
 * load. */
#define sf_inode_time(inode, t)                                                                \
	({                                                                                     \
		__s64 __sec = 0, __nsec = 0;                                                   \
		struct inode___v66 *__v66 = (void *)(inode);                                   \
		struct inode___v65 *__v65 = (void *)(inode);                                   \
		if (bpf_core_field_exists((inode)->i_##t##_sec)) {                             \
			__sec = BPF_CORE_READ((inode), i_##t##_sec);                           \
			__nsec = BPF_CORE_READ((inode), i_##t##_nsec);                         \
		} else if (bpf_core_field_exists(__v66->__i_##t)) {                            \
			__sec = BPF_CORE_READ(__v66, __i_##t.tv_sec);                          \
			__nsec = BPF_CORE_READ(__v66, __i_##t.tv_nsec);                        \
		} else if (bpf_core_field_exists(__v65->i_##t)) {                              \
			__sec = BPF_CORE_READ(__v65, i_##t.tv_sec);                            \
			__nsec = BPF_CORE_READ(__v65, i_##t.tv_nsec);                          \
		}                                                                              \
		(__u64)__sec * 1000000000ULL + ((__u64)__nsec & SF_NSEC_MASK);                 \
	})

/* Falco's capability bits are the kernel's, up to CAP_CHECKPOINT_RESTORE (40). */
#define SF_CAP_MASK ((1ULL << 41) - 1)

/* A kernel_cap_t field of `cred`, read whole (see core_types.h). */
#define sf_cap(cred, field)                                                                    \
	({                                                                                     \
		__u64 __c = 0;                                                                 \
		bpf_core_read(&__c, sizeof(__c), &(cred)->field);                              \
		__c & SF_CAP_MASK;                                                            \
	})

/* loginuid, flags, the three capability sets and the executable's inode,
 * ctime and mtime of a successful execve. */
static __always_inline void w_exec_identity(struct writer *w, struct task_struct *task)
{
	if (bpf_core_field_exists(task->loginuid)) {
		__u32 loginuid = 0;
		bpf_core_read(&loginuid, sizeof(loginuid), &task->loginuid);
		w_u32(w, loginuid);
	} else {
		w_empty(w); /* no CONFIG_AUDIT */
	}
	w_empty(w); /* flags */
	const struct cred *cred = BPF_CORE_READ(task, cred);
	w_u64(w, sf_cap(cred, cap_inheritable));
	w_u64(w, sf_cap(cred, cap_permitted));
	w_u64(w, sf_cap(cred, cap_effective));
	/* No branch for a missing executable: its reads give zeros. */
	struct inode *inode = BPF_CORE_READ(task, mm, exe_file, f_inode);
	w_u64(w, BPF_CORE_READ(inode, i_ino));
	w_u64(w, sf_inode_time(inode, ctime));
	w_u64(w, sf_inode_time(inode, mtime));
}

/* The number of `pid` in the pid namespace at `level` (0: the initial
 * one); 0 when it has none there (created in a namespace below that
 * level's) or is unreadable. No branches: every one multiplies the
 * verifier's states of the whole program. A failed read leaves 0. */
static __always_inline __s64 pid_nr_at(struct pid *pid, unsigned int level)
{
	unsigned int own = BPF_CORE_READ(pid, level) & 63;
	level &= 63;
	__u64 at = (__u64)pid + bpf_core_field_offset(struct pid, numbers) +
		   (__u64)level * bpf_core_type_size(struct upid) +
		   bpf_core_field_offset(struct upid, nr);
	int nr = 0;
	bpf_probe_read_kernel(&nr, sizeof(nr), (const void *)at);
	/* 1 when own >= level, else 0. */
	__s64 visible = (((__s64)own - (__s64)level) >> 63) + 1;
	return (__s64)nr * visible;
}

/* A thread's id in its innermost pid namespace (what getpid and gettid
 * return inside a container); 0 when unreadable. */
static __always_inline __s64 id_in_own_ns(struct task_struct *task)
{
	struct pid *pid = BPF_CORE_READ(task, thread_pid);
	return pid_nr_at(pid, BPF_CORE_READ(pid, level));
}

/* The process group of `task` (signal->pids[PIDTYPE_PGID]). */
static __always_inline struct pid *task_pgrp(struct task_struct *task)
{
	return BPF_CORE_READ(task, signal, pids[2]);
}

static __always_inline void emit_execve(__u16 type, long ret, struct pt_regs *regs, __u64 pid_tgid)
{
	struct writer w;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	/* execve: 31 parameters, the last the `filename` given; a failed
	 * execveat: 30 (its current event has no filename). */
	if (w_begin(&w, type, type == SF_EXECVE_19_X ? 31 : 30, pid_tgid & 0xffffffff))
		return;
	w_u64(&w, ret);
	if (ret == 0) {
		w_process(&w, task, pid_tgid);
	} else {
		/* Failed: the old image is still there; report the path given. */
		const void *path = (const void *)(regs->orig_ax == 59 ? regs->di : regs->si);
		w_user_str(&w, path);
		w_empty(&w); /* args */
		w_u64(&w, pid_tgid & 0xffffffff);
		w_u64(&w, pid_tgid >> 32);
		w_u64(&w, (__u64)BPF_CORE_READ(task, real_parent, tgid));
		for (int i = 0; i < 7; i++) /* cwd .. vm_swap */
			w_empty(&w);
		w_comm(&w);
		w_cgroup_key(&w, task);
	}
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	unsigned long env_start = BPF_CORE_READ(mm, env_start);
	unsigned long env_end = BPF_CORE_READ(mm, env_end);
	if (ret == 0 && env_end > env_start)
		w_user_bytes(&w, (const void *)env_start, env_end - env_start);
	else
		w_empty(&w);
	if (ret == 0)
		w_u32(&w, task_tty(task));
	else
		w_empty(&w); /* tty */
	/* vpgid: the group's id in the namespace of the thread. */
	struct pid *pgrp = task_pgrp(task);
	w_u64(&w, pid_nr_at(pgrp, BPF_CORE_READ(task, thread_pid, level)));
	if (ret == 0) {
		w_exec_identity(&w, task);
	} else {
		/* loginuid, flags, cap_inheritable, cap_permitted,
		 * cap_effective, exe_ino, exe_ino_ctime, exe_ino_mtime */
		for (int i = 0; i < 8; i++)
			w_empty(&w);
	}
	__u64 uid_gid = bpf_get_current_uid_gid();
	w_u32(&w, (__u32)uid_gid);
	if (ret == 0)
		w_exe_path(&w, task);
	else
		w_empty(&w); /* trusted_exepath */
	w_u64(&w, pid_nr_at(pgrp, 0)); /* pgid */
	w_u32(&w, (__u32)(uid_gid >> 32));
	if (type == SF_EXECVE_19_X) {
		/* filename: the path as given (Falco's bprm->filename). A failed
		 * exec still has the caller's memory; after a successful one the
		 * kernel has copied it onto the new stack right after the
		 * environment strings, at env_end (AT_EXECFN points there). */
		w_user_str(&w, ret == 0 ? (const void *)env_end : (const void *)regs->di);
	}
	w_submit(&w);
}

static __always_inline void emit_clone(__u16 type, long ret, struct pt_regs *regs, __u64 pid_tgid)
{
	struct writer w;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u64 flags = 0;
	if (type == SF_CLONE_20_X) {
		flags = regs->di;
	} else if (type == SF_CLONE3_X) {
		/* struct clone_args starts with its u64 flags. */
		if (bpf_probe_read_user(&flags, sizeof(flags), (const void *)regs->di) < 0)
			flags = 0;
	} else if (type == SF_VFORK_20_X) {
		flags = 0x4000 | 0x100; /* CLONE_VFORK | CLONE_VM */
	}
	/* res .. cgroups, flags, uid, gid, vtid, vpid, then
	 * pidns_init_start_ts, not collected yet. */
	if (w_begin(&w, type, 21, pid_tgid & 0xffffffff))
		return;
	w_u64(&w, ret);
	w_process(&w, task, pid_tgid);
	w_u32(&w, clone_flags_to_ppm(flags));
	__u64 uid_gid = bpf_get_current_uid_gid();
	w_u32(&w, (__u32)uid_gid);
	w_u32(&w, (__u32)(uid_gid >> 32));
	w_u64(&w, id_in_own_ns(task));
	w_u64(&w, id_in_own_ns(BPF_CORE_READ(task, group_leader)));
	w_empty(&w);
	w_submit(&w);
}

static __always_inline void emit_open(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	__u64 flags, mode;
	const void *path;
	__u64 resolve = 0;
	long dirfd = 0;
	if (type == SF_OPEN_X) {
		path = (const void *)regs->di;
		flags = regs->si;
		mode = regs->dx;
	} else if (type == SF_OPENAT_2_X) {
		dirfd = (int)regs->di;
		path = (const void *)regs->si;
		flags = regs->dx;
		mode = regs->r10;
	} else {
		/* openat2: struct open_how { u64 flags, mode, resolve; } */
		__u64 how[3] = {};
		dirfd = (int)regs->di;
		path = (const void *)regs->si;
		if (bpf_probe_read_user(how, sizeof(how), (const void *)regs->dx) < 0) {
			how[0] = 0;
			how[1] = 0;
			how[2] = 0;
		}
		flags = how[0];
		mode = how[1];
		resolve = how[2];
	}
	__u32 nparams = type == SF_OPEN_X ? 6 : type == SF_OPENAT_2_X ? 7 : 8;
	if (w_begin(&w, type, nparams, tid))
		return;
	w_u64(&w, ret);
	if (type != SF_OPEN_X)
		w_u64(&w, dirfd);
	w_user_str(&w, path);
	w_u32(&w, open_flags_to_ppm(flags));
	w_u32(&w, open_mode(flags, mode));
	if (type == SF_OPENAT2_X)
		w_u32(&w, (__u32)resolve); /* raw RESOLVE_* bits */
	w_empty(&w); /* dev */
	w_empty(&w); /* ino */
	w_submit(&w);
}

/* read and write exits, the bulk of any capture, built in place in the ring
 * in the compact form `struct sf_rw_compact` (event.h), which the loader
 * expands to the Falco event the generic writer would have made (res, data
 * empty, fd, size): 32 bytes instead of 56, so a ring holds more than half
 * as many again of them, and the probe writes four aligned words. */
static __always_inline void emit_read_write(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	__u32 zero = 0;
	struct sf_stats *st = bpf_map_lookup_elem(&stats, &zero);
	__u64 ts = clock_rw(tid);
	__u64 flags = rb_flags(st, ts);
	struct sf_rw_compact *r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		if (st)
			st->drops_full++;
		return;
	}
	__u64 cpu = (__u16)bpf_get_smp_processor_id();
	/* Whole words, assembled in registers (little-endian): the fields'
	 * own stores are as many again. */
	__u64 *w = (__u64 *)r;
	w[0] = (SF_COMPACT_MARK | cpu) | (__u64)type << 16 | (tid & 0xffffffff) << 32;
	w[1] = ts;
	w[2] = (__u64)ret;
	w[3] = ((__u64)regs->di & 0xffffffff) | (__u64)(__u32)regs->dx << 32;
	bpf_ringbuf_submit(r, flags);
	if (st)
		st->events++;
}

/* res, data (not captured), fd, size[, pos] */
static __always_inline void emit_rw(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	__u32 nparams = (type == SF_PREAD_X || type == SF_PWRITE_X) ? 5 : 4;
	if (w_begin(&w, type, nparams, tid))
		return;
	w_u64(&w, ret);
	if (type == SF_READV_X) {
		w_empty(&w); /* size: the iovecs are not summed */
		w_empty(&w); /* data */
		w_u64(&w, (long)(int)regs->di);
	} else {
		w_empty(&w); /* data */
		w_u64(&w, (long)(int)regs->di);
		if (type == SF_WRITEV_X)
			w_empty(&w);
		else
			w_u32(&w, (__u32)regs->dx);
		if (nparams == 5)
			w_u64(&w, regs->r10);
	}
	w_submit(&w);
}

/* The file fd `fd` of `task`'s table holds (task->files->fdt->fd[fd]),
 * or 0. */
static __always_inline struct file *fd_file(struct task_struct *task, long fd)
{
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	unsigned int max = BPF_CORE_READ(fdt, max_fds);
	if (fd < 0 || fd >= max)
		return 0;
	struct file **fds = BPF_CORE_READ(fdt, fd);
	struct file *f = 0;
	if (bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]) < 0)
		return 0;
	return f;
}

/* The kernel socket of the current task's fd `fd`, or 0. */
static __always_inline struct sock *fd_sock(long fd)
{
	struct file *f = fd_file((struct task_struct *)bpf_get_current_task(), fd);
	if (!f)
		return 0;
	struct socket *s = BPF_CORE_READ(f, private_data);
	return s ? BPF_CORE_READ(s, sk) : 0;
}

/* Longest unix socket path (sun_path's size). */
#define SF_UNIX_PATH_MAX 108

/*
 * The path of a unix socket address whose sun_path (kernel memory, or
 * user memory if `user`) holds `len` bytes, written at `p` with a NUL: an
 * abstract name (a leading NUL, no terminating one) without that leading
 * NUL, as Falco writes it; a lone NUL when there is none or it cannot be
 * read. Returns the bytes written.
 */
static __always_inline __u64 w_unix_path(__u8 *p, const char *sun_path, int user, __u64 len)
{
	char first = 0;
	long n = -1;
	if (sun_path && len > 0) {
		if (user)
			bpf_probe_read_user(&first, 1, sun_path);
		else
			bpf_probe_read_kernel(&first, 1, sun_path);
		if (!first) {
			sun_path++;
			len--;
		}
		if (len > SF_UNIX_PATH_MAX)
			len = SF_UNIX_PATH_MAX;
		/* Room for the NUL, which an abstract name does not have. */
		__u32 size = (__u32)(len + 1) & 0xff;
		n = user ? bpf_probe_read_user_str(p, size, sun_path)
			 : bpf_probe_read_kernel_str(p, size, sun_path);
	}
	if (n <= 0) {
		p[0] = 0;
		n = 1;
	}
	return (__u64)n;
}

/* The path of the address a unix socket is bound to (see w_unix_path). */
static __always_inline __u64 w_unix_bound_path(__u8 *p, struct sock *sk)
{
	struct unix_address *addr = BPF_CORE_READ((struct unix_sock *)sk, addr);
	if (!addr)
		return w_unix_path(p, 0, 0, 0);
	/* len counts sun_family's 2 bytes. */
	int len = BPF_CORE_READ(addr, len) - 2;
	const char *path = (const char *)addr + bpf_core_field_offset(struct unix_address, name) + 2;
	return w_unix_path(p, path, 0, len > 0 ? len : 0);
}

/*
 * A socket tuple, as Falco's modern probe fills it: from the kernel
 * socket, the client's end first (so the local end is the source of an
 * outbound call, connect and sends, and the destination of an inbound one,
 * accept and receives). Where the socket has no remote port (unconnected
 * UDP), the remote end is `uaddr`, the address the call names (sendto's
 * destination, recvfrom's source as filled at exit, a msghdr's msg_name),
 * when there is one. Unix tuples are (peer, local) outbound and (local,
 * peer) inbound, with the path of the peer's address outbound (of `uaddr`,
 * `ulen` bytes long, when there is no peer) and of the local one inbound.
 */
static __always_inline void w_socktuple(struct writer *w, struct sock *sk, int inbound,
					const void *uaddr, __u64 ulen)
{
	if (!sk) {
		w_empty(w);
		return;
	}
	__u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	__u16 lport = BPF_CORE_READ(sk, __sk_common.skc_num);
	__u16 rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	__u8 *p = w->buf + (w->off & SF_OFF_MASK);
	if (family == 2 /* AF_INET */) {
		__u32 laddr = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		__u32 raddr = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		if (rport == 0 && uaddr) {
			/* sockaddr_in: family, port, address; zeros if unreadable. */
			__u16 sa[4] = {};
			bpf_probe_read_user(sa, sizeof(sa), uaddr);
			rport = bpf_ntohs(sa[1]);
			raddr = *(__u32 *)&sa[2];
		}
		p[0] = PPM_AF_INET;
		*(__u32 *)(p + 1) = inbound ? raddr : laddr;
		*(__u16 *)(p + 5) = inbound ? rport : lport;
		*(__u32 *)(p + 7) = inbound ? laddr : raddr;
		*(__u16 *)(p + 11) = inbound ? lport : rport;
		w_len(w, 13);
	} else if (family == 10 /* AF_INET6 */) {
		struct in6_addr l = BPF_CORE_READ(sk, __sk_common.skc_v6_rcv_saddr);
		struct in6_addr r = BPF_CORE_READ(sk, __sk_common.skc_v6_daddr);
		if (rport == 0 && uaddr) {
			/* sockaddr_in6: family, port, flowinfo, address. */
			__u8 sa[24] = {};
			bpf_probe_read_user(sa, sizeof(sa), uaddr);
			rport = bpf_ntohs(*(__u16 *)(sa + 2));
			__builtin_memcpy(&r, sa + 8, 16);
		}
		p[0] = PPM_AF_INET6;
		__builtin_memcpy(p + 1, inbound ? &r : &l, 16);
		*(__u16 *)(p + 17) = inbound ? rport : lport;
		__builtin_memcpy(p + 19, inbound ? &l : &r, 16);
		*(__u16 *)(p + 35) = inbound ? lport : rport;
		w_len(w, 37);
	} else if (family == 1 /* AF_UNIX */) {
		struct sock *peer = BPF_CORE_READ((struct unix_sock *)sk, peer);
		p[0] = PPM_AF_UNIX;
		*(__u64 *)(p + 1) = inbound ? (__u64)sk : (__u64)peer;
		*(__u64 *)(p + 9) = inbound ? (__u64)peer : (__u64)sk;
		__u64 n;
		if (inbound)
			n = w_unix_bound_path(p + 17, sk);
		else if (peer)
			n = w_unix_bound_path(p + 17, peer);
		else
			n = w_unix_path(p + 17, uaddr ? (const char *)uaddr + 2 : 0, 1,
					ulen > 2 ? ulen - 2 : 0);
		w_len(w, 17 + (n & 0xff));
	} else {
		w_empty(w);
	}
}

/* A socket address from user memory, in Falco's encoding. */
static __always_inline void w_user_sockaddr(struct writer *w, const void *addr, __u64 addrlen)
{
	__u8 sa[28] = {};
	__u8 *p = w->buf + (w->off & SF_OFF_MASK);
	if (!addr || addrlen < 2 || bpf_probe_read_user(sa, sizeof(sa), addr) < 0) {
		/* Short sockaddrs may end near a page boundary: retry with the family only. */
		if (!addr || addrlen < 2 || bpf_probe_read_user(sa, 2, addr) < 0) {
			w_empty(w);
			return;
		}
	}
	__u16 family = *(__u16 *)sa;
	if (family == 2 && addrlen >= 8) {
		p[0] = PPM_AF_INET;
		__builtin_memcpy(p + 1, sa + 4, 4);
		*(__u16 *)(p + 5) = bpf_ntohs(*(__u16 *)(sa + 2));
		w_len(w, 7);
	} else if (family == 10 && addrlen >= 24) {
		p[0] = PPM_AF_INET6;
		__builtin_memcpy(p + 1, sa + 8, 16);
		*(__u16 *)(p + 17) = bpf_ntohs(*(__u16 *)(sa + 2));
		w_len(w, 19);
	} else if (family == 1) {
		p[0] = PPM_AF_UNIX;
		__u64 n = w_unix_path(p + 1, (const char *)addr + 2, 1, addrlen - 2);
		w_len(w, 1 + (n & 0xff));
	} else {
		w_empty(w);
	}
}

static __always_inline void emit_connect(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	long fd = (int)regs->di;
	if (w_begin(&w, SF_CONNECT_X, 4, tid))
		return;
	w_u64(&w, ret);
	if (ret == 0 || ret == -EINPROGRESS)
		w_socktuple(&w, fd_sock(fd), 0, (const void *)regs->si, regs->dx);
	else
		w_empty(&w);
	w_u64(&w, fd);
	w_user_sockaddr(&w, (const void *)regs->si, regs->dx);
	w_submit(&w);
}

static __always_inline void emit_accept(__u16 type, long ret, __u64 tid)
{
	struct writer w;
	if (w_begin(&w, type, type == SF_ACCEPT4_6_X ? 6 : 5, tid))
		return;
	w_u64(&w, ret);
	w_socktuple(&w, ret >= 0 ? fd_sock(ret) : 0, 1, 0, 0);
	w_empty(&w); /* queuepct */
	w_empty(&w); /* queuelen */
	w_empty(&w); /* queuemax */
	if (type == SF_ACCEPT4_6_X)
		w_empty(&w); /* flags */
	w_submit(&w);
}

static __always_inline void emit_close(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	if (w_begin(&w, SF_CLOSE_X, 2, tid))
		return;
	w_u64(&w, ret);
	w_u64(&w, (long)(int)regs->di);
	w_submit(&w);
}

/* struct user_msghdr, as sendmsg and recvmsg take it (x86_64). */
struct sf_msghdr {
	__u64 msg_name;
	__u32 msg_namelen;
	__u32 pad0;
	__u64 msg_iov;
	__u64 msg_iovlen;
	__u64 msg_control;
	__u64 msg_controllen;
	__u32 msg_flags;
	__u32 pad1;
};

/* struct mmsghdr, as sendmmsg and recvmmsg take it: a msghdr and the
 * bytes the kernel sent or received for it. */
struct sf_mmsghdr {
	struct sf_msghdr hdr;
	__u32 msg_len;
	__u32 pad;
};

/* A message's ancillary data (recvmsg's msgcontrol: SCM_RIGHTS and the
 * like), as the kernel left it at exit; empty without any. */
static __always_inline void w_msgcontrol(struct writer *w, const struct sf_msghdr *m)
{
	if (m->msg_control && m->msg_controllen > 0 && m->msg_controllen <= 0xffff)
		w_user_bytes(w, (const void *)m->msg_control, m->msg_controllen);
	else
		w_empty(w);
}

/* struct cmsghdr (x86_64): a u64 length, header included, then level and
 * type; each header 8-byte aligned. */
struct sf_cmsghdr {
	__u64 len;
	__s32 level;
	__s32 type;
};

#define SF_SOL_SOCKET 1
#define SF_SCM_RIGHTS 1
/* The ancillary data of one SCM_RIGHTS message with one fd (CMSG_LEN(4)):
 * less cannot pass an fd. */
#define SF_CMSG_ONE_FD (sizeof(struct sf_cmsghdr) + 4)

/* Whether a message received on `sk` may have passed fds: its ancillary
 * data can hold one, and the socket is a unix one (only those pass fds).
 * The cheap test first: most receives have no ancillary data. */
static __always_inline int may_pass_fds(struct sock *sk, const struct sf_msghdr *m)
{
	return m->msg_controllen >= SF_CMSG_ONE_FD && m->msg_control && sk &&
	       BPF_CORE_READ(sk, __sk_common.skc_family) == 1 /* AF_UNIX */;
}

/* This CPU's notes for sf_exit_recv_fds (see struct sf_recv_fds). */
static __always_inline struct sf_recv_fds *recv_fds_notes(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&recv_fds, &zero);
}

/* sendto, recvfrom, sendmsg, recvmsg: byte counts and the socket tuple
 * (local end first for sends, remote end first for receives; see
 * w_socktuple), recvmsg's ancillary data. The tuple of a failed call is
 * empty. */
static __always_inline int emit_sendrecv(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	long fd = (int)regs->di;
	__u32 nparams = type == SF_RECVMSG_X ? 6 : 5;
	int inbound = type == SF_RECVFROM_X || type == SF_RECVMSG_X;
	struct sock *sk = ret >= 0 ? fd_sock(fd) : 0;
	struct sf_msghdr m = {};
	/* sendto's and recvfrom's address; sendto's length (recvfrom's is
	 * not needed: inbound unix tuples have the local path). */
	const void *uaddr = (const void *)regs->r8;
	__u64 ulen = type == SF_SENDTO_X ? (__u32)regs->r9 : 0;
	if (type == SF_SENDMSG_X || type == SF_RECVMSG_X) {
		if (bpf_probe_read_user(&m, sizeof(m), (const void *)regs->si) < 0)
			__builtin_memset(&m, 0, sizeof(m));
		uaddr = (const void *)m.msg_name;
		ulen = m.msg_namelen;
	}
	if (w_begin(&w, type, nparams, tid))
		return 0;
	w_u64(&w, ret);
	if (type == SF_SENDTO_X) {
		w_empty(&w); /* data */
		w_u64(&w, fd);
		w_u32(&w, (__u32)regs->dx);
		w_socktuple(&w, sk, inbound, uaddr, ulen);
	} else if (type == SF_RECVFROM_X) {
		w_empty(&w); /* data */
		w_socktuple(&w, sk, inbound, uaddr, ulen);
		w_u64(&w, fd);
		w_u32(&w, (__u32)regs->dx);
	} else if (type == SF_SENDMSG_X) {
		w_empty(&w); /* data */
		w_u64(&w, fd);
		w_empty(&w); /* size: the iovecs are not summed */
		w_socktuple(&w, sk, inbound, uaddr, ulen);
	} else {
		w_u32(&w, ret > 0 ? (__u32)ret : 0); /* size: what was received */
		w_empty(&w); /* data */
		w_socktuple(&w, sk, inbound, uaddr, ulen);
		if (ret >= 0)
			w_msgcontrol(&w, &m);
		else
			w_empty(&w);
		w_u64(&w, fd);
	}
	w_submit(&w);
	/* A receive that may have passed fds: its fds are described next, by
	 * sf_exit_recv_fds, at this event's time. */
	if (type == SF_RECVMSG_X && ret >= 0 && may_pass_fds(sk, &m)) {
		struct sf_recv_fds *r = recv_fds_notes();
		if (!r)
			return 0;
		r->ts[0] = ((struct sf_record *)w.buf)->evt.ts;
		r->mask = 1;
		return 1;
	}
	return 0;
}

static __always_inline void emit_socket(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	if (w_begin(&w, SF_SOCKET_X, 5, tid))
		return;
	w_u64(&w, ret);
	/* PPM_AF_* equal the kernel's AF_* for every family. */
	w_u32(&w, (__u32)regs->di);
	w_u32(&w, (__u32)regs->si);
	w_u32(&w, (__u32)regs->dx);
	w_empty(&w); /* flags */
	w_submit(&w);
}

static __always_inline void emit_bind(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	if (w_begin(&w, SF_BIND_X, 3, tid))
		return;
	w_u64(&w, ret);
	w_user_sockaddr(&w, (const void *)regs->si, regs->dx);
	w_u64(&w, (long)(int)regs->di);
	w_submit(&w);
}

static __always_inline void emit_listen(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	if (w_begin(&w, SF_LISTEN_X, 3, tid))
		return;
	w_u64(&w, ret);
	w_u64(&w, (long)(int)regs->di);
	w_u32(&w, (__u32)regs->si);
	w_submit(&w);
}

/* dup (res, oldfd), dup2 (+ newfd), dup3 (+ flags). */
static __always_inline void emit_dup(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	__u32 nparams = type == SF_DUP_1_X ? 2 : type == SF_DUP2_X ? 3 : 4;
	if (w_begin(&w, type, nparams, tid))
		return;
	w_u64(&w, ret);
	w_u64(&w, (long)(int)regs->di);
	if (type != SF_DUP_1_X)
		w_u64(&w, (long)(int)regs->si);
	if (type == SF_DUP3_X)
		w_u32(&w, (regs->dx & 02000000) ? 1 << 12 : 0); /* PPM_O_CLOEXEC */
	w_submit(&w);
}

/* pipe (res, fd1, fd2, ino), pipe2 (+ flags). */
static __always_inline void emit_pipe(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	int fds[2] = {-1, -1};
	if (ret == 0 && bpf_probe_read_user(fds, sizeof(fds), (const void *)regs->di) < 0) {
		fds[0] = -1;
		fds[1] = -1;
	}
	if (w_begin(&w, type, type == SF_PIPE_X ? 4 : 5, tid))
		return;
	w_u64(&w, ret);
	w_u64(&w, (long)fds[0]);
	w_u64(&w, (long)fds[1]);
	w_empty(&w); /* ino */
	if (type == SF_PIPE2_X)
		w_u32(&w, open_flags_to_ppm(regs->si & ~3UL) & ~1U);
	w_submit(&w);
}

/* Argument `n` (0-5) of the syscall, from the saved registers. */
static __always_inline __u64 arg(struct pt_regs *regs, int n)
{
	switch (n) {
	case 0:
		return regs->di;
	case 1:
		return regs->si;
	case 2:
		return regs->dx;
	case 3:
		return regs->r10;
	case 4:
		return regs->r8;
	default:
		return regs->r9;
	}
}

#define W_FD(n) w_u64(&w, (long)(int)arg(regs, n))
#define W_PATH(n) w_user_str(&w, (const void *)arg(regs, n))
#define W_U32(n) w_u32(&w, (__u32)arg(regs, n))
#define W_MODE(n) w_u32(&w, (__u32)arg(regs, n) & 07777)

/* File-system events: res, then paths, dirfds and modes from the arguments
 * (flags of unlinkat, linkat and renameat2 are not encoded yet: empty). */
static __always_inline void emit_fs(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	__u32 nparams;
	switch (type) {
	case SF_RMDIR_2_X:
	case SF_UNLINK_2_X:
		nparams = 2;
		break;
	case SF_MKDIR_2_X:
	case SF_RENAME_X:
	case SF_LINK_2_X:
	case SF_SYMLINK_X:
	case SF_CHMOD_X:
	case SF_FCHMOD_X:
		nparams = 3;
		break;
	case SF_MKDIRAT_X:
	case SF_UNLINKAT_2_X:
	case SF_SYMLINKAT_X:
	case SF_FCHMODAT_X:
		nparams = 4;
		break;
	case SF_RENAMEAT_X:
		nparams = 5;
		break;
	default: /* linkat, renameat2 */
		nparams = 6;
		break;
	}
	if (w_begin(&w, type, nparams, tid))
		return;
	w_u64(&w, ret);
	switch (type) {
	case SF_RMDIR_2_X:
	case SF_UNLINK_2_X:
		W_PATH(0);
		break;
	case SF_MKDIR_2_X:
	case SF_CHMOD_X:
		W_PATH(0);
		W_MODE(1);
		break;
	case SF_FCHMOD_X:
		W_FD(0);
		W_MODE(1);
		break;
	case SF_RENAME_X:
	case SF_LINK_2_X:
	case SF_SYMLINK_X:
		W_PATH(0);
		W_PATH(1);
		break;
	case SF_MKDIRAT_X:
	case SF_FCHMODAT_X:
		W_FD(0);
		W_PATH(1);
		W_MODE(2);
		break;
	case SF_UNLINKAT_2_X:
		W_FD(0);
		W_PATH(1);
		w_empty(&w);
		break;
	case SF_SYMLINKAT_X:
		W_PATH(0);
		W_FD(1);
		W_PATH(2);
		break;
	default: /* renameat, linkat, renameat2 */
		W_FD(0);
		W_PATH(1);
		W_FD(2);
		W_PATH(3);
		if (type != SF_RENAMEAT_X)
			w_empty(&w);
		break;
	}
	w_submit(&w);
}

/* creat: fd, name, mode, dev, ino, creat_flags. */
static __always_inline void emit_creat(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	if (w_begin(&w, SF_CREAT_X, 6, tid))
		return;
	w_u64(&w, ret);
	W_PATH(0);
	W_MODE(1);
	w_empty(&w); /* dev */
	w_empty(&w); /* ino */
	w_empty(&w); /* creat_flags */
	w_submit(&w);
}

/* The credential changes: setuid and setgid (res, id), setresuid and
 * setresgid (res, real, effective, saved), setreuid and setregid (res,
 * real, effective), as given (-1 leaves one unchanged); and setns (res,
 * fd, nstype), shutdown (res, fd, how). */
static __always_inline void emit_ids(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	__u32 nparams;
	switch (type) {
	case SF_SETUID_X:
	case SF_SETGID_X:
		nparams = 2;
		break;
	case SF_SETRESUID_X:
	case SF_SETRESGID_X:
		nparams = 4;
		break;
	default:
		nparams = 3;
		break;
	}
	if (w_begin(&w, type, nparams, tid))
		return;
	w_u64(&w, ret);
	if (type == SF_SETUID_X || type == SF_SETGID_X) {
		W_U32(0);
	} else if (type == SF_SETRESUID_X || type == SF_SETRESGID_X) {
		W_U32(0);
		W_U32(1);
		W_U32(2);
	} else if (type == SF_SETREUID_X || type == SF_SETREGID_X) {
		W_U32(0);
		W_U32(1);
	} else if (type == SF_SETNS_X) {
		W_FD(0);
		w_u32(&w, clone_flags_to_ppm(arg(regs, 1)));
	} else {
		W_FD(0);
		w_u8(&w, (__u8)arg(regs, 1)); /* PPM_SHUT_* equal SHUT_* */
	}
	w_submit(&w);
}

/* socketpair: res, fd1, fd2, source, peer, domain, type, proto. */
static __always_inline void emit_socketpair(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	int fds[2] = {-1, -1};
	if (ret == 0 && bpf_probe_read_user(fds, sizeof(fds), (const void *)regs->r10) < 0) {
		fds[0] = -1;
		fds[1] = -1;
	}
	/* source: the first fd's sock; peer: its peer, the second's (what
	 * unix tuples on these fds carry). */
	struct sock *source = ret == 0 ? fd_sock(fds[0]) : 0;
	struct sock *peer = source ? BPF_CORE_READ((struct unix_sock *)source, peer) : 0;
	if (w_begin(&w, SF_SOCKETPAIR_X, 8, tid))
		return;
	w_u64(&w, ret);
	w_u64(&w, (long)fds[0]);
	w_u64(&w, (long)fds[1]);
	w_u64(&w, (__u64)source);
	w_u64(&w, (__u64)peer);
	W_U32(0);
	W_U32(1);
	W_U32(2);
	w_submit(&w);
}

/* preadv (res, size, data, fd, pos), pwritev (res, data, fd, size, pos). */
static __always_inline void emit_vec(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	long fd = (int)regs->di;
	if (w_begin(&w, type, 5, tid))
		return;
	w_u64(&w, ret);
	if (type == SF_PREADV_X) {
		w_empty(&w); /* size */
		w_empty(&w); /* data */
		w_u64(&w, fd);
		w_u64(&w, regs->dx);
	} else {
		w_empty(&w); /* data */
		w_u64(&w, fd);
		w_empty(&w); /* size */
		w_u64(&w, regs->dx);
	}
	w_submit(&w);
}

struct mmsg_walk {
	struct sf_mmsghdr *msgs; /* user memory */
	struct sock *sk;
	long fd;
	__u64 tid;
	__u16 type;
	/* recvmmsg: the notes for sf_exit_recv_fds. In the map, not here: a
	 * value here that changes from message to message would make the
	 * verifier walk the callback once per value (21k more instructions). */
	struct sf_recv_fds *notes;
};

/* One message of a sendmmsg or recvmmsg (a bpf_loop callback): res and
 * size are the bytes it carried, the tuple its own (its msg_name for an
 * unconnected socket), recvmmsg's msgcontrol its ancillary data. */
static long mmsg_step(__u64 i, void *arg)
{
	struct mmsg_walk *c = arg;
	struct sf_mmsghdr m = {};
	if (bpf_probe_read_user(&m, sizeof(m), c->msgs + (i & (SF_MMSG_MAX - 1))) < 0)
		return 1;
	struct writer w;
	int recv = c->type == SF_RECVMMSG_X;
	if (w_begin(&w, c->type, recv ? 6 : 5, c->tid))
		return 1;
	w_u64(&w, m.msg_len);
	w_u64(&w, c->fd);
	if (recv)
		w_u32(&w, m.msg_len);
	else
		w_empty(&w); /* size: the iovecs are not summed */
	w_empty(&w); /* data */
	w_socktuple(&w, c->sk, recv, (const void *)m.hdr.msg_name, m.hdr.msg_namelen);
	if (recv)
		w_msgcontrol(&w, &m.hdr);
	w_submit(&w);
	if (c->notes && may_pass_fds(c->sk, &m.hdr)) {
		c->notes->ts[i & (SF_MMSG_MAX - 1)] = ((struct sf_record *)w.buf)->evt.ts;
		c->notes->mask |= 1U << (i & (SF_MMSG_MAX - 1));
	}
	return 0;
}

/* sendmmsg and recvmmsg (res, fd, size, data, tuple; recvmmsg's
 * msgcontrol): as Falco's modern probe, one event per message handled (at
 * most SF_MMSG_MAX), or one with the error (or 0) and empty parameters.
 * Returns 1 when messages of a recvmmsg may have passed fds (noted for
 * sf_exit_recv_fds). */
static __always_inline int emit_mmsg(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	long fd = (int)regs->di;
	if (ret > 0) {
		struct mmsg_walk c = {
			.msgs = (struct sf_mmsghdr *)regs->si,
			.sk = fd_sock(fd),
			.fd = fd,
			.tid = tid,
			.type = type,
			.notes = type == SF_RECVMMSG_X ? recv_fds_notes() : 0,
		};
		if (c.notes)
			c.notes->mask = 0;
		bpf_loop(ret < SF_MMSG_MAX ? ret : SF_MMSG_MAX, mmsg_step, &c, 0);
		return c.notes && c.notes->mask;
	}
	struct writer w;
	int recv = type == SF_RECVMMSG_X;
	if (w_begin(&w, type, recv ? 6 : 5, tid))
		return 0;
	w_u64(&w, ret);
	w_u64(&w, fd);
	w_u32(&w, 0); /* size */
	w_empty(&w); /* data */
	w_empty(&w); /* tuple */
	if (recv)
		w_empty(&w); /* msgcontrol */
	w_submit(&w);
	return 0;
}

/* The working directory and root: chdir and chroot (res, path as given),
 * fchdir (res, fd). */
static __always_inline void emit_cwd(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	if (w_begin(&w, type, 2, tid))
		return;
	w_u64(&w, ret);
	if (type == SF_FCHDIR_X)
		W_FD(0);
	else
		W_PATH(0);
	w_submit(&w);
}

/* Falco's encoding of O_NONBLOCK and O_CLOEXEC in the flags of eventfd2,
 * signalfd4, timerfd_create and inotify_init1 (PPM_O_NONBLOCK,
 * PPM_O_CLOEXEC); a negative (invalid) value encodes as none. */
static __always_inline __u32 nonblock_cloexec_to_ppm(__u64 arg)
{
	int f = (int)arg;
	if (f < 0)
		return 0;
	return ((f & 04000) ? 1 << 6 : 0) | ((f & 02000000) ? 1 << 12 : 0);
}

/*
 * The other syscalls that create fds, each with every parameter of its
 * exit event, filled as Falco's modern probe fills them: eventfd (res,
 * initval, flags: eventfd has none, 0), eventfd2 (res, flags, initval),
 * signalfd (res, fd, mask, flags) and signalfd4 (res, flags, fd, mask)
 * with the mask as 0 (Falco does not read it either), timerfd_create
 * (res, clockid, flags: a u8, in which PPM_O_CLOEXEC does not fit and is
 * lost, as in Falco's), inotify_init (res, flags 0), inotify_init1 (res,
 * flags), epoll_create (res, size), epoll_create1 (res, PPM_EPOLL_*
 * flags), memfd_create (fd, name, PPM_MFD_* flags), userfaultfd (res, raw
 * flags), pidfd_open (fd, pid, PPM_PIDFD_* flags) and pidfd_getfd (fd,
 * pid_fd, target_fd, raw flags).
 */
static __always_inline void emit_fd_new(__u16 type, long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	__u32 nparams;
	switch (type) {
	case SF_INOTIFY_INIT_X:
	case SF_INOTIFY_INIT1_X:
	case SF_EPOLL_CREATE_X:
	case SF_EPOLL_CREATE1_X:
	case SF_USERFAULTFD_X:
		nparams = 2;
		break;
	case SF_SIGNALFD_X:
	case SF_SIGNALFD4_X:
	case SF_PIDFD_GETFD_X:
		nparams = 4;
		break;
	default:
		nparams = 3;
		break;
	}
	if (w_begin(&w, type, nparams, tid))
		return;
	w_u64(&w, ret);
	switch (type) {
	case SF_EVENTFD_X:
		w_u64(&w, arg(regs, 0));
		w_u32(&w, 0);
		break;
	case SF_EVENTFD2_X:
		w_u16(&w, (__u16)nonblock_cloexec_to_ppm(arg(regs, 1)));
		w_u64(&w, (__u32)arg(regs, 0));
		break;
	case SF_SIGNALFD_X:
		W_FD(0);
		w_u32(&w, 0); /* mask */
		w_u8(&w, 0);  /* flags */
		break;
	case SF_SIGNALFD4_X:
		w_u16(&w, (__u16)nonblock_cloexec_to_ppm(arg(regs, 3)));
		W_FD(0);
		w_u32(&w, 0); /* mask */
		break;
	case SF_TIMERFD_CREATE_X:
		w_u8(&w, (__u8)arg(regs, 0));
		w_u8(&w, (__u8)nonblock_cloexec_to_ppm(arg(regs, 1)));
		break;
	case SF_INOTIFY_INIT_X:
		w_u8(&w, 0);
		break;
	case SF_INOTIFY_INIT1_X:
		w_u16(&w, (__u16)nonblock_cloexec_to_ppm(arg(regs, 0)));
		break;
	case SF_EPOLL_CREATE_X:
		w_u32(&w, (__u32)(int)arg(regs, 0));
		break;
	case SF_EPOLL_CREATE1_X:
		w_u32(&w, (arg(regs, 0) & 02000000) ? 1 : 0); /* EPOLL_CLOEXEC */
		break;
	case SF_MEMFD_CREATE_X:
		W_PATH(0);
		/* MFD_CLOEXEC, MFD_ALLOW_SEALING and MFD_HUGETLB are PPM_MFD_*'s bits. */
		w_u32(&w, (__u32)arg(regs, 1) & 7);
		break;
	case SF_USERFAULTFD_X:
		W_U32(0);
		break;
	case SF_PIDFD_OPEN_X:
		w_u64(&w, (long)(int)arg(regs, 0));
		w_u32(&w, (arg(regs, 1) & 04000) ? 1 : 0); /* PIDFD_NONBLOCK */
		break;
	default: /* pidfd_getfd */
		W_FD(0);
		W_FD(1);
		W_U32(2);
		break;
	}
	w_submit(&w);
}

/* fcntl commands (Linux's F_*) whose exits are emitted. */
#define SF_F_DUPFD 0
#define SF_F_SETFD 2
#define SF_F_DUPFD_CLOEXEC 1030

/* A deliberate selection: fcntl is among the most frequent syscalls
 * (F_GETFL, F_SETFL around every non-blocking read), and only three of its
 * commands change what libsinsp keeps: F_DUPFD and F_DUPFD_CLOEXEC make a
 * new fd, F_SETFD sets or clears an fd's close-on-exec flag (whose fds a
 * later execve drops). The others are never sent, whatever the selection
 * says (Falco's drop mode keeps the same three). */
static __always_inline int fcntl_changes_state(__u64 cmd)
{
	int c = (int)cmd;
	return c == SF_F_DUPFD || c == SF_F_DUPFD_CLOEXEC || c == SF_F_SETFD;
}

/* fcntl: res, fd, cmd (PPM_FCNTL_*), arg. */
static __always_inline void emit_fcntl(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	int cmd = (int)regs->si;
	if (w_begin(&w, SF_FCNTL_X, 4, tid))
		return;
	w_u64(&w, ret);
	W_FD(0);
	/* PPM_FCNTL_F_DUPFD, _F_DUPFD_CLOEXEC, _F_SETFD. */
	w_u8(&w, cmd == SF_F_DUPFD ? 1 : cmd == SF_F_DUPFD_CLOEXEC ? 26 : 3);
	w_u64(&w, regs->dx);
	w_submit(&w);
}

/* close_range: res, first, last, flags (CLOSE_RANGE_UNSHARE and
 * CLOSE_RANGE_CLOEXEC are PPM_CLOSE_RANGE_*'s bits). */
static __always_inline void emit_close_range(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	if (w_begin(&w, SF_CLOSE_RANGE_X, 4, tid))
		return;
	w_u64(&w, ret);
	W_U32(0);
	W_U32(1);
	w_u32(&w, (__u32)regs->dx & 6);
	w_submit(&w);
}

#define SF_MAP_ANONYMOUS 0x20

/* A deliberate selection: mmap exits only for mappings of a file (no
 * MAP_ANONYMOUS, an fd), the only ones that say anything about an fd (the
 * reference marks the file's flow as mapped); anonymous mappings, most of
 * all mmaps, are never sent. */
static __always_inline int mmap_maps_a_file(struct pt_regs *regs)
{
	return !(regs->r10 & SF_MAP_ANONYMOUS) && (int)regs->r8 >= 0;
}

/* Falco's PPM_PROT_* encoding of mmap's prot (PROT_SAO as Falco's modern
 * probe defines it, whatever the architecture). */
static __always_inline __u32 prot_to_ppm(__u64 p)
{
	__u32 r = (__u32)p & 0xf; /* READ, WRITE, EXEC, SEM */
	if (p & 0x10)
		r |= 1 << 6; /* SAO */
	if (p & 0x01000000)
		r |= 1 << 4; /* GROWSDOWN */
	if (p & 0x02000000)
		r |= 1 << 5; /* GROWSUP */
	return r;
}

/* Falco's PPM_MAP_* encoding of mmap's flags (x86_64's, with MAP_INHERIT
 * as Falco's modern probe defines it). */
static __always_inline __u32 mmap_flags_to_ppm(__u64 f)
{
	__u32 r = 0;
	if (f & 0x01)
		r |= 1 << 0; /* SHARED */
	if (f & 0x02)
		r |= 1 << 1; /* PRIVATE */
	if (f & 0x10)
		r |= 1 << 2; /* FIXED */
	if (f & 0x20)
		r |= 1 << 3; /* ANONYMOUS */
	if (f & 0x40)
		r |= 1 << 4; /* 32BIT */
	if (f & 0x4000)
		r |= 1 << 6; /* NORESERVE */
	if (f & 0x8000)
		r |= 1 << 7; /* POPULATE */
	if (f & 0x10000)
		r |= 1 << 8; /* NONBLOCK */
	if (f & 0x100)
		r |= 1 << 9; /* GROWSDOWN */
	if (f & 0x800)
		r |= 1 << 10; /* DENYWRITE */
	if (f & 0x1000)
		r |= 1 << 11; /* EXECUTABLE */
	if (f & 0x80)
		r |= 1 << 12; /* INHERIT */
	if (f & 0x2000)
		r |= 1 << 14; /* LOCKED */
	return r;
}

/* mmap: res (the address), vm_size, vm_rss, vm_swap after the call, addr,
 * length, prot, flags, fd, offset. */
static __always_inline void emit_mmap(long ret, struct pt_regs *regs, __u64 tid)
{
	struct writer w;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	if (w_begin(&w, SF_MMAP_X, 10, tid))
		return;
	w_u64(&w, ret);
	w_vm(&w, BPF_CORE_READ(task, mm));
	w_u64(&w, regs->di);
	w_u64(&w, regs->si);
	w_u32(&w, prot_to_ppm(regs->dx));
	w_u32(&w, mmap_flags_to_ppm(regs->r10));
	W_FD(4);
	w_u64(&w, regs->r9);
	w_submit(&w);
}

/* File type bits of an inode's mode (S_IF*). */
#define SF_S_IFMT 0170000
#define SF_S_IFSOCK 0140000
#define SF_S_IFLNK 0120000
#define SF_S_IFREG 0100000
#define SF_S_IFBLK 0060000
#define SF_S_IFDIR 0040000
#define SF_S_IFCHR 0020000
#define SF_S_IFIFO 0010000

/* Magic numbers of the pseudo file systems whose files are told apart by
 * their super block (statfs's f_type). */
#define SF_PIPEFS_MAGIC 0x50495045
#define SF_ANON_INODE_FS_MAGIC 0x09041934
#define SF_PIDFS_MAGIC 0x50494446 /* pidfds since 6.9 */

/* Falco's enum anon_inode_fd_type: what an anonymous inode's fd is. */
enum sf_anon_inode {
	SF_ANON_UNKNOWN = 0,
	SF_ANON_EVENTFD = 1,
	SF_ANON_EVENTPOLL = 2,
	SF_ANON_INOTIFY = 3,
	SF_ANON_SIGNALFD = 4,
	SF_ANON_TIMERFD = 5,
	SF_ANON_IO_URING = 6,
	SF_ANON_USERFAULTFD = 7,
	SF_ANON_PIDFD = 8,
	SF_ANON_BPF_MAP = 9,
	SF_ANON_BPF_PROG = 10,
	SF_ANON_BPF_LINK = 11,
	SF_ANON_BPF_ITER = 12,
	SF_ANON_PERF_EVENT = 13,
};

/* Whether `w` (the first 16 bytes of a name, NUL-padded, as two words)
 * is the name `lit` (a literal of at most 15 characters); folded into two
 * comparisons with constants. */
#define SF_NAME_IS(w, lit)                                                                     \
	({                                                                                     \
		__u64 __l[2] = {};                                                             \
		__builtin_memcpy(__l, lit "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);           \
		(w)[0] == __l[0] && (w)[1] == __l[1];                                          \
	})

/* What an anonymous inode is, by the name the kernel gave it
 * (anon_inode_getfile's, which /proc shows as anon_inode:NAME). */
static __always_inline __u8 anon_inode_kind(const unsigned char *name)
{
	__u64 w[2] = {};
	if (bpf_probe_read_kernel_str(w, sizeof(w), name) <= 0)
		return SF_ANON_UNKNOWN;
	if (SF_NAME_IS(w, "[eventfd]"))
		return SF_ANON_EVENTFD;
	if (SF_NAME_IS(w, "[eventpoll]"))
		return SF_ANON_EVENTPOLL;
	if (SF_NAME_IS(w, "inotify"))
		return SF_ANON_INOTIFY;
	if (SF_NAME_IS(w, "[signalfd]"))
		return SF_ANON_SIGNALFD;
	if (SF_NAME_IS(w, "[timerfd]"))
		return SF_ANON_TIMERFD;
	if (SF_NAME_IS(w, "[io_uring]"))
		return SF_ANON_IO_URING;
	if (SF_NAME_IS(w, "[userfaultfd]"))
		return SF_ANON_USERFAULTFD;
	if (SF_NAME_IS(w, "[pidfd]"))
		return SF_ANON_PIDFD;
	if (SF_NAME_IS(w, "bpf-map"))
		return SF_ANON_BPF_MAP;
	if (SF_NAME_IS(w, "bpf-prog"))
		return SF_ANON_BPF_PROG;
	if (SF_NAME_IS(w, "bpf-link"))
		return SF_ANON_BPF_LINK;
	if (SF_NAME_IS(w, "bpf_iter"))
		return SF_ANON_BPF_ITER;
	if (SF_NAME_IS(w, "[perf_event]"))
		return SF_ANON_PERF_EVENT;
	return SF_ANON_UNKNOWN;
}

/* Whether a regular file is a memfd: a lone dentry (its own parent, on
 * shmem's internal mount) named memfd:NAME. */
static __always_inline int is_memfd(struct dentry *dentry)
{
	if (BPF_CORE_READ(dentry, d_parent) != dentry)
		return 0;
	char name[8] = {};
	bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(dentry, d_name.name));
	return name[0] == 'm' && name[1] == 'e' && name[2] == 'm' && name[3] == 'f' &&
	       name[4] == 'd' && name[5] == ':';
}

/* A dentry's own name with `pre` (`pre_len` bytes) before it and `post`
 * (`post_len` bytes, its NUL included) after it, each shorter than 16
 * bytes: how d_path names pseudo files, which no walk reaches
 * (anon_inode:[fanotify], /memfd:NAME (deleted)). */
static __always_inline void w_pseudo_path(struct writer *w, struct dentry *dentry,
					  const char *pre, __u32 pre_len, const char *post,
					  __u32 post_len)
{
	__u8 *p = w->buf + (w->off & SF_OFF_MASK);
	long n = bpf_probe_read_kernel_str(p + (pre_len & 15), SF_NAME_MAX + 1,
					   BPF_CORE_READ(dentry, d_name.name));
	if (n <= 0) {
		w_empty(w);
		return;
	}
	/* Literals: copies of constant size. */
	__builtin_memcpy(p, pre, pre_len & 15);
	/* The name's NUL (at pre_len + n - 1) is where `post` goes. */
	__u64 end = (pre_len & 15) + ((n - 1) & SF_NAME_MAX);
	if (post_len)
		__builtin_memcpy(p + end, post, post_len & 15);
	else
		p[end] = 0;
	w_len(w, end + (post_len ? post_len : 1));
}

/* An IPv4 or IPv6 socket's fd: sk_type, sk_proto, local address and port,
 * remote address and port, as the kernel socket has them. */
static __always_inline void w_inet_sock(struct writer *w, struct sock *sk, int v6)
{
	w_u16(w, BPF_CORE_READ(sk, sk_type));
	w_u16(w, BPF_CORE_READ(sk, sk_protocol));
	if (v6) {
		struct in6_addr a = BPF_CORE_READ(sk, __sk_common.skc_v6_rcv_saddr);
		__builtin_memcpy(w->buf + (w->off & SF_OFF_MASK), &a, 16);
		w_len(w, 16);
	} else {
		w_u32(w, BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr));
	}
	w_u16(w, BPF_CORE_READ(sk, __sk_common.skc_num));
	if (v6) {
		struct in6_addr a = BPF_CORE_READ(sk, __sk_common.skc_v6_daddr);
		__builtin_memcpy(w->buf + (w->off & SF_OFF_MASK), &a, 16);
		w_len(w, 16);
	} else {
		w_u32(w, BPF_CORE_READ(sk, __sk_common.skc_daddr));
	}
	w_u16(w, bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport)));
}

/*
 * The event of fd `fd` of `task`'s table as Falco's task_file iterator
 * describes an open file (PPME_ITER_TASK_FILE_*_E, each with every
 * parameter), at time `ts`, for thread `tid`. The kind comes from the
 * inode: anonymous inodes and pidfds by their file system (whatever mode
 * the kernel gives them), then by the mode's file type: a pipe (a FIFO:
 * pipefs's are named by their dentry, others have a path), a memfd, a
 * regular file (devices and links too: open flags in PPM_O_*, mount id), a
 * directory, a socket of family INET, INET6, UNIX (its own sock and bound
 * path, as for its tuples) or NETLINK. Paths are the walk's (as d_path
 * gives them, from the task's root; see w_dpath), pseudo files' as d_path
 * names them. Nothing for an empty slot or a kind the iterator skips.
 */
static __always_inline void emit_task_file(struct task_struct *task, long fd, __u64 ts,
					   __u64 tid)
{
	struct file *f = fd_file(task, fd);
	if (!f)
		return;
	struct inode *inode = BPF_CORE_READ(f, f_inode);
	if (!inode)
		return;
	__u32 mode = BPF_CORE_READ(inode, i_mode) & SF_S_IFMT;
	unsigned long magic = BPF_CORE_READ(inode, i_sb, s_magic);
	__u64 ino = BPF_CORE_READ(inode, i_ino);
	struct dentry *dentry = BPF_CORE_READ(f, f_path.dentry);
	struct vfsmount *vfsmnt = BPF_CORE_READ(f, f_path.mnt);
	struct sock *sk = 0;
	__u16 family = 0;
	__u16 type;
	__u32 nparams;
	if (magic == SF_ANON_INODE_FS_MAGIC || magic == SF_PIDFS_MAGIC) {
		type = SF_TASK_FILE_ANON_INODE_E;
		nparams = 4;
	} else if (mode == SF_S_IFIFO) {
		type = SF_TASK_FILE_PIPE_E;
		nparams = 3;
	} else if (mode == SF_S_IFDIR) {
		type = SF_TASK_FILE_DIRECTORY_E;
		nparams = 3;
	} else if (mode == SF_S_IFSOCK) {
		struct socket *s = BPF_CORE_READ(f, private_data);
		sk = s ? BPF_CORE_READ(s, sk) : 0;
		if (!sk)
			return;
		family = BPF_CORE_READ(sk, __sk_common.skc_family);
		if (family == 2) {
			type = SF_TASK_FILE_SOCKET_INET_E;
			nparams = 8;
		} else if (family == 10) {
			type = SF_TASK_FILE_SOCKET_INET6_E;
			nparams = 8;
		} else if (family == 1) {
			type = SF_TASK_FILE_SOCKET_UNIX_E;
			nparams = 6;
		} else if (family == 16) {
			type = SF_TASK_FILE_SOCKET_NETLINK_E;
			nparams = 4;
		} else {
			return;
		}
	} else if (mode == SF_S_IFREG && is_memfd(dentry)) {
		type = SF_TASK_FILE_MEMFD_E;
		nparams = 3;
	} else if (mode == SF_S_IFREG || mode == SF_S_IFBLK || mode == SF_S_IFCHR ||
		   mode == SF_S_IFLNK) {
		type = SF_TASK_FILE_REGULAR_E;
		nparams = 5;
	} else {
		return;
	}
	struct writer w;
	if (w_begin(&w, type, nparams, tid))
		return;
	((struct sf_record *)w.buf)->evt.ts = ts;
	w_u32(&w, (__u32)fd);
	switch (type) {
	case SF_TASK_FILE_ANON_INODE_E: {
		__u8 kind = magic == SF_PIDFS_MAGIC
				    ? SF_ANON_PIDFD
				    : anon_inode_kind(BPF_CORE_READ(dentry, d_name.name));
		w_u8(&w, kind);
		/* The path only when the kind is unknown, as Falco's. */
		if (kind == SF_ANON_UNKNOWN)
			w_pseudo_path(&w, dentry, "anon_inode:", 11, "", 0);
		else
			w_empty(&w);
		break;
	}
	case SF_TASK_FILE_PIPE_E:
		if (magic == SF_PIPEFS_MAGIC)
			w_pseudo_path(&w, dentry, "", 0, "", 0);
		else
			w_dpath(&w, task, dentry, vfsmnt);
		break;
	case SF_TASK_FILE_MEMFD_E:
		w_pseudo_path(&w, dentry, "/", 1, " (deleted)", 11);
		break;
	case SF_TASK_FILE_DIRECTORY_E:
		w_dpath(&w, task, dentry, vfsmnt);
		break;
	case SF_TASK_FILE_REGULAR_E: {
		w_dpath(&w, task, dentry, vfsmnt);
		w_u32(&w, open_flags_to_ppm(BPF_CORE_READ(f, f_flags)));
		struct mount *mnt = (void *)vfsmnt - bpf_core_field_offset(struct mount, mnt);
		w_u32(&w, (__u32)BPF_CORE_READ(mnt, mnt_id));
		break;
	}
	case SF_TASK_FILE_SOCKET_UNIX_E: {
		w_u16(&w, BPF_CORE_READ(sk, sk_type));
		w_u16(&w, BPF_CORE_READ(sk, sk_protocol));
		w_u64(&w, (__u64)sk);
		__u64 n = w_unix_bound_path(w.buf + (w.off & SF_OFF_MASK), sk);
		w_len(&w, n & 0xff);
		break;
	}
	case SF_TASK_FILE_SOCKET_NETLINK_E:
		w_u16(&w, BPF_CORE_READ(sk, sk_type));
		w_u16(&w, BPF_CORE_READ(sk, sk_protocol));
		break;
	default: /* INET, INET6 */
		w_inet_sock(&w, sk, family == 10);
		break;
	}
	w_u64(&w, ino);
	if (w_submit(&w) == 0) {
		__u32 zero = 0;
		struct sf_stats *st = bpf_map_lookup_elem(&stats, &zero);
		if (st)
			st->received_fds++;
	}
}

/* Ancillary-data headers looked at per message: the kernel puts
 * SCM_RIGHTS after SCM_CREDENTIALS, SCM_PIDFD and SCM_SECURITY. */
#define SF_CMSG_WALK 4

struct recv_fds_walk {
	struct sf_recv_fds *r;
	__u64 msgs;   /* user memory: recvmsg's msghdr, recvmmsg's mmsghdr array */
	__u64 stride; /* recvmmsg: the size of an mmsghdr; recvmsg: 0 */
	struct task_struct *task;
	__u64 tid;
};

/* The fds message `i` received with SCM_RIGHTS, if it was noted: its
 * ancillary data read again (as the kernel left it) and its SCM_RIGHTS
 * message's fds kept, at most SF_RECV_FDS_MAX (the rest counted as drops).
 * A malformed header ends the walk. (A bpf_loop callback.) */
static long recv_fds_collect(__u64 i, void *arg)
{
	struct recv_fds_walk *c = arg;
	struct sf_recv_fds *r = c->r;
	__u32 k = i & (SF_MMSG_MAX - 1);
	r->count[k] = 0;
	if (!(r->mask & (1U << k)))
		return 0;
	struct sf_msghdr m = {};
	if (bpf_probe_read_user(&m, sizeof(m), (const void *)(c->msgs + k * c->stride)) < 0)
		return 0;
	__u64 off = 0;
	for (int h = 0; h < SF_CMSG_WALK; h++) {
		struct sf_cmsghdr hdr = {};
		if (off + sizeof(hdr) > m.msg_controllen ||
		    bpf_probe_read_user(&hdr, sizeof(hdr), (const void *)(m.msg_control + off)) < 0 ||
		    hdr.len < sizeof(hdr) || hdr.len > m.msg_controllen - off)
			break;
		if (hdr.level == SF_SOL_SOCKET && hdr.type == SF_SCM_RIGHTS) {
			__u64 n = (hdr.len - sizeof(hdr)) / sizeof(__s32);
			if (n > SF_RECV_FDS_MAX) {
				__u32 zero = 0;
				struct sf_stats *st = bpf_map_lookup_elem(&stats, &zero);
				if (st)
					st->drops_received_fds += n - SF_RECV_FDS_MAX;
				n = SF_RECV_FDS_MAX;
			}
			if (n == 0)
				break;
			/* 4 to 64 bytes, in a form the verifier bounds. */
			__u32 size = ((((__u32)n - 1) & (SF_RECV_FDS_MAX - 1)) + 1) * sizeof(__s32);
			if (bpf_probe_read_user(r->fd[k], size,
						(const void *)(m.msg_control + off + sizeof(hdr))) < 0)
				break;
			r->count[k] = n;
			break;
		}
		off += (hdr.len + 7) & ~7ULL;
	}
	return 0;
}

/* Fd `j % SF_RECV_FDS_MAX` of message `j / SF_RECV_FDS_MAX`, if it
 * received that many: its event (a bpf_loop callback). */
static long recv_fds_emit(__u64 j, void *arg)
{
	struct recv_fds_walk *c = arg;
	struct sf_recv_fds *r = c->r;
	__u32 k = (j / SF_RECV_FDS_MAX) & (SF_MMSG_MAX - 1);
	__u32 n = j & (SF_RECV_FDS_MAX - 1);
	if (n >= r->count[k])
		return 0;
	emit_task_file(c->task, r->fd[k][n], r->ts[k], c->tid);
	return 0;
}

/* Syscalls drop mode never drops: without them the thread and fd tables
 * go wrong for good. */
static __always_inline int sc_never_drop(long nr)
{
	switch (nr) {
	case 2:   /* open */
	case 3:   /* close */
	case 22:  /* pipe */
	case 32:  /* dup */
	case 33:  /* dup2 */
	case 41:  /* socket */
	case 42:  /* connect */
	case 43:  /* accept */
	case 53:  /* socketpair */
	case 56:  /* clone */
	case 57:  /* fork */
	case 58:  /* vfork */
	case 59:  /* execve */
	case 85:  /* creat */
	case 257: /* openat */
	case 288: /* accept4 */
	case 292: /* dup3 */
	case 293: /* pipe2 */
	case 322: /* execveat */
	case 435: /* clone3 */
	case 437: /* openat2 */
	/* and as Falco's drop mode: the working directory and root, */
	case 80:  /* chdir */
	case 81:  /* fchdir */
	case 161: /* chroot */
	/* fd creation, */
	case 72:  /* fcntl (its selected commands) */
	case 213: /* epoll_create */
	case 253: /* inotify_init */
	case 282: /* signalfd */
	case 283: /* timerfd_create */
	case 284: /* eventfd */
	case 289: /* signalfd4 */
	case 290: /* eventfd2 */
	case 291: /* epoll_create1 */
	case 294: /* inotify_init1 */
	case 319: /* memfd_create */
	case 323: /* userfaultfd */
	case 434: /* pidfd_open */
	case 438: /* pidfd_getfd */
	/* and closing. */
	case 436: /* close_range */
		return 1;
	default:
		return 0;
	}
}

/* Whether `task` (the current task) is in a 32-bit syscall (TS_COMPAT),
 * numbered differently from 64-bit ones: a direct load (the probe_read
 * fallback of kernels before bpf_get_current_task_btf, 5.11, cost a sixth
 * of a captured event's time; the probe needs 5.17 anyway). */
static __always_inline int in_compat_syscall(struct task_struct *task)
{
	if (!bpf_core_field_exists(((struct task_struct *)0)->thread_info.status))
		return 0;
	return task->thread_info.status & 0x0002;
}

/* A tail call only returns when its slot is empty: an event lost, counted
 * as a drop so that it is never silent. */
static __always_inline void tail_call_failed(void)
{
	__u32 zero = 0;
	struct sf_stats *st = bpf_map_lookup_elem(&stats, &zero);
	if (st)
		st->drops_internal++;
}

/* After a recvmsg or recvmmsg whose messages may have passed fds (noted in
 * `recv_fds`): the events of those fds, built by sf_exit_recv_fds. */
#define SF_TAIL_CALL_RECV_FDS(ctx)                                                             \
	do {                                                                                   \
		bpf_tail_call(ctx, &tails, SF_TAIL_RECV_FDS);                                  \
		tail_call_failed();                                                            \
	} while (0)

SEC("tp_btf/sys_exit")
int BPF_PROG(sf_sys_exit, struct pt_regs *regs, long ret)
{
	/* Every syscall of the host comes here: the selection is checked
	 * first, with plain loads, before any helper call. */
	long nr = regs->orig_ax;
	if (nr < 0 || nr >= SF_SYSCALL_MAX || !sc_enabled[nr])
		return 0;
	/* The ids from the task, as bpf_get_current_pid_tgid would give
	 * them: one helper call for them and the compat flag, not two. */
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 pid_tgid = (__u64)(__u32)task->tgid << 32 | (__u32)task->pid;
	if ((__u32)(pid_tgid >> 32) == self_tgid)
		return 0;
	/* Drop mode: outside the first 1/n of each second, only what state
	 * tracking cannot do without (process lifecycle, the working
	 * directory, fd creation and closing) is captured. */
	if (sampling_ratio > 1 && !sc_never_drop(nr) &&
	    bpf_ktime_get_boot_ns() % 1000000000ULL >= 1000000000ULL / sampling_ratio)
		return 0;
	if (in_compat_syscall(task))
		return 0;
	__u64 tid = pid_tgid & 0xffffffff;
	switch (nr) {
	case 0:
		emit_read_write(SF_READ_X, ret, regs, tid);
		break;
	case 1:
		emit_read_write(SF_WRITE_X, ret, regs, tid);
		break;
	case 2:
		emit_open(SF_OPEN_X, ret, regs, tid);
		break;
	case 3:
		emit_close(ret, regs, tid);
		break;
	case 17:
		emit_rw(SF_PREAD_X, ret, regs, tid);
		break;
	case 18:
		emit_rw(SF_PWRITE_X, ret, regs, tid);
		break;
	case 19:
		emit_rw(SF_READV_X, ret, regs, tid);
		break;
	case 20:
		emit_rw(SF_WRITEV_X, ret, regs, tid);
		break;
	case 22:
		emit_pipe(SF_PIPE_X, ret, regs, tid);
		break;
	case 32:
		emit_dup(SF_DUP_1_X, ret, regs, tid);
		break;
	case 33:
		emit_dup(SF_DUP2_X, ret, regs, tid);
		break;
	case 41:
		emit_socket(ret, regs, tid);
		break;
	case 42:
		emit_connect(ret, regs, tid);
		break;
	case 43:
		emit_accept(SF_ACCEPT_5_X, ret, tid);
		break;
	case 44:
		emit_sendrecv(SF_SENDTO_X, ret, regs, tid);
		break;
	case 45:
		emit_sendrecv(SF_RECVFROM_X, ret, regs, tid);
		break;
	case 46:
		emit_sendrecv(SF_SENDMSG_X, ret, regs, tid);
		break;
	case 47:
		if (emit_sendrecv(SF_RECVMSG_X, ret, regs, tid))
			SF_TAIL_CALL_RECV_FDS(ctx);
		break;
	case 48:
		emit_ids(SF_SHUTDOWN_X, ret, regs, tid);
		break;
	case 49:
		emit_bind(ret, regs, tid);
		break;
	case 53:
		emit_socketpair(ret, regs, tid);
		break;
	case 82:
		emit_fs(SF_RENAME_X, ret, regs, tid);
		break;
	case 83:
		emit_fs(SF_MKDIR_2_X, ret, regs, tid);
		break;
	case 84:
		emit_fs(SF_RMDIR_2_X, ret, regs, tid);
		break;
	case 85:
		emit_creat(ret, regs, tid);
		break;
	case 86:
		emit_fs(SF_LINK_2_X, ret, regs, tid);
		break;
	case 87:
		emit_fs(SF_UNLINK_2_X, ret, regs, tid);
		break;
	case 88:
		emit_fs(SF_SYMLINK_X, ret, regs, tid);
		break;
	case 90:
		emit_fs(SF_CHMOD_X, ret, regs, tid);
		break;
	case 91:
		emit_fs(SF_FCHMOD_X, ret, regs, tid);
		break;
	case 105:
		emit_ids(SF_SETUID_X, ret, regs, tid);
		break;
	case 117:
		emit_ids(SF_SETRESUID_X, ret, regs, tid);
		break;
	case 258:
		emit_fs(SF_MKDIRAT_X, ret, regs, tid);
		break;
	case 263:
		emit_fs(SF_UNLINKAT_2_X, ret, regs, tid);
		break;
	case 264:
		emit_fs(SF_RENAMEAT_X, ret, regs, tid);
		break;
	case 265:
		emit_fs(SF_LINKAT_2_X, ret, regs, tid);
		break;
	case 266:
		emit_fs(SF_SYMLINKAT_X, ret, regs, tid);
		break;
	case 268:
		emit_fs(SF_FCHMODAT_X, ret, regs, tid);
		break;
	case 295:
		emit_vec(SF_PREADV_X, ret, regs, tid);
		break;
	case 296:
		emit_vec(SF_PWRITEV_X, ret, regs, tid);
		break;
	case 299:
		if (emit_mmsg(SF_RECVMMSG_X, ret, regs, tid))
			SF_TAIL_CALL_RECV_FDS(ctx);
		break;
	case 307:
		emit_mmsg(SF_SENDMMSG_X, ret, regs, tid);
		break;
	case 308:
		emit_ids(SF_SETNS_X, ret, regs, tid);
		break;
	case 316:
		emit_fs(SF_RENAMEAT2_X, ret, regs, tid);
		break;
	case 50:
		emit_listen(ret, regs, tid);
		break;
	case 257:
		emit_open(SF_OPENAT_2_X, ret, regs, tid);
		break;
	case 288:
		emit_accept(SF_ACCEPT4_6_X, ret, tid);
		break;
	case 292:
		emit_dup(SF_DUP3_X, ret, regs, tid);
		break;
	case 293:
		emit_pipe(SF_PIPE2_X, ret, regs, tid);
		break;
	case 56:
	case 57:
	case 58:
	case 435:
		bpf_tail_call(ctx, &tails, SF_TAIL_CLONE);
		tail_call_failed();
		break;
	case 59:
	case 322:
		bpf_tail_call(ctx, &tails, SF_TAIL_EXECVE);
		tail_call_failed();
		break;
	case 437:
		emit_open(SF_OPENAT2_X, ret, regs, tid);
		break;
	case 9:
		if (mmap_maps_a_file(regs))
			emit_mmap(ret, regs, tid);
		break;
	case 72:
		if (fcntl_changes_state(regs->si))
			emit_fcntl(ret, regs, tid);
		break;
	case 80:
		emit_cwd(SF_CHDIR_X, ret, regs, tid);
		break;
	case 81:
		emit_cwd(SF_FCHDIR_X, ret, regs, tid);
		break;
	case 161:
		emit_cwd(SF_CHROOT_X, ret, regs, tid);
		break;
	case 106:
		emit_ids(SF_SETGID_X, ret, regs, tid);
		break;
	case 113:
		emit_ids(SF_SETREUID_X, ret, regs, tid);
		break;
	case 114:
		emit_ids(SF_SETREGID_X, ret, regs, tid);
		break;
	case 119:
		emit_ids(SF_SETRESGID_X, ret, regs, tid);
		break;
	case 213:
		emit_fd_new(SF_EPOLL_CREATE_X, ret, regs, tid);
		break;
	case 253:
		emit_fd_new(SF_INOTIFY_INIT_X, ret, regs, tid);
		break;
	case 282:
		emit_fd_new(SF_SIGNALFD_X, ret, regs, tid);
		break;
	case 283:
		emit_fd_new(SF_TIMERFD_CREATE_X, ret, regs, tid);
		break;
	case 284:
		emit_fd_new(SF_EVENTFD_X, ret, regs, tid);
		break;
	case 289:
		emit_fd_new(SF_SIGNALFD4_X, ret, regs, tid);
		break;
	case 290:
		emit_fd_new(SF_EVENTFD2_X, ret, regs, tid);
		break;
	case 291:
		emit_fd_new(SF_EPOLL_CREATE1_X, ret, regs, tid);
		break;
	case 294:
		emit_fd_new(SF_INOTIFY_INIT1_X, ret, regs, tid);
		break;
	case 319:
		emit_fd_new(SF_MEMFD_CREATE_X, ret, regs, tid);
		break;
	case 323:
		emit_fd_new(SF_USERFAULTFD_X, ret, regs, tid);
		break;
	case 434:
		emit_fd_new(SF_PIDFD_OPEN_X, ret, regs, tid);
		break;
	case 436:
		emit_close_range(ret, regs, tid);
		break;
	case 438:
		emit_fd_new(SF_PIDFD_GETFD_X, ret, regs, tid);
		break;
	}
	return 0;
}

/* execve and execveat exits (tail-called from sf_sys_exit, which has
 * checked the selection and the syscall's bitness). */
SEC("tp_btf/sys_exit")
int BPF_PROG(sf_exit_execve, struct pt_regs *regs, long ret)
{
	long nr = regs->orig_ax;
	/* A successful execveat is an execve event, as in Falco's modern
	 * probe (which reports every successful exec from
	 * sched_process_exec); only failed ones are execveat events. The
	 * kernel itself sets orig_ax to execve's number during a successful
	 * exec (set_personality_64bit), so `ret == 0` only says it twice. */
	emit_execve(nr == 59 || ret == 0 ? SF_EXECVE_19_X : SF_EXECVEAT_X, ret, regs,
		    bpf_get_current_pid_tgid());
	return 0;
}

/* clone, fork, vfork and clone3 exits (tail-called from sf_sys_exit). */
SEC("tp_btf/sys_exit")
int BPF_PROG(sf_exit_clone, struct pt_regs *regs, long ret)
{
	long nr = regs->orig_ax;
	__u16 type = nr == 56 ? SF_CLONE_20_X : nr == 57 ? SF_FORK_20_X : nr == 58 ? SF_VFORK_20_X : SF_CLONE3_X;
	emit_clone(type, ret, regs, bpf_get_current_pid_tgid());
	return 0;
}

/*
 * The fds a recvmsg or recvmmsg exit received with SCM_RIGHTS, now in the
 * receiver's table (tail-called from sf_sys_exit, which noted the
 * messages whose ancillary data may pass fds and their events' times):
 * one event per fd, each as Falco's task_file iterator describes an open
 * file, at the time of its message's event, so that it follows it.
 */
SEC("tp_btf/sys_exit")
int BPF_PROG(sf_exit_recv_fds, struct pt_regs *regs, long ret)
{
	__u32 zero = 0;
	struct sf_recv_fds *r = bpf_map_lookup_elem(&recv_fds, &zero);
	if (!r || ret < 0)
		return 0;
	int mmsg = regs->orig_ax == 299;
	__u32 msgs = mmsg ? (ret < SF_MMSG_MAX ? (__u32)ret : SF_MMSG_MAX) : 1;
	struct recv_fds_walk c = {
		.r = r,
		.msgs = regs->si,
		.stride = mmsg ? sizeof(struct sf_mmsghdr) : 0,
		.task = (struct task_struct *)bpf_get_current_task(),
		.tid = bpf_get_current_pid_tgid() & 0xffffffff,
	};
	bpf_loop(msgs, recv_fds_collect, &c, 0);
	bpf_loop(msgs * SF_RECV_FDS_MAX, recv_fds_emit, &c, 0);
	return 0;
}

/* Thread exit: Falco's procexit (status, ret, sig, core, reaper_tid). */
SEC("tp_btf/sched_process_exit")
int BPF_PROG(sf_sched_process_exit, struct task_struct *p)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	if ((__u32)(pid_tgid >> 32) == self_tgid)
		return 0;
	struct writer w;
	int code = BPF_CORE_READ(p, exit_code);
	if (w_begin(&w, SF_PROCEXIT_1_E, 5, pid_tgid & 0xffffffff))
		return 0;
	w_u64(&w, (__s64)code);
	w_u64(&w, (__s64)(code >> 8));
	w_u8(&w, code & 0x7f);
	w_u8(&w, (code & 0x80) ? 1 : 0);
	w_empty(&w); /* reaper_tid */
	w_submit(&w);
	return 0;
}
