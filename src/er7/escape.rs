//! Escape sequences: decoding a raw value into text, and encoding text so it survives the wire.
//!
//! Decoding happens only when a value is asked for, and borrows from the input when there is nothing to
//! decode. The sequences understood are `\F\ \S\ \T\ \R\ \E\` (the delimiters), `\P\` (truncation, when
//! MSH-2 declares one), `\Xhh..\` (hexadecimal bytes, read as UTF-8 or else ISO-8859-1), `\.br\` and
//! `\.sp\` (line breaks, decoded as `\n`) and the highlighting pair `\H\ \N\` (dropped from plain text).
//! Anything else (`\Cxxyy\`, `\Mxxyyzz\`, `\Z..\`, other formatting commands, a lone escape character)
//! is kept verbatim and reported as an [`EscapeIssue`].
//!
//! Encoding writes every delimiter and the escape character as its sequence, CR as `\X0D\`, LF as
//! `\X0A\`, and the MLLP block bytes `0x0B` and `0x1C` as `\X0B\` and `\X1C\` (so that encoded text
//! can never close an MLLP frame early). Hence `decode(encode(s)) == s` for every string `s`.

use std::borrow::Cow;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use super::delimiters::Delimiters;

/// An escape sequence that could not be decoded; it was kept verbatim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct EscapeIssue {
    /// Offset of the escape character within the raw value.
    pub offset: usize,
    /// What was wrong with it.
    pub kind: EscapeIssueKind,
}

/// Why an escape sequence was kept verbatim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum EscapeIssueKind {
    /// An escape character with no closing escape character, or with characters that cannot form a
    /// sequence before it.
    Unterminated,
    /// A well-formed sequence this library does not interpret (`\Z..\`, `\C..\`, `\M..\`, `\.in\`...).
    Unsupported,
    /// A `\X..\` sequence with an odd number of digits or a non-hexadecimal digit.
    BadHex,
}

/// Reads raw bytes as text: borrowed when they are UTF-8, else each byte as an ISO-8859-1 character
/// (lossless; the parser reports [`WarningKind::NonUtf8`](super::WarningKind::NonUtf8)).
pub fn bytes_to_text(raw: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(raw.iter().map(|&b| char::from(b)).collect()),
    }
}

/// Decodes the escape sequences of a raw value.
///
/// ```
/// use izmsg::er7::{escape, Delimiters};
/// let d = Delimiters::default();
/// assert_eq!(escape::decode(b"Smith\\T\\Jones", &d), "Smith&Jones");
/// assert!(matches!(escape::decode(b"plain", &d), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn decode<'a>(raw: &'a [u8], d: &Delimiters) -> Cow<'a, str> {
    decode_inner(raw, d, &mut |_| {})
}

/// Decodes like [`decode`], and lists the sequences that were kept verbatim.
///
/// ```
/// use izmsg::er7::{escape, Delimiters, EscapeIssueKind};
/// let mut issues = Vec::new();
/// let text = escape::decode_with_issues(b"C:\\temp", &Delimiters::default(), &mut issues);
/// assert_eq!(text, "C:\\temp");
/// assert_eq!(issues[0].kind, EscapeIssueKind::Unterminated);
/// ```
pub fn decode_with_issues<'a>(
    raw: &'a [u8],
    d: &Delimiters,
    issues: &mut Vec<EscapeIssue>,
) -> Cow<'a, str> {
    decode_inner(raw, d, &mut |i| issues.push(i))
}

fn decode_inner<'a>(
    raw: &'a [u8],
    d: &Delimiters,
    report: &mut dyn FnMut(EscapeIssue),
) -> Cow<'a, str> {
    let Some(first) = raw.iter().position(|&b| b == d.escape) else {
        return bytes_to_text(raw);
    };
    let mut out: Vec<u8> = Vec::with_capacity(raw.len());
    let (head, mut rest) = raw.split_at(first);
    out.extend_from_slice(head);
    let mut consumed = first;
    while let Some((&esc, after)) = rest.split_first() {
        if esc != d.escape {
            // Copy up to the next escape character.
            let n = rest
                .iter()
                .position(|&b| b == d.escape)
                .unwrap_or(rest.len());
            let (text, tail) = rest.split_at(n);
            out.extend_from_slice(text);
            consumed += n;
            rest = tail;
            continue;
        }
        let close = after.iter().position(|&b| b == d.escape);
        let body = close.and_then(|c| after.get(..c));
        let body = match body {
            Some(b)
                if !b.is_empty() && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'.') =>
            {
                b
            }
            _ => {
                report(EscapeIssue {
                    offset: consumed,
                    kind: EscapeIssueKind::Unterminated,
                });
                out.push(esc);
                consumed += 1;
                rest = after;
                continue;
            }
        };
        let whole = body.len() + 2;
        let verbatim = rest.get(..whole).unwrap_or(rest);
        match decode_sequence(body, d) {
            Ok(Some(bytes)) => out.extend_from_slice(bytes.as_slice()),
            Ok(None) => {}
            Err(kind) => {
                report(EscapeIssue {
                    offset: consumed,
                    kind,
                });
                out.extend_from_slice(verbatim);
            }
        }
        consumed += whole;
        rest = rest.get(whole..).unwrap_or(&[]);
    }
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(e) => Cow::Owned(e.into_bytes().iter().map(|&b| char::from(b)).collect()),
    }
}

/// Up to a few bytes of decoded output, without allocating for the common one-byte case.
enum Decoded {
    One(u8),
    Many(Vec<u8>),
}

impl Decoded {
    fn as_slice(&self) -> &[u8] {
        match self {
            Decoded::One(b) => std::slice::from_ref(b),
            Decoded::Many(v) => v,
        }
    }
}

fn decode_sequence(body: &[u8], d: &Delimiters) -> Result<Option<Decoded>, EscapeIssueKind> {
    Ok(Some(match body {
        b"F" => Decoded::One(d.field),
        b"S" => Decoded::One(d.component),
        b"T" => Decoded::One(d.subcomponent),
        b"R" => Decoded::One(d.repetition),
        b"E" => Decoded::One(d.escape),
        b"P" => match d.truncation {
            Some(t) => Decoded::One(t),
            None => return Err(EscapeIssueKind::Unsupported),
        },
        b"H" | b"N" => return Ok(None),
        b".br" | b".sp" => Decoded::One(b'\n'),
        [b'X', hex @ ..] => Decoded::Many(decode_hex(hex)?),
        _ => return Err(EscapeIssueKind::Unsupported),
    }))
}

fn decode_hex(hex: &[u8]) -> Result<Vec<u8>, EscapeIssueKind> {
    if hex.is_empty() || hex.len() % 2 != 0 {
        return Err(EscapeIssueKind::BadHex);
    }
    hex.chunks_exact(2)
        .map(|pair| match pair {
            [hi, lo] => Ok((hex_digit(*hi)? << 4) | hex_digit(*lo)?),
            _ => Err(EscapeIssueKind::BadHex),
        })
        .collect()
}

fn hex_digit(b: u8) -> Result<u8, EscapeIssueKind> {
    match b {
        b'0'..=b'9' => Ok(b - b'0'),
        b'a'..=b'f' => Ok(b - b'a' + 10),
        b'A'..=b'F' => Ok(b - b'A' + 10),
        _ => Err(EscapeIssueKind::BadHex),
    }
}

fn needs_escape(b: u8, d: &Delimiters) -> bool {
    d.is_special(b) || matches!(b, b'\r' | b'\n' | 0x0B | 0x1C)
}

/// Encodes text for the wire: borrowed when nothing needs escaping.
///
/// ```
/// use izmsg::er7::{escape, Delimiters};
/// let d = Delimiters::default();
/// assert_eq!(escape::encode("A|B^C", &d), "A\\F\\B\\S\\C");
/// let s = "any ^ text | with \\ delimiters & more ~ and\r\nbreaks";
/// assert_eq!(escape::decode(escape::encode(s, &d).as_bytes(), &d), s);
/// ```
pub fn encode<'t>(text: &'t str, d: &Delimiters) -> Cow<'t, str> {
    if !text.bytes().any(|b| needs_escape(b, d)) {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len() + 8);
    encode_into(text, d, &mut out);
    bytes_to_text(&out).into_owned().into()
}

/// Appends the encoded form of `text` to `out`.
pub fn encode_into(text: &str, d: &Delimiters, out: &mut Vec<u8>) {
    encode_bytes(text.as_bytes(), d, &SpecialBytes::new(d), out);
}

/// Which bytes need an escape sequence under a set of delimiters: a lookup table built once per writer.
#[derive(Debug, Clone)]
pub(crate) struct SpecialBytes([bool; 256]);

/// The table for the standard delimiters, built at compile time.
static STANDARD: SpecialBytes = SpecialBytes::build(b"|^~\\&", None);

impl SpecialBytes {
    pub(crate) fn new(d: &Delimiters) -> SpecialBytes {
        if *d == Delimiters::default() {
            return STANDARD.clone();
        }
        let set = [d.field, d.component, d.repetition, d.escape, d.subcomponent];
        SpecialBytes::build(&set, d.truncation)
    }

    // Indices are bytes into a 256-entry table: they cannot be out of bounds.
    #[allow(clippy::indexing_slicing)]
    const fn build(set: &[u8; 5], truncation: Option<u8>) -> SpecialBytes {
        let mut t = [false; 256];
        let mut i = 0;
        while i < set.len() {
            t[set[i] as usize] = true;
            i += 1;
        }
        if let Some(b) = truncation {
            t[b as usize] = true;
        }
        t[b'\r' as usize] = true;
        t[b'\n' as usize] = true;
        t[0x0B] = true;
        t[0x1C] = true;
        SpecialBytes(t)
    }

    #[inline]
    pub(crate) fn contains(&self, b: u8) -> bool {
        // A byte indexes a 256-entry table: always in bounds.
        #[allow(clippy::indexing_slicing)]
        self.0[usize::from(b)]
    }
}

/// The letters of the escape sequence for a byte that needs one.
fn escape_code(b: u8, d: &Delimiters) -> &'static [u8] {
    if b == d.field {
        b"F"
    } else if b == d.component {
        b"S"
    } else if b == d.subcomponent {
        b"T"
    } else if b == d.repetition {
        b"R"
    } else if b == d.escape {
        b"E"
    } else if Some(b) == d.truncation {
        b"P"
    } else if b == b'\r' {
        b"X0D"
    } else if b == b'\n' {
        b"X0A"
    } else if b == 0x0B {
        b"X0B"
    } else {
        b"X1C"
    }
}

/// Appends UTF-8 `bytes` to `out`, escaping with a precomputed table: no allocation, clean runs
/// copied with one `extend`. Most values need no escape: one scan finds that, then one copy.
#[inline]
pub(crate) fn encode_bytes(
    bytes: &[u8],
    d: &Delimiters,
    special: &SpecialBytes,
    out: &mut Vec<u8>,
) {
    match bytes.iter().position(|&b| special.contains(b)) {
        None => out.extend_from_slice(bytes),
        Some(first) => encode_escaping(bytes, first, d, special, out),
    }
}

/// [`encode_bytes`] from the first byte that needs an escape sequence.
#[cold]
fn encode_escaping(
    bytes: &[u8],
    first: usize,
    d: &Delimiters,
    special: &SpecialBytes,
    out: &mut Vec<u8>,
) {
    out.extend_from_slice(bytes.get(..first).unwrap_or(&[]));
    let mut start = first;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        if special.contains(b) {
            out.extend_from_slice(bytes.get(start..i).unwrap_or(&[]));
            start = i + 1;
            out.push(d.escape);
            out.extend_from_slice(escape_code(b, d));
            out.push(d.escape);
        }
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or(&[]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> Delimiters {
        Delimiters::default()
    }

    #[test]
    fn decodes_every_delimiter_sequence() {
        assert_eq!(decode(br"\F\\S\\T\\R\\E\", &d()), r"|^&~\");
    }

    #[test]
    fn hex_is_read_as_utf8_then_latin1() {
        assert_eq!(decode(br"caf\XC3A9\", &d()), "café");
        assert_eq!(decode(br"caf\XE9\", &d()), "caf\u{e9}");
    }

    #[test]
    fn highlight_dropped_and_breaks_become_newlines() {
        assert_eq!(
            decode(br"\H\bold\N\ line\.br\next", &d()),
            "bold line\nnext"
        );
    }

    #[test]
    fn unknown_and_malformed_are_verbatim_with_issue() {
        let mut issues = Vec::new();
        let text = decode_with_issues(br"a\Zfoo\b\X4\c\", &d(), &mut issues);
        assert_eq!(text, r"a\Zfoo\b\X4\c\");
        let kinds: Vec<_> = issues.iter().map(|i| (i.offset, i.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (1, EscapeIssueKind::Unsupported),
                (8, EscapeIssueKind::BadHex),
                (13, EscapeIssueKind::Unterminated)
            ]
        );
    }

    #[test]
    fn truncation_only_when_declared() {
        let mut with = d();
        with.truncation = Some(b'#');
        assert_eq!(decode(br"a\P\b", &with), "a#b");
        assert_eq!(encode("a#b", &with), r"a\P\b");
        assert_eq!(decode(br"a\P\b", &d()), r"a\P\b");
        assert_eq!(encode("a#b", &d()), "a#b");
    }

    #[test]
    fn mllp_block_bytes_are_escaped() {
        let s = "a\u{b}b\u{1c}\rc";
        let e = encode(s, &d());
        assert_eq!(e, r"a\X0B\b\X1C\\X0D\c");
        assert_eq!(decode(e.as_bytes(), &d()), s);
    }

    #[test]
    fn non_utf8_raw_is_latin1() {
        assert_eq!(decode(b"Jos\xe9", &d()), "Jos\u{e9}");
    }
}
