//! parse -> write_to -> parse gives the same segments, fields and texts; the second write is a fixed
//! point.
#![no_main]

use izmsg::er7;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(msg) = er7::parse(data) else {
        return;
    };
    let out = msg.to_bytes();
    let again = er7::parse(&out).expect("a written message parses");
    assert_eq!(again.delimiters(), msg.delimiters());
    assert_eq!(again.segment_count(), msg.segment_count());
    for (a, b) in msg.segments().zip(again.segments()) {
        assert_eq!(a.as_bytes(), b.as_bytes());
        assert_eq!(a.field_count(), b.field_count());
    }
    assert_eq!(izmsg_fuzz::texts(&msg), izmsg_fuzz::texts(&again));
    assert_eq!(again.to_bytes(), out);
    // What was written back holds no LF and no BOM: only the first parse had anything to tolerate.
    assert!(!out.contains(&b'\n'));
    assert!(again.warnings().iter().all(|w| matches!(
        w.kind,
        er7::WarningKind::TrailingDelimiters
            | er7::WarningKind::MissingFinalTerminator
            | er7::WarningKind::NonUtf8
    )));
});
