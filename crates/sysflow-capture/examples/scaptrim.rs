//! `scaptrim IN OUT`: keep only what a capture's own workload did, so that a
//! live recording can be shared. Drops the start-up `/proc` scan (process
//! and fd items: the command lines and open files of every process on the
//! host), every user and group but root, and the events of threads that
//! scan listed; keeps the machine, the interfaces and the events of threads
//! born during the capture (clone's child side announces them).

use std::collections::HashSet;
use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use sysflow_capture::{Item, ScapReader, ScapWriter};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: scaptrim IN OUT");
        return ExitCode::from(2);
    };
    match trim(input, output) {
        Ok((kept, dropped)) => {
            eprintln!("scaptrim: kept {kept} items, dropped {dropped}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("scaptrim: {e}");
            ExitCode::FAILURE
        }
    }
}

fn trim(input: &str, output: &str) -> Result<(u64, u64), Box<dyn std::error::Error>> {
    let mut old_threads = HashSet::new();
    for item in ScapReader::open(input)? {
        if let Item::Process(p) = item? {
            old_threads.insert(p.tid);
        }
    }
    let mut writer = ScapWriter::new(BufWriter::new(File::create(output)?))?;
    let (mut kept, mut dropped) = (0, 0);
    for item in ScapReader::open(input)? {
        let item = item?;
        let keep = match &item {
            Item::Process(_) | Item::Fd(_) => false,
            Item::User(u) => u.uid == 0,
            Item::Group(g) => g.gid == 0,
            Item::Event(ev) => i64::try_from(ev.tid).is_ok_and(|t| !old_threads.contains(&t)),
            _ => true,
        };
        if keep {
            writer.write_item(&item)?;
            kept += 1;
        } else {
            dropped += 1;
        }
    }
    writer.finish()?;
    Ok((kept, dropped))
}
