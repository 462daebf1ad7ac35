#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

//! Raw ER7 parse throughput over a generated VXU corpus, in MB/s and messages/s.
//!
//! `cargo bench --bench parse`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use izmsg::er7;
use std::hint::black_box;

mod support;

fn bench_parse(c: &mut Criterion) {
    let corpus = support::vxu_corpus(1000);
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    eprintln!(
        "corpus: {} messages, {} bytes, {:.0} bytes/message",
        corpus.len(),
        bytes,
        bytes as f64 / corpus.len() as f64
    );
    let mut g = c.benchmark_group("er7_parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("bytes", |b| {
        let mut parser = er7::Parser::default();
        b.iter(|| {
            for m in &corpus {
                let msg = parser.parse(black_box(m)).unwrap();
                black_box(msg.segment_count());
                parser.recycle(msg);
            }
        })
    });
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("messages", |b| {
        let mut parser = er7::Parser::default();
        b.iter(|| {
            for m in &corpus {
                let msg = parser.parse(black_box(m)).unwrap();
                black_box(msg.segment_count());
                parser.recycle(msg);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
