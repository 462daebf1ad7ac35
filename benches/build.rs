//! Building a VXU from domain values and encoding it, in messages/s: what an EHR's nightly run does
//! for each patient's doses of the day.
//!
//! `cargo bench --bench build`
//!
//! * `build_encode`: `Vxu::builder(..)....encode()` over 1,000 generated patients (1 to 4 doses,
//!   administered and historical, next of kin, address, race, ethnicity, phone), the inputs cloned
//!   each time as an EHR would make them; the output is the same shape as the generated corpus of
//!   `benches/support` (about 1.1 KB).
//! * `build`: the same up to the typed message, without encoding.

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
