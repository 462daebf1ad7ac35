//! A small reader for the XML reports the CDC publishes its code sets in.
//!
//! Those reports are flat: a root element, one element per record, and in
//! each record one element per field. The CDC writes fields two ways, both
//! read here into (field name, value) pairs:
//!
//! * as elements named for the field: `<CVXCode>208</CVXCode>` (cvx.xml,
//!   cvxvis.xml, vis.xml), or with the value in an `href` attribute
//!   (`<VIS_PDF_URL xlink:href="https://..."/>` in visurl.xml);
//! * as `<Name>`/`<Value>` pairs: `<Name>MVX_CODE</Name><Value>PFR</Value>`
//!   (mvx.xml, tradename.xml, vac2vg.xml, cpt.xml).
//!
//! It handles the XML declaration, comments, CDATA, a DOCTYPE, attributes,
//! empty elements and the predefined and numeric character references. It is
//! not a general XML parser (no namespaces, no DTD entities), and it never
//! panics: malformed input is an [`XmlError`] with its line.

/// One record: its (field name, raw value) pairs, in document order.
pub(crate) type XmlRecord = Vec<(String, String)>;

/// Malformed XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError {
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// The root element's name and its records.
pub(crate) fn read_records(text: &str) -> Result<(String, Vec<XmlRecord>), XmlError> {
    let mut reader = Reader { text, pos: 0 };
    let mut stack: Vec<String> = Vec::new();
    let mut root = String::new();
    let mut records = Vec::new();
    let mut record: XmlRecord = Vec::new();
    // The field being read: name, text, href attribute.
    let mut field: Option<(String, String, Option<String>)> = None;

    while let Some(event) = reader.next_event()? {
        match event {
            Event::Start { name, href, empty } => {
                let depth = stack.len() + 1;
                match depth {
                    1 => root = name.clone(),
                    2 => record.clear(),
                    3 => field = Some((name.clone(), String::new(), href)),
                    _ => {}
                }
                if empty {
                    finish(depth, &mut field, &mut record, &mut records);
                } else {
                    stack.push(name);
                }
            }
            Event::End { name } => {
                let depth = stack.len();
                match stack.pop() {
                    Some(open) if open == name => {}
                    Some(open) => {
                        return Err(
                            reader.error(&format!("closing tag </{name}> does not match <{open}>"))
                        );
                    }
                    None => {
                        return Err(
                            reader.error(&format!("closing tag </{name}> without opening tag"))
                        );
                    }
                }
                finish(depth, &mut field, &mut record, &mut records);
            }
            Event::Text(text) => {
                if let Some((_, value, _)) = field.as_mut() {
                    value.push_str(&text);
                }
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(reader.error(&format!("element <{open}> is not closed")));
    }
    if root.is_empty() {
        return Err(reader.error("no root element"));
    }
    Ok((root, records))
}

/// Ends the element at `depth`: a field (depth 3) or a record (depth 2).
fn finish(
    depth: usize,
    field: &mut Option<(String, String, Option<String>)>,
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

enum Event {
    Start {
        name: String,
        href: Option<String>,
        empty: bool,
    },
    End {
        name: String,
    },
    Text(String),
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, message: &str) -> XmlError {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        XmlError {
            line: before.matches('\n').count() + 1,
            message: message.to_string(),
        }
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    /// Skips past `end`, or fails with `what` when it never comes.
    fn skip_past(&mut self, end: &str, what: &str) -> Result<(), XmlError> {
        match self.rest().find(end) {
            Some(i) => {
                self.pos += i + end.len();
                Ok(())
            }
            None => Err(self.error(&format!("unterminated {what}"))),
        }
    }

    fn next_event(&mut self) -> Result<Option<Event>, XmlError> {
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return Ok(None);
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                let raw = rest.get(..end).unwrap_or_default();
                self.pos += end;
                return Ok(Some(Event::Text(decode_entities(raw))));
            }
            if rest.starts_with("<?") {
                self.skip_past("?>", "processing instruction")?;
            } else if rest.starts_with("<!--") {
                self.skip_past("-->", "comment")?;
            } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let Some(end) = body.find("]]>") else {
                    return Err(self.error("unterminated CDATA section"));
                };
                let text = body.get(..end).unwrap_or_default().to_string();
                self.pos += "<![CDATA[".len() + end + "]]>".len();
                return Ok(Some(Event::Text(text)));
            } else if rest.starts_with("<!") {
                self.skip_declaration()?;
            } else if let Some(body) = rest.strip_prefix("</") {
                let Some(end) = body.find('>') else {
                    return Err(self.error("unterminated closing tag"));
                };
                let name = body.get(..end).unwrap_or_default().trim().to_string();
                self.pos += 2 + end + 1;
                return Ok(Some(Event::End { name }));
            } else {
                return self.start_tag().map(Some);
            }
        }
    }

    /// Skips `<!DOCTYPE ...>` (with an internal subset in brackets).
    fn skip_declaration(&mut self) -> Result<(), XmlError> {
        let mut depth = 0usize;
        for (i, c) in self.rest().char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                '>' if depth == 0 => {
                    self.pos += i + 1;
                    return Ok(());
                }
                _ => {}
            }
        }
        Err(self.error("unterminated declaration"))
    }

    fn start_tag(&mut self) -> Result<Event, XmlError> {
        // Find the closing '>' outside quotes.
        let rest = self.rest();
        let mut quote: Option<char> = None;
        let mut end = None;
        for (i, c) in rest.char_indices().skip(1) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = Some(i);
                    break;
                }
                (None, '<') => return Err(self.error("`<` inside a tag")),
                _ => {}
            }
        }
        let Some(end) = end else {
            return Err(self.error("unterminated tag"));
        };
        let inner = rest.get(1..end).unwrap_or_default();
        let (inner, empty) = match inner.strip_suffix('/') {
            Some(body) => (body, true),
            None => (inner, false),
        };
        let name_end = inner
            .find(|c: char| c.is_whitespace())
            .unwrap_or(inner.len());
        let name = inner.get(..name_end).unwrap_or_default().to_string();
        if name.is_empty() {
            return Err(self.error("tag without a name"));
        }
        let href = attributes(inner.get(name_end..).unwrap_or_default())
            .into_iter()
            .find(|(attr, _)| attr == "href" || attr.ends_with(":href"))
            .map(|(_, value)| value);
        self.pos += end + 1;
        Ok(Event::Start { name, href, empty })
    }
}

/// The `name="value"` attributes of a tag (values decoded).
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while let Some(eq) = rest.find('=') {
        let name = rest.get(..eq).unwrap_or_default().trim().to_string();
        let after = rest.get(eq + 1..).unwrap_or_default().trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let body = after.get(1..).unwrap_or_default();
        let Some(close) = body.find(quote) else { break };
        out.push((name, decode_entities(body.get(..close).unwrap_or_default())));
        rest = body.get(close + 1..).unwrap_or_default().trim_start();
    }
    out
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and `&#NNN;`/`&#xHH;`;
/// anything else is kept as written.
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp..).unwrap_or_default();
        let decoded = after.find(';').filter(|end| *end <= 12).and_then(|end| {
            let entity = after.get(1..end)?;
            let c = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = entity.strip_prefix('#')?;
                    let value = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(value)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = after.get(len..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
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
  <I><A>1 &amp; 2</A><B/><C xlink:href="http://x?a=1&amp;b=2"/></I>
  <I><Name>K</Name><Value>&#954;</Value><Name>E</Name><Value/></I>
</R>"#;
        let (root, recs) = read_records(xml).unwrap();
        assert_eq!(root, "R");
        assert_eq!(recs[0][0], ("A".into(), "1 & 2".into()));
        assert_eq!(recs[0][1], ("B".into(), "".into()));
        assert_eq!(recs[0][2], ("C".into(), "http://x?a=1&b=2".into()));
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
    }
}
