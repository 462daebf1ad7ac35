//! Typed decode -> encode -> decode gives an equal `Message` (typed values, not bytes: a primitive
//! field that held structure is written escaped), and the second encoding equals the first byte for
//! byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    izmsg_fuzz::typed_roundtrip(data);
});
