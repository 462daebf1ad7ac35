//! Lot number and expiration date (RXA-15, RXA-16): lot numbers with decorations, several lots in
//! one, implausibly short ones; expiration dates missing or before the dose (one less precise than a
//! month is IZ-TS_M's).

use chrono::{Datelike, NaiveDate};

use crate::codes::{self, CodeSets, NdcUnit};
use crate::model::types::Precision;

use super::dates::capital;
use super::patient::is_last_of_month;
use super::{At, Dose, Kind, Q, dq, facts, parts, text};

dq!(
    /// DQ-LOT-002: the lot number holds characters other than letters, digits and hyphens.
    LOT_002, "DQ-LOT-002", Warning, 102, Some("4"), "RXA-15", "MQE0338",
    "The lot number holds characters other than letters, digits and hyphens."
);
dq!(
    /// DQ-LOT-003: the lot number is 4 characters or shorter.
    LOT_003, "DQ-LOT-003", Warning, 0, Some("4"), "RXA-15", "MQE0595",
    "The lot number is too short to be a real lot number (4 characters or fewer)."
);
dq!(
    /// DQ-LOT-004: the lot number carries a prefix, suffix or trade name that is not part of it.
    LOT_004, "DQ-LOT-004", Warning, 0, Some("4"), "RXA-15", "MQE0592, MQE0593, MQE0594",
    "The lot number carries a word that is not part of it (LOT, VFC, PRIVATE, a trade name ...)."
);
dq!(
    /// DQ-LOT-005: several lot numbers in one field, for a product that is not a kit.
    LOT_005, "DQ-LOT-005", Warning, 0, Some("4"), "RXA-15", "MQE0591",
    "Several lot numbers are sent for one dose of a product that is not a multi-vial kit."
);
dq!(
    /// DQ-LOT-010: the expiration date of an administered dose's lot is missing.
    LOT_010, "DQ-LOT-010", Information, 101, Some("4"), "RXA-16", "MQE0337",
    "The lot's expiration date of an administered dose is missing."
);
dq!(
    /// DQ-LOT-012: the dose was given after its lot expired.
    LOT_012, "DQ-LOT-012", Warning, 0, Some("1"), "RXA-16", "MQE0251",
    "The dose was given after its lot expired (a month-only expiry ends with the month)."
);

pub(super) fn check(q: &mut Q<'_, '_>, dose: &Dose<'_>) {
    let rxa = dose.rxa;
    let n = dose.n;
    let mut lots = 0;
    for (i, lot) in rxa.substance_lot_number.iter().enumerate() {
        let lot = text::clean(lot.as_str());
        if lot.is_empty() {
            continue;
        }
        lots += 1;
        let at = At::Rxa(dose.i).field(15).repetition(i);
        if lot.contains(facts::LOT_SEPARATORS)
            && lot
                .split(facts::LOT_SEPARATORS)
                .filter(|p| !p.trim().is_empty())
                .count()
                >= 2
        {
            q.report(&LOT_005, at, Some(lot), |cx| {
                (
                    format!("The lot number of {} (RXA-15) holds several lot numbers in one.", cx.dose(n)),
                    "Send one lot number per dose; for a kit of several vials, one repetition per vial.".to_string(),
                )
            });
            continue;
        }
        if decorated(lot) {
            q.report(&LOT_004, at, Some(lot), |cx| {
                (
                    format!("The lot number of {} (RXA-15) carries a word that is not part of the lot (such as LOT, VFC, PRIVATE or a trade name).", cx.dose(n)),
                    "Enter the lot number exactly as printed on the vial, nothing else.".to_string(),
                )
            });
            continue;
        }
        if lot
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || c == '-'))
        {
            q.report(&LOT_002, at, Some(lot), |cx| {
                (
                    format!("The lot number of {} (RXA-15) holds characters other than letters, digits and hyphens.", cx.dose(n)),
                    "Enter the lot number exactly as printed on the vial.".to_string(),
                )
            });
            continue;
        }
        if lot.chars().count() <= facts::MAX_SHORT_LOT_LEN {
            q.report(&LOT_003, at, Some(lot), |cx| {
                (
                    format!(
                        "The lot number of {} (RXA-15) is too short to be a real lot number.",
                        cx.dose(n)
                    ),
                    "Enter the whole lot number as printed on the vial.".to_string(),
                )
            });
        }
    }
    if lots >= 2 && !maybe_kit(dose) {
        q.report(&LOT_005, At::Rxa(dose.i).field(15).repetition(1), None, |cx| {
            (
                format!("Several lot numbers are sent for {} (RXA-15), which is not a multi-vial kit.", cx.dose(n)),
                "Send the lot number of the vial given; a second vaccine given is a second dose (ORDER group).".to_string(),
            )
        });
    }

    let expiry = rxa.substance_expiration_date.as_deref();
    let expiry_sent = expiry.is_some_and(|t| !text::blank(t.time.as_bytes()));
    if !expiry_sent {
        if dose.kind == Kind::Administered && lots > 0 {
            q.report(&LOT_010, At::Rxa(dose.i).field(16), None, |cx| {
                (
                    format!(
                        "The expiration date of the lot of {} (RXA-16) is missing.",
                        cx.dose(n)
                    ),
                    "Enter the expiration date from the vial.".to_string(),
                )
            });
        }
        return;
    }
    let Some(p) = parts(expiry) else {
        return; // unreadable: IG-DATA-TYPE
    };
    let at = At::Rxa(dose.i).field(16);
    if p.precision < Precision::Month {
        return; // less precise than a month: IZ-TS_M
    }
    let Some(expires) = p.date().and_then(|d| {
        if p.precision == Precision::Month {
            end_of_month(d)
        } else {
            Some(d)
        }
    }) else {
        return;
    };
    if dose.kind.given()
        && let Some(day) = dose.date
        && day > expires
    {
        let shown = if p.precision == Precision::Month {
            format!("{:04}-{:02}", expires.year(), expires.month())
        } else {
            expires.to_string()
        };
        q.report(&LOT_012, at, None, move |cx| {
            (
                format!("{} was given after its lot expired ({shown}).", capital(&cx.dose(n))),
                "Check the administration date and the lot's expiration date; if an expired dose was given, follow your clinic's procedure for revaccination.".to_string(),
            )
        });
    }
}

/// The last day of `d`'s month.
fn end_of_month(d: NaiveDate) -> Option<NaiveDate> {
    let mut day = d.with_day(28)?;
    while !is_last_of_month(day) {
        day = day.succ_opt()?;
    }
    Some(day)
}

/// A prefix (LOT, VFC ...) or suffix ((P), -S ...) around something, or a trade name inside.
fn decorated(lot: &str) -> bool {
    let rest_after = |p: &str| {
        lot.get(p.len()..)
            .is_some_and(|r| !r.trim_matches([' ', '#', ':', '-', '.']).is_empty())
    };
    let rest_before = |s: &str| {
        lot.get(..lot.len() - s.len())
            .is_some_and(|r| !r.trim_matches([' ', '-', '.']).is_empty())
    };
    if facts::LOT_PREFIXES
        .iter()
        .any(|p| text::starts_with_ignore_case(lot, p) && rest_after(p))
    {
        return true;
    }
    if facts::LOT_SUFFIXES
        .iter()
        .any(|s| text::ends_with_ignore_case(lot, s) && rest_before(s))
    {
        return true;
    }
    // A trade name inside: only for a long run of letters, which real lot numbers rarely hold.
    let mut run = 0usize;
    let mut longest = 0usize;
    for c in lot.chars() {
        run = if c.is_ascii_alphabetic() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest >= facts::LOT_TRADENAME_MIN_LETTERS
        && CodeSets::embedded().tradename_rows().iter().any(|t| {
            let word = t
                .product_name
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            word.len() >= facts::LOT_TRADENAME_MIN_LETTERS && text::contains_ignore_case(lot, word)
        })
}

/// True when the dose's product may come as a kit of several vials (a unit of sale holding more than
/// one unit of use), or when that cannot be told.
fn maybe_kit(dose: &Dose<'_>) -> bool {
    let embedded = CodeSets::embedded();
    let sale_is_kit = |sale: &codes::NdcProduct| embedded.ndc_linked(sale).nth(1).is_some();
    if let Some((ndc, _)) = dose.codes.ndc
        && let Ok(found) = codes::ndc(ndc)
    {
        return found.into_iter().any(|p| match p.unit {
            NdcUnit::Sale => sale_is_kit(p),
            NdcUnit::Use => embedded.ndc_linked(p).any(sale_is_kit),
        });
    }
    match dose.codes.vaccine {
        Some(v) => embedded
            .ndc_for_cvx(&v.cvx)
            .any(|p| p.unit == NdcUnit::Sale && sale_is_kit(p)),
        None => true,
    }
}
