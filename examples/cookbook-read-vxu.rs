//! Cookbook: read a VXU — who the patient is and which doses it reports.
//!
//! ```text
//! cargo run --example cookbook-read-vxu                                   # a built-in VXU
//! cargo run --example cookbook-read-vxu -- tests/data/messages/vxu/002-historical-and-refusal.hl7
//! ```

use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use izmsg::model::{self, Message};

/// Reads a VXU and prints its patient and doses.
#[derive(Debug, Parser)]
pub struct Cli {
    /// A file holding one VXU (default: a built-in one).
    pub file: Option<PathBuf>,
}

/// A VXU with one dose of DTaP.
pub const SAMPLE: &[u8] = b"MSH|^~\\&|MYEHR|MYCLINIC|MYIIS|MYIIS|20240315103000-0500||VXU^V04^VXU_V04|MSG-1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
PID|1||12345^^^MYEHR^MR||Doe^Jane^^^^^L||20230801|F\r\
ORC|RE||IZ-991^MYEHR\r\
RXA|0|1|20240315||20^DTaP^CVX|0.5|mL^^UCUM||00^New immunization record^NIP001||||||AB123C|20251231|SKB^GlaxoSmithKline^MVX|||CP|A\r";

/// Writes what the VXU in `bytes` says to `out`.
pub fn run(bytes: &[u8], out: &mut dyn Write) -> Result<(), Box<dyn std::error::Error>> {
    let decoded = model::decode(bytes)?; // an er7::Error says where, never what
    let Message::Vxu(vxu) = &decoded.message else {
        return Err("not a VXU".into());
    };
    let patient = vxu.patient();
    if let Some(name) = patient.legal_name() {
        writeln!(out, "patient: {name}")?; // printing a name is asking for patient data
    }
    if let Some(born) = &patient.birth {
        writeln!(out, "born: {born}")?;
    }
    for dose in vxu.vaccinations() {
        let vaccine = dose
            .vaccine
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let date = dose
            .date
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        writeln!(out, "{date}: {vaccine} ({:?})", dose.kind)?;
        if let Some(amount) = &dose.amount {
            writeln!(out, "  amount: {amount}")?;
        }
    }
    // What the decoder tolerated or found odd, located, without patient data.
    for issue in &decoded.issues {
        writeln!(out, "issue: {issue}")?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let bytes = match &cli.file {
        Some(path) => std::fs::read(path)?,
        None => SAMPLE.to_vec(),
    };
    run(&bytes, &mut std::io::stdout().lock())
}
