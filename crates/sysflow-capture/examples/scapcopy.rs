//! `scapcopy [--legacy] IN OUT`: read a capture (plain or gzip) and write it
//! back with [`sysflow_capture::ScapWriter`], item by item, in streaming
//! fashion.
//!
//! With `--legacy`, events are rewritten into the enter/exit pairs of the
//! 2022 ABI ([`sysflow_capture::LegacyConverter`]): sysdig 0.29.3 (Debian
//! 12's) then resolves the state of an exit-only capture, such as one that
//! `sysporter --scap-out` records; process-list entries are written in the
//! layout it reads ([`sysflow_capture::LegacyConverter::process`]).

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use sysflow_capture::{Item, LegacyConverter, ScapReader, ScapWriter};

const USAGE: &str = "usage: scapcopy [--legacy] IN OUT
  --legacy  write the enter/exit event pairs of the 2022 ABI, which sysdig
            0.29.3 needs to follow the state of an exit-only capture";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let legacy = args.first().is_some_and(|a| a == "--legacy");
    if legacy {
        args.remove(0);
    }
    let [input, output] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match copy(input, output, legacy) {
        Ok(n) => {
            eprintln!("scapcopy: {n} items");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("scapcopy: {e}");
            ExitCode::FAILURE
        }
    }
}

fn copy(input: &str, output: &str, legacy: bool) -> Result<u64, Box<dyn std::error::Error>> {
    let reader = ScapReader::open(input)?;
    let mut writer = ScapWriter::new(BufWriter::new(File::create(output)?))?;
    let mut converter = legacy.then(LegacyConverter::new);
    let mut converted = Vec::new();
    let mut n = 0;
    for item in reader {
        match (item?, converter.as_mut()) {
            (Item::Event(ev), Some(c)) => {
                c.convert(&ev, &mut converted);
                for e in converted.drain(..) {
                    writer.write_event(&e)?;
                    n += 1;
                }
            }
            (Item::Process(p), Some(c)) => {
                writer.write_item(&Item::Process(Box::new(c.process(&p))))?;
                n += 1;
            }
            (item, _) => {
                writer.write_item(&item)?;
                n += 1;
            }
        }
    }
    writer.finish()?;
    Ok(n)
}
