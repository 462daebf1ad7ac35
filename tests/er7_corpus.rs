#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The wire layer over every real message in `../shared/corpus` (see its `PROVENANCE.md`).
//!
//! What is checked, file by file:
//!
//! * every file splits into the number of messages it holds (one everywhere but in a batch envelope);
//! * every message parses, except the three ImmTrac scenarios whose MSH-2 is deliberately broken
//!   (`odd/003`, `odd/004`, `odd/005`): those fail with `Error::Delimiters { TooShort { found: 3 } }`,
//!   which is what their source expects (`Hl7MshEncodingCharacterIsInvalid`). Everything else that is
//!   odd about a file (BOM, LF or CR LF line ends, blank lines, a missing final terminator, trailing
//!   separators) is tolerated, and must show up as the warnings listed in `ODD` below;
//! * files whose segments are separated by CR only are written back byte for byte;
//! * batch trailers are checked (`BTS-1` of `batch/002` and `003` says 4 for one message);
//! * escape sequences in real messages decode;
//! * no error or warning `Display` quotes patient data.

use std::collections::HashSet;

use izmsg::er7::{self, DelimiterProblem, Error, WarningKind};

mod common;

use common::{CORPUS_FILES, Corpus};

struct CorpusFile {
    /// Path relative to the corpus folder, `kind/name.hl7`.
    name: String,
    bytes: Vec<u8>,
}

impl CorpusFile {
    fn kind(&self) -> &str {
        self.name.split('/').next().unwrap()
    }

    /// `odd/003` for `odd/003-immtrac-v24-msh2-missing.hl7`.
    fn short(&self) -> &str {
        self.name
            .get(..self.name.find('-').unwrap_or(self.name.len()))
            .unwrap()
    }

    fn cr_only(&self) -> bool {
        !self.bytes.contains(&b'\n') && !self.bytes.starts_with(b"\xEF\xBB\xBF")
    }
}

/// Every `.hl7` file of the shared corpus, sorted.
fn files_of(c: &Corpus) -> Vec<CorpusFile> {
    c.kinds(&common::KINDS)
        .into_iter()
        .map(|(name, bytes)| CorpusFile { name, bytes })
        .collect()
}

fn find<'c>(files: &'c [CorpusFile], short: &str) -> &'c CorpusFile {
    files
        .iter()
        .find(|f| f.short() == short)
        .unwrap_or_else(|| panic!("corpus file {short} not found"))
}

fn kinds(warnings: &[er7::Warning]) -> HashSet<WarningKind> {
    warnings.iter().map(|w| w.kind).collect()
}

fn set(k: &[WarningKind]) -> HashSet<WarningKind> {
    k.iter().copied().collect()
}

/// The three messages whose MSH-2 is deliberately invalid.
const BROKEN_MSH2: &[&str] = &["odd/003", "odd/004", "odd/005"];

use WarningKind::{
    BlankLine, ByteOrderMark, CrLfTerminator, LfTerminator, MissingFinalTerminator,
    TrailingDelimiters,
};

/// What `er7::parse` of the whole file must report for each `odd/` file that parses: every kind, and
/// the count of LF terminators where there are any (one per LF that ends a segment or a blank line).
const ODD: &[(&str, &[WarningKind], u32)] = &[
    ("odd/001", &[MissingFinalTerminator], 0),
    ("odd/002", &[TrailingDelimiters], 0),
    ("odd/006", &[MissingFinalTerminator], 0),
    // BOM, 11 segments each ended by LF.
    ("odd/007", &[ByteOrderMark, LfTerminator], 11),
    // BOM, 14 segments, LF between them, none after the last.
    (
        "odd/008",
        &[
            ByteOrderMark,
            LfTerminator,
            TrailingDelimiters,
            MissingFinalTerminator,
        ],
        13,
    ),
    // LF, blank lines between groups, no final line end.
    (
        "odd/009",
        &[
            LfTerminator,
            BlankLine,
            TrailingDelimiters,
            MissingFinalTerminator,
        ],
        65,
    ),
    ("odd/010", &[TrailingDelimiters], 0),
    // CR after MSH, LF after the eight other segments.
    ("odd/011", &[LfTerminator], 8),
    ("odd/012", &[TrailingDelimiters, MissingFinalTerminator], 0),
    (
        "odd/013",
        &[
            ByteOrderMark,
            LfTerminator,
            TrailingDelimiters,
            MissingFinalTerminator,
        ],
        22,
    ),
    // BOM, LF, and a blank line after the last segment.
    (
        "odd/014",
        &[ByteOrderMark, LfTerminator, BlankLine, TrailingDelimiters],
        24,
    ),
    // The OBX that runs into the next RXA is one (long) segment as far as the wire is concerned.
    ("odd/015", &[TrailingDelimiters], 0),
    ("odd/016", &[], 0),
    ("odd/017", &[TrailingDelimiters], 0),
];

#[test]
fn corpus_has_every_file() {
    let Some(corpus) = Corpus::here() else { return };
    let files = files_of(&corpus);
    assert_eq!(
        files.len(),
        CORPUS_FILES,
        "PROVENANCE.md lists {CORPUS_FILES} files; found {} under {}",
        files.len(),
        corpus.root().display()
    );
    let per_kind = |k: &str| files.iter().filter(|f| f.kind() == k).count();
    assert_eq!(
        [
            per_kind("vxu"),
            per_kind("qbp"),
            per_kind("rsp"),
            per_kind("ack"),
            per_kind("batch"),
            per_kind("odd")
        ],
        [29, 14, 32, 19, 3, 17]
    );
}

#[test]
fn every_file_splits_into_its_messages() {
    let Some(corpus) = Corpus::here() else { return };
    for f in files_of(&corpus) {
        let batch =
            er7::split(&f.bytes).unwrap_or_else(|e| panic!("{}: split failed: {e}", f.name));
        assert_eq!(batch.message_count(), 1, "{}: one message per file", f.name);
        let enveloped = f.kind() == "batch";
        assert_eq!(
            batch.groups.iter().any(|g| g.header.is_some()),
            enveloped,
            "{}: BHS",
            f.name
        );
        assert_eq!(
            batch.groups.iter().any(|g| g.trailer.is_some()),
            enveloped,
            "{}: BTS",
            f.name
        );
        if !enveloped {
            // Outside a batch, the message split out is the message `parse` sees.
            let whole = er7::parse(&f.bytes);
            let first = batch.messages().next().unwrap();
            match (whole, first) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.to_bytes(), b.to_bytes(), "{}", f.name);
                    assert_eq!(a.segment_count(), b.segment_count(), "{}", f.name);
                }
                (Err(a), Err(b)) => assert_eq!(&a, b, "{}", f.name),
                (a, b) => panic!(
                    "{}: parse says {:?}, split says {:?}",
                    f.name,
                    a.err(),
                    b.as_ref().err()
                ),
            }
        }
    }
}

#[test]
fn every_message_parses_but_the_broken_msh2() {
    let Some(corpus) = Corpus::here() else { return };
    let files = files_of(&corpus);
    let mut parsed = 0;
    for f in &files {
        let batch = er7::split(&f.bytes).unwrap();
        for msg in batch.messages() {
            if BROKEN_MSH2.contains(&f.short()) {
                assert_eq!(
                    msg.as_ref().err(),
                    Some(&Error::Delimiters {
                        offset: 0,
                        problem: DelimiterProblem::TooShort { found: 3 }
                    }),
                    "{}: MSH-2 holds three characters",
                    f.name
                );
                assert!(er7::parse(&f.bytes).is_err(), "{}", f.name);
                continue;
            }
            let msg = msg.as_ref().unwrap_or_else(|e| panic!("{}: {e}", f.name));
            parsed += 1;
            let msh = msg.segment(0).unwrap();
            assert_eq!(msh.id(), "MSH", "{}", f.name);
            assert!(msh.is_header());
            assert_eq!(msh.field(1).unwrap().text(), "|", "{}", f.name);
            assert_eq!(msh.field(2).unwrap().text(), "^~\\&", "{}", f.name);
            assert!(
                msg.segment_count() >= 2,
                "{}: a message has more than its header",
                f.name
            );
            // Every segment id is a real one, every field reachable.
            for seg in msg.segments() {
                let id = seg.id();
                assert!(
                    id.len() == 3
                        && id
                            .bytes()
                            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
                    "{}: segment {} id {id:?}",
                    f.name,
                    seg.index()
                );
                assert_eq!(seg.fields().count(), seg.field_count());
            }
        }
    }
    assert_eq!(parsed, CORPUS_FILES - BROKEN_MSH2.len());
}

#[test]
fn broken_msh2_errors_say_what_is_wrong() {
    let Some(corpus) = Corpus::here() else { return };
    let files = files_of(&corpus);
    for short in BROKEN_MSH2 {
        let f = find(&files, short);
        let err = er7::parse(&f.bytes).unwrap_err();
        assert_eq!(
            err,
            Error::Delimiters {
                offset: 0,
                problem: DelimiterProblem::TooShort { found: 3 }
            },
            "{short}"
        );
        let text = err.to_string();
        assert!(
            text.contains("MSH-2") && text.contains("byte 0"),
            "{short}: {text}"
        );
    }
}

#[test]
fn odd_files_carry_the_warnings_of_what_was_tolerated() {
    let Some(corpus) = Corpus::here() else { return };
    let files = files_of(&corpus);
    let odd: Vec<_> = files.iter().filter(|f| f.kind() == "odd").collect();
    assert_eq!(
        odd.len(),
        ODD.len() + BROKEN_MSH2.len(),
        "a row in ODD for every odd/ file"
    );
    for (short, expected, lf) in ODD {
        let f = find(&files, short);
        let msg = er7::parse(&f.bytes).unwrap_or_else(|e| panic!("{short}: {e}"));
        assert_eq!(
            kinds(msg.warnings()),
            set(expected),
            "{short}: {:?}",
            msg.warnings()
        );
        let lf_count = msg
            .warnings()
            .iter()
            .find(|w| w.kind == LfTerminator)
            .map_or(0, |w| w.count);
        assert_eq!(lf_count, *lf, "{short}: LF terminators");
        // Each warning points inside the file, and a BOM at its very start.
        for w in msg.warnings() {
            assert!(w.offset <= f.bytes.len(), "{short}: {w:?}");
            assert!(w.count >= 1);
        }
        if let Some(bom) = msg.warnings().iter().find(|w| w.kind == ByteOrderMark) {
            assert_eq!(bom.offset, 0);
            assert!(f.bytes.starts_with(b"\xEF\xBB\xBF"));
            assert_eq!(
                msg.span().start,
                3,
                "{short}: the message starts after the BOM"
            );
        }
        assert!(
            !kinds(msg.warnings()).contains(&CrLfTerminator),
            "{short}: no CR LF in the corpus"
        );
        assert_eq!(
            msg.has_final_terminator(),
            !expected.contains(&MissingFinalTerminator),
            "{short}"
        );
        // When split, the message keeps its own warnings and the BOM moves to the envelope.
        let batch = er7::split(&f.bytes).unwrap();
        let in_batch = batch.messages().next().unwrap().as_ref().unwrap();
        let mut without_bom = set(expected);
        without_bom.remove(&ByteOrderMark);
        assert_eq!(kinds(in_batch.warnings()), without_bom, "{short} split");
        assert_eq!(
            kinds(&batch.warnings),
            if expected.contains(&ByteOrderMark) {
                set(&[ByteOrderMark])
            } else {
                set(&[])
            },
            "{short} split envelope"
        );
    }
}

#[test]
fn files_without_odd_separators_warn_only_about_trailing_separators_and_final_terminator() {
    let Some(corpus) = Corpus::here() else { return };
    for f in files_of(&corpus)
        .iter()
        .filter(|f| f.kind() != "odd" && f.kind() != "batch")
    {
        assert!(f.cr_only(), "{}: PROVENANCE says CR separators", f.name);
        let msg = er7::parse(&f.bytes).unwrap();
        let allowed = set(&[TrailingDelimiters, MissingFinalTerminator]);
        assert!(
            kinds(msg.warnings()).is_subset(&allowed),
            "{}: {:?}",
            f.name,
            msg.warnings()
        );
        assert_eq!(
            kinds(msg.warnings()).contains(&MissingFinalTerminator),
            !f.bytes.ends_with(b"\r"),
            "{}",
            f.name
        );
    }
}

#[test]
fn cr_files_write_back_byte_for_byte() {
    let Some(corpus) = Corpus::here() else { return };
    let mut checked = 0;
    for f in files_of(&corpus)
        .iter()
        .filter(|f| f.cr_only() && !BROKEN_MSH2.contains(&f.short()))
    {
        checked += 1;
        let batch = er7::split(&f.bytes).unwrap();
        // The envelope segments and the messages, in file order, write back the whole file.
        let mut out = Vec::new();
        let mut parts = Vec::new();
        parts.extend(batch.file_header.iter());
        for g in &batch.groups {
            parts.extend(g.header.iter());
            for m in &g.messages {
                parts.push(m.as_ref().unwrap());
            }
            parts.extend(g.trailer.iter());
        }
        parts.extend(batch.file_trailer.iter());
        for p in &parts {
            p.write_to(&mut out);
        }
        assert!(
            out == f.bytes,
            "{}: split parts do not write back the file",
            f.name
        );
        // Each message is its own bytes in the file plus the terminator, if it had one.
        for m in batch.messages() {
            let m = m.as_ref().unwrap();
            let own =
                &f.bytes[m.span().start..m.span().end + usize::from(m.has_final_terminator())];
            assert!(m.to_bytes() == own, "{}", f.name);
        }
        if f.kind() != "batch" {
            let msg = er7::parse(&f.bytes).unwrap();
            assert!(
                msg.to_bytes() == f.bytes,
                "{}: write_to is not byte-exact",
                f.name
            );
        }
    }
    // 111 parseable files, of which odd/007, 008, 009, 011, 013, 014 use LF.
    assert_eq!(checked, CORPUS_FILES - BROKEN_MSH2.len() - 6);
}

#[test]
fn lf_files_write_back_as_cr_and_parse_the_same() {
    let Some(corpus) = Corpus::here() else { return };
    for f in files_of(&corpus).iter().filter(|f| !f.cr_only()) {
        let msg = er7::parse(&f.bytes).unwrap();
        let out = msg.to_bytes();
        assert!(!out.contains(&b'\n'), "{}", f.name);
        let again = er7::parse(&out).unwrap();
        assert_eq!(again.segment_count(), msg.segment_count(), "{}", f.name);
        for (a, b) in msg.segments().zip(again.segments()) {
            assert_eq!(a.as_bytes(), b.as_bytes(), "{}", f.name);
        }
        let left = kinds(again.warnings());
        assert!(
            left.is_subset(&set(&[TrailingDelimiters, MissingFinalTerminator])),
            "{}: {left:?}",
            f.name
        );
    }
}

#[test]
fn batch_trailer_counts_are_checked() {
    let Some(corpus) = Corpus::here() else { return };
    let files = files_of(&corpus);
    let b1 = er7::split(&find(&files, "batch/001").bytes).unwrap();
    assert!(b1.warnings.is_empty(), "batch/001: {:?}", b1.warnings);
    assert!(b1.file_header.is_none() && b1.file_trailer.is_none());
    assert_eq!(b1.groups.len(), 1);
    let msg = b1.messages().next().unwrap().as_ref().unwrap();
    assert_eq!(
        msg.segment(0).unwrap().field(9).unwrap().text(),
        "RSP^K11^RSP_K11"
    );
    assert_eq!(msg.segment_count(), 136);

    for short in ["batch/002", "batch/003"] {
        let f = find(&files, short);
        let b = er7::split(&f.bytes).unwrap();
        assert_eq!(
            kinds(&b.warnings),
            set(&[WarningKind::BatchCount]),
            "{short}: {:?}",
            b.warnings
        );
        // The BTS that says 4.
        let bts_at = f.bytes.windows(4).position(|w| w == b"BTS|").unwrap();
        assert_eq!(b.warnings[0].offset, bts_at, "{short}");
        let trailer = b.groups[0].trailer.as_ref().unwrap();
        assert_eq!(trailer.segment(0).unwrap().field(1).unwrap().text(), "4");
        assert!(
            b.file_header.is_some() && b.file_trailer.is_some(),
            "{short}"
        );
        assert_eq!(b.groups.len(), 1);
        let msg = b.messages().next().unwrap().as_ref().unwrap();
        let ids: Vec<_> = msg.segments().map(|s| s.id()).collect();
        assert_eq!(
            ids,
            [
                "MSH", "PID", "PD1", "NK1", "RXA", "RXA", "RXA", "RXR", "OBX"
            ],
            "{short}"
        );
    }
}

/// Raw `\R\`, `\T\` in real messages come out as the delimiters they stand for.
#[test]
fn real_escape_sequences_decode() {
    let Some(corpus) = Corpus::here() else { return };
    let files = files_of(&corpus);
    let wir = er7::parse(&find(&files, "odd/016").bytes).unwrap();
    let obx = wir.segment(31).unwrap();
    assert_eq!(obx.id(), "OBX");
    let value = obx.field(5).unwrap();
    assert!(value.raw().starts_with(b"\\R\\\\R\\!@!"));
    assert_eq!(
        value.repetitions().count(),
        1,
        "an escaped repetition separator does not split"
    );
    assert_eq!(value.text(), "~~!@!~!@~!@~!@@@~!@~!@~!@~!@");

    for short in ["odd/013", "odd/014"] {
        let msg = er7::parse(&find(&files, short).bytes).unwrap();
        let pv1 = msg.segment_by_id("PV1").unwrap();
        let f14 = pv1.field(14).unwrap();
        assert_eq!(
            f14.component(1).subcomponents().count(),
            1,
            "{short}: \\T\\ does not split"
        );
        assert_eq!(
            f14.component(1).text(),
            "NHS Provider-General (inc.A&E-this Hosp)",
            "{short}"
        );
    }

    // Every value in the corpus decodes without unknown sequences, apart from the ones listed.
    let mut issues = Vec::new();
    let mut decoded = 0;
    for f in files.iter().filter(|f| !BROKEN_MSH2.contains(&f.short())) {
        let batch = er7::split(&f.bytes).unwrap();
        for msg in batch.messages() {
            let msg = msg.as_ref().unwrap();
            for seg in msg.segments() {
                for field in seg.fields() {
                    for rep in field.repetitions() {
                        for comp in rep.components() {
                            for sub in comp.subcomponents() {
                                let before = issues.len();
                                let text = sub.text_with_issues(&mut issues);
                                let verbatim = sub.level() == er7::Level::Verbatim;
                                if !verbatim && sub.raw().contains(&b'\\') && issues.len() == before
                                {
                                    decoded += 1;
                                    assert!(!text.contains('\\'), "{}: {text}", f.name);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(issues.is_empty(), "unexpected escape issues: {issues:?}");
    // odd/013 1, odd/014 1, odd/016 1, rsp/027 3.
    assert_eq!(decoded, 6);
}

/// Values that are patient data, taken from the raw text (not through the parser under test).
fn patient_values(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for line in text.split(['\r', '\n']) {
        let Some(rest) = line.strip_prefix("PID|") else {
            continue;
        };
        let fields: Vec<&str> = rest.split('|').collect();
        for n in [5, 7, 11] {
            let Some(field) = fields.get(n - 1) else {
                continue;
            };
            for part in field.split(['~', '^', '&']) {
                // Short parts ("F", "US", "L") are not identifying and do occur in plain English.
                if part.len() >= 4 {
                    out.push(part.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn error_and_warning_display_quotes_no_patient_data() {
    let Some(corpus) = Corpus::here() else { return };
    let files = files_of(&corpus);
    // A few real ones first, so that the test is known to look at something.
    let broken = patient_values(&find(&files, "odd/003").bytes);
    assert!(broken.contains(&"Lastname".to_string()) && broken.contains(&"20011118".to_string()));
    let wir = patient_values(&find(&files, "odd/016").bytes);
    for v in [
        "HEFFERNAN",
        "IMAN",
        "20140816",
        "67 MERCER LN",
        "COMERICA INCORPORATED",
        "48264",
    ] {
        assert!(wir.iter().any(|w| w == v), "{v}");
    }
    let mut displays = 0;
    let mut phi_values = 0;
    for f in &files {
        let phi = patient_values(&f.bytes);
        phi_values += phi.len();
        let mut texts = Vec::new();
        let batch = er7::split(&f.bytes).unwrap();
        texts.extend(batch.warnings.iter().map(ToString::to_string));
        for msg in batch.messages() {
            match msg {
                Ok(m) => texts.extend(m.warnings().iter().map(ToString::to_string)),
                Err(e) => texts.push(e.to_string()),
            }
        }
        match er7::parse(&f.bytes) {
            Ok(m) => texts.extend(m.warnings().iter().map(ToString::to_string)),
            Err(e) => texts.push(e.to_string()),
        }
        for t in &texts {
            assert!(!t.is_empty());
            for v in &phi {
                assert!(!t.contains(v.as_str()), "{}: {t:?} quotes {v:?}", f.name);
            }
        }
        displays += texts.len();
    }
    assert!(displays > 150, "{displays}");
    assert!(phi_values > 400, "{phi_values}");
}

/// All parseable messages, one after another in one stream (CR between them), split back.
#[test]
fn a_stream_of_the_whole_corpus_splits_back() {
    let Some(corpus) = Corpus::here() else { return };
    let files: Vec<_> = files_of(&corpus)
        .into_iter()
        .filter(|f| f.kind() != "batch" && f.cr_only() && !BROKEN_MSH2.contains(&f.short()))
        .collect();
    let mut stream = Vec::new();
    for f in &files {
        stream.extend_from_slice(&f.bytes);
        if !f.bytes.ends_with(b"\r") {
            stream.push(b'\r');
        }
    }
    let batch = er7::split(&stream).unwrap();
    assert_eq!(batch.message_count(), files.len());
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    for (f, m) in files.iter().zip(batch.messages()) {
        let m = m.as_ref().unwrap();
        let mut own = f.bytes.clone();
        if !own.ends_with(b"\r") {
            own.push(b'\r');
        }
        assert!(m.to_bytes() == own, "{}", f.name);
    }
}

/// Every file framed for MLLP, in one stream fed in odd-sized chunks, comes out as it went in.
#[test]
fn the_corpus_survives_mllp() {
    let Some(corpus) = Corpus::here() else { return };
    let files = files_of(&corpus);
    let mut stream = Vec::new();
    for f in &files {
        er7::mllp::frame_into(&f.bytes, &mut stream);
    }
    let mut d = er7::mllp::Deframer::new(1 << 20);
    let mut out = Vec::new();
    for chunk in stream.chunks(997) {
        d.push(chunk);
        while let er7::mllp::Frame::Message(m) = d.next_frame().unwrap() {
            out.push(m);
        }
    }
    d.finish().unwrap();
    assert_eq!(out.len(), files.len());
    for (f, m) in files.iter().zip(&out) {
        assert!(*m == f.bytes, "{}", f.name);
    }
}
