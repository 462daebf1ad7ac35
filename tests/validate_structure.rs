//! The structure rules (`IG-...`): a clean VXU has no structural issue; breaking exactly one datum
//! fires exactly the expected rule at the expected ERR-2 location and vaccination.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use izmsg::model;
use izmsg::validate::{Family, Issue, Report, Severity, Validator};

const CLEAN: &str = include_str!("data/validate/clean-vxu.hl7");

fn report(text: &str) -> Report {
    let decoded = model::decode(text.as_bytes()).expect("the message parses");
    Validator::cdc().at_date(2024, 3, 16).validate(&decoded)
}

fn structural(r: &Report) -> Vec<&Issue> {
    r.issues
        .iter()
        .filter(|i| izmsg::validate::rule(&i.rule).is_some_and(|r| r.family == Family::Structure))
        .collect()
}

/// Sets field `field` of the `occurrence`th segment `id` (MSH counts MSH-1 as the separator).
fn set(text: &str, id: &str, occurrence: usize, field: usize, value: &str) -> String {
    let mut seen = 0;
    text.split('\r')
        .map(|seg| {
            if seg.starts_with(id) && seg.get(3..4) == Some("|") {
                seen += 1;
                if seen == occurrence {
                    let mut fields: Vec<String> = seg.split('|').map(str::to_string).collect();
                    let index = if id == "MSH" { field - 1 } else { field };
                    if fields.len() <= index {
                        fields.resize(index + 1, String::new());
                    }
                    fields[index] = value.to_string();
                    return fields.join("|");
                }
            }
            seg.to_string()
        })
        .collect::<Vec<_>>()
        .join("\r")
}

fn remove(text: &str, id: &str) -> String {
    text.split('\r')
        .filter(|s| !s.starts_with(id))
        .collect::<Vec<_>>()
        .join("\r")
}

#[test]
fn the_clean_message_has_no_structural_issue() {
    let r = report(CLEAN);
    let found: Vec<String> = structural(&r)
        .iter()
        .map(|i| format!("{} {}", i.rule, i.erl()))
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

/// One mutation: what is broken, the rule expected, its ERL, severity and vaccination.
struct Case {
    what: &'static str,
    text: String,
    rule: &'static str,
    erl: &'static str,
    severity: Severity,
    vaccination: Option<usize>,
}

fn case(
    what: &'static str,
    text: String,
    rule: &'static str,
    erl: &'static str,
    severity: Severity,
    vaccination: Option<usize>,
) -> Case {
    Case {
        what,
        text,
        rule,
        erl,
        severity,
        vaccination,
    }
}

#[test]
fn each_broken_datum_fires_its_rule_at_its_place() {
    use Severity::{Error as E, Information as I, Warning as W};
    let c = CLEAN;
    let cases = vec![
        case(
            "family and given name removed",
            set(c, "PID", 1, 5, ""),
            "IG-REQUIRED",
            "PID^1^5^1",
            E,
            None,
        ),
        case(
            "lot number of the administered dose removed",
            set(c, "RXA", 1, 15, ""),
            "IG-REQUIRED",
            "RXA^1^15^1",
            E,
            Some(1),
        ),
        case(
            "manufacturer of the administered dose removed",
            set(c, "RXA", 1, 17, ""),
            "IG-REQUIRED",
            "RXA^1^17^1",
            E,
            Some(1),
        ),
        case(
            "information source removed (RXA-20 CP)",
            set(c, "RXA", 2, 9, ""),
            "IG-REQUIRED",
            "RXA^2^9^1",
            E,
            Some(2),
        ),
        case(
            "units sent with amount 999",
            set(c, "RXA", 2, 7, "mL^milliliters^UCUM"),
            "IG-NOT-SUPPORTED",
            "RXA^2^7^1",
            W,
            Some(2),
        ),
        case(
            "refusal reason on a completed dose",
            set(c, "RXA", 1, 18, "00^Parental decision^NIP002"),
            "IG-NOT-SUPPORTED",
            "RXA^1^18^1",
            W,
            Some(1),
        ),
        case(
            "code without coding system",
            set(c, "RXR", 1, 1, "C28161^Intramuscular"),
            "IG-REQUIRED",
            "RXR^1^1^1^3",
            E,
            Some(1),
        ),
        case(
            "ordering provider ID without its type",
            set(c, "ORC", 1, 12, "1164407656^Ashgrove^Wendell"),
            "IG-REQUIRED-COMPONENT",
            "ORC^1^12^1^9",
            W,
            Some(1),
        ),
        case(
            "multiple-birth indicator not in HL7 0136",
            set(c, "PID", 1, 24, "Q"),
            "IG-VALUE-SET",
            "PID^1^24^1",
            W,
            None,
        ),
        case(
            "lot number over 20 characters",
            set(c, "RXA", 1, 15, "U7821AAU7821AAU7821AA"),
            "IG-LENGTH",
            "RXA^1^15^1",
            W,
            Some(1),
        ),
        case(
            "administration date not a date",
            set(c, "RXA", 1, 3, "2024-03-15"),
            "IG-DATA-TYPE",
            "RXA^1^3^1^1",
            E,
            Some(1),
        ),
        case(
            "birth order not a number",
            set(c, "PID", 1, 25, "first"),
            "IG-DATA-TYPE-OPTIONAL",
            "PID^1^25^1",
            W,
            None,
        ),
        case(
            "sex repeated",
            set(c, "PID", 1, 8, "F~M"),
            "IG-CARDINALITY",
            "PID^1^8^2",
            W,
            None,
        ),
        case(
            "ORC of the first dose removed",
            {
                let mut first = true;
                c.split('\r')
                    .filter(|s| !(s.starts_with("ORC") && std::mem::replace(&mut first, false)))
                    .collect::<Vec<_>>()
                    .join("\r")
            },
            "IG-SEGMENT-MISSING",
            "ORC^1",
            E,
            Some(1),
        ),
        case(
            "a segment the VXU does not have",
            c.replace("RXR|", "QAK|1|OK\rRXR|"),
            "IG-SEGMENT-UNEXPECTED",
            "QAK^1",
            W,
            Some(1),
        ),
        case(
            "a second PID",
            c.replace("PD1|", "PID|1||X^^^Y^MR||A^B||20200101|F\rPD1|"),
            "IG-SEGMENT-ORDER",
            "PID^2",
            E,
            None,
        ),
        case(
            "an escape sequence no reader knows",
            set(c, "RXA", 1, 15, "U78\\Q\\21"),
            "IG-ESCAPE",
            "RXA^1^15^1",
            W,
            Some(1),
        ),
        case(
            "a field past the last one RXR defines",
            set(c, "RXR", 1, 9, "X"),
            "IG-EXTRA-CONTENT",
            "RXR^1^9^1",
            I,
            Some(1),
        ),
        case(
            "no PID at all",
            remove(c, "PID"),
            "IG-SEGMENT-MISSING",
            "PID^1",
            E,
            None,
        ),
    ];
    let mut failures = Vec::new();
    let clean: Vec<String> = structural(&report(c))
        .iter()
        .map(|i| format!("{} {}", i.rule, i.erl()))
        .collect();
    assert!(clean.is_empty());
    for k in &cases {
        let r = report(&k.text);
        let found: Vec<&Issue> = structural(&r);
        let hit = found.iter().find(|i| i.rule == k.rule && i.erl() == k.erl);
        match hit {
            None => failures.push(format!(
                "{}: expected {} at {}, found {:?}",
                k.what,
                k.rule,
                k.erl,
                found
                    .iter()
                    .map(|i| format!("{} {}", i.rule, i.erl()))
                    .collect::<Vec<_>>()
            )),
            Some(i) => {
                if i.severity != k.severity || i.vaccination != k.vaccination {
                    failures.push(format!(
                        "{}: {} at {} has severity {} and vaccination {:?}, expected {} and {:?}",
                        k.what, k.rule, k.erl, i.severity, i.vaccination, k.severity, k.vaccination
                    ));
                }
                // Exactly that rule: nothing else structural at error level, apart from what the
                // missing segment itself implies.
                let others: Vec<String> = found
                    .iter()
                    .filter(|o| {
                        o.severity == Severity::Error && !(o.rule == k.rule && o.erl() == k.erl)
                    })
                    .map(|o| format!("{} {}", o.rule, o.erl()))
                    .collect();
                if !others.is_empty() && k.rule != "IG-SEGMENT-MISSING" && k.rule != "IG-DATA-TYPE"
                {
                    failures.push(format!("{}: other structural errors {others:?}", k.what));
                }
                assert!(
                    !i.message.is_empty() && !i.fix.is_empty(),
                    "{}: texts",
                    k.what
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn texts_name_the_dose_and_never_the_patient() {
    let r = report(&set(CLEAN, "RXA", 1, 15, ""));
    let lot = r.issues.iter().find(|i| i.erl() == "RXA^1^15^1").unwrap();
    assert_eq!(lot.label.as_deref(), Some("RXA-15 Substance Lot Number"));
    assert!(
        lot.message.contains("the DTaP dose given on 2024-03-15"),
        "{}",
        lot.message
    );
    let r = report(&set(CLEAN, "PID", 1, 24, "Q"));
    for i in &r.issues {
        for value in [
            "Quillfeather",
            "Harriet",
            "20230110",
            "Lantern",
            "5557143",
            "MRN-4421",
            "Underbrook",
        ] {
            assert!(
                !i.message.contains(value) && !i.fix.contains(value),
                "{value} in {i:?}"
            );
            assert!(!i.to_string().contains(value));
        }
        assert_eq!(i.value, None, "values only when asked");
    }
    let with = Validator::cdc().at_date(2024, 3, 16).with_values(true);
    let d = model::decode(set(CLEAN, "PID", 1, 24, "Q").as_bytes()).unwrap();
    let r = with.validate(&d);
    let vs = r.issues.iter().find(|i| i.rule == "IG-VALUE-SET").unwrap();
    assert_eq!(vs.value.as_deref(), Some("Q"));
}

#[test]
fn line_feeds_are_reported_for_the_message() {
    let r = report(&CLEAN.replace('\r', "\n"));
    let wire: Vec<&Issue> = r.issues.iter().filter(|i| i.rule == "IG-WIRE").collect();
    assert_eq!(wire.len(), 1);
    assert!(wire[0].location.is_message());
    assert_eq!(wire[0].vaccination, None);
}

#[test]
fn profile_overrides_and_turns_off_rules() {
    use izmsg::validate::Profile;
    let d = model::decode(set(CLEAN, "RXA", 1, 15, "").as_bytes()).unwrap();
    let relaxed = Profile::cdc()
        .named("relaxed")
        .with_severity("IG-REQUIRED", Severity::Warning);
    let r = Validator::new(relaxed).at_date(2024, 3, 16).validate(&d);
    let lot = r.issues.iter().find(|i| i.erl() == "RXA^1^15^1").unwrap();
    assert_eq!(lot.severity, Severity::Warning);
    assert_eq!(r.profile, "relaxed");
    let off = Profile::cdc().without("IG-REQUIRED");
    let r = Validator::new(off).at_date(2024, 3, 16).validate(&d);
    assert!(r.issues.iter().all(|i| i.rule != "IG-REQUIRED"));
}

#[test]
fn every_issue_becomes_an_err_segment_with_its_location() {
    let r = report(&set(CLEAN, "RXA", 1, 15, ""));
    for i in &r.issues {
        let err = i.to_err();
        let mut w = izmsg::er7::Writer::new();
        use izmsg::model::codec::SegmentType as _;
        err.encode(&mut w);
        let bytes = w.finish();
        let text = String::from_utf8(bytes).unwrap();
        if i.location.is_message() {
            assert!(text.starts_with("ERR||"), "{text}");
        } else {
            assert!(text.starts_with(&format!("ERR||{}|", i.erl())), "{text}");
        }
        assert!(text.contains(&format!("|{}|", i.severity.code())), "{text}");
    }
}
