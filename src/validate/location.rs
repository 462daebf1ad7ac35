//! Where an issue is, in the shape of ERR-2 (HL7 data type ERL).

use std::fmt;

/// A place in a message as ERR-2 states it: segment id, the segment's occurrence among segments of
/// that id (from 1), then field, repetition, component and subcomponent (each from 1; 0 = not that
/// deep).
///
/// ```
/// use izmsg::validate::ErrorLocation;
/// let at = ErrorLocation::field("RXA", 2, 15);
/// assert_eq!(at.erl(), "RXA^2^15^1");
/// assert_eq!(at.path(), "RXA-15");
/// assert_eq!(ErrorLocation::parse("RXA^2^15^1").unwrap(), at);
/// assert_eq!(ErrorLocation::parse("PID^1^5^1^2").unwrap().path(), "PID-5.2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ErrorLocation {
    /// Segment id (`RXA`); empty for a message-level issue.
    pub segment: String,
    /// Occurrence of that segment id in the message, from 1 (`RXA^2` is the second RXA).
    pub sequence: u16,
    /// Field, from 1 (0: the segment as a whole).
    pub field: u16,
    /// Field repetition, from 1 (0: not stated).
    pub repetition: u16,
    /// Component, from 1 (0: the field as a whole).
    pub component: u16,
    /// Subcomponent, from 1 (0: the component as a whole).
    pub subcomponent: u16,
}

impl ErrorLocation {
    /// The message as a whole (no segment).
    pub fn message() -> ErrorLocation {
        ErrorLocation::default()
    }

    /// A segment as a whole.
    pub fn segment(id: &str, sequence: u16) -> ErrorLocation {
        ErrorLocation {
            segment: id.to_string(),
            sequence,
            ..ErrorLocation::default()
        }
    }

    /// A field (its first repetition).
    pub fn field(id: &str, sequence: u16, field: u16) -> ErrorLocation {
        ErrorLocation {
            segment: id.to_string(),
            sequence,
            field,
            repetition: 1,
            ..ErrorLocation::default()
        }
    }

    /// The same place, one component deeper.
    pub fn with_component(mut self, component: u16) -> ErrorLocation {
        self.component = component;
        self
    }

    /// The same place, at repetition `repetition` (from 1).
    pub fn with_repetition(mut self, repetition: u16) -> ErrorLocation {
        self.repetition = repetition;
        self
    }

    /// The same place, one subcomponent deeper.
    pub fn with_subcomponent(mut self, subcomponent: u16) -> ErrorLocation {
        self.subcomponent = subcomponent;
        self
    }

    /// True for a message-level location (no segment).
    pub fn is_message(&self) -> bool {
        self.segment.is_empty()
    }

    /// The ERL text for ERR-2, components separated by `^` (`RXA^1^15^1`); empty for the message.
    /// Each level is written only when it is known, as the IG asks.
    pub fn erl(&self) -> String {
        self.erl_with('^')
    }

    /// The ERL text with another component separator.
    pub fn erl_with(&self, sep: char) -> String {
        if self.segment.is_empty() {
            return String::new();
        }
        let mut s = format!("{}{sep}{}", self.segment, self.sequence.max(1));
        let levels = [
            self.field,
            self.repetition.max(u16::from(self.field > 0)),
            self.component,
            self.subcomponent,
        ];
        for (i, level) in levels.iter().enumerate() {
            if *level == 0 || levels.iter().take(i).any(|l| *l == 0) {
                break;
            }
            s.push(sep);
            s.push_str(&level.to_string());
        }
        s
    }

    /// Reads an ERL text (`RXA^1^15^1^2`); missing levels read as 0. `None` when the segment id is
    /// not three letters or digits, or a level is not a number.
    pub fn parse(erl: &str) -> Option<ErrorLocation> {
        let mut parts = erl.split('^');
        let segment = parts.next()?.trim();
        if segment.len() != 3 || !segment.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let mut nums = [0u16; 5];
        for slot in &mut nums {
            match parts.next().map(str::trim) {
                None | Some("") => break,
                Some(p) => *slot = p.parse().ok()?,
            }
        }
        let [sequence, field, repetition, component, subcomponent] = nums;
        Some(ErrorLocation {
            segment: segment.to_ascii_uppercase(),
            sequence: sequence.max(1),
            field,
            repetition,
            component,
            subcomponent,
        })
    }

    /// The HL7 path people read: `RXA-15`, `PID-5.2`, `PID-3[2].5`, `NK1` (segment only), or
    /// `message`.
    pub fn path(&self) -> String {
        if self.segment.is_empty() {
            return "message".to_string();
        }
        crate::model::issue::hl7_path(
            &self.segment,
            self.field,
            self.repetition,
            self.component,
            self.subcomponent,
        )
    }
}

impl fmt::Display for ErrorLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())?;
        if !self.segment.is_empty() && self.sequence > 1 {
            write!(f, " (#{} {})", self.sequence, self.segment)?;
        }
        Ok(())
    }
}
