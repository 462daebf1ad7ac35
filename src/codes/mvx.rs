//! MVX: the CDC's codes for vaccine manufacturers (RXA-17), with their name
//! and status.

use chrono::NaiveDate;

use super::normalize::{KeyBuf, mvx_key};
use super::status::Status;
use super::table::Record;
use super::{CodeSets, Text};

/// One MVX code (a row of `codesets/mvx.tsv`, from the CDC's `mvx.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mvx {
    /// The MVX code (`"PFR"`).
    pub mvx: Text,
    /// Manufacturer name (`"Pfizer, Inc"`).
    pub name: Text,
    /// CDC notes (empty when none), e.g. who acquired the company.
    pub notes: Text,
    /// CDC status.
    pub status: Status,
    /// Date the CDC last changed this row.
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso::option"))]
    pub last_updated: Option<NaiveDate>,
}

impl Record for Mvx {
    const INDEXES: usize = 1;

    fn index_key(&self, _index: usize) -> Option<KeyBuf> {
        Some(mvx_key(&self.mvx))
    }
}

impl CodeSets {
    /// The MVX code `code`, if known (case and surrounding spaces ignored).
    ///
    /// ```
    /// use izmsg::codes::{CodeSets, Status};
    /// let mvx = CodeSets::embedded().mvx("pfr").unwrap();
    /// assert_eq!(mvx.name, "Pfizer, Inc");
    /// assert_eq!(mvx.status, Status::Active);
    /// ```
    pub fn mvx(&self, code: &str) -> Option<&Mvx> {
        self.table::<Mvx>().find(0, &mvx_key(code)).next()
    }

    /// Every MVX code, in code order.
    pub fn mvx_rows(&self) -> &[Mvx] {
        self.table::<Mvx>().rows()
    }
}
