//! `cargo xtask bindgen [--check]`: regenerates `crates/falco-sys/src/bindings.rs`,
//! the committed Rust bindings of Falco's libscap, so that `cargo build`
//! needs no libclang.
//!
//! The `bindgen` command-line tool (Debian 12's, 0.60) reads
//! `crates/falco-sys/wrapper.h` against the headers of Debian's
//! `libfalcosecurity0-dev` and keeps only the functions, types and constants
//! listed below (the ones sysflow-capture's `libscap` engine uses); its
//! extern blocks are marked `unsafe` (edition 2024) and `rustfmt` formats the
//! result. With `--check` the bindings are built into
//! `target/` and compared with the committed file byte for byte; a
//! difference fails. Needs the Debian packages `bindgen` and
//! `libfalcosecurity0-dev`.

use std::fs;
use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

use crate::tool;

/// Where Debian's libfalcosecurity0-dev puts the headers.
const INCLUDE_ROOT: &str = "/usr/include/falcosecurity-libs";

/// libscap functions the engine calls.
const FUNCTIONS: &str = "scap_(open_offline|open_live|close|next|getlasterr|\
                         event_get_dump_flags|ftell|restart_capture)";

/// Return codes, the error buffer size and the driver's build names.
const VARS: &str = "SCAP_(SUCCESS|FAILURE|TIMEOUT|EOF|UNEXPECTED_BLOCK|LASTERR_SIZE|\
                    ILLEGAL_INPUT|NOT_SUPPORTED|VERSION_MISMATCH)|\
                    DRIVER_(NAME|DEVICE_NAME|VERSION)";

/// Header of the generated bindings (bindgen's own first line follows).
const GEN_HEADER: &str = "\
//! Rust declarations of the parts of libscap's `scap.h` (and the driver's
//! `driver_config.h`) that sysflow-capture uses, from Debian 12's
//! libfalcosecurity0-dev 0.1.1dev+git20220316.
//!
//! GENERATED FILE, do not edit by hand: `cargo xtask bindgen` regenerates it
//! (with the `bindgen` tool) from `wrapper.h`.

";

/// `cargo xtask bindgen [--check]`.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode> {
    let check = match args {
        [] => false,
        [a] if a == "--check" => true,
        _ => bail!("usage: cargo xtask bindgen [--check]"),
    };
    let krate = root.join("crates/falco-sys");
    let committed = krate.join("src/bindings.rs");
    let out = root.join("target/xtask-bindgen");
    fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let gen_rs = if check {
        out.join("bindings.rs")
    } else {
        committed.clone()
    };
    if !Path::new(INCLUDE_ROOT)
        .join("userspace/libscap/scap.h")
        .is_file()
    {
        bail!(
            "{INCLUDE_ROOT}/userspace/libscap/scap.h not found: \
             apt-get install libfalcosecurity0-dev"
        );
    }

    let raw = out.join("bindings.raw.rs");
    tool::run(
        Command::new("bindgen")
            .current_dir(&krate)
            .args(["wrapper.h", "--no-layout-tests", "--no-rustfmt-bindings"])
            .args(["--use-core", "--ctypes-prefix", "::core::ffi"])
            .args(["--no-doc-comments"])
            .args(["--allowlist-function", FUNCTIONS])
            .args(["--allowlist-var", VARS])
            .args(["--allowlist-type", "ppm_evt_hdr"])
            .arg("--output")
            .arg(&raw)
            .arg("--")
            .arg(format!("-I{INCLUDE_ROOT}/userspace/libscap"))
            .arg(format!("-I{INCLUDE_ROOT}/driver")),
        "bindgen",
    )?;
    let body =
        fs::read_to_string(&raw).with_context(|| format!("cannot read {}", raw.display()))?;
    // Edition 2024 wants extern blocks marked `unsafe`; bindgen 0.60 predates it.
    let body = body.replace("extern \"C\" {", "unsafe extern \"C\" {");
    fs::write(&gen_rs, format!("{GEN_HEADER}{body}"))
        .with_context(|| format!("cannot write {}", gen_rs.display()))?;
    tool::run(
        Command::new("rustfmt")
            .args(["--edition", "2024"])
            .arg(&gen_rs),
        "rustfmt (rustup component add rustfmt)",
    )?;

    if check {
        if tool::same_bytes(&gen_rs, &committed)? {
            println!("bindgen: the committed libscap bindings are up to date");
        } else {
            eprintln!(
                "bindgen: crates/falco-sys/src/bindings.rs is stale; \
                 run `cargo xtask bindgen` and commit it"
            );
            return Ok(ExitCode::FAILURE);
        }
    } else {
        println!("bindgen: wrote {}", committed.display());
    }
    Ok(ExitCode::SUCCESS)
}
