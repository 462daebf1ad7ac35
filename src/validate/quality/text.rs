//! Small text helpers for the rules: values trimmed and without the HL7 null, names compared on
//! their letters, words of a name. None allocates.

/// The value trimmed; the HL7 null `""` reads as empty.
pub(super) fn clean(s: &str) -> &str {
    let t = s.trim();
    if t == "\"\"" { "" } else { t }
}

/// [`clean`] of an optional value.
pub(super) fn opt(s: Option<&str>) -> &str {
    s.map_or("", clean)
}

/// True when the letters of `a` (case, spaces and punctuation ignored) are exactly `b`'s (`b` upper
/// case, letters only).
pub(super) fn letters_are(a: &str, b: &str) -> bool {
    let mut x = a.chars().filter(|c| c.is_alphanumeric());
    let mut y = b.chars();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.to_ascii_uppercase() == q => {}
            _ => return false,
        }
    }
}

/// True when the letters of `a` are one of `list`.
pub(super) fn letters_in(a: &str, list: &[&str]) -> bool {
    list.iter().any(|b| letters_are(a, b))
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
        assert!(letters_are("No Name", "NONAME"));
        assert!(letters_are("no-name", "NONAME"));
        assert!(!letters_are("Nonamer", "NONAME"));
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
