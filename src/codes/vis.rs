//! VIS: Vaccine Information Statements. A VIS edition is identified by its
//! fully encoded GS1 barcode string (the value of OBX-5 for LOINC 69764-9);
//! the CDC maps each CVX code to the VIS editions that apply to it and
//! publishes a URL for each current document type.

use chrono::NaiveDate;

use super::normalize::{KeyBuf, cvx_key, exact_key};
use super::status::VisStatus;
use super::table::{Matches, Record};
use super::{CodeSets, Text};

/// GS1 application identifier that starts a VIS barcode (GDTI).
const GDTI_AI: &str = "253";

/// Length of a GDTI document-type code.
const GDTI_LEN: usize = 13;

/// GS1 GDTI of the multiple-vaccines VIS ("Multiple Vaccines VIS", later "Multi Pediatric Vaccines
/// VIS"): one document a clinic may give instead of the VIS of each infant vaccine given at a visit
/// (DTaP, Hib, Hep B, polio, PCV). The CDC links it to each of those CVX codes and to their
/// combinations.
pub const MULTI_VACCINE_VIS_GDTI: &str = "0886983000264";

/// The VIS document type (13-digit GS1 GDTI) inside a fully encoded VIS
/// barcode string: the barcode is GS1 application identifier `253`, the GDTI,
/// then a serial part. Works for barcodes no table lists, so an unknown
/// edition can still be traced to its document type.
///
/// ```
/// use izmsg::codes::{vis_barcode_gdti, CodeSets};
/// let gdti = vis_barcode_gdti("253088698300012711210630").unwrap();
/// assert_eq!(gdti, "0886983000127");
/// let current = CodeSets::embedded().vis_editions(gdti).find(|v| v.is_current()).unwrap();
/// assert!(current.document_name.starts_with("MMR"));
/// ```
pub fn vis_barcode_gdti(encoded: &str) -> Option<&str> {
    encoded
        .trim()
        .strip_prefix(GDTI_AI)
        .and_then(|rest| rest.get(..GDTI_LEN))
        .filter(|g| g.len() == GDTI_LEN && g.bytes().all(|b| b.is_ascii_digit()))
}

/// One VIS edition (a row of `codesets/vis.tsv`, from the CDC's `vis.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VisDocument {
    /// Fully encoded GS1 barcode string (`"253088698300012711210630"`): GS1
    /// application identifier 253, the 13-digit GDTI document type and the
    /// edition date.
    pub vis_encoded: Text,
    /// GS1 GDTI code of the document type (`"0886983000127"`), shared by all
    /// editions of one VIS.
    pub gdti: Text,
    /// CDC document name (`"Hepatitis B Vaccine VIS"`).
    pub document_name: Text,
    /// Edition date (OBX-5 of LOINC 29768-9).
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso"))]
    pub edition_date: NaiveDate,
    /// `Current` or `Historic`.
    pub status: VisStatus,
    /// Date the CDC last changed this row.
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso::option"))]
    pub last_updated: Option<NaiveDate>,
}

impl VisDocument {
    /// `true` for the edition to hand out now.
    pub fn is_current(&self) -> bool {
        self.status == VisStatus::Current
    }

    /// `true` for an edition of the multiple-vaccines VIS ([`MULTI_VACCINE_VIS_GDTI`]).
    pub fn is_multi_vaccine(&self) -> bool {
        self.gdti == MULTI_VACCINE_VIS_GDTI
    }
}

/// Where to download a VIS document type (a row of `codesets/vis_url.tsv`,
/// from the CDC's `visurl.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VisUrl {
    /// GS1 GDTI code of the document type.
    pub gdti: Text,
    /// CDC concept name of the document type.
    pub document_name: Text,
    /// URL of the PDF.
    pub pdf_url: Text,
    /// URL of the web page.
    pub html_url: Text,
}

/// One CVX -> VIS edition link (a row of `codesets/cvx_vis.tsv`, from the
/// CDC's `cvxvis.xml`; the edition's name, date and status are in
/// [`VisDocument`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CvxVis {
    /// The CVX code.
    pub cvx: Text,
    /// The VIS edition's fully encoded barcode string.
    pub vis_encoded: Text,
}

impl Record for VisDocument {
    const INDEXES: usize = 2;

    fn index_key(&self, index: usize) -> Option<KeyBuf> {
        match index {
            0 => Some(exact_key(&self.vis_encoded)),
            _ => Some(exact_key(&self.gdti)),
        }
    }
}

impl Record for VisUrl {
    const INDEXES: usize = 1;

    fn index_key(&self, _index: usize) -> Option<KeyBuf> {
        Some(exact_key(&self.gdti))
    }
}

impl Record for CvxVis {
    const INDEXES: usize = 2;

    fn index_key(&self, index: usize) -> Option<KeyBuf> {
        match index {
            0 => Some(cvx_key(&self.cvx)),
            _ => Some(exact_key(&self.vis_encoded)),
        }
    }
}

impl CodeSets {
    /// The VIS edition with this fully encoded barcode string.
    ///
    /// ```
    /// use izmsg::codes::CodeSets;
    /// let vis = CodeSets::embedded().vis_document("253088698300012711210806").unwrap();
    /// assert_eq!(vis.edition_date.to_string(), "2021-08-06");
    /// assert!(vis.document_name.starts_with("MMR"));
    /// ```
    pub fn vis_document(&self, encoded: &str) -> Option<&VisDocument> {
        self.table::<VisDocument>()
            .find(0, &exact_key(encoded))
            .next()
    }

    /// All editions of one VIS document type (by GDTI), oldest first.
    pub fn vis_editions(&self, gdti: &str) -> Matches<'_, VisDocument> {
        self.table::<VisDocument>().find(1, &exact_key(gdti))
    }

    /// Download URLs of a VIS document type (by GDTI).
    pub fn vis_url(&self, gdti: &str) -> Option<&VisUrl> {
        self.table::<VisUrl>().find(0, &exact_key(gdti)).next()
    }

    /// The VIS editions (current and historic) that apply to the CVX code
    /// `cvx`; filter on [`VisDocument::is_current`] for the ones to hand out.
    ///
    /// ```
    /// use izmsg::codes::CodeSets;
    /// let codes = CodeSets::embedded();
    /// assert!(codes.vis_for_cvx("08").any(|v| v.is_current()));
    /// ```
    pub fn vis_for_cvx(&self, cvx: &str) -> impl Iterator<Item = &VisDocument> + '_ {
        let docs = self.table::<VisDocument>();
        self.table::<CvxVis>()
            .find(0, &cvx_key(cvx))
            .filter_map(move |link| docs.find(0, &exact_key(&link.vis_encoded)).next())
    }

    /// The VIS editions in force on `date` for the CVX code `cvx`: for each VIS document type the
    /// CDC links to the code, the latest edition published on or before `date` (none for a
    /// document type that did not exist yet). In the order the links give the document types.
    ///
    /// For a vaccine the multiple-vaccines VIS covers, the list holds that VIS too
    /// ([`VisDocument::is_multi_vaccine`]): a clinic gives either it or the others, not both.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use izmsg::codes::CodeSets;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let codes = CodeSets::embedded();
    /// // DTaP (CVX 20): the DTaP VIS and the multiple-vaccines VIS, as they stood in 2020.
    /// let in_2020: Vec<_> = codes.vis_in_force("20", day(2020, 1, 1)).iter().map(|v| v.edition_date).collect();
    /// assert_eq!(in_2020, [day(2018, 8, 24), day(2015, 11, 5)]);
    /// let dtap = codes.vis_in_force("20", day(2024, 1, 5));
    /// assert_eq!(dtap[0].edition_date, day(2021, 8, 6));
    /// assert!(codes.vis_in_force("20", day(1990, 1, 1)).is_empty());
    /// ```
    pub fn vis_in_force(&self, cvx: &str, date: NaiveDate) -> Vec<&VisDocument> {
        let mut types: Vec<&str> = Vec::new();
        for doc in self.vis_for_cvx(cvx) {
            if !types.contains(&doc.gdti.as_ref()) {
                types.push(doc.gdti.as_ref());
            }
        }
        types
            .into_iter()
            .filter_map(|gdti| {
                self.vis_editions(gdti)
                    .filter(|e| e.edition_date <= date)
                    .max_by_key(|e| e.edition_date)
            })
            .collect()
    }

    /// The CVX codes a VIS edition applies to.
    pub fn cvx_for_vis(&self, encoded: &str) -> impl Iterator<Item = &str> + '_ {
        self.table::<CvxVis>()
            .find(1, &exact_key(encoded))
            .map(|link| link.cvx.as_ref())
    }

    /// Every VIS edition, by document type then edition date.
    pub fn vis_rows(&self) -> &[VisDocument] {
        self.table::<VisDocument>().rows()
    }

    /// Every VIS download URL row.
    pub fn vis_url_rows(&self) -> &[VisUrl] {
        self.table::<VisUrl>().rows()
    }

    /// Every CVX -> VIS link.
    pub fn cvx_vis_rows(&self) -> &[CvxVis] {
        self.table::<CvxVis>().rows()
    }
}
