//! The machinery the declarations expand to: how a value of a data type is read from the parsed tree
//! and written to a [`Writer`], and how a field slot (`Option<T>` or `Vec<T>`) holds its repetitions.
//!
//! Decoding never fails: what does not fit is kept as text and reported to the [`DecodeCx`]. Each
//! composite remembers how many components it had on the wire (trailing empty ones included), and each
//! segment how many fields, so that a decoded message re-encodes byte for byte.

use crate::er7::{Classes, Cursor, Level, Limits, Sep, Value, Writer};

use super::issue::{DecodeIssue, DecodeIssueKind, Location};

/// How deep a value sits when it is written: as a whole repetition (its parts are components), as a
/// component (its parts are subcomponents) or as a subcomponent (it has no parts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Depth {
    /// A field repetition.
    Repetition,
    /// A component.
    Component,
    /// A subcomponent.
    Subcomponent,
}

impl Depth {
    /// The depth of this value's parts.
    pub fn child(self) -> Depth {
        match self {
            Depth::Repetition => Depth::Component,
            Depth::Component | Depth::Subcomponent => Depth::Subcomponent,
        }
    }

    /// Moves the writer to the next part at this depth.
    pub fn next_part(self, w: &mut Writer) {
        match self {
            Depth::Repetition => w.next_component(),
            Depth::Component => w.next_subcomponent(),
            Depth::Subcomponent => {}
        }
    }
}

/// Decoding context: the limits, the current position, and the issues found so far.
#[derive(Debug)]
pub struct DecodeCx {
    /// Limits in force (repetitions).
    pub limits: Limits,
    /// What was noticed.
    pub issues: Vec<DecodeIssue>,
    segment_index: usize,
    segment: [u8; 3],
    field: u16,
    repetition: u16,
    /// The part being read at each depth: the component of a repetition, the subcomponent of a
    /// component (and a scratch slot for a subcomponent, which has no parts), indexed by [`Depth`].
    parts: [u16; 3],
    /// Bytes the decoded message may still take ([`Limits::max_decoded_ratio`]).
    budget: usize,
    /// Where the budget ran out, once it has.
    exhausted_at: Option<usize>,
    /// How many issues of the last stored issue's kind, in its field, were stored in a row.
    run: u32,
}

/// Past this many issues of one kind in one field in a row, the rest are counted on the last one
/// ([`DecodeIssue::more`]) instead of stored.
pub const ISSUE_RUN_CAP: u32 = 8;

impl Default for DecodeCx {
    fn default() -> Self {
        DecodeCx::new(Limits::default())
    }
}

impl DecodeCx {
    /// A context with the given limits.
    pub fn new(limits: Limits) -> DecodeCx {
        DecodeCx {
            limits,
            issues: Vec::new(),
            segment_index: 0,
            segment: *b"   ",
            field: 0,
            repetition: 0,
            parts: [0; 3],
            budget: usize::MAX,
            exhausted_at: None,
            run: 0,
        }
    }

    /// A context for decoding `input_len` bytes: what the decoded message may hold is bounded by
    /// [`Limits::decoded_budget`].
    pub fn for_input(limits: Limits, input_len: usize) -> DecodeCx {
        let mut cx = DecodeCx::new(limits);
        cx.budget = limits.decoded_budget(input_len);
        cx
    }

    /// Counts `bytes` the decoded message is about to hold, for the data at byte `offset`; false
    /// (and from then on [`DecodeCx::exhausted`]) when the budget is spent. Callers stop adding
    /// repetitions, parts or segments once it says false.
    #[inline]
    pub fn charge(&mut self, bytes: usize, offset: usize) -> bool {
        match self.budget.checked_sub(bytes) {
            Some(left) if self.exhausted_at.is_none() => {
                self.budget = left;
                true
            }
            _ => {
                self.exhausted_at.get_or_insert(offset);
                false
            }
        }
    }

    /// Where the decode budget ran out, if it did: the decoded message is then incomplete.
    pub fn exhausted(&self) -> Option<usize> {
        self.exhausted_at
    }

    /// Moves to a segment.
    pub fn at_segment(&mut self, index: usize, id: &str) {
        self.segment_index = index;
        let mut seg = *b"   ";
        for (d, s) in seg.iter_mut().zip(id.bytes()) {
            *d = s;
        }
        self.segment = seg;
        self.field = 0;
        self.repetition = 0;
        self.parts = [0; 3];
    }

    /// Moves to a field.
    #[inline]
    pub fn at_field(&mut self, n: usize) {
        self.field = u16::try_from(n).unwrap_or(u16::MAX);
        self.repetition = 0;
        self.parts = [0; 3];
    }

    #[inline]
    pub(crate) fn at_repetition(&mut self, i: usize) {
        self.repetition = u16::try_from(i + 1).unwrap_or(u16::MAX);
        self.parts = [0; 3];
    }

    /// Moves to part `n` (from 1; 0: none) of a value at `depth`: a component of a repetition, a
    /// subcomponent of a component.
    #[inline]
    pub fn at_part(&mut self, depth: Depth, n: usize) {
        if let Some(part) = self.parts.get_mut(depth as usize) {
            *part = u16::try_from(n).unwrap_or(u16::MAX);
        }
    }

    /// Records an issue at the current location, pointing at byte `offset`.
    pub fn report_at(&mut self, kind: DecodeIssueKind, offset: usize) {
        let mut location = self.location(None);
        location.offset = Some(offset);
        self.push_issue(kind, location);
    }

    /// Stores an issue, or counts it on the last one when that is a run of the same kind in the same
    /// field already [`ISSUE_RUN_CAP`] long.
    fn push_issue(&mut self, kind: DecodeIssueKind, location: Location) {
        if let Some(last) = self.issues.last_mut()
            && last.kind == kind
            && last.location.segment_index == location.segment_index
            && last.location.field == location.field
        {
            if self.run >= ISSUE_RUN_CAP {
                last.more = last.more.saturating_add(1);
                return;
            }
            self.run += 1;
        } else {
            self.run = 1;
        }
        let offset = location.offset.unwrap_or(0);
        if self.charge(std::mem::size_of::<DecodeIssue>(), offset) {
            self.issues.push(DecodeIssue {
                kind,
                location,
                more: 0,
            });
        }
    }

    /// The current location, pointing at `value`'s first byte.
    pub fn location(&self, value: Option<&Value<'_>>) -> Location {
        let [component, subcomponent, _] = self.parts;
        Location {
            segment_index: self.segment_index,
            segment: super::types::Text::from(
                std::str::from_utf8(&self.segment).unwrap_or("").trim_end(),
            ),
            field: self.field,
            repetition: self.repetition,
            component,
            subcomponent,
            offset: value.map(|v| v.span().start),
        }
    }

    /// Records an issue at the current location.
    pub fn report(&mut self, kind: DecodeIssueKind, value: Option<&Value<'_>>) {
        let location = self.location(value);
        self.push_issue(kind, location);
    }
}

/// A data type: something a field repetition, a component or a subcomponent can hold.
pub trait DataType: Sized + Default + Clone + PartialEq + std::fmt::Debug {
    /// The HL7 name of the type (`CWE`, `ST`).
    const HL7_TYPE: &'static str;

    /// Reads a value from a node of the parsed tree (a field reads as its first repetition).
    fn decode(v: Value<'_>, cx: &mut DecodeCx) -> Self {
        let classes = Classes::new(v.delimiters());
        let mut cur = Cursor::new(&v, &classes);
        let depth = match v.level() {
            Level::Field | Level::Repetition | Level::Verbatim => Depth::Repetition,
            Level::Component => Depth::Component,
            Level::Subcomponent => Depth::Subcomponent,
        };
        let mut out = Self::default();
        out.decode_cur(&mut cur, depth, cx);
        out
    }

    /// Reads a value at `depth` from the cursor into `self`, filled in place. `self` may hold an
    /// earlier value (a message decoded into again, [`Decoder::decode_into`]): every part of it is
    /// overwritten or cleared, so that the result is the same as decoding into a default value, and
    /// the boxes and vectors it held are reused where the new value has the same parts. On return the
    /// cursor sits on the separator that ended the value (one of a level above `depth`) or at the end
    /// of the field.
    ///
    /// [`Decoder::decode_into`]: crate::model::Decoder::decode_into
    fn decode_cur(&mut self, cur: &mut Cursor<'_, '_>, depth: Depth, cx: &mut DecodeCx);

    /// Makes the value empty (as a default one), where a decode finds nothing for it.
    #[inline]
    fn clear(&mut self) {
        *self = Self::default();
    }

    /// Writes the value at the writer's current position.
    fn encode(&self, w: &mut Writer, depth: Depth);

    /// True when nothing is there.
    fn is_empty(&self) -> bool;

    /// The value seen generically, through its declaration.
    fn value_ref(&self) -> super::reflect::ValueRef<'_>;
}

impl Depth {
    /// The separator between this value's parts (components of a repetition, subcomponents of a
    /// component); `None` for a subcomponent, which has no parts.
    #[inline]
    pub fn part_separator(self) -> Option<Sep> {
        match self {
            Depth::Repetition => Some(Sep::Comp),
            Depth::Component => Some(Sep::Sub),
            Depth::Subcomponent => None,
        }
    }

    /// The separator a primitive value at this depth reads up to.
    #[inline]
    pub fn stop(self) -> Sep {
        match self {
            Depth::Repetition => Sep::Rep,
            Depth::Component => Sep::Comp,
            Depth::Subcomponent => Sep::Sub,
        }
    }
}

/// The texts of one part past a type's last component: its subcomponents when it is a component,
/// else its own text.
pub(crate) fn extra_part(
    cur: &mut Cursor<'_, '_>,
    child: Depth,
    cx: &mut DecodeCx,
) -> Vec<super::types::Text> {
    let mut subs = Vec::new();
    loop {
        if !cx.charge(std::mem::size_of::<super::types::Text>(), cur.offset()) {
            return subs;
        }
        subs.push(super::types::read_text(cur, Depth::Subcomponent, cx));
        if child == Depth::Component && cur.at() == Sep::Sub {
            cur.skip();
        } else {
            return subs;
        }
    }
}

/// A composite's empty value, one shared instance: what an absent boxed value reads as.
pub trait Empty: Sized + 'static {
    /// The empty value.
    fn empty() -> &'static Self;
}

/// Reads a composite that may be absent (`Option<Box<T>>`, a field or a component) as its value or,
/// when absent, as the empty value, so that reading a component needs no `match`.
///
/// ```
/// use izmsg::model::codec::OrEmpty;
/// use izmsg::model::types::Xpn;
/// let name = Xpn::default();
/// assert_eq!(name.family_name.or_empty().surname.as_str(), "");
/// ```
pub trait OrEmpty<T> {
    /// The value, or the type's empty value.
    fn or_empty(&self) -> &T;
}

impl<T: Empty> OrEmpty<T> for Option<Box<T>> {
    #[inline]
    fn or_empty(&self) -> &T {
        match self {
            Some(v) => v,
            None => T::empty(),
        }
    }
}

/// A composite component (or a VARIES value) held boxed: absent until the wire has it.
impl<T: DataType + Empty> DataType for Option<Box<T>> {
    const HL7_TYPE: &'static str = T::HL7_TYPE;

    fn decode_cur(&mut self, cur: &mut Cursor<'_, '_>, depth: Depth, cx: &mut DecodeCx) {
        if !cx.charge(std::mem::size_of::<T>(), cur.offset()) {
            // Past the budget: read over the value (so the cursor moves on) and keep nothing.
            let mut scratch = T::default();
            scratch.decode_cur(cur, depth, cx);
            *self = None;
            return;
        }
        self.get_or_insert_default().decode_cur(cur, depth, cx);
    }

    fn encode(&self, w: &mut Writer, depth: Depth) {
        if let Some(v) = self {
            v.encode(w, depth);
        }
    }

    fn is_empty(&self) -> bool {
        self.as_deref().is_none_or(DataType::is_empty)
    }

    fn value_ref(&self) -> super::reflect::ValueRef<'_> {
        self.or_empty().value_ref()
    }
}

/// How a field of a segment holds its value: `Option<T>` for a field that does not repeat, `Vec<T>` for
/// one that does.
pub trait Slot {
    /// Reads the field from a cursor over it; repetitions that do not fit a non-repeating slot are
    /// returned (`None`, with nothing to drop, in the usual case that there are none).
    fn decode_slot(
        &mut self,
        field: &mut Cursor<'_, '_>,
        cx: &mut DecodeCx,
    ) -> Option<Vec<super::types::Varies>>;
    /// Makes the field absent (a field the wire does not have, when a segment is decoded into again).
    fn clear_slot(&mut self);
    /// Writes the field's repetitions at the writer's current field.
    fn encode_slot(&self, w: &mut Writer);
    /// True when the field is absent.
    fn is_absent(&self) -> bool;
    /// The field's repetitions, seen generically.
    fn repetitions(&self) -> super::reflect::Repetitions<'_>;
}

/// The part of a single-value slot that differs between inline and boxed values.
pub trait Single: Sized {
    /// The value type.
    type Value: DataType;
    /// Bytes on the heap that holding a value takes beyond the slot itself (0 when inline).
    const HEAP: usize;
    /// An empty value, ready to be decoded into.
    fn fresh() -> Self;
    /// The value.
    fn get(&self) -> &Self::Value;
    /// The value, to fill.
    fn get_mut(&mut self) -> &mut Self::Value;
}

macro_rules! inline_single {
    ($($t:ident),*) => {$(
        impl Single for super::types::$t {
            type Value = Self;
            const HEAP: usize = 0;
            fn fresh() -> Self {
                Self::default()
            }
            fn get(&self) -> &Self {
                self
            }
            fn get_mut(&mut self) -> &mut Self {
                self
            }
        }
    )*};
}

// The primitives, which a field holds inline (`__izmsg_by_kind!` in decl.rs lists the same).
inline_single!(St, Id, Is, Tx, Ft, Nm, Si, Dt, Dtm);

impl<T: DataType> Single for Box<T> {
    type Value = T;
    const HEAP: usize = std::mem::size_of::<T>();
    fn fresh() -> Box<T> {
        Box::default()
    }
    fn get(&self) -> &T {
        self
    }
    fn get_mut(&mut self) -> &mut T {
        self
    }
}

impl<S: Single> Slot for Option<S> {
    #[inline(always)]
    fn decode_slot(
        &mut self,
        cur: &mut Cursor<'_, '_>,
        cx: &mut DecodeCx,
    ) -> Option<Vec<super::types::Varies>> {
        let mut extra: Option<Vec<super::types::Varies>> = None;
        let Some(start) = FieldStart::at(cur) else {
            self.clear_slot();
            return None;
        };
        let mut i = 0;
        loop {
            cx.at_repetition(i);
            if i == 0 {
                if !cx.charge(S::HEAP, cur.offset()) {
                    *self = None;
                    break;
                }
                // A value held from an earlier decode is filled in place (its box reused).
                self.get_or_insert_with(S::fresh)
                    .get_mut()
                    .decode_cur(cur, Depth::Repetition, cx);
            } else if i >= cx.limits.max_repetitions {
                cx.report_at(DecodeIssueKind::TooManyRepetitions, cur.offset());
                break;
            } else {
                cx.report_at(DecodeIssueKind::ExtraRepetition, cur.offset());
                if !cx.charge(std::mem::size_of::<super::types::Varies>(), cur.offset()) {
                    break;
                }
                let mut v = super::types::Varies::default();
                v.decode_cur(cur, Depth::Repetition, cx);
                extra.get_or_insert_with(Vec::new).push(v);
            }
            if cur.at() != Sep::Rep {
                break;
            }
            cur.skip();
            i += 1;
        }
        if extra.is_none()
            && start.may_read_as_nothing()
            && self.as_ref().is_some_and(|v| v.get().is_empty())
            && start.reads_as_nothing(cur)
        {
            *self = None;
        }
        extra
    }

    #[inline(always)]
    fn clear_slot(&mut self) {
        if self.is_some() {
            *self = None;
        }
    }

    #[inline(always)]
    fn encode_slot(&self, w: &mut Writer) {
        if let Some(v) = self {
            v.get().encode(w, Depth::Repetition);
        }
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }

    fn repetitions(&self) -> super::reflect::Repetitions<'_> {
        match self {
            Some(v) => super::reflect::Repetitions::One(v.get().value_ref()),
            None => super::reflect::Repetitions::None,
        }
    }
}

impl<T: DataType> Slot for Vec<T> {
    #[inline(always)]
    fn decode_slot(
        &mut self,
        cur: &mut Cursor<'_, '_>,
        cx: &mut DecodeCx,
    ) -> Option<Vec<super::types::Varies>> {
        let Some(start) = FieldStart::at(cur) else {
            self.clear();
            return None;
        };
        // Repetitions held from an earlier decode are filled in place; those left over are dropped.
        let mut i = 0;
        loop {
            cx.at_repetition(i);
            if i >= cx.limits.max_repetitions {
                cx.report_at(DecodeIssueKind::TooManyRepetitions, cur.offset());
                break;
            }
            if !cx.charge(std::mem::size_of::<T>(), cur.offset()) {
                break;
            }
            if i == self.len() {
                // Most repeating fields carry one repetition: hold exactly one until a second comes
                // (a `Vec` would otherwise start at four, most of it never used).
                // Growth is also capped by what the budget has left, so a vector never holds
                // room for repetitions the budget would refuse.
                if self.len() == self.capacity() {
                    let room = cx.budget / std::mem::size_of::<T>().max(1);
                    self.reserve_exact(self.len().max(1).min(room.max(1)));
                }
                self.push(T::default());
            }
            if let Some(slot) = self.get_mut(i) {
                slot.decode_cur(cur, Depth::Repetition, cx);
            }
            i += 1;
            if cur.at() != Sep::Rep {
                break;
            }
            cur.skip();
        }
        self.truncate(i);
        if start.may_read_as_nothing()
            && let [only] = self.as_slice()
            && only.is_empty()
            && start.reads_as_nothing(cur)
        {
            self.clear();
        }
        None
    }

    #[inline(always)]
    fn clear_slot(&mut self) {
        self.clear();
    }

    #[inline(always)]
    fn encode_slot(&self, w: &mut Writer) {
        let n = self.len();
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                w.next_repetition();
            }
            v.encode(w, Depth::Repetition);
            if i + 1 == n && n > 1 && v.is_empty() {
                // Keep a trailing empty repetition (`a~`).
                w.mark();
            }
        }
    }

    fn is_absent(&self) -> bool {
        self.is_empty()
    }

    fn repetitions(&self) -> super::reflect::Repetitions<'_> {
        if self.is_empty() {
            super::reflect::Repetitions::None
        } else {
            super::reflect::Repetitions::Many(self)
        }
    }
}

/// Where a field that is not empty begins: kept while its repetitions are read, to tell afterwards
/// whether it [read as nothing](reads_as_nothing).
#[derive(Clone, Copy)]
struct FieldStart {
    offset: usize,
    escape_first: bool,
}

impl FieldStart {
    /// The start of the field at `cur`; `None` when the field is empty.
    #[inline(always)]
    fn at(cur: &Cursor<'_, '_>) -> Option<FieldStart> {
        (!cur.is_done()).then(|| FieldStart {
            offset: cur.offset(),
            escape_first: cur.at_escape(),
        })
    }

    /// Only a field that begins with an escape can read as nothing: a cheap test first.
    #[inline(always)]
    fn may_read_as_nothing(self) -> bool {
        self.escape_first
    }

    /// [`reads_as_nothing`] from the field's start (`cur` is anywhere in the same field).
    fn reads_as_nothing(self, cur: &Cursor<'_, '_>) -> bool {
        reads_as_nothing(cur.rewound(self.offset))
    }
}

/// True when what is left of a field (at `cur`) is one value of text made only of escape sequences
/// that stand for no text (`|\H\|`, `|\H\\N\|`): nothing could be written back for it, so it reads as
/// an empty field. Checked only once a value has decoded empty.
#[cold]
pub(crate) fn reads_as_nothing(mut cur: Cursor<'_, '_>) -> bool {
    if !cur.at_escape() {
        return false;
    }
    let token = cur.read(Sep::Rep);
    cur.is_done()
        && !token.is_empty()
        && !token.nested()
        && token
            .text(cur.classes().delimiters(), &mut Vec::new())
            .is_empty()
}

/// A field beyond the segment's definition, or repetitions beyond a non-repeating field's first: kept
/// so the segment re-encodes as it came.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtraField {
    /// Field number.
    pub field: u16,
    /// True when these are extra repetitions of a declared field (written after its first).
    pub repetitions_only: bool,
    /// The repetitions.
    pub values: Vec<super::types::Varies>,
}

/// Writes extra repetitions or fields kept from decoding, for field `n`.
pub(crate) fn encode_extra(extras: &[ExtraField], n: usize, w: &mut Writer, first_written: bool) {
    for e in extras.iter().filter(|e| usize::from(e.field) == n) {
        for (i, v) in e.values.iter().enumerate() {
            let separated = first_written || i > 0 || e.repetitions_only;
            if separated {
                w.next_repetition();
            }
            v.encode(w, Depth::Repetition);
            if separated {
                // Keep the repetition even when empty (`1~`): it came on the wire.
                w.mark();
            }
        }
    }
}

/// The segment trait every declared segment implements.
pub trait SegmentType:
    Sized + Default + Clone + PartialEq + std::fmt::Debug + super::reflect::SegmentView
{
    /// The wire id.
    const ID: &'static str;
    /// Reads the segment from the parsed tree.
    fn decode(seg: &crate::er7::Segment<'_, '_>, cx: &mut DecodeCx) -> Self {
        let mut out = Self::default();
        out.decode_into(seg, cx);
        out
    }
    /// Reads the segment into `self`, filled in place: `self` may hold an earlier segment, whose
    /// fields are overwritten or cleared (the result is the same as decoding into a default one) and
    /// whose boxes and vectors are reused.
    fn decode_into(&mut self, seg: &crate::er7::Segment<'_, '_>, cx: &mut DecodeCx);
    /// Writes the segment (begin to end).
    fn encode(&self, w: &mut Writer);
}

/// For the `serde` attributes the macros emit.
#[doc(hidden)]
pub fn is_zero<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// The repetitions of field `seq` past the declared ones, as kept in `extras`.
pub fn extra_repetitions(extras: &[ExtraField], seq: u16) -> super::reflect::Repetitions<'_> {
    match extras
        .iter()
        .find(|e| e.field == seq && !e.repetitions_only)
    {
        Some(e) if !e.values.is_empty() => super::reflect::Repetitions::Varies(&e.values),
        _ => super::reflect::Repetitions::None,
    }
}
