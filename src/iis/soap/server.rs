//! Helpers for the server side: the fault to answer a request that could not be read, and the checks
//! the WSDL asks of a submission (one message per call, under the size limit).

use super::error::ReadError;
use super::fault::{Fault, FaultKind, SoapCode};
use super::message::{Envelope, Reply, Submission};
use super::wsdl::Wsdl;

impl ReadError {
    /// The fault a server answers to a request it could not read: `UnsupportedOperationFault` for a
    /// body that is no operation, `MessageTooLargeFault` for an envelope over the size limit, a SOAP
    /// `VersionMismatch` for SOAP 1.1, and a SOAP `Sender` fault saying what was wrong otherwise (the
    /// error's text, which quotes nothing from the request).
    ///
    /// ```
    /// use izmsg::iis::soap::{self, FaultKind};
    /// let err = soap::read_request(br#"<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body>
    ///   <submitBatch xmlns="urn:cdc:iisb:2011"/></Body></Envelope>"#, &Default::default()).unwrap_err();
    /// assert_eq!(err.fault().kind, FaultKind::UnsupportedOperation);
    /// ```
    pub fn fault(&self) -> Fault {
        match self {
            ReadError::UnsupportedOperation { .. } => Fault::unsupported_operation(
                "The body is neither connectivityTest nor submitSingleMessage of this service",
            ),
            ReadError::TooLarge { len, max } => Fault::message_too_large(
                u64::try_from(*len).unwrap_or(u64::MAX),
                u64::try_from(*max).unwrap_or(u64::MAX),
            ),
            ReadError::Soap11 { .. } => Fault {
                kind: FaultKind::Untyped(SoapCode::VersionMismatch),
                code: SoapCode::VersionMismatch,
                reason: self.to_string(),
                detail: Box::default(),
            },
            _ => Fault {
                kind: FaultKind::Untyped(SoapCode::Sender),
                code: SoapCode::Sender,
                reason: self.to_string(),
                detail: Box::default(),
            },
        }
    }

    /// The WSDL a fault for this error should follow: the one whose namespace the request's body was
    /// in, when known, else `server` (the server's own).
    pub fn reply_wsdl(&self, server: Wsdl) -> Wsdl {
        match self {
            ReadError::UnsupportedOperation { wsdl: Some(w), .. } => *w,
            _ => server,
        }
    }

    /// The whole fault envelope to answer (see [`fault`](Self::fault)); write it with
    /// [`Envelope::to_http`].
    pub fn reply(&self, server: Wsdl) -> Envelope<Reply> {
        Envelope {
            wsdl: self.reply_wsdl(server),
            addressing: None,
            hub: None,
            body: Reply::Fault(self.fault()),
        }
    }
}

impl Submission {
    /// How many HL7 messages the payload holds: its `MSH` segments.
    ///
    /// ```
    /// use izmsg::iis::soap::{Credentials, Submission};
    /// let s = Submission { credentials: Credentials::none(), facility_id: None,
    ///     hl7_message: "MSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\rPID|1\r".into() };
    /// assert_eq!(s.message_count(), 2);
    /// ```
    pub fn message_count(&self) -> usize {
        self.hl7_message
            .split(['\r', '\n'])
            .filter(|seg| seg.trim_start().starts_with("MSH"))
            .count()
    }

    /// The checks the WSDL asks of a server: a `MessageTooLargeFault` when the payload holds more than
    /// one message or more than `max_bytes` bytes.
    ///
    /// ```
    /// use izmsg::iis::soap::{Credentials, FaultKind, Submission};
    /// let s = Submission { credentials: Credentials::none(), facility_id: None,
    ///     hl7_message: "MSH|^~\\&|A\rMSH|^~\\&|B\r".into() };
    /// assert_eq!(s.check_size(1 << 20).unwrap_err().kind, FaultKind::MessageTooLarge);
    /// ```
    pub fn check_size(&self, max_bytes: u64) -> Result<(), Fault> {
        let count = self.message_count();
        if count > 1 {
            let mut f = Fault::new(
                FaultKind::MessageTooLarge,
                format!("{count} HL7 messages in one call; send one message per call"),
            );
            f.detail.size = u64::try_from(count).ok();
            f.detail.max_size = Some(1);
            return Err(f);
        }
        let len = u64::try_from(self.hl7_message.len()).unwrap_or(u64::MAX);
        if len > max_bytes {
            return Err(Fault::message_too_large(len, max_bytes));
        }
        Ok(())
    }
}
