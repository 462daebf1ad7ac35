//! Decide whether messages can be sent, and what staff must fix first.
//!
//! ```sh
//! cargo run --example validate -- ../shared/corpus/vxu/*.hl7        # each message: issues and a verdict
//! cargo run --example validate -- --json --now 2024-03-16 FILE      # JSON, with a fixed clock
//! cargo run --example validate -- --rules                            # every rule of the profile
//! cargo run --example validate -- --explain DQ-LOT-002               # one rule
//! cargo run --example validate -- --profile maine FILE               # a state profile
//! cargo run --example validate -- --profile-file clinic.toml FILE    # a profile file of your own
//! ```
//!
//! Files may hold one message, several, a batch (FHS/BHS) or MLLP frames; `-` reads standard input.
//! Exit status: 0 when no message has an error, 1 when one has, 2 when an input could not be read or
//! parsed.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::Parser;
use izmsg::er7::{self, Limits, mllp};
use izmsg::model::{self, Decoded};
use izmsg::validate::{self, Issue, Profile, Report, Severity, Validator};

/// Validate HL7 immunization messages against the CDC profile (or a registry's).
#[derive(Parser, Debug)]
#[command(name = "validate", version, about)]
pub struct Args {
    /// Profile to validate against: `cdc` (default), `cdc-z22` ... `cdc-z44`, or a state profile.
    #[arg(long, default_value = "cdc")]
    profile: String,
    /// A profile file (TOML) of your own, in place of --profile; it names the profile it extends
    /// (see profiles/README.md).
    #[arg(long, value_name = "FILE")]
    profile_file: Option<std::path::PathBuf>,
    /// Print JSON: one object per message (an array for several).
    #[arg(long)]
    json: bool,
    /// Validate as of this date (YYYY-MM-DD) instead of today: dates in the future, ages, VIS
    /// editions in force.
    #[arg(long, value_name = "YYYY-MM-DD")]
    now: Option<chrono::NaiveDate>,
    /// List every rule of the profile (id, severity, location, source) and exit.
    #[arg(long)]
    rules: bool,
    /// Print one rule and exit.
    #[arg(long, value_name = "RULE")]
    explain: Option<String>,
    /// Files to read (`-`: standard input).
    files: Vec<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let status = match run(&args, &mut out) {
        Ok(status) => status,
        Err(e) => {
            eprintln!("validate: {e}");
            2
        }
    };
    ExitCode::from(status)
}

fn run(args: &Args, out: &mut dyn Write) -> io::Result<u8> {
    let profile = match &args.profile_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            match Profile::from_toml_str(&path.display().to_string(), &text) {
                Ok(p) => p,
                Err(e) => {
                    // The file, line and column, and what is wrong there.
                    eprintln!("validate: {e}");
                    return Ok(2);
                }
            }
        }
        None => match validate::profile(&args.profile) {
            Some(p) => p,
            None => {
                eprintln!("validate: no profile named `{}`", args.profile);
                return Ok(2);
            }
        },
    };
    if let Some(id) = &args.explain {
        let Some(rule) = validate::rule(id) else {
            eprintln!("validate: no rule `{id}` (see --rules)");
            return Ok(2);
        };
        let severity = profile.severity_of(rule.id, rule.severity);
        writeln!(out, "{}", rule.id)?;
        writeln!(out, "  family:   {}", rule.family.as_str())?;
        match severity {
            Some(s) => writeln!(out, "  severity: {s} (under {})", profile.name)?,
            None => writeln!(out, "  severity: off (under {})", profile.name)?,
        }
        writeln!(
            out,
            "  codes:    HL7 {}{}",
            rule.hl7_code,
            app_code(rule.app_code.as_ref())
        )?;
        writeln!(out, "  where:    {}", rule.location)?;
        writeln!(out, "  checks:   {}", rule.summary)?;
        writeln!(out, "  source:   {}", rule.source)?;
        if !rule.profiles.is_empty() {
            let ps: Vec<_> = rule.profiles.iter().map(|p| p.as_str()).collect();
            writeln!(out, "  profiles: {}", ps.join(", "))?;
        }
        return Ok(0);
    }
    if args.rules {
        list_rules(&profile, out)?;
        return Ok(0);
    }
    if args.files.is_empty() {
        eprintln!("validate: no input files (use `-` for standard input; --help for usage)");
        return Ok(2);
    }
    let mut validator = Validator::new(profile);
    if let Some(day) = args.now
        && let Some(now) = day.and_hms_opt(12, 0, 0)
    {
        validator = validator.at(now);
    }
    let mut worst = 0u8;
    let mut documents = Vec::new();
    for file in &args.files {
        let bytes = match read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: {e}");
                worst = 2;
                continue;
            }
        };
        let (messages, failed) = decode_all(file, &bytes);
        if failed {
            worst = 2;
        }
        for (index, decoded) in messages.iter().enumerate() {
            let report = validator.validate(decoded);
            if !report.is_sendable() && worst < 1 {
                worst = 1;
            }
            if args.json {
                documents.push(json(file, index + 1, decoded, &report));
            } else {
                human(out, file, index + 1, decoded, &report)?;
            }
        }
    }
    if args.json {
        let doc = match documents.len() {
            1 => documents.pop().unwrap_or_default(),
            _ => serde_json::Value::Array(documents),
        };
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&doc).map_err(io::Error::other)?
        )?;
    }
    Ok(worst)
}

fn app_code(code: Option<&validate::AppErrorCode>) -> String {
    code.map(|c| format!(", application {c}"))
        .unwrap_or_default()
}

fn list_rules(profile: &Profile, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Rules of profile `{}`", profile.name)?;
    for rule in validate::rules() {
        let severity = profile
            .severity_of(rule.id, rule.severity)
            .map_or("off", Severity::as_str);
        writeln!(
            out,
            "{:<24} {:<11} {:<28} {}",
            rule.id, severity, rule.location, rule.summary
        )?;
        writeln!(out, "{:<24} source: {}", "", rule.source)?;
    }
    for rule in &profile.rules {
        writeln!(
            out,
            "{:<24} {:<11} {:<28} {}",
            rule.id,
            rule.severity.as_str(),
            rule.field.to_string(),
            rule.message
        )?;
        writeln!(out, "{:<24} source: {}", "", rule.source)?;
    }
    Ok(())
}

fn read(file: &str) -> io::Result<Vec<u8>> {
    if file == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(file)
    }
}

/// Every message of an input (plain, batch or MLLP-framed), decoded; `true` when some part could not
/// be parsed (each problem is printed on standard error).
fn decode_all(file: &str, bytes: &[u8]) -> (Vec<Decoded>, bool) {
    let mut failed = false;
    let chunks: Vec<Vec<u8>> = if mllp::is_framed(bytes) {
        let (frames, errors) = mllp::deframe_all(bytes);
        for e in errors {
            eprintln!("{file}: {e}");
            failed = true;
        }
        frames
    } else {
        vec![bytes.to_vec()]
    };
    let mut out = Vec::new();
    for chunk in &chunks {
        match er7::split(chunk) {
            Ok(batch) => {
                for m in batch.messages() {
                    match m {
                        Ok(m) => out.push(model::decode_parsed(m, &Limits::default())),
                        Err(e) => {
                            eprintln!("{file}: {e}");
                            failed = true;
                        }
                    }
                }
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
            }
        }
    }
    (out, failed)
}

fn header(decoded: &Decoded) -> (String, String) {
    let Some(msh) = decoded.message.msh() else {
        return ("?".to_string(), String::new());
    };
    let kind = msh.message_type.as_ref().map_or_else(String::new, |m| {
        [m.message_code.as_str(), m.trigger_event.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("^")
    });
    let control = msh
        .message_control_id
        .as_ref()
        .map_or_else(String::new, |c| c.as_str().to_string());
    (kind, control)
}

fn human(
    out: &mut dyn Write,
    file: &str,
    index: usize,
    decoded: &Decoded,
    report: &Report,
) -> io::Result<()> {
    let (kind, control) = header(decoded);
    let profile = validate::MessageProfile::of(&decoded.message).map_or("?", |p| p.as_str());
    writeln!(
        out,
        "{file} #{index}: {kind} {profile}, control ID {}",
        if control.is_empty() {
            "(none)"
        } else {
            &control
        }
    )?;
    let print = |out: &mut dyn Write, i: &Issue| -> io::Result<()> {
        let label = i.label.as_deref().unwrap_or("");
        writeln!(
            out,
            "  {:<11} {} {}",
            i.severity.as_str(),
            i.location.path(),
            label_rest(label, &i.location.path())
        )?;
        writeln!(out, "              {}", i.message)?;
        if !i.fix.is_empty() {
            writeln!(out, "              fix: {}  [{}]", i.fix, i.rule)?;
        }
        Ok(())
    };
    let message_level: Vec<&Issue> = report.message_level().collect();
    if !message_level.is_empty() {
        writeln!(out, "  message:")?;
        for i in message_level {
            print(out, i)?;
        }
    }
    let mut doses: Vec<usize> = report.issues.iter().filter_map(|i| i.vaccination).collect();
    doses.sort_unstable();
    doses.dedup();
    for n in doses {
        writeln!(out, "  vaccination {n}:")?;
        for i in report.for_vaccination(n) {
            print(out, i)?;
        }
    }
    writeln!(out, "  => {}", report.verdict())?;
    Ok(())
}

/// The label without the path it starts with (`RXA-15 Substance Lot Number` -> `Substance Lot Number`).
fn label_rest<'a>(label: &'a str, path: &str) -> &'a str {
    let head = path.split('[').next().unwrap_or(path);
    label.strip_prefix(head).map_or(label, str::trim_start)
}

fn json(file: &str, index: usize, decoded: &Decoded, report: &Report) -> serde_json::Value {
    use serde_json::json;
    let (_, control) = header(decoded);
    let opt = |n: u16| {
        if n == 0 {
            serde_json::Value::Null
        } else {
            json!(n)
        }
    };
    let issues: Vec<_> = report
        .issues
        .iter()
        .map(|i| {
            let l = &i.location;
            json!({
                "rule": i.rule,
                "severity": i.severity.as_str(),
                "location": if l.is_message() { serde_json::Value::Null } else { json!({
                    "segment": l.segment,
                    "sequence": l.sequence,
                    "field": opt(l.field),
                    "repetition": opt(l.repetition),
                    "component": opt(l.component),
                    "subcomponent": opt(l.subcomponent),
                })},
                "vaccination": i.vaccination,
                "erl": if l.is_message() { serde_json::Value::Null } else { json!(i.erl()) },
                "hl7_code": i.hl7_code.0,
                "app_code": i.app_code.as_ref().map(|c| c.code().to_string()),
                "label": i.label,
                "message": i.message,
                "fix": if i.fix.is_empty() { serde_json::Value::Null } else { json!(i.fix) },
            })
        })
        .collect();
    json!({
        "file": file,
        "index": index,
        "control_id": if control.is_empty() { serde_json::Value::Null } else { json!(control) },
        "profile": report.profile,
        "message_profile": validate::MessageProfile::of(&decoded.message).map(|p| p.as_str()),
        "sendable": report.is_sendable(),
        "verdict": report.verdict(),
        "issues": issues,
    })
}
