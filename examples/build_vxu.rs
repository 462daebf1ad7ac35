//! Builds a VXU from Rust values and prints it: one dose given today (with the VIS in force today
//! and the patient's VFC eligibility) and one dose from the patient's history.
//!
//! ```text
//! cargo run --example build_vxu          # segments on separate lines, for reading
//! cargo run --example build_vxu -- --raw # the message as sent: CR segment terminators
//! ```

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate};
use clap::Parser;
use izmsg::model::domain::*;

/// Builds a sample VXU (profile Z22) from domain values and prints it.
#[derive(Debug, Parser)]
#[command(version)]
pub struct Cli {
    /// Print the message as sent (CR segment terminators) instead of one segment per line.
    #[arg(long)]
    pub raw: bool,
}

/// The message this example builds.
pub fn build() -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("not a date");
    let today = day(2024, 1, 5)?;
    let patient = Patient::new(
        Identifier::mr("12345", "MYEHR"),
        PersonName::legal("Doe", "Jane"),
        day(2023, 8, 1)?,
        Sex::Female,
    )
    .with_address(Address::home("1 Main St", "Augusta", "ME", "04330"))
    .with_mothers_maiden_name(PersonName::maiden("Smith"));

    // DTaP given today: amounts are exact decimals, the lot and its expiration come as the EHR
    // keeps them, the VIS is the edition in force on the day it was presented.
    let dtap = Vaccination::administered(
        OrderId::new("IZ-991", "MYEHR"),
        VaccineCode::cvx("20"),
        today,
        Amount::ml("0.5")?,
        Lot::parse("AB123C 12/31/2025")?,
        Coded::mvx("SKB"),
        Eligibility::new("V02"), // VFC eligible: Medicaid
    )
    .with_route(Coded::route("C28161")) // intramuscular
    .with_site(Coded::site("RT")); // right thigh
    let dtap = Vis::current_for_cvx("20", today, VisChoice::PerVaccine)
        .into_iter()
        .fold(dtap, Vaccination::with_vis);

    let hep_b = Vaccination::historical(
        OrderId::new("IZ-990", "MYEHR"),
        VaccineCode::cvx("45"), // Hep B, unspecified formulation
        day(2023, 8, 2)?,
        HistoricalSource::ParentWrittenRecord,
    );

    let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00")?;
    let bytes = Vxu::builder("MSG0001", sent, patient)
        .sender("MYEHR", "MYCLINIC")
        .receiver("MYIIS", "MYIIS")
        .sending_organization(Organization::new("My Clinic", "1234", "MYIIS"))
        .software(Software::new(
            Organization::named("My EHR Vendor"),
            "1.0",
            "MyEHR",
            "1.0.7",
        ))
        .vaccination(dtap)
        .vaccination(hep_b)
        .encode()?; // checks the inputs, then writes the message
    Ok(bytes)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let bytes = match build() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("build_vxu: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let written = if cli.raw {
        out.write_all(&bytes)
    } else {
        bytes
            .split(|&b| b == b'\r')
            .filter(|s| !s.is_empty())
            .try_for_each(|segment| {
                out.write_all(segment)?;
                out.write_all(b"\n")
            })
    };
    // A closed standard output (a pipe into `head`) is not worth a panic.
    let _ = written;
    ExitCode::SUCCESS
}
