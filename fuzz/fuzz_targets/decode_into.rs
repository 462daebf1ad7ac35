//! `model::Decoder::decode_into` on any two messages: decoding the second into what the first left
//! (a message, a partly decoded one past the budget, or the empty holder after a parse error) gives
//! exactly what a fresh `decode` of the second gives: the same result, the same value (`==` and
//! `Debug`, which shows the wire widths) and the same encoding. The input is split at its first
//! byte's share of its length; the second byte's low bit picks a tight decode budget, so that
//! decodes stop halfway too. The heap is bounded by the input, as for `decode`.
#![no_main]

use izmsg::{er7, model};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [cut, flags, rest @ ..] = data else {
        return;
    };
    let at = rest.len() * usize::from(*cut) / 256;
    let (first, second) = rest.split_at(at);
    let limits = if flags & 1 == 1 {
        er7::Limits {
            max_decoded_ratio: 4,
            ..er7::Limits::default()
        }
    } else {
        er7::Limits::default()
    };
    let mut decoder = model::Decoder::new(limits);
    let mut out = model::Decoded::default();
    izmsg_fuzz::bounded(data.len(), || {
        let _ = decoder.decode_into(first, &mut out);
        let got = decoder.decode_into(second, &mut out);
        let fresh = model::decode_with(second, &limits);
        match (&got, &fresh) {
            (Ok(()), Ok(want)) => {
                assert!(out == *want, "decode_into differs from decode");
                assert_eq!(format!("{out:?}"), format!("{want:?}"));
                assert_eq!(out.message.encode(), want.message.encode());
            }
            (Err(a), Err(b)) => assert_eq!(a, b),
            _ => panic!("decode_into and decode disagree on whether the message reads"),
        }
    });
});
