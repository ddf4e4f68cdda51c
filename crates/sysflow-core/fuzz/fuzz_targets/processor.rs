//! Fuzz target for `Processor`: any bytes are read as a program of capture
//! items (listed processes and fds, users, events of the syscalls the
//! processor follows with parameters of their declared types drawn from
//! small pools, new segments, idle ticks), replayed twice: under tiny
//! `CoreLimits`, so that every eviction rule runs, and under the defaults.
//!
//! Nothing may panic; after every item each table is within its bound;
//! every record's process, files and container, and every process's
//! parent, are defined earlier in its segment (`SegmentCheck`); and with
//! `-rss_limit_mb` and `-malloc_limit_mb` no input may grow memory beyond
//! what its items hold.

#![no_main]

use std::cell::RefCell;
use std::convert::Infallible;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sysflow_capture::{
    Event, FdEntry, FdInfo, Group, Item, ParamType, ProcessEntry, User, event_info,
};
use sysflow_core::{CoreConfig, CoreLimits, CoreStats, FileReadMode, Processor};
use sysflow_types::{FnSink, SegmentCheck, SysFlow};

/// The names of the events the processor follows (a suffix of their symbols).
const FOLLOWED: &[&str] = &[
    "_CLONE_20_X",
    "_FORK_20_X",
    "_VFORK_20_X",
    "_CLONE3_X",
    "_EXECVE_19_E",
    "_EXECVE_19_X",
    "_EXECVEAT_X",
    "PROCEXIT_1_E",
    "_OPEN_X",
    "_OPENAT_2_X",
    "_OPENAT2_X",
    "_CREAT_X",
    "_CLOSE_E",
    "_CLOSE_X",
    "_DUP_1_X",
    "_DUP2_X",
    "_DUP3_X",
    "_FCNTL_E",
    "_FCNTL_X",
    "_PIPE_X",
    "_PIPE2_X",
    "_EVENTFD2_X",
    "_SOCKET_X",
    "_SOCKETPAIR_X",
    "_CONNECT_E",
    "_CONNECT_X",
    "_ACCEPT_5_X",
    "_ACCEPT4_6_X",
    "_BIND_X",
    "_READ_X",
    "_WRITE_X",
    "_PREAD_X",
    "_SENDTO_X",
    "_RECVFROM_X",
    "_SENDMSG_X",
    "_RECVMSG_X",
    "_SHUTDOWN_X",
    "_SETNS_X",
    "_MMAP_E",
    "_MMAP_X",
    "_MKDIR_2_X",
    "_RMDIR_2_X",
    "_UNLINK_2_X",
    "_UNLINKAT_2_X",
    "_LINK_2_X",
    "_SYMLINK_X",
    "_RENAME_X",
    "_RENAMEAT2_X",
    "_CHDIR_X",
    "_FCHDIR_X",
    "_CLOSE_RANGE_X",
    "_SETUID_E",
    "_SETUID_X",
    "_SETRESUID_E",
    "_SETRESUID_X",
    "_SETREUID_X",
    "_SETGID_E",
    "_SETGID_X",
    "CONTAINER_JSON_E",
    "USER_ADDED_E",
    "GROUP_ADDED_E",
    "ITER_TASK_FILE_",
];

/// The ids of the followed events.
fn followed() -> &'static [u16] {
    static IDS: OnceLock<Vec<u16>> = OnceLock::new();
    IDS.get_or_init(|| {
        (0..=u16::MAX)
            .filter(|&id| {
                event_info(id).is_some_and(|i| FOLLOWED.iter().any(|f| i.symbol.contains(f)))
            })
            .collect()
    })
}

/// Strings parameters are drawn from: paths, names, cgroup lists naming
/// containers, container metadata.
const TEXT: &[&str] = &[
    "/tmp/a",
    "/tmp/b",
    "b",
    "../c",
    "",
    "/proc/1/stat",
    "<NA>",
    "/usr/bin/sh",
    "cpu=/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "cpu=/docker/fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
    r#"{"container":{"id":"0123456789ab","name":"c","image":"i","type":0}}"#,
    r#"{"container":{"id":"fedcba987654","name":"d","image":"j","privileged":true}}"#,
];

/// Reads the program's bytes.
struct Program<'a> {
    data: &'a [u8],
}

impl Program<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.data.split_first()?;
        self.data = rest;
        Some(b)
    }

    /// A small signed number, often an id or fd in use.
    fn small(&mut self) -> i64 {
        i64::from(self.byte().unwrap_or(0) as i8) % 24
    }

    fn text(&mut self) -> &'static str {
        TEXT[usize::from(self.byte().unwrap_or(0)) % TEXT.len()]
    }

    /// A flags word: a small number or one bit.
    fn flags(&mut self) -> u32 {
        match self.byte().unwrap_or(0) {
            b @ 0..128 => u32::from(b),
            b => 1 << (b % 32),
        }
    }

    /// A parameter of type `ty`.
    fn param(&mut self, ty: ParamType) -> Vec<u8> {
        use ParamType as T;
        match ty {
            T::Int64 | T::Errno | T::Fd | T::Pid | T::Uint64 | T::RelTime | T::AbsTime => {
                self.small().to_le_bytes().to_vec()
            }
            T::Int32 | T::Uint32 | T::Uid | T::Gid | T::Mode | T::Bool | T::Fd32 | T::Pid32 => {
                (self.small() as i32).to_le_bytes().to_vec()
            }
            T::Flags32 | T::EnumFlags32 => self.flags().to_le_bytes().to_vec(),
            T::Flags16 | T::EnumFlags16 | T::Int16 | T::Uint16 | T::Port | T::SyscallId => {
                (self.flags() as u16).to_le_bytes().to_vec()
            }
            T::Flags8
            | T::EnumFlags8
            | T::Int8
            | T::Uint8
            | T::SigType
            | T::L4Proto
            | T::SockFamily => vec![self.flags() as u8],
            T::CharBuf | T::FsPath | T::FsRelPath => {
                let mut v = self.text().as_bytes().to_vec();
                v.push(0);
                v
            }
            T::ByteBuf => {
                // An argument or cgroup list: NUL-separated strings.
                let mut v = Vec::new();
                for _ in 0..self.byte().unwrap_or(0) % 3 {
                    v.extend_from_slice(self.text().as_bytes());
                    v.push(0);
                }
                v
            }
            T::SockAddr | T::SockTuple => {
                // IPv4 (2), unix (1) or IPv6 (10), addresses from a few.
                let family = [2u8, 1, 10][usize::from(self.byte().unwrap_or(0)) % 3];
                let mut v = vec![family];
                let n = usize::from(self.byte().unwrap_or(0) % 40);
                v.extend((0..n).map(|i| self.byte().unwrap_or(i as u8) % 4));
                v
            }
            _ => {
                let n = usize::from(self.byte().unwrap_or(0) % 8);
                (0..n).map(|_| self.byte().unwrap_or(0)).collect()
            }
        }
    }

    /// The next item, a new segment, or a tick; `None` at the end.
    fn next(&mut self, ts: &mut u64) -> Option<Step> {
        let op = self.byte()?;
        *ts += match self.byte()? % 5 {
            0 => 0,
            1 => 1_000_000,
            2 => 1_000_000_000,
            3 => 31_000_000_000,
            _ => 61_000_000_000,
        };
        let tid = self.small().abs() + 1;
        Some(match op {
            0..=223 => {
                let ids = followed();
                let id = ids[usize::from(op) % ids.len()];
                let info = event_info(id)?;
                let params: Vec<Vec<u8>> = info.params.iter().map(|p| self.param(p.ty)).collect();
                let refs: Vec<&[u8]> = params.iter().map(Vec::as_slice).collect();
                Step::Item(Item::Event(Event::new(*ts, tid as u64, 0, id, &refs)))
            }
            224..=231 => {
                let mut p = ProcessEntry::default();
                p.tid = tid;
                p.pid = if op & 1 == 0 {
                    tid
                } else {
                    self.small().abs() + 1
                };
                p.ptid = self.small();
                p.comm = b"listed".to_vec();
                p.exe = self.text().as_bytes().to_vec();
                p.cwd = b"/".to_vec();
                p.cgroups = Some(self.text().as_bytes().to_vec());
                Step::Item(Item::Process(Box::new(p)))
            }
            232..=239 => {
                let (fd_type, info) = if op & 1 == 0 {
                    let info = FdInfo::File {
                        open_flags: self.flags(),
                        name: self.text().as_bytes().to_vec(),
                        dev: None,
                    };
                    (1, info)
                } else {
                    let info = FdInfo::Ipv4Socket {
                        sip: [127, 0, 0, 1].into(),
                        dip: [10, 0, 0, self.byte().unwrap_or(0) % 4].into(),
                        sport: u16::from(self.byte().unwrap_or(0) % 4) + 80,
                        dport: 80,
                        l4proto: 3,
                    };
                    (3, info)
                };
                let fd = self.small();
                Step::Item(Item::Fd(FdEntry::new(tid, fd, 0, fd_type, info)))
            }
            240..=243 => {
                let uid = self.small() as u32;
                let name = self.text().as_bytes();
                Step::Item(Item::User(User::new(uid, uid, name, b"/", b"/bin/sh")))
            }
            244..=245 => {
                let gid = self.small() as u32;
                Step::Item(Item::Group(Group::new(gid, self.text().as_bytes())))
            }
            246..=251 => Step::NewSegment,
            _ => Step::Tick,
        })
    }
}

enum Step {
    Item(Item),
    NewSegment,
    Tick,
}

/// Every table of `s` within `l`.
fn assert_within(s: &CoreStats, l: &CoreLimits) {
    assert!(s.threads <= l.threads, "{s:?}");
    assert!(s.fd_tables <= l.threads, "{s:?}");
    assert!(s.fds <= l.fds, "{s:?}");
    assert!(s.pending_calls <= 3 * l.threads, "{s:?}");
    assert!(s.processes + s.departed_processes <= l.processes, "{s:?}");
    assert!(
        s.file_flows + s.network_flows + s.process_flows <= l.flows,
        "{s:?}"
    );
    assert!(s.flow_tables <= l.flows, "{s:?}");
    assert!(s.files <= l.files, "{s:?}");
    assert!(s.containers <= l.containers, "{s:?}");
    assert!(s.names <= 2 * l.names, "{s:?}");
}

fn replay(data: &[u8], limits: CoreLimits) {
    let config = CoreConfig {
        file_only: data.first().is_some_and(|b| b & 1 == 0),
        file_read_mode: FileReadMode::All,
        enable_process_flow: data.first().is_some_and(|b| b & 2 == 0),
        ..CoreConfig::default()
    };
    let mut p = Processor::with_limits(config, limits);
    let check = RefCell::new(SegmentCheck::new());
    let mut sink = FnSink::new(|r: &SysFlow| -> Result<(), Infallible> {
        let undefined = check.borrow_mut().check(r);
        assert!(undefined.is_empty(), "{undefined:?} in {r:?}");
        Ok(())
    });
    let mut program = Program { data };
    let mut ts = 1_700_000_000_000_000_000u64;
    while let Some(step) = program.next(&mut ts) {
        match step {
            Step::Item(item) => p.handle(&item, &mut sink).unwrap(),
            Step::NewSegment => {
                p.new_segment();
                check.borrow_mut().new_segment();
            }
            Step::Tick => p.tick(ts, &mut sink).unwrap(),
        }
        assert_within(&p.stats(), &limits);
    }
    p.finish(&mut sink).unwrap();
}

fuzz_target!(|data: &[u8]| {
    replay(data, CoreLimits::tiny());
    replay(data, CoreLimits::default());
});
