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
    pub fn is_empty(&self) -> bool {
        self.as_bytes().is_empty()
    }

    #[inline]
    fn inline(s: &str) -> Option<Text> {
        let bytes = s.as_bytes();
        let len = u8::try_from(bytes.len())
            .ok()
            .filter(|&l| usize::from(l) <= INLINE)?;
        let mut buf = [0u8; INLINE];
        buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(Text(Repr::Inline(len, buf)))
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
        Text::inline(s).unwrap_or_else(|| Text(Repr::Heap(s.into())))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::inline(&s).unwrap_or_else(|| Text(Repr::Heap(s.into_boxed_str())))
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
}
