//! [`read_all`]: every message in any input, decoded one at a time.
//!
//! An input may hold one message, several one after another, a batch file (FHS/BHS ... BTS/FTS) or
//! MLLP frames holding any of those; a file, a socket's bytes or a queue's payload alike. The
//! [`Reader`] cuts it into messages ([`er7::pieces`]) and decodes each when it is asked for the
//! next, so a large file costs the memory of one decoded message at a time. Each message comes with
//! its [`Position`] in the input; one that does not parse is an error at its position, and the
//! reader goes on with the next.

pub use crate::er7::Position;
use crate::er7::{self, Limits, Piece, Pieces, Warning, WarningKind, mllp::MllpError};

use super::message::{Decoded, Decoder};

/// One message read from an input: where it was, and what it says.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReadMessage {
    /// Where it was.
    pub position: Position,
    /// The decoded message, with its warnings and decode issues.
    pub decoded: Decoded,
}

/// What kept a [`Reader`] from a message. Its `Display` says where and why, never what the input
/// said.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ReadError {
    /// A message that does not parse (the input holding none at all is one such, at offset 0,
    /// with [`er7::Error::Empty`]).
    #[error("{position}: {error}")]
    Message {
        /// Where it was.
        position: Position,
        /// Why it does not parse.
        error: er7::Error,
    },
    /// Bytes outside MLLP frames (skipped), or a frame the input ends inside (dropped).
    #[error("{0}")]
    Framing(MllpError),
}

/// Reads every message of `input`, with the default [`Limits`] (see [`Reader`]).
///
/// ```
/// use izmsg::model::{read_all, Message};
///
/// // Two messages in a batch file; the same call reads one message, a stream or MLLP frames.
/// let file = b"FHS|^~\\&\rBHS|^~\\&\r\
///     MSH|^~\\&|IIS|ME|EHR|C|20240315||ACK^V04^ACK|A1|P|2.5.1\rMSA|AA|M1\r\
///     MSH|^~\\&|IIS|ME|EHR|C|20240315||ACK^V04^ACK|A2|P|2.5.1\rMSA|AE|M2\r\
///     BTS|2\rFTS|1\r";
/// for read in read_all(file) {
///     let read = read?;
///     assert!(matches!(read.decoded.message, Message::Ack(_)));
///     println!("{}: {} issue(s)", read.position, read.decoded.issues.len());
/// }
/// assert_eq!(read_all(file).count(), 2);
/// # Ok::<(), izmsg::model::ReadError>(())
/// ```
pub fn read_all(input: &[u8]) -> Reader<'_> {
    Reader::new(input, Limits::default())
}

/// The messages of an input, decoded one at a time: an iterator of [`ReadMessage`]s, or
/// [`ReadError`]s for what does not parse, in input order.
///
/// For a single message, the one item is what [`decode`](super::decode) gives for the whole input.
/// Messages are decoded with one [`Decoder`], which reuses its buffers from one to the next.
/// Problems of a batch envelope (a BTS or FTS count that does not match, a header without its
/// trailer) are not errors: they are in [`Reader::warnings`] once the reader has gone past them.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    input: &'a [u8],
    pieces: Pieces<'a>,
    decoder: Decoder,
    number: usize,
    any: bool,
    done: bool,
    warnings: Vec<Warning>,
    batch: Batch,
}

/// What the envelope said so far, for the count checks.
#[derive(Debug, Clone, Default)]
struct Batch {
    file_header: bool,
    batch_open: bool,
    /// Messages since the last BHS (or the start).
    in_batch: usize,
    /// Batches closed so far (BTS seen).
    batches: usize,
}

impl<'a> Reader<'a> {
    /// A reader of `input` under `limits` (applied to each message).
    pub fn new(input: &'a [u8], limits: Limits) -> Reader<'a> {
        Reader {
            input,
            pieces: er7::pieces(input),
            decoder: Decoder::new(limits),
            number: 0,
            any: false,
            done: false,
            warnings: Vec::new(),
            batch: Batch::default(),
        }
    }

    /// What the reader noticed about the input as a whole so far (a batch envelope's counts and
    /// pairing); each message's own warnings are in its [`Decoded`].
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    fn warn(&mut self, kind: WarningKind, offset: usize) {
        match self.warnings.iter_mut().find(|w| w.kind == kind) {
            Some(w) => w.count = w.count.saturating_add(1),
            None => self.warnings.push(Warning {
                kind,
                offset,
                count: 1,
            }),
        }
    }

    /// Checks the envelope line at `range` against what came before it.
    fn envelope(&mut self, id: &str, range: std::ops::Range<usize>) {
        let at = range.start;
        match id {
            "FHS" => self.batch.file_header = true,
            "BHS" => {
                if self.batch.batch_open {
                    self.warn(WarningKind::BatchEnvelope, at);
                }
                self.batch.batch_open = true;
                self.batch.in_batch = 0;
            }
            "BTS" => {
                if !self.batch.batch_open {
                    self.warn(WarningKind::BatchEnvelope, at);
                }
                if count(self.input.get(range).unwrap_or_default()) != Some(self.batch.in_batch) {
                    self.warn(WarningKind::BatchCount, at);
                }
                self.batch.batch_open = false;
                self.batch.batches += 1;
                self.batch.in_batch = 0;
            }
            _ => {
                // FTS
                if !self.batch.file_header {
                    self.warn(WarningKind::BatchEnvelope, at);
                }
                let batches = self.batch.batches.max(1);
                if count(self.input.get(range).unwrap_or_default()) != Some(batches) {
                    self.warn(WarningKind::BatchCount, at);
                }
                self.batch.file_header = false;
            }
        }
    }
}

/// The count in BTS-1 or FTS-1: the first field after the id, with the separator the line uses.
fn count(line: &[u8]) -> Option<usize> {
    let sep = *line.get(3)?;
    let field = line
        .get(4..)?
        .split(|&b| b == sep || b == b'\r' || b == b'\n')
        .next()?;
    std::str::from_utf8(field).ok()?.trim().parse().ok()
}

impl Iterator for Reader<'_> {
    type Item = Result<ReadMessage, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let Some(piece) = self.pieces.next() else {
                self.done = true;
                if self.batch.batch_open || self.batch.file_header {
                    self.warn(WarningKind::BatchEnvelope, self.input.len());
                }
                // An input with no message at all says so, once.
                return (!self.any).then_some({
                    Err(ReadError::Message {
                        position: Position {
                            number: 1,
                            offset: 0,
                            len: self.input.len(),
                            frame: None,
                        },
                        error: er7::Error::Empty,
                    })
                });
            };
            match piece {
                Piece::Envelope { id, range, .. } => self.envelope(id, range),
                Piece::Framing(e) => {
                    self.any = true;
                    return Some(Err(ReadError::Framing(e)));
                }
                Piece::Message { range, frame } => {
                    self.any = true;
                    self.number += 1;
                    self.batch.in_batch += 1;
                    let position = Position {
                        number: self.number,
                        offset: range.start,
                        len: range.len(),
                        frame,
                    };
                    return Some(match self.decoder.decode_range(self.input, range) {
                        Ok(decoded) => Ok(ReadMessage { position, decoded }),
                        Err(error) => Err(ReadError::Message { position, error }),
                    });
                }
            }
        }
    }
}
