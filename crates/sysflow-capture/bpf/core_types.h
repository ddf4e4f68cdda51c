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

struct signal_struct {
	struct rlimit rlim[16];
	struct tty_struct *tty;
};

struct file;

struct mm_struct {
	struct file *exe_file;
	unsigned long arg_start;
	unsigned long arg_end;
	unsigned long env_start;
	unsigned long env_end;
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

struct sock {
	struct sock_common __sk_common;
};

struct unix_sock {
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
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	void *private_data;
	struct path f_path;
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
};

#pragma clang attribute pop

#endif
