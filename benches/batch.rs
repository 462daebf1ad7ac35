//! Batch files written and read streaming, in messages/s, over the generated VXU corpus (1,000
//! messages of 1,134 bytes on average).
//!
//! `cargo bench --bench batch`
//!
//! * `batch_write`: the messages into a batch file with `er7::BatchWriter` (FHS, BHS, each message,
//!   BTS, FTS), into a buffer that is reused: the cost of the writer itself.
//! * `batch_build`: the same bytes with the in-memory `er7::BatchBuilder`, for comparison.
//! * `batch_read`: that file read back with `er7::BatchReader`, message by message (the bytes of
//!   each, not parsed).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use izmsg::er7::{BatchBuilder, BatchItem, BatchReader, BatchWriter};
use std::hint::black_box;

mod support;

const FIELDS: [&str; 5] = ["MYEHR", "Clinic1", "MEIIS", "MEDHHS", "20240315"];

fn bench_batch(c: &mut Criterion) {
    let corpus = support::vxu_corpus(1000);
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("batch_write", |b| {
        let mut sink = Vec::with_capacity(2 << 20);
        b.iter(|| {
            sink.clear();
            let mut w = BatchWriter::new(&mut sink);
            w.file_header(&FIELDS);
            for m in &corpus {
                w.push(black_box(m)).unwrap();
            }
            w.finish().unwrap();
            black_box(sink.len());
        })
    });
    g.bench_function("batch_build", |b| {
        b.iter(|| {
            let mut builder = BatchBuilder::new();
            builder.file_header(&FIELDS);
            for m in &corpus {
                builder.push(black_box(m));
            }
            black_box(builder.finish().len());
        })
    });
    let file = {
        let mut w = BatchWriter::new(Vec::new());
        w.file_header(&FIELDS);
        for m in &corpus {
            w.push(m).unwrap();
        }
        w.finish().unwrap()
    };
    g.bench_function("batch_read", |b| {
        b.iter(|| {
            let mut reader = BatchReader::new(black_box(&file[..]));
            let mut n = 0;
            while let Some(item) = reader.next_item() {
                if let Ok(BatchItem::Message { bytes, .. }) = item {
                    black_box(bytes);
                    n += 1;
                }
            }
            assert_eq!(n, 1000);
        })
    });
    g.finish();
}

criterion_group!(benches, bench_batch);
criterion_main!(benches);
