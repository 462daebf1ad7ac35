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
//! cargo bench --bench validate -- --sample-size 10`, 2 shared cores, so +/- 10 % at best), before and
//! after the check plan (`src/validate/plan.rs`):
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
//! decode + validate 424k -> 214k. The corpus was not clean then: about 10 issues a message.
//!
//! **Since e1067c8 the corpus is conformant** (`Validator::cdc()` finds nothing in it; 1,257 B per
//! VXU), so every figure below is the cost of a clean message, which allocates nothing in
//! validation. Second round (the per-segment facts shared by the passes, one pass for valued and
//! long components, the CVX-in-use dates read once per CVX row, codes compared as bytes):
//!
//! | measure | before (e1067c8) | after |
//! |---|---|---|
//! | instructions per message, `cdc` | 112.1k | 100.4k |
//! | the same, release build without incremental compilation | 111.6k | 97.3k |
//! | of which structure / conformance / data quality | 49.8k / 28.2k / 30.4k | 43.6k / 25.7k / 25.6k |
//! | instructions per message, `maine` (56 issues in the 200) | 122.8k | 111.1k |
//! | the same, release build without incremental compilation | 122.3k | 108.0k |
//! | allocations in validation, `cdc`, 600 clean messages (dhat) | 0 | 0 |
//! | `validate`, msg/s | ~54k | 22.8k (load 7 on 2 cores) |
//! | `validate_maine`, msg/s | ~46k | 22.6k (same run) |
//! | `decode_validate`, msg/s | - | 15.7k (same run) |
//! | `validate_issues`, msg/s | - | 27.4k (same run) |
//!
//! The "before" msg/s were measured on a quieter machine than the "after" ones (load average 7 on
//! the 2 shared cores during the whole run): compare instructions, not these. Instructions:
//! `valgrind --tool=callgrind` on a program that validates 200 decoded messages of
//! `support::vxu_corpus(200)` with `Validator::cdc().at_date(2026, 1, 1)`, after one warm-up pass,
//! for 1 and for 3 rounds; (I(3) - I(1)) / 400; built with `CARGO_PROFILE_RELEASE_INCREMENTAL=true
//! CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release` (the breakdown too), and
//! without the first variable for the rows that say so. The issue's target,
//! 300,000 messages/s, needs about 17k.
//!
//! Where the 100k go (a message: ~12 segments, ~70 present fields, ~50 composite values, ~60
//! statement rows and flavour sites, 1.3 doses):
//!
//! * structure 43.6k: per field, a `dyn SegmentView::field` call, the usage (19 predicate calls a
//!   message, each re-reading other fields through the views), the composite's plan found by its
//!   type name and its `text_masks`, then per component to look at a `dyn component` call; about 45
//!   value-set probes (`Membership::contains_bytes`, 5.8k with conformance's);
//! * conformance 25.7k: each row and site walks its path through the views again (`check_value`
//!   7.7k), the order-group state, OBX coded values;
//! * data quality 25.6k: the typed reads are cheap; the cost is ~15 code-table lookups a message
//!   (phf SipHash and key normalising, `TableRef::find` 4.6k), ~45 `Text::as_str` UTF-8 re-checks
//!   (4.7k) and date parsing;
//! * the walk, the per-segment facts and the report: ~5k.
//!
//! What would reach ~17k: check code generated per segment and per composite by `segment!` and
//! `composite!` (a statically dispatched visitor over the present fields: no `dyn` call, no `Seen`,
//! usage and length as constants, predicates reading typed fields); the conformance rows and flavour
//! sites compiled into the same per-field code (one pass instead of two over the views); per dose,
//! the CVX row and what the rules derive from it (groups, VIS, NDC dates) read once per process per
//! row, as `cvx_on_date` now is; CVX keys indexed directly (three digits) instead of SipHash; and
//! texts compared as bytes, or UTF-8 known once at decode.

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
