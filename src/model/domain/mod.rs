//! The domain view: a VXU as an EHR developer thinks of it — a [`Patient`], their [`NextOfKin`],
//! and [`Vaccination`]s — read from a decoded message and built into a complete, IG-shaped one.
//!
//! Reading ([`Vxu::patient`], [`Vxu::next_of_kin`], [`Vxu::vaccinations`],
//! [`Vaccination::from_order`], [`Patient::from_pid`]) never fails: what is missing or malformed
//! comes out as `None` or is left out of a list, and the typed message still holds it. Building
//! ([`Vxu::builder`]) writes what the IG fixes by itself (see [`VxuBuilder`]), takes what it
//! requires as constructor arguments, so it cannot be forgotten, and checks at
//! [`build`](VxuBuilder::build) what a type cannot: required texts not empty, amounts a dose can
//! have, no unit-of-sale NDC ([`BuildError`] names the input). Amounts are exact [`Decimal`]s. A VXU
//! built from domain values reads back as the same values.
//!
//! ```
//! use chrono::{DateTime, NaiveDate};
//! use izmsg::model::domain::*;
//! use izmsg::model::{self, Message};
//!
//! let today = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
//! let patient = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane"),
//!     NaiveDate::from_ymd_opt(2023, 8, 1).unwrap(), Sex::Female);
//! let mut dose = Vaccination::administered(OrderId::new("IZ-991", "MYEHR"), VaccineCode::cvx("20"),
//!     today, Amount::ml("0.5")?, Lot::parse("AB123C 12/31/2025")?, Coded::mvx("SKB"), Eligibility::new("V02"));
//! for vis in Vis::current_for_cvx("20", today, VisChoice::PerVaccine) {
//!     dose = dose.with_vis(vis); // the DTaP VIS edition in force on that day
//! }
//! let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
//! let bytes = Vxu::builder("MSG0001", sent, patient).vaccination(dose.clone()).encode()?;
//!
//! let decoded = model::decode(&bytes)?;
//! let Message::Vxu(vxu) = &decoded.message else { unreachable!() };
//! assert_eq!(vxu.patient().legal_name().unwrap().family, "Doe");
//! assert_eq!(vxu.vaccinations(), vec![dose]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build_error;
mod builder;
mod code_lists;
mod coded;
mod decimal;
mod identity;
mod lot;
mod observation;
pub mod observation_codes;
mod organization;
mod patient;
mod person;
mod read_order;
pub(crate) mod sink;
mod timestamp;
mod vaccination;

pub use build_error::{BuildError, Input};
pub(crate) use builder::MshHeader;
pub use builder::{VxuBuilder, VxuBuilderRef};
pub use code_lists::{
    ActionCode, AddressType, CompletionStatus, HistoricalSource, NEW_RECORD, NameType,
    ProcessingId, RefusalReason, RegistryStatus, Sex, TelecomEquipment, TelecomUse,
};
pub use coded::Coded;
pub use decimal::{Decimal, DecimalError};
pub use identity::{Identifier, Namespace, OrderId, Provider};
pub use lot::{Lot, LotError};
pub use observation::{
    ClinicalObservation, Contraindication, ObservationValue, OtherObservation, Vis, VisChoice,
    VisDocumentId,
};
pub use organization::{Organization, Software};
pub use patient::{Dated, NextOfKin, Patient};
pub use person::{Address, PersonName, Telecom};
pub use timestamp::Timestamp;
pub use vaccination::{
    Amount, AmountError, Eligibility, Vaccination, VaccinationKind, VaccineCode, VaccineNdcError,
};

/// The VXU message, here too so that `use izmsg::model::domain::*` is all a builder needs.
pub use super::message::Vxu;

impl Vxu {
    /// The patient (PID and PD1); an empty [`Patient`] when the message has no PID.
    pub fn patient(&self) -> Patient {
        self.pid
            .as_ref()
            .map(|pid| Patient::from_pid(pid, self.pd1.as_ref()))
            .unwrap_or_default()
    }

    /// The next of kin (NK1), in message order.
    pub fn next_of_kin(&self) -> Vec<NextOfKin> {
        self.nk1.iter().map(NextOfKin::from_nk1).collect()
    }

    /// The vaccinations, one per ORDER group that has an RXA, in message order.
    pub fn vaccinations(&self) -> Vec<Vaccination> {
        self.orders
            .iter()
            .filter_map(Vaccination::from_order)
            .collect()
    }
}
