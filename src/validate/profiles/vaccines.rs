//! The vaccine list audit: a clinic's list of vaccines (name, brand, NDC, CVX, MVX, any of which may
//! be empty) checked against the embedded CDC code sets before it drives messages: codes that are
//! unknown, inactive or unspecified, codes that disagree with each other, and brand names too vague
//! to say which product is meant (some EHRs refuse to report those at all). Each finding says what
//! the entry should probably be, from the CDC trade-name and NDC tables.
//!
//! ```
//! use chrono::NaiveDate;
//! use izmsg::validate::profiles::vaccines::{FindingKind, VaccineListEntry, audit};
//!
//! let list = [
//!     VaccineListEntry { name: "Hep B ped".into(), cvx: "45".into(), ..Default::default() },
//!     VaccineListEntry { name: "Flu HD".into(), brand: "Fluzone High-Dose Quadrivalent".into(), ..Default::default() },
//! ];
//! let on = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
//! let found = audit(&list, on);
//! assert!(found[0].findings.iter().any(|f| f.kind == FindingKind::NonSpecificCvx));
//! assert!(found[1].findings.iter().any(|f| f.kind == FindingKind::VagueBrand));
//! assert!(found[1].findings[0].suggestions.len() > 1); // the Fluzone products it could be
//! ```

use chrono::NaiveDate;

use crate::codes::{self, CvxOnDate, MvxCvx, NdcCvx, Status};

use super::super::Severity;

/// One line of a clinic's vaccine list. Any column may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct VaccineListEntry {
    /// The name staff see (`Hep B ped 0.5 mL`).
    pub name: String,
    /// The brand (trade) name (`Engerix-B`).
    pub brand: String,
    /// The NDC (any form: 10 digits with hyphens, 11 digits).
    pub ndc: String,
    /// The CVX code.
    pub cvx: String,
    /// The MVX code.
    pub mvx: String,
}

/// A product of the CDC tables: what an entry is, or should probably be.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Product {
    /// The CDC product (trade) name, when one is known.
    pub name: String,
    /// The CVX code.
    pub cvx: String,
    /// The CVX short description.
    pub description: String,
    /// The MVX code.
    pub mvx: String,
    /// An NDC of the product (unit of sale), when one is known.
    pub ndc: Option<String>,
}

/// What kind of problem an entry has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum FindingKind {
    /// No code and no brand that names one product.
    NoCode,
    /// The CVX code is not in the CDC table.
    UnknownCvx,
    /// The CVX code is an "unspecified formulation" code: fine for history, not for doses given.
    NonSpecificCvx,
    /// The CVX code is not in use on the audit date (inactive, never active, pending, non-US).
    InactiveCvx,
    /// The NDC is not an NDC.
    InvalidNdc,
    /// The NDC is not in the CDC tables.
    UnknownNdc,
    /// The NDC's packages are retired or no longer marketed on the audit date.
    RetiredNdc,
    /// The NDC is for another vaccine than the CVX code.
    NdcCvxMismatch,
    /// The MVX code is not in the CDC table.
    UnknownMvx,
    /// The MVX code is inactive.
    InactiveMvx,
    /// The CDC lists no product of this vaccine from this manufacturer.
    MvxCvxMismatch,
    /// The NDC belongs to another manufacturer.
    NdcMvxMismatch,
    /// The brand name fits several products.
    VagueBrand,
    /// The brand name is not a CDC product name.
    UnknownBrand,
    /// The brand name is a product of another vaccine than the CVX code.
    BrandCvxMismatch,
}

/// One problem of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Finding {
    /// What kind.
    pub kind: FindingKind,
    /// Error: doses recorded with this entry cannot be reported as they are; warning: check it.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What it should probably be (most likely first; at most eight).
    pub suggestions: Vec<Product>,
}

/// The audit of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EntryAudit {
    /// The entry's line in the list, from 1.
    pub row: usize,
    /// The entry's name (or brand, or code) as the list gives it.
    pub label: String,
    /// The product the entry stands for, when its codes name one.
    pub product: Option<Product>,
    /// Its problems (none: the entry is good).
    pub findings: Vec<Finding>,
}

const MAX_SUGGESTIONS: usize = 8;

/// Audits every entry of a list, as of `on` (the date doses will be given).
pub fn audit(entries: &[VaccineListEntry], on: NaiveDate) -> Vec<EntryAudit> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| audit_entry(i + 1, e, on))
        .collect()
}

/// Audits one entry (`row` is its line number, from 1).
pub fn audit_entry(row: usize, e: &VaccineListEntry, on: NaiveDate) -> EntryAudit {
    let label = [&e.name, &e.brand, &e.cvx, &e.ndc]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .unwrap_or("(empty)")
        .to_string();
    let mut findings = Vec::new();
    let (cvx, ndc, mvx, brand) = (e.cvx.trim(), e.ndc.trim(), e.mvx.trim(), e.brand.trim());

    // The brand (or the name, when there is no brand) as the CDC names products.
    let brand_used = if brand.is_empty() {
        e.name.trim()
    } else {
        brand
    };
    let brand_products = if brand_used.is_empty() {
        Vec::new()
    } else {
        products_named(brand_used)
    };
    let brand_product = match brand_products.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };
    if !brand.is_empty() && brand_products.is_empty() {
        findings.push(finding(
            FindingKind::UnknownBrand,
            Severity::Warning,
            format!("The brand name \"{brand}\" is not a CDC product name."),
            Vec::new(),
        ));
    }
    if brand_products.len() > 1 && cvx.is_empty() && ndc.is_empty() {
        findings.push(finding(
            FindingKind::VagueBrand,
            Severity::Error,
            format!(
                "\"{brand_used}\" fits {} products; the vaccine cannot be told from its name.",
                brand_products.len()
            ),
            brand_products.clone(),
        ));
    }

    let mut product: Option<Product> = None;
    // The CVX code.
    if !cvx.is_empty() {
        match codes::cvx(cvx) {
            None => findings.push(finding(
                FindingKind::UnknownCvx,
                Severity::Error,
                format!("CVX {cvx} is not a CDC vaccine code."),
                brand_product.iter().cloned().collect(),
            )),
            Some(row) => {
                if row.is_unspecified_formulation() {
                    findings.push(finding(
                        FindingKind::NonSpecificCvx,
                        Severity::Error,
                        format!(
                            "CVX {} ({}) is an unspecified formulation: it records history, not a dose given.",
                            row.cvx, row.short_description
                        ),
                        suggest_specific(&row.cvx, mvx, brand_product.as_ref(), on),
                    ));
                }
                match codes::cvx_on_date(&row.cvx, on) {
                    // Unspecified codes are "inactive" because they record history: said above.
                    _ if row.is_unspecified_formulation() => {}
                    CvxOnDate::Valid | CvxOnDate::Unknown => {}
                    state => findings.push(finding(
                        FindingKind::InactiveCvx,
                        Severity::Error,
                        format!(
                            "CVX {} ({}) is not in use on {on}: {}.",
                            row.cvx,
                            row.short_description,
                            describe(state)
                        ),
                        suggest_specific(&row.cvx, mvx, brand_product.as_ref(), on),
                    )),
                }
                if let Some(b) = &brand_product
                    && b.cvx != row.cvx.as_ref()
                {
                    findings.push(finding(
                        FindingKind::BrandCvxMismatch,
                        Severity::Warning,
                        format!(
                            "The brand \"{brand_used}\" is CVX {} ({}), not CVX {}.",
                            b.cvx, b.description, row.cvx
                        ),
                        vec![b.clone()],
                    ));
                }
                product = Some(Product {
                    name: brand_product
                        .as_ref()
                        .filter(|b| b.cvx == row.cvx.as_ref())
                        .map_or_else(String::new, |b| b.name.clone()),
                    cvx: row.cvx.to_string(),
                    description: row.short_description.to_string(),
                    mvx: mvx.to_string(),
                    ndc: None,
                });
            }
        }
    }

    // The NDC.
    if !ndc.is_empty() {
        match codes::ndc(ndc) {
            Err(_) => findings.push(finding(
                FindingKind::InvalidNdc,
                Severity::Error,
                format!("\"{ndc}\" is not an NDC (10 digits in 4-4-2, 5-3-2 or 5-4-1 form, or 11 digits)."),
                Vec::new(),
            )),
            Ok(found) => {
                let packages: Vec<_> = found.collect();
                match packages.first() {
                    None => findings.push(finding(
                        FindingKind::UnknownNdc,
                        Severity::Error,
                        format!("NDC {ndc} is not in the CDC NDC tables."),
                        ndc_suggestions(cvx, mvx, on),
                    )),
                    Some(first) => {
                        if !packages.iter().any(|p| !p.retired && p.is_marketed_on(on)) {
                            findings.push(finding(
                                FindingKind::RetiredNdc,
                                Severity::Warning,
                                format!(
                                    "NDC {ndc} ({}) is retired or no longer marketed on {on}.",
                                    first.proprietary_name
                                ),
                                ndc_suggestions(&first.cvx, mvx, on),
                            ));
                        }
                        if !cvx.is_empty()
                            && let NdcCvx::Mismatch { ndc_cvx } = codes::ndc_cvx(ndc, cvx)
                        {
                            findings.push(finding(
                                FindingKind::NdcCvxMismatch,
                                Severity::Error,
                                format!(
                                    "NDC {ndc} ({}) is CVX {ndc_cvx}, not CVX {cvx}.",
                                    first.proprietary_name
                                ),
                                product_of_cvx(ndc_cvx, mvx).into_iter().collect(),
                            ));
                        }
                        let makers: Vec<&str> = codes::CodeSets::embedded()
                            .ndc_mvx(first)
                            .collect();
                        if !mvx.is_empty()
                            && !makers.is_empty()
                            && !makers.iter().any(|m| m.eq_ignore_ascii_case(mvx))
                        {
                            findings.push(finding(
                                FindingKind::NdcMvxMismatch,
                                Severity::Warning,
                                format!(
                                    "NDC {ndc} is made by {}, not MVX {mvx}.",
                                    makers.join(", ")
                                ),
                                Vec::new(),
                            ));
                        }
                        if product.is_none() && !first.cvx.is_empty() {
                            product = product_of_cvx(&first.cvx, makers.first().copied().unwrap_or(mvx))
                                .map(|mut p| {
                                    p.name = first.proprietary_name.to_string();
                                    p.ndc = Some(first.ndc10());
                                    p
                                });
                        }
                    }
                }
            }
        }
    }

    // The MVX code.
    if !mvx.is_empty() {
        match codes::mvx(mvx) {
            None => findings.push(finding(
                FindingKind::UnknownMvx,
                Severity::Warning,
                format!("MVX {mvx} is not a CDC manufacturer code."),
                Vec::new(),
            )),
            Some(m) => {
                if m.status != Status::Active {
                    findings.push(finding(
                        FindingKind::InactiveMvx,
                        Severity::Warning,
                        format!("MVX {} ({}) is inactive.", m.mvx, m.name),
                        Vec::new(),
                    ));
                }
                if !cvx.is_empty() && codes::mvx_cvx(mvx, cvx) == MvxCvx::DoesNotMake {
                    let makers = codes::CodeSets::embedded().manufacturers_of(cvx);
                    findings.push(finding(
                        FindingKind::MvxCvxMismatch,
                        Severity::Warning,
                        format!(
                            "The CDC lists no CVX {cvx} product from {} ({}); its makers are {}.",
                            m.mvx,
                            m.name,
                            makers.join(", ")
                        ),
                        makers
                            .iter()
                            .filter_map(|maker| product_of_cvx(cvx, maker))
                            .take(MAX_SUGGESTIONS)
                            .collect(),
                    ));
                }
            }
        }
    }

    if product.is_none() {
        product = brand_product.clone();
    }
    if cvx.is_empty() && ndc.is_empty() && brand_product.is_none() && brand_products.len() <= 1 {
        findings.push(finding(
            FindingKind::NoCode,
            Severity::Error,
            "The entry has no CVX or NDC, and its name is not a CDC product name.".to_string(),
            Vec::new(),
        ));
    }
    EntryAudit {
        row,
        label,
        product,
        findings,
    }
}

fn finding(
    kind: FindingKind,
    severity: Severity,
    message: String,
    mut suggestions: Vec<Product>,
) -> Finding {
    suggestions.truncate(MAX_SUGGESTIONS);
    Finding {
        kind,
        severity,
        message,
        suggestions,
    }
}

fn describe(state: CvxOnDate) -> String {
    match state {
        CvxOnDate::InactiveAfter { last_use: Some(d) } => format!("inactive, last in use {d}"),
        CvxOnDate::InactiveAfter { last_use: None } => "inactive".to_string(),
        CvxOnDate::BeforeFirstUse { first_use } => format!("first in use {first_use}"),
        CvxOnDate::NeverActive => "never active".to_string(),
        CvxOnDate::NonUs => "not licensed in the US".to_string(),
        CvxOnDate::Pending => "awaiting licensure".to_string(),
        CvxOnDate::Valid | CvxOnDate::Unknown => String::new(),
    }
}

/// The distinct products (CVX and MVX) the CDC names `name`, active ones first.
fn products_named(name: &str) -> Vec<Product> {
    let mut rows: Vec<_> = codes::tradename(name).collect();
    rows.sort_by_key(|t| t.status != Status::Active);
    let mut out: Vec<Product> = Vec::new();
    for t in rows {
        if out
            .iter()
            .any(|p| p.cvx == t.cvx.as_ref() && p.mvx == t.mvx.as_ref())
        {
            continue;
        }
        out.push(Product {
            name: t.product_name.to_string(),
            cvx: t.cvx.to_string(),
            description: t.short_description.to_string(),
            mvx: t.mvx.to_string(),
            ndc: None,
        });
    }
    out
}

/// A product of vaccine `cvx`, from manufacturer `mvx` when the tables have one.
fn product_of_cvx(cvx: &str, mvx: &str) -> Option<Product> {
    let row = codes::cvx(cvx)?;
    let names: Vec<_> = codes::CodeSets::embedded()
        .tradenames_for_cvx(cvx)
        .collect();
    let pick = names
        .iter()
        .find(|t| !mvx.is_empty() && t.mvx.eq_ignore_ascii_case(mvx) && t.status == Status::Active)
        .or_else(|| names.iter().find(|t| t.status == Status::Active))
        .or(names.first());
    Some(Product {
        name: pick.map_or_else(String::new, |t| t.product_name.to_string()),
        cvx: row.cvx.to_string(),
        description: row.short_description.to_string(),
        mvx: pick.map_or_else(|| mvx.to_string(), |t| t.mvx.to_string()),
        ndc: None,
    })
}

/// The specific products in use on `on` of the vaccine groups of `cvx`: the brand's product when
/// it is one of them, then those of manufacturer `mvx`, then the others.
fn suggest_specific(cvx: &str, mvx: &str, brand: Option<&Product>, on: NaiveDate) -> Vec<Product> {
    let sets = codes::CodeSets::embedded();
    let groups: Vec<String> = codes::vaccine_groups(cvx)
        .map(|g| g.group_cvx.to_string())
        .collect();
    let mut out: Vec<Product> = Vec::new();
    if let Some(b) = brand
        && codes::cvx_on_date(&b.cvx, on).is_valid()
        && !codes::is_unspecified_formulation(&b.cvx)
    {
        out.push(b.clone());
    }
    let mut candidates: Vec<Product> = Vec::new();
    for row in sets.cvx_rows() {
        if row.is_unspecified_formulation()
            || row.non_vaccine == Some(true)
            || !codes::cvx_on_date(&row.cvx, on).is_valid()
            || !row.is_active()
            || !codes::vaccine_groups(&row.cvx)
                .any(|g| groups.iter().any(|x| *x == g.group_cvx.as_ref()))
        {
            continue;
        }
        for t in sets.tradenames_for_cvx(&row.cvx) {
            if t.status != Status::Active {
                continue;
            }
            candidates.push(Product {
                name: t.product_name.to_string(),
                cvx: row.cvx.to_string(),
                description: row.short_description.to_string(),
                mvx: t.mvx.to_string(),
                ndc: None,
            });
        }
    }
    candidates.sort_by_key(|p| mvx.is_empty() || !p.mvx.eq_ignore_ascii_case(mvx));
    for c in candidates {
        if !out
            .iter()
            .any(|p| p.cvx == c.cvx && p.mvx == c.mvx && p.name == c.name)
        {
            out.push(c);
        }
    }
    out
}

/// NDC packages of vaccine `cvx` marketed on `on`, from manufacturer `mvx` first.
fn ndc_suggestions(cvx: &str, mvx: &str, on: NaiveDate) -> Vec<Product> {
    if cvx.is_empty() {
        return Vec::new();
    }
    let sets = codes::CodeSets::embedded();
    let Some(row) = codes::cvx(cvx) else {
        return Vec::new();
    };
    let mut out: Vec<(bool, Product)> = Vec::new();
    for p in sets.ndc_for_cvx(cvx) {
        if p.retired || !p.is_marketed_on(on) {
            continue;
        }
        let maker = sets.ndc_mvx(p).next().unwrap_or("").to_string();
        out.push((
            mvx.is_empty() || !maker.eq_ignore_ascii_case(mvx),
            Product {
                name: p.proprietary_name.to_string(),
                cvx: row.cvx.to_string(),
                description: row.short_description.to_string(),
                mvx: maker,
                ndc: Some(p.ndc10()),
            },
        ));
    }
    out.sort_by_key(|(later, _)| *later);
    out.into_iter()
        .map(|(_, p)| p)
        .take(MAX_SUGGESTIONS)
        .collect()
}
