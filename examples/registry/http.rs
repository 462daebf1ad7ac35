//! The CDC IIS SOAP web service (both WSDLs) over HTTP and HTTPS.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use izmsg::iis::soap::{self, Fault, PayloadStyle, Reply, Request, Response};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

use super::{FaultArg, MAX_REQUEST, Registry};

/// Longest a client may take over the TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);

/// Answers SOAP requests on `listener`, over TLS when an acceptor is given.
pub async fn serve(listener: TcpListener, tls: Option<TlsAcceptor>, registry: Arc<Registry>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let registry = registry.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            let Some(acceptor) = tls else {
                return connection(stream, registry).await;
            };
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(stream)) => connection(stream, registry).await,
                Ok(Err(e)) => eprintln!("https: TLS handshake failed: {e}"),
                Err(_) => eprintln!("https: TLS handshake timed out"),
            }
        });
    }
}

/// One HTTP/1.1 connection, plain or TLS.
async fn connection<S>(stream: S, registry: Arc<Registry>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let io = hyper_util::rt::TokioIo::new(stream);
    let service = hyper::service::service_fn(move |req| answer(registry.clone(), req));
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(io, service)
        .await;
}
type HttpAnswer = hyper::Response<Full<Bytes>>;

async fn answer(
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
