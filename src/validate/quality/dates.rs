//! The dates of a dose (RXA-3): in the future, before birth, after death, after it was entered,
//! reported late, and the round dates of estimated history.

use chrono::{Datelike, TimeDelta};

use crate::model::types::Precision;

use super::patient::is_last_of_month;
use super::{At, Dose, Kind, Q, date, dq, facts};

dq!(
    /// DQ-RXA-002: the dose is dated after the message (and the clock), past the tolerance.
    RXA_002, "DQ-RXA-002", Error, 0, Some("1"), "RXA-3", "MQE0252",
    "The administration date is in the future."
);
dq!(
    /// DQ-RXA-003: the dose is dated before the patient's birth.
    RXA_003, "DQ-RXA-003", Error, 0, Some("1"), "RXA-3", "MQE0255",
    "The administration date is before the patient's birth date."
);
dq!(
    /// DQ-RXA-004: the dose is dated after the patient's death.
    RXA_004, "DQ-RXA-004", Error, 0, Some("1"), "RXA-3", "MQE0253",
    "The administration date is after the patient's death date."
);
dq!(
    /// DQ-RXA-005: the dose is dated after it was entered in the system (RXA-22).
    RXA_005, "DQ-RXA-005", Error, 0, Some("1"), "RXA-3", "MQE0254",
    "The administration date is after the date the dose was entered in the system (RXA-22)."
);
dq!(
    /// DQ-RXA-011: an administered dose reported more than 30 days after it was given.
    RXA_011, "DQ-RXA-011", Information, 0, None, "RXA-3", "MQE0265, MQE0572",
    "An administered dose is reported more than 30 days after it was given."
);
dq!(
    /// DQ-RXA-012: a historical dose dated on the 1st, 15th or last day of a month.
    RXA_012, "DQ-RXA-012", Information, 0, None, "RXA-3", "MQE0262, MQE0263, MQE0264",
    "A historical dose is dated on the 1st, 15th or last day of a month (possibly an estimate)."
);

pub(super) fn check(q: &mut Q<'_, '_>, dose: &Dose<'_>) {
    let (Some(day), Some(time)) = (dose.date, dose.time) else {
        return;
    };
    let at = At::Rxa(dose.i).field(3);
    let n = dose.n;
    if time > q.latest {
        q.report(&RXA_002, at, None, |cx| {
            (
                format!(
                    "The administration date (RXA-3) of {} is in the future.",
                    cx.dose(n)
                ),
                "Correct the administration date: a dose is reported after it is given."
                    .to_string(),
            )
        });
        return;
    }
    if q.birth.is_some_and(|b| day < b) {
        q.report(&RXA_003, at, None, |cx| {
            (
                format!(
                    "{} is dated before the patient's birth date.",
                    capital(&cx.dose(n))
                ),
                "Correct the administration date or the birth date.".to_string(),
            )
        });
    }
    if q.death.is_some_and(|d| day > d) {
        q.report(&RXA_004, at, None, |cx| {
            (
                format!(
                    "{} is dated after the patient's death date.",
                    capital(&cx.dose(n))
                ),
                "Correct the administration date or the death date.".to_string(),
            )
        });
    }
    if let Some(entered) = date(dose.rxa.system_entry_date_time.as_deref())
        && day > entered
    {
        q.report(&RXA_005, at, None, |cx| {
            (
                format!(
                    "{} is dated after the day it was entered in the system (RXA-22).",
                    capital(&cx.dose(n))
                ),
                "Correct the administration date or the system entry date.".to_string(),
            )
        });
    }
    match dose.kind {
        Kind::Administered if q.today - day > TimeDelta::days(facts::REPORTED_LATE_DAYS) => {
            q.report(&RXA_011, at, None, |cx| {
                (
                    format!(
                        "{} is reported more than {} days after it was given.",
                        capital(&cx.dose(n)),
                        facts::REPORTED_LATE_DAYS
                    ),
                    "Send doses to the registry as soon as they are given (most registries ask for it within days).".to_string(),
                )
            });
        }
        Kind::Historical => {
            let precise = dose.precision.is_some_and(|p| p >= Precision::Day);
            if precise && (day.day() == 1 || day.day() == 15 || is_last_of_month(day)) {
                q.report(&RXA_012, at, None, |cx| {
                    (
                        format!(
                            "The historical {} is dated on the 1st, 15th or last day of a month, which is often an estimate.",
                            strip_the(&cx.dose(n))
                        ),
                        "Check the date against the vaccination record it was taken from.".to_string(),
                    )
                });
            }
        }
        _ => {}
    }
}

/// "The DTaP dose ..." from "the DTaP dose ...".
pub(super) fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "DTaP dose given on ..." from "the DTaP dose given on ...".
pub(super) fn strip_the(s: &str) -> &str {
    s.strip_prefix("the ").unwrap_or(s)
}
