//! [`CodeSets`]: the embedded code tables, plus newer CDC downloads laid over
//! them at run time without rebuilding the crate.
//!
//! Loading a CDC file ([`CodeSets::load`]) merges it into a copy of that
//! table, row by row, keyed by the CDC's identity of a row (the CVX code, the
//! MVX code, the NDC row id, ...):
//!
//! * a row in the file and not in the table is **added**;
//! * a row in both: the **newer wins** by the CDC's last-updated date (the
//!   file wins a tie or when a date is missing; the table's row is kept when
//!   it is strictly newer, so an old download cannot undo a newer one);
//! * a row in the table and not in the file **stays known, retired**: a CVX
//!   code becomes `Inactive`, an MVX code or trade name `Inactive`, a VIS
//!   edition `Historic`, an NDC package or linker row `retired` - so a code
//!   the CDC dropped is still recognised in old records. A row newer than
//!   anything in the file is left alone (the file is older than it);
//! * the vaccine groups and VIS editions of a CVX code in the file are
//!   replaced by the file's; those of codes not in the file are kept.
//!
//! Files must be complete CDC downloads, as published (a partial file would
//! retire the rows it leaves out). Lookups on a `CodeSets` read the overlay
//! where a table was loaded and the embedded table elsewhere.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;

use super::Cpt;
use super::cdc_formats::{CdcFile, CdcFormatError, CdcRows, read_cdc_file};
use super::cvx::Cvx;
use super::generated;
use super::mvx::Mvx;
use super::ndc::{NdcLink, NdcProduct, NdcUnit};
use super::normalize::{cvx_key, mvx_key, ndc_row_key, tradename_key};
use super::provenance::CdcTable;
use super::status::{CvxStatus, Status, VisStatus};
use super::table::{OwnedTable, Record, StaticTable, TableRef};
use super::tradename::Tradename;
use super::vaccine_group::VaccineGroup;
use super::vis::{CvxVis, VisDocument, VisUrl};

/// The code tables: embedded, with CDC downloads laid over them at run time.
///
/// Every question the crate answers is a method here; the free functions of
/// [`codes`](super) ask [`CodeSets::embedded`]. Cloning is cheap for tables
/// not overlaid (they are `'static`).
///
/// ```
/// use izmsg::codes::{CdcFile, CodeSets, CvxStatus};
///
/// let mut codes = CodeSets::new();
/// // A CDC cvx.txt download (pipe-delimited) with one new code.
/// let mut cvx_txt = String::new();
/// for c in codes.cvx_rows() {
///     cvx_txt += &format!("{}|{}|{}|{}|{}|{}|{}\n", c.cvx, c.short_description, c.full_name, c.notes,
///         c.status, if c.non_vaccine == Some(true) { "True" } else { "False" },
///         c.last_updated.map(|d| d.format("%Y/%m/%d").to_string()).unwrap_or_default());
/// }
/// cvx_txt += "900|New vaccine|new vaccine, example||Active|False|2026/01/15\n";
/// let report = codes.load(CdcFile::CvxText, cvx_txt.as_bytes()).unwrap();
/// assert_eq!(report.added, ["900"]);
/// assert_eq!(codes.cvx("900").unwrap().status, CvxStatus::Active);
/// assert!(izmsg::codes::cvx("900").is_none()); // the embedded tables are unchanged
/// ```
#[derive(Clone, Default)]
pub struct CodeSets {
    cvx: Option<OwnedTable<Cvx>>,
    mvx: Option<OwnedTable<Mvx>>,
    tradename: Option<OwnedTable<Tradename>>,
    vaccine_group: Option<OwnedTable<VaccineGroup>>,
    vis: Option<OwnedTable<VisDocument>>,
    vis_url: Option<OwnedTable<VisUrl>>,
    cvx_vis: Option<OwnedTable<CvxVis>>,
    cpt: Option<OwnedTable<Cpt>>,
    ndc: Option<OwnedTable<NdcProduct>>,
    ndc_link: Option<OwnedTable<NdcLink>>,
    as_of: [Option<NaiveDate>; 11],
}

static EMBEDDED: CodeSets = CodeSets::new();

impl fmt::Debug for CodeSets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let overlaid: Vec<&str> = CdcTable::ALL
            .into_iter()
            .filter(|t| self.is_overlaid(*t))
            .map(CdcTable::dataset)
            .collect();
        f.debug_struct("CodeSets")
            .field("as_of", &self.as_of())
            .field("overlaid", &overlaid)
            .finish()
    }
}

/// A record type with a table in [`CodeSets`].
pub(crate) trait Stored: Record + PartialEq {
    fn embedded() -> &'static StaticTable<Self>;
    fn slot(sets: &CodeSets) -> Option<&OwnedTable<Self>>;
    fn slot_mut(sets: &mut CodeSets) -> &mut Option<OwnedTable<Self>>;
}

macro_rules! stored {
    ($ty:ty, $field:ident, $table:path) => {
        impl Stored for $ty {
            fn embedded() -> &'static StaticTable<Self> {
                &$table
            }
            fn slot(sets: &CodeSets) -> Option<&OwnedTable<Self>> {
                sets.$field.as_ref()
            }
            fn slot_mut(sets: &mut CodeSets) -> &mut Option<OwnedTable<Self>> {
                &mut sets.$field
            }
        }
    };
}

stored!(Cvx, cvx, generated::CVX_TABLE);
stored!(Mvx, mvx, generated::MVX_TABLE);
stored!(Tradename, tradename, generated::TRADENAME_TABLE);
stored!(VaccineGroup, vaccine_group, generated::VACCINE_GROUP_TABLE);
stored!(VisDocument, vis, generated::VIS_TABLE);
stored!(VisUrl, vis_url, generated::VIS_URL_TABLE);
stored!(CvxVis, cvx_vis, generated::CVX_VIS_TABLE);
stored!(Cpt, cpt, generated::CPT_TABLE);
stored!(NdcProduct, ndc, generated::NDC_TABLE);
stored!(NdcLink, ndc_link, generated::NDC_LINK_TABLE);

impl CodeSets {
    /// The embedded tables, with nothing laid over them.
    pub const fn new() -> CodeSets {
        CodeSets {
            cvx: None,
            mvx: None,
            tradename: None,
            vaccine_group: None,
            vis: None,
            vis_url: None,
            cvx_vis: None,
            cpt: None,
            ndc: None,
            ndc_link: None,
            as_of: [None; 11],
        }
    }

    /// The shared, unmodifiable instance of the embedded tables (what the
    /// free functions of [`codes`](super) ask).
    pub fn embedded() -> &'static CodeSets {
        &EMBEDDED
    }

    pub(crate) fn table<T: Stored>(&self) -> TableRef<'_, T> {
        match T::slot(self) {
            Some(owned) => TableRef::Owned(owned),
            None => TableRef::Static(T::embedded()),
        }
    }

    pub(crate) fn as_of_override(&self, position: usize) -> Option<NaiveDate> {
        self.as_of.get(position).copied().flatten()
    }

    /// `true` when a CDC file was loaded over this table. (Units of sale and
    /// of use are one table in memory: loading either file overlays both.)
    pub fn is_overlaid(&self, table: CdcTable) -> bool {
        match table {
            CdcTable::Cvx => self.cvx.is_some(),
            CdcTable::Mvx => self.mvx.is_some(),
            CdcTable::Tradename => self.tradename.is_some(),
            CdcTable::VaccineGroup => self.vaccine_group.is_some(),
            CdcTable::Vis => self.vis.is_some(),
            CdcTable::VisUrl => self.vis_url.is_some(),
            CdcTable::CvxVis => self.cvx_vis.is_some(),
            CdcTable::Cpt => self.cpt.is_some(),
            CdcTable::NdcSale | CdcTable::NdcUse => self.ndc.is_some(),
            CdcTable::NdcLink => self.ndc_link.is_some(),
        }
    }

    /// Sets the date a table is current as of (e.g. the day its CDC file was
    /// downloaded). Loading a file already moves it to the newest
    /// last-updated date in the file, when that is later.
    pub fn set_as_of(&mut self, table: CdcTable, date: NaiveDate) {
        if let Some(slot) = self.as_of.get_mut(table.position()) {
            *slot = Some(date);
        }
    }

    /// Reads a CDC download (see [`CdcFile`]) and lays it over its table.
    pub fn load(&mut self, file: CdcFile, bytes: &[u8]) -> Result<LoadReport, CdcFormatError> {
        let rows = read_cdc_file(file, bytes)?;
        Ok(self.apply(rows))
    }

    /// Like [`CodeSets::load`], recognising the format from the content
    /// ([`CdcFile::detect`]).
    pub fn load_any(&mut self, bytes: &[u8]) -> Result<LoadReport, CdcFormatError> {
        let file = CdcFile::detect(bytes).ok_or(CdcFormatError::Unrecognized)?;
        self.load(file, bytes)
    }

    /// Lays rows read from a CDC file over their table (the merge rules are
    /// in the [module docs](self)).
    pub fn apply(&mut self, rows: CdcRows) -> LoadReport {
        let table = rows.table();
        let mut report = LoadReport::new(table, rows.len());
        let newest = match rows {
            CdcRows::Cvx(r) => self.merge(r, |_| true, &mut report),
            CdcRows::Mvx(r) => self.merge(r, |_| true, &mut report),
            CdcRows::Tradename(r) => self.merge(r, |_| true, &mut report),
            CdcRows::Vis(r) => self.merge(r, |_| true, &mut report),
            CdcRows::VisUrl(r) => self.merge(r, |_| true, &mut report),
            CdcRows::Cpt(r) => self.merge(r, |_| true, &mut report),
            CdcRows::Ndc { unit, products } => {
                self.merge(products, move |p: &NdcProduct| p.unit == unit, &mut report)
            }
            CdcRows::NdcLink(r) => self.merge(r, |_| true, &mut report),
            CdcRows::VaccineGroup(r) => {
                self.merge_groups(
                    r,
                    |g: &VaccineGroup| cvx_key(&g.cvx).as_str().to_string(),
                    &mut report,
                );
                None
            }
            CdcRows::CvxVis { links, documents } => {
                self.merge_groups(
                    links,
                    |l: &CvxVis| cvx_key(&l.cvx).as_str().to_string(),
                    &mut report,
                );
                self.add_missing_documents(documents, &mut report);
                None
            }
        };
        let position = table.position();
        let current = self.table_as_of(table);
        let as_of = match newest {
            Some(newest) if newest > current => newest,
            _ => current,
        };
        if let Some(slot) = self.as_of.get_mut(position) {
            *slot = Some(as_of);
        }
        report
    }

    fn merge<T: Versioned>(
        &mut self,
        incoming: Vec<T>,
        in_scope: impl Fn(&T) -> bool,
        report: &mut LoadReport,
    ) -> Option<NaiveDate> {
        let newest = incoming.iter().filter_map(T::updated).max();
        let merged = merge_versioned(self.table::<T>().rows(), incoming, newest, in_scope, report);
        *T::slot_mut(self) = Some(OwnedTable::new(merged));
        newest
    }

    fn merge_groups<T: Versioned>(
        &mut self,
        incoming: Vec<T>,
        group: impl Fn(&T) -> String,
        report: &mut LoadReport,
    ) {
        let merged = merge_grouped(self.table::<T>().rows(), incoming, group, report);
        *T::slot_mut(self) = Some(OwnedTable::new(merged));
    }

    /// Adds the VIS editions named in cvxvis.xml that the VIS table lacks.
    fn add_missing_documents(&mut self, documents: Vec<VisDocument>, report: &mut LoadReport) {
        let mut missing: Vec<VisDocument> = Vec::new();
        for doc in documents {
            let known = self.vis_document(&doc.vis_encoded).is_some()
                || missing.iter().any(|d| d.vis_encoded == doc.vis_encoded);
            if !known {
                report.notes.push(format!(
                    "VIS edition {} ({} {}) added to the VIS table from {}",
                    doc.vis_encoded,
                    doc.document_name,
                    doc.edition_date,
                    CdcFile::CvxVisXml
                ));
                missing.push(doc);
            }
        }
        if missing.is_empty() {
            return;
        }
        let mut rows = self.vis_rows().to_vec();
        rows.extend(missing);
        rows.sort_by(Versioned::order);
        self.vis = Some(OwnedTable::new(rows));
    }
}

/// What loading one CDC file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LoadReport {
    /// The table loaded.
    pub table: CdcTable,
    /// Rows read from the file.
    pub rows_read: usize,
    /// Rows new to the table.
    pub added: Vec<String>,
    /// Rows the file changed.
    pub updated: Vec<String>,
    /// Rows the file repeats unchanged.
    pub unchanged: usize,
    /// Rows kept because the table's row is newer than the file's.
    pub kept_newer: Vec<String>,
    /// Rows missing from the file, kept and marked retired / inactive.
    pub retired: Vec<String>,
    /// Group or VIS links of a CVX code the file lists that the file no longer has.
    pub removed: Vec<String>,
    /// Other changes, in words.
    pub notes: Vec<String>,
}

impl LoadReport {
    fn new(table: CdcTable, rows_read: usize) -> LoadReport {
        LoadReport {
            table,
            rows_read,
            added: Vec::new(),
            updated: Vec::new(),
            unchanged: 0,
            kept_newer: Vec::new(),
            retired: Vec::new(),
            removed: Vec::new(),
            notes: Vec::new(),
        }
    }
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} rows read, {} added, {} updated, {} unchanged, {} kept (newer), {} retired, {} removed",
            self.table.file_name(),
            self.rows_read,
            self.added.len(),
            self.updated.len(),
            self.unchanged,
            self.kept_newer.len(),
            self.retired.len(),
            self.removed.len()
        )
    }
}

/// How rows of a table are identified, dated, retired and ordered when a
/// CDC file is merged. The order is the order of the `codesets/` files.
pub(crate) trait Versioned: Stored {
    /// The CDC's identity of the row, as reports show it.
    fn identity(&self) -> String;
    /// The key that matches a row of the file with a row of the table.
    fn match_key(&self) -> String {
        self.identity()
    }
    /// The CDC's last-updated date.
    fn updated(&self) -> Option<NaiveDate> {
        None
    }
    /// Marks a row the CDC dropped; `true` if that changed it.
    fn retire(&mut self) -> bool {
        false
    }
    /// Takes over what the new row does not say from the row it replaces.
    fn inherit(&mut self, _old: &Self) {}
    /// Table order.
    fn order(&self, other: &Self) -> Ordering;
}

/// Numeric codes in numeric order, then as text (`03` < `8` < `10`).
fn numeric(code: &str) -> (u64, &str) {
    (code.parse().unwrap_or(u64::MAX), code)
}

impl Versioned for Cvx {
    fn identity(&self) -> String {
        cvx_key(&self.cvx).as_str().to_string()
    }
    fn updated(&self) -> Option<NaiveDate> {
        self.last_updated
    }
    fn retire(&mut self) -> bool {
        let active = matches!(self.status, CvxStatus::Active | CvxStatus::Pending);
        if active {
            self.status = CvxStatus::Inactive;
        }
        active
    }
    fn inherit(&mut self, old: &Self) {
        if self.non_vaccine.is_none() {
            self.non_vaccine = old.non_vaccine;
        }
    }
    fn order(&self, other: &Self) -> Ordering {
        numeric(&self.cvx).cmp(&numeric(&other.cvx))
    }
}

impl Versioned for Mvx {
    fn identity(&self) -> String {
        mvx_key(&self.mvx).as_str().to_string()
    }
    fn updated(&self) -> Option<NaiveDate> {
        self.last_updated
    }
    fn retire(&mut self) -> bool {
        let active = self.status == Status::Active;
        self.status = Status::Inactive;
        active
    }
    fn order(&self, other: &Self) -> Ordering {
        self.mvx.cmp(&other.mvx)
    }
}

impl Versioned for Tradename {
    fn identity(&self) -> String {
        format!(
            "{} / {} / {}",
            tradename_key(&self.product_name).as_str(),
            cvx_key(&self.cvx).as_str(),
            mvx_key(&self.mvx).as_str()
        )
    }
    fn updated(&self) -> Option<NaiveDate> {
        self.last_updated
    }
    fn retire(&mut self) -> bool {
        let active = self.status == Status::Active;
        self.status = Status::Inactive;
        active
    }
    fn order(&self, other: &Self) -> Ordering {
        let key = |t: &Tradename| tradename_key(&t.product_name);
        let (a, b) = (key(self), key(other));
        (
            a.as_str(),
            &self.product_name,
            numeric(&self.cvx),
            &self.mvx,
        )
            .cmp(&(
                b.as_str(),
                &other.product_name,
                numeric(&other.cvx),
                &other.mvx,
            ))
    }
}

impl Versioned for VaccineGroup {
    fn identity(&self) -> String {
        format!("{} / {}", cvx_key(&self.cvx).as_str(), self.group_name)
    }
    fn order(&self, other: &Self) -> Ordering {
        (
            numeric(&self.cvx),
            numeric(&self.group_cvx),
            &self.group_name,
        )
            .cmp(&(
                numeric(&other.cvx),
                numeric(&other.group_cvx),
                &other.group_name,
            ))
    }
}

impl Versioned for VisDocument {
    fn identity(&self) -> String {
        self.vis_encoded.to_string()
    }
    fn updated(&self) -> Option<NaiveDate> {
        self.last_updated
    }
    fn retire(&mut self) -> bool {
        let current = self.status == VisStatus::Current;
        self.status = VisStatus::Historic;
        current
    }
    fn order(&self, other: &Self) -> Ordering {
        (&self.gdti, self.edition_date, &self.vis_encoded).cmp(&(
            &other.gdti,
            other.edition_date,
            &other.vis_encoded,
        ))
    }
}

impl Versioned for VisUrl {
    fn identity(&self) -> String {
        self.gdti.to_string()
    }
    fn order(&self, other: &Self) -> Ordering {
        self.gdti.cmp(&other.gdti)
    }
}

impl Versioned for CvxVis {
    fn identity(&self) -> String {
        format!("{} / {}", cvx_key(&self.cvx).as_str(), self.vis_encoded)
    }
    fn order(&self, other: &Self) -> Ordering {
        (numeric(&self.cvx), &self.vis_encoded).cmp(&(numeric(&other.cvx), &other.vis_encoded))
    }
}

impl Versioned for Cpt {
    fn identity(&self) -> String {
        format!("{} / {}", self.cpt, cvx_key(&self.cvx).as_str())
    }
    fn updated(&self) -> Option<NaiveDate> {
        self.last_updated
    }
    fn order(&self, other: &Self) -> Ordering {
        (&self.cpt, numeric(&self.cvx)).cmp(&(&other.cpt, numeric(&other.cvx)))
    }
}

impl Versioned for NdcProduct {
    fn identity(&self) -> String {
        let unit = match self.unit {
            NdcUnit::Sale => "sale",
            NdcUnit::Use => "use",
        };
        format!("{} ({unit} row {})", self.ndc11, self.row_id)
    }
    fn match_key(&self) -> String {
        // The CDC reuses a row id for several CVX codes (58160-0821-xx: CVX
        // 43 and 44) or NDCs, so a row is matched on all of them together.
        format!(
            "{} {} {} {:?}",
            ndc_row_key(self.unit == NdcUnit::Sale, self.row_id).as_str(),
            self.ndc11,
            cvx_key(&self.cvx).as_str(),
            self.no_inner
        )
    }
    fn updated(&self) -> Option<NaiveDate> {
        self.last_updated
    }
    fn retire(&mut self) -> bool {
        let was = self.retired;
        self.retired = true;
        !was
    }
    fn order(&self, other: &Self) -> Ordering {
        (
            &self.ndc11,
            self.retired,
            self.unit,
            self.row_id,
            numeric(&self.cvx),
            self.no_inner,
        )
            .cmp(&(
                &other.ndc11,
                other.retired,
                other.unit,
                other.row_id,
                numeric(&other.cvx),
                other.no_inner,
            ))
    }
}

impl Versioned for NdcLink {
    fn identity(&self) -> String {
        format!(
            "linker {} (sale row {}, use row {}, {})",
            self.linker_id, self.sale_row_id, self.use_row_id, self.mvx
        )
    }
    fn retire(&mut self) -> bool {
        let was = self.retired;
        self.retired = true;
        !was
    }
    fn order(&self, other: &Self) -> Ordering {
        (self.linker_id, self.sale_row_id, self.use_row_id, &self.mvx).cmp(&(
            other.linker_id,
            other.sale_row_id,
            other.use_row_id,
            &other.mvx,
        ))
    }
}

fn merge_versioned<T: Versioned>(
    current: &[T],
    incoming: Vec<T>,
    newest: Option<NaiveDate>,
    in_scope: impl Fn(&T) -> bool,
    report: &mut LoadReport,
) -> Vec<T> {
    let mut order: Vec<String> = Vec::new();
    let mut new_rows: HashMap<String, T> = HashMap::new();
    for row in incoming {
        let key = row.match_key();
        if new_rows.insert(key.clone(), row).is_none() {
            order.push(key);
        }
    }
    let mut out: Vec<T> = Vec::with_capacity(current.len() + order.len());
    for old in current {
        if !in_scope(old) {
            out.push(old.clone());
            continue;
        }
        match new_rows.remove(&old.match_key()) {
            Some(mut new) => {
                let old_is_newer =
                    matches!((old.updated(), new.updated()), (Some(o), Some(n)) if o > n);
                if old_is_newer {
                    report.kept_newer.push(old.identity());
                    out.push(old.clone());
                } else {
                    new.inherit(old);
                    if new == *old {
                        report.unchanged += 1;
                    } else {
                        report.updated.push(new.identity());
                    }
                    out.push(new);
                }
            }
            None => {
                let mut kept = old.clone();
                let file_is_older = matches!((old.updated(), newest), (Some(o), Some(n)) if o > n);
                if !file_is_older && kept.retire() {
                    report.retired.push(kept.identity());
                }
                out.push(kept);
            }
        }
    }
    for key in order {
        if let Some(new) = new_rows.remove(&key) {
            report.added.push(new.identity());
            out.push(new);
        }
    }
    out.sort_by(T::order);
    out
}

fn merge_grouped<T: Versioned>(
    current: &[T],
    incoming: Vec<T>,
    group: impl Fn(&T) -> String,
    report: &mut LoadReport,
) -> Vec<T> {
    let groups: HashSet<String> = incoming.iter().map(&group).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut fresh: Vec<T> = Vec::new();
    for row in incoming {
        if seen.insert(row.identity()) {
            fresh.push(row);
        }
    }
    let known: HashSet<String> = current.iter().map(Versioned::identity).collect();
    let mut out: Vec<T> = Vec::with_capacity(current.len() + fresh.len());
    for old in current {
        if !groups.contains(&group(old)) {
            out.push(old.clone());
        } else if seen.contains(&old.identity()) {
            report.unchanged += 1;
        } else {
            report.removed.push(old.identity());
        }
    }
    for row in fresh {
        if !known.contains(&row.identity()) {
            report.added.push(row.identity());
        }
        out.push(row);
    }
    out.sort_by(T::order);
    out
}
