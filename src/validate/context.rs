//! The state of one validation run: the profile, the clock, the message, and the issues found so far.
//! Rules report through [`Cx::emit`], which applies the profile's severity overrides and writes the
//! location, the label and the texts.

use std::borrow::Cow;
use std::cell::OnceCell;

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::Message;
use crate::model::decl::FieldDef;
use crate::model::reflect::{SegmentRef, SegmentView};
use crate::model::segments::Rxa;
use crate::model::types::{Ts, components_of};

use super::{ErrorLocation, Issue, MessageProfile, Profile, Rule};

/// A place in the message being validated: a segment met in the walk, and a field, repetition,
/// component and subcomponent in it (0: not that deep).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place<'m> {
    pub seg: SegmentRef<'m>,
    pub field: u16,
    pub repetition: u16,
    pub component: u16,
    pub subcomponent: u16,
}

impl<'m> Place<'m> {
    /// The segment as a whole.
    #[allow(dead_code)] // for the rules about whole segments
    pub fn segment(seg: SegmentRef<'m>) -> Place<'m> {
        Place {
            seg,
            field: 0,
            repetition: 0,
            component: 0,
            subcomponent: 0,
        }
    }

    /// Field `field`, first repetition.
    pub fn field(seg: SegmentRef<'m>, field: u16) -> Place<'m> {
        Place {
            seg,
            field,
            repetition: 1,
            component: 0,
            subcomponent: 0,
        }
    }

    /// One component deeper.
    pub fn component(mut self, n: u16) -> Place<'m> {
        if self.component == 0 {
            self.component = n;
        } else {
            self.subcomponent = n;
        }
        self
    }

    /// At repetition `n` (from 1).
    pub fn repetition(mut self, n: u16) -> Place<'m> {
        self.repetition = n;
        self
    }

    pub(crate) fn location(&self) -> ErrorLocation {
        ErrorLocation {
            segment: self.seg.segment.id().to_string(),
            sequence: self.seg.occurrence,
            field: self.field,
            repetition: if self.field > 0 {
                self.repetition.max(1)
            } else {
                0
            },
            component: self.component,
            subcomponent: self.subcomponent,
        }
    }

    /// The IG label: `RXA-15 Substance Lot Number`, `PID-5.1 Family Name`.
    pub(crate) fn label(&self) -> Option<Cow<'static, str>> {
        let view: &dyn SegmentView = self.seg.segment;
        match super::plan::Catalogue::get().label(view, self.field, self.component) {
            Some(label) => Some(Cow::Borrowed(label)),
            None => field_label(view.id(), view.fields(), self.field, self.component),
        }
    }
}

/// The IG label of field `field` (component `component`, 0: the field) of a segment with these
/// declarations: `RXA-15 Substance Lot Number`, `PID-5.1 Family Name (Patient Name)`. `None` when
/// the field is not declared. Validation and the reading of a registry's ERR rows label alike.
pub(crate) fn field_label(
    id: &str,
    fields: &'static [FieldDef],
    field: u16,
    component: u16,
) -> Option<Cow<'static, str>> {
    let def = fields.get(usize::from(field).checked_sub(1)?)?;
    let mut label = format!("{id}-{field} {}", def.label);
    if component > 0
        && let Some(comps) = components_of(def.datatype)
        && let Some(c) = comps.get(usize::from(component) - 1)
    {
        label = format!("{id}-{field}.{component} {} ({})", c.label, def.label);
    }
    Some(Cow::Owned(label))
}

/// Sort key: segment position, then field, repetition, component, subcomponent.
pub(crate) type SortKey = (usize, u16, u16, u16, u16);

/// One validation run.
pub(crate) struct Cx<'m> {
    pub profile: &'m Profile,
    /// What the profile changes, worked out once.
    pub plan: &'m super::plan::ProfilePlan,
    pub message_profile: Option<MessageProfile>,
    #[allow(dead_code)] // for the date rules
    pub now: NaiveDateTime,
    pub values: bool,
    pub msg: &'m Message,
    pub issues: Vec<(SortKey, Issue)>,
    /// What the conformance statements remember along the walk (counters, the order group).
    pub conformance: super::conformance::State<'m>,
    /// The orders of an RSP (its patients' orders in message order), indexed on first use so that
    /// finding the nth costs the same for every n.
    rsp_orders: std::cell::OnceCell<Vec<&'m crate::model::message::Order>>,
    /// "the DTaP dose given on 2024-03-15" for each vaccination, written on first use.
    doses: OnceCell<Box<[OnceCell<String>]>>,
    /// What the registry rules ask about the first vaccinations: the kind of dose and its CVX row,
    /// worked out once for all the rules.
    dose_facts: [OnceCell<DoseFacts>; FACTS],
}

/// How many vaccinations have their facts remembered (the others are worked out when asked).
const FACTS: usize = 8;

/// What the registry rules ask about a vaccination.
#[derive(Clone, Copy)]
struct DoseFacts {
    kind: Option<super::profile_rules::DoseKind>,
    cvx: Option<&'static crate::codes::Cvx>,
}

impl<'m> Cx<'m> {
    pub fn new(
        profile: &'m Profile,
        plan: &'m super::plan::ProfilePlan,
        msg: &'m Message,
        now: NaiveDateTime,
        values: bool,
    ) -> Cx<'m> {
        let message_profile = profile.message_profile.or_else(|| MessageProfile::of(msg));
        Cx {
            profile,
            plan,
            message_profile,
            now,
            values,
            msg,
            issues: Vec::new(),
            conformance: super::conformance::State::default(),
            rsp_orders: std::cell::OnceCell::new(),
            doses: OnceCell::new(),
            dose_facts: Default::default(),
        }
    }

    /// True when `rule` applies to this message and the profile has not turned it off.
    pub fn wants(&self, rule: &Rule) -> bool {
        rule.applies_to(self.message_profile) && !self.off(rule)
    }

    /// True when the profile has turned `rule` off.
    pub fn off(&self, rule: &Rule) -> bool {
        self.plan.off(rule)
    }

    /// The severity `rule` reports at under the profile (`None`: turned off).
    pub fn severity(&self, rule: &Rule) -> Option<super::Severity> {
        self.plan.severity(rule)
    }

    /// Reports `rule` at `place`, with the texts for people and the value at fault (kept only when
    /// the caller asked for values).
    pub fn emit(
        &mut self,
        rule: &'static Rule,
        place: Place<'_>,
        message: String,
        fix: String,
        value: Option<&str>,
    ) {
        if !rule.applies_to(self.message_profile) {
            return;
        }
        let Some(severity) = self.severity(rule) else {
            return;
        };
        let key = (
            place.seg.index,
            place.field,
            place.repetition,
            place.component,
            place.subcomponent,
        );
        let issue = Issue {
            rule: Cow::Borrowed(rule.id),
            severity,
            location: place.location(),
            vaccination: place.seg.order,
            hl7_code: rule.hl7_code,
            app_code: rule.app_code.clone(),
            label: place.label(),
            message,
            fix,
            value: if self.values {
                value.map(str::to_string)
            } else {
                None
            },
            registry_text: None,
        };
        if self.issues.capacity() == 0 {
            self.issues.reserve(16);
        }
        self.issues.push((key, issue));
    }

    /// Reports `rule` about the message as a whole (no segment).
    pub fn emit_message(&mut self, rule: &'static Rule, message: String, fix: String) {
        if !rule.applies_to(self.message_profile) {
            return;
        }
        let Some(severity) = self.severity(rule) else {
            return;
        };
        let mut issue = Issue::new(rule.id, severity, ErrorLocation::message())
            .with_hl7_code(rule.hl7_code)
            .with_text(message, fix);
        issue.app_code = rule.app_code.clone();
        self.issues.push(((0, 0, 0, 0, 0), issue));
    }

    /// Reports a rule that is not in the catalogue (a registry's own rule from its profile data).
    pub fn emit_custom(&mut self, key: SortKey, issue: Issue) {
        self.issues.push((key, issue));
    }

    /// The RXA of vaccination `n` (from 1).
    pub fn rxa(&self, n: usize) -> Option<&'m Rxa> {
        let i = n.checked_sub(1)?;
        match self.msg {
            Message::Vxu(v) => v.orders.get(i)?.rxa.as_deref(),
            Message::Rsp(_) => self.rsp_orders().get(i)?.rxa.as_deref(),
            _ => None,
        }
    }

    fn rsp_orders(&self) -> &[&'m crate::model::message::Order] {
        match self.msg {
            Message::Rsp(r) => self
                .rsp_orders
                .get_or_init(|| r.patients.iter().flat_map(|p| &p.orders).collect()),
            _ => &[],
        }
    }

    fn facts(&self, n: usize) -> DoseFacts {
        let work = || {
            let rxa = self.rxa(n);
            DoseFacts {
                kind: rxa.map(|r| super::profile_rules::dose_kind(r)),
                cvx: rxa.and_then(super::profile_rules::dose_cvx),
            }
        };
        match n.checked_sub(1).and_then(|i| self.dose_facts.get(i)) {
            Some(cell) => *cell.get_or_init(work),
            None => work(),
        }
    }

    /// The kind of dose vaccination `n` (from 1) records (`None`: no RXA).
    pub fn dose_kind(&self, n: usize) -> Option<super::profile_rules::DoseKind> {
        self.facts(n).kind
    }

    /// The CVX row of vaccination `n` ([`dose_cvx`](super::profile_rules::dose_cvx)).
    pub fn dose_cvx(&self, n: usize) -> Option<&'static crate::codes::Cvx> {
        self.facts(n).cvx
    }

    /// [`crate::codes::cvx_on_date`] for the code of CVX row `row`.
    pub fn cvx_on_date(
        &self,
        row: &'static crate::codes::Cvx,
        date: NaiveDate,
    ) -> crate::codes::CvxOnDate {
        super::plan::cvx_on_date(row, date)
    }

    /// How many vaccinations (ORDER groups) the message has.
    fn vaccinations(&self) -> usize {
        match self.msg {
            Message::Vxu(v) => v.orders.len(),
            Message::Rsp(_) => self.rsp_orders().len(),
            _ => 0,
        }
    }

    /// "the DTaP dose given on 2024-03-15", "the dose of vaccination 2" when the vaccine or date is
    /// not known. Vaccine names come from the CVX table, never from the message's free text. Written
    /// once per vaccination, however many issues name it.
    pub fn dose(&self, n: usize) -> Cow<'_, str> {
        let cache = self
            .doses
            .get_or_init(|| (0..self.vaccinations()).map(|_| OnceCell::new()).collect());
        match n.checked_sub(1).and_then(|i| cache.get(i)) {
            Some(cell) => Cow::Borrowed(cell.get_or_init(|| dose_phrase(self.rxa(n), n))),
            None => Cow::Owned(dose_phrase(self.rxa(n), n)),
        }
    }

    /// What a place is, in words: "the DTaP dose given on 2024-03-15" in an ORDER group, "the
    /// patient" in PID/PD1, "the next of kin" in NK1, "the message header" in MSH.
    pub fn subject(&self, place: &Place<'_>) -> Cow<'_, str> {
        if let Some(n) = place.seg.order {
            return self.dose(n);
        }
        segment_subject(place.seg.segment.id(), place.seg.occurrence)
    }
}

/// "the DTaP dose given on 2024-03-15" for vaccination `n` whose RXA is `rxa`; "the dose of
/// vaccination 2" when the vaccine or date is not known. Vaccine names come from the CVX table, never
/// from the message's free text.
pub(crate) fn dose_phrase(rxa: Option<&Rxa>, n: usize) -> String {
    let Some(rxa) = rxa else {
        return format!("vaccination {n}");
    };
    let vaccine = vaccine_name(rxa);
    let date = rxa
        .date_time_start_of_administration
        .as_deref()
        .and_then(ts_date);
    let verb = match rxa.completion_status.as_ref().map(|s| s.as_str()) {
        Some("RE") => "refused",
        Some("NA") => "not given",
        _ => "given",
    };
    let noun = "dose";
    match (vaccine, date) {
        (Some(v), Some(d)) => {
            // The usual case, written directly: "the DTaP dose given on 2024-03-15".
            let mut out = String::with_capacity(v.len() + verb.len() + 24);
            out.push_str("the ");
            out.push_str(v);
            out.push(' ');
            if !names_a_dose(v) {
                out.push_str(noun);
                out.push(' ');
            }
            out.push_str(verb);
            out.push_str(" on ");
            push_date(&mut out, d);
            out
        }
        (Some(v), None) if names_a_dose(v) => format!("the {v} (vaccination {n})"),
        (Some(v), None) => format!("the {v} {noun} (vaccination {n})"),
        (None, Some(d)) => format!("the {noun} {verb} on {d} (vaccination {n})"),
        (None, None) => format!("the {noun} of vaccination {n}"),
    }
}

/// True when a vaccine's name already ends in "dose" (CVX 208 "... 30 mcg/0.3 mL dose"), so the
/// phrase does not say "dose dose".
fn names_a_dose(vaccine: &str) -> bool {
    vaccine
        .len()
        .checked_sub(5)
        .and_then(|at| vaccine.get(at..))
        .is_some_and(|end| end.eq_ignore_ascii_case(" dose"))
}

/// Writes a date as its `Display` does: `2024-03-15`.
fn push_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    let year = d.year();
    if !(0..=9999).contains(&year) {
        out.push_str(&d.to_string());
        return;
    }
    fn two(out: &mut String, n: u32) {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    }
    let year = year.unsigned_abs();
    two(out, year / 100);
    two(out, year % 100);
    out.push('-');
    two(out, d.month());
    out.push('-');
    two(out, d.day());
}

/// What a segment outside the ORDER groups is, in words: "the patient's record" for PID/PD1, "next
/// of kin 1" for NK1, "the message header" for MSH.
pub(crate) fn segment_subject(id: &str, occurrence: u16) -> Cow<'static, str> {
    Cow::Borrowed(match id {
        "PID" | "PD1" => "the patient's record",
        "NK1" => return Cow::Owned(format!("next of kin {occurrence}")),
        "MSH" => "the message header",
        "QPD" => "the query",
        "RCP" => "the query's response control",
        "MSA" | "ERR" | "QAK" => "the acknowledgement",
        other => return Cow::Owned(format!("segment {other} {occurrence}")),
    })
}

/// The vaccine's short name from the CVX table (by CVX, or by NDC through the NDC tables).
pub(crate) fn vaccine_name(rxa: &Rxa) -> Option<&'static str> {
    let code = rxa.administered_code.as_ref()?;
    let system = code.name_of_coding_system.as_str();
    let id = code.identifier.as_str();
    let alt = code.alternate_identifier.as_str();
    let alt_system = code.name_of_alternate_coding_system.as_str();
    let by_cvx = |c: &str| crate::codes::cvx(c).map(|r| r.short_description.as_ref());
    let by_ndc = |c: &str| {
        crate::codes::ndc(c)
            .ok()
            .and_then(|mut m| m.next())
            .and_then(|p| crate::codes::cvx(p.cvx.as_ref()))
            .map(|r| r.short_description.as_ref())
    };
    match system {
        "CVX" => by_cvx(id),
        "NDC" => by_ndc(id),
        _ => None,
    }
    .or_else(|| match alt_system {
        "CVX" => by_cvx(alt),
        "NDC" => by_ndc(alt),
        _ => None,
    })
}

/// The date part of a TS, if it reads as one.
pub(crate) fn ts_date(ts: &Ts) -> Option<NaiveDate> {
    ts.time.parts().ok()?.date()
}
