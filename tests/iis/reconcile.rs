//! Reconciling a chart with the registry's history: doses in both, only in the chart, only in the
//! registry; the registry's administered record against the chart's historical one (OP's
//! Reconcile); conflicts and likely duplicates; the demographics field by field.

use chrono::NaiveDate;
use izmsg::iis::matching::Verdict;
use izmsg::iis::reconcile::{
    self, Action, Chart, Comparison, DemographicField, Flag, Note, Placement,
};
use izmsg::iis::response::{RegistryDose, RegistryRecord, Response};
use izmsg::model::domain::*;

use crate::corpus::{data, shared_file};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn given(id: &str, cvx: &str, date: NaiveDate, lot: &str, mvx: &str) -> Vaccination {
    Vaccination::administered(
        OrderId::new(id, "MYEHR"),
        VaccineCode::cvx(cvx),
        date,
        Amount::ml("0.5").unwrap(),
        lot,
        Coded::mvx(mvx),
        Eligibility::new("V02"),
    )
}

fn historical(id: &str, cvx: &str, date: impl Into<Timestamp>) -> Vaccination {
    Vaccination::historical(
        OrderId::new(id, "MYEHR"),
        VaccineCode::cvx(cvx),
        date,
        HistoricalSource::ParentWrittenRecord,
    )
}

/// The chart of `examples/data/chart.json`, beside the registry's `z32-history.hl7`.
fn chart() -> Chart {
    let patient = Patient::new(
        Identifier::mr("MRN-5", "MYEHR"),
        PersonName::legal("Testkid", "Jordan").with_middle("Lee"),
        day(2023, 1, 10),
        Sex::Female,
    )
    .with_mothers_maiden_name(PersonName::maiden("Sample"))
    .with_address(Address::home("123 Example St", "Springfield", "ME", "04101").with_country("USA"))
    .with_telecom(Telecom::home_phone("207", "5550123"))
    .with_race(Coded::race("2106-3"))
    .with_ethnicity(Coded::ethnicity("2135-2"));
    Chart {
        patient,
        vaccinations: vec![
            // In both: same CVX, date and lot.
            given("C-1", "08", day(2023, 1, 11), "HB111", "MSD"),
            // The parent's card; the registry has the administered record (Reconcile).
            historical("C-2", "20", day(2023, 3, 10)),
            // Two days off, same product: the same dose.
            given("C-3", "10", day(2023, 3, 12), "IP333", "PMC"),
            // Same group and day, another product: a conflict.
            given("C-4", "215", day(2023, 5, 12), "PC999", "MSD"),
            // Ten days off: a likely duplicate, for a person to decide.
            given("C-5", "116", day(2023, 7, 20), "RV555", "MSD"),
            // Only in the chart: to send.
            given("C-6", "21", day(2024, 1, 10), "VA888", "MSD"),
        ],
    }
}

fn registry() -> RegistryRecord {
    let r = Response::decode(&data("z32-history.hl7")).unwrap();
    r.record().unwrap().clone()
}

#[test]
fn the_example_chart_file_is_this_chart() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/chart.json");
    let text = std::fs::read_to_string(path).unwrap();
    let from_file: Chart = serde_json::from_str(&text).unwrap();
    assert_eq!(from_file, chart());
}

#[test]
fn each_dose_is_placed_with_its_reason() {
    let (chart, registry) = (chart(), registry());
    let r = reconcile::reconcile(&chart, &registry);
    let summary: Vec<(Placement, Action)> =
        r.lines.iter().map(|l| (l.placement, l.action)).collect();
    assert_eq!(
        summary,
        [
            (
                Placement::InBoth {
                    chart: 0,
                    registry: 0
                },
                Action::Nothing
            ),
            (
                Placement::InBoth {
                    chart: 1,
                    registry: 1
                },
                Action::ReplaceChartRecord {
                    chart: 1,
                    registry: 1
                }
            ),
            (
                Placement::InBoth {
                    chart: 2,
                    registry: 2
                },
                Action::Nothing
            ),
            (
                Placement::InBoth {
                    chart: 3,
                    registry: 3
                },
                Action::Review
            ),
            (Placement::OnlyRegistry { registry: 4 }, Action::Review),
            (Placement::OnlyChart { chart: 4 }, Action::Review),
            (
                Placement::OnlyRegistry { registry: 5 },
                Action::Import { registry: 5 }
            ),
            (
                Placement::OnlyRegistry { registry: 6 },
                Action::Import { registry: 6 }
            ),
            (Placement::OnlyChart { chart: 5 }, Action::Send { chart: 5 }),
        ]
    );
    let line = |i: usize| &r.lines[i];
    assert_eq!(line(0).notes, [Note::SameCvx, Note::SameLot]);
    assert_eq!(line(0).vaccine_groups, ["HepB"]);
    assert_eq!(line(1).flags, [Flag::HistoricalVsAdministered]);
    assert_eq!(
        line(2).notes,
        [Note::SameCvx, Note::SameLot, Note::DatesApart { days: 2 }]
    );
    assert_eq!(line(3).flags, [Flag::DifferentProduct, Flag::LotDiffers]);
    assert_eq!(
        line(4).flags,
        [Flag::LikelyDuplicate { other: 4, days: 10 }]
    );
    assert_eq!(
        line(5).flags,
        [Flag::LikelyDuplicate { other: 4, days: 10 }]
    );

    // What a program acts on.
    assert_eq!(r.to_send(&chart), [chart.vaccinations[5].clone()]);
    let imported = r.to_import(&registry);
    let cvx: Vec<&str> = imported
        .iter()
        .map(|v| v.cvx().unwrap().code.as_str())
        .collect();
    assert_eq!(cvx, ["141", "03"]);
    assert_eq!(r.to_replace(), [(1, 1)]);
    assert_eq!(r.to_review().count(), 3);
    assert_eq!(
        (
            r.in_both().count(),
            r.only_chart().count(),
            r.only_registry().count()
        ),
        (4, 2, 3)
    );
    // The doses to send go straight into a VXU.
    let sent = chrono::DateTime::parse_from_rfc3339("2024-06-01T09:30:00-04:00").unwrap();
    let vxu = Vxu::builder("V-1", sent, chart.patient.clone())
        .vaccinations(r.to_send(&chart))
        .build_message()
        .unwrap();
    assert!(vxu.try_encode().is_ok());
}

#[test]
fn demographics_are_compared_after_normalisation() {
    let r = reconcile::reconcile(&chart(), &registry());
    assert_eq!(r.patient.verdict, Verdict::ConfidentMatch);
    let by_field = |f| r.demographics.iter().find(|d| d.field == f).unwrap();
    // Upper case, `Street` and ZIP+4 make no difference.
    for f in [
        DemographicField::FamilyName,
        DemographicField::GivenName,
        DemographicField::MiddleName,
        DemographicField::BirthDate,
        DemographicField::Sex,
        DemographicField::Address,
        DemographicField::Phone,
        DemographicField::Race,
        DemographicField::MothersMaidenName,
    ] {
        assert_eq!(by_field(f).comparison, Comparison::Same, "{f}");
    }
    let ethnicity = by_field(DemographicField::Ethnicity);
    assert_eq!(ethnicity.comparison, Comparison::Differs);
    assert_eq!(
        (ethnicity.chart.as_deref(), ethnicity.registry.as_deref()),
        (Some("2135-2"), Some("2186-5"))
    );
    assert_eq!(ethnicity.to_string(), "ethnicity: differs");
    assert_eq!(r.demographic_differences().count(), 1);
}

fn record_of(doses: Vec<Vaccination>) -> RegistryRecord {
    RegistryRecord {
        patient: chart().patient,
        doses: doses
            .into_iter()
            .enumerate()
            .map(|(order, vaccination)| RegistryDose {
                vaccination,
                evaluations: Vec::new(),
                order,
            })
            .collect(),
        ..RegistryRecord::default()
    }
}

#[test]
fn a_combination_dose_pairs_with_the_separate_doses_of_its_groups() {
    let chart = Chart {
        vaccinations: vec![given("C-1", "110", day(2024, 1, 15), "X1", "SKB")],
        ..chart()
    };
    let registry = record_of(vec![
        historical("R-1", "20", day(2024, 1, 15)),
        historical("R-2", "08", day(2024, 1, 15)),
        historical("R-3", "10", day(2024, 1, 15)),
    ]);
    let r = reconcile::reconcile(&chart, &registry);
    assert_eq!(r.in_both().count(), 3);
    assert!(
        r.in_both()
            .all(|l| l.flags.contains(&Flag::DifferentProduct))
    );
    assert!(r.to_import(&registry).is_empty());
    assert!(r.to_send(&chart).is_empty());
}

#[test]
fn an_imprecise_date_matches_at_its_precision_and_statuses_conflict() {
    let chart = Chart {
        vaccinations: vec![
            // From a parent's card: only the month.
            historical("C-1", "03", Timestamp::month(2024, 1).unwrap()),
            // Refused here, given there.
            Vaccination::refused(
                VaccineCode::cvx("88"),
                day(2023, 10, 15),
                RefusalReason::ParentalDecision,
            ),
        ],
        ..chart()
    };
    let registry = record_of(vec![
        historical("R-1", "03", day(2024, 1, 10)),
        historical("R-2", "141", day(2023, 10, 15)),
    ]);
    let r = reconcile::reconcile(&chart, &registry);
    assert_eq!(r.lines.len(), 2);
    let flu = &r.lines[0];
    assert_eq!(flu.flags, [Flag::StatusDiffers]);
    assert_eq!(flu.action, Action::Review);
    let mmr = &r.lines[1];
    assert_eq!(
        mmr.placement,
        Placement::InBoth {
            chart: 0,
            registry: 0
        }
    );
    assert_eq!(mmr.notes, [Note::SameCvx, Note::ImpreciseDate]);
    assert_eq!(mmr.action, Action::Nothing);
}

#[test]
fn duplicates_within_one_side_are_flagged() {
    let chart = Chart {
        vaccinations: vec![
            given("C-1", "08", day(2024, 1, 5), "A", "MSD"),
            given("C-2", "08", day(2024, 1, 9), "B", "MSD"),
        ],
        ..chart()
    };
    let r = reconcile::reconcile(&chart, &record_of(Vec::new()));
    assert_eq!(
        r.lines.iter().map(|l| l.flags.clone()).collect::<Vec<_>>(),
        [
            vec![Flag::DuplicateInRecord { other: 1, days: 4 }],
            vec![Flag::DuplicateInRecord { other: 0, days: 4 }],
        ]
    );
    assert!(r.to_send(&chart).is_empty());
}

#[test]
fn the_wrong_patient_is_no_match() {
    let mut registry = registry();
    registry.patient.names = vec![PersonName::legal("Other", "Person")];
    registry.patient.birth = Some(day(2020, 12, 24).into());
    registry
        .patient
        .identifiers
        .retain(|i| i.id_type.as_deref() == Some("SR"));
    let r = reconcile::reconcile(&chart(), &registry);
    assert_eq!(r.patient.verdict, Verdict::NoMatch);
}

#[test]
fn a_corpus_history_reconciles_with_itself() {
    let Some(bytes) = shared_file("rsp/024-nist2015-izqr1-z42-child.hl7") else {
        return;
    };
    let response = Response::decode(&bytes).unwrap();
    let record = response.record().unwrap();
    let chart = Chart {
        patient: record.patient.clone(),
        vaccinations: record.vaccinations(),
    };
    let r = reconcile::reconcile(&chart, record);
    assert_eq!(r.in_both().count(), 5);
    assert!(
        r.lines.iter().all(|l| l.action == Action::Nothing),
        "{:?}",
        r.lines
    );
    assert!(r.demographic_differences().next().is_none());
}

#[test]
fn many_doses_of_one_group_on_one_day_are_compared_with_their_nearest_only() {
    let many = |n: usize, prefix: &str| -> Vec<Vaccination> {
        (0..n)
            .map(|i| historical(&format!("{prefix}{i}"), "08", day(2024, 1, 1)))
            .collect()
    };
    let chart = Chart {
        vaccinations: many(1_000, "C"),
        ..chart()
    };
    let registry = record_of(many(1_000, "R"));
    let r = reconcile::reconcile(&chart, &registry);
    // Each chart dose pairs with one of its 8 nearest; the rest stand alone, flagged.
    let both = r.in_both().count();
    assert!(both > 0 && both <= 1_000);
    assert_eq!(r.lines.len(), both + 2 * (1_000 - both));
}
