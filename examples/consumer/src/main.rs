//! `consumer`: the reference's minimal SysFlow consumer, in Rust. A
//! configuration with the defaults and a callback, a driver, a run; each
//! behaviour record the callback receives is printed on one line.
//!
//! ```text
//! consumer -r FILE.scap   # the records of a capture file
//! consumer                # live capture (root), until Ctrl-C
//! ```
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
        _ => {
            eprintln!("usage: consumer [-r FILE.scap]");
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
