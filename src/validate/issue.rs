//! One finding about a message: what rule, how bad, where, and two sentences for people.

use std::borrow::Cow;
use std::fmt;

use crate::model::segments::ErrSegment;
use crate::model::types::{Cwe, Erl, Id, Nm, St, Tx};

use super::{AppErrorCode, ErrorLocation, Hl7ErrorCode, Severity};

/// One finding: a validation rule that fired, or a row of a registry's acknowledgement.
///
/// * `rule` is a stable id: for this crate's rules one of the catalogue ([`rules`](super::rules));
///   for a registry's row, the registry's own code.
/// * `location` is the ERR-2 place; `vaccination` the ORDER group (1-based) it belongs to, when it
///   belongs to one, so an EHR can mark the dose.
/// * `message` says what is wrong and `fix` what to do, for clinic staff. Neither ever holds a
///   patient value (name, birth date, address, identifier, phone); `value` holds the offending
///   value only when the caller asked for values ([`Validator::with_values`](super::Validator::with_values)).
///
/// ```
/// use izmsg::validate::{ErrorLocation, Hl7ErrorCode, Issue, Severity};
/// let issue = Issue::new("DQ-LOT-001", Severity::Warning, ErrorLocation::field("RXA", 1, 15))
///     .with_hl7_code(Hl7ErrorCode::REQUIRED_FIELD_MISSING)
///     .with_text("The lot number of the DTaP dose given on 2024-03-15 is missing.", "Enter it from the vial.");
/// assert_eq!(issue.to_string(), "warning at RXA-15: The lot number of the DTaP dose given on 2024-03-15 is missing.");
/// let err = issue.to_err();
/// assert_eq!(err.severity.as_ref().unwrap().as_str(), "W");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Issue {
    /// Stable rule id (`IG-REQUIRED`, `DQ-LOT-001`, `IZ-23`, or a registry's code).
    pub rule: Cow<'static, str>,
    /// Error, warning or information (HL7 0516).
    pub severity: Severity,
    /// Where, as ERR-2 says it.
    pub location: ErrorLocation,
    /// The vaccination (ORDER group, from 1) it belongs to, if any.
    pub vaccination: Option<usize>,
    /// HL7 error code (0357, ERR-3).
    pub hl7_code: Hl7ErrorCode,
    /// Application error code (0533, ERR-5), where one fits.
    pub app_code: Option<AppErrorCode>,
    /// The field's label from the declarations: `RXA-15 Substance Lot Number`.
    pub label: Option<Cow<'static, str>>,
    /// What is wrong, for clinic staff.
    pub message: String,
    /// What to do about it, for clinic staff.
    pub fix: String,
    /// The value at fault, only when the caller asked for values.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub value: Option<String>,
    /// For a registry's row: its text as sent (ERR-8, or ERR-9/ERR-7 when ERR-8 is empty), kept
    /// verbatim apart from `message`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub registry_text: Option<String>,
}

impl Issue {
    /// An issue with no codes or text yet (HL7 code 0, no application code).
    pub fn new(
        rule: impl Into<Cow<'static, str>>,
        severity: Severity,
        location: ErrorLocation,
    ) -> Issue {
        Issue {
            rule: rule.into(),
            severity,
            location,
            vaccination: None,
            hl7_code: Hl7ErrorCode::MESSAGE_ACCEPTED,
            app_code: None,
            label: None,
            message: String::new(),
            fix: String::new(),
            value: None,
            registry_text: None,
        }
    }

    /// With the HL7 error code.
    pub fn with_hl7_code(mut self, code: Hl7ErrorCode) -> Issue {
        self.hl7_code = code;
        self
    }

    /// With the application error code.
    pub fn with_app_code(mut self, code: AppErrorCode) -> Issue {
        self.app_code = Some(code);
        self
    }

    /// With the sentences for people.
    pub fn with_text(mut self, message: impl Into<String>, fix: impl Into<String>) -> Issue {
        self.message = message.into();
        self.fix = fix.into();
        self
    }

    /// Belonging to vaccination `n` (from 1).
    pub fn in_vaccination(mut self, n: Option<usize>) -> Issue {
        self.vaccination = n;
        self
    }

    /// The ERR-2 text (`RXA^1^15^1`).
    pub fn erl(&self) -> String {
        self.location.erl()
    }

    /// The issue as an ERR segment, as an IIS writes it: ERR-2 location, ERR-3 HL7 code (HL70357),
    /// ERR-4 severity, ERR-5 application code (HL70533; a code outside the IG's value set goes in the
    /// alternate triplet with coding system `L`, as AIRA's tools do), ERR-8 the message and the fix.
    pub fn to_err(&self) -> ErrSegment {
        let mut err = ErrSegment::default();
        if !self.location.is_message() {
            let l = &self.location;
            let num = |n: u16| {
                if n > 0 {
                    Nm::new(&n.to_string())
                } else {
                    Nm::default()
                }
            };
            let deeper = [
                l.field,
                l.repetition.max(u16::from(l.field > 0)),
                l.component,
                l.subcomponent,
            ];
            let mut levels = [Nm::default(), Nm::default(), Nm::default(), Nm::default()];
            for (i, (slot, n)) in levels.iter_mut().zip(deeper).enumerate() {
                if n == 0 || deeper.iter().take(i).any(|d| *d == 0) {
                    break;
                }
                *slot = num(n);
            }
            let [
                field_position,
                field_repetition,
                component_number,
                sub_component_number,
            ] = levels;
            err.error_location = Some(Box::new(Erl {
                segment_id: St::new(&l.segment),
                segment_sequence: Nm::new(&l.sequence.max(1).to_string()),
                field_position,
                field_repetition,
                component_number,
                sub_component_number,
                ..Erl::default()
            }));
        }
        let code = self.hl7_code.to_string();
        err.hl7_error_code = Some(Box::new(Cwe {
            identifier: St::new(&code),
            text: St::new(self.hl7_code.meaning().unwrap_or("")),
            name_of_coding_system: Id::new("HL70357"),
            ..Cwe::default()
        }));
        err.severity = Some(Id::new(self.severity.code()));
        if let Some(app) = &self.app_code {
            err.application_error_code = Some(Box::new(match app.meaning() {
                Some(meaning) => Cwe {
                    identifier: St::new(app.code()),
                    text: St::new(meaning),
                    name_of_coding_system: Id::new("HL70533"),
                    ..Cwe::default()
                },
                None => Cwe {
                    alternate_identifier: St::new(app.code()),
                    name_of_alternate_coding_system: Id::new("L"),
                    ..Cwe::default()
                },
            }));
        }
        let text = match (self.message.is_empty(), self.fix.is_empty()) {
            (false, false) => format!("{} {}", self.message, self.fix),
            (false, true) => self.message.clone(),
            (true, _) => self.registry_text.clone().unwrap_or_default(),
        };
        if !text.is_empty() {
            err.user_message = Some(Tx::new(&text));
        }
        err
    }
}

impl fmt::Display for Issue {
    /// `warning at RXA-15: the message`. Never a patient value: the message holds none, and the
    /// value is not shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {}: {}",
            self.severity,
            self.location.path(),
            self.message
        )
    }
}
