//! Scoring registry patients against the chart's: twins, newborn placeholder names, day and month
//! transposed, a changed family name, over the candidates of a Z31 written for these tests.

use chrono::NaiveDate;
use izmsg::iis::matching::{self, Finding, MatchField, MatchScore, Verdict};
use izmsg::iis::response::Response;
use izmsg::model::domain::*;

use crate::corpus::data;

fn born(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn finding(m: &MatchScore, field: MatchField) -> Option<Finding> {
    m.reasons
        .iter()
        .find(|r| r.field == field)
        .map(|r| r.finding)
}

/// The chart's twin, as the EHR holds him.
fn noah() -> Patient {
    Patient::new(
        Identifier::mr("MRN-1", "MYEHR"),
        PersonName::legal("Twin", "Noah"),
        born(2024, 3, 2),
        Sex::Male,
    )
    .with_mothers_maiden_name(PersonName::maiden("Mother").with_given("Ann"))
    .with_address(Address::home("12 Elm St.", "Portland", "ME", "04101-2222"))
    .with_telecom(Telecom::home_phone("207", "555-0101"))
    .with_birth_order(1)
}

fn candidates() -> Vec<Patient> {
    let r = Response::decode(&data("z31-candidates.hl7")).unwrap();
    r.candidates().iter().map(|c| c.patient.clone()).collect()
}

#[test]
fn twins_are_told_apart_by_given_name_and_birth_order() {
    let c = candidates();
    let same = matching::score(&noah(), &c[0]);
    assert_eq!(same.verdict, Verdict::ConfidentMatch, "{:?}", same.reasons);
    assert_eq!(finding(&same, MatchField::Address), Some(Finding::Agrees)); // Street = St
    assert_eq!(finding(&same, MatchField::Phone), Some(Finding::Agrees));
    assert_eq!(
        finding(&same, MatchField::BirthOrder),
        Some(Finding::Agrees)
    );

    let twin = matching::score(&noah(), &c[1]);
    assert_eq!(twin.verdict, Verdict::NoMatch, "{:?}", twin.reasons);
    assert_eq!(
        finding(&twin, MatchField::GivenName),
        Some(Finding::Differs)
    );
    assert_eq!(
        finding(&twin, MatchField::BirthOrder),
        Some(Finding::Differs)
    );

    // Without birth orders, the twin still is no confident match: the given name differs.
    let mut no_order = noah();
    no_order.birth_order = None;
    no_order.multiple_birth = None;
    let mut twin_no_order = c[1].clone();
    twin_no_order.birth_order = None;
    twin_no_order.multiple_birth = None;
    let m = matching::score(&no_order, &twin_no_order);
    assert_eq!(m.verdict, Verdict::AskPerson, "{:?}", m.reasons);

    let other = matching::score(&noah(), &c[2]);
    assert_eq!(other.verdict, Verdict::NoMatch);

    // Ranked: the right twin first.
    let r = Response::decode(&data("z31-candidates.hl7")).unwrap();
    let ranked = matching::rank(&noah(), r.candidates());
    assert_eq!(
        ranked.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        [0, 1, 2]
    );
}

#[test]
fn newborn_placeholder_names_are_not_compared_and_never_enough_alone() {
    let c = candidates();
    let mut baby = noah();
    baby.names = vec![PersonName::legal("Twin", "Baby Boy A")];
    let m = matching::score(&baby, &c[0]);
    assert_eq!(
        finding(&m, MatchField::GivenName),
        Some(Finding::Placeholder)
    );
    assert_eq!(finding(&m, MatchField::FamilyName), Some(Finding::Agrees));
    assert_eq!(m.verdict, Verdict::AskPerson, "{:?}", m.reasons);
    // The other twin, by birth order: no match.
    assert_eq!(matching::score(&baby, &c[1]).verdict, Verdict::NoMatch);
    // With the registry ID the chart learned from an earlier query: confident.
    let linked = baby
        .clone()
        .with_identifier(Identifier::sr("IIS-101", "TESTIIS"));
    let m = matching::score(&linked, &c[0]);
    assert_eq!(m.verdict, Verdict::ConfidentMatch);
    assert_eq!(
        finding(&m, MatchField::Identifier),
        Some(Finding::RegistryIdAgrees)
    );
    // And the wrong registry ID of the same registry: no match, whatever else agrees.
    let wrong = noah().with_identifier(Identifier::sr("IIS-999", "TESTIIS"));
    let m = matching::score(&wrong, &c[0]);
    assert_eq!(m.verdict, Verdict::NoMatch);
    assert_eq!(
        finding(&m, MatchField::Identifier),
        Some(Finding::RegistryIdDiffers)
    );

    // A placeholder written as one word with the family name (`BabyBoySmith`).
    let smith = |id: Identifier, name: PersonName| {
        Patient::new(id, name, born(2024, 5, 1), Sex::Male)
            .with_mothers_maiden_name(PersonName::maiden("Jones"))
    };
    let placeholder = smith(
        Identifier::mr("MRN-3", "MYEHR"),
        PersonName {
            family: "BabyBoySmith".into(),
            ..PersonName::default()
        },
    );
    let named = smith(
        Identifier::sr("IIS-3", "TESTIIS"),
        PersonName::legal("Smith", "Oliver"),
    );
    let m = matching::score(&placeholder, &named);
    assert_eq!(finding(&m, MatchField::FamilyName), Some(Finding::Agrees));
    assert_eq!(m.verdict, Verdict::AskPerson);
}

#[test]
fn day_and_month_transposed_asks_a_person() {
    let chart = noah();
    let mut registry = candidates()[0].clone();
    registry.birth = Some(born(2024, 2, 3).into()); // 2024-03-02 with day and month swapped
    let m = matching::score(&chart, &registry);
    assert_eq!(
        finding(&m, MatchField::BirthDate),
        Some(Finding::DayMonthTransposed)
    );
    assert_eq!(m.verdict, Verdict::AskPerson, "{:?}", m.reasons);
    // A birth date that differs altogether: no match.
    registry.birth = Some(born(2021, 11, 20).into());
    let m = matching::score(&chart, &registry);
    assert_eq!(finding(&m, MatchField::BirthDate), Some(Finding::Differs));
    assert_eq!(m.verdict, Verdict::NoMatch);
}

#[test]
fn a_changed_family_name_agrees_through_the_other_name_or_asks() {
    // The chart knows the child by the name at birth; the registry by the adoptive name.
    let chart = Patient::new(
        Identifier::mr("MRN-8", "MYEHR"),
        PersonName::legal("Rivera", "Sofia"),
        born(2019, 6, 14),
        Sex::Female,
    )
    .with_mothers_maiden_name(PersonName::maiden("Lopez"))
    .with_address(Address::home("4 Pine Rd", "Augusta", "ME", "04330"));
    let renamed = Patient::new(
        Identifier::sr("IIS-8", "TESTIIS"),
        PersonName::legal("Nguyen", "Sofia"),
        born(2019, 6, 14),
        Sex::Female,
    )
    .with_mothers_maiden_name(PersonName::maiden("Lopez"))
    .with_address(Address::home("4 Pine Road", "Augusta", "ME", "04330"));

    let m = matching::score(&chart, &renamed);
    assert_eq!(finding(&m, MatchField::FamilyName), Some(Finding::Differs));
    assert_eq!(m.verdict, Verdict::AskPerson, "{:?}", m.reasons);

    let with_birth_name =
        renamed.with_name(PersonName::legal("Rivera", "Sofia").with_type(NameType::Birth));
    let m = matching::score(&chart, &with_birth_name);
    assert_eq!(
        finding(&m, MatchField::FamilyName),
        Some(Finding::AgreesThroughAnotherName)
    );
    assert_eq!(m.verdict, Verdict::ConfidentMatch, "{:?}", m.reasons);
}

#[test]
fn reasons_never_show_patient_values() {
    let c = candidates();
    let mut chart = noah();
    chart.birth = Some(born(2024, 2, 3).into());
    for candidate in &c {
        let m = matching::score(&chart, candidate);
        for r in &m.reasons {
            let text = r.to_string();
            for value in [
                "Twin", "TWIN", "Noah", "Liam", "2024", "Elm", "04101", "555", "IIS-",
            ] {
                assert!(!text.contains(value), "{text}");
            }
        }
    }
}
