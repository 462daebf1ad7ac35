//! Typed decode and encode throughput over the generated VXU corpus, in messages/s.
//!
//! `cargo bench --bench model`
//!
//! * `decode`: bytes to a typed message (then dropped) with a [`model::Decoder`], over 1,000 distinct
//!   messages (1,134 bytes on average): the bulk reader's case, and the figure the targets are about.
//! * `decode_into`: the same with [`model::Decoder::decode_into`] into one reused `Decoded`: the
//!   bulk reader that keeps its message (no allocation per message once each shape was seen, but
//!   for long texts of a new length).
//! * `decode_hot`: the same over 16 messages, which stay in cache.
//! * `decode_indexed`: a parse that indexes every field, then `decode_parsed`.
//! * `encode_hot`: a typed message to bytes, cycling over 16 messages: an EHR builds (or decodes) a
//!   message and encodes it while it is in cache.
//! * `encode`: the same over the 1,000 decoded messages held at once (about 17 KB of heap each,
//!   measured by `tests/hostile_memory.rs`), which is bound by memory more than by the encoder.
//! * `encode_held` against `encode_hot`: the pair, 2,000 decoded messages held at once
//!   against 16 hot ones; the ratio of the two is the "within 20%".

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use izmsg::{er7, model};
use std::hint::black_box;

mod support;

fn bench_model(c: &mut Criterion) {
    let corpus = support::vxu_corpus(1000);
    let decoded: Vec<model::Message> = corpus
        .iter()
        .map(|m| model::decode(m).unwrap().message)
        .collect();
    let mut g = c.benchmark_group("model");
    g.throughput(Throughput::Elements(corpus.len() as u64));
    // Bytes in, typed message out (and dropped): `model::Decoder`, the bulk reader's API.
    g.bench_function("decode", |b| {
        let mut decoder = model::Decoder::default();
        b.iter(|| {
            for m in &corpus {
                black_box(decoder.decode(black_box(m)).unwrap());
            }
        })
    });
    g.bench_function("decode_into", |b| {
        let mut decoder = model::Decoder::default();
        let mut out = model::Decoded::default();
        b.iter(|| {
            for m in &corpus {
                decoder.decode_into(black_box(m), &mut out).unwrap();
                black_box(&out);
            }
        })
    });
    g.bench_function("encode", |b| {
        let mut buf = Vec::with_capacity(4096);
        b.iter(|| {
            for m in &decoded {
                buf = black_box(m).encode_into(std::mem::take(&mut buf));
                black_box(buf.len());
            }
        })
    });
    // The EHR pattern: a message is built (or decoded) and encoded while it is still in cache. Cycle
    // through 16 messages so the working set stays in L2.
    let hot: Vec<&model::Message> = decoded.iter().take(16).collect();
    g.throughput(Throughput::Elements(hot.len() as u64));
    g.bench_function("encode_hot", |b| {
        let mut buf = Vec::with_capacity(4096);
        b.iter(|| {
            for m in &hot {
                buf = black_box(*m).encode_into(std::mem::take(&mut buf));
                black_box(buf.len());
            }
        })
    });
    let held_corpus = support::vxu_corpus(2000);
    let held: Vec<model::Message> = held_corpus
        .iter()
        .map(|m| model::decode(m).unwrap().message)
        .collect();
    drop(held_corpus);
    g.throughput(Throughput::Elements(held.len() as u64));
    g.bench_function("encode_held", |b| {
        let mut buf = Vec::with_capacity(4096);
        b.iter(|| {
            for m in &held {
                buf = black_box(m).encode_into(std::mem::take(&mut buf));
                black_box(buf.len());
            }
        })
    });
    drop(held);
    g.throughput(Throughput::Elements(hot.len() as u64));
    let hot_bytes: Vec<&Vec<u8>> = corpus.iter().take(16).collect();
    g.bench_function("decode_hot", |b| {
        let mut decoder = model::Decoder::default();
        b.iter(|| {
            for m in &hot_bytes {
                black_box(decoder.decode(black_box(m)).unwrap());
            }
        })
    });
    // The same through a parse that indexes every field, then `decode_parsed` (for callers that
    // also use the wire view).
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("decode_indexed", |b| {
        let mut parser = er7::Parser::default();
        let limits = er7::Limits::default();
        b.iter(|| {
            for m in &corpus {
                let msg = parser.parse(black_box(m)).unwrap();
                black_box(model::decode_parsed(&msg, &limits));
                parser.recycle(msg);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_model);
criterion_main!(benches);
