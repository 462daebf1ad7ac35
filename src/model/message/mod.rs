//! The four message structures of the immunization IG, with their groups, and the entry points that
//! decode and encode them.
//!
//! [`decode`] reads ER7 bytes into a [`Decoded`]: the typed [`Message`] plus everything noticed on
//! the way (parser warnings, decode issues). [`Message::encode`] writes it back. Segments a structure
//! has no place for are kept where they stood ([`ExtraSegment`]), so every message re-encodes; for a
//! message in the IG's canonical form (CR terminators) the re-encoding is the input, byte for byte.

mod ack;
mod order;
mod qbp;
mod required;
mod rsp;
pub(crate) mod structure;
mod vxu;

pub use ack::Ack;
pub use order::{Observation, Order, Timing};
pub use qbp::Qbp;
pub use required::MissingParts;
pub use rsp::{Rsp, RspPatient};
pub use structure::ExtraSegment;
pub use vxu::{Insurance, Visit, Vxu};

use crate::er7::{self, Delimiters, Limits, Writer};

use super::any::AnySegment;
use super::codec::{DecodeCx, SegmentType};
use super::issue::{self, DecodeIssue, DecodeIssueKind};
use super::segments::Msh;
use structure::{Emitter, Reader};

/// A typed message.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type"))]
pub enum Message {
    /// VXU^V04 (Z22).
    Vxu(Box<Vxu>),
    /// ACK (Z23).
    Ack(Box<Ack>),
    /// QBP^Q11 (Z34, Z44).
    Qbp(Box<Qbp>),
    /// RSP^K11 (Z31, Z32, Z33, Z42).
    Rsp(Box<Rsp>),
    /// Any other message: its segments, in order.
    Other {
        /// Every segment, MSH included.
        segments: Vec<AnySegment>,
    },
}

/// A decoded message and what was noticed while reading it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Decoded {
    /// The message.
    pub message: Message,
    /// What the wire parser tolerated.
    pub warnings: Vec<er7::Warning>,
    /// What the typed decoder noticed.
    pub issues: Vec<DecodeIssue>,
}

/// An empty holder to decode into ([`Decoder::decode_into`]): a message of no segments
/// ([`Message::Other`]), no warnings, no issues. It allocates nothing.
impl Default for Decoded {
    fn default() -> Self {
        Decoded {
            message: Message::Other {
                segments: Vec::new(),
            },
            warnings: Vec::new(),
            issues: Vec::new(),
        }
    }
}

/// Parses and decodes one message.
///
/// ```
/// use izmsg::model::{decode, Message};
/// let input = b"MSH|^~\\&|EHR|CLINIC|IIS|ME|20240315120000-0500||ACK^V04^ACK|A1|P|2.5.1\rMSA|AA|MSG1\r";
/// let decoded = decode(input)?;
/// let Message::Ack(ack) = &decoded.message else { panic!() };
/// assert_eq!(ack.msa.as_ref().unwrap().acknowledgment_code.as_ref().unwrap().as_str(), "AA");
/// assert_eq!(decoded.message.encode(), input);
/// # Ok::<(), izmsg::er7::Error>(())
/// ```
pub fn decode(input: &[u8]) -> Result<Decoded, er7::Error> {
    decode_with(input, &Limits::default())
}

/// [`decode`] under the given limits.
pub fn decode_with(input: &[u8], limits: &Limits) -> Result<Decoded, er7::Error> {
    Decoder::new(*limits).decode(input)
}

/// Decodes message after message, reusing the parser's vectors between them.
///
/// The parse behind it records segments only ([`er7::Indexing::Segments`]): the typed decoder walks
/// each segment's fields front to back, so it needs no field index, and each byte is looked at once
/// by the parse (for segment ends) and once by the decoder.
///
/// ```
/// use izmsg::model::{Decoder, Message};
/// let mut decoder = Decoder::default();
/// for input in [
///     &b"MSH|^~\\&|EHR|C|IIS|ME|20240315||ACK^V04^ACK|A1|P|2.5.1\rMSA|AA|M1\r"[..],
///     b"MSH|^~\\&|EHR|C|IIS|ME|20240315||ACK^V04^ACK|A2|P|2.5.1\rMSA|AE|M2\r",
/// ] {
///     let decoded = decoder.decode(input)?;
///     assert!(matches!(decoded.message, Message::Ack(_)));
/// }
/// # Ok::<(), izmsg::er7::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Decoder {
    parser: er7::Parser,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new(Limits::default())
    }
}

impl Decoder {
    /// A decoder under the given limits.
    pub fn new(limits: Limits) -> Decoder {
        let mut parser = er7::Parser::new(limits);
        parser.indexing = er7::Indexing::Segments;
        Decoder { parser }
    }

    /// Parses and decodes one message.
    pub fn decode(&mut self, input: &[u8]) -> Result<Decoded, er7::Error> {
        let mut out = Decoded::default();
        self.decode_into(input, &mut out)?;
        Ok(out)
    }

    /// Parses and decodes one message into `out`, reusing what `out` holds from the message decoded
    /// into it before: its boxes (segments, composites) and vectors (orders, observations,
    /// repetitions, issues) are filled in place where the new message has the same parts, so a bulk
    /// reader that keeps one `Decoded` allocates next to nothing per message once it has seen a
    /// message of each shape (a text longer than [`Text::INLINE`](crate::model::types::Text::INLINE)
    /// bytes is written into the heap buffer its slot already holds when that is of its size class,
    /// and takes a new allocation otherwise).
    ///
    /// The result is the same (`==`, and the same encoding) as [`decode`](Self::decode) gives for
    /// `input`, whatever `out` held. What `out` keeps beyond the new message is the room of its
    /// vectors only, so it is bounded by the largest message decoded into it (each within
    /// [`Limits::max_decoded_ratio`]); to give that memory back, replace it with
    /// `Decoded::default()`.
    ///
    /// On an error `out` is still a valid value, but not the message: after a parse error it is
    /// [`Decoded::default()`]; after the decode budget ran out ([`er7::LimitKind::DecodedSize`]) it
    /// holds the message up to the segment where it stopped, with [`DecodeIssueKind::OverBudget`]
    /// as its last issue (as [`decode_parsed`] gives). Decoding into it again reuses it as usual.
    ///
    /// ```
    /// use izmsg::model::{Decoded, Decoder, Message, decode};
    /// let inputs = [
    ///     &b"MSH|^~\\&|EHR|C|IIS|ME|20240315||VXU^V04^VXU_V04|1|P|2.5.1\rPID|1||A1^^^EHR^MR||Doe^Jane\r"[..],
    ///     b"MSH|^~\\&|EHR|C|IIS|ME|20240316||VXU^V04^VXU_V04|2|P|2.5.1\rPID|1||B2^^^EHR^MR||Roe^Ann\r",
    ///     b"not a message",
    ///     b"MSH|^~\\&|EHR|C|IIS|ME|20240317||ACK^V04^ACK|3|P|2.5.1\rMSA|AA|1\r",
    /// ];
    /// let mut decoder = Decoder::default();
    /// let mut out = Decoded::default();
    /// let mut ids = Vec::new();
    /// for input in inputs {
    ///     match decoder.decode_into(input, &mut out) {
    ///         Ok(()) => {
    ///             // The same as a fresh decode, whatever came before.
    ///             assert_eq!(out, decode(input)?);
    ///             if let Message::Vxu(vxu) = &out.message {
    ///                 ids.push(vxu.msh.message_control_id.as_ref().unwrap().to_string());
    ///             }
    ///         }
    ///         Err(e) => {
    ///             // A parse error leaves an empty holder, ready for the next message.
    ///             assert!(e.to_string().contains("MSH"), "{e}");
    ///             assert_eq!(out, Decoded::default());
    ///         }
    ///     }
    /// }
    /// assert_eq!(ids, ["1", "2"]);
    /// # Ok::<(), izmsg::er7::Error>(())
    /// ```
    pub fn decode_into(&mut self, input: &[u8], out: &mut Decoded) -> Result<(), er7::Error> {
        let msg = match self.parser.parse(input) {
            Ok(msg) => msg,
            Err(e) => {
                *out = Decoded::default();
                return Err(e);
            }
        };
        decode_parsed_into(&msg, &self.parser.limits, out);
        let result = budget_error(&msg, &self.parser.limits, out);
        self.parser.recycle(msg);
        result
    }

    /// Parses and decodes the message in `input[range]` (see [`er7::Parser::parse_range`]):
    /// offsets in its warnings, issues and errors count from the start of `input`.
    pub fn decode_range(
        &mut self,
        input: &[u8],
        range: std::ops::Range<usize>,
    ) -> Result<Decoded, er7::Error> {
        let msg = self.parser.parse_range(input, range)?;
        let mut out = Decoded::default();
        decode_parsed_into(&msg, &self.parser.limits, &mut out);
        let result = budget_error(&msg, &self.parser.limits, &out);
        self.parser.recycle(msg);
        result.map(|()| out)
    }
}

/// Decodes a message already parsed by [`er7::parse`].
///
/// What the decoded message may hold is bounded by [`Limits::max_decoded_ratio`]: past it the rest of
/// the message is not decoded and the last issue is [`DecodeIssueKind::OverBudget`] (the
/// [`Decoder`] and [`decode`] return that as an [`er7::Error::Limit`] instead).
pub fn decode_parsed(msg: &er7::Message<'_>, limits: &Limits) -> Decoded {
    let mut out = Decoded::default();
    decode_parsed_into(msg, limits, &mut out);
    out
}

/// [`decode_parsed`] into `out`, reusing what it holds (see [`Decoder::decode_into`]).
pub fn decode_parsed_into(msg: &er7::Message<'_>, limits: &Limits, out: &mut Decoded) {
    let mut cx = DecodeCx::for_input(*limits, msg.as_bytes().len());
    cx.issues = std::mem::take(&mut out.issues);
    cx.issues.clear();
    decode_message(msg, &mut cx, &mut out.message);
    if let Some(offset) = cx.exhausted() {
        cx.issues.push(DecodeIssue {
            kind: DecodeIssueKind::OverBudget,
            location: issue::Location {
                offset: Some(offset),
                ..issue::Location::default()
            },
            more: 0,
        });
    }
    out.warnings.clear();
    out.warnings.extend_from_slice(msg.warnings());
    out.issues = cx.issues;
}

/// A spent decode budget (the last issue of `decoded`) as the error it is.
fn budget_error(
    msg: &er7::Message<'_>,
    limits: &Limits,
    decoded: &Decoded,
) -> Result<(), er7::Error> {
    match decoded.issues.last() {
        Some(last) if last.kind == DecodeIssueKind::OverBudget => Err(er7::Error::Limit {
            limit: er7::LimitKind::DecodedSize,
            max: limits.decoded_budget(msg.as_bytes().len()),
            offset: last.location.offset.unwrap_or(0),
        }),
        _ => Ok(()),
    }
}

/// Takes the message's box of type `T` out of `out` to be filled again, or a new one.
macro_rules! reuse_box {
    ($out:expr, $variant:ident) => {
        match take_message($out) {
            Message::$variant(m) => m,
            _ => Box::default(),
        }
    };
}

/// Takes the message out of `out`, leaving an empty one (no allocation).
fn take_message(out: &mut Message) -> Message {
    std::mem::replace(
        out,
        Message::Other {
            segments: Vec::new(),
        },
    )
}

fn decode_message(msg: &er7::Message<'_>, cx: &mut DecodeCx, out: &mut Message) {
    let Some(first) = msg.segment(0).filter(|s| s.id() == "MSH") else {
        other(msg, cx, out);
        return;
    };
    // MSH-9.1 picks the structure; the message is then decoded straight into its box.
    let code = first
        .field(9)
        .map(|f| f.component(1).text())
        .unwrap_or_default();
    // The box of the message decoded into `out` before is filled again when the type is the same.
    let mut r = Reader::new(msg, cx);
    *out = match code.as_ref() {
        "VXU" => {
            let mut m = reuse_box!(out, Vxu);
            Vxu::read_into(&mut m, &mut r);
            Message::Vxu(m)
        }
        "ACK" => {
            let mut m = reuse_box!(out, Ack);
            Ack::read_into(&mut m, &mut r);
            Message::Ack(m)
        }
        "QBP" => {
            let mut m = reuse_box!(out, Qbp);
            Qbp::read_into(&mut m, &mut r);
            Message::Qbp(m)
        }
        "RSP" => {
            let mut m = reuse_box!(out, Rsp);
            Rsp::read_into(&mut m, &mut r);
            Message::Rsp(m)
        }
        _ => {
            drop(r);
            cx.at_segment(0, "MSH");
            cx.at_field(9);
            cx.report(DecodeIssueKind::UnknownMessageType, first.field(9).as_ref());
            other(msg, cx, out);
            check_version(out, &first, cx);
            return;
        }
    };
    check_version(out, &first, cx);
}

/// MSH-12 other than 2.5.1: decoded on a best-effort basis, and said so.
fn check_version(m: &Message, first: &er7::Segment<'_, '_>, cx: &mut DecodeCx) {
    let version = m
        .msh()
        .and_then(|h| h.version_id.as_ref())
        .map(|v| v.version_id.as_str() == "2.5.1")
        .unwrap_or(false);
    if !version {
        cx.at_segment(0, "MSH");
        cx.at_field(12);
        cx.report(DecodeIssueKind::Version, first.field(12).as_ref());
    }
}

/// A message without structure: its segments, each decoded by its id (the vector of `out`'s, when it
/// was one, reused).
fn other(msg: &er7::Message<'_>, cx: &mut DecodeCx, out: &mut Message) {
    let mut segments = match take_message(out) {
        Message::Other { segments } => segments,
        _ => Vec::new(),
    };
    segments.clear();
    segments.extend(msg.segments().map(|s| {
        cx.at_segment(s.index(), s.id());
        AnySegment::decode(&s, cx)
    }));
    *out = Message::Other { segments };
}

impl Message {
    /// The header.
    pub fn msh(&self) -> Option<&Msh> {
        match self {
            Message::Vxu(m) => Some(&m.msh),
            Message::Ack(m) => Some(&m.msh),
            Message::Qbp(m) => Some(&m.msh),
            Message::Rsp(m) => Some(&m.msh),
            Message::Other { segments } => match segments.first() {
                Some(AnySegment::Msh(m)) => Some(m),
                _ => None,
            },
        }
    }

    /// The delimiters MSH-1 and MSH-2 declare (the standard ones when they are unusable).
    pub fn delimiters(&self) -> Delimiters {
        let Some(msh) = self.msh() else {
            return Delimiters::default();
        };
        let fs = msh
            .field_separator
            .as_ref()
            .and_then(|f| f.as_bytes().first().copied());
        let enc = msh.encoding_characters.as_ref().map(|e| e.as_bytes());
        match (fs, enc) {
            (Some(fs), Some(enc)) => Delimiters::from_header(fs, enc).unwrap_or_default(),
            _ => Delimiters::default(),
        }
    }

    /// Writes the message as ER7 with CR segment terminators into `out` (cleared first).
    pub fn encode_into(&self, out: Vec<u8>) -> Vec<u8> {
        let w = Writer::from_buffer(out, self.delimiters());
        match self {
            Message::Vxu(m) => {
                let mut e = Emitter::new(w, &m.extra_segments);
                m.emit(&mut e);
                e.finish().finish()
            }
            Message::Ack(m) => {
                let mut e = Emitter::new(w, &m.extra_segments);
                m.emit(&mut e);
                e.finish().finish()
            }
            Message::Qbp(m) => {
                let mut e = Emitter::new(w, &m.extra_segments);
                m.emit(&mut e);
                e.finish().finish()
            }
            Message::Rsp(m) => {
                let mut e = Emitter::new(w, &m.extra_segments);
                m.emit(&mut e);
                e.finish().finish()
            }
            Message::Other { segments } => {
                let mut w = w;
                for s in segments {
                    s.encode(&mut w);
                }
                w.finish()
            }
        }
    }

    /// Writes the message as ER7 with CR segment terminators, whatever it holds: a decoded message
    /// comes out byte for byte as it came in (when it was in the IG's form), valid or not. To send
    /// a message you built, use [`try_encode`](Message::try_encode), which first checks that it
    /// has a message type and the segments its structure requires.
    pub fn encode(&self) -> Vec<u8> {
        self.encode_into(Vec::new())
    }
}

/// Decodes one segment on its own (for tools that look at segments, not messages).
pub fn decode_segment<T: SegmentType>(seg: &er7::Segment<'_, '_>) -> (T, Vec<DecodeIssue>) {
    let mut cx = DecodeCx::default();
    cx.at_segment(seg.index(), seg.id());
    let v = T::decode(seg, &mut cx);
    (v, cx.issues)
}
