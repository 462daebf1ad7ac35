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

struct Options {
    downloads: PathBuf,
    out: PathBuf,
    as_of: Option<NaiveDate>,
    check: bool,
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: refresh_codesets <cdc-download-dir> [--out <codesets-dir>] [--as-of YYYY-MM-DD] [--check]"
    );
    ExitCode::from(2)
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut downloads = None;
    let mut out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("codesets");
    let mut as_of = None;
    let mut check = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a directory")?),
            "--as-of" => {
                let text = args.next().ok_or("--as-of needs a date")?;
                as_of = Some(
                    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                        .map_err(|_| format!("--as-of: `{text}` is not a YYYY-MM-DD date"))?,
                );
            }
            "--check" => check = true,
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            other => downloads = Some(PathBuf::from(other)),
        }
    }
    Ok(Options {
        downloads: downloads.ok_or("no download directory given")?,
        out,
        as_of,
        check,
    })
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("refresh_codesets: {message}");
            }
            return usage();
        }
    };
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
