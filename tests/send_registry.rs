#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! End to end: the `registry` example on a loopback port, the `send` example against it, over the
//! CDC SOAP web service (both WSDLs) and over MLLP (issue 13).
//!
//! Both binaries are the examples as `cargo test` builds them; a run of this test alone
//! (`cargo test --test send_registry`) builds no examples: each test then skips with a message when
//! they were never built, and fails with one when they are older than their sources (run
//! `cargo build --example registry --example send` first). Every registry started here is killed
//! when its guard goes out of scope; only 127.0.0.1 is used.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use izmsg::iis::mllp::{MllpExchange, Progress};
use izmsg::iis::query::{QueryBuilder, QueryProfile};
use izmsg::model::domain::{Identifier, Patient, PersonName, Sex};

use serde_json::Value;

const USER: &str = "ehr-test";
const PASSWORD: &str = "correct horse";

/// The clean VXU of tests/data: dose 1 (DTaP, administered, with a lot) and dose 2 (Hep B,
/// historical, no lot).
fn clean_vxu() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/validate/clean-vxu.hl7"),
    )
    .unwrap()
}

/// The clean VXU without its second (historical, lot-less) order group.
fn one_dose_vxu() -> String {
    let text = clean_vxu();
    let cut = text.find("\rORC|RE||CLEAN-DOSE-2").unwrap();
    format!("{}\r", text[..cut].replace("CLEAN-0001", "ONE-0001"))
}

/// The clean VXU without the vaccine code of dose 1 (RXA-5): an error under the CDC profile.
fn broken_vxu() -> String {
    let text = clean_vxu().replace("CLEAN-0001", "BROKEN-0001");
    let broken = text.replace("|20^DTaP^CVX|", "||");
    assert_ne!(broken, text);
    broken
}

/// The registry's profile: the CDC profile, plus the lot number (RXA-15) required as an error.
const STRICT_PROFILE: &str = r#"
[profile]
name = "strict-test"
extends = "cdc"
description = "test registry: a lot number on every dose"

[[rule]]
id = "TEST-LOT"
field = "RXA-15"
check = "required"
severity = "error"
source = "send_registry test"
message = "The lot number of {subject} is missing."
fix = "Enter it from the vial."
"#;

/// A fresh directory with the test messages and the registry's profile.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("izmsg-send-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("one-dose.hl7"), one_dose_vxu()).unwrap();
    std::fs::write(dir.join("two-doses.hl7"), clean_vxu()).unwrap();
    std::fs::write(dir.join("broken.hl7"), broken_vxu()).unwrap();
    std::fs::write(dir.join("strict.toml"), STRICT_PROFILE).unwrap();
    dir
}

/// A built example binary, or `None` (with a message) when `cargo test` did not build it. A binary
/// older than its sources (the example's own, or the library's) fails the test: it would test old
/// code.
fn example(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        eprintln!(
            "skipped: {} is not built (run the whole `cargo test`)",
            bin.display()
        );
        return None;
    }
    let built = std::fs::metadata(&bin).unwrap().modified().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![root.join("src"), root.join("examples").join(name)];
    sources.push(root.join("examples").join(format!("{name}.rs")));
    let newest = sources.iter().map(|p| newest_mtime(p)).max().flatten();
    assert!(
        newest.is_none_or(|t| t <= built),
        "{} is older than its sources: run `cargo build --example {name}` (or the whole `cargo test`)",
        bin.display()
    );
    Some(bin)
}

/// The latest modification time of a file, or of the files under a directory (`None` when absent).
fn newest_mtime(path: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .filter_map(|e| newest_mtime(&e.ok()?.path()))
        .max()
}

/// A running registry, killed on drop.
struct Registry {
    child: Child,
    /// `http://127.0.0.1:PORT/soap`, when it listens for plain HTTP.
    http: String,
    /// `https://127.0.0.1:PORT/soap`, when it listens for HTTPS.
    https: String,
    /// `127.0.0.1:PORT`, when it listens for MLLP.
    mllp: String,
    stderr: Option<ChildStderr>,
}

impl Registry {
    /// A registry listening for plain HTTP and MLLP.
    fn start(bin: &Path, extra: &[&str]) -> Registry {
        let mut args = vec!["--http", "127.0.0.1:0", "--mllp", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        Registry::launch(bin, &args)
    }

    /// A registry with exactly these arguments; returns once every listener they ask for is ready.
    fn launch(bin: &Path, args: &[&str]) -> Registry {
        let listeners = args
            .iter()
            .filter(|a| ["--http", "--https", "--mllp"].contains(a))
            .count();
        let mut child = Command::new(bin)
            .args(args)
            .env("IZ_USERNAME", USER)
            .env("IZ_PASSWORD", PASSWORD)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take();
        let mut registry = Registry {
            child,
            http: String::new(),
            https: String::new(),
            mllp: String::new(),
            stderr,
        };
        let mut lines = BufReader::new(stdout).lines();
        // Bounded: one line per listener; a registry that exits ends the stream.
        for _ in 0..listeners {
            let Some(Ok(line)) = lines.next() else { break };
            if let Some(url) = line.strip_prefix("listening http://") {
                registry.http = format!("http://{url}/soap");
            } else if let Some(url) = line.strip_prefix("listening https://") {
                registry.https = format!("https://{url}/soap");
            } else if let Some(addr) = line.strip_prefix("listening mllp ") {
                registry.mllp = addr.to_string();
            }
        }
        let asked = |flag: &str| args.contains(&flag);
        assert!(
            asked("--http") == registry.http.starts_with("http://127.0.0.1:")
                && asked("--https") == registry.https.starts_with("https://127.0.0.1:")
                && asked("--mllp") == registry.mllp.starts_with("127.0.0.1:"),
            "the registry did not say where it listens: {}",
            registry.stop()
        );
        registry
    }

    /// Stops the registry and returns what it wrote on standard error (one line per answer).
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut log = String::new();
        if let Some(mut e) = self.stderr.take() {
            let _ = e.read_to_string(&mut log);
        }
        log
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `send` with the given password; its exit status, standard output and standard error.
fn send(bin: &Path, password: &str, args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, String, String) {
    let out = Command::new(bin)
        .args(args)
        .env("IZ_USERNAME", USER)
        .env("IZ_PASSWORD", password)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A QBP for `patient`.
fn query(profile: QueryProfile, control_id: &str, patient: Patient) -> Vec<u8> {
    let at = chrono::DateTime::parse_from_rfc3339("2024-04-01T09:00:00-05:00").unwrap();
    QueryBuilder::new(profile, control_id, at, patient)
        .sender("MYEHR", "MYCLINIC")
        .receiver("MYIIS", "MYIIS")
        .encode()
        .unwrap()
}

/// One message over MLLP to `addr`, its answer back (bounded by a read timeout and the exchange's
/// size limit).
fn mllp_exchange(addr: &str, message: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut exchange = MllpExchange::new(message, 1 << 20).unwrap();
    stream.write_all(exchange.request_frame()).unwrap();
    let mut buf = [0u8; 8192];
    loop {
        let n = stream.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "the registry closed the connection without an answer"
        );
        if let Progress::Reply(reply) = exchange.feed(&buf[..n]).unwrap() {
            return String::from_utf8(reply).unwrap();
        }
    }
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn binaries() -> Option<(PathBuf, PathBuf)> {
    Some((example("registry")?, example("send")?))
}

/// The three messages through `send --json` over one link: accepted, refused, rejected by the
/// registry.
fn three_messages(send_bin: &Path, dir: &Path, link: &[&str]) {
    let mut owned: Vec<std::ffi::OsString> = link.iter().map(|a| a.into()).collect();
    owned.push("--json".into());
    for name in ["one-dose.hl7", "broken.hl7", "two-doses.hl7"] {
        owned.push(dir.join(name).into());
    }
    let args: Vec<&dyn AsRef<std::ffi::OsStr>> = owned.iter().map(|a| a as _).collect();
    let (code, stdout, stderr) = send(send_bin, PASSWORD, &args);
    assert_eq!(
        code, 1,
        "a refused and a rejected message: exit 1\n{stderr}"
    );
    let lines = json_lines(&stdout);
    assert_eq!(lines.len(), 3, "{stdout}");

    // Accepted: sent, reported, its one dose reported.
    let accepted = &lines[0];
    assert_eq!(accepted["control_id"], "ONE-0001");
    assert_eq!(accepted["sent"], true);
    assert_eq!(accepted["outcome"], "Reported", "{accepted}");
    assert_eq!(accepted["vaccinations"][0]["cvx"], "20");
    assert_eq!(accepted["vaccinations"][0]["date"], "2024-03-15");
    assert_eq!(accepted["vaccinations"][0]["state"], "Reported");

    // Refused before sending: not sent, and the error names RXA-5.
    let refused = &lines[1];
    assert_eq!(refused["control_id"], "BROKEN-0001");
    assert_eq!(refused["sent"], false);
    assert_eq!(refused["outcome"], "Not Sent");
    let why = refused["issues"].to_string();
    assert!(why.contains("RXA-5"), "{why}");

    // Rejected by the registry's stricter profile: dose 2 has no lot (RXA-15); dose 1 was stored.
    let rejected = &lines[2];
    assert_eq!(rejected["control_id"], "CLEAN-0001");
    assert_eq!(rejected["sent"], true);
    assert_eq!(rejected["outcome"], "Not Reported", "{rejected}");
    let doses = rejected["vaccinations"].as_array().unwrap();
    assert_eq!(doses.len(), 2);
    assert_eq!(doses[0]["state"], "Reported");
    assert_eq!(doses[1]["index"], 2);
    assert_eq!(doses[1]["cvx"], "08");
    assert_eq!(doses[1]["state"], "Not Reported");
    let why = doses[1]["issues"].to_string();
    assert!(why.contains("RXA-15"), "{why}");
    assert!(why.contains("Lot Number"), "{why}");
}

#[test]
fn over_soap_accepted_refused_and_rejected_messages_come_back_as_such() {
    let Some((registry_bin, send_bin)) = binaries() else {
        return;
    };
    let dir = scratch("soap");
    let profile = dir.join("strict.toml");
    let registry = Registry::start(
        &registry_bin,
        &["--profile-file", profile.to_str().unwrap()],
    );
    three_messages(
        &send_bin,
        &dir,
        &["--url", &registry.http, "--wsdl", "2011"],
    );

    // The 2014 WSDL, human output: the accepted message alone exits 0.
    let one = dir.join("one-dose.hl7");
    let (code, stdout, stderr) = send(
        &send_bin,
        PASSWORD,
        &[
            &"--url",
            &registry.http,
            &"--wsdl",
            &"2014",
            &"--facility",
            &"ORG1",
            &one,
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("ONE-0001: Reported"), "{stdout}");
    assert!(
        stdout.contains("dose 1 CVX 20 2024-03-15: Reported"),
        "{stdout}"
    );

    let log = registry.stop();
    // Two messages sent by the first run (the refused one never left), one by the second.
    assert_eq!(
        log.matches("submitSingleMessage: answered").count(),
        2,
        "{log}"
    );
    assert_eq!(
        log.matches("SubmitSingleMessage: answered").count(),
        1,
        "{log}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_wrong_password_gives_one_security_fault_and_no_retry() {
    let Some((registry_bin, send_bin)) = binaries() else {
        return;
    };
    let dir = scratch("security");
    let registry = Registry::start(&registry_bin, &[]);
    let one = dir.join("one-dose.hl7");
    let two = dir.join("two-doses.hl7");
    let (code, stdout, stderr) = send(
        &send_bin,
        "wrong password",
        &[&"--url", &registry.http, &one, &two],
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("SecurityFault"), "{stderr}");
    assert!(stderr.contains("credentials"), "{stderr}");
    assert!(
        !stderr.contains("wrong password"),
        "the password is never printed"
    );
    assert!(!stdout.contains("wrong password"));
    let log = registry.stop();
    // One call in all: not retried, and the second message was not tried either.
    assert_eq!(log.lines().count(), 1, "{log}");
    assert_eq!(log.matches("SecurityFault").count(), 1, "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ping_checks_the_connection_with_either_wsdl() {
    let Some((registry_bin, send_bin)) = binaries() else {
        return;
    };
    // A registry that answers every submission with a fault still answers the ping.
    let registry = Registry::start(&registry_bin, &["--fault", "unknown"]);
    for wsdl in ["2011", "2014"] {
        let (code, stdout, stderr) = send(
            &send_bin,
            PASSWORD,
            &[&"--ping", &"--url", &registry.http, &"--wsdl", &wsdl],
        );
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("connectivity ok"), "{stdout}");
        assert!(
            stdout.contains("izmsg send --ping"),
            "the echo comes back: {stdout}"
        );
    }
    let log = registry.stop();
    assert!(log.contains("soap connectivityTest: answered"), "{log}");
    assert!(log.contains("soap ConnectivityTest: answered"), "{log}");

    // Nobody listening: a transport failure, exit 2. (Over MLLP, where the ping is a connection and
    // is not retried; a SOAP ping would be retried with the policy's waits.)
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = closed.local_addr().unwrap().to_string();
    drop(closed);
    let (code, _, stderr) = send(&send_bin, PASSWORD, &[&"--ping", &"--mllp", &addr]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn over_mllp_the_same() {
    let Some((registry_bin, send_bin)) = binaries() else {
        return;
    };
    let dir = scratch("mllp");
    let profile = dir.join("strict.toml");
    let registry = Registry::start(
        &registry_bin,
        &["--profile-file", profile.to_str().unwrap()],
    );
    three_messages(&send_bin, &dir, &["--mllp", &registry.mllp]);
    let (code, stdout, stderr) = send(&send_bin, PASSWORD, &[&"--ping", &"--mllp", &registry.mllp]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("connectivity ok"), "{stdout}");

    // The registry holds what it accepted: the one-dose message's DTaP and the DTaP of the
    // two-dose message (its Hep B dose was rejected), for one patient.
    let decoded = izmsg::model::decode(clean_vxu().as_bytes()).unwrap();
    let izmsg::model::Message::Vxu(vxu) = &decoded.message else {
        panic!("the clean VXU reads as a VXU")
    };
    let patient = vxu.patient();
    let z34 = query(QueryProfile::Z34, "Q-1", patient.clone());
    let rsp = mllp_exchange(&registry.mllp, &z34);
    assert!(rsp.contains("|RSP^K11^RSP_K11|Q-1-RSP|"), "{rsp}");
    assert!(rsp.contains("|Z32^CDCPHINVS"), "{rsp}");
    assert!(
        rsp.starts_with("MSH|^~\\&|MYIIS|MYIIS|MYEHR|MYCLINIC|"),
        "sender and receiver swapped: {rsp}"
    );
    assert!(
        !rsp.contains("|20240401090000-0500|"),
        "its own time: {rsp}"
    );
    assert!(rsp.contains("\rMSA|AA|Q-1\r"), "{rsp}");
    assert!(rsp.contains("\rQAK|Q-1|OK|Z34^"), "{rsp}");
    let rxas: Vec<&str> = rsp.split('\r').filter(|s| s.starts_with("RXA|")).collect();
    assert_eq!(rxas.len(), 2, "{rsp}");
    assert!(rxas.iter().all(|r| r.contains("|20^DTaP^CVX|")), "{rsp}");
    assert_eq!(rsp.matches("\rPID|").count(), 1, "{rsp}");

    // Z44: the same history as a Z42 (no forecast rows).
    let z44 = query(QueryProfile::Z44, "Q-2", patient.clone());
    let rsp = mllp_exchange(&registry.mllp, &z44);
    assert!(rsp.contains("|Z42^CDCPHINVS"), "{rsp}");
    assert_eq!(
        rsp.split('\r').filter(|s| s.starts_with("RXA|")).count(),
        2,
        "{rsp}"
    );

    // Somebody else: Z33, not found.
    let stranger = Patient::new(
        Identifier::mr("OTHER-9", "MYEHR"),
        PersonName::legal("Brightwater", "Osric"),
        NaiveDate::from_ymd_opt(2019, 6, 2).unwrap(),
        Sex::Male,
    );
    let rsp = mllp_exchange(&registry.mllp, &query(QueryProfile::Z34, "Q-3", stranger));
    assert!(rsp.contains("|Z33^CDCPHINVS"), "{rsp}");
    assert!(rsp.contains("\rQAK|Q-3|NF|"), "{rsp}");
    assert!(!rsp.contains("\rPID|"), "{rsp}");

    let log = registry.stop();
    assert_eq!(log.matches("mllp: answered").count(), 5, "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn transient_failures_are_retried_as_the_policy_says() {
    let Some((registry_bin, send_bin)) = binaries() else {
        return;
    };
    let dir = scratch("retry");
    let one = dir.join("one-dose.hl7");

    // An unknown fault (the registry is down): retried, here up to 2 attempts in all, then exit 2.
    let registry = Registry::start(&registry_bin, &["--fault", "unknown"]);
    let (code, _, stderr) = send(
        &send_bin,
        PASSWORD,
        &[&"--url", &registry.http, &"--attempts", &"2", &one],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("UnknownFault"), "{stderr}");
    let log = registry.stop();
    assert_eq!(log.matches("UnknownFault").count(), 2, "{log}");

    // A connection dropped without an answer, over MLLP: the same.
    let registry = Registry::start(&registry_bin, &["--drop-connection"]);
    let (code, _, stderr) = send(
        &send_bin,
        PASSWORD,
        &[&"--mllp", &registry.mllp, &"--attempts", &"2", &one],
    );
    assert_eq!(code, 2, "{stderr}");
    let log = registry.stop();
    assert_eq!(log.matches("mllp: dropped").count(), 2, "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_corpus_vxus_are_refused_or_reported_as_validation_says() {
    let Some(corpus) = common::Corpus::here() else {
        return;
    };
    let Some((registry_bin, send_bin)) = binaries() else {
        return;
    };
    let files = corpus.kinds(&["vxu"]);
    assert!(files.len() >= 20, "{}", files.len());
    let validator = izmsg::validate::Validator::cdc();
    let mut expected = Vec::new();
    for (_, bytes) in &files {
        let batch = izmsg::er7::split(bytes).unwrap();
        for m in batch.messages() {
            let decoded =
                izmsg::model::decode_parsed(m.as_ref().unwrap(), &izmsg::er7::Limits::default());
            expected.push(validator.validate(&decoded).is_sendable());
        }
    }
    let registry = Registry::start(&registry_bin, &[]);
    let paths: Vec<String> = files.iter().map(|(name, _)| corpus.path(name)).collect();
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> =
        vec![&"--url", &registry.http, &"--wsdl", &"2014", &"--json"];
    args.extend(paths.iter().map(|p| p as &dyn AsRef<std::ffi::OsStr>));
    let (code, stdout, stderr) = send(&send_bin, PASSWORD, &args);
    let lines = json_lines(&stdout);
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    let mut sent = 0;
    for (line, sendable) in lines.iter().zip(&expected) {
        assert_eq!(line["sent"], *sendable, "{}", line["file"]);
        if *sendable {
            sent += 1;
            // The registry validates with the same profile: what was sent is stored.
            let outcome = line["outcome"].as_str().unwrap();
            assert!(outcome.starts_with("Reported"), "{line}");
            assert!(
                line["vaccinations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|d| d["state"].as_str().unwrap().starts_with("Reported")),
                "{line}"
            );
        } else {
            assert_eq!(line["outcome"], "Not Sent");
            assert!(!line["issues"].as_array().unwrap().is_empty(), "{line}");
        }
    }
    assert!(sent > 0, "some corpus VXUs pass the CDC profile");
    let refused = expected.len() - sent;
    assert_eq!(code, if refused > 0 { 1 } else { 0 }, "{stderr}");
    let log = registry.stop();
    assert_eq!(log.matches("SubmitSingleMessage: answered").count(), sent);
}

/// Runs a registry that should refuse to start; one that starts anyway is killed after a minute
/// (a bound on the test, not a measure) and fails the test.
fn refused_run(bin: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded: 600 polls of 100 ms.
    for _ in 0..600 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    panic!(
        "the registry started instead of refusing: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_registry_refuses_bad_arguments() {
    let Some((registry_bin, _)) = binaries() else {
        return;
    };
    let out = refused_run(
        &registry_bin,
        &[&"--http", &"127.0.0.1:0", &"--profile", &"no-such-profile"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-profile"));
}

#[test]
fn the_registry_refuses_an_unusable_tls_or_database_setup() {
    let Some((registry_bin, _)) = binaries() else {
        return;
    };
    let dir = scratch("refuses");
    let not_a_db = dir.join("strict.toml");
    let refused = |args: &[&dyn AsRef<std::ffi::OsStr>], why: &str| {
        let out = refused_run(&registry_bin, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(why), "{stderr}");
        assert!(out.stdout.is_empty(), "no listener announced");
    };
    // A certificate made at start that nobody could trust: refused.
    refused(&[&"--https", &"127.0.0.1:0"], "--cert-out");
    // A file that is not SQLite, and one that is SQLite but not the registry's.
    refused(
        &[&"--mllp", &"127.0.0.1:0", &"--db", &not_a_db],
        "strict.toml",
    );
    let other = dir.join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    refused(
        &[&"--mllp", &"127.0.0.1:0", &"--db", &other],
        "something else",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A corpus VXU that the CDC profile finds sendable (one message in its file), or, without the
/// shared corpus, the crate's own one-dose VXU (with a note).
fn sendable_vxu(dir: &Path) -> (PathBuf, String) {
    let Some(corpus) = common::Corpus::here() else {
        eprintln!("../shared/corpus is absent: the HTTPS test sends the crate's own VXU instead");
        return (dir.join("one-dose.hl7"), "ONE-0001".into());
    };
    let validator = izmsg::validate::Validator::cdc();
    for (name, bytes) in corpus.kinds(&["vxu"]) {
        let batch = izmsg::er7::split(&bytes).unwrap();
        let messages: Vec<_> = batch.messages().collect();
        let [Ok(message)] = &messages[..] else {
            continue;
        };
        let decoded = izmsg::model::decode_parsed(message, &izmsg::er7::Limits::default());
        if validator.validate(&decoded).is_sendable() {
            let control_id = message
                .segment_by_id("MSH")
                .and_then(|s| s.field(10))
                .map(|v| v.text().into_owned())
                .unwrap();
            return (PathBuf::from(corpus.path(&name)), control_id);
        }
    }
    panic!("no corpus VXU passes the CDC profile");
}

#[test]
fn over_https_with_the_registry_certificate_a_vxu_is_reported_and_the_ping_works() {
    let Some((registry_bin, send_bin)) = binaries() else {
        return;
    };
    let dir = scratch("https");
    let cert = dir.join("registry.pem");
    let registry = Registry::launch(
        &registry_bin,
        &[
            "--https",
            "127.0.0.1:0",
            "--cert-out",
            cert.to_str().unwrap(),
        ],
    );
    let pem = std::fs::read_to_string(&cert).unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");

    let (vxu, control_id) = sendable_vxu(&dir);
    let (code, stdout, stderr) = send(
        &send_bin,
        PASSWORD,
        &[
            &"--url",
            &registry.https,
            &"--wsdl",
            &"2014",
            &"--ca",
            &cert,
            &"--json",
            &vxu,
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let lines = json_lines(&stdout);
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0]["control_id"], control_id.as_str());
    assert_eq!(lines[0]["sent"], true);
    assert!(
        lines[0]["outcome"]
            .as_str()
            .unwrap()
            .starts_with("Reported"),
        "{stdout}"
    );
    let doses = lines[0]["vaccinations"].as_array().unwrap();
    assert!(!doses.is_empty(), "{stdout}");
    assert!(
        doses
            .iter()
            .all(|d| d["state"].as_str().unwrap().starts_with("Reported")),
        "{stdout}"
    );

    let (code, stdout, stderr) = send(
        &send_bin,
        PASSWORD,
        &[&"--ping", &"--url", &registry.https, &"--ca", &cert],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("connectivity ok"), "{stdout}");
    assert!(stdout.contains("izmsg send --ping"), "{stdout}");

    let log = registry.stop();
    assert_eq!(
        log.matches("soap SubmitSingleMessage: answered").count(),
        1,
        "{log}"
    );
    assert_eq!(
        log.matches("soap connectivityTest: answered").count(),
        1,
        "{log}"
    );
    assert!(!log.contains("handshake failed"), "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn over_https_without_the_registry_certificate_nothing_is_sent() {
    let Some((registry_bin, send_bin)) = binaries() else {
        return;
    };
    let dir = scratch("https-untrusted");
    let cert = dir.join("registry.pem");
    let registry = Registry::launch(
        &registry_bin,
        &[
            "--https",
            "127.0.0.1:0",
            "--cert-out",
            cert.to_str().unwrap(),
        ],
    );
    let one = dir.join("one-dose.hl7");
    let two = dir.join("two-doses.hl7");
    let (code, stdout, stderr) = send(
        &send_bin,
        PASSWORD,
        &[&"--url", &registry.https, &"--json", &one, &two],
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("certificate"), "{stderr}");
    assert!(stderr.contains("UnknownIssuer"), "{stderr}");
    assert!(
        !stderr.contains("attempt"),
        "an untrusted certificate is not retried: {stderr}"
    );
    assert!(stdout.is_empty(), "no message got an answer: {stdout}");

    // A certificate file that trusts someone else: the same.
    let stranger = dir.join("stranger.pem");
    let other = Registry::launch(
        &registry_bin,
        &[
            "--https",
            "127.0.0.1:0",
            "--cert-out",
            stranger.to_str().unwrap(),
        ],
    );
    drop(other);
    let (code, _, stderr) = send(
        &send_bin,
        PASSWORD,
        &[&"--ping", &"--url", &registry.https, &"--ca", &stranger],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("certificate"), "{stderr}");

    let log = registry.stop();
    assert!(
        !log.contains("answered"),
        "nothing reached the service: {log}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_a_database_the_registry_answers_from_what_it_accepted_before_a_restart() {
    let Some((registry_bin, send_bin)) = binaries() else {
        return;
    };
    let dir = scratch("db");
    let db = dir.join("registry.db");
    let db_arg = db.to_str().unwrap();
    let decoded = izmsg::model::decode(clean_vxu().as_bytes()).unwrap();
    let izmsg::model::Message::Vxu(vxu) = &decoded.message else {
        panic!("the clean VXU reads as a VXU")
    };
    let patient = vxu.patient();

    // First run: the one-dose VXU (DTaP) is accepted and kept.
    let registry = Registry::launch(&registry_bin, &["--mllp", "127.0.0.1:0", "--db", db_arg]);
    let (code, stdout, stderr) = send(
        &send_bin,
        PASSWORD,
        &[
            &"--mllp",
            &registry.mllp,
            &"--json",
            &dir.join("one-dose.hl7"),
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(json_lines(&stdout)[0]["outcome"], "Reported", "{stdout}");
    let log = registry.stop();
    assert!(!log.contains("store:"), "{log}");

    // Second run on the same file: the query finds the dose accepted before the restart.
    let registry = Registry::launch(&registry_bin, &["--mllp", "127.0.0.1:0", "--db", db_arg]);
    let rsp = mllp_exchange(
        &registry.mllp,
        &query(QueryProfile::Z34, "Q-DB-1", patient.clone()),
    );
    assert!(rsp.contains("|Z32^CDCPHINVS"), "{rsp}");
    assert!(rsp.contains("\rQAK|Q-DB-1|OK|Z34^"), "{rsp}");
    assert_eq!(rsp.matches("\rPID|").count(), 1, "{rsp}");
    assert!(
        rsp.contains("|Quillfeather^Harriet^"),
        "the PID as received: {rsp}"
    );
    let rxas: Vec<&str> = rsp.split('\r').filter(|s| s.starts_with("RXA|")).collect();
    assert_eq!(rxas.len(), 1, "{rsp}");
    assert!(rxas[0].contains("|20240315|"), "{rsp}");
    assert!(rxas[0].contains("|20^DTaP^CVX|"), "{rsp}");
    assert!(
        rsp.contains("\rORC|RE|"),
        "the order group comes back whole: {rsp}"
    );

    // The patient held in the file is matched: the two-dose VXU's DTaP joins the same record (its
    // Hep B dose lacks nothing the CDC profile requires, so it is kept too).
    let (code, stdout, stderr) = send(
        &send_bin,
        PASSWORD,
        &[&"--mllp", &registry.mllp, &dir.join("two-doses.hl7")],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let rsp = mllp_exchange(
        &registry.mllp,
        &query(QueryProfile::Z44, "Q-DB-2", patient.clone()),
    );
    assert!(rsp.contains("|Z42^CDCPHINVS"), "{rsp}");
    assert_eq!(rsp.matches("\rPID|").count(), 1, "one patient: {rsp}");
    let cvx: Vec<&str> = rsp
        .split('\r')
        .filter(|s| s.starts_with("RXA|"))
        .map(|s| s.split('|').nth(5).unwrap())
        .collect();
    assert_eq!(
        cvx,
        [
            "20^DTaP^CVX",
            "20^DTaP^CVX",
            "08^Hep B, adolescent or pediatric^CVX"
        ],
        "{rsp}"
    );
    let log = registry.stop();
    assert!(!log.contains("store:"), "{log}");

    // Without --db the registry starts empty: the file is what kept the dose.
    let registry = Registry::launch(&registry_bin, &["--mllp", "127.0.0.1:0"]);
    let rsp = mllp_exchange(&registry.mllp, &query(QueryProfile::Z34, "Q-DB-3", patient));
    assert!(rsp.contains("\rQAK|Q-DB-3|NF|"), "{rsp}");
    drop(registry);
    let _ = std::fs::remove_dir_all(&dir);
}
