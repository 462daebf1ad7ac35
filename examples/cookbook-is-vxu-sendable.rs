//! Cookbook: decide whether a VXU can be sent, and what staff must fix first — per dose.
//!
//! ```text
//! cargo run --example cookbook-is-vxu-sendable                         # a built-in VXU with two problems
//! cargo run --example cookbook-is-vxu-sendable -- --profile maine FILE # against a state's profile
//! ```

use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use izmsg::model;
use izmsg::validate::{self, Validator};

/// Validates one VXU and says, dose by dose, whether it can be sent.
#[derive(Debug, Parser)]
pub struct Cli {
    /// The profile: `cdc`, or a state's (`maine` ...).
    #[arg(long, default_value = "cdc")]
    pub profile: String,
    /// A file holding one VXU (default: a built-in one).
    pub file: Option<PathBuf>,
}

/// A VXU whose DTaP dose has no lot number and whose patient's sex is not a code of HL7 0001.
pub const SAMPLE: &[u8] = b"MSH|^~\\&|MYEHR|MYCLINIC|MYIIS|MYIIS|20240315103000-0500||VXU^V04^VXU_V04|MSG-1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
PID|1||12345^^^MYEHR^MR||Doe^Jane^^^^^L||20230801|X\r\
ORC|RE||IZ-991^MYEHR\r\
RXA|0|1|20240315||20^DTaP^CVX|0.5|mL^^UCUM||00^New immunization record^NIP001||||||||SKB^GlaxoSmithKline^MVX|||CP|A\r";

/// Validates the VXU in `bytes` with `profile` as of 2024-03-16 and writes the verdict per dose.
pub fn run(
    bytes: &[u8],
    profile: &str,
    out: &mut dyn Write,
) -> Result<bool, Box<dyn std::error::Error>> {
    let profile = validate::profile(profile).ok_or("no such profile")?;
    let decoded = model::decode(bytes)?;
    // The clock is a parameter: the same message gives the same report tomorrow.
    let report = Validator::new(profile)
        .at_date(2024, 3, 16)
        .validate(&decoded);
    writeln!(out, "{}", report.verdict())?;
    // Problems of the message as a whole (header, patient) hold back every dose.
    for issue in report.message_level() {
        writeln!(out, "  all doses: {} {}", issue.severity, issue.message)?;
        writeln!(out, "    fix: {}", issue.fix)?;
    }
    let model::Message::Vxu(vxu) = &decoded.message else {
        return Err("not a VXU".into());
    };
    for n in 1..=vxu.orders.len() {
        let state = if report.is_vaccination_sendable(n) {
            "can be sent"
        } else {
            "NOT sendable"
        };
        writeln!(out, "  dose {n}: {state}")?;
        for issue in report.for_vaccination(n) {
            writeln!(out, "    {} {}", issue.severity, issue.message)?;
            writeln!(out, "    fix: {}", issue.fix)?;
        }
    }
    Ok(report.is_sendable())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let bytes = match &cli.file {
        Some(path) => std::fs::read(path)?,
        None => SAMPLE.to_vec(),
    };
    run(&bytes, &cli.profile, &mut std::io::stdout().lock())?;
    Ok(())
}
