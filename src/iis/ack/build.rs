//! Building an acknowledgement (profile Z23) from a received message and its validation report, as
//! acks.md §2 describes: for registries, test doubles and tests.

use chrono::{DateTime, FixedOffset};

use crate::model::segments::{ErrSegment, Msa, Msh};
use crate::model::types::{Dtm, Ei, Id, Is, Msg, St, Ts, Vid};
use crate::model::{Ack, Message};
use crate::validate::{Issue, Report, Severity};

/// What MSA-1 says when the worst finding is a warning: registries differ (acks.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum WarningsAnswer {
    /// `AA`, as the IG's own example answers a warning.
    #[default]
    Accept,
    /// `AE`, as AIRA's reference registry and MQE do.
    Error,
}

/// Builds ACKs.
///
/// * **MSH** answers the received one: sending and receiving application and facility swapped (and
///   the responsible organizations, MSH-22/23), MSH-7 the time given, MSH-9 `ACK^V04^ACK`
///   (`ACK^Q11^ACK` when the received message is a query: an ACK answers a query only to reject
///   it), MSH-10 the caller's control ID, MSH-11 echoed, MSH-12 `2.5.1`, MSH-15/16 `NE`, MSH-21
///   `Z23^CDCPHINVS`.
/// * **MSA-1**: `AR` when an error is an initial-check failure (HL7 0357 codes 200-203) or the
///   registry's own failure (207); else `AE` when any issue is an error; else, with warnings, `AA`
///   or `AE` as [`WarningsAnswer`] says; else `AA`. **MSA-2** the received MSH-10, or `MSH-10 NOT
///   VALUED`.
/// * **ERR**: one per issue ([`Issue::to_err`]), errors first, then warnings, then information, each
///   kept in the report's order. The issue's rule id goes in ERR-5's alternate triplet with coding
///   system `L`, as AIRA's tools carry their detection codes, so a reader gets it back.
///
/// ```
/// use izmsg::iis::ack::{Acknowledgement, AckBuilder, AckPolicy, Outcome};
/// use izmsg::validate::Validator;
/// let vxu = izmsg::model::decode(b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315120000-0500||VXU^V04^VXU_V04|MSG1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
/// PID|1||PAT-1^^^EHR^MR||Doe^Jane^^^^^L||20230110|F\r").unwrap();
/// let report = Validator::cdc().at_date(2024, 3, 16).validate(&vxu);
/// let at = chrono::DateTime::parse_from_rfc3339("2024-03-15T12:00:05-05:00").unwrap();
/// let ack = AckBuilder::new("ACK-1", at).build(&vxu.message, &report);
/// assert_eq!(ack.msa.as_ref().unwrap().message_control_id.as_ref().unwrap().as_str(), "MSG1");
/// let read = Acknowledgement::of_ack(&ack, &AckPolicy::default());
/// assert_eq!(read.issues.len(), report.issues.len());
/// ```
#[derive(Debug, Clone)]
pub struct AckBuilder {
    control_id: String,
    at: DateTime<FixedOffset>,
    warnings: WarningsAnswer,
}

/// What MSA-2 says when the received message had no MSH-10 (the literal AIRA's reference registry
/// uses).
pub const CONTROL_ID_NOT_VALUED: &str = "MSH-10 NOT VALUED";

impl AckBuilder {
    /// A builder for an ACK with control ID `control_id`, sent at `at`.
    pub fn new(control_id: impl Into<String>, at: DateTime<FixedOffset>) -> AckBuilder {
        AckBuilder {
            control_id: control_id.into(),
            at,
            warnings: WarningsAnswer::default(),
        }
    }

    /// With MSA-1 for warnings only.
    pub fn warnings_answer(mut self, answer: WarningsAnswer) -> AckBuilder {
        self.warnings = answer;
        self
    }

    /// MSA-1 for a report: `AA`, `AE` or `AR`.
    pub fn acknowledgment_code(&self, report: &Report) -> &'static str {
        let initial = report.errors().any(|i| {
            i.hl7_code.is_initial_check()
                || i.hl7_code == crate::validate::Hl7ErrorCode::APPLICATION_INTERNAL_ERROR
        });
        match report.worst() {
            _ if initial => "AR",
            Some(Severity::Error) => "AE",
            Some(Severity::Warning) if self.warnings == WarningsAnswer::Error => "AE",
            _ => "AA",
        }
    }

    /// The ACK answering `received`, with one ERR per issue of `report`.
    pub fn build(&self, received: &Message, report: &Report) -> Ack {
        let default = Msh::default();
        let r = received.msh().unwrap_or(&default);
        let query = matches!(received, Message::Qbp(_));
        let msh = Msh {
            field_separator: Some(St::from("|")),
            encoding_characters: Some(St::from("^~\\&")),
            sending_application: r.receiving_application.clone(),
            sending_facility: r.receiving_facility.clone(),
            receiving_application: r.sending_application.clone(),
            receiving_facility: r.sending_facility.clone(),
            date_time_of_message: Some(Box::new(Ts {
                time: Dtm::from_datetime(&self.at),
                ..Ts::default()
            })),
            message_type: Some(Box::new(Msg {
                message_code: Id::from("ACK"),
                trigger_event: Id::from(if query { "Q11" } else { "V04" }),
                message_structure: Id::from("ACK"),
                ..Msg::default()
            })),
            message_control_id: Some(St::from(self.control_id.as_str())),
            processing_id: r.processing_id.clone(),
            version_id: Some(Box::new(Vid {
                version_id: Id::from("2.5.1"),
                ..Vid::default()
            })),
            accept_acknowledgment_type: Some(Id::from("NE")),
            application_acknowledgment_type: Some(Id::from("NE")),
            message_profile_identifier: vec![Ei {
                entity_identifier: St::from("Z23"),
                namespace_id: Is::from("CDCPHINVS"),
                ..Ei::default()
            }],
            sending_responsible_organization: r.receiving_responsible_organization.clone(),
            receiving_responsible_organization: r.sending_responsible_organization.clone(),
            ..Msh::default()
        };
        let received_id = r
            .message_control_id
            .as_ref()
            .map(|c| c.as_str().trim())
            .filter(|c| !c.is_empty())
            .unwrap_or(CONTROL_ID_NOT_VALUED);
        let msa = Msa {
            acknowledgment_code: Some(Id::from(self.acknowledgment_code(report))),
            message_control_id: Some(St::from(received_id)),
            ..Msa::default()
        };
        let mut err = Vec::with_capacity(report.issues.len());
        for severity in [Severity::Error, Severity::Warning, Severity::Information] {
            err.extend(
                report
                    .issues
                    .iter()
                    .filter(|i| i.severity == severity)
                    .map(err_of),
            );
        }
        Ack {
            msh,
            msa: Some(msa),
            err,
            ..Ack::default()
        }
    }
}

/// The ERR of an issue: [`Issue::to_err`], with the rule id in ERR-5's alternate triplet (`L`).
fn err_of(issue: &Issue) -> ErrSegment {
    let mut err = issue.to_err();
    let rule = issue.rule.as_ref();
    let app = err.application_error_code.get_or_insert_default();
    if app.identifier.is_empty() && !app.alternate_identifier.is_empty() {
        // A local application code took the alternate triplet: it moves to the primary one.
        app.identifier = std::mem::take(&mut app.alternate_identifier);
        app.text = std::mem::take(&mut app.alternate_text);
        app.name_of_coding_system = Id::from("L");
    }
    app.alternate_identifier = St::from(rule);
    app.name_of_alternate_coding_system = Id::from("L");
    err
}
