//! Build script: compiles the code-set tables in `codesets/*.tsv` into Rust
//! statics and `phf` maps (`$OUT_DIR/codes_generated.rs`, included by
//! `src/codes/generated.rs`), so lookups cost no start-up time and no
//! allocation.
//!
//! Every table is checked before anything is generated: header, column count
//! of every line, dates, status words, numbers, NDC forms, duplicate keys and
//! references between tables (a trade name's CVX must be a CVX, and so on). A
//! malformed table stops the build with a message naming the file, the line
//! and the column, e.g. `cvx.tsv line 12: expected 7 columns, found 6`.
//!
//! The column layout comes from `src/codes/schema.rs` and the key functions
//! from `src/codes/normalize.rs`, the same files the library uses.
//!
//! The TSV reading below is written here rather than taken from the `csv` crate on purpose: the
//! tables are a fixed, quote-free format (split on tabs and line feeds, nothing else), and what
//! this reader mostly does is refuse (a carriage return, an empty line, spaces around a cell, a
//! wrong column count), each with file, line and column. With `csv` those checks would all stay,
//! quoting would have to be turned off and its line-end rules narrowed to keep refusing what is
//! refused here, and every clean build would compile two more crates: no smaller, no safer.

#![forbid(unsafe_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/codes/schema.rs"]
mod schema;

#[allow(dead_code)]
#[path = "src/codes/normalize.rs"]
mod normalize;

use normalize::KeyBuf;

type Res<T> = Result<T, String>;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=codesets");
    println!("cargo:rerun-if-changed=src/codes/schema.rs");
    println!("cargo:rerun-if-changed=src/codes/normalize.rs");
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let out_dir = std::env::var_os("OUT_DIR").map(PathBuf::from);
    let result = match (manifest, out_dir) {
        (Some(manifest), Some(out_dir)) => generate(&manifest.join("codesets")).and_then(|code| {
            fs::write(out_dir.join("codes_generated.rs"), code)
                .map_err(|e| format!("cannot write generated code: {e}"))
        }),
        _ => Err("CARGO_MANIFEST_DIR or OUT_DIR is not set".to_string()),
    };
    if let Err(message) = result {
        eprintln!("error: malformed code-set table: {message}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------
// TSV reading and cell checks
// ---------------------------------------------------------------------------

struct Tsv {
    file: String,
    columns: &'static [&'static str],
    rows: Vec<Row>,
}

struct Row {
    line: usize,
    cells: Vec<String>,
}

fn read_tsv(dir: &Path, file: &str, columns: &'static [&'static str]) -> Res<Tsv> {
    let path = dir.join(file);
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path)
        .map_err(|e| format!("{file}: cannot read {}: {e}", path.display()))?;
    let body = text.strip_suffix('\n').unwrap_or(&text);
    let mut lines = body.split('\n');
    let header = lines.next().unwrap_or_default();
    let expected = columns.join("\t");
    if header != expected {
        return Err(format!(
            "{file} line 1: expected the header `{}`, found `{}`",
            columns.join(" | "),
            header.replace('\t', " | ")
        ));
    }
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        if line.is_empty() {
            return Err(format!("{file} line {line_no}: empty line"));
        }
        if line.contains('\r') {
            return Err(format!(
                "{file} line {line_no}: carriage return found (tables use LF line ends)"
            ));
        }
        let cells: Vec<String> = line.split('\t').map(str::to_string).collect();
        if cells.len() != columns.len() {
            return Err(format!(
                "{file} line {line_no}: expected {} columns, found {}",
                columns.len(),
                cells.len()
            ));
        }
        for (cell, column) in cells.iter().zip(columns.iter()) {
            if cell.trim() != cell {
                return Err(format!(
                    "{file} line {line_no}, column `{column}`: leading or trailing spaces in `{cell}`"
                ));
            }
        }
        rows.push(Row {
            line: line_no,
            cells,
        });
    }
    Ok(Tsv {
        file: file.to_string(),
        columns,
        rows,
    })
}

/// One cell, with what an error message needs to point at it.
struct Cell<'a> {
    file: &'a str,
    line: usize,
    column: &'a str,
    value: &'a str,
}

impl Tsv {
    fn cell<'a>(&'a self, row: &'a Row, column: &'a str) -> Res<Cell<'a>> {
        let index = self
            .columns
            .iter()
            .position(|c| *c == column)
            .ok_or_else(|| format!("{}: no column `{column}` (build.rs bug)", self.file))?;
        let value = row
            .cells
            .get(index)
            .ok_or_else(|| format!("{} line {}: missing column `{column}`", self.file, row.line))?;
        Ok(Cell {
            file: &self.file,
            line: row.line,
            column,
            value,
        })
    }

    fn at(&self, line: usize) -> String {
        format!("{} line {line}", self.file)
    }
}

impl Cell<'_> {
    fn err(&self, message: &str) -> String {
        format!(
            "{} line {}, column `{}`: {message} (found `{}`)",
            self.file, self.line, self.column, self.value
        )
    }

    fn text(&self) -> String {
        lit(self.value)
    }

    fn required(&self) -> Res<&str> {
        if self.value.is_empty() {
            Err(self.err("must not be empty"))
        } else {
            Ok(self.value)
        }
    }

    fn date(&self) -> Res<String> {
        let (y, m, d) = normalize::parse_iso_date(self.value)
            .ok_or_else(|| self.err("expected a date written YYYY-MM-DD"))?;
        Ok(format!("day({y}, {m}, {d})"))
    }

    fn date_opt(&self) -> Res<String> {
        if self.value.is_empty() {
            Ok("None".to_string())
        } else {
            Ok(format!("Some({})", self.date()?))
        }
    }

    fn word(&self, words: &[&str], ty: &str) -> Res<String> {
        let index = words
            .iter()
            .position(|w| *w == self.value)
            .ok_or_else(|| self.err(&format!("expected one of {}", words.join(", "))))?;
        Ok(format!("{ty}::ALL[{index}]"))
    }

    fn boolean(&self) -> Res<bool> {
        match schema::BOOL_WORDS.iter().position(|w| *w == self.value) {
            Some(i) => Ok(i == 1),
            None => Err(self.err(&format!("expected {}", schema::BOOL_WORDS.join(" or ")))),
        }
    }

    fn bool_opt(&self) -> Res<String> {
        if self.value.is_empty() {
            Ok("None".to_string())
        } else {
            Ok(format!("Some({})", self.boolean()?))
        }
    }

    fn number(&self) -> Res<u32> {
        normalize::parse_digits(self.value).ok_or_else(|| self.err("expected a whole number"))
    }

    fn digits(&self) -> Res<&str> {
        if !self.value.is_empty() && self.value.bytes().all(|b| b.is_ascii_digit()) {
            Ok(self.value)
        } else {
            Err(self.err("expected digits"))
        }
    }
}

/// A Rust string literal for `s`.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn key_string(key: KeyBuf, cell: &Cell<'_>) -> Res<String> {
    match key.get() {
        Some(k) if !k.is_empty() => Ok(k.to_string()),
        _ => Err(cell.err("gives an empty or over-long lookup key")),
    }
}

// ---------------------------------------------------------------------------
// Code generation helpers
// ---------------------------------------------------------------------------

struct Out {
    code: String,
}

impl Out {
    fn line(&mut self, s: &str) {
        self.code.push_str(s);
        self.code.push('\n');
    }

    /// Emits `static NAME: [Ty; n] = [ ... ];`.
    fn rows(&mut self, name: &str, ty: &str, rows: &[String], public: bool) -> Res<()> {
        let vis = if public { "pub(crate) " } else { "" };
        writeln!(self.code, "{vis}static {name}: [{ty}; {}] = [", rows.len()).map_err(fmt_err)?;
        for row in rows {
            writeln!(self.code, "    {row},").map_err(fmt_err)?;
        }
        self.line("];");
        Ok(())
    }

    /// Emits one `phf::Map<&str, &[u32]>` index.
    fn index(&mut self, name: &str, keys: &BTreeMap<String, Vec<u32>>) -> Res<()> {
        let mut map = phf_codegen::Map::<String>::new();
        map.phf_path("::phf");
        for (key, ids) in keys {
            let list: Vec<String> = ids.iter().map(u32::to_string).collect();
            map.entry(key.clone(), &format!("&[{}]", list.join(", ")));
        }
        writeln!(
            self.code,
            "static {name}: ::phf::Map<&'static str, &'static [u32]> = {};",
            map.build()
        )
        .map_err(fmt_err)
    }

    /// Emits the rows, their indexes and the `StaticTable` tying them together.
    fn table(
        &mut self,
        prefix: &str,
        ty: &str,
        rows: &[String],
        indexes: &[BTreeMap<String, Vec<u32>>],
    ) -> Res<()> {
        self.rows(&format!("{prefix}_ROWS"), ty, rows, false)?;
        let mut names = Vec::new();
        for (i, index) in indexes.iter().enumerate() {
            let name = format!("{prefix}_INDEX_{i}");
            self.index(&name, index)?;
            names.push(format!("&{name}"));
        }
        writeln!(
            self.code,
            "pub(crate) static {prefix}_TABLE: StaticTable<{ty}> = StaticTable {{ rows: &{prefix}_ROWS, indexes: &[{}] }};",
            names.join(", ")
        )
        .map_err(fmt_err)
    }
}

fn fmt_err(e: std::fmt::Error) -> String {
    format!("formatting generated code failed: {e}")
}

fn push_key(index: &mut BTreeMap<String, Vec<u32>>, key: String, row: usize) -> Res<()> {
    let row = u32::try_from(row).map_err(|_| "table too large".to_string())?;
    index.entry(key).or_default().push(row);
    Ok(())
}

// ---------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------

fn generate(dir: &Path) -> Res<String> {
    let mut out = Out {
        code: String::from("// @generated by build.rs from codesets/*.tsv. Do not edit.\n"),
    };
    let cvx_codes = gen_cvx(dir, &mut out)?;
    let mvx_codes = gen_mvx(dir, &mut out)?;
    gen_tradename(dir, &mut out, &cvx_codes, &mvx_codes)?;
    gen_vaccine_group(dir, &mut out, &cvx_codes)?;
    let vis_codes = gen_vis(dir, &mut out)?;
    gen_vis_url(dir, &mut out)?;
    gen_cvx_vis(dir, &mut out, &cvx_codes, &vis_codes)?;
    gen_cpt(dir, &mut out, &cvx_codes)?;
    gen_ndc(dir, &mut out, &cvx_codes)?;
    gen_ndc_link(dir, &mut out, &mvx_codes)?;
    let datasets = gen_as_of(dir, &mut out)?;
    gen_value_sets(dir, &mut out, &datasets)?;
    Ok(out.code)
}

fn check_unique(
    seen: &mut HashSet<String>,
    key: String,
    t: &Tsv,
    row: &Row,
    what: &str,
) -> Res<()> {
    if seen.insert(key.clone()) {
        Ok(())
    } else {
        Err(format!("{}: duplicate {what} `{key}`", t.at(row.line)))
    }
}

fn gen_cvx(dir: &Path, out: &mut Out) -> Res<HashSet<String>> {
    let t = read_tsv(dir, "cvx.tsv", schema::CVX)?;
    let mut rows = Vec::new();
    let mut index = BTreeMap::new();
    let mut seen = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        let code = t.cell(r, "cvx")?;
        let key = key_string(normalize::cvx_key(code.required()?), &code)?;
        if key != code.value {
            return Err(code.err(&format!("CVX codes are written `{key}`")));
        }
        check_unique(&mut seen, key.clone(), &t, r, "CVX code")?;
        push_key(&mut index, key, i)?;
        rows.push(format!(
            "Cvx {{ cvx: t({}), short_description: t({}), full_name: t({}), notes: t({}), status: {}, non_vaccine: {}, last_updated: {} }}",
            code.text(),
            t.cell(r, "short_description")?.text(),
            t.cell(r, "full_name")?.text(),
            t.cell(r, "notes")?.text(),
            t.cell(r, "status")?.word(schema::CVX_STATUS_WORDS, "CvxStatus")?,
            t.cell(r, "non_vaccine")?.bool_opt()?,
            t.cell(r, "last_updated")?.date_opt()?,
        ));
    }
    out.table("CVX", "Cvx", &rows, &[index])?;
    Ok(seen)
}

fn gen_mvx(dir: &Path, out: &mut Out) -> Res<HashSet<String>> {
    let t = read_tsv(dir, "mvx.tsv", schema::MVX)?;
    let mut rows = Vec::new();
    let mut index = BTreeMap::new();
    let mut seen = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        let code = t.cell(r, "mvx")?;
        let key = key_string(normalize::mvx_key(code.required()?), &code)?;
        if key != code.value {
            return Err(code.err(&format!("MVX codes are written `{key}`")));
        }
        check_unique(&mut seen, key.clone(), &t, r, "MVX code")?;
        push_key(&mut index, key, i)?;
        rows.push(format!(
            "Mvx {{ mvx: t({}), name: t({}), notes: t({}), status: {}, last_updated: {} }}",
            code.text(),
            t.cell(r, "name")?.text(),
            t.cell(r, "notes")?.text(),
            t.cell(r, "status")?.word(schema::STATUS_WORDS, "Status")?,
            t.cell(r, "last_updated")?.date_opt()?,
        ));
    }
    out.table("MVX", "Mvx", &rows, &[index])?;
    Ok(seen)
}

fn known_cvx<'a>(cell: &'a Cell<'a>, cvx: &HashSet<String>) -> Res<&'a str> {
    let code = cell.required()?;
    if cvx.contains(code) {
        Ok(code)
    } else {
        Err(cell.err("is not a CVX code of cvx.tsv"))
    }
}

fn gen_tradename(
    dir: &Path,
    out: &mut Out,
    cvx: &HashSet<String>,
    mvx: &HashSet<String>,
) -> Res<()> {
    let t = read_tsv(dir, "tradename.tsv", schema::TRADENAME)?;
    let mut rows = Vec::new();
    let (mut by_name, mut by_cvx) = (BTreeMap::new(), BTreeMap::new());
    let mut seen = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        let name = t.cell(r, "product_name")?;
        let name_key = key_string(normalize::tradename_key(name.required()?), &name)?;
        let code = t.cell(r, "cvx")?;
        let cvx_code = known_cvx(&code, cvx)?;
        let maker = t.cell(r, "mvx")?;
        if !maker.value.is_empty() && !mvx.contains(maker.value) {
            return Err(maker.err("is not an MVX code of mvx.tsv"));
        }
        check_unique(
            &mut seen,
            format!("{name_key} / {cvx_code} / {}", maker.value),
            &t,
            r,
            "trade name / CVX / MVX",
        )?;
        push_key(&mut by_name, name_key, i)?;
        push_key(&mut by_cvx, cvx_code.to_string(), i)?;
        rows.push(format!(
            "Tradename {{ product_name: t({}), short_description: t({}), cvx: t({}), manufacturer: t({}), mvx: t({}), mvx_status: {}, status: {}, last_updated: {} }}",
            name.text(),
            t.cell(r, "short_description")?.text(),
            code.text(),
            t.cell(r, "manufacturer")?.text(),
            maker.text(),
            t.cell(r, "mvx_status")?.word(schema::STATUS_WORDS, "Status")?,
            t.cell(r, "status")?.word(schema::STATUS_WORDS, "Status")?,
            t.cell(r, "last_updated")?.date_opt()?,
        ));
    }
    out.table("TRADENAME", "Tradename", &rows, &[by_name, by_cvx])
}

fn gen_vaccine_group(dir: &Path, out: &mut Out, cvx: &HashSet<String>) -> Res<()> {
    let t = read_tsv(dir, "vaccine_group.tsv", schema::VACCINE_GROUP)?;
    let mut rows = Vec::new();
    let mut by_cvx = BTreeMap::new();
    let mut seen = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        let code = t.cell(r, "cvx")?;
        let cvx_code = known_cvx(&code, cvx)?;
        let group = t.cell(r, "group_name")?;
        group.required()?;
        let group_cvx = t.cell(r, "group_cvx")?;
        known_cvx(&group_cvx, cvx)?;
        check_unique(
            &mut seen,
            format!("{cvx_code} / {}", group.value),
            &t,
            r,
            "CVX / vaccine group",
        )?;
        push_key(&mut by_cvx, cvx_code.to_string(), i)?;
        rows.push(format!(
            "VaccineGroup {{ cvx: t({}), group_name: t({}), group_cvx: t({}) }}",
            code.text(),
            group.text(),
            group_cvx.text()
        ));
    }
    out.table("VACCINE_GROUP", "VaccineGroup", &rows, &[by_cvx])
}

fn gen_vis(dir: &Path, out: &mut Out) -> Res<HashSet<String>> {
    let t = read_tsv(dir, "vis.tsv", schema::VIS)?;
    let mut rows = Vec::new();
    let (mut by_code, mut by_gdti) = (BTreeMap::new(), BTreeMap::new());
    let mut seen = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        let code = t.cell(r, "vis_encoded")?;
        let key = code.digits()?.to_string();
        check_unique(&mut seen, key.clone(), &t, r, "VIS barcode")?;
        push_key(&mut by_code, key, i)?;
        let gdti = t.cell(r, "gdti")?;
        push_key(&mut by_gdti, gdti.digits()?.to_string(), i)?;
        rows.push(format!(
            "VisDocument {{ vis_encoded: t({}), gdti: t({}), document_name: t({}), edition_date: {}, status: {}, last_updated: {} }}",
            code.text(),
            gdti.text(),
            t.cell(r, "document_name")?.text(),
            t.cell(r, "edition_date")?.date()?,
            t.cell(r, "status")?.word(schema::VIS_STATUS_WORDS, "VisStatus")?,
            t.cell(r, "last_updated")?.date_opt()?,
        ));
    }
    out.table("VIS", "VisDocument", &rows, &[by_code, by_gdti])?;
    Ok(seen)
}

fn gen_vis_url(dir: &Path, out: &mut Out) -> Res<()> {
    let t = read_tsv(dir, "vis_url.tsv", schema::VIS_URL)?;
    let mut rows = Vec::new();
    let mut by_gdti = BTreeMap::new();
    let mut seen = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        let gdti = t.cell(r, "gdti")?;
        let key = gdti.digits()?.to_string();
        check_unique(&mut seen, key.clone(), &t, r, "VIS document type (GDTI)")?;
        push_key(&mut by_gdti, key, i)?;
        rows.push(format!(
            "VisUrl {{ gdti: t({}), document_name: t({}), pdf_url: t({}), html_url: t({}) }}",
            gdti.text(),
            t.cell(r, "document_name")?.text(),
            t.cell(r, "pdf_url")?.text(),
            t.cell(r, "html_url")?.text(),
        ));
    }
    out.table("VIS_URL", "VisUrl", &rows, &[by_gdti])
}

fn gen_cvx_vis(dir: &Path, out: &mut Out, cvx: &HashSet<String>, vis: &HashSet<String>) -> Res<()> {
    let t = read_tsv(dir, "cvx_vis.tsv", schema::CVX_VIS)?;
    let mut rows = Vec::new();
    let (mut by_cvx, mut by_vis) = (BTreeMap::new(), BTreeMap::new());
    let mut seen = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        let code = t.cell(r, "cvx")?;
        let cvx_code = known_cvx(&code, cvx)?;
        let doc = t.cell(r, "vis_encoded")?;
        if !vis.contains(doc.required()?) {
            return Err(doc.err("is not a VIS barcode of vis.tsv"));
        }
        check_unique(
            &mut seen,
            format!("{cvx_code} / {}", doc.value),
            &t,
            r,
            "CVX / VIS",
        )?;
        push_key(&mut by_cvx, cvx_code.to_string(), i)?;
        push_key(&mut by_vis, doc.value.to_string(), i)?;
        rows.push(format!(
            "CvxVis {{ cvx: t({}), vis_encoded: t({}) }}",
            code.text(),
            doc.text()
        ));
    }
    out.table("CVX_VIS", "CvxVis", &rows, &[by_cvx, by_vis])
}

fn gen_cpt(dir: &Path, out: &mut Out, cvx: &HashSet<String>) -> Res<()> {
    let t = read_tsv(dir, "cpt.tsv", schema::CPT)?;
    let mut rows = Vec::new();
    let (mut by_cpt, mut by_cvx) = (BTreeMap::new(), BTreeMap::new());
    let mut seen = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        let cpt = t.cell(r, "cpt")?;
        let key = key_string(normalize::exact_key(cpt.required()?), &cpt)?;
        let code = t.cell(r, "cvx")?;
        let cvx_code = known_cvx(&code, cvx)?;
        check_unique(&mut seen, format!("{key} / {cvx_code}"), &t, r, "CPT / CVX")?;
        push_key(&mut by_cpt, key, i)?;
        push_key(&mut by_cvx, cvx_code.to_string(), i)?;
        rows.push(format!(
            "Cpt {{ cpt: t({}), description: t({}), status: t({}), comments: t({}), vaccine_name: t({}), cvx: t({}), last_updated: {} }}",
            cpt.text(),
            t.cell(r, "description")?.text(),
            t.cell(r, "status")?.text(),
            t.cell(r, "comments")?.text(),
            t.cell(r, "vaccine_name")?.text(),
            code.text(),
            t.cell(r, "last_updated")?.date_opt()?,
        ));
    }
    out.table("CPT", "Cpt", &rows, &[by_cpt, by_cvx])
}

type NdcOrder = (String, bool, bool, u32, (u64, String), Option<bool>);

struct NdcRow {
    sort: NdcOrder,
    code: String,
    digits: String,
    row_key: String,
    cvx: String,
}

fn ndc_rows(t: &Tsv, sale: bool, cvx: &HashSet<String>) -> Res<Vec<NdcRow>> {
    let mut rows = Vec::new();
    for r in &t.rows {
        let id_cell = t.cell(r, "row_id")?;
        let row_id = id_cell.number()?;
        let ndc = t.cell(r, "ndc11")?;
        let digits = normalize::ndc11_dashed_digits(ndc.value)
            .and_then(|k| k.get().map(str::to_string))
            .ok_or_else(|| ndc.err("expected an 11-digit NDC written 5-4-2 with hyphens"))?;
        // The published segments must pad to the NDC11.
        let mut padded = String::new();
        for (column, width) in [
            ("labeler_code", 5),
            ("product_code", 4),
            ("package_code", 2),
        ] {
            let cell = t.cell(r, column)?;
            let seg = cell.digits()?;
            if seg.len() > width {
                return Err(cell.err(&format!("longer than {width} digits")));
            }
            padded.push_str(&"0".repeat(width - seg.len()));
            padded.push_str(seg);
        }
        if padded != digits {
            return Err(ndc.err(&format!(
                "does not match its labeler/product/package segments (they give {padded})"
            )));
        }
        let code_cell = t.cell(r, "cvx")?;
        let cvx_code = if code_cell.value.is_empty() {
            String::new()
        } else {
            known_cvx(&code_cell, cvx)?.to_string()
        };
        let retired = t.cell(r, "retired")?.boolean()?;
        let no_inner_cell = t.cell(r, "no_inner")?;
        let no_inner = if no_inner_cell.value.is_empty() {
            None
        } else {
            Some(no_inner_cell.boolean()?)
        };
        let row_key = key_string(normalize::ndc_row_key(sale, row_id), &id_cell)?;
        let code = format!(
            "NdcProduct {{ unit: NdcUnit::{}, row_id: {row_id}, ndc11: t({}), labeler_code: t({}), product_code: t({}), package_code: t({}), proprietary_name: t({}), generic_name: t({}), labeler: t({}), start_date: {}, end_date: {}, package_form: t({}), route: t({}), unit_gtin: t({}), cvx: t({}), cvx_description: t({}), no_inner: {}, gtin: t({}), last_updated: {}, retired: {retired} }}",
            if sale { "Sale" } else { "Use" },
            ndc.text(),
            t.cell(r, "labeler_code")?.text(),
            t.cell(r, "product_code")?.text(),
            t.cell(r, "package_code")?.text(),
            t.cell(r, "proprietary_name")?.text(),
            t.cell(r, "generic_name")?.text(),
            t.cell(r, "labeler")?.text(),
            t.cell(r, "start_date")?.date_opt()?,
            t.cell(r, "end_date")?.date_opt()?,
            t.cell(r, "package_form")?.text(),
            t.cell(r, "route")?.text(),
            t.cell(r, "unit_gtin")?.text(),
            code_cell.text(),
            t.cell(r, "cvx_description")?.text(),
            t.cell(r, "no_inner")?.bool_opt()?,
            t.cell(r, "gtin")?.text(),
            t.cell(r, "last_updated")?.date_opt()?,
        );
        rows.push(NdcRow {
            sort: (
                ndc.value.to_string(),
                retired,
                !sale,
                row_id,
                (cvx_code.parse().unwrap_or(u64::MAX), cvx_code.clone()),
                no_inner,
            ),
            code,
            digits,
            row_key,
            cvx: cvx_code,
        });
    }
    Ok(rows)
}

fn gen_ndc(dir: &Path, out: &mut Out, cvx: &HashSet<String>) -> Res<()> {
    let sale = read_tsv(dir, "ndc_sale.tsv", schema::NDC)?;
    let usage = read_tsv(dir, "ndc_use.tsv", schema::NDC)?;
    let mut rows = ndc_rows(&sale, true, cvx)?;
    rows.extend(ndc_rows(&usage, false, cvx)?);
    rows.sort_by(|a, b| a.sort.cmp(&b.sort));
    let (mut by_ndc, mut by_row, mut by_cvx) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let mut seen = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        // The CDC reuses a row id for several CVX codes or NDCs; a row is its
        // unit, id, NDC, CVX and NoInner flag together.
        let (ndc, _, _, _, (_, cvx), no_inner) = &row.sort;
        let identity = format!("{} {ndc} {cvx} {no_inner:?}", row.row_key);
        if !seen.insert(identity) {
            return Err(format!(
                "{}: duplicate row (CDC row id {}, NDC {ndc}, CVX {cvx})",
                if row.row_key.starts_with('S') {
                    "ndc_sale.tsv"
                } else {
                    "ndc_use.tsv"
                },
                row.row_key.get(1..).unwrap_or_default()
            ));
        }
        push_key(&mut by_ndc, row.digits.clone(), i)?;
        push_key(&mut by_row, row.row_key.clone(), i)?;
        if !row.cvx.is_empty() {
            push_key(&mut by_cvx, row.cvx.clone(), i)?;
        }
    }
    let code: Vec<String> = rows.into_iter().map(|r| r.code).collect();
    out.table("NDC", "NdcProduct", &code, &[by_ndc, by_row, by_cvx])
}

fn gen_ndc_link(dir: &Path, out: &mut Out, mvx: &HashSet<String>) -> Res<()> {
    let t = read_tsv(dir, "ndc_link.tsv", schema::NDC_LINK)?;
    let mut rows = Vec::new();
    let (mut by_sale, mut by_use) = (BTreeMap::new(), BTreeMap::new());
    let mut seen = HashSet::new();
    for (i, r) in t.rows.iter().enumerate() {
        let linker = t.cell(r, "linker_id")?.number()?;
        let sale = t.cell(r, "sale_row_id")?.number()?;
        let usage = t.cell(r, "use_row_id")?.number()?;
        let maker = t.cell(r, "mvx")?;
        if !mvx.contains(maker.required()?) {
            return Err(maker.err("is not an MVX code of mvx.tsv"));
        }
        check_unique(
            &mut seen,
            format!("{linker} / {sale} / {usage} / {}", maker.value),
            &t,
            r,
            "linker row",
        )?;
        push_key(&mut by_sale, sale.to_string(), i)?;
        push_key(&mut by_use, usage.to_string(), i)?;
        rows.push(format!(
            "NdcLink {{ linker_id: {linker}, sale_row_id: {sale}, use_row_id: {usage}, mvx: t({}), retired: {} }}",
            maker.text(),
            t.cell(r, "retired")?.boolean()?
        ));
    }
    out.table("NDC_LINK", "NdcLink", &rows, &[by_sale, by_use])
}

fn gen_as_of(dir: &Path, out: &mut Out) -> Res<HashSet<String>> {
    let t = read_tsv(dir, "as_of.tsv", schema::AS_OF)?;
    let mut rows = Vec::new();
    let mut dates: HashMap<String, String> = HashMap::new();
    let mut seen = HashSet::new();
    for r in &t.rows {
        let dataset = t.cell(r, "dataset")?;
        let name = dataset.required()?.to_string();
        check_unique(&mut seen, name.clone(), &t, r, "data set")?;
        let date = t.cell(r, "as_of")?.date()?;
        let files: Vec<String> = t
            .cell(r, "files")?
            .value
            .split_whitespace()
            .map(lit)
            .collect();
        rows.push(format!(
            "Provenance {{ dataset: {}, files: &[{}], publisher: {}, as_of: {date}, source: {} }}",
            dataset.text(),
            files.join(", "),
            t.cell(r, "publisher")?.text(),
            t.cell(r, "source")?.text(),
        ));
        dates.insert(name, date);
    }
    let mut cdc = Vec::new();
    for (dataset, file, _) in schema::CDC_TABLES {
        let date = dates
            .get(*dataset)
            .ok_or_else(|| format!("as_of.tsv: no row for data set `{dataset}` ({file})"))?;
        cdc.push(date.clone());
    }
    out.rows("PROVENANCE", "Provenance", &rows, true)?;
    out.rows("CDC_AS_OF", "NaiveDate", &cdc, true)?;
    Ok(seen)
}

fn gen_value_sets(dir: &Path, out: &mut Out, datasets: &HashSet<String>) -> Res<()> {
    let defs = read_tsv(dir, "valuesets.tsv", schema::VALUESETS)?;
    let codes = read_tsv(dir, "valueset_codes.tsv", schema::VALUESET_CODES)?;

    // value set id -> (code -> generated ValueSetCode)
    let mut listed: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut members_of: HashMap<String, String> = HashMap::new();
    let mut ids = BTreeSet::new();
    for r in &defs.rows {
        let id = defs.cell(r, "value_set")?;
        let id_value = id.required()?.to_string();
        if !ids.insert(id_value.clone()) {
            return Err(format!(
                "{}: duplicate value set `{id_value}`",
                defs.at(r.line)
            ));
        }
        let members = defs.cell(r, "members")?.value.to_string();
        if members == schema::VALUESET_LISTED {
            listed.insert(id_value.clone(), BTreeMap::new());
        }
        members_of.insert(id_value, members);
    }
    for r in &codes.rows {
        let set = codes.cell(r, "value_set")?;
        let code = codes.cell(r, "code")?;
        code.required()?;
        let entries = listed.get_mut(set.value).ok_or_else(|| {
            set.err("is not a value set of valuesets.tsv whose members are `listed`")
        })?;
        if entries.contains_key(code.value) {
            return Err(format!(
                "{}: duplicate code `{}` in value set `{}`",
                codes.at(r.line),
                code.value,
                set.value
            ));
        }
        entries.insert(
            code.value.to_string(),
            format!(
                "ValueSetCode {{ code: {}, meaning: {}, code_system: {}, status: {} }}",
                code.text(),
                codes.cell(r, "meaning")?.text(),
                codes.cell(r, "code_system")?.text(),
                codes
                    .cell(r, "status")?
                    .word(schema::CODE_STATUS_WORDS, "CodeStatus")?,
            ),
        );
    }

    let mut sets = Vec::new();
    let mut names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut name_owner: HashMap<String, String> = HashMap::new();
    for (i, r) in defs.rows.iter().enumerate() {
        let id = defs.cell(r, "value_set")?;
        let members = defs.cell(r, "members")?;
        let member_code = if members.value == schema::VALUESET_LISTED {
            let entries = listed.get(id.value).map(|m| m.len()).unwrap_or_default();
            if entries == 0 {
                return Err(members.err("a `listed` value set needs codes in valueset_codes.tsv"));
            }
            let static_name = format!("VALUE_SET_CODES_{i}");
            let rows: Vec<String> = listed
                .get(id.value)
                .map(|m| m.values().cloned().collect())
                .unwrap_or_default();
            out.rows(&static_name, "ValueSetCode", &rows, false)?;
            format!("ValueSetMembers::Listed(&{static_name})")
        } else if let Some(list) = members.value.strip_prefix(schema::VALUESET_UNION_PREFIX) {
            let mut parts = Vec::new();
            for part in list.split(',') {
                match members_of.get(part) {
                    Some(m) if !m.starts_with(schema::VALUESET_UNION_PREFIX) => {
                        parts.push(lit(part))
                    }
                    Some(_) => return Err(members.err(&format!("`{part}` is itself a union"))),
                    None => return Err(members.err(&format!("`{part}` is not a value set"))),
                }
            }
            format!("ValueSetMembers::Union(&[{}])", parts.join(", "))
        } else {
            let table = schema::VALUESET_TABLE_MEMBERS
                .iter()
                .find(|(word, _)| *word == members.value)
                .map(|(_, table)| *table)
                .ok_or_else(|| {
                    let words: Vec<&str> = schema::VALUESET_TABLE_MEMBERS
                        .iter()
                        .map(|(w, _)| *w)
                        .collect();
                    members.err(&format!(
                        "expected `listed`, `union:A,B` or one of {}",
                        words.join(", ")
                    ))
                })?;
            format!("ValueSetMembers::Table(CdcTable::ALL[{table}])")
        };
        let aliases_cell = defs.cell(r, "aliases")?;
        let aliases: Vec<&str> = aliases_cell.value.split_whitespace().collect();
        for name in std::iter::once(id.value).chain(aliases.iter().copied()) {
            let key = key_string(normalize::name_key(name), &aliases_cell)?;
            if let Some(owner) = name_owner.insert(key.clone(), id.value.to_string()) {
                return Err(format!(
                    "{}: the name `{name}` is already used by value set `{owner}`",
                    defs.at(r.line)
                ));
            }
            push_key(&mut names, key, i)?;
        }
        let source = defs.cell(r, "source")?;
        let mut sources = Vec::new();
        for s in source.required()?.split_whitespace() {
            if !datasets.contains(s) {
                return Err(source.err(&format!("`{s}` is not a data set of as_of.tsv")));
            }
            sources.push(lit(s));
        }
        let alias_lits: Vec<String> = aliases.iter().map(|a| lit(a)).collect();
        sets.push(format!(
            "ValueSet {{ id: {}, aliases: &[{}], title: {}, members: {member_code}, code_system: {}, extensible: {}, sources: &[{}] }}",
            id.text(),
            alias_lits.join(", "),
            defs.cell(r, "title")?.text(),
            defs.cell(r, "code_system")?.text(),
            defs.cell(r, "extensible")?.boolean()?,
            sources.join(", "),
        ));
    }
    out.rows("VALUE_SETS", "ValueSet", &sets, true)?;
    let mut map = phf_codegen::Map::<String>::new();
    map.phf_path("::phf");
    for (name, ids) in &names {
        let first = ids.first().copied().unwrap_or_default();
        map.entry(name.clone(), &first.to_string());
    }
    writeln!(
        out.code,
        "pub(crate) static VALUE_SET_BY_NAME: ::phf::Map<&'static str, u32> = {};",
        map.build()
    )
    .map_err(fmt_err)?;
    Ok(())
}
