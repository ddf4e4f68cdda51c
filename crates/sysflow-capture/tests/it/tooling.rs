//! The committed generated table and the `scapdump` example.

use std::path::PathBuf;
use std::process::Command;

use crate::{shared_dir, traces};

/// `src/abi/table.rs` is exactly what `tools/gen_abi_table.py` makes from
/// `reference/event-abi.json` (after rustfmt).
#[test]
fn generated_table_is_current() {
    let Some(shared) = shared_dir() else { return };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let json = shared.join("reference/event-abi.json");
    let Ok(gen_out) = Command::new("python3")
        .arg(root.join("tools/gen_abi_table.py"))
        .arg(&json)
        .output()
    else {
        sysflow_test_support::skip("python3 is not installed");
        return;
    };
    assert!(gen_out.status.success(), "generator failed");
    let Ok(mut fmt) = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        sysflow_test_support::skip("rustfmt is not installed");
        return;
    };
    {
        use std::io::Write;
        let mut stdin = fmt.stdin.take().expect("stdin");
        stdin.write_all(&gen_out.stdout).expect("write");
    }
    let formatted = fmt.wait_with_output().expect("rustfmt");
    assert!(formatted.status.success());
    let committed = std::fs::read(root.join("src/abi/table.rs")).expect("table.rs");
    assert!(
        formatted.stdout == committed,
        "src/abi/table.rs is stale: rerun tools/gen_abi_table.py and cargo fmt"
    );
}

/// The example binary, built by `cargo test` next to the test binary.
fn scapdump() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?;
    let p = dir.join("examples").join("scapdump");
    p.is_file().then_some(p)
}

#[test]
fn scapdump_prints_events_in_order() {
    let Some(shared) = shared_dir() else { return };
    let Some(bin) = scapdump() else {
        sysflow_test_support::skip("the scapdump example is not built (`cargo test` builds it)");
        return;
    };
    let all = traces(&shared);
    let (_, path) = all
        .iter()
        .find(|(n, _)| n == "setuid-setuid")
        .expect("setuid trace");
    let count = Command::new(&bin)
        .arg("--count")
        .arg(path)
        .output()
        .expect("run");
    assert!(count.status.success());
    assert_eq!(String::from_utf8_lossy(&count.stdout).trim(), "1973");

    let out = Command::new(&bin).arg(path).output().expect("run");
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 1973);
    let mut last_num = 0;
    let mut setuid = 0;
    for v in &lines {
        let num = v["num"].as_u64().expect("num");
        assert_eq!(num, last_num + 1);
        last_num = num;
        assert!(v["ts"].as_u64().is_some() && v["cpu"].as_u64().is_some());
        assert!(matches!(v["dir"].as_str(), Some(">" | "<")));
        if v["type"] == "setuid" && v["dir"] == "<" {
            setuid += 1;
            assert_eq!(v["params"][0]["name"], "res");
        }
    }
    assert!(setuid > 0, "no setuid exit");
    // A generic event shows its syscall name, with its ID parameter.
    let generic = lines
        .iter()
        .find(|v| v["params"][0]["name"] == "ID")
        .expect("a generic event");
    assert_ne!(generic["type"], "syscall");
    // Usage errors exit with status 2.
    let bad = Command::new(&bin).output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
}
