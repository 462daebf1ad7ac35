//! Reads a registry's answer to a query (RSP^K11) and says what it holds, in plain words: the query
//! status, then the candidates, or the history (each dose with the registry's evaluation) and a
//! forecast table per vaccine group (overdue, due now, up to date ... with the dates).
//!
//! ```text
//! cargo run --example response -- ../shared/corpus/rsp/024-nist2015-izqr1-z42-child.hl7
//! cargo run --example response -- --json FILE...
//! cargo run --example response -- --on 2024-06-01 FILE   # the forecast as of that day
//! ```
//!
//! The forecast is read as of `--on`, by default the day the registry answered (MSH-7). Exit status
//! 0 when every file was read as a response, 2 otherwise (each problem on standard error, naming the
//! file, never message content).
//!
//! `--json` prints one object per message (an array when there are several):
//!
//! ```json
//! {"file": "z42.hl7", "control_id": "R1", "profile": "Z42", "query_status": "OK",
//!  "outcome": "accepted",
//!  "candidates": [{"identifiers": [{"id": "123", "type": "SR", "authority": "MYIIS"}],
//!                  "name": "Doe, Jane Ann", "birth_date": "2023-08-01", "sex": "F"}],
//!  "vaccinations": [{"cvx": "08", "ndc": null, "date": "2023-10-01", "lot": null,
//!                    "evaluations": [{"vaccine_group": "HepB", "valid": true, "series": null, "dose_number": 1}]}],
//!  "forecast": [{"vaccine_group": "HepB", "vaccine_group_cvx": "45", "status": "overdue", "dose_number": 2,
//!                "earliest": "2023-10-29", "recommended": "2023-11-01", "past_due": "2023-12-01", "latest": null}],
//!  "issues": ["patient 1, ORDER 3, OBX 2: observation 30999-1 not understood; kept as an other observation"]}
//! ```
//!
//! Dates are `YYYY-MM-DD`, absent values `null`. `vaccinations` holds the real doses only (a CVX
//! 998 record is no dose); `vaccine_group_cvx` is the CVX code the registry named the group by;
//! `status` is where the group stands on the day (`overdue`, `due now`, `up to date`, `complete`,
//! `not recommended`, `unknown`). `outcome` is the MSA/ERR part read as an acknowledgement by
//! `izmsg::iis::ack` (`accepted`, `accepted_with_warnings`, `rejected`, `not_processed`,
//! `no_valid_ack`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use izmsg::iis::ack::{AckPolicy, Acknowledgement, Outcome};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use izmsg::iis::response::{Answer, Candidate, Forecast, RegistryDose, Response};
use izmsg::model::domain::{Patient, PersonName};
use serde_json::{Value, json};

/// Reads registry responses (RSP^K11) and says what they hold.
#[derive(Parser)]
pub struct Args {
    /// One JSON object per message (an array for several) instead of text.
    #[arg(long)]
    json: bool,
    /// The day the forecast is read for (YYYY-MM-DD); the response's own date by default.
    #[arg(long)]
    on: Option<NaiveDate>,
    /// RSP files, one message each.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut ok = true;
    let mut objects = Vec::new();
    let mut out = std::io::stdout().lock();
    for file in &args.files {
        let name = file.display().to_string();
        let read = std::fs::read(file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| read_response(&bytes));
        let (response, outcome) = match read {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{name}: {e}");
                ok = false;
                continue;
            }
        };
        let on = args.on.or(response.date()).unwrap_or_default();
        if args.json {
            objects.push(to_json(&name, &response, on, Some(outcome.as_str())));
        } else {
            writeln!(out, "{}", describe(&name, &response, on)).unwrap();
            writeln!(out, "registry: {outcome}").unwrap();
        }
    }
    if args.json {
        let doc = match objects.len() {
            1 => objects.pop().unwrap_or(Value::Null),
            _ => Value::Array(objects),
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// The response read into what a program needs, and the MSA/ERR part read as an acknowledgement.
fn read_response(bytes: &[u8]) -> Result<(Response, Outcome), String> {
    let decoded = izmsg::model::decode(bytes).map_err(|e| e.to_string())?;
    let izmsg::model::Message::Rsp(rsp) = &decoded.message else {
        return Err("not an RSP^K11 query response".to_string());
    };
    let outcome = Acknowledgement::of_response(rsp, &AckPolicy::default()).outcome;
    Ok((Response::from_rsp(rsp), outcome))
}

fn day(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "-".to_string(), |d| d.to_string())
}

fn name_of(n: Option<&PersonName>) -> String {
    n.map_or_else(String::new, |n| {
        let given = [n.given.as_deref(), n.middle.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        format!("{}, {given}", n.family)
    })
}

/// The text report of one response.
pub fn describe(file: &str, r: &Response, on: NaiveDate) -> String {
    let mut s = format!(
        "== {file}\nprofile {}, status {}: {}\n",
        r.profile,
        r.status,
        r.status.explanation()
    );
    let msa = r
        .msa
        .as_ref()
        .and_then(|m| m.acknowledgment_code.as_ref())
        .map_or("none", |c| c.as_str());
    s += &format!("MSA-1 {msa}, {} ERR\n", r.err.len());
    for m in r.error_messages() {
        s += &format!("  registry says: {m}\n");
    }
    match &r.answer {
        Answer::NoRecord(n) => s += &format!("no record: {}\n", n.reason),
        Answer::Candidates(list) => {
            s += &format!("{} candidates:\n", list.len());
            for (i, c) in list.iter().enumerate() {
                let p = &c.patient;
                s += &format!(
                    "  {}. {}  born {}  sex {}\n",
                    i + 1,
                    name_of(p.legal_name()),
                    day(p.birth_date()),
                    p.sex.as_ref().map_or("-", |s| s.code())
                );
            }
        }
        Answer::Record(rec) => {
            s += &format!(
                "{}, born {}\n",
                name_of(rec.patient.legal_name()),
                day(rec.patient.birth_date())
            );
            s += &format!("history ({} doses):\n", rec.doses.len());
            for d in &rec.doses {
                s += &dose_line(d);
            }
            s += &format!(
                "forecast as of {on}:\n  {:<24} {:<16} {:>4}  {:<10}  {:<11}  {:<10}  {:<10}\n",
                "vaccine group", "status", "dose", "earliest", "recommended", "past due", "latest"
            );
            for f in &rec.forecasts {
                s += &format!(
                    "  {:<24} {:<16} {:>4}  {:<10}  {:<11}  {:<10}  {:<10}\n",
                    f.vaccine_group
                        .as_ref()
                        .map_or("?".to_string(), |g| g.name()),
                    f.due_state(on).to_string(),
                    f.dose_number.map_or("-".to_string(), |n| n.to_string()),
                    day(f.earliest),
                    day(f.recommended),
                    day(f.past_due),
                    day(f.latest)
                );
            }
            for o in &rec.observations {
                s += &format!(
                    "  observation on {}: {:?}\n",
                    day(o.date.map(|t| t.date)),
                    o.observation
                );
            }
        }
    }
    for i in &r.issues {
        s += &format!("note: {i}\n");
    }
    s
}

fn dose_line(d: &RegistryDose) -> String {
    let v = &d.vaccination;
    let code = v.vaccine.as_ref().map_or_else(String::new, |c| {
        format!(
            "{} {}",
            c.primary.code,
            c.primary.text.as_deref().unwrap_or_default()
        )
    });
    let mut s = format!("  {}  {code}\n", day(v.date.map(|t| t.date)));
    for e in &d.evaluations {
        let valid = match e.valid {
            Some(true) => "valid",
            Some(false) => "not valid",
            None => "validity not given",
        };
        s += &format!(
            "      {}: {valid}{}{}\n",
            e.vaccine_group
                .as_ref()
                .map_or("?".to_string(), |g| g.name()),
            e.dose_number
                .map_or(String::new(), |n| format!(", dose {n}")),
            e.reason
                .as_ref()
                .map_or(String::new(), |r| format!(" ({r})"))
        );
    }
    s
}

fn candidate_json(c: &Candidate) -> Value {
    let p: &Patient = &c.patient;
    json!({
        "identifiers": p.identifiers.iter().map(|i| json!({
            "id": i.id,
            "type": i.id_type,
            "authority": i.authority.as_ref().and_then(|a| a.local.clone().or_else(|| a.oid.clone())),
        })).collect::<Vec<_>>(),
        "name": p.legal_name().map(|n| name_of(Some(n))),
        "birth_date": p.birth_date().map(|d| d.to_string()),
        "sex": p.sex.as_ref().map(|s| s.code().to_string()),
    })
}

fn dose_json(d: &RegistryDose) -> Value {
    let v = &d.vaccination;
    json!({
        "cvx": v.cvx().map(|c| c.code.clone()),
        "ndc": v.vaccine.as_ref().and_then(|c| c.ndc_code()).map(|c| c.code.clone()),
        "date": v.date.map(|t| t.date.to_string()),
        "lot": v.lots.first(),
        "evaluations": d.evaluations.iter().map(|e| json!({
            "vaccine_group": e.vaccine_group.as_ref().map(|g| g.name()),
            "valid": e.valid,
            "series": e.series.as_ref().map(|s| s.text.clone().unwrap_or_else(|| s.code.clone())),
            "dose_number": e.dose_number,
        })).collect::<Vec<_>>(),
    })
}

fn forecast_json(f: &Forecast, on: NaiveDate) -> Value {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    json!({
        "vaccine_group": f.vaccine_group.as_ref().map(|g| g.name()),
        "vaccine_group_cvx": f.vaccine_group.as_ref().and_then(|g| g.cvx()),
        "status": f.due_state(on).to_string(),
        "dose_number": f.dose_number,
        "earliest": date(f.earliest),
        "recommended": date(f.recommended),
        "past_due": date(f.past_due),
        "latest": date(f.latest),
    })
}

/// The JSON object of one response.
pub fn to_json(file: &str, r: &Response, on: NaiveDate, outcome: Option<&str>) -> Value {
    let record = r.record();
    json!({
        "file": file,
        "control_id": r.control_id,
        "profile": r.profile.code(),
        "query_status": r.status.code(),
        "outcome": outcome,
        "candidates": r.candidates().iter().map(candidate_json).collect::<Vec<_>>(),
        "vaccinations": record.map_or_else(Vec::new, |rec| rec.doses.iter().map(dose_json).collect()),
        "forecast": r.forecasts().iter().map(|f| forecast_json(f, on)).collect::<Vec<_>>(),
        "issues": r.issues.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}
