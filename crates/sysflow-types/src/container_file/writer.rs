//! The streaming `.sf` writer.

use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, mpsc};
use std::thread::{self, JoinHandle};

use super::deflater::{DeflateEngine, Deflater};
use super::{CODEC_KEY, Codec, MAGIC, SCHEMA_KEY, SYNC_LEN};
use crate::datum::put_long;
use crate::schema::SCHEMA_JSON;
use crate::sysflow::SysFlow;

/// The name of the threads that deflate blocks for
/// [`WriterOptions::compression_threads`], by which a collector can find them
/// (to give them its own scheduling policy, for one).
pub const DEFLATE_THREAD_NAME: &str = "sf-deflate";

/// How an [`SfWriter`] lays out its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriterOptions {
    /// Block codec; deflate by default.
    pub codec: Codec,
    /// A block is cut before the record that would be appended to a block
    /// already holding at least this many uncompressed bytes. Default 80,000,
    /// the reference collector's sync interval.
    pub block_size: usize,
    /// Deflate level, 0 to 9; default 6 (zlib's default, as the reference uses).
    pub compression_level: u32,
    /// Which deflate implementation; default zlib, whose level 6 gives the
    /// reference's bytes.
    pub deflate_engine: DeflateEngine,
    /// The sync marker; random when `None` (the default).
    pub sync_marker: Option<[u8; SYNC_LEN]>,
    /// Up to this many full blocks are deflated on background threads while
    /// the caller goes on encoding; 0 (the default) deflates on the caller's
    /// thread. Blocks are still written in order, and the bytes are the same
    /// either way. One thread is what a 2-core machine wants (see the crate
    /// docs for the measurements).
    pub compression_threads: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            codec: Codec::Deflate,
            block_size: 80_000,
            compression_level: 6,
            deflate_engine: DeflateEngine::Zlib,
            sync_marker: None,
            compression_threads: 0,
        }
    }
}

/// Writes SysFlow records to an Avro object-container file.
///
/// The header (magic, codec, the v5 schema, sync marker) is written by the
/// constructor. Records are encoded into an in-memory block that is compressed
/// and written when it reaches [`WriterOptions::block_size`], on
/// [`flush`](SfWriter::flush), and on [`finish`](SfWriter::finish). A writer
/// dropped without `finish` still writes its last block, ignoring errors, so
/// the file is never left without its tail; call `finish` to see those errors.
///
/// With [`WriterOptions::compression_threads`], full blocks are deflated in
/// the background and written, in order, once done: by a later `append`, or
/// by `flush`/`finish`.
///
/// After a write to the underlying writer fails, the file is in an unknown
/// state and every later call returns an error.
#[derive(Debug)]
pub struct SfWriter<W: Write> {
    out: Option<W>,
    codec: Codec,
    block_size: usize,
    sync: [u8; SYNC_LEN],
    block: Vec<u8>,
    block_records: u64,
    compressed: Vec<u8>,
    /// `None` for the null codec.
    deflater: Option<Deflater>,
    /// What the background threads' deflaters are made with.
    engine: DeflateEngine,
    level: u32,
    threads: usize,
    /// The background deflate threads, started with the first full block.
    pool: Option<DeflatePool>,
    /// Blocks being deflated in the background, oldest first, with their
    /// record counts and where their result arrives.
    in_flight: VecDeque<(u64, mpsc::Receiver<io::Result<Deflated>>)>,
    /// Buffers back from the background (blocks and compressed data), for reuse.
    spare: Vec<Deflated>,
    records: u64,
    failed: bool,
}

/// A block deflated in the background: its compressed bytes and the
/// uncompressed buffer, returned for reuse.
#[derive(Debug, Default)]
struct Deflated {
    data: Vec<u8>,
    block: Vec<u8>,
}

/// One block for a deflate thread: the block, a buffer for its compressed
/// bytes, and where to send both back.
struct Job {
    buffers: Deflated,
    reply: mpsc::SyncSender<io::Result<Deflated>>,
}

/// Long-lived deflate threads, each with its own zlib stream. A thread (and
/// a zlib stream, whose set-up zeroes a few hundred KB) per block cost more
/// than the compression of small blocks on a busy live capture.
#[derive(Debug)]
struct DeflatePool {
    jobs: Option<mpsc::Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl DeflatePool {
    fn start(
        threads: usize,
        codec: Codec,
        engine: DeflateEngine,
        level: u32,
    ) -> io::Result<DeflatePool> {
        let (jobs, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let mut pool = DeflatePool {
            jobs: Some(jobs),
            workers: Vec::with_capacity(threads),
        };
        for _ in 0..threads.max(1) {
            let rx = Arc::clone(&rx);
            let mut deflater = Deflater::for_codec(codec, engine, level)?
                .ok_or_else(|| io::Error::other("the null codec compresses nothing"))?;
            let worker = thread::Builder::new()
                .name(DEFLATE_THREAD_NAME.into())
                .spawn(move || {
                    loop {
                        // The lock is held only while waiting for a job.
                        let job = match rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok(Job { buffers, reply }) = job else {
                            return;
                        };
                        let Deflated { mut data, block } = buffers;
                        let result = deflater
                            .deflate(&block, &mut data)
                            .map(|()| Deflated { data, block });
                        // The writer may be gone (dropped after an error): nothing to do then.
                        let _ = reply.send(result);
                    }
                })?;
            pool.workers.push(worker);
        }
        Ok(pool)
    }

    fn submit(&self, buffers: Deflated) -> io::Result<mpsc::Receiver<io::Result<Deflated>>> {
        let (reply, result) = mpsc::sync_channel(1);
        self.jobs
            .as_ref()
            .ok_or_else(|| io::Error::other("the deflate threads were stopped"))?
            .send(Job { buffers, reply })
            .map_err(|_| io::Error::other("the deflate threads stopped"))?;
        Ok(result)
    }
}

impl Drop for DeflatePool {
    fn drop(&mut self) {
        // Closing the job channel ends every worker's loop.
        self.jobs = None;
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl SfWriter<BufWriter<fs::File>> {
    /// Creates (or truncates) the file at `path` and writes its header.
    pub fn create(path: impl AsRef<Path>) -> io::Result<Self> {
        SfWriter::new(BufWriter::new(fs::File::create(path)?))
    }
}

impl<W: Write> SfWriter<W> {
    /// Starts a file on `out` with the default options and writes its header.
    pub fn new(out: W) -> io::Result<Self> {
        SfWriter::with_options(out, WriterOptions::default())
    }

    /// Starts a file on `out` and writes its header.
    pub fn with_options(mut out: W, options: WriterOptions) -> io::Result<Self> {
        let sync = match options.sync_marker {
            Some(sync) => sync,
            None => {
                let mut sync = [0u8; SYNC_LEN];
                getrandom::fill(&mut sync).map_err(|e| io::Error::other(e.to_string()))?;
                sync
            }
        };
        let mut header = Vec::with_capacity(SCHEMA_JSON.len() + 64);
        header.extend_from_slice(&MAGIC);
        // One map block with both entries, keys in sorted order as the reference writes them.
        put_long(&mut header, 2);
        for (key, value) in [(CODEC_KEY, options.codec.name()), (SCHEMA_KEY, SCHEMA_JSON)] {
            put_long(&mut header, key.len() as i64);
            header.extend_from_slice(key.as_bytes());
            put_long(&mut header, value.len() as i64);
            header.extend_from_slice(value.as_bytes());
        }
        put_long(&mut header, 0);
        header.extend_from_slice(&sync);
        out.write_all(&header)?;
        let level = match options.codec {
            Codec::Deflate => options.compression_level.min(9),
            _ => options.compression_level,
        };
        let deflater = Deflater::for_codec(options.codec, options.deflate_engine, level)?;
        Ok(SfWriter {
            out: Some(out),
            codec: options.codec,
            block_size: options.block_size,
            sync,
            block: Vec::with_capacity(options.block_size + 4096),
            block_records: 0,
            compressed: Vec::new(),
            deflater,
            engine: options.deflate_engine,
            level,
            threads: options.compression_threads,
            pool: None,
            in_flight: VecDeque::new(),
            spare: Vec::new(),
            records: 0,
            failed: false,
        })
    }

    /// Appends one record.
    pub fn append(&mut self, rec: &SysFlow) -> io::Result<()> {
        self.check()?;
        if self.block.len() >= self.block_size {
            self.write_block()?;
        }
        rec.encode(&mut self.block);
        self.block_records += 1;
        self.records += 1;
        Ok(())
    }

    /// Writes the pending block, if any, and flushes the underlying writer, so
    /// that everything appended so far is readable from the file.
    pub fn flush(&mut self) -> io::Result<()> {
        self.check()?;
        self.write_block()?;
        while !self.in_flight.is_empty() {
            self.write_oldest()?;
        }
        self.with_out(|out| out.flush())
    }

    /// Writes the last block, flushes, and returns the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush()?;
        self.out
            .take()
            .ok_or_else(|| io::Error::other("the .sf writer was already finished"))
    }

    /// Number of records appended.
    pub fn records_written(&self) -> u64 {
        self.records
    }

    /// The file's sync marker.
    pub fn sync_marker(&self) -> [u8; SYNC_LEN] {
        self.sync
    }

    /// The underlying writer.
    pub fn get_ref(&self) -> Option<&W> {
        self.out.as_ref()
    }

    fn check(&self) -> io::Result<()> {
        if self.failed {
            Err(io::Error::other("an earlier write to this .sf file failed"))
        } else {
            Ok(())
        }
    }

    fn with_out<T>(&mut self, f: impl FnOnce(&mut W) -> io::Result<T>) -> io::Result<T> {
        let Some(out) = self.out.as_mut() else {
            return Err(io::Error::other("the .sf writer was already finished"));
        };
        let result = f(out);
        if result.is_err() {
            self.failed = true;
        }
        result
    }

    fn write_block(&mut self) -> io::Result<()> {
        if self.block_records == 0 {
            return Ok(());
        }
        let count = std::mem::take(&mut self.block_records);
        if self.threads > 0 && self.codec != Codec::Null {
            let Deflated { data, block: spare } = self.spare.pop().unwrap_or_else(|| Deflated {
                data: Vec::new(),
                block: Vec::with_capacity(self.block.capacity()),
            });
            let block = std::mem::replace(&mut self.block, spare);
            if self.pool.is_none() {
                self.pool = Some(
                    DeflatePool::start(self.threads, self.codec, self.engine, self.level)
                        .inspect_err(|_| self.failed = true)?,
                );
            }
            let result = match self.pool.as_ref() {
                Some(pool) => pool.submit(Deflated { data, block }),
                None => Err(io::Error::other("the deflate threads did not start")),
            }
            .inspect_err(|_| self.failed = true)?;
            self.in_flight.push_back((count, result));
            while self.in_flight.len() > self.threads {
                self.write_oldest()?;
            }
            return Ok(());
        }
        let data: &[u8] = match self.deflater.as_mut() {
            None => &self.block,
            Some(deflater) => {
                deflater
                    .deflate(&self.block, &mut self.compressed)
                    .inspect_err(|_| self.failed = true)?;
                &self.compressed
            }
        };
        let result = write_framed(self.out.as_mut(), count, data, &self.sync);
        self.block.clear();
        if result.is_err() {
            self.failed = true;
        }
        result
    }

    /// Waits for the oldest background block and writes it.
    fn write_oldest(&mut self) -> io::Result<()> {
        let Some((count, result)) = self.in_flight.pop_front() else {
            return Ok(());
        };
        let result = result
            .recv()
            .unwrap_or_else(|_| Err(io::Error::other("a deflate thread stopped")))
            .and_then(|mut done| {
                write_framed(self.out.as_mut(), count, &done.data, &self.sync)?;
                done.block.clear();
                self.spare.push(done);
                Ok(())
            });
        if result.is_err() {
            self.failed = true;
        }
        result
    }
}

/// Writes one block: record count, byte size, data, sync marker.
fn write_framed<W: Write>(
    out: Option<&mut W>,
    count: u64,
    data: &[u8],
    sync: &[u8],
) -> io::Result<()> {
    let Some(out) = out else {
        return Err(io::Error::other("the .sf writer was already finished"));
    };
    let mut head = Vec::with_capacity(20);
    put_long(&mut head, count as i64);
    put_long(&mut head, data.len() as i64);
    out.write_all(&head)?;
    out.write_all(data)?;
    out.write_all(sync)
}

impl<W: Write> Drop for SfWriter<W> {
    fn drop(&mut self) {
        if self.out.is_some() && !self.failed {
            // Errors cannot be reported from drop; `finish` is the way to see them.
            let _ = self.flush();
        }
        // Never leave deflate threads running behind a dropped writer: the
        // pool's drop joins them once pending results are discarded.
        self.in_flight.clear();
        self.pool = None;
    }
}
