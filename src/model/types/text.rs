//! [`Text`]: the string every primitive value holds, stored inline when short.
//!
//! Most HL7 values are short (codes, dates, names, identifiers), so a value of up to 22 bytes lives
//! inside the `Text` itself and decoding a message allocates only for the long ones. Reading the value
//! as `&str` checks its UTF-8 (a few nanoseconds for a short value); writing it to the wire reads the
//! bytes directly.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};

const INLINE: usize = 22;

/// An immutable string, inline up to 22 bytes.
///
/// ```
/// use izmsg::model::types::Text;
/// let t = Text::from("208");
/// assert_eq!(t.as_str(), "208");
/// assert_eq!(t, "208");
/// let long = Text::from("COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose");
/// assert!(long.as_str().starts_with("COVID"));
/// ```
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Inline(u8, [u8; INLINE]),
    Heap(Box<str>),
}

impl Text {
    /// The longest text held inline, without an allocation.
    pub const INLINE: usize = INLINE;

    /// The empty string.
    pub const fn new() -> Text {
        Text(Repr::Inline(0, [0; INLINE]))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(len, buf) => {
                std::str::from_utf8(buf.get(..usize::from(*len)).unwrap_or(&[])).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
    }

    /// The text's bytes (UTF-8).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline(len, buf) => buf.get(..usize::from(*len)).unwrap_or(&[]),
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// True when empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Inline(len, _) => *len == 0,
            Repr::Heap(s) => s.is_empty(),
        }
    }

    /// Writes the text at the writer's position, escaping what needs it. A short text is copied with
    /// its whole inline buffer (a fixed-size copy), then cut to length.
    #[inline(always)]
    pub(crate) fn write(&self, w: &mut crate::er7::Writer) {
        match &self.0 {
            Repr::Inline(len, buf) => w.text_padded(buf, usize::from(*len)),
            Repr::Heap(s) => w.text_bytes(s.as_bytes()),
        }
    }

    #[inline]
    fn inline(bytes: &[u8]) -> Option<Text> {
        let len = u8::try_from(bytes.len())
            .ok()
            .filter(|&l| usize::from(l) <= INLINE)?;
        let mut buf = [0u8; INLINE];
        copy_short(&mut buf, bytes);
        Some(Text(Repr::Inline(len, buf)))
    }
}

/// Copies `src` (at most [`INLINE`] bytes) to the front of `buf` with fixed-size moves: two
/// overlapping 16-, 8- or 4-byte copies cover any length in their range, and a copy of known size
/// compiles to plain loads and stores where `copy_from_slice` of a variable length calls `memcpy`.
#[inline]
fn copy_short(buf: &mut [u8; INLINE], src: &[u8]) {
    fn two<const N: usize>(buf: &mut [u8; INLINE], src: &[u8]) {
        let n = src.len();
        let (Some(head), Some(tail)) = (src.first_chunk::<N>(), src.last_chunk::<N>()) else {
            return;
        };
        if let Some(d) = buf.first_chunk_mut::<N>() {
            *d = *head;
        }
        if let Some(d) = buf
            .get_mut(n.saturating_sub(N)..n)
            .and_then(|d| d.first_chunk_mut::<N>())
        {
            *d = *tail;
        }
    }
    match src.len() {
        0 => {}
        n @ 1..=3 => {
            // First, middle and last byte cover lengths 1 to 3 (a loop here becomes a `memcpy` call).
            for i in [0, n / 2, n - 1] {
                if let (Some(d), Some(s)) = (buf.get_mut(i), src.get(i)) {
                    *d = *s;
                }
            }
        }
        4..=7 => two::<4>(buf, src),
        8..=15 => two::<8>(buf, src),
        _ => two::<16>(buf, src),
    }
}

impl Text {
    /// True when `bytes` would be held inline (no allocation).
    #[inline]
    pub(crate) fn fits_inline(bytes: &[u8]) -> bool {
        bytes.len() <= INLINE
    }

    /// Sets the text to short bytes the caller knows to be UTF-8 (see [`from_token`](Self::from_token)),
    /// in place when the text is already held inline (a fresh one is).
    #[inline]
    pub(crate) fn set_token(&mut self, bytes: &[u8]) {
        match (u8::try_from(bytes.len()), &mut self.0) {
            (Ok(len), Repr::Inline(l, buf)) if usize::from(len) <= INLINE => {
                // The padding stays zero (the writer's check reads it).
                *buf = [0; INLINE];
                copy_short(buf, bytes);
                *l = len;
            }
            _ => *self = Text::from_token(bytes),
        }
    }

    /// Sets the text to `s`, in place when it can: a short text into the inline buffer, a long one
    /// into the heap buffer the text already holds when that has the same length (a message
    /// decoded into again has the same long texts where it has the same codes), else a new one.
    #[inline]
    pub(crate) fn set_str(&mut self, s: &str) {
        if Text::fits_inline(s.as_bytes()) {
            self.set_token(s.as_bytes());
            return;
        }
        if let Repr::Heap(held) = &mut self.0
            && held.len() == s.len()
        {
            let mut bytes = std::mem::take(held).into_boxed_bytes();
            bytes.copy_from_slice(s.as_bytes());
            // The bytes are `s`'s, so this is UTF-8; the check is the price of staying safe.
            if let Ok(reused) = String::from_utf8(bytes.into_vec()) {
                *held = reused.into_boxed_str();
                return;
            }
        }
        *self = Text(Repr::Heap(s.into()));
    }

    /// A text from bytes the caller knows to be UTF-8 (a plain token of a message that is valid
    /// UTF-8): a short one is copied without a second check, a long one is checked as it becomes a
    /// `Box<str>` (and read as ISO-8859-1 should it not be UTF-8 after all).
    #[inline]
    pub(crate) fn from_token(bytes: &[u8]) -> Text {
        Text::inline(bytes).unwrap_or_else(|| Text::from(crate::er7::escape::bytes_to_text(bytes)))
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::new()
    }
}

impl From<&str> for Text {
    #[inline]
    fn from(s: &str) -> Text {
        Text::inline(s.as_bytes()).unwrap_or_else(|| Text(Repr::Heap(s.into())))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::inline(s.as_bytes()).unwrap_or_else(|| Text(Repr::Heap(s.into_boxed_str())))
    }
}

impl From<Cow<'_, str>> for Text {
    #[inline]
    fn from(s: Cow<'_, str>) -> Text {
        match s {
            Cow::Borrowed(b) => Text::from(b),
            Cow::Owned(o) => Text::from(o),
        }
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_string()
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::from(v))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::Text;

    #[test]
    fn boundary_lengths() {
        for n in [0, 1, 21, 22, 23, 100] {
            let s: String = "é".repeat(n / 2) + &"x".repeat(n % 2);
            let t = Text::from(s.as_str());
            assert_eq!(t.as_str(), s);
            assert_eq!(Text::from(s.clone()), t);
        }
    }

    #[test]
    fn every_inline_length_copies_exactly() {
        // The fixed-size copies overlap differently for each length: check them all, and that the
        // bytes past the length stay zero (equality and hashing read only the text, but keep it clean).
        let source: Vec<u8> = (b'a'..=b'z').collect();
        for n in 0..=super::INLINE + 1 {
            let s = std::str::from_utf8(&source[..n]).unwrap();
            let t = Text::from(s);
            assert_eq!(t.as_str(), s, "length {n}");
            assert_eq!(t.len(), n);
            assert_eq!(t.is_empty(), n == 0);
            for t in [&t, &Text::from_token(s.as_bytes())] {
                assert_eq!(t.as_str(), s, "length {n}");
                if let super::Repr::Inline(_, buf) = &t.0 {
                    // The writer's check for bytes to escape reads the padding.
                    assert!(buf[n..].iter().all(|&b| b == 0), "length {n}");
                }
            }
        }
    }

    #[test]
    fn set_in_place_keeps_the_padding_clean() {
        for before in [
            "",
            "abcdefghijklmnopqrstuv",
            "long enough to live on the heap, surely",
        ] {
            let mut t = Text::from(before);
            t.set_token(b"xy");
            assert_eq!(t, "xy");
            match &t.0 {
                super::Repr::Inline(2, buf) => assert!(buf[2..].iter().all(|&b| b == 0)),
                _ => panic!("not inline"),
            }
        }
        let mut t = Text::new();
        t.set_token(b"abcdefghijklmnopqrstuvwxyz");
        assert_eq!(t, "abcdefghijklmnopqrstuvwxyz");
    }

    #[test]
    fn written_inline_text_is_escaped_and_cut_to_length() {
        let mut w = crate::er7::Writer::new();
        w.begin_segment("ZZZ");
        w.next_field();
        Text::from("a|b^c").write(&mut w);
        w.next_field();
        Text::from("plain").write(&mut w);
        w.next_field();
        Text::from("long enough to live on the heap & escaped").write(&mut w);
        w.end_segment();
        assert_eq!(
            w.finish(),
            b"ZZZ|a\\F\\b\\S\\c|plain|long enough to live on the heap \\T\\ escaped\r"
        );
        // A byte to escape in the last position of each scan width (8, 16, 22 bytes) is found.
        for n in [1, 8, 9, 16, 17, 22] {
            let s = "x".repeat(n - 1) + "~";
            let mut w = crate::er7::Writer::new();
            w.begin_segment("ZZZ");
            w.next_field();
            Text::from(s.as_str()).write(&mut w);
            let out = w.finish();
            let expected = format!("ZZZ|{}\\R\\\r", "x".repeat(n - 1));
            assert_eq!(out, expected.as_bytes(), "length {n}");
        }
    }
}
