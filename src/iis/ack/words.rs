//! Our own sentences for a registry's row: what happened and what to do, in clinic words, from the
//! row's codes, the field's IG label and what the row is about. Never a value from the message: the
//! registry's own text is kept apart, verbatim, in `Issue::registry_text`.

use crate::validate::{AppErrorCode, ErrorLocation, Hl7ErrorCode, Severity};

/// How far a row reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The registry did not process the message; it must be corrected (set-up or content).
    NotProcessed,
    /// The registry failed on its side; send again later.
    RetryLater,
    /// The message or patient record was rejected.
    Message,
    /// A dose or an optional segment was dropped.
    Part,
}

/// The facts a sentence is made from.
pub(crate) struct Row<'a> {
    pub severity: Severity,
    pub hl7_code: Option<Hl7ErrorCode>,
    pub app_code: Option<&'a AppErrorCode>,
    pub location: &'a ErrorLocation,
    pub label: Option<&'a str>,
    /// What the row is about: "the DTaP dose given on 2024-03-15", "the patient's record".
    pub subject: &'a str,
    pub reach: Reach,
}

/// The field or segment named, in words: its IG label, `segment RXA`, or "".
fn thing(row: &Row<'_>) -> String {
    match row.label {
        Some(l) => l.to_string(),
        None if row.location.is_message() => String::new(),
        None if row.location.field > 0 => row.location.path(),
        None => format!("segment {}", row.location.segment),
    }
}

/// What is wrong, from the HL7 and application codes.
fn problem(row: &Row<'_>, thing: &str) -> Option<String> {
    let at = row.location;
    // "RXA-5 Administered Code is missing"; without a field, "a field of segment NK1 is missing".
    let named = |s: &str| {
        if at.is_message() {
            None
        } else if at.field == 0 {
            Some(format!("a field of segment {} {s}", at.segment))
        } else {
            Some(format!("{thing} {s}"))
        }
    };
    let code = row.hl7_code.map(|c| c.0);
    // The registry's own failures and refusals first; then the application code, which says more
    // than the generic 100-104 (the IG answers an invalid date with 101 "required field missing",
    // since a value that fails validation is treated as empty).
    let refusal = match code {
        Some(200) => Some("the registry does not accept this type of message".to_string()),
        Some(201) => Some("the registry does not accept this kind of event".to_string()),
        Some(202) => Some(
            "the registry does not accept the processing ID (production or test) of this message"
                .to_string(),
        ),
        Some(203) => Some("the registry does not accept this HL7 version".to_string()),
        Some(204) => Some(if at.is_message() {
            "the registry has no record this update could apply to".to_string()
        } else {
            format!("the registry has no record matching {thing}")
        }),
        Some(205) => Some("the registry already has this record".to_string()),
        Some(206) => Some("the registry's record was locked by another update".to_string()),
        Some(207) => Some("the registry had an internal error".to_string()),
        _ => None,
    };
    if refusal.is_some() {
        return refusal;
    }
    let by_app = match row.app_code.map(|c| c.code()) {
        Some("1") => named("is a date that cannot be right"),
        Some("2") => named("is not a valid date"),
        Some("3") => named("does not agree with other values in the message"),
        Some("4") => named("has a value the registry does not accept"),
        Some("5") => named("holds a code the registry does not recognise"),
        Some("6") => Some(if at.is_message() {
            "a required observation is missing".to_string()
        } else {
            format!("a required observation is missing ({thing})")
        }),
        _ => None,
    };
    if by_app.is_some() {
        return by_app;
    }
    match code {
        Some(100) if !at.is_message() => Some(if at.field == 0 {
            format!("segment {} is missing or out of order", at.segment)
        } else {
            format!("{thing} is out of place")
        }),
        Some(101) => named("is missing"),
        Some(102) => named("is not in the expected format"),
        Some(103) => named("holds a code the registry does not recognise"),
        Some(104) => named("is too long"),
        _ => named("has a problem (see the registry's text)"),
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The two sentences: what happened, and what to do.
pub(crate) fn sentences(row: &Row<'_>) -> (String, String) {
    let thing = thing(row);
    let what = problem(row, &thing);
    let subject = row.subject;
    let said = match &what {
        Some(w) => format!(": {w}."),
        None => " (see the registry's text).".to_string(),
    };
    let message = match (row.severity, row.reach) {
        (Severity::Error, Reach::NotProcessed) => {
            format!("The registry did not process the message{said}")
        }
        (Severity::Error, Reach::RetryLater) => {
            format!("The registry could not process the message{said}")
        }
        (Severity::Error, Reach::Message) => format!("The registry rejected {subject}{said}"),
        (Severity::Error, Reach::Part) => format!("The registry did not store {subject}{said}"),
        (Severity::Warning, _) => format!(
            "The registry stored {subject} with a warning{}",
            match &what {
                Some(w) => format!(": {w}."),
                None => " (see the registry's text).".to_string(),
            }
        ),
        (Severity::Information, _) => match &what {
            Some(w) => format!("Note from the registry about {subject}: {w}."),
            None => format!("Note from the registry about {subject} (see the registry's text)."),
        },
    };
    let correct = if thing.is_empty() {
        "Correct what the registry's text names".to_string()
    } else {
        format!("Correct {thing}")
    };
    let fix = match (row.severity, row.reach) {
        (Severity::Error, Reach::NotProcessed) => match row.hl7_code.map(|c| c.0) {
            Some(200..=203) => "Ask your interface support to correct the connection settings with the registry; sending it again unchanged will not help.".to_string(),
            _ => format!("{correct} and send the whole record again; sending it unchanged will not help."),
        },
        (Severity::Error, Reach::RetryLater) => {
            "Nothing to correct: send it again later; if it keeps failing, contact the registry."
                .to_string()
        }
        (Severity::Error, Reach::Message) => format!("{correct} and send the whole record again."),
        (Severity::Error, Reach::Part) => {
            if subject.contains("dose") || subject.starts_with("vaccination") {
                format!("{correct} and send this vaccination again.")
            } else {
                format!("{correct} and send the record again.")
            }
        }
        (Severity::Warning, _) => {
            "No need to send it again; correct it in the chart for future messages.".to_string()
        }
        (Severity::Information, _) => "Nothing to do.".to_string(),
    };
    (capitalized(&message), fix)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn dose_error() {
        let at = ErrorLocation::field("RXA", 1, 5);
        let (m, f) = sentences(&Row {
            severity: Severity::Error,
            hl7_code: Some(Hl7ErrorCode::TABLE_VALUE_NOT_FOUND),
            app_code: None,
            location: &at,
            label: Some("RXA-5 Administered Code"),
            subject: "the DTaP dose given on 2024-03-15",
            reach: Reach::Part,
        });
        assert_eq!(
            m,
            "The registry did not store the DTaP dose given on 2024-03-15: RXA-5 Administered Code holds a code the registry does not recognise."
        );
        assert_eq!(
            f,
            "Correct RXA-5 Administered Code and send this vaccination again."
        );
    }

    #[test]
    fn text_only_row() {
        let at = ErrorLocation::message();
        let (m, _) = sentences(&Row {
            severity: Severity::Error,
            hl7_code: None,
            app_code: None,
            location: &at,
            label: None,
            subject: "the message",
            reach: Reach::Message,
        });
        assert_eq!(
            m,
            "The registry rejected the message (see the registry's text)."
        );
    }
}
