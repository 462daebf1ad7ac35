//! A small, bounded element tree built from quick-xml's events: the one place where XML is read.
//!
//! An envelope holds a dozen or two elements, so the reader first builds this tree (namespaces
//! resolved, text and CDATA joined, references resolved), under [`Limits`], and the envelope reader
//! then looks things up in it by name. Refused on the way: a DTD (and with it every entity trick),
//! references to undeclared entities, characters XML 1.0 does not allow, encodings other than UTF-8,
//! anything but white space, comments and processing instructions outside the root element.

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::EscapeError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceError, ResolveResult};
use quick_xml::reader::NsReader;

use super::error::{Limits, ReadError};
use super::payload::{first_illegal, is_xml_char};
use super::wsdl::{CDC_2011_NS, CDC_2014_NS, HUB_NS, SOAP11_NS, SOAP12_NS, WSA_NS, Wsdl, XSI_NS};

/// The namespaces the envelope reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Soap12,
    Soap11,
    Wsa,
    Cdc(Wsdl),
    Hub,
    /// No namespace.
    None,
    /// Some other namespace.
    Other,
}

impl Ns {
    fn of(uri: &[u8]) -> Ns {
        match uri {
            u if u == SOAP12_NS.as_bytes() => Ns::Soap12,
            u if u == SOAP11_NS.as_bytes() => Ns::Soap11,
            u if u == WSA_NS.as_bytes() => Ns::Wsa,
            u if u == CDC_2011_NS.as_bytes() => Ns::Cdc(Wsdl::Cdc2011),
            u if u == CDC_2014_NS.as_bytes() => Ns::Cdc(Wsdl::Cdc2014),
            u if u == HUB_NS.as_bytes() => Ns::Hub,
            b"" => Ns::None,
            _ => Ns::Other,
        }
    }
}

/// One element: its namespace and local name, where it starts, whether it is `xsi:nil`, the character
/// data directly inside it (XML-normalised, references resolved) and its child elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub ns: Ns,
    pub name: String,
    pub offset: usize,
    pub nil: bool,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    /// Whether this is `name` in namespace `ns`.
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The child elements named `name` in namespace `ns` (or in no namespace, when `lenient`).
    pub fn children_named<'e>(
        &'e self,
        ns: Ns,
        name: &'e str,
        lenient: bool,
    ) -> impl Iterator<Item = &'e Element> + 'e {
        self.children
            .iter()
            .filter(move |c| c.name == name && (c.ns == ns || (lenient && c.ns == Ns::None)))
    }

    /// The only child named `name` (see [`children_named`](Self::children_named)), `None` when there is
    /// none, an error when there are two.
    pub fn only_child(
        &self,
        ns: Ns,
        name: &'static str,
        lenient: bool,
    ) -> Result<Option<&Element>, ReadError> {
        let mut it = self.children_named(ns, name, lenient);
        let first = it.next();
        match it.next() {
            Some(second) => Err(ReadError::Duplicate {
                offset: second.offset,
                element: name,
            }),
            None => Ok(first),
        }
    }

    /// The text of the only child named `name`: `None` when it is absent or nil.
    pub fn child_text(
        &self,
        ns: Ns,
        name: &'static str,
        lenient: bool,
    ) -> Result<Option<&str>, ReadError> {
        Ok(self
            .only_child(ns, name, lenient)?
            .filter(|c| !c.nil)
            .map(|c| c.text.as_str()))
    }
}

/// Reads `input` into its root element.
pub(crate) fn parse(input: &[u8], limits: &Limits) -> Result<Element, ReadError> {
    if input.len() > limits.max_bytes {
        return Err(ReadError::TooLarge {
            len: input.len(),
            max: limits.max_bytes,
        });
    }
    let text = std::str::from_utf8(input).map_err(|e| ReadError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let (base, text) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (3, rest),
        None => (0, text),
    };
    let mut reader = NsReader::from_str(text);
    reader
        .resolver_mut()
        .set_max_declarations_per_element(limits.max_attributes);
    let mut builder = Builder {
        stack: Vec::new(),
        root: None,
        elements: 0,
        limits: *limits,
    };
    loop {
        let at = base + to_usize(reader.buffer_position());
        let read = reader.read_resolved_event();
        let (ns, event) = match read {
            Ok((resolved, event)) => (namespace(resolved, at)?, event),
            Err(e) => return Err(xml_error(&e, base + to_usize(reader.error_position()))),
        };
        match event {
            Event::Start(start) => {
                let el = builder.open(ns, &start, at, &reader)?;
                builder.stack.push(el);
            }
            Event::Empty(start) => {
                let el = builder.open(ns, &start, at, &reader)?;
                builder.attach(el, at)?;
            }
            Event::End(_) => match builder.stack.pop() {
                Some(el) => builder.attach(el, at)?,
                None => {
                    return Err(ReadError::Xml {
                        offset: at,
                        problem: "an end tag without a start tag",
                    });
                }
            },
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|_| ReadError::NotUtf8 { offset: at })?;
                builder.text(&s, at)?;
            }
            Event::CData(c) => {
                let s = c
                    .xml10_content()
                    .map_err(|_| ReadError::NotUtf8 { offset: at })?;
                builder.text(&s, at)?;
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    // The name as bytes, typed: other crates' `AsRef` impls for `[u8]` (winnow's,
                    // through toml) would leave `as_ref()` ambiguous.
                    Ok(None) => match AsRef::<[u8]>::as_ref(&*r) {
                        b"amp" => '&',
                        b"lt" => '<',
                        b"gt" => '>',
                        b"quot" => '"',
                        b"apos" => '\'',
                        _ => return Err(ReadError::Entity { offset: at }),
                    },
                    Err(_) => return Err(ReadError::IllegalChar { offset: at }),
                };
                if !is_xml_char(c) {
                    return Err(ReadError::IllegalChar { offset: at });
                }
                builder.text(c.encode_utf8(&mut [0; 4]), at)?;
            }
            Event::DocType(_) => return Err(ReadError::Doctype { offset: at }),
            Event::Decl(decl) => {
                if let Some(enc) = decl.encoding() {
                    let ok = enc.ok().is_some_and(|e| {
                        ["utf-8", "utf8", "us-ascii", "ascii"]
                            .iter()
                            .any(|n| e.eq_ignore_ascii_case(n.as_bytes()))
                    });
                    if !ok {
                        return Err(ReadError::Encoding { offset: at });
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    let end = base + text.len();
    if !builder.stack.is_empty() {
        return Err(ReadError::Truncated { offset: end });
    }
    builder.root.ok_or(ReadError::Truncated { offset: end })
}

fn to_usize(pos: u64) -> usize {
    usize::try_from(pos).unwrap_or(usize::MAX)
}

fn namespace(resolved: ResolveResult<'_>, at: usize) -> Result<Ns, ReadError> {
    match resolved {
        ResolveResult::Bound(ns) => Ok(Ns::of(ns.into_inner())),
        ResolveResult::Unbound => Ok(Ns::None),
        ResolveResult::Unknown(_) => Err(ReadError::Xml {
            offset: at,
            problem: "an undeclared namespace prefix",
        }),
    }
}

struct Builder {
    stack: Vec<Element>,
    root: Option<Element>,
    elements: usize,
    limits: Limits,
}

impl Builder {
    /// A new element for a start tag, within the limits.
    fn open(
        &mut self,
        ns: Ns,
        start: &BytesStart<'_>,
        at: usize,
        reader: &NsReader<&[u8]>,
    ) -> Result<Element, ReadError> {
        if self.root.is_some() {
            return Err(ReadError::Xml {
                offset: at,
                problem: "a second root element",
            });
        }
        self.elements += 1;
        if self.elements > self.limits.max_elements {
            return Err(ReadError::TooManyElements {
                offset: at,
                max: self.limits.max_elements,
            });
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(ReadError::TooDeep {
                offset: at,
                max: self.limits.max_depth,
            });
        }
        let mut nil = false;
        for (i, attr) in start.attributes().enumerate() {
            if i >= self.limits.max_attributes {
                return Err(ReadError::TooManyAttributes {
                    offset: at,
                    max: self.limits.max_attributes,
                });
            }
            let attr = attr.map_err(|_| ReadError::Xml {
                offset: at,
                problem: "a malformed or repeated attribute",
            })?;
            let (resolved, local) = reader.resolver().resolve_attribute(attr.key);
            let is_xsi = matches!(resolved, ResolveResult::Bound(ns) if ns.into_inner() == XSI_NS.as_bytes());
            if is_xsi && local.into_inner() == b"nil" {
                nil = matches!(attr.value.as_ref(), b"true" | b"1");
            }
        }
        let name = std::str::from_utf8(start.local_name().into_inner())
            .map_err(|_| ReadError::NotUtf8 { offset: at })?
            .to_string();
        Ok(Element {
            ns,
            name,
            offset: at,
            nil,
            text: String::new(),
            children: Vec::new(),
        })
    }

    /// Puts a closed element into its parent, or makes it the root.
    fn attach(&mut self, el: Element, at: usize) -> Result<(), ReadError> {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None if self.root.is_none() => self.root = Some(el),
            None => {
                return Err(ReadError::Xml {
                    offset: at,
                    problem: "a second root element",
                });
            }
        }
        Ok(())
    }

    /// Character data: into the open element, or, outside the root, white space only.
    fn text(&mut self, s: &str, at: usize) -> Result<(), ReadError> {
        if let Some((i, _)) = first_illegal(s) {
            return Err(ReadError::IllegalChar { offset: at + i });
        }
        match self.stack.last_mut() {
            Some(open) => open.text.push_str(s),
            None if s.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n')) => {}
            None => {
                return Err(ReadError::Xml {
                    offset: at,
                    problem: "text outside the root element (is this XML at all?)",
                });
            }
        }
        Ok(())
    }
}

/// quick-xml's error, as a [`ReadError`] that quotes nothing from the input.
fn xml_error(e: &XmlError, offset: usize) -> ReadError {
    let problem = match e {
        XmlError::Syntax(s) => match s {
            SyntaxError::InvalidBangMarkup => "unknown markup after `<!`",
            SyntaxError::UnclosedPI => "an unclosed processing instruction",
            SyntaxError::UnclosedXmlDecl => "an unclosed XML declaration",
            SyntaxError::UnclosedComment => "an unclosed comment",
            SyntaxError::UnclosedDoctype => return ReadError::Doctype { offset },
            SyntaxError::UnclosedCData => "an unclosed CDATA section",
            SyntaxError::UnclosedTag
            | SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue => "an unclosed tag",
        },
        XmlError::IllFormed(i) => match i {
            IllFormedError::MissingDeclVersion(_) | IllFormedError::UnknownVersion => {
                "a malformed XML declaration"
            }
            IllFormedError::MissingDoctypeName => return ReadError::Doctype { offset },
            IllFormedError::MissingEndTag(_) => return ReadError::Truncated { offset },
            IllFormedError::UnmatchedEndTag(_) => "an end tag without a start tag",
            IllFormedError::MismatchedEndTag { .. } => {
                "an end tag that does not match its start tag"
            }
            IllFormedError::DoubleHyphenInComment => "`--` inside a comment",
            IllFormedError::UnclosedReference => {
                "an `&` that starts no reference (HL7 text must be escaped or in CDATA)"
            }
        },
        XmlError::InvalidAttr(_) => "a malformed or repeated attribute",
        XmlError::Encoding(_) => return ReadError::NotUtf8 { offset },
        XmlError::Escape(EscapeError::UnrecognizedEntity(..)) => {
            return ReadError::Entity { offset };
        }
        XmlError::Escape(EscapeError::InvalidCharRef(_)) => {
            return ReadError::IllegalChar { offset };
        }
        XmlError::Escape(_) => "a malformed reference",
        XmlError::Namespace(NamespaceError::TooManyDeclarations(max)) => {
            return ReadError::TooManyAttributes { offset, max: *max };
        }
        XmlError::Namespace(NamespaceError::UnknownPrefix(_)) => "an undeclared namespace prefix",
        XmlError::Namespace(_) => "a forbidden namespace declaration",
        XmlError::Io(_) => "a read error",
    };
    ReadError::Xml { offset, problem }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn tree(s: &str) -> Result<Element, ReadError> {
        parse(s.as_bytes(), &Limits::default())
    }

    #[test]
    fn joins_text_cdata_and_references() {
        let root =
            tree("<a xmlns='urn:cdc:iisb:2011'>x&amp;<![CDATA[<y>]]>&#xD;&#13;z\r\n</a>").unwrap();
        assert_eq!(root.ns, Ns::Cdc(Wsdl::Cdc2011));
        assert_eq!(root.text, "x&<y>\r\rz\n");
    }

    #[test]
    fn resolves_prefixes_and_nil() {
        let root = tree(
            r#"<s:E xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><b i:nil="true"/><c/></s:E>"#,
        )
        .unwrap();
        assert!(root.is(Ns::Soap12, "E"));
        assert_eq!(root.children.len(), 2);
        assert!(root.children[0].nil && !root.children[1].nil);
    }

    #[test]
    fn refuses_hostile_shapes() {
        let deep = "<a>".repeat(100);
        assert!(matches!(
            tree(&deep),
            Err(ReadError::TooDeep { max: 32, .. })
        ));
        let many = format!("<a>{}</a>", "<b/>".repeat(2000));
        assert!(matches!(
            tree(&many),
            Err(ReadError::TooManyElements { .. })
        ));
        assert!(matches!(
            tree("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>"),
            Err(ReadError::Doctype { .. })
        ));
        assert!(matches!(tree("<a>&x;</a>"), Err(ReadError::Entity { .. })));
        assert!(matches!(
            tree("<a>&#1;</a>"),
            Err(ReadError::IllegalChar { .. })
        ));
        assert!(matches!(
            tree("<a>\u{1}</a>"),
            Err(ReadError::IllegalChar { .. })
        ));
        assert!(matches!(tree("<a><b></a>"), Err(ReadError::Xml { .. })));
        assert!(matches!(tree("<a><b>"), Err(ReadError::Truncated { .. })));
        assert!(matches!(tree(""), Err(ReadError::Truncated { .. })));
        assert!(matches!(tree("MSH|^~\\&|"), Err(ReadError::Xml { .. })));
        assert!(matches!(tree("<a/><b/>"), Err(ReadError::Xml { .. })));
        assert!(matches!(tree("<p:a/>"), Err(ReadError::Xml { .. })));
        assert!(matches!(
            tree("<?xml version='1.0' encoding='ISO-8859-1'?><a/>"),
            Err(ReadError::Encoding { .. })
        ));
        assert!(matches!(
            parse(b"<a>\xff</a>", &Limits::default()),
            Err(ReadError::NotUtf8 { offset: 3 })
        ));
        let attrs: String = (0..100).map(|i| format!(" a{i}='1'")).collect();
        assert!(matches!(
            tree(&format!("<a{attrs}/>")),
            Err(ReadError::TooManyAttributes { .. })
        ));
        let decls: String = (0..100).map(|i| format!(" xmlns:p{i}='u{i}'")).collect();
        assert!(matches!(
            tree(&format!("<a{decls}/>")),
            Err(ReadError::TooManyAttributes { .. })
        ));
    }

    #[test]
    fn bom_and_declaration_are_accepted() {
        let root =
            tree("\u{FEFF}<?xml version='1.0' encoding='UTF-8'?><!-- c --><a>t</a>\n").unwrap();
        assert_eq!(root.text, "t");
    }
}
