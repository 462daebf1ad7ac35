//! The typed model over every message of the shared corpus: each decodes, re-encodes, and decodes
//! again to an equal value; messages whose values fit their declared types re-encode byte for byte.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::Corpus;
use izmsg::er7;
use izmsg::model::{self, DecodeIssueKind, Message};

/// Messages whose values do not fit their declared types (component separators inside a primitive
/// field), so the typed re-encoding escapes what was structure: semantically equal, not byte-exact.
const NOT_BYTE_EXACT: &[&str] = &[
    "rsp/012-il-icare-z42.hl7",
    "odd/013-v28-vxu-maximal-bom.hl7",
    "odd/014-v28-vxu-three-orders-bom.hl7",
];

#[test]
fn every_corpus_message_round_trips_through_the_typed_model() {
    let Some(corpus) = Corpus::here() else { return };
    let mut messages = 0;
    let mut exact = 0;
    for (name, bytes) in corpus.files() {
        let batch = er7::split(&bytes).unwrap();
        for m in batch.messages() {
            let Ok(m) = m else { continue };
            messages += 1;
            let d = model::decode_parsed(m, &er7::Limits::default());
            let enc = d.message.encode();
            let again = model::decode(&enc)
                .unwrap_or_else(|e| panic!("{name}: re-encoding does not parse: {e}"));
            assert_eq!(
                again.message, d.message,
                "{name}: typed value changed through encode/decode"
            );
            let mut orig = m.to_bytes();
            if !m.has_final_terminator() {
                orig.push(b'\r');
            }
            if NOT_BYTE_EXACT.contains(&name.as_str()) {
                assert_ne!(enc, orig, "{name} is listed as not byte-exact but is");
                assert!(
                    d.issues
                        .iter()
                        .any(|i| i.kind == DecodeIssueKind::UnexpectedStructure),
                    "{name}"
                );
            } else {
                assert_eq!(
                    String::from_utf8_lossy(&enc),
                    String::from_utf8_lossy(&orig),
                    "{name}: not byte-exact"
                );
                exact += 1;
            }
        }
    }
    assert_eq!(messages, 111, "every parseable corpus message is decoded");
    assert_eq!(exact, 108);
}

#[test]
fn message_kinds_are_recognised() {
    let Some(corpus) = Corpus::here() else { return };
    for (name, bytes) in corpus.files() {
        let dir = name.split('/').next().unwrap();
        let Ok(d) = model::decode(&bytes) else {
            continue;
        };
        let kind = match &d.message {
            Message::Vxu(_) => "vxu",
            Message::Ack(_) => "ack",
            Message::Qbp(_) => "qbp",
            Message::Rsp(_) => "rsp",
            Message::Other { .. } => "other",
        };
        if matches!(dir, "vxu" | "ack" | "qbp" | "rsp") {
            assert_eq!(kind, dir, "{name}");
        }
    }
}

#[test]
fn groups_and_extras_on_real_messages() {
    let Some(corpus) = Corpus::here() else { return };
    let read = |p: &str| corpus.read(p);
    // A complete VXU: one ORDER per dose, OBX grouped under their RXA.
    let d = model::decode(&read("vxu/006-cerner-complete-record.hl7")).unwrap();
    let Message::Vxu(v) = &d.message else {
        panic!()
    };
    assert_eq!(v.orders.len(), 3);
    assert_eq!(v.orders[0].observations.len(), 4);
    assert_eq!(v.orders[2].observations.len(), 10);
    let rxa = v.orders[0].rxa.as_deref().unwrap();
    assert_eq!(rxa.administered_code.as_ref().unwrap().identifier, "140");
    assert_eq!(rxa.substance_lot_number[0], "D6992FF");
    assert!(d.issues.is_empty(), "{:?}", d.issues);

    // Repeated MSA/ERR pairs in an ACK are kept in place and reported.
    let d = model::decode(&read("odd/011-nmsiis-ack-mixed-cr-lf.hl7")).unwrap();
    let Message::Ack(a) = &d.message else {
        panic!()
    };
    assert_eq!(a.extra_segments.len(), 3);
    assert!(a.extra_segments.iter().all(|e| e.segment.id() == "MSA"));
    assert_eq!(
        d.issues
            .iter()
            .filter(|i| i.kind == DecodeIssueKind::OutOfOrder)
            .count(),
        3
    );

    // A Z42 response: one patient, evaluated doses and forecasts as ORDER groups.
    let d = model::decode(&read("rsp/024-nist2015-izqr1-z42-child.hl7")).unwrap();
    let Message::Rsp(r) = &d.message else {
        panic!()
    };
    assert_eq!(
        r.qak
            .as_ref()
            .unwrap()
            .query_response_status
            .as_ref()
            .unwrap()
            .as_str(),
        "OK"
    );
    assert_eq!(r.patients.len(), 1);
    assert!(r.patients[0].orders.len() > 3);

    // A QBP whose QPD was written as "QBP": kept as an extra, QPD reported missing.
    let d = model::decode(&read("odd/006-mdtimeline-qbp-segment-named-qbp.hl7")).unwrap();
    let Message::Qbp(q) = &d.message else {
        panic!()
    };
    assert!(q.qpd.is_none());
    assert_eq!(q.extra_segments[0].segment.id(), "QBP");
    assert!(
        d.issues
            .iter()
            .any(|i| i.kind == DecodeIssueKind::MissingSegment && i.location.segment == "QPD")
    );

    // Version 2.4 decodes on a best-effort basis, with an issue.
    let d = model::decode(&read("odd/017-wir-v24-outbound.hl7")).unwrap();
    assert!(d.issues.iter().any(|i| i.kind == DecodeIssueKind::Version));
}

#[test]
fn malformed_values_are_kept_and_located() {
    let Some(corpus) = Corpus::here() else { return };
    let read = |p: &str| corpus.read(p);
    // MSH-7 with month 13: the value stays, the issue names MSH-7.1 and its byte offset.
    let bytes = read("odd/002-immtrac-v24-bad-msh7-date.hl7");
    let d = model::decode(&bytes).unwrap();
    let issue = d
        .issues
        .iter()
        .find(|i| i.kind == DecodeIssueKind::BadDateTime)
        .unwrap();
    assert_eq!(issue.location.path(), "MSH-7.1");
    let offset = issue.location.offset.unwrap();
    assert_eq!(&bytes[offset..offset + 8], b"20111311");
    let msh = d.message.msh().unwrap();
    assert_eq!(
        msh.date_time_of_message.as_ref().unwrap().time.as_str(),
        "20111311033355.888"
    );
}

#[test]
fn the_reader_reads_every_corpus_file_as_split_and_decode_do() {
    let Some(corpus) = Corpus::here() else { return };
    let mut messages = 0;
    for (name, bytes) in corpus.files() {
        let Ok(batch) = er7::split(&bytes) else {
            continue;
        };
        let split: Vec<Option<Message>> = batch
            .messages()
            .map(|m| {
                m.as_ref()
                    .ok()
                    .map(|m| model::decode_parsed(m, &er7::Limits::default()).message)
            })
            .collect();
        let read: Vec<Option<Message>> = model::read_all(&bytes)
            .map(|r| r.ok().map(|r| r.decoded.message))
            .collect();
        messages += read.len();
        assert_eq!(read, split, "{name}");
    }
    assert!(messages >= 114, "{messages}");
}

/// The generic walk (`Message::for_each_segment`) meets every segment of every corpus message once,
/// in wire order, numbers each id's occurrences from 1 and puts ORDER segments in their group.
#[test]
fn walking_a_typed_message_meets_every_wire_segment_in_order() {
    let mut walked = 0;
    for (name, bytes) in common::all_messages(&common::KINDS) {
        let batch = er7::split(&bytes).unwrap();
        for m in batch.messages() {
            let Ok(m) = m else { continue };
            let d = model::decode_parsed(m, &er7::Limits::default());
            let wire: Vec<String> = (0..m.segment_count())
                .filter_map(|i| m.segment_id(i).map(str::to_string))
                .collect();
            let mut ids = Vec::new();
            let mut counts = std::collections::HashMap::new();
            let mut orders_seen = 0;
            d.message.for_each_segment(|s| {
                let n = counts.entry(s.segment.id().to_string()).or_insert(0u16);
                *n += 1;
                assert_eq!(s.occurrence, *n, "{name}: occurrence of {}", s.segment.id());
                assert_eq!(s.index, ids.len(), "{name}");
                if s.segment.id() == "RXA" && !s.extra {
                    let order = s.order.expect("an RXA in an ORDER group");
                    assert!(order >= orders_seen, "{name}");
                    orders_seen = order;
                }
                if matches!(s.segment.id(), "PID" | "MSH") {
                    assert_eq!(s.order, None, "{name}");
                }
                ids.push(s.segment.id().to_string());
            });
            assert_eq!(ids, wire, "{name}: walked segments differ from the wire");
            walked += ids.len();
        }
    }
    // The crate's own messages hold about a hundred segments; the shared corpus over a thousand.
    let least = if Corpus::here().is_some() { 1000 } else { 100 };
    assert!(walked > least, "{walked} segments walked");
}
