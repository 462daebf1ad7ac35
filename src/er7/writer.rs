//! Writing ER7 from scratch: segment by segment, field by field, escaping text on the way out.
//!
//! The writer places separators lazily: moving to the next field, repetition, component or subcomponent
//! only counts a pending separator, and the pending separators are written when a value follows. Trailing
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
    pending: [u32; 4],
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
            pending: [0; 4],
            open: false,
            special: SpecialBytes::new(&delims),
        }
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
        self.pending = [0; 4];
        self.open = true;
    }

    /// Ends the open segment with CR; pending trailing separators are dropped.
    pub fn end_segment(&mut self) {
        if self.open {
            self.out.push(SEGMENT_TERMINATOR);
            self.open = false;
        }
        self.pending = [0; 4];
    }

    /// Moves to the next field.
    #[inline]
    pub fn next_field(&mut self) {
        self.pending = [self.pending[0] + 1, 0, 0, 0];
    }

    /// Moves to the next repetition of the current field.
    #[inline]
    pub fn next_repetition(&mut self) {
        self.pending = [self.pending[0], self.pending[1] + 1, 0, 0];
    }

    /// Moves to the next component.
    #[inline]
    pub fn next_component(&mut self) {
        self.pending = [self.pending[0], self.pending[1], self.pending[2] + 1, 0];
    }

    /// Moves to the next subcomponent.
    #[inline]
    pub fn next_subcomponent(&mut self) {
        self.pending[3] += 1;
    }

    /// Forgets pending component and subcomponent separators (`level` 2) or subcomponent separators
    /// only (`level` 3): the trailing empty parts of a value just finished are not written.
    #[inline]
    pub fn trim_pending(&mut self, level: usize) {
        for p in self.pending.iter_mut().skip(level) {
            *p = 0;
        }
    }

    /// Writes the pending separators even though no value follows, so that empty positions are kept
    /// (`|^|` rather than `||`).
    #[inline]
    pub fn mark(&mut self) {
        if self.pending == [0; 4] {
            return;
        }
        let d = self.delims;
        let [f, r, c, s] = self.pending;
        for (n, b) in [
            (f, d.field),
            (r, d.repetition),
            (c, d.component),
            (s, d.subcomponent),
        ] {
            for _ in 0..n {
                self.out.push(b);
            }
        }
        self.pending = [0; 4];
    }

    /// Writes text at the current position, escaping delimiters. Empty text writes nothing.
    pub fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.mark();
        escape::encode_bytes(text.as_bytes(), &self.delims, &self.special, &mut self.out);
    }

    /// Writes UTF-8 text given as bytes (as [`text`](Self::text) does, without the `&str` round trip).
    #[inline]
    pub fn text_bytes(&mut self, text: &[u8]) {
        if text.is_empty() {
            return;
        }
        self.mark();
        escape::encode_bytes(text, &self.delims, &self.special, &mut self.out);
    }

    /// Writes bytes at the current position as they are, without escaping (for values that are already
    /// ER7, with this writer's delimiters).
    pub fn raw(&mut self, raw: &[u8]) {
        if raw.is_empty() {
            return;
        }
        self.mark();
        self.out.extend_from_slice(raw);
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
