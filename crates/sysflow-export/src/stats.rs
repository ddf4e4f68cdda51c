//! Counters every sink keeps: [`SinkStats`], records sent and dropped by type.

use sysflow_types::RecordType;

/// Why a sink dropped records, one counter per reason.
///
/// Only the socket sink drops records; files and callbacks either take a
/// record or fail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DropReasons {
    /// No connection to the server (it was never up, went away, or is being
    /// retried).
    pub disconnected: u64,
    /// Connected again, but the producer has not started the new segment yet:
    /// the record might reference an entity this connection never saw.
    pub awaiting_segment: u64,
    /// The server did not take the packet within the send timeout (a slow or
    /// stuck reader), or the sink is backing off after such a timeout.
    pub timed_out: u64,
    /// The encoded record is larger than the server's packet limit.
    pub oversized: u64,
}

impl DropReasons {
    /// Every dropped record, whatever the reason.
    pub fn total(&self) -> u64 {
        self.disconnected + self.awaiting_segment + self.timed_out + self.oversized
    }

    fn add(&mut self, other: &DropReasons) {
        self.disconnected += other.disconnected;
        self.awaiting_segment += other.awaiting_segment;
        self.timed_out += other.timed_out;
        self.oversized += other.oversized;
    }
}

/// What a sink did with the records it was given.
///
/// Counts are indexed by [`RecordType::index`]; headers the sink writes
/// itself are counted in [`sent`](SinkStats::sent) too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SinkStats {
    /// Records delivered (written to a file, sent as a packet, or taken by the
    /// callback), by type.
    pub sent: [u64; RecordType::ALL.len()],
    /// Records dropped, by type.
    pub dropped: [u64; RecordType::ALL.len()],
    /// Records dropped, by reason.
    pub drop_reasons: DropReasons,
    /// Successful connections after the first one (socket sink).
    pub reconnects: u64,
    /// Segments started, each with a header: files opened, or headers sent.
    pub segments: u64,
    /// Bytes delivered: file bytes written to disk, or packet payload bytes.
    pub bytes: u64,
    /// Entities a [`MultiSink`](crate::MultiSink) wrote to this sink again,
    /// from its store, in a segment the sink started alone (after a
    /// reconnection); counted in [`sent`](SinkStats::sent) too when they
    /// went out.
    pub replayed: u64,
}

impl SinkStats {
    /// Records of one type delivered.
    pub fn sent_of(&self, ty: RecordType) -> u64 {
        self.sent.get(ty.index()).copied().unwrap_or_default()
    }

    /// Records of one type dropped.
    pub fn dropped_of(&self, ty: RecordType) -> u64 {
        self.dropped.get(ty.index()).copied().unwrap_or_default()
    }

    /// Records delivered, headers included.
    pub fn sent_total(&self) -> u64 {
        self.sent.iter().sum()
    }

    /// Records dropped.
    pub fn dropped_total(&self) -> u64 {
        self.dropped.iter().sum()
    }

    /// Adds another sink's counts to these (a fan-out's totals).
    pub fn add(&mut self, other: &SinkStats) {
        for (a, b) in self.sent.iter_mut().zip(other.sent) {
            *a += b;
        }
        for (a, b) in self.dropped.iter_mut().zip(other.dropped) {
            *a += b;
        }
        self.drop_reasons.add(&other.drop_reasons);
        self.reconnects += other.reconnects;
        self.segments += other.segments;
        self.bytes += other.bytes;
        self.replayed += other.replayed;
    }

    pub(crate) fn count_sent(&mut self, ty: RecordType) {
        if let Some(n) = self.sent.get_mut(ty.index()) {
            *n += 1;
        }
    }

    pub(crate) fn count_dropped(&mut self, ty: RecordType, why: DropReason) {
        if let Some(n) = self.dropped.get_mut(ty.index()) {
            *n += 1;
        }
        let r = &mut self.drop_reasons;
        match why {
            DropReason::Disconnected => r.disconnected += 1,
            DropReason::AwaitingSegment => r.awaiting_segment += 1,
            DropReason::TimedOut => r.timed_out += 1,
            DropReason::Oversized => r.oversized += 1,
        }
    }
}

/// One reason of [`DropReasons`], for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DropReason {
    Disconnected,
    AwaitingSegment,
    TimedOut,
    Oversized,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_type_and_reason_add_up() {
        let mut a = SinkStats::default();
        a.count_sent(RecordType::Header);
        a.count_sent(RecordType::Process);
        a.count_dropped(RecordType::FileFlow, DropReason::TimedOut);
        a.count_dropped(RecordType::FileFlow, DropReason::Oversized);
        a.bytes = 10;
        let mut total = SinkStats::default();
        total.add(&a);
        total.add(&a);
        assert_eq!(total.sent_total(), 4);
        assert_eq!(total.sent_of(RecordType::Process), 2);
        assert_eq!(total.dropped_of(RecordType::FileFlow), 4);
        assert_eq!(total.drop_reasons.timed_out, 2);
        assert_eq!(total.drop_reasons.total(), total.dropped_total());
        assert_eq!(total.bytes, 20);
    }
}
