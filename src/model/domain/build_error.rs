//! [`BuildError`]: why [`VxuBuilder::build`](super::VxuBuilder::build) refused its inputs, naming
//! the input ([`Input`]) and never quoting a value.

use std::fmt;

use crate::model::message::MissingParts;

use super::vaccination::{AmountError, VaccineNdcError};

/// An input of a VXU builder, as a [`BuildError`] names it. Vaccinations are numbered from 1, in
/// the order they were added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Input {
    /// The message control ID (MSH-10).
    ControlId,
    /// The patient's first identifier (PID-3.1).
    PatientIdentifier,
    /// The family name of the patient's first name (PID-5.1).
    PatientFamilyName,
    /// The sending responsible organization (MSH-22): a name or an identifier.
    SendingOrganization,
    /// The receiving responsible organization (MSH-23): a name or an identifier.
    ReceivingOrganization,
    /// The software vendor's name or identifier (SFT-1).
    SoftwareVendor,
    /// The software's certified version or release (SFT-2).
    SoftwareVersion,
    /// The software's product name (SFT-3).
    SoftwareProduct,
    /// The software's binary ID (SFT-4).
    SoftwareBinaryId,
    /// The record's stable ID of a vaccination (ORC-3.1).
    OrderId {
        /// Which vaccination, from 1.
        vaccination: usize,
    },
    /// The vaccine of a vaccination (RXA-5).
    Vaccine {
        /// Which vaccination, from 1.
        vaccination: usize,
    },
    /// The amount of a vaccination (RXA-6).
    Amount {
        /// Which vaccination, from 1.
        vaccination: usize,
    },
    /// A lot number of a vaccination (RXA-15).
    LotNumber {
        /// Which vaccination, from 1.
        vaccination: usize,
    },
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::ControlId => f.write_str("the message control ID (MSH-10)"),
            Input::PatientIdentifier => f.write_str("the patient's identifier (PID-3.1)"),
            Input::PatientFamilyName => f.write_str("the patient's family name (PID-5.1)"),
            Input::SendingOrganization => {
                f.write_str("the sending responsible organization (MSH-22)")
            }
            Input::ReceivingOrganization => {
                f.write_str("the receiving responsible organization (MSH-23)")
            }
            Input::SoftwareVendor => f.write_str("the software vendor (SFT-1)"),
            Input::SoftwareVersion => f.write_str("the software version (SFT-2)"),
            Input::SoftwareProduct => f.write_str("the software product name (SFT-3)"),
            Input::SoftwareBinaryId => f.write_str("the software binary ID (SFT-4)"),
            Input::OrderId { vaccination } => {
                write!(f, "the record ID of vaccination {vaccination} (ORC-3.1)")
            }
            Input::Vaccine { vaccination } => {
                write!(f, "the vaccine of vaccination {vaccination} (RXA-5)")
            }
            Input::Amount { vaccination } => {
                write!(f, "the amount of vaccination {vaccination} (RXA-6)")
            }
            Input::LotNumber { vaccination } => {
                write!(f, "a lot number of vaccination {vaccination} (RXA-15)")
            }
        }
    }
}

/// Why a VXU was not built. Its `Display` names the input and the rule, never the value: inputs
/// carry patient data.
///
/// ```
/// use chrono::{DateTime, NaiveDate};
/// use izmsg::model::domain::*;
///
/// let born = NaiveDate::from_ymd_opt(2023, 8, 1).unwrap();
/// let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
/// let patient = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane"), born, Sex::Female);
/// let err = Vxu::builder("", sent, patient).build().unwrap_err();
/// assert_eq!(err, BuildError::Empty { input: Input::ControlId });
/// assert_eq!(err.to_string(), "the message control ID (MSH-10) is empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A required text is empty or white space.
    #[error("{input} is empty")]
    Empty {
        /// Which.
        input: Input,
    },
    /// An amount that is no dose's (see [`Amount`](super::Amount)).
    #[error("{input}: {error}")]
    Amount {
        /// Which ([`Input::Amount`]).
        input: Input,
        /// Why.
        error: AmountError,
    },
    /// A vaccine given by a unit-of-sale NDC (see [`VaccineCode::ndc`](super::VaccineCode::ndc)).
    #[error("{input}: {error}")]
    Vaccine {
        /// Which ([`Input::Vaccine`]).
        input: Input,
        /// Why, with the unit(s) of use to send instead.
        error: VaccineNdcError,
    },
    /// The message built lacks what it must have (a builder bug, should it happen).
    #[error("the built message cannot be encoded: {0}")]
    Encode(#[from] MissingParts),
}

impl BuildError {
    /// The input the error is about (`None` for [`BuildError::Encode`]).
    pub fn input(&self) -> Option<Input> {
        match self {
            BuildError::Empty { input }
            | BuildError::Amount { input, .. }
            | BuildError::Vaccine { input, .. } => Some(*input),
            BuildError::Encode(_) => None,
        }
    }
}
