//! The vaccine of a dose (RXA-5 CVX, NDC or CPT; RXA-17 MVX): codes that do not exist, are not in
//! use on the date, disagree with each other, or do not say which product was given.

use crate::codes::{self, CodeSets, Cvx, CvxOnDate, CvxStatus, MvxCvx, NdcCvx, NdcUnit, Status};

use super::dates::capital;
use super::{At, Dose, Kind, Q, dq, facts, text};

dq!(
    /// DQ-RXA-007: the dose is dated before the vaccine (CVX) was first marketed.
    RXA_007, "DQ-RXA-007", Error, 0, Some("1"), "RXA-3", "MQE0257, MQE0491, MQE0493",
    "The administration date is before the vaccine (CVX) was first marketed (the first start date of its NDC packages)."
);
dq!(
    /// DQ-RXA-008: the NDC was not marketed on the administration date.
    RXA_008, "DQ-RXA-008", Warning, 0, Some("1"), "RXA-3", "MQE0256, MQE0490",
    "The administration date is outside the marketing dates of the NDC package given."
);
dq!(
    /// DQ-VAC-002: the CVX, NDC or CPT code is not in the CDC tables.
    VAC_002, "DQ-VAC-002", Error, 103, Some("5"), "RXA-5", "MQE0247, MQE0309, MQE0559",
    "The vaccine code is not in the CDC CVX, NDC or CPT tables; the registry drops the dose."
);
dq!(
    /// DQ-VAC-003: the vaccine code's coding system is not CVX, NDC or CPT (C4).
    VAC_003, "DQ-VAC-003", Error, 103, Some("5"), "RXA-5.3", "MQE0483, MQE0484",
    "The coding system of the vaccine code is not CVX, NDC or CPT-4 (C4)."
);
dq!(
    /// DQ-VAC-004: an unspecified-formulation CVX on an administered dose.
    VAC_004, "DQ-VAC-004", Warning, 0, Some("4"), "RXA-5", "MQE0245",
    "An administered dose uses an unspecified-formulation CVX; registries expect the product given."
);
dq!(
    /// DQ-VAC-005: the CVX was not in use on the administration date.
    VAC_005, "DQ-VAC-005", Error, 0, Some("1"), "RXA-5", "MQE0487, MQE0491",
    "The CVX code was not in use on the administration date (inactive since, never active, or pending licensure)."
);
dq!(
    /// DQ-VAC-006: a CVX that is not a vaccine (998, 999, immune globulins ...) on a dose given.
    VAC_006, "DQ-VAC-006", Warning, 0, Some("3"), "RXA-5", "MQE0246, MQE0248, MQE0249",
    "A dose marked as given uses a CVX code that is not a vaccine (998 no vaccine administered, 999 unknown, ...)."
);
dq!(
    /// DQ-VAC-007: the CVX and the NDC of the dose are different vaccines.
    VAC_007, "DQ-VAC-007", Warning, 0, Some("3"), "RXA-5", "project (cf. MQE0310)",
    "The CVX and the NDC of the dose name different vaccines (CDC NDC crosswalk)."
);
dq!(
    /// DQ-VAC-008: the CVX and the CPT code are of different vaccine groups.
    VAC_008, "DQ-VAC-008", Warning, 0, Some("3"), "RXA-5", "MQE0310",
    "The CVX and the CPT code of the dose are of different vaccine groups."
);
dq!(
    /// DQ-VAC-010: the manufacturer code is not an MVX code.
    VAC_010, "DQ-VAC-010", Warning, 103, Some("5"), "RXA-17", "MQE0344",
    "The manufacturer code is not in the CDC MVX table."
);
dq!(
    /// DQ-VAC-011: the manufacturer code was inactive on the administration date.
    VAC_011, "DQ-VAC-011", Warning, 0, Some("1"), "RXA-17", "MQE0494, MQE0495",
    "The manufacturer code (MVX) was inactive on the administration date."
);
dq!(
    /// DQ-VAC-012: the manufacturer does not make the vaccine (CVX or NDC).
    VAC_012, "DQ-VAC-012", Warning, 0, Some("3"), "RXA-17", "MQE0351, MQE0353, MQE0492, MQE0493",
    "The manufacturer (MVX) does not make the vaccine given (CDC trade-name and NDC tables)."
);
dq!(
    /// DQ-VAC-013: OTH or UNK manufacturer on an administered dose.
    VAC_013, "DQ-VAC-013", Warning, 0, Some("4"), "RXA-17", "project",
    "An administered dose names no manufacturer (MVX OTH or UNK)."
);
dq!(
    /// DQ-VAC-014: a vaccine not licensed in the US (CVX status Non-US).
    VAC_014, "DQ-VAC-014", Information, 0, None, "RXA-5", "MQE0268, MQE0553",
    "The vaccine is one not licensed in the US (CVX status Non-US)."
);
dq!(
    /// DQ-VAC-015: an administered dose coded with the NDC of the unit of sale.
    VAC_015, "DQ-VAC-015", Warning, 0, Some("4"), "RXA-5", "project: CDC NDC guidance (2017), unit of use for administered doses",
    "An administered dose is coded with the NDC of the package sold (unit of sale) instead of the vial or syringe given (unit of use)."
);

pub(super) fn check(q: &mut Q<'_, '_>, dose: &Dose<'_>) {
    let c = dose.codes;
    let at = At::Rxa(dose.i).field(5);
    let n = dose.n;
    if c.cvx.is_none() && c.ndc.is_none() && c.cpt.is_none() {
        let Some(code) = dose.rxa.administered_code.as_ref() else {
            return;
        };
        let system = text::clean(code.name_of_coding_system.as_str());
        if !text::clean(code.identifier.as_str()).is_empty() && !system.is_empty() {
            q.report(&VAC_003, at.component(3), Some(system), |cx| {
                (
                    format!(
                        "The vaccine code of {} is not coded as CVX, NDC or CPT (RXA-5.3); the registry cannot read it.",
                        cx.dose(n)
                    ),
                    "Send the CVX code (coding system CVX), or the NDC (NDC).".to_string(),
                )
            });
        }
    }
    if let Some((cvx, comp)) = c.cvx {
        cvx_checks(q, dose, cvx, c.cvx_row, comp);
    }
    if let Some((ndc, comp)) = c.ndc {
        ndc_checks(q, dose, ndc, comp);
    }
    if let Some((cpt, comp)) = c.cpt {
        cpt_checks(q, dose, cpt, comp);
    }
    manufacturer(q, dose);
}

fn cvx_checks(q: &mut Q<'_, '_>, dose: &Dose<'_>, cvx: &str, row: Option<&'static Cvx>, comp: u16) {
    let at = At::Rxa(dose.i).field(5).component(comp);
    let n = dose.n;
    let Some(row) = row else {
        q.report(&VAC_002, at, Some(cvx), |cx| {
            (
                format!("The CVX code of {} (RXA-5) is not in the CDC's CVX table; the registry drops the dose.", cx.dose(n)),
                "Choose the vaccine from the current CDC CVX codes.".to_string(),
            )
        });
        return;
    };
    if !dose.kind.given() {
        return;
    }
    if row.non_vaccine == Some(true) {
        q.report(&VAC_006, at, Some(cvx), |cx| {
            (
                format!(
                    "{} is marked as given, but its CVX code ({}) is not a vaccine.",
                    capital(&cx.dose(n)),
                    row.short_description
                ),
                "Send the CVX of the vaccine given; for a record of no vaccine, set RXA-20 to NA or RE.".to_string(),
            )
        });
        return;
    }
    if dose.kind == Kind::Administered && unspecified(row) {
        q.report(&VAC_004, at, Some(cvx), |cx| {
            (
                format!(
                    "{} is coded with an unspecified-formulation CVX; a dose given here is of a known product.",
                    capital(&cx.dose(n))
                ),
                "Send the CVX (or NDC) of the product given, from the vial.".to_string(),
            )
        });
    }
    if row.status == CvxStatus::NonUs {
        q.report(&VAC_014, at, Some(cvx), |cx| {
            (
                format!("{} is of a vaccine not licensed in the US.", capital(&cx.dose(n))),
                "Check the vaccine: a dose given abroad is reported as historical; a US dose with its US code.".to_string(),
            )
        });
        return;
    }
    let Some(day) = dose.date else {
        return;
    };
    match q.cx.cvx_on_date(row, day) {
        CvxOnDate::BeforeFirstUse { first_use } => {
            q.report(&RXA_007, At::Rxa(dose.i).field(3), Some(cvx), |cx| {
                (
                    format!(
                        "{} is dated before this vaccine was first marketed ({first_use}).",
                        capital(&cx.dose(n))
                    ),
                    "Correct the administration date or the vaccine code.".to_string(),
                )
            });
        }
        // An unspecified formulation stands for a vaccine of any date (DQ-VAC-004 for a new dose).
        CvxOnDate::InactiveAfter { last_use } if !unspecified(row) => {
            let since = last_use.map_or(String::new(), |d| format!(" (last used {d})"));
            q.report(&VAC_005, at, Some(cvx), |cx| {
                (
                    format!(
                        "The CVX code of {} was no longer in use on that date{since}.",
                        cx.dose(n)
                    ),
                    "Choose the CVX of the product given; check the administration date."
                        .to_string(),
                )
            });
        }
        CvxOnDate::NeverActive | CvxOnDate::Pending => {
            q.report(&VAC_005, at, Some(cvx), |cx| {
                (
                    format!(
                        "The CVX code of {} has never been in use (never active or awaiting licensure).",
                        cx.dose(n)
                    ),
                    "Choose the CVX of the product given.".to_string(),
                )
            });
        }
        _ => {}
    }
}

/// True for an unspecified-formulation CVX. The CDC never lists one as active (a test checks it),
/// so the reading of its wording is skipped for active codes.
fn unspecified(row: &Cvx) -> bool {
    row.status != CvxStatus::Active && super::super::plan::unspecified_formulation(row)
}

fn ndc_checks(q: &mut Q<'_, '_>, dose: &Dose<'_>, ndc: &str, comp: u16) {
    let at = At::Rxa(dose.i).field(5).component(comp);
    let n = dose.n;
    let found = match codes::ndc(ndc) {
        Ok(found) if !found.is_empty() => found,
        result => {
            let malformed = result.is_err();
            q.report(&VAC_002, at, Some(ndc), |cx| {
                let what = if malformed {
                    "is not a valid NDC"
                } else {
                    "is not in the CDC's NDC tables"
                };
                (
                    format!(
                        "The NDC of {} (RXA-5) {what}; the registry drops the dose.",
                        cx.dose(n)
                    ),
                    "Scan or copy the NDC from the vial or syringe given (or send the CVX code)."
                        .to_string(),
                )
            });
            return;
        }
    };
    if let Some((cvx, _)) = dose.codes.cvx
        && dose.codes.cvx_row.is_some()
        && let NdcCvx::Mismatch { ndc_cvx } = codes::ndc_cvx(ndc, cvx)
    {
        q.report(&VAC_007, at, Some(ndc), |cx| {
            let theirs = codes::cvx(ndc_cvx).map_or(ndc_cvx, |r| r.short_description.as_ref());
            (
                format!(
                    "The NDC and the CVX code of {} name different vaccines: the NDC is {theirs} (CVX {ndc_cvx}).",
                    cx.dose(n)
                ),
                "Send the NDC and the CVX of the product given.".to_string(),
            )
        });
    }
    if !dose.kind.given() {
        return;
    }
    if dose.kind == Kind::Administered && found.clone().all(|p| p.unit == NdcUnit::Sale) {
        let sale = found.clone();
        q.report(&VAC_015, at, Some(ndc), move |cx| {
            let mut uses: Vec<String> = sale
                .flat_map(|p| CodeSets::embedded().ndc_linked(p))
                .map(|u| u.ndc11.to_string())
                .collect();
            uses.sort();
            uses.dedup();
            let fix = match uses.as_slice() {
                [] => "Send the NDC printed on the vial or syringe given (unit of use).".to_string(),
                [one] => format!("Send the NDC of the vial or syringe given (unit of use): {one}."),
                many => format!(
                    "Send the NDC of the vial or syringe given (unit of use): one of {}.",
                    many.join(", ")
                ),
            };
            (
                format!(
                    "The NDC of {} is that of the carton sold (unit of sale), not of the vial or syringe given (unit of use).",
                    cx.dose(n)
                ),
                fix,
            )
        });
    }
    if let Some(day) = dose.date
        && !found.clone().any(|p| p.is_marketed_on(day))
    {
        q.report(&RXA_008, At::Rxa(dose.i).field(3), Some(ndc), |cx| {
            (
                format!(
                    "{} is dated outside the marketing dates of its NDC package.",
                    capital(&cx.dose(n))
                ),
                "Check the administration date and the NDC of the vial given.".to_string(),
            )
        });
    }
}

fn cpt_checks(q: &mut Q<'_, '_>, dose: &Dose<'_>, cpt: &str, comp: u16) {
    let at = At::Rxa(dose.i).field(5).component(comp);
    let n = dose.n;
    let mapped = codes::cpt(cpt);
    if mapped.is_empty() {
        q.report(&VAC_002, at, Some(cpt), |cx| {
            (
                format!(
                    "The CPT code of {} (RXA-5) is not in the CDC's CPT-to-CVX table.",
                    cx.dose(n)
                ),
                "Send the CVX code of the vaccine given.".to_string(),
            )
        });
        return;
    }
    let Some(row) = dose.codes.cvx_row else {
        return;
    };
    let cvx = row.cvx.as_ref();
    let agrees = mapped.clone().any(|m| {
        m.cvx.as_ref() == cvx
            || codes::cvx(&m.cvx).is_some_and(|r| r.cvx == cvx)
            || codes::vaccine_groups(&m.cvx)
                .any(|g| codes::vaccine_groups(cvx).any(|h| h.group_name == g.group_name))
    });
    if !agrees {
        q.report(&VAC_008, at, Some(cpt), |cx| {
            (
                format!(
                    "The CPT code and the CVX code of {} are of different vaccines.",
                    cx.dose(n)
                ),
                "Send the CVX (and CPT) of the vaccine given.".to_string(),
            )
        });
    }
}

fn manufacturer(q: &mut Q<'_, '_>, dose: &Dose<'_>) {
    let Some(code) = dose.rxa.substance_manufacturer_name.as_ref() else {
        return;
    };
    let mvx = text::clean(code.identifier.as_str());
    if mvx.is_empty() {
        return;
    }
    let at = At::Rxa(dose.i).field(17);
    let n = dose.n;
    let Some(row) = codes::mvx(mvx) else {
        q.report(&VAC_010, at, Some(mvx), |cx| {
            (
                format!(
                    "The manufacturer code of {} (RXA-17) is not a CDC MVX code.",
                    cx.dose(n)
                ),
                "Choose the manufacturer from the CDC MVX codes (e.g. PMC Sanofi Pasteur, MSD Merck, SKB GlaxoSmithKline).".to_string(),
            )
        });
        return;
    };
    if !dose.kind.given() {
        return;
    }
    if text::is_one_of(mvx, facts::PLACEHOLDER_MANUFACTURERS) {
        if dose.kind == Kind::Administered {
            q.report(&VAC_013, at, Some(mvx), |cx| {
                (
                    format!(
                        "The manufacturer of {} is sent as '{}', which names no manufacturer.",
                        cx.dose(n),
                        row.name
                    ),
                    "Send the manufacturer printed on the vial given.".to_string(),
                )
            });
        }
        return;
    }
    if let (Some(day), Some(changed)) = (dose.date, row.last_updated)
        && row.status == Status::Inactive
        && day > changed
    {
        q.report(&VAC_011, at, Some(mvx), |cx| {
            (
                format!(
                    "The manufacturer code of {} ({}) was inactive on that date (since {changed}).",
                    cx.dose(n),
                    row.name
                ),
                "Send the current MVX code of the manufacturer (companies merge and change codes)."
                    .to_string(),
            )
        });
        return;
    }
    // The NDC's manufacturer, else the CVX's makers.
    let mut by_ndc = None;
    if let Some((ndc, _)) = dose.codes.ndc
        && let Ok(found) = codes::ndc(ndc)
    {
        let embedded = CodeSets::embedded();
        let mut any = false;
        let mut same = false;
        for p in found {
            for m in embedded.ndc_mvx(p) {
                any = true;
                same |= m.eq_ignore_ascii_case(&row.mvx);
            }
        }
        if any {
            by_ndc = Some(same);
        }
    }
    let makes = match by_ndc {
        Some(same) => same,
        // A CDC trade name pairing the two answers at once (mvx_cvx would say `Makes` too).
        None => dose.codes.vaccine.is_none_or(|v| {
            CodeSets::embedded()
                .tradenames_for_cvx(&v.cvx)
                .any(|t| t.mvx.eq_ignore_ascii_case(&row.mvx))
                || codes::mvx_cvx(mvx, &v.cvx) != MvxCvx::DoesNotMake
        }),
    };
    if !makes {
        let product = if by_ndc.is_some() { "NDC" } else { "vaccine" };
        q.report(&VAC_012, at, Some(mvx), |cx| {
            (
                format!(
                    "The manufacturer of {} ({}) does not make the {product} sent in RXA-5, according to the CDC tables.",
                    cx.dose(n),
                    row.name
                ),
                "Check the manufacturer and the vaccine code against the vial given.".to_string(),
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_active_cvx_is_an_unspecified_formulation() {
        let rows = CodeSets::embedded().cvx_rows();
        assert!(rows.iter().any(Cvx::is_unspecified_formulation));
        for row in rows {
            assert_eq!(
                unspecified(row),
                row.is_unspecified_formulation(),
                "CVX {}",
                row.cvx
            );
        }
    }
}
