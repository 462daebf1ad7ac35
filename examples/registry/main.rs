//! `registry`: a local test registry for integration tests, ours and vendors'.
//!
//! ```text
//! IZ_USERNAME=ehr IZ_PASSWORD=secret cargo run --example registry -- --http 127.0.0.1:0 --mllp 127.0.0.1:0
//! listening http://127.0.0.1:40123
//! listening mllp 127.0.0.1:40124
//! registry --https 127.0.0.1:8443 --cert-out registry.pem --db registry.db
//! listening https://127.0.0.1:8443
//! ```
//!
//! Serves the CDC IIS SOAP web service (both WSDLs, 2011 and 2014, on any path) over plain HTTP
//! (`--http ADDR`) and HTTPS (`--https ADDR`), and MLLP over TCP (`--mllp ADDR`). Over SOAP it checks
//! the credentials against `IZ_USERNAME` / `IZ_PASSWORD` (a SecurityFault otherwise). Each VXU is
//! validated with the profile (`--profile`, `--profile-file`) and answered with an ACK: AA when the
//! profile finds no error, AE with one ERR per issue otherwise; the doses of an accepted message
//! are kept. Misbehaviour on demand: `--fault security|too-large|unknown` answers every submission
//! with that fault, `--delay MS` waits before each answer, `--drop-connection` closes every
//! connection without an answer.
//!
//! HTTPS uses the certificate and private key of `--cert FILE --key FILE` (PEM); without them it
//! makes a self-signed certificate for `localhost` and `127.0.0.1` at start and writes it to
//! `--cert-out FILE` (PEM), for a client to trust (`send --ca FILE`). TLS is rustls with *ring*.
//!
//! Accepted patients and doses are kept in memory, or with `--db FILE` in a SQLite file that
//! outlives the registry (see `store.rs` for what it holds).
//!
//! One line on standard output per listener once it is ready (`listening http://ADDR`,
//! `listening https://ADDR`, `listening mllp ADDR`); port 0 picks a free port. One line on standard
//! error per answer, without patient data.
//!
//! A QBP Z34/Z44 is answered from what it holds (patients found with `iis::matching`): Z32/Z42 for
//! one confident match, Z31 candidates when a person must choose, Z33 `NF` otherwise.

mod hl7;
mod http;
mod mllp;
mod store;
mod tls;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::{Parser, ValueEnum};
use izmsg::validate::{self, Profile, Validator};
use tokio::net::TcpListener;

use self::store::Store;

#[derive(Parser, Debug)]
#[command(
    name = "registry",
    about = "A local test registry (CDC SOAP over HTTP and HTTPS, and MLLP)"
)]
pub struct Args {
    /// Address for the SOAP web service over plain HTTP (e.g. 127.0.0.1:0).
    #[arg(long)]
    http: Option<SocketAddr>,
    /// Address for the SOAP web service over HTTPS (e.g. 127.0.0.1:0).
    #[arg(long)]
    https: Option<SocketAddr>,
    /// The HTTPS certificate chain (PEM), the server's own certificate first.
    #[arg(long, value_name = "FILE", requires_all = ["https", "key"])]
    cert: Option<PathBuf>,
    /// The private key of the HTTPS certificate (PEM: PKCS#8, PKCS#1 or SEC1).
    #[arg(long, value_name = "FILE", requires = "cert")]
    key: Option<PathBuf>,
    /// Without --cert: write the self-signed certificate made at start here (PEM), for clients to
    /// trust.
    #[arg(long, value_name = "FILE", requires = "https", conflicts_with = "cert")]
    cert_out: Option<PathBuf>,
    /// Address for MLLP (e.g. 127.0.0.1:0).
    #[arg(long)]
    mllp: Option<SocketAddr>,
    /// Validation profile: cdc, maine, ...
    #[arg(long, default_value = "cdc")]
    profile: String,
    /// A profile file (TOML) instead of a built-in profile.
    #[arg(long, value_name = "FILE")]
    profile_file: Option<PathBuf>,
    /// Keep accepted patients and doses in this SQLite file (created when missing) instead of in
    /// memory.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
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
    store: Mutex<Box<dyn Store>>,
}

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
    if args.http.is_none() && args.https.is_none() && args.mllp.is_none() {
        return Err("give --http ADDR, --https ADDR, --mllp ADDR or several".into());
    }
    // Before any listener: a client that reads `listening https://...` can trust the file at once.
    let acceptor = match args.https {
        Some(_) => Some(tls::acceptor(
            args.cert.as_deref(),
            args.key.as_deref(),
            args.cert_out.as_deref(),
        )?),
        None => None,
    };
    let registry = Arc::new(Registry {
        validator: Validator::new(profile),
        username: std::env::var("IZ_USERNAME").unwrap_or_default(),
        password: std::env::var("IZ_PASSWORD").unwrap_or_default(),
        fault: args.fault,
        delay: Duration::from_millis(args.delay),
        drop_connection: args.drop_connection,
        store: Mutex::new(store::open(args.db.as_deref())?),
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let mut tasks = Vec::new();
        if let Some(addr) = args.http {
            let listener = bind("http", addr).await?;
            println!("listening http://{}", local(&listener)?);
            tasks.push(tokio::spawn(http::serve(listener, None, registry.clone())));
        }
        if let (Some(addr), Some(acceptor)) = (args.https, acceptor) {
            let listener = bind("https", addr).await?;
            println!("listening https://{}", local(&listener)?);
            tasks.push(tokio::spawn(http::serve(
                listener,
                Some(acceptor),
                registry.clone(),
            )));
        }
        if let Some(addr) = args.mllp {
            let listener = bind("mllp", addr).await?;
            println!("listening mllp {}", local(&listener)?);
            tasks.push(tokio::spawn(mllp::serve(listener, registry.clone())));
        }
        for task in tasks {
            task.await.map_err(|e| e.to_string())?;
        }
        Ok(())
    })
}

async fn bind(what: &str, addr: SocketAddr) -> Result<TcpListener, String> {
    TcpListener::bind(addr)
        .await
        .map_err(|e| format!("{what} {addr}: {e}"))
}

fn local(listener: &TcpListener) -> Result<SocketAddr, String> {
    listener.local_addr().map_err(|e| e.to_string())
}
