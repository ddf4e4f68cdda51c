//! `sysporter`: the SysFlow collector's command line. Parses the reference's
//! flags, applies the environment overrides, runs a `libsysflow` driver with
//! a progress bar and signal handling, and prints a one-line summary.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use libsysflow::{
    CollectionMode, DriverStats, DriverType, ExitHandle, OutputKind, RecordType, SCHEMA_VERSION,
    SysFlowConfig, SysFlowDriver, SysFlowError,
};
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use sysporter::{Cli, Driver, FileCodec, Mode};
use tracing_subscriber::EnvFilter;

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
    if cli.write.is_none() && cli.socket.is_none() && !cli.print_events {
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
    config.file_codec = match cli.codec {
        FileCodec::Deflate => libsysflow::Codec::Deflate,
        FileCodec::Zstandard => libsysflow::Codec::Zstandard,
        FileCodec::Null => libsysflow::Codec::Null,
    };
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
    config.falco_filter = cli.filter.clone().or_else(|| {
        std::env::var("FILTER")
            .ok()
            .filter(|f| !f.trim().is_empty())
    });
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
    if cli.print_events {
        let input = config.scap_input_path.clone().unwrap_or_default();
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let printed = libsysflow::print_events(&input, config.falco_filter.as_deref(), &mut out)?;
        drop(out);
        eprintln!(
            "sysporter: read {} events, {} passed{}",
            printed.events,
            printed.printed,
            config
                .falco_filter
                .as_deref()
                .map_or_else(String::new, |f| format!(" the filter {f:?}"))
        );
        return Ok(());
    }
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
    // Container metadata look-ups, when a container was seen.
    let containers = match stats.containers {
        Some(c) if c.requested + c.dropped > 0 => {
            let unanswered = c.not_found + c.timed_out + c.failed;
            format!(
                "; containers: {} looked up, {} described{}",
                c.requested,
                c.answered,
                if unanswered + c.dropped > 0 {
                    format!(
                        ", {} not found, {} timed out, {} failed, {} not asked (queue full)",
                        c.not_found, c.timed_out, c.failed, c.dropped
                    )
                } else {
                    String::new()
                }
            )
        }
        _ => String::new(),
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
        "sysporter: read {} events{size} in {:.2} s, {wrote}{stopped}{saved}{socket}{live}{containers}{evicted}",
        stats.events,
        stats.elapsed.as_secs_f64(),
    )
}
