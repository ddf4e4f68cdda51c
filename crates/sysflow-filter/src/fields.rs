//! The field catalogue: the fields a filter may name, their types as
//! libsinsp 0.29.3 declares them, their arguments, and which operators each
//! type takes; and the resolution of a field as written (`proc.aname[2]`,
//! `evt.arg.fd`) into a [`FieldId`] and a [`FieldArg`].

use std::fmt;

use crate::abi_names::PARAM_NAMES;
use crate::ast::CmpOp;
use crate::known_fields::{LIBSINSP_ARG_FIELDS, LIBSINSP_FIELDS};
use crate::values::scan_i32;

/// A supported field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[allow(missing_docs)] // Each is documented by its name (`FieldId::name`) in the catalogue.
pub enum FieldId {
    EvtType,
    EvtDir,
    EvtNum,
    EvtRawRes,
    EvtRes,
    EvtFailed,
    EvtArg,
    EvtIsOpenRead,
    EvtIsOpenWrite,
    ProcName,
    ProcExe,
    ProcExePath,
    ProcArgs,
    ProcCmdline,
    ProcPid,
    ProcPpid,
    ProcPname,
    ProcAname,
    ProcApid,
    ProcCwd,
    ProcTty,
    ProcSid,
    ProcVpid,
    ThreadTid,
    ThreadVtid,
    UserUid,
    UserName,
    UserLoginUid,
    GroupGid,
    GroupName,
    FdNum,
    FdType,
    FdTypeChar,
    FdName,
    FdDirectory,
    FdFilename,
    FdIp,
    FdCip,
    FdSip,
    FdLip,
    FdRip,
    FdPort,
    FdCport,
    FdSport,
    FdLport,
    FdRport,
    FdNet,
    FdCnet,
    FdSnet,
    FdLnet,
    FdRnet,
    FdL4Proto,
    FdSockFamily,
    FdIsServer,
    ContainerId,
    ContainerName,
    ContainerImage,
    ContainerImageRepository,
    ContainerPrivileged,
}

/// A field's type, as libsinsp declares it (`PT_*`), which decides how its
/// values parse and which operators apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldType {
    /// `PT_CHARBUF`: a string (bytes, compared as C strings).
    Str,
    /// `PT_UINT64`.
    U64,
    /// `PT_INT64` (and `PT_FD`, `PT_PID`).
    I64,
    /// `PT_UINT32`.
    U32,
    /// `PT_INT32`.
    I32,
    /// `PT_PORT`: 16 bits; a value may be a service name (`http`).
    Port,
    /// `PT_BOOL`: `true` or `false`.
    Bool,
    /// `PT_IPADDR`: an IPv4 or IPv6 address.
    IpAddr,
    /// `PT_IPNET`: compared with a network (`10.0.0.0/8`).
    IpNet,
}

impl FieldType {
    /// The type's name in docs/filters.md and in errors.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Str => "string",
            FieldType::U64 => "u64",
            FieldType::I64 => "i64",
            FieldType::U32 => "u32",
            FieldType::I32 => "i32",
            FieldType::Port => "port",
            FieldType::Bool => "bool",
            FieldType::IpAddr => "ipaddr",
            FieldType::IpNet => "ipnet",
        }
    }

    /// Whether `op` applies to values of this type (`exists` applies to
    /// all). Strings take every operator; numbers the comparisons and
    /// lists; booleans, addresses and networks only equality and lists.
    /// (libsinsp 0.29 compiles any operator and throws at evaluation on
    /// the numeric ones it cannot apply; we refuse them up front.)
    pub fn accepts(self, op: CmpOp) -> bool {
        use CmpOp::*;
        match self {
            FieldType::Str => true,
            FieldType::U64 | FieldType::I64 | FieldType::U32 | FieldType::I32 | FieldType::Port => {
                matches!(op, Eq | Ne | Lt | Le | Gt | Ge | In | Intersects)
            }
            FieldType::Bool | FieldType::IpAddr | FieldType::IpNet => {
                matches!(op, Eq | Ne | In | Intersects)
            }
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a field takes after its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArgKind {
    /// Nothing.
    None,
    /// An optional `[N]`: without it, every ancestor (`proc.aname`).
    Ancestor,
    /// `[N]` or `.NAME`, required (`evt.arg`).
    EventParam,
}

/// How many values a field has for one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplicity {
    /// One, or none.
    Single,
    /// Without an index, one per ancestor (`proc.aname`, `proc.apid`): a
    /// comparison holds if it holds for some ancestor.
    Ancestors,
    /// The client's and the server's (`fd.ip`, `fd.port`, `fd.net`): `=`
    /// and `in` hold if they hold for either, `!=` if it holds for both.
    Either,
}

/// One supported field.
#[derive(Debug)]
pub struct FieldInfo {
    /// Which.
    pub id: FieldId,
    /// Its name, as written in expressions.
    pub name: &'static str,
    /// Its type.
    pub field_type: FieldType,
    pub(crate) arg: ArgKind,
    pub(crate) either: bool,
    /// What it is (libsinsp's meaning).
    pub description: &'static str,
}

macro_rules! fields {
    ($( $id:ident $name:literal $ty:ident $arg:ident $either:literal $desc:literal; )*) => {
        /// Every supported field.
        pub static FIELDS: &[FieldInfo] = &[
            $( FieldInfo {
                id: FieldId::$id,
                name: $name,
                field_type: FieldType::$ty,
                arg: ArgKind::$arg,
                either: $either,
                description: $desc,
            }, )*
        ];
    };
}

fields! {
    EvtType "evt.type" Str None false "the event's name (`open`, `execve`); values must be known event or syscall names";
    EvtDir "evt.dir" Str None false "`>` for an enter event, `<` for an exit event";
    EvtNum "evt.num" U64 None false "the event's number (counting the events sysdig 0.29.3's table has)";
    EvtRawRes "evt.rawres" I64 None false "the return value, as a number";
    EvtRes "evt.res" Str None false "the return value: `SUCCESS`, or the error's name (`ENOENT`)";
    EvtFailed "evt.failed" Bool None false "whether the event returned an error";
    EvtArg "evt.arg" Str EventParam false "a parameter as libsinsp prints it, by name (`evt.arg.fd`) or position (`evt.arg[0]`)";
    EvtIsOpenRead "evt.is_open_read" Bool None false "an open that opened for reading";
    EvtIsOpenWrite "evt.is_open_write" Bool None false "an open that opened for writing";
    ProcName "proc.name" Str None false "the event's thread's name (its comm: a thread may rename itself)";
    ProcExe "proc.exe" Str None false "the first command-line argument";
    ProcExePath "proc.exepath" Str None false "the executable's full path";
    ProcArgs "proc.args" Str None false "the arguments after the first, joined by spaces";
    ProcCmdline "proc.cmdline" Str None false "proc.name and proc.args";
    ProcPid "proc.pid" I64 None false "the process id";
    ProcPpid "proc.ppid" I64 None false "the parent's process id";
    ProcPname "proc.pname" Str None false "the name of the thread that made the event's thread (its clone's caller; for a process, the parent)";
    ProcAname "proc.aname" Str Ancestor false "an ancestor's name: `proc.aname[N]` the Nth (0 the process itself), `proc.aname` any ancestor";
    ProcApid "proc.apid" I64 Ancestor false "an ancestor's pid: `proc.apid[N]` the Nth, `proc.apid` any ancestor";
    ProcCwd "proc.cwd" Str None false "the current working directory";
    ProcTty "proc.tty" I32 None false "the controlling terminal (0 for none)";
    ProcSid "proc.sid" I64 None false "the session id";
    ProcVpid "proc.vpid" I64 None false "the process id in its pid namespace";
    ThreadTid "thread.tid" I64 None false "the thread id";
    ThreadVtid "thread.vtid" I64 None false "the thread id in its pid namespace";
    UserUid "user.uid" U32 None false "the user id";
    UserName "user.name" Str None false "the user's name";
    UserLoginUid "user.loginuid" I32 None false "the audit user id (-1 for none)";
    GroupGid "group.gid" U64 None false "the group id";
    GroupName "group.name" Str None false "the group's name";
    FdNum "fd.num" I64 None false "the file descriptor's number";
    FdType "fd.type" Str None false "`file`, `directory`, `ipv4`, `ipv6`, `unix`, `pipe`, `event`, `signalfd`, `eventpoll`, `inotify`, `timerfd`, ...";
    FdTypeChar "fd.typechar" Str None false "fd.type as one character (`f`, `4`, `6`, `u`, `p`, ...)";
    FdName "fd.name" Str None false "the fd's full name: a file's path, a connection's tuple";
    FdDirectory "fd.directory" Str None false "a file's directory";
    FdFilename "fd.filename" Str None false "a file's name without its directory";
    FdIp "fd.ip" IpAddr None true "the client or the server address";
    FdCip "fd.cip" IpAddr None false "the client address";
    FdSip "fd.sip" IpAddr None false "the server address";
    FdLip "fd.lip" IpAddr None false "the local address";
    FdRip "fd.rip" IpAddr None false "the remote address";
    FdPort "fd.port" Port None true "the client or the server port";
    FdCport "fd.cport" Port None false "the client port";
    FdSport "fd.sport" Port None false "the server port";
    FdLport "fd.lport" Port None false "the local port";
    FdRport "fd.rport" Port None false "the remote port";
    FdNet "fd.net" IpNet None true "the client or the server address, compared with a network";
    FdCnet "fd.cnet" IpNet None false "the client address, compared with a network";
    FdSnet "fd.snet" IpNet None false "the server address, compared with a network";
    FdLnet "fd.lnet" IpNet None false "the local address, compared with a network";
    FdRnet "fd.rnet" IpNet None false "the remote address, compared with a network";
    FdL4Proto "fd.l4proto" Str None false "`tcp`, `udp`, `icmp` or `raw`";
    FdSockFamily "fd.sockfamily" Str None false "`ip` or `unix`";
    FdIsServer "fd.is_server" Bool None false "whether the process is the connection's server end";
    ContainerId "container.id" Str None false "the container id (`host` outside containers)";
    ContainerName "container.name" Str None false "the container's name";
    ContainerImage "container.image" Str None false "the container's image";
    ContainerImageRepository "container.image.repository" Str None false "the container image's repository";
    ContainerPrivileged "container.privileged" Bool None false "whether the container runs privileged";
}

impl FieldId {
    /// The field's catalogue entry.
    pub fn info(self) -> &'static FieldInfo {
        // FIELDS lists every FieldId in declaration order (a test checks).
        &FIELDS[self as usize]
    }

    /// The field's name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The field's type.
    pub fn field_type(self) -> FieldType {
        self.info().field_type
    }
}

impl fmt::Display for FieldId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A field's argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldArg {
    /// None (for `proc.aname`/`proc.apid`: every ancestor).
    None,
    /// `[N]`: for `proc.aname`/`proc.apid` the Nth ancestor (0 the process
    /// itself; libsinsp reads any negative but -1 as 0, and -1 as no
    /// index); for `evt.arg` the Nth parameter.
    Index(i32),
    /// `.NAME`: `evt.arg`'s parameter by name.
    Name(Box<str>),
}

/// Why a field as written does not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ResolveError {
    Unknown,
    Unsupported,
    BadArgument(&'static str),
}

/// Resolves a field as written, as libsinsp 0.29.3 does: the name must be
/// a field's name exactly, with its argument (libsinsp matches the longest
/// field name the text starts with, then wants the whole text used).
pub(crate) fn resolve(text: &str) -> Result<(FieldId, FieldArg), ResolveError> {
    if let Some(info) = FIELDS
        .iter()
        .find(|f| f.name == text && f.arg != ArgKind::EventParam)
    {
        return Ok((info.id, FieldArg::None));
    }
    // `evt.arg...` but not `evt.args...`, as libsinsp tells them apart.
    if let Some(rest) = text.strip_prefix("evt.arg")
        && !rest.starts_with('s')
    {
        return event_param(rest).map(|arg| (FieldId::EvtArg, arg));
    }
    for (prefix, id) in [
        ("proc.aname", FieldId::ProcAname),
        ("proc.apid", FieldId::ProcApid),
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            // libsinsp reads `[N]` up to the first `]`; anything else is an
            // unknown field.
            let index = rest
                .strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .filter(|n| !n.contains(']'))
                .and_then(scan_i32)
                .ok_or(ResolveError::Unknown)?;
            let arg = match index {
                -1 => FieldArg::None,
                n if n < 0 => FieldArg::Index(0),
                n => FieldArg::Index(n),
            };
            return Ok((id, arg));
        }
    }
    if LIBSINSP_FIELDS.binary_search(&text).is_ok()
        || LIBSINSP_ARG_FIELDS.iter().any(|f| {
            text.strip_prefix(f)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    {
        return Err(ResolveError::Unsupported);
    }
    Err(ResolveError::Unknown)
}

/// `evt.arg`'s argument: `[N]` or `.NAME` with NAME some event's parameter.
fn event_param(rest: &str) -> Result<FieldArg, ResolveError> {
    if let Some(index) = rest.strip_prefix('[') {
        let Some(close) = index.find(']') else {
            return Err(ResolveError::Unknown);
        };
        if close + 1 != index.len() {
            return Err(ResolveError::Unknown);
        }
        return scan_i32(&index[..close])
            .map(FieldArg::Index)
            .ok_or(ResolveError::BadArgument("a number in []"));
    }
    if let Some(name) = rest.strip_prefix('.') {
        if PARAM_NAMES.binary_search(&name).is_ok() {
            return Ok(FieldArg::Name(name.into()));
        }
        return Err(ResolveError::BadArgument("the name of an event parameter"));
    }
    Err(ResolveError::BadArgument(
        "'.' and a parameter name, or '[' and a parameter index",
    ))
}
