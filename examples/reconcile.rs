//! Sets the chart beside the registry's answer: each dose in both, only in the chart (send it) or
//! only in the registry (import it) with the reasons, the demographic differences, whether the
//! registry's patient is the chart's, and the registry's forecast.
//!
//! ```text
//! cargo run --example reconcile -- --chart examples/data/chart.json tests/data/iis/z32-history.hl7
//! cargo run --example reconcile -- --chart examples/data/chart.json --json tests/data/iis/z32-history.hl7
//! ```
//!
//! `CHART.json` is the chart in the domain's serde shape: `{"patient": Patient, "vaccinations":
//! [Vaccination, ...]}` (`izmsg::iis::reconcile::Chart`). `examples/data/chart.json` is one: a
//! child with six doses, written so that each kind of line shows against
//! `tests/data/iis/z32-history.hl7` (the same dose, the parent's card against the registry's
//! administered record, two days apart, another product on the same day, ten days apart, a dose
//! the registry lacks; and doses only the registry has). Absent optional values may be left out;
//! the lists of a vaccination (`lots`, `vis`, `observations`) must be there, empty or not.
//!
//! `--json` prints `{"patient": MatchScore, "lines": [Line, ...], "demographics":
//! [DemographicComparison, ...], "forecast": [Forecast, ...]}` in the library's serde shapes; a
//! line's `placement` and `action` name doses by their index in the chart's `vaccinations` and the
//! registry's doses. Exit status 0 when both inputs were read, 2 otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use izmsg::iis::reconcile::{self, Chart, Line, Placement};
use izmsg::iis::response::{RegistryRecord, Response};
use izmsg::model::domain::Vaccination;

/// Reconciles a chart (JSON) with a registry's RSP.
#[derive(Parser)]
pub struct Args {
    /// The chart, as JSON in the domain's serde shape.
    #[arg(long)]
    chart: PathBuf,
    /// JSON instead of text.
    #[arg(long)]
    json: bool,
    /// The day the forecast is read for (YYYY-MM-DD); the response's own date by default.
    #[arg(long)]
    on: Option<NaiveDate>,
    /// The registry's answer (RSP^K11 Z32 or Z42).
    rsp: PathBuf,
}

fn read(args: &Args) -> Result<(Chart, Response), String> {
    let chart = std::fs::read_to_string(&args.chart)
        .map_err(|e| format!("{}: {e}", args.chart.display()))?;
    let chart: Chart = serde_json::from_str(&chart)
        .map_err(|e| format!("{}: not a chart: {e}", args.chart.display()))?;
    let bytes = std::fs::read(&args.rsp).map_err(|e| format!("{}: {e}", args.rsp.display()))?;
    let response = Response::decode(&bytes).map_err(|e| format!("{}: {e}", args.rsp.display()))?;
    Ok((chart, response))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let (chart, response) = match read(&args) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let Some(record) = response.record() else {
        eprintln!(
            "{}: no patient record to reconcile with (status {}, {} candidates)",
            args.rsp.display(),
            response.status,
            response.candidates().len()
        );
        return ExitCode::from(2);
    };
    let r = reconcile::reconcile(&chart, record);
    let on = args.on.or(response.date()).unwrap_or_default();
    if args.json {
        let doc = serde_json::json!({
            "patient": r.patient,
            "lines": r.lines,
            "demographics": r.demographics,
            "forecast": record.forecasts,
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap());
        return ExitCode::SUCCESS;
    }
    println!("patient: {} (score {})", r.patient.verdict, r.patient.score);
    for reason in &r.patient.reasons {
        println!("  {reason}");
    }
    let lists: [(&str, Vec<&Line>); 3] = [
        ("in both", r.in_both().collect()),
        ("only in the chart", r.only_chart().collect()),
        ("only in the registry", r.only_registry().collect()),
    ];
    for (title, lines) in lists {
        println!("{title} ({}):", lines.len());
        for l in lines {
            println!("  {}", line(l, &chart, record));
        }
    }
    println!("demographics that differ:");
    for d in r.demographic_differences() {
        println!(
            "  {d}: chart {}, registry {}",
            d.chart.as_deref().unwrap_or("-"),
            d.registry.as_deref().unwrap_or("-")
        );
    }
    println!("registry forecast as of {on}:");
    for f in &record.forecasts {
        let group = f
            .vaccine_group
            .as_ref()
            .map_or("?".to_string(), |g| g.name());
        let due = f.recommended.map_or("-".to_string(), |d| d.to_string());
        println!(
            "  {group:<16} {:<16} due {due}",
            f.due_state(on).to_string()
        );
    }
    ExitCode::SUCCESS
}

fn code(v: Option<&Vaccination>) -> String {
    v.and_then(|v| v.vaccine.as_ref())
        .map_or("-".to_string(), |c| c.primary.code.clone())
}

fn line(l: &Line, chart: &Chart, record: &RegistryRecord) -> String {
    let c = l.placement.chart().and_then(|i| chart.vaccinations.get(i));
    let r = l
        .placement
        .registry()
        .and_then(|i| record.doses.get(i))
        .map(|d| &d.vaccination);
    let codes = match l.placement {
        Placement::InBoth { .. } => format!("chart {} / registry {}", code(c), code(r)),
        Placement::OnlyChart { .. } => format!("chart {}", code(c)),
        Placement::OnlyRegistry { .. } => format!("registry {}", code(r)),
    };
    let mut s = format!(
        "{}  {:<12} {codes:<24} -> {}",
        l.date.map_or("undated".to_string(), |d| d.to_string()),
        l.vaccine_groups.join("/"),
        l.action
    );
    for n in &l.notes {
        s += &format!("; {n}");
    }
    for f in &l.flags {
        s += &format!("; {f}");
    }
    s
}
