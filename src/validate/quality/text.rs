//! Small text helpers for the rules: values trimmed and without the HL7 null, names compared on
//! their letters, words of a name. None allocates.

/// The value trimmed; the HL7 null `""` reads as empty.
pub(super) fn clean(s: &str) -> &str {
    let t = s.trim_ascii();
    if t == "\"\"" { "" } else { t }
}

/// [`clean`] of a value's bytes, without reading them as a string (ASCII whitespace trimmed, as
/// `clean` trims).
pub(super) fn clean_bytes(b: &[u8]) -> &[u8] {
    let t = b.trim_ascii();
    if t == b"\"\"" { b"" } else { t }
}

/// True when a value's bytes are empty, blank or the HL7 null: `clean(text).is_empty()` without
/// reading the text as a string.
pub(super) fn blank(t: &[u8]) -> bool {
    clean_bytes(t).is_empty()
}

/// [`clean`] of an optional value.
pub(super) fn opt(s: Option<&str>) -> &str {
    s.map_or("", clean)
}

/// The letters and digits of a name, upper case, held on the stack, to compare with name lists
/// (whose entries are ASCII and shorter than 32).
pub(super) struct Letters {
    buf: [u8; 32],
    /// How many; `None` when no list entry can match (a letter outside ASCII, or too many).
    len: Option<usize>,
}

impl Letters {
    /// The letters of `s` (case, spaces and punctuation ignored).
    pub fn of(s: &str) -> Letters {
        let mut buf = [0u8; 32];
        let mut len = 0;
        for c in s.chars().filter(|c| c.is_alphanumeric()) {
            let (true, Some(slot)) = (c.is_ascii(), buf.get_mut(len)) else {
                return Letters { buf, len: None };
            };
            *slot = c.to_ascii_uppercase() as u8;
            len += 1;
        }
        Letters {
            buf,
            len: Some(len),
        }
    }

    /// True when the letters are exactly `b` (upper case, letters only).
    pub fn is(&self, b: &str) -> bool {
        self.len
            .and_then(|len| self.buf.get(..len))
            .is_some_and(|l| l == b.as_bytes())
    }

    /// True when the letters are one of `list`.
    pub fn is_in(&self, list: &[&str]) -> bool {
        list.iter().any(|b| self.is(b))
    }
}

/// True when the letters of `a` are one of `list` (see [`Letters`]).
pub(super) fn letters_in(a: &str, list: &[&str]) -> bool {
    Letters::of(a).is_in(list)
}

/// The words of a name (split on spaces, hyphens and periods), without empty ones.
pub(super) fn words(s: &str) -> impl Iterator<Item = &str> + Clone {
    s.split([' ', '-', '.', ',']).filter(|w| !w.is_empty())
}

/// True when `w` is one of `list`, ASCII case ignored.
pub(super) fn is_one_of(w: &str, list: &[&str]) -> bool {
    list.iter().any(|b| w.eq_ignore_ascii_case(b))
}

/// ASCII case-insensitive "contains".
pub(super) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// ASCII case-insensitive "starts with".
pub(super) fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.as_bytes()
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// ASCII case-insensitive "ends with".
pub(super) fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()
            .get(s.len() - suffix.len()..)
            .is_some_and(|p| p.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// True when every character is an ASCII digit (and there is one).
pub(super) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(clean(" \"\" "), "");
        assert_eq!(clean(" a "), "a");
        assert!(Letters::of("No Name").is("NONAME"));
        assert!(letters_in("no-name", &["X", "NONAME"]));
        assert!(!Letters::of("Nonamer").is("NONAME"));
        assert!(!Letters::of("Nöname").is("NONAME") && !Letters::of(&"A".repeat(40)).is("A"));
        assert_eq!(
            words("Baby  Boy-A.").collect::<Vec<_>>(),
            ["Baby", "Boy", "A"]
        );
        assert!(starts_with_ignore_case("lot#123", "LOT#"));
        assert!(!starts_with_ignore_case("lo", "LOT"));
        assert!(ends_with_ignore_case("U1234(p)", "(P)"));
        assert!(contains_ignore_case("xxPentacelxx", "PENTACEL"));
        assert!(all_digits("0123") && !all_digits("") && !all_digits("12a"));
    }
}
