//! `cargo xtask dist --verify`: checks the packages `cargo xtask dist` made.
//!
//! - Each package's `.deb`, `.rpm` and `.tgz` list the same files with the
//!   same modes (`dpkg-deb -c`, `rpm -qp`, `tar tvzf`), and exactly the
//!   files it must install: so the musl twins install the same paths as
//!   glibc's (their copyright files aside, which Debian puts under each
//!   package's own name), and every header in `crates/libsysflow-c/include/`
//!   and every example source is there. Each conflicts with its twin.
//! - A C program that prints `sf_version()` compiles, links and runs with
//!   each libsysflow package's `sysflow.pc` (`cc`; `musl-gcc -static` for
//!   musl): its link line is complete.
//! - The musl `sysporter` is fully static (no program interpreter, no
//!   shared library), and each packaged `sysporter` converts a golden trace
//!   into the reference's `expected.sf` byte for byte (its random sync
//!   marker aside): run with the reference's test environment, in a mount
//!   namespace of its own where the path the reference wrote to (which the
//!   file's header holds) exists. Root only; `../shared/golden` is needed.
//! - Each packaged `sysporter` captures live for a second and stops cleanly
//!   at SIGINT (root, kernel BTF): a replay takes none of the probe's,
//!   privileges' or scheduling's paths (the musl build once crashed there
//!   alone).
//! - `dpkg -i` of the glibc libsysflow `.deb` installs every file, after
//!   which `pkg-config` (with its default search path) gives the headers'
//!   directory and the whole static link line; the installed examples
//!   (`/usr/share/doc/libsysflow/examples/`) build with the README's
//!   commands and nothing but installed files (`cc` for the C one, `g++
//!   -std=c++17` for the C++ one), and on every golden trace each prints
//!   exactly the lines `consumer --sf` prints for the `.sf` file the
//!   workspace's `sysporter -r` writes; `dpkg -r` removes them all again.
//!   Root only; a libsysflow already installed is left alone.
//! - The musl package's C example, built with `musl-gcc -static` and the
//!   package's `sysflow.pc`, prints those lines too.
//!
//! What this machine cannot check is skipped with a message, and fails
//! under `CI`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::{Crate, EXAMPLES, Libc, Package, command_output, elf, on_path, target_dir};

/// The golden case the packaged sysporters convert.
const GOLDEN_CASE: &str = "setuid-setuid";

/// Where the reference wrote that case's output: its header's `filename`.
const GOLDEN_OUTPUT: &str = "/usr/local/sysflow/tests/setuid/setuid.sf";

/// The environment the reference's golden outputs were made with (its test
/// image's `tests/tests.bats`), as libsysflow's golden tests use it.
const REFERENCE_TEST_ENV: [(&str, &str); 4] = [
    ("ENABLE_PROC_FLOW", "0"),
    ("FILE_ONLY", "0"),
    ("FILE_READ_MODE", "0"),
    ("ENABLE_DROP_MODE", "0"),
];

/// A package's files, directories left out: absolute path → mode as `ls`
/// shows it (`-rw-r--r--`).
type Listing = BTreeMap<String, String>;

/// How a check ended, when it did not fail.
enum Outcome {
    /// It ran, and this is what it showed.
    Passed(String),
    /// It could not run here, for this reason.
    Skipped(String),
}

/// Runs every check; fails if any failed (or, under `CI`, was skipped).
pub fn run(root: &Path, dist: &Path, version: &str) -> Result<()> {
    let work = target_dir(root).join("dist-verify");
    if work.exists() {
        fs::remove_dir_all(&work).with_context(|| format!("cannot remove {}", work.display()))?;
    }
    fs::create_dir_all(&work).with_context(|| format!("cannot create {}", work.display()))?;

    let mut results: Vec<(String, Result<Outcome>)> = Vec::new();
    for package in Package::ALL {
        results.push((
            format!("{}: contents", package.name()),
            contents(root, dist, package, version),
        ));
    }
    for libc in Libc::ALL {
        let package = Package {
            krate: Crate::Libsysflow,
            libc,
        };
        results.push((
            format!("{}: a C program links", package.name()),
            links(dist, package, version, &work.join(package.name())),
        ));
    }
    for libc in Libc::ALL {
        let package = Package {
            krate: Crate::Sysporter,
            libc,
        };
        let sysporter = extract_sysporter(dist, package, version, &work);
        if libc == Libc::Musl {
            let check = match &sysporter {
                Ok(path) => is_static(path),
                Err(e) => Err(anyhow::anyhow!("{e:#}")),
            };
            results.push((format!("{}: static", package.name()), check));
        }
        let check = match &sysporter {
            Ok(path) => golden(root, path, &work.join(package.name())),
            Err(e) => Err(anyhow::anyhow!("{e:#}")),
        };
        results.push((format!("{}: golden {GOLDEN_CASE}", package.name()), check));
        let check = match &sysporter {
            Ok(path) => live(path, &work.join(package.name())),
            Err(e) => Err(anyhow::anyhow!("{e:#}")),
        };
        results.push((format!("{}: live capture", package.name()), check));
    }
    let expected = expected_lines(root, &work.join("expected"));
    let musl = Package {
        krate: Crate::Libsysflow,
        libc: Libc::Musl,
    };
    results.push((
        format!(
            "{}: musl-gcc -static consumer.c, golden traces",
            musl.name()
        ),
        musl_example(dist, musl, version, &work.join("musl-example"), &expected),
    ));
    let libsysflow = Package::ALL[0];
    results.push((
        format!(
            "{}: dpkg -i, pkg-config, examples on golden traces, dpkg -r",
            libsysflow.name()
        ),
        install_and_remove(
            dist,
            libsysflow,
            version,
            &work.join("installed"),
            &expected,
        ),
    ));

    let ci = std::env::var_os("CI").is_some();
    let mut failed = 0;
    for (what, result) in &results {
        match result {
            Ok(Outcome::Passed(how)) => eprintln!("xtask: verify: ok      {what}: {how}"),
            Ok(Outcome::Skipped(why)) => {
                eprintln!("xtask: verify: SKIPPED {what}: {why}");
                if ci {
                    failed += 1;
                }
            }
            Err(e) => {
                eprintln!("xtask: verify: FAILED  {what}: {e:#}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        bail!(
            "{failed} of {} package checks failed{}",
            results.len(),
            if ci { " (skips fail under CI)" } else { "" }
        );
    }
    Ok(())
}

/// The three formats of `package` list the same files, with the same modes,
/// and exactly those it must install; it conflicts with its twin.
fn contents(root: &Path, dist: &Path, package: Package, version: &str) -> Result<Outcome> {
    let path = |ext: &str| dist.join(package.file_name(version, ext));
    let deb = tar_listing(&command_output(
        Command::new("dpkg-deb").arg("-c").arg(path("deb")),
    )?)?;
    let rpm = rpm_listing(&command_output(
        Command::new("rpm")
            .args([
                "-qp",
                "--queryformat",
                "[%{FILEMODES:perms} %{FILENAMES}\\n]",
            ])
            .arg(path("rpm")),
    )?)?;
    let tgz = tar_listing(&command_output(
        Command::new("tar").arg("tvzf").arg(path("tgz")),
    )?)?;
    let mut problems = Vec::new();
    problems.extend(differences("the .deb", &deb, "the .rpm", &rpm));
    problems.extend(differences("the .deb", &deb, "the .tgz", &tgz));

    let required = required_files(root, package)?;
    let listed: BTreeSet<&String> = deb.keys().collect();
    let wanted: BTreeSet<&String> = required.iter().collect();
    for missing in wanted.difference(&listed) {
        problems.push(format!("{missing} is missing"));
    }
    for extra in listed.difference(&wanted) {
        problems.push(format!("{extra} is not expected"));
    }

    let twin = package.twin().name();
    let deb_conflicts = command_output(
        Command::new("dpkg-deb")
            .args(["-f"])
            .arg(path("deb"))
            .arg("Conflicts"),
    )?;
    if !deb_conflicts.split(',').any(|c| c.trim() == twin) {
        problems.push(format!(
            "the .deb conflicts with {deb_conflicts:?}, not {twin}"
        ));
    }
    let rpm_conflicts = command_output(
        Command::new("rpm")
            .args(["-qp", "--conflicts"])
            .arg(path("rpm")),
    )?;
    if !rpm_conflicts
        .lines()
        .any(|c| c.split_whitespace().next() == Some(twin.as_str()))
    {
        problems.push(format!(
            "the .rpm conflicts with {rpm_conflicts:?}, not {twin}"
        ));
    }

    if !problems.is_empty() {
        bail!("{}", problems.join("; "));
    }
    Ok(Outcome::Passed(format!(
        "the .deb, .rpm and .tgz list the same {} files, as expected; conflicts with {twin}",
        deb.len()
    )))
}

/// The files `package` must install, exactly.
fn required_files(root: &Path, package: Package) -> Result<BTreeSet<String>> {
    let mut files = BTreeSet::new();
    files.insert(format!("/usr/share/doc/{}/copyright", package.name()));
    match package.krate {
        Crate::Libsysflow => {
            files.insert("/usr/lib/sysflow/libsysflow.a".to_owned());
            files.insert("/usr/share/pkgconfig/sysflow.pc".to_owned());
            files.insert("/usr/share/doc/libsysflow/c-api.md".to_owned());
            let include = root.join("crates/libsysflow-c/include");
            for header in files_under(&include)? {
                files.insert(format!("/usr/include/sysflow/{header}"));
            }
            let examples = root.join("examples");
            for name in EXAMPLES {
                let path = examples.join(name);
                if path.is_dir() {
                    for file in files_under(&path)? {
                        files.insert(format!("/usr/share/doc/libsysflow/examples/{name}/{file}"));
                    }
                } else {
                    files.insert(format!("/usr/share/doc/libsysflow/examples/{name}"));
                }
            }
        }
        Crate::Sysporter => {
            for file in [
                "/usr/bin/sysporter",
                "/usr/share/man/man1/sysporter.1.gz",
                "/usr/lib/systemd/system/sysporter.service",
                "/etc/sysflow/sysporter.env",
            ] {
                files.insert(file.to_owned());
            }
        }
    }
    Ok(files)
}

/// The files under `dir`, recursively, as paths relative to it (`/`
/// separated); none if it does not exist.
fn files_under(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let path = dir.join(&rel);
        let entries = match fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot list {}", path.display())),
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", path.display()))?;
            let child = rel.join(entry.file_name());
            if entry.path().is_dir() {
                stack.push(child);
            } else {
                out.push(child.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The files of `tar tv` (and `dpkg-deb -c`) output: `MODE OWNER SIZE DATE
/// TIME PATH` lines, paths `./usr/...`.
fn tar_listing(text: &str) -> Result<Listing> {
    let mut files = Listing::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (Some(mode), Some(path)) = (fields.first(), fields.get(5..)) else {
            bail!("cannot read the tar listing line {line:?}");
        };
        if mode.starts_with('d') {
            continue;
        }
        let path = path.join(" ");
        files.insert(
            format!("/{}", path.trim_start_matches("./")),
            (*mode).to_owned(),
        );
    }
    Ok(files)
}

/// The files of `rpm -qp --queryformat '[%{FILEMODES:perms} %{FILENAMES}\n]'`.
fn rpm_listing(text: &str) -> Result<Listing> {
    let mut files = Listing::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Some((mode, path)) = line.split_once(' ') else {
            bail!("cannot read the rpm listing line {line:?}");
        };
        if !mode.starts_with('d') {
            files.insert(path.to_owned(), mode.to_owned());
        }
    }
    Ok(files)
}

/// What differs between two listings, one sentence per file.
fn differences(a_name: &str, a: &Listing, b_name: &str, b: &Listing) -> Vec<String> {
    let mut out = Vec::new();
    for (path, mode) in a {
        match b.get(path) {
            None => out.push(format!("{path} is in {a_name}, not in {b_name}")),
            Some(other) if other != mode => {
                out.push(format!("{path} is {mode} in {a_name}, {other} in {b_name}"));
            }
            Some(_) => {}
        }
    }
    for path in b.keys().filter(|p| !a.contains_key(*p)) {
        out.push(format!("{path} is in {b_name}, not in {a_name}"));
    }
    out
}

/// Unpacks `package`'s `.tgz` into `dir`.
fn extract(dist: &Path, package: Package, version: &str, dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    command_output(
        Command::new("tar")
            .arg("xzf")
            .arg(dist.join(package.file_name(version, "tgz")))
            .arg("-C")
            .arg(dir),
    )?;
    Ok(())
}

/// Unpacks `package`'s `.tgz` into `work/NAME/root/`; returns its `sysporter`.
fn extract_sysporter(dist: &Path, package: Package, version: &str, work: &Path) -> Result<PathBuf> {
    let dir = work.join(package.name()).join("root");
    extract(dist, package, version, &dir)?;
    Ok(dir.join("usr/bin/sysporter"))
}

/// A C program compiled and linked, with its C library's compiler, by the
/// flags `pkg-config --cflags --libs --static sysflow` gives from the
/// package's own `sysflow.pc` (unpacked into `work/root/`, the paths
/// moved there with pkg-config's sysroot), prints libsysflow's version.
fn links(dist: &Path, package: Package, version: &str, work: &Path) -> Result<Outcome> {
    let (compiler, static_flag) = match package.libc {
        Libc::Glibc => ("cc", None),
        // What musl is for: a program that needs nothing of the system.
        Libc::Musl => ("musl-gcc", Some("-static")),
    };
    for program in [compiler, "pkg-config"] {
        if !on_path(program) {
            return Ok(Outcome::Skipped(format!("no {program} on PATH")));
        }
    }
    let root = work.join("root");
    let flags = unpacked_flags(dist, package, version, &root)?;
    let source = work.join("version.c");
    fs::write(
        &source,
        "#include <stdio.h>\n\
         const char *sf_version(void);\n\
         int main(void) { puts(sf_version()); return 0; }\n",
    )
    .with_context(|| format!("cannot write {}", source.display()))?;
    let exe = work.join("version");
    command_output(
        Command::new(compiler)
            .args(static_flag)
            .arg(&source)
            .arg("-o")
            .arg(&exe)
            .args(flags.split_whitespace()),
    )?;
    let printed = command_output(&mut Command::new(&exe))?;
    if printed != version {
        bail!("{} printed {printed:?}, not {version:?}", exe.display());
    }
    Ok(Outcome::Passed(format!(
        "`{compiler}{} version.c $(pkg-config --cflags --libs --static sysflow)` runs, prints {printed}",
        static_flag.map_or(String::new(), |f| format!(" {f}"))
    )))
}

/// Unpacks `package` into `root` and returns the compiler flags its own
/// `sysflow.pc` gives (`--cflags --libs --static`), its paths moved into
/// `root` by pkg-config's sysroot.
fn unpacked_flags(dist: &Path, package: Package, version: &str, root: &Path) -> Result<String> {
    extract(dist, package, version, root)?;
    command_output(
        Command::new("pkg-config")
            .args(["--cflags", "--libs", "--static", "sysflow"])
            .env("PKG_CONFIG_LIBDIR", root.join("usr/share/pkgconfig"))
            .env("PKG_CONFIG_SYSROOT_DIR", root)
            .env_remove("PKG_CONFIG_PATH"),
    )
}

/// `exe` starts with nothing from the system.
fn is_static(exe: &Path) -> Result<Outcome> {
    let bytes = fs::read(exe).with_context(|| format!("cannot read {}", exe.display()))?;
    let linkage = elf::linkage(&bytes).with_context(|| exe.display().to_string())?;
    if !linkage.is_static() {
        bail!(
            "{} is dynamically linked: interpreter {:?}, {} shared libraries needed",
            exe.display(),
            linkage.interpreter,
            linkage.needed
        );
    }
    Ok(Outcome::Passed(
        "no program interpreter, no shared library needed".to_owned(),
    ))
}

/// `sysporter` converts the golden case's trace into its `expected.sf`, byte
/// for byte but the sync marker.
fn golden(root: &Path, sysporter: &Path, work: &Path) -> Result<Outcome> {
    let case = root.join("../shared/golden").join(GOLDEN_CASE);
    if !case.is_dir() {
        return Ok(Outcome::Skipped(format!(
            "{} is absent (the golden traces live beside the checkout)",
            case.display()
        )));
    }
    if !is_root() {
        return Ok(Outcome::Skipped(
            "not root: the run needs a mount namespace of its own".to_owned(),
        ));
    }
    let mount = work.join("usr-local");
    fs::create_dir_all(&mount).with_context(|| format!("cannot create {}", mount.display()))?;
    // In a mount namespace of its own, a directory of ours is /usr/local, so
    // that the output is written where the reference wrote it.
    let script = r#"mount --bind "$1" /usr/local && mkdir -p "${2%/*}" && exec "$3" -r "$4" -w "$2" -e tests"#;
    let mut cmd = Command::new("unshare");
    cmd.args([
        "--mount",
        "--propagation",
        "private",
        "--",
        "sh",
        "-c",
        script,
        "sh",
    ])
    .arg(&mount)
    .arg(GOLDEN_OUTPUT)
    .arg(sysporter)
    .arg(case.join("trace.scap"))
    // Only the reference's test environment: none of the caller's overrides.
    .env_clear()
    .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
    .envs(REFERENCE_TEST_ENV);
    command_output(&mut cmd)?;
    let relative = GOLDEN_OUTPUT.trim_start_matches("/usr/local/");
    let ours_path = mount.join(relative);
    let ours =
        fs::read(&ours_path).with_context(|| format!("cannot read {}", ours_path.display()))?;
    let expected_path = case.join("expected.sf");
    let expected = fs::read(&expected_path)
        .with_context(|| format!("cannot read {}", expected_path.display()))?;
    match same_but_sync_marker(&ours, &expected) {
        Ok(()) => Ok(Outcome::Passed(format!(
            "{} bytes, identical to the reference's but for the sync marker",
            ours.len()
        ))),
        Err(why) => bail!(
            "{} and {}: {why}",
            ours_path.display(),
            expected_path.display()
        ),
    }
}

/// `sysporter` captures live for a second into a `.sf` file and stops
/// cleanly at SIGINT: the paths a replay does not take (the probe, the
/// privilege drop, background scheduling) work in this build.
fn live(sysporter: &Path, work: &Path) -> Result<Outcome> {
    if !is_root() {
        return Ok(Outcome::Skipped(
            "not root: live capture needs root".to_owned(),
        ));
    }
    if !Path::new("/sys/kernel/btf/vmlinux").exists() {
        return Ok(Outcome::Skipped(
            "no kernel BTF (/sys/kernel/btf/vmlinux): live capture needs it".to_owned(),
        ));
    }
    let out = work.join("live");
    fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let log_path = work.join("live.log");
    let log = fs::File::create(&log_path)
        .with_context(|| format!("cannot create {}", log_path.display()))?;
    let mut child = Command::new(sysporter)
        .arg("-w")
        .arg(format!("{}/", out.display()))
        .args(["-G", "0", "-e", "verify"])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .with_context(|| format!("cannot run {}", sysporter.display()))?;
    let result = stop_once_capturing(&mut child, &out);
    if result.is_err() {
        // Whatever went wrong, no collector is left behind.
        let _ = child.kill();
        let _ = child.wait();
    }
    let status = result?;
    let log = fs::read_to_string(&log_path).unwrap_or_default();
    let summary = log.lines().last().unwrap_or_default().to_owned();
    if !status.success() {
        bail!("exited {status}: {}", log.trim());
    }
    let file = fs::read_dir(&out)
        .with_context(|| format!("cannot list {}", out.display()))?
        .next()
        .context("no output file")?
        .with_context(|| format!("cannot list {}", out.display()))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or_default();
    if len == 0 || !summary.contains("wrote") {
        bail!(
            "{} holds {len} bytes: {}",
            file.path().display(),
            log.trim()
        );
    }
    Ok(Outcome::Passed(summary))
}

/// Waits (a minute at most) for the capture's output file, which opens
/// once the probe is attached, lets it capture a second, then stops it
/// with SIGINT and waits (half a minute at most) for it to end.
fn stop_once_capturing(child: &mut Child, out: &Path) -> Result<ExitStatus> {
    let poll = Duration::from_millis(100);
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().context("cannot wait for sysporter")? {
            bail!("sysporter ended before it captured: {status}");
        }
        let capturing = fs::read_dir(out)
            .with_context(|| format!("cannot list {}", out.display()))?
            .next()
            .is_some();
        if capturing {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            bail!("sysporter opened no output within a minute");
        }
        std::thread::sleep(poll);
    }
    std::thread::sleep(Duration::from_secs(1));
    command_output(Command::new("kill").arg("-INT").arg(child.id().to_string()))?;
    let stopped = Instant::now();
    loop {
        if let Some(status) = child.try_wait().context("cannot wait for sysporter")? {
            return Ok(status);
        }
        if stopped.elapsed() > Duration::from_secs(30) {
            bail!("sysporter did not stop within 30 s of SIGINT");
        }
        std::thread::sleep(poll);
    }
}

/// Whether we run as root (uid 0), from `/proc/self/status`.
fn is_root() -> bool {
    fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|uids| uids.split_whitespace().nth(1))
            == Some("0")
    })
}

/// Whether two Avro object container files are equal once the first's
/// sync marker (16 random bytes after the header and after every block; so
/// the file's last 16) is replaced by the second's; else where they part.
fn same_but_sync_marker(ours: &[u8], theirs: &[u8]) -> Result<(), String> {
    let (Some(our_sync), Some(their_sync)) = (sync_marker(ours), sync_marker(theirs)) else {
        return Err("a file is shorter than a sync marker".to_owned());
    };
    let mut replaced = Vec::with_capacity(ours.len());
    let mut rest = ours;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(our_sync) {
            replaced.extend_from_slice(their_sync);
            rest = after;
        } else if let Some((first, after)) = rest.split_first() {
            replaced.push(*first);
            rest = after;
        }
    }
    if replaced == theirs {
        return Ok(());
    }
    let at = replaced
        .iter()
        .zip(theirs)
        .position(|(a, b)| a != b)
        .unwrap_or(replaced.len().min(theirs.len()));
    Err(format!(
        "{} and {} bytes, different from byte {at}",
        ours.len(),
        theirs.len()
    ))
}

/// The last 16 bytes of a file: an Avro object container's sync marker.
fn sync_marker(file: &[u8]) -> Option<&[u8]> {
    file.len().checked_sub(16).and_then(|at| file.get(at..))
}

/// `dpkg -i` installs every file of `package`'s `.deb`, pkg-config then
/// finds `sysflow.pc`, and `dpkg -r` removes them all.
fn install_and_remove(
    dist: &Path,
    package: Package,
    version: &str,
    work: &Path,
    expected: &Result<Expected>,
) -> Result<Outcome> {
    if !is_root() {
        return Ok(Outcome::Skipped("not root: dpkg -i needs root".to_owned()));
    }
    for program in ["dpkg", "pkg-config"] {
        if !on_path(program) {
            return Ok(Outcome::Skipped(format!("no {program} on PATH")));
        }
    }
    for name in [package.name(), package.twin().name()] {
        let status = Command::new("dpkg-query")
            .args(["-W", "-f", "${db:Status-Status}"])
            .arg(&name)
            .output()
            .context("cannot run dpkg-query")?;
        if String::from_utf8_lossy(&status.stdout).trim() != "not-installed"
            && status.status.success()
        {
            return Ok(Outcome::Skipped(format!(
                "{name} is installed on this machine: not replacing it"
            )));
        }
    }
    let deb = dist.join(package.file_name(version, "deb"));
    let files: Vec<String> = tar_listing(&command_output(
        Command::new("dpkg-deb").arg("-c").arg(&deb),
    )?)?
    .into_keys()
    .collect();
    command_output(Command::new("dpkg").arg("-i").arg(&deb))?;
    let installed =
        check_installed(&files).and_then(|line| Ok((line, installed_examples(work, expected)?)));
    // Removed even when a check failed.
    let removed = command_output(Command::new("dpkg").arg("-r").arg(package.name()));
    let (link_line, examples) = installed?;
    removed?;
    let left: Vec<&String> = files.iter().filter(|f| Path::new(f).exists()).collect();
    if !left.is_empty() || Path::new("/usr/include/sysflow").exists() {
        bail!("dpkg -r left {left:?} (or /usr/include/sysflow)");
    }
    Ok(Outcome::Passed(format!(
        "{} files installed, `pkg-config --cflags --libs --static sysflow` gave `{link_line}`, {examples}, all removed",
        files.len()
    )))
}

/// Each golden trace with the lines the examples must print for it.
type Expected = Vec<(PathBuf, String)>;

/// For every golden case, the lines `consumer --sf` prints for the `.sf`
/// file the workspace's release `sysporter -r` writes from its trace (with
/// the reference's test environment): what the C and C++ examples must
/// print for the trace.
fn expected_lines(root: &Path, work: &Path) -> Result<Expected> {
    let golden = root.join("../shared/golden");
    if !golden.is_dir() {
        bail!(
            "{} is absent (the golden traces live beside the checkout)",
            golden.display()
        );
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    command_output(Command::new(cargo).current_dir(root).args([
        "build",
        "--release",
        "--quiet",
        "-p",
        "consumer",
        "-p",
        "sysporter",
    ]))?;
    let release = target_dir(root).join("release");
    fs::create_dir_all(work).with_context(|| format!("cannot create {}", work.display()))?;
    let mut cases: Vec<PathBuf> = fs::read_dir(&golden)
        .with_context(|| format!("cannot list {}", golden.display()))?
        .filter_map(|e| e.ok().map(|e| e.path().join("trace.scap")))
        .filter(|t| t.is_file())
        .collect();
    cases.sort();
    let mut expected = Vec::new();
    for trace in cases {
        let sf = work.join("out.sf");
        command_output(
            Command::new(release.join("sysporter"))
                .arg("-r")
                .arg(&trace)
                .arg("-w")
                .arg(&sf)
                .args(["-e", "tests"])
                .envs(REFERENCE_TEST_ENV),
        )?;
        let lines = Command::new(release.join("consumer"))
            .arg("--sf")
            .arg(&sf)
            .output()
            .context("cannot run the Rust consumer")?;
        if !lines.status.success() {
            bail!("consumer --sf {} failed ({})", sf.display(), lines.status);
        }
        let lines = String::from_utf8(lines.stdout).context("consumer printed non-UTF-8")?;
        expected.push((trace, lines));
    }
    if expected.is_empty() {
        bail!("no golden trace in {}", golden.display());
    }
    Ok(expected)
}

/// Runs `exe` on every golden trace (reference test environment) and
/// compares what it prints with the expected lines; says how many matched.
fn prints_expected(exe: &Path, expected: &Expected) -> Result<String> {
    let mut lines = 0;
    for (trace, want) in expected {
        let out = Command::new(exe)
            .arg(trace)
            .envs(REFERENCE_TEST_ENV)
            .output()
            .with_context(|| format!("cannot run {}", exe.display()))?;
        if !out.status.success() {
            bail!(
                "{} {} failed ({}): {}",
                exe.display(),
                trace.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if out.stdout != want.as_bytes() {
            let got = String::from_utf8_lossy(&out.stdout);
            let first = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            bail!(
                "{} on {}: line {} differs from `consumer --sf` ({} lines against {})",
                exe.display(),
                trace.display(),
                first + 1,
                got.lines().count(),
                want.lines().count()
            );
        }
        lines += want.lines().count();
    }
    Ok(format!(
        "{} golden traces, {lines} lines alike",
        expected.len()
    ))
}

/// The installed examples, built from `/usr/share/doc/libsysflow/examples`
/// with only installed files, print the expected lines.
fn installed_examples(work: &Path, expected: &Result<Expected>) -> Result<String> {
    let expected = expected.as_ref().map_err(|e| anyhow::anyhow!("{e:#}"))?;
    for program in ["cc", "g++"] {
        if !on_path(program) {
            bail!("no {program} on PATH to build the installed examples");
        }
    }
    fs::create_dir_all(work).with_context(|| format!("cannot create {}", work.display()))?;
    let flags = command_output(
        Command::new("pkg-config")
            .args(["--libs", "--static", "sysflow"])
            .env_remove("PKG_CONFIG_PATH")
            .env_remove("PKG_CONFIG_LIBDIR"),
    )?;
    let examples = Path::new("/usr/share/doc/libsysflow/examples");
    let mut report = Vec::new();
    for (compiler, std, source, name) in [
        ("cc", "-std=c99", "c/consumer.c", "consumer"),
        ("g++", "-std=c++17", "cpp/callback.cpp", "callback"),
    ] {
        let exe = work.join(name);
        // The README's command: the installed headers and pkg-config alone.
        command_output(
            Command::new(compiler)
                .args([std, "-O2", "-I/usr/include/sysflow"])
                .arg(examples.join(source))
                .args(flags.split_whitespace())
                .arg("-o")
                .arg(&exe),
        )?;
        report.push(format!("{name}: {}", prints_expected(&exe, expected)?));
    }
    Ok(report.join("; "))
}

/// The musl package's C example, built fully static with `musl-gcc` and
/// the package's own `sysflow.pc` (unpacked, found through pkg-config's
/// sysroot), prints the expected lines.
fn musl_example(
    dist: &Path,
    package: Package,
    version: &str,
    work: &Path,
    expected: &Result<Expected>,
) -> Result<Outcome> {
    let expected = match expected {
        Ok(expected) => expected,
        Err(e) => return Ok(Outcome::Skipped(format!("{e:#}"))),
    };
    for program in ["musl-gcc", "pkg-config"] {
        if !on_path(program) {
            return Ok(Outcome::Skipped(format!("no {program} on PATH")));
        }
    }
    let root = work.join("root");
    let flags = unpacked_flags(dist, package, version, &root)?;
    let exe = work.join("consumer");
    command_output(
        Command::new("musl-gcc")
            .args(["-static", "-std=c99", "-O2"])
            .arg(root.join("usr/share/doc/libsysflow/examples/c/consumer.c"))
            .args(flags.split_whitespace())
            .arg("-o")
            .arg(&exe),
    )?;
    let linkage = elf::linkage(&fs::read(&exe).with_context(|| exe.display().to_string())?)?;
    if !linkage.is_static() {
        bail!("{} is not static", exe.display());
    }
    Ok(Outcome::Passed(format!(
        "static; {}",
        prints_expected(&exe, expected)?
    )))
}

/// Every file is installed, and pkg-config, searching its default path
/// alone, gives the headers' directory and the static link line of the
/// installed `sysflow.pc`; returns that line.
fn check_installed(files: &[String]) -> Result<String> {
    let missing: Vec<&String> = files.iter().filter(|f| !Path::new(f).is_file()).collect();
    if !missing.is_empty() {
        bail!("dpkg -i did not install {missing:?}");
    }
    let pc = fs::read_to_string("/usr/share/pkgconfig/sysflow.pc")
        .context("cannot read the installed sysflow.pc")?;
    let private = pc
        .lines()
        .find_map(|l| l.strip_prefix("Libs.private:"))
        .context("sysflow.pc has no Libs.private")?
        .trim();
    let line = command_output(
        Command::new("pkg-config")
            .args(["--cflags", "--libs", "--static", "sysflow"])
            .env_remove("PKG_CONFIG_PATH")
            .env_remove("PKG_CONFIG_LIBDIR"),
    )?;
    let want = format!("-I/usr/include/sysflow -L/usr/lib/sysflow -lsysflow {private}");
    if line.split_whitespace().ne(want.split_whitespace()) {
        bail!("pkg-config gave `{line}`, not `{want}`");
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn listings_of_the_three_formats_read_alike() {
        let dpkg = "\
drwxr-xr-x 0/0               0 2026-12-07 00:00 ./usr/
-rwxr-xr-x 0/0         4185296 2026-12-07 00:00 ./usr/bin/sysporter
-rw-r--r-- 0/0            2351 2026-12-07 00:00 ./etc/sysflow/sysporter.env
";
        let tar = "\
drwxr-xr-x root/root         0 2026-12-07 00:00 ./usr/
-rwxr-xr-x root/root   4185296 2026-12-07 00:00 ./usr/bin/sysporter
-rw-r--r-- root/root      2351 2026-12-07 00:00 ./etc/sysflow/sysporter.env
";
        let rpm = "\
-rw-r--r-- /etc/sysflow/sysporter.env
-rwxr-xr-x /usr/bin/sysporter
drwxr-xr-x /usr/share/doc/sysporter
";
        let deb = tar_listing(dpkg).unwrap();
        assert_eq!(deb.len(), 2);
        assert_eq!(deb["/usr/bin/sysporter"], "-rwxr-xr-x");
        assert_eq!(tar_listing(tar).unwrap(), deb);
        assert_eq!(rpm_listing(rpm).unwrap(), deb);
        assert!(tar_listing("garbage\n").is_err());
    }

    #[test]
    fn differences_name_each_file() {
        let a: Listing = [("/a", "-rw-r--r--"), ("/b", "-rw-r--r--")]
            .map(|(p, m)| (p.to_owned(), m.to_owned()))
            .into();
        let b: Listing = [("/b", "-rwxr-xr-x"), ("/c", "-rw-r--r--")]
            .map(|(p, m)| (p.to_owned(), m.to_owned()))
            .into();
        assert_eq!(
            differences("A", &a, "B", &b),
            [
                "/a is in A, not in B",
                "/b is -rw-r--r-- in A, -rwxr-xr-x in B",
                "/c is in B, not in A",
            ]
        );
        assert!(differences("A", &a, "A'", &a).is_empty());
    }

    #[test]
    fn files_differing_only_in_the_sync_marker_are_the_same() {
        let sync_a = [1u8; 16];
        let sync_b = [2u8; 16];
        let file = |sync: &[u8; 16], block: &[u8]| {
            [b"Obj\x01header".as_slice(), sync, block, sync].concat()
        };
        let ours = file(&sync_a, b"records");
        assert_eq!(
            same_but_sync_marker(&ours, &file(&sync_b, b"records")),
            Ok(())
        );
        let err = same_but_sync_marker(&ours, &file(&sync_b, b"recordz")).unwrap_err();
        assert!(err.contains("different from byte 32"), "{err}");
        assert!(same_but_sync_marker(b"short", &ours).is_err());
    }
}
