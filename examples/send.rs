//! `send`: validate VXUs and send them to a registry, one message per call, over the CDC SOAP web
//! service (WSDL 2011 or 2014) or MLLP, and say per dose what the registry did with them.
//!
//! ```text
//! IZ_USERNAME=ehr IZ_PASSWORD=... cargo run --example send -- --url https://iis.example/soap \
//!     --wsdl 2011 --facility ORG123 --profile maine vxu/*.hl7
//! send --ping --url https://iis.example/soap --wsdl 2014
//! send --mllp 127.0.0.1:2575 --attempts 2 vxu.hl7
//! send --url https://127.0.0.1:8443/soap --ca registry.pem vxu.hl7   # a test registry's own certificate
//! ```
//!
//! HTTPS is ureq with rustls, and the server's certificate is always checked: against Mozilla's
//! root certificates, or with `--ca FILE` against the certificates in that PEM file instead (as
//! `curl --cacert` does), e.g. the one `registry --cert-out` wrote. A certificate that is not
//! trusted stops the run before anything is sent, and is not retried.
//!
//! The user name and password come from `IZ_USERNAME` and `IZ_PASSWORD` only (never the command line)
//! and are never printed. Each message is validated with the profile first: one with errors is not
//! sent (the errors say why). The rest go one per call; a transient failure is retried as
//! [`RetryPolicy`] says; a security fault never is, and stops the run (a registry locks the account
//! after a few failed log-ins).
//!
//! Output: one block per message (`Reported`, `Reported with warnings (...)`, `Not Reported (...)`,
//! each dose on its own line), or with `--json` one JSON object per line:
//! `{"file","control_id","sent","outcome","vaccinations":[{"index","cvx","date","state","issues"}],"issues"}`.
//!
//! Exit status: 0 every message sent and reported (warnings allowed); 1 some message refused before
//! sending or not reported; 2 a transport or security failure (or bad arguments).

use std::io::{self, IsTerminal, Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Parser;
use izmsg::er7::{self, Limits, mllp};
use izmsg::iis::ack::{AckPolicy, Acknowledgement, DoseState, Sent, Submission};
use izmsg::iis::mllp::{MllpExchange, Progress};
use izmsg::iis::retry::{Decision, Failure, RetryPolicy, TransportError};
use izmsg::iis::soap::{Client, Credentials, Operation, Wsdl};
use izmsg::model::{self, Decoded};
use izmsg::validate::{self, Profile, Validator};
use serde_json::{Value, json};
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig, parse_pem};

#[derive(Parser, Debug)]
#[command(name = "send", about = "Validate VXUs and send them to a registry")]
pub struct Args {
    /// The registry's SOAP endpoint (https://...).
    #[arg(long)]
    url: Option<String>,
    /// Which CDC WSDL the endpoint speaks: 2011 or 2014.
    #[arg(long, default_value = "2011")]
    wsdl: String,
    /// The facility id the registry assigned (facilityID).
    #[arg(long)]
    facility: Option<String>,
    /// Validation profile: cdc, maine, ... (see `validate --rules`).
    #[arg(long, default_value = "cdc")]
    profile: String,
    /// A profile file (TOML) instead of a built-in profile.
    #[arg(long, value_name = "FILE")]
    profile_file: Option<std::path::PathBuf>,
    /// One JSON object per message on standard output.
    #[arg(long)]
    json: bool,
    /// Trust the server certificates signed by (or being) the certificates in this PEM file, instead
    /// of the built-in roots.
    #[arg(long, value_name = "FILE")]
    ca: Option<std::path::PathBuf>,
    /// Only check the connection (connectivityTest).
    #[arg(long)]
    ping: bool,
    /// Send over MLLP to HOST:PORT instead of SOAP.
    #[arg(long, value_name = "HOST:PORT")]
    mllp: Option<String>,
    /// Most attempts per message, the first included (transient failures only; a security fault is
    /// never retried). Default: the retry policy's.
    #[arg(long, value_name = "N")]
    attempts: Option<u32>,
    /// Files of VXUs (single messages, batches, MLLP frames; `-` for standard input).
    files: Vec<String>,
}

/// Largest answer read from a registry.
const MAX_REPLY: usize = 4 << 20;
/// How long one call may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

fn main() -> ExitCode {
    let args = Args::parse();
    let code = match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("send: {e}");
            2
        }
    };
    ExitCode::from(code)
}

/// Where the messages go.
enum Link {
    Soap {
        client: Client,
        agent: ureq::Agent,
    },
    Mllp {
        addr: String,
        stream: Option<TcpStream>,
    },
}

/// Why the run stopped: a transport or security failure.
struct Stop(String);

fn run(args: &Args) -> Result<u8, String> {
    let profile = load_profile(args)?;
    let mut link = link(args)?;
    let mut policy = RetryPolicy::default();
    if let Some(n) = args.attempts {
        policy.max_attempts = n.max(1);
    }
    if args.ping {
        return Ok(match ping(&mut link, &policy) {
            Ok(echo) => {
                println!("connectivity ok: {echo}");
                0
            }
            Err(Stop(why)) => {
                eprintln!("send: {why}");
                2
            }
        });
    }
    if args.files.is_empty() {
        return Err("no input files (`-` for standard input; --help for usage)".into());
    }
    let mut inputs = Vec::new();
    let mut worst = 0u8;
    for file in &args.files {
        match read(file) {
            Ok(bytes) => inputs.push((file.clone(), bytes)),
            Err(e) => {
                eprintln!("{file}: {e}");
                worst = 2;
            }
        }
    }
    let mut messages = Vec::new();
    for (file, bytes) in &inputs {
        for text in split_messages(file, bytes, &mut worst) {
            messages.push((file.clone(), text));
        }
    }
    let bar = progress(messages.len());
    let ack_policy = AckPolicy::builtin(&profile.name).unwrap_or_default();
    let validator = Validator::new(profile);
    let stdout = io::stdout();
    for (file, text) in &messages {
        let decoded = model::decode_parsed(
            &match er7::parse(text.as_bytes()) {
                Ok(m) => m,
                Err(e) => {
                    bar.suspend(|| eprintln!("{file}: {e}"));
                    worst = worst.max(1);
                    continue;
                }
            },
            &Limits::default(),
        );
        let report = validator.validate(&decoded);
        let doses = doses_of(text);
        let control_id = control_id_of(text);
        let result = if !report.is_sendable() {
            worst = worst.max(1);
            Outcome {
                file: file.clone(),
                control_id,
                sent: false,
                outcome: "Not Sent".into(),
                vaccinations: doses,
                issues: report.errors().map(|i| format!("{i} {}", i.fix)).collect(),
            }
        } else {
            match call(&mut link, &policy, text) {
                Ok(ack) => {
                    let verdict = interpret(&decoded, &ack, &ack_policy);
                    if verdict.outcome == NOT_REPORTED {
                        worst = worst.max(1);
                    }
                    Outcome {
                        file: file.clone(),
                        control_id,
                        sent: true,
                        outcome: verdict.outcome.into(),
                        vaccinations: verdict.doses,
                        issues: verdict.issues,
                    }
                }
                Err(Stop(why)) => {
                    bar.finish_and_clear();
                    eprintln!("send: {file} ({control_id}): {why}");
                    return Ok(2);
                }
            }
        };
        bar.suspend(|| print_result(&mut stdout.lock(), &result, args.json));
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(worst)
}

fn load_profile(args: &Args) -> Result<Profile, String> {
    match &args.profile_file {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Profile::from_toml_str(&path.display().to_string(), &text).map_err(|e| e.to_string())
        }
        None => validate::profile(&args.profile)
            .ok_or_else(|| format!("no profile named `{}`", args.profile)),
    }
}

fn link(args: &Args) -> Result<Link, String> {
    if let Some(addr) = &args.mllp {
        return Ok(Link::Mllp {
            addr: addr.clone(),
            stream: None,
        });
    }
    let url = args
        .url
        .as_ref()
        .ok_or("--url or --mllp is needed (--help for usage)")?;
    let wsdl = match args.wsdl.as_str() {
        "2011" => Wsdl::Cdc2011,
        "2014" => Wsdl::Cdc2014,
        other => return Err(format!("--wsdl {other}: 2011 or 2014")),
    };
    let user = std::env::var("IZ_USERNAME").unwrap_or_default();
    let password = std::env::var("IZ_PASSWORD").unwrap_or_default();
    let mut client = Client::new(wsdl, url.clone());
    if !user.is_empty() || !password.is_empty() {
        client = client.credentials(Credentials::new(user, password));
    }
    if let Some(f) = &args.facility {
        client = client.facility_id(f.clone());
    }
    let mut config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(CALL_TIMEOUT));
    if let Some(path) = &args.ca {
        config = config.tls_config(
            TlsConfig::builder()
                .root_certs(RootCerts::new_with_certs(&read_roots(path)?))
                .build(),
        );
    }
    let agent: ureq::Agent = config.build().into();
    Ok(Link::Soap { client, agent })
}

/// The certificates of a PEM file (other PEM items, such as keys, are passed over).
fn read_roots(path: &std::path::Path) -> Result<Vec<Certificate<'static>>, String> {
    let at = |e: &dyn std::fmt::Display| format!("--ca {}: {e}", path.display());
    let pem = std::fs::read(path).map_err(|e| at(&e))?;
    let mut roots = Vec::new();
    for item in parse_pem(&pem) {
        if let PemItem::Certificate(cert) = item.map_err(|e| at(&e))? {
            roots.push(cert);
        }
    }
    if roots.is_empty() {
        return Err(at(&"no CERTIFICATE in the file"));
    }
    Ok(roots)
}

fn progress(n: usize) -> indicatif::ProgressBar {
    if n < 10 || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    indicatif::ProgressBar::with_draw_target(
        Some(n as u64),
        indicatif::ProgressDrawTarget::stderr(),
    )
}

fn read(file: &str) -> io::Result<Vec<u8>> {
    if file == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(file)
    }
}

/// Every message in a file (single message, batch, MLLP frames), as text with CR terminators.
fn split_messages(file: &str, bytes: &[u8], worst: &mut u8) -> Vec<String> {
    let chunks: Vec<Vec<u8>> = if mllp::is_framed(bytes) {
        let (frames, errors) = mllp::deframe_all(bytes);
        for e in errors {
            eprintln!("{file}: {e}");
            *worst = (*worst).max(1);
        }
        frames
    } else {
        vec![bytes.to_vec()]
    };
    let mut out = Vec::new();
    for chunk in &chunks {
        match er7::split(chunk) {
            Ok(batch) => {
                for m in batch.messages() {
                    match m {
                        Ok(m) => {
                            let mut text = String::from_utf8_lossy(m.as_bytes())
                                .replace("\r\n", "\r")
                                .replace('\n', "\r");
                            if !text.ends_with('\r') {
                                text.push('\r');
                            }
                            out.push(text);
                        }
                        Err(e) => {
                            eprintln!("{file}: {e}");
                            *worst = (*worst).max(1);
                        }
                    }
                }
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                *worst = (*worst).max(1);
            }
        }
    }
    out
}

/// A `urn:uuid:` for WS-Addressing, unique enough for one run of one process.
fn message_id() -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let pid = u64::from(std::process::id());
    format!(
        "urn:uuid:{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        (t >> 32) as u32,
        (t >> 16) as u16,
        (t & 0xfff) as u16,
        pid & 0xfff,
        n & 0xffff_ffff_ffff
    )
}

/// What a failed attempt was, for the retry policy and for people.
struct Attempt {
    failure: Failure,
    why: String,
}

/// One call with retries as the policy says: the registry's answer, or why the run must stop.
fn with_retries(
    policy: &RetryPolicy,
    mut once: impl FnMut() -> Result<String, Attempt>,
) -> Result<String, Stop> {
    // Bounded: the policy gives up after max_attempts; the bound here guards a policy that would not.
    for attempt in 1..=policy.max_attempts.max(1) {
        match once() {
            Ok(answer) => return Ok(answer),
            Err(failed) => match policy.decide(failed.failure, attempt) {
                Decision::Retry { after } => {
                    eprintln!(
                        "send: {} ({}); attempt {attempt}",
                        failed.why,
                        Decision::Retry { after }
                    );
                    std::thread::sleep(after);
                }
                // A fault's own text already says what to fix; a transport failure's does not.
                Decision::Fix(fix) if matches!(failed.failure, Failure::Transport(_)) => {
                    return Err(Stop(format!("{}: {fix}", failed.why)));
                }
                Decision::Fix(_) => return Err(Stop(failed.why)),
                decision => return Err(Stop(format!("{}: {decision}", failed.why))),
            },
        }
    }
    Err(Stop("gave up".into()))
}

fn ping(link: &mut Link, policy: &RetryPolicy) -> Result<String, Stop> {
    match link {
        Link::Soap { client, agent } => with_retries(policy, || {
            let request = client
                .connectivity_test("izmsg send --ping", &message_id())
                .map_err(|e| Attempt {
                    failure: Failure::Transport(TransportError::InvalidResponse),
                    why: e.to_string(),
                })?;
            soap_call(client, agent, Operation::ConnectivityTest, &request)
        }),
        Link::Mllp { addr, stream } => {
            // MLLP has no echo: a connection that opens is the test.
            let s = connect(addr).map_err(|a| Stop(a.why))?;
            *stream = Some(s);
            Ok(format!("connected to {addr}"))
        }
    }
}

fn call(link: &mut Link, policy: &RetryPolicy, text: &str) -> Result<String, Stop> {
    match link {
        Link::Soap { client, agent } => with_retries(policy, || {
            let request = client.submit(text, &message_id()).map_err(|e| Attempt {
                failure: Failure::Transport(TransportError::InvalidResponse),
                why: e.to_string(),
            })?;
            soap_call(client, agent, Operation::SubmitSingleMessage, &request)
        }),
        Link::Mllp { addr, stream } => with_retries(policy, || {
            let result = mllp_call(addr, stream, text);
            if result.is_err() {
                *stream = None;
            }
            result
        }),
    }
}

fn soap_call(
    client: &Client,
    agent: &ureq::Agent,
    operation: Operation,
    request: &izmsg::iis::soap::HttpRequest,
) -> Result<String, Attempt> {
    let mut call = agent.post(client.endpoint());
    for (name, value) in request.headers() {
        call = call.header(name, value);
    }
    let response = call.send(&request.body[..]).map_err(transport)?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .with_config()
        .limit(MAX_REPLY as u64)
        .read_to_vec()
        .map_err(transport)?;
    match client.read(operation, status, &body) {
        Ok(env) => Ok(env.body.text().to_string()),
        Err(e) => Err(Attempt {
            failure: e.failure(),
            why: e.to_string(),
        }),
    }
}

fn transport(e: ureq::Error) -> Attempt {
    let kind = match &e {
        ureq::Error::HostNotFound => TransportError::Dns,
        ureq::Error::ConnectionFailed => TransportError::Connect,
        ureq::Error::Timeout(_) => TransportError::Timeout,
        ureq::Error::Rustls(tls) => tls_kind(tls),
        ureq::Error::Io(io) => match io.get_ref().and_then(|e| e.downcast_ref()) {
            Some(tls) => tls_kind(tls),
            None => io_kind(io),
        },
        ureq::Error::Tls(_) => TransportError::Tls,
        _ => TransportError::InvalidResponse,
    };
    Attempt {
        failure: Failure::Transport(kind),
        why: format!("transport: {e}"),
    }
}

/// An untrusted server certificate apart from other TLS failures: the one is fixed by a person,
/// the other may pass.
fn tls_kind(e: &rustls::Error) -> TransportError {
    match e {
        rustls::Error::InvalidCertificate(_) => TransportError::Certificate,
        _ => TransportError::Tls,
    }
}

fn io_kind(e: &io::Error) -> TransportError {
    match e.kind() {
        io::ErrorKind::ConnectionRefused => TransportError::Connect,
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => TransportError::Timeout,
        _ => TransportError::ConnectionClosed,
    }
}

fn connect(addr: &str) -> Result<TcpStream, Attempt> {
    let s = TcpStream::connect(addr).map_err(|e| Attempt {
        failure: Failure::Transport(io_kind(&e)),
        why: format!("mllp {addr}: {e}"),
    })?;
    let io_err = |e: io::Error| Attempt {
        failure: Failure::Transport(TransportError::Connect),
        why: format!("mllp {addr}: {e}"),
    };
    s.set_read_timeout(Some(CALL_TIMEOUT)).map_err(io_err)?;
    s.set_write_timeout(Some(CALL_TIMEOUT)).map_err(io_err)?;
    Ok(s)
}

fn mllp_call(addr: &str, stream: &mut Option<TcpStream>, text: &str) -> Result<String, Attempt> {
    let failed = |kind: TransportError, why: String| Attempt {
        failure: Failure::Transport(kind),
        why: format!("mllp {addr}: {why}"),
    };
    let s = match stream {
        Some(s) => s,
        None => stream.insert(connect(addr)?),
    };
    let mut exchange = MllpExchange::new(text.as_bytes(), MAX_REPLY)
        .map_err(|e| failed(TransportError::InvalidResponse, e.to_string()))?;
    s.write_all(exchange.request_frame())
        .map_err(|e| failed(io_kind(&e), e.to_string()))?;
    let mut buf = vec![0u8; 64 * 1024];
    // Bounded: each read brings at least one byte and the exchange refuses replies over MAX_REPLY.
    loop {
        let n = s
            .read(&mut buf)
            .map_err(|e| failed(io_kind(&e), e.to_string()))?;
        if n == 0 {
            let why = match exchange.close() {
                Err(e) => e.to_string(),
                Ok(()) => "connection closed".into(),
            };
            return Err(failed(TransportError::ConnectionClosed, why));
        }
        match exchange.feed(buf.get(..n).unwrap_or_default()) {
            Ok(Progress::NeedMore) => {}
            Ok(Progress::Reply(reply)) => return Ok(String::from_utf8_lossy(&reply).into_owned()),
            Err(e) => return Err(failed(TransportError::InvalidResponse, e.to_string())),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What the registry said.

const REPORTED: &str = "Reported";
const WITH_WARNINGS: &str = "Reported with warnings";
const NOT_REPORTED: &str = "Not Reported";

/// One dose of the message sent.
struct Dose {
    index: usize,
    cvx: String,
    date: String,
    state: &'static str,
    issues: Vec<String>,
}

/// One message's line in the log.
struct Outcome {
    file: String,
    control_id: String,
    sent: bool,
    outcome: String,
    vaccinations: Vec<Dose>,
    issues: Vec<String>,
}

/// The registry's verdict on one message.
struct Verdict {
    outcome: &'static str,
    doses: Vec<Dose>,
    issues: Vec<String>,
}

fn control_id_of(text: &str) -> String {
    er7::parse(text.as_bytes())
        .ok()
        .and_then(|m| {
            m.segment_by_id("MSH")
                .and_then(|s| s.field(10))
                .map(|v| v.text().into_owned())
        })
        .unwrap_or_default()
}

/// The doses (RXA) of a message: CVX (RXA-5.1) and date (RXA-3), in order.
fn doses_of(text: &str) -> Vec<Dose> {
    let Ok(m) = er7::parse(text.as_bytes()) else {
        return Vec::new();
    };
    m.segments()
        .filter(|s| s.id() == "RXA")
        .enumerate()
        .map(|(i, s)| Dose {
            index: i + 1,
            cvx: s
                .field(5)
                .map(|v| v.component(1).text().into_owned())
                .unwrap_or_default(),
            date: s
                .field(3)
                .map(|v| iso_day(&v.component(1).text()))
                .unwrap_or_default(),
            state: "",
            issues: Vec::new(),
        })
        .collect()
}

/// `YYYYMMDD...` as `YYYY-MM-DD` (as the ACK reading writes dates); other text as it is.
fn iso_day(ts: &str) -> String {
    match (ts.get(0..4), ts.get(4..6), ts.get(6..8)) {
        (Some(y), Some(m), Some(d)) => format!("{y}-{m}-{d}"),
        _ => ts.to_string(),
    }
}

/// Reads the registry's answer to `sent`, per dose, with `iis::ack`: the ACK paired with the message
/// sent (MSA-2 against MSH-10, each ERR row onto its dose), each dose Reported, Reported with
/// warnings or Not Reported.
fn interpret(sent: &Decoded, answer: &str, policy: &AckPolicy) -> Verdict {
    let ack = Acknowledgement::from_bytes(answer.as_bytes(), policy);
    let submission = Submission::of(Sent::from(sent), ack, policy);
    let outcome = submission.outcome();
    let doses: Vec<Dose> = submission
        .doses
        .iter()
        .map(|d| {
            let mut issues: Vec<String> = d.issues.iter().map(ToString::to_string).collect();
            let state = match &d.state {
                DoseState::Reported => REPORTED,
                DoseState::ReportedWithWarnings { .. } => WITH_WARNINGS,
                DoseState::NotReported { why } => {
                    if issues.is_empty() {
                        issues.push(why.clone());
                    }
                    NOT_REPORTED
                }
            };
            Dose {
                index: d.index,
                cvx: d.cvx.clone().unwrap_or_default(),
                date: d
                    .date
                    .map(|day| day.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                state,
                issues,
            }
        })
        .collect();
    let mut issues: Vec<String> = submission
        .ack
        .issues
        .iter()
        .filter(|i| i.vaccination.is_none())
        .map(ToString::to_string)
        .collect();
    let any = |state: &str| doses.iter().any(|d| d.state == state);
    let verdict = if outcome.nothing_stored() || any(NOT_REPORTED) {
        NOT_REPORTED
    } else if outcome.is_accepted() && !any(WITH_WARNINGS) && issues.is_empty() {
        REPORTED
    } else {
        WITH_WARNINGS
    };
    if verdict == NOT_REPORTED && issues.is_empty() && outcome.nothing_stored() {
        issues.push(format!("{outcome}. {}", outcome.action()));
    }
    Verdict {
        outcome: verdict,
        doses,
        issues,
    }
}

fn print_result(out: &mut dyn Write, r: &Outcome, as_json: bool) {
    let written = if as_json {
        let doses: Vec<Value> = r
            .vaccinations
            .iter()
            .map(|d| {
                json!({"index": d.index, "cvx": d.cvx, "date": d.date,
                       "state": if d.state.is_empty() { Value::Null } else { d.state.into() },
                       "issues": d.issues})
            })
            .collect();
        let doc = json!({"file": r.file, "control_id": r.control_id, "sent": r.sent,
                         "outcome": r.outcome, "vaccinations": doses, "issues": r.issues});
        writeln!(out, "{doc}")
    } else {
        human(out, r)
    };
    if let Err(e) = written {
        eprintln!("send: {e}");
    }
}

fn human(out: &mut dyn Write, r: &Outcome) -> io::Result<()> {
    let why: Vec<&str> = r
        .issues
        .iter()
        .map(String::as_str)
        .chain(
            r.vaccinations
                .iter()
                .flat_map(|d| d.issues.iter().map(String::as_str)),
        )
        .collect();
    let verdict = if why.is_empty() || r.outcome == REPORTED {
        r.outcome.clone()
    } else {
        format!("{} ({})", r.outcome, why.join("; "))
    };
    writeln!(out, "{} {}: {verdict}", r.file, r.control_id)?;
    if !r.sent {
        writeln!(out, "  not sent: fix the errors above and send it again")?;
    }
    for d in &r.vaccinations {
        if d.state.is_empty() {
            continue;
        }
        writeln!(
            out,
            "  dose {} CVX {} {}: {}",
            d.index, d.cvx, d.date, d.state
        )?;
    }
    Ok(())
}
