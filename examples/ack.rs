//! `ack`: what did the registry say? Reads acknowledgements (or query responses) and says, in plain
//! words, the outcome and each row the registry returned; with `--sent`, which dose and field of the
//! message sent each row points at, and what became of each dose.
//!
//! ```text
//! cargo run --example ack -- ACK.hl7...                 # outcome and rows, for people
//! cargo run --example ack -- --sent VXU.hl7 ACK.hl7     # ... and each dose: reported or not
//! cargo run --example ack -- --json --sent VXU.hl7 ACK.hl7
//! ```
//!
//! `--json` prints, per acknowledgement, `{"file", "control_id", "acknowledged_id", "outcome",
//! "issues": [...], "vaccinations": [...]}` (one document for one, an array for several):
//! `outcome` is `accepted`, `accepted_with_warnings`, `rejected`, `not_processed` or
//! `no_valid_ack`; each issue has the `validate` example's keys (`rule`, `severity`, `location`,
//! `vaccination`, `erl`, `hl7_code`, `app_code`, `label`, `message`, `fix`) plus the registry's own
//! words (`registry_text`); `vaccinations` (with `--sent`) lists `{"index", "cvx", "date", "state",
//! "issues"}`.
//!
//! Exit status: 0 whenever the acknowledgement was read, whatever it says; 2 when a file could not
//! be read or is not HL7.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use izmsg::iis::ack::{AckPolicy, Acknowledgement, Submission, Summary, summarize_response};
use izmsg::model::{self, Decoded, Message};
use izmsg::validate::Issue;
use serde_json::{Value, json};

/// What did the registry say? The outcome of each acknowledgement and its rows in plain words.
#[derive(Parser, Debug)]
#[command(name = "ack", version)]
pub struct Args {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// The message that was sent (a VXU): map each row to its dose and field, and say what became of
    /// each dose.
    #[arg(long, value_name = "FILE")]
    sent: Option<PathBuf>,
    /// The acknowledgements (or query responses) to read.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut out = std::io::stdout().lock();
    let mut status = 0;
    let sent = match &args.sent {
        None => None,
        Some(path) => match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| model::decode(&b).map_err(|e| e.to_string()))
        {
            Ok(d) => Some(d),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
    };
    let policy = AckPolicy::default();
    let mut documents = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{name}: {e}");
                status = 2;
                continue;
            }
        };
        let decoded = match first_message(&bytes) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{name}: not an HL7 message: {e}");
                status = 2;
                continue;
            }
        };
        let (read, submission) = match &sent {
            Some(sent) => {
                let s = Submission::with_policy(sent, &decoded, &policy);
                (s.ack.clone(), Some(s))
            }
            None => match &decoded.message {
                Message::Rsp(_) => (
                    Acknowledgement::of_response_message(&decoded.message, &policy),
                    None,
                ),
                m => (Acknowledgement::of_message(m, &policy), None),
            },
        };
        if args.json {
            documents.push(document(&name, &read, submission.as_ref()));
        } else {
            let summary = match &decoded.message {
                Message::Rsp(rsp) if sent.is_none() => summarize_response(rsp),
                _ => Summary::of(&read),
            };
            let _ = write_text(&mut out, &name, &summary, &read, submission.as_ref());
        }
    }
    if args.json {
        let doc = match documents.len() {
            1 => documents.pop().unwrap_or(Value::Null),
            _ => Value::Array(documents),
        };
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        );
    }
    ExitCode::from(status)
}

/// The first message of a file (a batch or several messages: the first one).
fn first_message(bytes: &[u8]) -> Result<Decoded, String> {
    let batch = izmsg::er7::split(bytes).map_err(|e| e.to_string())?;
    let first = batch
        .messages()
        .next()
        .ok_or_else(|| "no message".to_string())?;
    let msg = first.as_ref().map_err(|e| e.to_string())?;
    Ok(model::decode_parsed(msg, &izmsg::er7::Limits::default()))
}

fn write_text(
    out: &mut dyn Write,
    name: &str,
    summary: &Summary,
    read: &Acknowledgement,
    submission: Option<&Submission>,
) -> std::io::Result<()> {
    writeln!(out, "== {name}")?;
    write!(out, "{summary}")?;
    if let Some(s) = submission {
        let pointed: Vec<&Issue> = read.issues.iter().filter(|i| i.erl() != "").collect();
        if !pointed.is_empty() {
            writeln!(out, "Where each row points in the message sent:")?;
        }
        for i in pointed {
            let dose = match i.vaccination {
                Some(n) => s
                    .doses
                    .get(n - 1)
                    .map_or(format!("vaccination {n}"), |d| d.description.clone()),
                None => "no dose (applies to the whole record)".to_string(),
            };
            writeln!(
                out,
                "  {:<14} {} -> {}",
                i.erl(),
                i.label.as_deref().unwrap_or(&i.location.path()),
                dose
            )?;
        }
        writeln!(out, "Doses:")?;
        for d in &s.doses {
            let cvx = d
                .cvx
                .as_deref()
                .map_or(String::new(), |c| format!(" (CVX {c})"));
            writeln!(out, "  {}. {}{cvx}: {}", d.index, d.description, d.state)?;
        }
    }
    writeln!(out)
}

fn document(name: &str, read: &Acknowledgement, submission: Option<&Submission>) -> Value {
    let mut doc = json!({
        "file": name,
        "control_id": read.control_id,
        "acknowledged_id": read.acknowledged_id,
        "outcome": read.outcome.as_str(),
        "issues": read.issues.iter().map(issue_json).collect::<Vec<_>>(),
    });
    if let Some(s) = submission {
        doc["vaccinations"] = s
            .doses
            .iter()
            .map(|d| {
                json!({
                    "index": d.index,
                    "cvx": d.cvx,
                    "date": d.date.map(|d| d.to_string()),
                    "state": d.state.as_str(),
                    "issues": d.issues.iter().map(issue_json).collect::<Vec<_>>(),
                })
            })
            .collect();
    }
    doc
}

/// An issue in the `validate` example's shape (absent parts null), with the registry's own words.
fn issue_json(i: &Issue) -> Value {
    let l = &i.location;
    let n = |v: u16| if v == 0 { Value::Null } else { json!(v) };
    json!({
        "rule": i.rule,
        "severity": i.severity.as_str(),
        "location": if l.is_message() { Value::Null } else { json!({
            "segment": l.segment,
            "sequence": l.sequence,
            "field": n(l.field),
            "repetition": n(l.repetition),
            "component": n(l.component),
            "subcomponent": n(l.subcomponent),
        })},
        "vaccination": i.vaccination,
        "erl": if l.is_message() { Value::Null } else { json!(i.erl()) },
        "hl7_code": i.hl7_code.0,
        "app_code": i.app_code.as_ref().map(|c| c.code().to_string()),
        "label": i.label,
        "message": i.message,
        "fix": if i.fix.is_empty() { Value::Null } else { json!(i.fix) },
        "registry_text": i.registry_text,
    })
}
