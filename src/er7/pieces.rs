//! [`pieces`]: any input cut into its messages, lazily: one message, several one after another, a
//! batch file (FHS/BHS ... BTS/FTS) or MLLP frames holding any of those.
//!
//! Nothing is parsed here: each [`Piece`] is a byte range of the input, found by looking at the
//! first three bytes of each line (`MSH` starts a message; `FHS`, `BHS`, `BTS` and `FTS` are the
//! envelope) and, in a framed input, at the MLLP start and end blocks. The input is looked at once,
//! front to back, as the pieces are asked for. [`split`](super::split) does the same cut at once and
//! parses every piece; the model's reader (`izmsg::model::read_all`) decodes them one by one.

use std::fmt;
use std::ops::Range;

use super::mllp::{self, CR, END, MllpError, START};

/// Where a message lies in the input it was read from (by `izmsg::model::read_all`, or a
/// [`BatchReader`](super::BatchReader)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Position {
    /// Which message of the input, counting from 1 (messages that do not parse count too).
    pub number: usize,
    /// Byte offset of its first byte in the input. Offsets in its warnings, decode issues and
    /// errors count from the start of the input too.
    pub offset: usize,
    /// Its length in bytes.
    pub len: usize,
    /// The MLLP frame it came in, counting from 1 (`None` in an unframed input).
    pub frame: Option<usize>,
}

impl fmt::Display for Position {
    /// `message 3 (bytes 1210..1830)`, with `, MLLP frame 2` in a framed input.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "message {} (bytes {}..{}",
            self.number,
            self.offset,
            self.offset + self.len
        )?;
        if let Some(frame) = self.frame {
            write!(f, ", MLLP frame {frame}")?;
        }
        f.write_str(")")
    }
}

/// One piece of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// The bytes of one message, `input[range]`: from its `MSH` line (or from the start of the input
    /// or frame, when only white space and a byte order mark come before it) up to the next message
    /// or envelope line, or the end of the input or frame. Lines before any `MSH` that are not
    /// envelope lines make a piece of their own, which does not parse.
    Message {
        /// Where the message lies in the input.
        range: Range<usize>,
        /// The MLLP frame it came in, numbered from 1 (`None` in an unframed input).
        frame: Option<usize>,
    },
    /// An envelope segment of a batch file: `FHS`, `BHS`, `BTS` or `FTS`.
    Envelope {
        /// The segment id.
        id: &'static str,
        /// Where the line lies in the input, its terminator included.
        range: Range<usize>,
        /// The MLLP frame it came in, numbered from 1.
        frame: Option<usize>,
    },
    /// Bytes outside MLLP frames (skipped), or a frame the input ends inside (dropped).
    Framing(MllpError),
}

/// The pieces of `input`, in order (see [`Piece`]).
///
/// ```
/// use izmsg::er7::{pieces, Piece};
/// let file = b"FHS|^~\\&\rMSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\rPID|2\rFTS|1\r";
/// let cut: Vec<Piece> = pieces(file).collect();
/// assert_eq!(cut.len(), 4);
/// assert_eq!(cut[1], Piece::Message { range: 9..26, frame: None });
/// assert!(matches!(cut[3], Piece::Envelope { id: "FTS", .. }));
///
/// let framed = b"\x0bMSH|^~\\&|A\rPID|1\r\x1c\x0d";
/// assert_eq!(pieces(framed).next(), Some(Piece::Message { range: 1..18, frame: Some(1) }));
/// ```
pub fn pieces(input: &[u8]) -> Pieces<'_> {
    Pieces {
        input,
        framed: mllp::is_framed(input),
        pos: 0,
        region: None,
        frame: 0,
        line: 0,
        start: None,
        leading: true,
        queued: None,
    }
}

/// The iterator [`pieces`] returns.
#[derive(Debug, Clone)]
pub struct Pieces<'a> {
    input: &'a [u8],
    framed: bool,
    /// Where to look for the next frame (framed input) or the next region (unframed).
    pos: usize,
    /// The region being cut into lines: the whole input, or one frame's content.
    region: Option<Range<usize>>,
    /// Frames found so far.
    frame: usize,
    /// Start of the next line in the region.
    line: usize,
    /// Start of the message being gathered, if any.
    start: Option<usize>,
    /// Only white space (and a byte order mark) seen so far in the region.
    leading: bool,
    /// A piece found with the one returned: an envelope line that closed a message.
    queued: Option<Piece>,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Pieces<'_> {
    /// The next region to cut into lines, or a framing problem; `None` at the end of the input.
    fn next_region(&mut self) -> Option<Result<Range<usize>, MllpError>> {
        let rest = self.input.get(self.pos..)?;
        if !self.framed {
            if self.pos > 0 || rest.is_empty() {
                return None;
            }
            self.pos = self.input.len();
            return Some(Ok(0..self.input.len()));
        }
        let ws = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let Some(at) = rest.iter().position(|&b| b == START) else {
            self.pos = self.input.len();
            return (ws < rest.len()).then_some(Err(MllpError::Garbage {
                offset: self.input.len() - rest.len() + ws,
                len: rest.len() - ws,
            }));
        };
        let frame_start = self.pos + at;
        if at > ws {
            self.pos = frame_start;
            return Some(Err(MllpError::Garbage {
                offset: self.pos - (at - ws),
                len: at - ws,
            }));
        }
        let content = frame_start + 1;
        let body = self.input.get(content..).unwrap_or_default();
        match body.windows(2).position(|w| w == [END, CR]) {
            Some(end) => {
                self.pos = content + end + 2;
                self.frame += 1;
                Some(Ok(content..content + end))
            }
            None => {
                self.pos = self.input.len();
                Some(Err(MllpError::Truncated {
                    offset: frame_start,
                }))
            }
        }
    }

    fn frame(&self) -> Option<usize> {
        self.framed.then_some(self.frame)
    }

    /// The message gathered so far, ending at `end`.
    fn take_message(&mut self, end: usize) -> Option<Piece> {
        let start = self.start.take()?;
        Some(Piece::Message {
            range: start..end,
            frame: self.frame(),
        })
    }
}

impl Iterator for Pieces<'_> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        if let Some(piece) = self.queued.take() {
            return Some(piece);
        }
        loop {
            let Some(region) = self.region.clone() else {
                match self.next_region()? {
                    Ok(region) => {
                        self.line = region.start;
                        self.start = None;
                        self.leading = true;
                        self.region = Some(region);
                        continue;
                    }
                    Err(e) => return Some(Piece::Framing(e)),
                }
            };
            if self.line >= region.end {
                self.region = None;
                if let Some(piece) = self.take_message(region.end) {
                    return Some(piece);
                }
                continue;
            }
            let at = self.line;
            let rest = self.input.get(at..region.end).unwrap_or_default();
            let len = rest
                .iter()
                .position(|&b| b == b'\r' || b == b'\n')
                .unwrap_or(rest.len());
            self.line = at + len + 1;
            let mut line = rest.get(..len).unwrap_or_default();
            if self.leading && at == region.start {
                line = line.strip_prefix(BOM).unwrap_or(line);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let leading = std::mem::replace(&mut self.leading, false);
            let id: &'static str = match line.get(..3) {
                Some(b"FHS") => "FHS",
                Some(b"BHS") => "BHS",
                Some(b"BTS") => "BTS",
                Some(b"FTS") => "FTS",
                Some(b"MSH") => {
                    let closed = self.take_message(at);
                    // The first message of a region takes in what only white space came before.
                    self.start = Some(if leading { region.start } else { at });
                    match closed {
                        Some(piece) => return Some(piece),
                        None => continue,
                    }
                }
                _ => {
                    if self.start.is_none() {
                        self.start = Some(if leading { region.start } else { at });
                    }
                    continue;
                }
            };
            let envelope = Piece::Envelope {
                id,
                range: at..self.line.min(region.end),
                frame: self.frame(),
            };
            match self.take_message(at) {
                Some(message) => {
                    self.queued = Some(envelope);
                    return Some(message);
                }
                None => return Some(envelope),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn cut(input: &[u8]) -> Vec<Piece> {
        pieces(input).collect()
    }

    #[test]
    fn a_single_message_is_the_whole_input() {
        let input = b"\xEF\xBB\xBF\r\nMSH|^~\\&|A\nPID|1\n\n";
        assert_eq!(
            cut(input),
            [Piece::Message {
                range: 0..input.len(),
                frame: None
            }]
        );
        assert!(cut(b"").is_empty());
        assert!(cut(b" \r\n ").is_empty());
    }

    #[test]
    fn segments_before_any_msh_are_a_piece_of_their_own() {
        let input = b"PID|1\rMSH|^~\\&|A\r";
        assert_eq!(
            cut(input),
            [
                Piece::Message {
                    range: 0..6,
                    frame: None
                },
                Piece::Message {
                    range: 6..17,
                    frame: None
                }
            ]
        );
    }

    #[test]
    fn a_batch_is_envelopes_and_messages() {
        let input = b"FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rMSH|^~\\&|B\rBTS|2\rFTS|1";
        let kinds: Vec<String> = cut(input)
            .iter()
            .map(|p| match p {
                Piece::Message { range, .. } => format!("M{}", range.start),
                Piece::Envelope { id, .. } => id.to_string(),
                Piece::Framing(_) => "F".into(),
            })
            .collect();
        assert_eq!(kinds, ["FHS", "BHS", "M18", "M29", "BTS", "FTS"]);
    }

    #[test]
    fn frames_garbage_and_a_truncated_frame() {
        let input = b"\x0bMSH|^~\\&|A\r\x1c\x0d junk \x0bMSH|^~\\&|B\rMSH|^~\\&|C\r\x1c\x0d\x0bMSH";
        let got = cut(input);
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(
            got[0],
            Piece::Message {
                range: 1..12,
                frame: Some(1)
            }
        );
        assert_eq!(
            got[1],
            Piece::Framing(MllpError::Garbage { offset: 15, len: 5 })
        );
        assert!(matches!(got[2], Piece::Message { frame: Some(2), .. }));
        assert!(matches!(got[3], Piece::Message { frame: Some(2), .. }));
        assert_eq!(got[4], Piece::Framing(MllpError::Truncated { offset: 45 }));
    }
}
