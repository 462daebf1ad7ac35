//! Hostile and sloppy input across every layer that takes outside bytes: no diagnostic quotes patient
//! data, and pathological shapes decode in linear time and memory under the limits.
//!
//! No wall-clock assertions: a quadratic path on these sizes would not finish within CI's time, and
//! the counts asserted show that all the work was done (nothing silently skipped).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Corpus;
use izmsg::er7::{self, Limits};
use izmsg::model::codec::OrEmpty;
use izmsg::model::{self, DecodeIssueKind, Message};

/// Patient data in a message, read from the raw text (not through the code under test): names,
/// identifiers, birth dates and addresses of the patient (PID-3, 5, 6, 7, 11, 13) and next of kin
/// (NK1-2, 4, 5), and the query's copies of them (QPD-3 to 9).
fn patient_values(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for line in text.split(['\r', '\n']) {
        let (fields, wanted): (Vec<&str>, &[usize]) = if let Some(rest) = line.strip_prefix("PID|")
        {
            (rest.split('|').collect(), &[3, 5, 6, 7, 11, 13])
        } else if let Some(rest) = line.strip_prefix("NK1|") {
            (rest.split('|').collect(), &[2, 4, 5])
        } else if let Some(rest) = line.strip_prefix("QPD|") {
            (rest.split('|').collect(), &[3, 4, 5, 6, 8, 9])
        } else {
            continue;
        };
        for &n in wanted {
            let Some(field) = fields.get(n - 1) else {
                continue;
            };
            for part in field.split(['~', '^', '&']) {
                // Short parts (sex, name type, "MR", "USA") are not identifying and occur in plain text.
                let identifying = part.len() >= 5
                    || (part.len() == 4 && !part.chars().all(|c| c.is_ascii_uppercase()));
                if identifying && part != "\"\"" {
                    out.push(part.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn no_diagnostic_quotes_patient_data() {
    let Some(corpus) = Corpus::here() else { return };
    let mut checked = 0;
    let mut phi_total = 0;
    let mut with_issues = 0;
    for (name, bytes) in corpus.files() {
        let phi = patient_values(&bytes);
        phi_total += phi.len();
        let mut texts: Vec<String> = Vec::new();
        match er7::split(&bytes) {
            Ok(batch) => {
                for w in &batch.warnings {
                    texts.push(w.to_string());
                    texts.push(format!("{w:?}"));
                }
                for m in batch.messages() {
                    match m {
                        Ok(m) => {
                            let d = model::decode_parsed(m, &Limits::default());
                            with_issues += usize::from(!d.issues.is_empty());
                            for i in &d.issues {
                                texts.push(i.to_string());
                                texts.push(format!("{i:?}"));
                                texts.push(i.location.to_string());
                            }
                            for w in &d.warnings {
                                texts.push(w.to_string());
                                texts.push(format!("{w:?}"));
                            }
                        }
                        Err(e) => {
                            texts.push(e.to_string());
                            texts.push(format!("{e:?}"));
                        }
                    }
                }
            }
            Err(e) => texts.push(e.to_string()),
        }
        for t in &texts {
            for v in &phi {
                assert!(
                    !t.contains(v.as_str()),
                    "{name}: diagnostic {t:?} quotes patient value {v:?}"
                );
            }
        }
        checked += texts.len();
    }
    // The test looked at real things: many diagnostics, many patient values.
    assert!(checked > 500, "{checked}");
    assert!(phi_total > 800, "{phi_total}");
    assert!(with_issues > 20, "{with_issues}");
}

#[test]
fn an_issue_on_a_patient_field_names_the_field_not_the_value() {
    // A birth date with month 13 and letters in PID-7: the issue says where and what, not the value.
    let input = b"MSH|^~\\&|EHR|CLINIC|IIS|ME|20240101120000-0500||VXU^V04^VXU_V04|1|P|2.5.1\rPID|1||MRN12345^^^EHR^MR||Sanchez^Maria||20091301|F\r";
    let d = model::decode(input).unwrap();
    let issue = d
        .issues
        .iter()
        .find(|i| i.kind == DecodeIssueKind::BadDateTime)
        .unwrap();
    let shown = format!("{issue} {issue:?}");
    assert!(shown.contains("PID-7"), "{shown}");
    for v in ["20091301", "Sanchez", "Maria", "MRN12345"] {
        assert!(!shown.contains(v), "{shown}");
    }
}

fn header() -> String {
    "MSH|^~\\&|EHR|CLINIC|IIS|ME|20240101120000-0500||VXU^V04^VXU_V04|1|P|2.5.1\r".to_string()
}

#[test]
fn ten_megabyte_field_decodes() {
    let name = "A".repeat(10 << 20);
    let input = format!("{}PID|1||X^^^EHR^MR||{name}^Jane\r", header());
    let d = model::decode(input.as_bytes()).unwrap();
    let Message::Vxu(v) = &d.message else {
        panic!()
    };
    let pid = v.pid.as_ref().unwrap();
    assert_eq!(
        pid.patient_name[0].family_name.or_empty().surname.len(),
        10 << 20
    );
    assert!(d.message.encode() == input.as_bytes());
}

#[test]
fn hundred_thousand_segments_decode() {
    let mut input = header();
    input.push_str(
        "PID|1||X^^^EHR^MR||Doe^Jane\rORC|RE||1\rRXA|0|1|20240101||208^COVID^CVX|0.3|mL^^UCUM\r",
    );
    for i in 0..100_000 {
        input.push_str(&format!("OBX|{i}|NM|30973-2^Dose number^LN|1|{i}||||||F\r"));
    }
    let limits = Limits {
        max_segments: 200_000,
        ..Limits::default()
    };
    let d = model::decode_with(input.as_bytes(), &limits).unwrap();
    let Message::Vxu(v) = &d.message else {
        panic!()
    };
    assert_eq!(v.orders[0].observations.len(), 100_000);
    assert!(
        d.message.encode() == input.as_bytes(),
        "not re-encoded byte for byte"
    );
    // Over the default segment limit, a clear error naming it.
    let err = model::decode_with(
        input.as_bytes(),
        &Limits {
            max_segments: 50_000,
            ..Limits::default()
        },
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            er7::Error::Limit {
                limit: er7::LimitKind::Segments,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn hundred_thousand_repetitions_are_bounded_by_the_limit() {
    let reps: Vec<String> = (0..100_000).map(|i| format!("ID{i}^^^EHR^MR")).collect();
    let input = format!("{}PID|1||{}||Doe^Jane\r", header(), reps.join("~"));
    // Default limit: 10,000 kept, the rest reported, not a crash.
    let d = model::decode(input.as_bytes()).unwrap();
    let Message::Vxu(v) = &d.message else {
        panic!()
    };
    assert_eq!(
        v.pid.as_ref().unwrap().patient_identifier_list.len(),
        Limits::default().max_repetitions
    );
    assert!(
        d.issues
            .iter()
            .any(|i| i.kind == DecodeIssueKind::TooManyRepetitions
                && i.location.path() == "PID-3[10001]")
    );
    // A caller who expects more raises the limits (repetitions, and the memory a decode may hold:
    // a CX repetition is some 50 times its wire size) and gets them all.
    let limits = Limits {
        max_repetitions: 200_000,
        max_decoded_ratio: 128,
        ..Limits::default()
    };
    let d = model::decode_with(input.as_bytes(), &limits).unwrap();
    let Message::Vxu(v) = &d.message else {
        panic!()
    };
    assert_eq!(
        v.pid.as_ref().unwrap().patient_identifier_list.len(),
        100_000
    );
    assert!(
        d.message.encode() == input.as_bytes(),
        "not re-encoded byte for byte"
    );
}

#[test]
fn ten_thousand_escapes_decode() {
    let value = "\\F\\\\S\\\\T\\\\R\\\\E\\".repeat(2_000);
    let input = format!("{}PID|1||X^^^EHR^MR||{value}^Jane\r", header());
    let d = model::decode(input.as_bytes()).unwrap();
    let Message::Vxu(v) = &d.message else {
        panic!()
    };
    let family = &v.pid.as_ref().unwrap().patient_name[0]
        .family_name
        .or_empty()
        .surname;
    assert!(family.as_str() == "|^&~\\".repeat(2_000));
    assert!(
        d.message.encode() == input.as_bytes(),
        "not re-encoded byte for byte"
    );
}

#[test]
fn deep_and_wide_component_nesting_is_kept() {
    // 50,000 extra components in one CE field: kept, reported, re-encoded as they came.
    let comps = "^x".repeat(50_000);
    let input = format!(
        "{}PID|1||X^^^EHR^MR||Doe^Jane|||||||||||||||||2186-5^Not Hispanic^CDCREC{comps}\r",
        header()
    );
    let d = model::decode(input.as_bytes()).unwrap();
    // Reported once per component, counted past the first few in the field (not 50,000 issues).
    let extra: Vec<_> = d
        .issues
        .iter()
        .filter(|i| i.kind == DecodeIssueKind::ExtraComponent)
        .collect();
    assert!(extra.len() <= 8, "{}", extra.len());
    assert!(extra.iter().map(|i| 1 + i.more as usize).sum::<usize>() > 49_000);
    assert!(
        d.message.encode() == input.as_bytes(),
        "extra components not re-encoded as they came"
    );
    // 50,000 subcomponents inside a primitive component: reported once, kept as text, semantically stable.
    let subs = "&y".repeat(50_000);
    let input = format!(
        "{}PID|1||X^^^EHR^MR||Doe^Jane|||||||||||||||||2186-5{subs}^Not Hispanic^CDCREC\r",
        header()
    );
    let d = model::decode(input.as_bytes()).unwrap();
    assert_eq!(
        d.issues
            .iter()
            .filter(|i| i.kind == DecodeIssueKind::UnexpectedStructure)
            .count(),
        1
    );
    let again = model::decode(&d.message.encode()).unwrap();
    assert!(
        again.message == d.message,
        "typed value changed through encode/decode"
    );
}

#[test]
fn garbage_between_and_inside_segments_is_an_error_or_kept() {
    // Arbitrary binary after the header is either a located error or kept as content; never a panic.
    for junk in [
        &b"\x00\x01\x02"[..],
        b"\xff\xfe",
        b"PID",
        b"||||",
        b"\x0b\x1c\r",
        b"Z",
    ] {
        let mut input = header().into_bytes();
        input.extend_from_slice(junk);
        input.push(b'\r');
        match model::decode(&input) {
            Ok(d) => {
                let again = model::decode(&d.message.encode()).unwrap();
                assert_eq!(again.message, d.message);
            }
            Err(e) => assert!(e.offset().is_some(), "{e}"),
        }
    }
}
