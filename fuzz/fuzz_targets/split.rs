//! `er7::split` on any bytes: no panic, and a batch whose parts add up.
#![no_main]

use izmsg::er7::{self, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(batch) = er7::split(data) else {
        return;
    };
    assert_eq!(batch.messages().count(), batch.message_count());
    for env in [&batch.file_header, &batch.file_trailer]
        .into_iter()
        .flatten()
    {
        izmsg_fuzz::walk(env);
    }
    let mut last_end = 0;
    for msg in batch.messages() {
        if let Ok(m) = msg {
            izmsg_fuzz::walk(m);
            // Messages come out in order and do not overlap.
            assert!(m.span().start >= last_end);
            assert!(m.span().end <= data.len());
            last_end = m.span().end;
        }
    }
    // Each message split out parses the same on its own.
    for msg in batch.messages().flatten() {
        let own = &data[msg.span()];
        let alone = er7::parse(own).expect("a message split out parses on its own");
        assert_eq!(alone.segment_count(), msg.segment_count());
    }
    let small = Limits {
        max_segments: 8,
        ..Limits::default()
    };
    if let Ok(b) = er7::split_with(data, &small) {
        assert_eq!(b.message_count(), batch.message_count());
    }
});
