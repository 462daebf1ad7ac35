//! `iis::ack` on any bytes: reading them as an acknowledgement (and as a query response) never
//! panics; the summary renders; paired with a fixed VXU the per-dose reading holds one state per
//! dose; and an ACK built from the bytes' own decoded message and an issue per ERR row read back
//! reads back to the same issues.
#![no_main]

use izmsg::iis::ack::{AckBuilder, AckPolicy, Acknowledgement, Submission, Summary};
use izmsg::model::{self, Message};
use izmsg::validate::Report;
use libfuzzer_sys::fuzz_target;

const VXU: &[u8] = b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315||VXU^V04^VXU_V04|MSG1|P|2.5.1\r\
PID|1||PAT-1^^^EHR^MR||Doe^Jane||20230110|F\r\
NK1|1|Doe^John|FTH^Father^HL70063\r\
ORC|RE||IZ-1^EHR\rRXA|0|1|20240315||20^DTaP^CVX|0.5|mL^^UCUM||00^^NIP001\rRXR|C28161^^NCIT\r\
ORC|RE||IZ-2^EHR\rRXA|0|1|20240315||08^HepB^CVX|0.5|mL^^UCUM||00^^NIP001\r\
OBX|1|CE|64994-7^^LN|1|V02^^HL70064||||||F\r";

fuzz_target!(|data: &[u8]| {
    let policy = AckPolicy::default();
    let read = Acknowledgement::from_bytes(data, &policy);
    let _ = Summary::of(&read).to_string();
    let Ok(decoded) = model::decode(data) else {
        return;
    };
    let _ = Acknowledgement::of_response_message(&decoded.message, &policy);
    let sent = model::decode(VXU).expect("the fixed VXU decodes");
    let s = Submission::new(&sent, &decoded);
    assert_eq!(s.doses.len(), 2);
    for d in &s.doses {
        let _ = d.state.to_string();
    }
    // The registry's rows as a report, answered and read back: the same rows.
    let mut report = Report::new("fuzz");
    for i in &read.issues {
        report.push(i.clone());
    }
    let at = chrono::DateTime::parse_from_rfc3339("2024-03-15T12:00:00-05:00").expect("a time");
    let ack = AckBuilder::new("A1", at).build(&decoded.message, &report);
    let back = Acknowledgement::of_message(&Message::Ack(Box::new(ack)), &policy);
    assert_eq!(back.issues.len(), read.issues.len());
    let mut expected: Vec<_> = read.issues.iter().collect();
    expected.sort_by_key(|i| std::cmp::Reverse(i.severity));
    for (a, b) in back.issues.iter().zip(expected) {
        assert_eq!(a.severity, b.severity);
        assert_eq!(a.location, b.location);
        assert_eq!(a.hl7_code, b.hl7_code);
    }
});
