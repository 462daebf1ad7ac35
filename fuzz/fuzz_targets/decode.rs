//! `model::decode` on any bytes: no panic, and when it decodes, the domain view reads without a
//! panic (VXU patient, next of kin and vaccinations built back into a VXU that decodes; RSP patients
//! and orders) and the message survives JSON. The decoder's segments-only parse reads the same typed
//! message as a parse that indexes every field. The heap a decode adds is bounded by its input
//! (`izmsg_fuzz::bounded`): a decode that breaks the bound aborts on a failed allocation.
#![no_main]

use izmsg::{er7, model};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = izmsg_fuzz::bounded(data.len(), || model::decode(data));
    let indexed = izmsg_fuzz::bounded(data.len(), || {
        er7::parse(data).map(|m| model::decode_parsed(&m, &er7::Limits::default()))
    });
    match (&decoded, &indexed) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.message, b.message);
            assert_eq!(a.issues, b.issues);
            assert_eq!(a.warnings, b.warnings);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        // Past the decode budget `decode` says so as an error, `decode_parsed` as its last issue.
        (
            Err(er7::Error::Limit {
                limit: er7::LimitKind::DecodedSize,
                ..
            }),
            Ok(b),
        ) => assert!(
            b.issues
                .last()
                .is_some_and(|i| i.kind == model::DecodeIssueKind::OverBudget)
        ),
        _ => panic!("the two parses disagree on whether the message reads"),
    }
    if let Ok(decoded) = decoded {
        izmsg_fuzz::exercise(&decoded);
    }
});
