//! The CDC IIS SOAP web service, sans-I/O: build and read the envelopes of both CDC WSDLs, for the
//! client and for the server side.
//!
//! Most registries take HL7 over the CDC's SOAP 1.2 web service. Two versions are in use:
//!
//! | | 2011 (`urn:cdc:iisb:2011`) | 2014 (`urn:cdc:iisb:2014`, IZ Gateway) |
//! |---|---|---|
//! | health check | `connectivityTest` → `echoBack`; answer `return` | `ConnectivityTestRequest` → `EchoBack`; answer `EchoBack` |
//! | one message | `submitSingleMessage` → `username`, `password`, `facilityID`, `hl7Message`; answer `return` | `SubmitSingleMessageRequest` → `Username`, `Password`, `FacilityID`, `Hl7Message`; answer `Hl7Message` |
//! | headers | none | WS-Addressing `Action`, `MessageID`, `To` (and the hub's routing header through the IZ Gateway) |
//!
//! One HL7 message per call; its ACK (or RSP) comes back in the answer, synchronously.
//!
//! ## A client
//!
//! [`Client`] holds the endpoint's settings and turns a message into an [`HttpRequest`]; the program
//! POSTs it with whatever HTTP client it has and hands back the status and body; [`Client::read`]
//! says what came back: a [`Response`], or a [`CallError`] (a typed [`Fault`], an HTTP error status, an
//! unreadable body) whose [`failure`](CallError::failure) the [`retry`](crate::iis::retry) policy
//! turns into what to do next. A `SecurityFault` is never retried automatically.
//!
//! ```
//! use izmsg::iis::retry::{Decision, RetryPolicy};
//! use izmsg::iis::soap::{Client, Credentials, Operation, Wsdl};
//!
//! let client = Client::new(Wsdl::Cdc2011, "https://iis.example/soap")
//!     .credentials(Credentials::new("ehr-user", "s3cret"))
//!     .facility_id("ORG123");
//! let request = client.submit("MSH|^~\\&|EHR|CLINIC\rPID|1\r", "urn:uuid:0")?;
//! assert!(request.content_type.starts_with("application/soap+xml; charset=utf-8; action="));
//!
//! // The server says the password is wrong:
//! let (status, body) = (400, br#"<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body><Fault>
//!   <Code><Value>Sender</Value></Code><Reason><Text xml:lang="en">Bad login</Text></Reason>
//!   <Detail><SecurityFault xmlns="urn:cdc:iisb:2011"><Code>10</Code><Reason>Security</Reason></SecurityFault></Detail>
//! </Fault></Body></Envelope>"#);
//! let error = client.read(Operation::SubmitSingleMessage, status, body).unwrap_err();
//! let decision = RetryPolicy::default().decide(error.failure(), 1);
//! assert!(matches!(decision, Decision::Fix(_)));
//! println!("{error}"); // SecurityFault (SOAP Sender, code 10): stop and fix the credentials ...
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## A server
//!
//! [`read_request`] reads a request of either WSDL into an [`Envelope<Request>`]; the server answers
//! with [`Envelope::reply_to`] (which fills in the addressing headers) and [`Envelope::to_http`]. A
//! request it cannot read has its fault ready: [`ReadError::reply`].
//!
//! ```
//! use izmsg::iis::soap::{self, Fault, PayloadStyle, Reply, Request, Response, Wsdl};
//!
//! let body = br#"<?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">
//! <soap:Body><submitSingleMessage xmlns="urn:cdc:iisb:2011"><username>u</username><password>wrong</password>
//! <hl7Message>MSH|^~\&amp;|EHR&#13;</hl7Message></submitSingleMessage></soap:Body></soap:Envelope>"#;
//! let answer = match soap::read_request(body, &Default::default()) {
//!     Ok(req) => {
//!         let reply = match &req.body {
//!             Request::ConnectivityTest { echo_back } => Reply::Response(Response::ConnectivityTest {
//!                 echo_back: format!("You sent: {echo_back}"),
//!             }),
//!             Request::SubmitSingleMessage(sub) if sub.credentials.password.as_ref().map(|p| p.expose()) != Some("right") => {
//!                 Reply::Fault(Fault::security("Invalid Username or Password"))
//!             }
//!             Request::SubmitSingleMessage(_) => unreachable!(),
//!         };
//!         req.reply_to(reply, "urn:uuid:1").to_http(PayloadStyle::Escaped)?
//!     }
//!     Err(e) => e.reply(Wsdl::Cdc2011).to_http(PayloadStyle::Escaped)?,
//! };
//! assert_eq!(answer.status, 400);
//! # Ok::<(), soap::WriteError>(())
//! ```
//!
//! ## The HL7 payload
//!
//! HL7 is not XML text as it stands (MSH-2 holds `&`), and XML turns a literal CR into LF. So the
//! payload is written escaped or in CDATA ([`PayloadStyle`]) with every CR as `&#xD;`, and read back
//! either way with every line end made CR again: what goes in comes out byte for byte, and so does a
//! registry's answer with literal CRs in CDATA.
//!
//! ## Hostile envelopes
//!
//! Reading is bounded by [`Limits`] (size, nesting depth, element and attribute counts), so time and
//! memory stay linear in the input. A DTD is refused outright (SOAP forbids it, and with it go billion
//! laughs and external entities), and so are undeclared entities, characters XML 1.0 does not allow
//! and encodings other than UTF-8. Every such envelope is a [`ReadError`] that says where, never a panic.
//!
//! ## Secrets and patient data
//!
//! The password is a [`Secret`]: no `Display`, a `Debug` of `<redacted>`, no serde. The `Debug` of
//! every type holding an HL7 payload or an envelope shows its length only, and no error's `Display`
//! quotes an envelope.

mod client;
mod credentials;
mod error;
mod fault;
mod http;
mod message;
mod payload;
mod read;
mod server;
mod tree;
mod write;
mod wsdl;

pub use client::Client;
pub use credentials::{Credentials, Secret};
pub use error::{Limits, ReadError, WriteError};
pub use fault::{Fault, FaultDetail, FaultKind, SoapCode};
pub use http::{CallError, HttpRequest, HttpResponse, SOAP12_CONTENT_TYPE, interpret};
pub use message::{Addressing, Envelope, HubHeader, Reply, Request, Response, Submission};
pub use payload::PayloadStyle;
pub use read::{read_reply, read_request};
pub use wsdl::{
    CDC_2011_NS, CDC_2014_NS, HUB_NS, Operation, SOAP11_NS, SOAP12_NS, UnknownWsdl, WSA_NS, Wsdl,
};
