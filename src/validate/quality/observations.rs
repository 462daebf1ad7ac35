//! The observations of a dose (OBX): VFC eligibility and funding source, the VIS given, and value
//! types that do not fit the observation.
//!
//! IZ-23 (eligibility for a CP/PA administered dose), IZ-24 (each VIS sent complete with its
//! presentation date, for one),
//! IZ-35 (eligibility code in HL7 0064) and IZ-36 (VIS barcode known) are the IG's statements and are
//! reported as such; the rules here say what they do not: an administered dose without any VIS;
//! eligibility and VIS dates for an administered dose whose RXA-20 is empty; deprecated codes,
//! eligibility that conflicts with the age or the funding, and VIS of another vaccine, given late,
//! or superseded.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::codes::{self, CodeSets, CodeStatus};
use crate::model::domain::observation_codes as loinc;
use crate::model::message::Order;
use crate::model::segments::Obx;
use crate::model::types::Dtm;

use super::dates::capital;
use super::{At, Dose, Kind, Q, dq, facts, sets, text};

dq!(
    /// DQ-ELG-001: an administered dose with RXA-20 empty and no VFC eligibility.
    ELG_001, "DQ-ELG-001", Warning, 101, Some("6"), "OBX 64994-7", "MQE0468",
    "An administered dose (RXA-20 empty) has no VFC eligibility observation (IZ-23 says it for CP/PA)."
);
dq!(
    /// DQ-ELG-002: a deprecated VFC eligibility code.
    ELG_002, "DQ-ELG-002", Warning, 103, Some("5"), "OBX-5", "MQE0465, MQE0467, MQE0469",
    "The VFC eligibility code is deprecated (HL7 0064: V06, V08)."
);
dq!(
    /// DQ-ELG-003: eligibility sent on a historical dose.
    ELG_003, "DQ-ELG-003", Information, 0, Some("3"), "OBX 64994-7", "IG guidance",
    "VFC eligibility is sent for a historical dose; it is recorded only for doses given by the sender."
);
dq!(
    /// DQ-ELG-004: eligibility without its observation method.
    ELG_004, "DQ-ELG-004", Information, 101, Some("5"), "OBX-17", "IG",
    "The VFC eligibility observation has no observation method (VXC40 per immunization, VXC41 per visit)."
);
dq!(
    /// DQ-ELG-005: VFC-eligible status for a patient 19 or older.
    ELG_005, "DQ-ELG-005", Warning, 0, Some("3"), "OBX-5", "IG Table A-3",
    "A VFC-eligible status (V02-V05) is sent for a patient 19 or older; VFC covers children through 18."
);
dq!(
    /// DQ-FND-001: funding source inconsistent with eligibility.
    FND_001, "DQ-FND-001", Warning, 0, Some("3"), "OBX-5", "MQE0596",
    "The funding source is inconsistent with the eligibility (public VFC stock for a patient not VFC eligible)."
);
dq!(
    /// DQ-FND-002: funding source code unrecognized.
    FND_002, "DQ-FND-002", Information, 103, Some("5"), "OBX-5", "MQE0585, MQE0587",
    "The funding source code is not one of PHVS_ImmunizationFundingSource_IIS."
);
dq!(
    /// DQ-VIS-001: an administered dose of a vaccine with a VIS and no VIS observation.
    VIS_001, "DQ-VIS-001", Warning, 101, Some("6"), "OBX 69764-9", "MQE0542",
    "An administered dose of a vaccine with a VIS has no VIS observations (IZ-24 judges the VIS that are sent)."
);
dq!(
    /// DQ-VIS-003: a VIS without its presentation date, for an administered dose with RXA-20 empty.
    VIS_003, "DQ-VIS-003", Warning, 101, Some("6"), "OBX 29769-7", "MQE0538",
    "A VIS of an administered dose (RXA-20 empty) has no presentation date (IZ-24 says it for CP/PA)."
);
dq!(
    /// DQ-VIS-004: VIS presented after the dose, or on another day.
    VIS_004, "DQ-VIS-004", Information, 0, Some("1"), "OBX-5 29769-7", "MQE0541, MQE0539",
    "The VIS was presented after the dose was given, or on another day."
);
dq!(
    /// DQ-VIS-005: VIS presented before its edition was published.
    VIS_005, "DQ-VIS-005", Information, 0, Some("1"), "OBX-5 29769-7", "MQE0540",
    "The VIS is dated as presented before its edition was published."
);
dq!(
    /// DQ-VIS-006: VIS of another vaccine, or an edition date unknown for the vaccine.
    VIS_006, "DQ-VIS-006", Information, 0, Some("1"), "OBX-5", "MQE0536, MQE0535",
    "The VIS is not one for this vaccine (CDC CVX-to-VIS table), or its edition date is unknown or in the future."
);
dq!(
    /// DQ-VIS-007: an edition older than the one in force when it was presented.
    VIS_007, "DQ-VIS-007", Information, 0, Some("1"), "OBX-5", "MQE0502",
    "The VIS edition given was superseded by a newer edition before the day it was presented."
);
dq!(
    /// DQ-OBX-001: an observation's value type does not fit it.
    OBX_001, "DQ-OBX-001", Warning, 102, Some("4"), "OBX-2", "MQE0472, MQE0480, MQE0477",
    "The value type (OBX-2) does not fit the observation: a code sent as a date, a date as a code."
);

/// What the VIS dates of one OBX-4 group say.
#[derive(Clone, Copy, Default)]
struct Group {
    presented: Option<(NaiveDate, usize)>,
    edition: Option<NaiveDate>,
}

/// VIS groups by OBX-4, inline for the usual few, hashed past that (linear in the OBX count).
#[derive(Default)]
struct Groups<'m> {
    inline: [(&'m str, Group); 8],
    len: usize,
    spill: Option<HashMap<&'m str, Group>>,
}

impl<'m> Groups<'m> {
    fn entry(&mut self, sub: &'m str) -> &mut Group {
        let mut found = self
            .inline
            .iter()
            .take(self.len)
            .position(|(s, _)| *s == sub);
        if found.is_none()
            && self.spill.is_none()
            && let Some(slot) = self.inline.get_mut(self.len)
        {
            *slot = (sub, Group::default());
            found = Some(self.len);
            self.len += 1;
        }
        match found.and_then(|i| self.inline.get_mut(i)) {
            Some((_, g)) => g,
            None => self
                .spill
                .get_or_insert_with(HashMap::new)
                .entry(sub)
                .or_default(),
        }
    }

    fn get(&self, sub: &str) -> Option<Group> {
        self.inline
            .iter()
            .take(self.len)
            .find(|(s, _)| *s == sub)
            .map(|(_, g)| *g)
            .or_else(|| self.spill.as_ref()?.get(sub).copied())
    }

    fn iter(&self) -> impl Iterator<Item = Group> + '_ {
        self.inline
            .iter()
            .take(self.len)
            .map(|(_, g)| *g)
            .chain(self.spill.iter().flat_map(|m| m.values().copied()))
    }
}

/// The VIS documents of a dose (barcode or vaccine type OBX): position and whether a barcode;
/// inline for the usual few.
#[derive(Default)]
struct Documents {
    inline: [(usize, bool); 8],
    len: usize,
    spill: Vec<(usize, bool)>,
}

impl Documents {
    fn push(&mut self, k: usize, barcode: bool) {
        if self.spill.is_empty()
            && let Some(slot) = self.inline.get_mut(self.len)
        {
            *slot = (k, barcode);
            self.len += 1;
            return;
        }
        if self.spill.is_empty() {
            self.spill.extend(self.inline.iter().take(self.len));
        }
        self.spill.push((k, barcode));
    }

    fn is_empty(&self) -> bool {
        self.len == 0 && self.spill.is_empty()
    }

    fn iter(&self) -> impl Iterator<Item = (usize, bool)> + '_ {
        let inline = if self.spill.is_empty() { self.len } else { 0 };
        self.inline
            .iter()
            .take(inline)
            .chain(self.spill.iter())
            .copied()
    }
}

/// OBX-3.1, cleaned, as bytes (compared with the LOINC codes, never read as a string).
fn code_of(obx: &Obx) -> &[u8] {
    obx.observation_identifier
        .as_ref()
        .map_or(&b""[..], |c| text::clean_bytes(c.identifier.as_bytes()))
}

fn sub_of(obx: &Obx) -> &str {
    text::opt(obx.observation_sub_id.as_deref())
}

fn value_of(obx: &Obx) -> &str {
    obx.observation_value
        .as_ref()
        .map_or("", |v| text::clean(v.as_str()))
}

fn date_of(obx: &Obx) -> Option<NaiveDate> {
    Dtm::from(value_of(obx)).parts().ok()?.date()
}

/// The edition of a VIS document type in force on `day`: the newest published on or before it.
fn edition_in_force(gdti: &str, day: NaiveDate) -> Option<NaiveDate> {
    CodeSets::embedded()
        .vis_editions(gdti)
        .map(|e| e.edition_date)
        .filter(|d| *d <= day)
        .max()
}

pub(super) fn check(q: &mut Q<'_, '_>, dose: &Dose<'_>) {
    let order: &Order = dose.order;
    let mut eligibility = None;
    let mut funding = None;
    let mut groups = Groups::default();
    let mut documents = Documents::default();
    for (k, o) in order.observations.iter().enumerate() {
        let obx = &o.obx;
        let code = code_of(obx);
        value_type(q, dose, k, obx, code);
        if code == loinc::FUNDING_ELIGIBILITY.as_bytes() {
            eligibility.get_or_insert((k, obx));
        } else if code == loinc::FUNDING_SOURCE.as_bytes() {
            funding.get_or_insert((k, obx));
        } else if code == loinc::VIS_DOCUMENT_TYPE.as_bytes()
            || code == loinc::VACCINE_TYPE.as_bytes()
        {
            documents.push(k, code == loinc::VIS_DOCUMENT_TYPE.as_bytes());
        } else if code == loinc::VIS_PRESENTED.as_bytes() {
            if let Some(day) = date_of(obx) {
                groups.entry(sub_of(obx)).presented.get_or_insert((day, k));
            }
        } else if code == loinc::VIS_PUBLISHED.as_bytes()
            && let Some(day) = date_of(obx)
        {
            groups.entry(sub_of(obx)).edition.get_or_insert(day);
        }
    }
    eligibility_and_funding(q, dose, eligibility, funding);
    vis(q, dose, &groups, &documents);
}

fn value_type(q: &mut Q<'_, '_>, dose: &Dose<'_>, k: usize, obx: &Obx, code: &[u8]) {
    let expected = if code == loinc::FUNDING_ELIGIBILITY.as_bytes()
        || code == loinc::FUNDING_SOURCE.as_bytes()
        || code == loinc::VIS_DOCUMENT_TYPE.as_bytes()
        || code == loinc::VACCINE_TYPE.as_bytes()
    {
        facts::CODED_VALUE_TYPES
    } else if code == loinc::VIS_PRESENTED.as_bytes() || code == loinc::VIS_PUBLISHED.as_bytes() {
        facts::DATE_VALUE_TYPES
    } else {
        return;
    };
    let vt = text::opt(obx.value_type.as_deref());
    if vt.is_empty() || text::is_one_of(vt, expected) {
        return;
    }
    let n = dose.n;
    let kind = if expected == facts::DATE_VALUE_TYPES {
        "a date (DT or TS)"
    } else {
        "a code (CE or CWE)"
    };
    q.report(&OBX_001, At::Obx(dose.i, k).field(2), Some(vt), |cx| {
        (
            format!(
                "Observation {} of {} is {kind} but its value type (OBX-2) says otherwise.",
                k + 1,
                cx.dose(n)
            ),
            format!(
                "Send this observation with value type {}.",
                expected.join(" or ")
            ),
        )
    });
}

fn eligibility_and_funding(
    q: &mut Q<'_, '_>,
    dose: &Dose<'_>,
    eligibility: Option<(usize, &Obx)>,
    funding: Option<(usize, &Obx)>,
) {
    let n = dose.n;
    let Some((k, obx)) = eligibility else {
        if dose.kind == Kind::Administered && dose.status_empty() {
            q.report(&ELG_001, At::Rxa(dose.i).segment(), None, |cx| {
                (
                    format!("{} has no VFC eligibility observation (OBX 64994-7).", capital(&cx.dose(n))),
                    "Record the patient's VFC eligibility for this dose (V01 not eligible, V02-V05 VFC eligible ...).".to_string(),
                )
            });
        }
        funding_source(q, dose, funding, None);
        return;
    };
    let code = value_of(obx);
    if dose.kind == Kind::Historical {
        q.report(&ELG_003, At::Obx(dose.i, k).segment(), None, |cx| {
            (
                format!("VFC eligibility is sent for the historical {}; it is recorded only by the clinic that gives a dose.", super::dates::strip_the(&cx.dose(n))),
                "Leave out the eligibility observation of historical doses.".to_string(),
            )
        });
        return;
    }
    if !code.is_empty()
        && sets::ELIGIBILITY
            .find(code)
            .is_some_and(|m| m.status == CodeStatus::Deprecated)
    {
        q.report(&ELG_002, At::Obx(dose.i, k).field(5), Some(code), |cx| {
            (
                format!("The VFC eligibility code of {} is deprecated.", cx.dose(n)),
                "Choose a current eligibility code (V01-V05, or your state's code).".to_string(),
            )
        });
    }
    if dose.kind.given()
        && obx
            .observation_method
            .as_ref()
            .is_none_or(|m| text::clean(m.identifier.as_str()).is_empty())
    {
        q.report(&ELG_004, At::Obx(dose.i, k).field(17), None, |cx| {
            (
                format!(
                    "The VFC eligibility of {} has no observation method (OBX-17).",
                    cx.dose(n)
                ),
                "Send VXC40 (eligibility captured per immunization) or VXC41 (per visit)."
                    .to_string(),
            )
        });
    }
    if text::is_one_of(code, facts::VFC_ELIGIBLE)
        && let Some(day) = dose.date
        && q.age_on(day)
            .is_some_and(|age| age >= facts::VFC_AGE_LIMIT_YEARS)
    {
        q.report(&ELG_005, At::Obx(dose.i, k).field(5), Some(code), |cx| {
            (
                format!(
                    "{} is recorded as VFC eligible, but the patient was {} or older; VFC covers children through 18.",
                    capital(&cx.dose(n)),
                    facts::VFC_AGE_LIMIT_YEARS
                ),
                "Record the patient's eligibility as an adult (V01 not VFC eligible, or your state's code).".to_string(),
            )
        });
    }
    funding_source(q, dose, funding, Some(code));
}

fn funding_source(
    q: &mut Q<'_, '_>,
    dose: &Dose<'_>,
    funding: Option<(usize, &Obx)>,
    eligibility: Option<&str>,
) {
    let Some((k, obx)) = funding else {
        return;
    };
    let code = value_of(obx);
    if code.is_empty() {
        return;
    }
    let n = dose.n;
    let at = At::Obx(dose.i, k).field(5);
    if !sets::FUNDING_SOURCE.contains(code) {
        q.report(&FND_002, at, Some(code), |cx| {
            (
                format!(
                    "The funding source of {} is not a code the registry knows.",
                    cx.dose(n)
                ),
                "Send VXC50 public, VXC51 public VFC, VXC52 public non-VFC or PHC70 private funds."
                    .to_string(),
            )
        });
        return;
    }
    if eligibility.is_some_and(|e| e.eq_ignore_ascii_case(facts::NOT_VFC_ELIGIBLE))
        && code.eq_ignore_ascii_case(facts::PUBLIC_VFC_FUNDING)
    {
        q.report(&FND_001, at, Some(code), |cx| {
            (
                format!(
                    "{} is recorded as given from public VFC stock to a patient who is not VFC eligible.",
                    capital(&cx.dose(n))
                ),
                "Check the patient's eligibility and the stock the vaccine came from.".to_string(),
            )
        });
    }
}

fn vis(q: &mut Q<'_, '_>, dose: &Dose<'_>, groups: &Groups<'_>, documents: &Documents) {
    let n = dose.n;
    let vaccine = dose.codes.vaccine;
    let checks_presence = dose.kind == Kind::Administered && dose.status_empty();
    if documents.is_empty() {
        if dose.kind == Kind::Administered
            && vaccine.is_some_and(|v| codes::vis_for_cvx(&v.cvx).next().is_some())
        {
            q.report(&VIS_001, At::Rxa(dose.i).segment(), None, |cx| {
                (
                    format!("{} has no VIS observations: which Vaccine Information Statement was given, and when.", capital(&cx.dose(n))),
                    "Record the VIS given (its barcode) and the date it was presented.".to_string(),
                )
            });
        }
        return;
    }
    if !matches!(dose.kind, Kind::Administered | Kind::Given) {
        return;
    }
    // When each VIS was presented, against the day of the dose.
    if let Some(day) = dose.date {
        for g in groups.iter() {
            let Some((presented, k)) = g.presented else {
                continue;
            };
            if presented == day {
                continue;
            }
            let when = if presented > day {
                "after the dose was given"
            } else {
                "on another day than the dose"
            };
            q.report(&VIS_004, At::Obx(dose.i, k).field(5), None, |cx| {
                (
                    format!("The VIS of {} was presented {when}.", cx.dose(n)),
                    "Give the VIS before the vaccine, at the same visit, and record that date."
                        .to_string(),
                )
            });
        }
    }
    for (k, barcode) in documents.iter() {
        let Some(obx) = dose.order.observations.get(k).map(|o| &o.obx) else {
            continue;
        };
        let group = groups.get(sub_of(obx)).unwrap_or_default();
        if checks_presence && group.presented.is_none() {
            q.report(&VIS_003, At::Obx(dose.i, k).segment(), None, |cx| {
                (
                    format!(
                        "A VIS of {} has no presentation date (OBX 29769-7 with the same OBX-4).",
                        cx.dose(n)
                    ),
                    "Record the date the VIS was given to the patient or guardian.".to_string(),
                )
            });
        }
        let value = value_of(obx);
        if value.is_empty() {
            continue;
        }
        let presented = group.presented.map(|(d, _)| d);
        let at = At::Obx(dose.i, k).field(5);
        if barcode {
            vis_barcode(q, dose, at, value, presented);
        } else {
            vis_vaccine_type(q, dose, at, value, group.edition, presented);
        }
    }
}

fn wrong_vaccine(q: &mut Q<'_, '_>, dose: &Dose<'_>, at: super::Loc, value: &str) {
    let n = dose.n;
    q.report(&VIS_006, at, Some(value), |cx| {
        (
            format!(
                "The VIS recorded for {} is not a VIS for this vaccine.",
                cx.dose(n)
            ),
            "Record the VIS of the vaccine given (the CDC maps each vaccine to its VIS)."
                .to_string(),
        )
    });
}

/// True when the vaccine's VIS include this document type, or the CDC maps the vaccine to none.
fn vis_fits(cvx: &str, gdti: &str) -> bool {
    let mut any = false;
    for d in codes::vis_for_cvx(cvx) {
        if d.gdti == gdti {
            return true;
        }
        any = true;
    }
    !any
}

fn vis_barcode(
    q: &mut Q<'_, '_>,
    dose: &Dose<'_>,
    at: super::Loc,
    barcode: &str,
    presented: Option<NaiveDate>,
) {
    let Some(doc) = codes::vis_document(barcode) else {
        return; // IZ-36
    };
    // Judged only for a vaccine the CDC maps to VIS at all.
    if let Some(v) = dose.codes.vaccine
        && !CodeSets::embedded()
            .cvx_for_vis(&doc.vis_encoded)
            .any(|c| c == v.cvx)
        && !vis_fits(&v.cvx, &doc.gdti)
    {
        wrong_vaccine(q, dose, at, barcode);
        return;
    }
    edition_dates(q, dose, at, &doc.gdti, doc.edition_date, presented, barcode);
}

fn vis_vaccine_type(
    q: &mut Q<'_, '_>,
    dose: &Dose<'_>,
    at: super::Loc,
    vaccine_type: &str,
    edition: Option<NaiveDate>,
    presented: Option<NaiveDate>,
) {
    let Some(vt) = codes::cvx(vaccine_type) else {
        return; // IZ-37
    };
    if let Some(v) = dose.codes.vaccine
        && v.cvx != vt.cvx
        && !codes::vaccine_groups(&vt.cvx)
            .any(|g| codes::vaccine_groups(&v.cvx).any(|h| h.group_name == g.group_name))
    {
        wrong_vaccine(q, dose, at, vaccine_type);
        return;
    }
    let Some(edition) = edition else {
        return; // IZ-24
    };
    // The editions of the vaccine type's VIS; for a type the CDC maps to none (an unspecified
    // formulation), those of the vaccine given.
    let own = codes::vis_for_cvx(&vt.cvx).next().is_some();
    let source = if own {
        Some(vt.cvx.as_ref())
    } else {
        dose.codes.vaccine.map(|v| v.cvx.as_ref())
    };
    let Some(source) = source.filter(|c| codes::vis_for_cvx(c).next().is_some()) else {
        return;
    };
    let Some(doc) = codes::vis_for_cvx(source).find(|d| d.edition_date == edition) else {
        let n = dose.n;
        let future = edition > q.today;
        q.report(&VIS_006, at, Some(vaccine_type), |cx| {
            let what = if future {
                "is in the future"
            } else {
                "is not the date of any edition of this vaccine's VIS"
            };
            (
                format!(
                    "The VIS edition date (OBX 29768-9) recorded for {} {what}.",
                    cx.dose(n)
                ),
                "Record the edition date printed on the VIS given, or scan its barcode."
                    .to_string(),
            )
        });
        return;
    };
    edition_dates(q, dose, at, &doc.gdti, edition, presented, vaccine_type);
}

/// VIS-005 and VIS-007: presented before the edition existed, or an edition superseded by then.
fn edition_dates(
    q: &mut Q<'_, '_>,
    dose: &Dose<'_>,
    at: super::Loc,
    gdti: &str,
    edition: NaiveDate,
    presented: Option<NaiveDate>,
    value: &str,
) {
    let n = dose.n;
    if let Some(p) = presented
        && p < edition
    {
        q.report(&VIS_005, at, Some(value), |cx| {
            (
                format!(
                    "The VIS of {} is recorded as presented before its edition ({edition}) was published.",
                    cx.dose(n)
                ),
                "Check the presentation date and the VIS edition given.".to_string(),
            )
        });
        return;
    }
    let Some(on) = presented.or(dose.date) else {
        return;
    };
    if let Some(current) = edition_in_force(gdti, on)
        && current > edition
    {
        q.report(&VIS_007, at, Some(value), |cx| {
            (
                format!(
                    "The VIS of {} is the {edition} edition; the {current} edition was in force when it was presented.",
                    cx.dose(n)
                ),
                "Hand out the current edition of the VIS and discard old copies.".to_string(),
            )
        });
    }
}
