//! Builds a VXU from Rust values and prints it: one dose given today (with its VIS and the patient's
//! VFC eligibility) and one dose from the patient's history.
//!
//! ```text
//! cargo run --example build_vxu          # segments on separate lines, for reading
//! cargo run --example build_vxu -- --raw # the message as sent: CR segment terminators
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use chrono::{DateTime, NaiveDate};
use izmsg::model::domain::*;

fn main() {
    let today = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
    let patient = Patient::new(
        Identifier::mr("12345", "MYEHR"),
        PersonName::legal("Doe", "Jane"),
        NaiveDate::from_ymd_opt(2023, 8, 1).unwrap(),
        Sex::Female,
    )
    .with_address(Address::home("1 Main St", "Augusta", "ME", "04330"))
    .with_mothers_maiden_name(PersonName::maiden("Smith"));

    let dtap = Vaccination::administered(
        OrderId::new("IZ-991", "MYEHR"),
        VaccineCode::cvx("20"),
        today,
        Amount::ml(0.5),
        "AB123C",
        Coded::mvx("SKB"),
        Eligibility::new("V02"), // VFC eligible: Medicaid
    )
    .with_route(Coded::route("C28161")) // intramuscular
    .with_site(Coded::site("RT")) // right thigh
    .with_vis(Vis::barcode("253088698300003511070517", today));

    let hep_b = Vaccination::historical(
        OrderId::new("IZ-990", "MYEHR"),
        VaccineCode::cvx("45"), // Hep B, unspecified formulation
        NaiveDate::from_ymd_opt(2023, 8, 2).unwrap(),
        HistoricalSource::ParentWrittenRecord,
    );

    let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
    let message = Vxu::builder("MSG0001", sent, patient)
        .sender("MYEHR", "MYCLINIC")
        .receiver("MYIIS", "MYIIS")
        .vaccination(dtap)
        .vaccination(hep_b)
        .build_message();

    let bytes = message.encode();
    let mut out = std::io::stdout().lock();
    if std::env::args().any(|a| a == "--raw") {
        out.write_all(&bytes).expect("stdout");
    } else {
        for segment in bytes.split(|&b| b == b'\r').filter(|s| !s.is_empty()) {
            out.write_all(segment).expect("stdout");
            out.write_all(b"\n").expect("stdout");
        }
    }
}
