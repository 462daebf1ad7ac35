//! Reading a [`Vaccination`] from an ORDER group: the ORC, RXA and RXR fields, and the OBX segments
//! sorted by what they observe and grouped by their OBX-4 sub-ID.

use crate::model::codec::OrEmpty;
use std::collections::HashMap;

use crate::model::message::Order;
use crate::model::segments::{Obx, Rxa};

use super::code_lists::{ActionCode, CompletionStatus, HistoricalSource, RefusalReason};
use super::coded::{Coded, slot, value};
use super::decimal::Decimal;
use super::identity::{Namespace, OrderId, Provider};
use super::observation::{
    ClinicalObservation, Contraindication, ObservationValue, OtherObservation, Vis, VisDocumentId,
};
use super::observation_codes as loinc;
use super::timestamp::Timestamp;
use super::vaccination::{Amount, Eligibility, Vaccination, VaccinationKind, VaccineCode};

/// RXA-9.1 of a new immunization record (NIP001).
use super::code_lists::NEW_RECORD;
/// RXA-6 of an unknown amount.
pub(crate) const UNKNOWN_AMOUNT: &str = "999";
/// ORC-3.1 of a refused or not-administered record (IZ-45).
pub(crate) const NO_FILLER_ORDER_NUMBER: &str = "9999";

impl Vaccination {
    /// Reads one ORDER group (of a VXU, or of an RSP history). `None` when the group has no RXA (the
    /// IG drops such a group). Missing or malformed values are `None` or left out.
    ///
    /// The kind comes from RXA-20 (`RE` refused, `NA` not administered), then RXA-18 (a refusal
    /// reason means refused), then RXA-9.1 (`00` administered, anything else historical; a missing
    /// RXA-9 reads as historical, source unspecified). OBX segments are read by their OBX-3 code: the
    /// first 64994-7 and 30963-3 are the eligibility and funding source; VIS observations sharing an
    /// OBX-4 make one [`Vis`] per document (a 30956-7 counts as a VIS vaccine type only beside a VIS
    /// date, else it is a generic observation, as in a Z42); the rest become
    /// [`ClinicalObservation`]s.
    pub fn from_order(order: &Order) -> Option<Vaccination> {
        let rxa = order.rxa.as_deref()?;
        let orc = order.orc.as_deref();
        let mut v = Vaccination {
            kind: kind_of(rxa),
            vaccine: slot(&rxa.administered_code).and_then(VaccineCode::from_cwe),
            date: slot(&rxa.date_time_start_of_administration).and_then(Timestamp::from_ts),
            amount: amount_of(rxa),
            lots: rxa
                .substance_lot_number
                .iter()
                .filter_map(|l| value(l))
                .collect(),
            expiration: slot(&rxa.substance_expiration_date).and_then(Timestamp::from_ts),
            manufacturer: slot(&rxa.substance_manufacturer_name).and_then(Coded::from_cwe),
            administering_provider: slot(&rxa.administering_provider).and_then(Provider::from_xcn),
            facility: slot(&rxa.administered_at_location)
                .and_then(|l: &crate::model::types::La2| Namespace::from_hd(l.facility.or_empty())),
            ordering_provider: orc
                .and_then(|o| slot(&o.ordering_provider))
                .and_then(Provider::from_xcn),
            entered_by: orc
                .and_then(|o| slot(&o.entered_by))
                .and_then(Provider::from_xcn),
            route: order
                .rxr
                .as_ref()
                .and_then(|r| slot(&r.route))
                .and_then(Coded::from_cwe),
            site: order
                .rxr
                .as_ref()
                .and_then(|r| slot(&r.administration_site))
                .and_then(Coded::from_cwe),
            funding_source: None,
            eligibility: None,
            vis: Vec::new(),
            completion_status: rxa
                .completion_status
                .as_ref()
                .and_then(|c| CompletionStatus::from_code(c)),
            action: rxa
                .action_code
                .as_ref()
                .and_then(|a| ActionCode::from_code(a)),
            observations: Vec::new(),
            filler_order_number: orc
                .and_then(|o| slot(&o.filler_order_number))
                .and_then(OrderId::from_ei)
                .filter(|id| id.id.trim() != NO_FILLER_ORDER_NUMBER),
            placer_order_number: orc
                .and_then(|o| slot(&o.placer_order_number))
                .and_then(OrderId::from_ei),
        };
        read_observations(&mut v, order.observations.iter().map(|o| &o.obx));
        Some(v)
    }
}

fn kind_of(rxa: &Rxa) -> VaccinationKind {
    let status = rxa
        .completion_status
        .as_ref()
        .and_then(|c| CompletionStatus::from_code(c));
    let reason = rxa
        .substance_treatment_refusal_reason
        .first()
        .and_then(|r| RefusalReason::from_code(&r.identifier));
    match status {
        Some(CompletionStatus::Refused) => VaccinationKind::Refused { reason },
        Some(CompletionStatus::NotAdministered) => VaccinationKind::NotAdministered,
        _ if reason.is_some() => VaccinationKind::Refused { reason },
        _ => {
            let note = rxa
                .administration_notes
                .first()
                .map(|n| n.identifier.as_str().trim())
                .unwrap_or_default();
            if note == NEW_RECORD {
                VaccinationKind::Administered
            } else {
                VaccinationKind::Historical {
                    source: HistoricalSource::from_code(note)
                        .unwrap_or(HistoricalSource::Unspecified),
                }
            }
        }
    }
}

fn amount_of(rxa: &Rxa) -> Option<Amount> {
    let value = Decimal::from_nm(rxa.administered_amount.as_ref()?.as_str())?;
    if value == Decimal::from(Amount::UNKNOWN) {
        return None;
    }
    Some(Amount {
        value,
        units: slot(&rxa.administered_units).and_then(Coded::from_cwe),
    })
}

fn code_of(obx: &Obx) -> &str {
    slot::<crate::model::types::Cwe, _>(&obx.observation_identifier)
        .map_or("", |c| c.identifier.as_str().trim())
}

fn sub_id_of(obx: &Obx) -> &str {
    obx.observation_sub_id
        .as_ref()
        .map_or("", |s| s.as_str().trim())
}

fn value_of(obx: &Obx) -> Option<&crate::model::types::Varies> {
    slot(&obx.observation_value)
}

fn coded_value(obx: &Obx) -> Option<Coded> {
    value_of(obx).and_then(Coded::from_varies)
}

fn date_value(obx: &Obx) -> Option<chrono::NaiveDate> {
    value_of(obx)
        .and_then(|v| Timestamp::parse(v.as_str()))
        .map(|t| t.date)
}

fn is_vis_date(code: &str) -> bool {
    code == loinc::VIS_PUBLISHED || code == loinc::VIS_PRESENTED
}

fn is_vaccine_type(code: &str) -> bool {
    code == loinc::VACCINE_TYPE || code == loinc::COMPONENT_VACCINE_TYPE
}

/// What the OBX segments of one OBX-4 sub-ID say together, gathered in one pass.
#[derive(Default)]
struct Group<'a> {
    /// Barcode (`true`) and vaccine-type OBX, in the order they came: VIS documents when the group
    /// describes VIS (a vaccine type alone does not make it so).
    documents: Vec<(bool, &'a Obx)>,
    /// The group has a VIS barcode or a VIS date: it describes VIS documents.
    vis: bool,
    /// The group has a contraindication.
    contraindication: bool,
    edition: Option<chrono::NaiveDate>,
    presented: Option<chrono::NaiveDate>,
    effective: Option<chrono::NaiveDate>,
    expires: Option<chrono::NaiveDate>,
}

fn first(slot: &mut Option<chrono::NaiveDate>, obx: &Obx) {
    if slot.is_none() {
        *slot = date_value(obx);
    }
}

fn read_observations<'a>(v: &mut Vaccination, obxs: impl Iterator<Item = &'a Obx> + Clone) {
    // One pass to group by sub-ID (first appearance order), one to read: linear in the OBX count.
    let mut groups: Vec<Group<'a>> = Vec::new();
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    for obx in obxs.clone() {
        let at = *index.entry(sub_id_of(obx)).or_insert_with(|| {
            groups.push(Group::default());
            groups.len() - 1
        });
        let Some(g) = groups.get_mut(at) else {
            continue;
        };
        let code = code_of(obx);
        if code == loinc::VIS_DOCUMENT_TYPE {
            g.vis = true;
            g.documents.push((true, obx));
        } else if is_vaccine_type(code) {
            g.documents.push((false, obx));
        } else if code == loinc::VIS_PUBLISHED {
            g.vis = true;
            first(&mut g.edition, obx);
        } else if code == loinc::VIS_PRESENTED {
            g.vis = true;
            first(&mut g.presented, obx);
        } else if code == loinc::CONTRAINDICATION {
            g.contraindication = true;
        } else if code == loinc::CONTRAINDICATION_EFFECTIVE {
            first(&mut g.effective, obx);
        } else if code == loinc::CONTRAINDICATION_EXPIRES {
            first(&mut g.expires, obx);
        }
    }
    let group_of = |obx: &Obx| index.get(sub_id_of(obx)).and_then(|&i| groups.get(i));

    // VIS: one per document in each VIS group, in the order the groups and documents came.
    for g in groups.iter().filter(|g| g.vis) {
        let documents: Vec<VisDocumentId> = g
            .documents
            .iter()
            .filter_map(|&(barcode, obx)| {
                let c = coded_value(obx)?;
                Some(if barcode {
                    VisDocumentId::Barcode(c)
                } else {
                    VisDocumentId::VaccineType(c)
                })
            })
            .collect();
        if documents.is_empty() && (g.edition.is_some() || g.presented.is_some()) {
            v.vis.push(Vis {
                document: None,
                edition: g.edition,
                presented: g.presented,
            });
        }
        for document in documents {
            v.vis.push(Vis {
                document: Some(document),
                edition: g.edition,
                presented: g.presented,
            });
        }
    }

    for obx in obxs {
        let code = code_of(obx);
        let group = group_of(obx);
        let in_vis_group = group.is_some_and(|g| g.vis);
        let in_contraindication = group.is_some_and(|g| g.contraindication);
        let observation = match code {
            _ if code == loinc::FUNDING_ELIGIBILITY && v.eligibility.is_none() => {
                v.eligibility = coded_value(obx).map(|category| Eligibility {
                    category,
                    method: slot(&obx.observation_method).and_then(Coded::from_cwe),
                });
                if v.eligibility.is_some() {
                    continue;
                }
                other(obx)
            }
            _ if code == loinc::FUNDING_SOURCE && v.funding_source.is_none() => {
                v.funding_source = coded_value(obx);
                if v.funding_source.is_some() {
                    continue;
                }
                other(obx)
            }
            _ if in_vis_group
                && (code == loinc::VIS_DOCUMENT_TYPE
                    || is_vis_date(code)
                    || is_vaccine_type(code)) =>
            {
                continue;
            }
            _ if code == loinc::PRESUMED_IMMUNITY => coded(obx, ClinicalObservation::Immunity),
            _ if code == loinc::SEROLOGICAL_IMMUNITY => {
                coded(obx, ClinicalObservation::SerologicalImmunity)
            }
            _ if code == loinc::REACTION => coded(obx, ClinicalObservation::Reaction),
            _ if code == loinc::INDICATION => coded(obx, ClinicalObservation::Indication),
            _ if code == loinc::CONTRAINDICATION => match coded_value(obx) {
                Some(reason) => ClinicalObservation::Contraindication(Contraindication {
                    reason,
                    effective: group.and_then(|g| g.effective),
                    expires: group.and_then(|g| g.expires),
                }),
                None => other(obx),
            },
            _ if in_contraindication
                && (code == loinc::CONTRAINDICATION_EFFECTIVE
                    || code == loinc::CONTRAINDICATION_EXPIRES) =>
            {
                continue;
            }
            _ => other(obx),
        };
        v.observations.push(observation);
    }
}

fn coded(obx: &Obx, make: fn(Coded) -> ClinicalObservation) -> ClinicalObservation {
    match coded_value(obx) {
        Some(c) => make(c),
        None => other(obx),
    }
}

fn other(obx: &Obx) -> ClinicalObservation {
    let value_type = obx.value_type.as_ref().map_or("", |t| t.as_str());
    ClinicalObservation::Other(OtherObservation {
        code: slot(&obx.observation_identifier)
            .and_then(Coded::from_cwe)
            .unwrap_or_default(),
        value: value_of(obx).map_or(ObservationValue::Text(String::new()), |v| {
            ObservationValue::read(value_type, v)
        }),
        sub_id: obx
            .observation_sub_id
            .as_ref()
            .map_or(String::new(), |s| s.as_str().to_string()),
        units: slot(&obx.units).and_then(Coded::from_cwe),
        date: slot(&obx.date_time_of_the_observation).and_then(Timestamp::from_ts),
    })
}
