//! Throughput of the hand-written Avro codec on the records of the golden files,
//! side by side with apache-avro on the same records.
//!
//! `cargo bench -p sysflow-types` runs criterion's groups, throughput in records:
//! `encode` (one datum at a time into a reused `Vec`), `encode+deflate` (every
//! record through `SfWriter` into one in-memory file), `decode` (`decode_prefix`
//! over the datums back to back) and `read` (that file through `SfReader`). Each
//! has an `apache-avro` variant: `to_avro_datum` / `from_avro_datum` for the
//! datum groups, its `Writer` / `Reader` (same block size, deflate level 6) for
//! the file groups.
//!
//! Criterion prints no ratios, so a summary follows: records/s of every variant
//! and hand-written / apache-avro, from a plain timed loop (best of 5 samples,
//! each at least 50 ms of whole passes over the records); where a file's time
//! goes (encode, block framing, deflate, inflate, decode); and a deflate level
//! sweep. The whole run takes about a minute.
//!
//! Before timing anything it asserts that apache-avro encodes every golden
//! record's `Value` to exactly our bytes and decodes our bytes back to that
//! `Value`, and that each side reads the other's file: a correctness oracle and
//! a check that both do the same work. apache-avro's encode is timed on ready
//! `Value`s, built from our records outside the timed loop (the summary also
//! shows its rate with that conversion timed).
//!
//! Without the golden files (`../shared` beside the checkout) it says so and exits.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use apache_avro::Schema;
use apache_avro::types::Value;
use criterion::{BatchSize, Criterion, SamplingMode, Throughput};
use sysflow_types::{
    Codec, Container, File, FileEvent, FileFlow, Foid, K8sEvent, NetworkEvent, NetworkFlow, Oid,
    Pod, Port, Process, ProcessEvent, ProcessFlow, SCHEMA_JSON, Service, SfHeader, SfReader,
    SfWriter, SysFlow, WriterOptions,
};

/// Everything the benchmarks share, built once.
struct Corpus {
    /// Number of golden files the records came from.
    files: usize,
    /// Every record of every golden file, in file order.
    records: Vec<SysFlow>,
    /// The records' datums back to back, as a `.sf` block holds them.
    datums: Vec<u8>,
    /// The records as apache-avro values of the top-level `sysflow.SysFlow` record.
    values: Vec<Value>,
    /// The parsed schema, for apache-avro.
    schema: Schema,
    /// Every record in one `.sf` file, default options (deflate level 6).
    file: Vec<u8>,
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/golden")
}

/// Loads the records of every `golden/*/expected.sf`, or `None` if there are none.
fn load_corpus() -> Option<Corpus> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .ok()?
        .filter_map(|e| Some(e.ok()?.path().join("expected.sf")))
        .filter(|p| p.is_file())
        .collect();
    if paths.is_empty() {
        return None;
    }
    paths.sort();
    let mut records = Vec::new();
    for path in &paths {
        let reader = SfReader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for rec in reader {
            records.push(rec.unwrap_or_else(|e| panic!("{}: {e}", path.display())));
        }
    }
    let mut datums = Vec::new();
    for rec in &records {
        rec.encode(&mut datums);
    }
    let schema = Schema::parse_str(SCHEMA_JSON).expect("apache-avro parses SCHEMA_JSON");
    let values = records.iter().map(to_value).collect();
    let file = write_file(&records, WriterOptions::default());
    Some(Corpus {
        files: paths.len(),
        records,
        datums,
        values,
        schema,
        file,
    })
}

/// Asserts that apache-avro and the hand-written codec agree on every record.
fn verify(c: &Corpus) {
    let mut ours = Vec::new();
    for (i, (rec, value)) in c.records.iter().zip(&c.values).enumerate() {
        ours.clear();
        rec.encode(&mut ours);
        let theirs = apache_avro::to_avro_datum(&c.schema, value.clone())
            .unwrap_or_else(|e| panic!("record {i} ({}): apache-avro: {e}", rec.record_type()));
        assert_eq!(
            ours,
            theirs,
            "record {i} ({}): our bytes differ from apache-avro's",
            rec.record_type()
        );
        let decoded = apache_avro::from_avro_datum(&c.schema, &mut &ours[..], None)
            .unwrap_or_else(|e| panic!("record {i}: apache-avro cannot decode our bytes: {e}"));
        assert_eq!(
            &decoded, value,
            "record {i}: apache-avro decodes our bytes differently"
        );
        assert_eq!(
            &SysFlow::decode(&ours).unwrap(),
            rec,
            "record {i}: round trip"
        );
    }
    let read: Vec<SysFlow> = SfReader::new(&c.file[..])
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(read == c.records, "the written file reads back differently");
    // Files cross over both ways.
    let theirs: Vec<Value> = apache_avro::Reader::new(&c.file[..])
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(theirs == c.values, "apache-avro reads our file differently");
    let avro_file = avro_write_file(&c.schema, &c.values, avro_deflate());
    let read: Vec<SysFlow> = SfReader::new(&avro_file[..])
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(read == c.records, "we read apache-avro's file differently");
}

// ---------------------------------------------------------------------------
// Records as apache-avro values

fn record(fields: Vec<(&str, Value)>) -> Value {
    Value::Record(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn string(s: &str) -> Value {
    Value::String(s.to_owned())
}

/// A `["null", T]` union.
fn nullable<T>(v: Option<&T>, f: impl FnOnce(&T) -> Value) -> Value {
    match v {
        None => Value::Union(0, Box::new(Value::Null)),
        Some(v) => Value::Union(1, Box::new(f(v))),
    }
}

fn avro_enum(index: usize, symbol: &str) -> Value {
    Value::Enum(u32::try_from(index).unwrap(), symbol.to_owned())
}

fn oid(o: &Oid) -> Value {
    record(vec![
        ("createTS", Value::Long(o.create_ts)),
        ("hpid", Value::Long(o.hpid)),
    ])
}

fn foid(f: &Foid) -> Value {
    Value::Fixed(Foid::LEN, f.0.to_vec())
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().map(|s| string(s)).collect())
}

fn longs(items: &[i64]) -> Value {
    Value::Array(items.iter().map(|&v| Value::Long(v)).collect())
}

/// An Avro map. apache-avro writes a `HashMap` in its iteration order, so its
/// bytes equal ours only for maps of at most one entry.
fn map(pairs: &[(String, String)]) -> Value {
    Value::Map(
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), string(v)))
            .collect::<HashMap<_, _>>(),
    )
}

/// The datum of the top-level `sysflow.SysFlow` record holding `rec`.
fn to_value(rec: &SysFlow) -> Value {
    let inner = match rec {
        SysFlow::Header(SfHeader {
            version,
            exporter,
            ip,
            filename,
        }) => record(vec![
            ("version", Value::Long(*version)),
            ("exporter", string(exporter)),
            ("ip", string(ip)),
            ("filename", string(filename)),
        ]),
        SysFlow::Container(Container {
            id,
            name,
            image,
            imageid,
            container_type,
            privileged,
            pod_id,
        }) => record(vec![
            ("id", string(id)),
            ("name", string(name)),
            ("image", string(image)),
            ("imageid", string(imageid)),
            (
                "type",
                avro_enum(container_type.index(), container_type.symbol()),
            ),
            ("privileged", Value::Boolean(*privileged)),
            ("podId", nullable(pod_id.as_ref(), |s| string(s))),
        ]),
        SysFlow::Process(Process {
            state,
            oid: o,
            poid,
            ts,
            exe,
            exe_args,
            uid,
            user_name,
            gid,
            group_name,
            tty,
            container_id,
            entry,
            cwd,
            env,
        }) => record(vec![
            ("state", avro_enum(state.index(), state.symbol())),
            ("oid", oid(o)),
            ("poid", nullable(poid.as_ref(), oid)),
            ("ts", Value::Long(*ts)),
            ("exe", string(exe)),
            ("exeArgs", string(exe_args)),
            ("uid", Value::Int(*uid)),
            ("userName", string(user_name)),
            ("gid", Value::Int(*gid)),
            ("groupName", string(group_name)),
            ("tty", Value::Boolean(*tty)),
            (
                "containerId",
                nullable(container_id.as_ref(), |s| string(s)),
            ),
            ("entry", Value::Boolean(*entry)),
            ("cwd", string(cwd)),
            ("env", strings(env)),
        ]),
        SysFlow::File(File {
            state,
            oid: o,
            ts,
            restype,
            path,
            container_id,
        }) => record(vec![
            ("state", avro_enum(state.index(), state.symbol())),
            ("oid", foid(o)),
            ("ts", Value::Long(*ts)),
            ("restype", Value::Int(*restype)),
            ("path", string(path)),
            (
                "containerId",
                nullable(container_id.as_ref(), |s| string(s)),
            ),
        ]),
        SysFlow::ProcessEvent(ProcessEvent {
            proc_oid,
            ts,
            tid,
            op_flags,
            args,
            ret,
        }) => record(vec![
            ("procOID", oid(proc_oid)),
            ("ts", Value::Long(*ts)),
            ("tid", Value::Long(*tid)),
            ("opFlags", Value::Int(op_flags.bits())),
            ("args", strings(args)),
            ("ret", Value::Int(*ret)),
        ]),
        SysFlow::NetworkFlow(NetworkFlow {
            proc_oid,
            ts,
            tid,
            op_flags,
            end_ts,
            sip,
            sport,
            dip,
            dport,
            proto,
            fd,
            num_r_recv_ops,
            num_w_send_ops,
            num_r_recv_bytes,
            num_w_send_bytes,
        }) => record(vec![
            ("procOID", oid(proc_oid)),
            ("ts", Value::Long(*ts)),
            ("tid", Value::Long(*tid)),
            ("opFlags", Value::Int(op_flags.bits())),
            ("endTs", Value::Long(*end_ts)),
            ("sip", Value::Int(*sip)),
            ("sport", Value::Int(*sport)),
            ("dip", Value::Int(*dip)),
            ("dport", Value::Int(*dport)),
            ("proto", Value::Int(*proto)),
            ("fd", Value::Int(*fd)),
            ("numRRecvOps", Value::Long(*num_r_recv_ops)),
            ("numWSendOps", Value::Long(*num_w_send_ops)),
            ("numRRecvBytes", Value::Long(*num_r_recv_bytes)),
            ("numWSendBytes", Value::Long(*num_w_send_bytes)),
        ]),
        SysFlow::FileFlow(FileFlow {
            proc_oid,
            ts,
            tid,
            op_flags,
            open_flags,
            end_ts,
            file_oid,
            fd,
            num_r_recv_ops,
            num_w_send_ops,
            num_r_recv_bytes,
            num_w_send_bytes,
        }) => record(vec![
            ("procOID", oid(proc_oid)),
            ("ts", Value::Long(*ts)),
            ("tid", Value::Long(*tid)),
            ("opFlags", Value::Int(op_flags.bits())),
            ("openFlags", Value::Int(open_flags.0)),
            ("endTs", Value::Long(*end_ts)),
            ("fileOID", foid(file_oid)),
            ("fd", Value::Int(*fd)),
            ("numRRecvOps", Value::Long(*num_r_recv_ops)),
            ("numWSendOps", Value::Long(*num_w_send_ops)),
            ("numRRecvBytes", Value::Long(*num_r_recv_bytes)),
            ("numWSendBytes", Value::Long(*num_w_send_bytes)),
        ]),
        SysFlow::FileEvent(FileEvent {
            proc_oid,
            ts,
            tid,
            op_flags,
            file_oid,
            ret,
            new_file_oid,
        }) => record(vec![
            ("procOID", oid(proc_oid)),
            ("ts", Value::Long(*ts)),
            ("tid", Value::Long(*tid)),
            ("opFlags", Value::Int(op_flags.bits())),
            ("fileOID", foid(file_oid)),
            ("ret", Value::Int(*ret)),
            ("newFileOID", nullable(new_file_oid.as_ref(), foid)),
        ]),
        SysFlow::NetworkEvent(NetworkEvent {
            proc_oid,
            ts,
            tid,
            op_flags,
            sip,
            sport,
            dip,
            dport,
            proto,
            ret,
        }) => record(vec![
            ("procOID", oid(proc_oid)),
            ("ts", Value::Long(*ts)),
            ("tid", Value::Long(*tid)),
            ("opFlags", Value::Int(op_flags.bits())),
            ("sip", Value::Int(*sip)),
            ("sport", Value::Int(*sport)),
            ("dip", Value::Int(*dip)),
            ("dport", Value::Int(*dport)),
            ("proto", Value::Int(*proto)),
            ("ret", Value::Int(*ret)),
        ]),
        SysFlow::ProcessFlow(ProcessFlow {
            proc_oid,
            ts,
            num_threads_cloned,
            op_flags,
            end_ts,
            num_threads_exited,
            num_clone_errors,
        }) => record(vec![
            ("procOID", oid(proc_oid)),
            ("ts", Value::Long(*ts)),
            ("numThreadsCloned", Value::Long(*num_threads_cloned)),
            ("opFlags", Value::Int(op_flags.bits())),
            ("endTs", Value::Long(*end_ts)),
            ("numThreadsExited", Value::Long(*num_threads_exited)),
            ("numCloneErrors", Value::Long(*num_clone_errors)),
        ]),
        SysFlow::Pod(Pod {
            ts,
            id,
            name,
            node_name,
            host_ip,
            internal_ip,
            namespace,
            restart_count,
            labels,
            selectors,
            services,
        }) => record(vec![
            ("ts", Value::Long(*ts)),
            ("id", string(id)),
            ("name", string(name)),
            ("nodeName", string(node_name)),
            ("hostIP", longs(host_ip)),
            ("internalIP", longs(internal_ip)),
            ("namespace", string(namespace)),
            ("restartCount", Value::Long(*restart_count)),
            ("labels", map(labels)),
            ("selectors", map(selectors)),
            (
                "services",
                Value::Array(services.iter().map(service).collect()),
            ),
        ]),
        SysFlow::K8sEvent(K8sEvent {
            kind,
            action,
            ts,
            message,
        }) => record(vec![
            ("kind", avro_enum(kind.index(), kind.symbol())),
            ("action", avro_enum(action.index(), action.symbol())),
            ("ts", Value::Long(*ts)),
            ("message", string(message)),
        ]),
    };
    let branch = u32::try_from(rec.record_type().index()).unwrap();
    record(vec![("rec", Value::Union(branch, Box::new(inner)))])
}

fn service(s: &Service) -> Value {
    record(vec![
        ("name", string(&s.name)),
        ("id", string(&s.id)),
        ("namespace", string(&s.namespace)),
        (
            "portList",
            Value::Array(s.port_list.iter().map(port).collect()),
        ),
        ("clusterIP", longs(&s.cluster_ip)),
    ])
}

fn port(p: &Port) -> Value {
    record(vec![
        ("port", Value::Int(p.port)),
        ("targetPort", Value::Int(p.target_port)),
        ("nodePort", Value::Int(p.node_port)),
        ("proto", string(&p.proto)),
    ])
}

// ---------------------------------------------------------------------------
// The operations timed

/// Encodes every record, one datum at a time, into a reused buffer.
fn encode_all(records: &[SysFlow], buf: &mut Vec<u8>) {
    for rec in records {
        buf.clear();
        rec.encode(buf);
        black_box(&buf[..]);
    }
}

/// apache-avro's encode of ready-made values (it takes them by value).
fn avro_encode_all(schema: &Schema, values: Vec<Value>) {
    for value in values {
        black_box(apache_avro::to_avro_datum(schema, value).unwrap());
    }
}

/// Decodes the back-to-back datums one `decode_prefix` at a time.
fn decode_all(mut datums: &[u8]) -> usize {
    let mut n = 0;
    while !datums.is_empty() {
        let (rec, used) = SysFlow::decode_prefix(datums).unwrap();
        black_box(rec);
        datums = &datums[used..];
        n += 1;
    }
    n
}

/// apache-avro's decode of the same back-to-back datums.
fn avro_decode_all(schema: &Schema, mut datums: &[u8]) -> usize {
    let mut n = 0;
    while !datums.is_empty() {
        black_box(apache_avro::from_avro_datum(schema, &mut datums, None).unwrap());
        n += 1;
    }
    n
}

/// apache-avro's container writer over the same values; it resolves the schema
/// once per file rather than once per datum, so this is its fastest encode path.
fn avro_write_file(schema: &Schema, values: &[Value], codec: apache_avro::Codec) -> Vec<u8> {
    let mut writer = apache_avro::Writer::builder()
        .schema(schema)
        .writer(Vec::with_capacity(1 << 20))
        .codec(codec)
        .block_size(80_000)
        .build();
    for value in values {
        writer.append_value_ref(value).unwrap();
    }
    writer.into_inner().unwrap()
}

/// apache-avro's container reader over an in-memory `.sf` file.
fn avro_read_file(file: &[u8]) -> usize {
    let mut n = 0;
    for value in apache_avro::Reader::new(file).unwrap() {
        black_box(value.unwrap());
        n += 1;
    }
    n
}

fn avro_deflate() -> apache_avro::Codec {
    // miniz_oxide's default level, 6, the same as ours.
    apache_avro::Codec::Deflate(apache_avro::DeflateSettings::default())
}

/// Writes every record into one in-memory `.sf` file.
fn write_file(records: &[SysFlow], options: WriterOptions) -> Vec<u8> {
    let mut writer = SfWriter::with_options(Vec::with_capacity(1 << 20), options).unwrap();
    for rec in records {
        writer.append(rec).unwrap();
    }
    writer.finish().unwrap()
}

/// Reads every record of an in-memory `.sf` file.
fn read_file(file: &[u8]) -> usize {
    let mut n = 0;
    for rec in SfReader::new(file).unwrap() {
        black_box(rec.unwrap());
        n += 1;
    }
    n
}

fn options(codec: Codec, level: u32) -> WriterOptions {
    WriterOptions {
        codec,
        compression_level: level,
        ..WriterOptions::default()
    }
}

// ---------------------------------------------------------------------------
// Criterion

fn criterion_groups(c: &mut Criterion, corpus: &Corpus) {
    let n = corpus.records.len() as u64;

    let mut group = c.benchmark_group("encode");
    group.throughput(Throughput::Elements(n));
    // apache-avro takes 0.1-0.2 s a pass: sample it flat to stay in the time budget.
    group.sampling_mode(SamplingMode::Flat);
    let mut buf = Vec::with_capacity(4096);
    group.bench_function("hand-written", |b| {
        b.iter(|| encode_all(&corpus.records, &mut buf));
    });
    group.bench_function("apache-avro", |b| {
        b.iter_batched(
            || corpus.values.clone(),
            |values| avro_encode_all(&corpus.schema, values),
            BatchSize::PerIteration,
        );
    });
    group.finish();

    let mut group = c.benchmark_group("encode+deflate");
    group.throughput(Throughput::Elements(n));
    group.bench_function("hand-written", |b| {
        b.iter(|| black_box(write_file(&corpus.records, WriterOptions::default())));
    });
    group.bench_function("apache-avro", |b| {
        b.iter(|| {
            black_box(avro_write_file(
                &corpus.schema,
                &corpus.values,
                avro_deflate(),
            ))
        });
    });
    group.finish();

    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Elements(n));
    // apache-avro takes 0.1-0.2 s a pass: sample it flat to stay in the time budget.
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("hand-written", |b| b.iter(|| decode_all(&corpus.datums)));
    group.bench_function("apache-avro", |b| {
        b.iter(|| avro_decode_all(&corpus.schema, &corpus.datums));
    });
    group.finish();

    let mut group = c.benchmark_group("read");
    group.throughput(Throughput::Elements(n));
    group.bench_function("hand-written", |b| b.iter(|| read_file(&corpus.file)));
    group.bench_function("apache-avro", |b| b.iter(|| avro_read_file(&corpus.file)));
    group.finish();
}

// ---------------------------------------------------------------------------
// Summary

/// Records per second of `run`, best of 5 samples; each sample is whole passes
/// over the records lasting at least 50 ms, and only `run` is timed (not `setup`).
fn rate_with_setup<T, O>(
    records: usize,
    mut setup: impl FnMut() -> T,
    mut run: impl FnMut(T) -> O,
) -> f64 {
    let once = {
        let input = setup();
        let start = Instant::now();
        black_box(run(input));
        start.elapsed()
    };
    let passes = (0.05 / once.as_secs_f64().max(1e-9))
        .ceil()
        .clamp(1.0, 100_000.0) as u32;
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let mut spent = Duration::ZERO;
        for _ in 0..passes {
            let input = setup();
            let start = Instant::now();
            black_box(run(input));
            spent += start.elapsed();
        }
        best = best.min(spent / passes);
    }
    records as f64 / best.as_secs_f64()
}

/// Records per second of `run` (one pass over the records), best of 5.
fn rate<O>(records: usize, mut run: impl FnMut() -> O) -> f64 {
    rate_with_setup(records, || (), |()| run())
}

fn mega(rate: f64) -> String {
    format!("{:.2} M/s", rate / 1e6)
}

fn summary(corpus: &Corpus) {
    let n = corpus.records.len();
    let (records, values, schema) = (&corpus.records, &corpus.values, &corpus.schema);
    let null = options(Codec::Null, 6);
    let file_null = write_file(records, null.clone());
    let avro_file_null = avro_write_file(schema, values, apache_avro::Codec::Null);
    let avro_file6 = avro_write_file(schema, values, avro_deflate());

    let mut buf = Vec::with_capacity(4096);
    let enc = rate(n, || encode_all(records, &mut buf));
    let avro_enc = rate_with_setup(n, || values.clone(), |v| avro_encode_all(schema, v));
    let avro_enc_conv = rate(n, || {
        avro_encode_all(schema, records.iter().map(to_value).collect())
    });
    let dec = rate(n, || decode_all(&corpus.datums));
    let avro_dec = rate(n, || avro_decode_all(schema, &corpus.datums));
    let write_null = rate(n, || write_file(records, null.clone()));
    let avro_write_null = rate(n, || {
        avro_write_file(schema, values, apache_avro::Codec::Null)
    });
    let write6 = rate(n, || write_file(records, WriterOptions::default()));
    let avro_write6 = rate(n, || avro_write_file(schema, values, avro_deflate()));
    let read_null = rate(n, || read_file(&file_null));
    let avro_read_null = rate(n, || avro_read_file(&file_null));
    let read6 = rate(n, || read_file(&corpus.file));
    let avro_read6 = rate(n, || avro_read_file(&corpus.file));

    println!();
    println!(
        "codec summary: {n} records from {} golden files ({} datum bytes, {:.1} B/record); \
         records/s, best of 5; ratio = hand-written / apache-avro",
        corpus.files,
        corpus.datums.len(),
        corpus.datums.len() as f64 / n as f64
    );
    println!(
        "{:<36} {:>12} {:>12} {:>8}",
        "", "hand-written", "apache-avro", "ratio"
    );
    let row = |name: &str, ours: f64, theirs: f64| {
        println!(
            "{name:<36} {:>12} {:>12} {:>7.1}x",
            mega(ours),
            mega(theirs),
            ours / theirs
        );
    };
    row("encode datum (to_avro_datum)", enc, avro_enc);
    row("  same, Value building timed too", enc, avro_enc_conv);
    row("decode datum (from_avro_datum)", dec, avro_dec);
    row(
        "write file, null codec (Writer)",
        write_null,
        avro_write_null,
    );
    row("encode+deflate L6, default (Writer)", write6, avro_write6);
    row("read file, null codec (Reader)", read_null, avro_read_null);
    row("read file, deflate L6 (Reader)", read6, avro_read6);
    let ns = |rate: f64| 1e9 / rate;
    println!(
        "hand-written, per record: encode {:.0} ns, block framing {:.0} ns, deflate L6 {:.0} ns; \
         decode {:.0} ns, inflate L6 {:.0} ns",
        ns(enc),
        ns(write_null) - ns(enc),
        ns(write6) - ns(write_null),
        ns(dec),
        ns(read6) - ns(read_null),
    );
    println!(
        "file bytes: null codec {}, deflate L6 {} (apache-avro: null {}, deflate {})",
        file_null.len(),
        corpus.file.len(),
        avro_file_null.len(),
        avro_file6.len(),
    );
    println!("deflate level sweep, hand-written encode+deflate (6 is the default):");
    for level in 1..=9 {
        let opts = options(Codec::Deflate, level);
        let write = rate(n, || write_file(records, opts.clone()));
        let size = write_file(records, opts.clone()).len();
        println!(
            "  level {level}: {:>10}, deflate {:>4.0} ns/record, {size:>7} file bytes \
             ({:.1}x smaller than null)",
            mega(write),
            ns(write) - ns(write_null),
            file_null.len() as f64 / size as f64,
        );
    }
    // The output codecs side by side (issue 18): deflate is the default and
    // the reference's; zstandard an option.
    println!("codecs, hand-written encode+compress (ratio: file bytes against deflate L6's):");
    for (name, codec, level) in [
        ("deflate L1", Codec::Deflate, 1),
        ("deflate L6 (default)", Codec::Deflate, 6),
        ("zstandard L1", Codec::Zstandard, 1),
        ("zstandard L3", Codec::Zstandard, 3),
    ] {
        let opts = options(codec, level);
        let write = rate(n, || write_file(records, opts.clone()));
        let size = write_file(records, opts.clone()).len();
        let file = write_file(records, opts.clone());
        let read = rate(n, || read_file(&file));
        println!(
            "  {name:<22} compress {:>4.0} ns/record, decompress {:>4.0} ns/record, \
             {size:>7} file bytes ({:.2})",
            ns(write) - ns(write_null),
            ns(read) - ns(read_null),
            size as f64 / corpus.file.len() as f64,
        );
    }
    // Background compression needs many blocks to show: the corpus 20 times over.
    let many: Vec<SysFlow> = (0..20).flat_map(|_| records.iter().cloned()).collect();
    println!(
        "background deflate (WriterOptions::compression_threads), L6, {} records:",
        many.len()
    );
    let inline = rate(many.len(), || write_file(&many, WriterOptions::default()));
    for threads in [0, 1, 2, 3] {
        let opts = WriterOptions {
            compression_threads: threads,
            ..WriterOptions::default()
        };
        let write = rate(many.len(), || write_file(&many, opts.clone()));
        println!(
            "  {threads} threads: {:>10} ({:.2}x inline)",
            mega(write),
            write / inline
        );
    }
}

fn main() {
    let Some(corpus) = load_corpus() else {
        println!(
            "codec bench skipped: no golden files at {} (the ../shared checkout is absent)",
            golden_dir().display()
        );
        return;
    };
    verify(&corpus);
    println!(
        "apache-avro and the hand-written codec agree on all {} golden records",
        corpus.records.len()
    );
    // `cargo bench` passes `--bench`; without it (`cargo test --benches`) criterion
    // runs each benchmark once as a test, and the timed summary is skipped.
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    criterion_groups(&mut c, &corpus);
    c.final_summary();
    if bench_mode {
        summary(&corpus);
    }
}
