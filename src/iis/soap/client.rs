//! A sans-I/O client: the settings of one registry connection, turned into HTTP requests to make and
//! back from HTTP answers into responses.

use super::credentials::Credentials;
use super::error::{Limits, WriteError};
use super::http::{CallError, HttpRequest, interpret};
use super::message::{Addressing, Envelope, HubHeader, Request, Response, Submission};
use super::payload::PayloadStyle;
use super::wsdl::{Operation, Wsdl};

/// One registry endpoint and how to talk to it. It opens no connection: it builds [`HttpRequest`]s
/// and reads what the caller's HTTP client got back.
///
/// `Debug` never shows the password.
///
/// ```
/// use izmsg::iis::soap::{Client, Credentials, Operation, Wsdl};
/// let client = Client::new(Wsdl::Cdc2014, "https://iis.example/ws")
///     .credentials(Credentials::new("ehr-user", "s3cret"))
///     .facility_id("ORG123");
/// let req = client.submit("MSH|^~\\&|EHR\r", "urn:uuid:7f1c0f7e-0000-4000-8000-000000000001")?;
/// assert_eq!(req.soap_action, "urn:cdc:iisb:2014:IISPortType:SubmitSingleMessageRequest");
/// let xml = String::from_utf8(req.body.clone()).unwrap();
/// assert!(xml.contains("<wsa:To>https://iis.example/ws</wsa:To>"));
/// assert!(xml.contains("<cdc:Password>s3cret</cdc:Password>"));
/// assert!(!format!("{client:?} {req:?}").contains("s3cret"));
///
/// // ... POST req.body to the endpoint with req.headers(), then:
/// let answer = br#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>
///   <SubmitSingleMessageResponse xmlns="urn:cdc:iisb:2014"><Hl7Message>MSH|^~\&amp;|IIS&#xD;MSA|AA|1&#xD;</Hl7Message></SubmitSingleMessageResponse>
/// </s:Body></s:Envelope>"#;
/// let ack = client.read(Operation::SubmitSingleMessage, 200, answer)?;
/// assert!(ack.body.text().ends_with("MSA|AA|1\r"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    wsdl: Wsdl,
    endpoint: String,
    credentials: Credentials,
    facility_id: Option<String>,
    destination: Option<String>,
    style: PayloadStyle,
    limits: Limits,
}

impl Client {
    /// A client for the endpoint at `endpoint` (the URL, used as `wsa:To` in the 2014 WSDL), with no
    /// credentials, escaped payloads and default limits.
    pub fn new(wsdl: Wsdl, endpoint: impl Into<String>) -> Client {
        Client {
            wsdl,
            endpoint: endpoint.into(),
            credentials: Credentials::none(),
            facility_id: None,
            destination: None,
            style: PayloadStyle::Escaped,
            limits: Limits::default(),
        }
    }

    /// Sends this user name and password with each message.
    pub fn credentials(mut self, credentials: Credentials) -> Client {
        self.credentials = credentials;
        self
    }

    /// Sends this `facilityID` with each message.
    pub fn facility_id(mut self, facility_id: impl Into<String>) -> Client {
        self.facility_id = Some(facility_id.into());
        self
    }

    /// Asks the IZ Gateway hub to route to this destination (a hub header with `DestinationId`).
    pub fn destination(mut self, destination_id: impl Into<String>) -> Client {
        self.destination = Some(destination_id.into());
        self
    }

    /// Writes HL7 payloads in this style.
    pub fn payload_style(mut self, style: PayloadStyle) -> Client {
        self.style = style;
        self
    }

    /// Reads answers under these limits.
    pub fn limits(mut self, limits: Limits) -> Client {
        self.limits = limits;
        self
    }

    /// The WSDL it speaks.
    pub fn wsdl(&self) -> Wsdl {
        self.wsdl
    }

    /// The endpoint's URL.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// A `connectivityTest` request echoing `echo`. `message_id` must be unique (a `urn:uuid:`); only
    /// the 2014 WSDL sends it.
    pub fn connectivity_test(
        &self,
        echo: &str,
        message_id: &str,
    ) -> Result<HttpRequest, WriteError> {
        self.request(
            Request::ConnectivityTest {
                echo_back: echo.to_string(),
            },
            message_id,
        )
    }

    /// A `submitSingleMessage` request for one HL7 message (CR segment terminators). `message_id` must
    /// be unique (a `urn:uuid:`); only the 2014 WSDL sends it.
    pub fn submit(&self, hl7_message: &str, message_id: &str) -> Result<HttpRequest, WriteError> {
        self.request(
            Request::SubmitSingleMessage(Submission {
                credentials: self.credentials.clone(),
                facility_id: self.facility_id.clone(),
                hl7_message: hl7_message.to_string(),
            }),
            message_id,
        )
    }

    /// The HTTP request for any request body.
    pub fn request(&self, body: Request, message_id: &str) -> Result<HttpRequest, WriteError> {
        let operation = body.operation();
        let env = Envelope {
            wsdl: self.wsdl,
            addressing: self.wsdl.uses_addressing().then(|| {
                Addressing::request(self.wsdl, operation, message_id, self.endpoint.as_str())
            }),
            hub: self.destination.as_ref().map(|d| HubHeader {
                destination_id: Some(d.clone()),
                destination_uri: None,
            }),
            body,
        };
        let xml = env.write(self.style)?;
        Ok(HttpRequest::new(self.wsdl, operation, xml.into_bytes()))
    }

    /// Reads the HTTP status and body that came back from a call of `operation` (see
    /// [`interpret`](super::interpret)).
    pub fn read(
        &self,
        operation: Operation,
        status: u16,
        body: &[u8],
    ) -> Result<Envelope<Response>, CallError> {
        interpret(operation, status, body, &self.limits)
    }
}
