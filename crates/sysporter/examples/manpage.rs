//! `manpage VERSION`: prints sysporter's man page, `sysporter(1)` in roff,
//! rendered by clap_mangen from the same clap definition that parses its
//! flags; VERSION (libsysflow's, which the packages carry) goes into its
//! title. `cargo xtask dist` runs it and installs the page, gzipped, as
//! `/usr/share/man/man1/sysporter.1.gz`.

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [version] = args.as_slice() else {
        eprintln!("usage: manpage VERSION > sysporter.1");
        return ExitCode::from(2);
    };
    // clap takes a `&'static str` (its `string` feature is off); the
    // program ends right after.
    let version: &'static str = version.clone().leak();
    let command = sysporter::command().version(version);
    let mut page = Vec::new();
    let written = clap_mangen::Man::new(command)
        .render(&mut page)
        .and_then(|()| std::io::stdout().lock().write_all(&page));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("manpage: {e}");
            ExitCode::FAILURE
        }
    }
}
