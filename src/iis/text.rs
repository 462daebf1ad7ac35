//! Small readers shared by the `iis` modules: field slots, OBX values, and the normal forms in
//! which names, addresses and phone numbers are compared.

use std::borrow::Borrow;

use crate::model::segments::Obx;
use crate::model::types::Varies;

/// The value in a single-value field slot, whether the model holds it inline or boxed.
pub(crate) fn slot<T, B: Borrow<T>>(field: &Option<B>) -> Option<&T> {
    field.as_ref().map(Borrow::borrow)
}

/// A value for a single-value field slot, whether the model holds it inline or boxed.
pub(crate) fn into<T, S: From<T>>(value: T) -> S {
    S::from(value)
}

/// Text as the domain keeps it: `None` when empty (after trimming) or the HL7 null `""`.
pub(crate) fn value(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty() && t != "\"\"").then(|| t.to_string())
}

/// OBX-3.1, trimmed.
pub(crate) fn obx_code(obx: &Obx) -> &str {
    slot::<crate::model::types::Cwe, _>(&obx.observation_identifier)
        .map_or("", |c| c.identifier.as_str().trim())
}

/// OBX-4, trimmed.
pub(crate) fn obx_sub_id(obx: &Obx) -> &str {
    obx.observation_sub_id
        .as_ref()
        .map_or("", |s| s.as_str().trim())
}

/// OBX-5.
pub(crate) fn obx_value(obx: &Obx) -> Option<&Varies> {
    slot(&obx.observation_value)
}

/// OBX-5's first component, trimmed.
pub(crate) fn obx_text(obx: &Obx) -> &str {
    obx_value(obx).map_or("", |v| v.component(1).trim())
}

/// A name, word or code in the form compared: upper case ASCII, common Latin accents folded,
/// punctuation read as a space, runs of spaces collapsed, no leading or trailing space.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = fold_char(c);
        if c.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_uppercase());
        } else if c != '\'' {
            // An apostrophe joins (O'BRIEN is OBRIEN); anything else separates.
            space = true;
        }
    }
    out
}

/// `fold` without the spaces (`MC DONALD` and `MCDONALD` compare equal).
pub(crate) fn squash(s: &str) -> String {
    fold(s).chars().filter(|c| *c != ' ').collect()
}

fn fold_char(c: char) -> char {
    match c {
        'À'..='Å' | 'à'..='å' => 'A',
        'Ç' | 'ç' => 'C',
        'È'..='Ë' | 'è'..='ë' => 'E',
        'Ì'..='Ï' | 'ì'..='ï' => 'I',
        'Ñ' | 'ñ' => 'N',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' => 'O',
        'Ù'..='Ü' | 'ù'..='ü' => 'U',
        'Ý' | 'ý' | 'ÿ' => 'Y',
        _ => c,
    }
}

/// The digits of a text (phone numbers, ZIP codes).
pub(crate) fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// A street line in the form compared: folded, with the USPS street suffixes and directions
/// abbreviated (`123 North Main Street` and `123 N MAIN ST` compare equal).
pub(crate) fn street(s: &str) -> String {
    fold(s)
        .split(' ')
        .map(|w| {
            STREET_WORDS
                .iter()
                .find(|(long, _)| *long == w)
                .map_or(w, |(_, short)| short)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// USPS abbreviations of the common street suffixes and directions (Publication 28, appendix C).
const STREET_WORDS: &[(&str, &str)] = &[
    ("AVENUE", "AVE"),
    ("BOULEVARD", "BLVD"),
    ("CIRCLE", "CIR"),
    ("COURT", "CT"),
    ("DRIVE", "DR"),
    ("EAST", "E"),
    ("HIGHWAY", "HWY"),
    ("LANE", "LN"),
    ("NORTH", "N"),
    ("PARKWAY", "PKWY"),
    ("PLACE", "PL"),
    ("ROAD", "RD"),
    ("SOUTH", "S"),
    ("SQUARE", "SQ"),
    ("STREET", "ST"),
    ("TERRACE", "TER"),
    ("TRAIL", "TRL"),
    ("WEST", "W"),
    ("APARTMENT", "APT"),
    ("SUITE", "STE"),
];

/// A ZIP code's first five digits, when it has them.
pub(crate) fn zip5(s: &str) -> Option<String> {
    let d = digits(s);
    (d.len() >= 5).then(|| d.chars().take(5).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_streets_fold() {
        assert_eq!(fold("  o'Brien-Smith "), "OBRIEN SMITH");
        assert_eq!(fold("José  María"), "JOSE MARIA");
        assert_eq!(squash("Mc Donald"), "MCDONALD");
        assert_eq!(street("123 North Main Street"), "123 N MAIN ST");
        assert_eq!(zip5("04330-1234"), Some("04330".to_string()));
        assert_eq!(zip5("0433"), None);
    }
}
