//! The patient ([`Patient`], from PID and PD1) and the people responsible for them ([`NextOfKin`],
//! from NK1), read from and written to their segments.

use chrono::NaiveDate;

use crate::model::segments::{Nk1, Pd1, Pid};

use super::code_lists::{NameType, RegistryStatus, Sex};
use super::coded::{Coded, slot};
use super::identity::Identifier;
use super::person::{Address, PersonName, Telecom};
use super::sink::{Each, MapTo, Sink, date_text, field, number, typed};
use super::timestamp::{Timestamp, date_of};

/// A value with the date it took effect (PD1 publicity, protection and registry status).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Dated<T> {
    /// The value.
    pub value: T,
    /// When it took effect.
    pub since: Option<NaiveDate>,
}

impl<T> Dated<T> {
    /// A value effective since `since`.
    pub fn new(value: T, since: Option<NaiveDate>) -> Dated<T> {
        Dated { value, since }
    }
}

/// The subject of the record, as an EHR thinks of them (PID and PD1).
///
/// ```
/// use chrono::NaiveDate;
/// use izmsg::model::domain::{Identifier, Patient, PersonName, Sex, Coded, RegistryStatus};
///
/// let born = NaiveDate::from_ymd_opt(2023, 8, 1).unwrap();
/// let jane = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane"), born, Sex::Female)
///     .with_race(Coded::race("2106-3"))
///     .with_ethnicity(Coded::ethnicity("2186-5"))
///     .with_registry_status(RegistryStatus::Active, Some(born));
/// assert_eq!(jane.birth_date(), Some(born));
/// assert_eq!(jane.legal_name().unwrap().given.as_deref(), Some("Jane"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Patient {
    /// Identifiers: the EHR's medical record number (`MR`), the registry's ID (`SR`) ... (PID-3).
    pub identifiers: Vec<Identifier>,
    /// Names, the legal name first (PID-5).
    pub names: Vec<PersonName>,
    /// Mother's maiden name (PID-6).
    pub mothers_maiden_name: Option<PersonName>,
    /// Date (and maybe time) of birth (PID-7).
    pub birth: Option<Timestamp>,
    /// Administrative sex (PID-8).
    pub sex: Option<Sex>,
    /// Races, CDCREC codes (PID-10).
    pub races: Vec<Coded>,
    /// Ethnicity, a CDCREC code (PID-22).
    pub ethnicity: Option<Coded>,
    /// Addresses (PID-11).
    pub addresses: Vec<Address>,
    /// Phone numbers and email addresses (PID-13).
    pub telecoms: Vec<Telecom>,
    /// Part of a multiple birth (PID-24).
    pub multiple_birth: Option<bool>,
    /// Birth order in a multiple birth (PID-25).
    pub birth_order: Option<u32>,
    /// Deceased (PID-30).
    pub deceased: Option<bool>,
    /// Date of death (PID-29).
    pub death: Option<Timestamp>,
    /// Status at the sending organization, with its effective date (PD1-16, PD1-17).
    pub registry_status: Option<Dated<RegistryStatus>>,
    /// Reminder/recall preference, HL7 0215, with its effective date (PD1-11, PD1-18).
    pub publicity: Option<Dated<Coded>>,
    /// `true`: the patient asked that the record not be shared (PD1-12, date PD1-13).
    pub protection: Option<Dated<bool>>,
}

impl Patient {
    /// A patient with what the IG requires of every PID: an identifier, a name (the legal name
    /// should come first), the date of birth and the sex.
    pub fn new(
        identifier: Identifier,
        name: PersonName,
        birth: impl Into<Timestamp>,
        sex: Sex,
    ) -> Patient {
        Patient {
            identifiers: vec![identifier],
            names: vec![name],
            birth: Some(birth.into()),
            sex: Some(sex),
            ..Patient::default()
        }
    }

    /// The date of birth.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth.map(|b| b.date)
    }

    /// The first legal name (type `L`), else the first name.
    pub fn legal_name(&self) -> Option<&PersonName> {
        self.names
            .iter()
            .find(|n| n.name_type == Some(NameType::Legal))
            .or_else(|| self.names.first())
    }

    /// Adds an identifier (the registry's `SR` ID, a Medicaid number ...).
    pub fn with_identifier(mut self, id: Identifier) -> Patient {
        self.identifiers.push(id);
        self
    }

    /// Adds another name (an alias, a name at birth ...), after the first.
    pub fn with_name(mut self, name: PersonName) -> Patient {
        self.names.push(name);
        self
    }

    /// Sets the mother's maiden name; its type is set to `M` as IZ-66 requires.
    pub fn with_mothers_maiden_name(mut self, name: PersonName) -> Patient {
        self.mothers_maiden_name = Some(name.with_type(NameType::Maiden));
        self
    }

    /// Adds a race.
    pub fn with_race(mut self, race: Coded) -> Patient {
        self.races.push(race);
        self
    }

    /// Sets the ethnicity.
    pub fn with_ethnicity(mut self, ethnicity: Coded) -> Patient {
        self.ethnicity = Some(ethnicity);
        self
    }

    /// Adds an address.
    pub fn with_address(mut self, address: Address) -> Patient {
        self.addresses.push(address);
        self
    }

    /// Adds a phone number or email address.
    pub fn with_telecom(mut self, telecom: Telecom) -> Patient {
        self.telecoms.push(telecom);
        self
    }

    /// Marks the patient as born `order`th of a multiple birth.
    pub fn with_birth_order(mut self, order: u32) -> Patient {
        self.multiple_birth = Some(true);
        self.birth_order = Some(order);
        self
    }

    /// Marks the patient as deceased, on `date` when known.
    pub fn with_death(mut self, date: Option<Timestamp>) -> Patient {
        self.deceased = Some(true);
        self.death = date;
        self
    }

    /// Sets the status at the sending organization.
    pub fn with_registry_status(
        mut self,
        status: RegistryStatus,
        since: Option<NaiveDate>,
    ) -> Patient {
        self.registry_status = Some(Dated::new(status, since));
        self
    }

    /// Sets the reminder/recall preference (see [`Coded::publicity`]).
    pub fn with_publicity(mut self, publicity: Coded, since: Option<NaiveDate>) -> Patient {
        self.publicity = Some(Dated::new(publicity, since));
        self
    }

    /// Sets whether the record is protected from sharing.
    pub fn with_protection(mut self, protected: bool, since: Option<NaiveDate>) -> Patient {
        self.protection = Some(Dated::new(protected, since));
        self
    }

    /// Reads the patient from a PID and, when there is one, a PD1. Missing or malformed values are
    /// `None` (or left out of the lists); the typed segments keep them.
    pub fn from_pid(pid: &Pid, pd1: Option<&Pd1>) -> Patient {
        let mut p = Patient {
            identifiers: pid
                .patient_identifier_list
                .iter()
                .filter_map(Identifier::from_cx)
                .collect(),
            names: pid
                .patient_name
                .iter()
                .filter_map(PersonName::from_xpn)
                .collect(),
            mothers_maiden_name: slot(&pid.mothers_maiden_name).and_then(PersonName::from_xpn),
            birth: slot(&pid.date_time_of_birth).and_then(Timestamp::from_ts),
            sex: pid
                .administrative_sex
                .as_ref()
                .and_then(|s| Sex::from_code(s)),
            races: pid.race.iter().filter_map(Coded::from_cwe).collect(),
            ethnicity: slot(&pid.ethnic_group).and_then(Coded::from_cwe),
            addresses: pid
                .patient_address
                .iter()
                .filter_map(Address::from_xad)
                .collect(),
            telecoms: pid
                .phone_number_home
                .iter()
                .filter_map(Telecom::from_xtn)
                .collect(),
            multiple_birth: pid
                .multiple_birth_indicator
                .as_ref()
                .and_then(|y| yes_no(y)),
            birth_order: pid.birth_order.as_ref().and_then(|n| n.trim().parse().ok()),
            deceased: pid.patient_death_indicator.as_ref().and_then(|y| yes_no(y)),
            death: slot(&pid.patient_death_date_and_time).and_then(Timestamp::from_ts),
            ..Patient::default()
        };
        if let Some(pd1) = pd1 {
            p.registry_status = pd1
                .immunization_registry_status
                .as_ref()
                .and_then(|s| RegistryStatus::from_code(s))
                .map(|s| {
                    Dated::new(
                        s,
                        pd1.immunization_registry_status_effective_date
                            .as_ref()
                            .and_then(date_of),
                    )
                });
            p.publicity = slot(&pd1.publicity_code)
                .and_then(Coded::from_cwe)
                .map(|c| {
                    Dated::new(
                        c,
                        pd1.publicity_code_effective_date.as_ref().and_then(date_of),
                    )
                });
            p.protection = pd1
                .protection_indicator
                .as_ref()
                .and_then(|y| yes_no(y))
                .map(|b| {
                    Dated::new(
                        b,
                        pd1.protection_indicator_effective_date
                            .as_ref()
                            .and_then(date_of),
                    )
                });
        }
        p
    }

    /// The PID segment (PID-1 = `1`).
    pub fn to_pid(&self) -> Pid {
        typed(self)
    }

    /// True when there is registry status, publicity or protection to send in a PD1.
    pub(crate) fn has_pd1(&self) -> bool {
        self.registry_status.is_some() || self.publicity.is_some() || self.protection.is_some()
    }

    /// The PD1 segment, when there is registry status, publicity or protection to send.
    pub fn to_pd1(&self) -> Option<Pd1> {
        self.has_pd1().then(|| typed(self))
    }
}

/// A parent, guardian or other responsible person (NK1).
///
/// ```
/// use izmsg::model::domain::{Coded, NextOfKin, PersonName, Telecom};
/// let mom = NextOfKin::new(PersonName::legal("Doe", "Mary"), Coded::relationship("MTH"))
///     .with_telecom(Telecom::cell_phone("207", "5551234"));
/// assert_eq!(mom.relationship.unwrap().text.as_deref(), Some("Mother"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct NextOfKin {
    /// Names (NK1-2).
    pub names: Vec<PersonName>,
    /// Relationship to the patient, HL7 0063 (NK1-3).
    pub relationship: Option<Coded>,
    /// Addresses (NK1-4).
    pub addresses: Vec<Address>,
    /// Phone numbers and email addresses (NK1-5).
    pub telecoms: Vec<Telecom>,
}

impl NextOfKin {
    /// A person with their relationship to the patient (see [`Coded::relationship`]): both are
    /// required in an NK1.
    pub fn new(name: PersonName, relationship: Coded) -> NextOfKin {
        NextOfKin {
            names: vec![name],
            relationship: Some(relationship),
            ..NextOfKin::default()
        }
    }

    /// Adds an address.
    pub fn with_address(mut self, address: Address) -> NextOfKin {
        self.addresses.push(address);
        self
    }

    /// Adds a phone number or email address.
    pub fn with_telecom(mut self, telecom: Telecom) -> NextOfKin {
        self.telecoms.push(telecom);
        self
    }

    /// Reads an NK1.
    pub fn from_nk1(nk1: &Nk1) -> NextOfKin {
        NextOfKin {
            names: nk1.name.iter().filter_map(PersonName::from_xpn).collect(),
            relationship: slot(&nk1.relationship).and_then(Coded::from_cwe),
            addresses: nk1.address.iter().filter_map(Address::from_xad).collect(),
            telecoms: nk1
                .phone_number
                .iter()
                .filter_map(Telecom::from_xtn)
                .collect(),
        }
    }

    /// The NK1 segment numbered `set_id` (NK1s are numbered 1, 2, 3 ... in a message, IZ-70).
    pub fn to_nk1(&self, set_id: usize) -> Nk1 {
        typed(&Kin { set_id, kin: self })
    }
}

fn yes_no(s: &str) -> Option<bool> {
    match s.trim() {
        y if y.eq_ignore_ascii_case("Y") => Some(true),
        n if n.eq_ignore_ascii_case("N") => Some(false),
        _ => None,
    }
}

fn yn(b: bool) -> &'static str {
    if b { "Y" } else { "N" }
}

impl MapTo<Pid> for Patient {
    fn map<K: Sink<Pid>>(&self, k: &mut K) {
        k.put(field!(Pid, set_id), "1");
        k.put(
            field!(Pid, patient_identifier_list),
            &Each(&self.identifiers),
        );
        k.put(field!(Pid, patient_name), &Each(&self.names));
        k.put_opt(
            field!(Pid, mothers_maiden_name),
            self.mothers_maiden_name.as_ref(),
        );
        k.put_opt(field!(Pid, date_time_of_birth), self.birth.as_ref());
        k.put_opt(
            field!(Pid, administrative_sex),
            self.sex.as_ref().map(|s| s.code()),
        );
        k.put(field!(Pid, race), &Each(&self.races));
        k.put(field!(Pid, patient_address), &Each(&self.addresses));
        k.put(field!(Pid, phone_number_home), &Each(&self.telecoms));
        k.put_opt(field!(Pid, ethnic_group), self.ethnicity.as_ref());
        k.put_opt(
            field!(Pid, multiple_birth_indicator),
            self.multiple_birth.map(yn),
        );
        if let Some(n) = self.birth_order {
            k.put(field!(Pid, birth_order), &number(u64::from(n)));
        }
        k.put_opt(
            field!(Pid, patient_death_date_and_time),
            self.death.as_ref(),
        );
        k.put_opt(field!(Pid, patient_death_indicator), self.deceased.map(yn));
    }
}

/// PD1 (only when [`Patient::has_pd1`]).
impl MapTo<Pd1> for Patient {
    fn map<K: Sink<Pd1>>(&self, k: &mut K) {
        let publicity = self.publicity.as_ref();
        let protection = self.protection.as_ref();
        let status = self.registry_status.as_ref();
        k.put_opt(field!(Pd1, publicity_code), publicity.map(|p| &p.value));
        k.put_opt(
            field!(Pd1, protection_indicator),
            protection.map(|p| yn(p.value)),
        );
        if let Some(d) = protection.and_then(|p| p.since) {
            k.put(
                field!(Pd1, protection_indicator_effective_date),
                &date_text(d),
            );
        }
        k.put_opt(
            field!(Pd1, immunization_registry_status),
            status.map(|s| s.value.code()),
        );
        if let Some(d) = status.and_then(|s| s.since) {
            let key = field!(Pd1, immunization_registry_status_effective_date);
            k.put(key, &date_text(d));
        }
        if let Some(d) = publicity.and_then(|p| p.since) {
            k.put(field!(Pd1, publicity_code_effective_date), &date_text(d));
        }
    }
}

/// A next of kin with their NK1 set ID.
pub(crate) struct Kin<'a> {
    pub(crate) set_id: usize,
    pub(crate) kin: &'a NextOfKin,
}

impl MapTo<Nk1> for Kin<'_> {
    fn map<K: Sink<Nk1>>(&self, k: &mut K) {
        let kin = self.kin;
        let set_id = u64::try_from(self.set_id).unwrap_or(u64::MAX);
        k.put(field!(Nk1, set_id), &number(set_id));
        k.put(field!(Nk1, name), &Each(&kin.names));
        k.put_opt(field!(Nk1, relationship), kin.relationship.as_ref());
        k.put(field!(Nk1, address), &Each(&kin.addresses));
        k.put(field!(Nk1, phone_number), &Each(&kin.telecoms));
    }
}
