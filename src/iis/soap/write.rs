//! Writing envelopes: a client writes requests, a server writes responses and faults.
//!
//! The output is UTF-8, on one line after the XML declaration, with the prefixes `soap` (SOAP 1.2),
//! `cdc` (the WSDL's namespace), `wsa` (WS-Addressing) and `hub` (IZ Gateway hub) declared on the
//! root element. Every text is checked for characters XML 1.0 cannot carry before anything is written.

use super::credentials::Credentials;
use super::error::WriteError;
use super::fault::Fault;
use super::message::{Addressing, Envelope, HubHeader, Reply, Request, Response};
use super::payload::{self, PayloadStyle};
use super::wsdl::{HUB_NS, SOAP12_NS, WSA_NS, Wsdl};

impl Envelope<Request> {
    /// Writes the request, the HL7 payload in `style`.
    ///
    /// ```
    /// use izmsg::iis::soap::{self, Credentials, Envelope, PayloadStyle, Request, Submission, Wsdl};
    /// let env = Envelope::request(Wsdl::Cdc2011, Request::SubmitSingleMessage(Submission {
    ///     credentials: Credentials::new("ehr-user", "secret"),
    ///     facility_id: Some("ORG123".into()),
    ///     hl7_message: "MSH|^~\\&|A\rPID|1\r".into(),
    /// }));
    /// let xml = env.write(PayloadStyle::Escaped)?;
    /// assert!(xml.contains("<cdc:hl7Message>MSH|^~\\&amp;|A&#xD;PID|1&#xD;</cdc:hl7Message>"));
    /// assert_eq!(soap::read_request(xml.as_bytes(), &Default::default())?.body, env.body);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write(&self, style: PayloadStyle) -> Result<String, WriteError> {
        let n = self.wsdl.names();
        let mut w = Writer::open(self.wsdl, &self.addressing, &self.hub, REQUEST, false)?;
        match &self.body {
            Request::ConnectivityTest { echo_back } => {
                payload::check(n.echo_request, echo_back)?;
                w.start(n.connectivity_request);
                w.text_element(n.echo_request, echo_back);
                w.end(n.connectivity_request);
            }
            Request::SubmitSingleMessage(sub) => {
                check_credentials(self.wsdl, &sub.credentials)?;
                if let Some(f) = &sub.facility_id {
                    payload::check(n.facility_id, f)?;
                }
                payload::check(n.hl7_request, &sub.hl7_message)?;
                w.start(n.submit_request);
                if let Some(u) = &sub.credentials.username {
                    w.text_element(n.username, u);
                }
                if let Some(p) = &sub.credentials.password {
                    w.text_element(n.password, p.expose());
                }
                if let Some(f) = &sub.facility_id {
                    w.text_element(n.facility_id, f);
                }
                w.payload_element(n.hl7_request, &sub.hl7_message, style);
                w.end(n.submit_request);
            }
        }
        Ok(w.close())
    }
}

impl Envelope<Reply> {
    /// Writes the response or fault, the HL7 payload in `style`.
    ///
    /// ```
    /// use izmsg::iis::soap::{self, Envelope, Fault, PayloadStyle, Reply, Wsdl};
    /// let env = Envelope { wsdl: Wsdl::Cdc2011, addressing: None, hub: None,
    ///     body: Reply::Fault(Fault::security("Invalid Username or Password")) };
    /// let xml = env.write(PayloadStyle::Escaped)?;
    /// assert!(xml.contains("<cdc:SecurityFault><cdc:Code>10</cdc:Code><cdc:Reason>Security</cdc:Reason>"));
    /// assert_eq!(soap::read_reply(xml.as_bytes(), &Default::default())?, env);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write(&self, style: PayloadStyle) -> Result<String, WriteError> {
        let n = self.wsdl.names();
        match &self.body {
            Reply::Response(Response::ConnectivityTest { echo_back }) => {
                payload::check(n.echo_response, echo_back)?;
                let mut w = Writer::open(self.wsdl, &self.addressing, &self.hub, REPLY, false)?;
                w.start(n.connectivity_response);
                w.text_element(n.echo_response, echo_back);
                w.end(n.connectivity_response);
                Ok(w.close())
            }
            Reply::Response(Response::SubmitSingleMessage { hl7_message }) => {
                payload::check(n.hl7_response, hl7_message)?;
                let mut w = Writer::open(self.wsdl, &self.addressing, &self.hub, REPLY, false)?;
                w.start(n.submit_response);
                w.payload_element(n.hl7_response, hl7_message, style);
                w.end(n.submit_response);
                Ok(w.close())
            }
            Reply::Fault(f) => write_fault(self, f),
        }
    }
}

fn write_fault(env: &Envelope<Reply>, f: &Fault) -> Result<String, WriteError> {
    payload::check("Reason", &f.reason)?;
    let d = &f.detail;
    for (name, text) in [
        ("Code", &d.code),
        ("Reason", &d.reason),
        ("Detail", &d.text),
        ("DestinationId", &d.destination_id),
    ] {
        if let Some(t) = text {
            payload::check(name, t)?;
        }
    }
    let mut w = Writer::open(env.wsdl, &env.addressing, &env.hub, REPLY, f.kind.is_hub())?;
    w.out.push_str("<soap:Fault><soap:Code><soap:Value>soap:");
    w.out.push_str(f.code.as_str());
    w.out
        .push_str("</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">");
    payload::escape_into(&f.reason, &mut w.out);
    w.out.push_str("</soap:Text></soap:Reason>");
    if let Some(element) = f.kind.detail_element() {
        let prefix = if f.kind.is_hub() { "hub" } else { "cdc" };
        w.out.push_str("<soap:Detail>");
        w.start_in(prefix, element);
        for (name, text) in [
            ("Code", &d.code),
            ("Reason", &d.reason),
            ("Detail", &d.text),
        ] {
            if let Some(t) = text {
                w.text_element_in(prefix, name, t);
            }
        }
        if env.wsdl == Wsdl::Cdc2014 {
            for (name, value) in [("Size", d.size), ("MaxSize", d.max_size)] {
                if let Some(v) = value {
                    w.text_element_in(prefix, name, &v.to_string());
                }
            }
        }
        if f.kind.is_hub() {
            if let Some(t) = &d.destination_id {
                w.text_element_in(prefix, "DestinationId", t);
            }
        }
        w.end_in(prefix, element);
        w.out.push_str("</soap:Detail>");
    }
    w.out.push_str("</soap:Fault>");
    Ok(w.close())
}

fn check_credentials(wsdl: Wsdl, c: &Credentials) -> Result<(), WriteError> {
    let n = wsdl.names();
    if c.username
        .as_deref()
        .is_some_and(|u| payload::first_illegal(u).is_some())
    {
        return Err(WriteError::IllegalCredential {
            element: n.username,
        });
    }
    if c.password
        .as_ref()
        .is_some_and(|p| payload::first_illegal(p.expose()).is_some())
    {
        return Err(WriteError::IllegalCredential {
            element: n.password,
        });
    }
    Ok(())
}

/// The hub header's element in a request and in a reply.
const REQUEST: &str = "HubRequestHeader";
const REPLY: &str = "HubResponseHeader";

/// Appends the parts of an envelope to a string.
struct Writer {
    out: String,
}

impl Writer {
    /// The declaration, the `Envelope` start tag, the headers (the hub's in `hub_element`) and the
    /// `Body` start tag. `declare_hub` declares the hub prefix even without a hub header (for a hub
    /// fault).
    fn open(
        wsdl: Wsdl,
        addressing: &Option<Addressing>,
        hub: &Option<HubHeader>,
        hub_element: &str,
        declare_hub: bool,
    ) -> Result<Writer, WriteError> {
        if let Some(a) = addressing {
            for (name, t) in [
                ("Action", &a.action),
                ("MessageID", &a.message_id),
                ("To", &a.to),
                ("RelatesTo", &a.relates_to),
            ] {
                if let Some(t) = t {
                    payload::check(name, t)?;
                }
            }
        }
        if let Some(h) = hub {
            for (name, t) in [
                ("DestinationId", &h.destination_id),
                ("DestinationUri", &h.destination_uri),
            ] {
                if let Some(t) = t {
                    payload::check(name, t)?;
                }
            }
        }
        let mut w = Writer {
            out: String::with_capacity(1024),
        };
        w.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"");
        w.out.push_str(SOAP12_NS);
        w.out.push_str("\" xmlns:cdc=\"");
        w.out.push_str(wsdl.namespace());
        w.out.push('"');
        if addressing.is_some() {
            w.out.push_str(" xmlns:wsa=\"");
            w.out.push_str(WSA_NS);
            w.out.push('"');
        }
        if hub.is_some() || declare_hub {
            w.out.push_str(" xmlns:hub=\"");
            w.out.push_str(HUB_NS);
            w.out.push('"');
        }
        w.out.push('>');
        if addressing.is_some() || hub.is_some() {
            w.out.push_str("<soap:Header>");
            if let Some(a) = addressing {
                for (name, t) in [
                    ("Action", &a.action),
                    ("MessageID", &a.message_id),
                    ("To", &a.to),
                    ("RelatesTo", &a.relates_to),
                ] {
                    if let Some(t) = t {
                        w.text_element_in("wsa", name, t);
                    }
                }
            }
            if let Some(h) = hub {
                w.start_in("hub", hub_element);
                if let Some(t) = &h.destination_id {
                    w.text_element_in("hub", "DestinationId", t);
                }
                if let Some(t) = &h.destination_uri {
                    w.text_element_in("hub", "DestinationUri", t);
                }
                w.end_in("hub", hub_element);
            }
            w.out.push_str("</soap:Header>");
        }
        w.out.push_str("<soap:Body>");
        Ok(w)
    }

    fn close(mut self) -> String {
        self.out.push_str("</soap:Body></soap:Envelope>\n");
        self.out
    }

    fn start_in(&mut self, prefix: &str, name: &str) {
        self.out.push('<');
        self.out.push_str(prefix);
        self.out.push(':');
        self.out.push_str(name);
        self.out.push('>');
    }

    fn end_in(&mut self, prefix: &str, name: &str) {
        self.out.push_str("</");
        self.out.push_str(prefix);
        self.out.push(':');
        self.out.push_str(name);
        self.out.push('>');
    }

    fn text_element_in(&mut self, prefix: &str, name: &str, text: &str) {
        self.start_in(prefix, name);
        payload::escape_into(text, &mut self.out);
        self.end_in(prefix, name);
    }

    fn start(&mut self, name: &str) {
        self.start_in("cdc", name);
    }

    fn end(&mut self, name: &str) {
        self.end_in("cdc", name);
    }

    fn text_element(&mut self, name: &str, text: &str) {
        self.text_element_in("cdc", name, text);
    }

    fn payload_element(&mut self, name: &str, text: &str, style: PayloadStyle) {
        self.start(name);
        payload::payload_into(text, style, &mut self.out);
        self.end(name);
    }
}
