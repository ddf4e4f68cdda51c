//! `golden_diff TRACE.scap EXPECTED.sf [--defaults]`: replays a capture
//! through the core with the reference test settings (process flows off, every
//! fd type, every read) and compares the records with a reference output as
//! multisets, printing what is missing and what is extra, each beside the
//! closest record of the other side. A development tool for the state machines.

use std::collections::HashMap;

use sysflow_capture::ScapReader;
use sysflow_core::{CoreConfig, FileReadMode, Processor};
use sysflow_types::{SfReader, SysFlow};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(trace), Some(expected)) = (args.first(), args.get(1)) else {
        eprintln!("usage: golden_diff TRACE.scap EXPECTED.sf");
        std::process::exit(2);
    };
    let verbose = args.iter().any(|a| a == "-v");
    let config = CoreConfig {
        enable_process_flow: false,
        file_only: false,
        file_read_mode: FileReadMode::All,
        ..CoreConfig::default()
    };
    let mut processor = Processor::new(config);
    let mut ours: Vec<SysFlow> = Vec::new();
    for item in ScapReader::open(trace)? {
        processor.handle(&item?, &mut ours)?;
    }
    processor.finish(&mut ours)?;
    let mut theirs: Vec<SysFlow> = SfReader::open(expected)?.collect::<Result<_, _>>()?;
    theirs.retain(|r| !matches!(r, SysFlow::Header(_)));

    let key = |r: &SysFlow| format!("{r:?}");
    let mut counts: HashMap<String, i64> = HashMap::new();
    for r in &theirs {
        *counts.entry(key(r)).or_default() += 1;
    }
    let mut extra = Vec::new();
    for r in &ours {
        let c = counts.entry(key(r)).or_default();
        if *c > 0 {
            *c -= 1;
        } else {
            extra.push(r.clone());
        }
    }
    let mut missing = Vec::new();
    for r in &theirs {
        let c = counts.entry(key(r)).or_default();
        if *c > 0 {
            *c -= 1;
            missing.push(r.clone());
        }
    }
    let by_type = |v: &[SysFlow]| {
        let mut m: std::collections::BTreeMap<String, usize> = Default::default();
        for r in v {
            *m.entry(r.record_type().to_string()).or_default() += 1;
        }
        m
    };
    println!(
        "ours {} expected {} | missing {} {:?} | extra {} {:?}",
        ours.len(),
        theirs.len(),
        missing.len(),
        by_type(&missing),
        extra.len(),
        by_type(&extra)
    );
    if verbose {
        for m in &missing {
            println!("MISSING {m:?}");
            let close = extra
                .iter()
                .filter(|e| e.record_type() == m.record_type())
                .min_by_key(|e| diff_count(&format!("{m:?}"), &format!("{e:?}")));
            if let Some(c) = close {
                println!("  near  {c:?}");
            }
        }
        for e in &extra {
            println!("EXTRA   {e:?}");
        }
    }
    Ok(())
}

fn diff_count(a: &str, b: &str) -> usize {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(", ").collect(), b.split(", ").collect());
    a.iter().zip(&b).filter(|(x, y)| x != y).count() + a.len().abs_diff(b.len())
}
