#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The `inspect` example, driven as a library: its built-in sample, its output shape and its verdicts.

#[allow(dead_code)]
#[path = "../examples/inspect.rs"]
mod inspect;

use izmsg::er7;

fn run(bytes: &[u8]) -> (bool, String) {
    let mut out = Vec::new();
    let ok = inspect::inspect_input(&mut out, "test", bytes).unwrap();
    (ok, String::from_utf8(out).unwrap())
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
    let msh = msg.segment(0).unwrap();
    assert_eq!(msh.field(9).unwrap().text(), "VXU^V04^VXU_V04");
    assert_eq!(msh.field(12).unwrap().text(), "2.5.1");
    assert_eq!(msh.field(21).unwrap().text(), "Z22^CDCPHINVS");
    let rxa = msg.segment_by_id("RXA").unwrap();
    assert_eq!(rxa.field(5).unwrap().component(3).text(), "CVX");
    assert_eq!(rxa.field(17).unwrap().component(1).text(), "MSD");
    assert_eq!(rxa.field(20).unwrap().text(), "CP");
    assert_eq!(rxa.field(21).unwrap().text(), "A");
    assert_eq!(
        msg.segment_by_id("OBX")
            .unwrap()
            .field(3)
            .unwrap()
            .component(1)
            .text(),
        "64994-7"
    );
}

#[test]
fn sample_output_shows_paths_nulls_and_escapes() {
    let (ok, out) = run(inspect::SAMPLE.as_bytes());
    assert!(ok);
    for line in [
        "== test: message 1 of 1 (11 segments,",
        "warnings: none",
        "[0] MSH @0",
        "  MSH-1 = |",
        "  MSH-2 = ^~\\&",
        "  MSH-9.1 = VXU",
        "  MSH-22.6.2 = 2.16.840.1.113883.3.9999.1",
        "[1] PID @374",
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
    // Empty fields are not shown.
    assert!(!out.contains("PID-2 ="));
    assert!(!out.contains("PID-4"));
}

#[test]
fn repetitions_and_warnings_are_shown() {
    let (ok, out) = run(b"MSH|^~\\&|A\nPID|1||A1^^^X&1.2&ISO^MR~B2^^^Y^SS||\\X0D\\\n");
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
    let (ok, out) = run(b"MSH|^~&|A\rPID|1\r");
    assert!(!ok);
    assert!(out.is_empty(), "{out}");
    let (ok, _) = run(b"");
    assert!(!ok);
    let (ok, _) = run(b"\x00\x01garbage");
    assert!(!ok);
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
    let (ok, out) = run(&framed);
    assert!(ok);
    assert!(
        out.contains("test (MLLP frame 1; offsets within the frame): message 1 of 1"),
        "{out}"
    );
    assert!(out.contains("  MSA-1 = AA"), "{out}");
    framed.extend_from_slice(b"\x0bMSH|^~\\&|C\r");
    let (ok, _) = run(&framed);
    assert!(!ok, "a truncated frame is a failure");

    let mut b = er7::BatchBuilder::new();
    b.file_header(&["EHR"]);
    b.push(inspect::SAMPLE.as_bytes());
    b.push(b"MSH|^~\\&|B\rMSA|AA|1\r");
    let (ok, out) = run(&b.finish());
    assert!(ok);
    assert!(
        out.starts_with("# test: batch file, 1 batch(es), 2 message(s)"),
        "{out}"
    );
    let order: Vec<_> = out
        .lines()
        .filter(|l| l.starts_with('['))
        .filter(|l| l.contains("HS") || l.contains("TS"))
        .collect();
    assert_eq!(order.len(), 4);
    assert!(
        order[0].contains("FHS")
            && order[1].contains("BHS")
            && order[2].contains("BTS")
            && order[3].contains("FTS")
    );
}
