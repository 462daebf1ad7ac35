//! Reading envelopes: a server reads requests, a client reads replies (responses and faults).
//!
//! Both WSDLs are recognised by the body element's namespace and name. The reader is strict about the
//! SOAP frame (one root `Envelope` in the SOAP 1.2 namespace, at most one `Header`, one `Body` with
//! one element) and lenient inside the payload element: children may be qualified (as the schemas
//! say) or unqualified (as some stacks write them), unknown children are skipped, and fault details
//! are recognised by name whatever their namespace.

use super::credentials::{Credentials, Secret};
use super::error::{Limits, ReadError};
use super::fault::{Fault, FaultDetail, FaultKind, SoapCode};
use super::message::{Addressing, Envelope, HubHeader, Reply, Request, Response, Submission};
use super::payload::normalize_hl7;
use super::tree::{self, Element, Ns};
use super::wsdl::Wsdl;

/// Reads a request envelope, as a server does.
///
/// A body that is neither operation is [`ReadError::UnsupportedOperation`] (answer it with
/// [`ReadError::fault`]). The HL7 payload comes back with CR segment terminators, whether it was
/// escaped or in CDATA.
///
/// ```
/// use izmsg::iis::soap::{self, Request};
/// let xml = br#"<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">
///   <soap:Body>
///     <submitSingleMessage xmlns="urn:cdc:iisb:2011">
///       <username>ehr-user</username><password>secret</password><facilityID>ORG123</facilityID>
///       <hl7Message><![CDATA[MSH|^~\&|MYEHR|MYCLINIC|||20240105||VXU^V04^VXU_V04|M1|P|2.5.1
/// PID|1||123^^^MYEHR^MR]]></hl7Message>
///     </submitSingleMessage>
///   </soap:Body>
/// </soap:Envelope>"#;
/// let env = soap::read_request(xml, &Default::default())?;
/// let Request::SubmitSingleMessage(sub) = &env.body else { panic!() };
/// assert_eq!(sub.facility_id.as_deref(), Some("ORG123"));
/// assert!(sub.hl7_message.starts_with("MSH|^~\\&|"));
/// assert!(sub.hl7_message.contains("VXU_V04|M1|P|2.5.1\rPID|1"));
/// # Ok::<(), soap::ReadError>(())
/// ```
pub fn read_request(input: &[u8], limits: &Limits) -> Result<Envelope<Request>, ReadError> {
    let root = tree::parse(input, limits)?;
    let (header, body) = frame(&root)?;
    let (addressing, hub) = headers(header)?;
    let Ns::Cdc(wsdl) = body.ns else {
        return Err(ReadError::UnsupportedOperation {
            offset: body.offset,
            wsdl: None,
        });
    };
    let n = wsdl.names();
    let ns = body.ns;
    let request = if body.name == n.connectivity_request {
        Request::ConnectivityTest {
            echo_back: body
                .child_text(ns, n.echo_request, true)?
                .unwrap_or("")
                .to_string(),
        }
    } else if body.name == n.submit_request {
        let hl7 = body
            .child_text(ns, n.hl7_request, true)?
            .ok_or(ReadError::Missing {
                offset: body.offset,
                element: n.hl7_request,
            })?;
        Request::SubmitSingleMessage(Submission {
            credentials: Credentials {
                username: body.child_text(ns, n.username, true)?.map(str::to_string),
                password: body.child_text(ns, n.password, true)?.map(Secret::from),
            },
            facility_id: body
                .child_text(ns, n.facility_id, true)?
                .map(str::to_string),
            hl7_message: normalize_hl7(hl7),
        })
    } else {
        return Err(ReadError::UnsupportedOperation {
            offset: body.offset,
            wsdl: Some(wsdl),
        });
    };
    Ok(Envelope {
        wsdl,
        addressing,
        hub,
        body: request,
    })
}

/// Reads a reply envelope, as a client does: a response of either WSDL, or a fault.
///
/// An absent or nil `return` reads as an empty answer (the IZ Gateway's copy of the schema makes it
/// optional): the ACK reader then says there was no valid acknowledgement.
///
/// ```
/// use izmsg::iis::soap::{self, FaultKind, Reply};
/// let xml = br#"<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body><Fault>
///   <Code><Value>Sender</Value></Code>
///   <Reason><Text xml:lang="en">Invalid username or password</Text></Reason>
///   <Detail><SecurityFault xmlns="urn:cdc:iisb:2011">
///     <Code>10</Code><Reason>Security</Reason><Detail>Invalid Username or Password</Detail>
///   </SecurityFault></Detail>
/// </Fault></Body></Envelope>"#;
/// let env = soap::read_reply(xml, &Default::default())?;
/// let Reply::Fault(fault) = &env.body else { panic!() };
/// assert_eq!(fault.kind, FaultKind::Security);
/// assert_eq!(fault.reason, "Invalid username or password");
/// # Ok::<(), soap::ReadError>(())
/// ```
pub fn read_reply(input: &[u8], limits: &Limits) -> Result<Envelope<Reply>, ReadError> {
    let root = tree::parse(input, limits)?;
    let (header, body) = frame(&root)?;
    let (addressing, hub) = headers(header)?;
    let guess = if addressing.is_some() {
        Wsdl::Cdc2014
    } else {
        Wsdl::Cdc2011
    };
    if body.is(Ns::Soap12, "Fault") {
        let (fault, wsdl) = fault(body)?;
        return Ok(Envelope {
            wsdl: wsdl.unwrap_or(guess),
            addressing,
            hub,
            body: Reply::Fault(fault),
        });
    }
    let Ns::Cdc(wsdl) = body.ns else {
        return Err(ReadError::UnexpectedBody {
            offset: body.offset,
        });
    };
    let n = wsdl.names();
    let response = if body.name == n.connectivity_response {
        Response::ConnectivityTest {
            echo_back: body
                .child_text(body.ns, n.echo_response, true)?
                .unwrap_or("")
                .to_string(),
        }
    } else if body.name == n.submit_response {
        Response::SubmitSingleMessage {
            hl7_message: normalize_hl7(
                body.child_text(body.ns, n.hl7_response, true)?
                    .unwrap_or(""),
            ),
        }
    } else {
        return Err(ReadError::UnexpectedBody {
            offset: body.offset,
        });
    };
    Ok(Envelope {
        wsdl,
        addressing,
        hub,
        body: Reply::Response(response),
    })
}

/// The SOAP frame: the optional `Header` and the one element in `Body`.
fn frame(root: &Element) -> Result<(Option<&Element>, &Element), ReadError> {
    if root.name == "Envelope" && root.ns == Ns::Soap11 {
        return Err(ReadError::Soap11 {
            offset: root.offset,
        });
    }
    if !root.is(Ns::Soap12, "Envelope") {
        return Err(ReadError::NotEnvelope {
            offset: root.offset,
        });
    }
    let mut header = None;
    let mut body = None;
    for child in &root.children {
        if child.is(Ns::Soap12, "Header") && header.is_none() && body.is_none() {
            header = Some(child);
        } else if child.is(Ns::Soap12, "Body") && body.is_none() {
            body = Some(child);
        } else {
            return Err(ReadError::Structure {
                offset: child.offset,
                problem: "the Envelope holds something other than one Header and then one Body",
            });
        }
    }
    let body = body.ok_or(ReadError::Structure {
        offset: root.offset,
        problem: "the Envelope has no Body",
    })?;
    match body.children.as_slice() {
        [one] => Ok((header, one)),
        [] => Err(ReadError::Structure {
            offset: body.offset,
            problem: "the Body is empty",
        }),
        [_, second, ..] => Err(ReadError::Structure {
            offset: second.offset,
            problem: "the Body holds more than one element",
        }),
    }
}

/// WS-Addressing and hub headers; other headers (WS-Security, say) are skipped and not kept.
fn headers(header: Option<&Element>) -> Result<(Option<Addressing>, Option<HubHeader>), ReadError> {
    let Some(header) = header else {
        return Ok((None, None));
    };
    let wsa = |name: &'static str| -> Result<Option<String>, ReadError> {
        Ok(header
            .child_text(Ns::Wsa, name, false)?
            .map(|t| t.trim().to_string()))
    };
    let addressing = Addressing {
        action: wsa("Action")?,
        message_id: wsa("MessageID")?,
        to: wsa("To")?,
        relates_to: wsa("RelatesTo")?,
    };
    let addressing = (addressing != Addressing::default()).then_some(addressing);
    let mut hub = None;
    for name in ["HubRequestHeader", "HubResponseHeader"] {
        if let Some(h) = header.only_child(Ns::Hub, name, false)? {
            let text = |n: &'static str| -> Result<Option<String>, ReadError> {
                Ok(h.child_text(Ns::Hub, n, true)?
                    .map(|t| t.trim().to_string()))
            };
            hub = Some(HubHeader {
                destination_id: text("DestinationId")?,
                destination_uri: text("DestinationUri")?,
            });
        }
    }
    Ok((addressing, hub))
}

/// The only child `name` of a SOAP element (qualified or not).
fn soap<'e>(parent: &'e Element, name: &'static str) -> Result<Option<&'e Element>, ReadError> {
    parent.only_child(Ns::Soap12, name, true)
}

/// A SOAP 1.2 `Fault`, and the WSDL its detail's namespace names.
fn fault(el: &Element) -> Result<(Fault, Option<Wsdl>), ReadError> {
    let code = match soap(el, "Code")? {
        Some(c) => soap(c, "Value")?.map_or(SoapCode::Receiver, |v| SoapCode::from_value(&v.text)),
        None => SoapCode::Receiver,
    };
    let reason = soap(el, "Reason")?
        .and_then(|r| r.children_named(Ns::Soap12, "Text", true).next())
        .map(|t| t.text.trim().to_string())
        .unwrap_or_default();
    let item = soap(el, "Detail")?.and_then(|d| d.children.first());
    let Some(item) = item else {
        let f = Fault {
            kind: FaultKind::Untyped(code),
            code,
            reason,
            detail: Box::default(),
        };
        return Ok((f, None));
    };
    // Children of the detail element, by name in any namespace: servers differ.
    let field = |name: &str| {
        item.children
            .iter()
            .find(|c| c.name == name && !c.nil)
            .map(|c| c.text.trim().to_string())
    };
    let number = |name: &str| field(name).and_then(|t| t.parse::<u64>().ok());
    let detail = Box::new(FaultDetail {
        code: field("Code"),
        reason: field("Reason"),
        text: field("Detail"),
        size: number("Size"),
        max_size: number("MaxSize"),
        destination_id: field("DestinationId"),
    });
    let kind = FaultKind::from_detail_element(&item.name)
        .or_else(|| {
            detail
                .reason
                .as_deref()
                .and_then(FaultKind::from_fixed_reason)
        })
        .unwrap_or(FaultKind::Untyped(code));
    let wsdl = match item.ns {
        Ns::Cdc(w) => Some(w),
        Ns::Hub => Some(Wsdl::Cdc2014),
        _ => None,
    };
    Ok((
        Fault {
            kind,
            code,
            reason,
            detail,
        },
        wsdl,
    ))
}
