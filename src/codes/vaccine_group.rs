//! Vaccine groups: CVX -> the vaccine groups (diseases) it counts toward. A
//! combination vaccine belongs to several groups (DTaP-HepB-IPV is in DTAP,
//! HepB and POLIO).

use super::normalize::{KeyBuf, cvx_key};
use super::table::{Matches, Record};
use super::{CodeSets, Text};

/// One CVX -> vaccine group row (a row of `codesets/vaccine_group.tsv`, from
/// the CDC's `vac2vg.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VaccineGroup {
    /// The CVX code.
    pub cvx: Text,
    /// CDC vaccine group name (`"DTAP"`, `"COVID-19"`, `"HepB"`).
    pub group_name: Text,
    /// The CVX code standing for the group as a whole (its unspecified
    /// formulation, where there is one: 107 for DTAP).
    pub group_cvx: Text,
}

impl Record for VaccineGroup {
    const INDEXES: usize = 1;

    fn index_key(&self, _index: usize) -> Option<KeyBuf> {
        Some(cvx_key(&self.cvx))
    }
}

impl CodeSets {
    /// The vaccine groups of the CVX code `cvx` (none for codes the CDC puts
    /// in no group, such as immune globulins).
    ///
    /// ```
    /// use izmsg::codes::CodeSets;
    /// let groups: Vec<_> = CodeSets::embedded().vaccine_groups("110").map(|g| g.group_name.as_ref()).collect();
    /// assert!(groups.contains(&"DTAP") && groups.contains(&"HepB") && groups.contains(&"POLIO"));
    /// ```
    pub fn vaccine_groups(&self, cvx: &str) -> Matches<'_, VaccineGroup> {
        self.table::<VaccineGroup>().find(0, &cvx_key(cvx))
    }

    /// Every CVX -> vaccine group row, in CVX order.
    pub fn vaccine_group_rows(&self) -> &[VaccineGroup] {
        self.table::<VaccineGroup>().rows()
    }
}
