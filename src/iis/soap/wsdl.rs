//! The two CDC WSDLs and their two operations: namespaces, element names and SOAP actions, written
//! once here and read by the envelope writer, the reader and the HTTP helpers.

use std::fmt;
use std::str::FromStr;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Namespace of the SOAP 1.2 envelope (the only SOAP version of both CDC WSDLs).
pub const SOAP12_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
/// Namespace of the SOAP 1.1 envelope: recognised only to say that it is the wrong version.
pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// Namespace of WS-Addressing 1.0 (headers `Action`, `MessageID`, `To`, `RelatesTo`).
pub const WSA_NS: &str = "http://www.w3.org/2005/08/addressing";
/// Namespace of the CDC WSDL 2011 payload elements.
pub const CDC_2011_NS: &str = "urn:cdc:iisb:2011";
/// Namespace of the CDC WSDL 2014 payload elements (IZ Gateway style).
pub const CDC_2014_NS: &str = "urn:cdc:iisb:2014";
/// Namespace of the IZ Gateway hub's routing header and faults.
pub const HUB_NS: &str = "urn:cdc:iisb:hub:2014";
/// Namespace of XML Schema instance attributes (`xsi:nil`).
pub(crate) const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Which CDC WSDL an envelope follows.
///
/// ```
/// use izmsg::iis::soap::Wsdl;
/// assert_eq!("2014".parse::<Wsdl>(), Ok(Wsdl::Cdc2014));
/// assert_eq!(Wsdl::Cdc2011.namespace(), "urn:cdc:iisb:2011");
/// assert_eq!(Wsdl::Cdc2014.to_string(), "CDC WSDL 2014");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Wsdl {
    /// `urn:cdc:iisb:2011`, the WSDL most registries expose: `connectivityTest`,
    /// `submitSingleMessage`, no addressing headers.
    Cdc2011,
    /// `urn:cdc:iisb:2014`, used by the CDC IZ Gateway: `ConnectivityTest`, `SubmitSingleMessage`,
    /// with WS-Addressing headers.
    Cdc2014,
}

impl Wsdl {
    /// Both versions.
    pub const ALL: [Wsdl; 2] = [Wsdl::Cdc2011, Wsdl::Cdc2014];

    /// The namespace of its payload elements.
    pub fn namespace(self) -> &'static str {
        match self {
            Wsdl::Cdc2011 => CDC_2011_NS,
            Wsdl::Cdc2014 => CDC_2014_NS,
        }
    }

    /// Whether requests carry WS-Addressing headers (`wsa:Action`, `wsa:MessageID`, `wsa:To`).
    pub fn uses_addressing(self) -> bool {
        self == Wsdl::Cdc2014
    }

    /// The version whose namespace this is.
    pub fn from_namespace(ns: &str) -> Option<Wsdl> {
        Wsdl::ALL.into_iter().find(|w| w.namespace() == ns)
    }

    pub(crate) fn names(self) -> &'static Names {
        match self {
            Wsdl::Cdc2011 => &NAMES_2011,
            Wsdl::Cdc2014 => &NAMES_2014,
        }
    }
}

impl fmt::Display for Wsdl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Wsdl::Cdc2011 => "CDC WSDL 2011",
            Wsdl::Cdc2014 => "CDC WSDL 2014",
        })
    }
}

/// The text was neither `2011` nor `2014`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown CDC WSDL version: expected 2011 or 2014")]
pub struct UnknownWsdl;

impl FromStr for Wsdl {
    type Err = UnknownWsdl;

    /// `2011` or `2014` (also the namespaces).
    fn from_str(s: &str) -> Result<Wsdl, UnknownWsdl> {
        match s.trim() {
            "2011" | CDC_2011_NS => Ok(Wsdl::Cdc2011),
            "2014" | CDC_2014_NS => Ok(Wsdl::Cdc2014),
            _ => Err(UnknownWsdl),
        }
    }
}

/// The two operations both WSDLs define.
///
/// ```
/// use izmsg::iis::soap::{Operation, Wsdl};
/// let op = Operation::SubmitSingleMessage;
/// assert_eq!(op.soap_action(Wsdl::Cdc2011), "urn:cdc:iisb:2011:submitSingleMessage");
/// assert_eq!(
///     op.content_type(Wsdl::Cdc2014),
///     "application/soap+xml; charset=utf-8; action=\"urn:cdc:iisb:2014:IISPortType:SubmitSingleMessageRequest\""
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Operation {
    /// A health check: the server echoes a text back. Use it before first use and for monitoring.
    ConnectivityTest,
    /// One HL7 message (a VXU or a QBP) in, its ACK or RSP out, synchronously.
    SubmitSingleMessage,
}

impl Operation {
    /// Both operations.
    pub const ALL: [Operation; 2] = [Operation::ConnectivityTest, Operation::SubmitSingleMessage];

    /// The operation's name in the WSDL.
    pub fn name(self, wsdl: Wsdl) -> &'static str {
        match (wsdl, self) {
            (Wsdl::Cdc2011, Operation::ConnectivityTest) => "connectivityTest",
            (Wsdl::Cdc2011, Operation::SubmitSingleMessage) => "submitSingleMessage",
            (Wsdl::Cdc2014, Operation::ConnectivityTest) => "ConnectivityTest",
            (Wsdl::Cdc2014, Operation::SubmitSingleMessage) => "SubmitSingleMessage",
        }
    }

    /// The input's SOAP action: the `action` parameter of the content type (and the `SOAPAction`
    /// header, for stacks that still look at it), and `wsa:Action` in the 2014 WSDL.
    pub fn soap_action(self, wsdl: Wsdl) -> &'static str {
        match (wsdl, self) {
            (Wsdl::Cdc2011, Operation::ConnectivityTest) => "urn:cdc:iisb:2011:connectivityTest",
            (Wsdl::Cdc2011, Operation::SubmitSingleMessage) => {
                "urn:cdc:iisb:2011:submitSingleMessage"
            }
            (Wsdl::Cdc2014, Operation::ConnectivityTest) => {
                "urn:cdc:iisb:2014:IISPortType:ConnectivityTestRequest"
            }
            (Wsdl::Cdc2014, Operation::SubmitSingleMessage) => {
                "urn:cdc:iisb:2014:IISPortType:SubmitSingleMessageRequest"
            }
        }
    }

    /// The output's action (`wsa:Action` of the response).
    pub fn response_action(self, wsdl: Wsdl) -> &'static str {
        match (wsdl, self) {
            (Wsdl::Cdc2011, Operation::ConnectivityTest) => {
                "urn:cdc:iisb:2011:connectivityTestResponse"
            }
            (Wsdl::Cdc2011, Operation::SubmitSingleMessage) => {
                "urn:cdc:iisb:2011:submitSingleMessageResponse"
            }
            (Wsdl::Cdc2014, Operation::ConnectivityTest) => {
                "urn:cdc:iisb:2014:IISPortType:ConnectivityTestResponse"
            }
            (Wsdl::Cdc2014, Operation::SubmitSingleMessage) => {
                "urn:cdc:iisb:2014:IISPortType:SubmitSingleMessageResponse"
            }
        }
    }

    /// The action of a fault answered to this operation: in the 2014 WSDL
    /// `urn:cdc:iisb:2014:IISPortType:<Operation>:Fault:<FaultName>`; the 2011 WSDL uses the
    /// WS-Addressing fault action.
    pub fn fault_action(self, wsdl: Wsdl, fault_name: &str) -> String {
        match wsdl {
            Wsdl::Cdc2011 => "http://www.w3.org/2005/08/addressing/soap/fault".to_string(),
            Wsdl::Cdc2014 => format!(
                "urn:cdc:iisb:2014:IISPortType:{}:Fault:{fault_name}",
                self.name(wsdl)
            ),
        }
    }

    /// The HTTP `Content-Type` of a request: `application/soap+xml; charset=utf-8;
    /// action="<soap action>"` (SOAP 1.2 carries the action here).
    pub fn content_type(self, wsdl: Wsdl) -> String {
        format!(
            "application/soap+xml; charset=utf-8; action=\"{}\"",
            self.soap_action(wsdl)
        )
    }

    /// The operation whose request or response action this is, in either WSDL.
    ///
    /// ```
    /// use izmsg::iis::soap::{Operation, Wsdl};
    /// assert_eq!(
    ///     Operation::from_action("urn:cdc:iisb:2011:connectivityTest"),
    ///     Some((Wsdl::Cdc2011, Operation::ConnectivityTest))
    /// );
    /// ```
    pub fn from_action(action: &str) -> Option<(Wsdl, Operation)> {
        let action = action.trim().trim_matches('"');
        Wsdl::ALL.into_iter().find_map(|w| {
            Operation::ALL
                .into_iter()
                .find(|op| op.soap_action(w) == action || op.response_action(w) == action)
                .map(|op| (w, op))
        })
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Operation::ConnectivityTest => "connectivity test",
            Operation::SubmitSingleMessage => "submit single message",
        })
    }
}

/// Element names of one WSDL.
pub(crate) struct Names {
    pub connectivity_request: &'static str,
    pub echo_request: &'static str,
    pub connectivity_response: &'static str,
    pub echo_response: &'static str,
    pub submit_request: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub facility_id: &'static str,
    pub hl7_request: &'static str,
    pub submit_response: &'static str,
    pub hl7_response: &'static str,
}

static NAMES_2011: Names = Names {
    connectivity_request: "connectivityTest",
    echo_request: "echoBack",
    connectivity_response: "connectivityTestResponse",
    echo_response: "return",
    submit_request: "submitSingleMessage",
    username: "username",
    password: "password",
    facility_id: "facilityID",
    hl7_request: "hl7Message",
    submit_response: "submitSingleMessageResponse",
    hl7_response: "return",
};

static NAMES_2014: Names = Names {
    connectivity_request: "ConnectivityTestRequest",
    echo_request: "EchoBack",
    connectivity_response: "ConnectivityTestResponse",
    echo_response: "EchoBack",
    submit_request: "SubmitSingleMessageRequest",
    username: "Username",
    password: "Password",
    facility_id: "FacilityID",
    hl7_request: "Hl7Message",
    submit_response: "SubmitSingleMessageResponse",
    hl7_response: "Hl7Message",
};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn actions_name_one_operation_each() {
        for w in Wsdl::ALL {
            for op in Operation::ALL {
                assert_eq!(Operation::from_action(op.soap_action(w)), Some((w, op)));
                assert_eq!(Operation::from_action(op.response_action(w)), Some((w, op)));
            }
        }
        assert_eq!(Operation::from_action("urn:other"), None);
    }

    #[test]
    fn fault_action_of_2014_names_operation_and_fault() {
        assert_eq!(
            Operation::SubmitSingleMessage.fault_action(Wsdl::Cdc2014, "SecurityFault"),
            "urn:cdc:iisb:2014:IISPortType:SubmitSingleMessage:Fault:SecurityFault"
        );
    }
}
