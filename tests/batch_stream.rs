//! The streaming batch reader and writer (`er7::BatchReader`, `er7::BatchWriter`) against the
//! in-memory ones (`er7::split`, `er7::BatchBuilder`) and `model::read_all`: over the crate's own
//! messages, the shared corpus, and a generated batch of thousands of messages.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "common/batch_stream.rs"]
mod batch_stream;
mod common;
#[path = "../benches/support/mod.rs"]
mod support;

use batch_stream::{Streamed, assert_same_as_split};
use common::Corpus;
use izmsg::er7::{self, BatchBuilder, BatchWriter, Limits};
use izmsg::model;

/// The stream's messages are `read_all`'s: the same number, the same typed message decoded from
/// the same bytes, at the same place (the first message of an input that starts with a byte order
/// mark or white space: `read_all` counts those in, `split` does not).
fn same_as_read_all(name: &str, data: &[u8], got: &Streamed) {
    if er7::mllp::is_framed(data) {
        return;
    }
    let read: Vec<_> = model::read_all(data).collect();
    if got.fatal.is_some() {
        return;
    }
    assert_eq!(read.len(), got.messages.len(), "{name}");
    let mut decoder = model::Decoder::default();
    for (r, (position, bytes, _)) in read.iter().zip(&got.messages) {
        let theirs = match r {
            Ok(r) => r.position,
            Err(model::ReadError::Message { position, .. }) => *position,
            Err(e) => panic!("{name}: {e}"),
        };
        assert_eq!(theirs.number, position.number, "{name}");
        assert_eq!(
            theirs.offset + theirs.len,
            position.offset + position.len,
            "{name}"
        );
        if theirs.offset != position.offset {
            assert_eq!(position.number, 1, "{name}");
            let lead = &data[theirs.offset..position.offset];
            let lead = lead.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(lead);
            assert!(lead.iter().all(u8::is_ascii_whitespace), "{name}");
        }
        match (r, bytes.as_ref().map(|b| decoder.decode(b))) {
            (Ok(r), Some(Ok(mine))) => assert_eq!(r.decoded.message, mine.message, "{name}"),
            (Err(_), Some(Err(_)) | None) => {}
            (r, mine) => panic!(
                "{name}: read_all {:?}, stream {:?}",
                r.is_ok(),
                mine.is_some_and(|m| m.is_ok())
            ),
        }
    }
}

#[test]
fn the_crate_messages_stream_as_split_and_read_all_read_them() {
    let files = common::own_messages();
    assert!(files.len() > 20);
    for (name, data) in &files {
        for chunk in [1, 7, 8192] {
            let got = assert_same_as_split(name, data, Limits::default(), chunk);
            same_as_read_all(name, data, &got);
        }
    }
}

#[test]
fn the_shared_corpus_streams_as_split_and_read_all_read_it() {
    let Some(corpus) = Corpus::here() else { return };
    let (mut messages, mut envelopes) = (0, 0);
    for (name, data) in corpus.files() {
        for chunk in [1, 7, 8192] {
            let got = assert_same_as_split(&name, &data, Limits::default(), chunk);
            same_as_read_all(&name, &data, &got);
            messages += got.messages.len();
            envelopes += got.envelopes.len();
        }
    }
    // Each file holds one message (the batch files one each, in their envelopes).
    assert_eq!(messages, 3 * common::CORPUS_FILES);
    assert!(envelopes >= 3 * 3 * 2, "{envelopes}");
}

#[test]
fn a_large_generated_batch_is_written_and_read_back_message_for_message() {
    let corpus = support::vxu_corpus(5000);
    let fields = ["MYEHR", "Clinic1", "MEIIS", "MEDHHS", "20240315"];
    let mut builder = BatchBuilder::new();
    builder.file_header(&fields);
    let mut writer = BatchWriter::new(Vec::new());
    writer.file_header(&fields);
    for (i, m) in corpus.iter().enumerate() {
        if i > 0 && i % 1500 == 0 {
            builder.next_batch();
            writer.next_batch().unwrap();
        }
        builder.push(m);
        writer.push(m).unwrap();
    }
    assert_eq!(writer.message_count(), 5000);
    let file = writer.finish().unwrap();
    assert_eq!(
        file,
        builder.finish(),
        "the streaming writer writes what the builder builds"
    );
    assert!(file.ends_with(b"BTS|500\rFTS|4\r"));

    let got = assert_same_as_split("generated", &file, Limits::default(), 8192);
    same_as_read_all("generated", &file, &got);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    assert_eq!(got.messages.len(), corpus.len());
    for ((_, bytes, _), sent) in got.messages.iter().zip(&corpus) {
        assert_eq!(bytes.as_ref(), Some(sent));
    }
    let ids: Vec<&str> = got.envelopes.iter().map(|e| e.0).collect();
    assert_eq!(ids.len(), 2 + 2 * 4);
    assert_eq!((ids[0], ids[1], ids[ids.len() - 1]), ("FHS", "BHS", "FTS"));

    // A wrong count is found as `split` finds it.
    let mut wrong = file.clone();
    let at = wrong.len() - b"BTS|500\rFTS|4\r".len();
    wrong[at + 4] = b'6';
    let got = assert_same_as_split("wrong count", &wrong, Limits::default(), 8192);
    assert_eq!(got.warnings.len(), 1);
    assert_eq!(got.warnings[0].kind, er7::WarningKind::BatchCount);
    assert_eq!(got.warnings[0].offset, at);
}
