//! What the typed decoder noticed: a value that does not fit its type, structure where none belongs, a
//! segment out of place. Decoding never fails on these; it keeps the value and reports it here, with
//! where it is.

use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::er7::EscapeIssueKind;

/// Where in a message something is: segment, field, repetition, component, subcomponent, byte offset.
///
/// Numbering follows the standard: fields, components and subcomponents from 1, repetitions from 1;
/// 0 means "not that deep".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Location {
    /// Index of the segment in the message, from 0.
    pub segment_index: usize,
    /// The segment id (`RXA`), held inline (no allocation per issue).
    pub segment: crate::model::types::Text,
    /// Field number, from 1 (0: the segment as a whole).
    pub field: u16,
    /// Repetition, from 1 (0: the field as a whole).
    pub repetition: u16,
    /// Component, from 1 (0: none).
    pub component: u16,
    /// Subcomponent, from 1 (0: none).
    pub subcomponent: u16,
    /// Byte offset in the input, when the location comes from parsed input.
    pub offset: Option<usize>,
}

impl Location {
    /// The HL7 path: `RXA-5`, `PID-3[2].4.1`, `OBX` ...
    pub fn path(&self) -> String {
        hl7_path(
            &self.segment,
            self.field,
            self.repetition,
            self.component,
            self.subcomponent,
        )
    }
}

/// The HL7 path people read for a place: `RXA-5`, `PID-3[2].4.1`, `OBX` (the segment alone when
/// `field` is 0; the repetition shown only past the first).
///
/// ```
/// assert_eq!(izmsg::model::issue::hl7_path("PID", 3, 2, 4, 1), "PID-3[2].4.1");
/// assert_eq!(izmsg::model::issue::hl7_path("RXA", 15, 1, 0, 0), "RXA-15");
/// ```
pub fn hl7_path(
    segment: &str,
    field: u16,
    repetition: u16,
    component: u16,
    subcomponent: u16,
) -> String {
    let mut s = String::with_capacity(segment.len() + 20);
    s.push_str(segment);
    if field > 0 {
        s.push('-');
        push_number(&mut s, field);
        if repetition > 1 {
            s.push('[');
            push_number(&mut s, repetition);
            s.push(']');
        }
        if component > 0 {
            s.push('.');
            push_number(&mut s, component);
            if subcomponent > 0 {
                s.push('.');
                push_number(&mut s, subcomponent);
            }
        }
    }
    s
}

/// Writes `n` in decimal.
pub(crate) fn push_number(s: &mut String, n: u16) {
    let mut div = 10_000u16;
    let mut started = false;
    while div > 0 {
        let digit = (n / div) % 10;
        if digit != 0 || started || div == 1 {
            s.push(char::from(b'0' + digit as u8));
            started = true;
        }
        div /= 10;
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (segment {}", self.path(), self.segment_index + 1)?;
        if let Some(o) = self.offset {
            write!(f, ", byte {o}")?;
        }
        f.write_str(")")
    }
}

/// One thing the decoder noticed. Its `Display` names the place and the problem, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DecodeIssue {
    /// What.
    pub kind: DecodeIssueKind,
    /// Where.
    pub location: Location,
    /// How many more issues of the same kind in the same field were counted after this one but not
    /// stored one by one (0 in the usual case): past a few, a field of ten thousand bad escapes is
    /// one issue with a count, not ten thousand issues.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "crate::model::codec::is_zero")
    )]
    pub more: u32,
}

impl fmt::Display for DecodeIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.kind)?;
        if self.more > 0 {
            write!(f, " (and {} more in this field)", self.more)?;
        }
        Ok(())
    }
}

/// The kinds of [`DecodeIssue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum DecodeIssueKind {
    /// A field after the last one the segment defines (kept, re-encoded as it came).
    ExtraField,
    /// A repetition of a field that does not repeat (kept).
    ExtraRepetition,
    /// A component after the last one the data type defines (kept, re-encoded as it came).
    ExtraComponent,
    /// Component or subcomponent separators inside a value of a primitive type (kept as text).
    UnexpectedStructure,
    /// An NM or SI value that is not a number (kept as text).
    NotNumeric,
    /// A DT value that is not a valid `YYYY[MM[DD]]` date (kept as text).
    BadDate,
    /// A DTM value that is not a valid `YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]` date/time (kept as text).
    BadDateTime,
    /// An escape sequence kept verbatim.
    BadEscape(EscapeIssueKind),
    /// More repetitions than the limit allows; the rest were dropped.
    TooManyRepetitions,
    /// A segment the message structure does not expect here (kept in place).
    UnexpectedSegment,
    /// A segment the structure knows, but not at this point (kept in place).
    OutOfOrder,
    /// A segment the structure requires is missing.
    MissingSegment,
    /// MSH-9 names a message this library does not model (decoded as a plain segment list).
    UnknownMessageType,
    /// MSH-12 is not 2.5.1; decoded on a best-effort basis.
    Version,
    /// The decoded message would hold more than [`crate::er7::Limits::max_decoded_ratio`] allows:
    /// the rest of the message was not decoded.
    OverBudget,
}

impl fmt::Display for DecodeIssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeIssueKind::ExtraField => {
                f.write_str("field beyond the last one the segment defines")
            }
            DecodeIssueKind::ExtraRepetition => {
                f.write_str("repetition of a field that does not repeat")
            }
            DecodeIssueKind::ExtraComponent => {
                f.write_str("component beyond the last one the data type defines (kept)")
            }
            DecodeIssueKind::UnexpectedStructure => {
                f.write_str("separators inside a value of a primitive type (kept as text)")
            }
            DecodeIssueKind::NotNumeric => f.write_str("not a number"),
            DecodeIssueKind::BadDate => f.write_str("not a valid date (YYYY[MM[DD]])"),
            DecodeIssueKind::BadDateTime => {
                f.write_str("not a valid date/time (YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ])")
            }
            DecodeIssueKind::BadEscape(k) => write!(f, "escape sequence kept verbatim ({k:?})"),
            DecodeIssueKind::TooManyRepetitions => {
                f.write_str("more repetitions than the limit allows (rest dropped)")
            }
            DecodeIssueKind::UnexpectedSegment => {
                f.write_str("segment not expected in this message (kept in place)")
            }
            DecodeIssueKind::OutOfOrder => f.write_str("segment out of order (kept in place)"),
            DecodeIssueKind::MissingSegment => f.write_str("required segment missing"),
            DecodeIssueKind::UnknownMessageType => {
                f.write_str("message type not modelled (kept as segments)")
            }
            DecodeIssueKind::Version => {
                f.write_str("not HL7 version 2.5.1 (decoded on a best-effort basis)")
            }
            DecodeIssueKind::OverBudget => f.write_str(
                "the message would decode into more memory than the limits allow; the rest was not read",
            ),
        }
    }
}
