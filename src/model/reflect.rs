//! Reading any typed segment or value by its declaration: the generic view that validation, labelled
//! rendering and tools use instead of knowing every struct.
//!
//! Every segment declared with [`segment!`](crate::segment) is a [`SegmentView`]: its
//! [`FieldDef`]s and, for each sequence number, the [`Repetitions`] it holds. Every value of a data
//! type is a [`ValueRef`]: text for a primitive, a [`CompositeView`] (its component declarations and
//! values) for a composite, or a [`Varies`] for OBX-5 and undeclared content. A typed [`Message`]
//! is walked segment by segment, in wire order, with [`Message::for_each_segment`], which says for
//! each segment its occurrence number (as ERR-2 counts it) and the ORDER group it belongs to.
//!
//! Nothing here allocates: views borrow the decoded message.
//!
//! ```
//! use izmsg::model::{self, reflect::ValueRef};
//!
//! let input = b"MSH|^~\\&|EHR||IIS||20240315||VXU^V04^VXU_V04|1|P|2.5.1\rPID|1||PAT-1^^^EHR^MR||Doe^Jane\r";
//! let decoded = model::decode(input).unwrap();
//! let mut seen = Vec::new();
//! decoded.message.for_each_segment(|s| {
//!     // Field 5 of PID is the patient name; its first component the family name.
//!     if s.segment.id() == "PID" {
//!         let name = s.segment.field(5).first().unwrap();
//!         if let ValueRef::Composite(xpn) = name {
//!             let family = xpn.component(1).unwrap();
//!             assert_eq!(family.text(), "Doe");
//!         }
//!     }
//!     seen.push((s.segment.id().to_string(), s.occurrence, s.order));
//! });
//! assert_eq!(seen, [("MSH".to_string(), 1, None), ("PID".to_string(), 1, None)]);
//! ```

use std::fmt;

use super::Message;
use super::any::{AnySegment, OtherSegment};
use super::codec::{DataType as _, ExtraField};
use super::decl::FieldDef;
use super::types::{Text, Varies};

/// One value of any data type, borrowed.
#[derive(Clone, Copy)]
pub enum ValueRef<'a> {
    /// A primitive (ST, ID, IS, NM, DT, DTM, TX ...): its text, escapes decoded. The HL7 null is the
    /// text `""`.
    Text(&'a Text),
    /// A composite (CWE, XPN, CX, TS ...).
    Composite(&'a dyn CompositeView),
    /// Content whose type is not fixed (OBX-5, fields of undeclared segments, extra fields).
    Varies(&'a Varies),
}

impl fmt::Debug for ValueRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Values are patient data: show the shape, not the content.
        match self {
            ValueRef::Text(t) => write!(f, "Text({} bytes)", t.len()),
            ValueRef::Composite(c) => write!(f, "Composite({})", c.type_name()),
            ValueRef::Varies(v) => write!(f, "Varies({} components)", v.component_count()),
        }
    }
}

impl<'a> ValueRef<'a> {
    /// True when nothing is in it (no text in any part).
    pub fn is_empty(&self) -> bool {
        match self {
            ValueRef::Text(t) => t.is_empty(),
            ValueRef::Composite(c) => c.is_blank(),
            ValueRef::Varies(v) => v.is_empty(),
        }
    }

    /// True when the value is the HL7 null `""` (for a composite: its first part is).
    pub fn is_null(&self) -> bool {
        let t = self.text();
        t.len() == 2 && t == "\"\""
    }

    /// The text of a primitive; for a composite or VARIES, the text of its first component (so a
    /// field read as text gives its identifying part, as HL7 receivers read a composite sent where a
    /// primitive was expected).
    pub fn text(&self) -> &'a str {
        match *self {
            ValueRef::Text(t) => t.as_str(),
            ValueRef::Composite(c) => c.component(1).map_or("", |v| v.text()),
            ValueRef::Varies(v) => v.component(1),
        }
    }

    /// [`text`](ValueRef::text) as bytes, without reading them as a string (for comparisons).
    pub fn text_bytes(&self) -> &'a [u8] {
        match *self {
            ValueRef::Text(t) => t.as_bytes(),
            ValueRef::Composite(c) => c.component(1).map_or(&[], |v| v.text_bytes()),
            ValueRef::Varies(v) => v.component(1).as_bytes(),
        }
    }

    /// The composite's component `n` (from 1), `None` for a primitive or past the declared ones. For
    /// VARIES, `None` too: its parts have no declaration.
    pub fn component(&self, n: u16) -> Option<ValueRef<'a>> {
        match *self {
            ValueRef::Composite(c) => c.component(n),
            _ => None,
        }
    }

    /// The composite's component declarations (empty for a primitive or VARIES).
    pub fn components(&self) -> &'static [FieldDef] {
        match self {
            ValueRef::Composite(c) => c.components(),
            _ => &[],
        }
    }

    /// Length in characters of a primitive's text (for a composite, of its first component).
    pub fn char_len(&self) -> usize {
        self.text().chars().count()
    }
}

/// A composite value seen through its declaration.
pub trait CompositeView {
    /// The data type's name (`CWE`, `XPN` ...).
    fn type_name(&self) -> &'static str;
    /// The declared components, in sequence.
    fn components(&self) -> &'static [FieldDef];
    /// Component `n` (from 1); `None` past the declared ones.
    fn component(&self, n: u16) -> Option<ValueRef<'_>>;
    /// True when no component holds text.
    fn is_blank(&self) -> bool;
    /// Components past the declared ones (a later HL7 version's), kept by the decoder.
    fn extra_components(&self) -> Option<&Varies> {
        None
    }
    /// Bit `n - 1` set for each declared component `n` (1 to 64) that holds text: one call instead
    /// of one [`component`](CompositeView::component) per component, for checks that look at many.
    fn valued_components(&self) -> u64 {
        let mut mask = 0u64;
        for def in self.components() {
            if def.seq >= 1
                && def.seq <= 64
                && self.component(def.seq).is_some_and(|v| !v.is_empty())
            {
                mask |= 1 << (def.seq - 1);
            }
        }
        mask
    }
    /// [`valued_components`](CompositeView::valued_components) and
    /// [`long_components`](CompositeView::long_components) together, in one pass over the
    /// components.
    fn text_masks(&self, limits: &[u32; 64]) -> (u64, u64) {
        (self.valued_components(), self.long_components(limits))
    }
    /// Bit `n - 1` set for each declared primitive component `n` (1 to 64) whose text is longer
    /// in bytes than `limits[n - 1]` (a limit of 0: none): a length check of every component in one
    /// call, which only has to count characters for the few it names.
    fn long_components(&self, limits: &[u32; 64]) -> u64 {
        let mut mask = 0u64;
        for def in self.components() {
            let limit = usize::from(def.seq)
                .checked_sub(1)
                .and_then(|i| limits.get(i))
                .copied()
                .unwrap_or(0);
            if def.seq <= 64
                && limit > 0
                && let Some(ValueRef::Text(t)) = self.component(def.seq)
                && t.len() > limit as usize
            {
                mask |= 1 << (def.seq - 1);
            }
        }
        mask
    }
}

/// The repetitions of one field.
#[derive(Clone, Copy)]
pub enum Repetitions<'a> {
    /// No repetition: the field is absent.
    None,
    /// One value.
    One(ValueRef<'a>),
    /// Several (or any number of) values of one type.
    Many(&'a dyn RepeatedValues),
    /// Values kept as VARIES (extra fields and undeclared segments).
    Varies(&'a [Varies]),
}

impl fmt::Debug for Repetitions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Repetitions({})", self.len())
    }
}

impl<'a> Repetitions<'a> {
    /// How many repetitions.
    pub fn len(&self) -> usize {
        match self {
            Repetitions::None => 0,
            Repetitions::One(_) => 1,
            Repetitions::Many(m) => m.count(),
            Repetitions::Varies(v) => v.len(),
        }
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Repetition `i` (from 0).
    pub fn get(&self, i: usize) -> Option<ValueRef<'a>> {
        match *self {
            Repetitions::None => None,
            Repetitions::One(v) => (i == 0).then_some(v),
            Repetitions::Many(m) => m.value(i),
            Repetitions::Varies(v) => v.get(i).map(ValueRef::Varies),
        }
    }

    /// The first repetition.
    pub fn first(&self) -> Option<ValueRef<'a>> {
        self.get(0)
    }

    /// True when no repetition holds anything.
    pub fn is_blank(&self) -> bool {
        self.iter().all(|v| v.is_empty())
    }

    /// Every repetition, in order.
    pub fn iter(&self) -> impl Iterator<Item = ValueRef<'a>> + '_ {
        (0..self.len()).filter_map(move |i| self.get(i))
    }
}

/// A list of values of one data type, seen generically.
pub trait RepeatedValues {
    /// How many.
    fn count(&self) -> usize;
    /// Value `i` (from 0).
    fn value(&self, i: usize) -> Option<ValueRef<'_>>;
}

impl<T: super::codec::DataType> RepeatedValues for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }
    fn value(&self, i: usize) -> Option<ValueRef<'_>> {
        self.get(i).map(|v| v.value_ref())
    }
}

/// A segment seen through its declaration.
pub trait SegmentView {
    /// The segment id (`PID`, `ZXX` ...).
    fn id(&self) -> &str;
    /// The declared fields, in sequence (empty for an undeclared segment).
    fn fields(&self) -> &'static [FieldDef];
    /// The repetitions of field `seq` (from 1): declared fields and extra ones alike.
    fn field(&self, seq: u16) -> Repetitions<'_>;
    /// Fields past the declared ones and surplus repetitions, as kept by the decoder.
    fn extra_fields(&self) -> &[ExtraField];
    /// The number of the last field that holds anything.
    fn last_field(&self) -> u16;
    /// Bit `seq - 1` set for each declared field `seq` (1 to 128) that is present: it has at least
    /// one repetition, which may still be empty. One call instead of one
    /// [`field`](SegmentView::field) per field, so that checks skip absent fields at no cost.
    fn present_fields(&self) -> u128 {
        let mut mask = 0u128;
        for def in self.fields() {
            if def.seq >= 1 && def.seq <= 128 && !self.field(def.seq).is_empty() {
                mask |= 1 << (def.seq - 1);
            }
        }
        mask
    }
}

impl dyn SegmentView + '_ {
    /// The declaration of field `seq`, if the segment declares it.
    pub fn field_def(&self, seq: u16) -> Option<&'static FieldDef> {
        self.fields().get(usize::from(seq).checked_sub(1)?)
    }

    /// True when field `seq` holds no value (absent, or present but empty).
    pub fn is_blank(&self, seq: u16) -> bool {
        self.field(seq).is_blank()
    }

    /// The text of field `seq`'s first repetition (its first component for a composite), or "".
    pub fn text(&self, seq: u16) -> &str {
        self.field(seq).first().map_or("", |v| v.text())
    }

    /// The text of field `seq` (as `text` reads it) as bytes, without reading them as a string
    /// (for comparisons).
    pub fn text_bytes(&self, seq: u16) -> &[u8] {
        self.field(seq).first().map_or(&[], |v| v.text_bytes())
    }
}

impl SegmentView for OtherSegment {
    fn id(&self) -> &str {
        &self.id
    }
    fn fields(&self) -> &'static [FieldDef] {
        &[]
    }
    fn field(&self, seq: u16) -> Repetitions<'_> {
        match usize::from(seq)
            .checked_sub(1)
            .and_then(|i| self.fields.get(i))
        {
            Some(reps) if !reps.is_empty() => Repetitions::Varies(reps),
            _ => Repetitions::None,
        }
    }
    fn extra_fields(&self) -> &[ExtraField] {
        &[]
    }
    fn last_field(&self) -> u16 {
        let last = self
            .fields
            .iter()
            .rposition(|reps| reps.iter().any(|v| !v.is_empty()))
            .map_or(0, |i| i + 1);
        u16::try_from(last).unwrap_or(u16::MAX)
    }
}

/// One segment met while walking a message.
#[derive(Clone, Copy)]
pub struct SegmentRef<'a> {
    /// Position in the message, from 0 (MSH is 0).
    pub index: usize,
    /// Occurrence of this segment id in the message, from 1: the segment sequence of ERR-2
    /// (`RXA^2` is the second RXA).
    pub occurrence: u16,
    /// The ORDER group (vaccination) it belongs to, from 1; `None` outside ORDER groups.
    pub order: Option<usize>,
    /// True when the message structure had no place for it (kept where it stood, reported by the
    /// decoder as unexpected or out of order).
    pub extra: bool,
    /// The segment.
    pub segment: &'a dyn SegmentView,
}

impl fmt::Debug for SegmentRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SegmentRef")
            .field("id", &self.segment.id())
            .field("index", &self.index)
            .field("occurrence", &self.occurrence)
            .field("order", &self.order)
            .field("extra", &self.extra)
            .finish()
    }
}

impl AnySegment {
    /// The segment as a generic view.
    pub fn view(&self) -> &dyn SegmentView {
        self.as_view()
    }
}

/// Counts occurrences of segment ids without allocating, for the ids a message usually holds; other
/// ids are counted in a small spill list.
#[derive(Default)]
pub(crate) struct OccurrenceCounter {
    counts: [(u32, u16); 16],
    used: usize,
    spill: std::collections::HashMap<String, u16>,
}

impl OccurrenceCounter {
    fn key(id: &str) -> Option<u32> {
        let b = id.as_bytes();
        match b {
            [a, b, c] => Some(u32::from_le_bytes([*a, *b, *c, 0])),
            _ => None,
        }
    }

    /// Counts one more `id` and returns its occurrence number.
    pub(crate) fn next(&mut self, id: &str) -> u16 {
        if let Some(k) = Self::key(id) {
            for slot in self.counts.iter_mut().take(self.used) {
                if slot.0 == k {
                    slot.1 = slot.1.saturating_add(1);
                    return slot.1;
                }
            }
            if let Some(slot) = self.counts.get_mut(self.used) {
                *slot = (k, 1);
                self.used += 1;
                return 1;
            }
        }
        let n = self.spill.entry(id.to_string()).or_insert(0);
        *n = n.saturating_add(1);
        *n
    }
}

impl Message {
    /// Calls `f` with every segment of the message, in the order they are written on the wire
    /// (segments the structure had no place for included, where they stood), with each one's
    /// occurrence number and ORDER group.
    pub fn for_each_segment<'a>(&'a self, mut f: impl FnMut(SegmentRef<'a>)) {
        use super::message::structure::Walker;
        let f: &mut dyn FnMut(SegmentRef<'a>) = &mut f;
        match self {
            Message::Vxu(m) => {
                let mut w = Walker::new(f, &m.extra_segments);
                m.emit(&mut w);
                w.finish();
            }
            Message::Ack(m) => {
                let mut w = Walker::new(f, &m.extra_segments);
                m.emit(&mut w);
                w.finish();
            }
            Message::Qbp(m) => {
                let mut w = Walker::new(f, &m.extra_segments);
                m.emit(&mut w);
                w.finish();
            }
            Message::Rsp(m) => {
                let mut w = Walker::new(f, &m.extra_segments);
                m.emit(&mut w);
                w.finish();
            }
            Message::Other { segments } => {
                let mut w = Walker::new(f, &[]);
                for s in segments {
                    w.visit_any(s);
                }
                w.finish();
            }
        }
    }
}
