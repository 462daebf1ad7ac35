//! Dose matching: profiles of the doses of both sides by vaccine group and date, candidate pairs
//! within the duplicate window, best pairs first, and the lines they make. The rules are in the
//! [module documentation](super).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::codes;
use crate::model::domain::{Vaccination, VaccinationKind};
use crate::model::types::Precision;

use super::super::text::{digits, squash};
use super::{Action, Flag, Line, Note, Placement, ReconcileOptions};

/// At most this many doses of each group on the other side are compared with a dose.
const NEAREST: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Given,
    Refused,
    NotGiven,
}

/// What matching needs of a dose.
#[derive(Debug)]
struct Dose {
    groups: Vec<String>,
    date: Option<NaiveDate>,
    precision: Precision,
    status: Status,
    historical: bool,
    administered: bool,
    cvx: Option<String>,
    unspecified: bool,
    ndc: Option<String>,
    lots: Vec<String>,
}

fn profile(v: &Vaccination) -> Dose {
    let vaccine = v.vaccine.as_ref();
    let cvx = vaccine
        .and_then(|c| c.cvx_code())
        .map(|c| c.code.trim().to_string())
        .or_else(|| {
            let ndc = vaccine.and_then(|c| c.ndc_code())?;
            let product = codes::ndc(ndc.code.trim()).ok()?.next()?;
            (!product.cvx.is_empty()).then(|| product.cvx.to_string())
        })
        .or_else(|| {
            let cpt = vaccine.and_then(|c| c.cpt_code())?;
            codes::cpt(cpt.code.trim())
                .next()
                .map(|c| c.cvx.to_string())
        })
        .filter(|c| !c.is_empty())
        .map(|c| codes::cvx(&c).map_or(c, |known| known.cvx.to_string()));
    let mut groups: Vec<String> = Vec::new();
    if let Some(cvx) = &cvx {
        for g in codes::vaccine_groups(cvx) {
            let name = g.group_name.to_string();
            if !groups.contains(&name) {
                groups.push(name);
            }
        }
        if groups.is_empty() {
            // A code in no CDC group (an immune globulin, an unknown code) matches itself only.
            groups.push(format!("CVX {cvx}"));
        }
    }
    let ndc = vaccine.and_then(|c| c.ndc_code()).map(|n| {
        codes::normalize_ndc(&n.code).map_or_else(|_| digits(&n.code), |n| n.digits().to_string())
    });
    let status = match v.kind {
        VaccinationKind::Administered | VaccinationKind::Historical { .. } => Status::Given,
        VaccinationKind::Refused { .. } => Status::Refused,
        VaccinationKind::NotAdministered => Status::NotGiven,
    };
    Dose {
        groups,
        date: v.date.map(|d| d.date),
        precision: v
            .date
            .map_or(Precision::Day, |d| d.precision.min(Precision::Day)),
        status,
        historical: matches!(v.kind, VaccinationKind::Historical { .. }),
        administered: v.kind == VaccinationKind::Administered,
        unspecified: cvx
            .as_deref()
            .is_some_and(codes::is_unspecified_formulation),
        cvx,
        ndc: ndc.filter(|n| !n.is_empty()),
        lots: v
            .lots
            .iter()
            .map(|l| squash(l))
            .filter(|l| !l.is_empty())
            .collect(),
    }
}

/// Days apart, compared at the coarser precision; `true` when a date is coarser than a day.
fn apart(a: &Dose, b: &Dose) -> Option<(i64, bool)> {
    let (da, db) = (a.date?, b.date?);
    let p = a.precision.min(b.precision);
    let same = match p {
        Precision::Year => da.year() == db.year(),
        Precision::Month => da.year() == db.year() && da.month() == db.month(),
        _ => da == db,
    };
    let days = if same { 0 } else { (da - db).num_days().abs() };
    Some((days, p < Precision::Day))
}

/// A candidate pair, classified.
#[derive(Debug)]
struct Pair {
    chart: usize,
    registry: usize,
    shared: Vec<String>,
    days: i64,
    /// 0 same dose, 1 historical vs administered, 2 conflict; `None`: near only.
    rank: Option<u8>,
    notes: Vec<Note>,
    flags: Vec<Flag>,
}

fn classify(
    c: &Dose,
    r: &Dose,
    days: i64,
    imprecise: bool,
    options: &ReconcileOptions,
) -> (Option<u8>, Vec<Note>, Vec<Flag>) {
    let mut notes = Vec::new();
    let mut flags = Vec::new();
    let same_cvx = c.cvx.is_some() && c.cvx == r.cvx;
    let same_ndc = c.ndc.is_some() && c.ndc == r.ndc;
    let same_lot = c.lots.iter().any(|l| r.lots.contains(l));
    let unspecified = !same_cvx && (c.unspecified || r.unspecified);
    if same_cvx {
        notes.push(Note::SameCvx);
    }
    if same_ndc {
        notes.push(Note::SameNdc);
    }
    if same_lot {
        notes.push(Note::SameLot);
    }
    if unspecified {
        notes.push(Note::UnspecifiedFormulation);
    }
    if days > 0 {
        notes.push(Note::DatesApart { days });
    }
    if imprecise {
        notes.push(Note::ImpreciseDate);
    }
    let product_differs = (c.ndc.is_some() && r.ndc.is_some() && !same_ndc && !same_cvx)
        || (c.cvx.is_some() && r.cvx.is_some() && !same_cvx && !unspecified);
    let lot_differs = !c.lots.is_empty() && !r.lots.is_empty() && !same_lot;
    if product_differs {
        flags.push(Flag::DifferentProduct);
    }
    if lot_differs {
        flags.push(Flag::LotDiffers);
    }
    let same_dose = days <= options.same_dose_days;
    let rank = match (c.status, r.status) {
        (Status::Given, Status::Given) => {
            if c.historical && r.administered && !product_differs {
                flags.push(Flag::HistoricalVsAdministered);
                Some(1)
            } else if !same_dose {
                None
            } else if product_differs || lot_differs {
                Some(2)
            } else {
                Some(0)
            }
        }
        (a, b) if a == b => same_dose.then_some(0),
        _ => {
            flags.push(Flag::StatusDiffers);
            same_dose.then_some(2)
        }
    };
    (rank, notes, flags)
}

/// The lines of the reconciliation of `chart` with `registry`.
pub(super) fn lines(
    chart: &[Vaccination],
    registry: &[Vaccination],
    options: &ReconcileOptions,
) -> Vec<Line> {
    let cd: Vec<Dose> = chart.iter().map(profile).collect();
    let rd: Vec<Dose> = registry.iter().map(profile).collect();
    let window = options.duplicate_window_days.max(0);

    // Dated doses of each group, per side, by date.
    let mut by_group: BTreeMap<&str, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (side, doses) in [(0, &cd), (1, &rd)] {
        for (i, d) in doses.iter().enumerate() {
            if d.date.is_none() {
                continue;
            }
            for g in &d.groups {
                let entry = by_group.entry(g.as_str()).or_default();
                if side == 0 {
                    entry.0.push(i);
                } else {
                    entry.1.push(i);
                }
            }
        }
    }
    let date_of = |doses: &[Dose], i: usize| doses.get(i).and_then(|d| d.date);
    for (c, r) in by_group.values_mut() {
        c.sort_by_key(|&i| (date_of(&cd, i), i));
        r.sort_by_key(|&i| (date_of(&rd, i), i));
    }

    // Candidate pairs: each chart dose against the nearest registry doses of each of its groups.
    let mut shared: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    let mut same_side: Vec<HashSet<Flag>> = Vec::new();
    same_side.resize_with(cd.len() + rd.len(), HashSet::new);
    for (group, (cs, rs)) in &by_group {
        let registry_dates: Vec<NaiveDate> = rs.iter().filter_map(|&i| date_of(&rd, i)).collect();
        for &c in cs {
            let Some(date) = date_of(&cd, c) else {
                continue;
            };
            let at = registry_dates.partition_point(|d| *d < date);
            let (mut lo, mut hi) = (at, at);
            let mut taken = 0;
            while taken < NEAREST && (lo > 0 || hi < rs.len()) {
                let gap = |k: usize| {
                    registry_dates
                        .get(k)
                        .map_or(i64::MAX, |d| (*d - date).num_days().abs())
                };
                let left = if lo > 0 { gap(lo - 1) } else { i64::MAX };
                let right = gap(hi);
                let (k, g) = if left <= right {
                    lo -= 1;
                    (lo, left)
                } else {
                    hi += 1;
                    (hi - 1, right)
                };
                // Beyond the window by the day (a coarser precision may still bring it near).
                if g > window + 366 {
                    break;
                }
                if let Some(&r) = rs.get(k) {
                    shared.entry((c, r)).or_default().push((*group).to_string());
                }
                taken += 1;
            }
        }
        // Duplicates within one side: neighbours in date order.
        for (side, list, doses, offset) in [(0, cs, &cd, 0), (1, rs, &rd, cd.len())] {
            let _ = side;
            for w in list.windows(2) {
                let [a, b] = w else { continue };
                let (Some(da), Some(db)) = (doses.get(*a), doses.get(*b)) else {
                    continue;
                };
                if let Some((days, _)) = apart(da, db) {
                    if days <= window {
                        if let Some(s) = same_side.get_mut(offset + a) {
                            s.insert(Flag::DuplicateInRecord { other: *b, days });
                        }
                        if let Some(s) = same_side.get_mut(offset + b) {
                            s.insert(Flag::DuplicateInRecord { other: *a, days });
                        }
                    }
                }
            }
        }
    }

    let mut pairs: Vec<Pair> = Vec::with_capacity(shared.len());
    for ((c, r), groups) in shared {
        let (Some(cdose), Some(rdose)) = (cd.get(c), rd.get(r)) else {
            continue;
        };
        let Some((days, imprecise)) = apart(cdose, rdose) else {
            continue;
        };
        if days > window {
            continue;
        }
        let (rank, notes, flags) = classify(cdose, rdose, days, imprecise, options);
        pairs.push(Pair {
            chart: c,
            registry: r,
            shared: groups,
            days,
            rank,
            notes,
            flags,
        });
    }
    pairs.sort_by_key(|p| {
        (
            p.rank.unwrap_or(u8::MAX),
            p.days,
            !p.notes.contains(&Note::SameCvx),
            p.chart,
            p.registry,
        )
    });

    // Best pairs first; a dose pairs once per vaccine group.
    let mut used_c: HashMap<usize, HashSet<String>> = HashMap::new();
    let mut used_r: HashMap<usize, HashSet<String>> = HashMap::new();
    let mut out = Vec::new();
    let mut paired_c = vec![false; cd.len()];
    let mut paired_r = vec![false; rd.len()];
    // The nearest other-side dose of each unpaired dose, for the likely-duplicate flag.
    let mut near_c: HashMap<usize, (usize, i64)> = HashMap::new();
    let mut near_r: HashMap<usize, (usize, i64)> = HashMap::new();
    for p in pairs {
        let free = |used: &HashMap<usize, HashSet<String>>, i: usize| {
            used.get(&i)
                .is_none_or(|taken| p.shared.iter().all(|g| !taken.contains(g)))
        };
        let Some(rank) = p
            .rank
            .filter(|_| free(&used_c, p.chart) && free(&used_r, p.registry))
        else {
            let closer = |near: &mut HashMap<usize, (usize, i64)>, i: usize, other: usize| {
                let e = near.entry(i).or_insert((other, p.days));
                if p.days < e.1 {
                    *e = (other, p.days);
                }
            };
            closer(&mut near_c, p.chart, p.registry);
            closer(&mut near_r, p.registry, p.chart);
            continue;
        };
        used_c
            .entry(p.chart)
            .or_default()
            .extend(p.shared.iter().cloned());
        used_r
            .entry(p.registry)
            .or_default()
            .extend(p.shared.iter().cloned());
        if let Some(x) = paired_c.get_mut(p.chart) {
            *x = true;
        }
        if let Some(x) = paired_r.get_mut(p.registry) {
            *x = true;
        }
        let action = match rank {
            0 => Action::Nothing,
            1 if p
                .flags
                .iter()
                .all(|f| *f == Flag::HistoricalVsAdministered || *f == Flag::LotDiffers) =>
            {
                Action::ReplaceChartRecord {
                    chart: p.chart,
                    registry: p.registry,
                }
            }
            _ => Action::Review,
        };
        out.push(Line {
            placement: Placement::InBoth {
                chart: p.chart,
                registry: p.registry,
            },
            vaccine_groups: p.shared,
            date: date_of(&cd, p.chart),
            notes: p.notes,
            flags: p.flags,
            action,
        });
    }

    let mut alone = |side: usize, i: usize, d: &Dose, near: Option<&(usize, i64)>| {
        let mut flags: Vec<Flag> = near
            .map(|&(other, days)| Flag::LikelyDuplicate { other, days })
            .into_iter()
            .collect();
        let offset = if side == 0 { 0 } else { cd.len() };
        let mut own: Vec<Flag> = same_side
            .get(offset + i)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        own.sort_by_key(|f| match f {
            Flag::DuplicateInRecord { other, .. } => *other,
            _ => 0,
        });
        flags.extend(own);
        let (placement, action) = if side == 0 {
            (Placement::OnlyChart { chart: i }, Action::Send { chart: i })
        } else {
            (
                Placement::OnlyRegistry { registry: i },
                Action::Import { registry: i },
            )
        };
        out.push(Line {
            placement,
            vaccine_groups: d.groups.clone(),
            date: d.date,
            notes: Vec::new(),
            action: if flags.is_empty() {
                action
            } else {
                Action::Review
            },
            flags,
        });
    };
    for (i, d) in cd.iter().enumerate() {
        if !paired_c.get(i).copied().unwrap_or(false) {
            alone(0, i, d, near_c.get(&i));
        }
    }
    for (i, d) in rd.iter().enumerate() {
        if !paired_r.get(i).copied().unwrap_or(false) {
            alone(1, i, d, near_r.get(&i));
        }
    }
    out.sort_by(|a, b| {
        let key = |l: &Line| {
            (
                l.date.is_none(),
                l.date,
                l.vaccine_groups.first().cloned(),
                l.placement.chart(),
                l.placement.registry(),
            )
        };
        key(a).cmp(&key(b))
    });
    out
}
