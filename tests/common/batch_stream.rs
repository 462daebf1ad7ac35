//! A streaming batch reader (`er7::BatchReader`) must read what `er7::split` reads: the same
//! messages at the same places with the same parse, the same envelope lines and warnings, or the
//! same error for the whole input. Shared by the tests and the `batch_reader` fuzz target.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::io::BufReader;

use izmsg::er7::{self, BatchItem, BatchReadError, BatchReader, Limits};

/// One message as the stream gave it: where, and its parse in input offsets (span, segments,
/// warnings) or the error.
pub type Parsed = Result<(std::ops::Range<usize>, usize, Vec<er7::Warning>), er7::Error>;

pub struct Streamed {
    /// Each message: its position, its bytes (`None` when it was too long to hold) and its parse.
    pub messages: Vec<(er7::Position, Option<Vec<u8>>, Parsed)>,
    /// The envelope lines: id and offset.
    pub envelopes: Vec<(&'static str, usize)>,
    /// The error that ended the input, if any.
    pub fatal: Option<er7::Error>,
    /// The reader's warnings at the end.
    pub warnings: Vec<er7::Warning>,
}

pub fn stream(data: &[u8], limits: Limits, chunk: usize) -> Streamed {
    let mut reader = BatchReader::with_limits(BufReader::with_capacity(chunk, data), limits);
    let mut out = Streamed {
        messages: Vec::new(),
        envelopes: Vec::new(),
        fatal: None,
        warnings: Vec::new(),
    };
    while let Some(item) = reader.next_item() {
        match item {
            Ok(BatchItem::Message { position, bytes }) => {
                let base = position.offset;
                let parsed = er7::parse_with(bytes, &limits)
                    .map(|m| {
                        let warnings = m
                            .warnings()
                            .iter()
                            .map(|w| er7::Warning {
                                offset: w.offset + base,
                                ..*w
                            })
                            .collect();
                        let span = m.span();
                        (
                            span.start + base..span.end + base,
                            m.segment_count(),
                            warnings,
                        )
                    })
                    .map_err(|e| e.offset_by(base));
                out.messages.push((position, Some(bytes.to_vec()), parsed));
            }
            Ok(BatchItem::Envelope { id, offset, .. }) => out.envelopes.push((id, offset)),
            Err(BatchReadError::Message { position, error }) => {
                out.messages.push((position, None, Err(error)));
            }
            Err(BatchReadError::Input(e)) => out.fatal = Some(e),
            Err(e) => panic!("{e}"),
        }
    }
    out.warnings = reader.warnings().to_vec();
    if out.fatal.is_none() {
        assert_eq!(reader.bytes_read(), data.len());
    }
    out
}

/// The stream gives what `split` gives: each message's bytes, parse and position, the envelope
/// lines, the warnings, or the same error for the whole input.
pub fn assert_same_as_split(name: &str, data: &[u8], limits: Limits, chunk: usize) -> Streamed {
    let got = stream(data, limits, chunk);
    let batch = match er7::split_with(data, &limits) {
        Ok(batch) => batch,
        Err(e) => {
            assert_eq!(got.fatal, Some(e), "{name}");
            return got;
        }
    };
    assert_eq!(got.fatal, None, "{name}");
    assert_eq!(got.messages.len(), batch.message_count(), "{name}");
    for (i, ((position, bytes, parsed), want)) in
        got.messages.iter().zip(batch.messages()).enumerate()
    {
        assert_eq!(position.number, i + 1, "{name}");
        let at = &data[position.offset..position.offset + position.len];
        match bytes {
            Some(bytes) => assert_eq!(at, &bytes[..], "{name}"),
            None => assert!(at.len() > limits.max_message_bytes, "{name}"),
        }
        let want = want
            .as_ref()
            .map(|m| (m.span(), m.segment_count(), m.warnings().to_vec()))
            .map_err(Clone::clone);
        assert_eq!(parsed, &want, "{name} message {}", i + 1);
    }
    assert_eq!(got.warnings, batch.warnings, "{name}");
    let mut want: Vec<(&str, usize)> = batch
        .groups
        .iter()
        .flat_map(|g| [("BHS", &g.header), ("BTS", &g.trailer)])
        .chain([("FHS", &batch.file_header), ("FTS", &batch.file_trailer)])
        .filter_map(|(id, m)| m.as_ref().map(|m| (id, m.span().start)))
        .collect();
    want.sort_by_key(|e| e.1);
    // `split` keeps the last FHS and FTS only.
    let got_envelopes: Vec<_> = got
        .envelopes
        .iter()
        .filter(|(id, at)| match *id {
            "FHS" => batch
                .file_header
                .as_ref()
                .is_some_and(|m| m.span().start == *at),
            "FTS" => batch
                .file_trailer
                .as_ref()
                .is_some_and(|m| m.span().start == *at),
            _ => true,
        })
        .copied()
        .collect();
    assert_eq!(got_envelopes, want, "{name}");
    got
}
