//! Kernel events as stored in event blocks: header fields plus raw parameters.

use crate::abi::{self, AbiRevision, Direction, EventInfo};
use crate::error::{CaptureError, EventDefect};
use crate::param::ParamValue;
use crate::wire::Cursor;

/// Size of a V2 event header (ts, tid, len, type, nparams).
pub(crate) const HEADER_LEN_V2: u32 = 26;
/// Size of a V1 event header (no nparams).
pub(crate) const HEADER_LEN_V1: u32 = 22;

/// One event, owned.
///
/// Parameters are kept as raw bytes with the count and lengths found in the
/// file (which may be more or fewer than any table says); decode them with
/// [`Event::param`] or [`Event::params`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Event {
    /// 1-based position of the event among all events this reader has read.
    pub index: u64,
    /// Byte offset of the event block.
    pub offset: u64,
    /// CPU that produced the event.
    pub cpu: u16,
    /// Dump flags of `EVF` blocks (`None` for plain event blocks). Bit 0 is
    /// `SCAP_DF_STATE_ONLY`: sysdig uses such events for state but never shows them.
    pub dump_flags: Option<u32>,
    /// Timestamp in ns since the epoch.
    pub ts: u64,
    /// Host thread id (`u64::MAX`, i.e. -1, for some metadata events).
    pub tid: u64,
    /// Event type id.
    pub event_type: u16,
    /// Number of parameters: of lengths at the front of `data`.
    nparams: usize,
    /// Whether the lengths are u32 (large-payload events) or u16.
    wide: bool,
    /// The parameters as an event block holds them: `nparams` little-endian
    /// lengths, then the values one after another. Decoding copies them in
    /// one piece; a parameter's offset is summed when it is asked for, which
    /// costs less than building an offset table for every event (most
    /// events have a few parameters and only some are read).
    data: Vec<u8>,
}

impl Default for Event {
    /// An event with no parameters and every header field 0: a buffer to
    /// decode into.
    fn default() -> Event {
        Event::new(0, 0, 0, 0, &[])
    }
}

impl PartialEq for Event {
    /// Equal header fields and parameters, however the lengths are stored.
    fn eq(&self, other: &Event) -> bool {
        self.view() == other.view()
    }
}

impl Eq for Event {}

/// `PPME_CONTAINER_JSON_2_E`: a container's metadata, in JSON.
const PPME_CONTAINER_JSON_2_E: u16 = 324;

impl Event {
    /// Build an event from header fields and raw parameter values (for
    /// writing captures or tests). `index` and `offset` are 0.
    pub fn new(ts: u64, tid: u64, cpu: u16, event_type: u16, params: &[&[u8]]) -> Event {
        let wide = abi::has_large_payload(event_type)
            || params.iter().any(|p| p.len() > usize::from(u16::MAX));
        let values: usize = params.iter().map(|p| p.len()).sum();
        let mut data = Vec::with_capacity(params.len() * width(wide) + values);
        for p in params {
            push_len(&mut data, wide, p.len());
        }
        for p in params {
            data.extend_from_slice(p);
        }
        Event {
            index: 0,
            offset: 0,
            cpu,
            dump_flags: None,
            ts,
            tid,
            event_type,
            nparams: params.len(),
            wide,
            data,
        }
    }

    /// A container event as libsinsp writes one into a capture
    /// (`PPME_CONTAINER_JSON_2_E`, thread id -1): `json` is its
    /// `{"container": {...}}` object, stored NUL-terminated.
    ///
    /// A live collector makes these from what a container runtime answered,
    /// so that the processor, a saved capture and its replay all learn a
    /// container's metadata the way they would from libsinsp.
    pub fn container_json(ts: u64, json: &str) -> Event {
        let mut text = Vec::with_capacity(json.len() + 1);
        text.extend_from_slice(json.as_bytes());
        text.push(0);
        Event::new(ts, u64::MAX, 0, PPME_CONTAINER_JSON_2_E, &[&text])
    }

    /// This event as an [`EventRef`], which holds the accessors.
    #[inline]
    pub fn view(&self) -> EventRef<'_> {
        EventRef {
            index: self.index,
            offset: self.offset,
            cpu: self.cpu,
            dump_flags: self.dump_flags,
            ts: self.ts,
            tid: self.tid,
            event_type: self.event_type,
            nparams: self.nparams,
            wide: self.wide,
            data: &self.data,
        }
    }

    /// Parameter lengths as stored.
    pub(crate) fn param_lens(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.view().param_lens()
    }

    /// Concatenated parameter values.
    pub(crate) fn param_data(&self) -> &[u8] {
        self.view().param_data()
    }

    /// Decode an event from an event block body (after cpuid and any flags)
    /// into `self`, reusing its buffers. `v1` selects the V1 header, whose
    /// parameter count is derived. On error `self` is unchanged.
    pub(crate) fn decode_from(
        &mut self,
        body: &[u8],
        v1: bool,
        offset: u64,
        cpu: u16,
        dump_flags: Option<u32>,
    ) -> Result<(), CaptureError> {
        let ev = EventRef::parse(body, v1, offset, cpu, dump_flags)?;
        self.copy_from(&ev);
        Ok(())
    }

    /// Make `self` a copy of `ev`, reusing its buffer.
    pub fn copy_from(&mut self, ev: &EventRef<'_>) {
        // One copy of lengths and values (bounded by the block they came
        // from, which bounds the allocation).
        self.data.clear();
        self.data.extend_from_slice(ev.data);
        self.nparams = ev.nparams;
        self.wide = ev.wide;
        self.index = ev.index;
        self.offset = ev.offset;
        self.cpu = ev.cpu;
        self.dump_flags = ev.dump_flags;
        self.ts = ev.ts;
        self.tid = ev.tid;
        self.event_type = ev.event_type;
    }

    /// Asks the CPU to start loading the event's parameters into its cache.
    ///
    /// Live events wait a few milliseconds in the reorder window, long
    /// enough for a busy host to evict them: the first read of a parameter
    /// was then a quarter of the collector's time (two cache misses per
    /// event). The window prefetches the next event as it releases one.
    #[inline]
    pub(crate) fn prefetch(&self) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            // SAFETY: a prefetch is a hint: it never faults and reads
            // nothing into the program, whatever the address.
            unsafe {
                _mm_prefetch::<_MM_HINT_T0>(self.data.as_ptr().cast());
            }
        }
    }

    /// Bytes this event's buffers hold, used or not (for pools that keep
    /// events to decode into again).
    pub(crate) fn capacity_bytes(&self) -> usize {
        self.data.capacity()
    }

    /// Enter or exit, from the low bit of the type id.
    pub fn direction(&self) -> Direction {
        self.view().direction()
    }

    /// The current table's entry for this event type.
    pub fn info(&self) -> Option<&'static EventInfo> {
        self.view().info()
    }

    /// The table entry of a given revision for this event type.
    #[inline]
    pub fn info_in(&self, rev: AbiRevision) -> Option<&'static EventInfo> {
        self.view().info_in(rev)
    }

    /// Whether `EVF` dump flags mark the event as state-only (never shown).
    pub fn is_state_only(&self) -> bool {
        self.view().is_state_only()
    }

    /// Number of parameters stored in the file.
    pub fn nparams(&self) -> usize {
        self.nparams
    }

    /// The raw bytes of parameter `index`, or `None` past the stored count.
    #[inline]
    pub fn raw_param(&self, index: usize) -> Option<&[u8]> {
        self.view().raw_param(index)
    }

    /// Empty every parameter the current ABI names `env` (execve's and
    /// execveat's exit events), so that no environment value is kept, e.g.
    /// for a capture that will be shared. Returns whether any byte was
    /// removed.
    pub fn scrub_env(&mut self) -> bool {
        let Some(info) = crate::abi::event_info(self.event_type) else {
            return false;
        };
        let mut removed = false;
        for (index, param) in info.params.iter().enumerate() {
            if param.name == "env" && self.raw_param(index).is_some_and(|v| !v.is_empty()) {
                removed |= self.replace_param(index, &[]);
            }
        }
        removed
    }

    /// Replace the raw bytes of stored parameter `index` with `value`.
    /// Returns false (changing nothing) when the event has no such parameter.
    pub fn replace_param(&mut self, index: usize, value: &[u8]) -> bool {
        let Some((start, end)) = self.view().span(index) else {
            return false;
        };
        if end > self.data.len() {
            return false;
        }
        if !self.wide && value.len() > usize::from(u16::MAX) {
            self.widen();
            return self.replace_param(index, value);
        }
        // The tail moves once, in bulk: `Vec::splice` copied the value in
        // byte by byte, 2,000 instructions for each cgroup list the live
        // engine puts into an exec or clone.
        let (old, new) = (end - start, value.len());
        let len = self.data.len();
        if new > old {
            self.data.resize(len + (new - old), 0);
            self.data.copy_within(end..len, start + new);
        } else if new < old {
            self.data.copy_within(end..len, start + new);
            self.data.truncate(len - (old - new));
        }
        if let Some(slot) = self.data.get_mut(start..start + new) {
            slot.copy_from_slice(value);
        }
        let w = width(self.wide);
        let mut len = Vec::with_capacity(w);
        push_len(&mut len, self.wide, value.len());
        if let Some(slot) = self.data.get_mut(index * w..index * w + w) {
            slot.copy_from_slice(&len);
        }
        true
    }

    /// Store the lengths as u32, for a value u16 cannot count.
    fn widen(&mut self) {
        let lens: Vec<u32> = self.param_lens().collect();
        let mut data = Vec::with_capacity(self.data.len() + 2 * lens.len());
        for l in lens {
            data.extend_from_slice(&l.to_le_bytes());
        }
        data.extend_from_slice(self.param_data());
        self.data = data;
        self.wide = true;
    }

    /// Iterate over the raw bytes of every stored parameter.
    #[inline]
    pub fn raw_params(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.view().raw_params()
    }

    /// For generic syscall events (ids 0 and 1), the PPM_SC code of the syscall.
    #[inline]
    pub fn generic_syscall(&self) -> Option<u16> {
        self.view().generic_syscall()
    }

    /// The name sysdig-style tools show as the event type: the table name,
    /// or for generic events the syscall's name. `None` for unknown ids.
    #[inline]
    pub fn type_name(&self, rev: AbiRevision) -> Option<&'static str> {
        self.view().type_name(rev)
    }

    /// Decode parameter `index` by the type the given revision declares.
    ///
    /// Returns `None` past the stored count or when the table does not
    /// describe the slot.
    pub fn param(
        &self,
        rev: AbiRevision,
        index: usize,
    ) -> Option<Result<ParamValue<'_>, CaptureError>> {
        self.view().param(rev, index)
    }

    /// Decode every parameter that both the file and the table have
    /// (`min(nparams, table)` of them, like libsinsp), with its table name.
    #[inline]
    pub fn params(
        &self,
        rev: AbiRevision,
    ) -> impl Iterator<Item = (&'static str, Result<ParamValue<'_>, CaptureError>)> + '_ {
        self.view().params(rev)
    }
}

/// One event where it lies: in a reader's buffer
/// ([`ScapReader::read_event_ref`](crate::ScapReader::read_event_ref)), or
/// in an owned [`Event`] ([`Event::view`]). Reading a capture through these
/// copies no parameter; [`Event::copy_from`] keeps one.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct EventRef<'a> {
    /// 1-based position of the event among all events the reader has read
    /// (0 for events not read from a capture).
    pub index: u64,
    /// Byte offset of the event block.
    pub offset: u64,
    /// CPU that produced the event.
    pub cpu: u16,
    /// Dump flags of `EVF` blocks, as in [`Event::dump_flags`].
    pub dump_flags: Option<u32>,
    /// Timestamp in ns since the epoch.
    pub ts: u64,
    /// Host thread id.
    pub tid: u64,
    /// Event type id.
    pub event_type: u16,
    nparams: usize,
    wide: bool,
    /// `nparams` lengths, then the values.
    data: &'a [u8],
}

impl PartialEq for EventRef<'_> {
    /// Equal header fields and parameters, however the lengths are stored.
    fn eq(&self, other: &EventRef<'_>) -> bool {
        self.index == other.index
            && self.offset == other.offset
            && self.cpu == other.cpu
            && self.dump_flags == other.dump_flags
            && self.ts == other.ts
            && self.tid == other.tid
            && self.event_type == other.event_type
            && self.nparams == other.nparams
            && self.raw_params().eq(other.raw_params())
    }
}

impl Eq for EventRef<'_> {}

impl<'a> EventRef<'a> {
    /// Parse an event block body (after cpuid and any flags). `v1` selects
    /// the V1 header, whose parameter count is derived.
    #[inline]
    pub(crate) fn parse(
        body: &'a [u8],
        v1: bool,
        offset: u64,
        cpu: u16,
        dump_flags: Option<u32>,
    ) -> Result<EventRef<'a>, CaptureError> {
        let bad = |event_type, defect| CaptureError::BadEvent {
            offset,
            event_type,
            defect,
        };
        let mut c = Cursor::new(body);
        let short = || bad(0, EventDefect::ShortHeader);
        let ts = c.u64().ok_or_else(short)?;
        let tid = c.u64().ok_or_else(short)?;
        let len = c.u32().ok_or_else(short)?;
        let event_type = c.u16().ok_or_else(short)?;
        let header_len = if v1 { HEADER_LEN_V1 } else { HEADER_LEN_V2 };
        let nparams_field = if v1 {
            None
        } else {
            Some(c.u32().ok_or_else(short)?)
        };
        let len_defect = EventDefect::Length {
            len,
            available: body.len(),
        };
        if len < header_len || usize::try_from(len).map_or(true, |l| l > body.len()) {
            return Err(bad(event_type, len_defect));
        }
        // Parameters live between the header and `len`.
        let rest = body
            .get(header_len as usize..len as usize)
            .ok_or_else(|| bad(event_type, len_defect))?;
        let width = if abi::has_large_payload(event_type) {
            4
        } else {
            2
        };
        let nparams = match nparams_field {
            Some(n) => n,
            None => derive_nparams(event_type, rest, width)
                .ok_or_else(|| bad(event_type, EventDefect::V1ParamCount { len }))?,
        };
        let overrun = || bad(event_type, EventDefect::Params { nparams, len });
        let array_len = usize::try_from(nparams)
            .ok()
            .and_then(|n| n.checked_mul(width))
            .filter(|&n| n <= rest.len())
            .ok_or_else(overrun)?;
        let (array, values) = rest.split_at(array_len);
        // The sum is bounded: the array is in the block, which is at most
        // 4 GiB, so it holds under 2^30 lengths of under 2^32 each.
        let total: usize = if width == 4 {
            let lens = array.as_chunks::<4>().0;
            lens.iter().map(|&l| u32::from_le_bytes(l) as usize).sum()
        } else {
            let lens = array.as_chunks::<2>().0;
            lens.iter()
                .map(|&l| usize::from(u16::from_le_bytes(l)))
                .sum()
        };
        if total > values.len() {
            return Err(overrun());
        }
        Ok(EventRef {
            index: 0,
            offset,
            cpu,
            dump_flags,
            ts,
            tid,
            event_type,
            nparams: array_len / width,
            wide: width == 4,
            data: rest.get(..array_len + total).ok_or_else(overrun)?,
        })
    }

    /// An owned copy.
    pub fn to_event(&self) -> Event {
        let mut ev = Event::default();
        ev.copy_from(self);
        ev
    }

    /// Parameter lengths as stored.
    pub fn param_lens(self) -> impl ExactSizeIterator<Item = u32> + 'a {
        let lens = self.data.get(..self.lens_len()).unwrap_or_default();
        lens.chunks_exact(width(self.wide)).map(|l| match *l {
            [a, b] => u32::from(u16::from_le_bytes([a, b])),
            [a, b, c, d] => u32::from_le_bytes([a, b, c, d]),
            _ => 0,
        })
    }

    /// Concatenated parameter values (each [`raw_param`](EventRef::raw_param),
    /// in order).
    pub fn param_data(&self) -> &'a [u8] {
        self.data.get(self.lens_len()..).unwrap_or_default()
    }

    /// Bytes of the length array at the front of `data`.
    #[inline]
    fn lens_len(&self) -> usize {
        self.nparams * width(self.wide)
    }

    /// The length of parameter `index` (< `nparams`).
    #[inline]
    fn len_at(&self, index: usize) -> usize {
        if self.wide {
            let at = index * 4;
            match self.data.get(at..at + 4) {
                Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]) as usize,
                _ => 0,
            }
        } else {
            let at = index * 2;
            match self.data.get(at..at + 2) {
                Some(&[a, b]) => usize::from(u16::from_le_bytes([a, b])),
                _ => 0,
            }
        }
    }

    /// Where parameter `index` lies in `data`: its offset is summed when
    /// it is asked for, which costs less than building an offset table for
    /// every event (most events have a few parameters and only some are
    /// read).
    #[inline]
    fn span(&self, index: usize) -> Option<(usize, usize)> {
        if index >= self.nparams {
            return None;
        }
        let start = (0..index).fold(self.lens_len(), |at, i| at + self.len_at(i));
        Some((start, start + self.len_at(index)))
    }

    /// Enter or exit, from the low bit of the type id.
    pub fn direction(&self) -> Direction {
        Direction::of(self.event_type)
    }

    /// The current table's entry for this event type.
    pub fn info(&self) -> Option<&'static EventInfo> {
        abi::event_info(self.event_type)
    }

    /// The table entry of a given revision for this event type.
    #[inline]
    pub fn info_in(&self, rev: AbiRevision) -> Option<&'static EventInfo> {
        rev.event(self.event_type)
    }

    /// Whether `EVF` dump flags mark the event as state-only (never shown).
    pub fn is_state_only(&self) -> bool {
        self.dump_flags.is_some_and(|f| f & 1 != 0)
    }

    /// Number of parameters stored in the file.
    pub fn nparams(&self) -> usize {
        self.nparams
    }

    /// The raw bytes of parameter `index`, or `None` past the stored count.
    #[inline]
    pub fn raw_param(&self, index: usize) -> Option<&'a [u8]> {
        let (start, end) = self.span(index)?;
        self.data.get(start..end)
    }

    /// Iterate over the raw bytes of every stored parameter.
    #[inline]
    pub fn raw_params(self) -> impl Iterator<Item = &'a [u8]> + 'a {
        // Lengths past the data (impossible for parsed events) give empty
        // parameters.
        let ev = self;
        let mut at = ev.lens_len();
        (0..ev.nparams).map(move |i| {
            let end = at + ev.len_at(i);
            let p = ev.data.get(at..end).unwrap_or_default();
            at = end;
            p
        })
    }

    /// For generic syscall events (ids 0 and 1), the PPM_SC code of the syscall.
    #[inline]
    pub fn generic_syscall(&self) -> Option<u16> {
        if self.event_type > 1 {
            return None;
        }
        let raw = self.raw_param(0)?;
        Some(u16::from_le_bytes(raw.try_into().ok()?))
    }

    /// The name sysdig-style tools show as the event type: the table name,
    /// or for generic events the syscall's name. `None` for unknown ids.
    #[inline]
    pub fn type_name(&self, rev: AbiRevision) -> Option<&'static str> {
        if let Some(code) = self.generic_syscall() {
            return rev.generic_syscall_name(code);
        }
        self.info_in(rev).map(|i| i.name)
    }

    /// Decode parameter `index` by the type the given revision declares.
    ///
    /// Returns `None` past the stored count or when the table does not
    /// describe the slot.
    pub fn param(
        &self,
        rev: AbiRevision,
        index: usize,
    ) -> Option<Result<ParamValue<'a>, CaptureError>> {
        let info = self.info_in(rev)?.params.get(index)?;
        let raw = self.raw_param(index)?;
        Some(
            ParamValue::decode(info.ty, raw).ok_or_else(|| CaptureError::BadParam {
                event_type: self.event_type,
                index,
                ty: info.ty,
                len: raw.len(),
            }),
        )
    }

    /// Decode every parameter that both the file and the table have
    /// (`min(nparams, table)` of them, like libsinsp), with its table name.
    #[inline]
    pub fn params(
        self,
        rev: AbiRevision,
    ) -> impl Iterator<Item = (&'static str, Result<ParamValue<'a>, CaptureError>)> + 'a {
        let infos = self.info_in(rev).map(|i| i.params).unwrap_or_default();
        let event_type = self.event_type;
        infos
            .iter()
            .zip(self.raw_params())
            .enumerate()
            .map(move |(index, (info, raw))| {
                let value =
                    ParamValue::decode(info.ty, raw).ok_or_else(|| CaptureError::BadParam {
                        event_type,
                        index,
                        ty: info.ty,
                        len: raw.len(),
                    });
                (info.name, value)
            })
    }
}

/// Bytes per length for narrow (u16) or wide (u32) lengths.
#[inline]
fn width(wide: bool) -> usize {
    if wide { 4 } else { 2 }
}

/// Append `len` as a narrow or wide length (`len` fits: the caller
/// checked, or it came from a length of that width).
fn push_len(data: &mut Vec<u8>, wide: bool, len: usize) {
    if wide {
        data.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_le_bytes());
    } else {
        data.extend_from_slice(&u16::try_from(len).unwrap_or(u16::MAX).to_le_bytes());
    }
}

/// Derive the parameter count of a V1 event: the largest count, starting
/// from the table's, whose length array and values exactly fill `rest`.
fn derive_nparams(event_type: u16, rest: &[u8], width: usize) -> Option<u32> {
    let table = abi::event_info(event_type).map_or(0, |i| i.params.len());
    (0..=table).rev().find_map(|n| {
        let mut c = Cursor::new(rest);
        let mut total = n * width;
        for _ in 0..n {
            let l = if width == 4 {
                c.u32()? as usize
            } else {
                usize::from(c.u16()?)
            };
            total = total.checked_add(l)?;
        }
        (total == rest.len())
            .then(|| u32::try_from(n).ok())
            .flatten()
    })
}

#[cfg(test)]
mod scrub_tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::Event;

    fn execve_exit() -> (u16, usize, usize) {
        let id = (0..u16::MAX)
            .find(|&id| {
                crate::abi::event_info(id).is_some_and(|i| i.symbol == "PPME_SYSCALL_EXECVE_19_X")
            })
            .expect("execve exit in the table");
        let params = crate::abi::event_info(id).unwrap().params;
        let env = params.iter().position(|p| p.name == "env").unwrap();
        (id, params.len(), env)
    }

    #[test]
    fn scrub_env_empties_only_the_env_parameter() {
        let (id, n, env) = execve_exit();
        let values: Vec<Vec<u8>> = (0..n)
            .map(|i| {
                if i == env {
                    b"HOME=/root\0TOKEN=abc\0".to_vec()
                } else {
                    vec![u8::try_from(i).unwrap(); 3]
                }
            })
            .collect();
        let refs: Vec<&[u8]> = values.iter().map(Vec::as_slice).collect();
        let mut ev = Event::new(7, 8, 1, id, &refs);
        assert!(ev.scrub_env());
        assert_eq!(ev.raw_param(env), Some(&[][..]));
        for (i, v) in values.iter().enumerate().filter(|(i, _)| *i != env) {
            assert_eq!(ev.raw_param(i), Some(v.as_slice()), "param {i}");
        }
        assert_eq!(ev.nparams(), n);
        assert!(!ev.scrub_env(), "nothing left to remove");
    }

    #[test]
    fn scrub_env_leaves_events_without_env_alone() {
        let (id, _, env) = execve_exit();
        // Fewer parameters stored than the env slot: nothing to do.
        let short: Vec<&[u8]> = vec![b"x"; env];
        let mut ev = Event::new(1, 1, 0, id, &short);
        assert!(!ev.scrub_env());
        // close has no env.
        let mut close = Event::new(1, 1, 0, 0, &[b"abc"]);
        assert!(!close.scrub_env());
        assert_eq!(close.raw_param(0), Some(&b"abc"[..]));
    }

    #[test]
    fn replace_param_grows_and_shrinks_one_slot() {
        let mut ev = Event::new(1, 1, 0, 0, &[b"ab", b"cdef", b"g"]);
        assert!(ev.replace_param(1, b"0123456789"));
        let params: Vec<&[u8]> = ev.raw_params().collect();
        assert_eq!(params, [&b"ab"[..], b"0123456789", b"g"]);
        assert!(ev.replace_param(1, b""));
        assert!(ev.replace_param(0, b"xyz"));
        let params: Vec<&[u8]> = ev.raw_params().collect();
        assert_eq!(params, [&b"xyz"[..], b"", b"g"]);
        assert!(!ev.replace_param(3, b"no such slot"));
        assert_eq!(ev.nparams(), 3);
    }

    #[test]
    fn a_value_too_long_for_u16_lengths_widens_them() {
        let mut ev = Event::new(1, 1, 0, 0, &[b"ab", b"cd"]);
        assert!(!ev.wide, "narrow lengths, as a close event's block has");
        let long = vec![7u8; 70_000];
        assert!(ev.replace_param(1, &long));
        assert!(ev.wide);
        let params: Vec<&[u8]> = ev.raw_params().collect();
        assert_eq!(params, [&b"ab"[..], long.as_slice()]);
        assert_eq!(ev.param_lens().collect::<Vec<_>>(), [2, 70_000]);
    }

    #[test]
    fn events_compare_by_parameters_whatever_width_holds_their_lengths() {
        let narrow = Event::new(1, 1, 0, 0, &[b"ab", b"cd"]);
        let mut wide = narrow.clone();
        wide.widen();
        assert_eq!(narrow, wide);
        let mut other = narrow.clone();
        assert!(other.replace_param(1, b"ce"));
        assert_ne!(narrow, other);
    }
}
