//! Redaction: no name, birth date, identifier, address or phone of any corpus message survives, and
//! the redacted message has the same structure (every delimiter where it was, the same segments,
//! the same vaccine and observation codes). The embedded message runs without ../shared.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashSet;
use std::path::Path;

use izmsg::er7::{self, Delimiters};
use izmsg::iis::redact::{self, Dates, Redaction};
use izmsg::model;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// The values a person could be identified by, read from the original message field by field (a
/// list of its own, independent of the library's table): patient, next of kin, guarantor, insured,
/// and the demographics a query echoes.
const PERSONAL: &[(&str, usize, &[usize])] = &[
    // (segment, field, components; empty = the whole field)
    ("PID", 2, &[1]),
    ("PID", 3, &[1]),
    ("PID", 4, &[1]),
    ("PID", 5, &[1, 2, 3]),
    ("PID", 6, &[1, 2]),
    ("PID", 7, &[1]),
    ("PID", 9, &[1, 2]),
    ("PID", 11, &[1, 2, 3, 5]),
    ("PID", 13, &[1, 4, 6, 7, 12]),
    ("PID", 14, &[1, 4, 6, 7, 12]),
    ("PID", 18, &[1]),
    ("PID", 19, &[]),
    ("PID", 21, &[1]),
    ("NK1", 2, &[1, 2, 3]),
    ("NK1", 4, &[1, 2, 3, 5]),
    ("NK1", 5, &[1, 4, 6, 7, 12]),
    ("NK1", 6, &[1, 4, 6, 7, 12]),
    ("NK1", 16, &[1]),
    ("GT1", 3, &[1, 2, 3]),
    ("GT1", 5, &[1, 3, 5]),
    ("GT1", 6, &[1, 6, 7]),
    ("GT1", 8, &[1]),
    ("GT1", 12, &[]),
    ("IN1", 16, &[1, 2, 3]),
    ("IN1", 18, &[1]),
    ("IN1", 19, &[1, 3, 5]),
    ("IN1", 36, &[]),
    ("IN1", 49, &[1]),
    ("IN2", 2, &[]),
    ("IN2", 8, &[]),
    ("QPD", 3, &[1]),
    ("QPD", 4, &[1, 2, 3]),
    ("QPD", 5, &[1, 2]),
    ("QPD", 6, &[1]),
    ("QPD", 8, &[1, 3, 5]),
    ("QPD", 9, &[6, 7]),
];

/// A personal value found in a message: where, and its text.
#[derive(Debug)]
struct Found {
    at: String,
    /// Segment index, field, repetition, component, subcomponent (from 0).
    place: (usize, usize, usize, usize, usize),
    text: String,
    is_date: bool,
    /// A zip code may be a clinic's too (RXA-11 gives the address the dose was given at): it is
    /// checked where it stood only.
    is_zip: bool,
}

fn personal_values(msg: &er7::Message<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    for (si, seg) in msg.segments().enumerate() {
        for (id, field, comps) in PERSONAL {
            if seg.id() != *id {
                continue;
            }
            let Some(f) = seg.field(*field) else { continue };
            for (ri, rep) in f.repetitions().enumerate() {
                let parts: Vec<(usize, er7::Value<'_>)> = if comps.is_empty() {
                    rep.components().enumerate().collect()
                } else {
                    comps.iter().map(|c| (*c - 1, rep.component(*c))).collect()
                };
                for (ci, part) in parts {
                    for (ui, sub) in part.subcomponents().enumerate() {
                        let text = sub.text().trim().to_string();
                        if text.is_empty() || text == "\"\"" {
                            continue;
                        }
                        out.push(Found {
                            at: format!("{id}-{field}"),
                            place: (si, *field, ri, ci, ui),
                            text,
                            is_date: matches!(
                                (*id, *field),
                                ("PID", 7) | ("NK1", 16) | ("GT1", 8) | ("IN1", 18) | ("QPD", 6)
                            ),
                            is_zip: matches!(
                                (*id, *field),
                                ("PID", 11) | ("NK1", 4) | ("GT1", 5) | ("IN1", 19) | ("QPD", 8)
                            ) && ci == 4,
                        });
                    }
                }
            }
        }
    }
    out
}

/// The text of the leaf at `place`.
fn leaf_at(msg: &er7::Message<'_>, place: (usize, usize, usize, usize, usize)) -> String {
    let (si, f, ri, ci, ui) = place;
    let seg = msg.segment(si).unwrap();
    let rep = seg.field(f).unwrap().repetition(ri).unwrap();
    rep.component(ci + 1)
        .subcomponent(ui + 1)
        .text()
        .trim()
        .to_string()
}

/// True when `text` holds `value`; a number only as a whole run of digits (`1234567` is not in
/// `RA12345678`).
fn contains_value(text: &str, value: &str) -> bool {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return text.contains(value);
    }
    text.match_indices(value).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + value.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// Every leaf value (subcomponent) of a message.
fn leaves(msg: &er7::Message<'_>) -> HashSet<String> {
    let mut out = HashSet::new();
    for seg in msg.segments() {
        let mut n = if seg.is_header() { 3 } else { 1 };
        while let Some(f) = seg.field(n) {
            n += 1;
            for rep in f.repetitions() {
                for c in rep.components() {
                    for s in c.subcomponents() {
                        out.insert(s.text().trim().to_string());
                    }
                }
            }
        }
    }
    out
}

/// The delimiters and segment ends of some bytes, every value taken out: equal for two inputs
/// exactly when every field, repetition, component and subcomponent stands where it stood.
fn skeleton(bytes: &[u8], d: &Delimiters) -> Vec<u8> {
    let keep = [
        d.field,
        d.component,
        d.repetition,
        d.subcomponent,
        b'\r',
        b'\n',
    ];
    bytes.iter().copied().filter(|b| keep.contains(b)).collect()
}

/// The codes that must not change: segment ids in order, RXA-5, RXA-9, OBX-3.
fn codes(msg: &er7::Message<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for seg in msg.segments() {
        out.push(seg.id().to_string());
        let code = |f: usize| {
            seg.field(f)
                .map(|v| v.component(1).text().into_owned())
                .unwrap_or_default()
        };
        match seg.id() {
            "RXA" => {
                out.push(code(5));
                out.push(code(9));
            }
            "OBX" => out.push(code(3)),
            _ => {}
        }
    }
    out
}

/// Redacts `input` with `options` and checks it: every personal value gone, structure and codes kept.
/// Returns how many personal values were checked.
fn check(name: &str, input: &[u8], options: &Redaction) -> usize {
    let original = er7::split(input);
    if original
        .as_ref()
        .map_or(true, |b| b.messages().any(|m| m.is_err()))
    {
        // Not all of it parses: nothing is given back half redacted.
        assert!(redact::redact_with(input, options).is_err(), "{name}");
        return 0;
    }
    let original = original.unwrap();
    let out = redact::redact_with(input, options).unwrap_or_else(|e| panic!("{name}: {e}"));
    let redacted = er7::split(&out).unwrap_or_else(|e| panic!("{name}: redacted: {e}"));
    let before: Vec<_> = original.messages().collect();
    let after: Vec<_> = redacted.messages().collect();
    assert_eq!(before.len(), after.len(), "{name}");
    let mut checked = 0;
    for (b, a) in before.iter().zip(&after) {
        let (Ok(b), Ok(a)) = (b, a) else {
            assert_eq!(b.is_ok(), a.is_ok(), "{name}");
            continue;
        };
        let d = *b.delimiters();
        assert_eq!(
            skeleton(b.as_bytes(), &d),
            skeleton(a.as_bytes(), &d),
            "{name}: structure changed"
        );
        assert_eq!(codes(b), codes(a), "{name}: codes changed");
        // The typed decoding sees the same message shape.
        let tb = model::decode_parsed(b, &er7::Limits::default());
        let ta = model::decode_parsed(a, &er7::Limits::default());
        assert_eq!(
            std::mem::discriminant(&tb.message),
            std::mem::discriminant(&ta.message),
            "{name}"
        );
        let kept = leaves(a);
        let text = String::from_utf8_lossy(a.as_bytes());
        for v in personal_values(b) {
            checked += 1;
            // Where it stood, it is gone (a birth date on the first of January stays what it was).
            let now = leaf_at(a, v.place);
            if !(v.is_date && now == v.text && v.text.get(4..8) == Some("0101")) {
                assert_ne!(now, v.text, "{name}: {} kept", v.at);
            }
            if v.is_zip {
                continue;
            }
            // By default other dates are kept: a dose given on the day of birth keeps that date.
            let keeps_date = v.is_date && options.dates == Dates::KeepOthers;
            // One or two letters (a middle initial) are also codes elsewhere (`F`, `MR`): too short to
            // tell anyone apart, and not looked for.
            if !keeps_date && v.text.chars().count() >= 3 {
                assert!(
                    !kept.contains(&v.text),
                    "{name}: {} value survives as a value",
                    v.at
                );
            }
            // Long values must not survive anywhere, not even inside another value. Dates only when
            // every date was shifted.
            let long = v.text.chars().count() >= 5;
            if long && (!v.is_date || options.dates != Dates::KeepOthers) {
                assert!(
                    !contains_value(&text, &v.text),
                    "{name}: {} value survives in the text",
                    v.at
                );
            }
        }
        // What the default keeps of a birth date: its year, as the first of January.
        if options.dates == Dates::KeepOthers {
            for v in personal_values(b).iter().filter(|v| v.at == "PID-7") {
                let Some(year) = v.text.get(..4) else {
                    continue;
                };
                let pid7 = a.segment_by_id("PID").and_then(|p| p.field(7)).unwrap();
                assert!(pid7.text().starts_with(&format!("{year}01")), "{name}");
            }
        }
    }
    checked
}

#[test]
fn no_personal_value_of_the_corpus_survives() {
    if !Path::new(CORPUS).exists() {
        eprintln!("skipped: ../shared/corpus is not beside the crate");
        return;
    }
    let mut files = 0;
    let mut values = 0;
    for dir in ["vxu", "qbp", "rsp", "ack", "batch", "odd"] {
        let mut entries: Vec<_> = std::fs::read_dir(format!("{CORPUS}/{dir}"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.display().to_string();
            let input = std::fs::read(&path).unwrap();
            values += check(&name, &input, &Redaction::default());
            // Every date moved a week: birth dates must vanish too (a dose given exactly a week
            // before birth would be the only way one could come back).
            check(
                &name,
                &input,
                &Redaction {
                    dates: Dates::Shift(7),
                },
            );
            files += 1;
        }
    }
    assert_eq!(files, 114);
    assert!(values > 1000, "only {values} personal values seen");
}

/// A VXU with every kind of personal data, and free text.
const VXU: &str = "MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315103000-0500||VXU^V04^VXU_V04|MSG-1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
PID|1||PAT-000123^^^EHR^MR~123-45-6789^^^SSA^SS||Quintero^Marisol^Beatriz^^^^L|Ortega^Lucia^^^^^M|20230817|F||2106-3^White^CDCREC|42 Juniper Lane^Apt 7^Lewiston^ME^04240^USA^P^^001||^PRN^PH^^^207^5557314~^NET^Internet^marisol@example.com||||||987654321||||Lewiston Hospital\r\
PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|20240315\r\
NK1|1|Quintero^Rafael^^^^^L|FTH^Father^HL70063|42 Juniper Lane^^Lewiston^ME^04240^USA^P|^PRN^PH^^^207^5557314|||||||||||19900102\r\
GT1|1|G-555|Quintero^Rafael||42 Juniper Lane^^Lewiston^ME^04240|^PRN^PH^^^207^5557314||19900102|M|||123-45-6780\r\
IN1|1|BCBS^Blue Cross^L|INS-9^^^PAYER^NIIP|Blue Cross||||||||||||Quintero^Rafael|FTH^Father^HL70063|19900102|42 Juniper Lane^^Lewiston^ME^04240|||||||||||||||||POL-777\r\
IN2||123-45-6780||||||MCD-31415\r\
ORC|RE||IZ-1^EHR|||||||||1234567890^Provider^Pat^^^^^^NPI^L\r\
RXA|0|1|20240315103000||08^Hep B, adolescent or pediatric^CVX|0.5|mL^^UCUM||00^New record^NIP001|^Nurse^Nora|^^^CLINIC||||LOT-1|20251231|MSD^Merck^MVX|||CP|A\r\
OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid^HL70064||||||F|||20240315\r\
OBX|2|TX|48767-8^Annotation comment^LN|1|Marisol cried; mother Lucia Ortega present||||||F\r\
NTE|1||Call Rafael at 207-555-7314\r";

#[test]
fn embedded_message_loses_every_personal_value() {
    let out = String::from_utf8(redact::redact(VXU.as_bytes()).unwrap()).unwrap();
    for gone in [
        "Quintero",
        "Marisol",
        "Beatriz",
        "Ortega",
        "Lucia",
        "Rafael",
        "PAT-000123",
        "123-45-6789",
        "123-45-6780",
        "20230817",
        "42 Juniper Lane",
        "Apt 7",
        "Lewiston",
        "04240",
        "5557314",
        "marisol@example.com",
        "987654321",
        "G-555",
        "POL-777",
        "MCD-31415",
        "19900102",
        "Lewiston Hospital",
        "cried",
        "207-555-7314",
    ] {
        assert!(!out.contains(gone), "{gone} survives:\n{out}");
    }
    // Providers, codes, order numbers, other dates, the state and the address type stay.
    for kept in [
        "1234567890^Provider^Pat",
        "^Nurse^Nora",
        "IZ-1^EHR",
        "08^Hep B, adolescent or pediatric^CVX",
        "64994-7",
        "V02^VFC eligible",
        "20240315103000",
        "^ME^",
        "^USA^P",
        "FTH^Father^HL70063",
        "^^^EHR^MR",
        "^^^SSA^SS",
        "LOT-1",
        "MSG-1",
        "BCBS^Blue Cross^L",
    ] {
        assert!(out.contains(kept), "{kept} lost:\n{out}");
    }
    // The same value, the same placeholder: the father's name, address and phone in NK1, GT1, IN1.
    let pid = out.split('\r').find(|s| s.starts_with("PID")).unwrap();
    let nk1 = out.split('\r').find(|s| s.starts_with("NK1")).unwrap();
    let gt1 = out.split('\r').find(|s| s.starts_with("GT1")).unwrap();
    let street = |seg: &str, f: usize| {
        seg.split('|')
            .nth(f)
            .unwrap()
            .split('^')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(street(pid, 11), street(nk1, 4));
    assert_eq!(street(nk1, 4), street(gt1, 5));
    assert_eq!(street(pid, 5), street(nk1, 2)); // family name
    assert!(pid.contains("|20230101|F|"), "{pid}"); // birth date: the year kept
    assert!(
        pid.contains("^PRN^PH^^^501^5550001~^NET^Internet^redacted-1@example.invalid"),
        "{pid}"
    );
    // Same skeleton, same codes; still decodes as a VXU with the same dose.
    let d = Delimiters::default();
    assert_eq!(skeleton(VXU.as_bytes(), &d), skeleton(out.as_bytes(), &d));
    let a = er7::parse(VXU.as_bytes()).unwrap();
    let b = er7::parse(out.as_bytes()).unwrap();
    assert_eq!(codes(&a), codes(&b));
    assert!(check("embedded", VXU.as_bytes(), &Redaction::default()) > 30);
    assert!(
        check(
            "embedded",
            VXU.as_bytes(),
            &Redaction {
                dates: Dates::Shift(-30)
            }
        ) > 30
    );

    // Shifting moves every date by the same number of days.
    let shifted = String::from_utf8(
        redact::redact_with(
            VXU.as_bytes(),
            &Redaction {
                dates: Dates::Shift(-30),
            },
        )
        .unwrap(),
    )
    .unwrap();
    assert!(shifted.contains("|20240214103000-0500||VXU"), "{shifted}"); // MSH-7
    assert!(shifted.contains("|20230718|F|"), "{shifted}"); // PID-7
    assert!(shifted.contains("RXA|0|1|20240214103000||"), "{shifted}");

    // The typed message redacted gives the same as the bytes.
    let typed = model::decode(VXU.as_bytes()).unwrap();
    let r = redact::redact_message(&typed.message, &Redaction::default()).unwrap();
    assert_eq!(String::from_utf8(r.message.encode()).unwrap(), out);
}

#[test]
fn error_locations_stay_valid() {
    // A registry's ERR-2 points at the same value before and after: PID^1^7 is still the birth date,
    // RXA^1^5 still the vaccine code.
    let out = redact::redact(VXU.as_bytes()).unwrap();
    let a = er7::parse(VXU.as_bytes()).unwrap();
    let b = er7::parse(&out).unwrap();
    for (id, field) in [("PID", 7), ("RXA", 5), ("PID", 11), ("NK1", 2)] {
        let fa = a.segment_by_id(id).unwrap().field(field).unwrap();
        let fb = b.segment_by_id(id).unwrap().field(field).unwrap();
        assert_eq!(
            fa.components().count(),
            fb.components().count(),
            "{id}-{field}"
        );
    }
    assert_eq!(
        b.segment_by_id("RXA")
            .unwrap()
            .field(5)
            .unwrap()
            .component(1)
            .text(),
        "08"
    );
}
