//! Encoding only what a receiver can use: [`Message::try_encode`] refuses a message without its
//! message type, control ID or the segments its structure requires, where [`Message::encode`]
//! writes whatever it holds (a `Qbp::default()` encodes to a bare `MSH|^~\&`).

use std::fmt;

use super::Message;

/// What a message lacks to be worth sending: MSH fields and required segments, by their HL7 names.
/// Its `Display` names the parts, never a value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MissingParts {
    /// The structure (`QBP`, `RSP`, `VXU`, `ACK`; `message` for another one).
    pub structure: String,
    /// What is missing, in message order (`MSH-9`, `QPD`, `RCP` ...).
    pub missing: Vec<&'static str>,
}

impl fmt::Display for MissingParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} not encoded: missing ", self.structure)?;
        for (i, part) in self.missing.iter().enumerate() {
            if i > 0 {
                f.write_str(if i + 1 == self.missing.len() {
                    " and "
                } else {
                    ", "
                })?;
            }
            f.write_str(part)?;
        }
        f.write_str(" (required by the IG's message structure)")
    }
}

impl std::error::Error for MissingParts {}

impl Message {
    /// The MSH fields (MSH-9 message type, MSH-10 control ID) and segments the message's structure
    /// requires but it does not have: `PID` for a VXU, `MSA` for an ACK, `QPD` and `RCP` for a QBP,
    /// `MSA`, `QAK` and `QPD` for an RSP. Empty when nothing is missing.
    pub fn missing_parts(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        let msh = self.msh();
        let has_type = msh
            .and_then(|h| h.message_type.as_ref())
            .is_some_and(|t| !t.message_code.trim().is_empty());
        if !has_type {
            missing.push("MSH-9");
        }
        let has_control_id = msh
            .and_then(|h| h.message_control_id.as_ref())
            .is_some_and(|c| !c.trim().is_empty());
        if !has_control_id {
            missing.push("MSH-10");
        }
        let segments: &[(&'static str, bool)] = match self {
            Message::Vxu(m) => &[("PID", m.pid.is_some())],
            Message::Ack(m) => &[("MSA", m.msa.is_some())],
            Message::Qbp(m) => &[("QPD", m.qpd.is_some()), ("RCP", m.rcp.is_some())],
            Message::Rsp(m) => &[
                ("MSA", m.msa.is_some()),
                ("QAK", m.qak.is_some()),
                ("QPD", m.qpd.is_some()),
            ],
            Message::Other { segments } => &[("MSH", !segments.is_empty() && msh.is_some())],
        };
        missing.extend(
            segments
                .iter()
                .filter(|(_, present)| !present)
                .map(|(id, _)| *id),
        );
        missing
    }

    /// Writes the message as [`encode`](Message::encode) does, when it has its message type, its
    /// control ID and the segments its structure requires ([`missing_parts`](Message::missing_parts)).
    ///
    /// ```
    /// use izmsg::model::{Message, Qbp};
    /// let empty = Message::Qbp(Box::new(Qbp::default()));
    /// let err = empty.try_encode().unwrap_err();
    /// assert_eq!(err.missing, ["MSH-9", "MSH-10", "QPD", "RCP"]);
    /// assert_eq!(err.to_string(), "QBP not encoded: missing MSH-9, MSH-10, QPD and RCP (required by the IG's message structure)");
    /// ```
    pub fn try_encode(&self) -> Result<Vec<u8>, MissingParts> {
        let missing = self.missing_parts();
        if missing.is_empty() {
            return Ok(self.encode());
        }
        let structure = match self {
            Message::Vxu(_) => "VXU",
            Message::Ack(_) => "ACK",
            Message::Qbp(_) => "QBP",
            Message::Rsp(_) => "RSP",
            Message::Other { .. } => "message",
        };
        Err(MissingParts {
            structure: structure.to_string(),
            missing,
        })
    }
}
