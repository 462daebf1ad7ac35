//! CVX: the CDC's codes for vaccines administered (RXA-5), with their
//! descriptions, status, non-vaccine flag and last-updated date, and the
//! "unspecified formulation" question.

use chrono::NaiveDate;

use super::normalize::{KeyBuf, cvx_key};
use super::status::CvxStatus;
use super::table::Record;
use super::{CodeSets, Text};

/// One CVX code (a row of `codesets/cvx.tsv`, from the CDC's `cvx.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cvx {
    /// The CVX code as the CDC writes it (`"208"`, `"03"`).
    pub cvx: Text,
    /// CDC short description (`"COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose"`).
    pub short_description: Text,
    /// CDC full vaccine name.
    pub full_name: Text,
    /// CDC notes (empty when none).
    pub notes: Text,
    /// CDC status.
    pub status: CvxStatus,
    /// CDC `NonVaccine` flag: `Some(true)` for codes that are not vaccines
    /// (e.g. `998` no vaccine administered); `None` when the source did not
    /// say (the CDC XML report carries no such flag, only the text download).
    pub non_vaccine: Option<bool>,
    /// Date the CDC last changed this row.
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso::option"))]
    pub last_updated: Option<NaiveDate>,
}

/// CVX `998`, no vaccine administered: the code of an RXA that carries only observations (a
/// contraindication, evidence of immunity, or a Z42 forecast), not a dose.
pub const NO_VACCINE_ADMINISTERED: &str = "998";

/// Phrases by which the CDC names a code for a vaccine of unknown formulation
/// (e.g. `hepatitis B vaccine, unspecified formulation`).
const UNSPECIFIED_PHRASES: &[&str] = &[
    "unspecified formulation",
    "unspecified conjugate formulation",
];

/// The word the CDC ends such a name with when it omits "formulation"
/// (`SARS-COV-2 (COVID-19) vaccine, UNSPECIFIED`).
const UNSPECIFIED_WORD: &str = "unspecified";

impl Cvx {
    /// `true` when this code stands for a vaccine whose formulation is not
    /// known (for recording historical doses), e.g. CVX 45 "Hep B, unspecified
    /// formulation", 213 "SARS-COV-2 (COVID-19) vaccine, UNSPECIFIED".
    ///
    /// Read from the CDC's own wording, not from a list of codes: the full
    /// name (or short description) contains "unspecified formulation", or the
    /// last comma-separated part of the full name is the word "unspecified".
    /// A name where "unspecified" qualifies only a component (CVX 196 "... Lf
    /// unspecified") does not count.
    pub fn is_unspecified_formulation(&self) -> bool {
        let named = |text: &str| {
            UNSPECIFIED_PHRASES
                .iter()
                .any(|p| contains_ignore_case(text, p))
        };
        if named(&self.full_name) || named(&self.short_description) {
            return true;
        }
        self.full_name
            .rsplit(',')
            .next()
            .is_some_and(|last| last.trim().eq_ignore_ascii_case(UNSPECIFIED_WORD))
    }

    /// `true` when the CDC status is `Active`.
    pub fn is_active(&self) -> bool {
        self.status == CvxStatus::Active
    }
}

/// ASCII case-insensitive substring test, without allocating.
pub(crate) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

impl Record for Cvx {
    const INDEXES: usize = 1;

    fn index_key(&self, _index: usize) -> Option<KeyBuf> {
        Some(cvx_key(&self.cvx))
    }
}

impl CodeSets {
    /// The CVX code `code`, if known. Surrounding spaces and leading zeros do
    /// not matter (`"8"`, `"08"` and `" 08 "` all find CVX 08).
    ///
    /// ```
    /// use izmsg::codes::{CodeSets, CvxStatus};
    /// let codes = CodeSets::embedded();
    /// let cvx = codes.cvx("208").unwrap();
    /// assert_eq!(cvx.status, CvxStatus::Inactive);
    /// assert!(codes.cvx("9999").is_none());
    /// ```
    pub fn cvx(&self, code: &str) -> Option<&Cvx> {
        self.table::<Cvx>().find(0, &cvx_key(code)).next()
    }

    /// Every CVX code, in code order.
    pub fn cvx_rows(&self) -> &[Cvx] {
        self.table::<Cvx>().rows()
    }

    /// `true` when `code` is a known CVX code for a vaccine of unspecified
    /// formulation (see [`Cvx::is_unspecified_formulation`]).
    pub fn is_unspecified_formulation(&self, code: &str) -> bool {
        self.cvx(code).is_some_and(Cvx::is_unspecified_formulation)
    }
}
