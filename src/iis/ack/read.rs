//! Reading an acknowledgement: MSA, ERR (and QAK) in wire order, into an [`Acknowledgement`].

use std::borrow::Cow;

use crate::model::message::structure::Walker;
use crate::model::reflect::{SegmentRef, SegmentView, ValueRef};
use crate::model::segments::fields_of;
use crate::model::{Ack, Decoded, Message, Rsp};
use crate::validate::{
    AppErrorCode, ErrorLocation, Hl7ErrorCode, Issue, Severity, field_label, segment_subject,
};

use super::outcome::{NoAck, Outcome, Retry, Scope};
use super::policy::{AckPolicy, any_phrase, dose_numbers, normalize};
use super::words::{self, Reach};

/// Most dose numbers one text is read for.
const MAX_DOSES_PER_ROW: usize = 64;

/// An acknowledgement read: what the registry did with the message ([`Outcome`]) and its rows as
/// [`Issue`]s.
///
/// Each row becomes one issue: `rule` is the registry's own code (ERR-5's alternate, local code if
/// there is one, else ERR-5.1, else ERR-3.1), `severity` ERR-4 (inferred when absent, see the
/// [module docs](super)), `location` ERR-2 (or the old ERR-1), `hl7_code` and `app_code` ERR-3 and
/// ERR-5, `label` the field's IG label, `registry_text` the registry's words as sent (ERR-8, else
/// ERR-9, else ERR-7, else the MSA-3 just before the row when no other row took it), and `message` / `fix` our own sentences
/// for clinic staff.
///
/// ```
/// use izmsg::iis::ack::{Acknowledgement, AckPolicy, Outcome, Scope};
/// let ack = b"MSH|^~\\&|IIS|STATE|EHR|CLINIC|20240315||ACK^V04^ACK|A1|P|2.5.1\r\
/// MSA|AE|MSG1\r\
/// ERR||RXA^1^5^1^1|103^Table value not found^HL70357|E|5^Table value not found^HL70533|||Vaccine code not recognized\r";
/// let read = Acknowledgement::from_bytes(ack, &AckPolicy::default());
/// assert_eq!(read.outcome, Outcome::Rejected { scope: Scope::Part });
/// let row = &read.issues[0];
/// assert_eq!(row.rule, "5");
/// assert_eq!(row.vaccination, Some(1));
/// assert_eq!(row.registry_text.as_deref(), Some("Vaccine code not recognized"));
/// assert_eq!(row.message, "The registry did not store vaccination 1: RXA-5.1 Identifier (Administered Code) holds a code the registry does not recognise.");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Acknowledgement {
    /// What the registry did with the message.
    pub outcome: Outcome,
    /// MSA-1 as sent (the first MSA's): `AA`, `AE`, `AR`; empty when there is none.
    pub code: String,
    /// The answer's own control ID (its MSH-10).
    pub control_id: String,
    /// The control ID of the message acknowledged (MSA-2).
    pub acknowledged_id: String,
    /// MSH-9.1 of the answer (`ACK`, `RSP` ...).
    pub message_code: String,
    /// QAK-2 of a query response (`OK`, `NF`, `TM`, `AE`, `AR`, `PD`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub query_status: Option<String>,
    /// The registry's rows.
    pub issues: Vec<Issue>,
    /// MSA-3 texts no row took as its text, verbatim (they may quote patient data).
    pub notes: Vec<String>,
    /// For each issue, what it reaches (kept for the per-dose reading).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) reach: Vec<RowReach>,
}

/// What one row reaches beyond its location.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RowReach {
    /// Its text says the message or record was rejected.
    pub whole: bool,
    /// Its text says part of the message was dropped.
    pub part: bool,
    /// Dose numbers its text names as dropped.
    pub doses: Vec<usize>,
    /// Its text or code says the message was not processed (set-up, configuration).
    pub not_processed: bool,
    /// Its text or code says the registry failed on its side.
    pub retry_later: bool,
    /// The row gave no severity (ERR-4): it was inferred.
    pub inferred: bool,
    /// The location's numbers as written (segment; sequence, field, repetition, component,
    /// subcomponent), before any reading of them.
    pub written: Option<(String, [u16; 5])>,
}

/// What is expected: an ACK, or a query response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    Ack,
    Response,
}

/// Segments that belong to the ORDER group, or are optional: an error there drops that part only.
pub(crate) const PART_SEGMENTS: &[&str] = &[
    "ORC", "TQ1", "TQ2", "RXA", "RXR", "OBX", "NTE", "NK1", "PD1", "PV1", "PV2", "GT1", "IN1",
    "IN2", "IN3",
];

impl Acknowledgement {
    /// Reads an ACK from bytes. Bytes that are not an HL7 message give the outcome
    /// [`NoAck::NotHl7`] and no issues; this never fails.
    pub fn from_bytes(input: &[u8], policy: &AckPolicy) -> Acknowledgement {
        match crate::model::decode(input) {
            Ok(decoded) => Acknowledgement::of_message(&decoded.message, policy),
            Err(_) => Acknowledgement::not_hl7(),
        }
    }

    /// Reads a decoded ACK.
    pub fn of_decoded(decoded: &Decoded, policy: &AckPolicy) -> Acknowledgement {
        Acknowledgement::of_message(&decoded.message, policy)
    }

    /// Reads a message expected to be an ACK (whatever it decoded as: a registry that labels its ACK
    /// `VXU` is read when the policy allows it).
    pub fn of_message(message: &Message, policy: &AckPolicy) -> Acknowledgement {
        let code = message
            .msh()
            .and_then(|m| m.message_type.as_ref())
            .map_or("", |t| t.message_code.as_str());
        let mut reader = Reader::new(policy, Expect::Ack, code);
        message.for_each_segment(|s| reader.visit(s));
        reader.finish(message.msh())
    }

    /// Reads a typed ACK.
    pub fn of_ack(ack: &Ack, policy: &AckPolicy) -> Acknowledgement {
        let code = ack
            .msh
            .message_type
            .as_ref()
            .map_or("", |t| t.message_code.as_str());
        let mut reader = Reader::new(policy, Expect::Ack, code);
        {
            let mut f = |s| reader.visit(s);
            let mut w = Walker::new(&mut f, &ack.extra_segments);
            ack.emit(&mut w);
            w.finish();
        }
        reader.finish(Some(&ack.msh))
    }

    /// Reads the MSA, ERR and QAK of a query response.
    pub fn of_response(rsp: &Rsp, policy: &AckPolicy) -> Acknowledgement {
        let code = rsp
            .msh
            .message_type
            .as_ref()
            .map_or("", |t| t.message_code.as_str());
        let mut reader = Reader::new(policy, Expect::Response, code);
        {
            let mut f = |s| reader.visit(s);
            let mut w = Walker::new(&mut f, &rsp.extra_segments);
            rsp.emit(&mut w);
            w.finish();
        }
        reader.finish(Some(&rsp.msh))
    }

    /// Reads a message expected to be a query response (its MSA, ERR and QAK).
    pub fn of_response_message(message: &Message, policy: &AckPolicy) -> Acknowledgement {
        let code = message
            .msh()
            .and_then(|m| m.message_type.as_ref())
            .map_or("", |t| t.message_code.as_str());
        let mut reader = Reader::new(policy, Expect::Response, code);
        message.for_each_segment(|s| reader.visit(s));
        reader.finish(message.msh())
    }

    pub(crate) fn not_hl7() -> Acknowledgement {
        Acknowledgement {
            outcome: Outcome::NoValidAck {
                reason: NoAck::NotHl7,
            },
            code: String::new(),
            control_id: String::new(),
            acknowledged_id: String::new(),
            message_code: String::new(),
            query_status: None,
            issues: Vec::new(),
            notes: Vec::new(),
            reach: Vec::new(),
        }
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }
}

/// One MSA met.
struct MsaSeen {
    code: String,
    id: String,
}

/// One ERR met, read generically.
struct ErrSeen {
    location: ErrorLocation,
    written: Option<(String, [u16; 5])>,
    hl7_code: Option<Hl7ErrorCode>,
    severity: Option<Severity>,
    app_code: Option<String>,
    local_code: Option<String>,
    text: Option<String>,
}

struct Reader<'p> {
    policy: &'p AckPolicy,
    expect: Expect,
    message_code: String,
    msas: Vec<MsaSeen>,
    /// The last MSA-3 and whether a row took it.
    msa_text: Option<(String, bool)>,
    notes: Vec<String>,
    rows: Vec<ErrSeen>,
    qak: Option<String>,
}

/// The text of component `n` of a value (for a primitive, of the value itself when `n` is 1).
fn comp<'a>(v: Option<ValueRef<'a>>, n: u16) -> &'a str {
    match v {
        Some(ValueRef::Composite(c)) => c.component(n).map_or("", |x| x.text()),
        Some(ValueRef::Varies(v)) => v.component(usize::from(n)),
        Some(ValueRef::Text(t)) if n == 1 => t.as_str(),
        _ => "",
    }
}

/// Component `n`, as a value (for the subcomponents of a component).
fn sub<'a>(v: Option<ValueRef<'a>>, n: u16) -> Option<ValueRef<'a>> {
    v.and_then(|v| v.component(n))
}

fn num(s: &str) -> u16 {
    s.trim().parse().unwrap_or(0)
}

fn nonempty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty() && t != "\"\"").then(|| t.to_string())
}

/// A segment id as ERR-2 may name one: three letters or digits.
fn segment_id(s: &str) -> Option<String> {
    let t = s.trim();
    (t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| t.to_ascii_uppercase())
}

/// Segments a message holds once at most: an ERR-2 naming a later occurrence wrote the field where
/// the occurrence belongs.
const ONCE_SEGMENTS: &[&str] = &["MSH", "PID", "PD1", "PV1", "QPD", "RCP"];

/// A location from ERL's numbers (sequence, field, repetition, component, subcomponent), each level
/// kept only when the ones above it are known.
pub(crate) fn at_levels(segment: String, levels: [u16; 5]) -> ErrorLocation {
    let [sequence, field, repetition, component, subcomponent] = levels;
    ErrorLocation {
        segment,
        sequence: sequence.max(1),
        field,
        repetition: if field > 0 { repetition.max(1) } else { 0 },
        component: if field > 0 { component } else { 0 },
        subcomponent: if field > 0 && component > 0 {
            subcomponent
        } else {
            0
        },
    }
}

/// Reads ERL's numbers. When the segment is one the message holds once (`count` says how many of
/// each id the message has; 0 when not known), a sequence above 1 cannot be an occurrence: the
/// levels were written one place early (`PID^7` for PID-7, `MSH^12^1^1` for MSH-12.1, `NK1^3` for
/// NK1-3, as the IG's own examples write them), and are read one place up.
pub(crate) fn read_levels(
    segment: &str,
    levels: [u16; 5],
    count: impl Fn(&str) -> u16,
) -> ErrorLocation {
    let [sequence, field, repetition, component, _] = levels;
    let declared = fields_of(segment).is_some_and(|f| usize::from(sequence) <= f.len());
    if sequence > 1 && count(segment) == 1 && declared {
        at_levels(
            segment.to_string(),
            [1, sequence, field, repetition, component],
        )
    } else {
        at_levels(segment.to_string(), levels)
    }
}

fn read_err(view: &dyn SegmentView) -> ErrSeen {
    // ERR-2 (ERL), or the 2.3.1-style ERR-1 (ELD: segment, sequence, field, code).
    let erl = view.field(2).first();
    let eld = view.field(1).first();
    let written = if let Some(segment) = segment_id(comp(erl, 1)) {
        Some((segment, [2u16, 3, 4, 5, 6].map(|c| num(comp(erl, c)))))
    } else {
        segment_id(comp(eld, 1))
            .map(|segment| (segment, [num(comp(eld, 2)), num(comp(eld, 3)), 0, 0, 0]))
    };
    let location = match &written {
        Some((segment, levels)) => read_levels(segment, *levels, |id| {
            if ONCE_SEGMENTS.contains(&id) { 1 } else { 0 }
        }),
        None => ErrorLocation::message(),
    };
    let err3 = view.field(3).first();
    let hl7_code = comp(err3, 1)
        .trim()
        .parse::<u16>()
        .ok()
        .or_else(|| comp(sub(eld, 4), 1).trim().parse::<u16>().ok())
        .map(Hl7ErrorCode);
    let severity = Severity::from_code(view.text(4));
    let err5 = view.field(5).first();
    let app_code = nonempty(comp(err5, 1));
    let local_code = nonempty(comp(err5, 4));
    let text = [8u16, 9, 7].iter().find_map(|&f| {
        let reps = view.field(f);
        let joined: Vec<&str> = reps
            .iter()
            .map(|v| v.text())
            .filter(|t| !t.trim().is_empty())
            .collect();
        (!joined.is_empty()).then(|| joined.join(" ").trim().to_string())
    });
    ErrSeen {
        location,
        written,
        hl7_code,
        severity,
        app_code,
        local_code,
        text,
    }
}

/// MSA-1 read as A (accept), E (error) or R (reject); commit-level codes read as their application
/// equivalents.
fn ack_level(code: &str) -> Option<u8> {
    match code.trim().to_ascii_uppercase().as_str() {
        "AA" | "CA" => Some(0),
        "AE" | "CE" => Some(1),
        "AR" | "CR" => Some(2),
        _ => None,
    }
}

impl<'p> Reader<'p> {
    fn new(policy: &'p AckPolicy, expect: Expect, message_code: &str) -> Reader<'p> {
        Reader {
            policy,
            expect,
            message_code: message_code.trim().to_string(),
            msas: Vec::new(),
            msa_text: None,
            notes: Vec::new(),
            rows: Vec::new(),
            qak: None,
        }
    }

    fn visit(&mut self, s: SegmentRef<'_>) {
        let view = s.segment;
        match view.id() {
            "MSA" => {
                if let Some((text, false)) = self.msa_text.take() {
                    self.notes.push(text);
                }
                self.msas.push(MsaSeen {
                    code: view.text(1).trim().to_string(),
                    id: view.text(2).trim().to_string(),
                });
                self.msa_text = nonempty(view.text(3)).map(|t| (t, false));
            }
            "ERR" => {
                let mut row = read_err(view);
                // The first row without text after an MSA-3 takes it (once: New Mexico pairs them).
                if row.text.is_none()
                    && let Some((t, used @ false)) = &mut self.msa_text
                {
                    row.text = Some(t.clone());
                    *used = true;
                }
                self.rows.push(row);
            }
            "QAK" if self.qak.is_none() => {
                self.qak = Some(view.text(2).trim().to_string());
            }
            _ => {}
        }
    }

    fn finish(mut self, msh: Option<&crate::model::segments::Msh>) -> Acknowledgement {
        if let Some((text, false)) = self.msa_text.take() {
            self.notes.push(text);
        }
        let policy = self.policy;
        let control_id = msh
            .and_then(|m| m.message_control_id.as_ref())
            .map_or(String::new(), |c| c.as_str().trim().to_string());
        let first = self.msas.first();
        let code = first.map_or(String::new(), |m| m.code.clone());
        let acknowledged_id = first.map_or(String::new(), |m| m.id.clone());
        // The worst MSA-1 of all the MSAs (a registry that repeats MSA may vary it).
        let level = self.msas.iter().filter_map(|m| ack_level(&m.code)).max();

        let mut issues = Vec::with_capacity(self.rows.len());
        let mut reach = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let (issue, r) = interpret_row(row, level, policy);
            issues.push(issue);
            reach.push(r);
        }
        // An MSA-3 no row took, whose words say what happened, is a row of its own.
        for note in &self.notes {
            let n = normalize(note);
            let r = phrase_reach(&n, policy);
            if r.whole || r.part || !r.doses.is_empty() || r.not_processed || r.retry_later {
                let mut issue = Issue::new("MSA-3", Severity::Error, ErrorLocation::message());
                issue.registry_text = Some(note.clone());
                issue.vaccination = r.doses.first().copied();
                describe(&mut issue, &r, None);
                issues.push(issue);
                reach.push(r);
            }
        }

        let message_ok = match self.expect {
            Expect::Ack => policy
                .ack_message_codes
                .iter()
                .any(|c| c.trim().eq_ignore_ascii_case(&self.message_code)),
            Expect::Response => self.message_code.eq_ignore_ascii_case("RSP"),
        };
        let outcome = if msh.is_none() {
            Outcome::NoValidAck {
                reason: NoAck::NotHl7,
            }
        } else if !message_ok {
            Outcome::NoValidAck {
                reason: NoAck::NotAnAck,
            }
        } else {
            match level {
                None => Outcome::NoValidAck {
                    reason: NoAck::NoAcknowledgementCode,
                },
                Some(level) => decide(level, &issues, &reach, policy),
            }
        };
        Acknowledgement {
            outcome,
            code,
            control_id,
            acknowledged_id,
            message_code: self.message_code,
            query_status: self.qak,
            issues,
            notes: self.notes,
            reach,
        }
    }
}

/// What the phrases of a normalized text say.
fn phrase_reach(text: &str, policy: &AckPolicy) -> RowReach {
    RowReach {
        whole: any_phrase(text, &policy.message_rejected_phrases),
        part: any_phrase(text, &policy.part_rejected_phrases),
        doses: dose_numbers(text, &policy.dose_rejected_phrases, MAX_DOSES_PER_ROW),
        not_processed: any_phrase(text, &policy.not_processed_phrases),
        retry_later: any_phrase(text, &policy.retry_later_phrases),
        inferred: false,
        written: None,
    }
}

/// One row as an issue, and what it reaches.
fn interpret_row(row: &ErrSeen, level: Option<u8>, policy: &AckPolicy) -> (Issue, RowReach) {
    let text = row.text.as_deref().map(normalize).unwrap_or_default();
    let mut r = phrase_reach(&text, policy);
    let code = row.hl7_code.map(|c| c.0);
    let severity = match row.severity {
        Some(s) => s,
        None => {
            r.inferred = true;
            match (code, level) {
                (Some(200..=203 | 206 | 207), _) => Severity::Error,
                (_, Some(1..)) => Severity::Error,
                (Some(0), _) => Severity::Information,
                _ => Severity::Warning,
            }
        }
    };
    // Words that say data was not taken make the row an error whatever its severity.
    let severity = if r.whole || r.part || !r.doses.is_empty() || r.not_processed || r.retry_later {
        Severity::Error
    } else {
        severity
    };
    if severity == Severity::Error {
        match code {
            Some(200..=203) => r.not_processed = true,
            Some(206 | 207) => r.retry_later = true,
            _ => {}
        }
    }
    let rule: Cow<'static, str> = match (&row.local_code, &row.app_code, row.hl7_code) {
        (Some(local), _, _) => Cow::Owned(local.clone()),
        (None, Some(app), _) => Cow::Owned(app.clone()),
        (None, None, Some(h)) => Cow::Owned(h.to_string()),
        (None, None, None) => Cow::Borrowed("ERR"),
    };
    r.written = row.written.clone();
    let mut issue = Issue::new(rule, severity, row.location.clone());
    issue.hl7_code = row.hl7_code.unwrap_or(Hl7ErrorCode::MESSAGE_ACCEPTED);
    issue.app_code = row.app_code.clone().map(AppErrorCode::new);
    issue.registry_text = row.text.clone();
    issue.label = label_of(&issue.location);
    // Without the message that was sent: the n-th RXA or ORC is the n-th vaccination (acks.md §4
    // step 6); a dose the text names counts too.
    issue.vaccination = match issue.location.segment.as_str() {
        "RXA" | "ORC" => Some(usize::from(issue.location.sequence)),
        _ => None,
    }
    .or_else(|| r.doses.first().copied());
    describe(&mut issue, &r, None);
    (issue, r)
}

/// The IG label of the field a location names, from the declarations.
pub(crate) fn label_of(at: &ErrorLocation) -> Option<Cow<'static, str>> {
    if at.field == 0 {
        return None;
    }
    let fields = fields_of(&at.segment)?;
    field_label(&at.segment, fields, at.field, at.component)
}

/// What a row reaches, from its location and its words.
pub(crate) fn reach_of(issue: &Issue, r: &RowReach) -> Reach {
    if r.not_processed {
        Reach::NotProcessed
    } else if r.retry_later {
        Reach::RetryLater
    } else if r.whole {
        Reach::Message
    } else if r.part
        || !r.doses.is_empty()
        || PART_SEGMENTS.contains(&issue.location.segment.as_str())
    {
        Reach::Part
    } else {
        Reach::Message
    }
}

/// Writes our sentences into the issue; `subject` says what the row is about (a dose from the sent
/// message), else it is said from the location alone.
pub(crate) fn describe(issue: &mut Issue, r: &RowReach, subject: Option<String>) {
    let at = &issue.location;
    let subject = subject.unwrap_or_else(|| match (issue.vaccination, at.segment.as_str()) {
        (Some(n), _) => format!("vaccination {n}"),
        (None, "") => "the message".to_string(),
        (None, id) if PART_SEGMENTS.contains(&id) && id != "NK1" => {
            format!("segment {id} {}", at.sequence.max(1))
        }
        (None, id) => segment_subject(id, at.sequence.max(1)).into_owned(),
    });
    let app = issue.app_code.clone();
    let (message, fix) = words::sentences(&words::Row {
        severity: issue.severity,
        hl7_code: (issue.hl7_code.0 != 0).then_some(issue.hl7_code),
        app_code: app.as_ref(),
        location: at,
        label: issue.label.as_deref(),
        subject: &subject,
        reach: reach_of(issue, r),
    });
    issue.message = message;
    issue.fix = fix;
}

/// The outcome, from the acknowledgement level and the rows (see the module docs).
fn decide(level: u8, issues: &[Issue], reach: &[RowReach], policy: &AckPolicy) -> Outcome {
    let errors = || {
        issues
            .iter()
            .zip(reach)
            .filter(|(i, _)| i.severity == Severity::Error)
    };
    if errors().any(|(_, r)| r.not_processed) {
        return Outcome::NotProcessed {
            retry: Retry::AfterFix,
        };
    }
    if errors().any(|(_, r)| r.retry_later) {
        return Outcome::NotProcessed {
            retry: Retry::Later,
        };
    }
    if level >= 2 {
        return Outcome::NotProcessed {
            retry: Retry::AfterFix,
        };
    }
    if errors().next().is_some() {
        let whole = errors().any(|(i, r)| reach_of(i, r) == Reach::Message);
        return Outcome::Rejected {
            scope: if whole { Scope::Message } else { Scope::Part },
        };
    }
    if level == 1 {
        // AE without an error row: conservative when nothing says what happened.
        if issues.is_empty() || !policy.ae_with_only_warnings_accepted {
            return Outcome::Rejected {
                scope: Scope::Message,
            };
        }
        return Outcome::AcceptedWithWarnings;
    }
    if issues.iter().any(|i| i.severity == Severity::Warning) {
        Outcome::AcceptedWithWarnings
    } else {
        Outcome::Accepted
    }
}
