//! The parser: bytes in, a borrowed [`Message`] out.
//!
//! One pass over the input records the offset of every segment and every field separator in two flat
//! vectors (the *index*); nothing is copied and nothing is allocated per field. Repetitions, components
//! and subcomponents are found on demand by the [`Value`] accessors, which hand out byte spans into the
//! input. A [`Parser`] keeps the index vectors between messages, so a bulk reader allocates nothing in
//! steady state.
//!
//! A reader that goes through each segment front to back once (the typed decoder does) needs no field
//! index: [`Indexing::Segments`] records segment ends only, and [`Segment::walk`] meets the fields with
//! one cursor as it reads them. Both indexings read the same message, warnings and errors.

use nom::Parser as _;
use nom::branch::alt;
use nom::bytes::complete::{tag, take, take_till};

use super::cursor::{Classes, Cursor};
use super::delimiters::Delimiters;
use super::error::{Error, LimitKind, Limits, Warning, WarningKind, Warnings};
use super::value::{Level, Source, Value};

/// Where one segment lies in the input, and where its field separators lie in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SegEntry {
    start: u32,
    end: u32,
    /// End of the segment id: the first field separator, or `end`.
    id_end: u32,
    sep_start: u32,
    sep_end: u32,
}

/// The reusable vectors a parse fills: segment entries and field-separator offsets.
#[derive(Debug, Clone, Default)]
pub struct Index {
    segs: Vec<SegEntry>,
    seps: Vec<u32>,
}

/// How much a parse records: every field separator, or the segments only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Indexing {
    /// Segments and every field separator: [`Segment::field`] is O(1). The default.
    #[default]
    Fields,
    /// Segments only: the parse looks for segment ends and nothing else, and [`Segment::field`] scans
    /// the segment when asked. For readers that walk each segment's fields front to back once (the
    /// typed decoder does, with [`Segment::walk`]), this saves a pass over the bytes. Limits and
    /// warnings are the same as with [`Indexing::Fields`].
    Segments,
}

/// A parsed message: the input plus an index of its segments and fields.
///
/// ```
/// use izmsg::er7;
/// let msg = er7::parse(b"MSH|^~\\&|EHR|CLINIC\rPID|1||12345^^^MYEHR^MR||Doe^Jane\r").unwrap();
/// let pid = msg.segment_by_id("PID").unwrap();
/// assert_eq!(pid.field(5).unwrap().component(2).text(), "Jane");
/// assert_eq!(msg.segment(0).unwrap().field(3).unwrap().text(), "EHR");
/// ```
#[derive(Debug, Clone)]
pub struct Message<'a> {
    src: &'a [u8],
    /// Byte classes under the message's delimiters, for field cursors.
    classes: Classes,
    /// The message's bytes as `&str` (from `start`), when they are valid UTF-8.
    text: Option<&'a str>,
    start: usize,
    end: usize,
    delims: Delimiters,
    index: Index,
    indexing: Indexing,
    warnings: Vec<Warning>,
    final_terminator: bool,
    header_segments: bool,
}

/// A parser that reuses its index vectors from one message to the next.
///
/// ```
/// use izmsg::er7::Parser;
/// let mut parser = Parser::default();
/// for input in [&b"MSH|^~\\&|A\rPID|1\r"[..], b"MSH|^~\\&|B\rPID|2\r"] {
///     let msg = parser.parse(input).unwrap();
///     assert_eq!(msg.segment_count(), 2);
///     parser.recycle(msg);
/// }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Parser {
    /// The limits every parse runs under.
    pub limits: Limits,
    /// What the parse records (field separators, or segments only).
    pub indexing: Indexing,
    spare: Index,
}

impl Parser {
    /// A parser with the given limits.
    pub fn new(limits: Limits) -> Parser {
        Parser {
            limits,
            indexing: Indexing::Fields,
            spare: Index::default(),
        }
    }

    /// Parses one message, reusing the vectors of a recycled one.
    pub fn parse<'a>(&mut self, input: &'a [u8]) -> Result<Message<'a>, Error> {
        let index = std::mem::take(&mut self.spare);
        parse_range(
            input,
            0,
            input.len(),
            &self.limits,
            None,
            index,
            self.indexing,
        )
    }

    /// Parses the message in `input[range]` (a piece of a larger input: see
    /// [`pieces`](super::pieces)), reusing the vectors of a recycled one. Offsets in the message,
    /// its warnings and errors count from the start of `input`, not of the range.
    ///
    /// ```
    /// use izmsg::er7::{Error, Parser};
    /// let input = b"MSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\rPID|2\r";
    /// let second = Parser::default().parse_range(input, 17..input.len())?;
    /// assert_eq!(second.segment(1).unwrap().span().start, 28); // in the input, not the range
    /// # Ok::<(), Error>(())
    /// ```
    pub fn parse_range<'a>(
        &mut self,
        input: &'a [u8],
        range: std::ops::Range<usize>,
    ) -> Result<Message<'a>, Error> {
        let index = std::mem::take(&mut self.spare);
        let end = range.end.min(input.len());
        parse_range(
            input,
            range.start.min(end),
            end,
            &self.limits,
            None,
            index,
            self.indexing,
        )
    }

    /// Gives a message's vectors back for the next parse.
    pub fn recycle(&mut self, msg: Message<'_>) {
        self.spare = msg.index;
    }
}

/// Parses one message with the default [`Limits`].
///
/// The input must hold one message starting with `MSH` (a UTF-8 byte order mark and white space before it
/// are tolerated with a warning). Use [`split`](super::split) for batches and streams of messages.
pub fn parse(input: &[u8]) -> Result<Message<'_>, Error> {
    parse_with(input, &Limits::default())
}

/// Parses one message under the given limits.
pub fn parse_with<'a>(input: &'a [u8], limits: &Limits) -> Result<Message<'a>, Error> {
    parse_range(
        input,
        0,
        input.len(),
        limits,
        None,
        Index::default(),
        Indexing::Fields,
    )
}

/// Parses segments that carry no header of their own (a batch trailer, say) with known delimiters.
pub fn parse_segments<'a>(
    input: &'a [u8],
    delims: Delimiters,
    limits: &Limits,
) -> Result<Message<'a>, Error> {
    parse_range(
        input,
        0,
        input.len(),
        limits,
        Some(delims),
        Index::default(),
        Indexing::Fields,
    )
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn is_stray(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | 0 | 0x0b | 0x0c | 0x1a | 0x1c
    )
}

type NomError<'a> = nom::error::Error<&'a [u8]>;

/// `MSH|` (or `FHS|`, `BHS|`): the header id and the field separator that follows it.
fn header_start(input: &[u8]) -> nom::IResult<&[u8], (&[u8], &[u8]), NomError<'_>> {
    (
        alt((tag(&b"MSH"[..]), tag(&b"FHS"[..]), tag(&b"BHS"[..]))),
        take(1usize),
    )
        .parse(input)
}

/// Reads the header's field separator and encoding characters (MSH-1, MSH-2).
/// `Err(None)`: not a header segment; `Err(Some(()))`: a header with no separator.
fn header(input: &[u8]) -> Result<(u8, &[u8]), Option<()>> {
    if input.len() < 4 {
        return Err(if input.len() == 3 && is_header_id(input) {
            Some(())
        } else {
            None
        });
    }
    let (rest, (_, sep)) = header_start(input).map_err(|_| None)?;
    let fs = sep.first().copied().ok_or(Some(()))?;
    if fs == b'\r' || fs == b'\n' {
        return Err(Some(()));
    }
    let (_, enc) = take_till::<_, _, NomError<'_>>(|b| b == fs || b == b'\r' || b == b'\n')
        .parse(rest)
        .map_err(|_| Some(()))?;
    Ok((fs, enc))
}

fn valid_segment_id(id: &[u8]) -> bool {
    matches!(id, [a, b, c] if a.is_ascii_uppercase()
        && (b.is_ascii_uppercase() || b.is_ascii_digit())
        && (c.is_ascii_uppercase() || c.is_ascii_digit()))
}

fn is_header_id(id: &[u8]) -> bool {
    matches!(id, b"MSH" | b"FHS" | b"BHS")
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Parses `src[start..end]` as one message; all offsets stay absolute in `src`.
pub(crate) fn parse_range<'a>(
    src: &'a [u8],
    start: usize,
    end: usize,
    limits: &Limits,
    known: Option<Delimiters>,
    mut index: Index,
    indexing: Indexing,
) -> Result<Message<'a>, Error> {
    index.segs.clear();
    index.seps.clear();
    let mut warnings = Warnings::default();
    let whole = src.get(start..end).unwrap_or(&[]);
    // Offsets are stored as u32, absolute in `src`: a message must also end below 4 GiB into the input.
    if whole.len() > limits.max_message_bytes || end >= u32::MAX as usize {
        return Err(Error::Limit {
            limit: LimitKind::MessageBytes,
            max: limits.max_message_bytes,
            offset: start,
        });
    }
    let mut pos = start;
    if whole.starts_with(BOM) {
        warnings.add(WarningKind::ByteOrderMark, start);
        pos += BOM.len();
    }
    let lead = src
        .get(pos..end)
        .unwrap_or(&[])
        .iter()
        .take_while(|&&b| is_stray(b))
        .count();
    if lead > 0 {
        warnings.add(WarningKind::StrayWhitespace, pos);
        pos += lead;
    }
    // Trailing white space and control bytes (a final LF, an EOF marker) are not a segment; spaces
    // before the last terminator are content and stay.
    let body = src.get(pos..end).unwrap_or(&[]);
    let Some(last) = body.iter().rposition(|&b| !is_stray(b)) else {
        return Err(Error::Empty);
    };
    let suffix = body.get(last + 1..).unwrap_or(&[]);
    let stop = match suffix.iter().position(|&b| b == b'\r' || b == b'\n') {
        Some(t) => {
            let trail = suffix.get(t..).unwrap_or(&[]);
            if !matches!(trail, b"\r" | b"\n" | b"\r\n") {
                let kind = if trail.iter().all(|&b| b == b'\r' || b == b'\n') {
                    WarningKind::BlankLine
                } else {
                    WarningKind::StrayWhitespace
                };
                warnings.add(kind, pos + last + 1 + t);
            }
            pos + last + 1 + t
        }
        None => {
            let keep = suffix
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            if keep < suffix.len() {
                warnings.add(WarningKind::StrayWhitespace, pos + last + 1 + keep);
            }
            pos + last + 1 + keep
        }
    };
    let final_terminator = src.get(stop).is_some_and(|&b| b == b'\r' || b == b'\n');
    let delims = match known {
        Some(d) => d,
        None => {
            let head = src.get(pos..stop).unwrap_or(&[]);
            match header(head) {
                Ok((fs, enc)) => {
                    Delimiters::from_header(fs, enc).map_err(|problem| Error::Delimiters {
                        offset: pos,
                        problem,
                    })?
                }
                Err(None) => return Err(Error::NoHeader { offset: pos }),
                Err(Some(())) => {
                    return Err(Error::Delimiters {
                        offset: pos,
                        problem: super::DelimiterProblem::Missing,
                    });
                }
            }
        }
    };
    let text = match std::str::from_utf8(src.get(pos..stop).unwrap_or(&[])) {
        Ok(t) => Some(t),
        Err(e) => {
            warnings.add(WarningKind::NonUtf8, pos + e.valid_up_to());
            None
        }
    };
    scan(
        src,
        pos,
        stop,
        &delims,
        limits,
        known.is_none(),
        indexing,
        &mut index,
        &mut warnings,
    )?;
    // The final terminator is outside the scanned range; an LF or CR LF there is still tolerated
    // sloppiness, and it comes out as CR on write-back, so it is reported like the others.
    match (src.get(stop), src.get(stop + 1)) {
        (Some(b'\r'), Some(b'\n')) => warnings.add(WarningKind::CrLfTerminator, stop),
        (Some(b'\n'), _) => warnings.add(WarningKind::LfTerminator, stop),
        (Some(b'\r'), _) => {}
        _ => warnings.add(WarningKind::MissingFinalTerminator, stop),
    }
    Ok(Message {
        src,
        classes: Classes::new(&delims),
        text,
        start: pos,
        end: stop,
        delims,
        index,
        indexing,
        warnings: warnings.0,
        final_terminator,
        header_segments: known.is_none(),
    })
}

/// The one pass: segments and field separators.
#[allow(clippy::too_many_arguments)]
fn scan(
    src: &[u8],
    mut pos: usize,
    stop: usize,
    d: &Delimiters,
    limits: &Limits,
    expect_header: bool,
    indexing: Indexing,
    index: &mut Index,
    warnings: &mut Warnings,
) -> Result<(), Error> {
    let fs = d.field;
    let body = src.get(..stop).unwrap_or(&[]);
    while pos < stop {
        let seg_start = pos;
        let sep_start = index.seps.len();
        let mut i = pos;
        if indexing == Indexing::Fields {
            let mut last_sep = pos;
            // Hot loop: record each field separator until the segment's end.
            while let Some(&b) = body.get(i) {
                if b == fs {
                    if i - last_sep > limits.max_field_bytes {
                        return Err(field_limit(limits, last_sep));
                    }
                    index.seps.push(i as u32);
                    last_sep = i;
                } else if b == b'\r' || b == b'\n' {
                    break;
                }
                i += 1;
            }
            if i - last_sep > limits.max_field_bytes {
                return Err(field_limit(limits, last_sep));
            }
        } else {
            i += line_len(body.get(i..).unwrap_or(&[]));
            // Only a segment longer than a limit can break it: check those field by field.
            let line = body.get(seg_start..i).unwrap_or(&[]);
            if line.len() > limits.max_field_bytes {
                check_field_bytes(line, seg_start, fs, limits)?;
            }
        }
        let seg_end = i;
        // Terminator.
        match (body.get(i), body.get(i + 1)) {
            (Some(b'\r'), Some(b'\n')) => {
                warnings.add(WarningKind::CrLfTerminator, i);
                pos = i + 2;
            }
            (Some(b'\n'), _) => {
                warnings.add(WarningKind::LfTerminator, i);
                pos = i + 1;
            }
            (Some(_), _) => pos = i + 1,
            (None, _) => pos = i,
        }
        if seg_end == seg_start {
            warnings.add(WarningKind::BlankLine, seg_start);
            continue;
        }
        let line = body.get(seg_start..seg_end).unwrap_or(&[]);
        let (nseps, id_end) = match indexing {
            Indexing::Fields => {
                let n = index.seps.len() - sep_start;
                (
                    n,
                    index.seps.get(sep_start).map_or(seg_end, |&s| s as usize),
                )
            }
            Indexing::Segments => {
                let id_end = if line.get(3) == Some(&fs) {
                    seg_start + 3
                } else {
                    line.iter()
                        .position(|&b| b == fs)
                        .map_or(seg_end, |p| seg_start + p)
                };
                // Counted only when the segment is long enough to hold too many; else a lower bound
                // that says whether there is more than one.
                let n = if line.len() > limits.max_fields {
                    line.iter().filter(|&&b| b == fs).count()
                } else {
                    usize::from(id_end < seg_end) + usize::from(id_end + 1 < seg_end)
                };
                (n, id_end)
            }
        };
        let id = body.get(seg_start..id_end).unwrap_or(&[]);
        let seg_index = index.segs.len();
        if !valid_segment_id(id) {
            if line.iter().all(|&b| is_stray(b)) {
                // A line of spaces between segments. A line with a field separator in it is not
                // blank: skipping it would drop content (it has no valid segment id).
                warnings.add(WarningKind::BlankLine, seg_start);
                index.seps.truncate(sep_start);
                continue;
            }
            return Err(Error::SegmentId {
                offset: seg_start,
                segment: seg_index,
            });
        }
        if seg_index > 0 && id == b"MSH" {
            return Err(Error::SecondHeader { offset: seg_start });
        }
        if seg_index == 0 && expect_header && !is_header_id(id) {
            return Err(Error::NoHeader { offset: seg_start });
        }
        if seg_index >= limits.max_segments {
            return Err(Error::Limit {
                limit: LimitKind::Segments,
                max: limits.max_segments,
                offset: seg_start,
            });
        }
        if nseps > limits.max_fields {
            return Err(Error::Limit {
                limit: LimitKind::Fields,
                max: limits.max_fields,
                offset: seg_start,
            });
        }
        // "MSH|" alone is the header with an empty MSH-2, not a trailing separator.
        if nseps > 1 && body.get(seg_end - 1) == Some(&fs) {
            warnings.add(WarningKind::TrailingDelimiters, seg_end - 1);
        }
        index.segs.push(SegEntry {
            start: to_u32(seg_start),
            end: to_u32(seg_end),
            id_end: to_u32(id_end),
            sep_start: to_u32(sep_start),
            sep_end: to_u32(index.seps.len()),
        });
    }
    Ok(())
}

/// Length of the line at the start of `bytes`: up to its first CR or LF, or all of it.
///
/// Segments are long and terminators rare, so this looks at sixteen bytes at a time for any byte below
/// 0x0E (CR and LF among them; content almost never has the others), then finds the terminator byte by
/// byte from there.
pub(super) fn line_len(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // `(x - 0x0E..) & !x & 0x80..` flags the lowest byte of `x` below 0x0E (and maybe bytes above it,
    // which the byte-by-byte scan sorts out).
    let low_byte = |w: u64| w.wrapping_sub(LOW * 0x0E) & !w & HIGH != 0;
    let mut done = 0;
    for pair in bytes.chunks_exact(16) {
        let (Some(a), Some(b)) = (pair.first_chunk::<8>(), pair.last_chunk::<8>()) else {
            break;
        };
        if low_byte(u64::from_le_bytes(*a)) || low_byte(u64::from_le_bytes(*b)) {
            break;
        }
        done += 16;
    }
    let rest = bytes.get(done..).unwrap_or(&[]);
    done + rest
        .iter()
        .position(|&b| b == b'\r' || b == b'\n')
        .unwrap_or(rest.len())
}

/// The field-size limit over one segment's fields (for [`Indexing::Segments`], which records no field
/// separators): the same check, at the same offsets, as the indexing scan makes.
fn check_field_bytes(line: &[u8], start: usize, fs: u8, limits: &Limits) -> Result<(), Error> {
    let mut last_sep = start;
    for (i, &b) in line.iter().enumerate() {
        if b == fs {
            if start + i - last_sep > limits.max_field_bytes {
                return Err(field_limit(limits, last_sep));
            }
            last_sep = start + i;
        }
    }
    if start + line.len() - last_sep > limits.max_field_bytes {
        return Err(field_limit(limits, last_sep));
    }
    Ok(())
}

fn field_limit(limits: &Limits, offset: usize) -> Error {
    Error::Limit {
        limit: LimitKind::FieldBytes,
        max: limits.max_field_bytes,
        offset,
    }
}

impl<'a> Message<'a> {
    /// The delimiters the message declared.
    pub fn delimiters(&self) -> &Delimiters {
        &self.delims
    }

    /// What the parser tolerated, one entry per kind.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Adds a warning found by a higher layer (version, batch counts ...).
    pub fn push_warning(&mut self, kind: WarningKind, offset: usize) {
        let mut w = Warnings(std::mem::take(&mut self.warnings));
        w.add(kind, offset);
        self.warnings = w.0;
    }

    /// The whole input the message was parsed from (offsets are relative to it).
    pub fn input(&self) -> &'a [u8] {
        self.src
    }

    /// The message's own bytes, from its first segment to the end of its last (terminator excluded).
    pub fn as_bytes(&self) -> &'a [u8] {
        self.src.get(self.start..self.end).unwrap_or(&[])
    }

    /// Byte range of the message in [`input`](Self::input).
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Whether the last segment was followed by a terminator.
    pub fn has_final_terminator(&self) -> bool {
        self.final_terminator
    }

    /// Number of segments.
    pub fn segment_count(&self) -> usize {
        self.index.segs.len()
    }

    /// The segment at `i` (from 0).
    #[inline]
    pub fn segment(&self, i: usize) -> Option<Segment<'_, 'a>> {
        let entry = *self.index.segs.get(i)?;
        Some(self.make_segment(i, entry))
    }

    /// The id of segment `i` (from 0): [`segment(i)`](Self::segment)`.id()` without building the
    /// segment.
    #[inline]
    pub fn segment_id(&self, i: usize) -> Option<&'a str> {
        let entry = self.index.segs.get(i)?;
        let (start, end) = (entry.start as usize, entry.id_end as usize);
        // A segment id is three ASCII characters: cut it from the message's text when there is one.
        match self.text {
            Some(t) => t.get(start.checked_sub(self.start)?..end.checked_sub(self.start)?),
            None => std::str::from_utf8(self.src.get(start..end)?).ok(),
        }
    }

    fn make_segment(&self, i: usize, entry: SegEntry) -> Segment<'_, 'a> {
        let seps = match self.indexing {
            Indexing::Fields => Some(
                self.index
                    .seps
                    .get(entry.sep_start as usize..entry.sep_end as usize)
                    .unwrap_or(&[]),
            ),
            Indexing::Segments => None,
        };
        let header = self.header_segments
            && i == 0
            && self
                .src
                .get(entry.start as usize..entry.id_end as usize)
                .is_some_and(is_header_id);
        Segment {
            classes: &self.classes,
            src: Source {
                bytes: self.src,
                text: self.text,
                base: to_u32(self.start),
            },
            entry,
            seps,
            delims: self.delims,
            index: i,
            header,
        }
    }

    /// All segments in order.
    pub fn segments(&self) -> impl ExactSizeIterator<Item = Segment<'_, 'a>> + '_ {
        self.index
            .segs
            .iter()
            .enumerate()
            .map(move |(i, &entry)| self.make_segment(i, entry))
    }

    /// The first segment with this id.
    pub fn segment_by_id(&self, id: &str) -> Option<Segment<'_, 'a>> {
        self.segments().find(|s| s.id() == id)
    }

    /// Writes the message back: each segment's bytes followed by CR.
    ///
    /// For a message that used CR terminators this is the input byte for byte (a missing final
    /// terminator stays missing); LF and CRLF terminators come out as CR, and skipped blank lines, a BOM
    /// and stray white space are not written.
    ///
    /// ```
    /// let input = b"MSH|^~\\&|A\rPID|1||X\r";
    /// let msg = izmsg::er7::parse(input).unwrap();
    /// assert_eq!(msg.to_bytes(), input);
    /// ```
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let n = self.index.segs.len();
        for (i, s) in self.index.segs.iter().enumerate() {
            out.extend_from_slice(
                self.src
                    .get(s.start as usize..s.end as usize)
                    .unwrap_or(&[]),
            );
            if i + 1 < n || self.final_terminator {
                out.push(b'\r');
            }
        }
    }

    /// [`write_to`](Self::write_to) into a new vector.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.end - self.start + 1);
        self.write_to(&mut out);
        out
    }

    /// What the parse recorded.
    pub fn indexing(&self) -> Indexing {
        self.indexing
    }

    /// Returns the index vectors, for reuse by a [`Parser`].
    pub fn into_index(self) -> Index {
        self.index
    }
}

/// One segment of a parsed message.
#[derive(Debug, Clone, Copy)]
pub struct Segment<'m, 'a> {
    classes: &'m Classes,
    src: Source<'a>,
    entry: SegEntry,
    /// The field separators' offsets; `None` when the parse recorded segments only.
    seps: Option<&'m [u32]>,
    delims: Delimiters,
    index: usize,
    header: bool,
}

impl<'m, 'a> Segment<'m, 'a> {
    /// The segment id (`PID`, `RXA`, `ZXY` ...).
    pub fn id(&self) -> &'a str {
        let (start, end) = (self.entry.start, self.entry.id_end);
        let from_text = self.src.text.and_then(|t| {
            let base = self.src.base;
            t.get(start.checked_sub(base)? as usize..end.checked_sub(base)? as usize)
        });
        from_text
            .or_else(|| {
                let bytes = self.src.bytes.get(start as usize..end as usize)?;
                std::str::from_utf8(bytes).ok()
            })
            .unwrap_or("")
    }

    /// Position of the segment in its message, from 0.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Byte range in the input, terminator excluded.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.entry.start as usize..self.entry.end as usize
    }

    /// The segment's bytes, terminator excluded.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.src.bytes.get(self.span()).unwrap_or(&[])
    }

    /// Whether this is a header segment (MSH, FHS, BHS), whose field 1 is the separator itself.
    pub fn is_header(&self) -> bool {
        self.header
    }

    /// Number of fields present, trailing empty ones included.
    pub fn field_count(&self) -> usize {
        let seps = match self.seps {
            Some(seps) => seps.len(),
            None => self.unindexed_seps().count(),
        };
        seps + usize::from(self.header)
    }

    /// Offsets of the field separators, found by scanning (for a segments-only parse).
    fn unindexed_seps(&self) -> impl Iterator<Item = u32> + '_ {
        let from = self.entry.id_end;
        let fs = self.delims.field;
        self.src
            .bytes
            .get(from as usize..self.entry.end as usize)
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .filter(move |&(_, &b)| b == fs)
            .map(move |(i, _)| from + i as u32)
    }

    /// Field separator `k` (from 0) and the end of the field that follows it.
    #[inline]
    fn field_bounds(&self, k: usize) -> Option<(u32, u32)> {
        match self.seps {
            Some(seps) => {
                let at = *seps.get(k)?;
                Some((at, seps.get(k + 1).copied().unwrap_or(self.entry.end)))
            }
            None => {
                let mut seps = self.unindexed_seps();
                let at = seps.nth(k)?;
                Some((at, seps.next().unwrap_or(self.entry.end)))
            }
        }
    }

    /// Field `n`, numbered as the standard does (`PID-5` is `field(5)`; `MSH-1` is the field separator
    /// and `MSH-2` the encoding characters). `None` past the last field present.
    #[inline]
    pub fn field(&self, n: usize) -> Option<Value<'a>> {
        if n == 0 {
            return None;
        }
        let k = if self.header {
            if n == 1 {
                let (at, _) = self.field_bounds(0)?;
                return Some(Value::new(
                    self.src,
                    at,
                    at + 1,
                    self.delims,
                    Level::Verbatim,
                ));
            }
            n - 1
        } else {
            n
        };
        let (at, end) = self.field_bounds(k - 1)?;
        let start = at + 1;
        let level = if self.header && n == 2 {
            Level::Verbatim
        } else {
            Level::Field
        };
        Some(Value::new(self.src, start, end, self.delims, level))
    }

    /// A cursor over field `n` (see [`Cursor`]); `None` past the last field present.
    #[inline]
    pub fn cursor(&self, n: usize) -> Option<Cursor<'a, 'm>> {
        self.field(n).map(|v| Cursor::new(&v, self.classes))
    }

    /// The byte classes of the message's delimiters.
    pub fn classes(&self) -> &'m Classes {
        self.classes
    }

    /// Fields 1, 2, 3 ... in order.
    pub fn fields(&self) -> impl Iterator<Item = Value<'a>> + '_ {
        (1..=self.field_count()).filter_map(move |n| self.field(n))
    }

    /// Walks the fields front to back with one cursor, which finds each field's end as it reads: no
    /// index needed, each byte looked at once.
    ///
    /// ```
    /// use izmsg::er7::{Sep, parse};
    /// let msg = parse(b"MSH|^~\\&|A\rPID|1||X^Y~Z\r").unwrap();
    /// let pid = msg.segment(1).unwrap();
    /// let mut walk = pid.walk();
    /// let mut seen = Vec::new();
    /// while let Some(n) = walk.advance() {
    ///     let token = walk.cursor().read(Sep::Rep);
    ///     seen.push((n, token.raw().to_vec()));
    /// }
    /// assert_eq!(seen, [(1, b"1".to_vec()), (2, vec![]), (3, b"X^Y".to_vec())]);
    /// ```
    pub fn walk(&self) -> FieldWalk<'m, 'a> {
        FieldWalk {
            seg: *self,
            cur: Cursor::spanning(self.src, self.entry.id_end, self.entry.end, self.classes),
            n: 0,
            resume: 0,
        }
    }
}

/// A walk over a segment's fields (see [`Segment::walk`]).
#[derive(Debug, Clone)]
pub struct FieldWalk<'m, 'a> {
    seg: Segment<'m, 'a>,
    cur: Cursor<'a, 'm>,
    n: usize,
    resume: u32,
}

impl<'m, 'a> FieldWalk<'m, 'a> {
    /// Moves to the next field, skipping what was not read of the current one: its number, or `None`
    /// past the last field.
    #[inline]
    pub fn advance(&mut self) -> Option<usize> {
        if self.seg.header && self.n < 3 {
            return self.advance_in_header();
        }
        if !self.cur.next_field() {
            return None;
        }
        self.n += 1;
        Some(self.n)
    }

    /// [`advance`](Self::advance) over a header's first fields: MSH-1 (the field separator itself)
    /// and MSH-2 (the encoding characters) read verbatim; the fields after MSH-2 start at the
    /// separator that ends it.
    #[inline(never)]
    fn advance_in_header(&mut self) -> Option<usize> {
        if self.n < 2 {
            let v = self.seg.field(self.n + 1)?;
            self.n += 1;
            self.cur = Cursor::new(&v, self.seg.classes);
            self.resume = v.span().end as u32;
            return Some(self.n);
        }
        let s = &self.seg;
        self.cur = Cursor::spanning(s.src, self.resume, s.entry.end, s.classes);
        if !self.cur.next_field() {
            return None;
        }
        self.n += 1;
        Some(self.n)
    }

    /// The cursor over the current field.
    #[inline]
    pub fn cursor(&mut self) -> &mut Cursor<'a, 'm> {
        &mut self.cur
    }

    /// The current field's number (0 before the first [`advance`](Self::advance)).
    pub fn field(&self) -> usize {
        self.n
    }
}

#[cfg(test)]
mod tests {
    use super::line_len;

    #[test]
    fn line_length_is_up_to_the_first_cr_or_lf() {
        // Every position of the terminator across two 16-byte steps, with low bytes that are not
        // terminators (tab, VT, FF, NUL) before it, and no terminator at all.
        let naive = |b: &[u8]| {
            b.iter()
                .position(|&c| c == b'\r' || c == b'\n')
                .unwrap_or(b.len())
        };
        for len in 0..40 {
            for term in [None, Some(b'\r'), Some(b'\n')] {
                for at in 0..=len {
                    for noise in [None, Some(b'\t'), Some(0x0b), Some(0x0c), Some(0u8)] {
                        let mut line = vec![b'x'; len];
                        if let (Some(n), Some(slot)) = (noise, line.get_mut(at / 2)) {
                            *slot = n;
                        }
                        if let (Some(t), Some(slot)) = (term, line.get_mut(at)) {
                            *slot = t;
                        }
                        assert_eq!(line_len(&line), naive(&line), "{line:?}");
                    }
                }
            }
        }
    }
}
