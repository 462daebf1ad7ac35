#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The `onboard` example: the checklist of a profile file that extends `maine` over a set of test
//! messages (library call and the built binary), `--json`, `--scenarios`, `--vaccines`, a bad
//! profile file, and the corpus's VXUs through Maine's review.
#![cfg(feature = "serde")]

#[allow(dead_code)]
#[path = "../examples/onboard.rs"]
mod onboard;

mod common;

use common::Corpus;

use std::ffi::OsString;
use std::path::PathBuf;

const CLEAN: &str = "MSH|^~\\&|MYEHR|ME1234^2.16.840.1.113883.3.72.5.40.1^ISO|IMMPACT|MEDHHS|20240316093000-0400||VXU^V04^VXU_V04|CTRL-OK|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS|PINE-ORG^^^^^IMMPACT^XX^^^ME5678\r\
PID|1||PT-4411^^^MYEHR^MR||Testpatient^Robin^Lee^^^^L|Sample^Pat^^^^^M|20230110|F||2106-3^White^CDCREC|12 Main St^^Augusta^ME^04330^USA^L||^PRN^PH^^^207^5550123|||||||||2186-5^Not Hispanic or Latino^CDCREC\r\
PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|20240316|||A|20240316|20240316\r\
NK1|1|Testpatient^Jordan^^^^^L|MTH^Mother^HL70063|12 Main St^^Augusta^ME^04330^USA^L|^PRN^PH^^^207^5550123\r\
ORC|RE||IZ-9001^MYEHR|||||||7890^Nurse^Nina^^^^^^MYEHR^L^^^PRN||4567^Doctor^Dana^^^^^^MYEHR^L^^^PRN\r\
RXA|0|1|20240315||08^Hep B, adolescent or pediatric^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|7890^Nurse^Nina^^^^^^MYEHR^L^^^PRN|^^^ME1234||||AB1234C|20251231|MSD^Merck and Co., Inc.^MVX|||CP|A\r\
RXR|IM^Intramuscular^HL70162|LA^Left Arm^HL70163\r\
OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20240315|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r\
OBX|2|CE|30956-7^vaccine type^LN|2|45^Hep B, unspecified formulation^CVX||||||F\r\
OBX|3|TS|29768-9^Date vaccine information statement published^LN|2|20230512||||||F\r\
OBX|4|TS|29769-7^Date vaccine information statement presented^LN|2|20240315||||||F\r";

/// Extends maine: relaxes the next of kin to information, adds the clinic's facility ID.
const CLINIC: &str = r#"[profile]
name = "pine-clinic"
extends = "maine"

[severity]
"ME-NK1" = "information"

[[rule]]
id = "PINE-MSH-4"
field = "MSH-4.1"
check = "one-of"
values = ["ME1234"]
severity = "error"
message = "The sending facility in {subject} is not the ID ImmPact assigned to the clinic."
fix = "Set the facility ID in the interface to the one in the ImmPact welcome letter."
source = "ImmPact welcome letter"

[[checklist]]
item = "b"
title = "All messages have appropriate sending Facility ID and Responsible Org ID."
rules = ["ME-MSH-4", "ME-MSH-22", "PINE-MSH-4"]
source = "ME-ONB D.2.b"

[[checklist]]
item = "i"
title = "All patients include a next of kin (NK1)."
rules = ["ME-NK1"]
source = "ME-ONB D.2.i"
"#;

/// A fresh directory under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("izmsg-onboard-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The test set: a clean message, one from another facility, one without a next of kin.
fn test_set(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let msgs = dir.join("messages");
    std::fs::create_dir_all(&msgs).unwrap();
    std::fs::write(msgs.join("1-clean.hl7"), CLEAN).unwrap();
    let other = CLEAN
        .replace("|ME1234^2.16", "|ME9999^2.16")
        .replace("CTRL-OK", "CTRL-FAC");
    std::fs::write(msgs.join("2-facility.hl7"), other).unwrap();
    let no_nk1: String = CLEAN
        .split('\r')
        .filter(|s| !s.starts_with("NK1"))
        .collect::<Vec<_>>()
        .join("\r")
        .replace("CTRL-OK", "CTRL-NONK1");
    std::fs::write(msgs.join("3-no-nk1.hl7"), no_nk1).unwrap();
    let clinic = dir.join("clinic.toml");
    std::fs::write(&clinic, CLINIC).unwrap();
    (clinic, msgs)
}

fn cli(args: &[&dyn AsRef<std::ffi::OsStr>]) -> (u8, String) {
    let mut argv: Vec<OsString> = vec!["onboard".into()];
    argv.extend(args.iter().map(|a| a.as_ref().to_os_string()));
    let mut out = Vec::new();
    let code = onboard::run(&argv, &mut out);
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn a_clinic_profile_over_maine_gives_its_checklist() {
    let (clinic, msgs) = test_set("text");
    let (code, out) = cli(&[
        &"--profile-file",
        &clinic,
        &"--now",
        &"2024-03-16",
        &"--scenarios",
        &msgs,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("profile pine-clinic (ImmPact (Maine Immunization Program)), 3 messages, as of 2024-03-16"), "{out}");
    assert!(
        out.contains("  [FAIL] b. All messages have appropriate sending Facility ID"),
        "{out}"
    );
    assert!(out.contains("         1 message: CTRL-FAC\n"), "{out}");
    assert!(
        out.contains(
            "Fix:   Set the facility ID in the interface to the one in the ImmPact welcome letter."
        ),
        "{out}"
    );
    // Relaxed to information: item i passes, and the issue is not "other" either.
    assert!(
        out.contains("  [PASS] i. All patients include a next of kin (NK1)."),
        "{out}"
    );
    assert!(!out.contains("Other issues"), "{out}");
    assert!(out.contains("[covered] administered"), "{out}");
    assert!(out.contains("[MISSING] historical"), "{out}");
    assert!(out.contains("Missing: historical"), "{out}");
    assert!(
        out.contains("Result: 1 of 2 checklist items fail."),
        "{out}"
    );
    // Patient data never shows.
    for secret in ["Testpatient", "Robin", "Main St", "20230110", "PT-4411"] {
        assert!(!out.contains(secret), "{secret}");
    }
    // Only the clean message: exit 0.
    let (code, out) = cli(&[
        &"--profile-file",
        &clinic,
        &"--now",
        &"2024-03-16",
        &msgs.join("1-clean.hl7"),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Result: every checklist item passes."),
        "{out}"
    );
}

#[test]
fn json_gives_the_same_review_as_one_document() {
    let (clinic, msgs) = test_set("json");
    let (code, out) = cli(&[
        &"--profile-file",
        &clinic,
        &"--now",
        &"2024-03-16",
        &"--json",
        &msgs,
    ]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["profile"], "pine-clinic");
    assert_eq!(doc["passed"], false);
    let review = &doc["review"];
    assert_eq!(review["messages"], 3);
    let items = review["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], "b");
    assert_eq!(items[0]["passed"], false);
    assert_eq!(items[0]["control_ids"], serde_json::json!(["CTRL-FAC"]));
    assert_eq!(items[1]["passed"], true);
    let missing: Vec<&str> = review["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["required"] == true && s["control_ids"].as_array().unwrap().is_empty())
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["historical"]);
}

/// The example as built by cargo (`cargo test` builds the examples).
fn binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    dir.join("examples")
        .join(format!("onboard{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn the_built_binary_runs_the_review_and_names_a_bad_profile_files_line() {
    let (clinic, msgs) = test_set("binary");
    let bin = binary();
    if !bin.exists() {
        // `cargo test` builds the examples; `cargo test --test onboard_example` alone does not.
        eprintln!(
            "skipped: {} is not built (run the whole `cargo test`)",
            bin.display()
        );
        return;
    }
    let run = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut cmd = std::process::Command::new(&bin);
        for a in args {
            cmd.arg(a);
        }
        cmd.output().unwrap()
    };
    let output = run(&[&"--profile-file", &clinic, &"--now", &"2024-03-16", &msgs]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("[FAIL] b."), "{stdout}");
    let output = run(&[
        &"--profile",
        &"maine",
        &"--now",
        &"2024-03-16",
        &msgs.join("1-clean.hl7"),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );

    let bad = clinic.with_file_name("bad.toml");
    std::fs::write(
        &bad,
        CLINIC.replace("check = \"one-of\"", "check = \"one of\""),
    )
    .unwrap();
    let output = run(&[&"--profile-file", &bad, &msgs]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:11:9: `one of` is not a check", bad.display())),
        "{stderr}"
    );
    let output = run(&[&"--profile", &"atlantis", &msgs]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("no profile `atlantis` (shipped: cdc,")
    );
}

#[test]
fn the_vaccine_list_audit_reads_a_csv() {
    let dir = scratch("vaccines");
    let csv = dir.join("vaccines.csv");
    std::fs::write(
        &csv,
        "Name,Brand,NDC,CVX,MVX,Stock\nEngerix-B peds,Engerix-B,,08,SKB,12\nHep B,,,45,,3\nFlu HD,Fluzone High-Dose Quadrivalent,,,,1\n",
    )
    .unwrap();
    let (code, out) = cli(&[&"--vaccines", &csv, &"--now", &"2024-09-01"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Vaccine list: 3 entries, 2 with findings"),
        "{out}"
    );
    assert!(out.contains("  line 3 (Hep B):"), "{out}");
    assert!(out.contains("unspecified formulation"), "{out}");
    assert!(out.contains("  line 4 (Flu HD):"), "{out}");
    assert!(out.contains("maybe: "), "{out}");
    assert!(!out.contains("line 2 "), "{out}");
}

#[test]
fn the_corpus_vxus_through_maines_review() {
    let Some(corpus) = Corpus::here() else { return };
    let dir = corpus.root().join("vxu");
    let (code, out) = cli(&[
        &"--profile",
        &"maine",
        &"--now",
        &"2024-03-16",
        &"--json",
        &dir,
    ]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let review = &doc["review"];
    assert_eq!(review["messages"], 29);
    // The items decided by Maine's own rules and the IG's structure (the data-quality rules of the
    // other items are still to come): how many of the 29 fail each.
    let failing = |id: &str| -> u64 {
        review["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()["failing"]
            .as_u64()
            .unwrap()
    };
    let counts: Vec<(&str, u64)> = ["b", "c", "f", "h", "i", "j"]
        .iter()
        .map(|i| (*i, failing(i)))
        .collect();
    assert_eq!(
        counts,
        EXPECTED_CORPUS_COUNTS,
        "{}",
        serde_json::to_string_pretty(&review["items"]).unwrap()
    );
}

/// b: 18 messages lack MSH-4 or MSH-22; c: 10 lack race or ethnicity; f and h: 2 have an
/// administered dose without VFC eligibility / VIS date; i: 14 have no NK1 or an incomplete one;
/// j: 2 have units that are not mL^^UCUM.
const EXPECTED_CORPUS_COUNTS: [(&str, u64); 6] = [
    ("b", 18),
    ("c", 10),
    ("f", 2),
    ("h", 2),
    ("i", 14),
    ("j", 2),
];

/// A built example binary (`cargo test` builds the examples; a single `--test` run does not).
fn example(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if bin.exists() {
        Some(bin)
    } else {
        eprintln!(
            "skipped: {} is not built (run the whole `cargo test`)",
            bin.display()
        );
        None
    }
}

#[test]
fn validate_takes_a_profile_file_too() {
    let Some(bin) = example("validate") else {
        return;
    };
    let (clinic, msgs) = test_set("validate");
    let run = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let mut cmd = std::process::Command::new(&bin);
        for a in args {
            cmd.arg(a);
        }
        cmd.output().unwrap()
    };
    let clean = msgs.join("1-clean.hl7");
    let other = msgs.join("2-facility.hl7");
    let output = run(&[&"--profile-file", &clinic, &"--now", &"2024-03-16", &clean]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    // The clinic's added rule: another facility ID is an error (maine alone has no opinion).
    let output = run(&[
        &"--profile-file",
        &clinic,
        &"--now",
        &"2024-03-16",
        &"--json",
        &other,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("PINE-MSH-4"), "{stdout}");
    let output = run(&[&"--profile", &"maine", &"--now", &"2024-03-16", &other]);
    assert_eq!(output.status.code(), Some(0));
    // The clinic's relaxed rule: no next of kin is information, not a warning.
    let output = run(&[
        &"--profile-file",
        &clinic,
        &"--now",
        &"2024-03-16",
        &"--json",
        &msgs.join("3-no-nk1.hl7"),
    ]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("ME-NK1") && stdout.contains("\"information\""),
        "{stdout}"
    );
    let bad = clinic.with_file_name("bad-validate.toml");
    std::fs::write(
        &bad,
        CLINIC.replace("extends = \"maine\"", "extends = \"atlantis\""),
    )
    .unwrap();
    let output = run(&[&"--profile-file", &bad, &clean]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "{}:3:11: `atlantis` is not a known profile",
            bad.display()
        )),
        "{stderr}"
    );
}
