//! Helpers shared by the fuzz targets.

use izmsg::er7::{Delimiters, Message, Value};

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
