//! `er7::BatchReader` on any bytes, fed in chunks of any size (the first byte picks it), under the
//! default limits or small ones (its top bit): it reads what `er7::split` reads — the same messages
//! at the same places with the same parse (or the same error, a message too long among them), the
//! same envelope lines and warnings, or the same error for the whole input — and no panic.
#![no_main]

use izmsg::er7::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(pick & 0x7f) + 1;
    let limits = if pick & 0x80 != 0 {
        Limits {
            max_message_bytes: 256,
            max_segments: 8,
            max_fields: 16,
            max_field_bytes: 64,
            ..Limits::default()
        }
    } else {
        Limits::default()
    };
    izmsg_fuzz::batch_stream::assert_same_as_split("fuzz input", data, limits, chunk);
});
