//! The test registry's blocking keys (examples/registry/store.rs, `Block`) never leave out a held
//! patient that `iis::matching` would call a match or ask a person about, and do leave out those
//! it could not: over every pairing of a set of charts that differ in birth date (same, transposed,
//! one part off, two parts off, year only, none) and identifiers.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

#[path = "../examples/registry/store.rs"]
mod store;

use chrono::NaiveDate;
use izmsg::iis::matching::{self, Verdict};
use izmsg::model::Patient;
use izmsg::model::domain::{Identifier, PersonName, Sex, Timestamp};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn people() -> Vec<Patient> {
    let births = [
        Some(Timestamp::from_date(day(2020, 3, 8))),
        Some(Timestamp::from_date(day(2020, 8, 3))), // transposed
        Some(Timestamp::from_date(day(2021, 3, 8))), // the year off
        Some(Timestamp::from_date(day(2020, 4, 8))), // the month off
        Some(Timestamp::from_date(day(2019, 4, 8))), // two parts off
        Some(Timestamp::from_date(day(2011, 11, 30))), // all off
        Timestamp::year(2020),
        None,
    ];
    let mut out = Vec::new();
    for (n, birth) in births.into_iter().enumerate() {
        for id in ["A100", "B200"] {
            for (family, given) in [("Smith", "Liam"), ("Smith", "Noah")] {
                let mut p = Patient::new(
                    Identifier::mr(id, "MYEHR"),
                    PersonName::legal(family, given),
                    day(2020, 3, 8),
                    Sex::Male,
                );
                p.birth = birth;
                p.identifiers.push(Identifier::mr(format!("X{n}"), "OTHER"));
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn blocking_keeps_every_patient_the_matcher_could_match() {
    let people = people();
    let (mut kept, mut left) = (0, 0);
    for chart in &people {
        let block = store::Block::of(chart);
        for held in &people {
            let verdict = matching::score(chart, held).verdict;
            if block.admits(held) {
                kept += 1;
            } else {
                left += 1;
                assert_eq!(
                    verdict,
                    Verdict::NoMatch,
                    "left out a patient the matcher would not dismiss: {:?} vs {:?}",
                    chart.birth,
                    held.birth
                );
            }
        }
    }
    // The keys do cut: births two or three parts apart are not read back.
    assert!(left > 0 && kept > left, "kept {kept}, left {left}");
}
