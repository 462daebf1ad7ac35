//! One request/response exchange over MLLP, sans-I/O: frame the message, feed what the connection
//! brings, get the reply's frame.
//!
//! MLLP is synchronous: the sender writes one framed message and waits for the receiver's ACK (or RSP)
//! in its own frame on the same connection before sending the next. [`MllpExchange`] is that wait as a
//! state machine on top of [`er7::mllp`]'s framing: it never touches a socket, so the
//! caller decides on timeouts (a timeout is a [`TransportError::Timeout`](crate::iis::retry::TransportError::Timeout)
//! for the [`retry`](crate::iis::retry) policy; close the connection before retrying).
//!
//! The reply is correlated by MSA-2 with the request's MSH-10: a reply that names another message is
//! an error (a late answer to an earlier message, on a connection that should have been closed).
//! Bytes outside frames, an oversized frame, or a negative commit acknowledgement (MLLP release 2) end
//! the exchange with an error: close the connection. A positive commit acknowledgement is skipped.
//!
//! ```
//! use izmsg::iis::mllp::{MllpExchange, Progress};
//! let mut x = MllpExchange::new(b"MSH|^~\\&|EHR|C|IIS|S|20240101||VXU^V04^VXU_V04|M1|P|2.5.1\r", 1 << 20)?;
//! assert_eq!(x.request_frame().first(), Some(&0x0b)); // write this to the connection
//! // The reply arrives in pieces:
//! assert_eq!(x.feed(b"\x0bMSH|^~\\&|IIS|S|EHR|C|20240101||ACK^V04^ACK|A1|P|2.5.1\rMSA|A")?, Progress::NeedMore);
//! let Progress::Reply(ack) = x.feed(b"A|M1\r\x1c\x0d")? else { panic!() };
//! assert!(ack.ends_with(b"MSA|AA|M1\r"));
//! # Ok::<(), izmsg::iis::mllp::ExchangeError>(())
//! ```

use crate::er7::{self, mllp};

/// Where an exchange stands after a [`feed`](MllpExchange::feed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// No whole reply yet: read more from the connection.
    NeedMore,
    /// The reply (the bytes between the frame's start and end blocks). The exchange is over.
    Reply(Vec<u8>),
}

/// Why an exchange failed. Close the connection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExchangeError {
    /// The message holds a byte MLLP cannot carry (0x0B or 0x1C).
    #[error(
        "byte {offset} of the message is an MLLP block byte (0x0B or 0x1C) and cannot be framed"
    )]
    Unframeable {
        /// Where it is.
        offset: usize,
    },
    /// The reply stream is not clean MLLP (bytes outside a frame, a frame over the limit).
    #[error("{0}")]
    Framing(mllp::MllpError),
    /// The receiver sent a negative commit acknowledgement (MLLP release 2 NAK block).
    #[error("the receiver refused the message with an MLLP commit NAK")]
    CommitNak,
    /// The reply's MSA-2 names another message than the one sent.
    #[error(
        "the reply's MSA-2 does not match the message's MSH-10 (a late answer to another message?)"
    )]
    Uncorrelated,
    /// The connection closed before the whole reply came.
    #[error("the connection closed before the reply came")]
    Closed,
    /// [`feed`](MllpExchange::feed) after the reply was returned.
    #[error("the exchange is over; start a new one for the next message")]
    Finished,
}

/// One message sent over MLLP and its reply awaited.
#[derive(Debug, Clone)]
pub struct MllpExchange {
    frame: Vec<u8>,
    control_id: Option<String>,
    deframer: mllp::Deframer,
    finished: bool,
}

impl MllpExchange {
    /// An exchange for `message` (one HL7 message, CR-terminated segments), accepting a reply frame of
    /// at most `max_reply` bytes.
    pub fn new(message: &[u8], max_reply: usize) -> Result<MllpExchange, ExchangeError> {
        if let Some(offset) = message
            .iter()
            .position(|&b| b == mllp::START || b == mllp::END)
        {
            return Err(ExchangeError::Unframeable { offset });
        }
        let control_id = er7::parse(message).ok().and_then(|m| {
            let id = m.segment_by_id("MSH")?.field(10)?.text().trim().to_string();
            (!id.is_empty()).then_some(id)
        });
        Ok(MllpExchange {
            frame: mllp::frame(message),
            control_id,
            deframer: mllp::Deframer::new(max_reply),
            finished: false,
        })
    }

    /// The framed message: write it to the connection.
    pub fn request_frame(&self) -> &[u8] {
        &self.frame
    }

    /// The message's control id (MSH-10), against which the reply's MSA-2 is checked; `None` when the
    /// message has none (the reply is then not checked).
    pub fn control_id(&self) -> Option<&str> {
        self.control_id.as_deref()
    }

    /// Bytes read from the connection, in chunks of any size.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<Progress, ExchangeError> {
        if self.finished {
            return Err(ExchangeError::Finished);
        }
        self.deframer.push(bytes);
        loop {
            match self.deframer.next_frame() {
                Ok(mllp::Frame::Partial) => return Ok(Progress::NeedMore),
                Ok(mllp::Frame::Message(m)) => match m.as_slice() {
                    [0x06] => continue,
                    [0x15] => {
                        self.finished = true;
                        return Err(ExchangeError::CommitNak);
                    }
                    _ => {
                        self.finished = true;
                        self.correlate(&m)?;
                        return Ok(Progress::Reply(m));
                    }
                },
                Err(e) => {
                    self.finished = true;
                    return Err(ExchangeError::Framing(e));
                }
            }
        }
    }

    /// The connection closed (or the caller gave up): an error unless the reply came.
    pub fn close(&self) -> Result<(), ExchangeError> {
        if self.finished {
            Ok(())
        } else {
            Err(ExchangeError::Closed)
        }
    }

    /// Whether the exchange is over (reply returned or failed).
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    fn correlate(&self, reply: &[u8]) -> Result<(), ExchangeError> {
        let Some(sent) = &self.control_id else {
            return Ok(());
        };
        let Ok(parsed) = er7::parse(reply) else {
            // Not HL7: the ACK reader will say there was no valid acknowledgement.
            return Ok(());
        };
        match parsed.segment_by_id("MSA").and_then(|msa| msa.field(2)) {
            Some(v) if v.text().trim() != sent.as_str() => Err(ExchangeError::Uncorrelated),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const VXU: &[u8] = b"MSH|^~\\&|EHR|C|IIS|S|20240101||VXU^V04^VXU_V04|M1|P|2.5.1\rPID|1\r";

    fn ack(id: &str) -> Vec<u8> {
        mllp::frame(
            format!("MSH|^~\\&|IIS|S|EHR|C|20240101||ACK^V04^ACK|A|P|2.5.1\rMSA|AA|{id}\r")
                .as_bytes(),
        )
    }

    #[test]
    fn reply_byte_by_byte() {
        let mut x = MllpExchange::new(VXU, 4096).unwrap();
        assert_eq!(x.control_id(), Some("M1"));
        assert_eq!(x.request_frame(), mllp::frame(VXU).as_slice());
        let frame = ack("M1");
        let (last, head) = frame.split_last().unwrap();
        for b in head {
            assert_eq!(x.feed(&[*b]).unwrap(), Progress::NeedMore);
        }
        assert!(x.close().is_err());
        let Progress::Reply(r) = x.feed(&[*last]).unwrap() else {
            unreachable!("no reply")
        };
        assert!(r.ends_with(b"MSA|AA|M1\r"));
        assert_eq!(x.close(), Ok(()));
        assert_eq!(x.feed(b"x"), Err(ExchangeError::Finished));
    }

    #[test]
    fn commit_ack_is_skipped_and_nak_refused() {
        let mut x = MllpExchange::new(VXU, 4096).unwrap();
        let mut bytes = b"\x0b\x06\x1c\x0d".to_vec();
        bytes.extend(ack("M1"));
        assert!(matches!(x.feed(&bytes), Ok(Progress::Reply(_))));
        let mut x = MllpExchange::new(VXU, 4096).unwrap();
        assert_eq!(x.feed(b"\x0b\x15\x1c\x0d"), Err(ExchangeError::CommitNak));
    }

    #[test]
    fn wrong_reply_garbage_and_oversize_are_errors() {
        let mut x = MllpExchange::new(VXU, 4096).unwrap();
        assert_eq!(x.feed(&ack("OTHER")), Err(ExchangeError::Uncorrelated));
        let mut x = MllpExchange::new(VXU, 4096).unwrap();
        assert!(matches!(
            x.feed(b"HTTP/1.1 400 Bad Request\r\n"),
            Err(ExchangeError::Framing(_))
        ));
        let mut x = MllpExchange::new(VXU, 16).unwrap();
        assert!(matches!(x.feed(&ack("M1")), Err(ExchangeError::Framing(_))));
        assert_eq!(
            MllpExchange::new(b"\x0bMSH|", 16).unwrap_err(),
            ExchangeError::Unframeable { offset: 0 }
        );
    }

    #[test]
    fn a_reply_that_is_not_hl7_is_returned() {
        let mut x = MllpExchange::new(VXU, 4096).unwrap();
        assert_eq!(
            x.feed(b"\x0bplain text\x1c\x0d"),
            Ok(Progress::Reply(b"plain text".to_vec()))
        );
    }
}
