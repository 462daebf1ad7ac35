//! `iis::redact` on any bytes: no panic; when the input redacts, the output reads as the same number
//! of messages, each with every delimiter where it was (only values change), under both date
//! options.
#![no_main]

use izmsg::er7;
use izmsg::iis::redact::{self, Dates, Redaction};
use libfuzzer_sys::fuzz_target;

fn skeleton(bytes: &[u8], d: &er7::Delimiters) -> Vec<u8> {
    let keep = [d.field, d.component, d.repetition, d.subcomponent, b'\r', b'\n'];
    bytes.iter().copied().filter(|b| keep.contains(b)).collect()
}

fuzz_target!(|data: &[u8]| {
    for options in [Redaction::default(), Redaction { dates: Dates::Shift(-400) }] {
        let Ok(out) = redact::redact_with(data, &options) else {
            continue;
        };
        let before = er7::split(data).expect("it split before");
        let after = er7::split(&out).expect("the redacted output splits");
        assert_eq!(before.message_count(), after.message_count());
        for (b, a) in before.messages().zip(after.messages()) {
            let (Ok(b), Ok(a)) = (b, a) else {
                panic!("a message that parsed no longer does");
            };
            let d = *b.delimiters();
            assert_eq!(skeleton(b.as_bytes(), &d), skeleton(a.as_bytes(), &d));
            assert_eq!(b.segment_count(), a.segment_count());
        }
    }
});
