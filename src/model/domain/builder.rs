//! [`VxuBuilder`]: a complete, IG-shaped VXU (profile Z22) from domain values.
//!
//! What the builder fills in, so the caller need not (and cannot get it wrong):
//!
//! * MSH-1/2 `|` `^~\&`, MSH-7 from the given time (seconds and zone), MSH-9 `VXU^V04^VXU_V04`,
//!   MSH-11 `P` unless set, MSH-12 `2.5.1`, MSH-15/16 `ER`/`AL`, MSH-21 `Z22^CDCPHINVS`;
//! * PID-1 `1`, NK1-1 numbered from 1, PD1 only when there is something to say;
//! * per vaccination: ORC-1 `RE`; ORC-3 `9999` (assigned by the sending facility) for refused and
//!   not-administered records (IZ-45); RXA-1 `0`, RXA-2 `1`; RXA-6 `999` with no RXA-7 when the
//!   amount is unknown and always for refused and not-administered records (IZ-48, IZ-49); RXA-9 `00` for an administered dose and the NIP001 source for a historical
//!   one, nothing for refused or not-administered records (IZ-47); RXA-18 only for a refusal;
//!   RXA-20 `RE` / `NA` for those kinds, else the completion status (`CP` unless set); RXR when
//!   there is a route or site;
//! * OBX in this order: eligibility (64994-7, with OBX-17), funding source (30963-3), each VIS
//!   (document, edition date, presentation date), then the other observations; OBX-1 numbered
//!   across the message; OBX-4 a new positive integer per observation, shared by the OBX of one
//!   VIS or one contraindication (generic observations keep their own sub-ID, and generated ones
//!   avoid it); OBX-2 from the value; OBX-11 `F`; OBX-14 the dose's date for the observations the
//!   builder generates. Texts of codes are whatever the [`Coded`] values hold (their constructors
//!   fill them from [`crate::codes`]).
//!
//! What it checks before it builds ([`VxuBuilder::build`] returns a [`BuildError`] naming the
//! input): the control ID, the patient's identifier and family name, the lot numbers, the record
//! IDs given and the software's fields are not empty; amounts are more than zero and less than 999;
//! no vaccine is given by a unit-of-sale NDC. The message it builds has everything
//! [`Message::try_encode`] asks for.
//!
//! Two ways out, one mapping: [`VxuBuilder::build`] fills the typed segments, and
//! [`VxuBuilder::encode`] writes the bytes `build()` then [`Message::try_encode`] would give straight
//! from the domain values, with no typed message, no copied text and no allocation but the output
//! (code texts such as RXA-9's and OBX-3's come from the static code tables). Both run the same
//! per-segment mappings (`MapTo` in `sink.rs`, which name each field by its `segment!` declaration),
//! so they cannot disagree. [`Vxu::builder_ref`] does the same over borrowed values, for an EHR that
//! keeps its patients and doses and should not clone them per message.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};

use crate::er7::{Delimiters, Writer};
use crate::model::message::{Message, Observation, Order, Vxu};
use crate::model::segments::{Msh, Nk1, Obx, Orc, Pd1, Pid, Rxa, Rxr, Sft};
use crate::model::types::{Cwe, Ei, La2, Msg, Pt, Ts, Vid};

use super::build_error::{BuildError, Input};
use super::code_lists::{
    CompletionStatus, HistoricalSource, NEW_RECORD, ProcessingId, RefusalReason,
};
use super::coded::{Coded, KnownCode, KnownSet, TableCode};
use super::identity::{EiOf, Namespace};
use super::observation::{ClinicalObservation, ObservationValue, VisDocumentId};
use super::organization::{Organization, Software};
use super::patient::{Kin, NextOfKin, Patient};
use super::read_order::{NO_FILLER_ORDER_NUMBER, UNKNOWN_AMOUNT};
use super::sink::{
    Each, EachText, MapTo, ObsValue, Short, Sink, component, datetime_text, field, number, typed,
    write_segment,
};
use super::timestamp::{Timestamp, TsText};
use super::vaccination::{Vaccination, VaccinationKind, VaccineNdcError, unit_of_use};
use generated as loinc;

/// Builds a VXU from a patient, their next of kin and their vaccinations.
///
/// ```
/// use chrono::{DateTime, NaiveDate};
/// use izmsg::model::domain::*;
/// use izmsg::model::{self, Message};
///
/// let day = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
/// let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
/// let patient = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane"),
///     NaiveDate::from_ymd_opt(2023, 8, 1).unwrap(), Sex::Female);
/// let refusal = Vaccination::refused(VaccineCode::cvx("21"), day, RefusalReason::ParentalDecision);
/// let bytes = Vxu::builder("MSG0001", sent, patient.clone())
///     .sender("MYEHR", "MYCLINIC")
///     .receiver("MYIIS", "MYIIS")
///     .vaccination(refusal.clone())
///     .encode()?;
///
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.starts_with("MSH|^~\\&|MYEHR|MYCLINIC|MYIIS|MYIIS|20240105101530-0500||VXU^V04^VXU_V04|MSG0001|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r"));
/// assert!(text.contains("\rORC|RE||9999^MYCLINIC\r"));
/// assert!(text.contains("\rRXA|0|1|20240105||21^varicella^CVX|999||||||||||||00^Parental decision^NIP002||RE|A\r"));
///
/// // Reading it back gives the same values.
/// let decoded = model::decode(text.as_bytes()).unwrap();
/// let Message::Vxu(vxu) = &decoded.message else { unreachable!() };
/// assert_eq!(vxu.patient(), patient);
/// assert_eq!(vxu.vaccinations(), vec![refusal]);
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until built"]
pub struct VxuBuilder {
    control_id: String,
    sent_at: DateTime<FixedOffset>,
    patient: Patient,
    sending_application: Option<Namespace>,
    sending_facility: Option<Namespace>,
    receiving_application: Option<Namespace>,
    receiving_facility: Option<Namespace>,
    processing: ProcessingId,
    sending_organization: Option<Organization>,
    receiving_organization: Option<Organization>,
    software: Vec<Software>,
    next_of_kin: Vec<NextOfKin>,
    vaccinations: Vec<Vaccination>,
}

impl Vxu {
    /// Starts a VXU: its control ID (MSH-10, unique per message from this sender; the ACK echoes
    /// it), when it was created (MSH-7, with the sender's offset) and the patient.
    ///
    /// ```
    /// use chrono::{DateTime, NaiveDate};
    /// use izmsg::model::domain::*;
    ///
    /// let born = NaiveDate::from_ymd_opt(2023, 8, 1).unwrap();
    /// let patient = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane"), born, Sex::Female);
    /// let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
    /// let vxu = Vxu::builder("MSG0001", sent, patient).build()?;
    /// assert_eq!(vxu.msh.message_control_id.as_ref().unwrap().as_str(), "MSG0001");
    /// # Ok::<(), BuildError>(())
    /// ```
    pub fn builder(
        control_id: impl Into<String>,
        sent_at: DateTime<FixedOffset>,
        patient: Patient,
    ) -> VxuBuilder {
        VxuBuilder {
            control_id: control_id.into(),
            sent_at,
            patient,
            sending_application: None,
            sending_facility: None,
            receiving_application: None,
            receiving_facility: None,
            processing: ProcessingId::Production,
            sending_organization: None,
            receiving_organization: None,
            software: Vec::new(),
            next_of_kin: Vec::new(),
            vaccinations: Vec::new(),
        }
    }
}

impl VxuBuilder {
    /// The sending application and facility (MSH-3, MSH-4; the IIS assigns the facility ID).
    pub fn sender(
        mut self,
        application: impl Into<Namespace>,
        facility: impl Into<Namespace>,
    ) -> VxuBuilder {
        self.sending_application = Some(application.into());
        self.sending_facility = Some(facility.into());
        self
    }

    /// The receiving application and facility (MSH-5, MSH-6).
    pub fn receiver(
        mut self,
        application: impl Into<Namespace>,
        facility: impl Into<Namespace>,
    ) -> VxuBuilder {
        self.receiving_application = Some(application.into());
        self.receiving_facility = Some(facility.into());
        self
    }

    /// The processing ID (MSH-11; production unless set).
    pub fn processing(mut self, processing: ProcessingId) -> VxuBuilder {
        self.processing = processing;
        self
    }

    /// The sending responsible organization (MSH-22): the organization behind the sending
    /// application (some IIS, Maine's among them, require it).
    ///
    /// ```
    /// use chrono::{DateTime, NaiveDate};
    /// use izmsg::model::domain::*;
    ///
    /// let born = NaiveDate::from_ymd_opt(2023, 8, 1).unwrap();
    /// let patient = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane"), born, Sex::Female);
    /// let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
    /// let bytes = Vxu::builder("MSG0001", sent, patient)
    ///     .sending_organization(Organization::new("Sunny Clinic", "1234", Namespace::local("MEIIS")))
    ///     .receiving_organization(Organization::named("Maine CDC"))
    ///     .software(Software::new(Organization::named("Example EHR Co"), "4.2", "ExampleEHR", "4.2.1"))
    ///     .encode()?;
    /// let text = String::from_utf8(bytes).unwrap();
    /// assert!(text.contains("|Z22^CDCPHINVS|Sunny Clinic^^^^^MEIIS^XX^^^1234|Maine CDC\r"));
    /// assert!(text.contains("\rSFT|Example EHR Co|4.2|ExampleEHR|4.2.1\r"));
    /// # Ok::<(), BuildError>(())
    /// ```
    pub fn sending_organization(mut self, organization: Organization) -> VxuBuilder {
        self.sending_organization = Some(organization);
        self
    }

    /// The receiving responsible organization (MSH-23).
    pub fn receiving_organization(mut self, organization: Organization) -> VxuBuilder {
        self.receiving_organization = Some(organization);
        self
    }

    /// Adds a software segment (SFT): the product that wrote the message.
    pub fn software(mut self, software: Software) -> VxuBuilder {
        self.software.push(software);
        self
    }

    /// Adds a next of kin (NK1).
    pub fn next_of_kin(mut self, person: NextOfKin) -> VxuBuilder {
        self.next_of_kin.push(person);
        self
    }

    /// Adds a vaccination (one ORDER group).
    pub fn vaccination(mut self, vaccination: Vaccination) -> VxuBuilder {
        self.vaccinations.push(vaccination);
        self
    }

    /// Adds vaccinations.
    pub fn vaccinations(
        mut self,
        vaccinations: impl IntoIterator<Item = Vaccination>,
    ) -> VxuBuilder {
        self.vaccinations.extend(vaccinations);
        self
    }

    /// The VXU, once the inputs are checked: required texts not empty, amounts more than zero and
    /// less than 999, no unit-of-sale NDC. The [`BuildError`] names the input at fault.
    pub fn build(self) -> Result<Vxu, BuildError> {
        self.borrowed().build()
    }

    /// The VXU as a [`Message`].
    pub fn build_message(self) -> Result<Message, BuildError> {
        Ok(Message::Vxu(Box::new(self.build()?)))
    }

    /// The VXU as ER7 bytes to send: the bytes [`build`](Self::build) and [`Message::try_encode`]
    /// give, written straight from the domain values (see [`VxuBuilderRef::encode`]).
    pub fn encode(self) -> Result<Vec<u8>, BuildError> {
        self.borrowed().encode()
    }

    /// The same message, borrowing this builder's values: to encode it again, or into a buffer
    /// ([`VxuBuilderRef::encode_into`]).
    pub fn borrowed(&self) -> VxuBuilderRef<'_> {
        VxuBuilderRef {
            control_id: &self.control_id,
            sent_at: self.sent_at,
            patient: &self.patient,
            sending_application: self.sending_application.as_ref(),
            sending_facility: self.sending_facility.as_ref(),
            receiving_application: self.receiving_application.as_ref(),
            receiving_facility: self.receiving_facility.as_ref(),
            processing: &self.processing,
            sending_organization: self.sending_organization.as_ref(),
            receiving_organization: self.receiving_organization.as_ref(),
            software: &self.software,
            next_of_kin: &self.next_of_kin,
            vaccinations: &self.vaccinations,
        }
    }
}

/// A VXU builder that borrows the domain values instead of owning them, so that an EHR that holds
/// its patients and doses encodes a message without copying any of them: [`Vxu::builder_ref`].
///
/// It builds and checks exactly what [`VxuBuilder`] does (the owned builder is this one over its
/// own values); lists (software, next of kin, vaccinations) are given as slices, whole.
/// [`encode_into`](Self::encode_into) writes into a buffer the caller keeps, so that encoding many
/// messages allocates nothing once the buffer has grown.
///
/// ```
/// use chrono::{DateTime, NaiveDate};
/// use izmsg::model::domain::*;
///
/// let day = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
/// let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
/// let (ehr, clinic, iis) = (Namespace::local("MYEHR"), Namespace::local("MYCLINIC"), Namespace::local("MYIIS"));
/// let patient = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane"),
///     NaiveDate::from_ymd_opt(2023, 8, 1).unwrap(), Sex::Female);
/// let doses = vec![Vaccination::refused(VaccineCode::cvx("21"), day, RefusalReason::ParentalDecision)];
///
/// let mut buf = Vec::new();
/// Vxu::builder_ref("MSG0001", sent, &patient)
///     .sender(&ehr, &clinic)
///     .receiver(&iis, &iis)
///     .vaccinations(&doses)
///     .encode_into(&mut buf)?;
///
/// // The same bytes as the owned builder's.
/// let owned = Vxu::builder("MSG0001", sent, patient.clone())
///     .sender("MYEHR", "MYCLINIC")
///     .receiver("MYIIS", "MYIIS")
///     .vaccinations(doses.clone())
///     .encode()?;
/// assert_eq!(buf, owned);
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Debug, Clone, Copy)]
#[must_use = "a builder does nothing until built"]
pub struct VxuBuilderRef<'a> {
    control_id: &'a str,
    sent_at: DateTime<FixedOffset>,
    patient: &'a Patient,
    sending_application: Option<&'a Namespace>,
    sending_facility: Option<&'a Namespace>,
    receiving_application: Option<&'a Namespace>,
    receiving_facility: Option<&'a Namespace>,
    processing: &'a ProcessingId,
    sending_organization: Option<&'a Organization>,
    receiving_organization: Option<&'a Organization>,
    software: &'a [Software],
    next_of_kin: &'a [NextOfKin],
    vaccinations: &'a [Vaccination],
}

/// MSH-11 unless set.
static PRODUCTION: ProcessingId = ProcessingId::Production;

impl Vxu {
    /// Starts a VXU that borrows its values ([`VxuBuilderRef`]): the control ID (MSH-10), when
    /// it was created (MSH-7) and the patient.
    pub fn builder_ref<'a>(
        control_id: &'a str,
        sent_at: DateTime<FixedOffset>,
        patient: &'a Patient,
    ) -> VxuBuilderRef<'a> {
        VxuBuilderRef {
            control_id,
            sent_at,
            patient,
            sending_application: None,
            sending_facility: None,
            receiving_application: None,
            receiving_facility: None,
            processing: &PRODUCTION,
            sending_organization: None,
            receiving_organization: None,
            software: &[],
            next_of_kin: &[],
            vaccinations: &[],
        }
    }
}

impl<'a> VxuBuilderRef<'a> {
    /// The sending application and facility (MSH-3, MSH-4).
    pub fn sender(mut self, application: &'a Namespace, facility: &'a Namespace) -> Self {
        self.sending_application = Some(application);
        self.sending_facility = Some(facility);
        self
    }

    /// The receiving application and facility (MSH-5, MSH-6).
    pub fn receiver(mut self, application: &'a Namespace, facility: &'a Namespace) -> Self {
        self.receiving_application = Some(application);
        self.receiving_facility = Some(facility);
        self
    }

    /// The processing ID (MSH-11; production unless set).
    pub fn processing(mut self, processing: &'a ProcessingId) -> Self {
        self.processing = processing;
        self
    }

    /// The sending responsible organization (MSH-22).
    pub fn sending_organization(mut self, organization: &'a Organization) -> Self {
        self.sending_organization = Some(organization);
        self
    }

    /// The receiving responsible organization (MSH-23).
    pub fn receiving_organization(mut self, organization: &'a Organization) -> Self {
        self.receiving_organization = Some(organization);
        self
    }

    /// The software segments (SFT), all of them.
    pub fn software(mut self, software: &'a [Software]) -> Self {
        self.software = software;
        self
    }

    /// The next of kin (NK1), all of them (one: `std::slice::from_ref(&mother)`).
    pub fn next_of_kin(mut self, next_of_kin: &'a [NextOfKin]) -> Self {
        self.next_of_kin = next_of_kin;
        self
    }

    /// The vaccinations (one ORDER group each), all of them.
    pub fn vaccinations(mut self, vaccinations: &'a [Vaccination]) -> Self {
        self.vaccinations = vaccinations;
        self
    }

    /// The typed VXU, once the inputs are checked (as [`VxuBuilder::build`]).
    pub fn build(&self) -> Result<Vxu, BuildError> {
        self.check()?;
        let mut vxu = Vxu {
            orders: Vec::with_capacity(self.vaccinations.len()),
            ..Vxu::default()
        };
        self.write_to(&mut vxu);
        Ok(vxu)
    }

    /// The typed VXU as a [`Message`].
    pub fn build_message(&self) -> Result<Message, BuildError> {
        Ok(Message::Vxu(Box::new(self.build()?)))
    }

    /// The VXU as ER7 bytes to send, once the inputs are checked: the bytes
    /// `build()?` then [`Message::try_encode`] give, written straight from the domain values
    /// without building the typed message.
    pub fn encode(&self) -> Result<Vec<u8>, BuildError> {
        // Room for a patient and a dose or two at once, rather than growing from nothing.
        let mut out = Vec::with_capacity(1024);
        self.encode_into(&mut out)?;
        Ok(out)
    }

    /// As [`encode`](Self::encode), into `buf` (cleared first; its capacity is reused). On error
    /// `buf` is left empty.
    pub fn encode_into(&self, buf: &mut Vec<u8>) -> Result<(), BuildError> {
        buf.clear();
        self.check()?;
        let mut w = Writer::from_buffer(std::mem::take(buf), Delimiters::default());
        self.write_to(&mut w);
        *buf = w.finish();
        Ok(())
    }

    /// The message's segments, in the order of the VXU structure (as `Vxu`'s encoder writes the
    /// typed message): the one mapping both `build` and `encode` run.
    fn write_to<O: VxuOut>(&self, o: &mut O) {
        let header = MshHeader {
            sending_application: self.sending_application,
            sending_facility: self.sending_facility,
            receiving_application: self.receiving_application,
            receiving_facility: self.receiving_facility,
            sent_at: &self.sent_at,
            control_id: self.control_id,
            processing: self.processing,
        };
        o.msh(&MshOf {
            header: &header,
            message: ["VXU", "V04", "VXU_V04"],
            profile: "Z22",
            sending_organization: self.sending_organization,
            receiving_organization: self.receiving_organization,
        });
        for sw in self.software {
            o.sft(sw);
        }
        o.pid(self.patient);
        if self.patient.has_pd1() {
            o.pd1(self.patient);
        }
        for (i, kin) in self.next_of_kin.iter().enumerate() {
            o.nk1(&Kin { set_id: i + 1, kin });
        }
        let assigner = self.sending_facility.or(self.sending_application);
        let mut obx_count = 0u32;
        for v in self.vaccinations {
            o.orc(&OrcOf { v, assigner });
            o.rxa(v);
            if v.route.is_some() || v.site.is_some() {
                o.rxr(&RxrOf(v));
            }
            observations(v, &mut obx_count, o);
        }
    }

    /// Checks the inputs, in the order of the message.
    fn check(&self) -> Result<(), BuildError> {
        let empty = |input| Err(BuildError::Empty { input });
        if blank(self.control_id) {
            return empty(Input::ControlId);
        }
        for (org, input) in [
            (self.sending_organization, Input::SendingOrganization),
            (self.receiving_organization, Input::ReceivingOrganization),
        ] {
            if org.is_some_and(Organization::is_blank) {
                return empty(input);
            }
        }
        for sw in self.software {
            for (gone, input) in [
                (sw.vendor.is_blank(), Input::SoftwareVendor),
                (blank(&sw.version), Input::SoftwareVersion),
                (blank(&sw.product), Input::SoftwareProduct),
                (blank(&sw.binary_id), Input::SoftwareBinaryId),
            ] {
                if gone {
                    return empty(input);
                }
            }
        }
        if self
            .patient
            .identifiers
            .first()
            .is_none_or(|i| blank(&i.id))
        {
            return empty(Input::PatientIdentifier);
        }
        if self.patient.names.first().is_none_or(|n| blank(&n.family)) {
            return empty(Input::PatientFamilyName);
        }
        for (i, v) in self.vaccinations.iter().enumerate() {
            check_vaccination(i + 1, v)?;
        }
        Ok(())
    }
}

/// Nothing but white space (as `s.trim().is_empty()`).
fn blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

fn check_vaccination(vaccination: usize, v: &Vaccination) -> Result<(), BuildError> {
    let placeholder = is_placeholder(v);
    if !placeholder && v.filler_order_number.as_ref().is_some_and(|o| blank(&o.id)) {
        return Err(BuildError::Empty {
            input: Input::OrderId { vaccination },
        });
    }
    if let Some(vaccine) = &v.vaccine {
        for ndc in [Some(&vaccine.primary), vaccine.alternate.as_ref()]
            .into_iter()
            .flatten()
            .filter(|c| c.is_in("NDC"))
        {
            let error = match unit_of_use(&ndc.code) {
                Ok(use_code) if use_code.code == ndc.code => continue,
                Ok(use_code) => VaccineNdcError::UnitOfSale {
                    sale: ndc.code.clone(),
                    units_of_use: vec![use_code.code],
                },
                Err(e) => e,
            };
            return Err(BuildError::Vaccine {
                input: Input::Vaccine { vaccination },
                error,
            });
        }
    }
    if let Some(amount) = v.amount.as_ref().filter(|_| !placeholder) {
        amount.check().map_err(|error| BuildError::Amount {
            input: Input::Amount { vaccination },
            error,
        })?;
    }
    if v.lots.iter().any(|l| blank(l)) {
        return Err(BuildError::Empty {
            input: Input::LotNumber { vaccination },
        });
    }
    Ok(())
}

/// Refused and not-administered records: an ORC-3 placeholder, RXA-6 `999`, no RXA-9.
fn is_placeholder(v: &Vaccination) -> bool {
    matches!(
        v.kind,
        VaccinationKind::Refused { .. } | VaccinationKind::NotAdministered
    )
}

/// Where the segments of a VXU go: into a typed [`Vxu`] or, written at once, to a [`Writer`].
trait VxuOut {
    fn msh(&mut self, d: &MshOf<'_>);
    fn sft(&mut self, d: &Software);
    fn pid(&mut self, d: &Patient);
    fn pd1(&mut self, d: &Patient);
    fn nk1(&mut self, d: &Kin<'_>);
    /// Begins an ORDER group.
    fn orc(&mut self, d: &OrcOf<'_>);
    fn rxa(&mut self, d: &Vaccination);
    fn rxr(&mut self, d: &RxrOf<'_>);
    fn obx(&mut self, d: &ObxOf<'_>);
}

impl VxuOut for Writer {
    fn msh(&mut self, d: &MshOf<'_>) {
        write_segment::<Msh, _>(self, d);
    }
    fn sft(&mut self, d: &Software) {
        write_segment::<Sft, _>(self, d);
    }
    fn pid(&mut self, d: &Patient) {
        write_segment::<Pid, _>(self, d);
    }
    fn pd1(&mut self, d: &Patient) {
        write_segment::<Pd1, _>(self, d);
    }
    fn nk1(&mut self, d: &Kin<'_>) {
        write_segment::<Nk1, _>(self, d);
    }
    fn orc(&mut self, d: &OrcOf<'_>) {
        write_segment::<Orc, _>(self, d);
    }
    fn rxa(&mut self, d: &Vaccination) {
        write_segment::<Rxa, _>(self, d);
    }
    fn rxr(&mut self, d: &RxrOf<'_>) {
        write_segment::<Rxr, _>(self, d);
    }
    fn obx(&mut self, d: &ObxOf<'_>) {
        write_segment::<Obx, _>(self, d);
    }
}

impl VxuOut for Vxu {
    fn msh(&mut self, d: &MshOf<'_>) {
        self.msh = typed(d);
    }
    fn sft(&mut self, d: &Software) {
        self.sft.push(typed(d));
    }
    fn pid(&mut self, d: &Patient) {
        self.pid = Some(typed(d));
    }
    fn pd1(&mut self, d: &Patient) {
        self.pd1 = Some(typed(d));
    }
    fn nk1(&mut self, d: &Kin<'_>) {
        self.nk1.push(typed(d));
    }
    fn orc(&mut self, d: &OrcOf<'_>) {
        self.orders.push(Order {
            orc: Some(Box::new(typed(d))),
            timing: Vec::new(),
            rxa: None,
            rxr: None,
            observations: Vec::new(),
        });
    }
    fn rxa(&mut self, d: &Vaccination) {
        if let Some(o) = self.orders.last_mut() {
            o.rxa = Some(Box::new(typed(d)));
        }
    }
    fn rxr(&mut self, d: &RxrOf<'_>) {
        if let Some(o) = self.orders.last_mut() {
            o.rxr = Some(Box::new(typed(d)));
        }
    }
    fn obx(&mut self, d: &ObxOf<'_>) {
        if let Some(o) = self.orders.last_mut() {
            o.observations.push(Observation {
                obx: typed(d),
                nte: Vec::new(),
            });
        }
    }
}

/// ORC of one vaccination: ORC-1 `RE`, and ORC-3 `9999` for refused and not-administered records.
struct OrcOf<'a> {
    v: &'a Vaccination,
    /// Who assigns the placeholder ORC-3: the sending facility, else the sending application.
    assigner: Option<&'a Namespace>,
}

impl MapTo<Orc> for OrcOf<'_> {
    fn map<K: Sink<Orc>>(&self, k: &mut K) {
        let v = self.v;
        k.put(field!(Orc, order_control), "RE");
        k.put_opt(
            field!(Orc, placer_order_number),
            v.placer_order_number.as_ref(),
        );
        if is_placeholder(v) {
            let placeholder = EiOf {
                id: NO_FILLER_ORDER_NUMBER,
                assigner: self.assigner,
            };
            k.put(field!(Orc, filler_order_number), &placeholder);
        } else {
            k.put_opt(
                field!(Orc, filler_order_number),
                v.filler_order_number.as_ref(),
            );
        }
        k.put_opt(field!(Orc, entered_by), v.entered_by.as_ref());
        k.put_opt(field!(Orc, ordering_provider), v.ordering_provider.as_ref());
    }
}

/// RXA-9: the source of the information (NIP001).
static SOURCES: KnownSet = KnownSet::new(HistoricalSource::VALUE_SET);
/// RXA-18: refusal reasons (NIP002).
static REFUSAL_REASONS: KnownSet = KnownSet::new(RefusalReason::VALUE_SET);
/// OBX-3 of the observations the builder generates (NIP003).
static OBSERVATION_CODES: KnownSet = KnownSet::new("NIP003");

/// The observations the builder generates, their LOINC codes looked up once.
mod generated {
    use super::super::coded::KnownCode;
    use super::super::observation_codes as loinc;
    use super::OBSERVATION_CODES as SET;

    pub(super) static FUNDING_ELIGIBILITY: KnownCode =
        KnownCode::new(&SET, loinc::FUNDING_ELIGIBILITY);
    pub(super) static FUNDING_SOURCE: KnownCode = KnownCode::new(&SET, loinc::FUNDING_SOURCE);
    pub(super) static VIS_DOCUMENT_TYPE: KnownCode = KnownCode::new(&SET, loinc::VIS_DOCUMENT_TYPE);
    pub(super) static VACCINE_TYPE: KnownCode = KnownCode::new(&SET, loinc::VACCINE_TYPE);
    pub(super) static VIS_PUBLISHED: KnownCode = KnownCode::new(&SET, loinc::VIS_PUBLISHED);
    pub(super) static VIS_PRESENTED: KnownCode = KnownCode::new(&SET, loinc::VIS_PRESENTED);
    pub(super) static PRESUMED_IMMUNITY: KnownCode = KnownCode::new(&SET, loinc::PRESUMED_IMMUNITY);
    pub(super) static SEROLOGICAL_IMMUNITY: KnownCode =
        KnownCode::new(&SET, loinc::SEROLOGICAL_IMMUNITY);
    pub(super) static REACTION: KnownCode = KnownCode::new(&SET, loinc::REACTION);
    pub(super) static INDICATION: KnownCode = KnownCode::new(&SET, loinc::INDICATION);
    pub(super) static CONTRAINDICATION: KnownCode = KnownCode::new(&SET, loinc::CONTRAINDICATION);
    pub(super) static CONTRAINDICATION_EFFECTIVE: KnownCode =
        KnownCode::new(&SET, loinc::CONTRAINDICATION_EFFECTIVE);
    pub(super) static CONTRAINDICATION_EXPIRES: KnownCode =
        KnownCode::new(&SET, loinc::CONTRAINDICATION_EXPIRES);
}

/// RXA-9 `00` (new immunization record), looked up once.
static NEW: KnownCode = KnownCode::new(&SOURCES, NEW_RECORD);

/// RXA-9: a new record, or the source of a historical one.
enum Note<'a> {
    New,
    Historical(TableCode<'a>),
}

impl MapTo<Cwe> for Note<'_> {
    fn map<K: Sink<Cwe>>(&self, k: &mut K) {
        match self {
            Note::New => NEW.map(k),
            Note::Historical(source) => source.map(k),
        }
    }
}

/// RXA-11: the facility where the dose was given.
struct Facility<'a>(&'a Namespace);

impl MapTo<La2> for Facility<'_> {
    fn map<K: Sink<La2>>(&self, k: &mut K) {
        k.put(component!(La2, facility), self.0);
    }
}

impl MapTo<Rxa> for Vaccination {
    fn map<K: Sink<Rxa>>(&self, k: &mut K) {
        let v = self;
        let placeholder = is_placeholder(v);
        k.put(field!(Rxa, give_sub_id_counter), "0");
        k.put(field!(Rxa, administration_sub_id_counter), "1");
        k.put_opt(
            field!(Rxa, date_time_start_of_administration),
            v.date.as_ref(),
        );
        k.put_opt(field!(Rxa, administered_code), v.vaccine.as_ref());
        // IZ-48 (refused) and the observation-only records (not administered): the amount is 999.
        let amount = v.amount.as_ref().filter(|_| !placeholder);
        match amount {
            Some(a) => with_text(&a.value, |t| k.put(field!(Rxa, administered_amount), t)),
            None => k.put(field!(Rxa, administered_amount), UNKNOWN_AMOUNT),
        }
        let units = amount.and_then(|a| a.units.as_ref());
        k.put_opt(field!(Rxa, administered_units), units);
        let notes = match &v.kind {
            VaccinationKind::Administered => Some(Note::New),
            VaccinationKind::Historical { source } => Some(Note::Historical(TableCode {
                set: &SOURCES,
                code: source.code(),
            })),
            VaccinationKind::Refused { .. } | VaccinationKind::NotAdministered => None,
        };
        if let Some(note) = &notes {
            k.put(
                field!(Rxa, administration_notes),
                &Each(std::slice::from_ref(note)),
            );
        }
        let provider = v.administering_provider.as_ref();
        k.put_opt(field!(Rxa, administering_provider), provider);
        if let Some(f) = &v.facility {
            k.put(field!(Rxa, administered_at_location), &Facility(f));
        }
        k.put(field!(Rxa, substance_lot_number), &EachText(&v.lots));
        k.put_opt(
            field!(Rxa, substance_expiration_date),
            v.expiration.as_ref(),
        );
        k.put_opt(
            field!(Rxa, substance_manufacturer_name),
            v.manufacturer.as_ref(),
        );
        if let VaccinationKind::Refused { reason: Some(r) } = &v.kind {
            let reason = TableCode {
                set: &REFUSAL_REASONS,
                code: r.code(),
            };
            let key = field!(Rxa, substance_treatment_refusal_reason);
            k.put(key, &Each(std::slice::from_ref(&reason)));
        }
        let (complete, refused, not_given) = (
            CompletionStatus::Complete,
            CompletionStatus::Refused,
            CompletionStatus::NotAdministered,
        );
        let status = match &v.kind {
            VaccinationKind::Refused { .. } => &refused,
            VaccinationKind::NotAdministered => &not_given,
            _ => v.completion_status.as_ref().unwrap_or(&complete),
        };
        k.put(field!(Rxa, completion_status), status.code());
        k.put_opt(
            field!(Rxa, action_code),
            v.action.as_ref().map(|a| a.code()),
        );
    }
}

/// `value` as text, formatted on the stack when it fits (it always does for a [`Decimal`](super::Decimal)).
fn with_text<R>(value: &impl std::fmt::Display, f: impl FnOnce(&str) -> R) -> R {
    use std::fmt::Write as _;
    let mut s = Short::new();
    match write!(s, "{value}") {
        Ok(()) => f(s.as_str()),
        Err(_) => f(&value.to_string()),
    }
}

/// RXR: route and site.
struct RxrOf<'a>(&'a Vaccination);

impl MapTo<Rxr> for RxrOf<'_> {
    fn map<K: Sink<Rxr>>(&self, k: &mut K) {
        k.put_opt(field!(Rxr, route), self.0.route.as_ref());
        k.put_opt(field!(Rxr, administration_site), self.0.site.as_ref());
    }
}

/// OBX-3: an observation the builder generates (a NIP003 LOINC code with its text from the
/// tables), or one given.
enum ObsCode<'a> {
    Loinc(&'static KnownCode),
    Given(&'a Coded),
}

/// OBX-4: a sub-ID the builder hands out, or one given.
enum SubId<'a> {
    Number(u32),
    Given(&'a str),
}

/// One OBX.
struct ObxOf<'a> {
    set_id: u32,
    value_type: &'static str,
    code: ObsCode<'a>,
    sub_id: SubId<'a>,
    value: ObsValue<'a>,
    units: Option<&'a Coded>,
    /// OBX-14, formatted.
    date: Option<&'a Short>,
    method: Option<&'a Coded>,
}

impl MapTo<Obx> for ObxOf<'_> {
    fn map<K: Sink<Obx>>(&self, k: &mut K) {
        k.put(field!(Obx, set_id), &number(u64::from(self.set_id)));
        k.put(field!(Obx, value_type), self.value_type);
        let code = field!(Obx, observation_identifier);
        match self.code {
            ObsCode::Loinc(known) => k.put(code, known),
            ObsCode::Given(c) => k.put(code, c),
        }
        match self.sub_id {
            SubId::Number(n) => {
                k.put(field!(Obx, observation_sub_id), &number(u64::from(n)));
            }
            SubId::Given(s) => k.put(field!(Obx, observation_sub_id), s),
        }
        k.put(field!(Obx, observation_value), &self.value);
        k.put_opt(field!(Obx, units), self.units);
        k.put(field!(Obx, observation_result_status), "F");
        if let Some(date) = self.date {
            k.put(field!(Obx, date_time_of_the_observation), &TsText(date));
        }
        k.put_opt(field!(Obx, observation_method), self.method);
    }
}

/// Hands out OBX-4 sub-IDs 1, 2, 3 ..., skipping the ones generic observations use.
struct SubIds<'a> {
    next: u32,
    /// The sub-IDs of the generic observations, when there are any.
    taken: Option<BTreeSet<&'a str>>,
}

impl SubIds<'_> {
    fn next(&mut self) -> u32 {
        loop {
            self.next += 1;
            match &self.taken {
                Some(taken) if taken.contains(number(u64::from(self.next)).as_str()) => {}
                _ => return self.next,
            }
        }
    }
}

/// Writes the OBX segments of one order, numbering OBX-1 on from `count`.
struct ObxWriter<'c, 'o, O> {
    out: &'o mut O,
    count: &'c mut u32,
    /// OBX-14 of the observations the builder generates: the day of the dose.
    day: Option<Short>,
}

impl<O: VxuOut> ObxWriter<'_, '_, O> {
    fn coded(
        &mut self,
        code: &'static KnownCode,
        sub_id: u32,
        value: &Coded,
        method: Option<&Coded>,
    ) {
        *self.count += 1;
        self.out.obx(&ObxOf {
            set_id: *self.count,
            value_type: "CE",
            code: ObsCode::Loinc(code),
            sub_id: SubId::Number(sub_id),
            value: ObsValue::Coded(value),
            units: None,
            date: self.day.as_ref(),
            method,
        });
    }

    /// VIS and contraindication dates, written as TS as the IG's examples do.
    fn date(&mut self, code: &'static KnownCode, sub_id: u32, date: chrono::NaiveDate) {
        *self.count += 1;
        self.out.obx(&ObxOf {
            set_id: *self.count,
            value_type: "TS",
            code: ObsCode::Loinc(code),
            sub_id: SubId::Number(sub_id),
            value: ObsValue::Short(Timestamp::from(date).hl7_text()),
            units: None,
            date: self.day.as_ref(),
            method: None,
        });
    }
}

fn observations<O: VxuOut>(v: &Vaccination, count: &mut u32, out: &mut O) {
    let others = || {
        v.observations.iter().filter_map(|o| match o {
            ClinicalObservation::Other(other) => Some(other),
            _ => None,
        })
    };
    let mut ids = SubIds {
        next: 0,
        taken: others()
            .next()
            .is_some()
            .then(|| others().map(|o| o.sub_id.trim()).collect()),
    };
    let mut w = ObxWriter {
        out,
        count,
        day: v.date.map(|d| d.day().hl7_text()),
    };
    if let Some(e) = &v.eligibility {
        let sub = ids.next();
        w.coded(
            &loinc::FUNDING_ELIGIBILITY,
            sub,
            &e.category,
            e.method.as_ref(),
        );
    }
    if let Some(f) = &v.funding_source {
        let sub = ids.next();
        w.coded(&loinc::FUNDING_SOURCE, sub, f, None);
    }
    for vis in &v.vis {
        if vis.document.is_none() && vis.edition.is_none() && vis.presented.is_none() {
            continue;
        }
        let sub = ids.next();
        match &vis.document {
            Some(VisDocumentId::Barcode(c)) => w.coded(&loinc::VIS_DOCUMENT_TYPE, sub, c, None),
            Some(VisDocumentId::VaccineType(c)) => w.coded(&loinc::VACCINE_TYPE, sub, c, None),
            None => {}
        }
        if let Some(d) = vis.edition {
            w.date(&loinc::VIS_PUBLISHED, sub, d);
        }
        if let Some(d) = vis.presented {
            w.date(&loinc::VIS_PRESENTED, sub, d);
        }
    }
    for o in &v.observations {
        match o {
            ClinicalObservation::Immunity(c) => {
                let sub = ids.next();
                w.coded(&loinc::PRESUMED_IMMUNITY, sub, c, None);
            }
            ClinicalObservation::SerologicalImmunity(c) => {
                let sub = ids.next();
                w.coded(&loinc::SEROLOGICAL_IMMUNITY, sub, c, None);
            }
            ClinicalObservation::Reaction(c) => {
                let sub = ids.next();
                w.coded(&loinc::REACTION, sub, c, None);
            }
            ClinicalObservation::Indication(c) => {
                let sub = ids.next();
                w.coded(&loinc::INDICATION, sub, c, None);
            }
            ClinicalObservation::Contraindication(c) => {
                let sub = ids.next();
                w.coded(&loinc::CONTRAINDICATION, sub, &c.reason, None);
                if let Some(d) = c.effective {
                    w.date(&loinc::CONTRAINDICATION_EFFECTIVE, sub, d);
                }
                if let Some(d) = c.expires {
                    w.date(&loinc::CONTRAINDICATION_EXPIRES, sub, d);
                }
            }
            ClinicalObservation::Other(other) => {
                *w.count += 1;
                let date = other.date.map(|d| d.hl7_text());
                let value = match &other.value {
                    ObservationValue::Coded(c) => ObsValue::Coded(c),
                    ObservationValue::Date(t) => ObsValue::Short(t.hl7_text()),
                    ObservationValue::Number(n) => ObsValue::Text(n),
                    ObservationValue::Text(t) => ObsValue::Text(t),
                };
                w.out.obx(&ObxOf {
                    set_id: *w.count,
                    value_type: other.value.value_type(),
                    code: ObsCode::Given(&other.code),
                    sub_id: SubId::Given(&other.sub_id),
                    value,
                    units: other.units.as_ref(),
                    date: date.as_ref(),
                    method: None,
                });
            }
        }
    }
}

/// What an EHR's outgoing message header says besides its type and profile: who sends it to whom,
/// when, its control ID and processing ID. One place writes the IG's fixed MSH fields (delimiters,
/// version 2.5.1, acknowledgement types ER/AL, profile namespace CDCPHINVS) for every message the
/// crate builds for a sender (VXU here, QBP in `iis::query`).
pub(crate) struct MshHeader<'a> {
    pub(crate) sending_application: Option<&'a Namespace>,
    pub(crate) sending_facility: Option<&'a Namespace>,
    pub(crate) receiving_application: Option<&'a Namespace>,
    pub(crate) receiving_facility: Option<&'a Namespace>,
    pub(crate) sent_at: &'a DateTime<FixedOffset>,
    pub(crate) control_id: &'a str,
    pub(crate) processing: &'a ProcessingId,
}

impl MshHeader<'_> {
    /// The MSH of a message of type `message` (MSH-9's three parts) claiming `profile` (MSH-21).
    pub(crate) fn msh(&self, message: [&str; 3], profile: &str) -> Msh {
        typed(&MshOf {
            header: self,
            message,
            profile,
            sending_organization: None,
            receiving_organization: None,
        })
    }
}

/// The MSH of a message: the header, the message type and profile, and the responsible
/// organizations (MSH-22, MSH-23) when given.
struct MshOf<'a> {
    header: &'a MshHeader<'a>,
    message: [&'a str; 3],
    profile: &'a str,
    sending_organization: Option<&'a Organization>,
    receiving_organization: Option<&'a Organization>,
}

/// MSH-7: the time with seconds and offset.
struct SentAt<'a>(&'a DateTime<FixedOffset>);

impl MapTo<Ts> for SentAt<'_> {
    fn map<K: Sink<Ts>>(&self, k: &mut K) {
        TsText(&datetime_text(self.0)).map(k);
    }
}

/// MSH-9: code, trigger event, structure.
struct MessageType<'a>([&'a str; 3]);

impl MapTo<Msg> for MessageType<'_> {
    fn map<K: Sink<Msg>>(&self, k: &mut K) {
        let [code, trigger, structure] = self.0;
        k.put(component!(Msg, message_code), code);
        k.put(component!(Msg, trigger_event), trigger);
        k.put(component!(Msg, message_structure), structure);
    }
}

/// MSH-11.
struct Processing<'a>(&'a str);

impl MapTo<Pt> for Processing<'_> {
    fn map<K: Sink<Pt>>(&self, k: &mut K) {
        k.put(component!(Pt, processing_id), self.0);
    }
}

/// MSH-12.
struct Version;

impl MapTo<Vid> for Version {
    fn map<K: Sink<Vid>>(&self, k: &mut K) {
        k.put(component!(Vid, version_id), "2.5.1");
    }
}

/// MSH-21: the profile, in the CDC's namespace.
struct Profile<'a>(&'a str);

impl MapTo<Ei> for Profile<'_> {
    fn map<K: Sink<Ei>>(&self, k: &mut K) {
        k.put(component!(Ei, entity_identifier), self.0);
        k.put(component!(Ei, namespace_id), "CDCPHINVS");
    }
}

impl MapTo<Msh> for MshOf<'_> {
    fn map<K: Sink<Msh>>(&self, k: &mut K) {
        let h = self.header;
        k.put(field!(Msh, field_separator), "|");
        k.put(field!(Msh, encoding_characters), "^~\\&");
        k.put_opt(field!(Msh, sending_application), h.sending_application);
        k.put_opt(field!(Msh, sending_facility), h.sending_facility);
        k.put_opt(field!(Msh, receiving_application), h.receiving_application);
        k.put_opt(field!(Msh, receiving_facility), h.receiving_facility);
        k.put(field!(Msh, date_time_of_message), &SentAt(h.sent_at));
        k.put(field!(Msh, message_type), &MessageType(self.message));
        k.put(field!(Msh, message_control_id), h.control_id);
        let processing = Processing(h.processing.code());
        k.put(field!(Msh, processing_id), &processing);
        k.put(field!(Msh, version_id), &Version);
        k.put(field!(Msh, accept_acknowledgment_type), "ER");
        k.put(field!(Msh, application_acknowledgment_type), "AL");
        let profile = Profile(self.profile);
        let key = field!(Msh, message_profile_identifier);
        k.put(key, &Each(std::slice::from_ref(&profile)));
        let key = field!(Msh, sending_responsible_organization);
        k.put_opt(key, self.sending_organization);
        let key = field!(Msh, receiving_responsible_organization);
        k.put_opt(key, self.receiving_organization);
    }
}
