//! [`log_directives`]: the reference's glog environment (`GLOG_v`,
//! `GLOG_minloglevel`, `GLOG_logtostderr`) as `tracing` filter directives.

/// The `tracing` filter directives (`EnvFilter` syntax, e.g. `info` or
/// `warn,sysflow_capture=debug`) that the environment asks for, looking
/// variables up with `lookup` (`None` = unset).
///
/// The library logs through `tracing` and never installs a subscriber; a
/// program passes these directives to its own (`sysporter` does). The
/// reference logs through glog, configured by `GLOG_*` variables; they keep
/// their meaning:
///
/// | variables | directives |
/// |---|---|
/// | `RUST_LOG` set | `RUST_LOG` as it is; the `GLOG_*` variables are ignored |
/// | none of them | `warn` |
/// | `GLOG_minloglevel` = 0, 1, 2, 3 | `info`, `warn`, `error`, `off` (glog's INFO, WARNING, ERROR, FATAL; we log nothing fatal) |
/// | `GLOG_v` = 1, ≥ 2 (with `GLOG_minloglevel` 0 or unset) | `debug`, `trace` (the reference's `SF_DEBUG` is `VLOG(1)`, `SF_TRACE` `VLOG(2)`) |
/// | `GLOG_logtostderr` = 1, true, yes (any case) | that level, on stderr |
/// | `GLOG_logtostderr` = 0, false, no | only what glog copies to stderr without it: `GLOG_stderrthreshold` and above (default 2, ERROR), as there are no log files |
///
/// A `GLOG_*` variable set to something unparsable is ignored. With
/// `debug_mode` ([`SysFlowConfig::debug_mode`](crate::SysFlowConfig::debug_mode),
/// `DRIVER_LOG=1`) the capture engine's debug messages are added
/// (`sysflow_capture=debug`) when the level would hide them.
pub fn log_directives(lookup: impl Fn(&str) -> Option<String>, debug_mode: bool) -> String {
    if let Some(rust_log) = lookup("RUST_LOG").filter(|v| !v.trim().is_empty()) {
        if debug_mode && !rust_log.contains("sysflow_capture") {
            return format!("{rust_log},sysflow_capture=debug");
        }
        return rust_log;
    }
    let number = |name: &str| lookup(name).and_then(|v| v.trim().parse::<i64>().ok());
    let min_level = number("GLOG_minloglevel");
    let verbose = number("GLOG_v").unwrap_or(0);
    let to_stderr = lookup("GLOG_logtostderr").and_then(|v| glog_bool(&v));
    let any_glog = min_level.is_some() || verbose > 0 || to_stderr.is_some();
    // glog severities: 0 INFO, 1 WARNING, 2 ERROR, 3 FATAL; `Level` below
    // counts the other way, from the most verbose.
    let mut level = match min_level {
        None if !any_glog => Level::Warn,
        None | Some(..=0) => Level::Info,
        Some(1) => Level::Warn,
        Some(2) => Level::Error,
        Some(_) => Level::Off,
    };
    // VLOG messages are INFO messages: any higher minimum hides them.
    if level == Level::Info {
        level = match verbose {
            ..=0 => Level::Info,
            1 => Level::Debug,
            _ => Level::Trace,
        };
    }
    if to_stderr == Some(false) {
        let threshold = match number("GLOG_stderrthreshold").unwrap_or(2) {
            ..=0 => Level::Info,
            1 => Level::Warn,
            2 => Level::Error,
            _ => Level::Off,
        };
        level = level.max(threshold);
    }
    let mut directives = level.name().to_owned();
    if debug_mode && level > Level::Debug {
        directives.push_str(",sysflow_capture=debug");
    }
    directives
}

/// [`log_directives`] for the process environment.
pub fn log_directives_from_env(debug_mode: bool) -> String {
    log_directives(
        |name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()),
        debug_mode,
    )
}

/// A glog boolean flag: 1, true, yes or 0, false, no, in any case.
fn glog_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "t" | "y" => Some(true),
        "0" | "false" | "no" | "f" | "n" => Some(false),
        _ => None,
    }
}

/// Levels from the most verbose to none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Off,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::Trace => "trace",
            Level::Debug => "debug",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
            Level::Off => "off",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directives(vars: &[(&str, &str)], debug_mode: bool) -> String {
        log_directives(
            |name| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            },
            debug_mode,
        )
    }

    #[test]
    fn glog_levels_map_to_tracing_levels() {
        assert_eq!(directives(&[], false), "warn");
        let cases = [
            (&[("GLOG_minloglevel", "0")][..], "info"),
            (&[("GLOG_minloglevel", "1")], "warn"),
            (&[("GLOG_minloglevel", "2")], "error"),
            (&[("GLOG_minloglevel", "3")], "off"),
            (&[("GLOG_v", "1")], "debug"),
            (&[("GLOG_v", "2")], "trace"),
            (&[("GLOG_v", "7"), ("GLOG_minloglevel", "0")], "trace"),
            // VLOG is INFO: a WARNING minimum hides it.
            (&[("GLOG_v", "2"), ("GLOG_minloglevel", "1")], "warn"),
            // The reference's container image.
            (
                &[
                    ("GLOG_logtostderr", "1"),
                    ("GLOG_minloglevel", "0"),
                    ("GLOG_v", ""),
                ],
                "info",
            ),
            (&[("GLOG_logtostderr", "TRUE"), ("GLOG_v", "1")], "debug"),
            // Without logtostderr glog only copies ERROR and above to stderr.
            (&[("GLOG_logtostderr", "0"), ("GLOG_v", "2")], "error"),
            (
                &[("GLOG_logtostderr", "no"), ("GLOG_stderrthreshold", "1")],
                "warn",
            ),
            (&[("GLOG_minloglevel", "lots")], "warn"),
        ];
        for (vars, want) in cases {
            assert_eq!(directives(vars, false), want, "{vars:?}");
        }
    }

    #[test]
    fn rust_log_wins_and_debug_mode_adds_the_capture_engine() {
        let vars = [
            ("RUST_LOG", "sysflow_core=trace"),
            ("GLOG_minloglevel", "2"),
        ];
        assert_eq!(directives(&vars, false), "sysflow_core=trace");
        assert_eq!(
            directives(&vars, true),
            "sysflow_core=trace,sysflow_capture=debug"
        );
        assert_eq!(directives(&[], true), "warn,sysflow_capture=debug");
        assert_eq!(directives(&[("GLOG_v", "2")], true), "trace");
    }
}
