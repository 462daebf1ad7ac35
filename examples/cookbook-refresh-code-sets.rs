//! Cookbook: refresh the code sets at run time — lay newer CDC downloads over the embedded tables
//! without rebuilding, and ask the result the same questions.
//!
//! ```text
//! cargo run --example cookbook-refresh-code-sets                       # the crate's sample downloads
//! cargo run --example cookbook-refresh-code-sets -- ~/Downloads/cdc    # yours (cvx.xml, mvx.xml ...)
//! ```
//!
//! To write downloads into the crate's own tables instead (and rebuild), see the
//! `refresh_codesets` example.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Parser;
use izmsg::codes::{CdcFile, CodeSets};

/// Loads CDC downloads over the embedded code sets and reports what changed.
#[derive(Debug, Parser)]
pub struct Cli {
    /// A folder of CDC downloads, each recognised by its content.
    #[arg(default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/codes/cdc"))]
    pub dir: PathBuf,
}

/// Loads every CDC file of `dir` into a copy of the embedded tables; writes what each changed.
pub fn run(dir: &Path, out: &mut dyn Write) -> Result<CodeSets, Box<dyn std::error::Error>> {
    let mut codes = CodeSets::new(); // starts as the embedded tables
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path)?;
        let Some(file) = CdcFile::detect(&bytes) else {
            continue; // not a CDC download
        };
        let report = codes.load(file, &bytes)?; // a malformed file says where
        writeln!(out, "{}: {report}", path.display())?;
    }
    writeln!(out, "as of {}", codes.as_of())?;
    Ok(codes)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let codes = run(&cli.dir, &mut std::io::stdout().lock())?;
    if let Some(cvx) = codes.cvx("208") {
        println!("CVX 208 now reads: {}", cvx.short_description);
    }
    Ok(())
}
