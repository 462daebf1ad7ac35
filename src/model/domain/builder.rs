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

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};

use crate::model::message::{Message, Observation, Order, Vxu};
use crate::model::segments::{Msh, Obx, Orc, Rxa, Rxr};
use crate::model::types::{Cwe, Dtm, Ei, Id, Is, La2, Msg, Nm, Pt, Si, St, Ts, Varies, Vid};

use super::build_error::{BuildError, Input};
use super::code_lists::{CompletionStatus, ProcessingId};
use super::coded::{Coded, into};
use super::identity::Namespace;
use super::observation::{ClinicalObservation, VisDocumentId};
use super::observation_codes as loinc;
use super::organization::{Organization, Software};
use super::patient::{NextOfKin, Patient};
use super::read_order::{NO_FILLER_ORDER_NUMBER, UNKNOWN_AMOUNT};
use super::timestamp::Timestamp;
use super::vaccination::{Vaccination, VaccinationKind, VaccineNdcError, unit_of_use};

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
        self.check()?;
        let msh = self.msh();
        let assigner = self
            .sending_facility
            .clone()
            .or_else(|| self.sending_application.clone());
        let mut obx_count = 0u32;
        let orders = self
            .vaccinations
            .iter()
            .map(|v| order_of(v, assigner.as_ref(), &mut obx_count))
            .collect();
        Ok(Vxu {
            msh,
            sft: self.software.iter().map(Software::to_sft).collect(),
            pid: Some(self.patient.to_pid()),
            pd1: self.patient.to_pd1(),
            nk1: self
                .next_of_kin
                .iter()
                .enumerate()
                .map(|(i, n)| n.to_nk1(i + 1))
                .collect(),
            orders,
            ..Vxu::default()
        })
    }

    /// The VXU as a [`Message`].
    pub fn build_message(self) -> Result<Message, BuildError> {
        Ok(Message::Vxu(Box::new(self.build()?)))
    }

    /// The VXU as ER7 bytes to send: built, then written with [`Message::try_encode`].
    pub fn encode(self) -> Result<Vec<u8>, BuildError> {
        Ok(self.build_message()?.try_encode()?)
    }

    /// Checks the inputs, in the order of the message.
    fn check(&self) -> Result<(), BuildError> {
        let empty = |input| Err(BuildError::Empty { input });
        if blank(&self.control_id) {
            return empty(Input::ControlId);
        }
        for (org, input) in [
            (&self.sending_organization, Input::SendingOrganization),
            (&self.receiving_organization, Input::ReceivingOrganization),
        ] {
            if org.as_ref().is_some_and(Organization::is_blank) {
                return empty(input);
            }
        }
        for sw in &self.software {
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

    fn msh(&self) -> Msh {
        let header = MshHeader {
            sending_application: self.sending_application.as_ref(),
            sending_facility: self.sending_facility.as_ref(),
            receiving_application: self.receiving_application.as_ref(),
            receiving_facility: self.receiving_facility.as_ref(),
            sent_at: &self.sent_at,
            control_id: &self.control_id,
            processing: &self.processing,
        };
        Msh {
            sending_responsible_organization: self
                .sending_organization
                .as_ref()
                .map(|o| into(o.to_xon())),
            receiving_responsible_organization: self
                .receiving_organization
                .as_ref()
                .map(|o| into(o.to_xon())),
            ..header.msh(["VXU", "V04", "VXU_V04"], "Z22")
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn check_vaccination(vaccination: usize, v: &Vaccination) -> Result<(), BuildError> {
    let placeholder = matches!(
        v.kind,
        VaccinationKind::Refused { .. } | VaccinationKind::NotAdministered
    );
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

fn cwe<S: From<Cwe>>(c: &Coded) -> S {
    S::from(c.to_cwe())
}

fn order_of(v: &Vaccination, assigner: Option<&Namespace>, obx_count: &mut u32) -> Order {
    let placeholder = matches!(
        v.kind,
        VaccinationKind::Refused { .. } | VaccinationKind::NotAdministered
    );
    let filler = if placeholder {
        Some(
            super::identity::OrderId {
                id: NO_FILLER_ORDER_NUMBER.to_string(),
                assigner: assigner.cloned(),
            }
            .to_ei(),
        )
    } else {
        v.filler_order_number.as_ref().map(|o| o.to_ei())
    };
    let orc = Orc {
        order_control: Some(Id::from("RE")),
        placer_order_number: v.placer_order_number.as_ref().map(|o| into(o.to_ei())),
        filler_order_number: filler.map(into),
        entered_by: v.entered_by.as_ref().map(|p| into(p.to_xcn())),
        ordering_provider: v.ordering_provider.as_ref().map(|p| into(p.to_xcn())),
        ..Orc::default()
    };
    let rxr = (v.route.is_some() || v.site.is_some()).then(|| Rxr {
        route: v.route.as_ref().map(cwe),
        administration_site: v.site.as_ref().map(cwe),
        ..Rxr::default()
    });
    let observations = observations_of(v, obx_count)
        .into_iter()
        .map(|obx| Observation {
            obx,
            nte: Vec::new(),
        })
        .collect();
    Order {
        orc: Some(Box::new(orc)),
        timing: Vec::new(),
        rxa: Some(Box::new(rxa_of(v))),
        rxr: rxr.map(Box::new),
        observations,
    }
}

fn rxa_of(v: &Vaccination) -> Rxa {
    let notes = match &v.kind {
        VaccinationKind::Administered => {
            vec![Coded::from_value_set("NIP001", super::code_lists::NEW_RECORD).to_cwe()]
        }
        VaccinationKind::Historical { source } => vec![source.to_coded().to_cwe()],
        VaccinationKind::Refused { .. } | VaccinationKind::NotAdministered => Vec::new(),
    };
    let refusal = match &v.kind {
        VaccinationKind::Refused { reason: Some(r) } => vec![r.to_coded().to_cwe()],
        _ => Vec::new(),
    };
    let status = match &v.kind {
        VaccinationKind::Refused { .. } => CompletionStatus::Refused,
        VaccinationKind::NotAdministered => CompletionStatus::NotAdministered,
        _ => v
            .completion_status
            .clone()
            .unwrap_or(CompletionStatus::Complete),
    };
    // IZ-48 (refused) and the observation-only records (not administered): the amount is 999.
    let amount = match &v.kind {
        VaccinationKind::Refused { .. } | VaccinationKind::NotAdministered => None,
        _ => v.amount.as_ref(),
    };
    Rxa {
        give_sub_id_counter: Some(Nm::from("0")),
        administration_sub_id_counter: Some(Nm::from("1")),
        date_time_start_of_administration: v.date.map(|d| into(d.to_ts())),
        administered_code: v.vaccine.as_ref().map(|c| into(c.to_cwe())),
        administered_amount: Some(Nm::from(
            amount.map_or_else(|| UNKNOWN_AMOUNT.to_string(), |a| a.value.to_string()),
        )),
        administered_units: amount.and_then(|a| a.units.as_ref()).map(cwe),
        administration_notes: notes,
        administering_provider: v.administering_provider.as_ref().map(|p| into(p.to_xcn())),
        administered_at_location: v.facility.as_ref().map(|f| {
            into(La2 {
                facility: Some(Box::new(f.to_hd())),
                ..La2::default()
            })
        }),
        substance_lot_number: v.lots.iter().map(|l| St::from(l.as_str())).collect(),
        substance_expiration_date: v.expiration.map(|d| into(d.to_ts())),
        substance_manufacturer_name: v.manufacturer.as_ref().map(cwe),
        substance_treatment_refusal_reason: refusal,
        completion_status: Some(Id::from(status.code())),
        action_code: v.action.as_ref().map(|a| Id::from(a.code())),
        ..Rxa::default()
    }
}

/// Hands out OBX-4 sub-IDs 1, 2, 3 ..., skipping the ones generic observations use.
struct SubIds {
    next: u32,
    taken: BTreeSet<String>,
}

impl SubIds {
    fn next(&mut self) -> String {
        loop {
            self.next += 1;
            let id = self.next.to_string();
            if !self.taken.contains(&id) {
                return id;
            }
        }
    }
}

/// Writes the OBX segments of one order, numbering OBX-1 on from `count`.
struct ObxWriter<'a> {
    out: Vec<Obx>,
    count: &'a mut u32,
    day: Option<Timestamp>,
}

impl ObxWriter<'_> {
    fn push(
        &mut self,
        code: Cwe,
        value_type: &str,
        sub_id: &str,
        value: Varies,
    ) -> Option<&mut Obx> {
        *self.count += 1;
        self.out.push(Obx {
            set_id: Some(Si::from(self.count.to_string())),
            value_type: Some(Id::from(value_type)),
            observation_identifier: Some(into(code)),
            observation_sub_id: Some(St::from(sub_id)),
            observation_value: Some(into(value)),
            observation_result_status: Some(Id::from("F")),
            date_time_of_the_observation: self.day.map(|d| into(d.to_ts())),
            ..Obx::default()
        });
        self.out.last_mut()
    }

    fn coded(&mut self, code: &str, sub_id: &str, value: &Coded) -> Option<&mut Obx> {
        self.push(nip003(code), "CE", sub_id, value.to_varies())
    }

    /// VIS and contraindication dates, written as TS as the IG's examples do.
    fn date(&mut self, code: &str, sub_id: &str, date: chrono::NaiveDate) {
        let text = Timestamp::from(date).to_hl7();
        self.push(nip003(code), "TS", sub_id, Varies::text(&text));
    }
}

/// An observation identifier with its NIP003 meaning and coding system (`LN`).
fn nip003(code: &str) -> Cwe {
    Coded::from_value_set("NIP003", code).to_cwe()
}

fn observations_of(v: &Vaccination, count: &mut u32) -> Vec<Obx> {
    let mut ids = SubIds {
        next: 0,
        taken: v
            .observations
            .iter()
            .filter_map(|o| match o {
                ClinicalObservation::Other(other) => Some(other.sub_id.trim().to_string()),
                _ => None,
            })
            .collect(),
    };
    let mut w = ObxWriter {
        out: Vec::new(),
        count,
        day: v.date.map(|d| d.day()),
    };
    if let Some(e) = &v.eligibility {
        let sub = ids.next();
        if let Some(obx) = w.coded(loinc::FUNDING_ELIGIBILITY, &sub, &e.category) {
            obx.observation_method = e.method.as_ref().map(cwe);
        }
    }
    if let Some(f) = &v.funding_source {
        let sub = ids.next();
        w.coded(loinc::FUNDING_SOURCE, &sub, f);
    }
    for vis in &v.vis {
        if vis.document.is_none() && vis.edition.is_none() && vis.presented.is_none() {
            continue;
        }
        let sub = ids.next();
        match &vis.document {
            Some(VisDocumentId::Barcode(c)) => {
                w.coded(loinc::VIS_DOCUMENT_TYPE, &sub, c);
            }
            Some(VisDocumentId::VaccineType(c)) => {
                w.coded(loinc::VACCINE_TYPE, &sub, c);
            }
            None => {}
        }
        if let Some(d) = vis.edition {
            w.date(loinc::VIS_PUBLISHED, &sub, d);
        }
        if let Some(d) = vis.presented {
            w.date(loinc::VIS_PRESENTED, &sub, d);
        }
    }
    for o in &v.observations {
        match o {
            ClinicalObservation::Immunity(c) => {
                let sub = ids.next();
                w.coded(loinc::PRESUMED_IMMUNITY, &sub, c);
            }
            ClinicalObservation::SerologicalImmunity(c) => {
                let sub = ids.next();
                w.coded(loinc::SEROLOGICAL_IMMUNITY, &sub, c);
            }
            ClinicalObservation::Reaction(c) => {
                let sub = ids.next();
                w.coded(loinc::REACTION, &sub, c);
            }
            ClinicalObservation::Indication(c) => {
                let sub = ids.next();
                w.coded(loinc::INDICATION, &sub, c);
            }
            ClinicalObservation::Contraindication(c) => {
                let sub = ids.next();
                w.coded(loinc::CONTRAINDICATION, &sub, &c.reason);
                if let Some(d) = c.effective {
                    w.date(loinc::CONTRAINDICATION_EFFECTIVE, &sub, d);
                }
                if let Some(d) = c.expires {
                    w.date(loinc::CONTRAINDICATION_EXPIRES, &sub, d);
                }
            }
            ClinicalObservation::Other(other) => {
                let (code, value_type) = (other.code.to_cwe(), other.value.value_type());
                if let Some(obx) = w.push(code, value_type, &other.sub_id, other.value.to_varies())
                {
                    obx.units = other.units.as_ref().map(cwe);
                    obx.date_time_of_the_observation = other.date.map(|d| into(d.to_ts()));
                }
            }
        }
    }
    w.out
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
        let hd = |n: Option<&Namespace>| n.map(|n| into(n.to_hd()));
        let [code, trigger, structure] = message;
        Msh {
            field_separator: Some(St::from("|")),
            encoding_characters: Some(St::from("^~\\&")),
            sending_application: hd(self.sending_application),
            sending_facility: hd(self.sending_facility),
            receiving_application: hd(self.receiving_application),
            receiving_facility: hd(self.receiving_facility),
            date_time_of_message: Some(into(Ts {
                time: Dtm::from_datetime(self.sent_at),
                ..Ts::default()
            })),
            message_type: Some(into(Msg {
                message_code: Id::from(code),
                trigger_event: Id::from(trigger),
                message_structure: Id::from(structure),
                ..Msg::default()
            })),
            message_control_id: Some(St::from(self.control_id)),
            processing_id: Some(into(Pt {
                processing_id: Id::from(self.processing.code()),
                ..Pt::default()
            })),
            version_id: Some(into(Vid {
                version_id: Id::from("2.5.1"),
                ..Vid::default()
            })),
            accept_acknowledgment_type: Some(Id::from("ER")),
            application_acknowledgment_type: Some(Id::from("AL")),
            message_profile_identifier: vec![Ei {
                entity_identifier: St::from(profile),
                namespace_id: Is::from("CDCPHINVS"),
                ..Ei::default()
            }],
            ..Msh::default()
        }
    }
}
