//! A node of the parsed tree: a field, repetition, component or subcomponent, as a span of the input.
//!
//! A [`Value`] is a small `Copy` handle (input, start, end, delimiters, level). Its children are found
//! by splitting its span on the next delimiter down, on demand, without allocating. Its text is decoded
//! (escape sequences, character set) only when [`Value::text`] is called.

use std::borrow::Cow;
use std::ops::Range;

use super::delimiters::Delimiters;
use super::escape::{self, EscapeIssue};

/// The input a value points into: its bytes and, when the message is valid UTF-8, the same bytes as
/// `&str` starting at offset `base`, so that text is sliced in O(1) instead of validated per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Source<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) text: Option<&'a str>,
    pub(crate) base: u32,
}

/// The depth of a [`Value`] in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// A whole field, repetitions included.
    Field,
    /// One repetition of a field.
    Repetition,
    /// One component of a repetition.
    Component,
    /// One subcomponent of a component.
    Subcomponent,
    /// MSH-1 or MSH-2: taken literally, never split or unescaped.
    Verbatim,
}

/// A span of the input at some depth of the tree.
///
/// ```
/// let msg = izmsg::er7::parse(b"MSH|^~\\&\rPID|1||A1^^^X&1.2&ISO^MR~B2^^^Y^SS\r").unwrap();
/// let pid3 = msg.segment_by_id("PID").unwrap().field(3).unwrap();
/// assert_eq!(pid3.repetitions().count(), 2);
/// let first = pid3.repetition(0).unwrap();
/// assert_eq!(first.component(4).subcomponent(2).text(), "1.2");
/// assert_eq!(first.component(4).span(), 21..30);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value<'a> {
    src: Source<'a>,
    start: u32,
    end: u32,
    delims: Delimiters,
    level: Level,
}

impl<'a> Value<'a> {
    pub(crate) fn new(
        src: Source<'a>,
        start: u32,
        end: u32,
        delims: Delimiters,
        level: Level,
    ) -> Value<'a> {
        Value {
            src,
            start,
            end,
            delims,
            level,
        }
    }

    /// An empty value at the end of this one, for accessors asked about something absent.
    fn absent(&self, level: Level) -> Value<'a> {
        Value::new(self.src, self.end, self.end, self.delims, level)
    }

    pub(crate) fn source(&self) -> Source<'a> {
        self.src
    }

    /// The depth of this node.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The delimiters of the message the value belongs to.
    pub fn delimiters(&self) -> &Delimiters {
        &self.delims
    }

    /// Byte range in the input.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The raw bytes, escape sequences and nested delimiters included.
    pub fn raw(&self) -> &'a [u8] {
        self.src.bytes.get(self.span()).unwrap_or(&[])
    }

    /// The raw value as `&str`, when the message is valid UTF-8 (checked once per message, so this is
    /// O(1)). Escape sequences are not decoded.
    pub fn raw_str(&self) -> Option<&'a str> {
        let t = self.src.text?;
        let base = self.src.base;
        t.get(self.start.checked_sub(base)? as usize..self.end.checked_sub(base)? as usize)
    }

    /// The raw bytes as text without escape decoding: O(1) for UTF-8 messages, else ISO-8859-1.
    pub(crate) fn raw_text(&self) -> Cow<'a, str> {
        match self.raw_str() {
            Some(s) => Cow::Borrowed(s),
            None => escape::bytes_to_text(self.raw()),
        }
    }

    /// True when nothing is there (`||`). Distinct from [`is_null`](Self::is_null).
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the value is the HL7 null `""`: the sender says "delete what you have".
    pub fn is_null(&self) -> bool {
        self.raw() == b"\"\""
    }

    /// The value as text: escape sequences decoded, borrowed from the input when nothing needed decoding.
    ///
    /// For a value with children (a field with components, say), the nested delimiters are part of the
    /// text; ask for the child you mean instead.
    pub fn text(&self) -> Cow<'a, str> {
        if self.level == Level::Verbatim || !self.raw().contains(&self.delims.escape) {
            self.raw_text()
        } else {
            escape::decode(self.raw(), &self.delims)
        }
    }

    /// Like [`text`](Self::text), also listing escape sequences kept verbatim (offsets within the value).
    pub fn text_with_issues(&self, issues: &mut Vec<EscapeIssue>) -> Cow<'a, str> {
        if self.level == Level::Verbatim {
            self.raw_text()
        } else {
            escape::decode_with_issues(self.raw(), &self.delims, issues)
        }
    }

    fn split(&self, child: Level) -> Children<'a> {
        let delim = match child {
            Level::Repetition => Some(self.delims.repetition),
            Level::Component => Some(self.delims.component),
            Level::Subcomponent => Some(self.delims.subcomponent),
            Level::Field | Level::Verbatim => None,
        };
        Children {
            src: self.src,
            pos: self.start,
            end: self.end,
            delims: self.delims,
            delim,
            level: if self.level == Level::Verbatim {
                Level::Verbatim
            } else {
                child
            },
            done: false,
        }
    }

    fn single(&self) -> Children<'a> {
        Children {
            src: self.src,
            pos: self.start,
            end: self.end,
            delims: self.delims,
            delim: None,
            level: self.level,
            done: false,
        }
    }

    /// The repetitions of a field (one, possibly empty, when the field does not repeat). Below field
    /// level, the value itself.
    pub fn repetitions(&self) -> Children<'a> {
        match self.level {
            Level::Field => self.split(Level::Repetition),
            Level::Verbatim => self.single(),
            _ => self.single(),
        }
    }

    /// Repetition `i`, counting from 0.
    pub fn repetition(&self, i: usize) -> Option<Value<'a>> {
        self.repetitions().nth(i)
    }

    /// The components: of the first repetition for a field, of this repetition, or (below that) the
    /// value itself.
    pub fn components(&self) -> Children<'a> {
        match self.level {
            Level::Field => match self.repetitions().next() {
                Some(first) => first.split(Level::Component),
                None => self.single(),
            },
            Level::Repetition => self.split(Level::Component),
            _ => self.single(),
        }
    }

    /// Component `n`, numbered from 1 as in `PID-5.2`; an empty value when absent.
    pub fn component(&self, n: usize) -> Value<'a> {
        n.checked_sub(1)
            .and_then(|i| self.components().nth(i))
            .unwrap_or_else(|| self.absent(Level::Component))
    }

    /// The subcomponents of a component (of the first component of a field or repetition).
    pub fn subcomponents(&self) -> Children<'a> {
        match self.level {
            Level::Field | Level::Repetition => self.component(1).split(Level::Subcomponent),
            Level::Component => self.split(Level::Subcomponent),
            _ => self.single(),
        }
    }

    /// Subcomponent `n`, numbered from 1; an empty value when absent.
    pub fn subcomponent(&self, n: usize) -> Value<'a> {
        n.checked_sub(1)
            .and_then(|i| self.subcomponents().nth(i))
            .unwrap_or_else(|| self.absent(Level::Subcomponent))
    }

    /// True when the value holds a separator of a level below its own (it has structure).
    pub fn has_children(&self) -> bool {
        let d = &self.delims;
        let raw = self.raw();
        match self.level {
            Level::Field => raw
                .iter()
                .any(|&b| b == d.repetition || b == d.component || b == d.subcomponent),
            Level::Repetition => raw.iter().any(|&b| b == d.component || b == d.subcomponent),
            Level::Component => raw.contains(&d.subcomponent),
            Level::Subcomponent | Level::Verbatim => false,
        }
    }
}

/// Iterator over the children of a [`Value`] (repetitions, components or subcomponents).
///
/// An empty parent has one empty child, as the standard reads `||` as a field with one empty repetition.
#[derive(Debug, Clone)]
pub struct Children<'a> {
    src: Source<'a>,
    pos: u32,
    end: u32,
    delims: Delimiters,
    delim: Option<u8>,
    level: Level,
    done: bool,
}

impl<'a> Iterator for Children<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        if self.done {
            return None;
        }
        let rest = self
            .src
            .bytes
            .get(self.pos as usize..self.end as usize)
            .unwrap_or(&[]);
        let found = self.delim.and_then(|d| rest.iter().position(|&b| b == d));
        let start = self.pos;
        match found {
            Some(n) => {
                let stop = start + n as u32;
                self.pos = stop + 1;
                Some(Value::new(self.src, start, stop, self.delims, self.level))
            }
            None => {
                self.done = true;
                Some(Value::new(
                    self.src,
                    start,
                    self.end,
                    self.delims,
                    self.level,
                ))
            }
        }
    }
}
