//! Building QBP^Q11: the IG's layout field by field, what the builder refuses, and the required
//! parts any encoding of a query needs.

use chrono::{DateTime, NaiveDate};
use izmsg::iis::query::{QueryBuilder, QueryError, QueryProfile, ResponseModality};
use izmsg::model::domain::*;
use izmsg::model::{self, Message, Qbp};

use crate::corpus::{data, shared_file};

fn sent() -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2024-06-01T09:30:00-04:00").unwrap()
}

/// A chart patient with everything QPD can carry.
fn twin() -> Patient {
    Patient::new(
        Identifier::mr("MRN-1", "MYEHR"),
        PersonName::legal("Twin", "Noah").with_middle("James"),
        NaiveDate::from_ymd_opt(2024, 3, 2).unwrap(),
        Sex::Male,
    )
    .with_identifier(Identifier::sr("IIS-101", "TESTIIS"))
    .with_name(PersonName::legal("Twin", "Baby Boy A").with_type(NameType::Birth))
    .with_mothers_maiden_name(PersonName::maiden("Mother").with_given("Ann"))
    .with_address(Address::mailing("PO Box 9", "Portland", "ME", "04101"))
    .with_address(Address::home("12 Elm St", "Portland", "ME", "04101").with_country("USA"))
    .with_telecom(Telecom::email("ann@example.org"))
    .with_telecom(Telecom::cell_phone("207", "5550199"))
    .with_telecom(Telecom::home_phone("207", "5550101"))
    .with_birth_order(1)
}

#[test]
fn a_z44_is_written_as_the_ig_lays_it_out() {
    let bytes = QueryBuilder::new(QueryProfile::Z44, "Q-0044", sent(), twin())
        .query_tag("TAG-0044")
        .sender("MYEHR", "MYCLINIC")
        .receiver("TESTIIS", "TESTIIS")
        .quantity_limit(5)
        .response_modality(ResponseModality::RealTime)
        .encode()
        .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let want = [
        "MSH|^~\\&|MYEHR|MYCLINIC|TESTIIS|TESTIIS|20240601093000-0400||QBP^Q11^QBP_Q11|Q-0044|P|2.5.1|||ER|AL|||||Z44^CDCPHINVS",
        // Both identifiers; the legal name; the mother's maiden name typed M; the birth date; the
        // home address (not the first); the home phone (not the email or the cell); Y and order 1.
        "QPD|Z44^Request Evaluated History and Forecast^CDCPHINVS|TAG-0044|MRN-1^^^MYEHR^MR~IIS-101^^^TESTIIS^SR|Twin^Noah^James^^^^L|Mother^Ann^^^^^M|20240302|M|12 Elm St^^Portland^ME^04101^USA^H|^PRN^PH^^^207^5550101|Y|1",
        "RCP|I|5^RD&records&HL70126|R^Real Time^HL70394",
        "",
    ]
    .join("\r");
    assert_eq!(text, want);

    // It decodes cleanly, as a QBP.
    let decoded = model::decode(text.as_bytes()).unwrap();
    assert!(decoded.issues.is_empty(), "{:?}", decoded.issues);
    assert!(matches!(decoded.message, Message::Qbp(_)));
}

#[test]
fn a_z34_for_the_ig_example_patient() {
    // The IG's example (ig-1.5-messages.md §3), byte for byte.
    let jane = Patient::new(
        Identifier::mr("12345", "MYEHR"),
        PersonName::legal("Doe", "Jane").with_middle("Ann"),
        NaiveDate::from_ymd_opt(2023, 8, 1).unwrap(),
        Sex::Female,
    )
    .with_mothers_maiden_name(PersonName::maiden("Smith").with_given("Mary"))
    .with_address(Address::home("1 Main St", "Augusta", "ME", "04330").with_country("USA"));
    let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
    let qbp = QueryBuilder::new(QueryProfile::Z34, "Q0001", sent, jane)
        .query_tag("TAG0001")
        .sender("MYEHR", "MYCLINIC")
        .receiver("MYIIS", "MYIIS")
        .quantity_limit(5)
        .build()
        .unwrap();
    let text = String::from_utf8(Message::Qbp(Box::new(qbp)).encode()).unwrap();
    assert_eq!(
        text,
        "MSH|^~\\&|MYEHR|MYCLINIC|MYIIS|MYIIS|20240105101530-0500||QBP^Q11^QBP_Q11|Q0001|P|2.5.1|||ER|AL|||||Z34^CDCPHINVS\r\
QPD|Z34^Request Immunization History^CDCPHINVS|TAG0001|12345^^^MYEHR^MR|Doe^Jane^Ann^^^^L|Smith^Mary^^^^^M|20230801|F|1 Main St^^Augusta^ME^04330^USA^H\r\
RCP|I|5^RD&records&HL70126\r"
    );
}

#[test]
fn the_tag_defaults_to_the_control_id_and_the_limit_to_ten() {
    let qbp = QueryBuilder::new(QueryProfile::Z34, "Q-7", sent(), twin())
        .build()
        .unwrap();
    let qpd = qbp.qpd.as_ref().unwrap();
    assert_eq!(qpd.query_tag.as_ref().unwrap().as_str(), "Q-7");
    let rcp = qbp.rcp.as_ref().unwrap();
    assert_eq!(
        rcp.quantity_limited_request
            .as_ref()
            .unwrap()
            .quantity
            .as_str(),
        "10"
    );
    // A birth date with a time is sent at day precision.
    let mut p = twin();
    p.birth = Timestamp::parse("202403020815");
    let qbp = QueryBuilder::new(QueryProfile::Z34, "Q-8", sent(), p)
        .build()
        .unwrap();
    let qpd = qbp.qpd.unwrap();
    assert_eq!(qpd.patient_date_of_birth.unwrap().time.as_str(), "20240302");
}

#[test]
fn what_no_registry_could_answer_is_refused() {
    let build = |b: QueryBuilder| b.build().map(|_| ());
    let nameless = Patient {
        names: vec![PersonName::legal("Doe", "Jane")],
        ..Patient::default()
    };
    assert_eq!(
        build(QueryBuilder::new(QueryProfile::Z44, "Q1", sent(), nameless)),
        Err(QueryError::NotEnoughToMatch)
    );
    assert_eq!(
        build(QueryBuilder::new(QueryProfile::Z44, " ", sent(), twin())),
        Err(QueryError::EmptyControlId)
    );
    assert_eq!(
        build(QueryBuilder::new(QueryProfile::Z44, "Q1", sent(), twin()).quantity_limit(0)),
        Err(QueryError::ZeroQuantityLimit)
    );
    let long = "T".repeat(33);
    let err = build(QueryBuilder::new(QueryProfile::Z44, "Q1", sent(), twin()).query_tag(long))
        .unwrap_err();
    assert_eq!(err, QueryError::QueryTagTooLong { length: 33 });
    // Errors say where and why, never a patient value.
    assert_eq!(
        err.to_string(),
        "QPD-2: the query tag has 33 characters, more than the 32 the IG allows"
    );
    // An identifier alone is enough.
    let id_only = Patient {
        identifiers: vec![Identifier::sr("IIS-5", "TESTIIS")],
        ..Patient::default()
    };
    assert!(
        QueryBuilder::new(QueryProfile::Z34, "Q1", sent(), id_only)
            .build()
            .is_ok()
    );
}

#[test]
fn a_query_without_its_required_parts_is_not_encoded() {
    let empty = Message::Qbp(Box::default());
    assert_eq!(
        empty.try_encode().unwrap_err().missing,
        ["MSH-9", "MSH-10", "QPD", "RCP"]
    );
    assert_eq!(Qbp::default().qpd, None);
    // The corpus query that lost its QPD (IZ Gateway's negative test).
    if let Some(bytes) = shared_file("qbp/008-izgw-mock08-missing-qpd.hl7") {
        let decoded = model::decode(&bytes).unwrap();
        assert_eq!(decoded.message.try_encode().unwrap_err().missing, ["QPD"]);
    }
    // A response needs MSA, QAK and QPD: the ones written for these tests have them.
    let rsp = model::decode(&data("z42-forecast.hl7")).unwrap();
    assert!(rsp.message.try_encode().is_ok());
}

#[test]
fn built_queries_pass_the_cdc_profile() {
    use izmsg::validate::Validator;
    let validator = Validator::cdc().at_date(2024, 6, 1);
    for profile in [QueryProfile::Z34, QueryProfile::Z44] {
        for patient in [
            twin(),
            Patient {
                identifiers: vec![Identifier::sr("IIS-5", "TESTIIS")],
                ..Patient::default()
            },
        ] {
            let message = QueryBuilder::new(profile, "Q-1", sent(), patient)
                .sender("MYEHR", "MYCLINIC")
                .receiver("TESTIIS", "TESTIIS")
                .response_modality(ResponseModality::RealTime)
                .build_message()
                .unwrap();
            let report = validator.validate_message(&message);
            let issues: Vec<String> = report
                .issues
                .iter()
                .map(|i| format!("{} {}: {}", i.rule, i.location.path(), i.message))
                .collect();
            assert!(report.is_sendable(), "{profile}: {issues:#?}");
            // Nothing at all to say, not even a warning: the builder writes what the IG asks.
            assert!(report.issues.is_empty(), "{profile}: {issues:#?}");
            // And the same once encoded and decoded.
            let decoded = model::decode(&message.try_encode().unwrap()).unwrap();
            assert!(validator.validate(&decoded).issues.is_empty(), "{profile}");
        }
    }
}
