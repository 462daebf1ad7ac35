//! A cursor over one field: the fast path the typed decoder reads values with.
//!
//! [`Value`] navigation splits a span again at each level it is asked about. The cursor instead reads
//! a field front to back once: each byte is classified through a 256-entry table ([`Classes`]) as
//! content, escape, or a subcomponent, component or repetition separator, and [`Cursor::read`] hands
//! out the next token up to the first separator of a given level, noting on the way whether it held
//! escapes or separators of lower levels. The caller decides what the separator that ended the token
//! means (next part, or end of the value) and steps over it with [`Cursor::skip`].

use std::borrow::Cow;

use super::delimiters::Delimiters;
use super::escape::{self, EscapeIssue};
use super::value::{Level, Source, Value};

const CONTENT: u8 = 0;
const ESCAPE: u8 = 1;
/// The field separator: the end of a field, above every separator inside one.
const FIELD: u8 = Sep::End as u8;

/// The separator levels a token can end at, ordered: a read that stops at a level also stops at every
/// level above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Sep {
    /// A subcomponent separator (`&`).
    Sub = 2,
    /// A component separator (`^`).
    Comp = 3,
    /// A repetition separator (`~`).
    Rep = 4,
    /// The end of the field (a field separator, or the end of the segment).
    End = 5,
}

/// The class of every byte under a message's delimiters.
#[derive(Debug, Clone)]
pub struct Classes {
    table: [u8; 256],
    delims: Delimiters,
}

impl Classes {
    /// The table for a message's delimiters.
    pub fn new(d: &Delimiters) -> Classes {
        let mut table = [CONTENT; 256];
        for (b, class) in [
            (d.field, FIELD),
            (d.escape, ESCAPE),
            (d.subcomponent, Sep::Sub as u8),
            (d.component, Sep::Comp as u8),
            (d.repetition, Sep::Rep as u8),
        ] {
            if let Some(slot) = table.get_mut(usize::from(b)) {
                *slot = class;
            }
        }
        Classes { table, delims: *d }
    }

    /// The delimiters the table was built for.
    pub fn delimiters(&self) -> &Delimiters {
        &self.delims
    }

    #[inline]
    fn class(&self, b: u8) -> u8 {
        // A byte indexes a 256-entry table: always in bounds.
        #[allow(clippy::indexing_slicing)]
        self.table[usize::from(b)]
    }
}

/// A token: the bytes up to a separator.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    src: Source<'a>,
    start: u32,
    end: u32,
    escaped: bool,
    nested: bool,
    verbatim: bool,
}

impl<'a> Token<'a> {
    /// True when the token has no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Byte offset of the token in the input.
    pub fn offset(&self) -> usize {
        self.start as usize
    }

    /// True when the token held separators of a level below the one it was read at (structure where a
    /// plain value was expected).
    pub fn nested(&self) -> bool {
        self.nested
    }

    /// The raw bytes.
    pub fn raw(&self) -> &'a [u8] {
        self.src
            .bytes
            .get(self.start as usize..self.end as usize)
            .unwrap_or(&[])
    }

    /// The text when it needs no work: no escape sequence to decode, no separator of a lower level
    /// inside, and the message valid UTF-8. `None` otherwise; [`text`](Self::text) then does the work.
    #[inline]
    pub fn plain_text(&self) -> Option<&'a str> {
        if self.nested || (self.escaped && !self.verbatim) {
            return None;
        }
        let base = self.src.base;
        self.src
            .text?
            .get(self.start.checked_sub(base)? as usize..self.end.checked_sub(base)? as usize)
    }

    /// The bytes, when they are the text as they stand: [`plain_text`](Self::plain_text) without
    /// the `&str` (the bytes of a message that is valid UTF-8, cut at delimiters, are valid UTF-8).
    #[inline]
    pub fn plain_bytes(&self) -> Option<&'a [u8]> {
        if self.nested || (self.escaped && !self.verbatim) || self.src.text.is_none() {
            return None;
        }
        Some(self.raw())
    }

    /// The text, escape sequences decoded (none for MSH-1/MSH-2); escapes kept verbatim are listed.
    #[inline]
    pub fn text(&self, d: &Delimiters, issues: &mut Vec<EscapeIssue>) -> Cow<'a, str> {
        if self.escaped && !self.verbatim {
            return escape::decode_with_issues(self.raw(), d, issues);
        }
        let text = self.src.text.and_then(|t| {
            let base = self.src.base;
            t.get(self.start.checked_sub(base)? as usize..self.end.checked_sub(base)? as usize)
        });
        match text {
            Some(s) => Cow::Borrowed(s),
            None => escape::bytes_to_text(self.raw()),
        }
    }
}

/// Reads a field's tokens front to back.
#[derive(Debug, Clone)]
pub struct Cursor<'a, 'c> {
    src: Source<'a>,
    pos: u32,
    end: u32,
    classes: &'c Classes,
    verbatim: bool,
}

impl<'a, 'c> Cursor<'a, 'c> {
    /// A cursor over a value's span (a field, usually). MSH-1 and MSH-2 read as one verbatim token.
    #[inline]
    pub fn new(v: &Value<'a>, classes: &'c Classes) -> Cursor<'a, 'c> {
        let span = v.span();
        Cursor {
            src: v.source(),
            pos: span.start as u32,
            end: span.end as u32,
            classes,
            verbatim: v.level() == Level::Verbatim,
        }
    }

    /// The table in use.
    pub fn classes(&self) -> &'c Classes {
        self.classes
    }

    /// A cursor over the fields of a segment from `start` (a field separator, or the segment's end) to
    /// the segment's `end`; see [`Segment::walk`](super::Segment::walk).
    #[inline]
    pub(crate) fn spanning(src: Source<'a>, start: u32, end: u32, classes: &'c Classes) -> Self {
        Cursor {
            src,
            pos: start,
            end,
            classes,
            verbatim: false,
        }
    }

    /// Steps past the rest of the current field and the separator after it: false at the end of the
    /// segment. Only a cursor over a whole segment has a next field.
    #[inline]
    pub(crate) fn next_field(&mut self) -> bool {
        // Usually the field was read to its end and the cursor sits on the separator.
        match self.next_class() {
            None => return false,
            Some(FIELD) => {
                self.pos += 1;
                return true;
            }
            Some(_) => {}
        }
        let bytes = self
            .src
            .bytes
            .get(self.pos as usize..self.end as usize)
            .unwrap_or(&[]);
        match bytes.iter().position(|&b| self.classes.class(b) == FIELD) {
            Some(i) => {
                self.pos += i as u32 + 1;
                true
            }
            None => {
                self.pos = self.end;
                false
            }
        }
    }

    /// Reads up to the first separator of level `stop` or higher (or the end), without consuming it.
    #[inline]
    pub fn read(&mut self, stop: Sep) -> Token<'a> {
        let start = self.pos;
        if self.verbatim {
            self.pos = self.end;
            return self.token(start, false, false);
        }
        let bytes = self
            .src
            .bytes
            .get(start as usize..self.end as usize)
            .unwrap_or(&[]);
        let stop = stop as u8;
        let mut escaped = false;
        let mut nested = false;
        // Four bytes at a time while all four are plain content (most of a value), then byte by byte.
        let c = self.classes;
        let mut i = 0;
        while let Some(&[a, b, d, e]) = bytes.get(i..).and_then(|q| q.first_chunk::<4>()) {
            if c.class(a) | c.class(b) | c.class(d) | c.class(e) != CONTENT {
                break;
            }
            i += 4;
        }
        let n = loop {
            let Some(&b) = bytes.get(i) else {
                break bytes.len();
            };
            let class = c.class(b);
            if class != CONTENT {
                if class >= stop {
                    break i;
                }
                if class == ESCAPE {
                    escaped = true;
                } else {
                    nested = true;
                }
            }
            i += 1;
        };
        self.pos = start + n as u32;
        self.token(start, escaped, nested)
    }

    fn token(&self, start: u32, escaped: bool, nested: bool) -> Token<'a> {
        Token {
            src: self.src,
            start,
            end: self.pos,
            escaped,
            nested,
            verbatim: self.verbatim,
        }
    }

    /// The separator at the cursor ([`Sep::End`] at the end of the field).
    #[inline]
    pub fn at(&self) -> Sep {
        match self.next_class() {
            Some(2) => Sep::Sub,
            Some(3) => Sep::Comp,
            Some(4) => Sep::Rep,
            _ => Sep::End,
        }
    }

    /// The class of the byte at the cursor; `None` at the end.
    #[inline]
    fn next_class(&self) -> Option<u8> {
        if self.pos >= self.end {
            return None;
        }
        let b = *self.src.bytes.get(self.pos as usize)?;
        Some(self.classes.class(b))
    }

    /// True when the next token, read at `stop`, would be empty.
    #[inline]
    pub fn at_empty(&self, stop: Sep) -> bool {
        self.next_class()
            .is_none_or(|c| !self.verbatim && c >= stop as u8)
    }

    /// This cursor moved back (or on) to byte `offset` of the input, as [`offset`](Self::offset) gave it.
    pub fn rewound(&self, offset: usize) -> Cursor<'a, 'c> {
        let mut c = self.clone();
        c.pos = u32::try_from(offset).unwrap_or(u32::MAX).min(self.end);
        c
    }

    /// True when the next byte starts an escape sequence.
    #[inline]
    pub fn at_escape(&self) -> bool {
        self.next_class() == Some(ESCAPE)
    }

    /// Steps over the separator at the cursor.
    #[inline]
    pub fn skip(&mut self) {
        if self.pos < self.end {
            self.pos += 1;
        }
    }

    /// Byte offset of the cursor in the input.
    pub fn offset(&self) -> usize {
        self.pos as usize
    }

    /// True at the end of the field.
    #[inline]
    pub fn is_done(&self) -> bool {
        self.next_class()
            .is_none_or(|c| !self.verbatim && c == FIELD)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_separators() {
        let msg = crate::er7::parse(b"MSH|^~\\&\rPID|1||A\\T\\1^^^X&1.2&ISO^MR~B2\r").unwrap();
        let field = msg.segment(1).unwrap().field(3).unwrap();
        let classes = Classes::new(msg.delimiters());
        let mut c = Cursor::new(&field, &classes);
        let d = *classes.delimiters();
        let mut issues = Vec::new();
        let t = c.read(Sep::Comp);
        assert_eq!(t.text(&d, &mut issues), "A&1");
        assert_eq!(c.at(), Sep::Comp);
        c.skip();
        assert!(c.at_empty(Sep::Comp));
        c.skip();
        c.skip();
        let t = c.read(Sep::Comp);
        assert!(t.nested());
        assert_eq!(t.raw(), b"X&1.2&ISO");
        c.skip();
        assert_eq!(c.read(Sep::Comp).raw(), b"MR");
        assert_eq!(c.at(), Sep::Rep);
        c.skip();
        assert_eq!(c.read(Sep::Rep).raw(), b"B2");
        assert_eq!(c.at(), Sep::End);
        assert!(c.is_done());
    }
}
