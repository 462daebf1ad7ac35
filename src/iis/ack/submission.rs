//! An acknowledgement paired with the message it answers: which doses were reported.

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use crate::model::message::structure::Walker;
use crate::model::reflect::SegmentRef;
use crate::model::segments::Rxa;
use crate::model::{Decoded, Message, Vxu};
use crate::validate::{ErrorLocation, Hl7ErrorCode, Issue, Severity, dose_phrase, ts_date};

use super::outcome::{NoAck, Outcome};
use super::policy::AckPolicy;
use super::read::{Acknowledgement, PART_SEGMENTS, RowReach, describe, label_of, read_levels};

/// The message that was sent: a typed message, or a VXU on its own.
#[derive(Debug, Clone, Copy)]
pub enum Sent<'a> {
    /// Any typed message (a VXU, usually).
    Message(&'a Message),
    /// A VXU.
    Vxu(&'a Vxu),
}

impl<'a> From<&'a Message> for Sent<'a> {
    fn from(m: &'a Message) -> Self {
        Sent::Message(m)
    }
}

impl<'a> From<&'a Vxu> for Sent<'a> {
    fn from(v: &'a Vxu) -> Self {
        Sent::Vxu(v)
    }
}

impl<'a> From<&'a Decoded> for Sent<'a> {
    fn from(d: &'a Decoded) -> Self {
        Sent::Message(&d.message)
    }
}

impl<'a> Sent<'a> {
    fn walk(&self, f: &mut dyn FnMut(SegmentRef<'a>)) {
        match *self {
            Sent::Message(m) => m.for_each_segment(f),
            Sent::Vxu(v) => {
                let mut w = Walker::new(f, &v.extra_segments);
                v.emit(&mut w);
                w.finish();
            }
        }
    }

    fn vxu(&self) -> Option<&'a Vxu> {
        match *self {
            Sent::Message(Message::Vxu(v)) => Some(v),
            Sent::Vxu(v) => Some(v),
            Sent::Message(_) => None,
        }
    }

    fn control_id(&self) -> String {
        let msh = match *self {
            Sent::Message(m) => m.msh(),
            Sent::Vxu(v) => Some(&v.msh),
        };
        msh.and_then(|m| m.message_control_id.as_ref())
            .map_or(String::new(), |c| c.as_str().trim().to_string())
    }
}

/// What became of one dose.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "state", rename_all = "snake_case"))]
pub enum DoseState {
    /// The registry stored it.
    Reported,
    /// The registry stored it, with warnings (our sentences, one per warning).
    ReportedWithWarnings {
        /// What the warnings say.
        warnings: Vec<String>,
    },
    /// The registry did not store it: fix and resend.
    NotReported {
        /// Why, in clinic words, with the IG label of the field at fault when the registry named one.
        why: String,
    },
}

impl DoseState {
    /// `reported`, `reported_with_warnings`, `not_reported`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DoseState::Reported => "reported",
            DoseState::ReportedWithWarnings { .. } => "reported_with_warnings",
            DoseState::NotReported { .. } => "not_reported",
        }
    }
}

impl fmt::Display for DoseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DoseState::Reported => f.write_str("Reported"),
            DoseState::ReportedWithWarnings { warnings } => {
                write!(f, "Reported, with {} warning", warnings.len())?;
                if warnings.len() != 1 {
                    f.write_str("s")?;
                }
                Ok(())
            }
            DoseState::NotReported { why } => write!(f, "Not reported: {why}"),
        }
    }
}

/// One dose of the message sent, and what the registry did with it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Dose {
    /// The vaccination (ORDER group), from 1.
    pub index: usize,
    /// Its CVX code (RXA-5, or the CVX of its NDC), when known.
    pub cvx: Option<String>,
    /// The date it was given (RXA-3).
    pub date: Option<NaiveDate>,
    /// "the DTaP dose given on 2024-03-15", from the CVX table and RXA-3.
    pub description: String,
    /// Reported, reported with warnings, or not reported.
    pub state: DoseState,
    /// The registry's rows that name it. Rows about the whole message (MSH, PID, no location) are in
    /// the acknowledgement's issues: they count in every dose's state but are not copied here.
    pub issues: Vec<Issue>,
}

/// An acknowledgement paired with the message it answers.
///
/// ```
/// use izmsg::iis::ack::{DoseState, Submission};
/// let sent = izmsg::model::decode(b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315||VXU^V04^VXU_V04|MSG1|P|2.5.1\r\
/// PID|1||PAT-1^^^EHR^MR||Doe^Jane||20230110|F\r\
/// ORC|RE||IZ-1^EHR\r\
/// RXA|0|1|20240315||20^DTaP^CVX|0.5|mL^^UCUM||00^^NIP001\r\
/// ORC|RE||IZ-2^EHR\r\
/// RXA|0|1|20240315||998^No vaccine administered^CVX|999\r").unwrap();
/// let ack = izmsg::model::decode(b"MSH|^~\\&|IIS|STATE|EHR|CLINIC|20240315||ACK^V04^ACK|A1|P|2.5.1\r\
/// MSA|AE|MSG1\r\
/// ERR||RXA^2^5^1^1|103^Table value not found^HL70357|E||||Vaccine code not recognized\r").unwrap();
/// let sub = Submission::new(&sent, &ack);
/// assert_eq!(sub.doses[0].state, DoseState::Reported);
/// let DoseState::NotReported { why } = &sub.doses[1].state else { panic!() };
/// assert!(why.contains("RXA-5.1 Identifier (Administered Code)"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Submission {
    /// The acknowledgement read, its rows mapped onto the message sent.
    pub ack: Acknowledgement,
    /// The control ID of the message sent (its MSH-10).
    pub sent_control_id: String,
    /// Each dose of the message sent.
    pub doses: Vec<Dose>,
}

/// Where each segment occurrence of the message sent is: its ORDER group.
struct Places<'a> {
    order_of: HashMap<(String, u16), Option<usize>>,
    count: HashMap<String, u16>,
    rxas: Vec<Option<&'a Rxa>>,
}

impl<'a> Places<'a> {
    fn of(sent: &Sent<'a>) -> Places<'a> {
        let mut order_of = HashMap::new();
        let mut count = HashMap::new();
        sent.walk(&mut |s: SegmentRef<'a>| {
            order_of.insert((s.segment.id().to_string(), s.occurrence), s.order);
            count.insert(s.segment.id().to_string(), s.occurrence);
        });
        let rxas = sent
            .vxu()
            .map(|v| v.orders.iter().map(|o| o.rxa.as_deref()).collect())
            .unwrap_or_default();
        Places {
            order_of,
            count,
            rxas,
        }
    }

    /// How many segments with this id the message has.
    fn count(&self, id: &str) -> u16 {
        self.count.get(id).copied().unwrap_or(0)
    }

    fn order(&self, id: &str, occurrence: u16) -> Option<usize> {
        self.order_of
            .get(&(id.to_string(), occurrence))
            .copied()
            .flatten()
    }

    fn rxa(&self, n: usize) -> Option<&'a Rxa> {
        self.rxas.get(n.checked_sub(1)?).copied().flatten()
    }
}

impl Submission {
    /// Pairs an acknowledgement with the message sent, under the default policy.
    pub fn new<'a>(sent: impl Into<Sent<'a>>, ack: &Decoded) -> Submission {
        Submission::with_policy(sent, ack, &AckPolicy::default())
    }

    /// Pairs an acknowledgement with the message sent, under a registry's policy.
    pub fn with_policy<'a>(
        sent: impl Into<Sent<'a>>,
        ack: &Decoded,
        policy: &AckPolicy,
    ) -> Submission {
        let ack = Acknowledgement::of_decoded(ack, policy);
        Submission::of(sent.into(), ack, policy)
    }

    /// Pairs an acknowledgement already read with the message sent.
    pub fn of(sent: Sent<'_>, mut ack: Acknowledgement, policy: &AckPolicy) -> Submission {
        let places = Places::of(&sent);
        let sent_control_id = sent.control_id();

        // MSA-2 against the MSH-10 sent.
        // A message sent without MSH-10 cannot be checked (the registry answers it with a literal
        // such as "MSH-10 NOT VALUED").
        let answered = !matches!(ack.outcome, Outcome::NoValidAck { .. });
        if answered
            && policy.control_id_must_match
            && !sent_control_id.is_empty()
            && ack.acknowledged_id != sent_control_id
        {
            ack.outcome = Outcome::NoValidAck {
                reason: NoAck::ControlIdMismatch,
            };
            let mut issue = Issue::new("MSA-2", Severity::Error, ErrorLocation::field("MSA", 1, 2))
                .with_hl7_code(Hl7ErrorCode::OTHER_HL7_ERROR)
                .with_text(
                    "This acknowledgement answers another message: its MSA-2 is not the control ID (MSH-10) of the message sent.",
                    "Treat the record as not sent and send it again; if this keeps happening, contact your interface support.",
                );
            issue.label = label_of(&issue.location);
            ack.issues.push(issue);
            ack.reach.push(RowReach {
                whole: true,
                ..RowReach::default()
            });
        }

        // Each row onto the message sent.
        for (issue, r) in ack.issues.iter_mut().zip(&ack.reach) {
            if issue.rule == "MSA-2" && issue.location.segment == "MSA" {
                continue;
            }
            if let Some((segment, levels)) = &r.written {
                // Read again, knowing how many segments of each id the message sent has.
                issue.location = read_levels(segment, *levels, |id| places.count(id));
                issue.label = label_of(&issue.location);
            }
            let at = &issue.location;
            issue.vaccination = if at.is_message() {
                None
            } else {
                places.order(&at.segment, at.sequence)
            }
            .or_else(|| r.doses.first().copied());
            let subject = issue.vaccination.map(|n| dose_phrase(places.rxa(n), n));
            describe(issue, r, subject);
        }

        // Each row to the doses it names; rows about the whole message counted once (a dose's list
        // holds its own rows, so the work stays linear in rows and doses).
        let count = places.rxas.len();
        let mut own: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut whole_error: Option<usize> = None;
        let mut whole_warnings = Vec::new();
        for (k, (issue, r)) in ack.issues.iter().zip(&ack.reach).enumerate() {
            let named = issue.vaccination.into_iter().chain(r.doses.iter().copied());
            let mut any = false;
            for n in named {
                any = true;
                if let Some(list) = n.checked_sub(1).and_then(|i| own.get_mut(i))
                    && list.last() != Some(&k)
                {
                    list.push(k);
                }
            }
            if !any && concerns_every_dose(issue) {
                match issue.severity {
                    Severity::Error => {
                        whole_error.get_or_insert(k);
                    }
                    Severity::Warning => whole_warnings.push(k),
                    Severity::Information => {}
                }
            }
        }
        let whole_warning_words = match whole_warnings.as_slice() {
            [] => None,
            [one] => ack.issues.get(*one).map(|i| i.message.clone()),
            more => Some(format!(
                "{} warnings about the whole record (see the registry's rows).",
                more.len()
            )),
        };
        let mut doses = Vec::with_capacity(count);
        for (i, rows) in own.iter().enumerate() {
            let n = i + 1;
            let rxa = places.rxa(n);
            let issues: Vec<Issue> = rows
                .iter()
                .filter_map(|k| ack.issues.get(*k))
                .cloned()
                .collect();
            let first_error = issues
                .iter()
                .find(|i| i.severity == Severity::Error)
                .or_else(|| whole_error.and_then(|k| ack.issues.get(k)));
            let mut warnings: Vec<String> = issues
                .iter()
                .filter(|i| i.severity == Severity::Warning)
                .map(|i| i.message.clone())
                .collect();
            warnings.extend(whole_warning_words.clone());
            let state = if let Some(e) = first_error {
                DoseState::NotReported {
                    why: e.message.clone(),
                }
            } else if ack.outcome.nothing_stored() {
                DoseState::NotReported {
                    why: format!("{}. {}", ack.outcome, ack.outcome.action()),
                }
            } else if !warnings.is_empty() {
                DoseState::ReportedWithWarnings { warnings }
            } else {
                DoseState::Reported
            };
            doses.push(Dose {
                index: n,
                cvx: rxa.and_then(cvx_of),
                date: rxa
                    .and_then(|r| r.date_time_start_of_administration.as_deref())
                    .and_then(ts_date),
                description: dose_phrase(rxa, n),
                state,
                issues,
            });
        }
        Submission {
            ack,
            sent_control_id,
            doses,
        }
    }

    /// The outcome for the message as a whole.
    pub fn outcome(&self) -> Outcome {
        self.ack.outcome
    }

    /// The doses the registry did not store.
    pub fn not_reported(&self) -> impl Iterator<Item = &Dose> {
        self.doses
            .iter()
            .filter(|d| matches!(d.state, DoseState::NotReported { .. }))
    }
}

/// True when a row that names no dose concerns every dose: it is about the message as a whole, MSH,
/// PID ... Rows on NK1, PD1 and the like, or on an ORDER segment the message sent does not have,
/// concern none (the doses were stored).
fn concerns_every_dose(issue: &Issue) -> bool {
    !PART_SEGMENTS.contains(&issue.location.segment.as_str())
}

/// The CVX code of a dose: RXA-5 (either triplet), or the CVX of its NDC.
fn cvx_of(rxa: &Rxa) -> Option<String> {
    let code = rxa.administered_code.as_ref()?;
    let pairs = [
        (
            code.name_of_coding_system.as_str(),
            code.identifier.as_str(),
        ),
        (
            code.name_of_alternate_coding_system.as_str(),
            code.alternate_identifier.as_str(),
        ),
    ];
    for (system, id) in pairs {
        let id = id.trim();
        match system.trim() {
            "CVX" if !id.is_empty() => return Some(id.to_string()),
            "NDC" if !id.is_empty() => {
                if let Some(p) = crate::codes::ndc(id).ok().and_then(|mut m| m.next()) {
                    return Some(p.cvx.to_string());
                }
            }
            _ => {}
        }
    }
    None
}
