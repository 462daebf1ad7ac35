//! `Indexing::Segments` (segment ends only, fields found by walking) against `Indexing::Fields` (every
//! field separator recorded): the same messages, fields, warnings and errors over the whole corpus, under
//! default and tight limits, and over generated input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "common/indexing.rs"]
mod indexing;

use izmsg::er7::{self, Indexing, Limits, Parser};
use izmsg::model;
use proptest::prelude::*;

/// Every kind of message: the crate's own, and the shared corpus's when it is there.
const ALL: [&str; 7] = ["vxu", "qbp", "rsp", "ack", "batch", "mllp", "odd"];

/// Limits that the corpus reaches, one kind at a time (a parse stops at the first limit it meets).
fn tight() -> [(er7::LimitKind, Limits); 3] {
    let d = Limits::default();
    [
        (
            er7::LimitKind::Segments,
            Limits {
                max_segments: 8,
                ..d
            },
        ),
        (
            er7::LimitKind::Fields,
            Limits {
                max_fields: 12,
                ..d
            },
        ),
        (
            er7::LimitKind::FieldBytes,
            Limits {
                max_field_bytes: 40,
                ..d
            },
        ),
    ]
}

#[test]
fn every_corpus_file_reads_the_same_under_both_indexings() {
    let corpus = common::all_messages(&ALL);
    for (name, bytes) in &corpus {
        for limits in [Limits::default()]
            .into_iter()
            .chain(tight().map(|(_, l)| l))
        {
            let outcome =
                std::panic::catch_unwind(|| indexing::assert_indexings_agree(bytes, &limits));
            assert!(outcome.is_ok(), "{name}");
        }
        // Each message of a batch file too.
        if let Ok(batch) = er7::split(bytes) {
            for msg in batch.messages().flatten() {
                indexing::assert_indexings_agree(msg.as_bytes(), &Limits::default());
            }
        }
    }
}

#[test]
fn the_tight_limits_are_reached_on_the_corpus() {
    // Otherwise the tight runs above would compare only successes.
    let corpus = common::all_messages(&ALL);
    for (kind, limits) in tight() {
        let mut parser = Parser::new(limits);
        parser.indexing = Indexing::Segments;
        let reached = corpus.iter().any(|(_, b)| {
            matches!(parser.parse(b), Err(er7::Error::Limit { limit, .. }) if limit == kind)
        });
        assert!(reached, "{kind:?} never reached");
    }
}

#[test]
fn a_decoder_reads_what_decode_parsed_reads() {
    // `model::Decoder` (segments only) against `decode_parsed` over a fully indexed parse, message by
    // message with one decoder: the same typed values, issues and warnings.
    let mut decoder = model::Decoder::default();
    for (name, bytes) in common::all_messages(&ALL) {
        let Ok(batch) = er7::split(&bytes) else {
            continue;
        };
        for msg in batch.messages().flatten() {
            let input = msg.as_bytes();
            let indexed = er7::parse(input).unwrap();
            let expected = model::decode_parsed(&indexed, &Limits::default());
            let got = decoder.decode(input).unwrap();
            assert_eq!(got.message, expected.message, "{name}");
            assert_eq!(got.issues, expected.issues, "{name}");
            assert_eq!(got.warnings, expected.warnings, "{name}");
        }
    }
}

fn hl7ish() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b"MSH|^~\\&|".to_vec()),
        Just(b"MSH|".to_vec()),
        Just(b"MSH|^~\\&#|".to_vec()),
        Just(b"FHS|^~\\&|".to_vec()),
        Just(b"PID|1||".to_vec()),
        Just(b"PID".to_vec()),
        Just(b"ZZ1".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"|".to_vec()),
        Just(b"||||||||".to_vec()),
        Just(b"^".to_vec()),
        Just(b"~".to_vec()),
        Just(b"&".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"\\T\\".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b" ".to_vec()),
        Just(vec![b'x'; 50]),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_input_reads_the_same_under_both_indexings(input in hl7ish()) {
        indexing::assert_indexings_agree(&input, &Limits::default());
        for (_, limits) in tight() {
            indexing::assert_indexings_agree(&input, &limits);
        }
    }
}
