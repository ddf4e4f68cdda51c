//! `scaptrim [--descendants-of PID] IN OUT`: keep only what a capture's own
//! workload did, so that a live recording can be shared. Drops the start-up
//! `/proc` scan (process and fd items: the command lines and open files of
//! every process on the host), every user and group but root, and the
//! events of threads that scan listed; keeps the machine, the interfaces
//! and the events of threads born during the capture (clone's child side
//! announces them). With `--descendants-of PID`, only the threads born
//! during the capture that descend from PID (the program that started the
//! workload) are kept: not those other programs on the host started
//! meanwhile.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use sysflow_capture::{AbiRevision, Event, Item, ParamValue, ScapReader, ScapWriter};

const USAGE: &str = "usage: scaptrim [--descendants-of PID] IN OUT";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (root, input, output) = match args.as_slice() {
        [input, output] => (None, input, output),
        [flag, pid, input, output] if flag == "--descendants-of" => match pid.parse() {
            Ok(pid) => (Some(pid), input, output),
            Err(_) => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match trim(root, input, output) {
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

/// The parent thread a clone event's child side names: `(child, parent)`.
fn clone_child(ev: &Event) -> Option<(i64, i64)> {
    let rev = AbiRevision::Current;
    let name = ev.type_name(rev)?;
    if !matches!(name, "clone" | "clone3" | "fork" | "vfork") {
        return None;
    }
    let mut res = None;
    let mut ptid = None;
    for (param, value) in ev.params(rev) {
        match (param, value) {
            ("res", Ok(ParamValue::Errno(r) | ParamValue::Pid(r) | ParamValue::Int(r))) => {
                res = Some(r)
            }
            ("ptid", Ok(ParamValue::Pid(p) | ParamValue::Int(p))) => ptid = Some(p),
            _ => {}
        }
    }
    (res == Some(0)).then_some((i64::try_from(ev.tid).ok()?, ptid?))
}

fn trim(
    root: Option<i64>,
    input: &str,
    output: &str,
) -> Result<(u64, u64), Box<dyn std::error::Error>> {
    let mut old_threads = HashSet::new();
    let mut parents = HashMap::new();
    for item in ScapReader::open(input)? {
        match item? {
            Item::Process(p) => {
                old_threads.insert(p.tid);
            }
            Item::Event(ev) => {
                if let Some((child, parent)) = clone_child(&ev) {
                    parents.entry(child).or_insert(parent);
                }
            }
            _ => {}
        }
    }
    // Threads born during the capture whose ancestry reaches `root`.
    let descends = |mut tid: i64| {
        for _ in 0..parents.len() {
            match parents.get(&tid) {
                Some(&parent) if Some(parent) == root => return true,
                Some(&parent) => tid = parent,
                None => return false,
            }
        }
        false
    };
    let mut writer = ScapWriter::new(BufWriter::new(File::create(output)?))?;
    let (mut kept, mut dropped) = (0, 0);
    for item in ScapReader::open(input)? {
        let item = item?;
        let keep = match &item {
            Item::Process(_) | Item::Fd(_) => false,
            Item::User(u) => u.uid == 0,
            Item::Group(g) => g.gid == 0,
            Item::Event(ev) => i64::try_from(ev.tid)
                .is_ok_and(|t| !old_threads.contains(&t) && (root.is_none() || descends(t))),
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
