//! What can go wrong reading or writing an envelope, and the limits that keep a hostile one cheap.
//!
//! A [`ReadError`] says where (byte offset in the envelope) and why, never what the envelope said: its
//! text may hold patient data or credentials, and errors end up in logs. Element names the reader does
//! not know are not quoted either; only the names the WSDLs define are.

use super::wsdl::Wsdl;

/// Bounds on what the envelope reader accepts. Past any of them it stops with a [`ReadError`], so
/// that time and memory stay linear in the input and small for hostile input.
///
/// ```
/// use izmsg::iis::soap::{self, Limits, ReadError};
/// let tight = Limits { max_bytes: 64, ..Limits::default() };
/// let big = vec![b' '; 65];
/// assert!(matches!(soap::read_request(&big, &tight), Err(ReadError::TooLarge { len: 65, max: 64 })));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest envelope, in bytes (default 32 MiB: a 16 MiB HL7 message, escaped).
    pub max_bytes: usize,
    /// Deepest nesting of elements (default 32; a CDC fault envelope is 6 deep).
    pub max_depth: usize,
    /// Most elements in one envelope (default 1,000; a CDC envelope has a dozen or two).
    pub max_elements: usize,
    /// Most attributes on one element, namespace declarations included (default 64).
    pub max_attributes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 32 << 20,
            max_depth: 32,
            max_elements: 1_000,
            max_attributes: 64,
        }
    }
}

/// An envelope that could not be read. Its `Display` never quotes the envelope's content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The envelope is larger than [`Limits::max_bytes`].
    #[error("the envelope is {len} bytes, over the limit of {max}")]
    TooLarge {
        /// Its size.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Elements nest deeper than [`Limits::max_depth`].
    #[error("byte {offset}: elements nest deeper than the limit of {max}")]
    TooDeep {
        /// Where the element that went too deep starts.
        offset: usize,
        /// The limit.
        max: usize,
    },
    /// More elements than [`Limits::max_elements`].
    #[error("byte {offset}: more elements than the limit of {max}")]
    TooManyElements {
        /// Where the element over the limit starts.
        offset: usize,
        /// The limit.
        max: usize,
    },
    /// An element has more attributes than [`Limits::max_attributes`].
    #[error("byte {offset}: an element has more attributes than the limit of {max}")]
    TooManyAttributes {
        /// Where the element starts.
        offset: usize,
        /// The limit.
        max: usize,
    },
    /// The input is not UTF-8 (the CDC web service is `charset=utf-8`).
    #[error("byte {offset}: the envelope is not valid UTF-8")]
    NotUtf8 {
        /// First byte that is not part of a UTF-8 character.
        offset: usize,
    },
    /// The XML declaration names an encoding other than UTF-8.
    #[error("byte {offset}: the XML declaration names an encoding other than UTF-8")]
    Encoding {
        /// Where the declaration starts.
        offset: usize,
    },
    /// A document type declaration: SOAP forbids them, and refusing them refuses every entity trick
    /// (billion laughs, external entities) at once.
    #[error(
        "byte {offset}: a document type declaration (DTD); SOAP messages must not have one, and its entities are not expanded"
    )]
    Doctype {
        /// Where the declaration starts.
        offset: usize,
    },
    /// A reference to an entity other than the five XML predefines (there is no DTD to declare one).
    #[error(
        "byte {offset}: a reference to an undeclared entity (only &amp; &lt; &gt; &quot; &apos; and character references are known)"
    )]
    Entity {
        /// Where the reference is.
        offset: usize,
    },
    /// A character that XML 1.0 does not allow (a control character, or a reference to one).
    #[error("byte {offset}: a character that XML 1.0 does not allow")]
    IllegalChar {
        /// Near where it is.
        offset: usize,
    },
    /// The input is not well-formed XML.
    #[error("byte {offset}: not well-formed XML: {problem}")]
    Xml {
        /// Where the reader stopped.
        offset: usize,
        /// What is wrong, in general terms.
        problem: &'static str,
    },
    /// The input ends inside an element, or holds no element at all.
    #[error("byte {offset}: the envelope ends before its root element is closed")]
    Truncated {
        /// Where it ends.
        offset: usize,
    },
    /// The root element is a SOAP 1.1 envelope; the CDC WSDLs are SOAP 1.2.
    #[error(
        "byte {offset}: a SOAP 1.1 envelope; the CDC WSDLs use SOAP 1.2 (is this the right endpoint?)"
    )]
    Soap11 {
        /// Where the root element starts.
        offset: usize,
    },
    /// The root element is not a SOAP 1.2 `Envelope`.
    #[error("byte {offset}: the root element is not a SOAP 1.2 Envelope")]
    NotEnvelope {
        /// Where the root element starts.
        offset: usize,
    },
    /// The envelope's structure is wrong: no `Body`, an empty `Body`, two of them ...
    #[error("byte {offset}: {problem}")]
    Structure {
        /// Where the offending element starts.
        offset: usize,
        /// What is wrong.
        problem: &'static str,
    },
    /// The body of a request is neither operation of either WSDL (a server answers
    /// [`FaultKind::UnsupportedOperation`](super::FaultKind::UnsupportedOperation)).
    #[error("byte {offset}: the body is not a request of the CDC WSDL 2011 or 2014")]
    UnsupportedOperation {
        /// Where the body's element starts.
        offset: usize,
        /// The WSDL whose namespace the element is in, if either.
        wsdl: Option<Wsdl>,
    },
    /// The body of a reply is neither a response of either WSDL nor a SOAP fault.
    #[error("byte {offset}: the body is neither a CDC WSDL response nor a SOAP fault")]
    UnexpectedBody {
        /// Where the body's element starts.
        offset: usize,
    },
    /// A required element is missing.
    #[error("byte {offset}: {element} is missing")]
    Missing {
        /// Where its parent starts.
        offset: usize,
        /// The element's name in the WSDL.
        element: &'static str,
    },
    /// An element that may occur once occurs twice.
    #[error("byte {offset}: {element} occurs more than once")]
    Duplicate {
        /// Where the second one starts.
        offset: usize,
        /// The element's name in the WSDL.
        element: &'static str,
    },
}

impl ReadError {
    /// Byte offset in the envelope where the problem was found.
    pub fn offset(&self) -> usize {
        match *self {
            ReadError::TooLarge { max, .. } => max,
            ReadError::TooDeep { offset, .. }
            | ReadError::TooManyElements { offset, .. }
            | ReadError::TooManyAttributes { offset, .. }
            | ReadError::NotUtf8 { offset }
            | ReadError::Encoding { offset }
            | ReadError::Doctype { offset }
            | ReadError::Entity { offset }
            | ReadError::IllegalChar { offset }
            | ReadError::Xml { offset, .. }
            | ReadError::Truncated { offset }
            | ReadError::Soap11 { offset }
            | ReadError::NotEnvelope { offset }
            | ReadError::Structure { offset, .. }
            | ReadError::UnsupportedOperation { offset, .. }
            | ReadError::UnexpectedBody { offset }
            | ReadError::Missing { offset, .. }
            | ReadError::Duplicate { offset, .. } => offset,
        }
    }
}

/// A value that cannot be carried in an envelope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The text holds a character that XML 1.0 cannot carry, not even as a character reference
    /// (a control character other than tab, line feed and carriage return, or U+FFFE/U+FFFF).
    #[error("byte {offset} of {element}: character U+{code:04X} cannot be carried in XML 1.0{hint}",
        hint = if *code == 0x0B || *code == 0x1C { " (is the message still MLLP-framed?)" } else { "" })]
    IllegalChar {
        /// The element whose text it is.
        element: &'static str,
        /// Byte offset of the character in that text.
        offset: usize,
        /// The character.
        code: u32,
    },
    /// A user name or password holds a character that XML 1.0 cannot carry (which one is not said).
    #[error("{element} holds a character that XML 1.0 cannot carry")]
    IllegalCredential {
        /// `username` or `password`.
        element: &'static str,
    },
}
