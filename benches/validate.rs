//! Validation throughput over the generated VXU corpus, in messages/s.
//!
//! `cargo bench --bench validate`
//!
//! * `validate`: an already-decoded VXU checked with the `cdc` profile (1,000 distinct messages).
//! * `validate_maine`: the same with the `maine` state profile (its registry rules on top of `cdc`;
//!   the profile is read once, before the loop).
//! * `decode_validate`: bytes to a typed message, then checked: what a sender does before sending.
//! * `validate_issues`: the same messages with three data errors each (bad date, unknown CVX, sex X),
//!   so the cost of reporting is seen too.
//!
//! Figures (messages/s, median, `CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16
//! cargo bench --bench validate -- --sample-size 10`, 2 shared cores, so +/- 10 %), before and after
//! the check plan (`src/validate/plan.rs`):
//!
//! | bench | before | after |
//! |---|---|---|
//! | `validate` | 15.7k | 32.5k |
//! | `validate_maine` | 12.9k | 30.4k |
//! | `decode_validate` | 11.6k | 20.2k |
//! | `validate_issues` | - | 37.4k |
//!
//! Instructions per message (callgrind, 200 messages of this corpus, after a first pass that fills
//! the one-time tables): `cdc` 355k -> 137k (structure 226k -> 57k, conformance 45k -> 28k, data
//! quality 74k -> 43k, the rest reports and their texts); `maine` 443k -> 151k (+10 % over `cdc`);
//! decode + validate 424k -> 214k. The corpus is not clean: about 10 issues a message (a
//! historical RXA with RXA-20 in RXA-19, ORC-12.9 without ORC-12.1, lot numbers starting with
//! LOT ...), whose texts cost about a quarter of the total. A message without issues costs 109k
//! (was 272k) and allocates nothing. The issue's target, 300k messages/s, needs about 17k.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use izmsg::model;
use izmsg::validate::Validator;
use std::hint::black_box;

mod support;

fn bench_validate(c: &mut Criterion) {
    let corpus = support::vxu_corpus(1000);
    let decoded: Vec<model::Decoded> = corpus.iter().map(|m| model::decode(m).unwrap()).collect();
    let validator = Validator::cdc().at_date(2026, 1, 1);
    let mut g = c.benchmark_group("validate");
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("validate", |b| {
        b.iter(|| {
            for d in &decoded {
                black_box(validator.validate(black_box(d)));
            }
        })
    });
    let maine = Validator::new(izmsg::validate::profile("maine").unwrap()).at_date(2026, 1, 1);
    g.bench_function("validate_maine", |b| {
        b.iter(|| {
            for d in &decoded {
                black_box(maine.validate(black_box(d)));
            }
        })
    });
    g.bench_function("decode_validate", |b| {
        let mut decoder = model::Decoder::default();
        b.iter(|| {
            for m in &corpus {
                let d = decoder.decode(black_box(m)).unwrap();
                black_box(validator.validate(&d));
            }
        })
    });
    let broken: Vec<model::Decoded> = corpus
        .iter()
        .map(|m| {
            let text = String::from_utf8_lossy(m).replacen("|F|", "|X|", 1);
            let text = break_first_rxa(&text);
            model::decode(text.as_bytes()).unwrap()
        })
        .collect();
    g.bench_function("validate_issues", |b| {
        b.iter(|| {
            for d in &broken {
                black_box(validator.validate(black_box(d)));
            }
        })
    });
    g.finish();
}

/// RXA-3 made unreadable and RXA-5.1 an unknown CVX in the first RXA.
fn break_first_rxa(text: &str) -> String {
    text.split('\r')
        .map(|seg| {
            if seg.starts_with("RXA|") {
                let mut f: Vec<String> = seg.split('|').map(str::to_string).collect();
                if f.len() > 5 {
                    f[3] = "notadate".to_string();
                    f[5] = "999999^Unknown^CVX".to_string();
                }
                f.join("|")
            } else {
                seg.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\r")
}

criterion_group!(benches, bench_validate);
criterion_main!(benches);
