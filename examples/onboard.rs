#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Onboarding self-check: runs a set of test messages the way a registry's reviewers would, before
//! they do, and prints the registry's review checklist.
//!
//! ```text
//! cargo run --example onboard -- --profile maine tests/messages/           # a directory of messages
//! cargo run --example onboard -- --profile maine --scenarios a.hl7 b.hl7   # which test scenarios are covered
//! cargo run --example onboard -- --profile-file clinic.toml --json DIR     # one JSON document
//! cargo run --example onboard -- --profile maine --now 2024-03-16 DIR      # review as of a day
//! cargo run --example onboard -- --vaccines vaccines.csv                   # audit the clinic's vaccine list
//! ```
//!
//! For each checklist item (Maine: a-j), it says passed or failed, how many messages fail it and
//! their control IDs (MSH-10), and the first fix to make; then every other issue grouped by rule,
//! most frequent first. Exit status: 0 when every item passes (and the vaccine list has no error),
//! 1 when one fails, 2 when an input or the profile file cannot be read. A file may hold one
//! message or several (a batch). Nothing printed holds patient data: issues never quote values,
//! and messages are named by their control IDs.
//!
//! The vaccine list is a CSV file with a header row naming some of `name`, `brand`, `ndc`, `cvx`,
//! `mvx` (any order, any case; other columns are ignored).

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use izmsg::er7;
use izmsg::model;
use izmsg::validate::profiles::onboarding::{Review, ReviewResult};
use izmsg::validate::profiles::vaccines::{self, EntryAudit, VaccineListEntry};
use izmsg::validate::{self, Profile, Severity, Validator};

/// Onboarding self-check against a registry's profile.
#[derive(Parser, Debug)]
#[command(name = "onboard", version)]
pub struct Cli {
    /// The registry's profile (cdc, maine, california ...).
    #[arg(long, default_value = "maine")]
    pub profile: String,
    /// A profile file (TOML) of your own; it names the profile it extends.
    #[arg(long, value_name = "FILE")]
    pub profile_file: Option<PathBuf>,
    /// Print one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
    /// Say which of the registry's test scenarios the messages cover, and which are missing.
    #[arg(long)]
    pub scenarios: bool,
    /// Review as of this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub now: Option<NaiveDate>,
    /// Audit a vaccine list (CSV: name, brand, ndc, cvx, mvx).
    #[arg(long, value_name = "FILE.csv")]
    pub vaccines: Option<PathBuf>,
    /// Message files, or directories of them.
    pub inputs: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    ExitCode::from(run(&args, &mut out))
}

/// The program: arguments (the first is the program name) to exit status, writing to `out`.
pub fn run(args: &[OsString], out: &mut dyn Write) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = write!(out, "{e}");
            return code;
        }
    };
    match Onboard::new(&cli).and_then(|o| o.run(&cli, out)) {
        Ok(code) => code,
        Err(problem) => {
            eprintln!("onboard: {problem}");
            2
        }
    }
}

struct Onboard {
    profile: Profile,
    day: NaiveDate,
}

impl Onboard {
    fn new(cli: &Cli) -> Result<Onboard, String> {
        let profile = match &cli.profile_file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                Profile::from_toml_str(&path.display().to_string(), &text)
                    .map_err(|e| e.to_string())?
            }
            None => validate::profile(&cli.profile).ok_or_else(|| {
                format!(
                    "no profile `{}` (shipped: {})",
                    cli.profile,
                    validate::profile_names().join(", ")
                )
            })?,
        };
        let day = cli.now.unwrap_or_else(|| {
            chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive()
        });
        Ok(Onboard { profile, day })
    }

    fn run(&self, cli: &Cli, out: &mut dyn Write) -> Result<u8, String> {
        let mut ok = true;
        let audit = match &cli.vaccines {
            Some(path) => Some(vaccines::audit(&read_vaccine_list(path)?, self.day)),
            None => None,
        };
        if let Some(audit) = &audit {
            ok &= !audit
                .iter()
                .any(|a| a.findings.iter().any(|f| f.severity == Severity::Error));
        }
        let review = if cli.inputs.is_empty() && audit.is_some() {
            None
        } else {
            let result = self.review(&cli.inputs)?;
            ok &= result.passed;
            Some(result)
        };
        let w = |e: io::Error| e.to_string();
        if cli.json {
            let doc = serde_json::json!({
                "profile": self.profile.name,
                "as_of": self.day.to_string(),
                "review": review,
                "vaccines": audit,
                "passed": ok,
            });
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(|e| e.to_string())?;
            writeln!(out).map_err(w)?;
        } else {
            if let Some(r) = &review {
                self.print_review(r, cli.scenarios, out).map_err(w)?;
            }
            if let Some(a) = &audit {
                print_audit(a, out).map_err(w)?;
            }
        }
        Ok(if ok { 0 } else { 1 })
    }

    fn review(&self, inputs: &[PathBuf]) -> Result<ReviewResult, String> {
        if inputs.is_empty() {
            return Err("no message files given".to_string());
        }
        let validator = Validator::new(self.profile.clone()).at_date(
            chrono::Datelike::year(&self.day),
            chrono::Datelike::month(&self.day),
            chrono::Datelike::day(&self.day),
        );
        let mut review = Review::new(&self.profile);
        for path in files(inputs)? {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let batch = er7::split(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            for (i, msg) in batch.messages().enumerate() {
                let label = if batch.message_count() > 1 {
                    format!("{name}#{}", i + 1)
                } else {
                    name.clone()
                };
                let msg = msg.as_ref().map_err(|e| format!("{label}: {e}"))?;
                let decoded = model::decode_parsed(msg, &er7::Limits::default());
                let report = validator.validate(&decoded);
                review.add(&decoded.message, &report, &label);
            }
        }
        Ok(review.finish())
    }

    fn print_review(
        &self,
        r: &ReviewResult,
        scenarios: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let registry = &self.profile.about.registry;
        writeln!(
            out,
            "Onboarding review: profile {}{}, {} message{}, as of {}",
            r.profile,
            if registry.is_empty() {
                String::new()
            } else {
                format!(" ({registry})")
            },
            r.messages,
            if r.messages == 1 { "" } else { "s" },
            self.day
        )?;
        if !r.items.is_empty() {
            writeln!(out, "\nReview checklist")?;
        }
        for item in &r.items {
            let mark = if item.passed { "PASS" } else { "FAIL" };
            writeln!(out, "  [{mark}] {}. {}", item.id, item.title)?;
            if !item.passed {
                writeln!(
                    out,
                    "         {} message{}: {}",
                    item.failing,
                    if item.failing == 1 { "" } else { "s" },
                    ids(&item.control_ids)
                )?;
                if let (Some(problem), Some(fix)) = (&item.first_problem, &item.first_fix) {
                    writeln!(out, "         First: {problem}")?;
                    writeln!(out, "         Fix:   {fix}")?;
                }
            }
        }
        if !r.others.is_empty() {
            writeln!(out, "\nOther issues, by rule (most frequent first)")?;
            for g in &r.others {
                writeln!(
                    out,
                    "  {} ({}): {} issue{} in {}",
                    g.rule,
                    g.severity,
                    g.issues,
                    if g.issues == 1 { "" } else { "s" },
                    ids(&g.control_ids)
                )?;
                writeln!(out, "      {}", g.first_problem)?;
                if !g.first_fix.is_empty() {
                    writeln!(out, "      Fix: {}", g.first_fix)?;
                }
            }
        }
        if scenarios {
            writeln!(out, "\nTest scenarios")?;
            for s in &r.scenarios {
                let mark = match (s.required, s.control_ids.is_empty()) {
                    (true, true) => "MISSING",
                    (true, false) => "covered",
                    (false, _) => "seen",
                };
                writeln!(
                    out,
                    "  [{mark:<7}] {} ({}): {}",
                    s.id,
                    s.title,
                    ids(&s.control_ids)
                )?;
            }
            let missing: Vec<&str> = r.missing_scenarios().map(|s| s.id.as_str()).collect();
            if missing.is_empty() {
                writeln!(out, "  Every required scenario is covered.")?;
            } else {
                writeln!(out, "  Missing: {}", missing.join(", "))?;
            }
        }
        if !r.unknown_rules.is_empty() {
            writeln!(
                out,
                "\nNote: this build does not check {} yet; checklist entries naming them cannot fail.",
                r.unknown_rules.join(", ")
            )?;
        }
        let failed = r.items.iter().filter(|i| !i.passed).count();
        if r.items.is_empty() {
            writeln!(
                out,
                "\nResult: {} of {} messages have errors.",
                r.messages_with_errors, r.messages
            )?;
        } else if failed == 0 {
            writeln!(out, "\nResult: every checklist item passes.")?;
        } else {
            writeln!(
                out,
                "\nResult: {failed} of {} checklist items fail.",
                r.items.len()
            )?;
        }
        Ok(())
    }
}

/// Control IDs, the first ten and how many more.
fn ids(list: &[String]) -> String {
    if list.is_empty() {
        return "none".to_string();
    }
    let shown: Vec<&str> = list.iter().take(10).map(String::as_str).collect();
    let more = list.len().saturating_sub(10);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// The files named, directories expanded (their files, sorted; not recursive).
fn files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| format!("{}: {e}", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && !is_hidden(p) && !is_markdown(p))
                .collect();
            entries.sort();
            out.extend(entries);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

fn is_markdown(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "md")
}

/// Reads a vaccine list: a CSV file with a header row.
pub fn read_vaccine_list(path: &Path) -> Result<Vec<VaccineListEntry>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let cols = ["name", "brand", "ndc", "cvx", "mvx"].map(column);
    if cols.iter().all(Option::is_none) {
        return Err(format!(
            "{}: the header row names none of name, brand, ndc, cvx, mvx",
            path.display()
        ));
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_string();
        out.push(VaccineListEntry {
            name: get(cols[0]),
            brand: get(cols[1]),
            ndc: get(cols[2]),
            cvx: get(cols[3]),
            mvx: get(cols[4]),
        });
    }
    Ok(out)
}

fn print_audit(audit: &[EntryAudit], out: &mut dyn Write) -> io::Result<()> {
    let bad = audit.iter().filter(|a| !a.findings.is_empty()).count();
    writeln!(
        out,
        "\nVaccine list: {} entries, {bad} with findings",
        audit.len()
    )?;
    for a in audit {
        if a.findings.is_empty() {
            continue;
        }
        writeln!(out, "  line {} ({}):", a.row + 1, a.label)?;
        for f in &a.findings {
            writeln!(out, "    {}: {}", f.severity, f.message)?;
            for p in f.suggestions.iter().take(3) {
                let ndc = p
                    .ndc
                    .as_deref()
                    .map(|n| format!(", NDC {n}"))
                    .unwrap_or_default();
                let name = if p.name.is_empty() {
                    &p.description
                } else {
                    &p.name
                };
                writeln!(
                    out,
                    "      maybe: {name} (CVX {}, MVX {}{ndc})",
                    p.cvx, p.mvx
                )?;
            }
        }
    }
    Ok(())
}
