//! Reading a flat list of segments into a message's groups, and writing the groups back in order.
//!
//! A [`Reader`] walks the parsed segments; each message's reader asks it for the segments its
//! structure expects. A segment that does not fit where it stands is kept as an [`ExtraSegment`] at its
//! position (the number of structured segments before it), so the message re-encodes in its original
//! order, and it is reported as unexpected or out of order.

use crate::er7::{self, Writer};

use super::super::any::{AnySegment, is_declared};
use super::super::codec::{DecodeCx, SegmentType};
use super::super::issue::DecodeIssueKind;
use super::super::reflect::{OccurrenceCounter, SegmentRef, SegmentView};

/// A segment kept where the message structure had no place for it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtraSegment {
    /// How many structured segments precede it in the message.
    pub position: usize,
    /// The segment, decoded by its id.
    pub segment: AnySegment,
}

pub(crate) struct Reader<'m, 'a, 'c> {
    msg: &'m er7::Message<'a>,
    next: usize,
    accepted: usize,
    pub(crate) extras: Vec<ExtraSegment>,
    pub(crate) cx: &'c mut DecodeCx,
}

impl<'m, 'a, 'c> Reader<'m, 'a, 'c> {
    pub(crate) fn new(msg: &'m er7::Message<'a>, cx: &'c mut DecodeCx) -> Self {
        Reader {
            msg,
            next: 0,
            accepted: 0,
            extras: Vec::new(),
            cx,
        }
    }

    /// The id of the next segment.
    pub(crate) fn peek(&self) -> Option<&'a str> {
        if self.cx.exhausted().is_some() {
            // Past the decode budget nothing more is read: the caller reports the message as too
            // large.
            return None;
        }
        self.msg.segment_id(self.next)
    }

    /// How many of the segments not yet read have an id that `matches`, counting to `max` at most (a
    /// capacity hint).
    pub(crate) fn count_ahead(&self, matches: impl Fn(&str) -> bool, max: usize) -> usize {
        self.count_ahead_until(matches, |_| false, max)
    }

    /// How many of the segments not yet read have an id that `matches`, up to the first (after the
    /// next) whose id is an `end`, counting to `max` at most.
    pub(crate) fn count_ahead_until(
        &self,
        matches: impl Fn(&str) -> bool,
        end: impl Fn(&str) -> bool,
        max: usize,
    ) -> usize {
        let mut n = 0;
        for id in (self.next..self.msg.segment_count()).filter_map(|i| self.msg.segment_id(i)) {
            if n >= max || (n > 0 && end(id)) {
                break;
            }
            n += usize::from(matches(id));
        }
        n
    }

    /// Decodes the next segment as `T` (the caller has checked its id).
    pub(crate) fn take<T: SegmentType>(&mut self) -> T {
        let mut out = T::default();
        self.take_into(&mut out);
        out
    }

    /// Decodes the next segment into `slot` in place (no copy of a large segment): a segment held
    /// from an earlier decode is overwritten, its boxes and vectors reused.
    pub(crate) fn take_into<T: SegmentType>(&mut self, slot: &mut T) {
        let Some(seg) = self.msg.segment(self.next) else {
            return;
        };
        self.cx.at_segment(self.next, seg.id());
        self.next += 1;
        self.accepted += 1;
        if self.cx.charge(std::mem::size_of::<T>(), seg.span().start) {
            slot.decode_into(&seg, self.cx);
        } else {
            *slot = T::default();
        }
    }

    /// Decodes the next segment into element `*used` of `list` (the one held from an earlier decode,
    /// or a new one), and counts it.
    pub(crate) fn take_next<T: SegmentType>(&mut self, list: &mut Vec<T>, used: &mut usize) {
        if let Some(slot) = next_slot(list, used) {
            self.take_into(slot);
        }
    }

    /// Decodes the next segment into `slot`, in place when it holds one from an earlier decode.
    pub(crate) fn take_opt<T: SegmentType>(&mut self, slot: &mut Option<T>) {
        self.take_into(slot.get_or_insert_with(T::default));
    }

    /// Decodes the next segment into the box in `slot`, reusing the box it holds.
    pub(crate) fn take_boxed<T: SegmentType>(&mut self, slot: &mut Option<Box<T>>) {
        self.take_into(&mut **slot.get_or_insert_with(Box::default));
    }

    /// Counts `bytes` of a group the message is about to hold against the decode budget, at the
    /// next segment; false once the budget is spent.
    pub(crate) fn charge(&mut self, bytes: usize) -> bool {
        let at = self
            .msg
            .segment(self.next)
            .map_or(self.msg.as_bytes().len(), |s| s.span().start);
        self.cx.charge(bytes, at)
    }

    /// Keeps the next segment as an extra, reported as out of order when `known` (the structure has a
    /// place for it elsewhere) and as unexpected otherwise.
    pub(crate) fn take_extra(&mut self, known: bool) {
        let Some(seg) = self.msg.segment(self.next) else {
            return;
        };
        self.cx.at_segment(self.next, seg.id());
        let kind = if known && is_declared(seg.id()) {
            DecodeIssueKind::OutOfOrder
        } else {
            DecodeIssueKind::UnexpectedSegment
        };
        let first = seg.field(1);
        self.cx.report(kind, first.as_ref());
        if let Some(issue) = self.cx.issues.last_mut() {
            issue.location.offset = Some(seg.span().start);
            issue.location.field = 0;
        }
        self.next += 1;
        if !self
            .cx
            .charge(std::mem::size_of::<ExtraSegment>(), seg.span().start)
        {
            return;
        }
        let segment = AnySegment::decode(&seg, self.cx);
        self.extras.push(ExtraSegment {
            position: self.accepted,
            segment,
        });
    }

    /// Reports a required segment that is not there.
    pub(crate) fn missing(&mut self, id: &str) {
        let index = self.next;
        self.cx.at_segment(index, id);
        self.cx.report(DecodeIssueKind::MissingSegment, None);
    }
}

/// Element `*used` of `list` to be filled, counting it: the one held there from an earlier decode
/// (reused in place), or a new default one. After the last, `list.truncate(used)` drops what was
/// left over.
pub(crate) fn next_slot<'v, T: Default>(
    list: &'v mut Vec<T>,
    used: &mut usize,
) -> Option<&'v mut T> {
    if *used >= list.len() {
        list.push(T::default());
    }
    let slot = list.get_mut(*used);
    *used += 1;
    slot
}

/// What a message's segments are written to, in order: the [`Emitter`] (bytes) or the [`Walker`]
/// (a visitor). Each message structure states its order once, in its `emit`.
pub(crate) trait Sink<'m> {
    /// One structured segment.
    fn emit<T: SegmentType>(&mut self, seg: &'m T);
    /// An ORDER group begins.
    fn begin_order(&mut self) {}
    /// The ORDER group ends.
    fn end_order(&mut self) {}
    /// An optional segment.
    fn emit_boxed<T: SegmentType>(&mut self, seg: &'m Option<Box<T>>) {
        if let Some(s) = seg {
            self.emit(&**s);
        }
    }

    fn emit_opt<T: SegmentType>(&mut self, seg: &'m Option<T>) {
        if let Some(s) = seg {
            self.emit(s);
        }
    }
    /// A list of segments.
    fn emit_all<T: SegmentType>(&mut self, segs: &'m [T]) {
        for s in segs {
            self.emit(s);
        }
    }
}

/// Writes segments in order, slipping the kept extras in at their positions.
pub(crate) struct Emitter<'e> {
    pub(crate) w: Writer,
    extras: &'e [ExtraSegment],
    written: usize,
    next_extra: usize,
}

impl<'e> Emitter<'e> {
    pub(crate) fn new(w: Writer, extras: &'e [ExtraSegment]) -> Self {
        Emitter {
            w,
            extras,
            written: 0,
            next_extra: 0,
        }
    }

    fn flush_extras(&mut self, upto: usize) {
        while let Some(e) = self.extras.get(self.next_extra) {
            if e.position > upto {
                break;
            }
            e.segment.encode(&mut self.w);
            self.next_extra += 1;
        }
    }

    pub(crate) fn finish(mut self) -> Writer {
        self.flush_extras(usize::MAX);
        self.w
    }
}

impl<'m> Sink<'m> for Emitter<'_> {
    fn emit<T: SegmentType>(&mut self, seg: &'m T) {
        self.flush_extras(self.written);
        seg.encode(&mut self.w);
        self.written += 1;
    }
}

/// Visits segments in wire order (the extras at their positions), numbering each id's occurrences.
pub(crate) struct Walker<'m, 'f> {
    f: &'f mut dyn FnMut(SegmentRef<'m>),
    extras: &'m [ExtraSegment],
    written: usize,
    next_extra: usize,
    index: usize,
    order: Option<usize>,
    orders: usize,
    counter: OccurrenceCounter,
}

impl<'m, 'f> Walker<'m, 'f> {
    pub(crate) fn new(f: &'f mut dyn FnMut(SegmentRef<'m>), extras: &'m [ExtraSegment]) -> Self {
        Walker {
            f,
            extras,
            written: 0,
            next_extra: 0,
            index: 0,
            order: None,
            orders: 0,
            counter: OccurrenceCounter::default(),
        }
    }

    fn visit(&mut self, segment: &'m dyn SegmentView, extra: bool) {
        let occurrence = self.counter.next(segment.id());
        (self.f)(SegmentRef {
            index: self.index,
            occurrence,
            order: self.order,
            extra,
            segment,
        });
        self.index += 1;
    }

    fn flush_extras(&mut self, upto: usize) {
        while let Some(e) = self.extras.get(self.next_extra) {
            if e.position > upto {
                break;
            }
            self.visit(e.segment.view(), true);
            self.next_extra += 1;
        }
    }

    /// Visits a segment of a message without structure.
    pub(crate) fn visit_any(&mut self, s: &'m AnySegment) {
        self.visit(s.view(), false);
    }

    pub(crate) fn finish(mut self) {
        self.order = None;
        self.flush_extras(usize::MAX);
    }
}

impl<'m> Sink<'m> for Walker<'m, '_> {
    fn emit<T: SegmentType>(&mut self, seg: &'m T) {
        self.flush_extras(self.written);
        self.visit(seg, false);
        self.written += 1;
    }

    fn begin_order(&mut self) {
        self.orders += 1;
        self.order = Some(self.orders);
    }

    fn end_order(&mut self) {
        self.order = None;
    }
}
