//! Route and site (RXR): missing for an administered dose, codes the value sets do not have, a route
//! the vaccine is not given by.

use crate::codes::CodeSets;

use super::{At, Dose, Kind, Q, dq, facts, sets, text};

dq!(
    /// DQ-RXR-001: no RXR for an administered dose.
    RXR_001, "DQ-RXR-001", Warning, 101, Some("4"), "RXR", "MQE0277",
    "The route of an administered dose is missing (no RXR segment)."
);
dq!(
    /// DQ-RXR-002: route or site code not in NCIT / HL7 0162 / HL7 0163.
    RXR_002, "DQ-RXR-002", Warning, 103, Some("5"), "RXR-1, RXR-2", "MQE0278, MQE0284",
    "The route code is not an NCIT or HL7 0162 route, or the site is not an HL7 0163 site."
);
dq!(
    /// DQ-RXR-003: the route is not one the vaccine is given by.
    RXR_003, "DQ-RXR-003", Warning, 0, Some("3"), "RXR-1", "MQE0276, MQE0282",
    "The route is not one the vaccine is given by (the routes of its NDC packages in the CDC tables)."
);

pub(super) fn check(q: &mut Q<'_, '_>, dose: &Dose<'_>) {
    let n = dose.n;
    let Some(rxr) = dose.order.rxr.as_deref() else {
        if dose.kind == Kind::Administered {
            q.report(&RXR_001, At::Rxa(dose.i).segment(), None, |cx| {
                (
                    format!("The route of {} is missing (no RXR segment).", cx.dose(n)),
                    "Enter how the vaccine was given (intramuscular, subcutaneous, oral, nasal ...) and where.".to_string(),
                )
            });
        }
        return;
    };
    let at = At::Rxr(dose.i);
    let mut route_family = None;
    if let Some(route) = rxr.route.as_ref() {
        let code = text::clean(route.identifier.as_str());
        let system = text::clean(route.name_of_coding_system.as_str());
        if !code.is_empty() {
            let named = sets::ROUTES
                .iter()
                .zip(facts::ROUTE_VALUE_SETS)
                .find(|(_, name)| system.eq_ignore_ascii_case(name))
                .map(|(set, _)| set);
            let found = match named {
                Some(set) => set.find(code),
                None => sets::ROUTES.iter().find_map(|s| s.find(code)),
            };
            match found.map(|f| f.meaning) {
                None => q.report(&RXR_002, at.field(1), Some(code), |cx| {
                    (
                        format!("The route code of {} (RXR-1) is not one the registry knows.", cx.dose(n)),
                        "Send the route as an NCIT code (C28161 intramuscular, C38299 subcutaneous, C38288 oral, C38284 nasal, C38238 intradermal).".to_string(),
                    )
                }),
                Some(meaning) => route_family = family_of(meaning),
            }
        }
    }
    if let Some(site) = rxr.administration_site.as_ref() {
        let code = text::clean(site.identifier.as_str());
        if !code.is_empty() && !sets::SITE.contains(code) {
            q.report(&RXR_002, at.field(2), Some(code), |cx| {
                (
                    format!(
                        "The site code of {} (RXR-2) is not one the registry knows.",
                        cx.dose(n)
                    ),
                    "Send the site from HL7 table 0163 (e.g. LD left deltoid, RT right thigh)."
                        .to_string(),
                )
            });
        }
    }
    let (Some(family), Some(vaccine)) = (route_family, dose.codes.vaccine) else {
        return;
    };
    if !dose.kind.given() {
        return;
    }
    let mut known = false;
    for f in vaccine_routes(&vaccine.cvx) {
        if f == family {
            return;
        }
        known = true;
    }
    if known {
        let code = rxr
            .route
            .as_ref()
            .map_or("", |r| text::clean(r.identifier.as_str()));
        q.report(&RXR_003, at.field(1), Some(code), |cx| {
            (
                format!("{} is recorded with a route this vaccine is not given by (RXR-1).", super::dates::capital(&cx.dose(n))),
                "Check the route (and the vaccine code): the CDC lists this vaccine's packages with another route.".to_string(),
            )
        });
    }
}

/// The family (a word of [`facts::ROUTE_FAMILIES`]) a route's name belongs to.
pub(super) fn family_of(route: &str) -> Option<&'static str> {
    facts::ROUTE_FAMILIES
        .iter()
        .copied()
        .find(|f| text::contains_ignore_case(route, f))
}

/// True for the families of injected routes (all but nasal and oral).
pub(super) fn is_injection(family: &str) -> bool {
    !facts::NON_INJECTED_ROUTE_FAMILIES.contains(&family)
}

/// The route families of the NDC packages the CDC lists for a CVX code (one per package whose route
/// names a family; repeats possible).
pub(super) fn vaccine_routes(cvx: &str) -> impl Iterator<Item = &'static str> + '_ {
    CodeSets::embedded()
        .ndc_for_cvx(cvx)
        .flat_map(|p| route_families(&p.route))
}

/// The families a package route names ("INTRAMUSCULAR; SUBCUTANEOUS" names two).
fn route_families(route: &str) -> impl Iterator<Item = &'static str> + '_ {
    facts::ROUTE_FAMILIES
        .iter()
        .copied()
        .filter(move |f| text::contains_ignore_case(route, f))
}
