//! Carrying HL7 text in XML: escaped or in CDATA, with its CR segment terminators intact.
//!
//! XML normalises line ends: a parser turns every literal CR (and CR LF) into LF, in CDATA sections
//! too. Only a character reference (`&#xD;`) reaches the application as a CR. So the writer puts
//! every CR as `&#xD;`, in escaped text and between CDATA sections alike, and the reader, after the
//! XML parser has done its normalising, turns every line end of an HL7 payload (LF, CR LF, CR) back
//! into the CR that HL7 wants. A payload written here reads back byte for byte, and so does one from
//! a registry that put literal CRs in a CDATA section.

use super::error::WriteError;

/// How the HL7 payload (`hl7Message`, `return`, `Hl7Message`) is written. Both read back the same.
///
/// ```
/// use izmsg::iis::soap::PayloadStyle;
/// assert_eq!(PayloadStyle::default(), PayloadStyle::Escaped);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PayloadStyle {
    /// `&` as `&amp;`, `<` as `&lt;`, `>` as `&gt;`, CR as `&#xD;`.
    #[default]
    Escaped,
    /// In `<![CDATA[ ... ]]>` sections, split around each CR (written `&#xD;` between sections) and
    /// inside each `]]>`.
    Cdata,
}

/// Whether XML 1.0 allows the character (production `Char`).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character XML 1.0 cannot carry, with its byte offset.
pub(crate) fn first_illegal(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| !is_xml_char(c))
}

/// Checks that `text` can be written as the text of `element`.
pub(crate) fn check(element: &'static str, text: &str) -> Result<(), WriteError> {
    match first_illegal(text) {
        None => Ok(()),
        Some((offset, c)) => Err(WriteError::IllegalChar {
            element,
            offset,
            code: u32::from(c),
        }),
    }
}

/// Appends `text` escaped for element content. The caller has [`check`]ed it.
pub(crate) fn escape_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '\r']) {
        let (plain, tail) = rest.split_at(i);
        out.push_str(plain);
        let mut chars = tail.chars();
        match chars.next() {
            Some('&') => out.push_str("&amp;"),
            Some('<') => out.push_str("&lt;"),
            Some('>') => out.push_str("&gt;"),
            Some('\r') => out.push_str("&#xD;"),
            Some(c) => out.push(c),
            None => {}
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
}

/// Appends `text` as CDATA sections, each CR as `&#xD;` between sections, each `]]>` split across two
/// sections. The caller has [`check`]ed it.
pub(crate) fn cdata_into(text: &str, out: &mut String) {
    let mut open = false;
    let mut rest = text;
    while !rest.is_empty() {
        let cut = rest.find(['\r', ']']).unwrap_or(rest.len());
        let (plain, tail) = rest.split_at(cut);
        if !plain.is_empty() {
            if !open {
                out.push_str("<![CDATA[");
                open = true;
            }
            out.push_str(plain);
        }
        if let Some(after) = tail.strip_prefix('\r') {
            if open {
                out.push_str("]]>");
                open = false;
            }
            out.push_str("&#xD;");
            rest = after;
        } else if let Some(after) = tail.strip_prefix("]]>") {
            // "]]" ends this section; ">" starts the next one.
            if !open {
                out.push_str("<![CDATA[");
            }
            out.push_str("]]]]>");
            open = false;
            rest = tail.get(2..).unwrap_or(after);
        } else if let Some(after) = tail.strip_prefix(']') {
            if !open {
                out.push_str("<![CDATA[");
                open = true;
            }
            out.push(']');
            rest = after;
        } else {
            rest = tail;
        }
    }
    if open {
        out.push_str("]]>");
    }
}

/// Appends an HL7 payload in the chosen style.
pub(crate) fn payload_into(text: &str, style: PayloadStyle, out: &mut String) {
    match style {
        PayloadStyle::Escaped => escape_into(text, out),
        PayloadStyle::Cdata => cdata_into(text, out),
    }
}

/// An HL7 payload as read from XML, made HL7 again: every line end (LF, CR LF, CR, as XML
/// normalisation and character references left them) becomes CR; the white space that pretty-printed
/// XML puts before the message and after its last segment is dropped (a final CR is kept if there was
/// one).
pub(crate) fn normalize_hl7(text: &str) -> String {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    let start = text.trim_start_matches(is_ws);
    let body = start.trim_end_matches(is_ws);
    let tail = start.get(body.len()..).unwrap_or("");
    let mut out = String::with_capacity(body.len() + 1);
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\r');
            }
            '\n' => out.push('\r'),
            c => out.push(c),
        }
    }
    if tail.contains(['\r', '\n']) {
        out.push('\r');
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn escaped(t: &str) -> String {
        let mut s = String::new();
        escape_into(t, &mut s);
        s
    }

    fn cdata(t: &str) -> String {
        let mut s = String::new();
        cdata_into(t, &mut s);
        s
    }

    #[test]
    fn escapes_markup_and_cr() {
        assert_eq!(escaped("a&b<c>d\re"), "a&amp;b&lt;c&gt;d&#xD;e");
        assert_eq!(escaped("é\n"), "é\n");
    }

    #[test]
    fn cdata_splits_at_cr_and_at_section_end() {
        assert_eq!(cdata("ab"), "<![CDATA[ab]]>");
        assert_eq!(cdata("a\rb\r"), "<![CDATA[a]]>&#xD;<![CDATA[b]]>&#xD;");
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(cdata("]]>"), "<![CDATA[]]]]><![CDATA[>]]>");
        assert_eq!(cdata("a]b]]c"), "<![CDATA[a]b]]c]]>");
        assert_eq!(cdata(""), "");
    }

    #[test]
    fn hl7_line_ends_become_cr() {
        assert_eq!(
            normalize_hl7("MSH|a\nPID|b\r\nRXA|c\r"),
            "MSH|a\rPID|b\rRXA|c\r"
        );
        assert_eq!(normalize_hl7("\n   MSH|a\rPID\n  "), "MSH|a\rPID\r");
        assert_eq!(normalize_hl7("MSH|a"), "MSH|a");
        assert_eq!(normalize_hl7(" \n "), "");
    }

    #[test]
    fn illegal_characters_are_found() {
        assert_eq!(first_illegal("ok\t\r\n"), None);
        assert_eq!(first_illegal("a\u{b}b"), Some((1, '\u{b}')));
        assert_eq!(first_illegal("é\u{FFFE}"), Some((2, '\u{FFFE}')));
        let e = check("hl7Message", "\u{b}MSH").unwrap_err();
        assert!(e.to_string().contains("MLLP-framed"), "{e}");
    }
}
