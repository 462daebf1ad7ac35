//! The CDC and HL7 code sets of immunization messaging, embedded in the
//! crate and current as of the date [`as_of`] gives.
//!
//! Registries reject doses whose codes are unknown, inactive or
//! inconsistent. This module answers the questions that decide it:
//!
//! | table | lookup | from |
//! |---|---|---|
//! | CVX vaccine codes | [`cvx`], [`is_unspecified_formulation`] | CDC `cvx.xml` (+ `cvx.txt` non-vaccine flag) |
//! | MVX manufacturer codes | [`mvx`] | CDC `mvx.xml` |
//! | vaccine groups | [`vaccine_groups`] | CDC `vac2vg.xml` |
//! | trade names -> CVX + MVX | [`tradename`] | CDC `tradename.xml` |
//! | NDC unit of sale / unit of use (any NDC form) | [`ndc`], [`normalize_ndc`] | CDC NDC flat files and linker |
//! | VIS editions, CVX -> VIS | [`vis_document`], [`vis_for_cvx`] | CDC `vis.xml`, `cvxvis.xml`, `visurl.xml` |
//! | CPT -> CVX | [`cpt`] | CDC `cpt.xml` |
//! | HL7 / CDC value sets | [`lookup`], [`contains`], [`value_set`] | NIST IG 1.5 profiles, HL7 UTG, AIRA |
//! | consistency | [`cvx_on_date`], [`ndc_cvx`], [`mvx_cvx`] | the tables above |
//!
//! The tables live in `codesets/*.tsv` (documented in `codesets/README.md`)
//! and are compiled by `build.rs` into `static` arrays and `phf` maps: a
//! lookup costs no start-up time and allocates nothing.
//!
//! The free functions ask the embedded tables. To use newer CDC downloads
//! without rebuilding, load them into a [`CodeSets`] (see [`overlay`] for the
//! merge rules), which answers the same questions as methods. The
//! `refresh_codesets` example writes such downloads back into `codesets/`.
//!
//! ```
//! use izmsg::codes::{self, CvxStatus, MvxCvx, NdcCvx};
//!
//! let cvx = codes::cvx("208").unwrap();
//! assert_eq!(cvx.status, CvxStatus::Inactive);
//! assert_eq!(codes::mvx("PFR").unwrap().name, "Pfizer, Inc");
//!
//! // NDCs in any form: 11-digit, 10-digit 5-3-2, unhyphenated.
//! for form in ["49281-0421-50", "49281-421-50", "4928142150"] {
//!     let product = codes::ndc(form).unwrap().next().unwrap();
//!     assert_eq!((product.ndc11.as_ref(), product.cvx.as_ref()), ("49281-0421-50", "150"));
//! }
//! assert_eq!(codes::ndc_cvx("49281-0421-50", "150"), NdcCvx::Agree);
//! assert_eq!(codes::mvx_cvx("PMC", "150"), MvxCvx::Makes);
//!
//! // Trade names: case, spaces and punctuation do not matter.
//! assert!(codes::tradename("FLUZONE high dose quadrivalent").any(|t| t.cvx == "197"));
//!
//! // Value sets, by HL7 number or CDC name.
//! assert_eq!(codes::lookup("0064", "V02"), Some("VFC eligible - Medicaid/Medicaid Managed Care"));
//! assert!(codes::contains("CDCREC", "2106-3"));
//! ```

use std::borrow::Cow;

use chrono::NaiveDate;

mod cdc_formats;
mod consistency;
mod cpt;
mod cvx;
mod date;
mod generated;
mod mvx;
mod ndc;
mod normalize;
pub mod overlay;
mod provenance;
// Some layouts (value sets) are read only by build.rs.
#[allow(dead_code)]
mod schema;
mod status;
mod table;
mod tradename;
mod tsv;
mod vaccine_group;
mod valueset;
mod vis;
mod xml;

pub use cdc_formats::{CdcFile, CdcFormatError, CdcRows, read_cdc_file};
pub use consistency::{CvxOnDate, MvxCvx, NdcCvx};
pub use cpt::Cpt;
pub use cvx::{Cvx, NO_VACCINE_ADMINISTERED};
pub use date::parse_cdc_date;
pub use mvx::Mvx;
pub use ndc::{
    Ndc11, NdcCandidates, NdcError, NdcForm, NdcLink, NdcMatches, NdcProduct, NdcUnit, UnitOfUse,
    ndc_candidates, normalize_ndc,
};
pub use overlay::{CodeSets, LoadReport};
pub use provenance::{CdcTable, Provenance, provenance};
pub use status::{CodeStatus, CvxStatus, Status, UnknownWord, VisStatus};
pub use table::Matches;
pub use tradename::{Tradename, TradenameMatches};
pub use vaccine_group::VaccineGroup;
pub(crate) use valueset::Membership;
pub use valueset::{Member, ValueSet, ValueSetCode, ValueSetMembers, value_set, value_sets};
pub use vis::{CvxVis, MULTI_VACCINE_VIS_GDTI, VisDocument, VisUrl, vis_barcode_gdti};

/// Text of a table record: borrowed from the embedded tables, owned when it
/// comes from a CDC file loaded at run time.
pub type Text = Cow<'static, str>;

fn embedded() -> &'static CodeSets {
    CodeSets::embedded()
}

/// The CVX code `code` (leading zeros and spaces ignored).
///
/// ```
/// let c = izmsg::codes::cvx("8").unwrap();
/// assert_eq!(c.cvx, "08");
/// ```
pub fn cvx(code: &str) -> Option<&'static Cvx> {
    embedded().cvx(code)
}

/// `true` when `code` is a CVX code for a vaccine of unspecified formulation
/// (read from the CDC's wording; see [`Cvx::is_unspecified_formulation`]).
///
/// ```
/// assert!(izmsg::codes::is_unspecified_formulation("45"));   // Hep B, unspecified formulation
/// assert!(izmsg::codes::is_unspecified_formulation("213"));  // COVID-19, UNSPECIFIED
/// assert!(!izmsg::codes::is_unspecified_formulation("208"));
/// ```
pub fn is_unspecified_formulation(code: &str) -> bool {
    embedded().is_unspecified_formulation(code)
}

/// The MVX code `code` (case ignored).
pub fn mvx(code: &str) -> Option<&'static Mvx> {
    embedded().mvx(code)
}

/// The products with this trade name (case, spaces and punctuation ignored;
/// see [`CodeSets::tradename`]).
pub fn tradename(name: &str) -> TradenameMatches<'static> {
    embedded().tradename(name)
}

/// The NDC packages with this NDC, in any NDC form (see [`CodeSets::ndc`]).
pub fn ndc(input: &str) -> Result<NdcMatches<'static>, NdcError> {
    embedded().ndc(input)
}

/// The vaccine groups of a CVX code.
pub fn vaccine_groups(cvx: &str) -> Matches<'static, VaccineGroup> {
    embedded().vaccine_groups(cvx)
}

/// The VIS edition with this fully encoded barcode string.
pub fn vis_document(encoded: &str) -> Option<&'static VisDocument> {
    embedded().vis_document(encoded)
}

/// The VIS editions that apply to a CVX code.
pub fn vis_for_cvx(cvx: &str) -> impl Iterator<Item = &'static VisDocument> {
    embedded().vis_for_cvx(cvx)
}

/// The VIS editions in force on `date` for a CVX code (see [`CodeSets::vis_in_force`]).
///
/// ```
/// use chrono::NaiveDate;
/// let day = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
/// let names: Vec<_> = izmsg::codes::vis_in_force("03", day).iter().map(|v| v.document_name.as_ref()).collect();
/// assert_eq!(names, ["MMR Vaccine (Measles, Mumps, and Rubella) VIS"]);
/// ```
pub fn vis_in_force(cvx: &str, date: NaiveDate) -> Vec<&'static VisDocument> {
    embedded().vis_in_force(cvx, date)
}

/// The CVX mappings of a CPT code.
pub fn cpt(code: &str) -> Matches<'static, Cpt> {
    embedded().cpt(code)
}

/// The meaning of `code` in a value set (by HL7 number, `HL7nnnn`, or CDC name).
///
/// ```
/// assert_eq!(izmsg::codes::lookup("0064", "V02"), Some("VFC eligible - Medicaid/Medicaid Managed Care"));
/// assert_eq!(izmsg::codes::lookup("NIP002", "01"), Some("Religious exemption"));
/// ```
pub fn lookup(value_set: &str, code: &str) -> Option<&'static str> {
    embedded().lookup(value_set, code)
}

/// `true` when `code` is in the value set.
///
/// ```
/// assert!(izmsg::codes::contains("HL70163", "LD"));
/// assert!(!izmsg::codes::contains("HL70163", "XX"));
/// ```
pub fn contains(value_set: &str, code: &str) -> bool {
    embedded().contains(value_set, code)
}

/// Whether a CVX code may be used for a dose given on `date` (see [`CodeSets::cvx_on_date`]).
pub fn cvx_on_date(code: &str, date: NaiveDate) -> CvxOnDate {
    embedded().cvx_on_date(code, date)
}

/// Whether an NDC and a CVX code agree (see [`CodeSets::ndc_cvx`]).
pub fn ndc_cvx(ndc: &str, cvx: &str) -> NdcCvx<'static> {
    embedded().ndc_cvx(ndc, cvx)
}

/// Whether manufacturer `mvx` makes vaccine `cvx` (see [`CodeSets::mvx_cvx`]).
pub fn mvx_cvx(mvx: &str, cvx: &str) -> MvxCvx {
    embedded().mvx_cvx(mvx, cvx)
}

/// The date the embedded CDC tables are current as of (the oldest as-of date
/// among them; per-table dates: [`provenance`]).
///
/// ```
/// println!("CDC code sets as of {}", izmsg::codes::as_of());
/// ```
pub fn as_of() -> NaiveDate {
    embedded().as_of()
}
