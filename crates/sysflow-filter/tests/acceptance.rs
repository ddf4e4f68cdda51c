//! What compiles, against what sysdig 0.29.3 accepts: `tests/data/acceptance.txt`
//! lists expressions (valid, invalid, and libsinsp 0.29's oddities) with
//! sysdig's verdict and ours. Our verdicts are checked always; sysdig's are
//! checked again by running it on a golden trace where sysdig and
//! `../shared` are there (it fails on a refused filter, and on a filter it
//! compiled but cannot evaluate). docs/filters.md explains each line where
//! the two differ.

use std::path::Path;
use std::process::Command;

fn cases() -> Vec<(bool, bool, &'static str)> {
    include_str!("data/acceptance.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let Some((verdicts, expr)) = l.split_once('\t') else {
                panic!("no tab in {l:?}")
            };
            let v: Vec<bool> = verdicts.split_whitespace().map(|w| w == "ok").collect();
            let [sysdig, ours] = v[..] else {
                panic!("not two verdicts in {l:?}")
            };
            (sysdig, ours, expr)
        })
        .collect()
}

#[test]
fn our_verdicts() {
    for (_, ours, expr) in cases() {
        let result = sysflow_filter::compile(expr);
        assert_eq!(result.is_ok(), ours, "{expr}: {result:?}");
    }
}

#[test]
fn sysdig_verdicts() {
    let trace =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/golden/files-files/trace.scap");
    if !trace.is_file() || Command::new("sysdig").arg("--version").output().is_err() {
        eprintln!("skipped: needs sysdig and {}", trace.display());
        return;
    }
    for (sysdig, _, expr) in cases() {
        let out = Command::new("sysdig")
            .arg("-r")
            .arg(&trace)
            .args(["-p", "%evt.num", expr])
            .output()
            .unwrap();
        assert_eq!(
            out.status.success(),
            sysdig,
            "sysdig on {expr}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
