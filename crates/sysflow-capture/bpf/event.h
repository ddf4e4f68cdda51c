/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The ABI shared by the probe (probe.bpf.c) and its loader
 * (src/live/event_gen.rs is generated from this file by `cargo xtask bpf`).
 *
 * Every ring-buffer record is the body of a scap EV block: a u16 cpu id, then
 * one event in Falco's V2 layout (sf_evt_hdr, nparams u16 lengths, the
 * parameter values). sysflow-capture decodes it with the same code that reads
 * capture files. Fixed-width types only.
 *
 * One exception to Falco's layout: the `cgroups` parameter of execve,
 * execveat and clone-family exits carries a `struct sf_cgroup_key`, which
 * the loader replaces with the thread's cgroup list (read once per key
 * from /proc) before the event leaves sysflow-capture.
 */
#ifndef SYSFLOW_EVENT_H
#define SYSFLOW_EVENT_H

#ifndef SYSFLOW_BPF
#include <linux/types.h>
#endif

/* Falco's `struct ppm_evt_hdr` (V2): 26 bytes, packed, little-endian. */
struct sf_evt_hdr {
	__u64 ts;      /* ns since the epoch */
	__u64 tid;     /* host thread id */
	__u32 len;     /* header + lengths + values */
	__u16 type;    /* PPME_* event id */
	__u32 nparams; /* number of u16 lengths that follow */
} __attribute__((packed));

/* One ring-buffer record: an EV block body. */
struct sf_record {
	__u16 cpu;
	struct sf_evt_hdr evt;
} __attribute__((packed));

/* A read or write exit in compact form: the probe's most frequent record,
 * 32 bytes against 56 for the same event in Falco's layout, which the
 * loader rebuilds from it (res, data empty, fd, size). Told apart from an
 * EV block body by its length and by SF_COMPACT_MARK in its first u16,
 * where an EV body has its cpu id (always below the mark). */
struct sf_rw_compact {
	__u16 cpu_mark; /* SF_COMPACT_MARK | cpu */
	__u16 type;     /* PPME_SYSCALL_READ_X or PPME_SYSCALL_WRITE_X */
	__u32 tid;      /* host thread id */
	__u64 ts;       /* ns since the epoch */
	__s64 res;      /* the return value */
	__s32 fd;       /* the fd argument */
	__u32 size;     /* the size argument */
};

/* Which cgroups a thread is in: ids that are never reused, so equal keys
 * name the same cgroups for as long as the loader caches them. */
struct sf_cgroup_key {
	__u64 unified; /* cgroup v2 id (bpf_get_current_cgroup_id) */
	__u64 memory;  /* kernfs id of the memory controller's cgroup (v1), or 0 */
};

/* Per-CPU counters, index 0 of the `stats` map. */
struct sf_stats {
	__u64 events;    /* records submitted */
	__u64 drops_full; /* records lost: ring buffer full */
	__u64 drops_too_large; /* records lost: larger than the scratch buffer */
	__u64 drops_internal; /* records lost: the probe's own fault (an empty tail-call slot) */
	__u64 received_fds; /* events describing an fd received with SCM_RIGHTS, submitted */
	__u64 drops_received_fds; /* received fds past SF_RECV_FDS_MAX in one message: no event */
	__u64 wakeup_ts; /* not a counter: when this CPU last forced a wakeup (probe's clock) */
};

enum sf_compact {
	/* Set in the first u16 of a compact record (cpu ids stay below it). */
	SF_COMPACT_MARK = 0x8000,
};

enum sf_limits {
	/* Size of the per-CPU scratch buffer an event is built in. */
	SF_SCRATCH_SIZE = 32768,
	/* Largest parameter the probe copies from user memory (args, env, paths). */
	SF_ARG_MAX = 4096,
	/* Most parameters one event carries. */
	SF_MAX_PARAMS = 32,
	/* Syscall numbers below this are looked up in `sc_enabled`. */
	SF_SYSCALL_MAX = 512,
	/* Most fds received with SCM_RIGHTS in one message that get an event. */
	SF_RECV_FDS_MAX = 16,
};

/* Slots of the `tails` program array (see probe.bpf.c). */
enum sf_tail {
	SF_TAIL_EXECVE = 0, /* program sf_exit_execve */
	SF_TAIL_CLONE = 1,  /* program sf_exit_clone */
	SF_TAIL_RECV_FDS = 2, /* program sf_exit_recv_fds */
	SF_TAIL_MAX = 3,
};

#endif
