//! Asking a registry for a patient's record: a QBP^Q11 with profile Z34 (request immunization
//! history, answered by a Z32 history, a Z31 candidate list or a Z33 no-match) or Z44 (request
//! evaluated history and forecast, answered by a Z42 or a Z33).
//!
//! [`QueryBuilder`] takes what the IG requires as constructor arguments (the profile, the control
//! ID, when the query was made, the chart's patient) and writes the rest itself:
//!
//! * MSH-9 `QBP^Q11^QBP_Q11`, MSH-7 from the given time (seconds and zone), MSH-11 `P` unless set,
//!   MSH-12 `2.5.1`, MSH-15/16 `ER`/`AL`, MSH-21 `Z34^CDCPHINVS` or `Z44^CDCPHINVS`;
//! * QPD-1 the query name from HL7 0471 (`Z34^Request Immunization History^CDCPHINVS`,
//!   `Z44^Request Evaluated History and Forecast^CDCPHINVS`); QPD-2 the query tag (the control ID
//!   unless [`query_tag`](QueryBuilder::query_tag) sets another; the registry echoes it in QAK-1);
//! * QPD-3 to QPD-11 from the [`Patient`]: every identifier (the EHR's `MR`, the registry's `SR`
//!   ...), the legal name, the mother's maiden name (type `M`), the birth date (day precision), the
//!   sex, the home address (else the first), the home telephone (else the first number), the multiple
//!   birth indicator and the birth order. Every one is RE: the IG asks for all that is known;
//! * RCP-1 `I` (immediate), RCP-2 the most candidates accepted (`10^RD&records&HL70126` unless
//!   [`quantity_limit`](QueryBuilder::quantity_limit) sets another), RCP-3 the response modality
//!   when set.
//!
//! [`build`](QueryBuilder::build) refuses ([`QueryError`]) a query no registry could answer: one
//! whose patient has neither an identifier nor a name with a birth date, an empty control ID or
//! tag, a tag longer than QPD-2 allows, a limit of zero.
//!
//! ```
//! use chrono::{DateTime, NaiveDate};
//! use izmsg::iis::query::{QueryBuilder, QueryProfile};
//! use izmsg::model::domain::*;
//!
//! let patient = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane").with_middle("Ann"),
//!     NaiveDate::from_ymd_opt(2023, 8, 1).unwrap(), Sex::Female)
//!     .with_mothers_maiden_name(PersonName::maiden("Smith").with_given("Mary"))
//!     .with_address(Address::home("1 Main St", "Augusta", "ME", "04330").with_country("USA"));
//! let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
//! let bytes = QueryBuilder::new(QueryProfile::Z34, "Q0001", sent, patient)
//!     .query_tag("TAG0001")
//!     .sender("MYEHR", "MYCLINIC")
//!     .receiver("MYIIS", "MYIIS")
//!     .quantity_limit(5)
//!     .encode()?;
//! assert_eq!(String::from_utf8(bytes).unwrap(), "\
//! MSH|^~\\&|MYEHR|MYCLINIC|MYIIS|MYIIS|20240105101530-0500||QBP^Q11^QBP_Q11|Q0001|P|2.5.1|||ER|AL|||||Z34^CDCPHINVS\r\
//! QPD|Z34^Request Immunization History^CDCPHINVS|TAG0001|12345^^^MYEHR^MR|Doe^Jane^Ann^^^^L|Smith^Mary^^^^^M|20230801|F|1 Main St^^Augusta^ME^04330^USA^H\r\
//! RCP|I|5^RD&records&HL70126\r");
//! # Ok::<(), izmsg::iis::query::QueryError>(())
//! ```

use std::fmt;

use chrono::{DateTime, FixedOffset};

use crate::model::domain::{
    AddressType, Coded, Namespace, Patient, PersonName, ProcessingId, Telecom, TelecomEquipment,
    TelecomUse, Timestamp,
};
use crate::model::message::{Message, MissingParts, Qbp};
use crate::model::segments::{Msh, Qpd, Rcp};
use crate::model::types::{Cq, Id, Is, Nm, Precision, St};

use super::text::into;

/// The two query profiles of the IG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum QueryProfile {
    /// Request immunization history: the registry answers with the complete history (Z32), a list
    /// of candidates (Z31) or no record (Z33).
    Z34,
    /// Request evaluated history and forecast: the registry answers with the history, each dose
    /// evaluated, and a forecast per vaccine group (Z42), or no record (Z33).
    Z44,
}

impl QueryProfile {
    /// The profile identifier (`Z34`, `Z44`), as MSH-21.1 and QPD-1.1 write it.
    pub fn code(self) -> &'static str {
        match self {
            QueryProfile::Z34 => "Z34",
            QueryProfile::Z44 => "Z44",
        }
    }

    /// Reads `Z34` or `Z44` (spaces and ASCII case ignored).
    pub fn from_code(code: &str) -> Option<QueryProfile> {
        match code.trim() {
            c if c.eq_ignore_ascii_case("Z34") => Some(QueryProfile::Z34),
            c if c.eq_ignore_ascii_case("Z44") => Some(QueryProfile::Z44),
            _ => None,
        }
    }

    /// The query name of QPD-1, from HL7 0471 in the code sets
    /// (`Z44^Request Evaluated History and Forecast^CDCPHINVS`).
    pub fn query_name(self) -> Coded {
        Coded::from_value_set("HL70471", self.code())
    }
}

impl fmt::Display for QueryProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How the registry should answer (RCP-3, HL7 0394).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ResponseModality {
    /// Real time (`R`): the answer comes back on the same connection.
    RealTime,
    /// Batch (`B`).
    Batch,
}

impl ResponseModality {
    /// The HL7 0394 code.
    pub fn code(self) -> &'static str {
        match self {
            ResponseModality::RealTime => "R",
            ResponseModality::Batch => "B",
        }
    }
}

/// Why a query was not built. Its `Display` names the problem, never a patient value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// MSH-10 is empty.
    #[error("MSH-10: the control ID is empty; every message needs its own")]
    EmptyControlId,
    /// QPD-2 is empty.
    #[error(
        "QPD-2: the query tag is empty; the registry echoes it in QAK-1 to say which query it answers"
    )]
    EmptyQueryTag,
    /// QPD-2 is longer than the 32 characters the IG allows.
    #[error("QPD-2: the query tag has {length} characters, more than the 32 the IG allows")]
    QueryTagTooLong {
        /// How many characters it has.
        length: usize,
    },
    /// RCP-2 is zero.
    #[error("RCP-2: the quantity limit is zero; it must be a positive number of records (IZ-1)")]
    ZeroQuantityLimit,
    /// The patient has neither an identifier nor a family name, given name and birth date.
    #[error(
        "QPD-3 to QPD-6: the patient has neither an identifier nor a family name, given name and birth date; a registry cannot match such a query"
    )]
    NotEnoughToMatch,
    /// The built message lacks a part its structure requires (a bug if it ever happens).
    #[error("{0}")]
    Missing(#[from] MissingParts),
}

/// The default of RCP-2: at most this many candidates.
pub const DEFAULT_QUANTITY_LIMIT: u32 = 10;

/// QPD-2 is at most this long.
const MAX_QUERY_TAG: usize = 32;

/// Builds a QBP^Q11 (Z34 or Z44) from the chart's patient. See the [module](self) for what it
/// writes.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until built"]
pub struct QueryBuilder {
    profile: QueryProfile,
    control_id: String,
    sent_at: DateTime<FixedOffset>,
    patient: Patient,
    query_tag: Option<String>,
    sending_application: Option<Namespace>,
    sending_facility: Option<Namespace>,
    receiving_application: Option<Namespace>,
    receiving_facility: Option<Namespace>,
    processing: ProcessingId,
    quantity_limit: u32,
    modality: Option<ResponseModality>,
    last_updated: Option<(Timestamp, Option<Namespace>)>,
}

impl QueryBuilder {
    /// Starts a query: its profile, control ID (MSH-10, unique per message; the response's MSA-2
    /// echoes it), when it was made (MSH-7, with the sender's offset) and the chart's patient.
    pub fn new(
        profile: QueryProfile,
        control_id: impl Into<String>,
        sent_at: DateTime<FixedOffset>,
        patient: Patient,
    ) -> QueryBuilder {
        QueryBuilder {
            profile,
            control_id: control_id.into(),
            sent_at,
            patient,
            query_tag: None,
            sending_application: None,
            sending_facility: None,
            receiving_application: None,
            receiving_facility: None,
            processing: ProcessingId::Production,
            quantity_limit: DEFAULT_QUANTITY_LIMIT,
            modality: None,
            last_updated: None,
        }
    }

    /// The query tag (QPD-2, at most 32 characters, unique per query); the control ID unless set.
    pub fn query_tag(mut self, tag: impl Into<String>) -> QueryBuilder {
        self.query_tag = Some(tag.into());
        self
    }

    /// The sending application and facility (MSH-3, MSH-4).
    pub fn sender(
        mut self,
        application: impl Into<Namespace>,
        facility: impl Into<Namespace>,
    ) -> QueryBuilder {
        self.sending_application = Some(application.into());
        self.sending_facility = Some(facility.into());
        self
    }

    /// The receiving application and facility (MSH-5, MSH-6).
    pub fn receiver(
        mut self,
        application: impl Into<Namespace>,
        facility: impl Into<Namespace>,
    ) -> QueryBuilder {
        self.receiving_application = Some(application.into());
        self.receiving_facility = Some(facility.into());
        self
    }

    /// The processing ID (MSH-11; production unless set).
    pub fn processing(mut self, processing: ProcessingId) -> QueryBuilder {
        self.processing = processing;
        self
    }

    /// The most candidates the EHR accepts in a Z31 list (RCP-2; [`DEFAULT_QUANTITY_LIMIT`] unless
    /// set). More matches than this come back as a Z33 "too many".
    pub fn quantity_limit(mut self, records: u32) -> QueryBuilder {
        self.quantity_limit = records;
        self
    }

    /// How the registry should answer (RCP-3).
    pub fn response_modality(mut self, modality: ResponseModality) -> QueryBuilder {
        self.modality = Some(modality);
        self
    }

    /// When and where the EHR last updated the patient (QPD-12, QPD-13).
    pub fn last_updated(
        mut self,
        date: impl Into<Timestamp>,
        facility: Option<Namespace>,
    ) -> QueryBuilder {
        self.last_updated = Some((date.into(), facility));
        self
    }

    /// The query, or why it cannot be sent.
    pub fn build(self) -> Result<Qbp, QueryError> {
        if self.control_id.trim().is_empty() {
            return Err(QueryError::EmptyControlId);
        }
        let tag = self.query_tag.as_deref().unwrap_or(&self.control_id);
        if tag.trim().is_empty() {
            return Err(QueryError::EmptyQueryTag);
        }
        let length = tag.chars().count();
        if length > MAX_QUERY_TAG {
            return Err(QueryError::QueryTagTooLong { length });
        }
        if self.quantity_limit == 0 {
            return Err(QueryError::ZeroQuantityLimit);
        }
        if !enough_to_match(&self.patient) {
            return Err(QueryError::NotEnoughToMatch);
        }
        Ok(Qbp {
            msh: self.msh(),
            qpd: Some(self.qpd(tag)),
            rcp: Some(self.rcp()),
            ..Qbp::default()
        })
    }

    /// The query as a [`Message`].
    pub fn build_message(self) -> Result<Message, QueryError> {
        Ok(Message::Qbp(Box::new(self.build()?)))
    }

    /// The query as ER7 bytes (CR segment terminators).
    pub fn encode(self) -> Result<Vec<u8>, QueryError> {
        Ok(self.build_message()?.try_encode()?)
    }

    fn msh(&self) -> Msh {
        crate::model::domain::MshHeader {
            sending_application: self.sending_application.as_ref(),
            sending_facility: self.sending_facility.as_ref(),
            receiving_application: self.receiving_application.as_ref(),
            receiving_facility: self.receiving_facility.as_ref(),
            sent_at: &self.sent_at,
            control_id: &self.control_id,
            processing: &self.processing,
        }
        .msh(["QBP", "Q11", "QBP_Q11"], self.profile.code())
    }

    fn qpd(&self, tag: &str) -> Qpd {
        let p = &self.patient;
        let multiple = p.multiple_birth;
        Qpd {
            message_query_name: Some(into(self.profile.query_name().to_cwe())),
            query_tag: Some(St::from(tag)),
            patient_list: p
                .identifiers
                .iter()
                .filter(|i| !i.id.trim().is_empty())
                .map(|i| i.to_cx())
                .collect(),
            patient_name: p.legal_name().map(|n| into(n.to_xpn())),
            mothers_maiden_name: p.mothers_maiden_name.as_ref().map(|n| {
                let maiden = n.clone().with_type(crate::model::domain::NameType::Maiden);
                into(maiden.to_xpn())
            }),
            patient_date_of_birth: p.birth.map(|b| into(day_at_most(b).to_ts())),
            patient_sex: p.sex.as_ref().map(|s| Is::from(s.code())),
            patient_address: p
                .addresses
                .iter()
                .find(|a| a.address_type == Some(AddressType::Home))
                .or_else(|| p.addresses.first())
                .map(|a| into(a.to_xad())),
            patient_phone: phone(&p.telecoms).map(|t| into(t.to_xtn())),
            multiple_birth_indicator: multiple.map(|m| Id::from(if m { "Y" } else { "N" })),
            birth_order: p
                .birth_order
                .filter(|_| multiple != Some(false))
                .map(|n| Nm::from(n.to_string())),
            client_last_updated_date: self
                .last_updated
                .as_ref()
                .map(|(d, _)| into(day_at_most(*d).to_ts())),
            client_last_updated_facility: self
                .last_updated
                .as_ref()
                .and_then(|(_, f)| f.as_ref())
                .map(|f| into(f.to_hd())),
            ..Qpd::default()
        }
    }

    fn rcp(&self) -> Rcp {
        let records = Coded::from_value_set("HL70126", "RD");
        Rcp {
            query_priority: Some(Id::from("I")),
            quantity_limited_request: Some(into(Cq {
                quantity: Nm::from(self.quantity_limit.to_string()),
                units: Some(Box::new(records.to_cwe())),
                ..Cq::default()
            })),
            response_modality: self
                .modality
                .map(|m| into(Coded::from_value_set("HL70394", m.code()).to_cwe())),
            ..Rcp::default()
        }
    }
}

/// The IG writes QPD-6 and QPD-12 at day precision: a time is dropped, a coarser date kept as is.
fn day_at_most(t: Timestamp) -> Timestamp {
    if t.precision > Precision::Day {
        t.day()
    } else {
        t
    }
}

/// The home telephone (`PRN`, `PH`) with a number, else another `PRN` number (a cell phone), else
/// the first number; email addresses are not phones.
fn phone(telecoms: &[Telecom]) -> Option<&Telecom> {
    let numbers = || {
        telecoms.iter().filter(|t| {
            t.local_number
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty())
        })
    };
    let home = |t: &&Telecom| t.use_code == Some(TelecomUse::PrimaryResidence);
    numbers()
        .filter(home)
        .find(|t| t.equipment == Some(TelecomEquipment::Telephone))
        .or_else(|| numbers().find(home))
        .or_else(|| numbers().next())
}

/// An identifier, or a family name, given name and birth date: what registries need at the least.
fn enough_to_match(p: &Patient) -> bool {
    let has_id = p.identifiers.iter().any(|i| !i.id.trim().is_empty());
    let named = p.legal_name().is_some_and(|n: &PersonName| {
        !n.family.trim().is_empty() && n.given.as_deref().is_some_and(|g| !g.trim().is_empty())
    });
    has_id || (named && p.birth.is_some())
}
