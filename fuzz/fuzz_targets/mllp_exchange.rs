//! `iis::mllp::MllpExchange` fed any stream cut into any chunks: no panic; the outcome (a reply, an
//! error, or still waiting) is the same whatever the chunking, and the exchange is over once it has
//! one.
#![no_main]

use izmsg::iis::mllp::{ExchangeError, MllpExchange, Progress};
use libfuzzer_sys::fuzz_target;

const VXU: &[u8] = b"MSH|^~\\&|EHR|C|IIS|S|20240101||VXU^V04^VXU_V04|M1|P|2.5.1\rPID|1\r";

#[derive(Debug, PartialEq)]
enum Outcome {
    Reply(Vec<u8>),
    Failed,
    Waiting,
}

fn run(stream: &[u8], sizes: &[u8], max: usize) -> Outcome {
    let mut x = MllpExchange::new(VXU, max).expect("the message frames");
    let mut rest = stream;
    let mut i = 0;
    let mut outcome = Outcome::Waiting;
    while !rest.is_empty() {
        // No sizes: the whole stream in one chunk.
        let n = sizes
            .get(i % sizes.len().max(1))
            .map_or(rest.len(), |&b| usize::from(b).max(1))
            .min(rest.len());
        i += 1;
        let (chunk, tail) = rest.split_at(n);
        rest = tail;
        match x.feed(chunk) {
            Ok(Progress::NeedMore) => assert!(!x.is_finished()),
            Ok(Progress::Reply(r)) => {
                assert!(r.len() <= max);
                outcome = Outcome::Reply(r);
                break;
            }
            Err(e) => {
                let _ = e.to_string();
                outcome = Outcome::Failed;
                break;
            }
        }
    }
    if outcome == Outcome::Waiting {
        assert_eq!(x.close(), Err(ExchangeError::Closed));
    } else {
        assert!(x.is_finished());
        assert_eq!(x.feed(b"\x0b"), Err(ExchangeError::Finished));
    }
    outcome
}

fuzz_target!(|data: &[u8]| {
    // The first byte says how many chunk sizes follow; the rest is the stream.
    let (n, data) = data
        .split_first()
        .map_or((0, data), |(n, d)| (usize::from(*n % 8), d));
    let (sizes, stream) = data.split_at(n.min(data.len()));
    let max = stream.len().max(1);
    assert_eq!(run(stream, sizes, max), run(stream, &[], max));
    let _ = run(stream, sizes, 64);
});
