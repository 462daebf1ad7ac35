//! Turns a folder of CDC code-set downloads into the crate's `codesets/`
//! tables, in one command:
//!
//! ```text
//! cargo run --example refresh_codesets -- ~/Downloads/cdc            # rewrite codesets/
//! cargo run --example refresh_codesets -- ~/Downloads/cdc --check    # only say what would change
//! cargo run --example refresh_codesets -- DIR --out codesets --as-of 2026-01-15
//! ```
//!
//! The folder may hold any of the files the CDC publishes for IIS (cvx.xml
//! or cvx.txt, mvx.xml or mvx.txt, tradename.xml, vac2vg.xml, vis.xml,
//! visurl.xml, cvxvis.xml, cpt.xml, NDC_Unit_sale.txt, NDC_Unit_use.txt,
//! NDC_Linker.txt); each is recognised by its content. They are laid over
//! the tables compiled into this program (= the current `codesets/`, which
//! cargo recompiles when it changes) with the crate's overlay rules: a newer
//! row wins, a row the CDC dropped stays, marked inactive/retired. Then every
//! CDC table is written back, with `as_of.tsv` and the as-of section of
//! `codesets/README.md`. Rebuild the crate to embed the new tables.
//!
//! `--as-of` sets the as-of date of the tables loaded (default: the newest
//! last-updated date found in each file, or the previous date if later).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `println!` that ignores a closed stdout (e.g. piped into `head`) instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

use chrono::NaiveDate;
use izmsg::codes::{CdcFile, CdcTable, CodeSets};

const README_START: &str = "<!-- as-of:start (written by refresh_codesets) -->";
const README_END: &str = "<!-- as-of:end -->";

/// Turns a folder of CDC code-set downloads into the crate's `codesets/` tables (rebuild the crate
/// afterwards to embed them). Exit status: 0 done (or, with --check, nothing would change), 1 a
/// table would change (--check) or a download could not be read, 2 usage error.
#[derive(Debug, clap::Parser)]
#[command(name = "refresh_codesets")]
pub struct Options {
    /// The folder holding the CDC downloads (cvx.xml or cvx.txt, mvx.xml, tradename.xml, vac2vg.xml,
    /// vis.xml, visurl.xml, cvxvis.xml, cpt.xml, NDC_Unit_sale.txt, NDC_Unit_use.txt,
    /// NDC_Linker.txt; each recognised by its content).
    #[arg(value_name = "CDC_DOWNLOAD_DIR")]
    pub downloads: PathBuf,
    /// The tables to write.
    #[arg(long, value_name = "CODESETS_DIR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/codesets"))]
    pub out: PathBuf,
    /// The as-of date of the tables loaded (default: the newest last-updated date in each file).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Only say what would change.
    #[arg(long)]
    pub check: bool,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a YYYY-MM-DD date"))
}

fn main() -> ExitCode {
    let options = <Options as clap::Parser>::parse();
    match run(&options) {
        Ok(changed) if options.check && changed => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("refresh_codesets: {message}");
            ExitCode::from(1)
        }
    }
}

/// Loads the downloads, writes (or checks) the tables; `Ok(true)` when a file changed.
fn run(options: &Options) -> Result<bool, String> {
    let mut files: Vec<(CdcFile, PathBuf, Vec<u8>)> = Vec::new();
    let entries = std::fs::read_dir(&options.downloads)
        .map_err(|e| format!("{}: {e}", options.downloads.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        match CdcFile::detect(&bytes) {
            Some(file) => files.push((file, path, bytes)),
            None => out!("skipped {} (not a CDC code-set download)", path.display()),
        }
    }
    if files.is_empty() {
        return Err(format!(
            "{}: no CDC code-set downloads found",
            options.downloads.display()
        ));
    }
    // VIS editions before the CVX -> VIS links; XML before text.
    files.sort_by_key(|(file, _, _)| CdcFile::ALL.iter().position(|f| f == file));

    let mut codes = CodeSets::new();
    let mut loaded: Vec<CdcTable> = Vec::new();
    for (file, path, bytes) in &files {
        let report = codes
            .load(*file, bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        out!("{} ({file}): {report}", path.display());
        for (what, list) in [
            ("added", &report.added),
            ("updated", &report.updated),
            ("kept (newer)", &report.kept_newer),
            ("retired", &report.retired),
            ("removed", &report.removed),
        ] {
            if !list.is_empty() {
                out!("  {what}: {}", summary(list));
            }
        }
        for note in &report.notes {
            out!("  {note}");
        }
        loaded.push(file.table());
    }
    if let Some(date) = options.as_of {
        for table in &loaded {
            codes.set_as_of(*table, date);
        }
    }

    let mut outputs: Vec<(PathBuf, String)> = CdcTable::ALL
        .into_iter()
        .map(|t| (options.out.join(t.file_name()), codes.to_tsv(t)))
        .collect();
    let as_of_tsv = codes.as_of_tsv();
    outputs.push((options.out.join("as_of.tsv"), as_of_tsv.clone()));
    let readme = options.out.join("README.md");
    if let Ok(text) = std::fs::read_to_string(&readme) {
        outputs.push((readme, replace_as_of_section(&text, &as_of_tsv)?));
    }

    let mut changed = false;
    for (path, content) in outputs {
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if old == content {
            continue;
        }
        changed = true;
        if options.check {
            out!("would change {}", path.display());
        } else {
            write(&path, &content)?;
            out!("wrote {}", path.display());
        }
    }
    if !changed {
        out!("codesets are up to date");
    } else if !options.check {
        out!("rebuild the crate (cargo build) to embed the new tables");
    }
    Ok(changed)
}

fn summary(list: &[String]) -> String {
    const SHOW: usize = 12;
    let shown: Vec<&str> = list.iter().take(SHOW).map(String::as_str).collect();
    if list.len() > SHOW {
        format!("{} ... ({} in all)", shown.join(", "), list.len())
    } else {
        shown.join(", ")
    }
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    std::fs::write(path, content).map_err(|e| format!("{}: {e}", path.display()))
}

/// Rewrites the as-of table of the README (between the markers) from `as_of.tsv`.
fn replace_as_of_section(readme: &str, as_of_tsv: &str) -> Result<String, String> {
    let (Some(start), Some(end)) = (readme.find(README_START), readme.find(README_END)) else {
        return Err("codesets/README.md has no as-of markers".to_string());
    };
    let mut table =
        String::from("| data set | files | publisher | as of | source |\n|---|---|---|---|---|\n");
    for line in as_of_tsv.lines().skip(1) {
        let cells: Vec<String> = line.split('\t').map(|c| c.replace('|', "\\|")).collect();
        let files: Vec<String> = cells[1].split(' ').map(|f| format!("`{f}`")).collect();
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            cells[0],
            files.join(" "),
            cells[2],
            cells[3],
            cells[4]
        ));
    }
    Ok(format!(
        "{}{README_START}\n{table}{}",
        &readme[..start],
        &readme[end..]
    ))
}
