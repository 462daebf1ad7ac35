//! Where a dose comes from and who gave it: administered doses that look like history and history
//! that looks administered (RXA-9), the administering provider and location (RXA-10, RXA-11).

use chrono::TimeDelta;

use crate::model::codec::DataType as _;
use crate::model::domain::CompletionStatus;
use crate::model::domain::observation_codes as loinc;

use super::dates::capital;
use super::{At, Dose, Kind, Q, dq, facts, text};

dq!(
    /// DQ-SRC-003: marked administered but looks historical.
    SRC_003, "DQ-SRC-003", Warning, 0, Some("3"), "RXA-9", "MQE0327",
    "A dose marked as administered here (RXA-9 00) looks historical: dated more than a year before the message, without a lot number."
);
dq!(
    /// DQ-SRC-004: marked historical but looks administered.
    SRC_004, "DQ-SRC-004", Warning, 0, Some("3"), "RXA-9", "MQE0329",
    "A dose marked as historical (RXA-9 01-08) carries what only the clinic that gives a dose records: a lot number with VFC eligibility or VIS observations."
);
dq!(
    /// DQ-STA-003: a dose not administered (NA) with an amount other than 999.
    STA_003, "DQ-STA-003", Warning, 0, Some("3"), "RXA-6", "IG (IZ-48 says it for RE)",
    "A dose marked not administered (RXA-20 NA) has an amount other than 999 (IZ-48 says it for refusals)."
);
dq!(
    /// DQ-PRV-001: administering provider missing for an administered dose.
    PRV_001, "DQ-PRV-001", Information, 101, Some("4"), "RXA-10", "MQE0320",
    "The administering provider of an administered dose is missing."
);
dq!(
    /// DQ-PRV-002: administered-at location missing for an administered dose.
    PRV_002, "DQ-PRV-002", Warning, 101, Some("4"), "RXA-11", "MQE0314, MQE0315",
    "The administered-at location of an administered dose is missing."
);

pub(super) fn check(q: &mut Q<'_, '_>, dose: &Dose<'_>) {
    let n = dose.n;
    let rxa = dose.rxa;
    let has_lot = rxa
        .substance_lot_number
        .iter()
        .any(|l| !text::blank(l.as_bytes()));
    let source = At::Rxa(dose.i).field(9).component(1);
    match dose.kind {
        Kind::Administered => {
            if let Some(day) = dose.date
                && q.today - day > TimeDelta::days(facts::LOOKS_HISTORICAL_DAYS)
                && !has_lot
            {
                q.report(&SRC_003, source, None, |cx| {
                    (
                        format!("{} is marked as given here (RXA-9 00), but it is dated more than a year before the message and has no lot number: it looks like history.", capital(&cx.dose(n))),
                        "If your clinic did not give this dose, mark it historical with its source (01-08).".to_string(),
                    )
                });
            }
            if rxa
                .administering_provider
                .as_deref()
                .is_none_or(|x| x.is_empty())
            {
                q.report(&PRV_001, At::Rxa(dose.i).field(10), None, |cx| {
                    (
                        format!(
                            "The administering provider (RXA-10) of {} is missing.",
                            cx.dose(n)
                        ),
                        "Enter who gave the dose.".to_string(),
                    )
                });
            }
            if rxa
                .administered_at_location
                .as_deref()
                .is_none_or(|l| l.is_empty())
            {
                q.report(&PRV_002, At::Rxa(dose.i).field(11), None, |cx| {
                    (
                        format!(
                            "The administered-at location (RXA-11) of {} is missing.",
                            cx.dose(n)
                        ),
                        "Send the facility ID (RXA-11.4) of the clinic where the dose was given."
                            .to_string(),
                    )
                });
            }
        }
        Kind::Historical if has_lot => {
            let clinic_only = dose.order.observations.iter().any(|o| {
                let code = o
                    .obx
                    .observation_identifier
                    .as_ref()
                    .map_or("", |c| text::clean(c.identifier.as_str()));
                code == loinc::FUNDING_ELIGIBILITY
                    || code == loinc::VIS_DOCUMENT_TYPE
                    || code == loinc::VIS_PRESENTED
            });
            if clinic_only {
                q.report(&SRC_004, source, None, |cx| {
                    (
                        format!("{} is marked historical (RXA-9), but it carries a lot number and the VFC eligibility or VIS given at the visit, as a dose given here does.", capital(&cx.dose(n))),
                        "If your clinic gave this dose, mark it as a new record (RXA-9 00); if not, leave out the eligibility and VIS observations.".to_string(),
                    )
                });
            }
        }
        Kind::NotGiven => {
            let status = text::opt(rxa.completion_status.as_deref());
            let amount = text::opt(rxa.administered_amount.as_deref());
            if status.eq_ignore_ascii_case(CompletionStatus::NotAdministered.code())
                && !amount.is_empty()
                && amount.parse::<f64>().ok() != Some(facts::UNKNOWN_AMOUNT)
            {
                q.report(&STA_003, At::Rxa(dose.i).field(6), Some(amount), |cx| {
                    (
                        format!(
                            "{} is marked not administered (RXA-20 NA) but has an amount (RXA-6).",
                            capital(&cx.dose(n))
                        ),
                        "Send 999 as the amount of a dose that was not given.".to_string(),
                    )
                });
            }
        }
        _ => {}
    }
}
