//! `codes`: look up the CDC and HL7 code sets embedded in izmsg.
//!
//! ```text
//! cargo run --example codes -- cvx 208
//! cargo run --example codes -- mvx PFR
//! cargo run --example codes -- ndc 49281-0421-50      (also 4928142150, 49281-421-50, 49281042150)
//! cargo run --example codes -- tradename "Fluzone High-Dose Quadrivalent"
//! cargo run --example codes -- vis 253088698300012711250131
//! cargo run --example codes -- table 0064 V02         (a value set by HL7 number or CDC name)
//! cargo run --example codes -- table NIP001           (a whole value set)
//! cargo run --example codes -- cpt 90686
//! cargo run --example codes -- --version              (as-of date of each table; also `as-of`)
//! ```
//!
//! Options, anywhere on the line (`--help` lists them): `--json` prints machine output (every
//! record names its codes with the keys `cvx`, `mvx`, `ndc11` and its CDC
//! status word under `status`; a lookup that finds several products prints
//! them all, always as a JSON array); `--overlay DIR` first lays the CDC
//! downloads found in DIR over the embedded tables.
//!
//! Exit status: 0 found, 1 unknown code or invalid input (message on
//! stderr), 2 usage error.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::ExitCode;

/// `println!` that ignores a closed stdout (e.g. piped into `head`) instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

use izmsg::codes::{
    self, CdcFile, CodeSets, Cvx, Mvx, NdcProduct, Tradename, ValueSet, ValueSetMembers,
    VisDocument,
};
use serde_json::{Value, json};

/// Looks up the CDC and HL7 code sets embedded in izmsg. Exit status: 0 found, 1 unknown code or
/// invalid input (message on standard error), 2 usage error.
#[derive(Debug, clap::Parser)]
#[command(
    name = "codes",
    disable_version_flag = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// Machine output: every record names its codes with the keys `cvx`, `mvx`, `ndc11` and its
    /// CDC status word under `status`; always a JSON array.
    #[arg(long, global = true)]
    pub json: bool,
    /// First lay the CDC downloads found in DIR over the embedded tables.
    #[arg(long, value_name = "DIR", global = true)]
    pub overlay: Option<String>,
    /// The as-of date of each embedded table (as the `as-of` command).
    #[arg(short = 'V', long)]
    pub version: bool,
    /// What to look up.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The lookups.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// A CVX vaccine code.
    Cvx {
        /// The code (`208`, `08`, `8`).
        code: String,
    },
    /// An MVX manufacturer code.
    Mvx {
        /// The code (`PFR`).
        code: String,
    },
    /// An NDC, 10 or 11 digits, with or without hyphens.
    Ndc {
        /// The NDC (`49281-0421-50`, `4928142150` ...).
        ndc: String,
    },
    /// A CDC product (trade) name.
    Tradename {
        /// The name, in one or several words.
        #[arg(required = true)]
        name: Vec<String>,
    },
    /// A VIS by its fully encoded barcode string.
    Vis {
        /// The barcode (`253088698300012711250131`).
        barcode: String,
    },
    /// A value set by HL7 number (`0064`, `HL70064`) or CDC name (`NIP001`, `CDCREC`), or one code
    /// of it.
    Table {
        /// The value set.
        value_set: String,
        /// A code in it (all codes when left out).
        code: Option<String>,
    },
    /// A CPT code, and the CVX codes it maps to.
    Cpt {
        /// The code (`90686`).
        code: String,
    },
    /// The as-of date of each embedded table.
    AsOf,
}

/// A lookup's outcome: records to print, or a message for stderr.
type Outcome = Result<Vec<(Value, String)>, String>;

fn main() -> ExitCode {
    let cli = <Cli as clap::Parser>::parse();
    let mut sets = CodeSets::new();
    if let Some(dir) = &cli.overlay {
        if let Err(message) = load_overlay(&mut sets, dir) {
            eprintln!("codes: {message}");
            return ExitCode::from(1);
        }
    }
    let command = if cli.version {
        Command::AsOf
    } else {
        match cli.command {
            Some(command) => command,
            None => {
                eprintln!("codes: no command (see --help)");
                return ExitCode::from(2);
            }
        }
    };
    let outcome = match &command {
        Command::Cvx { code } => cvx(&sets, code),
        Command::Mvx { code } => mvx(&sets, code),
        Command::Ndc { ndc: input } => ndc(&sets, input),
        Command::Tradename { name } => tradename(&sets, &name.join(" ")),
        Command::Vis { barcode } => vis(&sets, barcode),
        Command::Table { value_set, code } => table(&sets, value_set, code.as_deref()),
        Command::Cpt { code } => cpt(&sets, code),
        Command::AsOf => Ok(as_of(&sets)),
    };
    match outcome {
        Ok(records) => {
            if cli.json {
                let values: Vec<Value> = records.into_iter().map(|(v, _)| v).collect();
                out!("{}", serde_json::to_string_pretty(&values).unwrap());
            } else {
                let texts: Vec<String> = records.into_iter().map(|(_, t)| t).collect();
                out!("{}", texts.join("\n"));
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("codes: {message}");
            ExitCode::from(1)
        }
    }
}

fn load_overlay(sets: &mut CodeSets, dir: &str) -> Result<(), String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{dir}: {e}"))? {
        let path = entry.map_err(|e| format!("{dir}: {e}"))?.path();
        if path.is_file() {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some(file) = CdcFile::detect(&bytes) {
                files.push((file, path, bytes));
            }
        }
    }
    files.sort_by_key(|(file, _, _)| CdcFile::ALL.iter().position(|f| f == file));
    for (file, path, bytes) in files {
        let report = sets
            .load(file, &bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("overlay {}: {report}", path.display());
    }
    Ok(())
}

fn date(d: Option<chrono::NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn or_dash(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "-".to_string(), |d| d.to_string())
}

fn cvx_json(sets: &CodeSets, c: &Cvx) -> Value {
    json!({
        "cvx": c.cvx,
        "short_description": c.short_description,
        "full_name": c.full_name,
        "notes": c.notes,
        "status": c.status.as_str(),
        "non_vaccine": c.non_vaccine,
        "unspecified_formulation": c.is_unspecified_formulation(),
        "last_updated": date(c.last_updated),
        "mvx": sets.manufacturers_of(&c.cvx),
        "vaccine_groups": sets.vaccine_groups(&c.cvx)
            .map(|g| json!({"group_name": g.group_name, "cvx": g.group_cvx}))
            .collect::<Vec<_>>(),
        "tradenames": sets.tradenames_for_cvx(&c.cvx)
            .map(|t| json!({"product_name": t.product_name, "mvx": t.mvx, "status": t.status.as_str()}))
            .collect::<Vec<_>>(),
        "vis": sets.vis_for_cvx(&c.cvx).filter(|v| v.is_current()).map(vis_json_short).collect::<Vec<_>>(),
    })
}

fn vis_json_short(v: &VisDocument) -> Value {
    json!({
        "vis_encoded": v.vis_encoded,
        "document_name": v.document_name,
        "edition_date": v.edition_date.to_string(),
        "status": v.status.as_str(),
    })
}

fn cvx(sets: &CodeSets, code: &str) -> Outcome {
    let c = sets
        .cvx(code)
        .ok_or_else(|| format!("unknown CVX code `{code}`"))?;
    let groups: Vec<String> = sets
        .vaccine_groups(&c.cvx)
        .map(|g| format!("{} (CVX {})", g.group_name, g.group_cvx))
        .collect();
    let names: Vec<String> = sets
        .tradenames_for_cvx(&c.cvx)
        .map(|t| format!("{} [{}, {}]", t.product_name, t.mvx, t.status))
        .collect();
    let vis: Vec<String> = sets
        .vis_for_cvx(&c.cvx)
        .filter(|v| v.is_current())
        .map(|v| format!("{} {} ({})", v.document_name, v.edition_date, v.vis_encoded))
        .collect();
    let text = format!(
        "CVX {}: {}\n  full name:       {}\n  status:          {}\n  non-vaccine:     {}\n  unspecified:     {}\n  last updated:    {}\n  manufacturers:   {}\n  vaccine groups:  {}\n  trade names:     {}\n  current VIS:     {}{}",
        c.cvx,
        c.short_description,
        c.full_name,
        c.status,
        c.non_vaccine.map_or("-".to_string(), |b| b.to_string()),
        c.is_unspecified_formulation(),
        or_dash(c.last_updated),
        sets.manufacturers_of(&c.cvx).join(", "),
        groups.join(", "),
        names.join("; "),
        vis.join("; "),
        if c.notes.is_empty() {
            String::new()
        } else {
            format!("\n  notes:           {}", c.notes)
        },
    );
    Ok(vec![(cvx_json(sets, c), text)])
}

fn mvx_json(m: &Mvx) -> Value {
    json!({
        "mvx": m.mvx,
        "name": m.name,
        "notes": m.notes,
        "status": m.status.as_str(),
        "last_updated": date(m.last_updated),
    })
}

fn mvx(sets: &CodeSets, code: &str) -> Outcome {
    let m = sets
        .mvx(code)
        .ok_or_else(|| format!("unknown MVX code `{code}`"))?;
    let text = format!(
        "MVX {}: {}\n  status:        {}\n  last updated:  {}{}",
        m.mvx,
        m.name,
        m.status,
        or_dash(m.last_updated),
        if m.notes.is_empty() {
            String::new()
        } else {
            format!("\n  notes:         {}", m.notes)
        }
    );
    Ok(vec![(mvx_json(m), text)])
}

fn ndc_record(sets: &CodeSets, p: &NdcProduct) -> (Value, String) {
    let makers: Vec<&str> = sets.ndc_mvx(p).collect();
    let linked: Vec<&NdcProduct> = sets.ndc_linked(p).collect();
    let cvx_status = sets.cvx(&p.cvx).map(|c| c.status.as_str());
    let value = json!({
        "ndc11": p.ndc11,
        "ndc10": p.ndc10(),
        "unit": p.unit.as_str(),
        "row_id": p.row_id,
        "cvx": p.cvx,
        "cvx_description": p.cvx_description,
        "cvx_status": cvx_status,
        "mvx": makers.first(),
        "mvx_all": makers,
        "status": p.status().as_str(),
        "retired": p.retired,
        "proprietary_name": p.proprietary_name,
        "generic_name": p.generic_name,
        "labeler": p.labeler,
        "start_date": date(p.start_date),
        "end_date": date(p.end_date),
        "package_form": p.package_form,
        "route": p.route,
        "gtin": p.gtin,
        "unit_gtin": p.unit_gtin,
        "no_inner": p.no_inner,
        "linked": linked.iter().map(|l| json!({"ndc11": l.ndc11, "unit": l.unit.as_str(), "cvx": l.cvx})).collect::<Vec<_>>(),
    });
    let other: Vec<String> = linked
        .iter()
        .map(|l| format!("{} ({})", l.ndc11, l.unit.as_str()))
        .collect();
    let text = format!(
        "NDC {} ({}, 10-digit {}): {}\n  CVX:           {} {}{}\n  MVX:           {}\n  status:        {}{}\n  labeler:       {}\n  generic name:  {}\n  package:       {}\n  dates:         {} .. {}\n  GTIN:          {}\n  linked:        {}",
        p.ndc11,
        p.unit.as_str(),
        p.ndc10(),
        p.proprietary_name,
        p.cvx,
        p.cvx_description,
        cvx_status.map_or(String::new(), |s| format!(" [{s}]")),
        makers.join(", "),
        p.status(),
        if p.retired {
            " (retired: no longer in the CDC file)"
        } else {
            ""
        },
        p.labeler,
        p.generic_name,
        p.package_form,
        or_dash(p.start_date),
        or_dash(p.end_date),
        if p.gtin.is_empty() { "-" } else { &p.gtin },
        other.join(", "),
    );
    (value, text)
}

fn ndc(sets: &CodeSets, input: &str) -> Outcome {
    let found = sets
        .ndc(input)
        .map_err(|e| format!("`{input}` is not an NDC: {e}"))?;
    let candidates: Vec<String> = found
        .candidates()
        .as_slice()
        .iter()
        .map(ToString::to_string)
        .collect();
    let records: Vec<(Value, String)> = found.map(|p| ndc_record(sets, p)).collect();
    if records.is_empty() {
        return Err(format!(
            "unknown NDC `{input}` (looked up as {})",
            candidates.join(", ")
        ));
    }
    Ok(records)
}

fn tradename_record(t: &Tradename, prefix: bool) -> (Value, String) {
    let value = json!({
        "product_name": t.product_name,
        "cvx": t.cvx,
        "mvx": t.mvx,
        "status": t.status.as_str(),
        "mvx_status": t.mvx_status.as_str(),
        "manufacturer": t.manufacturer,
        "short_description": t.short_description,
        "last_updated": date(t.last_updated),
        "prefix_match": prefix,
    });
    let text = format!(
        "{}: CVX {} ({}), MVX {} ({}), status {}",
        t.product_name,
        t.cvx,
        t.short_description,
        if t.mvx.is_empty() { "-" } else { &t.mvx },
        t.manufacturer,
        t.status
    );
    (value, text)
}

fn tradename(sets: &CodeSets, name: &str) -> Outcome {
    let found = sets.tradename(name);
    let prefix = found.is_prefix_match();
    let records: Vec<(Value, String)> = found.map(|t| tradename_record(t, prefix)).collect();
    if records.is_empty() {
        return Err(format!("unknown trade name `{name}`"));
    }
    Ok(records)
}

fn vis(sets: &CodeSets, barcode: &str) -> Outcome {
    let Some(v) = sets.vis_document(barcode) else {
        let hint = codes::vis_barcode_gdti(barcode)
            .and_then(|gdti| sets.vis_editions(gdti).next_back().map(|d| (gdti, d)))
            .map(|(gdti, d)| {
                let current = sets
                    .vis_editions(gdti)
                    .rfind(|e| e.is_current())
                    .unwrap_or(d);
                format!(
                    "; its document type {gdti} is \"{}\", whose current edition is {} ({})",
                    current.document_name, current.edition_date, current.vis_encoded
                )
            })
            .unwrap_or_default();
        return Err(format!("unknown VIS edition `{barcode}`{hint}"));
    };
    let cvx: Vec<&str> = sets.cvx_for_vis(&v.vis_encoded).collect();
    let url = sets.vis_url(&v.gdti);
    let value = json!({
        "vis_encoded": v.vis_encoded,
        "gdti": v.gdti,
        "document_name": v.document_name,
        "edition_date": v.edition_date.to_string(),
        "status": v.status.as_str(),
        "last_updated": date(v.last_updated),
        "cvx": cvx,
        "pdf_url": url.map(|u| u.pdf_url.as_ref()),
        "html_url": url.map(|u| u.html_url.as_ref()),
    });
    let text = format!(
        "VIS {}: {}\n  edition:   {}\n  status:    {}\n  GDTI:      {}\n  CVX:       {}\n  URL:       {}",
        v.vis_encoded,
        v.document_name,
        v.edition_date,
        v.status,
        v.gdti,
        cvx.join(", "),
        url.map_or("-", |u| u.pdf_url.as_ref()),
    );
    Ok(vec![(value, text)])
}

fn members_text(set: &ValueSet) -> String {
    match set.members {
        ValueSetMembers::Listed(codes) => codes
            .iter()
            .map(|c| format!("  {:<12} {} [{}]", c.code, c.meaning, c.status))
            .collect::<Vec<_>>()
            .join("\n"),
        ValueSetMembers::Table(t) => format!("  (the codes of the CDC table {})", t.file_name()),
        ValueSetMembers::Union(parts) => format!("  (the codes of {})", parts.join(" and ")),
    }
}

fn table(sets: &CodeSets, name: &str, code: Option<&str>) -> Outcome {
    let set = codes::value_set(name).ok_or_else(|| format!("unknown value set `{name}`"))?;
    match code {
        Some(code) => {
            let m = sets.member(name, code).ok_or_else(|| {
                format!(
                    "`{code}` is not in value set {} ({}){}",
                    set.id,
                    set.title,
                    if set.extensible {
                        "; the value set admits local codes"
                    } else {
                        ""
                    }
                )
            })?;
            let value = json!({
                "value_set": m.value_set,
                "code": m.code,
                "meaning": m.meaning,
                "code_system": m.code_system,
                "status": m.status.as_str(),
            });
            let text = format!(
                "{} {}: {}\n  value set:    {} ({})\n  code system:  {}\n  status:       {}",
                set.id, m.code, m.meaning, set.id, set.title, m.code_system, m.status
            );
            Ok(vec![(value, text)])
        }
        None => {
            let value = json!({
                "value_set": set.id,
                "aliases": set.aliases,
                "title": set.title,
                "code_system": set.code_system,
                "extensible": set.extensible,
                "sources": set.sources,
                "codes": set.codes().iter().map(|c| json!({
                    "code": c.code, "meaning": c.meaning, "code_system": c.code_system, "status": c.status.as_str()
                })).collect::<Vec<_>>(),
            });
            let text = format!(
                "{} ({}), also {}; code system {}; {}\n{}",
                set.id,
                set.title,
                if set.aliases.is_empty() {
                    "-".to_string()
                } else {
                    set.aliases.join(", ")
                },
                set.code_system,
                if set.extensible {
                    "admits local codes"
                } else {
                    "closed"
                },
                members_text(set)
            );
            Ok(vec![(value, text)])
        }
    }
}

fn cpt(sets: &CodeSets, code: &str) -> Outcome {
    let records: Vec<(Value, String)> = sets
        .cpt(code)
        .map(|c| {
            let status = sets.cvx(&c.cvx).map(|x| x.status.as_str());
            (
                json!({
                    "cpt": c.cpt, "cvx": c.cvx, "status": status, "description": c.description,
                    "vaccine_name": c.vaccine_name, "comments": c.comments, "last_updated": date(c.last_updated),
                }),
                format!("CPT {} -> CVX {} ({})", c.cpt, c.cvx, c.vaccine_name),
            )
        })
        .collect();
    if records.is_empty() {
        return Err(format!("unknown CPT code `{code}`"));
    }
    Ok(records)
}

fn as_of(sets: &CodeSets) -> Vec<(Value, String)> {
    let mut out = vec![(
        json!({"dataset": "cdc", "as_of": sets.as_of().to_string(), "publisher": "CDC",
               "source": "oldest as-of date of the CDC tables"}),
        format!(
            "izmsg {} - CDC code sets as of {}",
            env!("CARGO_PKG_VERSION"),
            sets.as_of()
        ),
    )];
    for p in codes::provenance() {
        let as_of = codes::CdcTable::from_name(p.dataset).map_or(p.as_of, |t| sets.table_as_of(t));
        out.push((
            json!({"dataset": p.dataset, "files": p.files, "publisher": p.publisher,
                   "as_of": as_of.to_string(), "source": p.source}),
            format!(
                "  {:<14} {}  {:<5} {}",
                p.dataset,
                as_of,
                p.publisher,
                p.files.join(" ")
            ),
        ));
    }
    out
}
