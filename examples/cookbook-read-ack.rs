//! Cookbook: read the registry's acknowledgement of a VXU — Reported, Reported with warnings or Not
//! Reported, dose by dose, as an EHR shows it.
//!
//! ```text
//! cargo run --example cookbook-read-ack                          # a built-in VXU and its ACK
//! cargo run --example cookbook-read-ack -- SENT.hl7 ACK.hl7      # your own pair
//! ```

use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use izmsg::iis::ack::{DoseState, Submission};
use izmsg::model;

/// Pairs an ACK with the VXU it answers and prints each dose's state.
#[derive(Debug, Parser)]
pub struct Cli {
    /// The VXU that was sent (default: a built-in one).
    pub sent: Option<PathBuf>,
    /// The registry's ACK (default: a built-in one).
    pub ack: Option<PathBuf>,
}

/// A VXU with two doses.
pub const SENT: &[u8] = b"MSH|^~\\&|MYEHR|MYCLINIC|MYIIS|MYIIS|20240315103000-0500||VXU^V04^VXU_V04|MSG-1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
PID|1||12345^^^MYEHR^MR||Doe^Jane^^^^^L||20230801|F\r\
ORC|RE||IZ-991^MYEHR\r\
RXA|0|1|20240315||20^DTaP^CVX|0.5|mL^^UCUM||00^New immunization record^NIP001||||||AB123C|20251231|SKB^GlaxoSmithKline^MVX|||CP|A\r\
ORC|RE||IZ-992^MYEHR\r\
RXA|0|1|20240315||999999^Unknown^CVX|0.5|mL^^UCUM||00^New immunization record^NIP001||||||XY77|20251231|MSD^Merck^MVX|||CP|A\r";

/// The registry's answer: the second RXA's vaccine code was not recognised.
pub const ACK: &[u8] = b"MSH|^~\\&|MYIIS|MYIIS|MYEHR|MYCLINIC|20240315103005-0500||ACK^V04^ACK|A7731|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\r\
MSA|AE|MSG-1\r\
ERR||RXA^2^5^1|103^Table value not found^HL70357|E|5^Table value not found^HL70533|||Vaccine code not recognized; vaccination not recorded\r";

/// Writes what the registry did with each dose of `sent`.
pub fn run(sent: &[u8], ack: &[u8], out: &mut dyn Write) -> Result<(), Box<dyn std::error::Error>> {
    let sent = model::decode(sent)?;
    let ack = model::decode(ack)?;
    let submission = Submission::new(&sent, &ack);
    writeln!(out, "{}", submission.outcome())?;
    for dose in &submission.doses {
        match &dose.state {
            DoseState::Reported => writeln!(out, "  {}: Reported", dose.description)?,
            DoseState::ReportedWithWarnings { warnings } => {
                writeln!(out, "  {}: Reported with warnings", dose.description)?;
                for w in warnings {
                    writeln!(out, "    {w}")?;
                }
            }
            DoseState::NotReported { why } => {
                writeln!(out, "  {}: Not Reported: {why}", dose.description)?;
            }
        }
    }
    // The registry's own words stay available, apart from ours.
    for issue in &submission.ack.issues {
        if let Some(text) = &issue.registry_text {
            writeln!(out, "  registry said at {}: {text}", issue.location.path())?;
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let sent = match &cli.sent {
        Some(path) => std::fs::read(path)?,
        None => SENT.to_vec(),
    };
    let ack = match &cli.ack {
        Some(path) => std::fs::read(path)?,
        None => ACK.to_vec(),
    };
    run(&sent, &ack, &mut std::io::stdout().lock())
}
