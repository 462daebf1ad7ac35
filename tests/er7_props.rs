#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Properties of the wire layer, and its limits and costs on hostile shapes.
//!
//! * any tree of strings written with [`er7::Writer`] parses back to the same strings;
//! * escape encoding round-trips for any string and any valid delimiters;
//! * no input panics `parse`, `split` or the MLLP deframer, and a parsed message writes back to
//!   bytes that parse to the same segments;
//! * MLLP framing survives any chunking; [`er7::BatchBuilder`] output splits back to its messages;
//! * each limit stops a parse with its own error; pathological shapes parse in linear time and memory
//!   (asserted by succeeding at sizes where quadratic work would not finish, never by a clock).

use izmsg::er7::mllp::{self, Deframer, Frame, MllpError};
use izmsg::er7::{self, Delimiters, Error, LimitKind, Limits, Value, Writer, escape};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------------
// Strategies

/// The punctuation a sender may pick delimiters from.
const PUNCT: &[u8] = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Valid delimiters: the standard ones half of the time, else five or six distinct punctuation marks.
fn delimiters() -> impl Strategy<Value = Delimiters> {
    let random = (Just(PUNCT.to_vec()).prop_shuffle(), any::<bool>()).prop_map(|(p, trunc)| {
        let d = Delimiters {
            field: p[0],
            component: p[1],
            repetition: p[2],
            escape: p[3],
            subcomponent: p[4],
            truncation: trunc.then_some(p[5]),
        };
        let msh2: Vec<u8> = [d.component, d.repetition, d.escape, d.subcomponent]
            .into_iter()
            .chain(d.truncation)
            .collect();
        assert_eq!(
            Delimiters::from_header(d.field, &msh2),
            Ok(d),
            "the strategy builds valid delimiters"
        );
        d
    });
    prop_oneof![Just(Delimiters::default()), random]
}

/// Text that is likely to hold delimiters, escapes, line ends, MLLP bytes and non-ASCII characters.
fn text() -> impl Strategy<Value = String> {
    let nasty = prop::sample::select(vec![
        '|', '^', '~', '\\', '&', '#', '\r', '\n', ' ', '"', '\u{b}', '\u{1c}', '\0', 'é', '€',
        '😀', 'A', '1', '.', 'X', 'F', 'S', 'T', 'R', 'E', 'P', 'H', 'N',
    ]);
    prop_oneof![
        2 => prop::collection::vec(prop_oneof![nasty, any::<char>()], 0..10)
            .prop_map(|cs| cs.into_iter().collect::<String>()),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

type Comp = Vec<String>;
type Rep = Vec<Comp>;
type Field = Vec<Rep>;

#[derive(Debug, Clone, PartialEq)]
struct Seg {
    id: String,
    fields: Vec<Field>,
}

fn field() -> impl Strategy<Value = Field> {
    let comp = prop::collection::vec(text(), 1..3);
    let rep = prop::collection::vec(comp, 1..4);
    prop::collection::vec(rep, 1..3)
}

/// A segment id `[A-Z][A-Z0-9]{2}` that is none of `excluded`.
fn segment_id(excluded: &'static [&'static str]) -> impl Strategy<Value = String> {
    "[A-Z][A-Z0-9]{2}".prop_filter("a header or envelope id", move |id| {
        !excluded.contains(&id.as_str())
    })
}

fn segment(excluded: &'static [&'static str]) -> impl Strategy<Value = Seg> {
    (segment_id(excluded), prop::collection::vec(field(), 0..6))
        .prop_map(|(id, fields)| Seg { id, fields })
}

/// An MSH (fields 3 onwards) and the segments after it.
fn message(excluded: &'static [&'static str]) -> impl Strategy<Value = (Vec<Field>, Vec<Seg>)> {
    (
        prop::collection::vec(field(), 0..5),
        prop::collection::vec(segment(excluded), 0..6),
    )
}

const HEADERS: &[&str] = &["MSH", "FHS", "BHS"];
const ENVELOPES: &[&str] = &["MSH", "FHS", "BHS", "BTS", "FTS"];

/// Bytes that look like HL7 often enough to reach deep into the parser.
fn hl7ish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b"MSH|^~\\&|".to_vec()),
        Just(b"MSH|^~\\&#|".to_vec()),
        Just(b"FHS|^~\\&|".to_vec()),
        Just(b"BHS|^~\\&|".to_vec()),
        Just(b"BTS|1".to_vec()),
        Just(b"FTS|1".to_vec()),
        Just(b"PID|1||".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"|".to_vec()),
        Just(b"^".to_vec()),
        Just(b"~".to_vec()),
        Just(b"&".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"\\X0D\\".to_vec()),
        Just(b"\\T\\".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(vec![mllp::START]),
        Just(vec![mllp::END, mllp::CR]),
        Just(b" ".to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![prop::collection::vec(any::<u8>(), 0..300), hl7ish_bytes()]
}

// ---------------------------------------------------------------------------------------------------
// Helpers

fn write_field(w: &mut Writer, field: &Field) {
    for (r, rep) in field.iter().enumerate() {
        if r > 0 {
            w.next_repetition();
        }
        for (c, comp) in rep.iter().enumerate() {
            if c > 0 {
                w.next_component();
            }
            for (s, sub) in comp.iter().enumerate() {
                if s > 0 {
                    w.next_subcomponent();
                }
                w.text(sub);
            }
        }
    }
}

fn write_message(d: Delimiters, msh: &[Field], segs: &[Seg]) -> Vec<u8> {
    let mut w = Writer::with_delimiters(d);
    w.begin_segment("MSH");
    for f in msh {
        w.next_field();
        write_field(&mut w, f);
    }
    for seg in segs {
        w.begin_segment(&seg.id);
        for f in &seg.fields {
            w.next_field();
            write_field(&mut w, f);
        }
    }
    w.finish()
}

fn read_field(v: Value<'_>) -> Field {
    v.repetitions()
        .map(|rep| {
            rep.components()
                .map(|comp| {
                    comp.subcomponents()
                        .map(|s| s.text().into_owned())
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Drops the trailing empty positions the writer leaves out, at every level.
fn normalise_field(mut f: Field) -> Field {
    for rep in &mut f {
        for comp in rep.iter_mut() {
            while comp.last().is_some_and(String::is_empty) {
                comp.pop();
            }
        }
        while rep.last().is_some_and(Vec::is_empty) {
            rep.pop();
        }
    }
    while f.last().is_some_and(Vec::is_empty) {
        f.pop();
    }
    f
}

fn normalise_fields(fields: Vec<Field>) -> Vec<Field> {
    let mut out: Vec<Field> = fields.into_iter().map(normalise_field).collect();
    while out.last().is_some_and(Vec::is_empty) {
        out.pop();
    }
    out
}

/// Touches every accessor of every value, so that a panic anywhere in them is found.
fn walk(msg: &er7::Message<'_>) -> usize {
    let mut seen = 0;
    for seg in msg.segments() {
        let _ = seg.id();
        let _ = seg.as_bytes();
        for n in 0..=seg.field_count() + 1 {
            let Some(f) = seg.field(n) else { continue };
            seen += 1;
            let mut issues = Vec::new();
            let _ = f.text_with_issues(&mut issues);
            let _ = (
                f.is_null(),
                f.is_empty(),
                f.has_children(),
                f.component(0),
                f.subcomponent(3),
            );
            for rep in f.repetitions() {
                for comp in rep.components() {
                    let _ = comp.text();
                    for sub in comp.subcomponents() {
                        let _ = (sub.text(), sub.raw(), sub.span(), sub.has_children());
                        seen += 1;
                    }
                }
            }
        }
    }
    seen
}

fn deframe_in_chunks(stream: &[u8], sizes: &[usize], max: usize) -> (Vec<Vec<u8>>, Vec<MllpError>) {
    let mut d = Deframer::new(max);
    let (mut msgs, mut errors) = (Vec::new(), Vec::new());
    let mut rest = stream;
    let mut i = 0;
    while !rest.is_empty() {
        let n = sizes[i % sizes.len()].min(rest.len());
        i += 1;
        d.push(&rest[..n]);
        rest = &rest[n..];
        loop {
            match d.next_frame() {
                Ok(Frame::Message(m)) => msgs.push(m),
                Ok(Frame::Partial) => break,
                Err(e) => errors.push(e),
            }
        }
    }
    if let Err(e) = d.finish() {
        errors.push(e);
    }
    (msgs, errors)
}

// ---------------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// (a) Any tree of strings, written and parsed back, gives the same strings.
    #[test]
    fn written_trees_parse_back(d in delimiters(), (msh, segs) in message(HEADERS)) {
        let bytes = write_message(d, &msh, &segs);
        let msg = er7::parse(&bytes).unwrap();
        prop_assert_eq!(msg.delimiters(), &d);
        prop_assert!(msg.warnings().is_empty(), "{:?}", msg.warnings());
        prop_assert_eq!(msg.segment_count(), segs.len() + 1);
        prop_assert_eq!(msg.to_bytes(), bytes.clone());

        let header = msg.segment(0).unwrap();
        prop_assert_eq!(header.id(), "MSH");
        let got: Vec<Field> = (3..=header.field_count()).map(|n| read_field(header.field(n).unwrap())).collect();
        prop_assert_eq!(normalise_fields(got), normalise_fields(msh.clone()));

        for (seg, parsed) in segs.iter().zip(msg.segments().skip(1)) {
            prop_assert_eq!(parsed.id(), seg.id.as_str());
            let got: Vec<Field> = parsed.fields().map(read_field).collect();
            prop_assert_eq!(normalise_fields(got), normalise_fields(seg.fields.clone()));
        }
    }

    /// (b) Escape encoding round-trips, leaves no structural byte bare, and borrows when it can.
    #[test]
    fn escape_round_trips(d in delimiters(), s in text()) {
        let encoded = escape::encode(&s, &d);
        for b in encoded.bytes() {
            let structural = b == d.field || b == d.component || b == d.repetition
                || b == d.subcomponent || Some(b) == d.truncation
                || matches!(b, b'\r' | b'\n' | mllp::START | mllp::END);
            prop_assert!(!structural, "{:?} left {:?} bare", encoded, char::from(b));
        }
        let mut issues = Vec::new();
        prop_assert_eq!(escape::decode_with_issues(encoded.as_bytes(), &d, &mut issues), s.as_str());
        prop_assert!(issues.is_empty(), "{:?}", issues);
        if !s.bytes().any(|b| d.is_special(b) || matches!(b, b'\r' | b'\n' | 0x0B | 0x1C)) {
            prop_assert!(matches!(encoded, std::borrow::Cow::Borrowed(_)));
        }
        let mut appended = b"prefix".to_vec();
        escape::encode_into(&s, &d, &mut appended);
        prop_assert_eq!(&appended[6..], encoded.as_bytes());
    }

    /// (b) Decoding arbitrary bytes never panics, and plain text decodes to itself.
    #[test]
    fn escape_decode_any_bytes(d in delimiters(), raw in any_bytes()) {
        let mut issues = Vec::new();
        let text = escape::decode_with_issues(&raw, &d, &mut issues);
        prop_assert_eq!(escape::decode(&raw, &d), text.clone());
        for i in &issues {
            prop_assert!(i.offset < raw.len());
            prop_assert_eq!(raw[i.offset], d.escape);
        }
        if !raw.contains(&d.escape) {
            prop_assert_eq!(text, escape::bytes_to_text(&raw));
        }
    }

    /// (c) No bytes panic the parser, the splitter or the deframer; whatever parses writes back to
    /// bytes that parse to the same segments.
    #[test]
    fn any_bytes_are_safe(input in any_bytes(), sizes in prop::collection::vec(1usize..20, 1..5)) {
        if let Ok(msg) = er7::parse(&input) {
            walk(&msg);
            let out = msg.to_bytes();
            let again = er7::parse(&out).unwrap();
            prop_assert_eq!(again.delimiters(), msg.delimiters());
            prop_assert_eq!(again.segment_count(), msg.segment_count());
            for (a, b) in msg.segments().zip(again.segments()) {
                prop_assert_eq!(a.as_bytes(), b.as_bytes());
                prop_assert_eq!(a.field_count(), b.field_count());
            }
            prop_assert_eq!(again.to_bytes(), out);
        }
        if let Ok(batch) = er7::split(&input) {
            for m in batch.messages().flatten() {
                walk(m);
            }
            for env in [&batch.file_header, &batch.file_trailer].into_iter().flatten() {
                walk(env);
            }
        }
        // Chunking changes how skipped bytes are reported, not which messages come out.
        let (msgs, errors) = mllp::deframe_all(&input);
        let (chunked, chunked_errors) = deframe_in_chunks(&input, &sizes, input.len().max(1));
        prop_assert_eq!(chunked, msgs);
        let truncated = |e: &[MllpError]| matches!(e.last(), Some(MllpError::Truncated { .. }));
        prop_assert_eq!(truncated(&chunked_errors), truncated(&errors));
        let _ = mllp::is_framed(&input);
        // A small frame limit on any bytes: errors, never a panic, and nothing larger than the limit.
        let (small, _) = deframe_in_chunks(&input, &sizes, 8);
        prop_assert!(small.iter().all(|m| m.len() <= 8));
    }

    /// (d) Messages framed and fed in chunks of any size come out as they went in.
    #[test]
    fn mllp_survives_any_chunking(
        raw in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..200), 0..6),
        trees in prop::collection::vec(message(HEADERS), 0..3),
        gaps in prop::collection::vec(prop::sample::select(vec![&b""[..], b"\r\n", b" ", b"\t\n "]), 1..4),
        sizes in prop::collection::vec(1usize..64, 1..6),
    ) {
        // END CR cannot occur inside a frame; anything else can.
        let mut messages: Vec<Vec<u8>> = raw
            .into_iter()
            .map(|mut m| {
                for i in 1..m.len() {
                    if m[i - 1] == mllp::END && m[i] == mllp::CR {
                        m[i] = b'x';
                    }
                }
                m
            })
            .collect();
        // Written messages need no such care: the writer escapes the MLLP bytes.
        messages.extend(trees.iter().map(|(msh, segs)| write_message(Delimiters::default(), msh, segs)));
        let mut stream = Vec::new();
        for (i, m) in messages.iter().enumerate() {
            stream.extend_from_slice(gaps[i % gaps.len()]);
            mllp::frame_into(m, &mut stream);
        }
        let (out, errors) = deframe_in_chunks(&stream, &sizes, 1 << 16);
        prop_assert!(errors.is_empty(), "{:?}", errors);
        prop_assert_eq!(&out, &messages);
        prop_assert_eq!(mllp::deframe_all(&stream), (messages, vec![]));
    }

    /// (e) A batch built with BatchBuilder splits back into the same messages, without warnings.
    #[test]
    fn built_batches_split_back(
        d in delimiters(),
        header in prop::collection::vec(text(), 0..6),
        trees in prop::collection::vec((message(ENVELOPES), any::<bool>()), 0..6),
    ) {
        let mut b = er7::BatchBuilder::with_delimiters(d);
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        b.file_header(&header);
        let mut pushed = Vec::new();
        let mut groups = vec![0usize];
        for ((msh, segs), close) in &trees {
            let m = write_message(d, msh, segs);
            b.push(&m);
            pushed.push(m);
            *groups.last_mut().unwrap() += 1;
            if *close {
                b.next_batch();
                groups.push(0);
            }
        }
        // The builder closes the open batch; an empty one is written only when nothing was pushed.
        if groups.len() > 1 && *groups.last().unwrap() == 0 {
            groups.pop();
        }
        let bytes = b.finish();
        let batch = er7::split(&bytes).unwrap();
        prop_assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
        prop_assert_eq!(batch.message_count(), pushed.len());
        prop_assert_eq!(batch.groups.iter().map(|g| g.messages.len()).collect::<Vec<_>>(), groups);
        for (m, p) in batch.messages().zip(&pushed) {
            let m = m.as_ref().unwrap();
            prop_assert!(m.warnings().is_empty(), "{:?}", m.warnings());
            prop_assert_eq!(&m.to_bytes(), p);
        }
        let fhs = batch.file_header.as_ref().unwrap();
        let fhs = fhs.segment(0).unwrap();
        prop_assert_eq!(fhs.id(), "FHS");
        let got: Vec<String> = (3..=fhs.field_count()).map(|n| fhs.field(n).unwrap().text().into_owned()).collect();
        let mut want: Vec<String> = header.iter().map(|s| (*s).to_string()).collect();
        while want.last().is_some_and(String::is_empty) {
            want.pop();
        }
        prop_assert_eq!(got, want);
    }
}

// ---------------------------------------------------------------------------------------------------
// Limits: each one stops the parse with its own error, and nothing of the content in its message.

fn limit_of(r: Result<er7::Message<'_>, Error>) -> (LimitKind, usize) {
    match r {
        Err(Error::Limit { limit, offset, .. }) => (limit, offset),
        other => panic!(
            "expected a limit error, got {:?}",
            other.map(|m| m.segment_count())
        ),
    }
}

#[test]
fn each_limit_triggers() {
    let input = b"MSH|^~\\&|SECRET\rPID|1||12345||Doe^Jane\rRXA|0|1|20240101\r";
    let small = |f: fn(&mut Limits)| {
        let mut l = Limits::default();
        f(&mut l);
        l
    };
    assert!(er7::parse_with(input, &Limits::default()).is_ok());

    let l = small(|l| l.max_message_bytes = 20);
    assert_eq!(
        limit_of(er7::parse_with(input, &l)),
        (LimitKind::MessageBytes, 0)
    );
    let l = Limits {
        max_message_bytes: input.len(),
        ..Limits::default()
    };
    assert!(er7::parse_with(input, &l).is_ok(), "the limit is inclusive");

    let l = small(|l| l.max_segments = 2);
    assert_eq!(
        limit_of(er7::parse_with(input, &l)),
        (LimitKind::Segments, 39)
    );
    let l = small(|l| l.max_segments = 3);
    assert!(er7::parse_with(input, &l).is_ok());

    let l = small(|l| l.max_fields = 4);
    assert_eq!(
        limit_of(er7::parse_with(input, &l)),
        (LimitKind::Fields, 16)
    );
    let l = small(|l| l.max_fields = 5);
    assert!(er7::parse_with(input, &l).is_ok());

    let l = small(|l| l.max_field_bytes = 6);
    let (kind, _) = limit_of(er7::parse_with(input, &l));
    assert_eq!(kind, LimitKind::FieldBytes);
    let l = small(|l| l.max_field_bytes = 9); // "|Doe^Jane" and "|20240101"
    assert!(er7::parse_with(input, &l).is_ok());

    // The limits apply to each message of a split, and an error there does not hide the others.
    let two = [&input[..], b"MSH|^~\\&|B\rPID|1\r"].concat();
    let batch = er7::split_with(&two, &small(|l| l.max_segments = 2)).unwrap();
    let results: Vec<_> = batch
        .messages()
        .map(|m| m.as_ref().map(|m| m.segment_count()))
        .collect();
    assert!(matches!(
        results[0],
        Err(Error::Limit {
            limit: LimitKind::Segments,
            ..
        })
    ));
    assert_eq!(results[1], Ok(2));

    // The MLLP frame limit: an oversized frame is dropped, the next one comes through.
    let mut stream = mllp::frame(&[b'x'; 100]);
    mllp::frame_into(b"MSH|^~\\&\r", &mut stream);
    let mut d = Deframer::new(50);
    d.push(&stream);
    assert_eq!(
        d.next_frame(),
        Err(MllpError::TooLarge { offset: 0, max: 50 })
    );
    assert_eq!(d.next_frame(), Ok(Frame::Message(b"MSH|^~\\&\r".to_vec())));
    assert_eq!(d.next_frame(), Ok(Frame::Partial));
    assert_eq!(d.finish(), Ok(()));

    // Every limit error reads as a sentence that names no content.
    for l in [
        small(|l| l.max_message_bytes = 20),
        small(|l| l.max_segments = 1),
        small(|l| l.max_fields = 1),
        small(|l| l.max_field_bytes = 3),
    ] {
        let text = er7::parse_with(input, &l).unwrap_err().to_string();
        assert!(
            text.starts_with("byte ") && text.contains("limit"),
            "{text}"
        );
        for secret in ["SECRET", "12345", "Doe", "Jane", "20240101"] {
            assert!(!text.contains(secret), "{text}");
        }
    }
}

#[test]
fn errors_name_no_content() {
    let cases: &[&[u8]] = &[
        b"",
        b" \r\n ",
        b"PID|1||SECRET",
        b"MSH|^~&|SECRET",
        b"MSH|^~\\&~^|SECRET",
        b"MSH|^~\\\\&|SECRET",
        b"MSH|^~A&|SECRET",
        b"MSH",
        b"MSH|^~\\&|A\rSECRET|1\r",
        b"MSH|^~\\&|A\rPID|SECRET\rMSH|^~\\&|B\r",
    ];
    let mut seen = std::collections::HashSet::new();
    for input in cases {
        let err = er7::parse(input).unwrap_err();
        let text = err.to_string();
        assert!(!text.contains("SECRET"), "{text}");
        assert!(!text.is_empty());
        seen.insert(std::mem::discriminant(&err));
        if let Some(offset) = err.offset() {
            assert!(offset <= input.len());
        }
    }
    // Empty, NoHeader, Delimiters, SegmentId, SecondHeader.
    assert_eq!(seen.len(), 5);
    let (_, errors) = mllp::deframe_all(b"SECRET\x0bSECRET");
    assert_eq!(errors.len(), 2);
    for e in errors {
        assert!(!e.to_string().contains("SECRET"), "{e}");
    }
}

// ---------------------------------------------------------------------------------------------------
// Linear cost on pathological shapes. Quadratic work at these sizes would not finish in CI time.

#[test]
fn hundred_thousand_segments() {
    let mut input = b"MSH|^~\\&|A\r".to_vec();
    for _ in 1..100_000 {
        input.extend_from_slice(b"OBX|1|ST|||x\r");
    }
    let msg = er7::parse(&input).unwrap();
    assert_eq!(
        msg.segment_count(),
        100_000,
        "the default limit is inclusive"
    );
    assert_eq!(msg.segments().filter(|s| s.id() == "OBX").count(), 99_999);
    assert_eq!(msg.segment(99_999).unwrap().field(5).unwrap().text(), "x");
    assert!(msg.to_bytes() == input);
    input.extend_from_slice(b"OBX|1\r");
    assert!(matches!(
        er7::parse(&input),
        Err(Error::Limit {
            limit: LimitKind::Segments,
            ..
        })
    ));
}

#[test]
fn ten_megabyte_field() {
    let mut input = b"MSH|^~\\&|A\rOBX|1|ED|||".to_vec();
    let big = 10 << 20;
    input.resize(input.len() + big, b'a');
    input.extend_from_slice(b"|F\r");
    let msg = er7::parse(&input).unwrap();
    let obx = msg.segment(1).unwrap();
    let v = obx.field(5).unwrap();
    assert_eq!(v.raw().len(), big);
    assert!(matches!(v.text(), std::borrow::Cow::Borrowed(s) if s.len() == big));
    assert_eq!(v.repetitions().count(), 1);
    assert_eq!(v.components().count(), 1);
    assert_eq!(obx.field(6).unwrap().text(), "F");
    let l = Limits {
        max_field_bytes: 1 << 20,
        ..Limits::default()
    };
    assert!(matches!(
        er7::parse_with(&input, &l),
        Err(Error::Limit {
            limit: LimitKind::FieldBytes,
            ..
        })
    ));
    // Ten megabytes of escapes decode in one pass.
    let mut escaped = Vec::with_capacity(big);
    while escaped.len() < big {
        escaped.extend_from_slice(b"\\F\\a");
    }
    let text = escape::decode(&escaped, &Delimiters::default());
    assert_eq!(text.len(), escaped.len() / 2);
    // As do ten megabytes of lone escape characters.
    let lone = vec![b'\\'; big];
    let mut issues = Vec::new();
    assert_eq!(
        escape::decode_with_issues(&lone, &Delimiters::default(), &mut issues).len(),
        big
    );
    assert_eq!(issues.len(), big);
}

#[test]
fn hundred_thousand_repetitions_and_components() {
    let mut input = b"MSH|^~\\&|A\rPID|1||".to_vec();
    for i in 0..100_000 {
        if i > 0 {
            input.push(b'~');
        }
        input.extend_from_slice(b"ID^^^AUTH&1.2&ISO^MR");
    }
    input.extend_from_slice(b"\r");
    let msg = er7::parse(&input).unwrap();
    let pid3 = msg.segment(1).unwrap().field(3).unwrap();
    assert_eq!(pid3.repetitions().count(), 100_000);
    let subs: usize = pid3
        .repetitions()
        .map(|r| {
            r.components()
                .map(|c| c.subcomponents().count())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(subs, 100_000 * 7);
    assert_eq!(
        pid3.repetition(99_999)
            .unwrap()
            .component(4)
            .subcomponent(2)
            .text(),
        "1.2"
    );

    let mut wide = b"MSH|^~\\&|A\rNTE|1||".to_vec();
    wide.extend(std::iter::repeat_n(b'^', 1_000_000));
    wide.push(b'\r');
    let msg = er7::parse(&wide).unwrap();
    assert_eq!(
        msg.segment(1)
            .unwrap()
            .field(3)
            .unwrap()
            .components()
            .count(),
        1_000_001
    );
}

#[test]
fn ten_thousand_escapes_in_a_message() {
    let mut w = Writer::new();
    w.begin_segment("MSH");
    w.begin_segment("NTE");
    w.next_field();
    w.next_field();
    w.next_field();
    let text = "|^~\\&\r\n".repeat(10_000 / 7 + 1);
    w.text(&text);
    let bytes = w.finish();
    let msg = er7::parse(&bytes).unwrap();
    let nte3 = msg.segment(1).unwrap().field(3).unwrap();
    assert_eq!(
        nte3.raw().iter().filter(|&&b| b == b'\\').count(),
        2 * text.len()
    );
    assert_eq!(nte3.repetitions().count(), 1);
    assert_eq!(nte3.text(), text);
}

#[test]
fn many_fields_and_messages() {
    let mut input = b"MSH|^~\\&|A\rZXY".to_vec();
    input.extend(std::iter::repeat_n(b'|', 100_000));
    input.push(b'\r');
    assert!(matches!(
        er7::parse(&input),
        Err(Error::Limit {
            limit: LimitKind::Fields,
            ..
        })
    ));
    let l = Limits {
        max_fields: 100_000,
        ..Limits::default()
    };
    let msg = er7::parse_with(&input, &l).unwrap();
    assert_eq!(msg.segment(1).unwrap().field_count(), 100_000);

    let one = b"MSH|^~\\&|A\rPID|1\r";
    let stream = one.repeat(50_000);
    let batch = er7::split(&stream).unwrap();
    assert_eq!(batch.message_count(), 50_000);
    assert!(
        batch
            .messages()
            .all(|m| m.as_ref().is_ok_and(|m| m.segment_count() == 2))
    );
}

#[test]
fn mllp_byte_by_byte() {
    // One large frame and many small ones, one byte at a time: the deframer scans each byte once.
    let big = vec![b'a'; 300_000];
    let mut stream = mllp::frame(&big);
    for _ in 0..20_000 {
        mllp::frame_into(b"MSH|^~\\&\r", &mut stream);
    }
    let (msgs, errors) = deframe_in_chunks(&stream, &[1], 1 << 20);
    assert!(errors.is_empty());
    assert_eq!(msgs.len(), 20_001);
    assert!(msgs[0] == big);
    // Garbage one byte at a time is reported, not accumulated.
    let garbage = vec![b'x'; 100_000];
    let (msgs, errors) = deframe_in_chunks(&garbage, &[1], 1 << 20);
    assert!(msgs.is_empty());
    assert_eq!(
        errors
            .iter()
            .map(|e| match e {
                MllpError::Garbage { len, .. } => *len,
                _ => 0,
            })
            .sum::<usize>(),
        100_000
    );
    // An oversized frame that never ends is dropped as it comes, not buffered.
    let mut endless = vec![mllp::START];
    endless.resize(1 << 20, b'a');
    let mut d = Deframer::new(1000);
    let mut too_large = 0;
    for chunk in endless.chunks(7) {
        d.push(chunk);
        while let Err(e) = d.next_frame() {
            assert!(matches!(e, MllpError::TooLarge { .. }));
            too_large += 1;
        }
    }
    assert_eq!(too_large, 1);
    assert!(d.finish().is_err());
}

// ---------------------------------------------------------------------------------------------------
// Regressions found by the properties above.

#[test]
fn a_line_with_no_segment_id_is_an_error_not_a_blank_line() {
    // It used to be skipped as a blank line, content and all; the rewrite then lost a byte.
    let err = er7::parse(b"MSH|^~\\&|\x1c\r|x").unwrap_err();
    assert_eq!(
        err,
        Error::SegmentId {
            offset: 11,
            segment: 1
        }
    );
    // Lines of white space alone are still skipped.
    let msg = er7::parse(b"MSH|^~\\&|A\r \t\rPID|1\r").unwrap();
    assert_eq!(msg.segment_count(), 2);
    assert_eq!(msg.warnings()[0].kind, er7::WarningKind::BlankLine);
}

#[test]
fn batch_builder_writes_no_empty_trailing_batch() {
    let mut b = er7::BatchBuilder::new();
    b.push(b"MSH|^~\\&|A\r");
    b.next_batch();
    let bytes = b.finish();
    assert_eq!(bytes, b"FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rBTS|1\rFTS|1\r");
    let empty = er7::BatchBuilder::new().finish();
    assert_eq!(empty, b"FHS|^~\\&\rBHS|^~\\&\rBTS|0\rFTS|1\r");
    assert!(er7::split(&empty).unwrap().warnings.is_empty());
}

#[test]
fn envelope_lines_keep_trailing_control_bytes() {
    let batch = er7::split(b"FHS|^~\\&|\0\rMSH|^~\\&|A\rFTS|0\r").unwrap();
    let fhs = batch.file_header.unwrap();
    assert_eq!(fhs.segment(0).unwrap().field(3).unwrap().text(), "\0");
    assert!(fhs.warnings().is_empty());
}

#[test]
fn lf_final_terminator_is_reported() {
    let msg = er7::parse(b"MSH|^~\\&|A\rPID|1\n").unwrap();
    assert_eq!(msg.warnings().len(), 1);
    assert_eq!(msg.warnings()[0].kind, er7::WarningKind::LfTerminator);
    assert_eq!(msg.warnings()[0].offset, 16);
    assert_eq!(msg.to_bytes(), b"MSH|^~\\&|A\rPID|1\r");
}
