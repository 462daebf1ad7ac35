//! A segment of any kind: one of the declared segments, or one this library does not declare
//! (Z-segments, PRT, segments of other HL7 versions), kept with all its content.

use crate::er7::{Segment, Writer};

use super::codec::{DataType, DecodeCx, Depth, SegmentType};
use super::segments::*;
use super::types::Varies;

/// A segment this library does not declare: its id and its fields, each a list of repetitions.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OtherSegment {
    /// Segment id (`ZXX`, `PRT` ...).
    pub id: String,
    /// Fields 1, 2, 3 ..., each its repetitions (trailing empty fields included, as on the wire).
    pub fields: Vec<Vec<Varies>>,
}

impl OtherSegment {
    /// Reads any segment generically.
    pub fn decode(seg: &Segment<'_, '_>, cx: &mut DecodeCx) -> OtherSegment {
        let mut fields = Vec::new();
        let mut walk = seg.walk();
        while let Some(n) = walk.advance() {
            cx.at_field(n);
            let cur = walk.cursor();
            let mut reps = Vec::new();
            let start = cur.clone();
            while !cur.is_done() {
                if !cx.charge(std::mem::size_of::<Varies>(), cur.offset()) {
                    break;
                }
                let mut v = Varies::default();
                v.decode_cur(cur, Depth::Repetition, cx);
                reps.push(v);
                if cur.at() != crate::er7::Sep::Rep {
                    break;
                }
                cur.skip();
                if cur.is_done() {
                    // A trailing repetition separator: one more, empty repetition.
                    reps.push(Varies::default());
                }
            }
            if let [only] = reps.as_slice()
                && only.is_empty()
                && super::codec::reads_as_nothing(start)
            {
                // Highlighting only (`|\H\|`): nothing to write back, so an empty field.
                reps.clear();
            }
            fields.push(reps);
        }
        OtherSegment {
            id: seg.id().to_string(),
            fields,
        }
    }

    /// Writes it back. Fields are numbered as for any segment, even under an id `MSH`, `FHS` or
    /// `BHS`: such an id is kept here only for a segment that was not the header of its message, which
    /// the wire parser reads as an ordinary segment (field 1 after the first separator).
    pub fn encode(&self, w: &mut Writer) {
        // `begin_segment` would write MSH-1 and MSH-2 after a header id: write the id as plain bytes.
        w.begin_segment("");
        w.raw(self.id.as_bytes());
        for reps in &self.fields {
            w.next_field();
            for (j, r) in reps.iter().enumerate() {
                if j > 0 {
                    w.next_repetition();
                }
                r.encode(w, Depth::Repetition);
            }
            if reps.len() > 1 {
                // Keep empty repetitions (`~`): the next field would trim them as trailing.
                w.mark();
            }
        }
        if !self.fields.is_empty() {
            w.mark();
        }
        w.end_segment();
    }
}

macro_rules! any_segment {
    ($( $variant:ident ),* $(,)?) => {
        /// A decoded segment of any kind.
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(tag = "segment", content = "fields"))]
        pub enum AnySegment {
            $(
                #[doc = concat!("A declared ", stringify!($variant), " segment.")]
                $variant(Box<$variant>),
            )*
            /// A segment this library does not declare.
            Other(OtherSegment),
        }

        impl AnySegment {
            /// Decodes a segment by its id.
            pub fn decode(seg: &Segment<'_, '_>, cx: &mut DecodeCx) -> AnySegment {
                let id = seg.id();
                // `MSH`, `FHS` or `BHS` past the first segment is not a header on the wire (no MSH-1
                // or MSH-2, fields numbered from the first separator): keep it generically.
                if !seg.is_header() && matches!(id, "MSH" | "FHS" | "BHS") {
                    return AnySegment::Other(OtherSegment::decode(seg, cx));
                }
                $(
                    if id == <$variant as SegmentType>::ID {
                        if !cx.charge(std::mem::size_of::<$variant>(), seg.span().start) {
                            return AnySegment::Other(OtherSegment::default());
                        }
                        return AnySegment::$variant(Box::new(<$variant as SegmentType>::decode(seg, cx)));
                    }
                )*
                AnySegment::Other(OtherSegment::decode(seg, cx))
            }

            /// Writes the segment.
            pub fn encode(&self, w: &mut Writer) {
                match self {
                    $( AnySegment::$variant(s) => s.encode(w), )*
                    AnySegment::Other(s) => s.encode(w),
                }
            }

            /// The segment seen through its declaration.
            pub(crate) fn as_view(&self) -> &dyn super::reflect::SegmentView {
                match self {
                    $( AnySegment::$variant(s) => &**s, )*
                    AnySegment::Other(s) => s,
                }
            }

            /// The segment id.
            pub fn id(&self) -> &str {
                match self {
                    $( AnySegment::$variant(_) => <$variant as SegmentType>::ID, )*
                    AnySegment::Other(s) => &s.id,
                }
            }
        }

        /// Declared segments know whether an id is theirs.
        pub(crate) fn is_declared(id: &str) -> bool {
            false $( || id == <$variant as SegmentType>::ID )*
        }
    };
}

crate::model::segments::with_declared_segments!(any_segment);
