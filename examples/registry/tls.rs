//! The HTTPS listener's TLS: rustls with the *ring* provider (the one ureq already brings), a
//! certificate from PEM files or made at start.

use std::path::Path;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::TlsAcceptor;

/// The names the certificate made at start is good for.
const SELF_SIGNED_NAMES: [&str; 2] = ["localhost", "127.0.0.1"];

/// The TLS acceptor: with `cert` and `key` (PEM files) when given, else with a self-signed
/// certificate for `localhost` and `127.0.0.1`, made now and written to `cert_out` (PEM).
pub fn acceptor(
    cert: Option<&Path>,
    key: Option<&Path>,
    cert_out: Option<&Path>,
) -> Result<TlsAcceptor, String> {
    let (chain, key) = match (cert, key) {
        (Some(cert), Some(key)) => (read_chain(cert)?, read_key(key)?),
        (None, None) => {
            let out = cert_out.ok_or(
                "--https needs --cert FILE --key FILE, or --cert-out FILE to write the certificate \
                 made at start to (for clients to trust)",
            )?;
            self_signed(out)?
        }
        _ => return Err("give both --cert FILE and --key FILE".into()),
    };
    // rustls 0.23.48 marks its *ring* provider deprecated in favour of aws-lc-rs (post-quantum key
    // exchange); *ring* is what ureq links already, and a test registry on loopback needs no second
    // crypto library.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| format!("TLS: the certificate and key do not go together: {e}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

fn read_chain(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let chain = CertificateDer::pem_file_iter(path)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if chain.is_empty() {
        return Err(format!("{}: no CERTIFICATE in the file", path.display()));
    }
    Ok(chain)
}

fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>, String> {
    PrivateKeyDer::from_pem_file(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// A new key pair and a self-signed certificate over it; the certificate written to `out`.
fn self_signed(
    out: &Path,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), String> {
    let names: Vec<String> = SELF_SIGNED_NAMES.iter().map(|n| n.to_string()).collect();
    let made = rcgen::generate_simple_self_signed(names)
        .map_err(|e| format!("making a certificate: {e}"))?;
    std::fs::write(out, made.cert.pem()).map_err(|e| format!("{}: {e}", out.display()))?;
    let key = PrivatePkcs8KeyDer::from(made.signing_key.serialize_der());
    Ok((vec![made.cert.der().clone()], PrivateKeyDer::Pkcs8(key)))
}
