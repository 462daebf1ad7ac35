//! Building a VXU from domain values and encoding it, in messages/s: what an EHR's nightly run does
//! for each patient's doses of the day.
//!
//! `cargo bench --bench build`
//!
//! * `build_encode`: `Vxu::builder(..)....encode()` over 1,000 generated patients
//!   (`support/build_inputs.rs`: 1 to 4 doses, administered and historical, next of kin, address,
//!   race, ethnicity), the inputs cloned each time as the owned API asks; about 960 B per message.
//! * `encode_borrowed`: the same messages from `Vxu::builder_ref(..)` over the values as the EHR
//!   holds them (no clones), into one reused buffer: the direct path alone.
//! * `build`: the owned builder up to the typed message, without encoding.
//!
//! `encode` writes the bytes straight from the domain values through the mapping that `build` also
//! runs (`src/model/domain/sink.rs`); `tests/build_direct.rs` checks both give the bytes the builder
//! gave before (main at e2b2b4c).
//!
//! Figures, issue 15. Instructions per message: callgrind on a scratch program running the workload
//! over 200 of these inputs for 1 and 3 rounds, (I(3) - I(1)) / 400, release build. Allocations per
//! message: dhat over 200 messages after one warm-up pass.
//!
//! | path | before (e2b2b4c) | after |
//! |---|---:|---:|
//! | `build_encode` instructions | 108,579 | 46,178 |
//! | `build_encode` allocations | 167.3 | 70.6 (the clones of the inputs; the encode itself: 1.4) |
//! | `encode_borrowed` instructions | (no such path) | 19,262 |
//! | `encode_borrowed` allocations | | 0 (`encode()` into a new `Vec`: 1.4) |
//! | `build` instructions | 77,193 | 61,552 |
//! | `build` allocations | 158.0 | 129.4 |
//!
//! Time, `CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16 cargo bench --bench
//! build -- --sample-size 10` on the shared 2-core machine at a load average of 7 (three builds
//! running), medians of three runs: `build_encode` 61k, 30k, 71k msg/s; `encode_borrowed` 110k,
//! 158k, 185k msg/s; `build` 34k, 39k, 44k msg/s (before, measured by the lead on a quieter machine:
//! `build_encode` ~60k, `build` ~92k). Under that load wall time says little; CPU
//! time of the scratch program, old and new binaries run alternately: `build_encode` 18.5-21 µs per
//! message before, 6.5-7.3 µs after; `encode_borrowed` 2.95-3.1 µs (about 330k msg/s under
//! contention, 6.3 times the old `build_encode`, about 380k msg/s scaled to the quiet 60k).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "support/build_inputs.rs"]
mod build_inputs;
use build_inputs::{builder, inputs, sent};
use izmsg::model::domain::{Namespace, Vxu};

fn bench_build(c: &mut Criterion) {
    let inputs = inputs(1000);
    let mut g = c.benchmark_group("build");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("build_encode", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(builder(black_box(input)).encode().unwrap());
            }
        })
    });
    g.bench_function("encode_borrowed", |b| {
        let (ehr, clinic) = (Namespace::local("MYEHR"), Namespace::local("MYCLINIC"));
        let (iis, dhhs) = (Namespace::local("MEIIS"), Namespace::local("MEDHHS"));
        let at = sent();
        let mut buf = Vec::new();
        b.iter(|| {
            for input in &inputs {
                Vxu::builder_ref(&input.id, at, &input.patient)
                    .sender(&ehr, &clinic)
                    .receiver(&iis, &dhhs)
                    .next_of_kin(std::slice::from_ref(&input.mother))
                    .vaccinations(&input.doses)
                    .encode_into(&mut buf)
                    .unwrap();
                black_box(&buf);
            }
        })
    });
    g.bench_function("build", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(builder(black_box(input)).build().unwrap());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_build);
criterion_main!(benches);
