//! What can go wrong at the wire level, and what was tolerated.
//!
//! An [`Error`] says what went wrong and where (byte offset, segment index, field number), never what the
//! message said: a message carries patient data, and errors end up in logs. A [`Warning`] records
//! sloppiness the parser tolerated (LF terminators, a BOM, a missing final terminator ...), so that it is
//! reported rather than hidden.

use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use super::delimiters::DelimiterProblem;

/// A wire-level error. Its `Display` never quotes message content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Error {
    /// The input holds no message at all (nothing, or only white space).
    #[error("the input holds no message (it is empty or white space only)")]
    Empty,
    /// The first segment is not a header segment (MSH, or FHS/BHS in a batch).
    #[error("byte {offset}: a message must start with an MSH segment")]
    NoHeader {
        /// Byte offset of the first segment.
        offset: usize,
    },
    /// MSH-1/MSH-2 (or FHS/BHS) do not define a usable set of delimiters.
    #[error("byte {offset}: invalid delimiters in the header segment: {problem}")]
    Delimiters {
        /// Byte offset of the header segment.
        offset: usize,
        /// What is wrong.
        problem: DelimiterProblem,
    },
    /// A segment does not start with a valid segment id (three upper-case letters or digits, the first a
    /// letter).
    #[error("byte {offset}: segment {segment} does not start with a valid segment id")]
    SegmentId {
        /// Byte offset of the segment.
        offset: usize,
        /// Index of the segment in the message, from 0.
        segment: usize,
    },
    /// A size limit was exceeded (see [`Limits`]).
    #[error("byte {offset}: {limit} exceeds its limit of {max}")]
    Limit {
        /// Which limit.
        limit: LimitKind,
        /// The limit in force.
        max: usize,
        /// Byte offset at which it was exceeded.
        offset: usize,
    },
    /// A second MSH segment was found where a single message was expected.
    #[error(
        "byte {offset}: a second MSH segment starts here; split the input with er7::split first"
    )]
    SecondHeader {
        /// Byte offset of the second MSH.
        offset: usize,
    },
}

impl Error {
    /// Byte offset the error points at, if it has one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Error::Empty => None,
            Error::NoHeader { offset }
            | Error::Delimiters { offset, .. }
            | Error::SegmentId { offset, .. }
            | Error::Limit { offset, .. }
            | Error::SecondHeader { offset } => Some(*offset),
        }
    }

    /// The same error with its offset moved `base` bytes on: for a message parsed on its own that
    /// came from `base` bytes into a larger input (a [`BatchReader`](super::BatchReader)'s message,
    /// say), the error as an offset in that input.
    ///
    /// ```
    /// use izmsg::er7::{parse, Error};
    /// let err = parse(b"MSH|^~\\&|A\rpid|1\r").unwrap_err();
    /// assert_eq!(err.offset(), Some(11));
    /// assert_eq!(err.offset_by(100).offset(), Some(111));
    /// ```
    #[must_use]
    pub fn offset_by(mut self, base: usize) -> Error {
        match &mut self {
            Error::Empty => {}
            Error::NoHeader { offset }
            | Error::Delimiters { offset, .. }
            | Error::SegmentId { offset, .. }
            | Error::Limit { offset, .. }
            | Error::SecondHeader { offset } => *offset = offset.saturating_add(base),
        }
        self
    }
}

/// The limits a parse runs under. Past a limit the parser stops with [`Error::Limit`]; it never aborts.
///
/// The defaults are generous for immunization traffic (the largest real RSP is tens of kilobytes) while
/// keeping hostile input from costing more than a few megabytes of index.
///
/// ```
/// use izmsg::er7::{parse_with, Error, LimitKind, Limits};
/// let limits = Limits { max_segments: 2, ..Limits::default() };
/// let err = parse_with(b"MSH|^~\\&|A\rPID|1\rRXA|0\r", &limits).unwrap_err();
/// assert!(matches!(err, Error::Limit { limit: LimitKind::Segments, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Limits {
    /// Largest message, in bytes (default 16 MiB).
    pub max_message_bytes: usize,
    /// Most segments in one message (default 100,000).
    pub max_segments: usize,
    /// Most fields in one segment (default 1,000).
    pub max_fields: usize,
    /// Longest single field, in bytes (default 16 MiB, that is, bounded by the message size).
    pub max_field_bytes: usize,
    /// Most repetitions of one field kept by the typed decoder (default 10,000); past it the rest are
    /// dropped and reported as a decode issue (`TooManyRepetitions`) by the model layer.
    /// The wire parser does not count repetitions: they cost nothing until decoded.
    pub max_repetitions: usize,
    /// How many bytes a typed decode may hold per byte of input (default 32), on top of a fixed
    /// 64 KiB allowance: the last wall that keeps a hostile message (a hundred thousand bare
    /// segments, a field of ten thousand one-letter repetitions) from decoding into hundreds of
    /// times its size. A real immunization message holds about 10 to 20 bytes per input byte (a
    /// run of short OBX segments the most); past the budget the model layer stops with
    /// [`Error::Limit`] ([`LimitKind::DecodedSize`]). The wire parser itself never comes near it.
    pub max_decoded_ratio: usize,
}

impl Limits {
    /// The fixed allowance of [`Limits::max_decoded_ratio`], for small messages.
    pub const DECODED_FLOOR: usize = 64 << 10;

    /// How many bytes a typed decode of `input_len` bytes may hold under these limits.
    pub fn decoded_budget(&self, input_len: usize) -> usize {
        input_len
            .saturating_mul(self.max_decoded_ratio)
            .saturating_add(Self::DECODED_FLOOR)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_bytes: 16 << 20,
            max_segments: 100_000,
            max_fields: 1_000,
            max_field_bytes: 16 << 20,
            max_repetitions: 10_000,
            max_decoded_ratio: 32,
        }
    }
}

/// Which [`Limits`] entry was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum LimitKind {
    /// [`Limits::max_message_bytes`].
    MessageBytes,
    /// [`Limits::max_segments`].
    Segments,
    /// [`Limits::max_fields`].
    Fields,
    /// [`Limits::max_field_bytes`].
    FieldBytes,
    /// [`Limits::max_decoded_ratio`]: what a typed decode holds (checked by the model layer).
    DecodedSize,
}

impl fmt::Display for LimitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LimitKind::MessageBytes => "the message size in bytes",
            LimitKind::Segments => "the number of segments",
            LimitKind::Fields => "the number of fields in a segment",
            LimitKind::FieldBytes => "the size of a field in bytes",
            LimitKind::DecodedSize => "the memory the decoded message holds, in bytes",
        })
    }
}

/// Something the parser tolerated. Each kind is reported once per message, with the first place it
/// occurred and how often.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Warning {
    /// What was tolerated.
    pub kind: WarningKind,
    /// Byte offset of the first occurrence.
    pub offset: usize,
    /// How many times it occurred.
    pub count: u32,
}

/// The kinds of tolerated sloppiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum WarningKind {
    /// A UTF-8 byte order mark before the first segment (skipped).
    ByteOrderMark,
    /// A segment ended with LF instead of CR.
    LfTerminator,
    /// A segment ended with CR LF instead of CR.
    CrLfTerminator,
    /// Empty lines between segments (skipped).
    BlankLine,
    /// The last segment has no terminator.
    MissingFinalTerminator,
    /// A segment ends with one or more empty fields (trailing field separators).
    TrailingDelimiters,
    /// White space or control characters before the first or after the last segment (skipped).
    StrayWhitespace,
    /// Bytes that are not valid UTF-8; text accessors decode them as ISO-8859-1, byte for byte.
    NonUtf8,
    /// An escape sequence that is unknown or malformed; it was kept verbatim.
    BadEscape,
    /// A batch trailer's count (BTS-1 or FTS-1) does not match what the batch holds.
    BatchCount,
    /// A batch or file header without its trailer, or a trailer without its header.
    BatchEnvelope,
    /// A message whose version (MSH-12) is not 2.5.1; it is decoded on a best-effort basis.
    Version,
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WarningKind::ByteOrderMark => "a UTF-8 byte order mark precedes the message",
            WarningKind::LfTerminator => "a segment is terminated by LF instead of CR",
            WarningKind::CrLfTerminator => "a segment is terminated by CR LF instead of CR",
            WarningKind::BlankLine => "blank lines between segments",
            WarningKind::MissingFinalTerminator => "the last segment has no terminator",
            WarningKind::TrailingDelimiters => {
                "a segment ends with empty fields (trailing separators)"
            }
            WarningKind::StrayWhitespace => {
                "white space or control characters outside the segments"
            }
            WarningKind::NonUtf8 => "bytes that are not valid UTF-8 (read as ISO-8859-1)",
            WarningKind::BadEscape => "an unknown or malformed escape sequence (kept verbatim)",
            WarningKind::BatchCount => "a batch trailer count does not match the batch content",
            WarningKind::BatchEnvelope => "a batch header or trailer is missing its counterpart",
            WarningKind::Version => "the message is not HL7 version 2.5.1",
        })
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte {}: {}", self.offset, self.kind)?;
        if self.count > 1 {
            write!(f, " ({} times)", self.count)?;
        }
        Ok(())
    }
}

/// Collects warnings, folding repeats of a kind into one entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Warnings(pub(crate) Vec<Warning>);

impl Warnings {
    pub(crate) fn add(&mut self, kind: WarningKind, offset: usize) {
        if let Some(w) = self.0.iter_mut().find(|w| w.kind == kind) {
            w.count = w.count.saturating_add(1);
        } else {
            self.0.push(Warning {
                kind,
                offset,
                count: 1,
            });
        }
    }
}
