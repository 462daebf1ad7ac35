//! The three things a clinic user sees after sending a record or a query (Office Practicum shows them
//! as "Message Status", "Query Quality" and the registry's error rows).

use std::fmt;

use crate::model::{Ack, Rsp};
use crate::validate::{Issue, Severity};

use super::outcome::{Outcome, Scope};
use super::policy::AckPolicy;
use super::read::Acknowledgement;

/// A plain summary of an acknowledgement or of a query response's MSA/ERR/QAK.
///
/// Its `Display` is what a clinic user reads. The rows quote the registry's own text (ERR-8), which
/// a registry may fill with patient data: show it to the user who sent the message, do not log it.
///
/// ```
/// use izmsg::model::{decode, Message};
/// let m = decode(b"MSH|^~\\&|IIS|ST|EHR|CL|20240315||RSP^K11^RSP_K11|R1|P|2.5.1\r\
/// MSA|AA|Q1\rQAK|Q1|NF|Z34^Request Immunization History^CDCPHINVS\r").unwrap();
/// let Message::Rsp(rsp) = &m.message else { panic!() };
/// let s = izmsg::iis::ack::summarize_response(rsp);
/// assert_eq!(s.status, "Received and accepted.");
/// assert!(s.query.as_deref().unwrap().starts_with("The registry has no patient matching the query"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Summary {
    /// Message status: was the message received, and with errors or warnings?
    pub status: String,
    /// Query quality (responses only): was the patient found, several, none?
    pub query: Option<String>,
    /// What to do next, in a sentence.
    pub action: String,
    /// The registry's rows, errors first.
    pub rows: Vec<Row>,
}

/// One row of the registry's answer, for people.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Row {
    /// Error, warning or information.
    pub severity: Severity,
    /// Where: the field's IG label (`RXA-5 Administered Code`), its path, or `message`.
    pub place: String,
    /// Our sentence: what happened.
    pub message: String,
    /// Our sentence: what to do.
    pub fix: String,
    /// The registry's own words, verbatim.
    pub registry_text: Option<String>,
}

impl Row {
    fn of(issue: &Issue) -> Row {
        Row {
            severity: issue.severity,
            place: issue
                .label
                .as_deref()
                .map_or_else(|| issue.location.path(), str::to_string),
            message: issue.message.clone(),
            fix: issue.fix.clone(),
            registry_text: issue.registry_text.clone(),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

impl Summary {
    /// The summary of an acknowledgement already read.
    pub fn of(ack: &Acknowledgement) -> Summary {
        let errors = ack.errors().count();
        let warnings = ack.warnings().count();
        let status = match ack.outcome {
            Outcome::Accepted => "Received and accepted.".to_string(),
            Outcome::AcceptedWithWarnings => format!(
                "Received and accepted, with {}.",
                plural(warnings.max(1), "warning")
            ),
            Outcome::Rejected { scope: Scope::Part } => format!(
                "Received with {}: some data was not stored.",
                plural(errors.max(1), "error")
            ),
            Outcome::Rejected {
                scope: Scope::Message,
            } => format!(
                "Received with {}: the record was rejected and nothing was stored.",
                plural(errors.max(1), "error")
            ),
            Outcome::NotProcessed { .. } | Outcome::NoValidAck { .. } => {
                format!("{}.", ack.outcome)
            }
        };
        let mut rows: Vec<Row> = ack.issues.iter().map(Row::of).collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.severity));
        Summary {
            status,
            query: ack.query_status.as_deref().map(query_quality),
            action: ack.outcome.action().to_string(),
            rows,
        }
    }
}

/// QAK-2 in words, as [`QueryStatus::explanation`](crate::iis::response::QueryStatus::explanation)
/// says it.
fn query_quality(status: &str) -> String {
    let words = crate::iis::response::QueryStatus::from_code(status).explanation();
    let mut c = words.chars();
    match c.next() {
        Some(f) => format!("{}{}.", f.to_uppercase(), c.as_str()),
        None => String::new(),
    }
}

/// The summary of an ACK, read under the default policy.
pub fn summarize_ack(ack: &Ack) -> Summary {
    Summary::of(&Acknowledgement::of_ack(ack, &AckPolicy::default()))
}

/// The summary of a query response's MSA, ERR and QAK, read under the default policy. Several
/// candidates (Z31) are said so in the query quality.
pub fn summarize_response(rsp: &Rsp) -> Summary {
    let read = Acknowledgement::of_response(rsp, &AckPolicy::default());
    let mut summary = Summary::of(&read);
    let ok = read
        .query_status
        .as_deref()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("OK"));
    if ok && rsp.patients.len() > 1 {
        summary.query = Some(format!(
            "Several patients match ({}): choose the right one before importing.",
            rsp.patients.len()
        ));
    } else if ok && rsp.patients.is_empty() {
        summary.query =
            Some("The registry says it found the patient but sent no record.".to_string());
    }
    summary
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Message status: {}", self.status)?;
        if let Some(q) = &self.query {
            writeln!(f, "Query quality: {q}")?;
        }
        writeln!(f, "What to do: {}", self.action)?;
        if !self.rows.is_empty() {
            writeln!(f, "Returned by the registry:")?;
        }
        for r in &self.rows {
            writeln!(f, "  {:<11} {}", r.severity.as_str(), r.place)?;
            writeln!(f, "              {}", r.message)?;
            if let Some(t) = &r.registry_text {
                writeln!(f, "              Registry's words: \"{t}\"")?;
            }
            writeln!(f, "              What to do: {}", r.fix)?;
        }
        Ok(())
    }
}
