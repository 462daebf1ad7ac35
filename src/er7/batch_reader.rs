//! [`BatchReader`]: a batch file, or messages one after another, read from a stream one message at
//! a time.

use std::io::{self, BufRead};

use super::batch::count_field;
use super::delimiters::Delimiters;
use super::error::{Error, LimitKind, Limits, Warning, WarningKind, Warnings};
use super::message::{Index, Indexing, Message, Parser, line_len, parse_range};
use super::pieces::Position;

/// What a [`BatchReader`] reads next.
#[derive(Debug, Clone)]
// Envelope lines are a handful per file: a box for them would cost more than it saves.
#[allow(clippy::large_enum_variant)]
pub enum BatchItem<'r> {
    /// The bytes of one message: from its `MSH` line up to the next message or envelope line, or
    /// the end of the input, exactly the range [`split`](super::split) parses. They are lent from
    /// the reader's buffer until the next call.
    Message {
        /// Where it was in the input.
        position: Position,
        /// Its bytes (parse them with [`parse`](super::parse) or a [`Parser`]; offsets there count
        /// from the message's first byte, `position.offset` in the input).
        bytes: &'r [u8],
    },
    /// An envelope line (`FHS`, `BHS`, `BTS` or `FTS`), parsed as [`split`](super::split) parses it
    /// (BTS and FTS with the delimiters in force); offsets in it count from the line's first byte.
    Envelope {
        /// The segment id.
        id: &'static str,
        /// Byte offset of the line in the input.
        offset: usize,
        /// The line, parsed.
        segment: Message<'r>,
    },
}

/// What kept a [`BatchReader`] from its next item. Its `Display` says where and why, never what
/// the input said.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchReadError {
    /// The source failed; nothing more is read.
    #[error("byte {offset}: reading the input failed: {error}")]
    Io {
        /// Bytes read before the failure.
        offset: usize,
        /// What the source said.
        #[source]
        error: io::Error,
    },
    /// A message longer than [`Limits::max_message_bytes`]: its bytes were skipped, not kept, and
    /// the reader goes on with the next message.
    #[error("{position}: {error}")]
    Message {
        /// Where it was.
        position: Position,
        /// [`Error::Limit`], as [`split`](super::split) gives it for that message.
        error: Error,
    },
    /// The input as a whole cannot be read, as [`split`](super::split) fails on it: an envelope
    /// line that does not parse (or is longer than a message may be), or no message at all
    /// ([`Error::Empty`]). Nothing more is read.
    #[error("{0}")]
    Input(Error),
}

/// Reads a batch file (FHS/BHS ... BTS/FTS), or any stream of messages one after another, from a
/// [`BufRead`] one message at a time, in the memory of the largest message.
///
/// It cuts the input as [`split`](super::split) does, line by line (a line starting `MSH` starts a
/// message; `FHS`, `BHS`, `BTS` and `FTS` lines are the envelope), and yields the same messages and
/// envelopes, with their [`Position`]s, and the same warnings about the envelope (a BTS or FTS count
/// that does not match, a header without its trailer, a byte order mark) in
/// [`warnings`](Self::warnings) once the input is read. A message's bytes are held until the next
/// message starts, in one buffer that is reused; a message longer than the
/// [`Limits::max_message_bytes`] is skipped as it streams by and comes out as an error at its
/// position, and so memory never grows past the limit. Messages are not parsed here (apart from
/// their header, when their delimiters change): parse them with a [`Parser`], or decode them with
/// `izmsg::model::Decoder`.
///
/// MLLP frames are not looked for (deframe them with [`mllp`](super::mllp) first). An input past
/// 4 GiB is read as well: offsets are `usize`.
///
/// ```
/// use izmsg::er7::{BatchItem, BatchReader};
/// let file = &b"FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\rPID|2\rBTS|2\rFTS|1\r"[..];
/// let mut reader = BatchReader::new(file); // any BufRead: a BufReader<File>, standard input ...
/// let mut messages = 0;
/// while let Some(item) = reader.next_item() {
///     match item? {
///         BatchItem::Message { position, bytes } => {
///             let msg = izmsg::er7::parse(bytes)?;
///             assert_eq!(msg.segment_count(), 2);
///             messages += 1;
///             println!("{position}");
///         }
///         BatchItem::Envelope { id, .. } => println!("{id}"),
///     }
/// }
/// assert_eq!(messages, 2);
/// assert!(reader.warnings().is_empty()); // the counts add up
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct BatchReader<R> {
    src: Source<R>,
    limits: Limits,
    /// Parses a message whose header may change the delimiters in force.
    parser: Parser,
    /// The open message's bytes (while it is within the limit).
    buf: Vec<u8>,
    /// The envelope line last read.
    line: Vec<u8>,
    open: Option<Open>,
    /// A line whose first bytes closed the message just returned: where to go on.
    pending: Option<Head>,
    number: usize,
    any: bool,
    finished: bool,
    envelope: EnvelopeState,
    warnings: Warnings,
}

/// The message being gathered.
#[derive(Debug, Clone, Copy)]
struct Open {
    start: usize,
    /// Its bytes so far (all counted, held or not).
    len: usize,
}

/// What the envelope said so far, for the checks [`split`](super::split) makes.
#[derive(Debug, Clone, Default)]
struct EnvelopeState {
    /// The delimiters of the last header (FHS, BHS, or a message that parses): BTS and FTS are
    /// read with them.
    delims: Delimiters,
    file_header: bool,
    /// The last FTS: where, and the count it declares.
    file_trailer: Option<(usize, Option<usize>)>,
    group: Option<Group>,
    /// Groups closed so far, and how many of them had a BHS.
    groups: usize,
    headed_groups: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Group {
    header: bool,
    messages: usize,
}

/// What a step found; the item is made from it and the reader's buffers.
enum Ready {
    Message(Position),
    TooLong(Position),
    Envelope {
        id: &'static str,
        offset: usize,
        known: Option<Delimiters>,
    },
}

impl<R: BufRead> BatchReader<R> {
    /// A reader of `src` under the default [`Limits`].
    pub fn new(src: R) -> BatchReader<R> {
        BatchReader::with_limits(src, Limits::default())
    }

    /// A reader of `src` under `limits` (applied to each message, as [`split_with`](super::split_with)
    /// applies them).
    pub fn with_limits(src: R, limits: Limits) -> BatchReader<R> {
        let mut parser = Parser::new(limits);
        parser.indexing = Indexing::Segments;
        BatchReader {
            src: Source {
                inner: src,
                back: [0; 3],
                back_at: 0,
                back_len: 0,
                primed: false,
                eof: false,
                pos: 0,
            },
            limits,
            parser,
            buf: Vec::new(),
            line: Vec::new(),
            open: None,
            pending: None,
            number: 0,
            any: false,
            finished: false,
            envelope: EnvelopeState::default(),
            warnings: Warnings::default(),
        }
    }

    /// The next message or envelope line, an error, or `None` at the end of the input (after an
    /// [`Io`](BatchReadError::Io) or [`Input`](BatchReadError::Input) error too).
    pub fn next_item(&mut self) -> Option<Result<BatchItem<'_>, BatchReadError>> {
        if self.finished {
            return None;
        }
        let ready = match self.step() {
            Ok(Some(ready)) => ready,
            Ok(None) => return None,
            Err(e) => {
                self.finished = true;
                return Some(Err(e));
            }
        };
        Some(match ready {
            Ready::Message(position) => Ok(BatchItem::Message {
                position,
                bytes: &self.buf,
            }),
            Ready::TooLong(position) => Err(BatchReadError::Message {
                position,
                error: Error::Limit {
                    limit: LimitKind::MessageBytes,
                    max: self.limits.max_message_bytes,
                    offset: position.offset,
                },
            }),
            // The line parsed once already, in `envelope`.
            Ready::Envelope { id, offset, known } => parse_range(
                &self.line,
                0,
                self.line.len(),
                &self.limits,
                known,
                Index::default(),
                Indexing::Fields,
            )
            .map(|segment| BatchItem::Envelope {
                id,
                offset,
                segment,
            })
            .map_err(|e| BatchReadError::Input(e.offset_by(offset))),
        })
    }

    /// What the reader noticed about the input as a whole so far, as [`split`](super::split)
    /// reports it in [`Batch::warnings`](super::Batch::warnings): a byte order mark, a BTS count that
    /// does not match its batch, a header without its trailer; the FTS count and the file
    /// envelope's pairing once [`next_item`](Self::next_item) has returned `None`.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings.0
    }

    /// How many bytes of the input have been read so far.
    pub fn bytes_read(&self) -> usize {
        self.src.pos
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The source, and whatever of it was not read.
    pub fn into_inner(self) -> R {
        self.src.inner
    }

    fn io(&self, error: io::Error) -> BatchReadError {
        BatchReadError::Io {
            offset: self.src.pos,
            error,
        }
    }

    fn step(&mut self) -> Result<Option<Ready>, BatchReadError> {
        if !self.src.primed {
            let bom = self.src.prime().map_err(|e| self.io(e))?;
            if bom {
                self.warnings.add(WarningKind::ByteOrderMark, 0);
            }
        }
        loop {
            let head = match self.pending.take() {
                Some(head) => head,
                None => match self.src.head().map_err(|e| self.io(e))? {
                    Some(head) => head,
                    None => return self.end(),
                },
            };
            let id: Option<&'static str> = match head.id() {
                b"MSH" => Some("MSH"),
                b"FHS" => Some("FHS"),
                b"BHS" => Some("BHS"),
                b"BTS" => Some("BTS"),
                b"FTS" => Some("FTS"),
                _ => None,
            };
            match id {
                Some(_) if self.open.is_some() => {
                    // The line closes the open message: that one first.
                    self.pending = Some(head);
                    return Ok(self.flush());
                }
                Some("MSH") => {
                    self.any = true;
                    self.buf.clear();
                    self.open = Some(Open {
                        start: head.start,
                        len: 0,
                    });
                    self.append(&head)?;
                }
                Some(id) => return self.envelope(id, &head).map(Some),
                None if self.open.is_some() => self.append(&head)?,
                None => {
                    // A line of white space between messages is skipped; any other line starts a
                    // message with no MSH (which does not parse).
                    self.buf.clear();
                    let (len, blank) = self.read_line(&head, true)?;
                    if blank {
                        self.buf.clear();
                    } else {
                        self.any = true;
                        self.open = Some(Open {
                            start: head.start,
                            len: 0,
                        });
                        self.grow(len);
                    }
                }
            }
        }
    }

    /// Reads the line that `head` starts into the open message.
    fn append(&mut self, head: &Head) -> Result<(), BatchReadError> {
        let (len, _) = self.read_line(head, false)?;
        self.grow(len);
        Ok(())
    }

    /// The open message is `len` bytes longer; past the limit its bytes are let go.
    fn grow(&mut self, len: usize) {
        if let Some(open) = &mut self.open {
            open.len = open.len.saturating_add(len);
            if open.len > self.limits.max_message_bytes {
                self.buf.clear();
            }
        }
    }

    /// Reads the line that `head` starts, its terminator included, into `buf` as far as the limit
    /// allows: its length, and (when asked) whether it is white space only.
    fn read_line(
        &mut self,
        head: &Head,
        check_blank: bool,
    ) -> Result<(usize, bool), BatchReadError> {
        let over = self
            .open
            .is_some_and(|o| o.len > self.limits.max_message_bytes);
        let limit = if over {
            0
        } else {
            self.limits.max_message_bytes
        };
        let raw = head.raw();
        append_within(&mut self.buf, raw, limit);
        let mut blank = head.id().iter().all(u8::is_ascii_whitespace);
        let mut len = raw.len();
        if !head.ended {
            let (n, rest_blank) = self
                .src
                .rest(&mut self.buf, limit, check_blank && blank)
                .map_err(|e| self.io(e))?;
            len += n;
            blank &= rest_blank;
        }
        Ok((len, blank))
    }

    /// Ends the open message: it is the next item.
    fn flush(&mut self) -> Option<Ready> {
        let open = self.open.take()?;
        self.number += 1;
        self.envelope
            .group
            .get_or_insert_with(Group::default)
            .messages += 1;
        let position = Position {
            number: self.number,
            offset: open.start,
            len: open.len,
            frame: None,
        };
        if open.len > self.limits.max_message_bytes {
            self.buf.clear();
            return Some(Ready::TooLong(position));
        }
        self.learn_delimiters();
        Some(Ready::Message(position))
    }

    /// A message that parses sets the delimiters BTS and FTS are read with (as in `split`). One
    /// that starts with the header those delimiters write leaves them as they are either way, and
    /// is not parsed here.
    fn learn_delimiters(&mut self) {
        let d = self.envelope.delims;
        let mut header = [0u8; 10];
        let mut n = 0;
        for b in [
            Some(b'M'),
            Some(b'S'),
            Some(b'H'),
            Some(d.field),
            Some(d.component),
            Some(d.repetition),
            Some(d.escape),
            Some(d.subcomponent),
            d.truncation,
            Some(d.field),
        ]
        .into_iter()
        .flatten()
        {
            if let Some(slot) = header.get_mut(n) {
                *slot = b;
                n += 1;
            }
        }
        if self.buf.starts_with(header.get(..n).unwrap_or_default()) {
            return;
        }
        if let Ok(msg) = self.parser.parse(&self.buf) {
            self.envelope.delims = *msg.delimiters();
            self.parser.recycle(msg);
        }
    }

    fn close_group(&mut self, at: usize) {
        if let Some(group) = self.envelope.group.take() {
            if group.header {
                // A BHS without its BTS.
                self.warnings.add(WarningKind::BatchEnvelope, at);
            }
            self.envelope.groups += 1;
            self.envelope.headed_groups += usize::from(group.header);
        }
    }

    /// Reads and checks the envelope line that `head` starts (the open message, if any, was
    /// returned before).
    fn envelope(&mut self, id: &'static str, head: &Head) -> Result<Ready, BatchReadError> {
        self.any = true;
        let at = head.start;
        if matches!(id, "BHS" | "FTS") {
            self.close_group(at);
        }
        let max = self.limits.max_message_bytes;
        self.line.clear();
        let raw = head.raw();
        append_within(&mut self.line, raw, max);
        let mut len = raw.len();
        if !head.ended {
            let (n, _) = self
                .src
                .rest(&mut self.line, max, false)
                .map_err(|e| self.io(e))?;
            len += n;
        }
        if len > max {
            return Err(BatchReadError::Input(Error::Limit {
                limit: LimitKind::MessageBytes,
                max,
                offset: at,
            }));
        }
        let known = match id {
            "FHS" | "BHS" => None,
            _ => Some(self.envelope.delims),
        };
        let env = parse_range(
            &self.line,
            0,
            self.line.len(),
            &self.limits,
            known,
            Index::default(),
            Indexing::Fields,
        )
        .map_err(|e| BatchReadError::Input(e.offset_by(at)))?;
        let state = &mut self.envelope;
        match id {
            "FHS" => {
                state.file_header = true;
                state.delims = *env.delimiters();
            }
            "BHS" => {
                state.delims = *env.delimiters();
                state.group = Some(Group {
                    header: true,
                    messages: 0,
                });
            }
            "BTS" => {
                let group = state.group.take().unwrap_or_default();
                if !group.header {
                    self.warnings.add(WarningKind::BatchEnvelope, at);
                }
                if count_field(&env) != Some(group.messages) {
                    self.warnings.add(WarningKind::BatchCount, at);
                }
                state.groups += 1;
                state.headed_groups += usize::from(group.header);
            }
            _ => state.file_trailer = Some((at + env.span().start, count_field(&env))),
        }
        Ok(Ready::Envelope {
            id,
            offset: at,
            known,
        })
    }

    /// The end of the input: the open message, then the checks of the whole file.
    fn end(&mut self) -> Result<Option<Ready>, BatchReadError> {
        if self.open.is_some() {
            return Ok(self.flush());
        }
        self.finished = true;
        if !self.any {
            return Err(BatchReadError::Input(Error::Empty));
        }
        let len = self.src.pos;
        self.close_group(len);
        let state = &self.envelope;
        if state.file_header != state.file_trailer.is_some() {
            self.warnings.add(WarningKind::BatchEnvelope, len);
        }
        if let Some((at, declared)) = state.file_trailer {
            let batches = if state.headed_groups == 0 {
                state.groups
            } else {
                state.headed_groups
            };
            if declared != Some(batches) {
                self.warnings.add(WarningKind::BatchCount, at);
            }
        }
        Ok(None)
    }
}

/// Appends what of `bytes` fits in `out` within `limit` bytes, growing `out` by doubling but never
/// past the limit: a buffer's capacity stays within the largest message it held, and the limit.
fn append_within(out: &mut Vec<u8>, bytes: &[u8], limit: usize) {
    let room = limit.saturating_sub(out.len()).min(bytes.len());
    let bytes = bytes.get(..room).unwrap_or_default();
    let need = out.len() + bytes.len();
    if need > out.capacity() {
        let target = out
            .capacity()
            .saturating_mul(2)
            .clamp(need, limit.max(need));
        out.reserve_exact(target - out.len());
    }
    out.extend_from_slice(bytes);
}

const BOM: [u8; 3] = *b"\xEF\xBB\xBF";

/// The input, with the byte count so far and room to read its first three bytes twice (for the
/// byte order mark).
#[derive(Debug)]
struct Source<R> {
    inner: R,
    back: [u8; 3],
    back_at: usize,
    back_len: usize,
    primed: bool,
    eof: bool,
    pos: usize,
}

/// The first bytes of a line: its id, when it has one.
#[derive(Debug, Clone, Copy)]
struct Head {
    /// Offset of the line in the input.
    start: usize,
    /// Up to three bytes of the line, and its terminator when the line ends within them.
    raw: [u8; 4],
    len: usize,
    /// How many of them are the line's content (not its terminator).
    content: usize,
    /// Whether the line ended within them (a terminator, or the end of the input).
    ended: bool,
}

impl Head {
    fn raw(&self) -> &[u8] {
        self.raw.get(..self.len).unwrap_or_default()
    }

    fn id(&self) -> &[u8] {
        self.raw.get(..self.content).unwrap_or_default()
    }
}

impl<R: BufRead> Source<R> {
    /// What is there to read: the bytes read twice first, then the source's buffer. Empty at the
    /// end of the input.
    fn fill(&mut self) -> io::Result<&[u8]> {
        if self.back_at < self.back_len {
            return Ok(self
                .back
                .get(self.back_at..self.back_len)
                .unwrap_or_default());
        }
        if self.eof {
            return Ok(&[]);
        }
        loop {
            match self.inner.fill_buf() {
                Ok(chunk) => {
                    self.eof = chunk.is_empty();
                    break;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.back_at < self.back_len {
            self.back_at += n;
        } else {
            self.inner.consume(n);
        }
        self.pos += n;
    }

    /// Reads the first three bytes: a byte order mark is dropped (`true`), anything else is
    /// read again.
    fn prime(&mut self) -> io::Result<bool> {
        self.primed = true;
        let mut got = [0u8; 3];
        let mut n = 0;
        while n < 3 {
            let chunk = self.fill()?;
            if chunk.is_empty() {
                break;
            }
            let take = chunk.len().min(3 - n);
            for (slot, &b) in got.iter_mut().skip(n).zip(chunk.iter().take(take)) {
                *slot = b;
            }
            self.inner.consume(take);
            n += take;
        }
        if n == 3 && got == BOM {
            self.pos = 3;
            return Ok(true);
        }
        self.back = got;
        self.back_at = 0;
        self.back_len = n;
        Ok(false)
    }

    /// The first bytes of the next line (`None` at the end of the input).
    fn head(&mut self) -> io::Result<Option<Head>> {
        let mut head = Head {
            start: self.pos,
            raw: [0; 4],
            len: 0,
            content: 0,
            ended: false,
        };
        while head.content < 3 && !head.ended {
            let chunk = self.fill()?;
            if chunk.is_empty() {
                if head.len == 0 {
                    return Ok(None);
                }
                head.ended = true;
                break;
            }
            let mut used = 0;
            for &b in chunk {
                if head.content == 3 {
                    break;
                }
                used += 1;
                if let Some(slot) = head.raw.get_mut(head.len) {
                    *slot = b;
                }
                head.len += 1;
                if b == b'\r' || b == b'\n' {
                    head.ended = true;
                    break;
                }
                head.content += 1;
            }
            self.consume(used);
        }
        Ok(Some(head))
    }

    /// Reads the rest of a line, its terminator included, into `out` as long as `out` holds at
    /// most `limit` bytes (the rest is read and let go): how many bytes it held, and (when asked)
    /// whether they are white space only.
    fn rest(
        &mut self,
        out: &mut Vec<u8>,
        limit: usize,
        check_blank: bool,
    ) -> io::Result<(usize, bool)> {
        let mut n = 0;
        let mut blank = check_blank;
        loop {
            let chunk = self.fill()?;
            if chunk.is_empty() {
                return Ok((n, blank));
            }
            let len = line_len(chunk);
            let (take, done) = if len < chunk.len() {
                (len + 1, true)
            } else {
                (len, false)
            };
            if blank {
                blank = chunk
                    .get(..len)
                    .unwrap_or_default()
                    .iter()
                    .all(u8::is_ascii_whitespace);
            }
            append_within(out, chunk.get(..take).unwrap_or_default(), limit);
            self.consume(take);
            n += take;
            if done {
                return Ok((n, blank));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use std::io::{BufReader, Read};

    use super::*;
    use crate::er7::{parse_with, split_with};

    /// What a reader yields, in `split`'s terms: each message's parse (offsets in the input) or
    /// error, the envelope lines, the fatal error, and the warnings.
    type Seen = (
        Vec<(Position, Result<(std::ops::Range<usize>, usize), Error>)>,
        Vec<(&'static str, usize)>,
        Option<Error>,
        Vec<Warning>,
    );

    fn read(data: &[u8], limits: Limits, chunk: usize) -> Seen {
        let mut reader = BatchReader::with_limits(BufReader::with_capacity(chunk, data), limits);
        let (mut msgs, mut envs, mut fatal) = (Vec::new(), Vec::new(), None);
        while let Some(item) = reader.next_item() {
            match item {
                Ok(BatchItem::Message { position, bytes }) => {
                    assert_eq!(
                        bytes,
                        &data[position.offset..position.offset + position.len]
                    );
                    let parsed = parse_with(bytes, &limits)
                        .map(|m| {
                            let s = m.span();
                            (
                                s.start + position.offset..s.end + position.offset,
                                m.segment_count(),
                            )
                        })
                        .map_err(|e| e.offset_by(position.offset));
                    msgs.push((position, parsed));
                }
                Ok(BatchItem::Envelope {
                    id,
                    offset,
                    segment,
                }) => {
                    assert_eq!(segment.segment(0).unwrap().id(), id);
                    envs.push((id, offset));
                }
                Err(BatchReadError::Message { position, error }) => {
                    msgs.push((position, Err(error)))
                }
                Err(BatchReadError::Input(e)) => fatal = Some(e),
                Err(e) => panic!("{e}"),
            }
        }
        assert!(reader.next_item().is_none());
        (msgs, envs, fatal, reader.warnings().to_vec())
    }

    fn agree(data: &[u8], limits: Limits) {
        for chunk in [1, 2, 3, 5, 64, 8192] {
            let (msgs, envs, fatal, warnings) = read(data, limits, chunk);
            match split_with(data, &limits) {
                Err(e) => assert_eq!(fatal, Some(e), "{:?}", String::from_utf8_lossy(data)),
                Ok(batch) => {
                    assert_eq!(fatal, None);
                    assert_eq!(msgs.len(), batch.message_count());
                    for (i, ((position, got), want)) in
                        msgs.iter().zip(batch.messages()).enumerate()
                    {
                        assert_eq!(position.number, i + 1);
                        let want = want
                            .as_ref()
                            .map(|m| (m.span(), m.segment_count()))
                            .map_err(Clone::clone);
                        assert_eq!(
                            got,
                            &want,
                            "{:?} chunk {chunk}",
                            String::from_utf8_lossy(data)
                        );
                    }
                    assert_eq!(
                        warnings,
                        batch.warnings,
                        "{:?}",
                        String::from_utf8_lossy(data)
                    );
                    let mut want_envs: Vec<(&str, usize)> = batch
                        .groups
                        .iter()
                        .flat_map(|g| [("BHS", &g.header), ("BTS", &g.trailer)])
                        .filter_map(|(id, m)| m.as_ref().map(|m| (id, m.span().start)))
                        .collect();
                    want_envs.sort_by_key(|e| e.1);
                    let got_groups: Vec<_> = envs
                        .iter()
                        .filter(|e| matches!(e.0, "BHS" | "BTS"))
                        .copied()
                        .collect();
                    assert_eq!(got_groups, want_envs);
                    let last = |id| envs.iter().rev().find(|e| e.0 == id).map(|e| e.1);
                    assert_eq!(
                        last("FHS"),
                        batch.file_header.as_ref().map(|m| m.span().start)
                    );
                    assert_eq!(
                        last("FTS"),
                        batch.file_trailer.as_ref().map(|m| m.span().start)
                    );
                }
            }
        }
    }

    #[test]
    fn the_same_as_split_on_batches_streams_and_odd_inputs() {
        let inputs: &[&[u8]] = &[
            b"",
            b" \r\n ",
            b"\xEF\xBB\xBF",
            b"\xEF\xBB",
            b"\xEF\xBB\xBFMSH|^~\\&|A\rPID|1\r",
            b"\r\n  \nMSH|^~\\&|A\nPID|1\n\n",
            b"FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\rPID|2\rBTS|2\rFTS|1\r",
            b"FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rBTS|3\rBHS|^~\\&\rFTS|1",
            b"PID|1\rMSH|^~\\&|A\r   \rPID|2\r",
            b"  PID|1\rMSH|^~\\&|A\r",
            b"BTS|0\rFTS|x\rMSH|^~\\&|A\r",
            b"FHS|\rMSH|^~\\&|A\r",
            b"MSH#^~\\&#A\rPID#1\rBTS#1\rMSH|^~\\&|B\rpid|x\rBTS|1\rFTS#2\r",
            b"MSH|^~\\&#|A\rPID|1\rBTS|1|\r",
            b"BHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A",
            b"MS\rMSH\rMSH|\rFT\r",
            b"MSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\rOBX|1|TX|||xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\rMSH|^~\\&|C\r",
        ];
        for input in inputs {
            agree(input, Limits::default());
            agree(
                input,
                Limits {
                    max_message_bytes: 24,
                    max_segments: 2,
                    ..Limits::default()
                },
            );
        }
        // An envelope line longer than a message may be ends the input, as in `split`.
        agree(
            b"MSH|^~\\&|A\rBHS|^~\\&|0123456789012345678901234567890\rMSH|^~\\&|B\r",
            Limits {
                max_message_bytes: 24,
                ..Limits::default()
            },
        );
    }

    /// A source of `total` bytes made on the fly: `head`, then `fill` repeated.
    struct Endless {
        head: Vec<u8>,
        fill: Vec<u8>,
        at: usize,
        total: usize,
    }

    impl Read for Endless {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let mut n = 0;
            while n < out.len() && self.at < self.total {
                let b = match self.head.get(self.at) {
                    Some(&b) => b,
                    None => self.fill[(self.at - self.head.len()) % self.fill.len()],
                };
                out[n] = b;
                n += 1;
                self.at += 1;
            }
            Ok(n)
        }
    }

    #[test]
    fn memory_stays_within_the_largest_message_and_the_limit() {
        // 20 MB in one line, under a 64 KiB limit: one error with its position, then the next
        // message; the buffer never holds more than the limit.
        let limits = Limits {
            max_message_bytes: 64 << 10,
            ..Limits::default()
        };
        let src = Endless {
            head: b"MSH|^~\\&|A\rOBX|1|ED|||".to_vec(),
            fill: b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_vec(),
            at: 0,
            total: 20 << 20,
        };
        let tail = &b"\rMSH|^~\\&|B\rPID|1\r"[..];
        let mut reader = BatchReader::with_limits(BufReader::new(src.chain(tail)), limits);
        match reader.next_item() {
            Some(Err(BatchReadError::Message { position, error })) => {
                assert_eq!(position.offset, 0);
                assert_eq!(position.len, (20 << 20) + 1);
                assert!(matches!(
                    error,
                    Error::Limit {
                        limit: LimitKind::MessageBytes,
                        offset: 0,
                        ..
                    }
                ));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            reader.buf.capacity() <= 64 << 10,
            "{}",
            reader.buf.capacity()
        );
        match reader.next_item() {
            Some(Ok(BatchItem::Message { position, bytes })) => {
                assert_eq!(position.number, 2);
                assert_eq!(position.offset, (20 << 20) + 1);
                assert_eq!(bytes, b"MSH|^~\\&|B\rPID|1\r");
            }
            other => panic!("{other:?}"),
        }
        assert!(reader.next_item().is_none());

        // 20 MB of white space before a message: skipped, never held.
        let src = Endless {
            head: Vec::new(),
            fill: b" \t ".to_vec(),
            at: 0,
            total: 20 << 20,
        };
        let mut reader = BatchReader::with_limits(BufReader::new(src.chain(tail)), limits);
        match reader.next_item() {
            Some(Ok(BatchItem::Message { position, bytes })) => {
                assert_eq!((position.number, position.offset), (1, (20 << 20) + 1));
                assert_eq!(bytes, b"MSH|^~\\&|B\rPID|1\r");
            }
            other => panic!("{other:?}"),
        }
        assert!(reader.next_item().is_none());
        assert!(reader.buf.capacity() <= 64 << 10);
        // A 20 MB envelope line: the error `split` gives, at the line.
        let src = Endless {
            head: b"MSH|^~\\&|A\rBHS|^~\\&|".to_vec(),
            fill: b"x".to_vec(),
            at: 0,
            total: 20 << 20,
        };
        let mut reader = BatchReader::with_limits(BufReader::new(src), limits);
        assert!(matches!(
            reader.next_item(),
            Some(Ok(BatchItem::Message { .. }))
        ));
        match reader.next_item() {
            Some(Err(BatchReadError::Input(Error::Limit { offset, .. }))) => assert_eq!(offset, 11),
            other => panic!("{other:?}"),
        }
        assert!(reader.next_item().is_none());
        assert!(reader.line.capacity() <= 64 << 10);
    }

    #[test]
    fn a_failing_source_is_an_error_with_the_bytes_read() {
        struct Broken(usize);
        impl Read for Broken {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::Error::other("disk gone"));
                }
                let n = out.len().min(self.0);
                out[..n].fill(b'M');
                self.0 -= n;
                Ok(n)
            }
        }
        let mut reader = BatchReader::new(BufReader::with_capacity(4, Broken(10)));
        match reader.next_item() {
            Some(Err(BatchReadError::Io { offset, .. })) => assert_eq!(offset, 10),
            other => panic!("{other:?}"),
        }
        assert!(reader.next_item().is_none());
    }
}
