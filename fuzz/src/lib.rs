//! Helpers shared by the fuzz targets.

use izmsg::er7::{Delimiters, Message, Value};

/// The check that both parse indexings read the same message (shared with the tests).
#[path = "../../tests/common/indexing.rs"]
pub mod indexing;

/// The check that a streaming batch reader reads what `split` reads (shared with the tests).
#[path = "../../tests/common/batch_stream.rs"]
pub mod batch_stream;

/// Punctuation delimiters may be chosen from.
const PUNCT: &[u8] = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Reads delimiters from the first six bytes (field, component, repetition, escape, subcomponent and,
/// when the sixth byte is odd, truncation), each picked from the punctuation set. Returns the standard
/// delimiters when the picks collide, and the rest of the input.
pub fn delimiters(data: &[u8]) -> (Delimiters, &[u8]) {
    let Some((head, rest)) = data.split_at_checked(6) else {
        return (Delimiters::default(), data);
    };
    let pick = |b: u8| {
        PUNCT
            .get(usize::from(b) % PUNCT.len())
            .copied()
            .unwrap_or(b'|')
    };
    let enc: Vec<u8> = head
        .iter()
        .skip(1)
        .take(if head.get(5).is_some_and(|b| b % 2 == 1) {
            5
        } else {
            4
        })
        .map(|&b| pick(b))
        .collect();
    let field = pick(head.first().copied().unwrap_or(0));
    let d = Delimiters::from_header(field, &enc).unwrap_or_default();
    (d, rest)
}

/// Touches every accessor of every value of a message, returning how many values it saw.
pub fn walk(msg: &Message<'_>) -> usize {
    let mut seen = 0;
    let _ = (
        msg.warnings(),
        msg.span(),
        msg.as_bytes(),
        msg.has_final_terminator(),
    );
    for seg in msg.segments() {
        let _ = (seg.id(), seg.span(), seg.is_header());
        for n in 0..=seg.field_count() + 1 {
            if let Some(f) = seg.field(n) {
                seen += walk_value(f);
            }
        }
    }
    seen
}

fn walk_value(f: Value<'_>) -> usize {
    let mut seen = 1;
    let mut issues = Vec::new();
    let _ = f.text_with_issues(&mut issues);
    let _ = (
        f.is_null(),
        f.is_empty(),
        f.has_children(),
        f.component(0),
        f.subcomponent(2),
    );
    for rep in f.repetitions() {
        for comp in rep.components() {
            let _ = comp.text();
            for sub in comp.subcomponents() {
                let _ = (sub.text(), sub.raw(), sub.span(), sub.level());
                seen += 1;
            }
        }
    }
    seen
}

/// The text of every field of every segment, decoded, for comparing two parses.
pub fn texts(msg: &Message<'_>) -> Vec<(String, Vec<String>)> {
    msg.segments()
        .map(|s| {
            (
                s.id().to_string(),
                s.fields().map(|f| f.text().into_owned()).collect(),
            )
        })
        .collect()
}

/// Reads the domain view of a decoded message (no panic on any typed value): for a VXU the patient,
/// next of kin and vaccinations, built back into a VXU that must pass the checked encode and decode
/// (or be refused by the builder with an error that names the input);
/// for an RSP every patient and every order. Also serialises the message to JSON and back, which
/// must give the same value.
pub fn exercise(decoded: &izmsg::model::Decoded) {
    use izmsg::model::{Message, NextOfKin, Patient, Vaccination, Vxu};
    match &decoded.message {
        Message::Vxu(m) => {
            let (patient, kin, doses) = (m.patient(), m.next_of_kin(), m.vaccinations());
            let sent = chrono::DateTime::from_timestamp(1_700_000_000, 0)
                .map(|t| t.fixed_offset())
                .unwrap_or_default();
            let built = kin
                .into_iter()
                .fold(
                    Vxu::builder("FUZZ", sent, patient)
                        .sender("EHR", "CLINIC")
                        .vaccinations(doses),
                    izmsg::model::VxuBuilder::next_of_kin,
                )
                .build_message();
            match built {
                Ok(built) => {
                    let enc = built.try_encode().expect("a built VXU passes the checked encode");
                    izmsg::model::decode(&enc).expect("a built VXU decodes");
                }
                Err(e) => {
                    assert!(e.input().is_some(), "the builder names the input it refuses");
                    let _ = e.to_string();
                }
            }
        }
        Message::Rsp(m) => {
            for p in &m.patients {
                if let Some(pid) = &p.pid {
                    let _ = Patient::from_pid(pid, p.pd1.as_ref());
                }
                for nk1 in &p.nk1 {
                    let _ = NextOfKin::from_nk1(nk1);
                }
                for order in &p.orders {
                    let _ = Vaccination::from_order(order);
                }
            }
            let read = izmsg::iis::response::Response::from_rsp(m);
            for issue in &read.issues {
                let _ = issue.to_string();
            }
        }
        Message::Ack(_) | Message::Qbp(_) | Message::Other { .. } => {}
    }
    let _ = decoded.message.msh();
    let _ = decoded.message.delimiters();
    for issue in &decoded.issues {
        let _ = issue.to_string();
    }
    let json = serde_json::to_string(&decoded.message).expect("a decoded message serialises");
    let back: Message = serde_json::from_str(&json).expect("serialised JSON deserialises");
    assert_eq!(back, decoded.message, "JSON round trip changed the message");
}

/// Typed decode -> encode -> decode gives an equal [`izmsg::model::Message`], and encoding that again
/// gives the first encoding byte for byte. Returns the first decode when `data` decodes.
pub fn typed_roundtrip(data: &[u8]) -> Option<izmsg::model::Decoded> {
    let decoded = izmsg::model::decode(data).ok()?;
    let enc = decoded.message.encode();
    let again = izmsg::model::decode(&enc).expect("an encoded message decodes");
    // On failure, show the wire forms, not the (huge) typed values.
    let show = |b: &[u8]| String::from_utf8_lossy(b).escape_debug().to_string();
    assert!(
        again.message == decoded.message,
        "typed value changed through encode/decode\n input: {}\n   enc: {}",
        show(data),
        show(&enc)
    );
    let enc2 = again.message.encode();
    assert!(
        enc2 == enc,
        "second encoding differs from the first\n  enc: {}\n enc2: {}",
        show(&enc),
        show(&enc2)
    );
    Some(decoded)
}

/// Every target's heap goes through a counting allocator, so that a decode can be held to a memory
/// bound: past it an allocation fails, the process aborts, and libFuzzer reports the input.
#[global_allocator]
static ALLOC: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

/// Heap a decode may add per input byte, at most (the crate's decode budget is 32 bytes held per
/// input byte; a growing vector briefly holds twice what it keeps).
pub const HEAP_PER_INPUT_BYTE: usize = 64;
/// Heap any decode may add regardless of its input's size.
pub const HEAP_ALLOWANCE: usize = 1 << 20;

/// Runs `f`, which reads `len` bytes of input, with the heap it may add bounded by
/// [`HEAP_PER_INPUT_BYTE`] per byte plus [`HEAP_ALLOWANCE`].
pub fn bounded<T>(len: usize, f: impl FnOnce() -> T) -> T {
    let limit = ALLOC
        .allocated()
        .saturating_add(len.saturating_mul(HEAP_PER_INPUT_BYTE))
        .saturating_add(HEAP_ALLOWANCE);
    let _ = ALLOC.set_limit(limit);
    let out = f();
    let _ = ALLOC.set_limit(usize::MAX);
    out
}
