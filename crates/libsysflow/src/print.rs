//! Trying a filter on a capture: the events that pass it, one line each, as
//! sysdig prints them with `-p '%evt.rawtime %thread.tid %evt.type %evt.dir'`
//! (`sysporter -r FILE -f EXPR --print-events`).

use std::io::Write;
use std::path::Path;

use sysflow_capture::{AbiRevision, Direction, Event, Next, ScapReader};
use sysflow_core::{CoreConfig, Processor};
use sysflow_types::{RecordSink, SysFlow};

use crate::driver::{compile_filter, open_input};
use crate::error::SysFlowError;

/// sysdig 0.29's `PPM_EVENT_MAX`: it neither numbers nor prints events of
/// larger ids.
const SYSDIG_EVENT_MAX: u16 = 336;

/// Container event ids (`PPME_CONTAINER_E`, `_JSON_E`, `_JSON_2_E`): those
/// before the first other event are consumed when sysdig opens the file.
const CONTAINER_EVENTS: [u16; 3] = [228, 272, 324];

/// sysdig 0.29's `EC_INTERNAL` events (drop, sysdigevent, container,
/// procinfo, k8s, mesos, infra), which it shows only with `-D`.
const INTERNAL_EVENTS: [u16; 11] = [148, 149, 196, 197, 228, 229, 234, 235, 260, 270, 286];

/// `SCAP_DF_STATE_ONLY`: an event sysdig applies to its state, never shows.
const STATE_ONLY: u32 = 1;

/// What [`print_events`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PrintStats {
    /// Events read.
    pub events: u64,
    /// Events printed: those that pass the filter and sysdig would show.
    pub printed: u64,
}

/// Reads the capture at `input` (plain or gzipped; `-` is standard input),
/// applies every event to the state tables as a conversion would, and
/// writes to `out` a line `RAWTIME TID TYPE DIR` for each event that passes
/// `filter` (every event without one) and that sysdig would print: the line
/// `sysdig -r FILE -p '%evt.rawtime %thread.tid %evt.type %evt.dir' 'FILTER'`
/// prints for it.
pub fn print_events(
    input: &Path,
    filter: Option<&str>,
    out: &mut dyn Write,
) -> Result<PrintStats, SysFlowError> {
    let filter = compile_filter(filter)?;
    let file = open_input(input).map_err(|source| SysFlowError::OpenCapture {
        path: input.to_owned(),
        source,
    })?;
    let mut reader =
        ScapReader::new(file).map_err(|e| SysFlowError::capture(input.to_owned(), e))?;
    let mut processor = Processor::new(CoreConfig::default());
    processor.set_filter(filter);
    let mut stats = PrintStats::default();
    let mut event = Event::default();
    let mut leading = true;
    let write_failed = SysFlowError::PrintOutput;
    loop {
        match reader.read_item(&mut event) {
            Ok(Some(Next::Event)) => {}
            Ok(Some(Next::Item(item))) => {
                // The process and fd lists: state only.
                let _ = processor.handle(&item, &mut Discard);
                continue;
            }
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(e) => return Err(SysFlowError::capture(input.to_owned(), e)),
        }
        stats.events += 1;
        let passes = processor.filter_event(&event);
        let ty = event.event_type;
        if leading && CONTAINER_EVENTS.contains(&ty) {
            continue;
        }
        leading = false;
        let shown = ty < SYSDIG_EVENT_MAX
            && !INTERNAL_EVENTS.contains(&ty)
            && event.dump_flags.is_none_or(|f| f & STATE_ONLY == 0);
        if !passes || !shown {
            continue;
        }
        let name = event.type_name(AbiRevision::Sysdig0_29).unwrap_or("NA");
        let dir = match event.direction() {
            Direction::Enter => '>',
            Direction::Exit => '<',
        };
        match writeln!(out, "{} {} {name} {dir}", event.ts, event.tid as i64) {
            Ok(()) => {}
            // A reader that has seen enough (`| head`) ends the run quietly.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(stats),
            Err(e) => return Err(write_failed(e)),
        }
        stats.printed += 1;
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(write_failed(e)),
        _ => {}
    }
    Ok(stats)
}

/// A sink for the records a print run never writes.
struct Discard;

impl RecordSink for Discard {
    type Error = std::convert::Infallible;

    fn record(&mut self, _: &SysFlow) -> Result<(), Self::Error> {
        Ok(())
    }
}
