//! Falco's kernel event ABI as static tables: one [`EventInfo`] per event id
//! for the current libs and for the 2022-03 libs snapshot (e5c53d64) that
//! sysdig 0.29.3 uses, plus the PPM_SC syscall names.
//!
//! GENERATED FILE, do not edit by hand. Produced by
//! `python3 tools/gen_abi_table.py ../../../shared/reference/event-abi.json > src/abi/table.rs`
//! (run from `crates/sysflow-capture`), then `cargo fmt`.

use super::{EventFlags, EventInfo, ParamInfo, ParamType as T, PrintFormat as F};

const fn p(name: &'static str, ty: T, fmt: F) -> ParamInfo {
    ParamInfo { name, ty, fmt }
}

/// `PPM_EVENT_MAX` of the current libs.
pub(super) const EVENT_MAX_CURRENT: u16 = 454;
/// `PPM_EVENT_MAX` of libs e5c53d64 (sysdig 0.29.3).
pub(super) const EVENT_MAX_SYSDIG_0_29: u16 = 336;

pub(super) static EVENTS_CURRENT: [EventInfo; 454] = [
    EventInfo {
        id: 0,
        symbol: "PPME_GENERIC_E",
        name: "syscall",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("ID", T::SyscallId, F::Dec),
            p("nativeID", T::Uint16, F::Dec),
        ],
    },
    EventInfo {
        id: 1,
        symbol: "PPME_GENERIC_X",
        name: "syscall",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("ID", T::SyscallId, F::Dec),
            p("nativeID", T::Uint16, F::Dec),
        ],
    },
    EventInfo {
        id: 2,
        symbol: "PPME_SYSCALL_OPEN_E",
        name: "open",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("name", T::FsPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
        ],
    },
    EventInfo {
        id: 3,
        symbol: "PPME_SYSCALL_OPEN_X",
        name: "open",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("name", T::FsPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 4,
        symbol: "PPME_SYSCALL_CLOSE_E",
        name: "close",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::DESTROYS_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 5,
        symbol: "PPME_SYSCALL_CLOSE_X",
        name: "close",
        flags: EventFlags::NONE
            .with(EventFlags::DESTROYS_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 6,
        symbol: "PPME_SYSCALL_READ_E",
        name: "read",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 7,
        symbol: "PPME_SYSCALL_READ_X",
        name: "read",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 8,
        symbol: "PPME_SYSCALL_WRITE_E",
        name: "write",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 9,
        symbol: "PPME_SYSCALL_WRITE_X",
        name: "write",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 10,
        symbol: "PPME_SYSCALL_BRK_1_E",
        name: "brk",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 11,
        symbol: "PPME_SYSCALL_BRK_1_X",
        name: "brk",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Uint64, F::Hex)],
    },
    EventInfo {
        id: 12,
        symbol: "PPME_SYSCALL_EXECVE_8_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[],
    },
    EventInfo {
        id: 13,
        symbol: "PPME_SYSCALL_EXECVE_8_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 14,
        symbol: "PPME_SYSCALL_CLONE_11_E",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 15,
        symbol: "PPME_SYSCALL_CLONE_11_X",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 16,
        symbol: "PPME_PROCEXIT_E",
        name: "procexit",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[],
    },
    EventInfo {
        id: 17,
        symbol: "PPME_PROCEXIT_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 18,
        symbol: "PPME_SOCKET_SOCKET_E",
        name: "socket",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("domain", T::EnumFlags32, F::Dec),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 19,
        symbol: "PPME_SOCKET_SOCKET_X",
        name: "socket",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("domain", T::EnumFlags32, F::Dec),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 20,
        symbol: "PPME_SOCKET_BIND_E",
        name: "bind",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 21,
        symbol: "PPME_SOCKET_BIND_X",
        name: "bind",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("addr", T::SockAddr, F::Na),
            p("fd", T::Fd, F::Dec),
        ],
    },
    EventInfo {
        id: 22,
        symbol: "PPME_SOCKET_CONNECT_E",
        name: "connect",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("addr", T::SockAddr, F::Na)],
    },
    EventInfo {
        id: 23,
        symbol: "PPME_SOCKET_CONNECT_X",
        name: "connect",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("fd", T::Fd, F::Dec),
            p("addr", T::SockAddr, F::Na),
        ],
    },
    EventInfo {
        id: 24,
        symbol: "PPME_SOCKET_LISTEN_E",
        name: "listen",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("backlog", T::Int32, F::Dec)],
    },
    EventInfo {
        id: 25,
        symbol: "PPME_SOCKET_LISTEN_X",
        name: "listen",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("backlog", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 26,
        symbol: "PPME_SOCKET_ACCEPT_E",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 27,
        symbol: "PPME_SOCKET_ACCEPT_X",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
        ],
    },
    EventInfo {
        id: 28,
        symbol: "PPME_SOCKET_SEND_E",
        name: "send",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 29,
        symbol: "PPME_SOCKET_SEND_X",
        name: "send",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 30,
        symbol: "PPME_SOCKET_SENDTO_E",
        name: "sendto",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 31,
        symbol: "PPME_SOCKET_SENDTO_X",
        name: "sendto",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 32,
        symbol: "PPME_SOCKET_RECV_E",
        name: "recv",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 33,
        symbol: "PPME_SOCKET_RECV_X",
        name: "recv",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 34,
        symbol: "PPME_SOCKET_RECVFROM_E",
        name: "recvfrom",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 35,
        symbol: "PPME_SOCKET_RECVFROM_X",
        name: "recvfrom",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("tuple", T::SockTuple, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 36,
        symbol: "PPME_SOCKET_SHUTDOWN_E",
        name: "shutdown",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("how", T::EnumFlags8, F::Hex)],
    },
    EventInfo {
        id: 37,
        symbol: "PPME_SOCKET_SHUTDOWN_X",
        name: "shutdown",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("how", T::EnumFlags8, F::Hex),
        ],
    },
    EventInfo {
        id: 38,
        symbol: "PPME_SOCKET_GETSOCKNAME_E",
        name: "getsockname",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 39,
        symbol: "PPME_SOCKET_GETSOCKNAME_X",
        name: "getsockname",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 40,
        symbol: "PPME_SOCKET_GETPEERNAME_E",
        name: "getpeername",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 41,
        symbol: "PPME_SOCKET_GETPEERNAME_X",
        name: "getpeername",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 42,
        symbol: "PPME_SOCKET_SOCKETPAIR_E",
        name: "socketpair",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("domain", T::EnumFlags32, F::Dec),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 43,
        symbol: "PPME_SOCKET_SOCKETPAIR_X",
        name: "socketpair",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd1", T::Fd, F::Dec),
            p("fd2", T::Fd, F::Dec),
            p("source", T::Uint64, F::Hex),
            p("peer", T::Uint64, F::Hex),
            p("domain", T::EnumFlags32, F::Dec),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 44,
        symbol: "PPME_SOCKET_SETSOCKOPT_E",
        name: "setsockopt",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 45,
        symbol: "PPME_SOCKET_SETSOCKOPT_X",
        name: "setsockopt",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("level", T::EnumFlags8, F::Dec),
            p("optname", T::EnumFlags8, F::Dec),
            p("val", T::Dyn, F::Dec),
            p("optlen", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 46,
        symbol: "PPME_SOCKET_GETSOCKOPT_E",
        name: "getsockopt",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 47,
        symbol: "PPME_SOCKET_GETSOCKOPT_X",
        name: "getsockopt",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("level", T::EnumFlags8, F::Dec),
            p("optname", T::EnumFlags8, F::Dec),
            p("val", T::Dyn, F::Dec),
            p("optlen", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 48,
        symbol: "PPME_SOCKET_SENDMSG_E",
        name: "sendmsg",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 49,
        symbol: "PPME_SOCKET_SENDMSG_X",
        name: "sendmsg",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 50,
        symbol: "PPME_SOCKET_SENDMMSG_E",
        name: "sendmmsg",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 51,
        symbol: "PPME_SOCKET_SENDMMSG_X",
        name: "sendmmsg",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 52,
        symbol: "PPME_SOCKET_RECVMSG_E",
        name: "recvmsg",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 53,
        symbol: "PPME_SOCKET_RECVMSG_X",
        name: "recvmsg",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("tuple", T::SockTuple, F::Na),
            p("msgcontrol", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
        ],
    },
    EventInfo {
        id: 54,
        symbol: "PPME_SOCKET_RECVMMSG_E",
        name: "recvmmsg",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 55,
        symbol: "PPME_SOCKET_RECVMMSG_X",
        name: "recvmmsg",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("tuple", T::SockTuple, F::Na),
            p("msgcontrol", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 56,
        symbol: "PPME_SOCKET_ACCEPT4_E",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("flags", T::Int32, F::Hex)],
    },
    EventInfo {
        id: 57,
        symbol: "PPME_SOCKET_ACCEPT4_X",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
        ],
    },
    EventInfo {
        id: 58,
        symbol: "PPME_SYSCALL_CREAT_E",
        name: "creat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("name", T::FsPath, F::Na), p("mode", T::Uint32, F::Oct)],
    },
    EventInfo {
        id: 59,
        symbol: "PPME_SYSCALL_CREAT_X",
        name: "creat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("name", T::FsPath, F::Na),
            p("mode", T::Uint32, F::Oct),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
            p("creat_flags", T::Flags16, F::Hex),
        ],
    },
    EventInfo {
        id: 60,
        symbol: "PPME_SYSCALL_PIPE_E",
        name: "pipe",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 61,
        symbol: "PPME_SYSCALL_PIPE_X",
        name: "pipe",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd1", T::Fd, F::Dec),
            p("fd2", T::Fd, F::Dec),
            p("ino", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 62,
        symbol: "PPME_SYSCALL_EVENTFD_E",
        name: "eventfd",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("initval", T::Uint64, F::Dec),
            p("flags", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 63,
        symbol: "PPME_SYSCALL_EVENTFD_X",
        name: "eventfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Fd, F::Dec),
            p("initval", T::Uint64, F::Dec),
            p("flags", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 64,
        symbol: "PPME_SYSCALL_FUTEX_E",
        name: "futex",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("op", T::Flags16, F::Hex),
            p("val", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 65,
        symbol: "PPME_SYSCALL_FUTEX_X",
        name: "futex",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("op", T::Flags16, F::Hex),
            p("val", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 66,
        symbol: "PPME_SYSCALL_STAT_E",
        name: "stat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 67,
        symbol: "PPME_SYSCALL_STAT_X",
        name: "stat",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 68,
        symbol: "PPME_SYSCALL_LSTAT_E",
        name: "lstat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 69,
        symbol: "PPME_SYSCALL_LSTAT_X",
        name: "lstat",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 70,
        symbol: "PPME_SYSCALL_FSTAT_E",
        name: "fstat",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 71,
        symbol: "PPME_SYSCALL_FSTAT_X",
        name: "fstat",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 72,
        symbol: "PPME_SYSCALL_STAT64_E",
        name: "stat64",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 73,
        symbol: "PPME_SYSCALL_STAT64_X",
        name: "stat64",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 74,
        symbol: "PPME_SYSCALL_LSTAT64_E",
        name: "lstat64",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 75,
        symbol: "PPME_SYSCALL_LSTAT64_X",
        name: "lstat64",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 76,
        symbol: "PPME_SYSCALL_FSTAT64_E",
        name: "fstat64",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 77,
        symbol: "PPME_SYSCALL_FSTAT64_X",
        name: "fstat64",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 78,
        symbol: "PPME_SYSCALL_EPOLLWAIT_E",
        name: "epoll_wait",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::WAITS)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("maxevents", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 79,
        symbol: "PPME_SYSCALL_EPOLLWAIT_X",
        name: "epoll_wait",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("maxevents", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 80,
        symbol: "PPME_SYSCALL_POLL_E",
        name: "poll",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::WAITS)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fds", T::FdList, F::Dec), p("timeout", T::Int64, F::Dec)],
    },
    EventInfo {
        id: 81,
        symbol: "PPME_SYSCALL_POLL_X",
        name: "poll",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fds", T::FdList, F::Dec),
            p("timeout", T::Int64, F::Dec),
        ],
    },
    EventInfo {
        id: 82,
        symbol: "PPME_SYSCALL_SELECT_E",
        name: "select",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::WAITS),
        params: &[],
    },
    EventInfo {
        id: 83,
        symbol: "PPME_SYSCALL_SELECT_X",
        name: "select",
        flags: EventFlags::NONE.with(EventFlags::WAITS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 84,
        symbol: "PPME_SYSCALL_NEWSELECT_E",
        name: "select",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::WAITS),
        params: &[],
    },
    EventInfo {
        id: 85,
        symbol: "PPME_SYSCALL_NEWSELECT_X",
        name: "select",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::WAITS)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 86,
        symbol: "PPME_SYSCALL_LSEEK_E",
        name: "lseek",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("whence", T::EnumFlags8, F::Dec),
        ],
    },
    EventInfo {
        id: 87,
        symbol: "PPME_SYSCALL_LSEEK_X",
        name: "lseek",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("whence", T::EnumFlags8, F::Dec),
        ],
    },
    EventInfo {
        id: 88,
        symbol: "PPME_SYSCALL_LLSEEK_E",
        name: "llseek",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("whence", T::EnumFlags8, F::Dec),
        ],
    },
    EventInfo {
        id: 89,
        symbol: "PPME_SYSCALL_LLSEEK_X",
        name: "llseek",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("whence", T::EnumFlags8, F::Dec),
        ],
    },
    EventInfo {
        id: 90,
        symbol: "PPME_SYSCALL_IOCTL_2_E",
        name: "ioctl",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("request", T::Uint64, F::Hex)],
    },
    EventInfo {
        id: 91,
        symbol: "PPME_SYSCALL_IOCTL_2_X",
        name: "ioctl",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 92,
        symbol: "PPME_SYSCALL_GETCWD_E",
        name: "getcwd",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 93,
        symbol: "PPME_SYSCALL_GETCWD_X",
        name: "getcwd",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 94,
        symbol: "PPME_SYSCALL_CHDIR_E",
        name: "chdir",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 95,
        symbol: "PPME_SYSCALL_CHDIR_X",
        name: "chdir",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("path", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 96,
        symbol: "PPME_SYSCALL_FCHDIR_E",
        name: "fchdir",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 97,
        symbol: "PPME_SYSCALL_FCHDIR_X",
        name: "fchdir",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 98,
        symbol: "PPME_SYSCALL_MKDIR_E",
        name: "mkdir",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("path", T::FsPath, F::Na), p("mode", T::Uint32, F::Hex)],
    },
    EventInfo {
        id: 99,
        symbol: "PPME_SYSCALL_MKDIR_X",
        name: "mkdir",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 100,
        symbol: "PPME_SYSCALL_RMDIR_E",
        name: "rmdir",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 101,
        symbol: "PPME_SYSCALL_RMDIR_X",
        name: "rmdir",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 102,
        symbol: "PPME_SYSCALL_OPENAT_E",
        name: "openat",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("dirfd", T::Fd, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
        ],
    },
    EventInfo {
        id: 103,
        symbol: "PPME_SYSCALL_OPENAT_X",
        name: "openat",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 104,
        symbol: "PPME_SYSCALL_LINK_E",
        name: "link",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("oldpath", T::FsPath, F::Na),
            p("newpath", T::FsPath, F::Na),
        ],
    },
    EventInfo {
        id: 105,
        symbol: "PPME_SYSCALL_LINK_X",
        name: "link",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 106,
        symbol: "PPME_SYSCALL_LINKAT_E",
        name: "linkat",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("olddir", T::Fd, F::Dec),
            p("oldpath", T::CharBuf, F::Na),
            p("newdir", T::Fd, F::Dec),
            p("newpath", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 107,
        symbol: "PPME_SYSCALL_LINKAT_X",
        name: "linkat",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 108,
        symbol: "PPME_SYSCALL_UNLINK_E",
        name: "unlink",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 109,
        symbol: "PPME_SYSCALL_UNLINK_X",
        name: "unlink",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 110,
        symbol: "PPME_SYSCALL_UNLINKAT_E",
        name: "unlinkat",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("dirfd", T::Fd, F::Dec), p("name", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 111,
        symbol: "PPME_SYSCALL_UNLINKAT_X",
        name: "unlinkat",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 112,
        symbol: "PPME_SYSCALL_PREAD_E",
        name: "pread",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 113,
        symbol: "PPME_SYSCALL_PREAD_X",
        name: "pread",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 114,
        symbol: "PPME_SYSCALL_PWRITE_E",
        name: "pwrite",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 115,
        symbol: "PPME_SYSCALL_PWRITE_X",
        name: "pwrite",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 116,
        symbol: "PPME_SYSCALL_READV_E",
        name: "readv",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 117,
        symbol: "PPME_SYSCALL_READV_X",
        name: "readv",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
        ],
    },
    EventInfo {
        id: 118,
        symbol: "PPME_SYSCALL_WRITEV_E",
        name: "writev",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 119,
        symbol: "PPME_SYSCALL_WRITEV_X",
        name: "writev",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 120,
        symbol: "PPME_SYSCALL_PREADV_E",
        name: "preadv",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("pos", T::Uint64, F::Dec)],
    },
    EventInfo {
        id: 121,
        symbol: "PPME_SYSCALL_PREADV_X",
        name: "preadv",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 122,
        symbol: "PPME_SYSCALL_PWRITEV_E",
        name: "pwritev",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 123,
        symbol: "PPME_SYSCALL_PWRITEV_X",
        name: "pwritev",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 124,
        symbol: "PPME_SYSCALL_DUP_E",
        name: "dup",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 125,
        symbol: "PPME_SYSCALL_DUP_X",
        name: "dup",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 126,
        symbol: "PPME_SYSCALL_SIGNALFD_E",
        name: "signalfd",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("mask", T::Uint32, F::Hex),
            p("flags", T::Uint8, F::Hex),
        ],
    },
    EventInfo {
        id: 127,
        symbol: "PPME_SYSCALL_SIGNALFD_X",
        name: "signalfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Fd, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("mask", T::Uint32, F::Hex),
            p("flags", T::Uint8, F::Hex),
        ],
    },
    EventInfo {
        id: 128,
        symbol: "PPME_SYSCALL_KILL_E",
        name: "kill",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("pid", T::Pid, F::Dec), p("sig", T::SigType, F::Dec)],
    },
    EventInfo {
        id: 129,
        symbol: "PPME_SYSCALL_KILL_X",
        name: "kill",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("sig", T::SigType, F::Dec),
        ],
    },
    EventInfo {
        id: 130,
        symbol: "PPME_SYSCALL_TKILL_E",
        name: "tkill",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("tid", T::Pid, F::Dec), p("sig", T::SigType, F::Dec)],
    },
    EventInfo {
        id: 131,
        symbol: "PPME_SYSCALL_TKILL_X",
        name: "tkill",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("tid", T::Pid, F::Dec),
            p("sig", T::SigType, F::Dec),
        ],
    },
    EventInfo {
        id: 132,
        symbol: "PPME_SYSCALL_TGKILL_E",
        name: "tgkill",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("pid", T::Pid, F::Dec),
            p("tid", T::Pid, F::Dec),
            p("sig", T::SigType, F::Dec),
        ],
    },
    EventInfo {
        id: 133,
        symbol: "PPME_SYSCALL_TGKILL_X",
        name: "tgkill",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("tid", T::Pid, F::Dec),
            p("sig", T::SigType, F::Dec),
        ],
    },
    EventInfo {
        id: 134,
        symbol: "PPME_SYSCALL_NANOSLEEP_E",
        name: "nanosleep",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::WAITS)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("interval", T::RelTime, F::Dec)],
    },
    EventInfo {
        id: 135,
        symbol: "PPME_SYSCALL_NANOSLEEP_X",
        name: "nanosleep",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("interval", T::RelTime, F::Dec),
        ],
    },
    EventInfo {
        id: 136,
        symbol: "PPME_SYSCALL_TIMERFD_CREATE_E",
        name: "timerfd_create",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("clockid", T::Uint8, F::Dec), p("flags", T::Uint8, F::Hex)],
    },
    EventInfo {
        id: 137,
        symbol: "PPME_SYSCALL_TIMERFD_CREATE_X",
        name: "timerfd_create",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Fd, F::Dec),
            p("clockid", T::Uint8, F::Dec),
            p("flags", T::Uint8, F::Hex),
        ],
    },
    EventInfo {
        id: 138,
        symbol: "PPME_SYSCALL_INOTIFY_INIT_E",
        name: "inotify_init",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("flags", T::Uint8, F::Hex)],
    },
    EventInfo {
        id: 139,
        symbol: "PPME_SYSCALL_INOTIFY_INIT_X",
        name: "inotify_init",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Fd, F::Dec), p("flags", T::Uint8, F::Hex)],
    },
    EventInfo {
        id: 140,
        symbol: "PPME_SYSCALL_GETRLIMIT_E",
        name: "getrlimit",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("resource", T::EnumFlags8, F::Dec)],
    },
    EventInfo {
        id: 141,
        symbol: "PPME_SYSCALL_GETRLIMIT_X",
        name: "getrlimit",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("cur", T::Int64, F::Dec),
            p("max", T::Int64, F::Dec),
            p("resource", T::EnumFlags8, F::Dec),
        ],
    },
    EventInfo {
        id: 142,
        symbol: "PPME_SYSCALL_SETRLIMIT_E",
        name: "setrlimit",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("resource", T::EnumFlags8, F::Dec)],
    },
    EventInfo {
        id: 143,
        symbol: "PPME_SYSCALL_SETRLIMIT_X",
        name: "setrlimit",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("cur", T::Int64, F::Dec),
            p("max", T::Int64, F::Dec),
            p("resource", T::EnumFlags8, F::Dec),
        ],
    },
    EventInfo {
        id: 144,
        symbol: "PPME_SYSCALL_PRLIMIT_E",
        name: "prlimit",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("pid", T::Pid, F::Dec),
            p("resource", T::EnumFlags8, F::Dec),
        ],
    },
    EventInfo {
        id: 145,
        symbol: "PPME_SYSCALL_PRLIMIT_X",
        name: "prlimit",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("newcur", T::Int64, F::Dec),
            p("newmax", T::Int64, F::Dec),
            p("oldcur", T::Int64, F::Dec),
            p("oldmax", T::Int64, F::Dec),
            p("pid", T::Int64, F::Dec),
            p("resource", T::EnumFlags8, F::Dec),
        ],
    },
    EventInfo {
        id: 146,
        symbol: "PPME_SCHEDSWITCH_1_E",
        name: "switch",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("next", T::Pid, F::Dec)],
    },
    EventInfo {
        id: 147,
        symbol: "PPME_SCHEDSWITCH_1_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 148,
        symbol: "PPME_DROP_E",
        name: "drop",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[p("ratio", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 149,
        symbol: "PPME_DROP_X",
        name: "drop",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[p("ratio", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 150,
        symbol: "PPME_SYSCALL_FCNTL_E",
        name: "fcntl",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("cmd", T::EnumFlags8, F::Dec)],
    },
    EventInfo {
        id: 151,
        symbol: "PPME_SYSCALL_FCNTL_X",
        name: "fcntl",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Fd, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("cmd", T::EnumFlags8, F::Dec),
            p("arg", T::Uint64, F::Hex),
        ],
    },
    EventInfo {
        id: 152,
        symbol: "PPME_SCHEDSWITCH_6_E",
        name: "switch",
        flags: EventFlags::NONE,
        params: &[
            p("next", T::Pid, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 153,
        symbol: "PPME_SCHEDSWITCH_6_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 154,
        symbol: "PPME_SYSCALL_EXECVE_13_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[],
    },
    EventInfo {
        id: 155,
        symbol: "PPME_SYSCALL_EXECVE_13_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 156,
        symbol: "PPME_SYSCALL_CLONE_16_E",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 157,
        symbol: "PPME_SYSCALL_CLONE_16_X",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 158,
        symbol: "PPME_SYSCALL_BRK_4_E",
        name: "brk",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("addr", T::Uint64, F::Hex)],
    },
    EventInfo {
        id: 159,
        symbol: "PPME_SYSCALL_BRK_4_X",
        name: "brk",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Uint64, F::Hex),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("addr", T::Uint64, F::Hex),
        ],
    },
    EventInfo {
        id: 160,
        symbol: "PPME_SYSCALL_MMAP_E",
        name: "mmap",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            p("prot", T::Flags32, F::Hex),
            p("flags", T::Flags32, F::Hex),
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 161,
        symbol: "PPME_SYSCALL_MMAP_X",
        name: "mmap",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Hex),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            p("prot", T::Flags32, F::Hex),
            p("flags", T::Flags32, F::Hex),
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 162,
        symbol: "PPME_SYSCALL_MMAP2_E",
        name: "mmap2",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            p("prot", T::Flags32, F::Hex),
            p("flags", T::Flags32, F::Hex),
            p("fd", T::Fd, F::Dec),
            p("pgoffset", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 163,
        symbol: "PPME_SYSCALL_MMAP2_X",
        name: "mmap2",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Hex),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            p("prot", T::Flags32, F::Hex),
            p("flags", T::Flags32, F::Hex),
            p("fd", T::Fd, F::Dec),
            p("pgoffset", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 164,
        symbol: "PPME_SYSCALL_MUNMAP_E",
        name: "munmap",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("addr", T::Uint64, F::Hex), p("length", T::Uint64, F::Dec)],
    },
    EventInfo {
        id: 165,
        symbol: "PPME_SYSCALL_MUNMAP_X",
        name: "munmap",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 166,
        symbol: "PPME_SYSCALL_SPLICE_E",
        name: "splice",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd_in", T::Fd, F::Dec),
            p("fd_out", T::Fd, F::Dec),
            p("size", T::Uint64, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 167,
        symbol: "PPME_SYSCALL_SPLICE_X",
        name: "splice",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd_in", T::Fd, F::Dec),
            p("fd_out", T::Fd, F::Dec),
            p("size", T::Uint64, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 168,
        symbol: "PPME_SYSCALL_PTRACE_E",
        name: "ptrace",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("request", T::EnumFlags16, F::Dec),
            p("pid", T::Pid, F::Dec),
        ],
    },
    EventInfo {
        id: 169,
        symbol: "PPME_SYSCALL_PTRACE_X",
        name: "ptrace",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Dyn, F::Hex),
            p("data", T::Dyn, F::Hex),
            p("request", T::EnumFlags16, F::Dec),
            p("pid", T::Pid, F::Dec),
        ],
    },
    EventInfo {
        id: 170,
        symbol: "PPME_SYSCALL_IOCTL_3_E",
        name: "ioctl",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("request", T::Uint64, F::Hex),
            p("argument", T::Uint64, F::Hex),
        ],
    },
    EventInfo {
        id: 171,
        symbol: "PPME_SYSCALL_IOCTL_3_X",
        name: "ioctl",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("request", T::Uint64, F::Hex),
            p("argument", T::Uint64, F::Hex),
        ],
    },
    EventInfo {
        id: 172,
        symbol: "PPME_SYSCALL_EXECVE_14_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[],
    },
    EventInfo {
        id: 173,
        symbol: "PPME_SYSCALL_EXECVE_14_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("env", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 174,
        symbol: "PPME_SYSCALL_RENAME_E",
        name: "rename",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 175,
        symbol: "PPME_SYSCALL_RENAME_X",
        name: "rename",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("oldpath", T::FsPath, F::Na),
            p("newpath", T::FsPath, F::Na),
        ],
    },
    EventInfo {
        id: 176,
        symbol: "PPME_SYSCALL_RENAMEAT_E",
        name: "renameat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 177,
        symbol: "PPME_SYSCALL_RENAMEAT_X",
        name: "renameat",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("olddirfd", T::Fd, F::Dec),
            p("oldpath", T::FsRelPath, F::Na),
            p("newdirfd", T::Fd, F::Dec),
            p("newpath", T::FsRelPath, F::Na),
        ],
    },
    EventInfo {
        id: 178,
        symbol: "PPME_SYSCALL_SYMLINK_E",
        name: "symlink",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 179,
        symbol: "PPME_SYSCALL_SYMLINK_X",
        name: "symlink",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("target", T::CharBuf, F::Na),
            p("linkpath", T::FsPath, F::Na),
        ],
    },
    EventInfo {
        id: 180,
        symbol: "PPME_SYSCALL_SYMLINKAT_E",
        name: "symlinkat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 181,
        symbol: "PPME_SYSCALL_SYMLINKAT_X",
        name: "symlinkat",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("target", T::CharBuf, F::Na),
            p("linkdirfd", T::Fd, F::Dec),
            p("linkpath", T::FsRelPath, F::Na),
        ],
    },
    EventInfo {
        id: 182,
        symbol: "PPME_SYSCALL_FORK_E",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 183,
        symbol: "PPME_SYSCALL_FORK_X",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 184,
        symbol: "PPME_SYSCALL_VFORK_E",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 185,
        symbol: "PPME_SYSCALL_VFORK_X",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 186,
        symbol: "PPME_PROCEXIT_1_E",
        name: "procexit",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("status", T::Errno, F::Dec),
            p("ret", T::Errno, F::Dec),
            p("sig", T::SigType, F::Dec),
            p("core", T::Uint8, F::Dec),
            p("reaper_tid", T::Pid, F::Dec),
        ],
    },
    EventInfo {
        id: 187,
        symbol: "PPME_PROCEXIT_1_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 188,
        symbol: "PPME_SYSCALL_SENDFILE_E",
        name: "sendfile",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("out_fd", T::Fd, F::Dec),
            p("in_fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("size", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 189,
        symbol: "PPME_SYSCALL_SENDFILE_X",
        name: "sendfile",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("out_fd", T::Fd, F::Dec),
            p("in_fd", T::Fd, F::Dec),
            p("size", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 190,
        symbol: "PPME_SYSCALL_QUOTACTL_E",
        name: "quotactl",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("cmd", T::Flags16, F::Dec),
            p("type", T::Flags8, F::Dec),
            p("id", T::Uint32, F::Dec),
            p("quota_fmt", T::Flags8, F::Dec),
        ],
    },
    EventInfo {
        id: 191,
        symbol: "PPME_SYSCALL_QUOTACTL_X",
        name: "quotactl",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("special", T::CharBuf, F::Na),
            p("quotafilepath", T::CharBuf, F::Na),
            p("dqb_bhardlimit", T::Uint64, F::Dec),
            p("dqb_bsoftlimit", T::Uint64, F::Dec),
            p("dqb_curspace", T::Uint64, F::Dec),
            p("dqb_ihardlimit", T::Uint64, F::Dec),
            p("dqb_isoftlimit", T::Uint64, F::Dec),
            p("dqb_btime", T::RelTime, F::Dec),
            p("dqb_itime", T::RelTime, F::Dec),
            p("dqi_bgrace", T::RelTime, F::Dec),
            p("dqi_igrace", T::RelTime, F::Dec),
            p("dqi_flags", T::Flags8, F::Dec),
            p("quota_fmt_out", T::Flags8, F::Dec),
            p("cmd", T::Flags16, F::Dec),
            p("type", T::Flags8, F::Dec),
            p("id", T::Uint32, F::Dec),
            p("quota_fmt", T::Flags8, F::Dec),
        ],
    },
    EventInfo {
        id: 192,
        symbol: "PPME_SYSCALL_SETRESUID_E",
        name: "setresuid",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("suid", T::Uid, F::Dec),
        ],
    },
    EventInfo {
        id: 193,
        symbol: "PPME_SYSCALL_SETRESUID_X",
        name: "setresuid",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("suid", T::Uid, F::Dec),
        ],
    },
    EventInfo {
        id: 194,
        symbol: "PPME_SYSCALL_SETRESGID_E",
        name: "setresgid",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("rgid", T::Gid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("sgid", T::Gid, F::Dec),
        ],
    },
    EventInfo {
        id: 195,
        symbol: "PPME_SYSCALL_SETRESGID_X",
        name: "setresgid",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("rgid", T::Gid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("sgid", T::Gid, F::Dec),
        ],
    },
    EventInfo {
        id: 196,
        symbol: "PPME_SCAPEVENT_E",
        name: "scapevent",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[
            p("event_type", T::Uint32, F::Dec),
            p("event_data", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 197,
        symbol: "PPME_SCAPEVENT_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 198,
        symbol: "PPME_SYSCALL_SETUID_E",
        name: "setuid",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("uid", T::Uid, F::Dec)],
    },
    EventInfo {
        id: 199,
        symbol: "PPME_SYSCALL_SETUID_X",
        name: "setuid",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("uid", T::Uid, F::Dec)],
    },
    EventInfo {
        id: 200,
        symbol: "PPME_SYSCALL_SETGID_E",
        name: "setgid",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("gid", T::Gid, F::Dec)],
    },
    EventInfo {
        id: 201,
        symbol: "PPME_SYSCALL_SETGID_X",
        name: "setgid",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("gid", T::Gid, F::Dec)],
    },
    EventInfo {
        id: 202,
        symbol: "PPME_SYSCALL_GETUID_E",
        name: "getuid",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 203,
        symbol: "PPME_SYSCALL_GETUID_X",
        name: "getuid",
        flags: EventFlags::NONE,
        params: &[p("uid", T::Uid, F::Dec)],
    },
    EventInfo {
        id: 204,
        symbol: "PPME_SYSCALL_GETEUID_E",
        name: "geteuid",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 205,
        symbol: "PPME_SYSCALL_GETEUID_X",
        name: "geteuid",
        flags: EventFlags::NONE,
        params: &[p("euid", T::Uid, F::Dec)],
    },
    EventInfo {
        id: 206,
        symbol: "PPME_SYSCALL_GETGID_E",
        name: "getgid",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 207,
        symbol: "PPME_SYSCALL_GETGID_X",
        name: "getgid",
        flags: EventFlags::NONE,
        params: &[p("gid", T::Gid, F::Dec)],
    },
    EventInfo {
        id: 208,
        symbol: "PPME_SYSCALL_GETEGID_E",
        name: "getegid",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 209,
        symbol: "PPME_SYSCALL_GETEGID_X",
        name: "getegid",
        flags: EventFlags::NONE,
        params: &[p("egid", T::Gid, F::Dec)],
    },
    EventInfo {
        id: 210,
        symbol: "PPME_SYSCALL_GETRESUID_E",
        name: "getresuid",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 211,
        symbol: "PPME_SYSCALL_GETRESUID_X",
        name: "getresuid",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("suid", T::Uid, F::Dec),
        ],
    },
    EventInfo {
        id: 212,
        symbol: "PPME_SYSCALL_GETRESGID_E",
        name: "getresgid",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 213,
        symbol: "PPME_SYSCALL_GETRESGID_X",
        name: "getresgid",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("rgid", T::Gid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("sgid", T::Gid, F::Dec),
        ],
    },
    EventInfo {
        id: 214,
        symbol: "PPME_SYSCALL_EXECVE_15_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[],
    },
    EventInfo {
        id: 215,
        symbol: "PPME_SYSCALL_EXECVE_15_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 216,
        symbol: "PPME_SYSCALL_CLONE_17_E",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 217,
        symbol: "PPME_SYSCALL_CLONE_17_X",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 218,
        symbol: "PPME_SYSCALL_FORK_17_E",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 219,
        symbol: "PPME_SYSCALL_FORK_17_X",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 220,
        symbol: "PPME_SYSCALL_VFORK_17_E",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 221,
        symbol: "PPME_SYSCALL_VFORK_17_X",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 222,
        symbol: "PPME_SYSCALL_CLONE_20_E",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 223,
        symbol: "PPME_SYSCALL_CLONE_20_X",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 224,
        symbol: "PPME_SYSCALL_FORK_20_E",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 225,
        symbol: "PPME_SYSCALL_FORK_20_X",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 226,
        symbol: "PPME_SYSCALL_VFORK_20_E",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 227,
        symbol: "PPME_SYSCALL_VFORK_20_X",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 228,
        symbol: "PPME_CONTAINER_E",
        name: "container",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("id", T::CharBuf, F::Na),
            p("type", T::Uint32, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("image", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 229,
        symbol: "PPME_CONTAINER_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 230,
        symbol: "PPME_SYSCALL_EXECVE_16_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[],
    },
    EventInfo {
        id: 231,
        symbol: "PPME_SYSCALL_EXECVE_16_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 232,
        symbol: "PPME_SIGNALDELIVER_E",
        name: "signaldeliver",
        flags: EventFlags::NONE,
        params: &[
            p("spid", T::Pid, F::Dec),
            p("dpid", T::Pid, F::Dec),
            p("sig", T::SigType, F::Dec),
        ],
    },
    EventInfo {
        id: 233,
        symbol: "PPME_SIGNALDELIVER_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 234,
        symbol: "PPME_PROCINFO_E",
        name: "procinfo",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[
            p("cpu_usr", T::Uint64, F::Dec),
            p("cpu_sys", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 235,
        symbol: "PPME_PROCINFO_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 236,
        symbol: "PPME_SYSCALL_GETDENTS_E",
        name: "getdents",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 237,
        symbol: "PPME_SYSCALL_GETDENTS_X",
        name: "getdents",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 238,
        symbol: "PPME_SYSCALL_GETDENTS64_E",
        name: "getdents64",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 239,
        symbol: "PPME_SYSCALL_GETDENTS64_X",
        name: "getdents64",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 240,
        symbol: "PPME_SYSCALL_SETNS_E",
        name: "setns",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Na), p("nstype", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 241,
        symbol: "PPME_SYSCALL_SETNS_X",
        name: "setns",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Na),
            p("nstype", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 242,
        symbol: "PPME_SYSCALL_FLOCK_E",
        name: "flock",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Na), p("operation", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 243,
        symbol: "PPME_SYSCALL_FLOCK_X",
        name: "flock",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Na),
            p("operation", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 244,
        symbol: "PPME_CPU_HOTPLUG_E",
        name: "cpu_hotplug",
        flags: EventFlags::NONE
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("cpu", T::Uint32, F::Dec), p("action", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 245,
        symbol: "PPME_CPU_HOTPLUG_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 246,
        symbol: "PPME_SOCKET_ACCEPT_5_E",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 247,
        symbol: "PPME_SOCKET_ACCEPT_5_X",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
            p("queuelen", T::Uint32, F::Dec),
            p("queuemax", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 248,
        symbol: "PPME_SOCKET_ACCEPT4_5_E",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("flags", T::Int32, F::Hex)],
    },
    EventInfo {
        id: 249,
        symbol: "PPME_SOCKET_ACCEPT4_5_X",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
            p("queuelen", T::Uint32, F::Dec),
            p("queuemax", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 250,
        symbol: "PPME_SYSCALL_SEMOP_E",
        name: "semop",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("semid", T::Int32, F::Dec)],
    },
    EventInfo {
        id: 251,
        symbol: "PPME_SYSCALL_SEMOP_X",
        name: "semop",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("nsops", T::Uint32, F::Dec),
            p("sem_num_0", T::Uint16, F::Dec),
            p("sem_op_0", T::Int16, F::Dec),
            p("sem_flg_0", T::Flags16, F::Hex),
            p("sem_num_1", T::Uint16, F::Dec),
            p("sem_op_1", T::Int16, F::Dec),
            p("sem_flg_1", T::Flags16, F::Hex),
            p("semid", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 252,
        symbol: "PPME_SYSCALL_SEMCTL_E",
        name: "semctl",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("semid", T::Int32, F::Dec),
            p("semnum", T::Int32, F::Dec),
            p("cmd", T::Flags16, F::Hex),
            p("val", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 253,
        symbol: "PPME_SYSCALL_SEMCTL_X",
        name: "semctl",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("semid", T::Int32, F::Dec),
            p("semnum", T::Int32, F::Dec),
            p("cmd", T::Flags16, F::Hex),
            p("val", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 254,
        symbol: "PPME_SYSCALL_PPOLL_E",
        name: "ppoll",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::WAITS)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fds", T::FdList, F::Dec),
            p("timeout", T::RelTime, F::Dec),
            p("sigmask", T::SigSet, F::Dec),
        ],
    },
    EventInfo {
        id: 255,
        symbol: "PPME_SYSCALL_PPOLL_X",
        name: "ppoll",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fds", T::FdList, F::Dec),
            p("timeout", T::RelTime, F::Dec),
            p("sigmask", T::SigSet, F::Dec),
        ],
    },
    EventInfo {
        id: 256,
        symbol: "PPME_SYSCALL_MOUNT_E",
        name: "mount",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 257,
        symbol: "PPME_SYSCALL_MOUNT_X",
        name: "mount",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("dev", T::CharBuf, F::Na),
            p("dir", T::FsPath, F::Na),
            p("type", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 258,
        symbol: "PPME_SYSCALL_UMOUNT_E",
        name: "umount",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 259,
        symbol: "PPME_SYSCALL_UMOUNT_X",
        name: "umount",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("name", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 260,
        symbol: "PPME_K8S_E",
        name: "k8s",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("json", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 261,
        symbol: "PPME_K8S_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 262,
        symbol: "PPME_SYSCALL_SEMGET_E",
        name: "semget",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("key", T::Int32, F::Hex),
            p("nsems", T::Int32, F::Dec),
            p("semflg", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 263,
        symbol: "PPME_SYSCALL_SEMGET_X",
        name: "semget",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("key", T::Int32, F::Hex),
            p("nsems", T::Int32, F::Dec),
            p("semflg", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 264,
        symbol: "PPME_SYSCALL_ACCESS_E",
        name: "access",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("mode", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 265,
        symbol: "PPME_SYSCALL_ACCESS_X",
        name: "access",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("name", T::FsPath, F::Na),
            p("mode", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 266,
        symbol: "PPME_SYSCALL_CHROOT_E",
        name: "chroot",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 267,
        symbol: "PPME_SYSCALL_CHROOT_X",
        name: "chroot",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 268,
        symbol: "PPME_TRACER_E",
        name: "tracer",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[
            p("id", T::Int64, F::Dec),
            p("tags", T::CharBufArray, F::Na),
            p("args", T::CharBufPairArray, F::Na),
        ],
    },
    EventInfo {
        id: 269,
        symbol: "PPME_TRACER_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[
            p("id", T::Int64, F::Dec),
            p("tags", T::CharBufArray, F::Na),
            p("args", T::CharBufPairArray, F::Na),
        ],
    },
    EventInfo {
        id: 270,
        symbol: "PPME_MESOS_E",
        name: "mesos",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("json", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 271,
        symbol: "PPME_MESOS_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 272,
        symbol: "PPME_CONTAINER_JSON_E",
        name: "container",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("json", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 273,
        symbol: "PPME_CONTAINER_JSON_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 274,
        symbol: "PPME_SYSCALL_SETSID_E",
        name: "setsid",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 275,
        symbol: "PPME_SYSCALL_SETSID_X",
        name: "setsid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Pid, F::Dec)],
    },
    EventInfo {
        id: 276,
        symbol: "PPME_SYSCALL_MKDIR_2_E",
        name: "mkdir",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("mode", T::Uint32, F::Hex)],
    },
    EventInfo {
        id: 277,
        symbol: "PPME_SYSCALL_MKDIR_2_X",
        name: "mkdir",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("path", T::FsPath, F::Na),
            p("mode", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 278,
        symbol: "PPME_SYSCALL_RMDIR_2_E",
        name: "rmdir",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 279,
        symbol: "PPME_SYSCALL_RMDIR_2_X",
        name: "rmdir",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 280,
        symbol: "PPME_NOTIFICATION_E",
        name: "notification",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[p("id", T::CharBuf, F::Dec), p("desc", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 281,
        symbol: "PPME_NOTIFICATION_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 282,
        symbol: "PPME_SYSCALL_EXECVE_17_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[],
    },
    EventInfo {
        id: 283,
        symbol: "PPME_SYSCALL_EXECVE_17_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
            p("tty", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 284,
        symbol: "PPME_SYSCALL_UNSHARE_E",
        name: "unshare",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 285,
        symbol: "PPME_SYSCALL_UNSHARE_X",
        name: "unshare",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 286,
        symbol: "PPME_INFRASTRUCTURE_EVENT_E",
        name: "infra",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[
            p("source", T::CharBuf, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("description", T::CharBuf, F::Na),
            p("scope", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 287,
        symbol: "PPME_INFRASTRUCTURE_EVENT_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 288,
        symbol: "PPME_SYSCALL_EXECVE_18_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("filename", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 289,
        symbol: "PPME_SYSCALL_EXECVE_18_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
            p("tty", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 290,
        symbol: "PPME_PAGE_FAULT_E",
        name: "page_fault",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("ip", T::Uint64, F::Hex),
            p("error", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 291,
        symbol: "PPME_PAGE_FAULT_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 292,
        symbol: "PPME_SYSCALL_EXECVE_19_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("filename", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 293,
        symbol: "PPME_SYSCALL_EXECVE_19_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
            p("tty", T::Uint32, F::Dec),
            p("vpgid", T::Pid, F::Dec),
            p("loginuid", T::Uid, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("cap_inheritable", T::Uint64, F::Hex),
            p("cap_permitted", T::Uint64, F::Hex),
            p("cap_effective", T::Uint64, F::Hex),
            p("exe_ino", T::Uint64, F::Dec),
            p("exe_ino_ctime", T::AbsTime, F::Dec),
            p("exe_ino_mtime", T::AbsTime, F::Dec),
            p("uid", T::Uid, F::Dec),
            p("trusted_exepath", T::FsPath, F::Na),
            p("pgid", T::Pid, F::Na),
            p("gid", T::Gid, F::Dec),
            p("filename", T::FsPath, F::Na),
        ],
    },
    EventInfo {
        id: 294,
        symbol: "PPME_SYSCALL_SETPGID_E",
        name: "setpgid",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("pid", T::Pid, F::Dec), p("pgid", T::Pid, F::Dec)],
    },
    EventInfo {
        id: 295,
        symbol: "PPME_SYSCALL_SETPGID_X",
        name: "setpgid",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("pgid", T::Pid, F::Dec),
        ],
    },
    EventInfo {
        id: 296,
        symbol: "PPME_SYSCALL_BPF_E",
        name: "bpf",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("cmd", T::Int64, F::Dec)],
    },
    EventInfo {
        id: 297,
        symbol: "PPME_SYSCALL_BPF_X",
        name: "bpf",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res_or_fd", T::Dyn, F::Dec)],
    },
    EventInfo {
        id: 298,
        symbol: "PPME_SYSCALL_SECCOMP_E",
        name: "seccomp",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("op", T::Uint64, F::Dec), p("flags", T::Uint64, F::Hex)],
    },
    EventInfo {
        id: 299,
        symbol: "PPME_SYSCALL_SECCOMP_X",
        name: "seccomp",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("op", T::Uint64, F::Dec),
            p("flags", T::Uint64, F::Hex),
        ],
    },
    EventInfo {
        id: 300,
        symbol: "PPME_SYSCALL_UNLINK_2_E",
        name: "unlink",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 301,
        symbol: "PPME_SYSCALL_UNLINK_2_X",
        name: "unlink",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 302,
        symbol: "PPME_SYSCALL_UNLINKAT_2_E",
        name: "unlinkat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 303,
        symbol: "PPME_SYSCALL_UNLINKAT_2_X",
        name: "unlinkat",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 304,
        symbol: "PPME_SYSCALL_MKDIRAT_E",
        name: "mkdirat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 305,
        symbol: "PPME_SYSCALL_MKDIRAT_X",
        name: "mkdirat",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("path", T::FsRelPath, F::Na),
            p("mode", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 306,
        symbol: "PPME_SYSCALL_OPENAT_2_E",
        name: "openat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
        ],
    },
    EventInfo {
        id: 307,
        symbol: "PPME_SYSCALL_OPENAT_2_X",
        name: "openat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 308,
        symbol: "PPME_SYSCALL_LINK_2_E",
        name: "link",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 309,
        symbol: "PPME_SYSCALL_LINK_2_X",
        name: "link",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("oldpath", T::FsPath, F::Na),
            p("newpath", T::FsPath, F::Na),
        ],
    },
    EventInfo {
        id: 310,
        symbol: "PPME_SYSCALL_LINKAT_2_E",
        name: "linkat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 311,
        symbol: "PPME_SYSCALL_LINKAT_2_X",
        name: "linkat",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("olddir", T::Fd, F::Dec),
            p("oldpath", T::FsRelPath, F::Na),
            p("newdir", T::Fd, F::Dec),
            p("newpath", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 312,
        symbol: "PPME_SYSCALL_FCHMODAT_E",
        name: "fchmodat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 313,
        symbol: "PPME_SYSCALL_FCHMODAT_X",
        name: "fchmodat",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("filename", T::FsRelPath, F::Na),
            p("mode", T::Mode, F::Oct),
        ],
    },
    EventInfo {
        id: 314,
        symbol: "PPME_SYSCALL_CHMOD_E",
        name: "chmod",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 315,
        symbol: "PPME_SYSCALL_CHMOD_X",
        name: "chmod",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("filename", T::FsPath, F::Na),
            p("mode", T::Mode, F::Oct),
        ],
    },
    EventInfo {
        id: 316,
        symbol: "PPME_SYSCALL_FCHMOD_E",
        name: "fchmod",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 317,
        symbol: "PPME_SYSCALL_FCHMOD_X",
        name: "fchmod",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("mode", T::Mode, F::Oct),
        ],
    },
    EventInfo {
        id: 318,
        symbol: "PPME_SYSCALL_RENAMEAT2_E",
        name: "renameat2",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 319,
        symbol: "PPME_SYSCALL_RENAMEAT2_X",
        name: "renameat2",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("olddirfd", T::Fd, F::Dec),
            p("oldpath", T::FsRelPath, F::Na),
            p("newdirfd", T::Fd, F::Dec),
            p("newpath", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 320,
        symbol: "PPME_SYSCALL_USERFAULTFD_E",
        name: "userfaultfd",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 321,
        symbol: "PPME_SYSCALL_USERFAULTFD_X",
        name: "userfaultfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 322,
        symbol: "PPME_PLUGINEVENT_E",
        name: "pluginevent",
        flags: EventFlags::NONE.with(EventFlags::LARGE_PAYLOAD),
        params: &[
            p("plugin_id", T::Uint32, F::Dec),
            p("event_data", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 323,
        symbol: "PPME_PLUGINEVENT_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 324,
        symbol: "PPME_CONTAINER_JSON_2_E",
        name: "container",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::LARGE_PAYLOAD),
        params: &[p("json", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 325,
        symbol: "PPME_CONTAINER_JSON_2_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 326,
        symbol: "PPME_SYSCALL_OPENAT2_E",
        name: "openat2",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
            p("resolve", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 327,
        symbol: "PPME_SYSCALL_OPENAT2_X",
        name: "openat2",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
            p("resolve", T::Flags32, F::Hex),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 328,
        symbol: "PPME_SYSCALL_MPROTECT_E",
        name: "mprotect",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            p("prot", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 329,
        symbol: "PPME_SYSCALL_MPROTECT_X",
        name: "mprotect",
        flags: EventFlags::NONE.with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            p("prot", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 330,
        symbol: "PPME_SYSCALL_EXECVEAT_E",
        name: "execveat",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("dirfd", T::Fd, F::Dec),
            p("pathname", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 331,
        symbol: "PPME_SYSCALL_EXECVEAT_X",
        name: "execveat",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
            p("tty", T::Uint32, F::Dec),
            p("vpgid", T::Pid, F::Dec),
            p("loginuid", T::Uid, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("cap_inheritable", T::Uint64, F::Hex),
            p("cap_permitted", T::Uint64, F::Hex),
            p("cap_effective", T::Uint64, F::Hex),
            p("exe_ino", T::Uint64, F::Dec),
            p("exe_ino_ctime", T::AbsTime, F::Dec),
            p("exe_ino_mtime", T::AbsTime, F::Dec),
            p("uid", T::Uid, F::Dec),
            p("trusted_exepath", T::FsPath, F::Na),
            p("pgid", T::Pid, F::Na),
            p("gid", T::Gid, F::Dec),
        ],
    },
    EventInfo {
        id: 332,
        symbol: "PPME_SYSCALL_COPY_FILE_RANGE_E",
        name: "copy_file_range",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fdin", T::Fd, F::Dec),
            p("offin", T::Uint64, F::Dec),
            p("len", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 333,
        symbol: "PPME_SYSCALL_COPY_FILE_RANGE_X",
        name: "copy_file_range",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fdout", T::Fd, F::Dec),
            p("offout", T::Uint64, F::Dec),
            p("fdin", T::Fd, F::Dec),
            p("offin", T::Uint64, F::Dec),
            p("len", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 334,
        symbol: "PPME_SYSCALL_CLONE3_E",
        name: "clone3",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 335,
        symbol: "PPME_SYSCALL_CLONE3_X",
        name: "clone3",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 336,
        symbol: "PPME_SYSCALL_OPEN_BY_HANDLE_AT_E",
        name: "open_by_handle_at",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 337,
        symbol: "PPME_SYSCALL_OPEN_BY_HANDLE_AT_X",
        name: "open_by_handle_at",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("mountfd", T::Fd, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("path", T::FsPath, F::Na),
            p("dev", T::Uint32, F::Hex),
            p("ino", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 338,
        symbol: "PPME_SYSCALL_IO_URING_SETUP_E",
        name: "io_uring_setup",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 339,
        symbol: "PPME_SYSCALL_IO_URING_SETUP_X",
        name: "io_uring_setup",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("entries", T::Uint32, F::Dec),
            p("sq_entries", T::Uint32, F::Dec),
            p("cq_entries", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("sq_thread_cpu", T::Uint32, F::Dec),
            p("sq_thread_idle", T::Uint32, F::Dec),
            p("features", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 340,
        symbol: "PPME_SYSCALL_IO_URING_ENTER_E",
        name: "io_uring_enter",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 341,
        symbol: "PPME_SYSCALL_IO_URING_ENTER_X",
        name: "io_uring_enter",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("to_submit", T::Uint32, F::Dec),
            p("min_complete", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("sig", T::SigSet, F::Dec),
        ],
    },
    EventInfo {
        id: 342,
        symbol: "PPME_SYSCALL_IO_URING_REGISTER_E",
        name: "io_uring_register",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 343,
        symbol: "PPME_SYSCALL_IO_URING_REGISTER_X",
        name: "io_uring_register",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("opcode", T::EnumFlags16, F::Dec),
            p("arg", T::Uint64, F::Hex),
            p("nr_args", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 344,
        symbol: "PPME_SYSCALL_MLOCK_E",
        name: "mlock",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 345,
        symbol: "PPME_SYSCALL_MLOCK_X",
        name: "mlock",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("len", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 346,
        symbol: "PPME_SYSCALL_MUNLOCK_E",
        name: "munlock",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 347,
        symbol: "PPME_SYSCALL_MUNLOCK_X",
        name: "munlock",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("len", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 348,
        symbol: "PPME_SYSCALL_MLOCKALL_E",
        name: "mlockall",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 349,
        symbol: "PPME_SYSCALL_MLOCKALL_X",
        name: "mlockall",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 350,
        symbol: "PPME_SYSCALL_MUNLOCKALL_E",
        name: "munlockall",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 351,
        symbol: "PPME_SYSCALL_MUNLOCKALL_X",
        name: "munlockall",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 352,
        symbol: "PPME_SYSCALL_CAPSET_E",
        name: "capset",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 353,
        symbol: "PPME_SYSCALL_CAPSET_X",
        name: "capset",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("cap_inheritable", T::Uint64, F::Hex),
            p("cap_permitted", T::Uint64, F::Hex),
            p("cap_effective", T::Uint64, F::Hex),
        ],
    },
    EventInfo {
        id: 354,
        symbol: "PPME_USER_ADDED_E",
        name: "useradded",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("home", T::CharBuf, F::Na),
            p("shell", T::CharBuf, F::Na),
            p("container_id", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 355,
        symbol: "PPME_USER_ADDED_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 356,
        symbol: "PPME_USER_DELETED_E",
        name: "userdeleted",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("home", T::CharBuf, F::Na),
            p("shell", T::CharBuf, F::Na),
            p("container_id", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 357,
        symbol: "PPME_USER_DELETED_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 358,
        symbol: "PPME_GROUP_ADDED_E",
        name: "groupadded",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("gid", T::Uint32, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("container_id", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 359,
        symbol: "PPME_GROUP_ADDED_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 360,
        symbol: "PPME_GROUP_DELETED_E",
        name: "groupdeleted",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("gid", T::Uint32, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("container_id", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 361,
        symbol: "PPME_GROUP_DELETED_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 362,
        symbol: "PPME_SYSCALL_DUP2_E",
        name: "dup2",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 363,
        symbol: "PPME_SYSCALL_DUP2_X",
        name: "dup2",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Fd, F::Dec),
            p("oldfd", T::Fd, F::Dec),
            p("newfd", T::Fd, F::Dec),
        ],
    },
    EventInfo {
        id: 364,
        symbol: "PPME_SYSCALL_DUP3_E",
        name: "dup3",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 365,
        symbol: "PPME_SYSCALL_DUP3_X",
        name: "dup3",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Fd, F::Dec),
            p("oldfd", T::Fd, F::Dec),
            p("newfd", T::Fd, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 366,
        symbol: "PPME_SYSCALL_DUP_1_E",
        name: "dup",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 367,
        symbol: "PPME_SYSCALL_DUP_1_X",
        name: "dup",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Fd, F::Dec), p("oldfd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 368,
        symbol: "PPME_SYSCALL_BPF_2_E",
        name: "bpf",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD),
        params: &[p("cmd", T::Int64, F::Dec)],
    },
    EventInfo {
        id: 369,
        symbol: "PPME_SYSCALL_BPF_2_X",
        name: "bpf",
        flags: EventFlags::NONE.with(EventFlags::CREATES_FD),
        params: &[p("fd", T::Fd, F::Dec), p("cmd", T::EnumFlags32, F::Dec)],
    },
    EventInfo {
        id: 370,
        symbol: "PPME_SYSCALL_MLOCK2_E",
        name: "mlock2",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 371,
        symbol: "PPME_SYSCALL_MLOCK2_X",
        name: "mlock2",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Uint64, F::Hex),
            p("len", T::Uint64, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 372,
        symbol: "PPME_SYSCALL_FSCONFIG_E",
        name: "fsconfig",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 373,
        symbol: "PPME_SYSCALL_FSCONFIG_X",
        name: "fsconfig",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("cmd", T::EnumFlags32, F::Dec),
            p("key", T::CharBuf, F::Na),
            p("value_bytebuf", T::ByteBuf, F::Na),
            p("value_charbuf", T::CharBuf, F::Na),
            p("aux", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 374,
        symbol: "PPME_SYSCALL_EPOLL_CREATE_E",
        name: "epoll_create",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("size", T::Int32, F::Dec)],
    },
    EventInfo {
        id: 375,
        symbol: "PPME_SYSCALL_EPOLL_CREATE_X",
        name: "epoll_create",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("size", T::Int32, F::Dec)],
    },
    EventInfo {
        id: 376,
        symbol: "PPME_SYSCALL_EPOLL_CREATE1_E",
        name: "epoll_create1",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 377,
        symbol: "PPME_SYSCALL_EPOLL_CREATE1_X",
        name: "epoll_create1",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("res", T::Errno, F::Dec), p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 378,
        symbol: "PPME_SYSCALL_CHOWN_E",
        name: "chown",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 379,
        symbol: "PPME_SYSCALL_CHOWN_X",
        name: "chown",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("path", T::FsPath, F::Na),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 380,
        symbol: "PPME_SYSCALL_LCHOWN_E",
        name: "lchown",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 381,
        symbol: "PPME_SYSCALL_LCHOWN_X",
        name: "lchown",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("path", T::FsPath, F::Na),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 382,
        symbol: "PPME_SYSCALL_FCHOWN_E",
        name: "fchown",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 383,
        symbol: "PPME_SYSCALL_FCHOWN_X",
        name: "fchown",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 384,
        symbol: "PPME_SYSCALL_FCHOWNAT_E",
        name: "fchownat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 385,
        symbol: "PPME_SYSCALL_FCHOWNAT_X",
        name: "fchownat",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("pathname", T::FsRelPath, F::Na),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 386,
        symbol: "PPME_SYSCALL_UMOUNT_1_E",
        name: "umount",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 387,
        symbol: "PPME_SYSCALL_UMOUNT_1_X",
        name: "umount",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("name", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 388,
        symbol: "PPME_SOCKET_ACCEPT4_6_E",
        name: "accept4",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("flags", T::Int32, F::Hex)],
    },
    EventInfo {
        id: 389,
        symbol: "PPME_SOCKET_ACCEPT4_6_X",
        name: "accept4",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
            p("queuelen", T::Uint32, F::Dec),
            p("queuemax", T::Uint32, F::Dec),
            p("flags", T::Int32, F::Hex),
        ],
    },
    EventInfo {
        id: 390,
        symbol: "PPME_SYSCALL_UMOUNT2_E",
        name: "umount2",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 391,
        symbol: "PPME_SYSCALL_UMOUNT2_X",
        name: "umount2",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Errno, F::Dec),
            p("name", T::FsPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 392,
        symbol: "PPME_SYSCALL_PIPE2_E",
        name: "pipe2",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 393,
        symbol: "PPME_SYSCALL_PIPE2_X",
        name: "pipe2",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd1", T::Fd, F::Dec),
            p("fd2", T::Fd, F::Dec),
            p("ino", T::Uint64, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 394,
        symbol: "PPME_SYSCALL_INOTIFY_INIT1_E",
        name: "inotify_init1",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 395,
        symbol: "PPME_SYSCALL_INOTIFY_INIT1_X",
        name: "inotify_init1",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Fd, F::Dec), p("flags", T::Flags16, F::Hex)],
    },
    EventInfo {
        id: 396,
        symbol: "PPME_SYSCALL_EVENTFD2_E",
        name: "eventfd2",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("initval", T::Uint64, F::Dec)],
    },
    EventInfo {
        id: 397,
        symbol: "PPME_SYSCALL_EVENTFD2_X",
        name: "eventfd2",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Fd, F::Dec),
            p("flags", T::Flags16, F::Hex),
            p("initval", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 398,
        symbol: "PPME_SYSCALL_SIGNALFD4_E",
        name: "signalfd4",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[p("fd", T::Fd, F::Dec), p("mask", T::Uint32, F::Hex)],
    },
    EventInfo {
        id: 399,
        symbol: "PPME_SYSCALL_SIGNALFD4_X",
        name: "signalfd4",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::CONVERTER_MANAGED),
        params: &[
            p("res", T::Fd, F::Dec),
            p("flags", T::Flags16, F::Hex),
            p("fd", T::Fd, F::Dec),
            p("mask", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 400,
        symbol: "PPME_SYSCALL_PRCTL_E",
        name: "prctl",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 401,
        symbol: "PPME_SYSCALL_PRCTL_X",
        name: "prctl",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("option", T::EnumFlags32, F::Dec),
            p("arg2_str", T::CharBuf, F::Na),
            p("arg2_int", T::Int64, F::Dec),
        ],
    },
    EventInfo {
        id: 402,
        symbol: "PPME_ASYNCEVENT_E",
        name: "asyncevent",
        flags: EventFlags::NONE.with(EventFlags::LARGE_PAYLOAD),
        params: &[
            p("plugin_id", T::Uint32, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("data", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 403,
        symbol: "PPME_ASYNCEVENT_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 404,
        symbol: "PPME_SYSCALL_MEMFD_CREATE_E",
        name: "memfd_create",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 405,
        symbol: "PPME_SYSCALL_MEMFD_CREATE_X",
        name: "memfd_create",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 406,
        symbol: "PPME_SYSCALL_PIDFD_GETFD_E",
        name: "pidfd_getfd",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 407,
        symbol: "PPME_SYSCALL_PIDFD_GETFD_X",
        name: "pidfd_getfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("pid_fd", T::Fd, F::Dec),
            p("target_fd", T::Fd, F::Dec),
            p("flags", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 408,
        symbol: "PPME_SYSCALL_PIDFD_OPEN_E",
        name: "pidfd_open",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 409,
        symbol: "PPME_SYSCALL_PIDFD_OPEN_X",
        name: "pidfd_open",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 410,
        symbol: "PPME_SYSCALL_INIT_MODULE_E",
        name: "init_module",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 411,
        symbol: "PPME_SYSCALL_INIT_MODULE_X",
        name: "init_module",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("img", T::ByteBuf, F::Na),
            p("length", T::Uint64, F::Dec),
            p("uargs", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 412,
        symbol: "PPME_SYSCALL_FINIT_MODULE_E",
        name: "finit_module",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 413,
        symbol: "PPME_SYSCALL_FINIT_MODULE_X",
        name: "finit_module",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("uargs", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 414,
        symbol: "PPME_SYSCALL_MKNOD_E",
        name: "mknod",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 415,
        symbol: "PPME_SYSCALL_MKNOD_X",
        name: "mknod",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("path", T::FsPath, F::Na),
            p("mode", T::Mode, F::Oct),
            p("dev", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 416,
        symbol: "PPME_SYSCALL_MKNODAT_E",
        name: "mknodat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 417,
        symbol: "PPME_SYSCALL_MKNODAT_X",
        name: "mknodat",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("path", T::FsRelPath, F::Na),
            p("mode", T::Mode, F::Oct),
            p("dev", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 418,
        symbol: "PPME_SYSCALL_NEWFSTATAT_E",
        name: "newfstatat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 419,
        symbol: "PPME_SYSCALL_NEWFSTATAT_X",
        name: "newfstatat",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("path", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 420,
        symbol: "PPME_SYSCALL_PROCESS_VM_READV_E",
        name: "process_vm_readv",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 421,
        symbol: "PPME_SYSCALL_PROCESS_VM_READV_X",
        name: "process_vm_readv",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Int64, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("data", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 422,
        symbol: "PPME_SYSCALL_PROCESS_VM_WRITEV_E",
        name: "process_vm_writev",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 423,
        symbol: "PPME_SYSCALL_PROCESS_VM_WRITEV_X",
        name: "process_vm_writev",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Int64, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("data", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 424,
        symbol: "PPME_SYSCALL_DELETE_MODULE_E",
        name: "delete_module",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 425,
        symbol: "PPME_SYSCALL_DELETE_MODULE_X",
        name: "delete_module",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 426,
        symbol: "PPME_SYSCALL_SETREUID_E",
        name: "setreuid",
        flags: EventFlags::NONE
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 427,
        symbol: "PPME_SYSCALL_SETREUID_X",
        name: "setreuid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
        ],
    },
    EventInfo {
        id: 428,
        symbol: "PPME_SYSCALL_SETREGID_E",
        name: "setregid",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 429,
        symbol: "PPME_SYSCALL_SETREGID_X",
        name: "setregid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("rgid", T::Uid, F::Dec),
            p("egid", T::Uid, F::Dec),
        ],
    },
    EventInfo {
        id: 430,
        symbol: "PPME_ITER_TASK_E",
        name: "task",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("ppid", T::Pid32, F::Dec),
            p("pgid", T::Pid32, F::Dec),
            p("vpgid", T::Pid32, F::Dec),
            p("sid", T::Pid32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("argv", T::CharBufArray, F::Na),
            p("exepath", T::FsPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("env", T::CharBufArray, F::Na),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("cap_permitted", T::Uint64, F::Hex),
            p("cap_effective", T::Uint64, F::Hex),
            p("cap_inheritable", T::Uint64, F::Hex),
            p("exe_ino_num", T::Uint64, F::Dec),
            p("exe_ino_ctime", T::AbsTime, F::Dec),
            p("exe_ino_mtime", T::AbsTime, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vtgid", T::Pid32, F::Dec),
            p("vpid", T::Pid32, F::Dec),
            p("pidns_init_start_ts", T::Uint64, F::Dec),
            p("cgroups", T::CharBufArray, F::Na),
            p("root", T::FsPath, F::Na),
            p("start_time", T::AbsTime, F::Dec),
            p("tty", T::Uint32, F::Dec),
            p("loginuid", T::Uid, F::Dec),
        ],
    },
    EventInfo {
        id: 431,
        symbol: "PPME_ITER_TASK_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 432,
        symbol: "PPME_ITER_TASK_FILE_PIPE_E",
        name: "task_file_pipe",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd32, F::Dec),
            p("path", T::FsPath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 433,
        symbol: "PPME_ITER_TASK_FILE_PIPE_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 434,
        symbol: "PPME_ITER_TASK_FILE_MEMFD_E",
        name: "task_file_memfd",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd32, F::Dec),
            p("path", T::FsPath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 435,
        symbol: "PPME_ITER_TASK_FILE_MEMFD_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 436,
        symbol: "PPME_ITER_TASK_FILE_REGULAR_E",
        name: "task_file_regular",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd32, F::Dec),
            p("path", T::FsPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mnt_id", T::Uint32, F::Dec),
            p("ino_num", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 437,
        symbol: "PPME_ITER_TASK_FILE_REGULAR_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 438,
        symbol: "PPME_ITER_TASK_FILE_DIRECTORY_E",
        name: "task_file_directory",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd32, F::Dec),
            p("path", T::FsPath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 439,
        symbol: "PPME_ITER_TASK_FILE_DIRECTORY_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 440,
        symbol: "PPME_ITER_TASK_FILE_SOCKET_INET_E",
        name: "task_file_socket_inet",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd32, F::Dec),
            p("sk_type", T::Uint16, F::Dec),
            p("sk_proto", T::Uint16, F::Dec),
            p("local_ip", T::Ipv4Addr, F::Hex),
            p("local_port", T::Port, F::Hex),
            p("remote_ip", T::Ipv4Addr, F::Hex),
            p("remote_port", T::Port, F::Hex),
            p("ino_num", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 441,
        symbol: "PPME_ITER_TASK_FILE_SOCKET_INET_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 442,
        symbol: "PPME_ITER_TASK_FILE_SOCKET_INET6_E",
        name: "task_file_socket_inet6",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd32, F::Dec),
            p("sk_type", T::Uint16, F::Dec),
            p("sk_proto", T::Uint16, F::Dec),
            p("local_ip", T::Ipv6Addr, F::Hex),
            p("local_port", T::Port, F::Hex),
            p("remote_ip", T::Ipv6Addr, F::Hex),
            p("remote_port", T::Port, F::Hex),
            p("ino_num", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 443,
        symbol: "PPME_ITER_TASK_FILE_SOCKET_INET6_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 444,
        symbol: "PPME_ITER_TASK_FILE_SOCKET_UNIX_E",
        name: "task_file_socket_unix",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd32, F::Dec),
            p("sk_type", T::Uint16, F::Dec),
            p("sk_proto", T::Uint16, F::Dec),
            p("sk_pointer", T::Uint64, F::Na),
            p("sun_path", T::FsPath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 445,
        symbol: "PPME_ITER_TASK_FILE_SOCKET_UNIX_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 446,
        symbol: "PPME_ITER_TASK_FILE_SOCKET_NETLINK_E",
        name: "task_file_socket_netlink",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd32, F::Dec),
            p("sk_type", T::Uint16, F::Dec),
            p("sk_proto", T::Uint16, F::Dec),
            p("ino_num", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 447,
        symbol: "PPME_ITER_TASK_FILE_SOCKET_NETLINK_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 448,
        symbol: "PPME_ITER_TASK_FILE_ANON_INODE_E",
        name: "task_file_anon_inode",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd32, F::Dec),
            p("fd_type", T::Flags8, F::Dec),
            p("path", T::FsPath, F::Na),
            p("ino_num", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 449,
        symbol: "PPME_ITER_TASK_FILE_ANON_INODE_X",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 450,
        symbol: "PPME_SYSCALL_CLOSE_RANGE_E",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 451,
        symbol: "PPME_SYSCALL_CLOSE_RANGE_X",
        name: "close_range",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("first", T::Uint32, F::Dec),
            p("last", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 452,
        symbol: "PPME_SYSCALL_KEYCTL_E",
        name: "NA",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 453,
        symbol: "PPME_SYSCALL_KEYCTL_X",
        name: "keyctl",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("operation", T::EnumFlags32, F::Dec),
            p("arg2", T::Dyn, F::Dec),
            p("arg3", T::Dyn, F::Dec),
            p("arg4", T::Dyn, F::Dec),
            p("arg5", T::Dyn, F::Dec),
        ],
    },
];

pub(super) static EVENTS_SYSDIG_0_29: [EventInfo; 336] = [
    EventInfo {
        id: 0,
        symbol: "PPME_GENERIC_E",
        name: "syscall",
        flags: EventFlags::NONE,
        params: &[
            p("ID", T::SyscallId, F::Dec),
            p("nativeID", T::Uint16, F::Dec),
        ],
    },
    EventInfo {
        id: 1,
        symbol: "PPME_GENERIC_X",
        name: "syscall",
        flags: EventFlags::NONE,
        params: &[p("ID", T::SyscallId, F::Dec)],
    },
    EventInfo {
        id: 2,
        symbol: "PPME_SYSCALL_OPEN_E",
        name: "open",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("name", T::FsPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
        ],
    },
    EventInfo {
        id: 3,
        symbol: "PPME_SYSCALL_OPEN_X",
        name: "open",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("name", T::FsPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
            p("dev", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 4,
        symbol: "PPME_SYSCALL_CLOSE_E",
        name: "close",
        flags: EventFlags::NONE
            .with(EventFlags::DESTROYS_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 5,
        symbol: "PPME_SYSCALL_CLOSE_X",
        name: "close",
        flags: EventFlags::NONE
            .with(EventFlags::DESTROYS_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 6,
        symbol: "PPME_SYSCALL_READ_E",
        name: "read",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 7,
        symbol: "PPME_SYSCALL_READ_X",
        name: "read",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 8,
        symbol: "PPME_SYSCALL_WRITE_E",
        name: "write",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 9,
        symbol: "PPME_SYSCALL_WRITE_X",
        name: "write",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 10,
        symbol: "PPME_SYSCALL_BRK_1_E",
        name: "brk",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 11,
        symbol: "PPME_SYSCALL_BRK_1_X",
        name: "brk",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[p("res", T::Uint64, F::Hex)],
    },
    EventInfo {
        id: 12,
        symbol: "PPME_SYSCALL_EXECVE_8_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 13,
        symbol: "PPME_SYSCALL_EXECVE_8_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 14,
        symbol: "PPME_SYSCALL_CLONE_11_E",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 15,
        symbol: "PPME_SYSCALL_CLONE_11_X",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 16,
        symbol: "PPME_PROCEXIT_E",
        name: "procexit",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 17,
        symbol: "PPME_NA1",
        name: "NA1",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 18,
        symbol: "PPME_SOCKET_SOCKET_E",
        name: "socket",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("domain", T::Flags32, F::Dec),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 19,
        symbol: "PPME_SOCKET_SOCKET_X",
        name: "socket",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 20,
        symbol: "PPME_SOCKET_BIND_E",
        name: "bind",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 21,
        symbol: "PPME_SOCKET_BIND_X",
        name: "bind",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("addr", T::SockAddr, F::Na)],
    },
    EventInfo {
        id: 22,
        symbol: "PPME_SOCKET_CONNECT_E",
        name: "connect",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Dec), p("addr", T::SockAddr, F::Na)],
    },
    EventInfo {
        id: 23,
        symbol: "PPME_SOCKET_CONNECT_X",
        name: "connect",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("tuple", T::SockTuple, F::Na)],
    },
    EventInfo {
        id: 24,
        symbol: "PPME_SOCKET_LISTEN_E",
        name: "listen",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[p("fd", T::Fd, F::Dec), p("backlog", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 25,
        symbol: "PPME_SOCKET_LISTEN_X",
        name: "listen",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 26,
        symbol: "PPME_SOCKET_ACCEPT_E",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 27,
        symbol: "PPME_SOCKET_ACCEPT_X",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
        ],
    },
    EventInfo {
        id: 28,
        symbol: "PPME_SYSCALL_SEND_E",
        name: "send",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 29,
        symbol: "PPME_SYSCALL_SEND_X",
        name: "send",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 30,
        symbol: "PPME_SOCKET_SENDTO_E",
        name: "sendto",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 31,
        symbol: "PPME_SOCKET_SENDTO_X",
        name: "sendto",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 32,
        symbol: "PPME_SOCKET_RECV_E",
        name: "recv",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 33,
        symbol: "PPME_SOCKET_RECV_X",
        name: "recv",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 34,
        symbol: "PPME_SOCKET_RECVFROM_E",
        name: "recvfrom",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 35,
        symbol: "PPME_SOCKET_RECVFROM_X",
        name: "recvfrom",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 36,
        symbol: "PPME_SOCKET_SHUTDOWN_E",
        name: "shutdown",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec), p("how", T::Flags8, F::Hex)],
    },
    EventInfo {
        id: 37,
        symbol: "PPME_SOCKET_SHUTDOWN_X",
        name: "shutdown",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 38,
        symbol: "PPME_SOCKET_GETSOCKNAME_E",
        name: "getsockname",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 39,
        symbol: "PPME_SOCKET_GETSOCKNAME_X",
        name: "getsockname",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 40,
        symbol: "PPME_SOCKET_GETPEERNAME_E",
        name: "getpeername",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 41,
        symbol: "PPME_SOCKET_GETPEERNAME_X",
        name: "getpeername",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 42,
        symbol: "PPME_SOCKET_SOCKETPAIR_E",
        name: "socketpair",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("domain", T::Flags32, F::Dec),
            p("type", T::Uint32, F::Dec),
            p("proto", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 43,
        symbol: "PPME_SOCKET_SOCKETPAIR_X",
        name: "socketpair",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd1", T::Fd, F::Dec),
            p("fd2", T::Fd, F::Dec),
            p("source", T::Uint64, F::Hex),
            p("peer", T::Uint64, F::Hex),
        ],
    },
    EventInfo {
        id: 44,
        symbol: "PPME_SOCKET_SETSOCKOPT_E",
        name: "setsockopt",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 45,
        symbol: "PPME_SOCKET_SETSOCKOPT_X",
        name: "setsockopt",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("level", T::Flags8, F::Dec),
            p("optname", T::Flags8, F::Dec),
            p("val", T::Dyn, F::Dec),
            p("optlen", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 46,
        symbol: "PPME_SOCKET_GETSOCKOPT_E",
        name: "getsockopt",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 47,
        symbol: "PPME_SOCKET_GETSOCKOPT_X",
        name: "getsockopt",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("level", T::Flags8, F::Dec),
            p("optname", T::Flags8, F::Dec),
            p("val", T::Dyn, F::Dec),
            p("optlen", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 48,
        symbol: "PPME_SOCKET_SENDMSG_E",
        name: "sendmsg",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 49,
        symbol: "PPME_SOCKET_SENDMSG_X",
        name: "sendmsg",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 50,
        symbol: "PPME_SOCKET_SENDMMSG_E",
        name: "sendmmsg",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 51,
        symbol: "PPME_SOCKET_SENDMMSG_X",
        name: "sendmmsg",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 52,
        symbol: "PPME_SOCKET_RECVMSG_E",
        name: "recvmsg",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 53,
        symbol: "PPME_SOCKET_RECVMSG_X",
        name: "recvmsg",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::ByteBuf, F::Na),
            p("tuple", T::SockTuple, F::Na),
        ],
    },
    EventInfo {
        id: 54,
        symbol: "PPME_SOCKET_RECVMMSG_E",
        name: "recvmmsg",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 55,
        symbol: "PPME_SOCKET_RECVMMSG_X",
        name: "recvmmsg",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 56,
        symbol: "PPME_SOCKET_ACCEPT4_E",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[p("flags", T::Int32, F::Hex)],
    },
    EventInfo {
        id: 57,
        symbol: "PPME_SOCKET_ACCEPT4_X",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
        ],
    },
    EventInfo {
        id: 58,
        symbol: "PPME_SYSCALL_CREAT_E",
        name: "creat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("name", T::FsPath, F::Na), p("mode", T::Uint32, F::Oct)],
    },
    EventInfo {
        id: 59,
        symbol: "PPME_SYSCALL_CREAT_X",
        name: "creat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("name", T::FsPath, F::Na),
            p("mode", T::Uint32, F::Oct),
            p("dev", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 60,
        symbol: "PPME_SOCKET_PIPE_E",
        name: "pipe",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 61,
        symbol: "PPME_SOCKET_PIPE_X",
        name: "pipe",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd1", T::Fd, F::Dec),
            p("fd2", T::Fd, F::Dec),
            p("ino", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 62,
        symbol: "PPME_SYSCALL_EVENTFD_E",
        name: "eventfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("initval", T::Uint64, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 63,
        symbol: "PPME_SYSCALL_EVENTFD_X",
        name: "eventfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 64,
        symbol: "PPME_SYSCALL_FUTEX_E",
        name: "futex",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("op", T::Flags16, F::Hex),
            p("val", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 65,
        symbol: "PPME_SYSCALL_FUTEX_X",
        name: "futex",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 66,
        symbol: "PPME_SYSCALL_STAT_E",
        name: "stat",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 67,
        symbol: "PPME_SYSCALL_STAT_X",
        name: "stat",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 68,
        symbol: "PPME_SYSCALL_LSTAT_E",
        name: "lstat",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 69,
        symbol: "PPME_SYSCALL_LSTAT_X",
        name: "lstat",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 70,
        symbol: "PPME_SYSCALL_FSTAT_E",
        name: "fstat",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 71,
        symbol: "PPME_SYSCALL_FSTAT_X",
        name: "fstat",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 72,
        symbol: "PPME_SYSCALL_STAT64_E",
        name: "stat64",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 73,
        symbol: "PPME_SYSCALL_STAT64_X",
        name: "stat64",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 74,
        symbol: "PPME_SYSCALL_LSTAT64_E",
        name: "lstat64",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 75,
        symbol: "PPME_SYSCALL_LSTAT64_X",
        name: "lstat64",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 76,
        symbol: "PPME_SYSCALL_FSTAT64_E",
        name: "fstat64",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 77,
        symbol: "PPME_SYSCALL_FSTAT64_X",
        name: "fstat64",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 78,
        symbol: "PPME_SYSCALL_EPOLLWAIT_E",
        name: "epoll_wait",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("maxevents", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 79,
        symbol: "PPME_SYSCALL_EPOLLWAIT_X",
        name: "epoll_wait",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 80,
        symbol: "PPME_SYSCALL_POLL_E",
        name: "poll",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fds", T::FdList, F::Dec), p("timeout", T::Int64, F::Dec)],
    },
    EventInfo {
        id: 81,
        symbol: "PPME_SYSCALL_POLL_X",
        name: "poll",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("fds", T::FdList, F::Dec)],
    },
    EventInfo {
        id: 82,
        symbol: "PPME_SYSCALL_SELECT_E",
        name: "select",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 83,
        symbol: "PPME_SYSCALL_SELECT_X",
        name: "select",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 84,
        symbol: "PPME_SYSCALL_NEWSELECT_E",
        name: "select",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 85,
        symbol: "PPME_SYSCALL_NEWSELECT_X",
        name: "select",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 86,
        symbol: "PPME_SYSCALL_LSEEK_E",
        name: "lseek",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("whence", T::Flags8, F::Dec),
        ],
    },
    EventInfo {
        id: 87,
        symbol: "PPME_SYSCALL_LSEEK_X",
        name: "lseek",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 88,
        symbol: "PPME_SYSCALL_LLSEEK_E",
        name: "llseek",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("whence", T::Flags8, F::Dec),
        ],
    },
    EventInfo {
        id: 89,
        symbol: "PPME_SYSCALL_LLSEEK_X",
        name: "llseek",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 90,
        symbol: "PPME_SYSCALL_IOCTL_2_E",
        name: "ioctl",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::OLD_VERSION),
        params: &[p("fd", T::Fd, F::Dec), p("request", T::Uint64, F::Hex)],
    },
    EventInfo {
        id: 91,
        symbol: "PPME_SYSCALL_IOCTL_2_X",
        name: "ioctl",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::OLD_VERSION),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 92,
        symbol: "PPME_SYSCALL_GETCWD_E",
        name: "getcwd",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 93,
        symbol: "PPME_SYSCALL_GETCWD_X",
        name: "getcwd",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("path", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 94,
        symbol: "PPME_SYSCALL_CHDIR_E",
        name: "chdir",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 95,
        symbol: "PPME_SYSCALL_CHDIR_X",
        name: "chdir",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("path", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 96,
        symbol: "PPME_SYSCALL_FCHDIR_E",
        name: "fchdir",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 97,
        symbol: "PPME_SYSCALL_FCHDIR_X",
        name: "fchdir",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 98,
        symbol: "PPME_SYSCALL_MKDIR_E",
        name: "mkdir",
        flags: EventFlags::NONE,
        params: &[p("path", T::FsPath, F::Na), p("mode", T::Uint32, F::Hex)],
    },
    EventInfo {
        id: 99,
        symbol: "PPME_SYSCALL_MKDIR_X",
        name: "mkdir",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 100,
        symbol: "PPME_SYSCALL_RMDIR_E",
        name: "rmdir",
        flags: EventFlags::NONE,
        params: &[p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 101,
        symbol: "PPME_SYSCALL_RMDIR_X",
        name: "rmdir",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 102,
        symbol: "PPME_SYSCALL_OPENAT_E",
        name: "openat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("dirfd", T::Fd, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
        ],
    },
    EventInfo {
        id: 103,
        symbol: "PPME_SYSCALL_OPENAT_X",
        name: "openat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 104,
        symbol: "PPME_SYSCALL_LINK_E",
        name: "link",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[
            p("oldpath", T::FsPath, F::Na),
            p("newpath", T::FsPath, F::Na),
        ],
    },
    EventInfo {
        id: 105,
        symbol: "PPME_SYSCALL_LINK_X",
        name: "link",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 106,
        symbol: "PPME_SYSCALL_LINKAT_E",
        name: "linkat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[
            p("olddir", T::Fd, F::Dec),
            p("oldpath", T::CharBuf, F::Na),
            p("newdir", T::Fd, F::Dec),
            p("newpath", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 107,
        symbol: "PPME_SYSCALL_LINKAT_X",
        name: "linkat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 108,
        symbol: "PPME_SYSCALL_UNLINK_E",
        name: "unlink",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 109,
        symbol: "PPME_SYSCALL_UNLINK_X",
        name: "unlink",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 110,
        symbol: "PPME_SYSCALL_UNLINKAT_E",
        name: "unlinkat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[p("dirfd", T::Fd, F::Dec), p("name", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 111,
        symbol: "PPME_SYSCALL_UNLINKAT_X",
        name: "unlinkat",
        flags: EventFlags::NONE.with(EventFlags::OLD_VERSION),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 112,
        symbol: "PPME_SYSCALL_PREAD_E",
        name: "pread",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 113,
        symbol: "PPME_SYSCALL_PREAD_X",
        name: "pread",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 114,
        symbol: "PPME_SYSCALL_PWRITE_E",
        name: "pwrite",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 115,
        symbol: "PPME_SYSCALL_PWRITE_X",
        name: "pwrite",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 116,
        symbol: "PPME_SYSCALL_READV_E",
        name: "readv",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 117,
        symbol: "PPME_SYSCALL_READV_X",
        name: "readv",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Errno, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 118,
        symbol: "PPME_SYSCALL_WRITEV_E",
        name: "writev",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec), p("size", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 119,
        symbol: "PPME_SYSCALL_WRITEV_X",
        name: "writev",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 120,
        symbol: "PPME_SYSCALL_PREADV_E",
        name: "preadv",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec), p("pos", T::Uint64, F::Dec)],
    },
    EventInfo {
        id: 121,
        symbol: "PPME_SYSCALL_PREADV_X",
        name: "preadv",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Errno, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("data", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 122,
        symbol: "PPME_SYSCALL_PWRITEV_E",
        name: "pwritev",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("size", T::Uint32, F::Dec),
            p("pos", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 123,
        symbol: "PPME_SYSCALL_PWRITEV_X",
        name: "pwritev",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::WRITES_TO_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("data", T::ByteBuf, F::Na)],
    },
    EventInfo {
        id: 124,
        symbol: "PPME_SYSCALL_DUP_E",
        name: "dup",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("fd", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 125,
        symbol: "PPME_SYSCALL_DUP_X",
        name: "dup",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 126,
        symbol: "PPME_SYSCALL_SIGNALFD_E",
        name: "signalfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("mask", T::Uint32, F::Hex),
            p("flags", T::Flags8, F::Hex),
        ],
    },
    EventInfo {
        id: 127,
        symbol: "PPME_SYSCALL_SIGNALFD_X",
        name: "signalfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 128,
        symbol: "PPME_SYSCALL_KILL_E",
        name: "kill",
        flags: EventFlags::NONE,
        params: &[p("pid", T::Pid, F::Dec), p("sig", T::SigType, F::Dec)],
    },
    EventInfo {
        id: 129,
        symbol: "PPME_SYSCALL_KILL_X",
        name: "kill",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 130,
        symbol: "PPME_SYSCALL_TKILL_E",
        name: "tkill",
        flags: EventFlags::NONE,
        params: &[p("tid", T::Pid, F::Dec), p("sig", T::SigType, F::Dec)],
    },
    EventInfo {
        id: 131,
        symbol: "PPME_SYSCALL_TKILL_X",
        name: "tkill",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 132,
        symbol: "PPME_SYSCALL_TGKILL_E",
        name: "tgkill",
        flags: EventFlags::NONE,
        params: &[
            p("pid", T::Pid, F::Dec),
            p("tid", T::Pid, F::Dec),
            p("sig", T::SigType, F::Dec),
        ],
    },
    EventInfo {
        id: 133,
        symbol: "PPME_SYSCALL_TGKILL_X",
        name: "tgkill",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 134,
        symbol: "PPME_SYSCALL_NANOSLEEP_E",
        name: "nanosleep",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("interval", T::RelTime, F::Dec)],
    },
    EventInfo {
        id: 135,
        symbol: "PPME_SYSCALL_NANOSLEEP_X",
        name: "nanosleep",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 136,
        symbol: "PPME_SYSCALL_TIMERFD_CREATE_E",
        name: "timerfd_create",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("clockid", T::Uint8, F::Dec),
            p("flags", T::Flags8, F::Hex),
        ],
    },
    EventInfo {
        id: 137,
        symbol: "PPME_SYSCALL_TIMERFD_CREATE_X",
        name: "timerfd_create",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 138,
        symbol: "PPME_SYSCALL_INOTIFY_INIT_E",
        name: "inotify_init",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("flags", T::Flags8, F::Hex)],
    },
    EventInfo {
        id: 139,
        symbol: "PPME_SYSCALL_INOTIFY_INIT_X",
        name: "inotify_init",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 140,
        symbol: "PPME_SYSCALL_GETRLIMIT_E",
        name: "getrlimit",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("resource", T::Flags8, F::Dec)],
    },
    EventInfo {
        id: 141,
        symbol: "PPME_SYSCALL_GETRLIMIT_X",
        name: "getrlimit",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Errno, F::Dec),
            p("cur", T::Int64, F::Dec),
            p("max", T::Int64, F::Dec),
        ],
    },
    EventInfo {
        id: 142,
        symbol: "PPME_SYSCALL_SETRLIMIT_E",
        name: "setrlimit",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("resource", T::Flags8, F::Dec)],
    },
    EventInfo {
        id: 143,
        symbol: "PPME_SYSCALL_SETRLIMIT_X",
        name: "setrlimit",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Errno, F::Dec),
            p("cur", T::Int64, F::Dec),
            p("max", T::Int64, F::Dec),
        ],
    },
    EventInfo {
        id: 144,
        symbol: "PPME_SYSCALL_PRLIMIT_E",
        name: "prlimit",
        flags: EventFlags::NONE,
        params: &[p("pid", T::Pid, F::Dec), p("resource", T::Flags8, F::Dec)],
    },
    EventInfo {
        id: 145,
        symbol: "PPME_SYSCALL_PRLIMIT_X",
        name: "prlimit",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("newcur", T::Int64, F::Dec),
            p("newmax", T::Int64, F::Dec),
            p("oldcur", T::Int64, F::Dec),
            p("oldmax", T::Int64, F::Dec),
        ],
    },
    EventInfo {
        id: 146,
        symbol: "PPME_SCHEDSWITCH_1_E",
        name: "switch",
        flags: EventFlags::NONE
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::OLD_VERSION)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("next", T::Pid, F::Dec)],
    },
    EventInfo {
        id: 147,
        symbol: "PPME_SCHEDSWITCH_1_X",
        name: "NA2",
        flags: EventFlags::NONE
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::UNUSED)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 148,
        symbol: "PPME_DROP_E",
        name: "drop",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[p("ratio", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 149,
        symbol: "PPME_DROP_X",
        name: "drop",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[p("ratio", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 150,
        symbol: "PPME_SYSCALL_FCNTL_E",
        name: "fcntl",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Dec), p("cmd", T::Flags8, F::Dec)],
    },
    EventInfo {
        id: 151,
        symbol: "PPME_SYSCALL_FCNTL_X",
        name: "fcntl",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Fd, F::Dec)],
    },
    EventInfo {
        id: 152,
        symbol: "PPME_SCHEDSWITCH_6_E",
        name: "switch",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("next", T::Pid, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 153,
        symbol: "PPME_SCHEDSWITCH_6_X",
        name: "NA2",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 154,
        symbol: "PPME_SYSCALL_EXECVE_13_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 155,
        symbol: "PPME_SYSCALL_EXECVE_13_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 156,
        symbol: "PPME_SYSCALL_CLONE_16_E",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 157,
        symbol: "PPME_SYSCALL_CLONE_16_X",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 158,
        symbol: "PPME_SYSCALL_BRK_4_E",
        name: "brk",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("addr", T::Uint64, F::Hex)],
    },
    EventInfo {
        id: 159,
        symbol: "PPME_SYSCALL_BRK_4_X",
        name: "brk",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Uint64, F::Hex),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 160,
        symbol: "PPME_SYSCALL_MMAP_E",
        name: "mmap",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            p("prot", T::Flags32, F::Hex),
            p("flags", T::Flags32, F::Hex),
            p("fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 161,
        symbol: "PPME_SYSCALL_MMAP_X",
        name: "mmap",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Uint64, F::Hex),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 162,
        symbol: "PPME_SYSCALL_MMAP2_E",
        name: "mmap2",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            p("prot", T::Flags32, F::Hex),
            p("flags", T::Flags32, F::Hex),
            p("fd", T::Fd, F::Dec),
            p("pgoffset", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 163,
        symbol: "PPME_SYSCALL_MMAP2_X",
        name: "mmap2",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Uint64, F::Hex),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 164,
        symbol: "PPME_SYSCALL_MUNMAP_E",
        name: "munmap",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("addr", T::Uint64, F::Hex), p("length", T::Uint64, F::Dec)],
    },
    EventInfo {
        id: 165,
        symbol: "PPME_SYSCALL_MUNMAP_X",
        name: "munmap",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Errno, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 166,
        symbol: "PPME_SYSCALL_SPLICE_E",
        name: "splice",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("fd_in", T::Fd, F::Dec),
            p("fd_out", T::Fd, F::Dec),
            p("size", T::Uint64, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 167,
        symbol: "PPME_SYSCALL_SPLICE_X",
        name: "splice",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 168,
        symbol: "PPME_SYSCALL_PTRACE_E",
        name: "ptrace",
        flags: EventFlags::NONE,
        params: &[p("request", T::Flags16, F::Dec), p("pid", T::Pid, F::Dec)],
    },
    EventInfo {
        id: 169,
        symbol: "PPME_SYSCALL_PTRACE_X",
        name: "ptrace",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("addr", T::Dyn, F::Hex),
            p("data", T::Dyn, F::Hex),
        ],
    },
    EventInfo {
        id: 170,
        symbol: "PPME_SYSCALL_IOCTL_3_E",
        name: "ioctl",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("request", T::Uint64, F::Hex),
            p("argument", T::Uint64, F::Hex),
        ],
    },
    EventInfo {
        id: 171,
        symbol: "PPME_SYSCALL_IOCTL_3_X",
        name: "ioctl",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 172,
        symbol: "PPME_SYSCALL_EXECVE_14_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 173,
        symbol: "PPME_SYSCALL_EXECVE_14_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("env", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 174,
        symbol: "PPME_SYSCALL_RENAME_E",
        name: "rename",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 175,
        symbol: "PPME_SYSCALL_RENAME_X",
        name: "rename",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("oldpath", T::FsPath, F::Na),
            p("newpath", T::FsPath, F::Na),
        ],
    },
    EventInfo {
        id: 176,
        symbol: "PPME_SYSCALL_RENAMEAT_E",
        name: "renameat",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 177,
        symbol: "PPME_SYSCALL_RENAMEAT_X",
        name: "renameat",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("olddirfd", T::Fd, F::Dec),
            p("oldpath", T::FsRelPath, F::Na),
            p("newdirfd", T::Fd, F::Dec),
            p("newpath", T::FsRelPath, F::Na),
        ],
    },
    EventInfo {
        id: 178,
        symbol: "PPME_SYSCALL_SYMLINK_E",
        name: "symlink",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 179,
        symbol: "PPME_SYSCALL_SYMLINK_X",
        name: "symlink",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("target", T::CharBuf, F::Na),
            p("linkpath", T::FsPath, F::Na),
        ],
    },
    EventInfo {
        id: 180,
        symbol: "PPME_SYSCALL_SYMLINKAT_E",
        name: "symlinkat",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 181,
        symbol: "PPME_SYSCALL_SYMLINKAT_X",
        name: "symlinkat",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("target", T::CharBuf, F::Na),
            p("linkdirfd", T::Fd, F::Dec),
            p("linkpath", T::FsRelPath, F::Na),
        ],
    },
    EventInfo {
        id: 182,
        symbol: "PPME_SYSCALL_FORK_E",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 183,
        symbol: "PPME_SYSCALL_FORK_X",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 184,
        symbol: "PPME_SYSCALL_VFORK_E",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 185,
        symbol: "PPME_SYSCALL_VFORK_X",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 186,
        symbol: "PPME_PROCEXIT_1_E",
        name: "procexit",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("status", T::Errno, F::Dec),
            p("ret", T::Errno, F::Dec),
            p("sig", T::SigType, F::Dec),
            p("core", T::Uint8, F::Dec),
        ],
    },
    EventInfo {
        id: 187,
        symbol: "PPME_NA1",
        name: "NA1",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 188,
        symbol: "PPME_SYSCALL_SENDFILE_E",
        name: "sendfile",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("out_fd", T::Fd, F::Dec),
            p("in_fd", T::Fd, F::Dec),
            p("offset", T::Uint64, F::Dec),
            p("size", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 189,
        symbol: "PPME_SYSCALL_SENDFILE_X",
        name: "sendfile",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("offset", T::Uint64, F::Dec)],
    },
    EventInfo {
        id: 190,
        symbol: "PPME_SYSCALL_QUOTACTL_E",
        name: "quotactl",
        flags: EventFlags::NONE,
        params: &[
            p("cmd", T::Flags16, F::Dec),
            p("type", T::Flags8, F::Dec),
            p("id", T::Uint32, F::Dec),
            p("quota_fmt", T::Flags8, F::Dec),
        ],
    },
    EventInfo {
        id: 191,
        symbol: "PPME_SYSCALL_QUOTACTL_X",
        name: "quotactl",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("special", T::CharBuf, F::Na),
            p("quotafilepath", T::CharBuf, F::Na),
            p("dqb_bhardlimit", T::Uint64, F::Dec),
            p("dqb_bsoftlimit", T::Uint64, F::Dec),
            p("dqb_curspace", T::Uint64, F::Dec),
            p("dqb_ihardlimit", T::Uint64, F::Dec),
            p("dqb_isoftlimit", T::Uint64, F::Dec),
            p("dqb_btime", T::RelTime, F::Dec),
            p("dqb_itime", T::RelTime, F::Dec),
            p("dqi_bgrace", T::RelTime, F::Dec),
            p("dqi_igrace", T::RelTime, F::Dec),
            p("dqi_flags", T::Flags8, F::Dec),
            p("quota_fmt_out", T::Flags8, F::Dec),
        ],
    },
    EventInfo {
        id: 192,
        symbol: "PPME_SYSCALL_SETRESUID_E",
        name: "setresuid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("suid", T::Uid, F::Dec),
        ],
    },
    EventInfo {
        id: 193,
        symbol: "PPME_SYSCALL_SETRESUID_X",
        name: "setresuid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 194,
        symbol: "PPME_SYSCALL_SETRESGID_E",
        name: "setresgid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("rgid", T::Gid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("sgid", T::Gid, F::Dec),
        ],
    },
    EventInfo {
        id: 195,
        symbol: "PPME_SYSCALL_SETRESGID_X",
        name: "setresgid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 196,
        symbol: "PPME_SYSDIGEVENT_E",
        name: "sysdigevent",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[
            p("event_type", T::Uint32, F::Dec),
            p("event_data", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 197,
        symbol: "PPME_NA1",
        name: "sysdigevent",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 198,
        symbol: "PPME_SYSCALL_SETUID_E",
        name: "setuid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("uid", T::Uid, F::Dec)],
    },
    EventInfo {
        id: 199,
        symbol: "PPME_SYSCALL_SETUID_X",
        name: "setuid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 200,
        symbol: "PPME_SYSCALL_SETGID_E",
        name: "setgid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("gid", T::Gid, F::Dec)],
    },
    EventInfo {
        id: 201,
        symbol: "PPME_SYSCALL_SETGID_X",
        name: "setgid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 202,
        symbol: "PPME_SYSCALL_GETUID_E",
        name: "getuid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 203,
        symbol: "PPME_SYSCALL_GETUID_X",
        name: "getuid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("uid", T::Uid, F::Dec)],
    },
    EventInfo {
        id: 204,
        symbol: "PPME_SYSCALL_GETEUID_E",
        name: "geteuid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 205,
        symbol: "PPME_SYSCALL_GETEUID_X",
        name: "geteuid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("euid", T::Uid, F::Dec)],
    },
    EventInfo {
        id: 206,
        symbol: "PPME_SYSCALL_GETGID_E",
        name: "getgid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 207,
        symbol: "PPME_SYSCALL_GETGID_X",
        name: "getgid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("gid", T::Gid, F::Dec)],
    },
    EventInfo {
        id: 208,
        symbol: "PPME_SYSCALL_GETEGID_E",
        name: "getegid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 209,
        symbol: "PPME_SYSCALL_GETEGID_X",
        name: "getegid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("egid", T::Gid, F::Dec)],
    },
    EventInfo {
        id: 210,
        symbol: "PPME_SYSCALL_GETRESUID_E",
        name: "getresuid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 211,
        symbol: "PPME_SYSCALL_GETRESUID_X",
        name: "getresuid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Errno, F::Dec),
            p("ruid", T::Uid, F::Dec),
            p("euid", T::Uid, F::Dec),
            p("suid", T::Uid, F::Dec),
        ],
    },
    EventInfo {
        id: 212,
        symbol: "PPME_SYSCALL_GETRESGID_E",
        name: "getresgid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[],
    },
    EventInfo {
        id: 213,
        symbol: "PPME_SYSCALL_GETRESGID_X",
        name: "getresgid",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Errno, F::Dec),
            p("rgid", T::Gid, F::Dec),
            p("egid", T::Gid, F::Dec),
            p("sgid", T::Gid, F::Dec),
        ],
    },
    EventInfo {
        id: 214,
        symbol: "PPME_SYSCALL_EXECVE_15_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 215,
        symbol: "PPME_SYSCALL_EXECVE_15_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 216,
        symbol: "PPME_SYSCALL_CLONE_17_E",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 217,
        symbol: "PPME_SYSCALL_CLONE_17_X",
        name: "clone",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 218,
        symbol: "PPME_SYSCALL_FORK_17_E",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 219,
        symbol: "PPME_SYSCALL_FORK_17_X",
        name: "fork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 220,
        symbol: "PPME_SYSCALL_VFORK_17_E",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 221,
        symbol: "PPME_SYSCALL_VFORK_17_X",
        name: "vfork",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 222,
        symbol: "PPME_SYSCALL_CLONE_20_E",
        name: "clone",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 223,
        symbol: "PPME_SYSCALL_CLONE_20_X",
        name: "clone",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
        ],
    },
    EventInfo {
        id: 224,
        symbol: "PPME_SYSCALL_FORK_20_E",
        name: "fork",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 225,
        symbol: "PPME_SYSCALL_FORK_20_X",
        name: "fork",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
        ],
    },
    EventInfo {
        id: 226,
        symbol: "PPME_SYSCALL_VFORK_20_E",
        name: "vfork",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 227,
        symbol: "PPME_SYSCALL_VFORK_20_X",
        name: "vfork",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
        ],
    },
    EventInfo {
        id: 228,
        symbol: "PPME_CONTAINER_E",
        name: "container",
        flags: EventFlags::NONE
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("id", T::CharBuf, F::Na),
            p("type", T::Uint32, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("image", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 229,
        symbol: "PPME_CONTAINER_X",
        name: "container",
        flags: EventFlags::NONE
            .with(EventFlags::UNUSED)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 230,
        symbol: "PPME_SYSCALL_EXECVE_16_E",
        name: "execve",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 231,
        symbol: "PPME_SYSCALL_EXECVE_16_X",
        name: "execve",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 232,
        symbol: "PPME_SIGNALDELIVER_E",
        name: "signaldeliver",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("spid", T::Pid, F::Dec),
            p("dpid", T::Pid, F::Dec),
            p("sig", T::SigType, F::Dec),
        ],
    },
    EventInfo {
        id: 233,
        symbol: "PPME_SIGNALDELIVER_X",
        name: "signaldeliver",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 234,
        symbol: "PPME_PROCINFO_E",
        name: "procinfo",
        flags: EventFlags::NONE
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("cpu_usr", T::Uint64, F::Dec),
            p("cpu_sys", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 235,
        symbol: "PPME_PROCINFO_X",
        name: "NA2",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 236,
        symbol: "PPME_SYSCALL_GETDENTS_E",
        name: "getdents",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 237,
        symbol: "PPME_SYSCALL_GETDENTS_X",
        name: "getdents",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 238,
        symbol: "PPME_SYSCALL_GETDENTS64_E",
        name: "getdents64",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("fd", T::Fd, F::Na)],
    },
    EventInfo {
        id: 239,
        symbol: "PPME_SYSCALL_GETDENTS64_X",
        name: "getdents64",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 240,
        symbol: "PPME_SYSCALL_SETNS_E",
        name: "setns",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[p("fd", T::Fd, F::Na), p("nstype", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 241,
        symbol: "PPME_SYSCALL_SETNS_X",
        name: "setns",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 242,
        symbol: "PPME_SYSCALL_FLOCK_E",
        name: "flock",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[p("fd", T::Fd, F::Na), p("operation", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 243,
        symbol: "PPME_SYSCALL_FLOCK_X",
        name: "flock",
        flags: EventFlags::NONE.with(EventFlags::USES_FD),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 244,
        symbol: "PPME_CPU_HOTPLUG_E",
        name: "cpu_hotplug",
        flags: EventFlags::NONE
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("cpu", T::Uint32, F::Dec), p("action", T::Uint32, F::Dec)],
    },
    EventInfo {
        id: 245,
        symbol: "PPME_CPU_HOTPLUG_X",
        name: "NA2",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 246,
        symbol: "PPME_SOCKET_ACCEPT_5_E",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 247,
        symbol: "PPME_SOCKET_ACCEPT_5_X",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
            p("queuelen", T::Uint32, F::Dec),
            p("queuemax", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 248,
        symbol: "PPME_SOCKET_ACCEPT4_5_E",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("flags", T::Int32, F::Hex)],
    },
    EventInfo {
        id: 249,
        symbol: "PPME_SOCKET_ACCEPT4_5_X",
        name: "accept",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("tuple", T::SockTuple, F::Na),
            p("queuepct", T::Uint8, F::Dec),
            p("queuelen", T::Uint32, F::Dec),
            p("queuemax", T::Uint32, F::Dec),
        ],
    },
    EventInfo {
        id: 250,
        symbol: "PPME_SYSCALL_SEMOP_E",
        name: "semop",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("semid", T::Int32, F::Dec)],
    },
    EventInfo {
        id: 251,
        symbol: "PPME_SYSCALL_SEMOP_X",
        name: "semop",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("res", T::Errno, F::Dec),
            p("nsops", T::Uint32, F::Dec),
            p("sem_num_0", T::Uint16, F::Dec),
            p("sem_op_0", T::Int16, F::Dec),
            p("sem_flg_0", T::Flags16, F::Hex),
            p("sem_num_1", T::Uint16, F::Dec),
            p("sem_op_1", T::Int16, F::Dec),
            p("sem_flg_1", T::Flags16, F::Hex),
        ],
    },
    EventInfo {
        id: 252,
        symbol: "PPME_SYSCALL_SEMCTL_E",
        name: "semctl",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("semid", T::Int32, F::Dec),
            p("semnum", T::Int32, F::Dec),
            p("cmd", T::Flags16, F::Hex),
            p("val", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 253,
        symbol: "PPME_SYSCALL_SEMCTL_X",
        name: "semctl",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 254,
        symbol: "PPME_SYSCALL_PPOLL_E",
        name: "ppoll",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("fds", T::FdList, F::Dec),
            p("timeout", T::RelTime, F::Dec),
            p("sigmask", T::SigSet, F::Dec),
        ],
    },
    EventInfo {
        id: 255,
        symbol: "PPME_SYSCALL_PPOLL_X",
        name: "ppoll",
        flags: EventFlags::NONE
            .with(EventFlags::WAITS)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("fds", T::FdList, F::Dec)],
    },
    EventInfo {
        id: 256,
        symbol: "PPME_SYSCALL_MOUNT_E",
        name: "mount",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 257,
        symbol: "PPME_SYSCALL_MOUNT_X",
        name: "mount",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("dev", T::CharBuf, F::Na),
            p("dir", T::FsPath, F::Na),
            p("type", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 258,
        symbol: "PPME_SYSCALL_UMOUNT_E",
        name: "umount",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 259,
        symbol: "PPME_SYSCALL_UMOUNT_X",
        name: "umount",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("name", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 260,
        symbol: "PPME_K8S_E",
        name: "k8s",
        flags: EventFlags::NONE
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("json", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 261,
        symbol: "PPME_K8S_X",
        name: "NA3",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 262,
        symbol: "PPME_SYSCALL_SEMGET_E",
        name: "semget",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("key", T::Int32, F::Hex),
            p("nsems", T::Int32, F::Dec),
            p("semflg", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 263,
        symbol: "PPME_SYSCALL_SEMGET_X",
        name: "semget",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 264,
        symbol: "PPME_SYSCALL_ACCESS_E",
        name: "access",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("mode", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 265,
        symbol: "PPME_SYSCALL_ACCESS_X",
        name: "access",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec), p("name", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 266,
        symbol: "PPME_SYSCALL_CHROOT_E",
        name: "chroot",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 267,
        symbol: "PPME_SYSCALL_CHROOT_X",
        name: "chroot",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 268,
        symbol: "PPME_TRACER_E",
        name: "tracer",
        flags: EventFlags::NONE,
        params: &[
            p("id", T::Int64, F::Dec),
            p("tags", T::CharBufArray, F::Na),
            p("args", T::CharBufPairArray, F::Na),
        ],
    },
    EventInfo {
        id: 269,
        symbol: "PPME_TRACER_X",
        name: "tracer",
        flags: EventFlags::NONE,
        params: &[
            p("id", T::Int64, F::Dec),
            p("tags", T::CharBufArray, F::Na),
            p("args", T::CharBufPairArray, F::Na),
        ],
    },
    EventInfo {
        id: 270,
        symbol: "PPME_MESOS_E",
        name: "mesos",
        flags: EventFlags::NONE
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("json", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 271,
        symbol: "PPME_MESOS_X",
        name: "NA4",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 272,
        symbol: "PPME_CONTAINER_JSON_E",
        name: "container",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("json", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 273,
        symbol: "PPME_CONTAINER_JSON_X",
        name: "container",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 274,
        symbol: "PPME_SYSCALL_SETSID_E",
        name: "setsid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 275,
        symbol: "PPME_SYSCALL_SETSID_X",
        name: "setsid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Pid, F::Dec)],
    },
    EventInfo {
        id: 276,
        symbol: "PPME_SYSCALL_MKDIR_2_E",
        name: "mkdir",
        flags: EventFlags::NONE,
        params: &[p("mode", T::Uint32, F::Hex)],
    },
    EventInfo {
        id: 277,
        symbol: "PPME_SYSCALL_MKDIR_2_X",
        name: "mkdir",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 278,
        symbol: "PPME_SYSCALL_RMDIR_2_E",
        name: "rmdir",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 279,
        symbol: "PPME_SYSCALL_RMDIR_2_X",
        name: "rmdir",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 280,
        symbol: "PPME_NOTIFICATION_E",
        name: "notification",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[p("id", T::CharBuf, F::Dec), p("desc", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 281,
        symbol: "PPME_NOTIFICATION_X",
        name: "NA4",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 282,
        symbol: "PPME_SYSCALL_EXECVE_17_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[],
    },
    EventInfo {
        id: 283,
        symbol: "PPME_SYSCALL_EXECVE_17_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
            p("tty", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 284,
        symbol: "PPME_SYSCALL_UNSHARE_E",
        name: "unshare",
        flags: EventFlags::NONE,
        params: &[p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 285,
        symbol: "PPME_SYSCALL_UNSHARE_X",
        name: "unshare",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 286,
        symbol: "PPME_INFRASTRUCTURE_EVENT_E",
        name: "infra",
        flags: EventFlags::NONE.with(EventFlags::SKIP_PARSE_RESET),
        params: &[
            p("source", T::CharBuf, F::Dec),
            p("name", T::CharBuf, F::Na),
            p("description", T::CharBuf, F::Na),
            p("scope", T::CharBuf, F::Na),
        ],
    },
    EventInfo {
        id: 287,
        symbol: "PPME_INFRASTRUCTURE_EVENT_X",
        name: "NA4",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 288,
        symbol: "PPME_SYSCALL_EXECVE_18_E",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[p("filename", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 289,
        symbol: "PPME_SYSCALL_EXECVE_18_X",
        name: "execve",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::OLD_VERSION),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
            p("tty", T::Int32, F::Dec),
        ],
    },
    EventInfo {
        id: 290,
        symbol: "PPME_PAGE_FAULT_E",
        name: "page_fault",
        flags: EventFlags::NONE
            .with(EventFlags::SKIP_PARSE_RESET)
            .with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("ip", T::Uint64, F::Hex),
            p("error", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 291,
        symbol: "PPME_PAGE_FAULT_X",
        name: "NA5",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 292,
        symbol: "PPME_SYSCALL_EXECVE_19_E",
        name: "execve",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("filename", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 293,
        symbol: "PPME_SYSCALL_EXECVE_19_X",
        name: "execve",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
            p("tty", T::Int32, F::Dec),
            p("pgid", T::Pid, F::Dec),
            p("loginuid", T::Int32, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 294,
        symbol: "PPME_SYSCALL_SETPGID_E",
        name: "setpgid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("pid", T::Pid, F::Dec), p("pgid", T::Pid, F::Dec)],
    },
    EventInfo {
        id: 295,
        symbol: "PPME_SYSCALL_SETPGID_X",
        name: "setpgid",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Pid, F::Dec)],
    },
    EventInfo {
        id: 296,
        symbol: "PPME_SYSCALL_BPF_E",
        name: "bpf",
        flags: EventFlags::NONE.with(EventFlags::CREATES_FD),
        params: &[p("cmd", T::Int64, F::Dec)],
    },
    EventInfo {
        id: 297,
        symbol: "PPME_SYSCALL_BPF_X",
        name: "bpf",
        flags: EventFlags::NONE.with(EventFlags::CREATES_FD),
        params: &[p("res_or_fd", T::Dyn, F::Dec)],
    },
    EventInfo {
        id: 298,
        symbol: "PPME_SYSCALL_SECCOMP_E",
        name: "seccomp",
        flags: EventFlags::NONE,
        params: &[p("op", T::Uint64, F::Dec)],
    },
    EventInfo {
        id: 299,
        symbol: "PPME_SYSCALL_SECCOMP_X",
        name: "seccomp",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 300,
        symbol: "PPME_SYSCALL_UNLINK_2_E",
        name: "unlink",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 301,
        symbol: "PPME_SYSCALL_UNLINK_2_X",
        name: "unlink",
        flags: EventFlags::NONE,
        params: &[p("res", T::Errno, F::Dec), p("path", T::FsPath, F::Na)],
    },
    EventInfo {
        id: 302,
        symbol: "PPME_SYSCALL_UNLINKAT_2_E",
        name: "unlinkat",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 303,
        symbol: "PPME_SYSCALL_UNLINKAT_2_X",
        name: "unlinkat",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 304,
        symbol: "PPME_SYSCALL_MKDIRAT_E",
        name: "mkdirat",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 305,
        symbol: "PPME_SYSCALL_MKDIRAT_X",
        name: "mkdirat",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("path", T::FsRelPath, F::Na),
            p("mode", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 306,
        symbol: "PPME_SYSCALL_OPENAT_2_E",
        name: "openat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
        ],
    },
    EventInfo {
        id: 307,
        symbol: "PPME_SYSCALL_OPENAT_2_X",
        name: "openat",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
            p("dev", T::Uint32, F::Hex),
        ],
    },
    EventInfo {
        id: 308,
        symbol: "PPME_SYSCALL_LINK_2_E",
        name: "link",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 309,
        symbol: "PPME_SYSCALL_LINK_2_X",
        name: "link",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("oldpath", T::FsPath, F::Na),
            p("newpath", T::FsPath, F::Na),
        ],
    },
    EventInfo {
        id: 310,
        symbol: "PPME_SYSCALL_LINKAT_2_E",
        name: "linkat",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 311,
        symbol: "PPME_SYSCALL_LINKAT_2_X",
        name: "linkat",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("olddir", T::Fd, F::Dec),
            p("oldpath", T::FsRelPath, F::Na),
            p("newdir", T::Fd, F::Dec),
            p("newpath", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 312,
        symbol: "PPME_SYSCALL_FCHMODAT_E",
        name: "fchmodat",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 313,
        symbol: "PPME_SYSCALL_FCHMODAT_X",
        name: "fchmodat",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("filename", T::FsRelPath, F::Na),
            p("mode", T::Mode, F::Oct),
        ],
    },
    EventInfo {
        id: 314,
        symbol: "PPME_SYSCALL_CHMOD_E",
        name: "chmod",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 315,
        symbol: "PPME_SYSCALL_CHMOD_X",
        name: "chmod",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("filename", T::FsPath, F::Na),
            p("mode", T::Mode, F::Oct),
        ],
    },
    EventInfo {
        id: 316,
        symbol: "PPME_SYSCALL_FCHMOD_E",
        name: "fchmod",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 317,
        symbol: "PPME_SYSCALL_FCHMOD_X",
        name: "fchmod",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("fd", T::Fd, F::Dec),
            p("mode", T::Mode, F::Oct),
        ],
    },
    EventInfo {
        id: 318,
        symbol: "PPME_SYSCALL_RENAMEAT2_E",
        name: "renameat2",
        flags: EventFlags::NONE,
        params: &[],
    },
    EventInfo {
        id: 319,
        symbol: "PPME_SYSCALL_RENAMEAT2_X",
        name: "renameat2",
        flags: EventFlags::NONE,
        params: &[
            p("res", T::Errno, F::Dec),
            p("olddirfd", T::Fd, F::Dec),
            p("oldpath", T::FsRelPath, F::Na),
            p("newdirfd", T::Fd, F::Dec),
            p("newpath", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 320,
        symbol: "PPME_SYSCALL_USERFAULTFD_E",
        name: "userfaultfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 321,
        symbol: "PPME_SYSCALL_USERFAULTFD_X",
        name: "userfaultfd",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[p("res", T::Errno, F::Dec), p("flags", T::Flags32, F::Hex)],
    },
    EventInfo {
        id: 322,
        symbol: "PPME_PLUGINEVENT_E",
        name: "pluginevent",
        flags: EventFlags::NONE.with(EventFlags::LARGE_PAYLOAD),
        params: &[
            p("plugin ID", T::Uint32, F::Dec),
            p("event_data", T::ByteBuf, F::Na),
        ],
    },
    EventInfo {
        id: 323,
        symbol: "PPME_NA1",
        name: "pluginevent",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 324,
        symbol: "PPME_CONTAINER_JSON_2_E",
        name: "container",
        flags: EventFlags::NONE
            .with(EventFlags::MODIFIES_STATE)
            .with(EventFlags::LARGE_PAYLOAD),
        params: &[p("json", T::CharBuf, F::Na)],
    },
    EventInfo {
        id: 325,
        symbol: "PPME_CONTAINER_JSON_2_X",
        name: "container",
        flags: EventFlags::NONE.with(EventFlags::UNUSED),
        params: &[],
    },
    EventInfo {
        id: 326,
        symbol: "PPME_SYSCALL_OPENAT2_E",
        name: "openat2",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
            p("resolve", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 327,
        symbol: "PPME_SYSCALL_OPENAT2_X",
        name: "openat2",
        flags: EventFlags::NONE
            .with(EventFlags::CREATES_FD)
            .with(EventFlags::MODIFIES_STATE),
        params: &[
            p("fd", T::Fd, F::Dec),
            p("dirfd", T::Fd, F::Dec),
            p("name", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("mode", T::Uint32, F::Oct),
            p("resolve", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 328,
        symbol: "PPME_SYSCALL_MPROTECT_E",
        name: "mprotect",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[
            p("addr", T::Uint64, F::Hex),
            p("length", T::Uint64, F::Dec),
            p("prot", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 329,
        symbol: "PPME_SYSCALL_MPROTECT_X",
        name: "mprotect",
        flags: EventFlags::NONE.with(EventFlags::DROP_SIMPLE_CONS),
        params: &[p("res", T::Errno, F::Dec)],
    },
    EventInfo {
        id: 330,
        symbol: "PPME_SYSCALL_EXECVEAT_E",
        name: "execveat",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("dirfd", T::Fd, F::Dec),
            p("pathname", T::FsRelPath, F::Na),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 331,
        symbol: "PPME_SYSCALL_EXECVEAT_X",
        name: "execveat",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Errno, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Uint64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("env", T::ByteBuf, F::Na),
            p("tty", T::Int32, F::Dec),
            p("pgid", T::Pid, F::Dec),
            p("loginuid", T::Int32, F::Dec),
            p("flags", T::Flags32, F::Hex),
        ],
    },
    EventInfo {
        id: 332,
        symbol: "PPME_SYSCALL_COPY_FILE_RANGE_E",
        name: "copy_file_range",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::WRITES_TO_FD),
        params: &[
            p("fdin", T::Fd, F::Dec),
            p("offin", T::Uint64, F::Dec),
            p("len", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 333,
        symbol: "PPME_SYSCALL_COPY_FILE_RANGE_X",
        name: "copy_file_range",
        flags: EventFlags::NONE
            .with(EventFlags::USES_FD)
            .with(EventFlags::READS_FROM_FD)
            .with(EventFlags::WRITES_TO_FD),
        params: &[
            p("res", T::Errno, F::Dec),
            p("fdout", T::Fd, F::Dec),
            p("offout", T::Uint64, F::Dec),
        ],
    },
    EventInfo {
        id: 334,
        symbol: "PPME_SYSCALL_CLONE3_E",
        name: "clone3",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[],
    },
    EventInfo {
        id: 335,
        symbol: "PPME_SYSCALL_CLONE3_X",
        name: "clone3",
        flags: EventFlags::NONE.with(EventFlags::MODIFIES_STATE),
        params: &[
            p("res", T::Pid, F::Dec),
            p("exe", T::CharBuf, F::Na),
            p("args", T::ByteBuf, F::Na),
            p("tid", T::Pid, F::Dec),
            p("pid", T::Pid, F::Dec),
            p("ptid", T::Pid, F::Dec),
            p("cwd", T::CharBuf, F::Na),
            p("fdlimit", T::Int64, F::Dec),
            p("pgft_maj", T::Uint64, F::Dec),
            p("pgft_min", T::Uint64, F::Dec),
            p("vm_size", T::Uint32, F::Dec),
            p("vm_rss", T::Uint32, F::Dec),
            p("vm_swap", T::Uint32, F::Dec),
            p("comm", T::CharBuf, F::Na),
            p("cgroups", T::ByteBuf, F::Na),
            p("flags", T::Flags32, F::Hex),
            p("uid", T::Uint32, F::Dec),
            p("gid", T::Uint32, F::Dec),
            p("vtid", T::Pid, F::Dec),
            p("vpid", T::Pid, F::Dec),
        ],
    },
];

pub(super) static SYSCALLS_CURRENT: [&str; 454] = [
    "unknown",
    "restart_syscall",
    "exit",
    "read",
    "write",
    "open",
    "close",
    "creat",
    "link",
    "unlink",
    "chdir",
    "time",
    "mknod",
    "chmod",
    "stat",
    "lseek",
    "getpid",
    "mount",
    "ptrace",
    "alarm",
    "fstat",
    "pause",
    "utime",
    "access",
    "sync",
    "kill",
    "rename",
    "mkdir",
    "rmdir",
    "dup",
    "pipe",
    "times",
    "brk",
    "acct",
    "ioctl",
    "fcntl",
    "setpgid",
    "umask",
    "chroot",
    "ustat",
    "dup2",
    "getppid",
    "getpgrp",
    "setsid",
    "sethostname",
    "setrlimit",
    "getrusage",
    "gettimeofday",
    "settimeofday",
    "symlink",
    "lstat",
    "readlink",
    "uselib",
    "swapon",
    "reboot",
    "mmap",
    "munmap",
    "truncate",
    "ftruncate",
    "fchmod",
    "getpriority",
    "setpriority",
    "statfs",
    "fstatfs",
    "syslog",
    "setitimer",
    "getitimer",
    "uname",
    "vhangup",
    "wait4",
    "swapoff",
    "sysinfo",
    "fsync",
    "setdomainname",
    "adjtimex",
    "mprotect",
    "init_module",
    "delete_module",
    "quotactl",
    "getpgid",
    "fchdir",
    "sysfs",
    "personality",
    "getdents",
    "select",
    "flock",
    "msync",
    "readv",
    "writev",
    "getsid",
    "fdatasync",
    "mlock",
    "munlock",
    "mlockall",
    "munlockall",
    "sched_setparam",
    "sched_getparam",
    "sched_setscheduler",
    "sched_getscheduler",
    "sched_yield",
    "sched_get_priority_max",
    "sched_get_priority_min",
    "sched_rr_get_interval",
    "nanosleep",
    "mremap",
    "poll",
    "prctl",
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigpending",
    "rt_sigtimedwait",
    "rt_sigqueueinfo",
    "rt_sigsuspend",
    "getcwd",
    "capget",
    "capset",
    "sendfile",
    "getrlimit",
    "lchown",
    "getuid",
    "getgid",
    "geteuid",
    "getegid",
    "setreuid",
    "setregid",
    "getgroups",
    "setgroups",
    "fchown",
    "setresuid",
    "getresuid",
    "setresgid",
    "getresgid",
    "chown",
    "setuid",
    "setgid",
    "setfsuid",
    "setfsgid",
    "pivot_root",
    "mincore",
    "madvise",
    "gettid",
    "setxattr",
    "lsetxattr",
    "fsetxattr",
    "getxattr",
    "lgetxattr",
    "fgetxattr",
    "listxattr",
    "llistxattr",
    "flistxattr",
    "removexattr",
    "lremovexattr",
    "fremovexattr",
    "tkill",
    "futex",
    "sched_setaffinity",
    "sched_getaffinity",
    "set_thread_area",
    "get_thread_area",
    "io_setup",
    "io_destroy",
    "io_getevents",
    "io_submit",
    "io_cancel",
    "exit_group",
    "epoll_create",
    "epoll_ctl",
    "epoll_wait",
    "remap_file_pages",
    "set_tid_address",
    "timer_create",
    "timer_settime",
    "timer_gettime",
    "timer_getoverrun",
    "timer_delete",
    "clock_settime",
    "clock_gettime",
    "clock_getres",
    "clock_nanosleep",
    "tgkill",
    "utimes",
    "mq_open",
    "mq_unlink",
    "mq_timedsend",
    "mq_timedreceive",
    "mq_notify",
    "mq_getsetattr",
    "kexec_load",
    "waitid",
    "add_key",
    "request_key",
    "keyctl",
    "ioprio_set",
    "ioprio_get",
    "inotify_init",
    "inotify_add_watch",
    "inotify_rm_watch",
    "openat",
    "mkdirat",
    "mknodat",
    "fchownat",
    "futimesat",
    "unlinkat",
    "renameat",
    "linkat",
    "symlinkat",
    "readlinkat",
    "fchmodat",
    "faccessat",
    "pselect6",
    "ppoll",
    "unshare",
    "set_robust_list",
    "get_robust_list",
    "splice",
    "tee",
    "vmsplice",
    "getcpu",
    "epoll_pwait",
    "utimensat",
    "signalfd",
    "timerfd_create",
    "eventfd",
    "timerfd_settime",
    "timerfd_gettime",
    "signalfd4",
    "eventfd2",
    "epoll_create1",
    "dup3",
    "pipe2",
    "inotify_init1",
    "preadv",
    "pwritev",
    "rt_tgsigqueueinfo",
    "perf_event_open",
    "fanotify_init",
    "prlimit64",
    "clock_adjtime",
    "syncfs",
    "setns",
    "getdents64",
    "socket",
    "bind",
    "connect",
    "listen",
    "accept",
    "getsockname",
    "getpeername",
    "socketpair",
    "sendto",
    "recvfrom",
    "shutdown",
    "setsockopt",
    "getsockopt",
    "sendmsg",
    "sendmmsg",
    "recvmsg",
    "recvmmsg",
    "accept4",
    "semop",
    "semget",
    "semctl",
    "msgsnd",
    "msgrcv",
    "msgget",
    "msgctl",
    "shmdt",
    "shmget",
    "shmctl",
    "statfs64",
    "fstatfs64",
    "fstatat64",
    "sendfile64",
    "ugetrlimit",
    "bdflush",
    "sigprocmask",
    "ipc",
    "socketcall",
    "stat64",
    "lstat64",
    "fstat64",
    "fcntl64",
    "mmap2",
    "_newselect",
    "sgetmask",
    "ssetmask",
    "sigpending",
    "olduname",
    "umount",
    "signal",
    "nice",
    "stime",
    "_llseek",
    "waitpid",
    "pread64",
    "pwrite64",
    "arch_prctl",
    "shmat",
    "rt_sigreturn",
    "fallocate",
    "newfstatat",
    "process_vm_readv",
    "process_vm_writev",
    "fork",
    "vfork",
    "setuid32",
    "getuid32",
    "setgid32",
    "geteuid32",
    "getgid32",
    "setresuid32",
    "setresgid32",
    "getresuid32",
    "getresgid32",
    "finit_module",
    "bpf",
    "seccomp",
    "sigaltstack",
    "getrandom",
    "fadvise64",
    "renameat2",
    "userfaultfd",
    "openat2",
    "umount2",
    "execve",
    "execveat",
    "copy_file_range",
    "clone",
    "clone3",
    "open_by_handle_at",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "mlock2",
    "getegid32",
    "fsconfig",
    "fspick",
    "fsmount",
    "fsopen",
    "open_tree",
    "move_mount",
    "mount_setattr",
    "memfd_create",
    "memfd_secret",
    "ioperm",
    "kexec_file_load",
    "pidfd_getfd",
    "pidfd_open",
    "pidfd_send_signal",
    "pkey_alloc",
    "pkey_mprotect",
    "pkey_free",
    "landlock_create_ruleset",
    "quotactl_fd",
    "landlock_restrict_self",
    "landlock_add_rule",
    "epoll_pwait2",
    "migrate_pages",
    "move_pages",
    "preadv2",
    "pwritev2",
    "kcmp",
    "sched_setattr",
    "mbind",
    "epoll_ctl_old",
    "lookup_dcookie",
    "modify_ldt",
    "statx",
    "set_mempolicy",
    "io_pgetevents",
    "set_mempolicy_home_node",
    "semtimedop",
    "get_kernel_syms",
    "readahead",
    "futex_waitv",
    "getpmsg",
    "name_to_handle_at",
    "process_mrelease",
    "nfsservctl",
    "epoll_wait_old",
    "rseq",
    "create_module",
    "na_1",
    "sched_getattr",
    "faccessat2",
    "_sysctl",
    "query_module",
    "get_mempolicy",
    "sync_file_range",
    "process_madvise",
    "membarrier",
    "iopl",
    "close_range",
    "fanotify_mark",
    "recv",
    "send",
    "sched_process_exit",
    "sched_switch",
    "page_fault_user",
    "page_fault_kernel",
    "signal_deliver",
    "timerfd",
    "s390_pci_mmio_read",
    "sigaction",
    "s390_pci_mmio_write",
    "readdir",
    "s390_sthyi",
    "sigsuspend",
    "idle",
    "s390_runtime_instr",
    "sigreturn",
    "s390_guarded_storage",
    "cachestat",
    "fchmodat2",
    "map_shadow_stack",
    "riscv_flush_icache",
    "riscv_hwprobe",
    "futex_wake",
    "futex_requeue",
    "futex_wait",
    "oldstat",
    "switch_endian",
    "multiplexer",
    "oldlstat",
    "spu_create",
    "sync_file_range2",
    "oldfstat",
    "spu_run",
    "swapcontext",
    "pciconfig_write",
    "rtas",
    "pciconfig_read",
    "sys_debug_setcontext",
    "vm86",
    "oldolduname",
    "subpage_prot",
    "pciconfig_iobase",
    "listmount",
    "statmount",
    "lsm_get_self_attr",
    "lsm_set_self_attr",
    "lsm_list_modules",
    "mseal",
    "uretprobe",
    "removexattrat",
    "listxattrat",
    "getxattrat",
    "setxattrat",
    "open_tree_attr",
    "file_getattr",
    "file_setattr",
    "listns",
    "uprobe",
    "rseq_slice_yield",
];

pub(super) static SYSCALLS_SYSDIG_0_29: [&str; 330] = [
    "unknown",
    "restart_syscall",
    "exit",
    "read",
    "write",
    "open",
    "close",
    "creat",
    "link",
    "unlink",
    "chdir",
    "time",
    "mknod",
    "chmod",
    "stat",
    "lseek",
    "getpid",
    "mount",
    "ptrace",
    "alarm",
    "fstat",
    "pause",
    "utime",
    "access",
    "sync",
    "kill",
    "rename",
    "mkdir",
    "rmdir",
    "dup",
    "pipe",
    "times",
    "brk",
    "acct",
    "ioctl",
    "fcntl",
    "setpgid",
    "umask",
    "chroot",
    "ustat",
    "dup2",
    "getppid",
    "getpgrp",
    "setsid",
    "sethostname",
    "setrlimit",
    "getrusage",
    "gettimeofday",
    "settimeofday",
    "symlink",
    "lstat",
    "readlink",
    "uselib",
    "swapon",
    "reboot",
    "mmap",
    "munmap",
    "truncate",
    "ftruncate",
    "fchmod",
    "getpriority",
    "setpriority",
    "statfs",
    "fstatfs",
    "syslog",
    "setitimer",
    "getitimer",
    "uname",
    "vhangup",
    "wait4",
    "swapoff",
    "sysinfo",
    "fsync",
    "setdomainname",
    "adjtimex",
    "mprotect",
    "init_module",
    "delete_module",
    "quotactl",
    "getpgid",
    "fchdir",
    "sysfs",
    "personality",
    "getdents",
    "select",
    "flock",
    "msync",
    "readv",
    "writev",
    "getsid",
    "fdatasync",
    "mlock",
    "munlock",
    "mlockall",
    "munlockall",
    "sched_setparam",
    "sched_getparam",
    "sched_setscheduler",
    "sched_getscheduler",
    "sched_yield",
    "sched_get_priority_max",
    "sched_get_priority_min",
    "sched_rr_get_interval",
    "nanosleep",
    "mremap",
    "poll",
    "prctl",
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigpending",
    "rt_sigtimedwait",
    "rt_sigqueueinfo",
    "rt_sigsuspend",
    "getcwd",
    "capget",
    "capset",
    "sendfile",
    "getrlimit",
    "lchown",
    "getuid",
    "getgid",
    "geteuid",
    "getegid",
    "setreuid",
    "setregid",
    "getgroups",
    "setgroups",
    "fchown",
    "setresuid",
    "getresuid",
    "setresgid",
    "getresgid",
    "chown",
    "setuid",
    "setgid",
    "setfsuid",
    "setfsgid",
    "pivot_root",
    "mincore",
    "madvise",
    "gettid",
    "setxattr",
    "lsetxattr",
    "fsetxattr",
    "getxattr",
    "lgetxattr",
    "fgetxattr",
    "listxattr",
    "llistxattr",
    "flistxattr",
    "removexattr",
    "lremovexattr",
    "fremovexattr",
    "tkill",
    "futex",
    "sched_setaffinity",
    "sched_getaffinity",
    "set_thread_area",
    "get_thread_area",
    "io_setup",
    "io_destroy",
    "io_getevents",
    "io_submit",
    "io_cancel",
    "exit_group",
    "epoll_create",
    "epoll_ctl",
    "epoll_wait",
    "remap_file_pages",
    "set_tid_address",
    "timer_create",
    "timer_settime",
    "timer_gettime",
    "timer_getoverrun",
    "timer_delete",
    "clock_settime",
    "clock_gettime",
    "clock_getres",
    "clock_nanosleep",
    "tgkill",
    "utimes",
    "mq_open",
    "mq_unlink",
    "mq_timedsend",
    "mq_timedreceive",
    "mq_notify",
    "mq_getsetattr",
    "kexec_load",
    "waitid",
    "add_key",
    "request_key",
    "keyctl",
    "ioprio_set",
    "ioprio_get",
    "inotify_init",
    "inotify_add_watch",
    "inotify_rm_watch",
    "openat",
    "mkdirat",
    "mknodat",
    "fchownat",
    "futimesat",
    "unlinkat",
    "renameat",
    "linkat",
    "symlinkat",
    "readlinkat",
    "fchmodat",
    "faccessat",
    "pselect6",
    "ppoll",
    "unshare",
    "set_robust_list",
    "get_robust_list",
    "splice",
    "tee",
    "vmsplice",
    "getcpu",
    "epoll_pwait",
    "utimensat",
    "signalfd",
    "timerfd_create",
    "eventfd",
    "timerfd_settime",
    "timerfd_gettime",
    "signalfd4",
    "eventfd2",
    "epoll_create1",
    "dup3",
    "pipe2",
    "inotify_init1",
    "preadv",
    "pwritev",
    "rt_tgsigqueueinfo",
    "perf_event_open",
    "fanotify_init",
    "prlimit64",
    "clock_adjtime",
    "syncfs",
    "setns",
    "getdents64",
    "socket",
    "bind",
    "connect",
    "listen",
    "accept",
    "getsockname",
    "getpeername",
    "socketpair",
    "sendto",
    "recvfrom",
    "shutdown",
    "setsockopt",
    "getsockopt",
    "sendmsg",
    "sendmmsg",
    "recvmsg",
    "recvmmsg",
    "accept4",
    "semop",
    "semget",
    "semctl",
    "msgsnd",
    "msgrcv",
    "msgget",
    "msgctl",
    "shmdt",
    "shmget",
    "shmctl",
    "statfs64",
    "fstatfs64",
    "fstatat64",
    "sendfile64",
    "ugetrlimit",
    "bdflush",
    "sigprocmask",
    "ipc",
    "socketcall",
    "stat64",
    "lstat64",
    "fstat64",
    "fcntl64",
    "mmap2",
    "_newselect",
    "sgetmask",
    "ssetmask",
    "sigpending",
    "olduname",
    "umount",
    "signal",
    "nice",
    "stime",
    "_llseek",
    "waitpid",
    "pread64",
    "pwrite64",
    "arch_prctl",
    "shmat",
    "sigreturn",
    "fallocate",
    "newfsstat",
    "process_vm_readv",
    "process_vm_writev",
    "fork",
    "vfork",
    "setuid32",
    "getuid32",
    "setgid32",
    "geteuid32",
    "getgid32",
    "setresuid32",
    "setresgid32",
    "getresuid32",
    "getresgid32",
    "finit_module",
    "bpf",
    "seccomp",
    "sigaltstack",
    "getrandom",
    "fadvise64",
    "renameat2",
    "userfaultfd",
    "openat2",
    "umount2",
    "execve",
    "execveat",
    "copy_file_range",
    "clone",
    "clone3",
    "max",
];

pub(super) static GENERIC_NAMES_SYSDIG_0_29: [&str; 329] = [
    "<unknown>",
    "restart_syscall",
    "exit",
    "read",
    "write",
    "open",
    "close",
    "creat",
    "link",
    "unlink",
    "chdir",
    "time",
    "mknod",
    "chmod",
    "stat",
    "lseek",
    "getpid",
    "mount",
    "ptrace",
    "alarm",
    "fstat",
    "pause",
    "utime",
    "access",
    "sync",
    "kill",
    "rename",
    "mkdir",
    "rmdir",
    "dup",
    "pipe",
    "times",
    "brk",
    "acct",
    "ioctl",
    "fcntl",
    "setpgid",
    "umask",
    "chroot",
    "ustat",
    "dup2",
    "getppid",
    "getpgrp",
    "setsid",
    "sethostname",
    "setrlimit",
    "getrusage",
    "gettimeofday",
    "settimeofday",
    "symlink",
    "lstat",
    "readlink",
    "uselib",
    "swapon",
    "reboot",
    "mmap",
    "munmap",
    "truncate",
    "ftruncate",
    "fchmod",
    "getpriority",
    "setpriority",
    "statfs",
    "fstatfs",
    "syslog",
    "setitimer",
    "getitimer",
    "uname",
    "vhangup",
    "wait4",
    "swapoff",
    "sysinfo",
    "fsync",
    "setdomainname",
    "adjtimex",
    "mprotect",
    "init_module",
    "delete_module",
    "quotactl",
    "getpgid",
    "fchdir",
    "sysfs",
    "personality",
    "getdents",
    "select",
    "flock",
    "msync",
    "readv",
    "writev",
    "getsid",
    "fdatasync",
    "mlock",
    "munlock",
    "mlockall",
    "munlockall",
    "sched_setparam",
    "sched_getparam",
    "sched_setscheduler",
    "sched_getscheduler",
    "sched_yield",
    "sched_get_priority_max",
    "sched_get_priority_min",
    "sched_rr_get_interval",
    "nanosleep",
    "mremap",
    "poll",
    "prctl",
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigpending",
    "rt_sigtimedwait",
    "rt_sigqueueinfo",
    "rt_sigsuspend",
    "getcwd",
    "capget",
    "capset",
    "sendfile",
    "getrlimit",
    "lchown",
    "getuid",
    "getgid",
    "geteuid",
    "getegid",
    "setreuid",
    "setregid",
    "getgroups",
    "setgroups",
    "fchown",
    "setresuid",
    "getresuid",
    "setresgid",
    "getresgid",
    "chown",
    "setuid",
    "setgid",
    "setfsuid",
    "setfsgid",
    "pivot_root",
    "mincore",
    "madvise",
    "gettid",
    "setxattr",
    "lsetxattr",
    "fsetxattr",
    "getxattr",
    "lgetxattr",
    "fgetxattr",
    "listxattr",
    "llistxattr",
    "flistxattr",
    "removexattr",
    "lremovexattr",
    "fremovexattr",
    "tkill",
    "futex",
    "sched_setaffinity",
    "sched_getaffinity",
    "set_thread_area",
    "get_thread_area",
    "io_setup",
    "io_destroy",
    "io_getevents",
    "io_submit",
    "io_cancel",
    "exit_group",
    "epoll_create",
    "epoll_ctl",
    "epoll_wait",
    "remap_file_pages",
    "set_tid_address",
    "timer_create",
    "timer_settime",
    "timer_gettime",
    "timer_getoverrun",
    "timer_delete",
    "clock_settime",
    "clock_gettime",
    "clock_getres",
    "clock_nanosleep",
    "tgkill",
    "utimes",
    "mq_open",
    "mq_unlink",
    "mq_timedsend",
    "mq_timedreceive",
    "mq_notify",
    "mq_getsetattr",
    "kexec_load",
    "waitid",
    "add_key",
    "request_key",
    "keyctl",
    "ioprio_set",
    "ioprio_get",
    "inotify_init",
    "inotify_add_watch",
    "inotify_rm_watch",
    "openat",
    "mkdirat",
    "mknodat",
    "fchownat",
    "futimesat",
    "unlinkat",
    "renameat",
    "linkat",
    "symlinkat",
    "readlinkat",
    "fchmodat",
    "faccessat",
    "pselect6",
    "ppoll",
    "unshare",
    "set_robust_list",
    "get_robust_list",
    "splice",
    "tee",
    "vmsplice",
    "getcpu",
    "epoll_pwait",
    "utimensat",
    "signalfd",
    "timerfd_create",
    "eventfd",
    "timerfd_settime",
    "timerfd_gettime",
    "signalfd4",
    "eventfd2",
    "epoll_create1",
    "dup3",
    "pipe2",
    "inotify_init1",
    "preadv",
    "pwritev",
    "rt_tgsigqueueinfo",
    "perf_event_open",
    "fanotify_init",
    "prlimit64",
    "clock_adjtime",
    "syncfs",
    "setns",
    "getdents64",
    "socket",
    "bind",
    "connect",
    "listen",
    "accept",
    "getsockname",
    "getpeername",
    "socketpair",
    "sendto",
    "recvfrom",
    "shutdown",
    "setsockopt",
    "getsockopt",
    "sendmsg",
    "sendmmsg",
    "recvmsg",
    "recvmmsg",
    "accept4",
    "semop",
    "semget",
    "semctl",
    "msgsnd",
    "msgrcv",
    "msgget",
    "msgctl",
    "shmdt",
    "shmget",
    "shmctl",
    "statfs64",
    "fstatfs64",
    "fstatat64",
    "sendfile64",
    "ugetrlimit",
    "bdflush",
    "sigprocmask",
    "ipc",
    "socketcall",
    "stat64",
    "lstat64",
    "fstat64",
    "fcntl64",
    "mmap2",
    "newselect",
    "sgetmask",
    "ssetmask",
    "sigpending",
    "olduname",
    "umount",
    "signal",
    "nice",
    "stime",
    "llseek",
    "waitpid",
    "pread64",
    "pwrite64",
    "arch_prctl",
    "shmat",
    "sigreturn",
    "fallocate",
    "newfstatat",
    "process_vm_readv",
    "process_vm_writev",
    "fork",
    "vfork",
    "setuid",
    "getuid",
    "setgid",
    "geteuid",
    "getgid",
    "setresuid",
    "setresgid",
    "getresuid",
    "getresgid",
    "finit_module",
    "bpf",
    "seccomp",
    "sigaltstack",
    "getrandom",
    "fadvise64",
    "renameat2",
    "userfaultfd",
    "openat2",
    "umount2",
    "execve",
    "execveat",
    "copy_file_range",
    "clone",
    "clone3",
];
