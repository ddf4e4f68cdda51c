//! `sfcopy IN.sf OUT.sf`: reads every record of IN with our reader and writes
//! them, unchanged and in order, with our writer.
//!
//! It is how the round trip is checked from outside the crate. A damaged IN is
//! copied up to the damage; the error is then reported and the exit status is 1.

use std::process::ExitCode;

use sysflow_types::{SfReader, SfWriter};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: sfcopy IN.sf OUT.sf");
        return ExitCode::from(2);
    };
    match copy(input, output) {
        Ok(n) => {
            eprintln!("sfcopy: {n} records copied from {input} to {output}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sfcopy: {e}");
            ExitCode::FAILURE
        }
    }
}

fn copy(input: &str, output: &str) -> Result<u64, String> {
    let reader = SfReader::open(input).map_err(|e| format!("{input}: {e}"))?;
    let mut writer = SfWriter::create(output).map_err(|e| format!("{output}: {e}"))?;
    let mut damage = None;
    for rec in reader {
        match rec {
            Ok(rec) => writer.append(&rec).map_err(|e| format!("{output}: {e}"))?,
            Err(e) => {
                damage = Some(format!("{input}: {e}"));
                break;
            }
        }
    }
    let n = writer.records_written();
    // The output is finished (and valid) even when the input was damaged.
    writer.finish().map_err(|e| format!("{output}: {e}"))?;
    match damage {
        None => Ok(n),
        Some(e) => Err(format!("{e} ({n} records before the damage were copied)")),
    }
}
