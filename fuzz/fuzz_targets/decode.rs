//! `model::decode` on any bytes: no panic, and when it decodes, the domain view reads without a
//! panic (VXU patient, next of kin and vaccinations built back into a VXU that decodes; RSP patients
//! and orders) and the message survives JSON. The decoder's segments-only parse reads the same typed
//! message as a parse that indexes every field.
#![no_main]

use izmsg::{er7, model};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = model::decode(data);
    let indexed = er7::parse(data).map(|m| model::decode_parsed(&m, &er7::Limits::default()));
    match (&decoded, &indexed) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.message, b.message);
            assert_eq!(a.issues, b.issues);
            assert_eq!(a.warnings, b.warnings);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("the two parses disagree on whether the message reads"),
    }
    if let Ok(decoded) = decoded {
        izmsg_fuzz::exercise(&decoded);
    }
});
