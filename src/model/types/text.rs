//! [`Text`]: the string every primitive value holds, 16 bytes, stored inline when short.
//!
//! Most HL7 values are short (codes, dates, names, identifiers), so a value of up to 15 bytes lives
//! inside the `Text` itself and decoding a message allocates only for the long ones. A value of up
//! to 63 bytes is one allocation of 32 or 64 bytes (its length in the first byte, then its bytes);
//! a longer one is a boxed `Box<str>` (two allocations; such values are rare: free text).
//! (Four forms, not more: each heap form adds a branch to every text's drop.) A `Text` and an `Option<Text>` are both 16
//! bytes, which is what every primitive field and component of a decoded message costs when empty.
//! Reading the value as `&str` checks its UTF-8 (a few nanoseconds for a short value); writing it to
//! the wire reads the bytes directly.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem::ManuallyDrop;

const INLINE: usize = 15;

/// An immutable string of 16 bytes, inline up to 15 bytes.
///
/// ```
/// use izmsg::model::types::Text;
/// let t = Text::from("208");
/// assert_eq!(t.as_str(), "208");
/// assert_eq!(t, "208");
/// let long = Text::from("COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose");
/// assert!(long.as_str().starts_with("COVID"));
/// assert_eq!(std::mem::size_of::<Option<Text>>(), 16);
/// ```
#[derive(Clone)]
pub struct Text(ManuallyDrop<Repr>);

impl Drop for Text {
    /// Most texts are inline and have nothing to free: that test is made here, where it inlines,
    /// and only a heap text pays for a call. (Left to the compiler, dropping any text was a call
    /// through the enum's drop glue: a tenth of a whole decode's instructions.)
    #[inline(always)]
    fn drop(&mut self) {
        if !matches!(*self.0, Repr::Inline(..)) {
            free(&mut self.0);
        }
    }
}

/// Drops a heap text's allocation, leaving the empty text.
#[cold]
#[inline(never)]
fn free(repr: &mut Repr) {
    drop(std::mem::replace(repr, Repr::Inline(Len::L0, [0; INLINE])));
}

/// The length of an inline text: an enum, so that the values 16 to 255 of its byte are free to tell
/// the heap forms apart and `Option<Text>` needs no more room.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Len {
    L0,
    L1,
    L2,
    L3,
    L4,
    L5,
    L6,
    L7,
    L8,
    L9,
    L10,
    L11,
    L12,
    L13,
    L14,
    L15,
}

impl Len {
    const ALL: [Len; INLINE + 1] = [
        Len::L0,
        Len::L1,
        Len::L2,
        Len::L3,
        Len::L4,
        Len::L5,
        Len::L6,
        Len::L7,
        Len::L8,
        Len::L9,
        Len::L10,
        Len::L11,
        Len::L12,
        Len::L13,
        Len::L14,
        Len::L15,
    ];

    #[inline]
    fn of(n: usize) -> Option<Len> {
        Len::ALL.get(n).copied()
    }
}

/// A heap text of 16 to `N` bytes: its length, then its bytes (zero past the length).
#[derive(Clone)]
struct Chunk<const N: usize> {
    len: u8,
    bytes: [u8; N],
}

impl<const N: usize> Chunk<N> {
    #[inline]
    fn boxed(src: &[u8]) -> Option<Box<Chunk<N>>> {
        let len = u8::try_from(src.len())
            .ok()
            .filter(|&l| usize::from(l) <= N)?;
        let mut c = Box::new(Chunk { len, bytes: [0; N] });
        c.bytes.get_mut(..src.len())?.copy_from_slice(src);
        Some(c)
    }

    #[inline]
    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// Holds `src` (of at most `N` bytes) instead, keeping the bytes past it zero.
    #[inline]
    fn set(&mut self, src: &[u8]) {
        if let (Ok(len), Some(to)) = (u8::try_from(src.len()), self.bytes.get_mut(..src.len())) {
            to.copy_from_slice(src);
            if let Some(rest) = self.bytes.get_mut(src.len()..usize::from(self.len)) {
                rest.fill(0);
            }
            self.len = len;
        }
    }
}

#[derive(Clone)]
enum Repr {
    Inline(Len, [u8; INLINE]),
    H32(Box<Chunk<31>>),
    H64(Box<Chunk<63>>),
    Long(Box<Box<str>>),
}

impl Text {
    /// The longest text held inline, without an allocation.
    pub const INLINE: usize = INLINE;

    /// The empty string.
    pub const fn new() -> Text {
        Text(ManuallyDrop::new(Repr::Inline(Len::L0, [0; INLINE])))
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &*self.0 {
            Repr::Long(s) => s,
            // Only ever built from a `&str` or checked bytes: the check cannot fail.
            _ => std::str::from_utf8(self.as_bytes()).unwrap_or(""),
        }
    }

    /// The text's bytes (UTF-8).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &*self.0 {
            Repr::Inline(len, buf) => buf.get(..*len as usize).unwrap_or(&[]),
            Repr::H32(c) => c.as_bytes(),
            Repr::H64(c) => c.as_bytes(),
            Repr::Long(s) => s.as_bytes(),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// True when empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        match &*self.0 {
            Repr::Inline(len, _) => *len == Len::L0,
            Repr::Long(s) => s.is_empty(),
            _ => false,
        }
    }

    /// Writes the text at the writer's position, escaping what needs it. A text of up to 63
    /// bytes is copied with its whole buffer (a fixed-size copy), then cut to length.
    #[inline(always)]
    pub(crate) fn write(&self, w: &mut crate::er7::Writer) {
        match &*self.0 {
            Repr::Inline(len, buf) => w.text_padded(buf, *len as usize),
            Repr::H32(c) => w.text_padded(&c.bytes, usize::from(c.len)),
            Repr::H64(c) => w.text_padded(&c.bytes, usize::from(c.len)),
            Repr::Long(s) => w.text_bytes(s.as_bytes()),
        }
    }

    #[inline]
    fn inline(bytes: &[u8]) -> Option<Text> {
        let len = Len::of(bytes.len())?;
        let mut buf = [0u8; INLINE];
        copy_short(&mut buf, bytes);
        Some(Text(ManuallyDrop::new(Repr::Inline(len, buf))))
    }

    /// A text of bytes known to be UTF-8, in the smallest form that holds it.
    #[inline]
    fn of_utf8(bytes: &[u8]) -> Option<Text> {
        Text::inline(bytes).or_else(|| {
            Some(Text(ManuallyDrop::new(match bytes.len() {
                16..=31 => Repr::H32(Chunk::boxed(bytes)?),
                32..=63 => Repr::H64(Chunk::boxed(bytes)?),
                _ => return None,
            })))
        })
    }
}

/// Copies `src` (at most [`INLINE`] bytes) to the front of `buf` with fixed-size moves: two
/// overlapping 8- or 4-byte copies cover any length in their range, and a copy of known size
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
        _ => two::<8>(buf, src),
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
        match (Len::of(bytes.len()), &mut *self.0) {
            (Some(len), Repr::Inline(l, buf)) => {
                // The padding stays zero (the writer's check reads it).
                *buf = [0; INLINE];
                copy_short(buf, bytes);
                *l = len;
            }
            _ => *self = Text::from_token(bytes),
        }
    }

    /// Sets the text to `s`, in place when it can: a short text into the inline buffer, one of 16
    /// to 63 bytes into the heap chunk of its size the text already holds, a longer one into the
    /// `Box<str>` it holds when that has the same length (a message decoded into again has the
    /// same long texts where it has the same codes); else a new one.
    #[inline]
    pub(crate) fn set_str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        match (&mut *self.0, bytes.len()) {
            (_, 0..=INLINE) => self.set_token(bytes),
            (Repr::H32(c), 16..=31) => c.set(bytes),
            (Repr::H64(c), 32..=63) => c.set(bytes),
            (Repr::Long(held), n) if n > 63 && held.len() == n => {
                let mut reused = std::mem::take(&mut **held).into_boxed_bytes();
                reused.copy_from_slice(bytes);
                // The bytes are `s`'s, so this is UTF-8; the check is the price of staying safe.
                match String::from_utf8(reused.into_vec()) {
                    Ok(text) => **held = text.into_boxed_str(),
                    Err(_) => *self = Text::from(s),
                }
            }
            _ => *self = Text::from(s),
        }
    }

    /// A text from bytes the caller knows to be UTF-8 (a plain token of a message that is valid
    /// UTF-8): a text of up to 63 bytes is copied without a second check, a longer one is checked
    /// as it becomes a `Box<str>` (and read as ISO-8859-1 should it not be UTF-8 after all).
    #[inline]
    pub(crate) fn from_token(bytes: &[u8]) -> Text {
        Text::of_utf8(bytes).unwrap_or_else(|| Text::from(crate::er7::escape::bytes_to_text(bytes)))
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
        Text::of_utf8(s.as_bytes())
            .unwrap_or_else(|| Text(ManuallyDrop::new(Repr::Long(Box::new(s.into())))))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::of_utf8(s.as_bytes())
            .unwrap_or_else(|| Text(ManuallyDrop::new(Repr::Long(Box::new(s.into_boxed_str())))))
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
        for n in [
            0, 1, 14, 15, 16, 17, 30, 31, 32, 62, 63, 64, 126, 127, 128, 254, 255, 256, 257, 600,
        ] {
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
                if let super::Repr::Inline(_, buf) = &*t.0 {
                    // The writer's check for bytes to escape reads the padding.
                    assert!(buf[n..].iter().all(|&b| b == 0), "length {n}");
                }
            }
        }
    }

    #[test]
    fn a_text_is_sixteen_bytes_and_heap_texts_keep_their_padding_clean() {
        assert_eq!(std::mem::size_of::<Text>(), 16);
        assert_eq!(std::mem::size_of::<Option<Text>>(), 16);
        let source: Vec<u8> = (0..300).map(|i| b'a' + (i % 26) as u8).collect();
        for n in 0..=300 {
            let s = std::str::from_utf8(&source[..n]).unwrap();
            for t in [
                Text::from(s),
                Text::from_token(s.as_bytes()),
                Text::from(s.to_string()),
            ] {
                assert_eq!(t.as_str(), s, "length {n}");
                assert_eq!(t.len(), n);
                assert_eq!(t.is_empty(), n == 0);
                let padding = match &*t.0 {
                    super::Repr::H32(c) => &c.bytes[n..],
                    super::Repr::H64(c) => &c.bytes[n..],
                    super::Repr::Inline(_, buf) => &buf[n..],
                    super::Repr::Long(_) => {
                        assert!(n > 63, "length {n}");
                        &[]
                    }
                };
                assert!(padding.iter().all(|&b| b == 0), "length {n}");
            }
        }
    }

    #[test]
    fn set_str_reuses_what_it_can_and_always_holds_the_new_text() {
        let source: String = (0..200)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let lengths = [
            0, 5, 15, 16, 31, 20, 17, 32, 63, 40, 33, 64, 100, 100, 64, 3, 0, 31, 200,
        ];
        let mut t = Text::new();
        for (i, &n) in lengths.iter().enumerate() {
            let s = &source[i % 3..i % 3 + n];
            let before = match &*t.0 {
                super::Repr::H32(c) => Some(&**c as *const _ as usize),
                super::Repr::H64(c) => Some(&**c as *const _ as usize),
                _ => None,
            };
            t.set_str(s);
            assert_eq!(t.as_str(), s, "length {n}");
            assert_eq!(t, Text::from(s), "length {n}");
            let (after, padding) = match &*t.0 {
                super::Repr::H32(c) => (Some(&**c as *const _ as usize), &c.bytes[n..]),
                super::Repr::H64(c) => (Some(&**c as *const _ as usize), &c.bytes[n..]),
                super::Repr::Inline(_, buf) => (None, &buf[n..]),
                super::Repr::Long(_) => (None, &[][..]),
            };
            assert!(padding.iter().all(|&b| b == 0), "length {n}");
            // A chunk of the right size is written in place.
            if let (Some(b), Some(a)) = (before, after)
                && i > 0
                && (lengths[i - 1] > 31) == (n > 31)
            {
                assert_eq!(a, b, "length {n} after {}", lengths[i - 1]);
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
            match &*t.0 {
                super::Repr::Inline(super::Len::L2, buf) => {
                    assert!(buf[2..].iter().all(|&b| b == 0))
                }
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
        // A byte to escape in the last position of each scan width (8, 16 bytes, the inline buffer
        // and each heap size) is found.
        for n in [1, 8, 9, 15, 16, 17, 31, 32, 63, 64, 127, 128, 255, 256] {
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
