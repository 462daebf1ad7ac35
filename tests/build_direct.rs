//! The builder's two paths write the same bytes: `encode()` (straight from the domain values) and
//! `build()` then `Message::try_encode` (through the typed message), for the 1,000 patients of the
//! builder bench, for the domain values read back from every VXU of the corpus, and for values that
//! stress the writer (text with delimiters, empty repetitions, every kind of dose and observation).
//! The borrowing builder writes what the owned one does, and the bench's 1,000 messages are byte for
//! byte what the builder wrote before it had a direct path (their digest, taken then).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{DateTime, NaiveDate};
use izmsg::er7;
use izmsg::model::domain::*;
use izmsg::model::{self, Message};

mod common;

#[path = "../benches/support/build_inputs.rs"]
mod build_inputs;

/// FNV-1a, 64 bits: a digest that does not change between Rust releases.
fn fnv(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h ^= u64::from(*b);
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The digest of the 1,000 bench messages as the builder wrote them through the typed message
/// (main at e2b2b4c, before the direct path), 963,580 bytes in all.
const BENCH_DIGEST: u64 = 0x4dfc_3668_f689_3c51;

/// The bytes of the typed path: build, then encode the typed message.
fn typed_path(b: VxuBuilderRef<'_>) -> Result<Vec<u8>, BuildError> {
    Ok(b.build_message()?
        .try_encode()
        .expect("a built VXU encodes"))
}

/// Both paths agree (bytes, or the same error); returns the bytes.
fn same_both_ways(b: VxuBuilderRef<'_>, what: &str) -> Result<Vec<u8>, BuildError> {
    let direct = b.encode();
    let typed = typed_path(b);
    match (&direct, &typed) {
        (Ok(d), Ok(t)) => {
            if d != t {
                panic!(
                    "{what}: the direct path wrote\n{}\nthe typed path\n{}",
                    String::from_utf8_lossy(d).replace('\r', "\n"),
                    String::from_utf8_lossy(t).replace('\r', "\n")
                );
            }
        }
        (Err(d), Err(t)) => assert_eq!(d, t, "{what}"),
        _ => panic!("{what}: direct {direct:?}, typed {typed:?}"),
    }
    direct
}

#[test]
fn the_bench_patients_are_written_the_same_both_ways_and_as_before() {
    let inputs = build_inputs::inputs(1000);
    let sent = build_inputs::sent();
    let (ehr, clinic) = (Namespace::local("MYEHR"), Namespace::local("MYCLINIC"));
    let (iis, dhhs) = (Namespace::local("MEIIS"), Namespace::local("MEDHHS"));
    let mut digest = FNV_START;
    let mut total = 0;
    let mut buf = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let owned = build_inputs::builder(input);
        let borrowed = Vxu::builder_ref(&input.id, sent, &input.patient)
            .sender(&ehr, &clinic)
            .receiver(&iis, &dhhs)
            .next_of_kin(std::slice::from_ref(&input.mother))
            .vaccinations(&input.doses);
        let bytes = same_both_ways(borrowed, &format!("bench input {i}")).unwrap();
        assert_eq!(owned.clone().encode().unwrap(), bytes, "bench input {i}");
        // The owned builder's typed message is the borrowing one's.
        assert_eq!(owned.build().unwrap(), borrowed.build().unwrap());
        // Into a reused buffer: the same bytes.
        borrowed.encode_into(&mut buf).unwrap();
        assert_eq!(buf, bytes);
        fnv(&mut digest, &bytes);
        total += bytes.len();
    }
    assert_eq!(total, 963_580);
    assert_eq!(digest, BENCH_DIGEST, "the bench messages changed");
}

#[test]
fn values_read_from_every_corpus_vxu_are_written_the_same_both_ways() {
    let Some(corpus) = common::Corpus::here() else {
        eprintln!("../shared/corpus is not there: skipped");
        return;
    };
    let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
    let (ehr, clinic) = (Namespace::local("EHR"), Namespace::local("CLINIC"));
    let (mut written, mut refused) = (0, 0);
    for (name, bytes) in corpus.kinds(&["vxu", "batch", "odd"]) {
        let Ok(batch) = er7::split(&bytes) else {
            continue;
        };
        for m in batch.messages().flatten() {
            let Message::Vxu(m) = model::decode_parsed(m, &er7::Limits::default()).message else {
                continue;
            };
            let (patient, kin, doses) = (m.patient(), m.next_of_kin(), m.vaccinations());
            let software: Vec<Software> = m.sft.iter().map(Software::from_sft).collect();
            let b = Vxu::builder_ref("M1", sent, &patient)
                .sender(&ehr, &clinic)
                .software(&software)
                .next_of_kin(&kin)
                .vaccinations(&doses);
            match same_both_ways(b, &name) {
                Ok(_) => written += 1,
                Err(_) => refused += 1,
            }
        }
    }
    assert!(written >= 29, "{written} written");
    assert!(refused >= 1, "cartons' NDCs are refused by both paths");
}

/// Text that needs escaping, empty and absent parts, trailing empty repetitions, every kind of
/// vaccination and observation, the responsible organizations and software.
#[test]
fn awkward_values_are_written_the_same_both_ways() {
    let day = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
    let sent = DateTime::parse_from_rfc3339("2024-03-15T10:30:00+05:30").unwrap();
    let patient = Patient::new(
        Identifier::mr("A|B^C", "MY~EHR"),
        PersonName::legal("O'Brien & Sons", "Ann\\Marie").with_suffix("JR"),
        Timestamp::parse("20230801143000.25-0330").unwrap(),
        Sex::Unlisted("X".to_string()),
    )
    .with_identifier(Identifier {
        id: "99".to_string(),
        authority: Some(Namespace::both("SR", "2.16.840.1")),
        id_type: None,
    })
    .with_name(PersonName::default())
    .with_mothers_maiden_name(PersonName::maiden("Smith"))
    .with_race(Coded::race("2106-3"))
    .with_race(Coded::default())
    .with_ethnicity(Coded::new("", "CDCREC"))
    .with_address(Address::default())
    .with_address(Address::home("1 Main St", "Portland", "ME", "04101").with_country("USA"))
    .with_telecom(Telecom::email("a^b@example.org"))
    .with_telecom(Telecom::default())
    .with_birth_order(2)
    .with_death(Timestamp::year(2024))
    .with_registry_status(RegistryStatus::Active, Some(day))
    .with_publicity(Coded::publicity("02"), None)
    .with_protection(false, Some(day));
    let kin = [
        NextOfKin::new(PersonName::legal("Doe", "Mary"), Coded::relationship("MTH"))
            .with_telecom(Telecom::cell_phone("207", "5551234")),
        NextOfKin::default(),
    ];
    let nurse = Provider::npi("1234567890").with_name(PersonName::new("Nurse", "Nancy"));
    let named = Provider::named(PersonName::default().with_given("Only"));
    let administered = Vaccination::administered(
        OrderId::new("IZ-1", Namespace::both("EHR", "1.2.3")),
        VaccineCode::cvx("20").with_alternate(Coded::cpt("90700")),
        day,
        Amount::ml("0.5").unwrap(),
        Lot::new("AB&12"),
        Coded::mvx("SKB"),
        Eligibility::new("V02").per_visit(),
    )
    .with_lot("SECOND")
    .with_expiration(Timestamp::month(2025, 12).unwrap())
    .with_route(Coded::route("C28161"))
    .with_administering_provider(nurse.clone())
    .with_ordering_provider(named)
    .with_entered_by(Provider::with_id(Identifier::new("7", "EHR", "EI")))
    .with_facility(Namespace::both("CLINIC", "2.16.1"))
    .with_funding_source(Coded::funding_source("VXC50"))
    .with_vis(Vis::barcode("253088698300026411150402", day))
    .with_vis(Vis::vaccine_type("107", day, day))
    .with_vis(Vis {
        document: None,
        edition: None,
        presented: None,
    })
    .with_observation(ClinicalObservation::Reaction(Coded::new("39579001", "SCT")))
    .with_observation(ClinicalObservation::Other(OtherObservation {
        code: Coded::with_text("30973-2", "Dose number", "LN"),
        value: ObservationValue::Number("2".to_string()),
        sub_id: " 3 ".to_string(),
        units: Some(Coded::ucum("mL")),
        date: None,
    }))
    .with_observation(ClinicalObservation::Other(OtherObservation {
        code: Coded::new("X", "99LOCAL"),
        value: ObservationValue::Date(Timestamp::parse("202403151200").unwrap()),
        sub_id: "1".to_string(),
        units: None,
        date: Some(Timestamp::from(day)),
    }))
    .with_observation(ClinicalObservation::Other(OtherObservation {
        code: Coded::default(),
        value: ObservationValue::Coded(Coded::new("a^b", "")),
        sub_id: String::new(),
        units: None,
        date: None,
    }));
    let mut historical = Vaccination::historical(
        OrderId {
            id: "H1".to_string(),
            assigner: None,
        },
        VaccineCode::cvx("03"),
        Timestamp::year(2019).unwrap(),
        HistoricalSource::OtherRegistry,
    );
    historical.placer_order_number = Some(OrderId::new("P1", "EHR"));
    historical.completion_status = Some(CompletionStatus::PartiallyAdministered);
    historical.action = Some(ActionCode::Update);
    let refused =
        Vaccination::refused(VaccineCode::cvx("21"), day, RefusalReason::ParentalDecision)
            .with_site(Coded::site("LD"));
    let not_given = Vaccination::not_administered(VaccineCode::cvx("107"), day).with_observation(
        ClinicalObservation::Contraindication(Contraindication {
            reason: Coded::new("VXC23", "CDCPHINVS"),
            effective: Some(day),
            expires: None,
        }),
    );
    let immune = Vaccination::presumed_immunity(day, Coded::new("38907003", "SCT"));
    let doses = [administered, historical, refused, not_given, immune];
    let software = [Software::new(
        Organization::new("Vendor^Co", "V1", "NPI"),
        "4.2",
        "EHR",
        "bin-1",
    )];
    let (ehr, clinic) = (Namespace::local("EHR"), Namespace::oid("2.16.840.1.113883"));
    let test = ProcessingId::Debugging;
    let sending = Organization::new("Sunny Clinic", "1234", Namespace::local("MEIIS"));
    let receiving = Organization::named("Maine CDC");
    let b = Vxu::builder_ref("MSG|1", sent, &patient)
        .sender(&ehr, &clinic)
        .receiver(&clinic, &ehr)
        .processing(&test)
        .sending_organization(&sending)
        .receiving_organization(&receiving)
        .software(&software)
        .next_of_kin(&kin)
        .vaccinations(&doses);
    let bytes = same_both_ways(b, "awkward values").unwrap();
    let text = String::from_utf8(bytes).unwrap();
    // The parts of the writer this exercises are there.
    assert!(text.contains("|A\\F\\B\\S\\C^^^MY\\R\\EHR^MR~99^^^SR&2.16.840.1&ISO|"));
    assert!(
        text.contains("|2106-3^White^CDCREC~|"),
        "trailing empty repetition kept"
    );
    assert!(text.contains("\rOBX|"), "{text}");
    // Every dose, one ORDER each; the refused one with its placeholder ORC-3.
    assert_eq!(text.matches("\rORC|RE|").count(), 5);
    assert!(
        text.contains("\rORC|RE||9999^^2.16.840.1.113883^ISO\r"),
        "{text}"
    );

    // Each input the builder refuses, it refuses on both paths.
    let empty_lot = [doses[0].clone().with_lot(" ")];
    let b = Vxu::builder_ref("M1", sent, &patient).vaccinations(&empty_lot);
    assert!(same_both_ways(b, "empty lot").is_err());
    assert!(same_both_ways(Vxu::builder_ref(" ", sent, &patient), "blank control ID").is_err());
}
