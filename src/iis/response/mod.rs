//! Reading a registry's answer to a query (RSP^K11) into what a program needs: one [`Response`]
//! with the query status and one [`Answer`]:
//!
//! | answer | profile | QAK-2 | what it holds |
//! |---|---|---|---|
//! | [`Answer::Candidates`] | Z31 | `OK` | the patients to choose from ([`Candidate`]); choose with [`matching`](super::matching) |
//! | [`Answer::Record`] | Z32, Z42 | `OK` | the registry's demographics, history as domain [`Vaccination`]s, each dose's [`Evaluation`]s and a [`Forecast`] per vaccine group ([`RegistryRecord`]) |
//! | [`Answer::NoRecord`] | Z33 | `NF`, `TM`, `AE`, `AR`, `PD` | why not ([`NoRecordReason`]) and the registry's messages |
//!
//! The answer follows the content, the status and profile are reported as sent: a Z32 declared for
//! a Z44 query, an `AE` that still carries a history (both occur in real traffic) are read for what
//! they hold, with a [`ResponseIssue`] saying what was odd.
//!
//! ## Evaluations and forecasts
//!
//! Real registries differ in how they write them: a forecast on a CVX 998 record per vaccine
//! group or all groups under one, vaccine groups named by 30956-7, 38890-0, 30979-9 or a local
//! series name (59780-7), OBX-4 sub-IDs that do not group, local status codes. The OBX of each
//! ORDER group are read in three linear passes:
//!
//! 1. Rows are gathered by OBX-4 in order of first appearance. A vaccine-group key arriving where
//!    a key of the same kind already is starts a new gathering: the registry did not separate the
//!    groups (every row sub-ID `1`, say).
//! 2. A gathering with a VIS document or date describes a VIS. One with a key or an evaluation or
//!    forecast observation is a group. A group without a key joins the order's only keyed group
//!    when there is exactly one (some registries number each row's OBX-4 apart); otherwise it stays
//!    a group without a vaccine group. Funding, VIS and clinical observations always describe the
//!    dose, whatever their sub-ID.
//! 3. Each group is read: the first value of each observation counts, a different second one is
//!    reported. Groups on a CVX 998 record, and groups with due dates, are [`Forecast`]s; the others
//!    [`Evaluation`]s of their dose. Series statuses are read from the LOINC answers of the code sets
//!    (`LL940-8`), else from the registry's words ([`StatusKind::from_words`]).
//!
//! What cannot be understood is kept (as [`OtherObservation`](crate::model::domain::OtherObservation)s
//! of the group, the dose or the record) and reported, never dropped.
//!
//! The raw MSA, ERR and QAK segments stay in the [`Response`] for the acknowledgement reading of
//! [`iis`](super) (outcome and per-error summary).
//!
//! ```
//! use chrono::NaiveDate;
//! use izmsg::iis::response::{Answer, DueState, QueryStatus, Response};
//!
//! let rsp = b"MSH|^~\\&|MYIIS|MYIIS|MYEHR|MYCLINIC|20240105101531-0500||RSP^K11^RSP_K11|R1|P|2.5.1|||NE|NE|||||Z42^CDCPHINVS\r\
//! MSA|AA|Q0001\r\
//! QAK|Q0001|OK|Z44^Request Evaluated History and Forecast^CDCPHINVS\r\
//! QPD|Z44^Request Evaluated History and Forecast^CDCPHINVS|Q0001|12345^^^MYEHR^MR|Doe^Jane^^^^^L||20230801|F\r\
//! PID|1||12345^^^MYEHR^MR~998877^^^MYIIS^SR||Doe^Jane^^^^^L||20230801|F\r\
//! ORC|RE||IZ-1^MYIIS\r\
//! RXA|0|1|20231001||08^Hep B, adolescent or pediatric^CVX|999|||01^Historical^NIP001\r\
//! OBX|1|CE|30956-7^Vaccine type^LN|1|45^Hep B^CVX||||||F\r\
//! OBX|2|NM|30973-2^Dose number in series^LN|1|1||||||F\r\
//! OBX|3|ID|59781-5^Dose validity^LN|1|Y||||||F\r\
//! ORC|RE||9999^MYIIS\r\
//! RXA|0|1|20240105||998^No vaccine administered^CVX|999||||||||||||||NA\r\
//! OBX|4|CE|30956-7^Vaccine type^LN|1|45^Hep B^CVX||||||F\r\
//! OBX|5|NM|30973-2^Dose number in series^LN|1|2||||||F\r\
//! OBX|6|DT|30980-7^Date vaccine due^LN|1|20231101||||||F\r\
//! OBX|7|DT|59778-1^Date dose is overdue^LN|1|20231201||||||F\r";
//! let response = Response::decode(rsp)?;
//! assert_eq!(response.status, QueryStatus::Ok);
//! let Answer::Record(record) = &response.answer else { unreachable!() };
//! assert_eq!(record.doses.len(), 1); // the CVX 998 record carries the forecast, it is no dose
//! assert_eq!(record.doses[0].evaluations[0].valid, Some(true));
//! let forecast = &record.forecasts[0];
//! assert_eq!(forecast.vaccine_group.as_ref().unwrap().name(), "HepB");
//! assert_eq!(forecast.dose_number, Some(2));
//! assert_eq!(forecast.due_state(response.date().unwrap()), DueState::Overdue);
//! assert!(response.issues.is_empty());
//! # Ok::<(), izmsg::iis::response::ReadError>(())
//! ```

mod evaluation;
mod groups;
mod issue;
mod status;

pub use evaluation::{
    DueState, Evaluation, Forecast, GroupSource, SeriesStatus, StatusKind, VaccineGroupId,
};
pub use issue::{Place, ResponseIssue, ResponseIssueKind};
pub use status::{NoRecordReason, QueryStatus, ResponseProfile};

use chrono::NaiveDate;

use crate::codes;
use crate::er7;
use crate::model::domain::{
    ClinicalObservation, NextOfKin, Patient, Timestamp, Vaccination, VaccineCode,
};
use crate::model::message::{Message, Order, Rsp, RspPatient};
use crate::model::segments::{ErrSegment, Msa, Qak, Rxa};
use crate::model::types::Cwe;

use super::query::QueryProfile;
use super::text::{slot, value};

/// A registry's answer to a query, read. See the [module](self).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Response {
    /// The response's control ID (MSH-10).
    pub control_id: Option<String>,
    /// When the registry answered (MSH-7; its date alone when the rest does not read).
    pub sent_at: Option<Timestamp>,
    /// The response profile declared (MSH-21).
    pub profile: ResponseProfile,
    /// The control ID of the query answered (MSA-2).
    pub acknowledges: Option<String>,
    /// The query tag echoed (QAK-1).
    pub query_tag: Option<String>,
    /// The query response status (QAK-2).
    pub status: QueryStatus,
    /// The query answered (QPD-1, else QAK-3).
    pub query: Option<QueryProfile>,
    /// What the registry sent.
    pub answer: Answer,
    /// The MSA segment as sent (outcome: MSA-1).
    pub msa: Option<Msa>,
    /// The ERR segments as sent.
    pub err: Vec<ErrSegment>,
    /// The QAK segment as sent.
    pub qak: Option<Qak>,
    /// What reading noticed.
    pub issues: Vec<ResponseIssue>,
}

/// What a response holds: candidates, one record, or no record.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Answer {
    /// Patients to choose from (Z31; also several patients in any response).
    Candidates(Vec<Candidate>),
    /// One patient's record (Z32, Z42).
    Record(Box<RegistryRecord>),
    /// No patient (Z33).
    NoRecord(NoRecord),
}

/// One candidate of a Z31 list.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Candidate {
    /// PID-1 (the IG numbers candidates 1, 2, 3 ...).
    pub set_id: Option<u32>,
    /// Identifiers, names, birth date, sex, address, mother's maiden name, phone, multiple birth.
    pub patient: Patient,
    /// The candidate's next of kin.
    pub next_of_kin: Vec<NextOfKin>,
}

/// Why there is no record, with the registry's messages (ERR-8, else the ERR-3 text).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NoRecord {
    /// Why.
    pub reason: NoRecordReason,
    /// What the registry said, in its words.
    pub messages: Vec<String>,
}

/// The registry's record of one patient (Z32, Z42).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct RegistryRecord {
    /// The registry's demographics (PID, PD1).
    pub patient: Patient,
    /// Next of kin (NK1).
    pub next_of_kin: Vec<NextOfKin>,
    /// The doses: every record that is not CVX 998 (administered, historical, refused, not
    /// administered), in message order.
    pub doses: Vec<RegistryDose>,
    /// The forecast, one per vaccine group, in message order.
    pub forecasts: Vec<Forecast>,
    /// Observations on records of no vaccine (CVX 998): evidence of immunity, history of disease,
    /// contraindications, and any the reader did not understand.
    pub observations: Vec<RecordObservation>,
}

impl RegistryRecord {
    /// The doses as domain vaccinations (without the evaluation observations, which
    /// [`RegistryDose::evaluations`] holds): what an EHR would import.
    pub fn vaccinations(&self) -> Vec<Vaccination> {
        self.doses.iter().map(|d| d.vaccination.clone()).collect()
    }
}

/// One dose of a registry's history with the registry's evaluation of it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RegistryDose {
    /// The dose, as the domain reads an ORDER group (the evaluation observations left out).
    pub vaccination: Vaccination,
    /// Its evaluation per vaccine group (Z42).
    pub evaluations: Vec<Evaluation>,
    /// The ORDER group it came in (from 0, among the patient's orders).
    pub order: usize,
}

/// An observation on a record of no vaccine.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RecordObservation {
    /// The observation.
    pub observation: ClinicalObservation,
    /// The record's date (RXA-3).
    pub date: Option<Timestamp>,
    /// The ORDER group it came in (from 0).
    pub order: usize,
}

/// Why bytes could not be read as a response. Its `Display` names no message content.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The bytes are not an HL7 message.
    #[error("not an HL7 message: {0}")]
    Parse(#[from] er7::Error),
    /// The message is not an RSP (MSH-9.1 names another type).
    #[error("not a query response: MSH-9.1 is {found:?}, not RSP")]
    NotAResponse {
        /// MSH-9.1 as sent (at most 3 characters kept).
        found: String,
    },
}

impl Response {
    /// Parses, decodes and reads an RSP.
    pub fn decode(bytes: &[u8]) -> Result<Response, ReadError> {
        let decoded = crate::model::decode(bytes)?;
        match &decoded.message {
            Message::Rsp(rsp) => Ok(Response::from_rsp(rsp)),
            other => Err(ReadError::NotAResponse {
                found: other
                    .msh()
                    .and_then(|h| h.message_type.as_ref())
                    .map(|t| t.message_code.trim().chars().take(3).collect())
                    .unwrap_or_default(),
            }),
        }
    }

    /// Reads a decoded RSP. Never fails: what is missing or odd is in [`issues`](Response::issues).
    pub fn from_rsp(rsp: &Rsp) -> Response {
        let mut issues = Vec::new();
        let mut report = |kind| {
            issues.push(ResponseIssue {
                kind,
                place: Place::MESSAGE,
            })
        };
        let msh = &rsp.msh;
        let profile = ResponseProfile::from_code(
            msh.message_profile_identifier
                .first()
                .map_or("", |e| e.entity_identifier.as_str()),
        );
        if matches!(
            profile,
            ResponseProfile::Other(_) | ResponseProfile::Missing
        ) {
            report(ResponseIssueKind::UnknownProfile);
        }
        if rsp.msa.is_none() {
            report(ResponseIssueKind::MissingMsa);
        }
        let status = QueryStatus::from_code(
            rsp.qak
                .as_ref()
                .and_then(|q| q.query_response_status.as_ref())
                .map_or("", |s| s.as_str()),
        );
        match status {
            QueryStatus::Missing => report(ResponseIssueKind::MissingQueryStatus),
            QueryStatus::Other(_) => report(ResponseIssueKind::UnknownQueryStatus),
            _ => {}
        }
        let query = rsp
            .qpd
            .as_ref()
            .and_then(|q| slot::<Cwe, _>(&q.message_query_name))
            .or_else(|| {
                rsp.qak
                    .as_ref()
                    .and_then(|q| slot::<Cwe, _>(&q.message_query_name))
            })
            .and_then(|c| QueryProfile::from_code(&c.identifier));

        let answer = answer_of(rsp, &profile, &status, &mut issues);
        Response {
            control_id: msh.message_control_id.as_ref().and_then(|c| value(c)),
            sent_at: slot(&msh.date_time_of_message)
                .and_then(|ts| Timestamp::from_ts(ts).or_else(|| leading_date(ts.time.as_str()))),
            profile,
            acknowledges: rsp
                .msa
                .as_ref()
                .and_then(|m| m.message_control_id.as_ref())
                .and_then(|c| value(c)),
            query_tag: rsp
                .qak
                .as_ref()
                .and_then(|q| q.query_tag.as_ref())
                .and_then(|t| value(t)),
            status,
            query,
            answer,
            msa: rsp.msa.clone(),
            err: rsp.err.clone(),
            qak: rsp.qak.clone(),
            issues,
        }
    }

    /// The day the registry answered (MSH-7): the day its forecast was made for.
    pub fn date(&self) -> Option<NaiveDate> {
        self.sent_at.map(|t| t.date)
    }

    /// The candidates (empty unless the answer is [`Answer::Candidates`]).
    pub fn candidates(&self) -> &[Candidate] {
        match &self.answer {
            Answer::Candidates(c) => c,
            _ => &[],
        }
    }

    /// The record, when the answer is one.
    pub fn record(&self) -> Option<&RegistryRecord> {
        match &self.answer {
            Answer::Record(r) => Some(r),
            _ => None,
        }
    }

    /// The forecasts of the record (empty without one).
    pub fn forecasts(&self) -> &[Forecast] {
        self.record().map_or(&[], |r| &r.forecasts)
    }

    /// The registry's messages: each ERR's user message (ERR-8), else its HL7 error text (ERR-3.2).
    pub fn error_messages(&self) -> Vec<String> {
        messages(&self.err)
    }
}

/// The date at the head of a date/time that does not read as a DTM (`20180531144917033`, whose
/// fraction lacks its point): registries send such, and the day is what a forecast needs.
fn leading_date(text: &str) -> Option<Timestamp> {
    let head = text.trim().get(..8)?;
    Timestamp::parse(head).map(|t| t.day())
}

fn messages(err: &[ErrSegment]) -> Vec<String> {
    err.iter()
        .filter_map(|e| {
            e.user_message
                .as_ref()
                .and_then(|m| value(m))
                .or_else(|| slot::<Cwe, _>(&e.hl7_error_code).and_then(|c| value(&c.text)))
        })
        .collect()
}

fn answer_of(
    rsp: &Rsp,
    profile: &ResponseProfile,
    status: &QueryStatus,
    issues: &mut Vec<ResponseIssue>,
) -> Answer {
    let patients = &rsp.patients;
    let mut report = |kind| {
        issues.push(ResponseIssue {
            kind,
            place: Place::MESSAGE,
        })
    };
    if patients.is_empty() {
        if *status == QueryStatus::Ok {
            report(ResponseIssueKind::NoDataDespiteOk);
        }
        return Answer::NoRecord(NoRecord {
            reason: NoRecordReason::of(status),
            messages: messages(&rsp.err),
        });
    }
    if !matches!(status, QueryStatus::Ok | QueryStatus::Missing) {
        report(ResponseIssueKind::DataDespiteStatus);
    }
    let list = *profile == ResponseProfile::Z31 || patients.len() > 1;
    if list {
        if patients.len() > 1 && matches!(profile, ResponseProfile::Z32 | ResponseProfile::Z42) {
            report(ResponseIssueKind::SeveralPatientsInRecord);
        }
        let candidates = patients
            .iter()
            .enumerate()
            .map(|(i, p)| candidate(p, i, issues))
            .collect();
        return Answer::Candidates(candidates);
    }
    let record = patients
        .first()
        .map(|p| record(p, 0, issues))
        .unwrap_or_default();
    Answer::Record(Box::new(record))
}

fn candidate(p: &RspPatient, index: usize, issues: &mut Vec<ResponseIssue>) -> Candidate {
    if !p.orders.is_empty() {
        issues.push(ResponseIssue {
            kind: ResponseIssueKind::OrdersWithCandidates,
            place: Place::patient(index),
        });
    }
    Candidate {
        set_id: p
            .pid
            .as_ref()
            .and_then(|pid| pid.set_id.as_ref())
            .and_then(|s| s.trim().parse().ok()),
        patient: patient_of(p, index, issues),
        next_of_kin: p.nk1.iter().map(NextOfKin::from_nk1).collect(),
    }
}

fn patient_of(p: &RspPatient, index: usize, issues: &mut Vec<ResponseIssue>) -> Patient {
    match &p.pid {
        Some(pid) => Patient::from_pid(pid, p.pd1.as_ref()),
        None => {
            issues.push(ResponseIssue {
                kind: ResponseIssueKind::MissingPid,
                place: Place::patient(index),
            });
            Patient::default()
        }
    }
}

/// True when the RXA records no vaccine (CVX 998 in either triplet of RXA-5).
fn no_vaccine(rxa: &Rxa) -> bool {
    slot::<Cwe, _>(&rxa.administered_code)
        .and_then(VaccineCode::from_cwe)
        .and_then(|v| {
            v.cvx_code()
                .map(|c| c.code.trim() == codes::NO_VACCINE_ADMINISTERED)
        })
        .unwrap_or(false)
}

fn record(p: &RspPatient, index: usize, issues: &mut Vec<ResponseIssue>) -> RegistryRecord {
    let mut record = RegistryRecord {
        patient: patient_of(p, index, issues),
        next_of_kin: p.nk1.iter().map(NextOfKin::from_nk1).collect(),
        ..RegistryRecord::default()
    };
    let at = Place::patient(index);
    for (o, order) in p.orders.iter().enumerate() {
        let place = at.order(o);
        let Some(rxa) = &order.rxa else {
            issues.push(ResponseIssue {
                kind: ResponseIssueKind::OrderWithoutRxa,
                place,
            });
            continue;
        };
        let none = no_vaccine(rxa);
        let reading = groups::read(order, none, place, issues);
        let dose_order = Order {
            orc: order.orc.clone(),
            timing: order.timing.clone(),
            rxa: order.rxa.clone(),
            rxr: order.rxr.clone(),
            observations: reading
                .dose_rows
                .iter()
                .filter_map(|&i| order.observations.get(i).cloned())
                .collect(),
        };
        record.forecasts.extend(
            reading
                .forecasts
                .into_iter()
                .map(|f| Forecast { order: o, ..f }),
        );
        let Some(vaccination) = Vaccination::from_order(&dose_order) else {
            continue;
        };
        if none {
            let date = vaccination.date;
            record
                .observations
                .extend(vaccination.observations.into_iter().map(|observation| {
                    RecordObservation {
                        observation,
                        date,
                        order: o,
                    }
                }));
        } else {
            record.doses.push(RegistryDose {
                vaccination,
                evaluations: reading.evaluations,
                order: o,
            });
        }
    }
    record
}
