//! Which tables the crate embeds, where each comes from and the date it is
//! current as of (compiled from `codesets/as_of.tsv`, the one place those
//! dates are written).

use chrono::NaiveDate;

use super::CodeSets;
use super::generated;
use super::schema;

/// The CDC tables, each one file of `codesets/` and one CDC download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CdcTable {
    /// CVX codes (`cvx.tsv`, CDC `cvx.xml`).
    Cvx,
    /// MVX codes (`mvx.tsv`, CDC `mvx.xml`).
    Mvx,
    /// Trade names (`tradename.tsv`, CDC `tradename.xml`).
    Tradename,
    /// CVX -> vaccine groups (`vaccine_group.tsv`, CDC `vac2vg.xml`).
    VaccineGroup,
    /// VIS editions (`vis.tsv`, CDC `vis.xml`).
    Vis,
    /// VIS download URLs (`vis_url.tsv`, CDC `visurl.xml`).
    VisUrl,
    /// CVX -> VIS editions (`cvx_vis.tsv`, CDC `cvxvis.xml`).
    CvxVis,
    /// CPT -> CVX (`cpt.tsv`, CDC `cpt.xml`).
    Cpt,
    /// NDC units of sale (`ndc_sale.tsv`, CDC `NDC_Unit_sale.txt`).
    NdcSale,
    /// NDC units of use (`ndc_use.tsv`, CDC `NDC_Unit_use.txt`).
    NdcUse,
    /// NDC linker (`ndc_link.tsv`, CDC `NDC_Linker.txt`).
    NdcLink,
}

impl CdcTable {
    /// Every table, in the order of `schema::CDC_TABLES`.
    pub const ALL: [CdcTable; 11] = [
        CdcTable::Cvx,
        CdcTable::Mvx,
        CdcTable::Tradename,
        CdcTable::VaccineGroup,
        CdcTable::Vis,
        CdcTable::VisUrl,
        CdcTable::CvxVis,
        CdcTable::Cpt,
        CdcTable::NdcSale,
        CdcTable::NdcUse,
        CdcTable::NdcLink,
    ];

    pub(crate) fn position(self) -> usize {
        CdcTable::ALL
            .iter()
            .position(|t| *t == self)
            .unwrap_or_default()
    }

    fn schema(self) -> (&'static str, &'static str, &'static [&'static str]) {
        schema::CDC_TABLES
            .get(self.position())
            .copied()
            .unwrap_or(("", "", &[]))
    }

    /// The data-set id (`"cvx"`, `"ndc_sale"`), also its key in `as_of.tsv`.
    pub fn dataset(self) -> &'static str {
        self.schema().0
    }

    /// The file name in `codesets/` (`"cvx.tsv"`).
    pub fn file_name(self) -> &'static str {
        self.schema().1
    }

    /// The column names of the file.
    pub fn columns(self) -> &'static [&'static str] {
        self.schema().2
    }

    /// The table with this data-set id or file name.
    pub fn from_name(name: &str) -> Option<CdcTable> {
        CdcTable::ALL
            .into_iter()
            .find(|t| t.dataset() == name || t.file_name() == name)
    }
}

/// Where one data set of `codesets/` comes from and the date it is current
/// as of (a row of `codesets/as_of.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Provenance {
    /// Data-set id: a CDC table (`"cvx"`) or a value-set source (`"nist-z22"`).
    pub dataset: &'static str,
    /// The `codesets/` files holding it.
    pub files: &'static [&'static str],
    /// Publisher (`CDC`, `NIST`, `HL7`, `AIRA`).
    pub publisher: &'static str,
    /// The date the data is current as of.
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso"))]
    pub as_of: NaiveDate,
    /// Source and snapshot, in words.
    pub source: &'static str,
}

/// Every data set embedded in the crate, with its source and as-of date.
///
/// ```
/// let cvx = izmsg::codes::provenance().iter().find(|p| p.dataset == "cvx").unwrap();
/// assert_eq!(cvx.publisher, "CDC");
/// ```
pub fn provenance() -> &'static [Provenance] {
    &generated::PROVENANCE
}

impl CodeSets {
    /// The date the CDC tables are current as of: the oldest as-of date of
    /// the CDC tables (embedded, or laid over at run time).
    ///
    /// ```
    /// let as_of = izmsg::codes::CodeSets::embedded().as_of();
    /// assert!(as_of >= chrono::NaiveDate::from_ymd_opt(2025, 12, 9).unwrap());
    /// ```
    pub fn as_of(&self) -> NaiveDate {
        CdcTable::ALL
            .into_iter()
            .map(|t| self.table_as_of(t))
            .min()
            .unwrap_or(NaiveDate::MIN)
    }

    /// The date one CDC table is current as of.
    pub fn table_as_of(&self, table: CdcTable) -> NaiveDate {
        let position = table.position();
        self.as_of_override(position)
            .or_else(|| generated::CDC_AS_OF.get(position).copied())
            .unwrap_or(NaiveDate::MIN)
    }

    /// The embedded as-of date of one CDC table (before any overlay).
    pub fn embedded_as_of(table: CdcTable) -> NaiveDate {
        generated::CDC_AS_OF
            .get(table.position())
            .copied()
            .unwrap_or(NaiveDate::MIN)
    }
}
