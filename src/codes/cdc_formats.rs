//! Readers for the files the CDC publishes its IIS code sets in: the XML
//! reports (`cvx.xml`, `mvx.xml`, `tradename.xml`, `vac2vg.xml`, `vis.xml`,
//! `visurl.xml`, `cvxvis.xml`, `cpt.xml`), the pipe-delimited CVX and MVX text
//! downloads (`cvx.txt`, `mvx.txt`) and the NDC flat files
//! (`NDC_Unit_sale.txt`, `NDC_Unit_use.txt`, `NDC_Linker.txt`).
//!
//! This is the one reader of those formats: the run-time overlay
//! ([`CodeSets::load`](super::CodeSets::load)) and the `refresh_codesets`
//! example (which rewrites `codesets/`) both use it. Values are cleaned the
//! way the crate's tables are: surrounding spaces trimmed (the CDC pads codes:
//! `"143       "`), runs of spaces, tabs and line breaks collapsed to one space,
//! dates read from any CDC form, codes written the crate's way (CVX `08`,
//! MVX upper case, NDC 5-4-2).

use std::fmt;

use super::cvx::Cvx;
use super::date::parse_cdc_date;
use super::mvx::Mvx;
use super::ndc::{NdcLink, NdcProduct, NdcUnit, normalize_ndc};
use super::normalize::{KeyBuf, cvx_key, exact_key, mvx_key, tradename_key};
use super::provenance::CdcTable;
use super::status::{CvxStatus, Status, VisStatus};
use super::tradename::Tradename;
use super::vaccine_group::VaccineGroup;
use super::vis::{CvxVis, VisDocument, VisUrl, vis_barcode_gdti};
use super::xml;
use super::{Cpt, Text};

/// A CDC code-set download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CdcFile {
    /// `cvx.xml` (root `<CVXCodes>`).
    CvxXml,
    /// `cvx.txt`, pipe-delimited: code, short description, full name, notes,
    /// status, non-vaccine, last updated.
    CvxText,
    /// `mvx.xml` (root `<MVXCodes>`).
    MvxXml,
    /// `mvx.txt`, pipe-delimited: code, name, notes, status, last updated.
    MvxText,
    /// `tradename.xml` (root `<productnames>`).
    TradenameXml,
    /// `vac2vg.xml` (root `<VGCodes>`).
    VaccineGroupXml,
    /// `vis.xml`, the VIS lookup table (root `<VISLookup>`).
    VisXml,
    /// `visurl.xml` (root `<VISURL>`).
    VisUrlXml,
    /// `cvxvis.xml` (root `<CVXVIS>`).
    CvxVisXml,
    /// `cpt.xml` (root `<CPTCodes>`).
    CptXml,
    /// `NDC_Unit_sale.txt`, 16 pipe-delimited fields.
    NdcSaleText,
    /// `NDC_Unit_use.txt`, 17 pipe-delimited fields.
    NdcUseText,
    /// `NDC_Linker.txt`, 4 pipe-delimited fields.
    NdcLinkerText,
}

/// XML root element of each XML format.
const XML_ROOTS: &[(CdcFile, &str)] = &[
    (CdcFile::CvxXml, "CVXCodes"),
    (CdcFile::MvxXml, "MVXCodes"),
    (CdcFile::TradenameXml, "productnames"),
    (CdcFile::VaccineGroupXml, "VGCodes"),
    (CdcFile::VisXml, "VISLookup"),
    (CdcFile::VisUrlXml, "VISURL"),
    (CdcFile::CvxVisXml, "CVXVIS"),
    (CdcFile::CptXml, "CPTCodes"),
];

/// Field names of the pipe-delimited formats, in file order. The CVX and MVX
/// names are those of the XML reports, so one mapping reads both.
const CVX_TEXT: &[&str] = &[
    "CVXCode",
    "ShortDescription",
    "FullVaccinename",
    "Notes",
    "Status",
    "NonVaccine",
    "LastUpdated",
];
const MVX_TEXT: &[&str] = &[
    "MVX_CODE",
    "Manufacturer Name",
    "Notes",
    "Status",
    "Last Updated",
];
const NDC_SALE_TEXT: &[&str] = &[
    "NDCOuterID",
    "OuterLabeler",
    "OuterProduct",
    "OuterPackage",
    "OuterPropName",
    "OuterGenericName",
    "OuterLabelerName",
    "OuterStartDate",
    "OuterEndDate",
    "OuterPackForm",
    "OuterRoute",
    "LastUpdatedDate",
    "CVXCode",
    "CVXShortDescription",
    "NDC11",
    "GTIN",
];
const NDC_USE_TEXT: &[&str] = &[
    "NDCInnerID",
    "UseUnitLabeler",
    "UseUnitProduct",
    "UseUnitPackage",
    "UseUnitPropName",
    "UseUnitGenericName",
    "UseUnitLabelerName",
    "UseUnitStartDate",
    "UseUnitEndDate",
    "UseUnitPackForm",
    "UseUnitGTIN",
    "CVXCode",
    "CVXShortDescription",
    "NoInner",
    "NDC11",
    "LastUpdatedDate",
    "GTIN",
];
const NDC_LINKER_TEXT: &[&str] = &["LinkerID", "NDCOuterID", "NDCInnerID", "MVXCode"];

/// Text formats and their field names.
const TEXT_LAYOUTS: &[(CdcFile, &[&str])] = &[
    (CdcFile::CvxText, CVX_TEXT),
    (CdcFile::MvxText, MVX_TEXT),
    (CdcFile::NdcSaleText, NDC_SALE_TEXT),
    (CdcFile::NdcUseText, NDC_USE_TEXT),
    (CdcFile::NdcLinkerText, NDC_LINKER_TEXT),
];

impl CdcFile {
    /// Every format.
    pub const ALL: [CdcFile; 13] = [
        CdcFile::CvxXml,
        CdcFile::CvxText,
        CdcFile::MvxXml,
        CdcFile::MvxText,
        CdcFile::TradenameXml,
        CdcFile::VaccineGroupXml,
        CdcFile::VisXml,
        CdcFile::VisUrlXml,
        CdcFile::CvxVisXml,
        CdcFile::CptXml,
        CdcFile::NdcSaleText,
        CdcFile::NdcUseText,
        CdcFile::NdcLinkerText,
    ];

    /// The table the file updates.
    pub fn table(self) -> CdcTable {
        match self {
            CdcFile::CvxXml | CdcFile::CvxText => CdcTable::Cvx,
            CdcFile::MvxXml | CdcFile::MvxText => CdcTable::Mvx,
            CdcFile::TradenameXml => CdcTable::Tradename,
            CdcFile::VaccineGroupXml => CdcTable::VaccineGroup,
            CdcFile::VisXml => CdcTable::Vis,
            CdcFile::VisUrlXml => CdcTable::VisUrl,
            CdcFile::CvxVisXml => CdcTable::CvxVis,
            CdcFile::CptXml => CdcTable::Cpt,
            CdcFile::NdcSaleText => CdcTable::NdcSale,
            CdcFile::NdcUseText => CdcTable::NdcUse,
            CdcFile::NdcLinkerText => CdcTable::NdcLink,
        }
    }

    /// The name the CDC gives the download (`"cvx.xml"`, `"NDC_Unit_sale.txt"`).
    pub fn usual_name(self) -> &'static str {
        match self {
            CdcFile::CvxXml => "cvx.xml",
            CdcFile::CvxText => "cvx.txt",
            CdcFile::MvxXml => "mvx.xml",
            CdcFile::MvxText => "mvx.txt",
            CdcFile::TradenameXml => "tradename.xml",
            CdcFile::VaccineGroupXml => "vac2vg.xml",
            CdcFile::VisXml => "vis.xml",
            CdcFile::VisUrlXml => "visurl.xml",
            CdcFile::CvxVisXml => "cvxvis.xml",
            CdcFile::CptXml => "cpt.xml",
            CdcFile::NdcSaleText => "NDC_Unit_sale.txt",
            CdcFile::NdcUseText => "NDC_Unit_use.txt",
            CdcFile::NdcLinkerText => "NDC_Linker.txt",
        }
    }

    /// Recognises a CDC download from its content: an XML report by its root
    /// element, a pipe-delimited file by its number of fields (7 CVX, 5 MVX,
    /// 16 NDC unit of sale, 17 unit of use, 4 NDC linker).
    ///
    /// ```
    /// use izmsg::codes::CdcFile;
    /// assert_eq!(CdcFile::detect(b"<?xml version=\"1.0\"?>\n<MVXCodes>"), Some(CdcFile::MvxXml));
    /// assert_eq!(CdcFile::detect(b"1|500|362|PMC\r\n"), Some(CdcFile::NdcLinkerText));
    /// assert_eq!(CdcFile::detect(b"hello"), None);
    /// ```
    pub fn detect(bytes: &[u8]) -> Option<CdcFile> {
        let text = decode(bytes);
        let trimmed = text.trim_start();
        if trimmed.starts_with('<') {
            let root = xml_root_name(trimmed)?;
            return XML_ROOTS
                .iter()
                .find(|(_, name)| name.eq_ignore_ascii_case(&root))
                .map(|(file, _)| *file);
        }
        let line = text.lines().find(|l| !l.trim().is_empty())?;
        let fields = line.split('|').count();
        TEXT_LAYOUTS
            .iter()
            .find(|(_, names)| names.len() == fields)
            .map(|(file, _)| *file)
    }
}

impl fmt::Display for CdcFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.usual_name())
    }
}

/// The name of the first element of an XML document (after declarations and comments).
fn xml_root_name(text: &str) -> Option<String> {
    let mut rest = text;
    loop {
        let start = rest.find('<')?;
        let after = rest.get(start + 1..)?;
        if after.starts_with('?') || after.starts_with('!') {
            let end = after.find('>')?;
            rest = after.get(end + 1..)?;
            continue;
        }
        let end = after.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        return Some(after.get(..end)?.to_string());
    }
}

/// The rows read from one CDC file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CdcRows {
    /// From `cvx.xml` or `cvx.txt`.
    Cvx(Vec<Cvx>),
    /// From `mvx.xml` or `mvx.txt`.
    Mvx(Vec<Mvx>),
    /// From `tradename.xml`.
    Tradename(Vec<Tradename>),
    /// From `vac2vg.xml`.
    VaccineGroup(Vec<VaccineGroup>),
    /// From `vis.xml`.
    Vis(Vec<VisDocument>),
    /// From `visurl.xml`.
    VisUrl(Vec<VisUrl>),
    /// From `cvxvis.xml`: the links, and the VIS editions they name (as
    /// described in the same file).
    CvxVis {
        /// CVX -> VIS links.
        links: Vec<CvxVis>,
        /// The VIS editions named by the links.
        documents: Vec<VisDocument>,
    },
    /// From `cpt.xml`.
    Cpt(Vec<Cpt>),
    /// From `NDC_Unit_sale.txt` or `NDC_Unit_use.txt`.
    Ndc {
        /// Which file.
        unit: NdcUnit,
        /// The packages.
        products: Vec<NdcProduct>,
    },
    /// From `NDC_Linker.txt`.
    NdcLink(Vec<NdcLink>),
}

impl CdcRows {
    /// The table the rows belong to.
    pub fn table(&self) -> CdcTable {
        match self {
            CdcRows::Cvx(_) => CdcTable::Cvx,
            CdcRows::Mvx(_) => CdcTable::Mvx,
            CdcRows::Tradename(_) => CdcTable::Tradename,
            CdcRows::VaccineGroup(_) => CdcTable::VaccineGroup,
            CdcRows::Vis(_) => CdcTable::Vis,
            CdcRows::VisUrl(_) => CdcTable::VisUrl,
            CdcRows::CvxVis { .. } => CdcTable::CvxVis,
            CdcRows::Cpt(_) => CdcTable::Cpt,
            CdcRows::Ndc {
                unit: NdcUnit::Sale,
                ..
            } => CdcTable::NdcSale,
            CdcRows::Ndc { .. } => CdcTable::NdcUse,
            CdcRows::NdcLink(_) => CdcTable::NdcLink,
        }
    }

    /// Number of rows read.
    pub fn len(&self) -> usize {
        match self {
            CdcRows::Cvx(r) => r.len(),
            CdcRows::Mvx(r) => r.len(),
            CdcRows::Tradename(r) => r.len(),
            CdcRows::VaccineGroup(r) => r.len(),
            CdcRows::Vis(r) => r.len(),
            CdcRows::VisUrl(r) => r.len(),
            CdcRows::CvxVis { links, .. } => links.len(),
            CdcRows::Cpt(r) => r.len(),
            CdcRows::Ndc { products, .. } => products.len(),
            CdcRows::NdcLink(r) => r.len(),
        }
    }

    /// `true` when no rows were read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Why a CDC file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CdcFormatError {
    /// Not a format of [`CdcFile`].
    #[error(
        "not a CDC code-set download this crate reads (an XML report such as cvx.xml, or a pipe-delimited file such as NDC_Unit_sale.txt)"
    )]
    Unrecognized,
    /// Malformed XML.
    #[error("{file}: malformed XML at line {line}: {message}")]
    Xml {
        /// The format being read.
        file: CdcFile,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An XML report of another kind.
    #[error("{file}: the root element is <{found}>, expected <{expected}>")]
    WrongRoot {
        /// The format being read.
        file: CdcFile,
        /// The root element found.
        found: String,
        /// The root element expected.
        expected: &'static str,
    },
    /// A pipe-delimited line with the wrong number of fields.
    #[error("{file} line {line}: expected {expected} fields separated by `|`, found {found}")]
    FieldCount {
        /// The format being read.
        file: CdcFile,
        /// 1-based line.
        line: usize,
        /// Fields expected.
        expected: usize,
        /// Fields found.
        found: usize,
    },
    /// A record without a required field.
    #[error("{file} record {record}: missing field `{field}`")]
    MissingField {
        /// The format being read.
        file: CdcFile,
        /// 1-based record (line for text files).
        record: usize,
        /// The field.
        field: &'static str,
    },
    /// A field whose value is not valid.
    #[error("{file} record {record}: {field} `{value}` is not {expected}")]
    BadValue {
        /// The format being read.
        file: CdcFile,
        /// 1-based record (line for text files).
        record: usize,
        /// The field.
        field: &'static str,
        /// The value found.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A file with no records.
    #[error("{file}: no records")]
    Empty {
        /// The format being read.
        file: CdcFile,
    },
}

/// Decodes a download: UTF-8 (BOM dropped), or ISO-8859-1 when it is not
/// valid UTF-8 (the CDC declares `cvx.xml` as ISO-8859-1).
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

/// Trims and collapses runs of white space (spaces, tabs, line breaks) to one space.
pub(crate) fn clean(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A field name reduced to lowercase letters and digits, so `Last Updated`,
/// `LastUpdated` and `Lastupdated` are one name.
fn field_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// One record, fields keyed by [`field_key`], values cleaned.
struct Rec {
    file: CdcFile,
    number: usize,
    fields: Vec<(String, String)>,
}

impl Rec {
    /// The first field present among `names` (alternative spellings).
    fn opt(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|name| {
            let key = field_key(name);
            self.fields
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.as_str())
        })
    }

    fn req(&self, names: &[&'static str]) -> Result<&str, CdcFormatError> {
        self.opt(names).ok_or(CdcFormatError::MissingField {
            file: self.file,
            record: self.number,
            field: names.first().copied().unwrap_or_default(),
        })
    }

    fn text(&self, names: &[&str]) -> Text {
        Text::Owned(self.opt(names).unwrap_or_default().to_string())
    }

    fn bad(&self, field: &'static str, value: &str, expected: &'static str) -> CdcFormatError {
        CdcFormatError::BadValue {
            file: self.file,
            record: self.number,
            field,
            value: value.to_string(),
            expected,
        }
    }

    fn cvx(&self, names: &[&'static str]) -> Result<Text, CdcFormatError> {
        let value = self.req(names)?;
        match cvx_key(value).get() {
            Some(key) if !key.is_empty() => Ok(Text::Owned(key.to_string())),
            _ => Err(self.bad(
                names.first().copied().unwrap_or_default(),
                value,
                "a CVX code",
            )),
        }
    }

    /// A field that keys its table (a VIS barcode, a trade name, a CPT code ...): required, and one
    /// that `key` turns into a usable lookup key (not empty, ASCII, not too long), else the row could
    /// never be found.
    fn key(
        &self,
        names: &[&'static str],
        key: fn(&str) -> KeyBuf,
        expected: &'static str,
    ) -> Result<Text, CdcFormatError> {
        let value = self.req(names)?;
        match key(value).get() {
            Some(k) if !k.is_empty() => Ok(Text::Owned(value.to_string())),
            _ => Err(self.bad(names.first().copied().unwrap_or_default(), value, expected)),
        }
    }

    fn cvx_opt(&self, names: &[&'static str]) -> Result<Text, CdcFormatError> {
        match self.opt(names) {
            None | Some("") => Ok(Text::Borrowed("")),
            Some(_) => self.cvx(names),
        }
    }

    fn mvx(&self, names: &[&'static str]) -> Result<Text, CdcFormatError> {
        let value = self.req(names)?;
        match mvx_key(value).get() {
            Some(key) if !key.is_empty() => Ok(Text::Owned(key.to_string())),
            _ => Err(self.bad(
                names.first().copied().unwrap_or_default(),
                value,
                "an MVX code",
            )),
        }
    }

    fn mvx_opt(&self, names: &[&'static str]) -> Result<Text, CdcFormatError> {
        match self.opt(names) {
            None | Some("") => Ok(Text::Borrowed("")),
            Some(_) => self.mvx(names),
        }
    }

    fn date(&self, names: &[&'static str]) -> Result<Option<chrono::NaiveDate>, CdcFormatError> {
        match self.opt(names) {
            None | Some("") => Ok(None),
            Some(value) => parse_cdc_date(value).map(Some).ok_or_else(|| {
                self.bad(names.first().copied().unwrap_or_default(), value, "a date")
            }),
        }
    }

    fn flag(&self, names: &[&'static str]) -> Result<Option<bool>, CdcFormatError> {
        match self.opt(names) {
            None | Some("") => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(v) => Err(self.bad(
                names.first().copied().unwrap_or_default(),
                v,
                "True or False",
            )),
        }
    }

    fn id(&self, names: &[&'static str]) -> Result<u32, CdcFormatError> {
        let value = self.req(names)?;
        value.parse().map_err(|_| {
            self.bad(
                names.first().copied().unwrap_or_default(),
                value,
                "a row id",
            )
        })
    }

    fn word<T>(
        &self,
        names: &[&'static str],
        parse: fn(&str) -> Option<T>,
        expected: &'static str,
    ) -> Result<T, CdcFormatError> {
        let value = self.req(names)?;
        parse(value)
            .ok_or_else(|| self.bad(names.first().copied().unwrap_or_default(), value, expected))
    }
}

/// Reads a CDC download in the given format.
///
/// ```
/// use izmsg::codes::{read_cdc_file, CdcFile, CdcRows};
/// let xml = br#"<?xml version="1.0"?><MVXCodes><MVXInfo>
///   <Name>MVX_CODE</Name><Value>XYZ</Value><Name>Manufacturer Name</Name><Value>Example Vaccines</Value>
///   <Name>Notes</Name><Value/><Name>Status</Name><Value>Active</Value>
///   <Name>Last Updated</Name><Value>1/15/2026</Value></MVXInfo></MVXCodes>"#;
/// let CdcRows::Mvx(rows) = read_cdc_file(CdcFile::MvxXml, xml).unwrap() else { panic!() };
/// assert_eq!(rows[0].mvx, "XYZ");
/// assert_eq!(rows[0].last_updated.unwrap().to_string(), "2026-01-15");
/// ```
pub fn read_cdc_file(file: CdcFile, bytes: &[u8]) -> Result<CdcRows, CdcFormatError> {
    let records = records(file, &decode(bytes))?;
    if records.is_empty() {
        return Err(CdcFormatError::Empty { file });
    }
    let rows = match file {
        CdcFile::CvxXml | CdcFile::CvxText => CdcRows::Cvx(collect(&records, read_cvx)?),
        CdcFile::MvxXml | CdcFile::MvxText => CdcRows::Mvx(collect(&records, read_mvx)?),
        CdcFile::TradenameXml => CdcRows::Tradename(collect(&records, read_tradename)?),
        CdcFile::VaccineGroupXml => CdcRows::VaccineGroup(collect(&records, read_group)?),
        CdcFile::VisXml => CdcRows::Vis(collect(&records, read_vis)?),
        CdcFile::VisUrlXml => CdcRows::VisUrl(collect(&records, read_vis_url)?),
        CdcFile::CvxVisXml => {
            let pairs = collect(&records, read_cvx_vis)?;
            let (links, documents) = pairs.into_iter().unzip();
            CdcRows::CvxVis { links, documents }
        }
        CdcFile::CptXml => CdcRows::Cpt(collect(&records, read_cpt)?),
        CdcFile::NdcSaleText => CdcRows::Ndc {
            unit: NdcUnit::Sale,
            products: collect(&records, |r| read_ndc(r, NdcUnit::Sale))?,
        },
        CdcFile::NdcUseText => CdcRows::Ndc {
            unit: NdcUnit::Use,
            products: collect(&records, |r| read_ndc(r, NdcUnit::Use))?,
        },
        CdcFile::NdcLinkerText => CdcRows::NdcLink(collect(&records, read_link)?),
    };
    Ok(rows)
}

fn collect<T>(
    records: &[Rec],
    read: impl Fn(&Rec) -> Result<T, CdcFormatError>,
) -> Result<Vec<T>, CdcFormatError> {
    records.iter().map(read).collect()
}

fn records(file: CdcFile, text: &str) -> Result<Vec<Rec>, CdcFormatError> {
    if let Some((_, expected)) = XML_ROOTS.iter().find(|(f, _)| *f == file) {
        let (root, raw) = xml::read_records(text).map_err(|e| CdcFormatError::Xml {
            file,
            line: e.line,
            message: e.message,
        })?;
        if !root.eq_ignore_ascii_case(expected) {
            return Err(CdcFormatError::WrongRoot {
                file,
                found: root,
                expected,
            });
        }
        return Ok(raw
            .into_iter()
            .enumerate()
            .map(|(i, fields)| Rec {
                file,
                number: i + 1,
                fields: fields
                    .into_iter()
                    .map(|(k, v)| (field_key(&k), clean(&v)))
                    .collect(),
            })
            .collect());
    }
    let names = TEXT_LAYOUTS
        .iter()
        .find(|(f, _)| *f == file)
        .map(|(_, names)| *names)
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let values: Vec<&str> = line.split('|').collect();
        if values.len() != names.len() {
            return Err(CdcFormatError::FieldCount {
                file,
                line: i + 1,
                expected: names.len(),
                found: values.len(),
            });
        }
        out.push(Rec {
            file,
            number: i + 1,
            fields: names
                .iter()
                .zip(values)
                .map(|(k, v)| (field_key(k), clean(v)))
                .collect(),
        });
    }
    Ok(out)
}

fn read_cvx(r: &Rec) -> Result<Cvx, CdcFormatError> {
    Ok(Cvx {
        cvx: r.cvx(&["CVXCode", "CVX Code"])?,
        short_description: r.text(&["ShortDescription"]),
        full_name: r.text(&["FullVaccinename", "Full Vaccine Name"]),
        notes: r.text(&["Notes"]),
        status: r.word(
            &["Status", "VaccineStatus"],
            CvxStatus::from_word,
            "a CVX status",
        )?,
        non_vaccine: r.flag(&["NonVaccine"])?,
        last_updated: r.date(&["LastUpdated", "Last Updated"])?,
    })
}

fn read_mvx(r: &Rec) -> Result<Mvx, CdcFormatError> {
    Ok(Mvx {
        mvx: r.mvx(&["MVX_CODE", "MVX Code", "MVXCode"])?,
        name: r.text(&["Manufacturer Name", "Manufacturer"]),
        notes: r.text(&["Notes"]),
        status: r.word(&["Status"], Status::from_word, "Active or Inactive")?,
        last_updated: r.date(&["Last Updated", "LastUpdated"])?,
    })
}

fn read_tradename(r: &Rec) -> Result<Tradename, CdcFormatError> {
    Ok(Tradename {
        product_name: r.key(
            &["CDC Product Name", "Product Name"],
            tradename_key,
            "a trade name",
        )?,
        short_description: r.text(&["Short Description", "ShortDescription"]),
        cvx: r.cvx(&["CVXCode", "CVX Code"])?,
        manufacturer: r.text(&["Manufacturer"]),
        mvx: r.mvx_opt(&["MVX Code", "MVXCode"])?,
        mvx_status: r.word(&["MVX Status"], Status::from_word, "Active or Inactive")?,
        status: r.word(
            &["Product name Status", "Product Status"],
            Status::from_word,
            "Active or Inactive",
        )?,
        last_updated: r.date(&["Last Updated", "LastUpdated"])?,
    })
}

fn read_group(r: &Rec) -> Result<VaccineGroup, CdcFormatError> {
    Ok(VaccineGroup {
        cvx: r.cvx(&["CVXCode", "CVX Code"])?,
        group_name: Text::Owned(r.req(&["Vaccine Group Name"])?.to_string()),
        group_cvx: r.cvx(&["CVX for Vaccine Group"])?,
    })
}

fn read_vis(r: &Rec) -> Result<VisDocument, CdcFormatError> {
    Ok(VisDocument {
        vis_encoded: r.key(&["VIS_encoded_string"], exact_key, "a VIS barcode string")?,
        gdti: r.text(&["VIS_GDTI_document_code"]),
        document_name: r.text(&["VIS_Document_Type_Description"]),
        edition_date: r
            .date(&["Edition_Date"])?
            .ok_or_else(|| r.bad("Edition_Date", "", "a date"))?,
        status: r.word(&["status"], VisStatus::from_word, "Current or Historic")?,
        last_updated: r.date(&["Lastupdated", "Last Updated"])?,
    })
}

fn read_vis_url(r: &Rec) -> Result<VisUrl, CdcFormatError> {
    Ok(VisUrl {
        gdti: r.key(&["VIS_GDTI_document_Conceptcode"], exact_key, "a GDTI")?,
        document_name: r.text(&["VIS_Document_Type_Description_ConceptName"]),
        pdf_url: r.text(&["VIS_PDF_URL"]),
        html_url: r.text(&["VIS_HTML_URL"]),
    })
}

fn read_cvx_vis(r: &Rec) -> Result<(CvxVis, VisDocument), CdcFormatError> {
    let encoded = r
        .key(&["Fully-encodedString"], exact_key, "a VIS barcode string")?
        .into_owned();
    let link = CvxVis {
        cvx: r.cvx(&["CVXCode", "CVX Code"])?,
        vis_encoded: Text::Owned(encoded.clone()),
    };
    let document = VisDocument {
        gdti: Text::Owned(vis_barcode_gdti(&encoded).unwrap_or_default().to_string()),
        vis_encoded: Text::Owned(encoded),
        document_name: r.text(&["VISDocumentName"]),
        edition_date: r
            .date(&["VISEditionDate"])?
            .ok_or_else(|| r.bad("VISEditionDate", "", "a date"))?,
        status: r.word(&["Status"], VisStatus::from_word, "Current or Historic")?,
        last_updated: None,
    };
    Ok((link, document))
}

fn read_cpt(r: &Rec) -> Result<Cpt, CdcFormatError> {
    Ok(Cpt {
        cpt: r.key(&["CPT Code"], exact_key, "a CPT code")?,
        description: r.text(&["CPT Desc"]),
        status: r.text(&["Status"]),
        comments: r.text(&["Comments"]),
        vaccine_name: r.text(&["Vaccine Name"]),
        cvx: r.cvx(&["CVX Code", "CVXCode"])?,
        last_updated: r.date(&["LastUpdated", "Last Updated"])?,
    })
}

fn read_ndc(r: &Rec, unit: NdcUnit) -> Result<NdcProduct, CdcFormatError> {
    let (id, labeler, product, package, sale) = match unit {
        NdcUnit::Sale => (
            "NDCOuterID",
            "OuterLabeler",
            "OuterProduct",
            "OuterPackage",
            true,
        ),
        NdcUnit::Use => (
            "NDCInnerID",
            "UseUnitLabeler",
            "UseUnitProduct",
            "UseUnitPackage",
            false,
        ),
    };
    let pick =
        |sale_name: &'static str, use_name: &'static str| if sale { sale_name } else { use_name };
    let segments = [labeler, product, package].map(|f| r.opt(&[f]).unwrap_or_default().to_string());
    let ndc_text = r.opt(&["NDC11"]).unwrap_or_default();
    let ndc = if ndc_text.is_empty() {
        let [a, b, c] = &segments;
        normalize_ndc(&format!("{a}-{b}-{c}"))
    } else {
        normalize_ndc(ndc_text)
    }
    .map_err(|_| r.bad("NDC11", ndc_text, "an NDC"))?;
    let [labeler_code, product_code, package_code] = segments.map(Text::Owned);
    Ok(NdcProduct {
        unit,
        row_id: r.id(&[id])?,
        ndc11: Text::Owned(ndc.to_string()),
        labeler_code,
        product_code,
        package_code,
        proprietary_name: r.text(&[pick("OuterPropName", "UseUnitPropName")]),
        generic_name: r.text(&[pick("OuterGenericName", "UseUnitGenericName")]),
        labeler: r.text(&[pick("OuterLabelerName", "UseUnitLabelerName")]),
        start_date: r.date(&[pick("OuterStartDate", "UseUnitStartDate")])?,
        end_date: r.date(&[pick("OuterEndDate", "UseUnitEndDate")])?,
        package_form: r.text(&[pick("OuterPackForm", "UseUnitPackForm")]),
        route: r.text(&["OuterRoute"]),
        unit_gtin: r.text(&["UseUnitGTIN"]),
        cvx: r.cvx_opt(&["CVXCode"])?,
        cvx_description: r.text(&["CVXShortDescription"]),
        no_inner: r.flag(&["NoInner"])?,
        gtin: r.text(&["GTIN"]),
        last_updated: r.date(&["LastUpdatedDate"])?,
        retired: false,
    })
}

fn read_link(r: &Rec) -> Result<NdcLink, CdcFormatError> {
    Ok(NdcLink {
        linker_id: r.id(&["LinkerID"])?,
        sale_row_id: r.id(&["NDCOuterID"])?,
        use_row_id: r.id(&["NDCInnerID"])?,
        mvx: r.mvx(&["MVXCode"])?,
        retired: false,
    })
}
