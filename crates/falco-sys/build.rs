//! Links the system's libscap when the `link` feature is on, and otherwise
//! does nothing: the bindings are committed, so no libclang is needed.
//!
//! The library is looked for in `LIBSCAP_LIB_DIR` when set, else in the
//! usual system library directories. Debian 12 ships it as
//! `libfalcosecurity0-dev` (which has no pkg-config file); when it is not
//! found the build fails with a message naming that package.

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=LIBSCAP_LIB_DIR");
    if env::var_os("CARGO_FEATURE_LINK").is_none() {
        return;
    }
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let candidates: Vec<PathBuf> = match env::var_os("LIBSCAP_LIB_DIR") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => vec![
            PathBuf::from(format!("/usr/lib/{arch}-linux-gnu")),
            PathBuf::from("/usr/lib"),
            PathBuf::from("/usr/local/lib"),
        ],
    };
    let Some(dir) = candidates.iter().find(|d| d.join("libscap.so").is_file()) else {
        let searched: Vec<String> = candidates.iter().map(|d| d.display().to_string()).collect();
        eprintln!(
            "error: falco-sys: libscap.so not found (searched {}).\n\
             Install Falco's capture library, Debian 12's package libfalcosecurity0-dev:\n\
             \n    apt-get install libfalcosecurity0-dev\n\n\
             or point LIBSCAP_LIB_DIR at the directory holding libscap.so.",
            searched.join(", ")
        );
        std::process::exit(1);
    };
    // libscap.so names its own needs (libelf, zlib, libc): nothing else to link.
    println!("cargo:rustc-link-search=native={}", dir.display());
    println!("cargo:rustc-link-lib=dylib=scap");
}
