//! Writing ER7 from scratch: segment by segment, field by field, escaping text on the way out.
//!
//! The writer places separators lazily: moving to the next field, repetition, component or subcomponent
//! writes its separator at once, and the writer remembers where the last value ended; separators after
//! it are trimmed when the level they belong to closes, so the result is as if they had been written only
//! when a value followed. Trailing
//! empty positions therefore never reach the output (the IG asks senders to omit them), unless the caller
//! asks to keep them with [`Writer::mark`].

use super::delimiters::{Delimiters, SEGMENT_TERMINATOR};
use super::escape::{self, SpecialBytes};

/// Builds ER7 text.
///
/// ```
/// use izmsg::er7::Writer;
/// let mut w = Writer::new();
/// w.begin_segment("MSH");
/// w.field("EHR");
/// w.begin_segment("PID");
/// w.field("1");
/// w.next_field(); // PID-2 left empty
/// w.next_field();
/// w.text("12345");
/// w.next_component();
/// w.next_component();
/// w.next_component();
/// w.text("EHR&Co"); // escaped on the way out
/// w.end_segment();
/// assert_eq!(w.as_bytes(), b"MSH|^~\\&|EHR\rPID|1||12345^^^EHR\\T\\Co\r");
/// ```
#[derive(Debug, Clone)]
pub struct Writer {
    out: Vec<u8>,
    delims: Delimiters,
    /// Pending separators: fields, repetitions, components, subcomponents.
    /// Length of `out` up to the last value (or mark): only separators follow it.
    keep: usize,
    open: bool,
    special: SpecialBytes,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    /// A writer with the standard delimiters `|^~\&`.
    pub fn new() -> Writer {
        Writer::with_delimiters(Delimiters::default())
    }

    /// A writer with the given delimiters.
    pub fn with_delimiters(delims: Delimiters) -> Writer {
        Writer::from_buffer(Vec::new(), delims)
    }

    /// A writer that appends to an existing buffer (cleared first), reusing its capacity.
    pub fn from_buffer(mut out: Vec<u8>, delims: Delimiters) -> Writer {
        out.clear();
        Writer {
            out,
            delims,
            keep: 0,
            open: false,
            special: SpecialBytes::new(&delims),
        }
    }

    /// Forgets everything written, keeping the buffer's capacity.
    pub(crate) fn clear(&mut self) {
        self.out.clear();
        self.keep = 0;
        self.open = false;
    }

    /// The delimiters in use.
    pub fn delimiters(&self) -> &Delimiters {
        &self.delims
    }

    /// Starts a segment (ending the open one). For `MSH`, `FHS` and `BHS` it also writes fields 1 and 2,
    /// so the next [`next_field`](Self::next_field) moves to field 3.
    pub fn begin_segment(&mut self, id: &str) {
        if self.open {
            self.end_segment();
        }
        self.out.extend_from_slice(id.as_bytes());
        if matches!(id, "MSH" | "FHS" | "BHS") {
            self.out.push(self.delims.field);
            for b in [
                self.delims.component,
                self.delims.repetition,
                self.delims.escape,
                self.delims.subcomponent,
            ] {
                self.out.push(b);
            }
            if let Some(t) = self.delims.truncation {
                self.out.push(t);
            }
        }
        self.keep = self.out.len();
        self.open = true;
    }

    /// Ends the open segment with CR; trailing separators are dropped.
    pub fn end_segment(&mut self) {
        self.out.truncate(self.keep);
        if self.open {
            self.out.push(SEGMENT_TERMINATOR);
            self.open = false;
        }
        self.keep = self.out.len();
    }

    /// Drops separators after the last value while `drop` says they belong to a closed level.
    #[inline]
    fn trim(&mut self, drop: impl Fn(u8) -> bool) {
        while self.out.len() > self.keep {
            match self.out.last() {
                Some(&b) if drop(b) => {
                    self.out.pop();
                }
                _ => break,
            }
        }
    }

    /// Moves to the next field.
    #[inline]
    pub fn next_field(&mut self) {
        let d = self.delims;
        self.trim(|b| b != d.field);
        self.out.push(d.field);
    }

    /// Moves to the next repetition of the current field.
    #[inline]
    pub fn next_repetition(&mut self) {
        let d = self.delims;
        self.trim(|b| b == d.component || b == d.subcomponent);
        self.out.push(d.repetition);
    }

    /// Moves to the next component.
    #[inline]
    pub fn next_component(&mut self) {
        let d = self.delims;
        self.trim(|b| b == d.subcomponent);
        self.out.push(d.component);
    }

    /// Moves to the next subcomponent.
    #[inline]
    pub fn next_subcomponent(&mut self) {
        self.out.push(self.delims.subcomponent);
    }

    /// Forgets trailing component and subcomponent separators (`level` 2) or subcomponent separators
    /// only (`level` 3): the trailing empty parts of a value just finished are not written.
    #[inline]
    pub fn trim_pending(&mut self, level: usize) {
        let d = self.delims;
        if level <= 2 {
            self.trim(|b| b == d.component || b == d.subcomponent);
        } else {
            self.trim(|b| b == d.subcomponent);
        }
    }

    /// Keeps the separators written so far even though no value follows, so that empty positions are
    /// kept (`|^|` rather than `||`).
    #[inline]
    pub fn mark(&mut self) {
        self.keep = self.out.len();
    }

    /// Writes text at the current position, escaping delimiters. Empty text writes nothing.
    pub fn text(&mut self, text: &str) {
        self.text_bytes(text.as_bytes());
    }

    /// Writes UTF-8 text given as bytes (as [`text`](Self::text) does, without the `&str` round trip).
    #[inline]
    pub fn text_bytes(&mut self, text: &[u8]) {
        if text.is_empty() {
            return;
        }
        escape::encode_bytes(text, &self.delims, &self.special, &mut self.out);
        self.keep = self.out.len();
    }

    /// Writes the UTF-8 text `buf[..len]` (as [`text_bytes`](Self::text_bytes) does), copying all of
    /// `buf` and cutting it back: for short values, a copy of fixed size beats a call to `memcpy`.
    ///
    /// The bytes of `buf` past `len` must be zero (NUL needs no escape), so that the check for bytes
    /// to escape can look at a fixed 8, 16 or all `N` bytes without a branch per byte.
    #[inline(always)]
    pub(crate) fn text_padded<const N: usize>(&mut self, buf: &[u8; N], len: usize) {
        if len == 0 {
            return;
        }
        let scan = match len {
            ..=8 => buf.get(..8),
            9..=16 => buf.get(..16),
            _ => None,
        };
        let special = scan
            .unwrap_or(buf.as_slice())
            .iter()
            .fold(false, |any, &b| any | self.special.contains(b));
        match buf.get(..len) {
            Some(text) if special => {
                escape::encode_bytes(text, &self.delims, &self.special, &mut self.out);
            }
            Some(_) => {
                let at = self.out.len();
                self.out.extend_from_slice(buf);
                self.out.truncate(at + len);
            }
            None => return,
        }
        self.keep = self.out.len();
    }

    /// Writes bytes at the current position as they are, without escaping (for values that are already
    /// ER7, with this writer's delimiters).
    pub fn raw(&mut self, raw: &[u8]) {
        if raw.is_empty() {
            return;
        }
        self.out.extend_from_slice(raw);
        self.keep = self.out.len();
    }

    /// Moves to the next field and writes `text` there.
    pub fn field(&mut self, text: &str) {
        self.next_field();
        self.text(text);
    }

    /// Whether a segment is open.
    pub fn in_segment(&self) -> bool {
        self.open
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.out
    }

    /// Ends the open segment and returns the output.
    pub fn finish(mut self) -> Vec<u8> {
        self.end_segment();
        self.out
    }
}
