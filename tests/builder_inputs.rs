//! Inputs that cannot be wrong: what the VXU builder and the domain values refuse, and the
//! choices they make for the caller (exact amounts, required texts, MSH-22/MSH-23 and SFT, the VIS
//! in force on the day, units of use, lots with their expiration), plus the checked encode and the
//! `Display` of the values people print.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[allow(dead_code)]
#[path = "../examples/build_vxu.rs"]
mod build_vxu;

// The re-exported chrono is the one the crate's dates use: no dependency of the caller's own.
use izmsg::chrono::{DateTime, FixedOffset, NaiveDate};
use izmsg::model::domain::*;
use izmsg::model::types::Precision;
use izmsg::model::{self, Message, Qbp};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn sent() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap()
}

fn patient(family: &str) -> Patient {
    Patient::new(
        Identifier::mr("12345", "MYEHR"),
        PersonName::legal(family, "Jane"),
        day(2023, 8, 1),
        Sex::Female,
    )
}

fn dose(amount: Amount, lot: &str) -> Vaccination {
    Vaccination::administered(
        OrderId::new("IZ-1", "MYEHR"),
        VaccineCode::cvx("20"),
        day(2024, 1, 5),
        amount,
        lot,
        Coded::mvx("SKB"),
        Eligibility::new("V02"),
    )
}

fn text_of(builder: VxuBuilder) -> String {
    String::from_utf8(builder.encode().unwrap()).unwrap()
}

#[test]
fn amounts_are_exact_decimals() {
    let text = text_of(
        Vxu::builder("M1", sent(), patient("Doe"))
            .vaccination(dose(Amount::ml("0.3").unwrap(), "L1")),
    );
    assert!(text.contains("|20^DTaP^CVX|0.3|mL^"), "{text}");
    // What reads back is the same exact number.
    let decoded = model::decode(text.as_bytes()).unwrap();
    let Message::Vxu(vxu) = decoded.message else {
        panic!()
    };
    assert_eq!(
        vxu.vaccinations()[0].amount.as_ref().unwrap().value,
        "0.30".parse::<Decimal>().unwrap()
    );
}

#[test]
fn impossible_amounts_are_refused() {
    assert!(matches!(Amount::ml("NaN"), Err(AmountError::Decimal(_))));
    assert!(matches!(Amount::ml("inf"), Err(AmountError::Decimal(_))));
    assert_eq!(
        Amount::ml("-0.5"),
        Err(AmountError::Decimal(DecimalError::Negative))
    );
    assert!(matches!(Amount::ml("1e21"), Err(AmountError::Decimal(_))));
    assert_eq!(
        Amount::ml("1000000000000000000000"),
        Err(AmountError::Decimal(DecimalError::TooManyDigits))
    );
    assert_eq!(Amount::ml("0"), Err(AmountError::NotPositive));
    assert_eq!(Amount::ml("999"), Err(AmountError::TooLarge));
    assert_eq!(Amount::ml("2500"), Err(AmountError::TooLarge));
    // An amount put together by hand is checked at build().
    let absurd = Amount {
        value: Decimal::from(1000),
        units: None,
    };
    let err = Vxu::builder("M1", sent(), patient("Doe"))
        .vaccination(dose(absurd, "L1"))
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        BuildError::Amount {
            input: Input::Amount { vaccination: 1 },
            error: AmountError::TooLarge
        }
    );
}

#[test]
fn required_texts_are_checked_at_build_and_named() {
    let ok = || dose(Amount::ml("0.5").unwrap(), "L1");
    let refused = |b: VxuBuilder| b.build().unwrap_err();
    assert_eq!(
        refused(Vxu::builder("", sent(), patient("Doe"))),
        BuildError::Empty {
            input: Input::ControlId
        }
    );
    assert_eq!(
        refused(Vxu::builder("  ", sent(), patient("Doe"))),
        BuildError::Empty {
            input: Input::ControlId
        }
    );
    assert_eq!(
        refused(Vxu::builder("M1", sent(), patient(""))),
        BuildError::Empty {
            input: Input::PatientFamilyName
        }
    );
    let err = refused(
        Vxu::builder("M1", sent(), patient("Doe"))
            .vaccination(ok())
            .vaccination(dose(Amount::ml("0.5").unwrap(), "")),
    );
    assert_eq!(
        err,
        BuildError::Empty {
            input: Input::LotNumber { vaccination: 2 }
        }
    );
    assert_eq!(
        err.to_string(),
        "a lot number of vaccination 2 (RXA-15) is empty"
    );
    // The message says which input, never a value (the family name here is patient data).
    let err = refused(Vxu::builder("", sent(), patient("Sensitivename")));
    assert!(
        !err.to_string().contains("Sensitivename") && !format!("{err:?}").contains("Sensitivename")
    );
}

#[test]
fn msh_22_msh_23_and_sft_can_be_set() {
    let text = text_of(
        Vxu::builder("M1", sent(), patient("Doe"))
            .sending_organization(Organization::new(
                "Sunny Clinic",
                "1234",
                Namespace::both("MEIIS", "2.16.840.1.113883.3.9999"),
            ))
            .receiving_organization(Organization::new("Maine CDC", "ME", "MEIIS"))
            .software(Software::new(
                Organization::named("Vendor Inc"),
                "2.1",
                "ClinicEHR",
                "2.1.0-b5",
            )),
    );
    let decoded = model::decode(text.as_bytes()).unwrap();
    assert!(decoded.issues.is_empty(), "{:?}", decoded.issues);
    let Message::Vxu(vxu) = decoded.message else {
        panic!()
    };
    let sending =
        Organization::from_xon(vxu.msh.sending_responsible_organization.as_ref().unwrap()).unwrap();
    assert_eq!(
        sending,
        Organization::new(
            "Sunny Clinic",
            "1234",
            Namespace::both("MEIIS", "2.16.840.1.113883.3.9999")
        )
    );
    let receiving =
        Organization::from_xon(vxu.msh.receiving_responsible_organization.as_ref().unwrap())
            .unwrap();
    assert_eq!(receiving.id.as_deref(), Some("ME"));
    assert_eq!(
        Software::from_sft(&vxu.sft[0]),
        Software::new(
            Organization::named("Vendor Inc"),
            "2.1",
            "ClinicEHR",
            "2.1.0-b5"
        )
    );
    // SFT-2 to SFT-4 are required.
    let err = Vxu::builder("M1", sent(), patient("Doe"))
        .software(Software::new(
            Organization::named("Vendor Inc"),
            "2.1",
            "",
            "b5",
        ))
        .build()
        .unwrap_err();
    assert_eq!(err.input(), Some(Input::SoftwareProduct));
}

fn barcodes(vis: &[Vis]) -> Vec<(String, NaiveDate)> {
    vis.iter()
        .map(|v| {
            let Some(VisDocumentId::Barcode(c)) = &v.document else {
                panic!()
            };
            let doc = izmsg::codes::vis_document(&c.code).unwrap();
            (doc.document_name.to_string(), doc.edition_date)
        })
        .collect()
}

#[test]
fn the_vis_is_the_edition_in_force_on_the_day_it_was_presented() {
    let in_2020 = barcodes(&Vis::current_for_cvx(
        "110",
        day(2020, 1, 1),
        VisChoice::PerVaccine,
    ));
    assert_eq!(in_2020.len(), 3);
    assert!(
        in_2020
            .iter()
            .all(|(_, edition)| *edition <= day(2020, 1, 1)),
        "{in_2020:?}"
    );
    assert_eq!(in_2020[0].1, day(2018, 8, 24), "DTaP VIS of 2018");
    let in_2024 = barcodes(&Vis::current_for_cvx(
        "110",
        day(2024, 1, 5),
        VisChoice::PerVaccine,
    ));
    assert_eq!(in_2024[0].1, day(2021, 8, 6), "DTaP VIS of 2021");
    // Before the first VIS of a vaccine: none.
    assert!(Vis::current_for_cvx("20", day(1990, 1, 1), VisChoice::PerVaccine).is_empty());
    // Every VIS given carries the day it was presented.
    assert!(
        Vis::current_for_cvx("110", day(2024, 1, 5), VisChoice::PerVaccine)
            .iter()
            .all(|v| v.presented == Some(day(2024, 1, 5)))
    );
}

#[test]
fn a_combination_vaccine_gets_the_multi_vaccine_vis_or_its_components() {
    let multi = barcodes(&Vis::current_for_cvx(
        "110",
        day(2024, 1, 5),
        VisChoice::MultiVaccine,
    ));
    assert_eq!(
        multi,
        [("Multi Pediatric Vaccines VIS".to_string(), day(2023, 7, 24))]
    );
    let per: Vec<String> = barcodes(&Vis::current_for_cvx(
        "110",
        day(2024, 1, 5),
        VisChoice::PerVaccine,
    ))
    .into_iter()
    .map(|(name, _)| name)
    .collect();
    assert_eq!(
        per,
        [
            "DTaP (Diphtheria, Tetanus, Pertussis) Vaccine VIS",
            "Hepatitis B Vaccine VIS",
            "Polio Vaccine VIS"
        ]
    );
    // A vaccine the multi-vaccine VIS does not cover gets its own VIS whatever the choice.
    assert_eq!(
        barcodes(&Vis::current_for_cvx(
            "03",
            day(2024, 1, 5),
            VisChoice::MultiVaccine
        )),
        barcodes(&Vis::current_for_cvx(
            "03",
            day(2024, 1, 5),
            VisChoice::PerVaccine
        )),
    );
}

#[test]
fn the_build_vxu_example_teaches_the_vis_in_force() {
    let text = String::from_utf8(build_vxu::build().unwrap()).unwrap();
    assert!(
        text.contains(
            "|253088698300003511210806^DTaP (Diphtheria, Tetanus, Pertussis) Vaccine VIS^cdcgs1vis|"
        ),
        "{text}"
    );
    assert!(
        !text.contains("253088698300003511070517"),
        "not the 2007 edition"
    );
    assert!(
        text.contains("|Z22^CDCPHINVS|My Clinic^^^^^MYIIS^XX^^^1234\r"),
        "MSH-22"
    );
    assert!(text.contains("\rSFT|"), "SFT");
}

#[test]
fn a_unit_of_sale_ndc_becomes_its_unit_of_use_or_is_refused_naming_it() {
    // Fluzone Quadrivalent: carton 49281-0421-50 holds syringes 49281-0421-88.
    let vaccine = VaccineCode::ndc("49281-0421-50").unwrap();
    assert_eq!(vaccine.primary.code, "49281-0421-88");
    assert_eq!(
        VaccineCode::ndc("49281-0421-88").unwrap().primary.code,
        "49281-0421-88"
    );
    // A carton with two different vials names both.
    assert_eq!(
        VaccineCode::ndc("58160-0955-09").unwrap_err(),
        VaccineNdcError::UnitOfSale {
            sale: "58160-0955-09".into(),
            units_of_use: vec!["58160-0958-01".into(), "58160-0959-01".into()],
        }
    );
    assert!(matches!(
        VaccineCode::ndc("4928X"),
        Err(VaccineNdcError::Invalid(_))
    ));
    // A carton's NDC put in by hand is refused at build(), naming the unit of use.
    let carton = Vaccination::historical(
        OrderId::new("IZ-2", "MYEHR"),
        Coded::ndc("49281-0421-50").into(),
        day(2023, 10, 1),
        HistoricalSource::Unspecified,
    );
    let err = Vxu::builder("M1", sent(), patient("Doe"))
        .vaccination(carton)
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        BuildError::Vaccine {
            input: Input::Vaccine { vaccination: 1 },
            error: VaccineNdcError::UnitOfSale {
                sale: "49281-0421-50".into(),
                units_of_use: vec!["49281-0421-88".into()]
            },
        }
    );
    assert!(err.to_string().contains("49281-0421-88"));
}

#[test]
fn lots_and_their_expiration_come_from_one_field() {
    let lot = Lot::parse("AB123C 12/31/2025").unwrap();
    assert_eq!(lot, Lot::new("AB123C").expiring(day(2025, 12, 31)));
    let lot = Lot::parse("U7012AA 06/2026").unwrap();
    assert_eq!(
        (lot.number.as_str(), lot.expiration.unwrap().to_hl7()),
        ("U7012AA", "202606".to_string())
    );
    assert_eq!(lot.expiration.unwrap().precision, Precision::Month);
    assert_eq!(Lot::parse("AB123C 02/30/2025"), Err(LotError::Expiration));
    assert_eq!(Lot::parse("12/31/2025"), Err(LotError::MissingNumber));
    // Given to a dose, the lot fills RXA-15 and RXA-16.
    let v = dose(Amount::ml("0.5").unwrap(), "unused").with_lot(Lot::parse("X9 06/2026").unwrap());
    let mut v2 = Vaccination::administered(
        OrderId::new("IZ-1", "MYEHR"),
        VaccineCode::cvx("20"),
        day(2024, 1, 5),
        Amount::ml("0.5").unwrap(),
        Lot::parse("AB123C 12/31/2025").unwrap(),
        Coded::mvx("SKB"),
        Eligibility::new("V02"),
    );
    assert_eq!(v2.lots, ["AB123C"]);
    assert_eq!(v2.expiration.unwrap().to_hl7(), "20251231");
    v2 = v2.with_lot("second");
    assert_eq!(v2.lots, ["AB123C", "second"]);
    assert_eq!(v.expiration.unwrap().to_hl7(), "202606");
    let text = text_of(Vxu::builder("M1", sent(), patient("Doe")).vaccination(
        dose(Amount::ml("0.5").unwrap(), "unused").with_expiration(day(2025, 12, 31)),
    ));
    assert!(text.contains("|unused|20251231|SKB^"), "{text}");
}

#[test]
fn checked_encode_refuses_what_a_receiver_could_not_read() {
    let empty = Message::Qbp(Box::default());
    assert_eq!(
        empty.encode(),
        b"MSH|^~\\&\r",
        "encode writes what there is"
    );
    assert_eq!(
        empty.try_encode().unwrap_err().missing,
        ["MSH-9", "MSH-10", "QPD", "RCP"]
    );
    let msh = match model::decode(b"MSH|^~\\&|A|B|C|D|20240101||QBP^Q11^QBP_Q11|Q1|P|2.5.1\r")
        .unwrap()
        .message
    {
        Message::Qbp(q) => q.msh,
        _ => panic!(),
    };
    let qbp = Qbp {
        msh,
        ..Qbp::default()
    };
    assert_eq!(
        Message::Qbp(Box::new(qbp))
            .try_encode()
            .unwrap_err()
            .missing,
        ["QPD", "RCP"]
    );
    // What the builders write passes.
    let built = Vxu::builder("M1", sent(), patient("Doe"))
        .build_message()
        .unwrap();
    assert_eq!(built.try_encode().unwrap(), built.encode());
}

#[test]
fn the_values_people_print_display_readably() {
    assert_eq!(
        Timestamp::parse("20240315").unwrap().to_string(),
        "2024-03-15"
    );
    assert_eq!(
        Timestamp::parse("202403151430-0500").unwrap().to_string(),
        "2024-03-15T14:30-05:00"
    );
    assert_eq!(Timestamp::parse("202403").unwrap().to_string(), "2024-03");
    assert_eq!(
        PersonName::legal("Doe", "Jane")
            .with_middle("Ann")
            .with_suffix("Jr")
            .to_string(),
        "Jane Ann Doe Jr"
    );
    assert_eq!(
        Coded::cvx("08").to_string(),
        "08 Hep B, adolescent or pediatric (CVX)"
    );
    assert_eq!(VaccineCode::cvx("20").to_string(), "20 DTaP (CVX)");
    assert_eq!(Amount::ml("0.5").unwrap().to_string(), "0.5 mL");
    assert_eq!(
        Identifier::mr("12345", "MYEHR").to_string(),
        "12345 (MR, MYEHR)"
    );
    assert_eq!(OrderId::new("IZ-1", "MYEHR").to_string(), "IZ-1 (MYEHR)");
    assert_eq!(
        Lot::parse("AB1 12/31/2025").unwrap().to_string(),
        "AB1 (expires 2025-12-31)"
    );
    assert_eq!("1.50".parse::<Decimal>().unwrap().to_string(), "1.5");
}
