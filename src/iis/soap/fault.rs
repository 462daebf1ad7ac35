//! SOAP faults of the CDC WSDLs and the IZ Gateway hub, typed, each with what to do next.
//!
//! A CDC fault is a SOAP 1.2 `Fault` whose `Detail` holds one typed element (`SecurityFault`,
//! `MessageTooLargeFault` ...) with `Code`, `Reason` and `Detail` children. The numeric `Code` is not
//! standardised (registries and the IZ Gateway each use their own numbers), so the kind is read from
//! the detail element's name, or failing that from its fixed `Reason`; never from the number.

use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::iis::retry::Remedy;

/// Which fault it is.
///
/// ```
/// use izmsg::iis::soap::FaultKind;
/// use izmsg::iis::retry::{Fix, Remedy};
/// assert_eq!(FaultKind::Security.remedy(), Remedy::Fix(Fix::Credentials));
/// assert_eq!(FaultKind::MessageTooLarge.remedy(), Remedy::Split);
/// assert_eq!(FaultKind::Unknown.remedy(), Remedy::Retry);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum FaultKind {
    /// `UnknownFault` (detail element `fault`): any unexpected server error. The message may or may
    /// not have been processed: retry with backoff (registries de-duplicate).
    Unknown,
    /// `UnsupportedOperationFault`: the body was neither operation the server knows: a client bug or
    /// the wrong endpoint / WSDL version (a 2011 request sent to a 2014 endpoint, say).
    UnsupportedOperation,
    /// `SecurityFault`: bad or missing user name, password, facility or certificate. Never retried
    /// automatically: some registries lock the account after a few failed log-ins.
    Security,
    /// `MessageTooLargeFault`: more than one HL7 message in the call, or over the server's size limit:
    /// split into single messages or shrink, do not resend as is.
    MessageTooLarge,
    /// IZ Gateway `DestinationConnectionFault`: the hub could not reach the destination registry.
    /// Transient: retry with backoff.
    DestinationConnection,
    /// IZ Gateway `HubClientFault`: the hub's call to the destination failed on the destination's
    /// side. Retry with backoff.
    HubClient,
    /// IZ Gateway `UnknownDestinationFault`: the hub knows no destination by that id: fix the
    /// destination in the configuration.
    UnknownDestination,
    /// A SOAP fault without a CDC detail (the server's SOAP stack refused the envelope): what to do
    /// follows from its SOAP code.
    Untyped(SoapCode),
}

impl FaultKind {
    /// The typed kinds (all but [`FaultKind::Untyped`]).
    pub const TYPED: [FaultKind; 7] = [
        FaultKind::Unknown,
        FaultKind::UnsupportedOperation,
        FaultKind::Security,
        FaultKind::MessageTooLarge,
        FaultKind::DestinationConnection,
        FaultKind::HubClient,
        FaultKind::UnknownDestination,
    ];

    /// The fault's name in the WSDL (`SecurityFault` ...); `Fault` for an untyped one.
    pub fn element(self) -> &'static str {
        match self {
            FaultKind::Unknown => "UnknownFault",
            FaultKind::UnsupportedOperation => "UnsupportedOperationFault",
            FaultKind::Security => "SecurityFault",
            FaultKind::MessageTooLarge => "MessageTooLargeFault",
            FaultKind::DestinationConnection => "DestinationConnectionFault",
            FaultKind::HubClient => "HubClientFault",
            FaultKind::UnknownDestination => "UnknownDestinationFault",
            FaultKind::Untyped(_) => "Fault",
        }
    }

    /// The name of the element inside `Detail` (`fault` for the unknown fault, as the 2011 schema has
    /// it); `None` for an untyped fault.
    pub(crate) fn detail_element(self) -> Option<&'static str> {
        match self {
            FaultKind::Unknown => Some("fault"),
            FaultKind::Untyped(_) => None,
            k => Some(k.element()),
        }
    }

    /// Whether the detail element is in the hub's namespace rather than the WSDL's.
    pub(crate) fn is_hub(self) -> bool {
        matches!(
            self,
            FaultKind::DestinationConnection | FaultKind::HubClient | FaultKind::UnknownDestination
        )
    }

    /// The kind named by a detail element (any namespace: servers differ).
    pub(crate) fn from_detail_element(local: &str) -> Option<FaultKind> {
        match local {
            "fault" | "UnknownFault" => Some(FaultKind::Unknown),
            _ => FaultKind::TYPED.into_iter().find(|k| k.element() == local),
        }
    }

    /// The kind named by a detail's fixed `Reason` (`Security`, `MessageTooLarge`,
    /// `UnsupportedOperation`).
    pub(crate) fn from_fixed_reason(reason: &str) -> Option<FaultKind> {
        match reason.trim() {
            "Security" => Some(FaultKind::Security),
            "MessageTooLarge" => Some(FaultKind::MessageTooLarge),
            "UnsupportedOperation" => Some(FaultKind::UnsupportedOperation),
            _ => None,
        }
    }

    /// The fixed `Reason` of the detail, where the WSDL fixes one.
    pub(crate) fn fixed_reason(self) -> Option<&'static str> {
        match self {
            FaultKind::Security => Some("Security"),
            FaultKind::MessageTooLarge => Some("MessageTooLarge"),
            FaultKind::UnsupportedOperation => Some("UnsupportedOperation"),
            _ => None,
        }
    }

    /// The SOAP code a server gives this fault: `Sender` when the request is at fault, `Receiver` when
    /// the server is.
    pub fn soap_code(self) -> SoapCode {
        match self {
            FaultKind::UnsupportedOperation
            | FaultKind::Security
            | FaultKind::MessageTooLarge
            | FaultKind::UnknownDestination => SoapCode::Sender,
            FaultKind::Unknown | FaultKind::DestinationConnection | FaultKind::HubClient => {
                SoapCode::Receiver
            }
            FaultKind::Untyped(code) => code,
        }
    }

    /// The numeric detail code a test double uses by default: those of the NIST test cases and AIRA's
    /// test servers for the CDC faults (Security 10, MessageTooLarge 1313, UnsupportedOperation
    /// 8675309, Unknown 54353). Clients must not key on it.
    pub fn default_code(self) -> Option<u64> {
        match self {
            FaultKind::Security => Some(10),
            FaultKind::MessageTooLarge => Some(1313),
            FaultKind::UnsupportedOperation => Some(8_675_309),
            FaultKind::Unknown => Some(54_353),
            _ => None,
        }
    }

    /// What to do about it (see [`retry`](crate::iis::retry) for the whole table).
    pub fn remedy(self) -> Remedy {
        Remedy::of_fault(self)
    }
}

/// The SOAP 1.2 fault code (`Fault/Code/Value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum SoapCode {
    /// The envelope is not SOAP 1.2.
    VersionMismatch,
    /// A header marked `mustUnderstand` was not understood.
    MustUnderstand,
    /// The data encoding is not known.
    DataEncodingUnknown,
    /// The request is at fault (SOAP 1.1 `Client`).
    Sender,
    /// The server is at fault (SOAP 1.1 `Server`; also any value SOAP does not define).
    Receiver,
}

impl SoapCode {
    /// The code's value (`Sender` ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SoapCode::VersionMismatch => "VersionMismatch",
            SoapCode::MustUnderstand => "MustUnderstand",
            SoapCode::DataEncodingUnknown => "DataEncodingUnknown",
            SoapCode::Sender => "Sender",
            SoapCode::Receiver => "Receiver",
        }
    }

    /// Reads a code's value, with or without its prefix (`env:Sender`); SOAP 1.1's `Client` and
    /// `Server` read as `Sender` and `Receiver`, and anything else as `Receiver`.
    pub fn from_value(value: &str) -> SoapCode {
        let local = value.trim().rsplit(':').next().unwrap_or("");
        match local {
            "VersionMismatch" => SoapCode::VersionMismatch,
            "MustUnderstand" => SoapCode::MustUnderstand,
            "DataEncodingUnknown" => SoapCode::DataEncodingUnknown,
            "Sender" | "Client" => SoapCode::Sender,
            _ => SoapCode::Receiver,
        }
    }

    /// The HTTP status that carries a fault with this code (SOAP 1.2 HTTP binding: 400 for `Sender`,
    /// 500 otherwise).
    pub fn http_status(self) -> u16 {
        match self {
            SoapCode::Sender => 400,
            _ => 500,
        }
    }
}

/// A SOAP fault.
///
/// Its `Display` says which fault and what to do, never the server's free texts (they may echo what was
/// sent); those are in [`reason`](Fault::reason) and [`detail`](Fault::detail).
///
/// ```
/// use izmsg::iis::soap::{Fault, FaultKind, SoapCode};
/// let f = Fault::security("Invalid Username or Password");
/// assert_eq!((f.kind, f.code), (FaultKind::Security, SoapCode::Sender));
/// assert_eq!(f.detail.code.as_deref(), Some("10"));
/// assert_eq!(
///     f.to_string(),
///     "SecurityFault (SOAP Sender, code 10): stop and fix the credentials (user name, password, facility ID or certificate); never retry automatically: the account may lock"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Fault {
    /// Which fault.
    pub kind: FaultKind,
    /// The SOAP code.
    pub code: SoapCode,
    /// The SOAP `Reason` text (the first, if there are several languages).
    pub reason: String,
    /// The CDC detail element's children (boxed, so that a `Result` with a fault stays small).
    pub detail: Box<FaultDetail>,
}

/// The children of a CDC fault's detail element. All optional: servers fill in what they like.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FaultDetail {
    /// `Code`: a number, not standardised.
    pub code: Option<String>,
    /// `Reason`: fixed per fault (`Security` ...) or free text for the unknown fault.
    pub reason: Option<String>,
    /// `Detail`: free text.
    pub text: Option<String>,
    /// `Size` (2014 `MessageTooLargeFault`): the size of what was sent.
    pub size: Option<u64>,
    /// `MaxSize` (2014 `MessageTooLargeFault`): the most the server accepts.
    pub max_size: Option<u64>,
    /// `DestinationId` (hub faults): the destination the hub was asked for.
    pub destination_id: Option<String>,
}

impl Fault {
    /// A fault of this kind, as a server sends it: its SOAP code, `reason` as the SOAP reason and the
    /// detail's text, the default detail code and the fixed detail reason.
    pub fn new(kind: FaultKind, reason: impl Into<String>) -> Fault {
        let reason = reason.into();
        Fault {
            kind,
            code: kind.soap_code(),
            detail: Box::new(FaultDetail {
                code: kind.default_code().map(|c| c.to_string()),
                reason: kind
                    .fixed_reason()
                    .map(str::to_string)
                    .or_else(|| Some(reason.clone())),
                text: Some(reason.clone()),
                ..FaultDetail::default()
            }),
            reason,
        }
    }

    /// A `SecurityFault`.
    pub fn security(reason: impl Into<String>) -> Fault {
        Fault::new(FaultKind::Security, reason)
    }

    /// A `MessageTooLargeFault` for `size` bytes (or messages) over `max`.
    pub fn message_too_large(size: u64, max: u64) -> Fault {
        let mut f = Fault::new(
            FaultKind::MessageTooLarge,
            format!("Message too large: {size} over the limit of {max}"),
        );
        f.detail.size = Some(size);
        f.detail.max_size = Some(max);
        f
    }

    /// An `UnsupportedOperationFault`.
    pub fn unsupported_operation(reason: impl Into<String>) -> Fault {
        Fault::new(FaultKind::UnsupportedOperation, reason)
    }

    /// An `UnknownFault`.
    pub fn unknown(reason: impl Into<String>) -> Fault {
        Fault::new(FaultKind::Unknown, reason)
    }

    /// What to do about it.
    pub fn remedy(&self) -> Remedy {
        self.kind.remedy()
    }

    /// The HTTP status a server sends it with.
    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (SOAP {}", self.kind.element(), self.code.as_str())?;
        // Only a number is shown: a non-numeric code is free text.
        if let Some(code) = self
            .detail
            .code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty() && c.len() <= 20 && c.bytes().all(|b| b.is_ascii_digit()))
        {
            write!(f, ", code {code}")?;
        }
        write!(f, "): {}", self.remedy())
    }
}

impl std::error::Error for Fault {}
