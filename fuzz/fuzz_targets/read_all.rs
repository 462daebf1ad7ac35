//! `model::read_all` on any bytes (one message, several, a batch, MLLP frames, or none of those): no
//! panic; positions numbered from 1, in input order, inside the input and not overlapping; each
//! message is what decoding its bytes alone gives; an unframed input holds the messages
//! `er7::split` finds; an input that is one message and nothing else (no batch envelope) reads as
//! `model::decode` reads it.
#![no_main]

use izmsg::{er7, model};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut reader = model::read_all(data);
    let mut items = 0usize;
    let mut messages = 0usize;
    let mut end = 0usize;
    let mut whole = false;
    for item in reader.by_ref() {
        items += 1;
        let position = match &item {
            Ok(read) => Some(read.position),
            Err(model::ReadError::Message { position, .. }) => Some(*position),
            Err(e) => {
                let _ = e.to_string();
                None
            }
        };
        if let Some(p) = position {
            messages += 1;
            whole = p.offset == 0 && p.len == data.len();
            assert_eq!(p.number, messages);
            assert!(p.offset + p.len <= data.len());
            if p.len > 0 {
                assert!(p.offset >= end, "positions overlap");
                end = p.offset + p.len;
            }
        }
        if let Ok(read) = &item {
            let p = read.position;
            let alone = model::Decoder::default()
                .decode_range(data, p.offset..p.offset + p.len)
                .expect("a message read decodes again from its range");
            assert_eq!(alone, read.decoded);
        }
    }
    assert!(items > 0, "every input gives at least one item");
    let _ = reader.warnings();
    if !er7::mllp::is_framed(data) {
        if let Ok(batch) = er7::split(data) {
            assert_eq!(messages, batch.message_count());
        }
        if messages == 1 && whole {
            let mut again = model::read_all(data);
            match (again.next(), model::decode(data)) {
                (Some(Ok(read)), Ok(decoded)) => assert_eq!(read.decoded, decoded),
                // Envelope lines alone: the reader finds no message where the parser finds a
                // header it cannot read.
                (Some(Err(model::ReadError::Message { error: er7::Error::Empty, .. })), _) => {}
                (Some(Err(model::ReadError::Message { error, .. })), Err(e)) => {
                    assert_eq!(error, e)
                }
                _ => {}
            }
        }
    }
});
