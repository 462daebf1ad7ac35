//! The CDC SOAP envelopes end to end, without a network: round trips of both WSDLs on the client and
//! the server side, every fault read from an envelope, hostile envelopes, HTTP interpretation, and
//! that no `Debug` or `Display` shows a password.
//!
//! All envelopes are written out here; nothing is read from outside the repository.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use izmsg::iis::retry::{Decision, Failure, Fix, RetryPolicy};
use izmsg::iis::soap::{
    self, Addressing, CallError, Client, Credentials, Envelope, Fault, FaultDetail, FaultKind,
    HubHeader, Limits, Operation, PayloadStyle, ReadError, Reply, Request, Response, Secret,
    SoapCode, Submission, Wsdl,
};

/// A VXU whose text holds everything XML cares about: `&` (MSH-2 and an escaped field), `<`, `>`,
/// `]]>`, non-ASCII, and CR segment terminators.
const VXU: &str = "MSH|^~\\&|MYEHR|MYCLINIC|MYIIS|MYIIS|20240105101530-0500||VXU^V04^VXU_V04|MSG0001|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
PID|1||PT-1^^^MYEHR^MR||Müller-Søren^Zoë^^^^^L||20230801|F|||1 <Main> St & Co^^Bangor^ME^04401\r\
NTE|1||a]]>b ]] > <![CDATA[ x ]]> 日本語 \\T\\ done\r\
RXA|0|1|20240105||208^COVID-19^CVX|0.3|mL^^UCUM\r";

const PASSWORD: &str = "Pa55-w0rd!&<]]>";

fn limits() -> Limits {
    Limits::default()
}

fn submission() -> Submission {
    Submission {
        credentials: Credentials::new("ehr-user", PASSWORD),
        facility_id: Some("ORG123".into()),
        hl7_message: VXU.into(),
    }
}

fn styles() -> [PayloadStyle; 2] {
    [PayloadStyle::Escaped, PayloadStyle::Cdata]
}

fn addressing(wsdl: Wsdl, op: Operation) -> Option<Addressing> {
    wsdl.uses_addressing().then(|| {
        Addressing::request(
            wsdl,
            op,
            "urn:uuid:11111111-2222-4333-8444-555555555555",
            "https://iis.example/ws",
        )
    })
}

#[test]
fn requests_round_trip_in_both_wsdls_and_styles() {
    for wsdl in Wsdl::ALL {
        for style in styles() {
            for body in [
                Request::SubmitSingleMessage(submission()),
                Request::ConnectivityTest {
                    echo_back: "ping & <pong> é\r".into(),
                },
                Request::SubmitSingleMessage(Submission {
                    credentials: Credentials::none(),
                    facility_id: None,
                    hl7_message: "MSH|^~\\&|A".into(),
                }),
            ] {
                let env = Envelope {
                    wsdl,
                    addressing: addressing(wsdl, body.operation()),
                    hub: None,
                    body,
                };
                let xml = env.write(style).unwrap();
                assert!(
                    !xml.contains('\r'),
                    "a literal CR would be normalised away: {wsdl} {style:?}"
                );
                let back = soap::read_request(xml.as_bytes(), &limits()).unwrap();
                assert_eq!(back, env, "{wsdl} {style:?}\n{xml}");
            }
        }
    }
}

#[test]
fn escaped_and_cdata_payloads_differ_on_the_wire_and_read_back_identically() {
    let env = Envelope::request(Wsdl::Cdc2011, Request::SubmitSingleMessage(submission()));
    let escaped = env.write(PayloadStyle::Escaped).unwrap();
    let cdata = env.write(PayloadStyle::Cdata).unwrap();
    assert_ne!(escaped, cdata);
    assert!(escaped.contains("MSH|^~\\&amp;|MYEHR"));
    assert!(escaped.contains("&#xD;PID|1"));
    assert!(cdata.contains("<![CDATA[MSH|^~\\&|MYEHR"));
    assert!(cdata.contains("]]>&#xD;<![CDATA[PID|1"));
    assert!(cdata.contains("a]]]]><![CDATA[>b"));
    for xml in [escaped, cdata] {
        let Request::SubmitSingleMessage(sub) =
            soap::read_request(xml.as_bytes(), &limits()).unwrap().body
        else {
            panic!("not a submission")
        };
        assert_eq!(sub.hl7_message, VXU);
        assert_eq!(sub.hl7_message.matches('\r').count(), 4);
    }
}

#[test]
fn responses_round_trip_in_both_wsdls_and_styles() {
    let ack = "MSH|^~\\&|MYIIS|MYIIS|MYEHR|MYCLINIC|20240105101531-0500||ACK^V04^ACK|A7731|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\rMSA|AE|MSG0001\rERR||RXA^1^5|103^Table value not found^HL70357|W||||Zoë & <Co> ]]>\r";
    for wsdl in Wsdl::ALL {
        for style in styles() {
            for response in [
                Response::SubmitSingleMessage {
                    hl7_message: ack.into(),
                },
                Response::ConnectivityTest {
                    echo_back: "You sent: ping & <pong>".into(),
                },
            ] {
                let request = Envelope {
                    wsdl,
                    addressing: addressing(wsdl, response.operation()),
                    hub: Some(HubHeader {
                        destination_id: Some("dev".into()),
                        destination_uri: None,
                    }),
                    body: match response.operation() {
                        Operation::ConnectivityTest => Request::ConnectivityTest {
                            echo_back: "ping".into(),
                        },
                        Operation::SubmitSingleMessage => {
                            Request::SubmitSingleMessage(submission())
                        }
                    },
                };
                let reply = request.reply_to(Reply::Response(response.clone()), "urn:uuid:reply-1");
                if wsdl.uses_addressing() {
                    let a = reply.addressing.as_ref().unwrap();
                    assert_eq!(
                        a.relates_to.as_deref(),
                        Some("urn:uuid:11111111-2222-4333-8444-555555555555")
                    );
                    assert_eq!(
                        a.action.as_deref(),
                        Some(response.operation().response_action(wsdl))
                    );
                } else {
                    assert_eq!(reply.addressing, None);
                }
                let xml = reply.write(style).unwrap();
                let back = soap::read_reply(xml.as_bytes(), &limits()).unwrap();
                assert_eq!(back, reply, "{wsdl} {style:?}\n{xml}");
                // And the client's view of the same bytes.
                let env =
                    soap::interpret(response.operation(), 200, xml.as_bytes(), &limits()).unwrap();
                assert_eq!(env.body, response);
            }
        }
    }
}

/// The spec's example: a registry's answer with literal CR (here also LF and CR LF) in CDATA.
#[test]
fn literal_line_ends_in_cdata_read_as_cr() {
    for eol in ["\r", "\n", "\r\n"] {
        let xml = format!(
            "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\">\n  <Body>\n    <submitSingleMessageResponse xmlns=\"urn:cdc:iisb:2011\">\n      <return><![CDATA[MSH|^~\\&|MYIIS|MYIIS|MYEHR|MYCLINIC|20240105101531-0500||ACK^V04^ACK|A7731|P|2.5.1{eol}MSA|AA|MSG0001{eol}]]></return>\n    </submitSingleMessageResponse>\n  </Body>\n</Envelope>"
        );
        let env = soap::read_reply(xml.as_bytes(), &limits()).unwrap();
        let Reply::Response(Response::SubmitSingleMessage { hl7_message }) = env.body else {
            panic!("not a response")
        };
        assert_eq!(
            hl7_message,
            "MSH|^~\\&|MYIIS|MYIIS|MYEHR|MYCLINIC|20240105101531-0500||ACK^V04^ACK|A7731|P|2.5.1\rMSA|AA|MSG0001\r",
            "{eol:?}"
        );
    }
}

#[test]
fn character_references_for_cr_in_both_spellings() {
    let xml = r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>
<c:submitSingleMessageResponse xmlns:c="urn:cdc:iisb:2011"><c:return>MSH|^~\&amp;|A&#13;MSA|AA|1&#xD;</c:return></c:submitSingleMessageResponse>
</s:Body></s:Envelope>"#;
    let env = soap::read_reply(xml.as_bytes(), &limits()).unwrap();
    assert_eq!(
        env.body,
        Reply::Response(Response::SubmitSingleMessage {
            hl7_message: "MSH|^~\\&|A\rMSA|AA|1\r".into()
        })
    );
}

/// A 2014 request as the IZ Gateway sends it: WS-Addressing headers, prefixed payload elements, the
/// hub's routing header, a WS-Security header that is skipped.
#[test]
fn reads_an_iz_gateway_style_request() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:urn="urn:cdc:iisb:2014" xmlns:hub="urn:cdc:iisb:hub:2014">
  <soap:Header xmlns:wsa="http://www.w3.org/2005/08/addressing">
    <wsa:Action soap:mustUnderstand="true">urn:cdc:iisb:2014:IISPortType:SubmitSingleMessageRequest</wsa:Action>
    <wsa:MessageID>urn:uuid:d5a2f7c8-0000-4000-8000-000000000000</wsa:MessageID>
    <wsa:To>https://iis.example/2014</wsa:To>
    <hub:HubRequestHeader><hub:DestinationId>md</hub:DestinationId></hub:HubRequestHeader>
    <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Password>other-secret</wsse:Password></wsse:UsernameToken></wsse:Security>
  </soap:Header>
  <soap:Body>
    <urn:SubmitSingleMessageRequest>
      <urn:Username>vendor</urn:Username>
      <urn:Password xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>
      <urn:FacilityID>F1</urn:FacilityID>
      <urn:Hl7Message>MSH|^~\&amp;|A&#xD;</urn:Hl7Message>
    </urn:SubmitSingleMessageRequest>
  </soap:Body>
</soap:Envelope>"#;
    let env = soap::read_request(xml.as_bytes(), &limits()).unwrap();
    assert_eq!(env.wsdl, Wsdl::Cdc2014);
    let a = env.addressing.as_ref().unwrap();
    assert_eq!(
        a.message_id.as_deref(),
        Some("urn:uuid:d5a2f7c8-0000-4000-8000-000000000000")
    );
    assert_eq!(a.to.as_deref(), Some("https://iis.example/2014"));
    assert_eq!(
        Operation::from_action(a.action.as_deref().unwrap()),
        Some((Wsdl::Cdc2014, Operation::SubmitSingleMessage))
    );
    assert_eq!(
        env.hub.as_ref().unwrap().destination_id.as_deref(),
        Some("md")
    );
    let Request::SubmitSingleMessage(sub) = &env.body else {
        panic!("not a submission")
    };
    assert_eq!(sub.credentials.username.as_deref(), Some("vendor"));
    assert_eq!(sub.credentials.password, None, "xsi:nil reads as absent");
    assert_eq!(sub.facility_id.as_deref(), Some("F1"));
    assert_eq!(sub.hl7_message, "MSH|^~\\&|A\r");
    assert!(!format!("{env:?}").contains("other-secret"));
}

#[test]
fn a_client_request_is_what_the_server_reads() {
    for wsdl in Wsdl::ALL {
        let client = Client::new(wsdl, "https://iis.example/ws")
            .credentials(Credentials::new("ehr-user", PASSWORD))
            .facility_id("ORG123")
            .destination("dev")
            .payload_style(PayloadStyle::Cdata);
        let http = client.submit(VXU, "urn:uuid:1").unwrap();
        assert_eq!(
            http.soap_action,
            Operation::SubmitSingleMessage.soap_action(wsdl)
        );
        assert_eq!(
            http.content_type,
            format!(
                "application/soap+xml; charset=utf-8; action=\"{}\"",
                http.soap_action
            )
        );
        let env = soap::read_request(&http.body, &limits()).unwrap();
        assert_eq!(env.wsdl, wsdl);
        assert_eq!(env.body, Request::SubmitSingleMessage(submission()));
        assert_eq!(env.hub.unwrap().destination_id.as_deref(), Some("dev"));
        match wsdl {
            Wsdl::Cdc2011 => assert_eq!(env.addressing, None),
            Wsdl::Cdc2014 => assert_eq!(
                env.addressing,
                addressing(wsdl, Operation::SubmitSingleMessage).map(|a| Addressing {
                    message_id: Some("urn:uuid:1".into()),
                    ..a
                })
            ),
        }
        let ping = client.connectivity_test("hello", "urn:uuid:2").unwrap();
        assert_eq!(
            soap::read_request(&ping.body, &limits()).unwrap().body,
            Request::ConnectivityTest {
                echo_back: "hello".into()
            }
        );
    }
}

/// One fault envelope per fault, as registries and the IZ Gateway write them (prefixes, namespaces,
/// numbers and spacing vary on purpose).
fn fault_envelopes() -> Vec<(&'static str, FaultKind, SoapCode, String)> {
    let wrap = |ns_decl: &str, fault: &str| {
        format!(
            "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" {ns_decl}><env:Body>{fault}</env:Body></env:Envelope>"
        )
    };
    let cdc = |code: &str, reason: &str, element: &str, ns: &str, children: &str| {
        wrap(
            "",
            &format!(
                "<env:Fault><env:Code><env:Value>env:{code}</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">{reason}</env:Text></env:Reason>\
                 <env:Detail><{element} xmlns=\"{ns}\">{children}</{element}></env:Detail></env:Fault>"
            ),
        )
    };
    vec![
        (
            "2011 UnknownFault (element `fault`)",
            FaultKind::Unknown,
            SoapCode::Receiver,
            cdc("Receiver", "Internal error", "fault", "urn:cdc:iisb:2011", "<Code>54353</Code><Reason>Unexpected exception</Reason><Detail>NullPointerException</Detail>"),
        ),
        (
            "2011 UnsupportedOperationFault",
            FaultKind::UnsupportedOperation,
            SoapCode::Sender,
            cdc("Sender", "Unsupported operation", "UnsupportedOperationFault", "urn:cdc:iisb:2011", "<Code>8675309</Code><Reason>UnsupportedOperation</Reason><Detail>Operation not supported</Detail>"),
        ),
        (
            "2011 SecurityFault (the spec's example)",
            FaultKind::Security,
            SoapCode::Sender,
            "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\">\n  <Body>\n    <Fault>\n      <Code><Value>Sender</Value></Code>\n      <Reason><Text xml:lang=\"en\">Invalid username or password</Text></Reason>\n      <Detail>\n        <SecurityFault xmlns=\"urn:cdc:iisb:2011\">\n          <Code>10</Code>\n          <Reason>Security</Reason>\n          <Detail>Invalid Username or Password</Detail>\n        </SecurityFault>\n      </Detail>\n    </Fault>\n  </Body>\n</Envelope>".to_string(),
        ),
        (
            "2011 MessageTooLargeFault",
            FaultKind::MessageTooLarge,
            SoapCode::Sender,
            cdc("Sender", "Message too large", "MessageTooLargeFault", "urn:cdc:iisb:2011", "<Code>1313</Code><Reason>MessageTooLarge</Reason><Detail>More than one message</Detail>"),
        ),
        (
            "2014 MessageTooLargeFault with Size and MaxSize",
            FaultKind::MessageTooLarge,
            SoapCode::Sender,
            cdc("Sender", "Message too large", "MessageTooLargeFault", "urn:cdc:iisb:2014", "<Code>30</Code><Reason>MessageTooLarge</Reason><Detail>over</Detail><Size>2000000</Size><MaxSize>1000000</MaxSize>"),
        ),
        (
            "2014 SecurityFault, IZ Gateway numbering",
            FaultKind::Security,
            SoapCode::Sender,
            cdc("Sender", "Security", "SecurityFault", "urn:cdc:iisb:2014", "<Code>61</Code><Reason>Security</Reason><Detail>certificate not trusted</Detail>"),
        ),
        (
            "2014 UnsupportedOperationFault",
            FaultKind::UnsupportedOperation,
            SoapCode::Sender,
            cdc("Sender", "Unsupported", "UnsupportedOperationFault", "urn:cdc:iisb:2014", "<Code>50</Code><Reason>UnsupportedOperation</Reason>"),
        ),
        (
            "hub DestinationConnectionFault",
            FaultKind::DestinationConnection,
            SoapCode::Receiver,
            cdc("Receiver", "Cannot connect to destination", "DestinationConnectionFault", "urn:cdc:iisb:hub:2014", "<Code>20</Code><Reason>Destination Connection</Reason><DestinationId>md</DestinationId>"),
        ),
        (
            "hub HubClientFault",
            FaultKind::HubClient,
            SoapCode::Receiver,
            cdc("Receiver", "Destination returned an error", "HubClientFault", "urn:cdc:iisb:hub:2014", "<Code>22</Code><Reason>Hub Client</Reason><DestinationId>md</DestinationId>"),
        ),
        (
            "hub UnknownDestinationFault",
            FaultKind::UnknownDestination,
            SoapCode::Sender,
            cdc("Sender", "Unknown destination", "UnknownDestinationFault", "urn:cdc:iisb:hub:2014", "<Code>40</Code><Reason>Unknown Destination</Reason><DestinationId>zz</DestinationId>"),
        ),
        (
            "a detail element in no namespace, known by its fixed Reason",
            FaultKind::Security,
            SoapCode::Sender,
            cdc("Sender", "Bad login", "LoginFault", "", "<Code>7</Code><Reason>Security</Reason>"),
        ),
        (
            "a SOAP 1.1 style code value (Client) and no detail",
            FaultKind::Untyped(SoapCode::Sender),
            SoapCode::Sender,
            wrap("", "<env:Fault><env:Code><env:Value>soap:Client</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">Unmarshalling error</env:Text></env:Reason></env:Fault>"),
        ),
        (
            "a VersionMismatch from the SOAP stack",
            FaultKind::Untyped(SoapCode::VersionMismatch),
            SoapCode::VersionMismatch,
            wrap("", "<env:Fault><env:Code><env:Value>env:VersionMismatch</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">Wrong version</env:Text></env:Reason></env:Fault>"),
        ),
        (
            "a Receiver fault with an unknown detail",
            FaultKind::Untyped(SoapCode::Receiver),
            SoapCode::Receiver,
            wrap("xmlns:x=\"urn:x\"", "<env:Fault><env:Code><env:Value>env:Receiver</env:Value><env:Subcode><env:Value>x:Busy</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">Busy</env:Text><env:Text xml:lang=\"es\">Ocupado</env:Text></env:Reason><env:Detail><x:Oops/></env:Detail></env:Fault>"),
        ),
    ]
}

#[test]
fn every_fault_kind_is_read_from_its_envelope() {
    let mut kinds = std::collections::HashSet::new();
    for (name, kind, code, xml) in fault_envelopes() {
        let env =
            soap::read_reply(xml.as_bytes(), &limits()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let Reply::Fault(f) = &env.body else {
            panic!("{name}: not a fault")
        };
        assert_eq!((f.kind, f.code), (kind, code), "{name}");
        assert!(!f.reason.is_empty(), "{name}");
        kinds.insert(kind);
        // With any status, the client sees the fault and its remedy.
        for status in [200, 400, 500] {
            let err = soap::interpret(
                Operation::SubmitSingleMessage,
                status,
                xml.as_bytes(),
                &limits(),
            )
            .unwrap_err();
            assert_eq!(err, CallError::Fault(f.clone()), "{name}");
            assert_eq!(err.failure(), Failure::Fault(kind));
        }
    }
    for kind in FaultKind::TYPED {
        assert!(kinds.contains(&kind), "no envelope for {kind:?}");
    }
    // Details read where given.
    let all = fault_envelopes();
    let f = |i: usize| match soap::read_reply(all[i].3.as_bytes(), &limits())
        .unwrap()
        .body
    {
        Reply::Fault(f) => f,
        Reply::Response(_) => unreachable!(),
    };
    assert_eq!(
        f(2).detail,
        Box::new(FaultDetail {
            code: Some("10".into()),
            reason: Some("Security".into()),
            text: Some("Invalid Username or Password".into()),
            ..FaultDetail::default()
        })
    );
    assert_eq!(
        (f(4).detail.size, f(4).detail.max_size),
        (Some(2_000_000), Some(1_000_000))
    );
    assert_eq!(f(9).detail.destination_id.as_deref(), Some("zz"));
    assert_eq!(f(13).reason, "Busy");
}

#[test]
fn every_fault_kind_round_trips_from_a_server() {
    let kinds = FaultKind::TYPED.into_iter().chain([
        FaultKind::Untyped(SoapCode::Sender),
        FaultKind::Untyped(SoapCode::Receiver),
        FaultKind::Untyped(SoapCode::VersionMismatch),
        FaultKind::Untyped(SoapCode::MustUnderstand),
        FaultKind::Untyped(SoapCode::DataEncodingUnknown),
    ]);
    for kind in kinds {
        for wsdl in Wsdl::ALL {
            let mut fault = Fault::new(kind, "Something & <else>");
            if !matches!(kind, FaultKind::Untyped(_)) {
                if wsdl == Wsdl::Cdc2014 && kind == FaultKind::MessageTooLarge {
                    fault.detail.size = Some(5);
                    fault.detail.max_size = Some(1);
                }
                if matches!(
                    kind,
                    FaultKind::UnknownDestination
                        | FaultKind::DestinationConnection
                        | FaultKind::HubClient
                ) {
                    fault.detail.destination_id = Some("md".into());
                }
            } else {
                fault.detail = Box::default();
            }
            let request = Envelope {
                wsdl,
                addressing: addressing(wsdl, Operation::SubmitSingleMessage),
                hub: None,
                body: Request::SubmitSingleMessage(submission()),
            };
            let reply = request.reply_to(Reply::Fault(fault.clone()), "urn:uuid:f");
            if wsdl.uses_addressing() {
                assert_eq!(
                    reply.addressing.as_ref().unwrap().action,
                    Some(format!(
                        "urn:cdc:iisb:2014:IISPortType:SubmitSingleMessage:Fault:{}",
                        kind.element()
                    ))
                );
            }
            let http = reply.to_http(PayloadStyle::Escaped).unwrap();
            assert_eq!(
                http.status,
                if kind.soap_code() == SoapCode::Sender {
                    400
                } else {
                    500
                }
            );
            let back = soap::read_reply(&http.body, &limits()).unwrap();
            assert_eq!(
                back.body,
                Reply::Fault(fault),
                "{kind:?} {wsdl}\n{}",
                String::from_utf8_lossy(&http.body)
            );
        }
    }
}

#[test]
fn what_to_do_about_each_fault() {
    let p = RetryPolicy::default();
    let decide = |k| p.decide(Failure::Fault(k), 1);
    assert_eq!(decide(FaultKind::Security), Decision::Fix(Fix::Credentials));
    assert_eq!(decide(FaultKind::MessageTooLarge), Decision::Split);
    assert_eq!(
        decide(FaultKind::UnsupportedOperation),
        Decision::Fix(Fix::Endpoint)
    );
    assert_eq!(
        decide(FaultKind::UnknownDestination),
        Decision::Fix(Fix::Destination)
    );
    for k in [
        FaultKind::Unknown,
        FaultKind::DestinationConnection,
        FaultKind::HubClient,
    ] {
        assert!(decide(k).is_retry(), "{k:?}");
    }
    // Display says the fault and what to do, not the server's free text.
    let f = Fault::security("Invalid password for user ehr-user");
    let shown = f.to_string();
    assert!(
        shown.starts_with("SecurityFault (SOAP Sender, code 10): stop and fix the credentials")
    );
    assert!(!shown.contains("ehr-user"));
}

/// Maine locks the vendor's account after more than 2 failed log-ins: a wrong password must give one
/// call and a stop, however the retries are configured.
#[test]
fn a_wrong_password_is_never_retried() {
    let (_, _, _, xml) = fault_envelopes().swap_remove(2);
    let client = Client::new(Wsdl::Cdc2011, "https://iis.example/ws")
        .credentials(Credentials::new("u", "wrong"));
    let policy = RetryPolicy {
        max_attempts: 1000,
        ..RetryPolicy::default()
    };
    let mut calls = 0;
    let mut attempt = 0;
    let decision = loop {
        attempt += 1;
        let _request = client.submit(VXU, "urn:uuid:x").unwrap();
        calls += 1; // the "send"
        match client.read(Operation::SubmitSingleMessage, 400, xml.as_bytes()) {
            Ok(_) => panic!("a fault is not a response"),
            Err(e) => match policy.decide(e.failure(), attempt) {
                Decision::Retry { .. } => continue,
                other => break other,
            },
        }
    };
    assert_eq!(calls, 1);
    assert_eq!(decision, Decision::Fix(Fix::Credentials));
}

#[test]
fn http_statuses_and_bodies_are_interpreted() {
    let ok = Envelope {
        wsdl: Wsdl::Cdc2011,
        addressing: None,
        hub: None,
        body: Reply::Response(Response::SubmitSingleMessage {
            hl7_message: "MSH|^~\\&|IIS\rMSA|AA|1\r".into(),
        }),
    }
    .write(PayloadStyle::Cdata)
    .unwrap();
    let op = Operation::SubmitSingleMessage;
    let read = |status, body: &[u8]| soap::interpret(op, status, body, &limits());
    assert!(read(200, ok.as_bytes()).is_ok());
    // A response under an error status is not taken as a success.
    assert_eq!(
        read(500, ok.as_bytes()).unwrap_err(),
        CallError::Status { status: 500 }
    );
    // A proxy's error page.
    let err = read(503, b"<html><body>Service Unavailable</body></html>").unwrap_err();
    assert_eq!(err, CallError::Status { status: 503 });
    assert!(RetryPolicy::default().decide(err.failure(), 1).is_retry());
    for (status, fix) in [
        (401, Fix::Credentials),
        (403, Fix::Credentials),
        (404, Fix::Endpoint),
    ] {
        let err = read(status, b"").unwrap_err();
        assert_eq!(
            RetryPolicy::default().decide(err.failure(), 1),
            Decision::Fix(fix)
        );
    }
    // 200 with plain text, with HTML, with the other operation's response.
    for body in [
        &b"Message received"[..],
        b"<html><body>Login</body></html>",
        b"<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body><connectivityTestResponse xmlns=\"urn:cdc:iisb:2011\"><return>x</return></connectivityTestResponse></Body></Envelope>",
    ] {
        let err = read(200, body).unwrap_err();
        assert!(matches!(err, CallError::Invalid { status: 200, .. }), "{err}");
        assert!(RetryPolicy::default().decide(err.failure(), 1).is_retry());
    }
    // An absent `return` reads as an empty answer (no valid acknowledgement), not an error.
    let empty = read(200, b"<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body><submitSingleMessageResponse xmlns=\"urn:cdc:iisb:2011\"/></Body></Envelope>").unwrap();
    assert_eq!(empty.body.text(), "");
}

#[test]
fn a_server_answers_what_it_cannot_read() {
    let wrap = |body: &str| {
        format!(
            "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body>{body}</Body></Envelope>"
        )
    };
    // A 2014 request at a server that reads it fine: the server decides it speaks 2011 only.
    let r2014 = wrap(
        "<ConnectivityTestRequest xmlns=\"urn:cdc:iisb:2014\"><EchoBack>x</EchoBack></ConnectivityTestRequest>",
    );
    assert_eq!(
        soap::read_request(r2014.as_bytes(), &limits())
            .unwrap()
            .wsdl,
        Wsdl::Cdc2014
    );
    // Unknown operations, in a CDC namespace and outside.
    for (body, wsdl) in [
        (
            wrap("<submitBatch xmlns=\"urn:cdc:iisb:2011\"/>"),
            Wsdl::Cdc2011,
        ),
        (
            wrap("<connectivityTest xmlns=\"urn:cdc:iisb:2014\"/>"),
            Wsdl::Cdc2014,
        ),
        (wrap("<ping xmlns=\"urn:other\"/>"), Wsdl::Cdc2011),
    ] {
        let err = soap::read_request(body.as_bytes(), &limits()).unwrap_err();
        assert!(
            matches!(err, ReadError::UnsupportedOperation { .. }),
            "{err}"
        );
        let reply = err.reply(Wsdl::Cdc2011);
        assert_eq!(reply.wsdl, wsdl);
        let http = reply.to_http(PayloadStyle::Escaped).unwrap();
        assert_eq!(http.status, 400);
        let client_view = soap::interpret(
            Operation::ConnectivityTest,
            http.status,
            &http.body,
            &limits(),
        )
        .unwrap_err();
        assert_eq!(
            client_view.failure(),
            Failure::Fault(FaultKind::UnsupportedOperation)
        );
    }
    // A missing hl7Message, a SOAP 1.1 envelope, an envelope over the size limit.
    let err = soap::read_request(wrap("<submitSingleMessage xmlns=\"urn:cdc:iisb:2011\"><username>u</username></submitSingleMessage>").as_bytes(), &limits()).unwrap_err();
    assert!(matches!(
        err,
        ReadError::Missing {
            element: "hl7Message",
            ..
        }
    ));
    assert_eq!(err.fault().kind, FaultKind::Untyped(SoapCode::Sender));
    let soap11 =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>";
    let err = soap::read_request(soap11.as_bytes(), &limits()).unwrap_err();
    assert!(matches!(err, ReadError::Soap11 { .. }));
    assert_eq!(err.fault().code, SoapCode::VersionMismatch);
    let small = Limits {
        max_bytes: 100,
        ..limits()
    };
    let err = soap::read_request(&[b' '; 101], &small).unwrap_err();
    assert_eq!(err.fault().kind, FaultKind::MessageTooLarge);
    // Two messages in one call.
    let two = Submission {
        hl7_message: format!("{VXU}{VXU}"),
        ..submission()
    };
    assert_eq!(two.message_count(), 2);
    let f = two.check_size(1 << 20).unwrap_err();
    assert_eq!(
        (f.kind, f.detail.size, f.detail.max_size),
        (FaultKind::MessageTooLarge, Some(2), Some(1))
    );
    assert!(submission().check_size(1 << 20).is_ok());
    assert_eq!(
        submission().check_size(10).unwrap_err().kind,
        FaultKind::MessageTooLarge
    );
}

/// Hostile and malformed envelopes are errors that say where, never panics, and cost little.
#[test]
fn hostile_envelopes_are_errors() {
    let billion_laughs = r#"<?xml version="1.0"?>
<!DOCTYPE Envelope [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body><connectivityTest xmlns="urn:cdc:iisb:2011"><echoBack>&lol3;</echoBack></connectivityTest></Body></Envelope>"#;
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body><connectivityTest xmlns="urn:cdc:iisb:2011"><echoBack>&xxe;</echoBack></connectivityTest></Body></Envelope>"#;
    let undeclared = r#"<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body><connectivityTest xmlns="urn:cdc:iisb:2011"><echoBack>&xxe;</echoBack></connectivityTest></Body></Envelope>"#;
    let deep = format!(
        "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body>{}{}</Body></Envelope>",
        "<a>".repeat(10_000),
        "</a>".repeat(10_000)
    );
    let unclosed_deep = "<a>".repeat(10_000);
    let wide = format!(
        "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body><x>{}</x></Body></Envelope>",
        "<y/>".repeat(100_000)
    );
    let raw_hl7 = format!(
        "<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body><submitSingleMessage xmlns=\"urn:cdc:iisb:2011\"><hl7Message>{VXU}</hl7Message></submitSingleMessage></Body></Envelope>"
    );
    let utf16: Vec<u8> = "<Envelope/>"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("billion laughs", billion_laughs.into()),
        ("external entity", xxe.into()),
        ("undeclared entity", undeclared.into()),
        ("10k nesting", deep.into_bytes()),
        ("10k unclosed nesting", unclosed_deep.into_bytes()),
        ("100k elements", wide.into_bytes()),
        ("unescaped HL7", raw_hl7.into_bytes()),
        ("HL7, not XML", VXU.into()),
        ("JSON", br#"{"Envelope": {}}"#.to_vec()),
        ("empty", Vec::new()),
        ("white space", b" \n\t ".to_vec()),
        ("binary", (0u8..=255).collect()),
        ("UTF-16", [&[0xFF, 0xFE][..], &utf16].concat()),
        ("NUL reference", b"<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\">&#0;</Envelope>".to_vec()),
        ("no Body", b"<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Header/></Envelope>".to_vec()),
        ("empty Body", b"<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body/></Envelope>".to_vec()),
        ("two Bodies", b"<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body><a/></Body><Body><a/></Body></Envelope>".to_vec()),
        ("not an Envelope", b"<html><body>hi</body></html>".to_vec()),
        ("Envelope without namespace", b"<Envelope><Body><a/></Body></Envelope>".to_vec()),
    ];
    for (name, bytes) in &cases {
        let req = soap::read_request(bytes, &limits());
        let rep = soap::read_reply(bytes, &limits());
        assert!(req.is_err(), "{name}: read as a request");
        assert!(rep.is_err(), "{name}: read as a reply");
        let err = req.unwrap_err();
        assert!(
            err.offset() <= bytes.len().max(limits().max_bytes),
            "{name}"
        );
        assert!(!err.to_string().is_empty());
    }
    let err_of = |name: &str| {
        let bytes = &cases.iter().find(|(n, _)| *n == name).unwrap().1;
        soap::read_request(bytes, &limits()).unwrap_err()
    };
    assert!(matches!(
        err_of("billion laughs"),
        ReadError::Doctype { .. }
    ));
    assert!(matches!(
        err_of("external entity"),
        ReadError::Doctype { .. }
    ));
    assert!(matches!(
        err_of("undeclared entity"),
        ReadError::Entity { .. }
    ));
    assert!(matches!(
        err_of("10k nesting"),
        ReadError::TooDeep { max: 32, .. }
    ));
    assert!(matches!(
        err_of("10k unclosed nesting"),
        ReadError::TooDeep { .. }
    ));
    assert!(matches!(
        err_of("100k elements"),
        ReadError::TooManyElements { max: 1000, .. }
    ));
    let hl7 = err_of("unescaped HL7");
    assert!(hl7.to_string().contains("escaped or in CDATA"), "{hl7}");
    assert!(matches!(err_of("UTF-16"), ReadError::NotUtf8 { offset: 0 }));
    assert!(matches!(
        err_of("not an Envelope"),
        ReadError::NotEnvelope { .. }
    ));
    // Over the size limit: refused before parsing.
    let huge = vec![b'<'; limits().max_bytes + 1];
    assert!(matches!(
        soap::read_request(&huge, &limits()),
        Err(ReadError::TooLarge { .. })
    ));
    // No error quotes the envelope's text.
    assert!(!hl7.to_string().contains("Müller"));
}

/// Every prefix of a valid envelope is an error (never a panic, never a partial success).
#[test]
fn truncated_envelopes_are_errors() {
    let env = Envelope {
        wsdl: Wsdl::Cdc2014,
        addressing: addressing(Wsdl::Cdc2014, Operation::SubmitSingleMessage),
        hub: None,
        body: Request::SubmitSingleMessage(submission()),
    };
    for style in styles() {
        let xml = env.write(style).unwrap();
        let bytes = xml.trim_end().as_bytes();
        for cut in 0..bytes.len() {
            assert!(
                soap::read_request(&bytes[..cut], &limits()).is_err(),
                "a prefix of {cut} bytes read as a request"
            );
            assert!(soap::read_reply(&bytes[..cut], &limits()).is_err());
        }
        assert!(soap::read_request(bytes, &limits()).is_ok());
    }
}

#[test]
fn values_xml_cannot_carry_are_refused_on_writing() {
    let framed = Submission {
        hl7_message: format!("\u{b}{VXU}\u{1c}\r"),
        ..submission()
    };
    let err = Envelope::request(Wsdl::Cdc2011, Request::SubmitSingleMessage(framed))
        .write(PayloadStyle::Escaped)
        .unwrap_err();
    assert!(err.to_string().contains("MLLP-framed"), "{err}");
    let bad_password = Submission {
        credentials: Credentials::new("u", "x\u{0}y"),
        ..submission()
    };
    let err = Envelope::request(Wsdl::Cdc2011, Request::SubmitSingleMessage(bad_password))
        .write(PayloadStyle::Escaped)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "password holds a character that XML 1.0 cannot carry"
    );
}

/// No `Debug` or `Display` of anything that holds the password shows it; the HL7 payload (patient
/// data) is not shown either.
#[test]
fn debug_and_display_never_show_the_password() {
    let secret = Secret::new(PASSWORD);
    let creds = Credentials::new("ehr-user", PASSWORD);
    let sub = submission();
    let request = Request::SubmitSingleMessage(sub.clone());
    let env = Envelope {
        wsdl: Wsdl::Cdc2014,
        addressing: addressing(Wsdl::Cdc2014, Operation::SubmitSingleMessage),
        hub: None,
        body: request.clone(),
    };
    let client = Client::new(Wsdl::Cdc2011, "https://iis.example/ws").credentials(creds.clone());
    let http = client.submit(VXU, "urn:uuid:1").unwrap();
    let read_back = soap::read_request(&http.body, &limits()).unwrap();
    assert!(
        String::from_utf8_lossy(&http.body).contains("Pa55-w0rd!&amp;&lt;]]&gt;"),
        "the password is sent"
    );
    let shown = [
        format!("{secret:?}"),
        format!("{secret:#?}"),
        format!("{creds:?}"),
        format!("{creds:#?}"),
        format!("{sub:?}"),
        format!("{sub:#?}"),
        format!("{request:?}"),
        format!("{env:?}"),
        format!("{env:#?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{http:?}"),
        format!("{read_back:?}"),
        format!("{:?}", Some(&creds)),
    ];
    for s in &shown {
        assert!(!s.contains("Pa55-w0rd"), "password shown: {s}");
        assert!(!s.contains("Müller"), "patient data shown: {s}");
    }
    assert!(shown[2].contains("ehr-user") && shown[2].contains("<redacted>"));
    assert!(shown[4].contains(&format!("<{} bytes>", VXU.len())));
    let response = Response::SubmitSingleMessage {
        hl7_message: VXU.into(),
    };
    assert!(!format!("{response:?}").contains("Müller"));
    // Errors about credentials do not say what was wrong with them.
    let bad = Submission {
        credentials: Credentials::new("u", format!("{PASSWORD}\u{1}")),
        ..submission()
    };
    let err = Envelope::request(Wsdl::Cdc2011, Request::SubmitSingleMessage(bad))
        .write(PayloadStyle::Escaped)
        .unwrap_err();
    assert!(!format!("{err} {err:?}").contains("Pa55"));
}

#[test]
fn wsdl_and_operation_data() {
    assert_eq!("2011".parse::<Wsdl>(), Ok(Wsdl::Cdc2011));
    assert!("2012".parse::<Wsdl>().is_err());
    assert_eq!(
        Operation::ConnectivityTest.content_type(Wsdl::Cdc2011),
        "application/soap+xml; charset=utf-8; action=\"urn:cdc:iisb:2011:connectivityTest\""
    );
    assert_eq!(
        Operation::SubmitSingleMessage.response_action(Wsdl::Cdc2011),
        "urn:cdc:iisb:2011:submitSingleMessageResponse"
    );
}

/// The fuzz seeds (fuzz/seeds/soap) read as what their names say, so that fuzzing starts from
/// envelopes that get past the SOAP frame.
#[test]
fn fuzz_seeds_read_as_named() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/soap");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let request = soap::read_request(&bytes, &limits());
        let reply = soap::read_reply(&bytes, &limits());
        if name.starts_with("submit-") || name == "connectivity-2011.xml" {
            assert!(request.is_ok(), "{name}: {request:?}");
        } else if name.starts_with("response-")
            || name.starts_with("connectivity-response-")
            || name.starts_with("fault-")
        {
            assert!(reply.is_ok(), "{name}: {reply:?}");
            assert_eq!(
                name.starts_with("fault-"),
                matches!(reply.unwrap().body, Reply::Fault(_)),
                "{name}"
            );
        } else {
            assert!(name.starts_with("hostile-"), "{name}: unknown seed kind");
            assert!(request.is_err() && reply.is_err(), "{name}");
        }
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} seeds");
}
