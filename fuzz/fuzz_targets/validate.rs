//! `validate` on any decoded message, with the CDC profile and every message profile forced: no
//! panic; every issue's location is in the message's shape (a segment id of three characters, or
//! none); the report is the same when run twice (no hidden state); the issues of a sendable report
//! hold no error; and an issue turned into an ERR segment keeps its location.
#![no_main]

use izmsg::model;
use izmsg::validate::{MessageProfile, Profile, Severity, Validator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = model::decode(data) else {
        return;
    };
    let cdc = Validator::cdc().at_date(2024, 6, 1);
    let report = cdc.validate(&decoded);
    assert_eq!(report, cdc.validate(&decoded), "validation is deterministic");
    assert_eq!(report.is_sendable(), report.count(Severity::Error) == 0);
    for issue in &report.issues {
        assert!(issue.location.segment.is_empty() || issue.location.segment.len() == 3);
        let _ = issue.to_string();
    }
    if let Some(first) = report.issues.first() {
        let err = first.to_err();
        let erl = err.error_location.as_ref().map(|l| l.segment_id.as_str().to_string());
        assert_eq!(erl.unwrap_or_default(), first.location.segment);
    }
    // A profile forced on a message of another type must not panic either.
    let forced = MessageProfile::ALL[data.len() % MessageProfile::ALL.len()];
    let _ = Validator::new(Profile::cdc_for(forced)).at_date(2024, 6, 1).validate(&decoded);
});
