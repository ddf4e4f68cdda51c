//! sysporter's flags: the clap definition that parses them (`main.rs`) and
//! renders the man page (`examples/manpage.rs`, run by `cargo xtask dist`).

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

/// Collect SysFlow from a live capture or a Falco/sysdig scap capture, into
/// .sf files and/or an sf-processor unix socket.
///
/// Flags are those of the reference collector's sysporter. The environment
/// variables NODE_IP, ENABLE_DROP_MODE, FILE_ONLY, ENABLE_PROC_FLOW,
/// FILE_READ_MODE, ENABLE_STATS and DRIVER_LOG override flags and defaults as
/// in the reference ("1" turns a switch on, any other value off). Logs go to
/// stderr: RUST_LOG filters them, or else the reference's GLOG_minloglevel
/// (0 info, 1 warning, 2 error), GLOG_v (1 debug, 2 trace) and
/// GLOG_logtostderr (default: warnings and errors).
///
/// SIGINT or SIGTERM stops the run cleanly: open flows are written and the
/// files closed. A second one stops a live capture without reading what the
/// probe still holds (the files are still closed); a third exits at once
/// with status 130, leaving the current file unfinished.
#[derive(Debug, Parser)]
#[command(
    name = "sysporter",
    disable_version_flag = true,
    override_usage = "sysporter [OPTIONS] [-r <FILE>] {-w <PATH> | -u <PATH>}"
)]
pub struct Cli {
    /// Read events from this scap capture file (offline mode); - reads standard input
    ///
    /// Plain or gzip-compressed captures written by sysdig, Falco or
    /// sysflow-rs, from a file, a pipe, or standard input (-r -). Without
    /// -r, sysporter captures live through its own CO-RE eBPF probe (root,
    /// or CAP_BPF and CAP_PERFMON; a kernel with BTF) until SIGINT or
    /// SIGTERM.
    #[arg(short = 'r', value_name = "FILE")]
    pub scap: Option<PathBuf>,

    /// Live only: also save the raw capture as this scap file
    ///
    /// Not in the reference (sysdig's -w): the file replays with -r and
    /// opens in sysdig, so an incident can be examined later. Its events are
    /// exit events that carry their arguments, as current Falco's are; for
    /// sysdig 0.29.3 (Debian 12), rewrite them into enter/exit pairs with
    /// sysflow-capture's `scapcopy --legacy`. It rotates with the .sf files
    /// (-G) and at --scap-out-size: the files are then named FILE.TIME, TIME
    /// the second each was opened (FILE.TIME.1, .2, … for more in one
    /// second), each a capture of its own that starts with the machine and
    /// the processes and fds of that moment; with -G 0 and no size limit,
    /// one file named exactly FILE. Created like -w's files (new, mode
    /// 0600; an existing FILE is refused unless it is a regular file of
    /// sysporter's own user, which is replaced).
    #[arg(long = "scap-out", value_name = "FILE")]
    pub scap_out: Option<PathBuf>,

    /// Live only: start a new --scap-out file once the current one holds MB megabytes
    ///
    /// Not in the reference (sysdig's -C). Megabytes of 1,000,000 bytes;
    /// the file ends with the event that reaches the limit.
    #[arg(long = "scap-out-size", value_name = "MB", requires = "scap_out", value_parser = clap::value_parser!(u64).range(1..))]
    pub scap_out_size: Option<u64>,

    /// Live only: empty the environment of every captured process
    ///
    /// Not in the reference. Applies to the processes found at start and to
    /// execve events, before anything is written (records or --scap-out),
    /// so that a recording can be shared.
    #[arg(long = "scrub-env")]
    pub scrub_env: bool,

    /// Compression level of the output: deflate's, 0 (stored) to 9, or
    /// zstandard's, 1 to 19
    ///
    /// Not in the reference. Deflate's is by default 6 when converting a
    /// capture (the reference's level) and 1 when capturing live, which
    /// costs the collector much less CPU for somewhat larger files;
    /// zstandard's is 3.
    #[arg(long = "compression-level", value_name = "N", value_parser = clap::value_parser!(u32).range(0..=19))]
    pub compression_level: Option<u32>,

    /// Block codec of the output files
    ///
    /// Not in the reference, whose readers read deflate only. zstandard
    /// makes smaller files for less CPU (see `cargo xtask bench`); fastavro,
    /// and so sysprint, reads it with Python's zstd support
    /// (`backports.zstd` before Python 3.14).
    #[arg(long = "codec", value_name = "CODEC", default_value = "deflate")]
    pub codec: FileCodec,

    /// Live only: keep the collector at normal scheduling priority
    ///
    /// Not in the reference. By default the collector runs at idle priority
    /// (SCHED_IDLE) while its ring buffer has room, so that the workload it
    /// watches always goes first, and is raised to normal priority whenever
    /// an eighth of the ring is pending, so that it never falls behind into
    /// drops. Without CAP_SYS_NICE it stays at normal priority anyway.
    #[arg(long = "normal-priority")]
    pub normal_priority: bool,

    /// Live only: keep every capability for the whole run
    ///
    /// Not in the reference. By default, once the probe is attached and
    /// /proc scanned, sysporter drops every capability it no longer needs
    /// and sets no_new_privs: it keeps CAP_SYS_NICE for background
    /// scheduling (none with --normal-priority), CAP_BPF on kernels older
    /// than 5.19 (to read the probe's counters) and CAP_SYS_PTRACE where
    /// /proc is mounted with hidepid. Outputs are opened after the drop, by
    /// sysporter's uid alone: as root, -w and --scap-out must be in a
    /// directory root may write without CAP_DAC_OVERRIDE (not another
    /// user's), else sysporter stops at start with the error.
    #[arg(long = "keep-privileges")]
    pub keep_privileges: bool,

    /// Write SysFlow to this file, or into this directory if it ends in '/'
    ///
    /// A file path is written exactly (offline runs never rotate). A directory
    /// gets a file named by the current time in seconds since the epoch. The
    /// directory must exist.
    ///
    /// Files are always created new, with mode 0600, never through a
    /// symbolic link. A name that already exists is refused (nothing is
    /// written to it) unless it is a regular file owned by sysporter's own
    /// user: then a file path replaces it with a new file, and a name made
    /// of the time is numbered past it (NAME.1, NAME.2, ...), so that no
    /// rotation overwrites an earlier file.
    #[arg(short = 'w', value_name = "PATH")]
    pub write: Option<PathBuf>,

    /// Exporter id stored in the file header
    ///
    /// A globally unique id of the monitored host. Without it, the capturing
    /// machine's host name recorded in the capture is used, else this
    /// machine's.
    #[arg(short = 'e', value_name = "ID")]
    pub exporter: Option<String>,

    /// Rotate the output every SECS seconds, 0 never (live capture only; default 300)
    ///
    /// Each file is named PATH.TIME (or DIR/TIME), TIME the second it was
    /// opened (since the epoch). With -G 0 a live capture writes one file,
    /// named exactly PATH (or DIR/TIME). As in the reference, offline runs
    /// never rotate: the whole capture goes to one file.
    #[arg(short = 'G', value_name = "SECS", value_parser = clap::value_parser!(i64).range(0..))]
    pub rotate: Option<i64>,

    /// Which syscalls become records (default: flow)
    #[arg(short = 'm', value_name = "MODE", value_enum)]
    pub mode: Option<Mode>,

    /// Print cache and table statistics at the end (not debug logging)
    #[arg(short = 'd')]
    pub stats: bool,

    /// Print the version and the SysFlow schema version to stderr, then exit
    #[arg(short = 'v', long = "version")]
    pub version: bool,

    /// Only events of processes in containers (simple, fast filter)
    #[arg(short = 'c')]
    pub containers_only: bool,

    /// Stream records to this unix socket, where sf-processor listens
    ///
    /// A SOCK_SEQPACKET socket that the server creates; one SysFlow record
    /// per packet, a header first. Without the server, records are dropped
    /// (and counted, with one warning) and sysporter reconnects, with a new
    /// header and every entity again, within half a second of its return.
    /// With -r, records that were not delivered make sysporter exit 1.
    /// Can be combined with -w.
    ///
    /// Records go only to a server that runs as root or as sysporter's own
    /// user (checked at every connection): a socket another user listens
    /// on is refused with an error, unless --allow-foreign-socket.
    #[arg(short = 'u', value_name = "PATH")]
    pub socket: Option<PathBuf>,

    /// Send -u's records even to a server run by another user
    ///
    /// Not in the reference. By default a socket whose server runs as
    /// neither root nor sysporter's user is refused, so that someone who
    /// binds the path while sf-processor is down gets nothing.
    #[arg(long = "allow-foreign-socket", requires = "socket")]
    pub allow_foreign_socket: bool,

    /// Sampling ratio for live drop mode, 1 (no drops) to 10^9 (live capture with drop mode only)
    #[arg(short = 's', value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000_000))]
    pub sampling: Option<u32>,

    /// Falco filter on events, in quotes, e.g. -f 'proc.name in (sh, bash) and evt.type=execve'
    ///
    /// Falco's condition language as libsinsp 0.29 reads it (docs/filters.md
    /// lists the operators and fields): every event still updates the
    /// collector's view of processes, files and containers, and only the
    /// events that pass make records. A bad expression is refused with its
    /// position. Without -f, the FILTER environment variable (the
    /// reference's service passes it this way) is used when set.
    #[arg(short = 'f', value_name = "FILTER")]
    pub filter: Option<String>,

    /// With -r: write no records, and print one line per event that passes
    /// -f: `RAWTIME TID TYPE DIR`
    ///
    /// Not in the reference. The line is the one `sysdig -r FILE -p
    /// '%evt.rawtime %thread.tid %evt.type %evt.dir' 'FILTER'` prints for
    /// the event, so a filter can be tried on a capture, and compared with
    /// sysdig's, before it is deployed.
    #[arg(long = "print-events", requires = "scap")]
    pub print_events: bool,

    /// CRI socket asked for container and pod metadata in live capture
    /// [default: /run/containerd/containerd.sock, /run/crio/crio.sock,
    /// /run/k3s/containerd/containerd.sock, whichever exist]; Docker's
    /// /var/run/docker.sock and podman's /run/podman/podman.sock are asked
    /// first either way
    ///
    /// Live capture asks the runtimes about every container its processes
    /// run in, beside the capture: a process is written at once with its
    /// container id, the container as `incomplete` until its runtime
    /// answers, and then again with its name, image, type and privileges
    /// (and, from CRI, its pod). DOCKER_HOST and CONTAINER_HOST (podman),
    /// when they are unix:// addresses, name other Docker and podman
    /// sockets. The answers are saved in --scap-out, so a replay writes the
    /// same records. With -r the capture's own container events describe
    /// its containers and -p is ignored.
    #[arg(short = 'p', value_name = "PATH")]
    pub cri_path: Option<PathBuf>,

    /// Time allowed each call to a container runtime, in seconds [default:
    /// 30]; look-ups never hold up the capture: a container stays
    /// `incomplete` until its runtime answers
    #[arg(short = 't', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub cri_timeout: Option<u32>,

    /// Kernel driver for live capture: ebpf-core, our own CO-RE probe (the
    /// default); Falco's ebpf and kmod are not supported
    #[arg(short = 'k', value_name = "DRIVER", value_enum)]
    pub driver: Option<Driver>,

    /// log4cxx properties file of the reference (not supported: use RUST_LOG or GLOG_*)
    #[arg(short = 'l', value_name = "FILE")]
    pub log_conf: Option<PathBuf>,
}

/// `-m` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Mode {
    /// Process events and all flows.
    Flow,
    /// Opens as one-shot file flows, connections, no reads or writes.
    Consume,
    /// Like flow, without file flows and file events.
    Nofiles,
}

/// `--codec` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FileCodec {
    /// Raw deflate, as the reference writes.
    Deflate,
    /// Zstandard, one frame a block.
    Zstandard,
    /// No compression.
    Null,
}

/// `-k` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Driver {
    /// Falco's legacy eBPF probe.
    Ebpf,
    /// The CO-RE eBPF probe.
    EbpfCore,
    /// Falco's kernel module.
    Kmod,
}
