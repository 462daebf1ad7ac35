//! `registry`: a local test registry for integration tests, ours and vendors'.
//!
//! ```text
//! IZ_USERNAME=ehr IZ_PASSWORD=secret cargo run --example registry -- --http 127.0.0.1:0 --mllp 127.0.0.1:0
//! listening http://127.0.0.1:40123
//! listening mllp 127.0.0.1:40124
//! ```
//!
//! Serves the CDC IIS SOAP web service (both WSDLs, 2011 and 2014, on any path, plain HTTP) and MLLP
//! over TCP. Over SOAP it checks the credentials against `IZ_USERNAME` / `IZ_PASSWORD` (a
//! SecurityFault otherwise). Each VXU is validated with the profile (`--profile`, `--profile-file`)
//! and answered with an ACK: AA when the profile finds no error, AE with one ERR per issue otherwise;
//! the doses of an accepted message are kept in memory. Misbehaviour on demand: `--fault
//! security|too-large|unknown` answers every submission with that fault, `--delay MS` waits before
//! each answer, `--drop-connection` closes every connection without an answer.
//!
//! One line on standard output per listener once it is ready; port 0 picks a free port.
//!
//! A QBP Z34/Z44 is answered from what it holds (patients found with `iis::matching`): Z32/Z42 for
//! one confident match, Z31 candidates when a person must choose, Z33 `NF` otherwise.
//!
//! Not here yet: HTTPS and `--db` (SQLite).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::{Parser, ValueEnum};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use izmsg::er7::{self, Limits, escape};
use izmsg::iis::ack::AckBuilder;
use izmsg::iis::matching::{self, Verdict as MatchVerdict};
use izmsg::iis::soap::{self, Fault, PayloadStyle, Reply, Request, Response};
use izmsg::model::message::{Order, Qbp, Rsp, RspPatient, Vxu};
use izmsg::model::segments::{Msa, Pd1, Pid, Qak, Qpd};
use izmsg::model::types::{Dtm, Id, St, Ts};
use izmsg::model::{self, Message, Patient};
use izmsg::validate::{self, Profile, Report, Severity, Validator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Parser, Debug)]
#[command(name = "registry", about = "A local test registry (CDC SOAP and MLLP)")]
pub struct Args {
    /// Address for the SOAP web service (e.g. 127.0.0.1:0).
    #[arg(long)]
    http: Option<SocketAddr>,
    /// Address for MLLP (e.g. 127.0.0.1:0).
    #[arg(long)]
    mllp: Option<SocketAddr>,
    /// Validation profile: cdc, maine, ...
    #[arg(long, default_value = "cdc")]
    profile: String,
    /// A profile file (TOML) instead of a built-in profile.
    #[arg(long, value_name = "FILE")]
    profile_file: Option<std::path::PathBuf>,
    /// Answer every submission with this fault.
    #[arg(long, value_enum)]
    fault: Option<FaultArg>,
    /// Wait this long before each answer (milliseconds).
    #[arg(long, default_value_t = 0)]
    delay: u64,
    /// Close every connection without answering.
    #[arg(long)]
    drop_connection: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FaultArg {
    Security,
    TooLarge,
    Unknown,
}

/// Largest request read.
const MAX_REQUEST: usize = 4 << 20;

/// What the registry knows and holds.
struct Registry {
    validator: Validator,
    username: String,
    password: String,
    fault: Option<FaultArg>,
    delay: Duration,
    drop_connection: bool,
    store: Mutex<Store>,
}

/// Accepted patients and their doses, in memory.
#[derive(Default)]
struct Store {
    patients: Vec<Held>,
}

/// One patient the registry holds: the PID (and PD1) first received, and every dose accepted since.
struct Held {
    patient: Patient,
    pid: Pid,
    pd1: Option<Pd1>,
    orders: Vec<Order>,
}

/// At most this many candidates in a Z31 (the IG's RCP-2 default is 10).
const MAX_CANDIDATES: usize = 10;

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("registry: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let profile = match &args.profile_file {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Profile::from_toml_str(&path.display().to_string(), &text).map_err(|e| e.to_string())?
        }
        None => validate::profile(&args.profile)
            .ok_or_else(|| format!("no profile named `{}`", args.profile))?,
    };
    if args.http.is_none() && args.mllp.is_none() {
        return Err("give --http ADDR, --mllp ADDR or both".into());
    }
    let registry = Arc::new(Registry {
        validator: Validator::new(profile),
        username: std::env::var("IZ_USERNAME").unwrap_or_default(),
        password: std::env::var("IZ_PASSWORD").unwrap_or_default(),
        fault: args.fault,
        delay: Duration::from_millis(args.delay),
        drop_connection: args.drop_connection,
        store: Mutex::new(Store::default()),
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let mut tasks = Vec::new();
        if let Some(addr) = args.http {
            let listener = TcpListener::bind(addr)
                .await
                .map_err(|e| format!("http {addr}: {e}"))?;
            let local = listener.local_addr().map_err(|e| e.to_string())?;
            println!("listening http://{local}");
            tasks.push(tokio::spawn(serve_http(listener, registry.clone())));
        }
        if let Some(addr) = args.mllp {
            let listener = TcpListener::bind(addr)
                .await
                .map_err(|e| format!("mllp {addr}: {e}"))?;
            let local = listener.local_addr().map_err(|e| e.to_string())?;
            println!("listening mllp {local}");
            tasks.push(tokio::spawn(serve_mllp(listener, registry.clone())));
        }
        for task in tasks {
            task.await.map_err(|e| e.to_string())?;
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// SOAP over HTTP

async fn serve_http(listener: TcpListener, registry: Arc<Registry>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let registry = registry.clone();
        tokio::spawn(async move {
            let io = hyper_util::rt::TokioIo::new(stream);
            let service = hyper::service::service_fn(move |req| answer_http(registry.clone(), req));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, service)
                .await;
        });
    }
}

type HttpAnswer = hyper::Response<Full<Bytes>>;

async fn answer_http(
    registry: Arc<Registry>,
    req: hyper::Request<Incoming>,
) -> Result<HttpAnswer, std::io::Error> {
    let body = match Limited::new(req.into_body(), MAX_REQUEST).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => {
            let fault = Fault::message_too_large(MAX_REQUEST as u64 + 1, MAX_REQUEST as u64);
            return reply(
                soap::Envelope {
                    wsdl: soap::Wsdl::Cdc2011,
                    addressing: None,
                    hub: None,
                    body: Reply::Fault(fault),
                },
                registry.delay,
            )
            .await;
        }
    };
    if registry.drop_connection {
        return Err(std::io::Error::other(
            "dropping the connection (--drop-connection)",
        ));
    }
    let envelope = match soap::read_request(&body, &soap::Limits::default()) {
        Ok(request) => {
            let answer = match &request.body {
                Request::ConnectivityTest { echo_back } => {
                    Reply::Response(Response::ConnectivityTest {
                        echo_back: format!("End-point is ready. Echoing: {echo_back}"),
                    })
                }
                Request::SubmitSingleMessage(sub) => {
                    let user = sub.credentials.username.as_deref().unwrap_or_default();
                    let password = sub.credentials.password.as_ref().map(|p| p.expose());
                    if user != registry.username || password != Some(registry.password.as_str()) {
                        Reply::Fault(Fault::security("Invalid Username, Password or FacilityID"))
                    } else {
                        match registry.fault {
                            Some(FaultArg::Security) => Reply::Fault(Fault::security(
                                "Invalid Username, Password or FacilityID",
                            )),
                            Some(FaultArg::TooLarge) => Reply::Fault(Fault::message_too_large(
                                sub.hl7_message.len() as u64,
                                0,
                            )),
                            Some(FaultArg::Unknown) => {
                                Reply::Fault(Fault::unknown("The registry is not available"))
                            }
                            None => Reply::Response(Response::SubmitSingleMessage {
                                hl7_message: registry.receive(sub.hl7_message.as_bytes()),
                            }),
                        }
                    }
                }
            };
            log_reply(request.body.operation().name(request.wsdl), &answer);
            request.reply_to(answer, message_id())
        }
        Err(e) => {
            let envelope = e.reply(soap::Wsdl::Cdc2011);
            log_reply("unreadable request", &envelope.body);
            envelope
        }
    };
    reply(envelope, registry.delay).await
}

/// One line on standard error per answer: the operation and what it got (no patient data).
fn log_reply(operation: &str, reply: &Reply) {
    match reply {
        Reply::Response(_) => eprintln!("soap {operation}: answered"),
        Reply::Fault(f) => eprintln!("soap {operation}: {}", f.kind.element()),
    }
}

async fn reply(
    envelope: soap::Envelope<Reply>,
    delay: Duration,
) -> Result<HttpAnswer, std::io::Error> {
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let http = envelope
        .to_http(PayloadStyle::Escaped)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    hyper::Response::builder()
        .status(http.status)
        .header("Content-Type", http.content_type)
        .body(Full::new(Bytes::from(http.body)))
        .map_err(std::io::Error::other)
}

fn message_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(1);
    format!(
        "urn:uuid:00000000-0000-4000-8000-{:012x}",
        COUNT.fetch_add(1, Ordering::Relaxed)
    )
}

// ---------------------------------------------------------------------------------------------
// MLLP

async fn serve_mllp(listener: TcpListener, registry: Arc<Registry>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(mllp_connection(stream, registry.clone()));
    }
}

async fn mllp_connection(mut stream: TcpStream, registry: Arc<Registry>) {
    let mut deframer = er7::mllp::Deframer::new(MAX_REQUEST);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        deframer.push(buf.get(..n).unwrap_or_default());
        // Bounded: each frame taken out shortens the deframer's buffer.
        loop {
            match deframer.next_frame() {
                Ok(er7::mllp::Frame::Message(message)) => {
                    if registry.drop_connection {
                        eprintln!("mllp: dropped");
                        return;
                    }
                    if !registry.delay.is_zero() {
                        tokio::time::sleep(registry.delay).await;
                    }
                    let answer = registry.receive(&message);
                    eprintln!("mllp: answered");
                    if stream
                        .write_all(&er7::mllp::frame(answer.as_bytes()))
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
                Ok(er7::mllp::Frame::Partial) => break,
                Err(_) => return,
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// HL7

impl Registry {
    /// The answer to one HL7 message.
    fn receive(&self, bytes: &[u8]) -> String {
        let Ok(parsed) = er7::parse(bytes) else {
            return ack(
                None,
                "AR",
                &[],
                "The message is not HL7 v2 (no MSH segment).",
            );
        };
        let msh = parsed.segment_by_id("MSH");
        let msh_field = |n: usize| {
            msh.as_ref()
                .and_then(|s| s.field(n))
                .map(|v| v.text().into_owned())
                .unwrap_or_default()
        };
        let header = Header {
            control_id: msh_field(10),
            sender_app: msh_field(3),
            sender_facility: msh_field(4),
        };
        let message_type = msh
            .as_ref()
            .and_then(|s| s.field(9))
            .map(|v| v.component(1).text().into_owned())
            .unwrap_or_default();
        if message_type != "VXU" && message_type != "QBP" {
            return ack(
                Some(&header),
                "AR",
                &[],
                "This test registry takes VXU and QBP messages only.",
            );
        }
        let decoded = model::decode_parsed(&parsed, &Limits::default());
        let report = self.validator.validate(&decoded);
        match &decoded.message {
            Message::Vxu(vxu) => {
                let answer = build_ack(&header, &decoded.message, &report);
                self.keep(vxu, &report);
                answer
            }
            Message::Qbp(qbp) if report.is_sendable() => self.answer_query(qbp),
            _ => build_ack(&header, &decoded.message, &report),
        }
    }

    /// Keeps the accepted doses of a VXU: none when an error is about the message as a whole (MSH,
    /// PID ...), else those of every vaccination without an error.
    fn keep(&self, vxu: &Vxu, report: &Report) {
        if report
            .message_level()
            .any(|i| i.severity == Severity::Error)
        {
            return;
        }
        let Some(pid) = &vxu.pid else { return };
        let orders: Vec<Order> = vxu
            .orders
            .iter()
            .enumerate()
            .filter(|(i, _)| report.is_vaccination_sendable(i + 1))
            .map(|(_, o)| o.clone())
            .collect();
        let patient = vxu.patient();
        let Ok(mut store) = self.store.lock() else {
            return;
        };
        let known = store.patients.iter_mut().find(|h| {
            matching::score(&patient, &h.patient).verdict == MatchVerdict::ConfidentMatch
        });
        match known {
            Some(held) => held.orders.extend(orders),
            None => store.patients.push(Held {
                patient,
                pid: pid.clone(),
                pd1: vxu.pd1.clone(),
                orders,
            }),
        }
    }

    /// The RSP to a QBP Z34 (history) or Z44 (evaluated history and forecast): Z32 or Z42 for one
    /// confident match, Z31 with the candidates when a person must choose (Z34 only), Z33 with
    /// QAK-2 `NF` when nobody matches. A Z42 here holds the history without evaluations or
    /// forecast rows.
    fn answer_query(&self, qbp: &Qbp) -> String {
        let qpd = qbp.qpd.clone().unwrap_or_default();
        let asked = Patient::from_pid(&pid_of_query(&qpd), None);
        let query_profile = qbp
            .msh
            .message_profile_identifier
            .first()
            .map(|e| e.entity_identifier.as_str().to_string())
            .unwrap_or_default();
        let z44 = query_profile == "Z44";
        let mut found: Vec<(i32, Held2)> = Vec::new();
        let mut confident = Vec::new();
        if let Ok(store) = self.store.lock() {
            for held in &store.patients {
                let m = matching::score(&asked, &held.patient);
                let copy = Held2 {
                    pid: held.pid.clone(),
                    pd1: held.pd1.clone(),
                    orders: held.orders.clone(),
                };
                match m.verdict {
                    MatchVerdict::ConfidentMatch => confident.push(copy),
                    MatchVerdict::AskPerson => found.push((m.score, copy)),
                    MatchVerdict::NoMatch => {}
                }
            }
        }
        let (profile, status, patients) = if confident.len() == 1 {
            let held = confident.remove(0);
            let patient = RspPatient {
                pid: Some(held.pid),
                pd1: held.pd1,
                orders: held.orders,
                ..RspPatient::default()
            };
            (if z44 { "Z42" } else { "Z32" }, "OK", vec![patient])
        } else if !confident.is_empty() || (!found.is_empty() && !z44) {
            found.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
            let candidates = confident
                .into_iter()
                .chain(found.into_iter().map(|(_, h)| h))
                .take(MAX_CANDIDATES)
                .map(|h| RspPatient {
                    pid: Some(h.pid),
                    ..RspPatient::default()
                })
                .collect();
            ("Z31", "OK", candidates)
        } else {
            ("Z33", "NF", Vec::new())
        };
        let mut msh = qbp.msh.clone();
        std::mem::swap(&mut msh.sending_application, &mut msh.receiving_application);
        std::mem::swap(&mut msh.sending_facility, &mut msh.receiving_facility);
        let asked_id = qbp
            .msh
            .message_control_id
            .as_ref()
            .map(|c| c.as_str().to_string())
            .unwrap_or_default();
        msh.message_control_id = Some(St::from(format!("{asked_id}-RSP").as_str()));
        msh.date_time_of_message = Some(Box::new(Ts {
            time: Dtm::from_datetime(&now()),
            ..Ts::default()
        }));
        if let Some(t) = msh.message_type.as_mut() {
            t.message_code = Id::from("RSP");
            t.trigger_event = Id::from("K11");
            t.message_structure = Id::from("RSP_K11");
        }
        if let Some(p) = msh.message_profile_identifier.first_mut() {
            p.entity_identifier = St::from(profile);
        }
        let rsp = Rsp {
            msh,
            msa: Some(Msa {
                acknowledgment_code: Some(Id::from("AA")),
                message_control_id: Some(St::from(asked_id.as_str())),
                ..Msa::default()
            }),
            qak: Some(Qak {
                query_tag: qpd.query_tag.clone(),
                query_response_status: Some(Id::from(status)),
                message_query_name: qpd.message_query_name.clone(),
                ..Qak::default()
            }),
            qpd: Some(qpd),
            patients,
            ..Rsp::default()
        };
        String::from_utf8_lossy(&Message::Rsp(Box::new(rsp)).encode()).into_owned()
    }
}

/// A held patient, copied out of the store.
struct Held2 {
    pid: Pid,
    pd1: Option<Pd1>,
    orders: Vec<Order>,
}

/// The patient a query asks for, as a PID (so that the domain reads it as it reads any PID).
fn pid_of_query(qpd: &Qpd) -> Pid {
    Pid {
        patient_identifier_list: qpd.patient_list.clone(),
        patient_name: qpd.patient_name.clone().into_iter().map(|b| *b).collect(),
        mothers_maiden_name: qpd.mothers_maiden_name.clone(),
        date_time_of_birth: qpd.patient_date_of_birth.clone(),
        administrative_sex: qpd.patient_sex.clone(),
        patient_address: qpd
            .patient_address
            .clone()
            .into_iter()
            .map(|b| *b)
            .collect(),
        phone_number_home: qpd.patient_phone.clone().into_iter().map(|b| *b).collect(),
        multiple_birth_indicator: qpd.multiple_birth_indicator.clone(),
        birth_order: qpd.birth_order.clone(),
        ..Pid::default()
    }
}

struct Header {
    control_id: String,
    sender_app: String,
    sender_facility: String,
}

/// The ACK for a validated message, from `iis::ack`'s builder: AA without errors, AE (or AR) with
/// them, one ERR per issue.
fn build_ack(header: &Header, received: &Message, report: &Report) -> String {
    let ack = AckBuilder::new(format!("{}-ACK", header.control_id), now()).build(received, report);
    String::from_utf8_lossy(&Message::Ack(Box::new(ack)).encode()).into_owned()
}

/// Now, in UTC (the clock the registry answers with).
fn now() -> chrono::DateTime<chrono::FixedOffset> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// A minimal ACK for what the builder cannot answer (bytes that are not HL7, a message type this
/// registry does not take).
fn ack(header: Option<&Header>, code: &str, errs: &[String], text: &str) -> String {
    let d = er7::Delimiters::default();
    let (control, app, facility) = header.map_or(("", String::new(), String::new()), |h| {
        (
            h.control_id.as_str(),
            escape::encode(&h.sender_app, &d).into_owned(),
            escape::encode(&h.sender_facility, &d).into_owned(),
        )
    });
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let now = chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .unwrap_or_default()
        .format("%Y%m%d%H%M%S+0000");
    let control_escaped = escape::encode(control, &d);
    let mut out = format!(
        "MSH|^~\\&|IZMSG-REGISTRY|IZMSG|{app}|{facility}|{now}||ACK^V04^ACK|{control_escaped}-ACK|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\rMSA|{code}|{control_escaped}\r"
    );
    if !text.is_empty() {
        out.push_str(&format!(
            "ERR|||200^Unsupported message type^HL70357|E||||{}\r",
            escape::encode(text, &d)
        ));
    }
    for row in errs {
        out.push_str(row);
        out.push('\r');
    }
    out
}
