#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The `inspect` example, driven as a library: its built-in sample, the typed view (labels from the
//! declarations, nulls, empty and absent values, unknown segments), `--json`, `--er7`, `--raw`,
//! `--version`, its verdicts and exit status, over the sample and the real corpus. The typed view and
//! `--json` need the `serde` feature (on by default).
#![cfg(feature = "serde")]

#[allow(dead_code)]
#[path = "../examples/inspect.rs"]
mod inspect;

use std::ffi::OsString;

use inspect::Mode;
use izmsg::er7;
use izmsg::model::{self, Decoded, Message, segments};

mod common;

use common::{Corpus, all_messages, own_path};

fn run_mode(mode: Mode, bytes: &[u8]) -> (bool, Vec<u8>) {
    let (ok, out, _) = run_with_errors(mode, bytes);
    (ok, out)
}

/// The inspector over `bytes`: whether everything parsed, standard output, standard error.
fn run_with_errors(mode: Mode, bytes: &[u8]) -> (bool, Vec<u8>, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut inspector = inspect::Inspector::new(&mut out, &mut err, mode);
    let ok = inspector.input("test", bytes).unwrap();
    inspector.finish().unwrap();
    (ok, out, String::from_utf8(err).unwrap())
}

fn run(bytes: &[u8]) -> (bool, String) {
    let (ok, out) = run_mode(Mode::Typed, bytes);
    (ok, String::from_utf8(out).unwrap())
}

fn raw(bytes: &[u8]) -> (bool, String) {
    let (ok, out) = run_mode(Mode::Raw, bytes);
    (ok, String::from_utf8(out).unwrap())
}

/// The program on these arguments: exit status and standard output.
fn cli(args: &[&str]) -> (u8, Vec<u8>) {
    let (status, out, _) = cli_with_errors(args);
    (status, out)
}

/// The program on these arguments: exit status, standard output and standard error.
fn cli_with_errors(args: &[&str]) -> (u8, Vec<u8>, String) {
    let args: Vec<OsString> = std::iter::once("inspect")
        .chain(args.iter().copied())
        .map(OsString::from)
        .collect();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let status = inspect::run(&args, &mut out, &mut err);
    (status, out, String::from_utf8(err).unwrap())
}

fn has_line(out: &str, line: &str) -> bool {
    out.lines().any(|l| l == line)
}

#[test]
fn the_sample_is_a_clean_ig_vxu() {
    let msg = er7::parse(inspect::SAMPLE.as_bytes()).unwrap();
    assert!(msg.warnings().is_empty(), "{:?}", msg.warnings());
    let ids: Vec<_> = msg.segments().map(|s| s.id()).collect();
    assert_eq!(
        ids,
        [
            "MSH", "PID", "PD1", "NK1", "ORC", "RXA", "RXR", "OBX", "OBX", "OBX", "OBX"
        ]
    );
    let decoded = model::decode(inspect::SAMPLE.as_bytes()).unwrap();
    assert!(decoded.issues.is_empty(), "{:?}", decoded.issues);
    assert!(matches!(decoded.message, Message::Vxu(_)));
    assert_eq!(decoded.message.encode(), inspect::SAMPLE.as_bytes());
}

#[test]
fn typed_view_names_segments_fields_and_components() {
    let (ok, out) = run(inspect::SAMPLE.as_bytes());
    assert!(ok);
    for line in [
        "== test: message 1 of 1: VXU^V04^VXU_V04, profile Z22^CDCPHINVS, control ID MSG-20240315-0001 (11 segments)",
        "[1] MSH Message Header",
        "  MSH-1 Field Separator = |",
        "  MSH-2 Encoding Characters = ^~\\&",
        "  MSH-9 Message Type (MSG)",
        "    MSH-9.1 Message Code = VXU",
        "      MSH-22.6.2 Universal ID = 2.16.840.1.113883.3.9999.1",
        "[2] PID Patient Identification",
        "  PID-5[1] Patient Name (XPN_IZ)",
        "    PID-5[1].1 Family Name = Testpatient",
        "    PID-5[1].2 Given Name = Robin",
        "  PID-7 Date/Time of Birth = 20230110",
        "  PID-25 Birth Order = \"\"  (null: delete)",
        "    ORC-17.2 Text = Sunny Clinic & Family Care",
        "[6] RXA Pharmacy/Treatment Administration",
        "  RXA-5 Administered Code (CE_IZ)",
        "    RXA-5.1 Identifier = 08",
        "    RXA-5.3 Name of Coding System = CVX",
        "  RXA-15[1] Substance Lot Number = AB1234C",
        // OBX-5 is named by the type OBX-2 gives.
        "  OBX-5 Observation Value (CE)",
        "    OBX-5.1 Identifier = V02",
        "  OBX-5 Observation Value = 20230512",
        "warnings: none",
        "decode issues: none",
    ] {
        assert!(has_line(&out, line), "no line {line:?} in\n{out}");
    }
    // Absent fields are not shown; the header quotes no patient data.
    assert!(!out.contains("PID-2 "), "{out}");
    assert!(!out.contains("PID-4 "), "{out}");
    let header = out.lines().find(|l| l.starts_with("==")).unwrap();
    assert!(!header.contains("Testpatient") && !header.contains("PAT-000123"));
}

/// Every field label the typed view prints is the declaration's, for every segment of every corpus
/// message: the example writes no label of its own.
#[test]
fn labels_come_from_the_declarations() {
    let mut checked = 0;
    for (name, bytes) in all_messages(&["vxu", "rsp", "qbp", "ack", "batch"]) {
        let (_, out) = run(&bytes);
        let mut in_segments = false;
        for line in out.lines() {
            if line.starts_with("==") {
                in_segments = true;
            } else if line.starts_with("warnings:") {
                in_segments = false; // warnings and issues are not fields
            }
            if !in_segments {
                continue;
            }
            let Some(rest) = line.strip_prefix("  ").filter(|r| !r.starts_with(' ')) else {
                continue;
            };
            let (path, after) = rest.split_once(' ').unwrap_or((rest, ""));
            let Some((id, seq)) = path.split_once('-') else {
                continue;
            };
            let Some(defs) = segments::fields_of(id) else {
                continue;
            };
            let seq: usize = seq
                .split(['[', '.'])
                .next()
                .unwrap()
                .parse()
                .unwrap_or_else(|_| panic!("{name}: {line:?}"));
            let label = after.split(" = ").next().unwrap();
            match defs.get(seq - 1) {
                Some(def) => assert!(
                    label == def.label || label.starts_with(&format!("{} (", def.label)),
                    "{name}: {line:?} does not carry the label {:?}",
                    def.label
                ),
                // A field past the declared ones is shown without a label.
                None => assert!(after.starts_with("= ") || after.is_empty(), "{line:?}"),
            }
            checked += 1;
        }
    }
    let least = if Corpus::here().is_some() { 5_000 } else { 150 };
    assert!(checked > least, "{checked}");
}

#[test]
fn every_declared_segment_has_a_title() {
    use izmsg::model::types::components_of;
    for decl in segments::ALL {
        assert_eq!(segments::title_of(decl.id), Some(decl.title));
        assert!(!decl.title.is_empty(), "{}", decl.id);
        for def in decl.fields {
            if let Some(components) = components_of(def.datatype) {
                assert!(
                    !components.is_empty(),
                    "{}-{} {}",
                    decl.id,
                    def.seq,
                    def.datatype
                );
            }
        }
    }
    assert_eq!(components_of("CE_IZ"), components_of("CWE"));
    assert!(components_of("ST").is_none());
}

#[test]
fn null_empty_and_absent_are_told_apart() {
    let (ok, out) = run(
        b"MSH|^~\\&|^^|CLINIC||||||VXU^V04^VXU_V04|C1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
          PID|1||A1^^^X&1.2&ISO^MR~~B2^^^Y^SS||Doe^\"\"||||||~\r",
    );
    assert!(ok);
    for line in [
        "  MSH-3 Sending Application = (present, empty)",
        "  MSH-4 Sending Facility = CLINIC",
        "    PID-3[1].4 Assigning Authority (HD_IZ)",
        "      PID-3[1].4.2 Universal ID = 1.2",
        "  PID-3[2] Patient Identifier List = (present, empty)",
        "    PID-3[3].5 Identifier Type Code = SS",
        "    PID-5[1].2 Given Name = \"\"  (null: delete)",
        "  PID-11[1] Patient Address = (present, empty)",
        "  PID-11[2] Patient Address = (present, empty)",
    ] {
        assert!(has_line(&out, line), "no line {line:?} in\n{out}");
    }
    assert!(
        !out.contains("MSH-5 "),
        "absent fields are not shown:\n{out}"
    );
    assert!(!out.contains("PID-6 "), "{out}");
}

#[test]
fn unknown_segments_extra_fields_warnings_and_issues_are_shown() {
    let (ok, out) = run(b"MSH|^~\\&|A||||||VXU^V04^VXU_V04|C1|P|2.5.1\n\
        PID|1||A1^^^X^MR||Doe^Jane||20200101|F||||||||||||||||||||||||||||||||x^y\n\
        ZXY|abc|p^q&r~s\n");
    assert!(ok);
    for line in [
        "[3] ZXY (not declared: fields by position)",
        "  ZXY-1 = abc",
        "  ZXY-2[1]",
        "    ZXY-2[1].1 = p",
        "      ZXY-2[1].2.2 = r",
        "  ZXY-2[2] = s",
        "  PID-40",
        "    PID-40.2 = y",
        "warnings:",
        "  byte 42: a segment is terminated by LF instead of CR (3 times)",
        "decode issues:",
    ] {
        assert!(has_line(&out, line), "no line {line:?} in\n{out}");
    }
    assert!(
        out.contains("PID-40 (segment 2, byte 113): field beyond the last one the segment defines"),
        "{out}"
    );
    assert!(out.contains("ZXY (segment 3"), "{out}");
}

#[test]
fn typed_view_of_every_corpus_file_never_panics() {
    for (name, bytes) in all_messages(&["vxu", "rsp", "qbp", "ack", "batch", "odd"]) {
        let (ok, out) = run(&bytes);
        let parses = er7::split(&bytes).is_ok_and(|b| {
            b.groups
                .iter()
                .all(|g| g.messages.iter().all(Result::is_ok))
        });
        assert_eq!(ok, parses, "{name}");
        if ok {
            assert!(out.contains("decode issues:"), "{name}");
        }
    }
}

#[test]
fn json_is_the_decoded_message() {
    let file = own_path("vxu/001-administered.hl7");
    let bytes = std::fs::read(&file).unwrap();
    let (status, out) = cli(&["--json", &file]);
    assert_eq!(status, 0);
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["message"]["type"], "Vxu");
    assert!(doc["message"]["msh"]["message_type"]["message_code"] == "VXU");
    assert!(doc["message"]["pid"]["patient_name"][0]["family_name"]["surname"].is_string());
    assert!(doc["message"]["orders"][0]["rxa"]["administered_code"]["identifier"].is_string());
    assert!(doc["warnings"].is_array() && doc["issues"].is_array());
    // The document is the Decoded, and reads back as it.
    let back: Decoded = serde_json::from_slice(&out).unwrap();
    assert_eq!(back, model::decode(&bytes).unwrap());

    // Several messages: one array.
    let ack = own_path("ack/001-accepted.hl7");
    let (status, out) = cli(&["--json", &file, &ack]);
    assert_eq!(status, 0);
    let docs: Vec<Decoded> = serde_json::from_slice(&out).unwrap();
    assert_eq!(docs.len(), 2);
    assert!(matches!(docs[1].message, Message::Ack(_)));

    // The sample, and a batch of two: one document, then an array of two.
    let (_, out) = run_mode(Mode::Json, inspect::SAMPLE.as_bytes());
    assert!(
        serde_json::from_slice::<serde_json::Value>(&out)
            .unwrap()
            .is_object()
    );
    let mut b = er7::BatchBuilder::new();
    b.file_header(&["EHR"]);
    b.push(inspect::SAMPLE.as_bytes());
    b.push(b"MSH|^~\\&|B||||||ACK^V04^ACK|2|P|2.5.1\rMSA|AA|1\r");
    let (ok, out) = run_mode(Mode::Json, &b.finish());
    assert!(ok);
    let docs: Vec<Decoded> = serde_json::from_slice(&out).unwrap();
    assert_eq!(docs.len(), 2);
}

#[test]
fn er7_output_re_reads_as_the_same_typed_message() {
    let mut messages = 0;
    for (name, bytes) in all_messages(&["vxu", "rsp", "qbp", "ack", "batch"]) {
        let (ok, out) = run_mode(Mode::Er7, &bytes);
        assert!(ok, "{name}");
        let originals: Vec<Decoded> = er7::split(&bytes)
            .unwrap()
            .groups
            .iter()
            .flat_map(|g| &g.messages)
            .map(|m| model::decode_parsed(m.as_ref().unwrap(), &er7::Limits::default()))
            .collect();
        assert!(!out.contains(&b'\n'), "{name}: CR terminators only");
        let batch = er7::split(&out).unwrap();
        let again: Vec<Decoded> = batch
            .groups
            .iter()
            .flat_map(|g| &g.messages)
            .map(|m| model::decode_parsed(m.as_ref().unwrap(), &er7::Limits::default()))
            .collect();
        assert_eq!(again.len(), originals.len(), "{name}");
        for (a, b) in again.iter().zip(&originals) {
            assert_eq!(a.message, b.message, "{name}");
            messages += 1;
        }
    }
    let least = if Corpus::here().is_some() {
        94 + 13
    } else {
        13
    };
    assert!(messages >= least, "{messages}");
    // A canonical message comes out byte for byte.
    let (_, out) = run_mode(Mode::Er7, inspect::SAMPLE.as_bytes());
    assert_eq!(out, inspect::SAMPLE.as_bytes());
}

#[test]
fn exit_status_and_options() {
    let good = own_path("vxu/001-administered.hl7");
    let broken = own_path("odd/008-msh2-too-short.hl7");
    let missing = own_path("no-such-file.hl7");
    for mode in [None, Some("--json"), Some("--er7"), Some("--raw")] {
        let with = |files: &[&str]| {
            let mut args: Vec<&str> = mode.into_iter().collect();
            args.extend_from_slice(files);
            cli(&args).0
        };
        assert_eq!(with(&[&good]), 0, "{mode:?}");
        assert_eq!(with(&[&broken]), 2, "{mode:?}");
        assert_eq!(with(&[&good, &broken]), 2, "{mode:?}");
        assert_eq!(with(&[&missing]), 2, "{mode:?}");
    }
    // A broken file prints nothing in the typed view (the error goes to standard error).
    let (_, out) = cli(&[&broken]);
    assert!(out.is_empty());
    // --json with nothing parsed is an empty array.
    let (status, out) = cli(&["--json", &broken]);
    assert_eq!(status, 2);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out).unwrap(),
        serde_json::json!([])
    );
    assert_eq!(cli(&["--json", "--raw"]).0, 2);
    assert_eq!(cli(&["--bogus"]).0, 2);
    let (status, out) = cli(&["--help"]);
    assert_eq!(status, 0);
    assert!(String::from_utf8(out).unwrap().contains("--er7"));
    let (status, out) = cli(&[]);
    assert_eq!(status, 0);
    assert!(String::from_utf8(out).unwrap().contains("[6] RXA "));
}

#[test]
fn version_names_the_code_set_dates() {
    let (status, out) = cli(&["--version"]);
    assert_eq!(status, 0);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with(&format!("inspect (izmsg {})\n", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    assert!(
        out.contains(&format!("code sets as of {}", izmsg::codes::as_of())),
        "{out}"
    );
    for p in izmsg::codes::provenance() {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(p.dataset) && l.contains(&p.as_of.to_string())),
            "{} missing from\n{out}",
            p.dataset
        );
    }
}

#[test]
fn no_input_panics_in_any_mode() {
    let sample = inspect::SAMPLE.as_bytes();
    let mut inputs: Vec<Vec<u8>> = (0..sample.len())
        .step_by(5)
        .map(|n| sample[..n].to_vec())
        .collect();
    for (i, b) in [b'|', b'^', b'~', b'\\', b'&', b'\r', b'"', 0xff]
        .iter()
        .enumerate()
    {
        for at in (i * 13..sample.len()).step_by(97) {
            let mut m = sample.to_vec();
            m[at] = *b;
            inputs.push(m);
        }
    }
    inputs.push(b"MSH|^~\\&\rZZZ|\\X\\|\\H\\|\"\"\r".to_vec());
    for input in &inputs {
        for mode in [Mode::Typed, Mode::Raw, Mode::Json, Mode::Er7] {
            let _ = run_mode(mode, input);
        }
    }
}

// --- the raw view, as before ------------------------------------------------------------------

#[test]
fn raw_output_shows_paths_nulls_and_escapes() {
    let (ok, out) = raw(inspect::SAMPLE.as_bytes());
    assert!(ok);
    for line in [
        "== test: message 1 of 1 (11 segments,",
        "warnings: none",
        "[1] MSH @0",
        "  MSH-1 = |",
        "  MSH-2 = ^~\\&",
        "  MSH-9.1 = VXU",
        "  MSH-22.6.2 = 2.16.840.1.113883.3.9999.1",
        "[2] PID @374",
        "  PID-5.1 = Testpatient",
        "  PID-7 = 20230110",
        "  PID-25 = \"\"  (HL7 null: delete the stored value)",
        "  ORC-17.2 = Sunny Clinic & Family Care",
        "  RXA-5.1 = 08",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(line)),
            "no line {line:?} in\n{out}"
        );
    }
    assert!(!out.contains("PID-2 ="));
    assert!(!out.contains("PID-4"));
}

#[test]
fn raw_repetitions_and_warnings_are_shown() {
    let (ok, out) = raw(b"MSH|^~\\&|A\nPID|1||A1^^^X&1.2&ISO^MR~B2^^^Y^SS||\\X0D\\\n");
    assert!(ok);
    assert!(out.contains("  PID-3[1].4.2 = 1.2\n"), "{out}");
    assert!(out.contains("  PID-3[2].5 = SS\n"), "{out}");
    assert!(out.contains("  PID-5 = \\r\n"), "{out}");
    assert!(
        out.contains("a segment is terminated by LF instead of CR (2 times)"),
        "{out}"
    );
}

#[test]
fn failures_are_reported_not_printed() {
    for mode in [Mode::Typed, Mode::Raw, Mode::Er7] {
        let (ok, out) = run_mode(mode, b"MSH|^~&|A\rPID|1\r");
        assert!(!ok);
        assert!(out.is_empty(), "{mode:?}");
        let (ok, _) = run_mode(mode, b"");
        assert!(!ok);
        let (ok, _) = run_mode(mode, b"\x00\x01garbage");
        assert!(!ok);
    }
    // One bad message among good ones: the good ones are shown, the verdict is a failure.
    let (ok, out) = run(b"MSH|^~\\&|A\rPID|1\rMSH|^~&|B\rPID|2\rMSH|^~\\&|C\r");
    assert!(!ok);
    assert!(
        out.contains("message 1 of 3") && out.contains("message 3 of 3"),
        "{out}"
    );
    assert!(!out.contains("message 2 of 3"));
}

#[test]
fn mllp_and_batches_are_recognised() {
    let mut framed = er7::mllp::frame(inspect::SAMPLE.as_bytes());
    er7::mllp::frame_into(b"MSH|^~\\&|B\rMSA|AA|1\r", &mut framed);
    let (ok, out) = raw(&framed);
    assert!(ok);
    assert!(
        out.contains("test (MLLP frame 1; offsets within the frame): message 1 of 1"),
        "{out}"
    );
    assert!(out.contains("  MSA-1 = AA"), "{out}");
    let (ok, out) = run(&framed);
    assert!(ok);
    assert!(has_line(&out, "  MSA-1 Acknowledgment Code = AA"), "{out}");
    let (ok, out) = run_mode(Mode::Er7, &framed);
    assert!(ok);
    assert!(out.starts_with(inspect::SAMPLE.as_bytes()));
    framed.extend_from_slice(b"\x0bMSH|^~\\&|C\r");
    let (ok, _) = raw(&framed);
    assert!(!ok, "a truncated frame is a failure");

    let mut b = er7::BatchBuilder::new();
    b.file_header(&["EHR"]);
    b.push(inspect::SAMPLE.as_bytes());
    b.push(b"MSH|^~\\&|B\rMSA|AA|1\r");
    let batch = b.finish();
    for (ok, out) in [raw(&batch), run(&batch)] {
        assert!(ok);
        assert!(
            out.starts_with("# test: batch file, 1 batch(es), 2 message(s)"),
            "{out}"
        );
        let order: Vec<_> = out
            .lines()
            .filter(|l| l.starts_with('['))
            .filter(|l| ["FHS", "BHS", "BTS", "FTS"].iter().any(|id| l.contains(id)))
            .collect();
        assert_eq!(order.len(), 4, "{out}");
        assert!(
            order[0].contains("FHS")
                && order[1].contains("BHS")
                && order[2].contains("BTS")
                && order[3].contains("FTS")
        );
    }
    let (_, out) = run(&batch);
    assert!(out.contains("] FHS File Header"), "{out}");
    // The machine outputs hold the messages only.
    let (ok, out) = run_mode(Mode::Er7, &batch);
    assert!(ok);
    assert!(out.starts_with(b"MSH|") && !out.windows(3).any(|w| w == b"FHS"));
}

#[test]
fn msh_9_is_labelled_for_every_message_type() {
    for name in [
        "ack/001-accepted.hl7",
        "rsp/002-z32-history.hl7",
        "qbp/001-z34-history.hl7",
        "odd/009-adt-other-type.hl7",
        "vxu/001-administered.hl7",
    ] {
        let (ok, out) = run(&common::own(name));
        assert!(ok, "{name}");
        assert!(
            has_line(&out, "  MSH-9 Message Type (MSG)"),
            "{name}:\n{out}"
        );
        assert!(
            !out.contains("MSG_IZ_VXU"),
            "{name}: a VXU label on another message"
        );
    }
}

#[test]
fn problems_go_to_the_error_stream_not_to_the_test_output() {
    let missing = own_path("no-such-file.hl7");
    let (status, out, err) = cli_with_errors(&[&missing]);
    assert_eq!(status, 2);
    assert!(out.is_empty());
    assert!(err.starts_with(&format!("{missing}: ")), "{err}");
    let (status, _, err) = cli_with_errors(&["--bogus"]);
    assert_eq!(status, 2);
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
    let (status, _, err) = cli_with_errors(&["--json", "--raw"]);
    assert_eq!(status, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let (_, _, err) = run_with_errors(Mode::Typed, b"MSH|^~&|A\rPID|1\r");
    assert!(
        err.starts_with("test: message 1 of 1: byte 0: invalid delimiters"),
        "{err}"
    );
}
