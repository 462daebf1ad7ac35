//! The HTTP side, as data: what to POST, and what an HTTP status and body mean.
//!
//! The CDC WSDLs bind SOAP 1.2 to HTTP POST. A request's `Content-Type` is
//! `application/soap+xml; charset=utf-8; action="<soap action>"`; a fault comes back with status 400
//! (`Sender`) or 500 (`Receiver`), though some registries send faults with 200. [`interpret`] reads any
//! status and body into a response or a [`CallError`] that [`retry`](crate::iis::retry) can act on.

use std::fmt;

use super::error::{Limits, ReadError, WriteError};
use super::fault::Fault;
use super::message::{Envelope, Reply, Response};
use super::payload::PayloadStyle;
use super::read::read_reply;
use super::wsdl::{Operation, Wsdl};
use crate::iis::retry::{Failure, Remedy, TransportError};

/// An HTTP POST to make: headers and body. The body holds the password: `Debug` shows its length only.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The `Content-Type` header, with the SOAP 1.2 `action` parameter.
    pub content_type: String,
    /// The operation's SOAP action (also sent as a `SOAPAction` header by [`headers`](Self::headers),
    /// for stacks that still look for it).
    pub soap_action: &'static str,
    /// The envelope.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The request for an envelope of `operation` in `wsdl`.
    pub fn new(wsdl: Wsdl, operation: Operation, body: Vec<u8>) -> HttpRequest {
        HttpRequest {
            content_type: operation.content_type(wsdl),
            soap_action: operation.soap_action(wsdl),
            body,
        }
    }

    /// The headers to send: `Content-Type` and `SOAPAction`.
    ///
    /// ```
    /// use izmsg::iis::soap::{HttpRequest, Operation, Wsdl};
    /// let r = HttpRequest::new(Wsdl::Cdc2011, Operation::ConnectivityTest, Vec::new());
    /// assert_eq!(r.headers()[1], ("SOAPAction", "\"urn:cdc:iisb:2011:connectivityTest\"".to_string()));
    /// ```
    pub fn headers(&self) -> [(&'static str, String); 2] {
        [
            ("Content-Type", self.content_type.clone()),
            ("SOAPAction", format!("\"{}\"", self.soap_action)),
        ]
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("content_type", &self.content_type)
            .field("soap_action", &self.soap_action)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// An HTTP answer to send, as a server: status, content type and body (`Debug` shows the body's length
/// only: it may hold patient data).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// 200 for a response; 400 or 500 for a fault, by its SOAP code.
    pub status: u16,
    /// `application/soap+xml; charset=utf-8`.
    pub content_type: &'static str,
    /// The envelope.
    pub body: Vec<u8>,
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// The content type of SOAP 1.2 messages.
pub const SOAP12_CONTENT_TYPE: &str = "application/soap+xml; charset=utf-8";

impl Envelope<Reply> {
    /// The HTTP answer that carries this reply: status 200 for a response, 400 or 500 for a fault.
    ///
    /// ```
    /// use izmsg::iis::soap::{Envelope, Fault, PayloadStyle, Reply, Wsdl};
    /// let env = Envelope { wsdl: Wsdl::Cdc2011, addressing: None, hub: None, body: Reply::Fault(Fault::unknown("db down")) };
    /// assert_eq!(env.to_http(PayloadStyle::Escaped)?.status, 500);
    /// # Ok::<(), izmsg::iis::soap::WriteError>(())
    /// ```
    pub fn to_http(&self, style: PayloadStyle) -> Result<HttpResponse, WriteError> {
        let status = match &self.body {
            Reply::Response(_) => 200,
            Reply::Fault(f) => f.http_status(),
        };
        Ok(HttpResponse {
            status,
            content_type: SOAP12_CONTENT_TYPE,
            body: self.write(style)?.into_bytes(),
        })
    }
}

/// Why a call did not bring a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// The server answered a SOAP fault (with whatever status).
    Fault(Fault),
    /// An HTTP error status without a SOAP fault in the body (a proxy's error page, say).
    Status {
        /// The status.
        status: u16,
    },
    /// A success status, but the body is not the expected response.
    Invalid {
        /// The status.
        status: u16,
        /// Why the body could not be read.
        error: ReadError,
    },
}

impl CallError {
    /// The failure, for [`RetryPolicy::decide`](crate::iis::retry::RetryPolicy::decide).
    pub fn failure(&self) -> Failure {
        match self {
            CallError::Fault(f) => Failure::Fault(f.kind),
            CallError::Status { status } => Failure::Http(*status),
            CallError::Invalid { .. } => Failure::Transport(TransportError::InvalidResponse),
        }
    }

    /// What to do about it.
    pub fn remedy(&self) -> Remedy {
        self.failure().remedy()
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Fault(fault) => fault.fmt(f),
            CallError::Status { status } => write!(
                f,
                "HTTP status {status} without a SOAP answer: {}",
                self.remedy()
            ),
            CallError::Invalid { status, error } => write!(
                f,
                "HTTP status {status}, but the answer could not be read ({error}): {}",
                self.remedy()
            ),
        }
    }
}

impl std::error::Error for CallError {}

/// Reads what came back from a call of `operation`: a 2xx status with the operation's response is a
/// response; a SOAP fault, with any status, is [`CallError::Fault`]; any other error status is
/// [`CallError::Status`]; a 2xx with anything else is [`CallError::Invalid`].
///
/// ```
/// use izmsg::iis::retry::{Decision, Fix, RetryPolicy};
/// use izmsg::iis::soap::{self, CallError, Operation};
/// let body = br#"<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body>
///   <submitSingleMessageResponse xmlns="urn:cdc:iisb:2011"><return>MSH|^~\&amp;|IIS&#13;MSA|AA|M1&#13;</return></submitSingleMessageResponse>
/// </Body></Envelope>"#;
/// let env = soap::interpret(Operation::SubmitSingleMessage, 200, body, &Default::default())?;
/// assert_eq!(env.body.text(), "MSH|^~\\&|IIS\rMSA|AA|M1\r");
///
/// let err = soap::interpret(Operation::SubmitSingleMessage, 401, b"<html>Unauthorized</html>", &Default::default()).unwrap_err();
/// assert_eq!(err, CallError::Status { status: 401 });
/// assert_eq!(RetryPolicy::default().decide(err.failure(), 1), Decision::Fix(Fix::Credentials));
/// # Ok::<(), CallError>(())
/// ```
pub fn interpret(
    operation: Operation,
    status: u16,
    body: &[u8],
    limits: &Limits,
) -> Result<Envelope<Response>, CallError> {
    let success = (200..300).contains(&status);
    let env = match read_reply(body, limits) {
        Ok(env) => env,
        Err(error) if success => return Err(CallError::Invalid { status, error }),
        Err(_) => return Err(CallError::Status { status }),
    };
    match env.body {
        Reply::Fault(f) => Err(CallError::Fault(f)),
        Reply::Response(_) if !success => Err(CallError::Status { status }),
        Reply::Response(r) if r.operation() != operation => Err(CallError::Invalid {
            status,
            error: ReadError::UnexpectedBody { offset: 0 },
        }),
        Reply::Response(r) => Ok(Envelope {
            wsdl: env.wsdl,
            addressing: env.addressing,
            hub: env.hub,
            body: r,
        }),
    }
}
