#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! State profiles: a clean Maine message passes `maine`; each Maine rule fires alone, at its
//! severity and place, when exactly its datum is removed or broken; profile files extend, relax,
//! add and fail with the file, line and problem; the onboarding review and its scenarios; the
//! formatting a registry needs; the vaccine list audit.

use izmsg::model::{self, Message};
use izmsg::validate::profiles::onboarding::Review;
use izmsg::validate::profiles::vaccines::{FindingKind, VaccineListEntry, audit};
use izmsg::validate::{self, Profile, Report, Severity, Validator};

/// A VXU that meets every Maine requirement: an administered Hep B dose with lot, expiration,
/// MVX, amount in mL, VFC eligibility and VIS, for a patient with full name, birth date, complete
/// address, race, ethnicity and a next of kin, from a facility with MSH-4 and MSH-22.
const MSH: &str = "MSH|^~\\&|MYEHR|ME1234^2.16.840.1.113883.3.72.5.40.1^ISO|IMMPACT|MEDHHS|20240316093000-0400||VXU^V04^VXU_V04|ME-CLEAN-1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS|PINE-ORG^^^^^IMMPACT^XX^^^ME5678";
const PID: &str = "PID|1||PT-4411^^^MYEHR^MR||Testpatient^Robin^Lee^^^^L|Sample^Pat^^^^^M|20230110|F||2106-3^White^CDCREC|12 Main St^^Augusta^ME^04330^USA^L||^PRN^PH^^^207^5550123|||||||||2186-5^Not Hispanic or Latino^CDCREC";
const PD1: &str =
    "PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|20240316|||A|20240316|20240316";
const NK1: &str = "NK1|1|Testpatient^Jordan^^^^^L|MTH^Mother^HL70063|12 Main St^^Augusta^ME^04330^USA^L|^PRN^PH^^^207^5550123";
const ORC: &str = "ORC|RE||IZ-9001^MYEHR|||||||7890^Nurse^Nina^^^^^^MYEHR^L^^^PRN||4567^Doctor^Dana^^^^^^MYEHR^L^^^PRN";
const RXA: &str = "RXA|0|1|20240315||08^Hep B, adolescent or pediatric^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|7890^Nurse^Nina^^^^^^MYEHR^L^^^PRN|^^^ME1234||||AB1234C|20251231|MSD^Merck and Co., Inc.^MVX|||CP|A";
const RXR: &str = "RXR|IM^Intramuscular^HL70162|LA^Left Arm^HL70163";
const OBX_VFC: &str = "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20240315|||VXC40^Eligibility captured at the immunization level^CDCPHINVS";
const OBX_TYPE: &str =
    "OBX|2|CE|30956-7^vaccine type^LN|2|45^Hep B, unspecified formulation^CVX||||||F";
const OBX_PUB: &str =
    "OBX|3|TS|29768-9^Date vaccine information statement published^LN|2|20230512||||||F";
const OBX_PRES: &str =
    "OBX|4|TS|29769-7^Date vaccine information statement presented^LN|2|20240315||||||F";

/// A historical Hep B dose from the parents' written record (RXA-9.1 03).
const RXA_HIST: &str = "RXA|0|1|20230301||08^Hep B, adolescent or pediatric^CVX|999|||03^From parent's written record^NIP001||||||AB1234C||MSD^Merck and Co., Inc.^MVX|||CP|A";

fn clean_segments() -> Vec<String> {
    [
        MSH, PID, PD1, NK1, ORC, RXA, RXR, OBX_VFC, OBX_TYPE, OBX_PUB, OBX_PRES,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn historical_segments() -> Vec<String> {
    [MSH, PID, PD1, NK1, ORC, RXA_HIST]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn join(segments: &[String]) -> Vec<u8> {
    let mut out = segments.join("\r");
    out.push('\r');
    out.into_bytes()
}

fn maine() -> Profile {
    validate::profile("maine").unwrap()
}

fn check(profile: &Profile, bytes: &[u8]) -> Report {
    let decoded = model::decode(bytes).unwrap();
    Validator::new(profile.clone())
        .at_date(2024, 3, 16)
        .validate(&decoded)
}

fn render(report: &Report) -> String {
    report
        .issues
        .iter()
        .map(|i| {
            format!(
                "{} {} {}: {}",
                i.rule,
                i.severity,
                i.location.path(),
                i.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_clean_messages_pass_maine_without_any_issue() {
    let maine = maine();
    for (what, segs) in [
        ("administered", clean_segments()),
        ("historical", historical_segments()),
    ] {
        let report = check(&maine, &join(&segs));
        assert!(report.issues.is_empty(), "{what}:\n{}", render(&report));
        let cdc = check(&Profile::cdc(), &join(&segs));
        assert!(cdc.issues.is_empty(), "{what} (cdc):\n{}", render(&cdc));
    }
}

/// Replaces `from` by `to` in the segment that starts with `seg`.
fn edit(segments: &mut [String], seg: &str, from: &str, to: &str) {
    let s = segments
        .iter_mut()
        .find(|s| s.starts_with(seg))
        .unwrap_or_else(|| panic!("no {seg}"));
    assert!(s.contains(from), "{seg} has no {from}");
    *s = s.replacen(from, to, 1);
}

fn drop_segment(segments: &mut Vec<String>, start: &str) {
    let before = segments.len();
    segments.retain(|s| !s.starts_with(start));
    assert_eq!(segments.len(), before - 1, "{start}");
    // Keep OBX-1 numbered from 1 in each ORDER group (NIST-01), so only the removal shows.
    let mut n = 0;
    for s in segments.iter_mut() {
        if s.starts_with("ORC|") {
            n = 0;
        } else if let Some(rest) = s.strip_prefix("OBX|") {
            n += 1;
            let tail = rest.split_once('|').map_or("", |(_, t)| t);
            *s = format!("OBX|{n}|{tail}");
        }
    }
}

struct Case {
    rule: &'static str,
    severity: Severity,
    at: &'static str,
    vaccination: Option<usize>,
    segments: Vec<String>,
}

fn cases() -> Vec<Case> {
    let clean = clean_segments;
    let historical = historical_segments;
    let mut out = Vec::new();
    let mut case = |rule, severity, at, vaccination, segments| {
        out.push(Case {
            rule,
            severity,
            at,
            vaccination,
            segments,
        })
    };
    let mut s = clean();
    edit(
        &mut s,
        "MSH",
        "|ME1234^2.16.840.1.113883.3.72.5.40.1^ISO|",
        "||",
    );
    case("ME-MSH-4", Severity::Error, "MSH-4", None, s);
    let mut s = clean();
    edit(&mut s, "MSH", "|PINE-ORG^^^^^IMMPACT^XX^^^ME5678", "");
    case("ME-MSH-22", Severity::Error, "MSH-22", None, s);
    let mut s = clean();
    edit(&mut s, "PID", "|12 Main St^^Augusta^ME^04330^USA^L|", "||");
    case("ME-PID-11", Severity::Error, "PID-11", None, s);
    let mut s = clean();
    edit(&mut s, "PID", "^^Augusta^ME^", "^^^ME^");
    case("ME-PID-11-PART", Severity::Warning, "PID-11.3", None, s);
    let mut s = clean();
    edit(&mut s, "PID", "^04330^USA^L|", "^^USA^L|");
    case("ME-PID-11-PART", Severity::Warning, "PID-11.5", None, s);
    let mut s = clean();
    edit(&mut s, "PID", "|2106-3^White^CDCREC|", "||");
    case("ME-PID-10", Severity::Warning, "PID-10", None, s);
    let mut s = clean();
    edit(&mut s, "PID", "|2186-5^Not Hispanic or Latino^CDCREC", "|");
    case("ME-PID-22", Severity::Warning, "PID-22", None, s);
    // Hep B, unspecified formulation (45), given on a day it was still in use.
    let mut s = clean();
    edit(
        &mut s,
        "RXA",
        "|08^Hep B, adolescent or pediatric^CVX|",
        "|45^Hep B, unspecified formulation^CVX|",
    );
    case("ME-RXA-5-SPECIFIC", Severity::Error, "RXA-5", Some(1), s);
    // Pneumococcal conjugate PCV 7 (100): last in use in 2014.
    let mut s = clean();
    edit(
        &mut s,
        "RXA",
        "|08^Hep B, adolescent or pediatric^CVX|",
        "|100^pneumococcal conjugate PCV 7^CVX|",
    );
    edit(
        &mut s,
        "RXA",
        "|MSD^Merck and Co., Inc.^MVX|",
        "|PFR^Pfizer, Inc^MVX|",
    );
    edit(
        &mut s,
        "OBX|2",
        "|45^Hep B, unspecified formulation^CVX|",
        "|109^pneumococcal, unspecified formulation^CVX|",
    );
    case("ME-RXA-5-ACTIVE", Severity::Error, "RXA-5", Some(1), s);
    let mut s = clean();
    drop_segment(&mut s, "OBX|1|");
    case("ME-VFC", Severity::Error, "RXA", Some(1), s);
    let mut s = clean();
    edit(&mut s, "RXA", "|AB1234C|20251231|", "|AB1234C||");
    case("ME-RXA-16", Severity::Error, "RXA-16", Some(1), s);
    // No VIS recorded at all for the dose (an incomplete VIS group would also be IZ-24's).
    let mut s = clean();
    drop_segment(&mut s, "OBX|4|");
    drop_segment(&mut s, "OBX|3|");
    drop_segment(&mut s, "OBX|2|");
    case("ME-VIS", Severity::Warning, "RXA", Some(1), s);
    let mut s = clean();
    drop_segment(&mut s, "NK1");
    case("ME-NK1", Severity::Warning, "NK1", None, s);
    let mut s = clean();
    edit(&mut s, "RXA", "|mL^mL^UCUM|", "|mg^mg^UCUM|");
    case("ME-RXA-7", Severity::Error, "RXA-7.1", Some(1), s);
    // Historical doses.
    let mut s = historical();
    edit(
        &mut s,
        "RXA",
        "|20230301||08^Hep B, adolescent or pediatric^CVX|",
        "|20230301||01^DTP^CVX|",
    );
    case(
        "ME-RXA-5-HISTORICAL",
        Severity::Warning,
        "RXA-5",
        Some(1),
        s,
    );
    let mut s = historical();
    edit(
        &mut s,
        "RXA",
        "|03^From parent's written record^NIP001|",
        "|04^From parent's recall^NIP001|",
    );
    case("ME-RXA-9-SOURCE", Severity::Warning, "RXA-9.1", Some(1), s);
    let mut s = historical();
    edit(&mut s, "RXA", "|AB1234C||", "|||");
    case("ME-HIST-LOT", Severity::Information, "RXA-15", Some(1), s);
    let mut s = historical();
    edit(
        &mut s,
        "RXA",
        "|08^Hep B, adolescent or pediatric^CVX|",
        "|45^Hep B, unspecified formulation^CVX|",
    );
    case(
        "ME-HIST-PRODUCT",
        Severity::Information,
        "RXA-5",
        Some(1),
        s,
    );
    // Maine's items the CDC rules already decide at Maine's severity.
    let mut s = clean();
    edit(&mut s, "RXA", "|AB1234C|20251231|", "||20251231|");
    case("IG-REQUIRED", Severity::Error, "RXA-15", Some(1), s);
    let mut s = clean();
    edit(&mut s, "PID", "|20230110|", "||");
    case("IG-REQUIRED", Severity::Error, "PID-7", None, s);
    let mut s = clean();
    edit(
        &mut s,
        "PID",
        "|Testpatient^Robin^Lee^^^^L|",
        "|Testpatient^^Lee^^^^L|",
    );
    case("IG-REQUIRED", Severity::Error, "PID-5.2", None, s);
    out
}

#[test]
fn each_maine_rule_fires_alone_at_its_severity_and_place() {
    let maine = maine();
    let mut seen = Vec::new();
    for case in cases() {
        let report = check(&maine, &join(&case.segments));
        let what = format!("{} at {}", case.rule, case.at);
        assert_eq!(report.issues.len(), 1, "{what}:\n{}", render(&report));
        let issue = &report.issues[0];
        assert_eq!(issue.rule, case.rule, "{what}");
        assert_eq!(issue.severity, case.severity, "{what}");
        assert_eq!(issue.location.path(), case.at, "{what}");
        assert_eq!(issue.vaccination, case.vaccination, "{what}");
        assert!(!issue.message.is_empty() && !issue.fix.is_empty(), "{what}");
        assert!(!issue.message.contains('{'), "{what}: {}", issue.message);
        for secret in [
            "Testpatient",
            "Robin",
            "Main St",
            "20230110",
            "PT-4411",
            "5550123",
        ] {
            assert!(!issue.message.contains(secret), "{what}: {}", issue.message);
        }
        seen.push(case.rule);
    }
    // Every rule of the Maine profile has its case.
    for rule in &maine.rules {
        assert!(seen.contains(&rule.id.as_str()), "no case for {}", rule.id);
    }
}

#[test]
fn maine_rules_cite_their_source_and_items_name_known_rules() {
    let maine = maine();
    for rule in &maine.rules {
        assert!(rule.source.contains("ME-"), "{}: {}", rule.id, rule.source);
        assert!(rule.id.starts_with("ME-"), "{}", rule.id);
    }
    let items: Vec<&str> = maine.checklist.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(items, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
    // Every Maine rule decides an item, except the historical-source and completeness notes.
    for rule in &maine.rules {
        let named = maine
            .checklist
            .iter()
            .any(|i| i.rules.iter().any(|r| r.rule == rule.id));
        assert_eq!(
            named,
            !matches!(
                rule.id.as_str(),
                "ME-RXA-9-SOURCE" | "ME-HIST-LOT" | "ME-HIST-PRODUCT"
            ),
            "{}",
            rule.id
        );
    }
    // Rules a checklist names that this build does not know yet are data-quality or conformance
    // rules of the catalogue still to come, never misspelt Maine or structure rules.
    for id in maine.unknown_rules() {
        assert!(id.starts_with("DQ-") || id.starts_with("IZ-"), "{id}");
    }
    assert!(maine.about.sources.contains_key("ME-ONB"));
    assert!(!maine.about.not_verified.is_empty());
}

#[test]
fn every_shipped_profile_reads_and_says_what_it_rests_on() {
    assert_eq!(validate::profiles::shipped_errors(), []);
    let names = validate::profile_names();
    for state in [
        "maine",
        "california",
        "michigan",
        "new-hampshire",
        "new-york",
        "rhode-island",
        "texas",
    ] {
        assert!(names.contains(&state.to_string()), "{state}");
        let p = validate::profile(state).unwrap();
        assert_eq!(p.extends, ["cdc"], "{state}");
        assert!(!p.about.sources.is_empty(), "{state}");
        assert!(!p.about.not_verified.is_empty(), "{state}");
        for rule in &p.rules {
            let key = rule.source.split([' ', ';', ',']).next().unwrap();
            assert!(
                p.about.sources.contains_key(key),
                "{state} {}: source {} not among the profile's sources",
                rule.id,
                rule.source
            );
        }
        for id in p.unknown_rules() {
            assert!(
                id.starts_with("DQ-") || id.starts_with("IZ-"),
                "{state}: {id}"
            );
        }
        // The clean Maine message has nothing a state would call an error, except what the
        // state asks that Maine does not (CAIR2: CVX only is met; phone present).
        let report = check(&p, &join(&clean_segments()));
        assert!(report.is_sendable(), "{state}:\n{}", render(&report));
    }
}

#[test]
fn california_relaxes_msh_16_and_refuses_ndc_coding() {
    let ca = validate::profile("california").unwrap();
    let mut s = clean_segments();
    edit(&mut s, "MSH", "|ER|AL|", "|ER||");
    let cdc = check(&Profile::cdc(), &join(&s));
    assert!(
        cdc.by_rule("IG-REQUIRED")
            .any(|i| i.location.path() == "MSH-16")
    );
    assert!(check(&ca, &join(&s)).issues.is_empty());
    let mut s = clean_segments();
    edit(
        &mut s,
        "RXA",
        "|08^Hep B, adolescent or pediatric^CVX|",
        "|58160-0820-11^Engerix-B^NDC|",
    );
    let report = check(&ca, &join(&s));
    let rules: Vec<&str> = report.issues.iter().map(|i| i.rule.as_ref()).collect();
    assert_eq!(rules, ["CA-RXA-5-CVX"], "{}", render(&report));
    // Maine takes the NDC: it names a specific product.
    assert!(
        check(&maine(), &join(&s)).issues.is_empty(),
        "{}",
        render(&check(&maine(), &join(&s)))
    );
    // RXA-10.9 / 10.13 with a provider ID are errors in CAIR2, warnings in the CDC rules.
    let mut s = clean_segments();
    edit(
        &mut s,
        "RXA",
        "|7890^Nurse^Nina^^^^^^MYEHR^L^^^PRN|",
        "|7890^Nurse^Nina^^^^^^MYEHR^L|",
    );
    let report = check(&ca, &join(&s));
    let found: Vec<(String, Severity, String)> = report
        .issues
        .iter()
        .map(|i| (i.rule.to_string(), i.severity, i.location.path()))
        .collect();
    assert_eq!(
        found,
        [(
            "CA-RXA-10".to_string(),
            Severity::Error,
            "RXA-10.13".to_string()
        )]
    );
}

#[test]
fn rhode_island_refuses_oth_and_unk_manufacturers() {
    let ri = validate::profile("rhode-island").unwrap();
    let mut s = clean_segments();
    edit(
        &mut s,
        "RXA",
        "|MSD^Merck and Co., Inc.^MVX|",
        "|UNK^Unknown manufacturer^MVX|",
    );
    let report = check(&ri, &join(&s));
    let found: Vec<(&str, Severity, String)> = report
        .issues
        .iter()
        .map(|i| (i.rule.as_ref(), i.severity, i.location.path()))
        .collect();
    assert_eq!(
        found,
        [("RI-RXA-17", Severity::Error, "RXA-17.1".to_string())]
    );
}

const CLINIC: &str = r#"# A clinic's own profile over Maine.
[profile]
name = "pine-clinic"
extends = "maine"
description = "Maine ImmPact for Pine Street Clinic"

[severity]
"ME-NK1" = "information"   # relaxed: adults rarely give a next of kin

[[rule]]
id = "PINE-MSH-4"
field = "MSH-4.1"
check = "one-of"
values = ["ME1234"]
severity = "error"
message = "The sending facility in {subject} is not the ID ImmPact assigned to the clinic."
fix = "Set the facility ID in the interface to the one in the ImmPact welcome letter."
source = "ImmPact welcome letter"
"#;

#[test]
fn a_profile_file_extends_maine_relaxes_one_rule_and_adds_one() {
    let clinic = Profile::from_toml_str("clinic.toml", CLINIC).unwrap();
    assert_eq!(clinic.name, "pine-clinic");
    assert_eq!(clinic.extends, ["cdc", "maine"]);
    assert_eq!(clinic.checklist, maine().checklist);
    assert!(check(&clinic, &join(&clean_segments())).issues.is_empty());
    // Relaxed: no next of kin is now information.
    let mut s = clean_segments();
    drop_segment(&mut s, "NK1");
    let report = check(&clinic, &join(&s));
    assert_eq!(report.issues.len(), 1);
    assert_eq!(report.issues[0].rule, "ME-NK1");
    assert_eq!(report.issues[0].severity, Severity::Information);
    // Added: another facility ID is an error.
    let mut s = clean_segments();
    edit(&mut s, "MSH", "|ME1234^", "|ME9999^");
    let report = check(&clinic, &join(&s));
    let found: Vec<(&str, Severity, String)> = report
        .issues
        .iter()
        .map(|i| (i.rule.as_ref(), i.severity, i.location.path()))
        .collect();
    assert_eq!(
        found,
        [("PINE-MSH-4", Severity::Error, "MSH-4.1".to_string())]
    );
    assert_eq!(
        report.issues[0].message,
        "The sending facility in the message header is not the ID ImmPact assigned to the clinic."
    );
    // Maine itself has no opinion on the ID.
    assert!(check(&maine(), &join(&s)).issues.is_empty());
}

#[test]
fn usage_overrides_tighten_and_relax() {
    let text = r#"
[profile]
name = "usage"
extends = "cdc"

[usage]
"PID-13" = "R"
"PID-7" = "RE"
"#;
    let p = Profile::from_toml_str("usage.toml", text).unwrap();
    let mut s = clean_segments();
    edit(&mut s, "PID", "|^PRN^PH^^^207^5550123|", "||");
    edit(&mut s, "PID", "|20230110|", "||");
    let report = check(&p, &join(&s));
    let found: Vec<(&str, Severity, String)> = report
        .issues
        .iter()
        .map(|i| (i.rule.as_ref(), i.severity, i.location.path()))
        .collect();
    assert_eq!(
        found,
        [("USAGE-PID-13", Severity::Error, "PID-13".to_string())],
        "{}",
        render(&report)
    );
    assert_eq!(
        report.issues[0].message,
        "PID-13 Phone Number - Home is missing for the patient's record."
    );
}

fn error_of(text: &str) -> validate::ProfileError {
    Profile::from_toml_str("bad.toml", text).unwrap_err()
}

#[test]
fn bad_profile_files_name_the_file_the_line_and_the_problem() {
    let head = "[profile]\nname = \"bad\"\nextends = \"maine\"\n";
    let cases: &[(String, usize, &str)] = &[
        (
            format!("{head}[severity\n"),
            4,
            "unclosed table, expected `]`",
        ),
        (
            format!("{head}\n[severity]\n\"ME-NK1\" = \"loud\"\n"),
            6,
            "`loud` is not a severity",
        ),
        (
            "[profile]\nname = \"bad\"\nextends = \"oregon\"\n".to_string(),
            3,
            "`oregon` is not a known profile (shipped: cdc,",
        ),
        (
            format!("{head}colour = \"red\"\n"),
            4,
            "unknown key `colour` in [profile]",
        ),
        (
            format!(
                "{head}\n[[rule]]\nid = \"X-1\"\nfield = \"PID-11\"\ncheck = \"maybe\"\nseverity = \"error\"\nmessage = \"m\"\nfix = \"f\"\nsource = \"s\"\n"
            ),
            8,
            "`maybe` is not a check",
        ),
        (
            format!(
                "{head}\n[[rule]]\nid = \"X-1\"\nfield = \"PID-x\"\ncheck = \"required\"\nseverity = \"error\"\nmessage = \"m\"\nfix = \"f\"\nsource = \"s\"\n"
            ),
            7,
            "`x` in `PID-x` is not a field number",
        ),
        (
            format!(
                "{head}\n[[rule]]\nid = \"X-1\"\nfield = \"PID-11\"\ncheck = \"required\"\nseverity = \"error\"\nmessage = \"m\"\nfix = \"f\"\n"
            ),
            5,
            "[[rule]] has no `source`",
        ),
        (
            format!(
                "{head}\n[[rule]]\nid = \"X-1\"\nfield = \"PID-11\"\ncheck = \"present\"\nseverity = \"error\"\nmessage = \"m\"\nfix = \"f\"\nsource = \"s\"\n"
            ),
            7,
            "check `present` looks at a segment",
        ),
        (
            format!(
                "{head}\n[[checklist]]\nitem = \"a\"\ntitle = \"t\"\nrules = [\"ME-NK1\", \"no such rule\"]\nsource = \"s\"\n"
            ),
            8,
            "`no such rule` is not a rule id",
        ),
        (
            format!("{head}\n[[scenario]]\nid = \"flu season\"\ntitle = \"t\"\nsource = \"s\"\n"),
            6,
            "`flu season` is not a scenario",
        ),
        (
            format!("{head}\n[usage]\n\"PID-13\" = \"X\"\n"),
            6,
            "`X` is not a usage a profile can set",
        ),
        (
            "name = \"x\"\n".to_string(),
            1,
            "unknown key `name` in the file",
        ),
    ];
    for (text, line, problem) in cases {
        let err = error_of(text);
        assert_eq!(err.file, "bad.toml", "{text}");
        assert_eq!(err.line, *line, "{err}\n{text}");
        assert!(err.problem.contains(problem), "{err}\n{text}");
        assert!(
            err.to_string().starts_with(&format!("bad.toml:{line}:")),
            "{err}"
        );
    }
}

#[test]
fn the_documented_example_reads() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/README.md"))
            .unwrap();
    let start = readme.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let p = Profile::from_toml_str("README.md", &readme[start..end]).unwrap();
    assert_eq!(p.name, "pine-clinic");
    assert!(p.formatting.strip_fractional_seconds);
    assert_eq!(p.ack.as_ref().unwrap().accept_ae_with_warnings, Some(true));
    assert!(
        p.rules
            .iter()
            .any(|r| r.id == "USAGE-PID-13" && r.severity == Severity::Warning)
    );
    assert!(
        p.unknown_rules()
            .iter()
            .all(|id| id.starts_with("DQ-") || id.starts_with("IZ-"))
    );
}

#[test]
fn formatting_strips_fractional_seconds_and_nothing_else() {
    let mut p = maine();
    let mut s = clean_segments();
    edit(
        &mut s,
        "MSH",
        "|20240316093000-0400|",
        "|20240316093000.1234-0400|",
    );
    edit(&mut s, "RXA", "|20240315|", "|20240315101500.5|");
    edit(&mut s, "OBX|4|", "|20240315|", "|20240315101500.25|");
    let bytes = join(&s);
    let mut message = model::decode(&bytes).unwrap().message;
    assert_eq!(
        p.apply_formatting(&mut message),
        0,
        "maine asks for nothing"
    );
    assert_eq!(message.encode(), bytes);
    p.formatting.strip_fractional_seconds = true;
    assert_eq!(p.apply_formatting(&mut message), 3);
    let expected = String::from_utf8(bytes)
        .unwrap()
        .replace(".1234-0400", "-0400")
        .replace("101500.5|", "101500|")
        .replace("101500.25|", "101500|");
    assert_eq!(String::from_utf8(message.encode()).unwrap(), expected);
    // The amount (0.5) is a number, not a time: untouched.
    assert!(expected.contains("|0.5|mL"));
    assert_eq!(p.apply_formatting(&mut message), 0);
}

fn review(profile: &Profile, messages: &[Vec<u8>]) -> validate::profiles::onboarding::ReviewResult {
    let decoded: Vec<_> = messages.iter().map(|m| model::decode(m).unwrap()).collect();
    let validator = Validator::new(profile.clone()).at_date(2024, 3, 16);
    let reports: Vec<Report> = decoded.iter().map(|d| validator.validate(d)).collect();
    let mut r = Review::new(profile);
    for (i, (d, rep)) in decoded.iter().zip(&reports).enumerate() {
        r.add(&d.message, rep, &format!("file-{i}"));
    }
    r.finish()
}

fn with_id(mut segments: Vec<String>, id: &str) -> Vec<u8> {
    edit(&mut segments, "MSH", "|ME-CLEAN-1|", &format!("|{id}|"));
    join(&segments)
}

#[test]
fn the_review_lists_each_item_with_the_failing_control_ids_and_the_first_fix() {
    let maine = maine();
    let mut no_vfc = clean_segments();
    drop_segment(&mut no_vfc, "OBX|1|");
    let mut no_nk1_no_race = clean_segments();
    drop_segment(&mut no_nk1_no_race, "NK1");
    edit(&mut no_nk1_no_race, "PID", "|2106-3^White^CDCREC|", "||");
    let mut old_code = historical_segments();
    edit(
        &mut old_code,
        "RXA",
        "|08^Hep B, adolescent or pediatric^CVX|",
        "|01^DTP^CVX|",
    );
    let mut recall = historical_segments();
    edit(
        &mut recall,
        "RXA",
        "|03^From parent's written record^NIP001|",
        "|04^From parent's recall^NIP001|",
    );
    let result = review(
        &maine,
        &[
            with_id(clean_segments(), "OK-1"),
            with_id(no_vfc, "NOVFC-2"),
            with_id(no_nk1_no_race, "NONK1-3"),
            with_id(old_code, "OLD-4"),
            with_id(recall, "RECALL-5"),
        ],
    );
    assert_eq!(result.messages, 5);
    let failing: Vec<(&str, Vec<&str>)> = result
        .items
        .iter()
        .filter(|i| !i.passed)
        .map(|i| {
            (
                i.id.as_str(),
                i.control_ids.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        failing,
        [
            ("c", vec!["NONK1-3"]),
            ("e", vec!["OLD-4"]),
            ("f", vec!["NOVFC-2"]),
            ("i", vec!["NONK1-3"]),
        ]
    );
    let f = result.items.iter().find(|i| i.id == "f").unwrap();
    assert_eq!(f.failing, 1);
    assert_eq!(
        f.first_fix.as_deref(),
        Some("Record the patient's VFC or program eligibility for this dose.")
    );
    assert!(!result.passed);
    // The historical source is no checklist item: it is among the other issues.
    assert_eq!(result.others.len(), 1);
    assert_eq!(result.others[0].rule, "ME-RXA-9-SOURCE");
    assert_eq!(result.others[0].control_ids, ["RECALL-5"]);
    // Scenarios: administered, historical and eligibility are required and seen.
    let required: Vec<(&str, usize)> = result
        .scenarios
        .iter()
        .filter(|s| s.required)
        .map(|s| (s.id.as_str(), s.control_ids.len()))
        .collect();
    assert_eq!(
        required,
        [("administered", 3), ("historical", 2), ("eligibility", 2)]
    );
    assert_eq!(result.missing_scenarios().count(), 0);
    assert!(
        result
            .scenarios
            .iter()
            .any(|s| s.id == "eligibility:V02" && !s.required)
    );
    assert!(result.scenarios.iter().any(|s| s.id == "minor"));
    assert!(!result.scenarios.iter().any(|s| s.id == "refusal"));

    // Only clean messages: every item passes, historical doses are missing.
    let result = review(&maine, &[with_id(clean_segments(), "OK-1")]);
    assert!(result.passed);
    let missing: Vec<&str> = result.missing_scenarios().map(|s| s.id.as_str()).collect();
    assert_eq!(missing, ["historical"]);
}

#[test]
fn the_vaccine_list_audit_finds_drift_and_names_the_product() {
    let on = chrono::NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
    let e = |name: &str, brand: &str, ndc: &str, cvx: &str, mvx: &str| VaccineListEntry {
        name: name.into(),
        brand: brand.into(),
        ndc: ndc.into(),
        cvx: cvx.into(),
        mvx: mvx.into(),
    };
    let list = [
        e("Engerix-B peds", "Engerix-B", "", "08", "SKB"),
        e("Hep B", "", "", "45", ""),
        e("Flu 2009", "", "", "15", ""),
        e("Flu HD", "Fluzone High-Dose Quadrivalent", "", "", ""),
        e("Engerix mislabelled", "", "58160-0820-11", "43", "SKB"),
        e("Nothing", "", "", "", ""),
        e("Hep B by Pfizer", "", "", "08", "PFR"),
        e("Bad NDC", "", "12-34", "", ""),
    ];
    let found = audit(&list, on);
    let kinds =
        |i: usize| -> Vec<FindingKind> { found[i].findings.iter().map(|f| f.kind).collect() };
    assert_eq!(kinds(0), [], "{:?}", found[0]);
    assert_eq!(found[0].product.as_ref().unwrap().cvx, "08");
    assert_eq!(kinds(1), [FindingKind::NonSpecificCvx]);
    // The specific Hep B products in use are suggested.
    let suggested: Vec<&str> = found[1].findings[0]
        .suggestions
        .iter()
        .map(|p| p.cvx.as_str())
        .collect();
    assert!(suggested.contains(&"08"), "{suggested:?}");
    assert!(
        kinds(2).contains(&FindingKind::InactiveCvx),
        "{:?}",
        found[2]
    );
    assert_eq!(kinds(3), [FindingKind::VagueBrand]);
    assert!(found[3].findings[0].suggestions.len() > 1);
    assert!(
        kinds(4).contains(&FindingKind::NdcCvxMismatch),
        "{:?}",
        found[4]
    );
    assert_eq!(
        found[4]
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::NdcCvxMismatch)
            .unwrap()
            .suggestions[0]
            .cvx,
        "08"
    );
    assert_eq!(kinds(5), [FindingKind::NoCode]);
    assert!(
        kinds(6).contains(&FindingKind::MvxCvxMismatch),
        "{:?}",
        found[6]
    );
    assert_eq!(kinds(7), [FindingKind::InvalidNdc]);
}

#[test]
fn maine_checks_cost_nothing_per_message_beyond_their_rules() {
    // The profile is read once; each call hands out the same data.
    let a = validate::profile("maine").unwrap();
    let b = validate::profile("maine").unwrap();
    assert_eq!(a, b);
    // A VXU that is no VXU of Maine's kind: an ACK gets no Maine finding.
    let ack = b"MSH|^~\\&|IIS|STATE|EHR|CLINIC|20240316||ACK^V04^ACK|A1|P|2.5.1||||||||||Z23^CDCPHINVS\rMSA|AA|ME-CLEAN-1\r";
    let report = check(&a, ack);
    assert!(
        report.issues.iter().all(|i| !i.rule.starts_with("ME-")),
        "{}",
        render(&report)
    );
    let _ = Message::Ack;
}
