//! What an acknowledgement means for the message that was sent.

use std::fmt;

/// What the registry did with the message, and so what the sender must do.
///
/// ```
/// use izmsg::iis::ack::{Outcome, Retry, Scope};
/// assert!(Outcome::AcceptedWithWarnings.is_accepted());
/// assert_eq!(Outcome::Rejected { scope: Scope::Part }.as_str(), "rejected");
/// assert!(Outcome::NotProcessed { retry: Retry::Later }.to_string().contains("later"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "outcome", rename_all = "snake_case"))]
pub enum Outcome {
    /// Everything was accepted (there may be information rows).
    Accepted,
    /// Everything was accepted, with warnings about data that was wrong or dropped: correct it at the
    /// source; do not resend for warnings alone.
    AcceptedWithWarnings,
    /// Data was rejected: fix it and send it again.
    Rejected {
        /// What was rejected: part of the message (doses, next of kin) or all of it.
        scope: Scope,
    },
    /// The registry did not process the message at all.
    NotProcessed {
        /// Whether resending can help without a change.
        retry: Retry,
    },
    /// The answer is not a valid acknowledgement of the message sent: treat the message as not
    /// delivered.
    NoValidAck {
        /// Why.
        reason: NoAck,
    },
}

/// What a rejection covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Scope {
    /// Only ORDER groups (doses) or optional segments such as NK1 were dropped; the patient and the
    /// other doses were stored. Fix and resend the doses named.
    Part,
    /// The message (or the patient record) was rejected: nothing of it was stored. Fix and resend the
    /// whole message with a new MSH-10.
    Message,
}

/// Whether a message that was not processed may simply be sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Retry {
    /// Resending unchanged will not help: the message type, version, processing ID or content must
    /// be corrected first (HL7 0357 codes 200-203, or a rejection the registry explains).
    AfterFix,
    /// The registry failed on its side (206 record locked, 207 internal error): send it again later.
    Later,
}

/// Why an answer is not a valid acknowledgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NoAck {
    /// The bytes are not an HL7 message.
    NotHl7,
    /// MSH-9 does not say ACK (or what the registry's policy accepts instead).
    NotAnAck,
    /// There is no MSA, or MSA-1 is not an acknowledgement code.
    NoAcknowledgementCode,
    /// MSA-2 does not name the message that was sent.
    ControlIdMismatch,
}

impl Outcome {
    /// The outcome's name: `accepted`, `accepted_with_warnings`, `rejected`, `not_processed`,
    /// `no_valid_ack`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::AcceptedWithWarnings => "accepted_with_warnings",
            Outcome::Rejected { .. } => "rejected",
            Outcome::NotProcessed { .. } => "not_processed",
            Outcome::NoValidAck { .. } => "no_valid_ack",
        }
    }

    /// True when the registry stored everything (with or without warnings).
    pub fn is_accepted(&self) -> bool {
        matches!(self, Outcome::Accepted | Outcome::AcceptedWithWarnings)
    }

    /// True when nothing of the message was stored (rejected whole, not processed, or no valid ACK).
    pub fn nothing_stored(&self) -> bool {
        matches!(
            self,
            Outcome::Rejected {
                scope: Scope::Message
            } | Outcome::NotProcessed { .. }
                | Outcome::NoValidAck { .. }
        )
    }

    /// What the sender must do, in a sentence for clinic staff.
    pub fn action(&self) -> &'static str {
        match self {
            Outcome::Accepted => "Nothing to do.",
            Outcome::AcceptedWithWarnings => {
                "No need to resend; correct what the warnings name in the chart for future messages."
            }
            Outcome::Rejected { scope: Scope::Part } => {
                "Correct the doses or details named below and send those vaccinations again."
            }
            Outcome::Rejected {
                scope: Scope::Message,
            } => "Correct what is named below and send the whole record again.",
            Outcome::NotProcessed {
                retry: Retry::AfterFix,
            } => {
                "Sending it again unchanged will not help: correct what is named below, or ask your interface support to check the connection settings with the registry."
            }
            Outcome::NotProcessed {
                retry: Retry::Later,
            } => {
                "Nothing to correct: send it again later; if it keeps failing, contact the registry."
            }
            Outcome::NoValidAck { .. } => {
                "Treat the record as not sent: send it again later; if this keeps happening, contact your interface support."
            }
        }
    }
}

impl fmt::Display for Outcome {
    /// What happened, for clinic staff: `Accepted by the registry`, `Rejected: nothing was stored` ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Outcome::Accepted => "Accepted by the registry",
            Outcome::AcceptedWithWarnings => "Accepted by the registry, with warnings",
            Outcome::Rejected { scope: Scope::Part } => "Partly rejected: some data was not stored",
            Outcome::Rejected {
                scope: Scope::Message,
            } => "Rejected: nothing was stored",
            Outcome::NotProcessed {
                retry: Retry::AfterFix,
            } => "Not processed by the registry",
            Outcome::NotProcessed {
                retry: Retry::Later,
            } => "Not processed: the registry could not take it now; try again later",
            Outcome::NoValidAck {
                reason: NoAck::NotHl7,
            } => "No valid acknowledgement: the answer is not an HL7 message",
            Outcome::NoValidAck {
                reason: NoAck::NotAnAck,
            } => "No valid acknowledgement: the answer is not an ACK",
            Outcome::NoValidAck {
                reason: NoAck::NoAcknowledgementCode,
            } => "No valid acknowledgement: the answer has no acknowledgement code (MSA-1)",
            Outcome::NoValidAck {
                reason: NoAck::ControlIdMismatch,
            } => "No valid acknowledgement: the answer is for another message (MSA-2)",
        };
        f.write_str(s)
    }
}
