//! The `bulk` example: the corpus's VXUs and a deliberately broken one through the CDC profile, on
//! one thread and on two; the sendable ones must come out in a batch file, byte for byte and in
//! input order, with the right counts, and the refused ones in the report with their rule ids and
//! no patient value.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[allow(dead_code)]
#[path = "../examples/bulk.rs"]
mod bulk;

mod common;

use std::path::{Path, PathBuf};

use clap::Parser;
use common::Corpus;
use izmsg::{er7, model, validate::Validator};

/// The crate's clean VXU with a birth date after its doses (and in the future), under its own
/// control ID.
fn broken_vxu() -> Vec<u8> {
    let clean = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/validate/clean-vxu.hl7"),
    )
    .unwrap();
    assert!(clean.contains("|CLEAN-0001|") && clean.contains("|20230110|F|"));
    clean
        .replace("|CLEAN-0001|", "|BROKEN-0001|")
        .replace("|20230110|F|", "|20250110|F|")
        .into_bytes()
}

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("izmsg-bulk-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    dir
}

/// Runs `bulk` with `extra` arguments on `dir/in`: its summary, standard output, report and batch.
fn run(dir: &Path, extra: &[&str]) -> (bulk::Summary, String, String, Vec<u8>) {
    let out = dir.join("out.hl7");
    let report = dir.join("report.txt");
    let mut args: Vec<String> = ["bulk", "--now", "2024-03-16", "--out-batch"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.push(out.display().to_string());
    args.push("--report".into());
    args.push(report.display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(dir.join("in").display().to_string());
    let mut stdout = Vec::new();
    let summary = bulk::run(&bulk::Args::parse_from(args), &mut stdout).unwrap();
    (
        summary,
        String::from_utf8(stdout).unwrap(),
        std::fs::read_to_string(report).unwrap(),
        std::fs::read(out).unwrap(),
    )
}

/// The files of `dir/in` in name order, and the bytes of each sendable message (the message's
/// own bytes, as the parser finds them), by the validator called directly.
fn expected(dir: &Path) -> (usize, Vec<Vec<u8>>) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("in"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let validator = Validator::cdc().at_date(2024, 3, 16);
    let mut sendable = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let decoded = model::decode(&bytes).unwrap();
        if validator.validate(&decoded).is_sendable() {
            sendable.push(er7::parse(&bytes).unwrap().as_bytes().to_vec());
        }
    }
    (paths.len(), sendable)
}

/// The batch holds exactly `sendable`, in order, in one batch with counts that match.
fn check_batch(batch: &[u8], sendable: &[Vec<u8>]) {
    let split = er7::split(batch).unwrap();
    assert!(split.warnings.is_empty(), "{:?}", split.warnings);
    assert_eq!(split.groups.len(), 1);
    let bts = split.groups[0].trailer.as_ref().unwrap();
    let count = bts.segment(0).unwrap().field(1).unwrap().text();
    assert_eq!(count, sendable.len().to_string());
    assert_eq!(split.message_count(), sendable.len());
    for (m, want) in split.messages().zip(sendable) {
        assert_eq!(m.as_ref().unwrap().as_bytes(), &want[..]);
    }
}

#[test]
fn bulk_batches_the_sendable_corpus_vxus_and_reports_the_broken_one() {
    let Some(corpus) = Corpus::here() else { return };
    let dir = scratch("corpus");
    let vxus = corpus.kinds(&["vxu"]);
    for (name, bytes) in &vxus {
        let file = name.trim_start_matches("vxu/");
        std::fs::write(dir.join("in").join(file), bytes).unwrap();
    }
    std::fs::write(dir.join("in/zz-broken.hl7"), broken_vxu()).unwrap();
    let (files, sendable) = expected(&dir);
    assert_eq!(files, vxus.len() + 1);
    assert!(!sendable.is_empty() && sendable.len() < files);

    let mut runs = Vec::new();
    for jobs in ["1", "2"] {
        let (summary, stdout, report, batch) = run(&dir, &["--json", "--jobs", jobs]);
        assert_eq!(summary.read, files);
        assert_eq!(summary.sendable, sendable.len());
        assert_eq!(summary.refused, files - sendable.len());
        assert_eq!((summary.failed_inputs, summary.status()), (0, 1));
        check_batch(&batch, &sendable);

        let lines: Vec<serde_json::Value> = report
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), summary.refused);
        let broken = lines.last().unwrap();
        assert!(broken["file"].as_str().unwrap().ends_with("zz-broken.hl7"));
        assert_eq!(broken["control_id"], "BROKEN-0001");
        assert_eq!(broken["position"]["number"], 1);
        assert_eq!(broken["errors"]["DQ-PID-031"][0], "PID-7");
        assert!(
            lines
                .iter()
                .all(|l| l["errors"].as_object().is_some_and(|e| !e.is_empty()))
        );
        // No patient value: neither the broken message's name nor its birth date.
        assert!(!report.contains("Quillfeather") && !report.contains("20250110"));

        let summary_line: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
        assert_eq!(summary_line["summary"]["read"], files);
        assert_eq!(summary_line["summary"]["sendable"], sendable.len());
        runs.push((report, batch));
    }
    assert_eq!(runs[0], runs[1], "the same output on one thread and on two");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bulk_reads_batches_and_message_streams_and_says_what_it_could_not_read() {
    let dir = scratch("own");
    let clean = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/validate/clean-vxu.hl7"),
    )
    .unwrap();
    // A batch of the clean VXU, the broken one and the clean one again; then a file that is no
    // message at all.
    let mut w = er7::BatchWriter::new(Vec::new());
    for m in [&clean, &broken_vxu(), &clean] {
        w.push(m).unwrap();
    }
    std::fs::write(dir.join("in/a-batch.hl7"), w.finish().unwrap()).unwrap();
    std::fs::write(dir.join("in/b-not-hl7.txt"), b"hello\r").unwrap();

    let (summary, stdout, report, batch) = run(&dir, &[]);
    assert_eq!(
        summary,
        bulk::Summary {
            read: 4,
            sendable: 2,
            refused: 2,
            failed_inputs: 0
        }
    );
    let clean_own = er7::parse(&clean).unwrap().as_bytes().to_vec();
    check_batch(&batch, &[clean_own.clone(), clean_own]);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 2, "{report}");
    assert!(
        lines[0].contains("a-batch.hl7: message 2 (bytes "),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("control ID BROKEN-0001: ") && lines[0].contains("DQ-PID-031 at PID-7")
    );
    assert!(
        lines[1].contains("b-not-hl7.txt: message 1 (bytes 0..6): control ID (none): not readable")
    );
    assert!(
        stdout.starts_with("4 messages read: 2 sendable, 2 refused ("),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
