//! Builds a query for a patient's record (QBP^Q11, profile Z34 or Z44) and prints it as ER7 on
//! standard output, one segment per line; its validation verdict (the `cdc` profile) goes to
//! standard error.
//!
//! ```text
//! cargo run --example query -- --z44 --family Doe --given Jane --dob 2023-08-01 --sex F --mrn 12345
//! cargo run --example query -- --family Doe --given Jane --dob 2023-08-01 --sex F \
//!     --mother-maiden Smith --street "1 Main St" --city Augusta --state ME --zip 04330 --phone 2075551234
//! cargo run --example query -- --registry-id 998877 --raw > query.hl7   # CR terminators, as sent
//! ```
//!
//! Exit status 0 when the query was built, 2 when it could not be (the reason on standard error:
//! a registry needs an identifier, or a family name, given name and birth date).

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate};
use clap::Parser;
use izmsg::iis::query::{QueryBuilder, QueryProfile};
use izmsg::model::{self, domain::*};
use izmsg::validate::Validator;

/// Builds a QBP^Q11 query (Z34 history, or Z44 evaluated history and forecast).
#[derive(Parser)]
pub struct Args {
    /// Request the complete immunization history (the default).
    #[arg(long, conflicts_with = "z44")]
    z34: bool,
    /// Request the evaluated history and forecast.
    #[arg(long)]
    z44: bool,
    /// Family name.
    #[arg(long)]
    family: Option<String>,
    /// Given name.
    #[arg(long)]
    given: Option<String>,
    /// Middle name.
    #[arg(long)]
    middle: Option<String>,
    /// Birth date, YYYY-MM-DD.
    #[arg(long)]
    dob: Option<NaiveDate>,
    /// Sex: F, M or U.
    #[arg(long)]
    sex: Option<String>,
    /// The EHR's medical record number.
    #[arg(long)]
    mrn: Option<String>,
    /// The registry's ID of the patient, from an earlier answer.
    #[arg(long)]
    registry_id: Option<String>,
    /// Mother's maiden (family) name.
    #[arg(long)]
    mother_maiden: Option<String>,
    /// Home address: street.
    #[arg(long)]
    street: Option<String>,
    /// Home address: city.
    #[arg(long)]
    city: Option<String>,
    /// Home address: state.
    #[arg(long)]
    state: Option<String>,
    /// Home address: ZIP code.
    #[arg(long)]
    zip: Option<String>,
    /// Home phone, ten digits (area code first).
    #[arg(long)]
    phone: Option<String>,
    /// Born this one of a multiple birth (1, 2 ...).
    #[arg(long)]
    birth_order: Option<u32>,
    /// The query's control ID (MSH-10); also its tag.
    #[arg(long, default_value = "Q0001")]
    control_id: String,
    /// The most candidates accepted (RCP-2).
    #[arg(long, default_value_t = 10)]
    limit: u32,
    /// The EHR's application and facility (MSH-3, MSH-4), who issued the MRN.
    #[arg(long, default_value = "MYEHR")]
    sender: String,
    /// The registry (MSH-5, MSH-6), who issued the registry ID.
    #[arg(long, default_value = "MYIIS")]
    registry: String,
    /// Print as sent: CR segment terminators instead of lines.
    #[arg(long)]
    raw: bool,
}

fn patient(a: &Args) -> Patient {
    let mut p = Patient::default();
    p.identifiers
        .extend(a.mrn.iter().map(|id| Identifier::mr(id, a.sender.as_str())));
    p.identifiers.extend(
        a.registry_id
            .iter()
            .map(|id| Identifier::sr(id, a.registry.as_str())),
    );
    if let Some(family) = &a.family {
        let mut name = PersonName::legal(family, a.given.clone().unwrap_or_default());
        name.given = a.given.clone();
        name.middle = a.middle.clone();
        p.names.push(name);
    }
    p.birth = a.dob.map(Timestamp::from);
    p.sex = a.sex.as_deref().and_then(Sex::from_code);
    p.mothers_maiden_name = a.mother_maiden.as_deref().map(PersonName::maiden);
    if a.street.is_some() || a.city.is_some() || a.zip.is_some() {
        p.addresses.push(Address {
            street: a.street.clone(),
            city: a.city.clone(),
            state: a.state.clone(),
            zip: a.zip.clone(),
            address_type: Some(AddressType::Home),
            ..Address::default()
        });
    }
    if let Some(phone) = &a.phone {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        let (area, local) = digits.split_at(digits.len().saturating_sub(7));
        p.telecoms.push(Telecom::home_phone(area, local));
    }
    if let Some(order) = a.birth_order {
        p = p.with_birth_order(order);
    }
    p
}

fn main() -> ExitCode {
    let args = Args::parse();
    let profile = if args.z44 {
        QueryProfile::Z44
    } else {
        QueryProfile::Z34
    };
    // MSH-7: now, in UTC (the library reads no clock).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let sent = DateTime::from_timestamp(i64::try_from(now).unwrap_or_default(), 0)
        .unwrap_or_default()
        .fixed_offset();
    let built = QueryBuilder::new(profile, args.control_id.as_str(), sent, patient(&args))
        .sender(args.sender.as_str(), args.sender.as_str())
        .receiver(args.registry.as_str(), args.registry.as_str())
        .quantity_limit(args.limit)
        .encode();
    let bytes = match built {
        Ok(b) => b,
        Err(e) => {
            eprintln!("query not built: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let written = if args.raw {
        out.write_all(&bytes)
    } else {
        out.write_all(
            &bytes
                .split(|b| *b == b'\r')
                .collect::<Vec<_>>()
                .join(&b"\n"[..]),
        )
    };
    if let Err(e) = written {
        eprintln!("standard output: {e}");
        return ExitCode::from(2);
    }
    // The verdict of the validation layer's `cdc` profile on the query as sent.
    match model::decode(&bytes) {
        Ok(decoded) => eprint!("validation: {}", Validator::cdc().validate(&decoded)),
        Err(e) => eprintln!("validation: the query does not parse: {e}"),
    }
    ExitCode::SUCCESS
}
