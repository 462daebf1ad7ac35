//! How bad an issue is: HL7 table 0516 (ERR-4).

use std::fmt;

/// Severity of an [`Issue`](super::Issue), as HL7 table 0516 codes it in ERR-4.
///
/// Ordered from least to most severe, so `max()` over a report gives the worst.
///
/// ```
/// use izmsg::validate::Severity;
/// assert!(Severity::Error > Severity::Warning);
/// assert_eq!(Severity::from_code("W"), Some(Severity::Warning));
/// assert_eq!(Severity::Information.code(), "I");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Severity {
    /// `I`: processing succeeded; a note, nothing to do.
    Information,
    /// `W`: accepted, but something is wrong or was ignored; correct it at the source.
    Warning,
    /// `E`: the data the location names is not accepted; fix it and send again.
    Error,
}

impl Severity {
    /// The HL7 0516 code: `E`, `W` or `I`.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "E",
            Severity::Warning => "W",
            Severity::Information => "I",
        }
    }

    /// Reads an HL7 0516 code (case ignored; surrounding spaces ignored). `F` (fatal error, in the
    /// base table) reads as an error.
    pub fn from_code(code: &str) -> Option<Severity> {
        match code.trim() {
            c if c.eq_ignore_ascii_case("E") || c.eq_ignore_ascii_case("F") => {
                Some(Severity::Error)
            }
            c if c.eq_ignore_ascii_case("W") => Some(Severity::Warning),
            c if c.eq_ignore_ascii_case("I") => Some(Severity::Information),
            _ => None,
        }
    }

    /// The word: `error`, `warning`, `information`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
