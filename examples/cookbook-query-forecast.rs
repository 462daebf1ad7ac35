//! Cookbook: ask the registry for a patient's evaluated history and forecast (QBP Z44), and read the
//! forecast out of its answer (RSP Z42) — which vaccines are due, overdue or up to date.
//!
//! ```text
//! cargo run --example cookbook-query-forecast                     # the query, then a built-in Z42
//! cargo run --example cookbook-query-forecast -- RSP.hl7          # a registry's answer of your own
//! ```

use std::io::Write;
use std::path::PathBuf;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use clap::Parser;
use izmsg::iis::query::{QueryBuilder, QueryProfile};
use izmsg::iis::response::{Answer, Response};
use izmsg::model::domain::{Identifier, Patient, PersonName, Sex};

/// Builds a Z44 query and reads a Z42 forecast.
#[derive(Debug, Parser)]
pub struct Cli {
    /// A file holding the registry's RSP (default: the crate's own Z42 test message).
    pub response: Option<PathBuf>,
}

/// A Z42 answer: the crate's own test message.
pub const Z42: &[u8] = include_bytes!("../tests/data/iis/z42-forecast.hl7");

/// The query for the chart's patient, as ER7.
pub fn query() -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let born = NaiveDate::from_ymd_opt(2023, 8, 1).ok_or("date")?;
    let patient = Patient::new(
        Identifier::mr("12345", "MYEHR"),
        PersonName::legal("Doe", "Jane"),
        born,
        Sex::Female,
    );
    let sent_at = FixedOffset::west_opt(5 * 3600)
        .ok_or("offset")?
        .with_ymd_and_hms(2024, 3, 15, 10, 30, 0)
        .single()
        .ok_or("time")?;
    // Required inputs are arguments; what a query may not lack is refused by `encode` (QueryError).
    Ok(QueryBuilder::new(QueryProfile::Z44, "Q-0001", sent_at, patient).encode()?)
}

/// Writes the forecast of the response in `bytes`, as of `on`.
pub fn run(
    bytes: &[u8],
    on: NaiveDate,
    out: &mut dyn Write,
) -> Result<(), Box<dyn std::error::Error>> {
    let response = Response::decode(bytes)?;
    writeln!(out, "query status: {}", response.status.explanation())?;
    match &response.answer {
        Answer::Record(record) => {
            writeln!(out, "{} doses on record", record.doses.len())?;
            for f in &record.forecasts {
                let group = f
                    .vaccine_group
                    .as_ref()
                    .map_or_else(|| "?".to_string(), |g| g.name());
                let date =
                    |d: Option<NaiveDate>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
                writeln!(
                    out,
                    "  {group:<24} {:<16} earliest {} due {} overdue {}",
                    f.due_state(on).to_string(),
                    date(f.earliest),
                    date(f.recommended),
                    date(f.past_due)
                )?;
            }
        }
        Answer::Candidates(c) => {
            writeln!(out, "{} candidates: choose one and query again", c.len())?
        }
        Answer::NoRecord(no) => writeln!(out, "no record: {:?}", no.reason)?,
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let q = query()?;
    println!("{}", String::from_utf8_lossy(&q).replace('\r', "\n"));
    let bytes = match &cli.response {
        Some(path) => std::fs::read(path)?,
        None => Z42.to_vec(),
    };
    let on = NaiveDate::from_ymd_opt(2024, 3, 16).ok_or("date")?;
    run(&bytes, on, &mut std::io::stdout().lock())
}
