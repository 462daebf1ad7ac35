//! MLLP, the Minimal Lower Layer Protocol: `0x0B` message `0x1C 0x0D`.
//!
//! [`frame`] wraps a message. [`Deframer`] takes bytes as they arrive, in chunks of any size, and hands
//! out whole messages; it reports bytes found between frames and frames larger than its limit as
//! errors, and then resynchronises on the next start byte, so one bad frame does not stop the stream.
//! The deframer never copies a byte more than twice and keeps no more than one frame (plus one chunk)
//! in memory.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Start block byte.
pub const START: u8 = 0x0B;
/// End block byte, followed by [`CR`].
pub const END: u8 = 0x1C;
/// Carriage return that closes a frame.
pub const CR: u8 = 0x0D;

/// Wraps a message in an MLLP frame.
///
/// ```
/// assert_eq!(izmsg::er7::mllp::frame(b"MSH|^~\\&\r"), b"\x0bMSH|^~\\&\r\x1c\x0d");
/// ```
pub fn frame(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + 3);
    frame_into(message, &mut out);
    out
}

/// Appends a framed message to `out`.
pub fn frame_into(message: &[u8], out: &mut Vec<u8>) {
    out.push(START);
    out.extend_from_slice(message);
    out.push(END);
    out.push(CR);
}

/// A problem in an MLLP stream. The deframer skips past it and carries on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum MllpError {
    /// Bytes outside a frame (white space between frames is allowed and ignored).
    #[error("stream byte {offset}: {len} byte(s) outside an MLLP frame were skipped")]
    Garbage {
        /// Stream offset of the first stray byte.
        offset: usize,
        /// How many bytes were skipped.
        len: usize,
    },
    /// A frame grew past the deframer's limit; it was dropped up to its end.
    #[error("stream byte {offset}: an MLLP frame exceeds the limit of {max} bytes and was dropped")]
    TooLarge {
        /// Stream offset of the frame's start byte.
        offset: usize,
        /// The limit.
        max: usize,
    },
    /// The stream ended inside a frame.
    #[error("stream byte {offset}: the stream ended inside an MLLP frame")]
    Truncated {
        /// Stream offset of the unfinished frame's start byte.
        offset: usize,
    },
}

/// What [`Deframer::next_frame`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A whole message (the bytes between the start and end blocks).
    Message(Vec<u8>),
    /// More bytes are needed.
    Partial,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between frames.
    Outside,
    /// Inside a frame that started at this stream offset.
    Inside(usize),
    /// Dropping an oversized frame until its end block.
    Discarding,
}

/// A streaming MLLP deframer.
///
/// ```
/// use izmsg::er7::mllp::{Deframer, Frame};
/// let mut d = Deframer::new(1 << 20);
/// d.push(b"\x0bMSH|^~\\&|A\r\x1c");
/// assert_eq!(d.next_frame(), Ok(Frame::Partial));
/// d.push(b"\x0d\x0bMSH|^~\\&|B\r\x1c\x0d");
/// assert_eq!(d.next_frame(), Ok(Frame::Message(b"MSH|^~\\&|A\r".to_vec())));
/// assert_eq!(d.next_frame(), Ok(Frame::Message(b"MSH|^~\\&|B\r".to_vec())));
/// assert_eq!(d.next_frame(), Ok(Frame::Partial));
/// assert_eq!(d.finish(), Ok(()));
/// ```
#[derive(Debug, Clone)]
pub struct Deframer {
    buf: Vec<u8>,
    /// Bytes of `buf` already consumed.
    pos: usize,
    /// Stream offset of `buf[0]`.
    base: usize,
    /// Bytes of `buf` (from `pos`) already searched for the end of the current frame.
    scanned: usize,
    max: usize,
    state: State,
}

impl Deframer {
    /// A deframer that drops frames longer than `max_frame` bytes.
    pub fn new(max_frame: usize) -> Deframer {
        Deframer {
            buf: Vec::new(),
            pos: 0,
            base: 0,
            scanned: 0,
            max: max_frame,
            state: State::Outside,
        }
    }

    /// Adds bytes as they arrive.
    pub fn push(&mut self, chunk: &[u8]) {
        if self.pos > 0 && self.pos >= self.buf.len() / 2 {
            self.buf.drain(..self.pos);
            self.base += self.pos;
            self.pos = 0;
        }
        self.buf.extend_from_slice(chunk);
    }

    /// Stream offset of the next unconsumed byte.
    pub fn offset(&self) -> usize {
        self.base + self.pos
    }

    /// The next whole message, [`Frame::Partial`] when more bytes are needed, or an error for bytes that
    /// were skipped (call again to continue past it).
    pub fn next_frame(&mut self) -> Result<Frame, MllpError> {
        loop {
            let rest = self.buf.get(self.pos..).unwrap_or(&[]);
            match self.state {
                State::Outside => {
                    let ws = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
                    let junk_end = rest.iter().position(|&b| b == START);
                    match junk_end {
                        Some(n) if n <= ws => {
                            self.pos += n + 1;
                            self.state = State::Inside(self.base + self.pos - 1);
                            self.scanned = 0;
                        }
                        Some(n) => {
                            let offset = self.offset();
                            self.pos += n;
                            return Err(MllpError::Garbage { offset, len: n });
                        }
                        None if ws == rest.len() => {
                            self.pos += ws;
                            return Ok(Frame::Partial);
                        }
                        None => {
                            let offset = self.offset();
                            let len = rest.len();
                            self.pos += len;
                            return Err(MllpError::Garbage { offset, len });
                        }
                    }
                }
                State::Inside(start) => {
                    let from = self.scanned.saturating_sub(1);
                    let tail = rest.get(from..).unwrap_or(&[]);
                    let end = tail
                        .windows(2)
                        .position(|w| w == [END, CR])
                        .map(|i| i + from);
                    match end {
                        Some(e) if e <= self.max => {
                            let msg = rest.get(..e).unwrap_or(&[]).to_vec();
                            self.pos += e + 2;
                            self.state = State::Outside;
                            return Ok(Frame::Message(msg));
                        }
                        Some(e) => {
                            self.pos += e + 2;
                            self.state = State::Outside;
                            return Err(MllpError::TooLarge {
                                offset: start,
                                max: self.max,
                            });
                        }
                        None if rest.len() > self.max + 1 => {
                            // Keep only the last byte: it may be the END of an END CR pair.
                            self.pos += rest.len() - 1;
                            self.state = State::Discarding;
                            return Err(MllpError::TooLarge {
                                offset: start,
                                max: self.max,
                            });
                        }
                        None => {
                            self.scanned = rest.len();
                            return Ok(Frame::Partial);
                        }
                    }
                }
                State::Discarding => match rest.windows(2).position(|w| w == [END, CR]) {
                    Some(e) => {
                        self.pos += e + 2;
                        self.state = State::Outside;
                    }
                    None => {
                        self.pos += rest.len().saturating_sub(1);
                        return Ok(Frame::Partial);
                    }
                },
            }
        }
    }

    /// Says whether the stream ended cleanly (not inside a frame).
    pub fn finish(&self) -> Result<(), MllpError> {
        match self.state {
            State::Inside(offset) => Err(MllpError::Truncated { offset }),
            State::Discarding => Err(MllpError::Truncated {
                offset: self.offset(),
            }),
            State::Outside => Ok(()),
        }
    }
}

/// Deframes a whole buffer: every message, and every error met on the way.
///
/// ```
/// let (msgs, errors) = izmsg::er7::mllp::deframe_all(b"\x0bA\x1c\x0dxx\x0bB\x1c\x0d");
/// assert_eq!(msgs, vec![b"A".to_vec(), b"B".to_vec()]);
/// assert_eq!(errors.len(), 1);
/// ```
pub fn deframe_all(input: &[u8]) -> (Vec<Vec<u8>>, Vec<MllpError>) {
    let mut d = Deframer::new(input.len().max(1));
    d.push(input);
    let mut msgs = Vec::new();
    let mut errors = Vec::new();
    loop {
        match d.next_frame() {
            Ok(Frame::Message(m)) => msgs.push(m),
            Ok(Frame::Partial) => break,
            Err(e) => errors.push(e),
        }
    }
    if let Err(e) = d.finish() {
        errors.push(e);
    }
    (msgs, errors)
}

/// Whether the input looks MLLP-framed (its first non-white-space byte is the start block).
pub fn is_framed(input: &[u8]) -> bool {
    input.iter().find(|b| !b.is_ascii_whitespace()) == Some(&START)
}
