//! `er7::parse`, `parse_with` and a reusing `Parser` on any bytes: no panic, no hang, every value
//! reachable from the index without a panic, and the segments-only indexing reading the same.
#![no_main]

use izmsg::er7::{self, Limits, Parser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let whole = er7::parse(data);
    if let Ok(msg) = &whole {
        izmsg_fuzz::walk(msg);
        assert!(msg.segment_count() >= 1);
        for seg in msg.segments() {
            assert!(seg.span().end <= data.len());
        }
    }
    // Tight limits only ever turn a success into a limit error.
    let tight = Limits {
        max_message_bytes: 4096,
        max_segments: 16,
        max_fields: 16,
        max_field_bytes: 256,
        max_repetitions: 4,
        max_decoded_ratio: 8,
    };
    match er7::parse_with(data, &tight) {
        Ok(msg) => {
            izmsg_fuzz::walk(&msg);
            assert!(whole.is_ok());
        }
        Err(er7::Error::Limit { .. }) => {}
        Err(e) => assert_eq!(whole.as_ref().err(), Some(&e)),
    }
    // Recording segments only (the typed decoder's parse) reads the same message, under both limits.
    izmsg_fuzz::indexing::assert_indexings_agree(data, &Limits::default());
    izmsg_fuzz::indexing::assert_indexings_agree(data, &tight);
    // A parser that reuses its vectors gives the same answer.
    let mut parser = Parser::default();
    for _ in 0..2 {
        match (parser.parse(data), &whole) {
            (Ok(again), Ok(msg)) => {
                assert_eq!(again.segment_count(), msg.segment_count());
                parser.recycle(again);
            }
            (Err(a), Err(b)) => assert_eq!(&a, b),
            _ => panic!("Parser and parse disagree"),
        }
    }
});
