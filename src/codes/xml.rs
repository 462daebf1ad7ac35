//! The XML reports the CDC publishes its code sets in, read into records with `quick-xml`.
//!
//! Those reports are flat: a root element, one element per record, and in each record one element
//! per field. The CDC writes fields two ways, both read here into (field name, value) pairs:
//!
//! * as elements named for the field: `<CVXCode>208</CVXCode>` (cvx.xml, cvxvis.xml, vis.xml), or
//!   with the value in an `href` attribute (`<VIS_PDF_URL xlink:href="https://..."/>` in
//!   visurl.xml);
//! * as `<Name>`/`<Value>` pairs: `<Name>MVX_CODE</Name><Value>PFR</Value>` (mvx.xml,
//!   tradename.xml, vac2vg.xml, cpt.xml).
//!
//! The XML itself (declaration, comments, CDATA, a DOCTYPE, attributes, empty elements, character
//! and predefined entity references, well-formedness) is `quick-xml`'s job; this file only walks
//! the three levels. An entity it does not know is kept as written. Malformed input is an
//! [`XmlError`] with its line; nothing panics.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// One record: its (field name, raw value) pairs, in document order.
pub(crate) type XmlRecord = Vec<(String, String)>;

/// Malformed XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError {
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// The field being read: its name, its text, its `href` attribute.
type Field = (String, String, Option<String>);

/// The root element's name and its records.
pub(crate) fn read_records(text: &str) -> Result<(String, Vec<XmlRecord>), XmlError> {
    let mut reader = Reader::from_str(text);
    let error = |at: u64, message: String| XmlError {
        line: line_of(text, at),
        message,
    };
    let mut depth = 0usize;
    let mut root = String::new();
    let mut records = Vec::new();
    let mut record: XmlRecord = Vec::new();
    let mut field: Option<Field> = None;

    loop {
        let event = reader
            .read_event()
            .map_err(|e| error(reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(_) | Event::Empty(_) if depth == 0 && !root.is_empty() => {
                return Err(error(
                    reader.buffer_position(),
                    "a second root element".to_string(),
                ));
            }
            Event::Start(tag) => {
                depth += 1;
                open(depth, &tag, &mut root, &mut record, &mut field);
            }
            Event::Empty(tag) => {
                open(depth + 1, &tag, &mut root, &mut record, &mut field);
                finish(depth + 1, &mut field, &mut record, &mut records);
            }
            Event::End(_) => {
                finish(depth, &mut field, &mut record, &mut records);
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => {
                if let Some((_, value, _)) = field.as_mut() {
                    let t = t
                        .xml_content(XmlVersion::Implicit1_0)
                        .map_err(|e| error(reader.buffer_position(), e.to_string()))?;
                    value.push_str(&t);
                }
            }
            Event::CData(t) => {
                if let Some((_, value, _)) = field.as_mut() {
                    value.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, value, _)) = field.as_mut() {
                    let name = r
                        .xml_content(XmlVersion::Implicit1_0)
                        .map_err(|e| error(reader.buffer_position(), e.to_string()))?;
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => value.push(c),
                        _ => match resolve_predefined_entity(&name) {
                            Some(s) => value.push_str(s),
                            None => {
                                value.push('&');
                                value.push_str(&name);
                                value.push(';');
                            }
                        },
                    }
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if depth > 0 {
        return Err(error(
            reader.buffer_position(),
            "an element is not closed".to_string(),
        ));
    }
    if root.is_empty() {
        return Err(error(
            reader.buffer_position(),
            "no root element".to_string(),
        ));
    }
    Ok((root, records))
}

/// The 1-based line of byte `at`.
fn line_of(text: &str, at: u64) -> usize {
    let at = usize::try_from(at).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes()
        .get(..at)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1
}

/// Starts the element `tag` at `depth`: the root (1), a record (2) or a field (3).
fn open(
    depth: usize,
    tag: &BytesStart<'_>,
    root: &mut String,
    record: &mut XmlRecord,
    field: &mut Option<Field>,
) {
    let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
    match depth {
        1 => *root = name,
        2 => record.clear(),
        3 => *field = Some((name, String::new(), href(tag))),
        _ => {}
    }
}

/// The value of an `href` attribute (`xlink:href` and the like), entities decoded.
fn href(tag: &BytesStart<'_>) -> Option<String> {
    tag.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"href")
        .map(|a| match a.normalized_value(XmlVersion::Implicit1_0) {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
        })
}

/// Ends the element at `depth`: a field (3) or a record (2).
fn finish(
    depth: usize,
    field: &mut Option<Field>,
    record: &mut XmlRecord,
    records: &mut Vec<XmlRecord>,
) {
    match depth {
        3 => {
            if let Some((name, text, href)) = field.take() {
                let value = if text.trim().is_empty() {
                    href.unwrap_or(text)
                } else {
                    text
                };
                record.push((name, value));
            }
        }
        2 => {
            let done = std::mem::take(record);
            if !done.is_empty() {
                records.push(pair_name_values(done));
            }
        }
        _ => {}
    }
}

/// Turns `Name`/`Value` element pairs into (name, value) fields.
fn pair_name_values(fields: XmlRecord) -> XmlRecord {
    let paired = fields.iter().all(|(n, _)| n == "Name" || n == "Value");
    if !paired {
        return fields;
    }
    let mut out = Vec::new();
    let mut name: Option<String> = None;
    for (tag, value) in fields {
        if tag == "Name" {
            name = Some(value);
        } else if let Some(n) = name.take() {
            out.push((n, value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn reads_both_field_styles() {
        let xml = r#"<?xml version="1.0"?>
<!-- c --><R xmlns:xlink="x">
  <I><A>1 &amp; 2 &unknown;</A><B/><C xlink:href="http://x?a=1&amp;b=2"/><D><![CDATA[<x>]]></D></I>
  <I><Name>K</Name><Value>&#954;</Value><Name>E</Name><Value/></I>
</R>"#;
        let (root, recs) = read_records(xml).unwrap();
        assert_eq!(root, "R");
        assert_eq!(recs[0][0], ("A".into(), "1 & 2 &unknown;".into()));
        assert_eq!(recs[0][1], ("B".into(), "".into()));
        assert_eq!(recs[0][2], ("C".into(), "http://x?a=1&b=2".into()));
        assert_eq!(recs[0][3], ("D".into(), "<x>".into()));
        assert_eq!(
            recs[1],
            vec![("K".into(), "κ".into()), ("E".into(), "".into())]
        );
    }

    #[test]
    fn reports_malformed_input() {
        assert_eq!(
            read_records("<R>\n<I><A>x</B></I></R>").unwrap_err().line,
            2
        );
        assert!(read_records("<R><I>").is_err());
        assert!(read_records("<R><I a=\"1></I></R>").is_err());
        assert!(read_records("").is_err());
        assert!(read_records("</R>").is_err());
        assert!(read_records("<R/><S/>").is_err());
    }
}
