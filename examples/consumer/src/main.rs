//! `consumer`: the reference's minimal SysFlow consumer, in Rust. A
//! configuration with the defaults and a callback, a driver, a run; each
//! behaviour record the callback receives is printed on one line.
//!
//! ```text
//! consumer -r FILE.scap   # the records of a capture file
//! consumer                # live capture (root), until Ctrl-C
//! consumer --sf FILE.sf     # the same lines for the records of a .sf file
//! ```
//!
//! `--sf` is how the C and C++ examples (`examples/c`, `examples/cpp`), which
//! print the same lines, are checked against what `sysporter -r` writes.
//!
//! The environment overrides of the reference apply (`ENABLE_PROC_FLOW=0`,
//! ...). Each segment's header goes to stderr.

use std::io::Write;
use std::process::ExitCode;

use libsysflow::{SysFlowConfig, SysFlowDriver};
use signal_hook::consts::{SIGINT, SIGTERM};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = match args.as_slice() {
        [] => None,
        [flag, path] if flag == "-r" => Some(path.clone()),
        [flag, path] if flag == "--sf" => return print_sf(path),
        _ => {
            eprintln!("usage: consumer [-r FILE.scap | --sf FILE.sf]");
            return ExitCode::FAILURE;
        }
    };

    // The reference's example: defaults, a callback, a driver.
    let mut last_header = None;
    let mut out = std::io::stdout();
    let mut config = SysFlowConfig::builder()
        .callback(move |r| {
            if last_header.as_ref() != Some(r.header) {
                eprintln!("{}", consumer::describe_header(r));
                last_header = Some(r.header.clone());
            }
            // A closed stdout (`consumer | head`) ends the output, not the program.
            let _ = writeln!(out, "{}", consumer::describe(r));
        })
        .apply_env()
        .build();
    config.scap_input_path = input.map(Into::into);

    let mut driver = match SysFlowDriver::new(config) {
        Ok(driver) => driver,
        Err(e) => {
            eprintln!("consumer: [{}] {e}", e.code());
            return ExitCode::FAILURE;
        }
    };
    // Ctrl-C and SIGTERM stop the run cleanly: open flows are still delivered.
    for signal in [SIGINT, SIGTERM] {
        if let Err(e) = signal_hook::flag::register(signal, driver.exit_handle().flag()) {
            eprintln!("consumer: cannot handle signals: {e}");
            return ExitCode::FAILURE;
        }
    }
    match driver.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                message.push_str(&format!(": {s}"));
                source = s.source();
            }
            eprintln!("consumer: [{}] {message}", e.code());
            ExitCode::FAILURE
        }
    }
}

/// Prints the lines of a `.sf` file's behaviour records: each record goes
/// through a callback sink, which attaches the entities the file wrote
/// before it, as a driver's callback receives them.
fn print_sf(path: &str) -> ExitCode {
    use libsysflow::types::RecordSink;

    let reader = match libsysflow::types::SfReader::open(path) {
        Ok(reader) => reader,
        Err(e) => {
            eprintln!("consumer: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut sink = libsysflow::CallbackSink::new("", "", |r| {
        let _ = writeln!(out, "{}", consumer::describe(r));
    });
    for record in reader {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                eprintln!("consumer: {path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = sink.record(&record) {
            eprintln!("consumer: {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
