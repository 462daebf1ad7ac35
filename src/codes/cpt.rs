//! CPT: the CDC's CPT -> CVX crosswalk, for EHRs that bill with CPT codes and
//! must report CVX. One CPT code can map to several CVX codes.

use chrono::NaiveDate;

use super::normalize::{KeyBuf, cvx_key, exact_key};
use super::table::{Matches, Record};
use super::{CodeSets, Text};

/// One CPT -> CVX row (a row of `codesets/cpt.tsv`, from the CDC's `cpt.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cpt {
    /// The CPT code (`"90686"`).
    pub cpt: Text,
    /// CPT description.
    pub description: Text,
    /// CDC status of the mapping as published (usually empty).
    pub status: Text,
    /// CDC comments.
    pub comments: Text,
    /// CDC vaccine name.
    pub vaccine_name: Text,
    /// The CVX code the CPT code maps to.
    pub cvx: Text,
    /// Date the CDC last changed this row.
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso::option"))]
    pub last_updated: Option<NaiveDate>,
}

impl Record for Cpt {
    const INDEXES: usize = 2;

    fn index_key(&self, index: usize) -> Option<KeyBuf> {
        match index {
            0 => Some(exact_key(&self.cpt)),
            _ => Some(cvx_key(&self.cvx)),
        }
    }
}

impl CodeSets {
    /// The CVX mappings of the CPT code `cpt`.
    ///
    /// ```
    /// use izmsg::codes::CodeSets;
    /// let cvx: Vec<_> = CodeSets::embedded().cpt("90714").map(|c| c.cvx.as_ref()).collect();
    /// assert_eq!(cvx, ["09", "113"]);
    /// ```
    pub fn cpt(&self, cpt: &str) -> Matches<'_, Cpt> {
        self.table::<Cpt>().find(0, &exact_key(cpt))
    }

    /// The CPT codes that map to the CVX code `cvx`.
    pub fn cpt_for_cvx(&self, cvx: &str) -> Matches<'_, Cpt> {
        self.table::<Cpt>().find(1, &cvx_key(cvx))
    }

    /// Every CPT -> CVX row, in CPT order.
    pub fn cpt_rows(&self) -> &[Cpt] {
        self.table::<Cpt>().rows()
    }
}
