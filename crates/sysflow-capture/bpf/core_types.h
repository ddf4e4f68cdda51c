/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The few kernel types the probe reads, declared by hand for CO-RE: only the
 * fields we use, in any order; the loader relocates every access against the
 * running kernel's BTF (/sys/kernel/btf/vmlinux), so no kernel headers are
 * needed and field offsets here are irrelevant. Anonymous unions and structs
 * of the real types (sock_common's address pairs, mm_struct's anonymous
 * block) are flattened: CO-RE finds members through them by name.
 */
#ifndef SYSFLOW_CORE_TYPES_H
#define SYSFLOW_CORE_TYPES_H

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

/* x86_64: the registers saved at syscall entry. */
struct pt_regs {
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	unsigned long orig_ax;
};

struct rlimit {
	unsigned long rlim_cur;
	unsigned long rlim_max;
};

struct tty_driver {
	int major;
	int minor_start;
};

struct tty_struct {
	int index;
	struct tty_driver *driver;
};

struct pid;

struct signal_struct {
	struct rlimit rlim[16];
	struct tty_struct *tty;
	/* By enum pid_type: PIDTYPE_PGID is 2 since 4.19, when the array moved here. */
	struct pid *pids[4];
};

struct file;

/* Since 6.2 each of mm_struct's rss counters is a percpu_counter whose
 * `count` is the (slightly lagging) total; before, an atomic_long in
 * `struct mm_rss_stat` (mm_struct___old below). */
struct percpu_counter {
	__s64 count;
};

/* Indexes of the rss counters. */
enum sf_mm_counter {
	SF_MM_FILEPAGES = 0,
	SF_MM_ANONPAGES = 1,
	SF_MM_SWAPENTS = 2,
	SF_MM_SHMEMPAGES = 3,
};

struct mm_struct {
	struct file *exe_file;
	unsigned long arg_start;
	unsigned long arg_end;
	unsigned long env_start;
	unsigned long env_end;
	unsigned long total_vm;
	struct percpu_counter rss_stat[4];
};

struct sf_atomic_long {
	long counter;
};

struct mm_rss_stat {
	struct sf_atomic_long count[4];
};

struct mm_struct___old {
	struct mm_rss_stat rss_stat;
};

/* Inode times: a timespec64 each before 6.11 (`i_ctime`, renamed
 * `__i_ctime` in 6.6, `__i_mtime` in 6.7), then seconds and nanoseconds
 * apart. */
struct timespec64 {
	__s64 tv_sec;
	long tv_nsec;
};

struct super_block {
	unsigned long s_magic;
};

struct inode {
	unsigned short i_mode;
	struct super_block *i_sb;
	unsigned long i_ino;
	__s64 i_ctime_sec;
	__u32 i_ctime_nsec;
	__s64 i_mtime_sec;
	__u32 i_mtime_nsec;
};

struct inode___v66 {
	struct timespec64 __i_ctime;
	struct timespec64 __i_mtime;
};

struct inode___v65 {
	struct timespec64 i_ctime;
	struct timespec64 i_mtime;
};

/* kernel_cap_t is 8 bytes on x86_64 in both of its layouts (one u64 since
 * 6.3, two u32s before): only the fields' offsets are relocated, and the
 * value is read whole. */
struct sf_kernel_cap {
	__u64 val;
};

struct cred {
	struct sf_kernel_cap cap_inheritable;
	struct sf_kernel_cap cap_permitted;
	struct sf_kernel_cap cap_effective;
};

/* kuid_t; task_struct's loginuid exists with CONFIG_AUDIT only. */
struct sf_kuid {
	__u32 val;
};

struct in6_addr {
	__u8 s6_addr[16];
};

struct sock_common {
	__u32 skc_daddr;
	__u32 skc_rcv_saddr;
	__u16 skc_dport;
	__u16 skc_num;
	unsigned short skc_family;
	struct in6_addr skc_v6_daddr;
	struct in6_addr skc_v6_rcv_saddr;
};

/* sk_type and sk_protocol are u16s since 5.6 (bit fields before). */
struct sock {
	struct sock_common __sk_common;
	__u16 sk_type;
	__u16 sk_protocol;
};

struct sockaddr_un {
	unsigned short sun_family;
	char sun_path[108];
};

/* Only the offset of `name` (a flexible array) is relocated; the path is
 * read at that offset plus sun_path's (2, UAPI). */
struct unix_address {
	int len;
	struct sockaddr_un name[0];
};

struct unix_sock {
	struct unix_address *addr;
	struct sock *peer;
};

struct socket {
	struct sock *sk;
};

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
};

struct files_struct {
	struct fdtable *fdt;
};

struct qstr {
	__u32 len;
	const unsigned char *name;
};

struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
};

struct vfsmount {
	struct dentry *mnt_root;
};

struct mount {
	int mnt_id;
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	unsigned int f_flags;
	void *private_data;
	struct path f_path;
	struct inode *f_inode;
};

struct fs_struct {
	struct path root;
	struct path pwd;
};

/* x86_64: embedded at the start of task_struct. */
struct thread_info {
	__u32 status;
};

struct kernfs_node {
	__u64 id;
};

struct cgroup {
	struct kernfs_node *kn;
};

struct cgroup_subsys_state {
	struct cgroup *cgroup;
};

/* Only the index of the memory controller is used, relocated at load. */
enum cgroup_subsys_id {
	memory_cgrp_id = 4,
};

struct css_set {
	struct cgroup_subsys_state *subsys[16];
};

/* numbers[] is a flexible array in the kernel: indexed by hand with the
 * relocated sizes, never through this declaration. */
struct upid {
	int nr;
};

struct pid {
	unsigned int level;
	struct upid numbers[1];
};

struct task_struct {
	struct thread_info thread_info;
	struct pid *thread_pid;
	struct task_struct *group_leader;
	struct css_set *cgroups;
	int pid;
	int tgid;
	int exit_code;
	unsigned long maj_flt;
	unsigned long min_flt;
	char comm[16];
	struct task_struct *real_parent;
	struct mm_struct *mm;
	struct files_struct *files;
	struct signal_struct *signal;
	struct fs_struct *fs;
	const struct cred *cred;
	struct sf_kuid loginuid;
};

#pragma clang attribute pop

#endif
