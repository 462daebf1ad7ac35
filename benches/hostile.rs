#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

//! Linear cost on pathological shapes: parse + typed decode of one huge field, very many segments,
//! repetitions, escapes and components, each at three sizes; then validation (`cdc`) of the decoded
//! message, with two more shapes that stress the cross-dose rules (many ORDER groups of one vaccine
//! on one day, and an RSP with many patients and orders). Throughput (MB/s) that stays flat as the
//! size doubles is linear cost; a falling one would be a quadratic path.
//!
//! `cargo bench --bench hostile`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use izmsg::er7::Limits;
use izmsg::model;
use std::hint::black_box;

const HEADER: &str = "MSH|^~\\&|EHR|CLINIC|IIS|ME|20240101120000-0500||VXU^V04^VXU_V04|1|P|2.5.1\r";

fn shapes(n: usize) -> Vec<(&'static str, String)> {
    let mut segments = String::from(HEADER);
    segments.push_str(
        "PID|1||X^^^EHR^MR||Doe^Jane\rORC|RE||1\rRXA|0|1|20240101||208^COVID^CVX|0.3|mL^^UCUM\r",
    );
    for i in 0..n {
        segments.push_str(&format!("OBX|{i}|NM|30973-2^Dose number^LN|1|{i}||||||F\r"));
    }
    let reps: Vec<String> = (0..n).map(|i| format!("ID{i}^^^EHR^MR")).collect();
    let mut orders = String::from(HEADER);
    orders.push_str("PID|1||X^^^EHR^MR||Doe^Jane^^^^^L||20200101|F\r");
    for i in 0..n / 4 {
        orders.push_str(&format!(
            "ORC|RE||D{i}^EHR\rRXA|0|1|20240101||20^DTaP^CVX|0.5|mL^^UCUM||00^^NIP001||||||L{i}||PMC^^MVX|||CP|A\r"
        ));
    }
    let mut rsp = String::from(
        "MSH|^~\\&|IIS|ME|EHR|CLINIC|20240101120000-0500||RSP^K11^RSP_K11|1|P|2.5.1|||NE|NE|||||Z32^CDCPHINVS\rMSA|AA|Q1\rQAK|Q1|OK|Z44^Request Evaluated History and Forecast^CDCPHINVS\rQPD|Z44^Request Evaluated History and Forecast^CDCPHINVS|Q1\r",
    );
    for i in 0..n / 8 {
        rsp.push_str(&format!(
            "PID|1||P{i}^^^IIS^SR||Doe^Jane^^^^^L||20200101|F\rORC|RE||D{i}^IIS\rRXA|0|1|20240101||20^DTaP^CVX|999|||01^^NIP001\r"
        ));
    }
    vec![
        ("orders", orders),
        ("rsp_orders", rsp),
        (
            "one_field",
            format!("{HEADER}PID|1||X^^^EHR^MR||{}^Jane\r", "A".repeat(n * 40)),
        ),
        ("segments", segments),
        (
            "repetitions",
            format!("{HEADER}PID|1||{}||Doe^Jane\r", reps.join("~")),
        ),
        (
            "escapes",
            format!(
                "{HEADER}PID|1||X^^^EHR^MR||{}^Jane\r",
                "\\F\\\\S\\x".repeat(n)
            ),
        ),
        (
            "components",
            format!(
                "{HEADER}PID|1||X^^^EHR^MR||Doe^Jane|||||||||||||||||2186-5^N^CDCREC{}\r",
                "^x".repeat(n)
            ),
        ),
    ]
}

fn bench_linear(c: &mut Criterion) {
    let limits = Limits {
        max_segments: 1 << 20,
        max_repetitions: 1 << 20,
        ..Limits::default()
    };
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10);
    for n in [10_000usize, 20_000, 40_000] {
        for (name, input) in shapes(n) {
            g.throughput(Throughput::Bytes(input.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, n), &input, |b, input| {
                b.iter(|| {
                    black_box(model::decode_with(black_box(input.as_bytes()), &limits).unwrap())
                })
            });
        }
    }
    g.finish();
    let validator = izmsg::validate::Validator::cdc().at_date(2024, 6, 1);
    let mut g = c.benchmark_group("hostile_validate");
    g.sample_size(10);
    for n in [10_000usize, 20_000, 40_000] {
        for (name, input) in shapes(n) {
            let decoded = model::decode_with(input.as_bytes(), &limits).unwrap();
            g.throughput(Throughput::Bytes(input.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, n), &decoded, |b, decoded| {
                b.iter(|| black_box(validator.validate(black_box(decoded))))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench_linear);
criterion_main!(benches);
