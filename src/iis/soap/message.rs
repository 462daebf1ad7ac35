//! What an envelope carries: a request (client to server) or a reply (a response or a fault), and
//! the headers around it.
//!
//! The HL7 text inside is patient data: the `Debug` of every type here that holds it shows its length
//! only, and credentials show as `<redacted>` (see [`Credentials`]).

use std::fmt;

use super::credentials::Credentials;
use super::fault::Fault;
use super::wsdl::{Operation, Wsdl};

/// One SOAP envelope: which WSDL it follows, its headers, and its body.
///
/// Build one with [`Envelope::request`] (client) or [`Envelope::reply_to`] (server), write it with
/// [`write`](Envelope::<Request>::write), read one with [`read_request`](super::read_request) or
/// [`read_reply`](super::read_reply).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope<B> {
    /// The WSDL the body follows.
    pub wsdl: Wsdl,
    /// WS-Addressing headers (required by the 2014 WSDL, absent from most 2011 envelopes).
    pub addressing: Option<Addressing>,
    /// The IZ Gateway hub's routing header, when the envelope goes through the hub.
    pub hub: Option<HubHeader>,
    /// The request or reply.
    pub body: B,
}

/// The WS-Addressing 1.0 headers the 2014 WSDL requires.
///
/// ```
/// use izmsg::iis::soap::{Addressing, Operation, Wsdl};
/// let a = Addressing::request(Wsdl::Cdc2014, Operation::ConnectivityTest, "urn:uuid:1", "https://iis.example/ws");
/// assert_eq!(a.action.as_deref(), Some("urn:cdc:iisb:2014:IISPortType:ConnectivityTestRequest"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Addressing {
    /// `wsa:Action`: the operation's SOAP action (or the response's, or the fault's).
    pub action: Option<String>,
    /// `wsa:MessageID`: unique per message, e.g. `urn:uuid:...`.
    pub message_id: Option<String>,
    /// `wsa:To`: the endpoint's address.
    pub to: Option<String>,
    /// `wsa:RelatesTo`: in a reply, the request's `MessageID`.
    pub relates_to: Option<String>,
}

impl Addressing {
    /// The headers of a request to `to`.
    pub fn request(
        wsdl: Wsdl,
        operation: Operation,
        message_id: impl Into<String>,
        to: impl Into<String>,
    ) -> Addressing {
        Addressing {
            action: Some(operation.soap_action(wsdl).to_string()),
            message_id: Some(message_id.into()),
            to: Some(to.into()),
            relates_to: None,
        }
    }
}

/// The IZ Gateway hub header (`urn:cdc:iisb:hub:2014`): which registry the hub routes the message to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HubHeader {
    /// `DestinationId`: the hub's id of the destination registry.
    pub destination_id: Option<String>,
    /// `DestinationUri`: the destination's address, as the hub reports it.
    pub destination_uri: Option<String>,
}

/// A request, as a client sends it and a server reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `connectivityTest` / `ConnectivityTest`: echo this text back.
    ConnectivityTest {
        /// The text to echo (`echoBack` / `EchoBack`; absent or nil reads as empty).
        echo_back: String,
    },
    /// `submitSingleMessage` / `SubmitSingleMessage`: one HL7 message.
    SubmitSingleMessage(Submission),
}

impl Request {
    /// The operation this request calls.
    pub fn operation(&self) -> Operation {
        match self {
            Request::ConnectivityTest { .. } => Operation::ConnectivityTest,
            Request::SubmitSingleMessage(_) => Operation::SubmitSingleMessage,
        }
    }
}

/// The content of `submitSingleMessage`.
#[derive(Clone, PartialEq, Eq)]
pub struct Submission {
    /// `username` and `password`.
    pub credentials: Credentials,
    /// `facilityID`: the IIS-assigned facility or organisation id.
    pub facility_id: Option<String>,
    /// `hl7Message`: one HL7 message, CR-terminated segments.
    pub hl7_message: String,
}

impl fmt::Debug for Submission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Submission")
            .field("credentials", &self.credentials)
            .field("facility_id", &self.facility_id)
            .field("hl7_message", &Length(self.hl7_message.len()))
            .finish()
    }
}

/// A successful answer.
#[derive(Clone, PartialEq, Eq)]
pub enum Response {
    /// The connectivity test's echo (`return` / `EchoBack`), possibly decorated ("You sent: ...").
    ConnectivityTest {
        /// The text the server sent back.
        echo_back: String,
    },
    /// The HL7 answer to a submitted message (`return` / `Hl7Message`): an ACK, an RSP, or, from some
    /// registries, plain text that is no acknowledgement at all.
    SubmitSingleMessage {
        /// The answer, CR-terminated segments.
        hl7_message: String,
    },
}

impl Response {
    /// The operation this answers.
    pub fn operation(&self) -> Operation {
        match self {
            Response::ConnectivityTest { .. } => Operation::ConnectivityTest,
            Response::SubmitSingleMessage { .. } => Operation::SubmitSingleMessage,
        }
    }

    /// The text inside: the echo or the HL7 answer.
    pub fn text(&self) -> &str {
        match self {
            Response::ConnectivityTest { echo_back } => echo_back,
            Response::SubmitSingleMessage { hl7_message } => hl7_message,
        }
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Response::ConnectivityTest { echo_back } => f
                .debug_struct("ConnectivityTest")
                .field("echo_back", echo_back)
                .finish(),
            Response::SubmitSingleMessage { hl7_message } => f
                .debug_struct("SubmitSingleMessage")
                .field("hl7_message", &Length(hl7_message.len()))
                .finish(),
        }
    }
}

/// What a server answers: a response or a fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The operation succeeded at the transport level (the HL7 answer may still reject the message).
    Response(Response),
    /// A SOAP fault.
    Fault(Fault),
}

/// Shows a text's length in place of the text.
struct Length(usize);

impl fmt::Debug for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

impl Envelope<Request> {
    /// A request envelope. For the 2014 WSDL, give it [`Addressing::request`] headers
    /// ([`Client`](super::Client) does).
    pub fn request(wsdl: Wsdl, body: Request) -> Envelope<Request> {
        Envelope {
            wsdl,
            addressing: None,
            hub: None,
            body,
        }
    }

    /// The envelope of a server's reply to this request: the same WSDL; when the request had
    /// addressing headers, the reply's `Action` (the response's, or the fault's), a new `MessageID`
    /// and `RelatesTo` the request's; the hub header echoed.
    ///
    /// ```
    /// use izmsg::iis::soap::{self, Reply, Response, Request};
    /// let req = soap::read_request(br#"<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body>
    ///   <connectivityTest xmlns="urn:cdc:iisb:2011"><echoBack>hi</echoBack></connectivityTest>
    /// </Body></Envelope>"#, &Default::default())?;
    /// assert_eq!(req.body, Request::ConnectivityTest { echo_back: "hi".into() });
    /// let answer = req.reply_to(Reply::Response(Response::ConnectivityTest { echo_back: "You sent: hi".into() }), "urn:uuid:2");
    /// let xml = answer.write(Default::default())?;
    /// assert!(xml.contains("<cdc:return>You sent: hi</cdc:return>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reply_to(&self, body: Reply, message_id: impl Into<String>) -> Envelope<Reply> {
        let operation = self.body.operation();
        let addressing = self.addressing.as_ref().map(|a| Addressing {
            action: Some(match &body {
                Reply::Response(_) => operation.response_action(self.wsdl).to_string(),
                Reply::Fault(f) => operation.fault_action(self.wsdl, f.kind.element()),
            }),
            message_id: Some(message_id.into()),
            to: None,
            relates_to: a.message_id.clone(),
        });
        Envelope {
            wsdl: self.wsdl,
            addressing,
            hub: self.hub.clone(),
            body,
        }
    }
}
