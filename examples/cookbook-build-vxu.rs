//! Cookbook: build a VXU and make it ready to send.
//!
//! A patient and a dose from your EHR's records, built into an IG-shaped VXU (profile Z22), checked
//! and encoded, then framed for MLLP (the bytes you write to the registry's socket; over SOAP you
//! would put the unframed bytes in the envelope instead).
//!
//! ```text
//! cargo run --example cookbook-build-vxu
//! cargo run --example cookbook-build-vxu -- --mllp   # the framed bytes, as sent over MLLP
//! ```

use std::io::Write;

use clap::Parser;
use izmsg::chrono::{DateTime, NaiveDate};
use izmsg::er7::mllp;
use izmsg::model::domain::*;

/// Builds a VXU from a patient and a dose, and prints it.
#[derive(Debug, Parser)]
pub struct Cli {
    /// Print the message framed for MLLP (start block, message, end block).
    #[arg(long)]
    pub mllp: bool,
}

/// The VXU as sent: checked by the builder, encoded with `try_encode`.
pub fn vxu() -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let today = NaiveDate::from_ymd_opt(2024, 3, 15).ok_or("date")?;
    let born = NaiveDate::from_ymd_opt(2023, 8, 1).ok_or("date")?;
    let patient = Patient::new(
        Identifier::mr("12345", "MYEHR"),
        PersonName::legal("Doe", "Jane"),
        born,
        Sex::Female,
    );
    let mut dose = Vaccination::administered(
        OrderId::new("IZ-991", "MYEHR"),    // your record's stable ID (ORC-3)
        VaccineCode::ndc("49281-0421-50")?, // a carton's NDC: the syringe's is sent
        today,
        Amount::ml("0.5")?,                 // exact: never 0.49999999
        Lot::parse("UT7012AA 06/30/2025")?, // lot and expiration in one field
        Coded::mvx("PMC"),
        Eligibility::new("V01"), // not VFC eligible
    );
    for vis in Vis::current_for_cvx("150", today, VisChoice::PerVaccine) {
        dose = dose.with_vis(vis); // the edition in force today
    }
    let sent = DateTime::parse_from_rfc3339("2024-03-15T10:30:00-05:00")?;
    let bytes = Vxu::builder("MSG-0001", sent, patient)
        .sender("MYEHR", "MYCLINIC")
        .receiver("MYIIS", "MYIIS")
        .vaccination(dose)
        .encode()?; // a BuildError names the input at fault
    Ok(bytes)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let bytes = vxu()?;
    let out = if cli.mllp { mllp::frame(&bytes) } else { bytes };
    std::io::stdout().write_all(&out)?;
    Ok(())
}
