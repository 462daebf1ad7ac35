//! What the registry says about the query as a whole: the query response status (QAK-2, HL7
//! 0208) and the response profile (MSH-21: Z31, Z32, Z33, Z42).

use std::fmt;

/// The query response status (QAK-2, HL7 0208 as the IG constrains it, plus `PD`).
///
/// ```
/// use izmsg::iis::response::QueryStatus;
/// let s = QueryStatus::from_code("tm");
/// assert_eq!(s, QueryStatus::TooMany);
/// assert_eq!(s.code(), "TM");
/// assert_eq!(s.meaning(), Some("Too much data found"));
/// assert_eq!(s.profiles(), ["Z33"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum QueryStatus {
    /// `OK`: data found, one record (Z32, Z42) or a candidate list (Z31).
    Ok,
    /// `NF`: a well-formed query matched nobody. Not an error.
    NotFound,
    /// `TM`: more candidates than RCP-2 or the registry's own maximum allow.
    TooMany,
    /// `AE`: the query had an error (ERR says which), e.g. a required QPD field missing.
    ApplicationError,
    /// `AR`: the query was rejected (ERR says why), e.g. an unsupported query name.
    ApplicationReject,
    /// `PD`: protected data (HL7 v2.9; not in the IG's 1.5 value set, sent by some registries).
    ProtectedData,
    /// Another code, kept as sent.
    Other(String),
    /// No QAK, or an empty QAK-2.
    Missing,
}

impl QueryStatus {
    /// Reads QAK-2 (spaces and ASCII case ignored).
    pub fn from_code(code: &str) -> QueryStatus {
        match code.trim().to_ascii_uppercase().as_str() {
            "" => QueryStatus::Missing,
            "OK" => QueryStatus::Ok,
            "NF" => QueryStatus::NotFound,
            "TM" => QueryStatus::TooMany,
            "AE" => QueryStatus::ApplicationError,
            "AR" => QueryStatus::ApplicationReject,
            "PD" => QueryStatus::ProtectedData,
            _ => QueryStatus::Other(code.trim().to_string()),
        }
    }

    /// The code as written on the wire (empty for [`Missing`](QueryStatus::Missing)).
    pub fn code(&self) -> &str {
        match self {
            QueryStatus::Ok => "OK",
            QueryStatus::NotFound => "NF",
            QueryStatus::TooMany => "TM",
            QueryStatus::ApplicationError => "AE",
            QueryStatus::ApplicationReject => "AR",
            QueryStatus::ProtectedData => "PD",
            QueryStatus::Other(code) => code,
            QueryStatus::Missing => "",
        }
    }

    /// The meaning HL7 0208 gives the code, from the code sets.
    pub fn meaning(&self) -> Option<&'static str> {
        crate::codes::lookup("HL70208", self.code())
    }

    /// What it means for the EHR, in plain words.
    pub fn explanation(&self) -> &'static str {
        match self {
            QueryStatus::Ok => {
                "the registry found data: one patient's record, or candidates to choose from"
            }
            QueryStatus::NotFound => {
                "the registry has no patient matching the query (not an error; check the demographics, or send the patient's doses)"
            }
            QueryStatus::TooMany => {
                "the query matched too many patients: add identifiers or demographics, or accept more candidates (RCP-2)"
            }
            QueryStatus::ApplicationError => {
                "the registry found an error in the query (see its ERR segments): fix the query and send it again"
            }
            QueryStatus::ApplicationReject => {
                "the registry rejected the query (see its ERR segments): check the message type, profile and configuration"
            }
            QueryStatus::ProtectedData => {
                "the record exists but is protected: the registry does not share it"
            }
            QueryStatus::Other(_) => "a query response status the IG does not define",
            QueryStatus::Missing => "the response has no query response status (QAK-2)",
        }
    }

    /// The response profiles that go with the status (IG §4.5).
    pub fn profiles(&self) -> &'static [&'static str] {
        match self {
            QueryStatus::Ok => &["Z31", "Z32", "Z42"],
            QueryStatus::NotFound
            | QueryStatus::TooMany
            | QueryStatus::ApplicationError
            | QueryStatus::ApplicationReject
            | QueryStatus::ProtectedData => &["Z33"],
            QueryStatus::Other(_) | QueryStatus::Missing => &[],
        }
    }
}

impl fmt::Display for QueryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryStatus::Missing => f.write_str("no status"),
            other => f.write_str(other.code()),
        }
    }
}

/// The response profile the registry declares (MSH-21.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ResponseProfile {
    /// Z31: a list of candidate patients.
    Z31,
    /// Z32: one patient's complete history.
    Z32,
    /// Z33: no person records (not found, too many, error).
    Z33,
    /// Z42: evaluated history and forecast.
    Z42,
    /// Another profile identifier, kept as sent.
    Other(String),
    /// No MSH-21.
    Missing,
}

impl ResponseProfile {
    /// Reads MSH-21.1 (spaces and ASCII case ignored).
    pub fn from_code(code: &str) -> ResponseProfile {
        match code.trim().to_ascii_uppercase().as_str() {
            "" => ResponseProfile::Missing,
            "Z31" => ResponseProfile::Z31,
            "Z32" => ResponseProfile::Z32,
            "Z33" => ResponseProfile::Z33,
            "Z42" => ResponseProfile::Z42,
            _ => ResponseProfile::Other(code.trim().to_string()),
        }
    }

    /// The identifier (`Z42`; empty for [`Missing`](ResponseProfile::Missing)).
    pub fn code(&self) -> &str {
        match self {
            ResponseProfile::Z31 => "Z31",
            ResponseProfile::Z32 => "Z32",
            ResponseProfile::Z33 => "Z33",
            ResponseProfile::Z42 => "Z42",
            ResponseProfile::Other(code) => code,
            ResponseProfile::Missing => "",
        }
    }
}

impl fmt::Display for ResponseProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseProfile::Missing => f.write_str("no profile"),
            other => f.write_str(other.code()),
        }
    }
}

/// Why a response holds no patient (a Z33, or any response without a PID).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum NoRecordReason {
    /// Nobody matched (`NF`).
    NotFound,
    /// Too many matched (`TM`).
    TooMany,
    /// The query had an error (`AE`).
    Error,
    /// The query was rejected (`AR`).
    Rejected,
    /// The record is protected (`PD`).
    Protected,
    /// The status does not say (`OK` with no patient, another code, or none).
    Unexplained,
}

impl NoRecordReason {
    /// The reason a status gives for an empty answer.
    pub fn of(status: &QueryStatus) -> NoRecordReason {
        match status {
            QueryStatus::NotFound => NoRecordReason::NotFound,
            QueryStatus::TooMany => NoRecordReason::TooMany,
            QueryStatus::ApplicationError => NoRecordReason::Error,
            QueryStatus::ApplicationReject => NoRecordReason::Rejected,
            QueryStatus::ProtectedData => NoRecordReason::Protected,
            QueryStatus::Ok | QueryStatus::Other(_) | QueryStatus::Missing => {
                NoRecordReason::Unexplained
            }
        }
    }
}

impl fmt::Display for NoRecordReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NoRecordReason::NotFound => "no match",
            NoRecordReason::TooMany => "too many matches",
            NoRecordReason::Error => "error in the query",
            NoRecordReason::Rejected => "query rejected",
            NoRecordReason::Protected => "record protected",
            NoRecordReason::Unexplained => "no record, reason not given",
        })
    }
}
