//! `sysporter`: the SysFlow collector's command line. Parses the reference's
//! flags, applies the environment overrides, runs a `libsysflow` driver with
//! a progress bar and signal handling, and prints a one-line summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use libsysflow::{
    CollectionMode, DriverStats, DriverType, ExitHandle, OutputKind, RecordType, SCHEMA_VERSION,
    SysFlowConfig, SysFlowDriver, SysFlowError,
};
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use tracing_subscriber::EnvFilter;

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
struct Cli {
    /// Read events from this scap capture file (offline mode); - reads standard input
    ///
    /// Plain or gzip-compressed captures written by sysdig, Falco or
    /// sysflow-rs, from a file, a pipe, or standard input (-r -). Without
    /// -r, sysporter captures live through its own CO-RE eBPF probe (root,
    /// or CAP_BPF and CAP_PERFMON; a kernel with BTF) until SIGINT or
    /// SIGTERM.
    #[arg(short = 'r', value_name = "FILE")]
    scap: Option<PathBuf>,

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
    scap_out: Option<PathBuf>,

    /// Live only: start a new --scap-out file once the current one holds MB megabytes
    ///
    /// Not in the reference (sysdig's -C). Megabytes of 1,000,000 bytes;
    /// the file ends with the event that reaches the limit.
    #[arg(long = "scap-out-size", value_name = "MB", requires = "scap_out", value_parser = clap::value_parser!(u64).range(1..))]
    scap_out_size: Option<u64>,

    /// Live only: empty the environment of every captured process
    ///
    /// Not in the reference. Applies to the processes found at start and to
    /// execve events, before anything is written (records or --scap-out),
    /// so that a recording can be shared.
    #[arg(long = "scrub-env")]
    scrub_env: bool,

    /// Deflate level of the output, 0 (stored) to 9
    ///
    /// Not in the reference. By default 6 when converting a capture (the
    /// reference's level) and 1 when capturing live, which costs the
    /// collector much less CPU for somewhat larger files.
    #[arg(long = "compression-level", value_name = "N", value_parser = clap::value_parser!(u32).range(0..=9))]
    compression_level: Option<u32>,

    /// Live only: keep the collector at normal scheduling priority
    ///
    /// Not in the reference. By default the collector runs at idle priority
    /// (SCHED_IDLE) while its ring buffer has room, so that the workload it
    /// watches always goes first, and is raised to normal priority whenever
    /// an eighth of the ring is pending, so that it never falls behind into
    /// drops. Without CAP_SYS_NICE it stays at normal priority anyway.
    #[arg(long = "normal-priority")]
    normal_priority: bool,

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
    keep_privileges: bool,

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
    write: Option<PathBuf>,

    /// Exporter id stored in the file header
    ///
    /// A globally unique id of the monitored host. Without it, the capturing
    /// machine's host name recorded in the capture is used, else this
    /// machine's.
    #[arg(short = 'e', value_name = "ID")]
    exporter: Option<String>,

    /// Rotate the output every SECS seconds, 0 never (live capture only; default 300)
    ///
    /// Each file is named PATH.TIME (or DIR/TIME), TIME the second it was
    /// opened (since the epoch). With -G 0 a live capture writes one file,
    /// named exactly PATH (or DIR/TIME). As in the reference, offline runs
    /// never rotate: the whole capture goes to one file.
    #[arg(short = 'G', value_name = "SECS", value_parser = clap::value_parser!(i64).range(0..))]
    rotate: Option<i64>,

    /// Which syscalls become records (default: flow)
    #[arg(short = 'm', value_name = "MODE", value_enum)]
    mode: Option<Mode>,

    /// Print cache and table statistics at the end (not debug logging)
    #[arg(short = 'd')]
    stats: bool,

    /// Print the version and the SysFlow schema version to stderr, then exit
    #[arg(short = 'v', long = "version")]
    version: bool,

    /// Only events of processes in containers (simple, fast filter)
    #[arg(short = 'c')]
    containers_only: bool,

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
    socket: Option<PathBuf>,

    /// Send -u's records even to a server run by another user
    ///
    /// Not in the reference. By default a socket whose server runs as
    /// neither root nor sysporter's user is refused, so that someone who
    /// binds the path while sf-processor is down gets nothing.
    #[arg(long = "allow-foreign-socket", requires = "socket")]
    allow_foreign_socket: bool,

    /// Sampling ratio for live drop mode, 1 (no drops) to 10^9 (live capture with drop mode only)
    #[arg(short = 's', value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000_000))]
    sampling: Option<u32>,

    /// Falco-style event filter, in quotes (not supported yet)
    #[arg(short = 'f', value_name = "FILTER")]
    filter: Option<String>,

    /// CRI socket for container metadata (not supported yet)
    #[arg(short = 'p', value_name = "PATH")]
    cri_path: Option<PathBuf>,

    /// CRI timeout in seconds, as the reference's criTO (not supported yet)
    #[arg(short = 't', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    cri_timeout: Option<u32>,

    /// Kernel driver for live capture: ebpf-core, our own CO-RE probe (the
    /// default); Falco's ebpf and kmod are not supported
    #[arg(short = 'k', value_name = "DRIVER", value_enum)]
    driver: Option<Driver>,

    /// log4cxx properties file of the reference (not supported: use RUST_LOG or GLOG_*)
    #[arg(short = 'l', value_name = "FILE")]
    log_conf: Option<PathBuf>,
}

/// `-m` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Mode {
    /// Process events and all flows.
    Flow,
    /// Opens as one-shot file flows, connections, no reads or writes.
    Consume,
    /// Like flow, without file flows and file events.
    Nofiles,
}

/// `-k` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Driver {
    /// Falco's legacy eBPF probe.
    Ebpf,
    /// The CO-RE eBPF probe.
    EbpfCore,
    /// Falco's kernel module.
    Kmod,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // The reference exits 1 on argument errors, 0 for help.
            return if e.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if cli.version {
        eprintln!(
            "sysporter Version: {} Avro Schema Version: {SCHEMA_VERSION}",
            SysFlowDriver::version()
        );
        return ExitCode::SUCCESS;
    }
    init_logging();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match e.downcast_ref::<SysFlowError>() {
                Some(sf) => eprintln!("sysporter: error [{}]: {e:#}", sf.code()),
                None => eprintln!("sysporter: error: {e:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr as RUST_LOG, or else the reference's GLOG_* variables, say
/// (`libsysflow::log_directives`); DRIVER_LOG=1 adds the capture engine's
/// debug messages.
fn init_logging() {
    let debug_mode = std::env::var_os("DRIVER_LOG").is_some_and(|v| v == "1");
    let directives = libsysflow::log_directives_from_env(debug_mode);
    let filter = EnvFilter::try_new(&directives).unwrap_or_else(|e| {
        eprintln!("sysporter: ignoring the log filter {directives:?}: {e}");
        EnvFilter::new("warn")
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// The configuration the flags and the environment ask for.
fn config(cli: &Cli) -> Result<SysFlowConfig> {
    if let Some(conf) = &cli.log_conf {
        bail!(
            "-l {} is not supported: sysporter logs through `tracing`; set RUST_LOG (e.g. RUST_LOG=info) or GLOG_minloglevel/GLOG_v instead",
            conf.display()
        );
    }
    if cli.scap.is_some() && cli.scap_out.is_some() {
        bail!("cannot set both -r and --scap-out: only a live capture is saved as scap");
    }
    if cli.scap.is_some() && cli.scrub_env {
        bail!("cannot set both -r and --scrub-env: only a live capture is scrubbed");
    }
    if cli.scap.is_some() && cli.driver.is_some() {
        bail!("cannot set both -r and -k: a capture file needs no driver");
    }
    if cli.write.is_none() && cli.socket.is_none() {
        bail!(
            "an output is required: -w PATH (a file, or a directory ending in '/') or -u PATH (sf-processor's socket)"
        );
    }
    let mut config = SysFlowConfig::default();
    config.app_name = "sysporter".into();
    config.scap_input_path = cli.scap.clone();
    config.scap_output_path = cli.scap_out.clone();
    config.scap_output_size_limit = cli.scap_out_size.map(|mb| mb.saturating_mul(1_000_000));
    config.scrub_env = cli.scrub_env;
    config.compression_level = cli.compression_level;
    config.background = !cli.normal_priority;
    config.drop_privileges = !cli.keep_privileges;
    config.file_path = cli.write.clone();
    config.socket_path = cli.socket.clone();
    config.allow_foreign_socket = cli.allow_foreign_socket;
    if let Some(id) = &cli.exporter {
        config.exporter_id = id.clone();
    }
    if let Some(secs) = cli.rotate {
        config.rotate_interval = secs;
    }
    if let Some(mode) = cli.mode {
        config.collection_mode = match mode {
            Mode::Flow => CollectionMode::Flow,
            Mode::Consume => CollectionMode::Consumer,
            Mode::Nofiles => CollectionMode::NoFiles,
        };
    }
    config.enable_stats = cli.stats;
    config.filter_containers = cli.containers_only;
    if let Some(n) = cli.sampling {
        config.sampling_ratio = n;
    }
    config.falco_filter = cli.filter.clone();
    config.cri_path = cli.cri_path.clone();
    if let Some(t) = cli.cri_timeout {
        config.cri_timeout = t;
    }
    if let Some(d) = cli.driver {
        config.driver_type = match d {
            Driver::Ebpf => DriverType::Ebpf,
            Driver::EbpfCore => DriverType::CoreEbpf,
            Driver::Kmod => DriverType::Kmod,
        };
    }
    config.apply_env();
    Ok(config)
}

fn run(cli: Cli) -> Result<()> {
    let config = config(&cli)?;
    let mut driver = SysFlowDriver::new(config)?;
    watch_signals(driver.exit_handle(), driver.config().drop_privileges)?;
    let bar = progress_bar();
    if let Some(bar) = bar.clone() {
        let mut ticking = false;
        driver.on_progress(move |p| {
            // The ticker is a thread: started from the run, after a live
            // capture dropped its privileges, so that it inherits the
            // reduced set (capabilities are per thread).
            if !ticking {
                bar.enable_steady_tick(Duration::from_millis(200));
                ticking = true;
            }
            if let Some(total) = p.bytes_total {
                bar.set_length(total);
            }
            bar.set_position(p.bytes_read);
            bar.set_message(format!("{} events", p.events));
        });
    }
    let result = driver.run();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let stats = driver.stats();
    eprintln!("{}", summary(stats, cli.scap.is_none()));
    // -d, or ENABLE_STATS=1.
    if driver.config().enable_stats {
        let c = &stats.core;
        eprintln!(
            "sysporter: stats: processes {}, threads {}, file flows {}, network flows {}, records {}, evictions {}",
            c.processes,
            c.threads,
            c.file_flows,
            c.network_flows,
            stats.records_total(),
            c.evictions_total()
        );
        for o in &stats.outputs {
            eprintln!(
                "sysporter: stats: {:?} {}: {} records sent, {} dropped, {} reconnections, {} segments, {} bytes",
                o.kind,
                o.path
                    .as_ref()
                    .map_or_else(String::new, |p| p.display().to_string()),
                o.sink.sent_total(),
                o.sink.dropped_total(),
                o.sink.reconnects,
                o.sink.segments,
                o.sink.bytes
            );
        }
    }
    result?;
    Ok(())
}

/// SIGINT and SIGTERM, counted together: the first stops the run cleanly
/// (a live capture first reads what the probe already wrote, for at most
/// five seconds), the second stops it without reading the rest (the open
/// flows are still written and the files closed), a third exits at once
/// with status 130 and leaves the current file unfinished. Each says so.
///
/// With `drop_privileges` the thread holds no capability: it starts before
/// the run, which drops the capture's privileges and refuses to when
/// another thread keeps any.
fn watch_signals(stop: ExitHandle, drop_privileges: bool) -> Result<()> {
    let mut signals =
        Signals::new([SIGINT, SIGTERM]).context("cannot install the signal handlers")?;
    std::thread::Builder::new()
        .name("sysporter-signals".into())
        .spawn(move || {
            if drop_privileges && let Err(e) = libsysflow::drop_thread_privileges() {
                tracing::warn!(error = %e, "the signal thread cannot drop its privileges");
            }
            for (n, _) in signals.forever().enumerate() {
                match n {
                    0 => stop.exit(),
                    1 => {
                        eprintln!(
                            "sysporter: second signal: stopping without reading what the probe still holds; the output is still closed (a third signal exits at once, leaving it unfinished)"
                        );
                        stop.exit_now();
                    }
                    _ => {
                        eprintln!(
                            "sysporter: third signal: exiting at once; the output file is left unfinished"
                        );
                        std::process::exit(130);
                    }
                }
            }
        })
        .context("cannot start the signal thread")?;
    Ok(())
}

/// A byte-based progress bar on stderr, only when stderr is a terminal.
fn progress_bar() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} ({eta}) {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// One line: what was read, what was written, how long it took.
fn summary(stats: &DriverStats, live: bool) -> String {
    if live && stats.live.is_none() && stats.exited_early {
        return format!(
            "sysporter: stopped after {:.2} s, before the capture started: nothing written",
            stats.elapsed.as_secs_f64()
        );
    }
    let by_type: Vec<String> = RecordType::ALL
        .iter()
        .filter(|ty| stats.records_of(**ty) > 0)
        .map(|ty| format!("{} {}", stats.records_of(*ty), ty.name()))
        .collect();
    // Rotated files are named by time: the first and the last name them all.
    let output = match (&stats.first_output, &stats.output) {
        (Some(first), Some(last)) if stats.files > 1 => format!(
            " to {} files, {} to {}",
            stats.files,
            first.display(),
            last.display()
        ),
        (_, Some(last)) => format!(" to {}", last.display()),
        _ => String::new(),
    };
    let stopped = if stats.exited_early {
        " (stopped early)"
    } else {
        ""
    };
    // Live: what the probe submitted and dropped, reported even when 0.
    let live = stats.live.map_or_else(String::new, |l| {
        format!(
            "; probe: {} events submitted{}, {} dropped ({} ring full, {} too large{}{}){}",
            l.submitted,
            // A second signal leaves the rest of the ring unread.
            if l.submitted > l.read {
                format!(" ({} left unread)", l.submitted - l.read)
            } else {
                String::new()
            },
            l.drops_full
                .saturating_add(l.drops_too_large)
                .saturating_add(l.drops_internal)
                .saturating_add(l.drops_received_fds),
            l.drops_full,
            l.drops_too_large,
            if l.drops_internal > 0 {
                format!(", {} lost by the probe itself", l.drops_internal)
            } else {
                String::new()
            },
            // Fds past the 16 of one SCM_RIGHTS message the probe describes.
            if l.drops_received_fds > 0 {
                format!(", {} received fds undescribed", l.drops_received_fds)
            } else {
                String::new()
            },
            // Background mode: how often the filling ring raised the collector.
            match l.priority_raised {
                0 => String::new(),
                1 => "; collector raised to normal priority once".to_owned(),
                n => format!("; collector raised to normal priority {n} times"),
            }
        )
    });
    // The socket's own counters: what reached sf-processor and what was lost.
    let socket = stats
        .output(OutputKind::Socket)
        .map_or_else(String::new, |o| {
            format!(
                "; socket: {} records sent, {} dropped, {} reconnections",
                o.sink.sent_total(),
                o.sink.dropped_total(),
                o.sink.reconnects
            )
        });
    // What the state's bounds made it forget (hostile or huge input only).
    let evicted = match stats.core.evictions_total() {
        0 => String::new(),
        n => format!("; {n} table entries evicted at their bounds"),
    };
    // A capture file's size read; live events come from rings, not bytes of a file.
    let size = if stats.live.is_some() {
        String::new()
    } else {
        format!(" ({:.1} MB)", stats.bytes_read as f64 / 1e6)
    };
    // The saved live capture (--scap-out).
    let saved = match (&stats.first_scap_output, &stats.scap_output) {
        (Some(first), Some(last)) if stats.scap_files > 1 => format!(
            "; capture saved to {} files, {} to {}",
            stats.scap_files,
            first.display(),
            last.display()
        ),
        (_, Some(last)) => format!("; capture saved to {}", last.display()),
        _ => String::new(),
    };
    let wrote = match stats.records_total() {
        0 => "wrote nothing".to_owned(),
        n => format!("wrote {n} records{output} ({})", by_type.join(", ")),
    };
    format!(
        "sysporter: read {} events{size} in {:.2} s, {wrote}{stopped}{saved}{socket}{live}{evicted}",
        stats.events,
        stats.elapsed.as_secs_f64(),
    )
}
