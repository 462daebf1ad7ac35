//! The separator and encoding characters a message declares in MSH-1 and MSH-2.

use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Segment terminator byte (carriage return), fixed by the standard.
pub const SEGMENT_TERMINATOR: u8 = b'\r';

/// The five characters that give an ER7 message its structure.
///
/// They are read from the header segment (MSH, FHS or BHS): MSH-1 is the field separator itself and
/// MSH-2 holds, in order, the component, repetition, escape and subcomponent characters, optionally
/// followed by the truncation character of HL7 v2.7+ (tolerated, and then escaped as `\P\`).
///
/// ```
/// use izmsg::er7::Delimiters;
/// let d = Delimiters::default();
/// assert_eq!(d.encoding_characters(), "^~\\&");
/// assert_eq!(d.field, b'|');
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Delimiters {
    /// Field separator (MSH-1), `|` by convention.
    pub field: u8,
    /// Component separator, `^` by convention.
    pub component: u8,
    /// Repetition separator, `~` by convention.
    pub repetition: u8,
    /// Escape character, `\` by convention.
    pub escape: u8,
    /// Subcomponent separator, `&` by convention.
    pub subcomponent: u8,
    /// Truncation character (`#`), present only when MSH-2 has a fifth character.
    pub truncation: Option<u8>,
}

impl Default for Delimiters {
    fn default() -> Self {
        Delimiters {
            field: b'|',
            component: b'^',
            repetition: b'~',
            escape: b'\\',
            subcomponent: b'&',
            truncation: None,
        }
    }
}

/// What is wrong with a header's separator or encoding characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum DelimiterProblem {
    /// The header ends before MSH-1 or MSH-2.
    Missing,
    /// MSH-2 holds fewer than the four required encoding characters.
    TooShort {
        /// How many characters MSH-2 holds.
        found: usize,
    },
    /// MSH-2 holds more than five characters.
    TooLong {
        /// How many characters MSH-2 holds.
        found: usize,
    },
    /// A delimiter is a letter, a digit, a space, a control character or a non-ASCII byte.
    NotPunctuation,
    /// Two delimiters are the same character.
    NotDistinct,
}

impl fmt::Display for DelimiterProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DelimiterProblem::Missing => f.write_str("the field separator or encoding characters are missing"),
            DelimiterProblem::TooShort { found } => write!(
                f,
                "MSH-2 holds {found} encoding character(s); four are required (component, repetition, escape, subcomponent)"
            ),
            DelimiterProblem::TooLong { found } => {
                write!(f, "MSH-2 holds {found} characters; at most five are allowed")
            }
            DelimiterProblem::NotPunctuation => f.write_str(
                "a separator or encoding character is a letter, digit, space, control or non-ASCII character",
            ),
            DelimiterProblem::NotDistinct => {
                f.write_str("the field separator and encoding characters are not all different")
            }
        }
    }
}

impl Delimiters {
    /// Builds delimiters from a field separator and the MSH-2 text, checking that they are usable.
    ///
    /// ```
    /// use izmsg::er7::{Delimiters, DelimiterProblem};
    /// assert!(Delimiters::from_header(b'|', b"^~\\&").is_ok());
    /// assert_eq!(Delimiters::from_header(b'|', b"^~&"), Err(DelimiterProblem::TooShort { found: 3 }));
    /// ```
    pub fn from_header(field: u8, msh2: &[u8]) -> Result<Delimiters, DelimiterProblem> {
        let (component, repetition, escape, subcomponent, truncation) = match *msh2 {
            [c, r, e, s] => (c, r, e, s, None),
            [c, r, e, s, t] => (c, r, e, s, Some(t)),
            ref short if short.len() < 4 => {
                return Err(DelimiterProblem::TooShort { found: short.len() });
            }
            ref long => return Err(DelimiterProblem::TooLong { found: long.len() }),
        };
        let d = Delimiters {
            field,
            component,
            repetition,
            escape,
            subcomponent,
            truncation,
        };
        let all = d.as_array();
        let n = if truncation.is_some() { 6 } else { 5 };
        let used = all.get(..n).unwrap_or(&all);
        if used.iter().any(|&b| !b.is_ascii_punctuation()) {
            return Err(DelimiterProblem::NotPunctuation);
        }
        for (i, a) in used.iter().enumerate() {
            if used.iter().skip(i + 1).any(|b| b == a) {
                return Err(DelimiterProblem::NotDistinct);
            }
        }
        Ok(d)
    }

    fn as_array(&self) -> [u8; 6] {
        [
            self.field,
            self.component,
            self.repetition,
            self.escape,
            self.subcomponent,
            self.truncation.unwrap_or(0),
        ]
    }

    /// MSH-2 as written: component, repetition, escape, subcomponent (and truncation, if any).
    pub fn encoding_characters(&self) -> String {
        let mut s = String::with_capacity(5);
        for b in [
            self.component,
            self.repetition,
            self.escape,
            self.subcomponent,
        ] {
            s.push(char::from(b));
        }
        if let Some(t) = self.truncation {
            s.push(char::from(t));
        }
        s
    }

    /// True when `b` is one of the structural characters (separators or escape).
    #[inline]
    pub fn is_special(&self, b: u8) -> bool {
        b == self.field
            || b == self.component
            || b == self.repetition
            || b == self.escape
            || b == self.subcomponent
            || Some(b) == self.truncation
    }
}
