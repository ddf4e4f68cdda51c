//! `scapcopy IN OUT`: read a capture (plain or gzip) and write it back with
//! [`sysflow_capture::ScapWriter`], item by item, in streaming fashion.

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use sysflow_capture::{ScapReader, ScapWriter};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: scapcopy IN OUT");
        return ExitCode::from(2);
    };
    match copy(input, output) {
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

fn copy(input: &str, output: &str) -> Result<u64, Box<dyn std::error::Error>> {
    let reader = ScapReader::open(input)?;
    let mut writer = ScapWriter::new(BufWriter::new(File::create(output)?))?;
    let mut n = 0;
    for item in reader {
        writer.write_item(&item?)?;
        n += 1;
    }
    writer.finish()?;
    Ok(n)
}
