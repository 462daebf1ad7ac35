//! Cookbook: read any input — one message, several, a batch file or MLLP frames — message by
//! message, each with where it was.
//!
//! ```text
//! cargo run --example cookbook-read-any-input -- tests/data/messages/batch/001-two-vxu.hl7
//! cargo run --example cookbook-read-any-input -- tests/data/messages/mllp/001-two-frames.hl7
//! cat FILE | cargo run --example cookbook-read-any-input -- -
//! ```

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Parser;
use izmsg::model::{self, Message};

/// Lists the messages of a file: position, type, control ID, problems.
#[derive(Debug, Parser)]
pub struct Cli {
    /// The file (`-`: standard input).
    pub file: PathBuf,
}

/// Writes one line per message of `input` to `out`; returns how many could not be read.
pub fn run(input: &[u8], out: &mut dyn Write) -> std::io::Result<usize> {
    let mut failed = 0;
    let mut reader = model::read_all(input); // lazy: one message decoded at a time
    for item in reader.by_ref() {
        match item {
            Ok(read) => {
                let m = &read.decoded.message;
                let kind = match m {
                    Message::Vxu(_) => "VXU",
                    Message::Ack(_) => "ACK",
                    Message::Qbp(_) => "QBP",
                    Message::Rsp(_) => "RSP",
                    Message::Other { .. } => "other",
                };
                let control_id = m
                    .msh()
                    .and_then(|h| h.message_control_id.as_ref())
                    .map_or("", |c| c.as_str());
                writeln!(
                    out,
                    "{}: {kind} {control_id}, {} warning(s), {} issue(s)",
                    read.position,
                    read.decoded.warnings.len(),
                    read.decoded.issues.len()
                )?;
            }
            Err(e) => {
                failed += 1;
                writeln!(out, "error: {e}")?; // says where and why, never what
            }
        }
    }
    for w in reader.warnings() {
        writeln!(out, "envelope: {w}")?;
    }
    Ok(failed)
}

fn main() -> Result<std::process::ExitCode, Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let input = if cli.file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        buf
    } else {
        std::fs::read(&cli.file)?
    };
    let failed = run(&input, &mut std::io::stdout().lock())?;
    Ok(std::process::ExitCode::from(u8::from(failed > 0) * 2))
}
