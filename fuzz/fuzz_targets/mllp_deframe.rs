//! The MLLP deframer on any stream cut into any chunks: no panic, the same messages whatever the
//! chunking, nothing past the frame limit, and framing is undone exactly.
#![no_main]

use izmsg::er7::mllp::{self, Deframer, Frame};
use libfuzzer_sys::fuzz_target;

fn deframe(stream: &[u8], sizes: &[u8], max: usize) -> Vec<Vec<u8>> {
    let mut d = Deframer::new(max);
    let mut out = Vec::new();
    let mut rest = stream;
    let mut i = 0;
    while !rest.is_empty() {
        let n = usize::from(sizes.get(i % sizes.len().max(1)).copied().unwrap_or(1))
            .max(1)
            .min(rest.len());
        i += 1;
        let (chunk, tail) = rest.split_at(n);
        d.push(chunk);
        rest = tail;
        loop {
            match d.next_frame() {
                Ok(Frame::Message(m)) => {
                    assert!(m.len() <= max);
                    out.push(m);
                }
                Ok(Frame::Partial) => break,
                Err(_) => {}
            }
        }
    }
    let _ = d.finish();
    out
}

fuzz_target!(|data: &[u8]| {
    // The first byte says how many chunk sizes follow; the rest is the stream.
    let (n, data) = data
        .split_first()
        .map_or((0, data), |(n, d)| (usize::from(*n % 8), d));
    let (sizes, stream) = data.split_at(n.min(data.len()));
    let (whole, _) = mllp::deframe_all(stream);
    assert_eq!(deframe(stream, sizes, stream.len().max(1)), whole);
    let small = deframe(stream, sizes, 64);
    assert!(small.iter().all(|m| m.len() <= 64));
    // Framing is undone exactly for anything that does not hold END CR.
    if !stream.windows(2).any(|w| w == [mllp::END, mllp::CR]) {
        let framed = mllp::frame(stream);
        assert!(mllp::is_framed(&framed));
        assert_eq!(deframe(&framed, sizes, framed.len()), vec![stream.to_vec()]);
    }
});
