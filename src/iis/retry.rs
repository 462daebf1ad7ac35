//! The retry policy, as data: given what went wrong and how many attempts were made, what to do next.
//!
//! A call to a registry fails in one of three ways, a [`Failure`]: the server answered a SOAP fault
//! ([`FaultKind`]), the HTTP exchange ended with an error status and no fault, or the transport itself
//! failed ([`TransportError`]). Each calls for one [`Remedy`], whatever the attempt:
//!
//! | failure | remedy | why |
//! |---|---|---|
//! | `SecurityFault`, HTTP 401, 403 | [`Fix::Credentials`] | bad user name, password, facility or certificate; **never retried automatically**: Maine ImmPact locks the vendor's account, for all its clinics, after more than 2 failed log-ins |
//! | `MessageTooLargeFault`, HTTP 413 | [`Remedy::Split`] | more than one message in the call, or over the size limit: send single messages or shrink, never the same bytes again |
//! | `UnsupportedOperationFault`, SOAP `VersionMismatch` or `MustUnderstand`, HTTP 3xx, 404, 405, 410, 415, 501, 505 | [`Fix::Endpoint`] | a client bug or the wrong endpoint or WSDL version (a 2011 request at a 2014 endpoint) |
//! | `UnknownDestinationFault` (IZ Gateway) | [`Fix::Destination`] | the hub knows no registry by that id |
//! | [`TransportError::Certificate`] | [`Fix::ServerCertificate`] | the client does not trust the server's certificate (another host, expired, or signed by an authority the client does not know): the same call fails the same way; never turn the check off |
//! | untyped SOAP `Sender` or `DataEncodingUnknown` fault, other HTTP 4xx | [`Fix::Request`] | the server refused the request as malformed: resending it unchanged fails the same way |
//! | `UnknownFault`, `DestinationConnectionFault`, `HubClientFault`, untyped `Receiver` fault, HTTP 408, 429, other 5xx, any other [`TransportError`] | [`Remedy::Retry`] | the message may or may not have been processed; the registry de-duplicates (ORC-3, patient matching), so sending it again is safe |
//!
//! A [`RetryPolicy`] turns the remedy into a [`Decision`] for attempt *n* (counted from 1): a retryable
//! failure is retried after `initial_delay × 2^(n−1)`, capped at `max_delay`, until `max_attempts`
//! attempts have been made; then [`Decision::GiveUp`] (alert a person). Every other remedy stops at
//! once, on the first attempt as on the hundredth. The policy keeps no clock and sleeps nowhere: the
//! caller waits; [`jitter`] spreads the waits of many clients with a random number the caller supplies.
//!
//! ```
//! use std::time::Duration;
//! use izmsg::iis::retry::{Decision, Failure, Fix, RetryPolicy, TransportError};
//! use izmsg::iis::soap::FaultKind;
//!
//! let policy = RetryPolicy::default(); // 5 attempts, 2 s doubling, at most 2 min
//! let timeout = Failure::Transport(TransportError::Timeout);
//! assert_eq!(policy.decide(timeout, 1), Decision::Retry { after: Duration::from_secs(2) });
//! assert_eq!(policy.decide(timeout, 3), Decision::Retry { after: Duration::from_secs(8) });
//! assert_eq!(policy.decide(timeout, 5), Decision::GiveUp { attempts: 5 });
//! // A security fault stops at once, on every attempt.
//! let security = Failure::Fault(FaultKind::Security);
//! assert_eq!(policy.decide(security, 1), Decision::Fix(Fix::Credentials));
//! assert_eq!(policy.decide(Failure::Http(503), 2), Decision::Retry { after: Duration::from_secs(4) });
//! ```

use std::fmt;
use std::time::Duration;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::iis::soap::{FaultKind, SoapCode};

/// What went wrong with one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Failure {
    /// The server answered with a SOAP fault.
    Fault(FaultKind),
    /// The HTTP exchange ended with this status and no SOAP fault (a 2xx here means its body was not a
    /// usable answer).
    Http(u16),
    /// The transport failed before an answer came.
    Transport(TransportError),
}

impl Failure {
    /// What this failure calls for.
    pub fn remedy(self) -> Remedy {
        match self {
            Failure::Fault(kind) => Remedy::of_fault(kind),
            Failure::Http(status) => Remedy::of_http(status),
            Failure::Transport(TransportError::Certificate) => Remedy::Fix(Fix::ServerCertificate),
            Failure::Transport(_) => Remedy::Retry,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Fault(kind) => write!(f, "{}", kind.element()),
            Failure::Http(status) => write!(f, "HTTP status {status}"),
            Failure::Transport(e) => write!(f, "{e}"),
        }
    }
}

/// A transport failure, by class. Map your HTTP or socket library's errors onto these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum TransportError {
    /// The host name did not resolve.
    Dns,
    /// The connection was refused or could not be made.
    Connect,
    /// The TLS handshake failed (other than over the server's certificate).
    Tls,
    /// The server's certificate was not trusted: signed by an authority the client does not trust,
    /// for another host name, expired or revoked. Not transient: a person fixes the URL or the
    /// trusted roots.
    Certificate,
    /// No answer in time.
    Timeout,
    /// The connection closed before the whole answer came.
    ConnectionClosed,
    /// An answer came but could not be read (not a SOAP envelope, not an HL7 frame).
    InvalidResponse,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportError::Dns => "the host name did not resolve",
            TransportError::Connect => "the connection could not be made",
            TransportError::Tls => "the TLS handshake failed",
            TransportError::Certificate => "the server's certificate is not trusted",
            TransportError::Timeout => "no answer in time",
            TransportError::ConnectionClosed => "the connection closed before the answer",
            TransportError::InvalidResponse => "the answer could not be read",
        })
    }
}

/// What a failure calls for, before counting attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Remedy {
    /// Try again later: the failure is transient.
    Retry,
    /// Split into single messages or shrink; never resend as is.
    Split,
    /// Stop: a person must fix something first.
    Fix(Fix),
}

/// What a person must fix before trying again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Fix {
    /// The user name, password, facility ID or client certificate.
    Credentials,
    /// The endpoint URL or the WSDL version.
    Endpoint,
    /// The IZ Gateway destination id.
    Destination,
    /// The trust in the server's certificate: the URL's host name, or the certificate authorities
    /// the client trusts.
    ServerCertificate,
    /// The request itself (the server refused it as malformed).
    Request,
}

impl Remedy {
    /// The remedy for a SOAP fault (the table in the [module docs](self)).
    pub fn of_fault(kind: FaultKind) -> Remedy {
        match kind {
            FaultKind::Security => Remedy::Fix(Fix::Credentials),
            FaultKind::MessageTooLarge => Remedy::Split,
            FaultKind::UnsupportedOperation => Remedy::Fix(Fix::Endpoint),
            FaultKind::UnknownDestination => Remedy::Fix(Fix::Destination),
            FaultKind::Unknown | FaultKind::DestinationConnection | FaultKind::HubClient => {
                Remedy::Retry
            }
            FaultKind::Untyped(code) => match code {
                SoapCode::VersionMismatch | SoapCode::MustUnderstand => Remedy::Fix(Fix::Endpoint),
                SoapCode::Sender | SoapCode::DataEncodingUnknown => Remedy::Fix(Fix::Request),
                SoapCode::Receiver => Remedy::Retry,
            },
        }
    }

    /// The remedy for an HTTP status that came without a SOAP fault.
    ///
    /// ```
    /// use izmsg::iis::retry::{Fix, Remedy};
    /// assert_eq!(Remedy::of_http(401), Remedy::Fix(Fix::Credentials));
    /// assert_eq!(Remedy::of_http(404), Remedy::Fix(Fix::Endpoint));
    /// assert_eq!(Remedy::of_http(413), Remedy::Split);
    /// assert_eq!(Remedy::of_http(503), Remedy::Retry);
    /// ```
    pub fn of_http(status: u16) -> Remedy {
        match status {
            401 | 403 => Remedy::Fix(Fix::Credentials),
            413 => Remedy::Split,
            300..=399 | 404 | 405 | 410 | 415 | 501 | 505 => Remedy::Fix(Fix::Endpoint),
            408 | 429 => Remedy::Retry,
            400..=499 => Remedy::Fix(Fix::Request),
            _ => Remedy::Retry,
        }
    }
}

impl fmt::Display for Remedy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Remedy::Retry => f.write_str(
                "retry with backoff (the message may or may not have been processed; the registry de-duplicates)",
            ),
            Remedy::Split => {
                f.write_str("split into single messages or shrink; do not resend as is")
            }
            Remedy::Fix(fix) => fix.fmt(f),
        }
    }
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Fix::Credentials => {
                "stop and fix the credentials (user name, password, facility ID or certificate); never retry automatically: the account may lock"
            }
            Fix::Endpoint => {
                "stop: wrong endpoint or WSDL version (or a client bug); check the URL and the WSDL version"
            }
            Fix::Destination => "stop and fix the IZ Gateway destination id",
            Fix::ServerCertificate => {
                "stop: the server's certificate is not trusted; check the host name in the URL, or add the registry's certificate authority to the trusted roots (never turn the check off)"
            }
            Fix::Request => {
                "stop: the server refused the request as malformed; do not resend it unchanged"
            }
        })
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Decision {
    /// Send the same message again after waiting this long.
    Retry {
        /// How long to wait first.
        after: Duration,
    },
    /// Split into single messages or shrink; do not resend as is.
    Split,
    /// Stop until a person fixes this.
    Fix(Fix),
    /// The failure was transient but persisted through this many attempts: stop and alert.
    GiveUp {
        /// Attempts made.
        attempts: u32,
    },
}

impl Decision {
    /// Whether to send again.
    pub fn is_retry(self) -> bool {
        matches!(self, Decision::Retry { .. })
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Retry { after } => write!(f, "retry in {} ms", after.as_millis()),
            Decision::Split => Remedy::Split.fmt(f),
            Decision::Fix(fix) => fix.fmt(f),
            Decision::GiveUp { attempts } => {
                write!(f, "gave up after {attempts} attempts; alert a person")
            }
        }
    }
}

/// How often and how patiently to retry transient failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RetryPolicy {
    /// Most attempts in all, the first included (default 5). `1` never retries.
    pub max_attempts: u32,
    /// Wait after the first failed attempt (default 2 s); it doubles after each further one.
    pub initial_delay: Duration,
    /// Longest wait (default 2 min).
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            initial_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// What to do after attempt number `attempt` (from 1; 0 reads as 1) failed with `failure`.
    pub fn decide(&self, failure: Failure, attempt: u32) -> Decision {
        let attempt = attempt.max(1);
        match failure.remedy() {
            Remedy::Split => Decision::Split,
            Remedy::Fix(fix) => Decision::Fix(fix),
            Remedy::Retry if attempt >= self.max_attempts => Decision::GiveUp { attempts: attempt },
            Remedy::Retry => Decision::Retry {
                after: self.delay(attempt),
            },
        }
    }

    /// The wait after attempt `attempt` (from 1): `initial_delay × 2^(attempt−1)`, at most `max_delay`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use izmsg::iis::retry::RetryPolicy;
    /// let p = RetryPolicy { max_attempts: 100, initial_delay: Duration::from_secs(1), max_delay: Duration::from_secs(60) };
    /// let waits: Vec<u64> = (1..=8).map(|n| p.delay(n).as_secs()).collect();
    /// assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
    /// ```
    pub fn delay(&self, attempt: u32) -> Duration {
        let doublings = attempt.max(1) - 1;
        let factor = 1u32.checked_shl(doublings).unwrap_or(u32::MAX);
        self.initial_delay
            .saturating_mul(factor)
            .min(self.max_delay)
    }
}

/// "Equal jitter": half of `delay`, plus a part of the other half picked by `random` (any random number
/// the caller draws), so that many clients failing together do not retry together.
///
/// ```
/// use std::time::Duration;
/// use izmsg::iis::retry::jitter;
/// let d = Duration::from_secs(8);
/// for r in [0, 1, 12345, u64::MAX] {
///     let j = jitter(d, r);
///     assert!(j >= Duration::from_secs(4) && j <= d);
/// }
/// ```
pub fn jitter(delay: Duration, random: u64) -> Duration {
    let half = delay / 2;
    let span = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
    let extra = random.checked_rem(span.saturating_add(1)).unwrap_or(0);
    half.saturating_add(Duration::from_nanos(extra)).min(delay)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn security_is_never_retried() {
        let policy = RetryPolicy {
            max_attempts: u32::MAX,
            ..RetryPolicy::default()
        };
        for attempt in [0, 1, 2, 3, 10, 1000, u32::MAX] {
            for failure in [
                Failure::Fault(FaultKind::Security),
                Failure::Http(401),
                Failure::Http(403),
            ] {
                assert_eq!(
                    policy.decide(failure, attempt),
                    Decision::Fix(Fix::Credentials)
                );
            }
        }
    }

    #[test]
    fn every_fault_kind_has_its_remedy() {
        let p = RetryPolicy::default();
        let expect = [
            (FaultKind::Unknown, true),
            (FaultKind::DestinationConnection, true),
            (FaultKind::HubClient, true),
            (FaultKind::Untyped(SoapCode::Receiver), true),
            (FaultKind::UnsupportedOperation, false),
            (FaultKind::MessageTooLarge, false),
            (FaultKind::UnknownDestination, false),
            (FaultKind::Untyped(SoapCode::Sender), false),
            (FaultKind::Untyped(SoapCode::VersionMismatch), false),
        ];
        for (kind, retried) in expect {
            assert_eq!(
                p.decide(Failure::Fault(kind), 1).is_retry(),
                retried,
                "{kind:?}"
            );
        }
        assert_eq!(
            p.decide(Failure::Fault(FaultKind::MessageTooLarge), 1),
            Decision::Split
        );
        assert_eq!(
            p.decide(Failure::Fault(FaultKind::UnknownDestination), 1),
            Decision::Fix(Fix::Destination)
        );
        assert_eq!(
            p.decide(Failure::Fault(FaultKind::UnsupportedOperation), 1),
            Decision::Fix(Fix::Endpoint)
        );
    }

    #[test]
    fn an_untrusted_server_certificate_is_not_retried_but_other_transport_failures_are() {
        let p = RetryPolicy {
            max_attempts: u32::MAX,
            ..RetryPolicy::default()
        };
        for attempt in [1, 2, 1000] {
            assert_eq!(
                p.decide(Failure::Transport(TransportError::Certificate), attempt),
                Decision::Fix(Fix::ServerCertificate)
            );
        }
        for e in [
            TransportError::Dns,
            TransportError::Connect,
            TransportError::Tls,
            TransportError::Timeout,
            TransportError::ConnectionClosed,
            TransportError::InvalidResponse,
        ] {
            assert!(p.decide(Failure::Transport(e), 1).is_retry(), "{e:?}");
        }
    }

    #[test]
    fn backoff_doubles_to_the_cap_and_gives_up() {
        let p = RetryPolicy {
            max_attempts: 4,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(1),
        };
        let f = Failure::Transport(TransportError::Connect);
        assert_eq!(
            p.decide(f, 0),
            Decision::Retry {
                after: Duration::from_millis(500)
            }
        );
        assert_eq!(
            p.decide(f, 2),
            Decision::Retry {
                after: Duration::from_secs(1)
            }
        );
        assert_eq!(
            p.decide(f, 3),
            Decision::Retry {
                after: Duration::from_secs(1)
            }
        );
        assert_eq!(p.decide(f, 4), Decision::GiveUp { attempts: 4 });
        assert_eq!(p.delay(u32::MAX), Duration::from_secs(1));
        let never = RetryPolicy {
            max_attempts: 1,
            ..p
        };
        assert_eq!(never.decide(f, 1), Decision::GiveUp { attempts: 1 });
    }

    #[test]
    fn http_statuses() {
        let cases = [
            (200, Remedy::Retry),
            (301, Remedy::Fix(Fix::Endpoint)),
            (400, Remedy::Fix(Fix::Request)),
            (404, Remedy::Fix(Fix::Endpoint)),
            (408, Remedy::Retry),
            (413, Remedy::Split),
            (415, Remedy::Fix(Fix::Endpoint)),
            (429, Remedy::Retry),
            (500, Remedy::Retry),
            (502, Remedy::Retry),
            (503, Remedy::Retry),
            (504, Remedy::Retry),
            (501, Remedy::Fix(Fix::Endpoint)),
        ];
        for (status, remedy) in cases {
            assert_eq!(Remedy::of_http(status), remedy, "{status}");
        }
    }

    #[test]
    fn jitter_stays_in_the_upper_half() {
        assert_eq!(jitter(Duration::ZERO, 7), Duration::ZERO);
        assert_eq!(jitter(Duration::from_nanos(1), 7), Duration::ZERO);
        assert_eq!(jitter(Duration::from_secs(2), 0), Duration::from_secs(1));
        assert_eq!(
            jitter(Duration::from_secs(2), 1_000_000_000),
            Duration::from_secs(2)
        );
    }
}
