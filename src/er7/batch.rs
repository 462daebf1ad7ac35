//! Batches and streams: FHS/BHS ... BTS/FTS files split into messages, and back.
//!
//! [`split`] reads a batch file, or any stream of messages one after another, into a [`Batch`]: the file
//! envelope, the batch groups with their envelopes, and every message parsed on its own (a message that
//! does not parse is kept as its error, so one bad message does not hide the others). The counts in BTS-1
//! and FTS-1 are checked; a wrong or missing count is a warning on the batch. [`BatchBuilder`] writes a
//! batch with correct counts.

use super::delimiters::{Delimiters, SEGMENT_TERMINATOR};
use super::error::{Error, Limits, Warning, WarningKind, Warnings};
use super::message::{Index, Indexing, Message, parse_range};
use super::writer::Writer;

/// A batch file or message stream, split.
#[derive(Debug, Clone, Default)]
pub struct Batch<'a> {
    /// The FHS segment, if the input had one.
    pub file_header: Option<Message<'a>>,
    /// The FTS segment, if the input had one.
    pub file_trailer: Option<Message<'a>>,
    /// The batches (BHS ... BTS). Messages outside any BHS form a group without header.
    pub groups: Vec<BatchGroup<'a>>,
    /// Envelope problems: wrong counts, a header without trailer, a BOM ...
    pub warnings: Vec<Warning>,
}

/// One batch: its envelope and its messages.
#[derive(Debug, Clone, Default)]
pub struct BatchGroup<'a> {
    /// The BHS segment, if any.
    pub header: Option<Message<'a>>,
    /// The BTS segment, if any.
    pub trailer: Option<Message<'a>>,
    /// Each message, or the error that kept it from parsing.
    pub messages: Vec<Result<Message<'a>, Error>>,
}

impl<'a> Batch<'a> {
    /// Every message of every group, in order.
    pub fn messages(&self) -> impl Iterator<Item = &Result<Message<'a>, Error>> {
        self.groups.iter().flat_map(|g| g.messages.iter())
    }

    /// How many messages (parsed or not) the input holds.
    pub fn message_count(&self) -> usize {
        self.groups.iter().map(|g| g.messages.len()).sum()
    }

    /// Moves the messages out, in order.
    pub fn into_messages(self) -> impl Iterator<Item = Result<Message<'a>, Error>> {
        self.groups.into_iter().flat_map(|g| g.messages.into_iter())
    }
}

/// Splits a batch file or a stream of messages with the default [`Limits`].
///
/// ```
/// let file = b"FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\rPID|2\rBTS|2\rFTS|1\r";
/// let batch = izmsg::er7::split(file).unwrap();
/// assert_eq!(batch.message_count(), 2);
/// assert!(batch.warnings.is_empty());
/// ```
pub fn split(input: &[u8]) -> Result<Batch<'_>, Error> {
    split_with(input, &Limits::default())
}

/// Splits under the given limits (applied to each message).
pub fn split_with<'a>(input: &'a [u8], limits: &Limits) -> Result<Batch<'a>, Error> {
    let mut s = Splitter {
        src: input,
        limits,
        batch: Batch::default(),
        warnings: Warnings::default(),
        group: None,
        msg_start: None,
        delims: Delimiters::default(),
    };
    let mut pos = 0;
    if input.starts_with(b"\xEF\xBB\xBF") {
        s.warnings.add(WarningKind::ByteOrderMark, 0);
        pos = 3;
    }
    let mut any = false;
    while pos < input.len() {
        let rest = input.get(pos..).unwrap_or(&[]);
        let len = rest
            .iter()
            .position(|&b| b == b'\r' || b == b'\n')
            .unwrap_or(rest.len());
        let line = rest.get(..len).unwrap_or(&[]);
        let next = pos + len + 1;
        if !line.iter().all(|b| b.is_ascii_whitespace()) {
            any = true;
            s.line(pos, line.get(..3).unwrap_or(line))?;
        }
        pos = next;
    }
    if !any {
        return Err(Error::Empty);
    }
    s.flush_message(input.len());
    s.close_group(input.len());
    if s.batch.file_header.is_some() != s.batch.file_trailer.is_some() {
        s.warnings.add(WarningKind::BatchEnvelope, input.len());
    }
    if let Some(fts) = &s.batch.file_trailer {
        let declared = count_field(fts);
        let batches = s.batch.groups.iter().filter(|g| g.header.is_some()).count();
        let batches = if batches == 0 {
            s.batch.groups.len()
        } else {
            batches
        };
        if declared != Some(batches) {
            s.warnings.add(WarningKind::BatchCount, fts.span().start);
        }
    }
    s.batch.warnings = s.warnings.0;
    Ok(s.batch)
}

pub(super) fn count_field(envelope: &Message<'_>) -> Option<usize> {
    let seg = envelope.segment(0)?;
    seg.field(1)?.text().trim().parse().ok()
}

struct Splitter<'a, 'l> {
    src: &'a [u8],
    limits: &'l Limits,
    batch: Batch<'a>,
    warnings: Warnings,
    group: Option<BatchGroup<'a>>,
    msg_start: Option<usize>,
    delims: Delimiters,
}

impl<'a> Splitter<'a, '_> {
    fn line(&mut self, pos: usize, id: &[u8]) -> Result<(), Error> {
        match id {
            b"MSH" => {
                self.flush_message(pos);
                self.msg_start = Some(pos);
            }
            b"FHS" => {
                self.flush_message(pos);
                let env = self.envelope(pos, None)?;
                self.batch.file_header = Some(env);
            }
            b"BHS" => {
                self.flush_message(pos);
                self.close_group(pos);
                let env = self.envelope(pos, None)?;
                self.group = Some(BatchGroup {
                    header: Some(env),
                    ..BatchGroup::default()
                });
            }
            b"BTS" => {
                self.flush_message(pos);
                let env = self.envelope(pos, Some(self.delims))?;
                let group = self.group.get_or_insert_with(BatchGroup::default);
                if group.header.is_none() {
                    self.warnings.add(WarningKind::BatchEnvelope, pos);
                }
                if count_field(&env) != Some(group.messages.len()) {
                    self.warnings.add(WarningKind::BatchCount, pos);
                }
                group.trailer = Some(env);
                if let Some(g) = self.group.take() {
                    self.batch.groups.push(g);
                }
            }
            b"FTS" => {
                self.flush_message(pos);
                self.close_group(pos);
                let env = self.envelope(pos, Some(self.delims))?;
                self.batch.file_trailer = Some(env);
            }
            _ => {
                if self.msg_start.is_none() {
                    // Segments with no MSH before them: keep them as one failed message.
                    self.msg_start = Some(pos);
                }
            }
        }
        Ok(())
    }

    /// Parses one envelope line (FHS/BHS with their own delimiters, BTS/FTS with the known ones).
    fn envelope(&mut self, pos: usize, known: Option<Delimiters>) -> Result<Message<'a>, Error> {
        let rest = self.src.get(pos..).unwrap_or(&[]);
        let len = rest
            .iter()
            .position(|&b| b == b'\r' || b == b'\n')
            .unwrap_or(rest.len());
        // The range takes in the line's terminator, as a message's does, so that control bytes at the
        // end of the line are content, not trailing white space.
        let end = (pos + len + 1).min(self.src.len());
        let env = parse_range(
            self.src,
            pos,
            end,
            self.limits,
            known,
            Index::default(),
            Indexing::Fields,
        )?;
        if known.is_none() {
            self.delims = *env.delimiters();
        }
        Ok(env)
    }

    fn flush_message(&mut self, end: usize) {
        let Some(start) = self.msg_start.take() else {
            return;
        };
        let parsed = parse_range(
            self.src,
            start,
            end,
            self.limits,
            None,
            Index::default(),
            Indexing::Fields,
        );
        if let Ok(m) = &parsed {
            self.delims = *m.delimiters();
        }
        self.group
            .get_or_insert_with(BatchGroup::default)
            .messages
            .push(parsed);
    }

    fn close_group(&mut self, pos: usize) {
        if let Some(g) = self.group.take() {
            if g.header.is_some() {
                // A BHS without its BTS.
                self.warnings.add(WarningKind::BatchEnvelope, pos);
            }
            self.batch.groups.push(g);
        }
    }
}

/// Writes a batch file: FHS, BHS, the messages, BTS with the message count, FTS with the batch count.
///
/// The whole file is built in memory; [`BatchWriter`](super::BatchWriter) writes the same bytes to
/// a sink as the messages come, holding none of them.
///
/// ```
/// use izmsg::er7::{split, BatchBuilder};
/// let mut b = BatchBuilder::new();
/// b.file_header(&["EHR", "CLINIC", "IIS", "STATE", "20240101"]);
/// b.push(b"MSH|^~\\&|EHR\rPID|1\r");
/// b.push(b"MSH|^~\\&|EHR\rPID|2");
/// let bytes = b.finish();
/// assert!(bytes.ends_with(b"BTS|2\rFTS|1\r"));
/// let batch = split(&bytes).unwrap();
/// assert_eq!(batch.message_count(), 2);
/// assert!(batch.warnings.is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct BatchBuilder {
    w: Writer,
    envelope: Envelope,
}

impl Default for BatchBuilder {
    fn default() -> Self {
        BatchBuilder::new()
    }
}

impl BatchBuilder {
    /// A builder with the standard delimiters.
    pub fn new() -> BatchBuilder {
        BatchBuilder::with_delimiters(Delimiters::default())
    }

    /// A builder with the given delimiters (the messages pushed must use the same).
    pub fn with_delimiters(d: Delimiters) -> BatchBuilder {
        BatchBuilder {
            w: Writer::with_delimiters(d),
            envelope: Envelope::default(),
        }
    }

    /// Sets FHS-3 onwards (sending application, sending facility, receiving application, receiving
    /// facility, file creation date/time ...). Also used for BHS-3 onwards. Call before [`push`](Self::push).
    pub fn file_header(&mut self, fields: &[&str]) -> &mut Self {
        self.envelope.set_fields(fields);
        self
    }

    /// Closes the current batch (BTS) so that the next message opens a new one.
    pub fn next_batch(&mut self) -> &mut Self {
        self.envelope.close_batch(&mut self.w);
        self
    }

    /// Appends one ER7 message (terminated with CR if it is not already).
    pub fn push(&mut self, message: &[u8]) -> &mut Self {
        self.envelope.open(&mut self.w);
        self.w.raw(message_body(message));
        self.w.raw(&[SEGMENT_TERMINATOR]);
        self.envelope.count_message();
        self
    }

    /// Writes the trailers and returns the file. A file with no message holds one empty batch; a batch
    /// closed by [`next_batch`](Self::next_batch) with nothing pushed after it is not followed by an
    /// empty one.
    pub fn finish(mut self) -> Vec<u8> {
        self.envelope.close_file(&mut self.w);
        self.w.finish()
    }
}

/// A message as it goes into a batch: without the line ends after its last segment (the batch
/// writes one CR there).
pub(super) fn message_body(message: &[u8]) -> &[u8] {
    message
        .iter()
        .rposition(|&b| b != b'\r' && b != b'\n')
        .map_or(&[][..], |last| message.get(..=last).unwrap_or(message))
}

/// The one writer of batch envelope segments, for [`BatchBuilder`] (into memory) and
/// [`BatchWriter`](super::BatchWriter) (into a sink): FHS and BHS before the first message of a
/// batch, BTS with the batch's message count, FTS with the number of batches.
#[derive(Debug, Clone, Default)]
pub(super) struct Envelope {
    /// FHS-3 onwards, also BHS-3 onwards.
    fields: Vec<String>,
    started: bool,
    in_batch: bool,
    in_batch_count: usize,
    batches: usize,
    messages: usize,
}

impl Envelope {
    pub(super) fn set_fields(&mut self, fields: &[&str]) {
        self.fields = fields.iter().map(|s| (*s).to_string()).collect();
    }

    /// Whether the next message needs a header (FHS, BHS) written before it.
    pub(super) fn needs_open(&self) -> bool {
        !self.started || !self.in_batch
    }

    fn header(&self, w: &mut Writer, id: &str) {
        w.begin_segment(id);
        for f in &self.fields {
            w.field(f);
        }
        w.end_segment();
    }

    /// Writes what comes before the next message: FHS before the first, BHS when no batch is open.
    pub(super) fn open(&mut self, w: &mut Writer) {
        if !self.started {
            self.started = true;
            self.header(w, "FHS");
        }
        if !self.in_batch {
            self.in_batch = true;
            self.in_batch_count = 0;
            self.header(w, "BHS");
        }
    }

    /// Counts a message written into the open batch.
    pub(super) fn count_message(&mut self) {
        self.in_batch_count += 1;
        self.messages += 1;
    }

    /// Messages written so far.
    pub(super) fn messages(&self) -> usize {
        self.messages
    }

    /// Writes BTS with the open batch's message count, if a batch is open.
    pub(super) fn close_batch(&mut self, w: &mut Writer) {
        if self.in_batch {
            w.begin_segment("BTS");
            w.field(&self.in_batch_count.to_string());
            w.end_segment();
            self.in_batch = false;
            self.batches += 1;
        }
    }

    /// Writes the end of the file: an empty batch when nothing was written, the open batch's BTS,
    /// and FTS with the number of batches.
    pub(super) fn close_file(&mut self, w: &mut Writer) {
        if !self.started {
            self.open(w);
        }
        self.close_batch(w);
        w.begin_segment("FTS");
        w.field(&self.batches.to_string());
        w.end_segment();
    }
}
