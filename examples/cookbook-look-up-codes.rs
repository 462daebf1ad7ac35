//! Cookbook: look up codes — a vaccine's CVX, its manufacturer, the unit of use of a carton's NDC,
//! the VIS in force on a day, a value set's meaning, and how current the tables are.
//!
//! ```text
//! cargo run --example cookbook-look-up-codes
//! cargo run --example cookbook-look-up-codes -- --ndc 49281-0421-50 --cvx 150 --date 2024-10-01
//! ```

use std::io::Write;

use clap::Parser;
use izmsg::chrono::NaiveDate;
use izmsg::codes::{self, UnitOfUse};

/// Answers the code questions a VXU raises.
#[derive(Debug, Parser)]
pub struct Cli {
    /// A CVX vaccine code.
    #[arg(long, default_value = "150")]
    pub cvx: String,
    /// An NDC as on the package, 10 or 11 digits, with or without hyphens.
    #[arg(long, default_value = "49281-0421-50")]
    pub ndc: String,
    /// The day the dose is given and the VIS presented.
    #[arg(long, default_value = "2024-10-01")]
    pub date: NaiveDate,
}

/// Writes the answers to `out`.
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<(), Box<dyn std::error::Error>> {
    writeln!(out, "code sets as of {}", codes::as_of())?;
    match codes::cvx(&cli.cvx) {
        Some(c) => writeln!(
            out,
            "CVX {}: {} ({})",
            c.cvx,
            c.short_description,
            c.status.as_str()
        )?,
        None => writeln!(out, "CVX {}: unknown", cli.cvx)?,
    }
    // The IG wants the unit of use (the syringe), not the unit of sale (the carton).
    let tables = codes::CodeSets::embedded();
    let product = match tables.ndc_unit_of_use(&cli.ndc)? {
        UnitOfUse::Itself(p) => {
            writeln!(out, "NDC {}: a unit of use, CVX {}", p.ndc11, p.cvx)?;
            Some(p)
        }
        UnitOfUse::Inside { sale, unit_of_use } => {
            writeln!(
                out,
                "NDC {} is a carton: send its unit of use {} ({})",
                sale.ndc11, unit_of_use.ndc11, unit_of_use.proprietary_name
            )?;
            Some(unit_of_use)
        }
        UnitOfUse::Ambiguous { sale, units_of_use } => {
            let list: Vec<&str> = units_of_use.iter().map(|u| u.ndc11.as_ref()).collect();
            writeln!(
                out,
                "NDC {} is a carton of: {}",
                sale.ndc11,
                list.join(", ")
            )?;
            None
        }
        UnitOfUse::Unknown => {
            writeln!(out, "NDC {}: not in the tables", cli.ndc)?;
            None
        }
    };
    for mvx in product.into_iter().flat_map(|p| tables.ndc_mvx(p)) {
        let name = codes::mvx(mvx).map_or("", |m| m.name.as_ref());
        writeln!(out, "  made by MVX {mvx} ({name})")?;
    }
    for vis in codes::vis_in_force(&cli.cvx, cli.date) {
        writeln!(
            out,
            "VIS on {}: {} of {}",
            cli.date, vis.document_name, vis.edition_date
        )?;
    }
    let eligibility = codes::lookup("HL70064", "V01").unwrap_or_default();
    writeln!(out, "HL70064 V01: {eligibility}")?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    run(&cli, &mut std::io::stdout().lock())
}
