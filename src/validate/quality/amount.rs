//! The amount given (RXA-6, RXA-7): unknown, zero, out of range, not in millilitres, or more than the
//! vaccine's dose.

use crate::codes::Cvx;

use super::route::vaccine_routes;
use super::{At, Dose, Kind, Q, dq, facts, text};

dq!(
    /// DQ-AMT-001: amount 999 (unknown) on an administered dose.
    AMT_001, "DQ-AMT-001", Warning, 101, Some("4"), "RXA-6", "MQE0554, MQE0271",
    "The amount of an administered dose is sent as unknown (999)."
);
dq!(
    /// DQ-AMT-002: amount negative, or 999 or more other than the 999 flag.
    AMT_002, "DQ-AMT-002", Warning, 102, Some("4"), "RXA-6", "MQE0555",
    "The amount is negative, or 999 or more (other than 999 for unknown)."
);
dq!(
    /// DQ-AMT-003: amount 0 on an administered dose.
    AMT_003, "DQ-AMT-003", Warning, 0, Some("3"), "RXA-6", "MQE0270",
    "The amount of an administered dose is 0."
);
dq!(
    /// DQ-AMT-005: units not UCUM `mL`.
    AMT_005, "DQ-AMT-005", Warning, 103, Some("5"), "RXA-7", "MQE0449, MQE0450",
    "The units of the amount are not the UCUM code mL (ml, cc, dose ... are not)."
);
dq!(
    /// DQ-AMT-006: amount more than the vaccine's dose.
    AMT_006, "DQ-AMT-006", Warning, 0, Some("3"), "RXA-6", "project",
    "The amount is more than a dose of the vaccine (the volume in its CVX description, or 1 mL for an injected vaccine)."
);

pub(super) fn check(q: &mut Q<'_, '_>, dose: &Dose<'_>) {
    let rxa = dose.rxa;
    let n = dose.n;
    let amount = text::opt(rxa.administered_amount.as_deref());
    let Some(value) = rxa.administered_amount.as_ref().and_then(|a| a.to_f64()) else {
        return; // missing or not a number: IG-REQUIRED, IG-DATA-TYPE
    };
    let at = At::Rxa(dose.i).field(6);
    let unknown = value == facts::UNKNOWN_AMOUNT;
    if value < 0.0 || (value >= facts::UNKNOWN_AMOUNT && !unknown) {
        q.report(&AMT_002, at, Some(amount), |cx| {
            (
                format!("The amount of {} (RXA-6) is out of range.", cx.dose(n)),
                "Enter the volume given in mL (e.g. 0.5), or 999 when it is not known.".to_string(),
            )
        });
        return;
    }
    if dose.kind == Kind::Administered && unknown {
        q.report(&AMT_001, at, Some(amount), |cx| {
            (
                format!(
                    "The amount of {} (RXA-6) is sent as unknown (999).",
                    cx.dose(n)
                ),
                "Enter the volume given in mL, from the vial or syringe.".to_string(),
            )
        });
    }
    if dose.kind == Kind::Administered && value == 0.0 {
        q.report(&AMT_003, at, Some(amount), |cx| {
            (
                format!("The amount of {} (RXA-6) is 0.", cx.dose(n)),
                "Enter the volume given in mL; if no vaccine was given, mark the dose not administered (RXA-20 NA).".to_string(),
            )
        });
    }
    if unknown || !dose.kind.given() {
        return;
    }
    let Some(units) = rxa.administered_units.as_ref() else {
        return; // IG-REQUIRED
    };
    let unit = text::clean(units.identifier.as_str());
    let system = text::clean(units.name_of_coding_system.as_str());
    if unit.is_empty() {
        return;
    }
    let ml = unit == facts::MILLILITRE;
    if !ml || !(system.is_empty() || system.eq_ignore_ascii_case(facts::UCUM_SYSTEM)) {
        q.report(&AMT_005, At::Rxa(dose.i).field(7), Some(unit), |cx| {
            (
                format!(
                    "The units of the amount of {} (RXA-7) are not UCUM mL.",
                    cx.dose(n)
                ),
                "Send the volume in millilitres: mL^mL^UCUM.".to_string(),
            )
        });
        return;
    }
    let Some(vaccine) = dose.codes.vaccine else {
        return;
    };
    if vaccine.non_vaccine == Some(true) || value <= 0.0 {
        return;
    }
    let stated = stated_dose(vaccine);
    let too_much = match stated {
        Some(dose_ml) => value > dose_ml + f64::EPSILON,
        None => value > facts::MAX_INJECTED_ML && injected_only(vaccine),
    };
    if too_much {
        q.report(&AMT_006, at, Some(amount), |cx| {
            let limit = match stated {
                Some(v) => format!("a dose of this vaccine is {v} mL"),
                None => format!(
                    "an injected vaccine dose is at most {} mL",
                    facts::MAX_INJECTED_ML
                ),
            };
            (
                format!(
                    "The amount of {} (RXA-6) is more than a dose: {limit}.",
                    cx.dose(n)
                ),
                "Check the amount given (in mL) and the vaccine code.".to_string(),
            )
        });
    }
}

/// The dose volume the CDC's description of a CVX states ("30 mcg/0.3 mL dose"); the largest when
/// it states several.
fn stated_dose(cvx: &Cvx) -> Option<f64> {
    let mut best: Option<f64> = None;
    for source in [cvx.short_description.as_ref(), cvx.full_name.as_ref()] {
        let mut rest = source;
        while let Some(pos) = rest.find("mL") {
            let before = rest.get(..pos).unwrap_or("").trim_end();
            let start = before
                .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
                .map_or(0, |i| i + 1);
            if let Some(v) = before.get(start..).and_then(|t| t.parse::<f64>().ok())
                && v > 0.0
            {
                best = Some(best.map_or(v, |b: f64| b.max(v)));
            }
            rest = rest.get(pos + 2..).unwrap_or("");
        }
        if best.is_some() {
            break;
        }
    }
    best
}

/// True when every route the CDC gives the vaccine's packages is an injection.
fn injected_only(cvx: &Cvx) -> bool {
    let mut any = false;
    for family in vaccine_routes(&cvx.cvx) {
        any = true;
        if !super::route::is_injection(family) {
            return false;
        }
    }
    any
}
