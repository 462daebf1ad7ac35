//! Reading the OBX segments of one ORDER group of a response: which describe the dose (funding,
//! VIS, immunity, contraindications: read by the domain reader into the [`Vaccination`]) and which
//! are the registry's evaluation or forecast, one group per vaccine group.
//!
//! How the groups are found is told in the [module documentation](super) of `response`.
//!
//! [`Vaccination`]: crate::model::domain::Vaccination

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::domain::observation_codes as loinc;
use crate::model::domain::{Coded, ObservationValue, OtherObservation, Timestamp};
use crate::model::message::Order;
use crate::model::segments::Obx;
use crate::model::types::Cwe;

use super::super::text::{obx_code, obx_sub_id, obx_text, obx_value, slot};
use super::evaluation::{
    Evaluation, Forecast, GroupSource, SeriesStatus, StatusKind, VaccineGroupId,
};
use super::issue::{Place, ResponseIssue, ResponseIssueKind};

/// What the OBX of one ORDER group say.
#[derive(Debug, Default)]
pub(crate) struct OrderReading {
    /// The OBX (indexes into the order's observations) that describe the dose, in message order.
    pub(crate) dose_rows: Vec<usize>,
    /// Evaluations of the dose, one per vaccine group.
    pub(crate) evaluations: Vec<Evaluation>,
    /// Forecasts, one per vaccine group.
    pub(crate) forecasts: Vec<Forecast>,
}

/// What an OBX is, by its OBX-3 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Names the vaccine group.
    Key(GroupSource),
    /// An evaluation or forecast observation.
    Field,
    /// A VIS document or date.
    Vis,
    /// Funding, immunity, contraindication, reaction, indication.
    Dose,
    /// Not known.
    Unknown,
}

fn class_of(code: &str) -> Class {
    const FIELDS: &[&str] = &[
        loinc::SCHEDULE_USED,
        loinc::DOSE_NUMBER,
        loinc::DOSES_IN_SERIES,
        loinc::DOSE_VALIDITY,
        loinc::REASON_APPLIED,
        loinc::SERIES_STATUS,
        loinc::DATE_DUE,
        loinc::EARLIEST_DATE,
        loinc::LATEST_DATE,
        loinc::OVERDUE_DATE,
        loinc::TAKE_RESPONSE_TYPE,
        loinc::TAKE_RESPONSE_DATE,
        loinc::ANNOTATION,
    ];
    const VIS: &[&str] = &[
        loinc::VIS_DOCUMENT_TYPE,
        loinc::VIS_PUBLISHED,
        loinc::VIS_PRESENTED,
    ];
    const DOSE: &[&str] = &[
        loinc::FUNDING_ELIGIBILITY,
        loinc::FUNDING_SOURCE,
        loinc::PRESUMED_IMMUNITY,
        loinc::SEROLOGICAL_IMMUNITY,
        loinc::CONTRAINDICATION,
        loinc::CONTRAINDICATION_EFFECTIVE,
        loinc::CONTRAINDICATION_EXPIRES,
        loinc::REACTION,
        loinc::INDICATION,
    ];
    match code {
        c if c == loinc::VACCINE_TYPE => Class::Key(GroupSource::VaccineType),
        c if c == loinc::COMPONENT_VACCINE_TYPE => Class::Key(GroupSource::ComponentVaccineType),
        c if c == loinc::VACCINES_DUE_NEXT => Class::Key(GroupSource::VaccinesDueNext),
        c if c == loinc::SERIES_NAME => Class::Key(GroupSource::SeriesName),
        c if FIELDS.contains(&c) => Class::Field,
        c if VIS.contains(&c) => Class::Vis,
        c if DOSE.contains(&c) => Class::Dose,
        _ => Class::Unknown,
    }
}

fn key_slot(source: GroupSource) -> usize {
    match source {
        GroupSource::VaccineType => 0,
        GroupSource::ComponentVaccineType => 1,
        GroupSource::VaccinesDueNext => 2,
        GroupSource::SeriesName => 3,
    }
}

/// The rows gathered under one OBX-4 value (pass 1).
#[derive(Debug, Default)]
struct Gathering {
    rows: Vec<usize>,
    keys: [bool; 4],
    /// A VIS document or date with a value: the gathering describes a VIS.
    vis: bool,
    /// An evaluation or forecast observation.
    field: bool,
}

impl Gathering {
    fn keyed(&self) -> bool {
        self.keys.iter().any(|k| *k)
    }

    fn is_group(&self) -> bool {
        !self.vis && (self.keyed() || self.field)
    }
}

/// Reads the OBX of `order`. `no_vaccine`: the RXA is CVX 998, so groups are forecasts.
pub(crate) fn read(
    order: &Order,
    no_vaccine: bool,
    place: Place,
    issues: &mut Vec<ResponseIssue>,
) -> OrderReading {
    let obxs: Vec<&Obx> = order.observations.iter().map(|o| &o.obx).collect();
    let classes: Vec<Class> = obxs.iter().map(|o| class_of(obx_code(o))).collect();
    let mut report = |kind: ResponseIssueKind, row: Option<usize>| {
        issues.push(ResponseIssue {
            kind,
            place: row.map_or(place, |r| place.observation(r)),
        });
    };

    // Pass 1: gather by OBX-4, splitting at a repeated key.
    let mut gatherings: Vec<Gathering> = Vec::new();
    let mut by_sub: HashMap<&str, usize> = HashMap::new();
    let mut split = false;
    for (i, (obx, class)) in obxs.iter().zip(&classes).enumerate() {
        let sub = obx_sub_id(obx);
        let repeated_key = |g: &Gathering| match class {
            Class::Key(source) => g.keys.get(key_slot(*source)).copied().unwrap_or(false),
            _ => false,
        };
        let at = match by_sub.get(sub).copied() {
            Some(at) if !gatherings.get(at).is_some_and(repeated_key) => at,
            found => {
                split |= found.is_some();
                gatherings.push(Gathering::default());
                let at = gatherings.len() - 1;
                by_sub.insert(sub, at);
                at
            }
        };
        let Some(g) = gatherings.get_mut(at) else {
            continue;
        };
        g.rows.push(i);
        match class {
            Class::Key(source) => {
                if let Some(k) = g.keys.get_mut(key_slot(*source)) {
                    *k = true;
                }
            }
            Class::Field => g.field = true,
            Class::Vis => g.vis |= !obx_text(obx).is_empty(),
            Class::Dose | Class::Unknown => {}
        }
    }
    if split {
        report(ResponseIssueKind::GroupSplit, None);
    }

    // Pass 2: groups, and keyless groups joined to the only keyed one.
    let keyed: Vec<usize> = (0..gatherings.len())
        .filter(|&g| gatherings.get(g).is_some_and(|g| g.is_group() && g.keyed()))
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_gathering: HashMap<usize, usize> = HashMap::new();
    let mut joined = false;
    let mut dose_rows = Vec::new();
    for (gi, g) in gatherings.iter().enumerate() {
        if !g.is_group() {
            dose_rows.extend(g.rows.iter().copied());
            continue;
        }
        // Funding, VIS and clinical rows describe the dose wherever they stand.
        let (dose, own): (Vec<usize>, Vec<usize>) = g
            .rows
            .iter()
            .copied()
            .partition(|&r| matches!(classes.get(r), Some(Class::Dose | Class::Vis)));
        dose_rows.extend(dose);
        let target = match keyed.as_slice() {
            [only] if !g.keyed() => Some(*only),
            _ => None,
        };
        match target {
            Some(t) => {
                joined = true;
                let at = *group_of_gathering.entry(t).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                if let Some(rows) = groups.get_mut(at) {
                    rows.extend(own);
                }
            }
            None => {
                let at = *group_of_gathering.entry(gi).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                if let Some(rows) = groups.get_mut(at) {
                    // The keyed group's own rows come first: its values win over joined ones.
                    let joined_rows = std::mem::take(rows);
                    rows.extend(own);
                    rows.extend(joined_rows);
                }
            }
        }
    }
    if joined {
        report(ResponseIssueKind::GroupJoined, None);
    }
    dose_rows.sort_unstable();
    for &r in &dose_rows {
        if matches!(classes.get(r), Some(Class::Unknown)) {
            let code = named(obxs.get(r).map_or("", |o| obx_code(o)));
            report(
                ResponseIssueKind::ObservationNotUnderstood { code },
                Some(r),
            );
        }
    }

    // Pass 3: read each group.
    let mut out = OrderReading {
        dose_rows,
        ..OrderReading::default()
    };
    for rows in groups {
        let mut g = GroupReader::default();
        for &r in &rows {
            let (Some(obx), Some(class)) = (obxs.get(r), classes.get(r)) else {
                continue;
            };
            g.row(obx, *class, r, &mut report);
        }
        g.finish(no_vaccine, &obxs, &mut report, &mut out);
    }
    out
}

/// The values of one group, first value of each observation kept.
#[derive(Debug, Default)]
struct GroupReader {
    first_row: Option<usize>,
    keys: Vec<(GroupSource, Coded, usize)>,
    valid: Option<bool>,
    reason: Option<String>,
    series: Option<Coded>,
    dose_number: Option<u32>,
    doses_in_series: Option<u32>,
    status: Option<SeriesStatus>,
    schedule: Option<Coded>,
    take_response: Option<Coded>,
    take_response_date: Option<NaiveDate>,
    earliest: Option<NaiveDate>,
    recommended: Option<NaiveDate>,
    past_due: Option<NaiveDate>,
    latest: Option<NaiveDate>,
    notes: Vec<String>,
    other: Vec<OtherObservation>,
    /// Rows of dose validity and take response, which a forecast has no place for.
    evaluation_rows: Vec<usize>,
    /// A due date or a vaccines-due-next key: the group is a forecast.
    forecast: bool,
}

/// Keeps the first value; reports a different later one.
fn keep<T: PartialEq>(
    slot: &mut Option<T>,
    value: T,
    code: &str,
    row: usize,
    report: &mut impl FnMut(ResponseIssueKind, Option<usize>),
) {
    match slot {
        None => *slot = Some(value),
        Some(first) if *first != value => report(
            ResponseIssueKind::ConflictingValues { code: named(code) },
            Some(row),
        ),
        Some(_) => {}
    }
}

impl GroupReader {
    fn row(
        &mut self,
        obx: &Obx,
        class: Class,
        row: usize,
        report: &mut impl FnMut(ResponseIssueKind, Option<usize>),
    ) {
        self.first_row.get_or_insert(row);
        let code = obx_code(obx);
        let not_read =
            |this: &mut GroupReader, report: &mut dyn FnMut(ResponseIssueKind, Option<usize>)| {
                report(
                    ResponseIssueKind::ValueNotUnderstood { code: named(code) },
                    Some(row),
                );
                this.other.push(other_of(obx));
            };
        match class {
            Class::Key(source) => {
                if source == GroupSource::VaccinesDueNext {
                    self.forecast = true;
                }
                match coded(obx) {
                    Some(c) => {
                        if source == GroupSource::SeriesName {
                            keep(&mut self.series, c.clone(), code, row, report);
                        }
                        self.keys.push((source, c, row));
                    }
                    None => not_read(self, report),
                }
            }
            Class::Field => {
                let date = || date_of(obx);
                match code {
                    c if c == loinc::DOSE_VALIDITY => {
                        self.evaluation_rows.push(row);
                        match yes_no(obx_text(obx)) {
                            Some(v) => keep(&mut self.valid, v, code, row, report),
                            None => not_read(self, report),
                        }
                    }
                    c if c == loinc::REASON_APPLIED => match words(obx) {
                        Some(w) => keep(&mut self.reason, w, code, row, report),
                        None => not_read(self, report),
                    },
                    c if c == loinc::DOSE_NUMBER || c == loinc::DOSES_IN_SERIES => {
                        let slot = if c == loinc::DOSE_NUMBER {
                            &mut self.dose_number
                        } else {
                            &mut self.doses_in_series
                        };
                        match count(obx_text(obx)) {
                            Some(n) => keep(slot, n, code, row, report),
                            None => not_read(self, report),
                        }
                    }
                    c if c == loinc::SERIES_STATUS => match coded(obx) {
                        Some(s) => {
                            let status = SeriesStatus::read(s);
                            if status.kind == StatusKind::NotUnderstood {
                                report(ResponseIssueKind::StatusNotUnderstood, Some(row));
                            }
                            keep(&mut self.status, status, code, row, report);
                        }
                        None => not_read(self, report),
                    },
                    c if c == loinc::SCHEDULE_USED => match coded(obx) {
                        Some(s) => keep(&mut self.schedule, s, code, row, report),
                        None => not_read(self, report),
                    },
                    c if c == loinc::TAKE_RESPONSE_TYPE => {
                        self.evaluation_rows.push(row);
                        match coded(obx) {
                            Some(s) => keep(&mut self.take_response, s, code, row, report),
                            None => not_read(self, report),
                        }
                    }
                    c if c == loinc::TAKE_RESPONSE_DATE => {
                        self.evaluation_rows.push(row);
                        match date() {
                            Some(d) => keep(&mut self.take_response_date, d, code, row, report),
                            None => not_read(self, report),
                        }
                    }
                    c if c == loinc::ANNOTATION => match words(obx) {
                        Some(w) => self.notes.push(w),
                        None => not_read(self, report),
                    },
                    _ => {
                        // The four dates of the next dose.
                        self.forecast = true;
                        let slot = match code {
                            c if c == loinc::DATE_DUE => &mut self.recommended,
                            c if c == loinc::EARLIEST_DATE => &mut self.earliest,
                            c if c == loinc::LATEST_DATE => &mut self.latest,
                            _ => &mut self.past_due,
                        };
                        match date() {
                            Some(d) => keep(slot, d, code, row, report),
                            None => not_read(self, report),
                        }
                    }
                }
            }
            Class::Unknown => {
                report(
                    ResponseIssueKind::ObservationNotUnderstood { code: named(code) },
                    Some(row),
                );
                self.other.push(other_of(obx));
            }
            // Never in a group: `read` keeps them with the dose.
            Class::Vis | Class::Dose => {}
        }
    }

    /// The group's vaccine group: the key of the best kind (vaccine type first, series name last).
    fn vaccine_group(
        &mut self,
        obxs: &[&Obx],
        report: &mut impl FnMut(ResponseIssueKind, Option<usize>),
    ) -> Option<VaccineGroupId> {
        self.keys.sort_by_key(|(source, _, row)| (*source, *row));
        let mut keys = self.keys.iter();
        let (source, best, _) = keys.next()?;
        for (s, other, row) in keys {
            let differs = other.code.trim() != best.code.trim();
            // A series name beside a vaccine type is the series, not a second group.
            if differs && *s != GroupSource::SeriesName {
                let code = named(obxs.get(*row).map_or("", |o| obx_code(o)));
                report(ResponseIssueKind::ConflictingValues { code }, Some(*row));
            }
        }
        Some(VaccineGroupId::new(best.clone(), *source))
    }

    fn finish(
        mut self,
        no_vaccine: bool,
        obxs: &[&Obx],
        report: &mut impl FnMut(ResponseIssueKind, Option<usize>),
        out: &mut OrderReading,
    ) {
        let vaccine_group = self.vaccine_group(obxs, report);
        if vaccine_group.is_none() {
            report(ResponseIssueKind::NoVaccineGroup, self.first_row);
        }
        if no_vaccine || self.forecast {
            if !no_vaccine {
                report(ResponseIssueKind::ForecastOnDose, self.first_row);
            }
            if !self.evaluation_rows.is_empty() {
                report(
                    ResponseIssueKind::EvaluationWithoutDose,
                    self.evaluation_rows.first().copied(),
                );
                for r in &self.evaluation_rows {
                    if let Some(obx) = obxs.get(*r) {
                        self.other.push(other_of(obx));
                    }
                }
            }
            out.forecasts.push(Forecast {
                vaccine_group,
                status: self.status,
                dose_number: self.dose_number,
                doses_in_series: self.doses_in_series,
                earliest: self.earliest,
                recommended: self.recommended,
                past_due: self.past_due,
                latest: self.latest,
                schedule: self.schedule,
                series: self.series,
                reason: self.reason,
                notes: self.notes,
                other: self.other,
                order: 0,
            });
        } else {
            out.evaluations.push(Evaluation {
                vaccine_group,
                valid: self.valid,
                reason: self.reason,
                series: self.series,
                dose_number: self.dose_number,
                doses_in_series: self.doses_in_series,
                series_status: self.status,
                schedule: self.schedule,
                take_response: self.take_response,
                take_response_date: self.take_response_date,
                notes: self.notes,
                other: self.other,
            });
        }
    }
}

/// An OBX-3 code as an issue names it: at most 50 characters (the CE_IZ identifier's length), so a
/// hostile code cannot make an issue large.
fn named(code: &str) -> String {
    code.chars().take(50).collect()
}

/// OBX-5 as a coded value.
fn coded(obx: &Obx) -> Option<Coded> {
    obx_value(obx)
        .and_then(Coded::from_varies)
        .filter(|c| !c.code.trim().is_empty() || c.text.is_some())
}

/// OBX-5 as words: a coded value's text (else its code), or the text.
fn words(obx: &Obx) -> Option<String> {
    let c = coded(obx)?;
    let w = c.text.unwrap_or(c.code);
    let w = w.trim();
    (!w.is_empty()).then(|| w.to_string())
}

/// OBX-5 as a date (DT, TS or a date-like text).
fn date_of(obx: &Obx) -> Option<NaiveDate> {
    Timestamp::parse(obx_text(obx)).map(|t| t.date)
}

/// A count: `2`, `2.0`.
fn count(text: &str) -> Option<u32> {
    let t = text.trim();
    t.parse().ok().or_else(|| {
        let f: f64 = t.parse().ok()?;
        (f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f)).then_some(f as u32)
    })
}

/// `Y` / `N` (and `YES` / `NO`), ASCII case ignored.
fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_uppercase().as_str() {
        "Y" | "YES" => Some(true),
        "N" | "NO" => Some(false),
        _ => None,
    }
}

/// An OBX kept as it came.
fn other_of(obx: &Obx) -> OtherObservation {
    let value_type = obx.value_type.as_ref().map_or("", |t| t.as_str());
    OtherObservation {
        code: slot::<Cwe, _>(&obx.observation_identifier)
            .and_then(Coded::from_cwe)
            .unwrap_or_default(),
        value: obx_value(obx).map_or(ObservationValue::Text(String::new()), |v| {
            ObservationValue::read(value_type, v)
        }),
        sub_id: obx_sub_id(obx).to_string(),
        units: slot::<Cwe, _>(&obx.units).and_then(Coded::from_cwe),
        date: slot(&obx.date_time_of_the_observation).and_then(Timestamp::from_ts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_flags_read_leniently() {
        assert_eq!(count("2"), Some(2));
        assert_eq!(count(" 2.0 "), Some(2));
        assert_eq!(count("2.5"), None);
        assert_eq!(count("-1"), None);
        assert_eq!(yes_no("y"), Some(true));
        assert_eq!(yes_no("No"), Some(false));
        assert_eq!(yes_no("maybe"), None);
    }
}
