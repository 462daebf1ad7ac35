//! Escapes: `decode(encode(s)) == s` for any text and any valid delimiters, and decoding any bytes
//! never panics.
#![no_main]

use izmsg::er7::{Delimiters, escape};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (d, rest) = izmsg_fuzz::delimiters(data);
    for d in [d, Delimiters::default()] {
        // Any bytes decode, and report issues only at escape characters.
        let mut issues = Vec::new();
        let decoded = escape::decode_with_issues(rest, &d, &mut issues);
        assert_eq!(escape::decode(rest, &d), decoded);
        for i in &issues {
            assert_eq!(rest.get(i.offset), Some(&d.escape));
        }
        // Any text survives encoding.
        let text = String::from_utf8_lossy(rest);
        let encoded = escape::encode(&text, &d);
        let mut issues = Vec::new();
        assert_eq!(
            escape::decode_with_issues(encoded.as_bytes(), &d, &mut issues),
            text
        );
        assert!(issues.is_empty());
        for b in encoded.bytes() {
            assert!(b == d.escape || !d.is_special(b), "{b} left bare");
            assert!(!matches!(b, b'\r' | b'\n' | 0x0B | 0x1C));
        }
        // Decoded text written again reads the same (decode is a left inverse of encode, too).
        let re = escape::encode(&decoded, &d);
        assert_eq!(escape::decode(re.as_bytes(), &d), decoded);
    }
});
