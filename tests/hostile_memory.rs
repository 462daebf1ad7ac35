//! Memory bounded by the input on hostile shapes: the peak heap of a typed decode, and the heap the
//! decoded message keeps, measured with a counting allocator (`dhat` in testing mode), never wall time.
//!
//! The bound: a decode's peak is at most [`FACTOR`] times the input's size, plus a fixed [`FLOOR`]
//! for small inputs (a 200-byte ACK decodes into a few kilobytes of structs, which is not a denial
//! of service). What keeps it there is the decode budget of `Limits::max_decoded_ratio` (32 bytes
//! held per input byte by default): past it the decode stops with `LimitKind::DecodedSize`. The
//! peak can exceed the budget by what a growing vector holds twice while it moves and by the
//! parse's own index, hence twice the ratio here. Measured (release, `cargo test --release --test
//! hostile_memory -- --nocapture`): 16x to 46x on these shapes, from 1,765x (bare ORC segments)
//! before the budget and the boxed group segments (a vector of repetitions grows by at most what the
//! budget has left, so it does not land far past it). The issue's target of 20x on every shape is
//! not met by the shapes whose units are one to four bytes (bare segments, empty components): a
//! typed segment or component costs more than 20 bytes, so for them only the budget holds.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use izmsg::model;

#[path = "../benches/support/mod.rs"]
mod support;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Peak bytes allocated during a decode, per input byte, at most.
const FACTOR: u64 = 64;
/// Allowance for small inputs.
const FLOOR: u64 = 64 * 1024;

const VXU_HEADER: &str = "MSH|^~\\&|EHR|CLINIC|IIS|ME|20240101120000-0500||VXU^V04^VXU_V04|1|P|2.5.1\rPID|1||X^^^EHR^MR||Doe^Jane\r";
const RSP_HEADER: &str = "MSH|^~\\&|IIS|ME|EHR|CLINIC|20240101120000-0500||RSP^K11^RSP_K11|1|P|2.5.1|||NE|NE|||||Z32^CDCPHINVS\rMSA|AA|Q1\rQAK|Q1|OK|Z34^Request Immunization History^CDCPHINVS\rQPD|Z34^Request Immunization History^CDCPHINVS|Q1\rPID|1||X^^^EHR^MR||Doe^Jane\r";

fn repeat(header: &str, unit: &str, n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(header.len() + unit.len() * n);
    s.push_str(header);
    for _ in 0..n {
        s.push_str(unit);
    }
    s.into_bytes()
}

/// The shapes: each the largest the default limits let through (100,000 segments, 16 MiB).
fn shapes() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("bare ORC segments", repeat(VXU_HEADER, "ORC\r", 19_990)),
        (
            "bare ORC segments in an RSP",
            repeat(RSP_HEADER, "ORC\r", 19_990),
        ),
        ("bare RXA segments", repeat(VXU_HEADER, "RXA\r", 19_990)),
        (
            "unexpected PID segments",
            repeat(VXU_HEADER, "PID\r", 19_990),
        ),
        (
            "tiny OBX segments",
            repeat(VXU_HEADER, "OBX|1|NM|x||1\r", 19_990),
        ),
        (
            "ORC/RXA groups",
            repeat(
                VXU_HEADER,
                "ORC|RE||1^EHR\rRXA|0|1|20240101||20^DTaP^CVX|0.5|mL^^UCUM\r",
                9_990,
            ),
        ),
        ("lone escape characters", {
            let mut m = VXU_HEADER.as_bytes().to_vec();
            m.extend_from_slice(b"NK1|1|");
            m.resize(1024 * 1024 - 2, b'\\');
            m.push(b'\r');
            m
        }),
        (
            "many empty fields",
            repeat(VXU_HEADER, &format!("OBX{}\r", "|".repeat(25)), 19_990),
        ),
        ("components", {
            let mut m = VXU_HEADER.as_bytes().to_vec();
            m.extend_from_slice(b"ORC|RE||1^EHR\rRXA|0|1|20240101||20^DTaP^CVX|0.5|");
            m.extend(std::iter::repeat_n(b'^', 256 * 1024));
            m.push(b'\r');
            m
        }),
        (
            "repetitions",
            repeat(&format!("{VXU_HEADER}NK1|1|Doe^Jane"), "~x", 9_999),
        ),
    ]
}

/// The allocator's counts are process-wide: the tests of this file take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn decode_peak_memory_is_bounded_by_the_input() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut report = Vec::new();
    let mut breaches = Vec::new();
    for (name, input) in shapes() {
        // A profiler per shape: it counts only what is allocated while it runs.
        let profiler = dhat::Profiler::builder().testing().build();
        let decoded = model::decode(&input);
        let after = dhat::HeapStats::get();
        drop(decoded);
        drop(profiler);
        let peak = after.max_bytes as u64;
        let held = after.curr_bytes as u64;
        let len = input.len() as u64;
        let line = format!(
            "{name}: input {len} B, peak {peak} B ({:.1}x), held {held} B ({:.1}x)",
            peak as f64 / len as f64,
            held as f64 / len as f64
        );
        eprintln!("{line}");
        // A decode that succeeds holds what a real message would: the bound applies to it too.
        if peak > FACTOR * len + FLOOR {
            breaches.push(line.clone());
        }
        report.push(line);
    }
    assert!(
        breaches.is_empty(),
        "over {FACTOR}x the input:\n{}",
        breaches.join("\n")
    );
}

#[test]
fn past_the_budget_a_decode_is_a_limit_error_with_its_place() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let input = repeat(VXU_HEADER, "ORC\r", 19_990);
    let err = model::decode(&input).expect_err("a hundred thousand bare ORCs are refused");
    match err {
        izmsg::er7::Error::Limit { limit, max, offset } => {
            assert_eq!(limit, izmsg::er7::LimitKind::DecodedSize);
            // The budget of the message's bytes (the final terminator is not the message's).
            let limits = izmsg::er7::Limits::default();
            assert!(max <= limits.decoded_budget(input.len()), "{max}");
            assert!(max >= limits.decoded_budget(input.len() - 1), "{max}");
            assert!(
                offset > VXU_HEADER.len() && offset < input.len(),
                "{offset}"
            );
            assert_eq!(&input[offset..offset + 3], b"ORC");
        }
        other => panic!("{other}"),
    }
    // The same message, decoded after parsing, says so as its last issue.
    let parsed = izmsg::er7::parse(&input).unwrap();
    let decoded = model::decode_parsed(&parsed, &izmsg::er7::Limits::default());
    let last = decoded.issues.last().unwrap();
    assert_eq!(last.kind, model::DecodeIssueKind::OverBudget);
    // Validation does not call a message it could not read to the end sendable.
    let report = izmsg::validate::Validator::cdc()
        .at_date(2024, 3, 16)
        .validate(&decoded);
    let cut = report
        .issues
        .iter()
        .find(|i| i.rule == "IG-TOO-LARGE")
        .expect("the cut is reported");
    assert_eq!(cut.severity, izmsg::validate::Severity::Error);
    assert!(!report.is_sendable());
    // A budget large enough lets it through.
    let roomy = izmsg::er7::Limits {
        max_decoded_ratio: 1_000,
        ..izmsg::er7::Limits::default()
    };
    assert!(model::decode_with(&input, &roomy).is_ok());
}

#[test]
fn a_field_of_bad_escapes_is_a_few_issues_with_a_count() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut m = VXU_HEADER.as_bytes().to_vec();
    m.extend_from_slice(b"NK1|1|");
    m.extend(std::iter::repeat_n(b'\\', 10_000));
    m.push(b'\r');
    let decoded = model::decode(&m).unwrap();
    let escapes: Vec<_> = decoded
        .issues
        .iter()
        .filter(|i| matches!(i.kind, model::DecodeIssueKind::BadEscape(_)))
        .collect();
    assert!(
        !escapes.is_empty() && escapes.len() <= 8,
        "{}",
        escapes.len()
    );
    let total: u64 = escapes.iter().map(|i| 1 + u64::from(i.more)).sum();
    assert!(total > 1_000, "{total}");
    let last = escapes.last().unwrap();
    assert!(last.to_string().contains("more in this field"), "{last}");
    assert_eq!(last.location.segment, "NK1");
}

/// What a decoded message holds on the heap, per message of the generated corpus (1,257 bytes on
/// average: one to three doses with their VIS, next of kin, address, race, ethnicity): 14.1 KB
/// (11.2x) with 16-byte texts, 17.7 KB (14.0x) with 24-byte ones, about 34 KB when composites were
/// held inline. The issue's target is 6 KB per 1.1 KB; the bound here catches a layout that grows
/// back.
#[test]
fn a_decoded_vxu_holds_about_eleven_times_its_size() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let corpus = support::vxu_corpus(200);
    let input: usize = corpus.iter().map(Vec::len).sum();
    let profiler = dhat::Profiler::builder().testing().build();
    let held: Vec<_> = corpus
        .iter()
        .map(|m| model::decode(m).unwrap().message)
        .collect();
    let stats = dhat::HeapStats::get();
    drop(held);
    drop(profiler);
    let per_message = stats.curr_bytes / corpus.len();
    let ratio = stats.curr_bytes as f64 / input as f64;
    eprintln!(
        "held {per_message} B per message ({ratio:.1}x its size), {} allocations per message",
        stats.curr_blocks / corpus.len()
    );
    assert!(ratio < 12.0, "{ratio:.1}x");
}

/// A bulk reader that decodes into one reused `Decoded` allocates nothing per message once it has
/// seen a message of that shape, and next to nothing over the varied corpus: what is left there is
/// the parts one message has and the one before did not (an order more, a new long text length).
/// Measured: 0 per message on a stream of one shape, 8.5 over the corpus (74 for `decode`).
#[test]
fn decode_into_allocates_nothing_in_the_steady_state() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let corpus = support::vxu_corpus(200);
    let same: Vec<Vec<u8>> = std::iter::repeat_n(corpus[3].clone(), 50).collect();
    let mut decoder = model::Decoder::default();
    let mut out = model::Decoded::default();
    let mut per_message = |set: &[Vec<u8>]| {
        for m in set {
            decoder.decode_into(m, &mut out).unwrap();
        }
        let profiler = dhat::Profiler::builder().testing().build();
        for m in set {
            decoder.decode_into(m, &mut out).unwrap();
        }
        let stats = dhat::HeapStats::get();
        drop(profiler);
        stats.total_blocks as f64 / set.len() as f64
    };
    let same_shape = per_message(&same);
    let varied = per_message(&corpus);
    eprintln!(
        "decode_into: {same_shape:.2} allocations per message of one shape, {varied:.2} over the corpus"
    );
    assert_eq!(same_shape, 0.0);
    assert!(varied < 12.0, "{varied:.2}");
    // The result is the message itself.
    assert_eq!(out, model::decode(&corpus[199]).unwrap());
}
