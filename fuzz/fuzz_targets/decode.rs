//! `model::decode` on any bytes: no panic, and when it decodes, the domain view reads without a
//! panic (VXU patient, next of kin and vaccinations built back into a VXU that decodes; RSP patients
//! and orders) and the message survives JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = izmsg::model::decode(data) {
        izmsg_fuzz::exercise(&decoded);
    }
});
