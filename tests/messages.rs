//! The crate's own test messages (`tests/data/messages`, described in its README) through every
//! layer: each file reads into the messages listed in `FILES`, of the listed types, with the listed
//! tolerances; canonical messages re-encode byte for byte; every message survives the typed round
//! trip; the domain view reads what the files say. These run on any clone: they need nothing beside
//! the crate.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use izmsg::er7::{self, WarningKind as W, mllp};
use izmsg::model::domain::*;
use izmsg::model::{self, DecodeIssueKind, Message};

/// One file: what it holds (`V` VXU, `A` ACK, `Q` QBP, `R` RSP, `O` other, `E` a message that does
/// not parse, in order) and what reading it tolerated (the input's and its messages' warnings).
struct Expect {
    file: &'static str,
    messages: &'static str,
    warnings: &'static [W],
}

const FILES: &[Expect] = &[
    Expect {
        file: "ack/001-accepted.hl7",
        messages: "A",
        warnings: &[],
    },
    Expect {
        file: "ack/002-error-with-err.hl7",
        messages: "A",
        warnings: &[],
    },
    Expect {
        file: "batch/001-two-vxu.hl7",
        messages: "VV",
        warnings: &[],
    },
    Expect {
        file: "batch/002-stream-of-two.hl7",
        messages: "VV",
        warnings: &[],
    },
    Expect {
        file: "mllp/001-two-frames.hl7",
        messages: "AV",
        warnings: &[],
    },
    Expect {
        file: "odd/001-lf-line-ends.hl7",
        messages: "V",
        warnings: &[W::LfTerminator],
    },
    Expect {
        file: "odd/002-crlf-line-ends.hl7",
        messages: "A",
        warnings: &[W::CrLfTerminator],
    },
    Expect {
        file: "odd/003-byte-order-mark.hl7",
        messages: "V",
        warnings: &[W::ByteOrderMark],
    },
    Expect {
        file: "odd/004-no-final-terminator.hl7",
        messages: "V",
        warnings: &[W::MissingFinalTerminator],
    },
    Expect {
        file: "odd/005-blank-line.hl7",
        messages: "V",
        warnings: &[W::BlankLine],
    },
    Expect {
        file: "odd/006-trailing-separators.hl7",
        messages: "V",
        warnings: &[W::TrailingDelimiters],
    },
    Expect {
        file: "odd/007-latin-1.hl7",
        messages: "V",
        warnings: &[W::NonUtf8],
    },
    Expect {
        file: "odd/008-msh2-too-short.hl7",
        messages: "E",
        warnings: &[],
    },
    Expect {
        file: "odd/009-adt-other-type.hl7",
        messages: "O",
        warnings: &[],
    },
    Expect {
        file: "qbp/001-z34-history.hl7",
        messages: "Q",
        warnings: &[],
    },
    Expect {
        file: "qbp/002-z44-forecast.hl7",
        messages: "Q",
        warnings: &[],
    },
    Expect {
        file: "rsp/001-z31-candidates.hl7",
        messages: "R",
        warnings: &[],
    },
    Expect {
        file: "rsp/002-z32-history.hl7",
        messages: "R",
        warnings: &[],
    },
    Expect {
        file: "rsp/003-z33-no-match.hl7",
        messages: "R",
        warnings: &[],
    },
    Expect {
        file: "rsp/004-z42-forecast.hl7",
        messages: "R",
        warnings: &[],
    },
    Expect {
        file: "vxu/001-administered.hl7",
        messages: "V",
        warnings: &[],
    },
    Expect {
        file: "vxu/002-historical-and-refusal.hl7",
        messages: "V",
        warnings: &[],
    },
];

fn letter(m: &Message) -> char {
    match m {
        Message::Vxu(_) => 'V',
        Message::Ack(_) => 'A',
        Message::Qbp(_) => 'Q',
        Message::Rsp(_) => 'R',
        Message::Other { .. } => 'O',
    }
}

/// The file read with the wire layer's own tools (MLLP deframing, batch splitting), message by
/// message: the decoded message or `None` for one that does not parse, and every warning met.
fn read_by_hand(bytes: &[u8]) -> (Vec<Option<model::Decoded>>, BTreeSet<String>) {
    let frames = if mllp::is_framed(bytes) {
        let (frames, errors) = mllp::deframe_all(bytes);
        assert!(errors.is_empty(), "{errors:?}");
        frames
    } else {
        vec![bytes.to_vec()]
    };
    let mut out = Vec::new();
    let mut warnings = BTreeSet::new();
    for frame in &frames {
        let batch = er7::split(frame).unwrap();
        warnings.extend(batch.warnings.iter().map(|w| format!("{:?}", w.kind)));
        for m in batch.messages() {
            match m {
                Ok(m) => {
                    let d = model::decode_parsed(m, &er7::Limits::default());
                    warnings.extend(d.warnings.iter().map(|w| format!("{:?}", w.kind)));
                    out.push(Some(d));
                }
                Err(_) => out.push(None),
            }
        }
    }
    (out, warnings)
}

#[test]
fn every_file_is_listed_once() {
    let mut on_disk: Vec<String> = common::own_messages().into_iter().map(|(n, _)| n).collect();
    on_disk.sort();
    let listed: Vec<String> = FILES.iter().map(|e| e.file.to_string()).collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn every_file_reads_into_the_listed_messages_with_the_listed_tolerances() {
    for e in FILES {
        let (messages, warnings) = read_by_hand(&common::own(e.file));
        let kinds: String = messages
            .iter()
            .map(|m| m.as_ref().map_or('E', |d| letter(&d.message)))
            .collect();
        assert_eq!(kinds, e.messages, "{}", e.file);
        let expected: BTreeSet<String> = e.warnings.iter().map(|w| format!("{w:?}")).collect();
        assert_eq!(warnings, expected, "{}", e.file);
        for d in messages.iter().flatten() {
            let unknown_type = matches!(d.message, Message::Other { .. });
            let issues: Vec<_> = d.issues.iter().map(|i| i.kind).collect();
            if unknown_type {
                assert_eq!(issues, [DecodeIssueKind::UnknownMessageType], "{}", e.file);
            } else {
                assert!(issues.is_empty(), "{}: {:?}", e.file, d.issues);
            }
        }
    }
}

#[test]
fn a_message_that_does_not_parse_says_where_and_why() {
    let bytes = common::own("odd/008-msh2-too-short.hl7");
    let err = model::decode(&bytes).unwrap_err();
    assert!(
        matches!(
            err,
            er7::Error::Delimiters {
                offset: 0,
                problem: er7::DelimiterProblem::TooShort { found: 3 }
            }
        ),
        "{err:?}"
    );
}

#[test]
fn canonical_messages_re_encode_byte_for_byte() {
    let mut checked = 0;
    for e in FILES
        .iter()
        .filter(|e| e.warnings.is_empty() && e.messages.len() == 1)
    {
        let bytes = common::own(e.file);
        let Ok(d) = model::decode(&bytes) else {
            continue;
        };
        assert_eq!(d.message.encode(), bytes, "{}", e.file);
        checked += 1;
    }
    assert_eq!(checked, 11);
}

#[test]
fn every_message_survives_the_typed_round_trip() {
    for e in FILES {
        let (messages, _) = read_by_hand(&common::own(e.file));
        for d in messages.into_iter().flatten() {
            let again = model::decode(&d.message.encode()).unwrap();
            assert_eq!(again.message, d.message, "{}", e.file);
        }
    }
}

fn decode(name: &str) -> Message {
    model::decode(&common::own(name)).unwrap().message
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_domain_view_reads_an_administered_dose() {
    let Message::Vxu(vxu) = decode("vxu/001-administered.hl7") else {
        panic!("a VXU")
    };
    let patient = vxu.patient();
    let name = patient.legal_name().unwrap();
    assert_eq!(
        (name.family.as_str(), name.given.as_deref()),
        ("Fakename", Some("Avery"))
    );
    assert_eq!(patient.birth_date(), Some(day(2023, 1, 10)));
    assert_eq!(vxu.next_of_kin().len(), 1);
    let [dose] = vxu.vaccinations().try_into().unwrap();
    assert_eq!(dose.kind, VaccinationKind::Administered);
    assert_eq!(dose.cvx().unwrap().code, "20");
    assert_eq!(dose.lots, ["LOT123A"]);
    assert_eq!(dose.manufacturer.as_ref().unwrap().code, "PMC");
    assert_eq!(dose.eligibility.as_ref().unwrap().category.code, "V02");
    assert_eq!(dose.funding_source.as_ref().unwrap().code, "VXC50");
    assert_eq!(dose.vis.len(), 1);
    assert_eq!(dose.vis[0].presented, Some(day(2024, 3, 15)));
}

#[test]
fn the_domain_view_reads_a_historical_dose_and_a_refusal() {
    let Message::Vxu(vxu) = decode("vxu/002-historical-and-refusal.hl7") else {
        panic!("a VXU")
    };
    let doses = vxu.vaccinations();
    assert_eq!(doses.len(), 2);
    assert_eq!(
        doses[0].kind,
        VaccinationKind::Historical {
            source: HistoricalSource::Unspecified
        }
    );
    assert_eq!(doses[0].amount, None, "999 is an unknown amount");
    assert_eq!(
        doses[1].kind,
        VaccinationKind::Refused {
            reason: Some(RefusalReason::ParentalDecision)
        }
    );
    assert_eq!(
        doses[1].filler_order_number, None,
        "9999 is the IG's placeholder"
    );
}

#[test]
fn responses_hold_their_patients_and_doses() {
    let count = |name: &str| {
        let Message::Rsp(rsp) = decode(name) else {
            panic!("{name}: an RSP")
        };
        let orders: usize = rsp.patients.iter().map(|p| p.orders.len()).sum();
        (rsp.patients.len(), orders)
    };
    assert_eq!(count("rsp/001-z31-candidates.hl7"), (2, 0));
    assert_eq!(count("rsp/002-z32-history.hl7"), (1, 2));
    assert_eq!(count("rsp/003-z33-no-match.hl7"), (0, 0));
    assert_eq!(count("rsp/004-z42-forecast.hl7"), (1, 2));
    let Message::Rsp(z42) = decode("rsp/004-z42-forecast.hl7") else {
        panic!()
    };
    let forecast = Vaccination::from_order(&z42.patients[0].orders[1]).unwrap();
    assert_eq!(forecast.kind, VaccinationKind::NotAdministered);
    assert_eq!(
        forecast.observations.len(),
        5,
        "{:?}",
        forecast.observations
    );
}

/// The file read with `model::read_all`: the kinds letters, every warning met, the positions.
fn read_with_reader(bytes: &[u8]) -> (String, BTreeSet<String>, Vec<model::Position>) {
    let mut reader = model::read_all(bytes);
    let mut kinds = String::new();
    let mut warnings = BTreeSet::new();
    let mut positions = Vec::new();
    for item in reader.by_ref() {
        match item {
            Ok(read) => {
                kinds.push(letter(&read.decoded.message));
                warnings.extend(
                    read.decoded
                        .warnings
                        .iter()
                        .map(|w| format!("{:?}", w.kind)),
                );
                positions.push(read.position);
            }
            Err(model::ReadError::Message { position, .. }) => {
                kinds.push('E');
                positions.push(position);
            }
            Err(e) => panic!("{e}"),
        }
    }
    warnings.extend(reader.warnings().iter().map(|w| format!("{:?}", w.kind)));
    (kinds, warnings, positions)
}

#[test]
fn the_reader_reads_every_kind_of_input_into_its_messages() {
    for e in FILES {
        let bytes = common::own(e.file);
        let (kinds, warnings, positions) = read_with_reader(&bytes);
        assert_eq!(kinds, e.messages, "{}", e.file);
        let expected: BTreeSet<String> = e.warnings.iter().map(|w| format!("{w:?}")).collect();
        assert_eq!(warnings, expected, "{}", e.file);
        // Numbered from 1, in input order, within the input.
        for (i, p) in positions.iter().enumerate() {
            assert_eq!(p.number, i + 1, "{}", e.file);
            assert!(p.offset + p.len <= bytes.len(), "{}", e.file);
        }
        assert!(
            positions
                .windows(2)
                .all(|w| w[0].offset + w[0].len <= w[1].offset)
        );
        let framed = e.file.starts_with("mllp/");
        assert!(
            positions.iter().all(|p| p.frame.is_some() == framed),
            "{}",
            e.file
        );
    }
}

#[test]
fn the_reader_gives_what_decode_gives_for_a_single_message() {
    for e in FILES.iter().filter(|e| e.messages.len() == 1) {
        let bytes = common::own(e.file);
        let items: Vec<_> = model::read_all(&bytes).collect();
        assert_eq!(items.len(), 1, "{}", e.file);
        match (&items[0], model::decode(&bytes)) {
            (Ok(read), Ok(decoded)) => {
                assert_eq!(read.decoded, decoded, "{}", e.file);
                assert_eq!((read.position.offset, read.position.len), (0, bytes.len()));
            }
            (Err(model::ReadError::Message { error, .. }), Err(expected)) => {
                assert_eq!(error, &expected, "{}", e.file)
            }
            (got, want) => panic!("{}: {got:?} against {want:?}", e.file),
        }
    }
}

#[test]
fn the_reader_positions_messages_in_batches_and_frames() {
    let bytes = common::own("mllp/001-two-frames.hl7");
    let frames: Vec<Option<usize>> = model::read_all(&bytes)
        .map(|r| r.unwrap().position.frame)
        .collect();
    assert_eq!(frames, [Some(1), Some(2)]);
    // A message's position is where its bytes are: decoding them alone gives the same message.
    let bytes = common::own("batch/001-two-vxu.hl7");
    for read in model::read_all(&bytes) {
        let read = read.unwrap();
        let p = read.position;
        let alone = model::decode(&bytes[p.offset..p.offset + p.len]).unwrap();
        assert_eq!(alone.message, read.decoded.message);
        assert!(bytes[p.offset..].starts_with(b"MSH|"));
    }
}

#[test]
fn the_reader_is_lazy_and_checks_the_envelope_as_it_goes() {
    let one = common::own("ack/001-accepted.hl7");
    let mut file = b"BHS|^~\\&\r".to_vec();
    file.extend_from_slice(&one);
    file.extend_from_slice(&one);
    file.extend_from_slice(b"BTS|3\r");
    let mut reader = model::read_all(&file);
    assert!(reader.next().unwrap().is_ok());
    // Nothing past the first message has been looked at yet.
    assert!(reader.warnings().is_empty());
    assert!(reader.next().unwrap().is_ok());
    assert!(reader.next().is_none());
    assert_eq!(reader.warnings().len(), 1);
    assert_eq!(reader.warnings()[0].kind, W::BatchCount);
}

#[test]
fn the_reader_says_what_it_could_not_read_and_goes_on() {
    // Nothing at all: one error that says so.
    let items: Vec<_> = model::read_all(b" \r\n").collect();
    assert!(matches!(
        items[..],
        [Err(model::ReadError::Message {
            error: er7::Error::Empty,
            ..
        })]
    ));
    // A message that does not parse between two that do.
    let mut stream = common::own("ack/001-accepted.hl7");
    stream.extend_from_slice(&common::own("odd/008-msh2-too-short.hl7"));
    stream.extend_from_slice(&common::own("ack/002-error-with-err.hl7"));
    let kinds: Vec<bool> = model::read_all(&stream).map(|r| r.is_ok()).collect();
    assert_eq!(kinds, [true, false, true]);
    let err = model::read_all(&stream).nth(1).unwrap().unwrap_err();
    assert!(err.to_string().starts_with("message 2 (bytes "), "{err}");
    // Bytes between MLLP frames: said, skipped, and the next frame read.
    let mut framed = mllp::frame(&common::own("ack/001-accepted.hl7"));
    framed.extend_from_slice(b"noise");
    framed.extend_from_slice(&mllp::frame(&common::own("ack/002-error-with-err.hl7")));
    let items: Vec<_> = model::read_all(&framed).collect();
    assert_eq!(items.len(), 3);
    assert!(matches!(
        items[1],
        Err(model::ReadError::Framing(mllp::MllpError::Garbage { .. }))
    ));
    assert!(items[2].is_ok());
}
