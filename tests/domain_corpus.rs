//! The domain view over the shared corpus: reading every VXU and RSP message never panics; values
//! read from real messages are checked by hand for a few of them (names, birth date, vaccine codes,
//! lots, funding, VIS grouping, refusals, immunity, contraindications, Z42 evaluations); and what is
//! read from each real VXU, built into a new VXU, reads back the same.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{DateTime, NaiveDate};
use izmsg::er7;
use izmsg::model::domain::*;
use izmsg::model::types::Precision;
use izmsg::model::{self, Message};

mod common;

use common::Corpus;

fn files(corpus: &Corpus, dir: &str) -> Vec<(String, Vec<u8>)> {
    corpus.kinds(&[dir])
}

/// Every message of every file of the corpus (batches split), decoded.
fn messages(corpus: &Corpus) -> Vec<(String, Message)> {
    let mut out = Vec::new();
    for dir in ["vxu", "rsp", "qbp", "ack", "batch", "odd"] {
        for (name, bytes) in files(corpus, dir) {
            let Ok(batch) = er7::split(&bytes) else {
                continue;
            };
            for m in batch.messages().flatten() {
                out.push((
                    name.clone(),
                    model::decode_parsed(m, &er7::Limits::default()).message,
                ));
            }
        }
    }
    out
}

fn vxu(corpus: &Corpus, name: &str) -> Box<Vxu> {
    match model::decode(&corpus.read(name)).unwrap().message {
        Message::Vxu(v) => v,
        _ => panic!("{name} is not a VXU"),
    }
}

fn rsp(corpus: &Corpus, name: &str) -> Box<model::Rsp> {
    match model::decode(&corpus.read(name)).unwrap().message {
        Message::Rsp(v) => v,
        _ => panic!("{name} is not an RSP"),
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn code(c: Option<&Coded>) -> &str {
    c.map_or("", |c| c.code.as_str())
}

#[test]
fn reading_every_vxu_and_rsp_never_panics() {
    let Some(corpus) = Corpus::here() else { return };
    let (mut vxus, mut rsps, mut doses) = (0, 0, 0);
    for (_, message) in messages(&corpus) {
        match &message {
            Message::Vxu(v) => {
                vxus += 1;
                let _ = v.patient();
                let _ = v.next_of_kin();
                doses += v.vaccinations().len();
            }
            Message::Rsp(r) => {
                rsps += 1;
                for p in &r.patients {
                    if let Some(pid) = &p.pid {
                        let _ = Patient::from_pid(pid, p.pd1.as_ref());
                    }
                    let _: Vec<_> = p.nk1.iter().map(NextOfKin::from_nk1).collect();
                    doses += p.orders.iter().filter_map(Vaccination::from_order).count();
                }
            }
            _ => {}
        }
    }
    assert!(vxus >= 29, "{vxus} VXU messages");
    assert!(rsps >= 32, "{rsps} RSP messages");
    assert!(doses > 300, "{doses} doses");
}

#[test]
fn aira_historical_and_administered() {
    let Some(corpus) = Corpus::here() else { return };
    let m = vxu(&corpus, "vxu/001-aira-2020-historical-admin.hl7");
    let p = m.patient();
    assert_eq!(p.identifiers, vec![Identifier::mr("P87C4", "AIRA-TEST")]);
    let name = p.legal_name().unwrap();
    assert_eq!(
        (
            name.family.as_str(),
            name.given.as_deref(),
            name.middle.as_deref()
        ),
        ("ElkAIRA", Some("CarlyAIRA"), Some("Jackie"))
    );
    assert_eq!(
        p.mothers_maiden_name.as_ref().unwrap().family,
        "McCullochAIRA"
    );
    assert_eq!(
        p.mothers_maiden_name.as_ref().unwrap().name_type,
        Some(NameType::Maiden)
    );
    assert_eq!(p.birth_date(), Some(day(2018, 6, 3)));
    assert_eq!(p.birth.unwrap().precision, Precision::Day);
    assert_eq!(p.sex, Some(Sex::Female));
    assert_eq!(code(p.races.first()), "2106-3");
    assert_eq!(code(p.ethnicity.as_ref()), "2186-5");
    assert_eq!(p.addresses[0].city.as_deref(), Some("Bloomingdale"));
    assert_eq!(p.addresses[0].address_type, Some(AddressType::Permanent));
    assert_eq!(p.telecoms[0].area_code.as_deref(), Some("269"));
    assert_eq!(p.telecoms[0].local_number.as_deref(), Some("3834724"));
    assert_eq!(
        p.registry_status,
        Some(Dated::new(RegistryStatus::Active, Some(day(2020, 8, 3))))
    );
    let publicity = p.publicity.unwrap();
    assert_eq!(
        (publicity.value.code.as_str(), publicity.since),
        ("02", Some(day(2020, 8, 3)))
    );
    assert_eq!(p.protection, None);

    let kin = m.next_of_kin();
    assert_eq!(kin.len(), 1);
    assert_eq!(code(kin[0].relationship.as_ref()), "MTH");

    let v = m.vaccinations();
    assert_eq!(v.len(), 2);
    let history = &v[0];
    assert_eq!(
        history.kind,
        VaccinationKind::Historical {
            source: HistoricalSource::Unspecified
        }
    );
    assert_eq!(code(history.cvx()), "21");
    assert_eq!(history.amount, None); // 999
    assert_eq!(history.date.unwrap().date, day(2020, 6, 3));
    assert_eq!(
        history.filler_order_number,
        Some(OrderId::new("BP87C4.1", "AIRA"))
    );
    let enterer = history.entered_by.as_ref().unwrap();
    assert_eq!(enterer.id.as_ref().unwrap().id, "I-23432");
    assert_eq!(enterer.name.as_ref().unwrap().family, "Burden");

    let given = &v[1];
    assert_eq!(given.kind, VaccinationKind::Administered);
    assert_eq!(given.amount.as_ref().unwrap().value.to_string(), "0.5");
    assert_eq!(code(given.amount.as_ref().unwrap().units.as_ref()), "mL");
    assert_eq!(given.lots, vec!["N3783EO".to_string()]);
    assert_eq!(code(given.manufacturer.as_ref()), "MSD");
    assert_eq!(code(given.route.as_ref()), "C38299");
    assert_eq!(code(given.site.as_ref()), "RA");
    assert_eq!(given.completion_status, Some(CompletionStatus::Complete));
    assert_eq!(given.action, Some(ActionCode::Add));
    let e = given.eligibility.as_ref().unwrap();
    assert_eq!(
        (e.category.code.as_str(), code(e.method.as_ref())),
        ("V02", "VXC40")
    );
    assert_eq!(
        given.vis,
        vec![Vis {
            document: Some(VisDocumentId::VaccineType(Coded::with_text(
                "21",
                "Varicella",
                "CVX"
            ))),
            edition: Some(day(2008, 3, 13)),
            presented: Some(day(2020, 8, 3)),
        }]
    );
    assert_eq!(
        given
            .ordering_provider
            .as_ref()
            .unwrap()
            .id
            .as_ref()
            .unwrap()
            .id,
        "57422"
    );
    assert!(given.observations.is_empty());
}

#[test]
fn ndc_doses_with_funding_and_vis_barcodes() {
    let Some(corpus) = Corpus::here() else { return };
    let m = vxu(&corpus, "vxu/002-aira-al-ndc-5-doses.hl7");
    assert_eq!(m.next_of_kin().len(), 2);
    assert_eq!(m.patient().multiple_birth, Some(false));
    assert_eq!(m.patient().birth_order, Some(1));
    let v = m.vaccinations();
    assert_eq!(v.len(), 5);
    let pentacel = &v[0];
    let vaccine = pentacel.vaccine.as_ref().unwrap();
    assert_eq!(code(vaccine.ndc_code()), "49281-0560-05");
    assert_eq!(vaccine.cvx_code(), None);
    assert_eq!(
        pentacel.placer_order_number,
        Some(OrderId::new("AA84S31219.1", "NIST-AA-IZ-2"))
    );
    assert_eq!(code(pentacel.funding_source.as_ref()), "VXC50");
    assert_eq!(
        code(pentacel.eligibility.as_ref().map(|e| &e.category)),
        "V04"
    );
    assert_eq!(pentacel.facility, Some(Namespace::local("NIST-Clinic-1")));
    assert_eq!(pentacel.expiration.unwrap().date, day(2018, 7, 25));
    let barcodes: Vec<_> = pentacel
        .vis
        .iter()
        .map(|vis| match &vis.document {
            Some(VisDocumentId::Barcode(c)) => (c.code.as_str(), vis.presented),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        barcodes,
        vec![
            ("253088698300017211160720", Some(day(2018, 6, 27))),
            ("253088698300006611150402", Some(day(2018, 6, 27))),
            ("253088698300003511070517", Some(day(2018, 6, 27))),
        ]
    );
    // RXR with a route only.
    assert_eq!(code(v[1].route.as_ref()), "C38288");
    assert_eq!(v[1].site, None);
    assert_eq!(v[1].amount.as_ref().unwrap().value.to_string(), "2");
    // Two historical hep B doses at the end.
    assert!(
        v[3..]
            .iter()
            .all(|d| code(d.cvx()) == "45" && d.amount.is_none())
    );
}

#[test]
fn one_vis_group_with_two_vaccine_types_is_two_vis() {
    let Some(corpus) = Corpus::here() else { return };
    let m = vxu(&corpus, "vxu/011-ihs-rpms-test-a-insurance.hl7");
    let mmrv = m
        .vaccinations()
        .into_iter()
        .find(|v| code(v.cvx()) == "94" && v.kind == VaccinationKind::Administered)
        .unwrap();
    let vis: Vec<_> = mmrv
        .vis
        .iter()
        .map(|v| match &v.document {
            Some(VisDocumentId::VaccineType(c)) => (c.code.as_str(), v.edition, v.presented),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        vis,
        vec![
            ("94", Some(day(2012, 4, 20)), Some(day(2014, 8, 14))),
            ("3", Some(day(2012, 4, 20)), Some(day(2014, 8, 14))),
            ("21", Some(day(2008, 3, 13)), Some(day(2014, 8, 14))),
        ]
    );
    // The old HL7 0162 route code is read as sent.
    assert_eq!(
        mmrv.route,
        Some(Coded::with_text("SC", "SUBCUTANEOUS", "HL70162"))
    );
}

#[test]
fn refusal() {
    let Some(corpus) = Corpus::here() else { return };
    let m = vxu(&corpus, "vxu/025-nist2015-izad5-refusal.hl7");
    let refused = m.vaccinations().pop().unwrap();
    assert_eq!(
        refused.kind,
        VaccinationKind::Refused {
            reason: Some(RefusalReason::ParentalDecision)
        }
    );
    assert_eq!(code(refused.cvx()), "21");
    assert_eq!(refused.filler_order_number, None); // 9999
    assert_eq!(refused.completion_status, Some(CompletionStatus::Refused));
    assert_eq!(refused.amount, None);
    assert_eq!(m.patient().birth_order, Some(2));
}

#[test]
fn immunity_on_a_no_vaccine_record() {
    let Some(corpus) = Corpus::here() else { return };
    let m = vxu(&corpus, "vxu/010-ihs-rpms-2013-immunity.hl7");
    let v = m.vaccinations();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].kind, VaccinationKind::NotAdministered);
    assert_eq!(code(v[0].cvx()), "998");
    assert_eq!(
        v[0].observations,
        vec![ClinicalObservation::Immunity(Coded::with_text(
            "38907003",
            "Varicella infection",
            "SCT"
        ))]
    );
    assert_eq!(v[0].action, None);
}

#[test]
fn contraindications_with_their_dates() {
    let Some(corpus) = Corpus::here() else { return };
    let m = vxu(&corpus, "vxu/017-nist-cni5-juana-mariela.hl7");
    let p = m.patient();
    let birth = p.birth.unwrap();
    assert_eq!(
        (birth.date, birth.precision),
        (day(2016, 10, 1), Precision::Minute)
    );
    assert_eq!(p.multiple_birth, Some(true));
    let v = m.vaccinations();
    assert_eq!(v.len(), 6);
    // An NDC in the alternate triplet, and action add.
    assert_eq!(
        code(v[0].vaccine.as_ref().unwrap().ndc_code()),
        "58160-0820-11"
    );
    assert_eq!(code(v[0].cvx()), "08");
    assert_eq!(
        v[0].facility,
        Some(Namespace::local("DCS_DC")),
        "RXA-11.4 with an address beside it"
    );
    for dose in &v[1..] {
        assert_eq!(dose.kind, VaccinationKind::NotAdministered);
        assert_eq!(
            dose.observations,
            vec![ClinicalObservation::Contraindication(Contraindication {
                reason: Coded::with_text(
                    "VXC23",
                    "current fever with moderate-to-severe illness",
                    "CDCPHINVS"
                ),
                effective: Some(day(2016, 12, 1)),
                expires: Some(day(2017, 1, 1)),
            })]
        );
    }
}

#[test]
fn a_vis_group_without_a_document() {
    let Some(corpus) = Corpus::here() else { return };
    let m = vxu(&corpus, "vxu/016-nist-cni5-error-handling-newborn.hl7");
    let pediarix = &m.vaccinations()[1];
    assert_eq!(
        pediarix.vis,
        vec![Vis {
            document: None,
            edition: Some(day(2016, 10, 31)),
            presented: Some(day(2016, 10, 31)),
        }]
    );
    // Funding observations share that sub-ID; they are still read by their code.
    assert_eq!(
        code(pediarix.eligibility.as_ref().map(|e| &e.category)),
        "V04"
    );
    assert_eq!(code(pediarix.funding_source.as_ref()), "PHC70");
    assert_eq!(
        m.vaccinations()[0].kind,
        VaccinationKind::Historical {
            source: HistoricalSource::PublicAgency
        }
    );
}

#[test]
fn z42_evaluations_and_forecasts_are_kept_generically() {
    let Some(corpus) = Corpus::here() else { return };
    let r = rsp(&corpus, "rsp/021-nist-cni5-z42-mariela.hl7");
    let patient = &r.patients[0];
    let p = Patient::from_pid(patient.pid.as_ref().unwrap(), patient.pd1.as_ref());
    assert_eq!(p.legal_name().unwrap().family, "Morales");
    assert!(
        p.identifiers
            .iter()
            .any(|i| i.id_type.as_deref() == Some("SR"))
    );

    let doses: Vec<_> = patient
        .orders
        .iter()
        .filter_map(Vaccination::from_order)
        .collect();
    let given = &doses[0];
    assert_eq!(given.kind, VaccinationKind::Administered);
    assert!(
        given.vis.is_empty(),
        "a vaccine type with no VIS date is not a VIS"
    );
    let others: Vec<_> = given
        .observations
        .iter()
        .map(|o| match o {
            ClinicalObservation::Other(o) => {
                (o.code.code.as_str(), o.sub_id.as_str(), o.value.clone())
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        others[0],
        (
            "30956-7",
            "1",
            ObservationValue::Coded(Coded::with_text("31", "Hep B Peds NOS", "CVX"))
        )
    );
    assert_eq!(
        others[2],
        ("30973-2", "1", ObservationValue::Number("1".into()))
    );
    assert_eq!(
        others[4],
        ("59781-5", "3", ObservationValue::Text("Y".into()))
    );

    let forecast = &doses[1];
    assert_eq!(forecast.kind, VaccinationKind::NotAdministered);
    assert_eq!(forecast.filler_order_number, None);
    let due = forecast
        .observations
        .iter()
        .find_map(|o| match o {
            ClinicalObservation::Other(o) if o.code.code == "30980-7" => Some(o.value.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        due,
        ObservationValue::Date(Timestamp::from(day(2016, 10, 31)))
    );
}

/// The dose with its unit-of-sale NDCs replaced by a unit of use, as the builder requires (it
/// refuses a carton's NDC in RXA-5); `true` when one was replaced.
fn with_unit_of_use(v: &mut Vaccination) -> bool {
    let mut replaced = false;
    if let Some(vaccine) = v.vaccine.as_mut() {
        for c in [Some(&mut vaccine.primary), vaccine.alternate.as_mut()]
            .into_iter()
            .flatten()
            .filter(|c| c.is_in("NDC"))
        {
            let usage = match VaccineCode::ndc(&c.code) {
                Ok(u) => u.primary,
                Err(VaccineNdcError::UnitOfSale { units_of_use, .. }) => {
                    VaccineCode::ndc(&units_of_use[0]).unwrap().primary
                }
                Err(e) => panic!("{e}"),
            };
            if usage.code != c.code {
                *c = usage;
                replaced = true;
            }
        }
    }
    replaced
}

/// What the reader normalises on a first pass and the builder then writes explicitly.
fn as_built(mut v: Vaccination) -> Vaccination {
    if matches!(
        v.kind,
        VaccinationKind::Administered | VaccinationKind::Historical { .. }
    ) && v.completion_status.is_none()
    {
        v.completion_status = Some(CompletionStatus::Complete);
    }
    if matches!(
        v.kind,
        VaccinationKind::Refused { .. } | VaccinationKind::NotAdministered
    ) {
        v.amount = None;
    }
    v
}

#[test]
fn what_is_read_from_a_real_vxu_builds_into_a_vxu_that_reads_the_same() {
    let Some(corpus) = Corpus::here() else { return };
    let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
    let mut checked = 0;
    let mut unit_of_sale_refused = 0;
    for (name, message) in messages(&corpus) {
        let Message::Vxu(m) = message else { continue };
        let (patient, kin, mut doses) = (m.patient(), m.next_of_kin(), m.vaccinations());
        let refused = Vxu::builder("M1", sent, patient.clone())
            .vaccinations(doses.clone())
            .build()
            .err();
        let mut cartons = 0;
        for d in &mut doses {
            cartons += usize::from(with_unit_of_use(d));
        }
        // A carton's NDC, and nothing else, is refused.
        assert_eq!(refused.is_some(), cartons > 0, "{name}: {refused:?}");
        unit_of_sale_refused += usize::from(refused.is_some());
        let built = Vxu::builder("M1", sent, patient.clone())
            .sender("EHR", "CLINIC")
            .vaccinations(doses.clone());
        let built = kin
            .iter()
            .cloned()
            .fold(built, VxuBuilder::next_of_kin)
            .build_message()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = model::decode(&built.encode()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let Message::Vxu(again) = again.message else {
            panic!("{name}: not a VXU")
        };
        assert_eq!(again.patient(), patient, "{name}");
        assert_eq!(again.next_of_kin(), kin, "{name}");
        let want: Vec<_> = doses.into_iter().map(as_built).collect();
        assert_eq!(again.vaccinations(), want, "{name}");
        checked += 1;
    }
    assert!(checked >= 29);
    assert!(
        unit_of_sale_refused >= 1,
        "real messages send cartons' NDCs"
    );
}
