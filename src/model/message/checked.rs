//! [`Message::try_encode`]: encoding that refuses a message a receiver could not read as what it
//! claims to be, where [`Message::encode`] writes whatever the typed message holds.

use super::Message;
use crate::model::any::AnySegment;

/// Why [`Message::try_encode`] refused a message. Its `Display` names segments and fields, never
/// their content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// MSH-9.1 (message code) is empty: the receiver could not tell what the message is.
    #[error("MSH-9 (message type) is empty")]
    MissingMessageType,
    /// MSH-9.1 names another message than the structure holds (`ACK` in a [`Message::Vxu`], say):
    /// the receiver would read the segments as the wrong structure.
    #[error("MSH-9.1 says `{found}` but the message is a {expected}")]
    MessageTypeMismatch {
        /// The code the structure calls for (`VXU`, `ACK`, `QBP`, `RSP`).
        expected: &'static str,
        /// MSH-9.1 as it stands (a code from HL7 table 0076, not patient data).
        found: String,
    },
    /// A segment the structure requires is not there (PID in a VXU, MSA in an ACK, QPD and RCP in
    /// a QBP, MSA, QAK and QPD in an RSP; MSH first in any other message).
    #[error("the {structure} has no {segment} segment, which it requires")]
    MissingSegment {
        /// The structure (`VXU`, `ACK` ...).
        structure: &'static str,
        /// The segment id.
        segment: &'static str,
    },
}

impl Message {
    /// Writes the message as ER7 (CR terminators), after checking that it is one a receiver can
    /// read as what it claims to be: MSH-9.1 is there and names this structure, and every segment
    /// the structure requires is there.
    ///
    /// Use it to send what you built. [`encode`](Message::encode) never fails and writes whatever
    /// the typed message holds, byte for byte what was read: use it to write back, log or forward
    /// a message as it came, valid or not.
    ///
    /// ```
    /// use izmsg::model::{EncodeError, Message, Qbp};
    /// // A QBP with nothing in it: `encode` writes a bare header, `try_encode` refuses.
    /// let empty = Message::Qbp(Box::new(Qbp::default()));
    /// assert_eq!(empty.encode(), b"MSH|^~\\&\r");
    /// assert_eq!(empty.try_encode(), Err(EncodeError::MissingMessageType));
    ///
    /// let ack = izmsg::model::decode(b"MSH|^~\\&|IIS|ME|EHR|C|20240315||ACK^V04^ACK|A1|P|2.5.1\rMSA|AA|M1\r")?.message;
    /// assert_eq!(ack.try_encode()?, ack.encode());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_encode(&self) -> Result<Vec<u8>, EncodeError> {
        self.check()?;
        Ok(self.encode())
    }

    /// What [`try_encode`](Message::try_encode) checks, without encoding.
    pub fn check(&self) -> Result<(), EncodeError> {
        let (structure, missing): (&'static str, Option<&'static str>) = match self {
            Message::Vxu(m) => ("VXU", m.pid.is_none().then_some("PID")),
            Message::Ack(m) => ("ACK", m.msa.is_none().then_some("MSA")),
            Message::Qbp(m) => (
                "QBP",
                [(m.qpd.is_none(), "QPD"), (m.rcp.is_none(), "RCP")]
                    .into_iter()
                    .find_map(|(gone, id)| gone.then_some(id)),
            ),
            Message::Rsp(m) => (
                "RSP",
                [
                    (m.msa.is_none(), "MSA"),
                    (m.qak.is_none(), "QAK"),
                    (m.qpd.is_none(), "QPD"),
                ]
                .into_iter()
                .find_map(|(gone, id)| gone.then_some(id)),
            ),
            Message::Other { segments } => {
                if !matches!(segments.first(), Some(AnySegment::Msh(_))) {
                    return Err(EncodeError::MissingSegment {
                        structure: "message",
                        segment: "MSH",
                    });
                }
                ("", None)
            }
        };
        let code = self
            .msh()
            .and_then(|h| h.message_type.as_ref())
            .map(|t| t.message_code.as_str().trim())
            .unwrap_or_default();
        if code.is_empty() {
            return Err(EncodeError::MissingMessageType);
        }
        if !structure.is_empty() && code != structure {
            return Err(EncodeError::MessageTypeMismatch {
                expected: structure,
                found: code.chars().take(8).collect(),
            });
        }
        match missing {
            Some(segment) => Err(EncodeError::MissingSegment { structure, segment }),
            None => Ok(()),
        }
    }
}
