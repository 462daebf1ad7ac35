//! The onboarding review: a set of test messages run the way a registry's reviewers would, giving
//! the registry's checklist (each item passed or failed, with the messages that fail it and the
//! first fix to make), every other issue grouped by rule, and the test scenarios the messages cover.
//!
//! The review only tallies: the caller decodes and validates (with the same profile), and hands
//! each message and its report to [`Review::add`].
//!
//! ```
//! use izmsg::validate::{self, Validator, profiles::onboarding::Review};
//!
//! let maine = validate::profile("maine").unwrap();
//! let validator = Validator::new(maine.clone()).at_date(2024, 3, 16);
//! let mut review = Review::new(&maine);
//! let input = b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315120000-0500||VXU^V04^VXU_V04|CTRL-1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
//!               PID|1||PAT-1^^^EHR^MR||Testpatient^Robin^^^^^L||20230110|F\r\
//!               ORC|RE||IZ-1^EHR\r\
//!               RXA|0|1|20240315||08^Hep B, adolescent or pediatric^CVX|0.5|mL^^UCUM||00^^NIP001\r";
//! let decoded = izmsg::model::decode(input)?;
//! review.add(&decoded.message, &validator.validate(&decoded), "message-1.hl7");
//! let result = review.finish();
//! let b = result.items.iter().find(|i| i.id == "b").unwrap(); // facility and organization IDs
//! assert!(!b.passed);
//! assert_eq!(b.control_ids, ["CTRL-1"]);
//! assert!(!result.passed);
//! # Ok::<(), izmsg::er7::Error>(())
//! ```

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::model::Message;
use crate::model::domain::observation_codes::{FUNDING_ELIGIBILITY, VIS_PRESENTED};
use crate::model::domain::{ActionCode, CompletionStatus};
use crate::model::reflect::SegmentView;

use super::super::profile_rules::{DoseKind, dose_kind};
use super::super::{Applies, Issue, Profile, Report, Severity};
use super::Scenario;

/// A review in progress.
#[derive(Debug)]
pub struct Review<'p> {
    profile: &'p Profile,
    messages: usize,
    with_errors: usize,
    items: Vec<Tally>,
    others: BTreeMap<String, Tally>,
    scenarios: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Default, Clone)]
struct Tally {
    worst: Option<Severity>,
    issues: usize,
    control_ids: Vec<String>,
    first: Option<(String, String)>,
}

impl Tally {
    fn count(&mut self, issue: &Issue, control_id: &str) {
        self.issues += 1;
        self.worst = self.worst.max(Some(issue.severity));
        if self.control_ids.last().map(String::as_str) != Some(control_id) {
            self.control_ids.push(control_id.to_string());
        }
        if self.first.is_none() {
            self.first = Some((issue.message.clone(), issue.fix.clone()));
        }
    }
}

/// The outcome of a review.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ReviewResult {
    /// The profile's name.
    pub profile: String,
    /// How many messages were reviewed.
    pub messages: usize,
    /// How many of them have an error (are not sendable as they are).
    pub messages_with_errors: usize,
    /// The checklist, in the registry's order.
    pub items: Vec<ItemResult>,
    /// Every issue no checklist item names, grouped by rule, most frequent first.
    pub others: Vec<RuleGroup>,
    /// The scenarios: the required ones first (seen or not), then the others seen.
    pub scenarios: Vec<ScenarioResult>,
    /// Rules the checklist names that this build does not know (their entries cannot fail).
    pub unknown_rules: Vec<String>,
    /// True when every checklist item passed (for a profile without a checklist: when no message
    /// has an error).
    pub passed: bool,
}

/// One checklist item's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ItemResult {
    /// The item's label (`a`).
    pub id: String,
    /// The item as the registry words it.
    pub title: String,
    /// True when no message fails it.
    pub passed: bool,
    /// How many messages fail it.
    pub failing: usize,
    /// Their control IDs (MSH-10, or the caller's label when a message has none), in the order
    /// given.
    pub control_ids: Vec<String>,
    /// How many issues fail it.
    pub issues: usize,
    /// The first problem found, for clinic staff.
    pub first_problem: Option<String>,
    /// The first fix to make.
    pub first_fix: Option<String>,
    /// The rules that decide it.
    pub rules: Vec<String>,
}

/// The issues of one rule that no checklist item names.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RuleGroup {
    /// The rule.
    pub rule: String,
    /// The worst severity seen.
    pub severity: Severity,
    /// How many issues.
    pub issues: usize,
    /// The control IDs of the messages with one.
    pub control_ids: Vec<String>,
    /// The first problem found.
    pub first_problem: String,
    /// The first fix to make.
    pub first_fix: String,
}

/// Whether the messages show a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ScenarioResult {
    /// The scenario id (`historical`, `eligibility:V02`).
    pub id: String,
    /// What it is.
    pub title: String,
    /// True when the profile asks for it.
    pub required: bool,
    /// The control IDs of the messages that show it (empty: missing).
    pub control_ids: Vec<String>,
}

impl ReviewResult {
    /// The required scenarios no message shows.
    pub fn missing_scenarios(&self) -> impl Iterator<Item = &ScenarioResult> {
        self.scenarios
            .iter()
            .filter(|s| s.required && s.control_ids.is_empty())
    }
}

impl<'p> Review<'p> {
    /// A review against `profile`'s checklist and scenarios.
    pub fn new(profile: &'p Profile) -> Review<'p> {
        Review {
            profile,
            messages: 0,
            with_errors: 0,
            items: vec![Tally::default(); profile.checklist.len()],
            others: BTreeMap::new(),
            scenarios: BTreeMap::new(),
        }
    }

    /// Counts one message and its report (validated with the review's profile). `label` stands
    /// for the message when it has no control ID (MSH-10).
    pub fn add(&mut self, message: &Message, report: &Report, label: &str) {
        self.messages += 1;
        if !report.is_sendable() {
            self.with_errors += 1;
        }
        let control_id = message
            .msh()
            .and_then(|m| m.message_control_id.as_ref())
            .map(|c| c.as_str().trim())
            .filter(|c| !c.is_empty())
            .unwrap_or(label)
            .to_string();
        let kinds = dose_kinds(message);
        let kind_of = |n: Option<usize>| n.and_then(|n| kinds.get(n.checked_sub(1)?).copied());
        for issue in &report.issues {
            let mut named = false;
            for (item, tally) in self.profile.checklist.iter().zip(self.items.iter_mut()) {
                if !item.rules.iter().any(|r| r.matches(issue)) {
                    continue;
                }
                named = true;
                let dose_fits = issue.vaccination.is_none()
                    || match item.doses {
                        Applies::Always => true,
                        Applies::Administered => {
                            kind_of(issue.vaccination) == Some(DoseKind::Administered)
                        }
                        Applies::Historical => {
                            kind_of(issue.vaccination) == Some(DoseKind::Historical)
                        }
                    };
                if dose_fits && issue.severity >= item.fails_at {
                    tally.count(issue, &control_id);
                }
            }
            if !named {
                self.others
                    .entry(issue.rule.to_string())
                    .or_default()
                    .count(issue, &control_id);
            }
        }
        for scenario in scenarios_of(message) {
            let ids = self.scenarios.entry(scenario).or_default();
            if ids.last() != Some(&control_id) {
                ids.push(control_id.clone());
            }
        }
    }

    /// The outcome.
    pub fn finish(self) -> ReviewResult {
        let items: Vec<ItemResult> = self
            .profile
            .checklist
            .iter()
            .zip(self.items)
            .map(|(item, t)| ItemResult {
                id: item.id.clone(),
                title: item.title.clone(),
                passed: t.issues == 0,
                failing: t.control_ids.len(),
                control_ids: t.control_ids,
                issues: t.issues,
                first_problem: t.first.as_ref().map(|f| f.0.clone()),
                first_fix: t.first.map(|f| f.1),
                rules: item.rules.iter().map(ToString::to_string).collect(),
            })
            .collect();
        let mut others: Vec<RuleGroup> = self
            .others
            .into_iter()
            .map(|(rule, t)| {
                let (first_problem, first_fix) = t.first.unwrap_or_default();
                RuleGroup {
                    rule,
                    severity: t.worst.unwrap_or(Severity::Information),
                    issues: t.issues,
                    control_ids: t.control_ids,
                    first_problem,
                    first_fix,
                }
            })
            .collect();
        others.sort_by(|a, b| {
            b.issues
                .cmp(&a.issues)
                .then(b.severity.cmp(&a.severity))
                .then(a.rule.cmp(&b.rule))
        });
        let mut scenarios: Vec<ScenarioResult> = self
            .profile
            .scenarios
            .iter()
            .map(|s| ScenarioResult {
                id: s.id.clone(),
                title: s.title.clone(),
                required: true,
                control_ids: self.scenarios.get(&s.id).cloned().unwrap_or_default(),
            })
            .collect();
        for (id, ids) in &self.scenarios {
            if scenarios.iter().any(|s| &s.id == id) {
                continue;
            }
            let title = match Scenario::parse(id) {
                Some((_, Some(code))) => format!("eligibility {code} on a dose"),
                Some((s, None)) => s.describe().to_string(),
                None => id.clone(),
            };
            scenarios.push(ScenarioResult {
                id: id.clone(),
                title,
                required: false,
                control_ids: ids.clone(),
            });
        }
        let passed = if items.is_empty() {
            self.with_errors == 0
        } else {
            items.iter().all(|i| i.passed)
        };
        ReviewResult {
            profile: self.profile.name.to_string(),
            messages: self.messages,
            messages_with_errors: self.with_errors,
            items,
            others,
            scenarios,
            unknown_rules: {
                let unknown = self.profile.unknown_rules();
                let mut named: Vec<String> = self
                    .profile
                    .checklist
                    .iter()
                    .flat_map(|i| i.rules.iter().map(|r| r.rule.clone()))
                    .filter(|r| unknown.contains(r))
                    .collect();
                named.sort();
                named.dedup();
                named
            },
            passed,
        }
    }

    /// Reviews a whole set at once: each message with its report and label.
    pub fn evaluate<'m>(
        profile: &Profile,
        messages: impl IntoIterator<Item = (&'m Message, &'m Report, &'m str)>,
    ) -> ReviewResult {
        let mut review = Review::new(profile);
        for (m, r, label) in messages {
            review.add(m, r, label);
        }
        review.finish()
    }
}

/// The kind of each ORDER group's dose, in order.
fn dose_kinds(message: &Message) -> Vec<DoseKind> {
    match message {
        Message::Vxu(v) => v
            .orders
            .iter()
            .map(|o| o.rxa.as_deref().map_or(DoseKind::Other, |r| dose_kind(r)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The scenarios one message shows.
fn scenarios_of(message: &Message) -> Vec<String> {
    let Message::Vxu(v) = message else {
        return Vec::new();
    };
    let mut seen: Vec<String> = Vec::new();
    let mut see = |s: Scenario| {
        if !seen.iter().any(|x| x == s.as_str()) {
            seen.push(s.as_str().to_string());
        }
    };
    if !v.nk1.is_empty() {
        see(Scenario::NextOfKin);
    }
    if v.orders.len() > 1 {
        see(Scenario::MultipleDoses);
    }
    if let Some(age) = age_at_message(message) {
        see(if age < 18 {
            Scenario::Minor
        } else {
            Scenario::Adult
        });
    }
    let mut codes: Vec<String> = Vec::new();
    for order in &v.orders {
        let Some(rxa) = order.rxa.as_deref() else {
            continue;
        };
        let view: &dyn SegmentView = rxa;
        match dose_kind(view) {
            DoseKind::Administered => see(Scenario::Administered),
            DoseKind::Historical => see(Scenario::Historical),
            DoseKind::Other => {}
        }
        match CompletionStatus::from_code(view.text(20)) {
            Some(CompletionStatus::Refused) => see(Scenario::Refusal),
            Some(CompletionStatus::NotAdministered) => see(Scenario::NotAdministered),
            Some(CompletionStatus::PartiallyAdministered) => see(Scenario::Partial),
            _ => {}
        }
        match ActionCode::from_code(view.text(21)) {
            Some(ActionCode::Update) => see(Scenario::Update),
            Some(ActionCode::Delete) => see(Scenario::Delete),
            _ => {}
        }
        if rxa
            .administered_code
            .as_ref()
            .is_some_and(|c| c.name_of_coding_system.as_str().eq_ignore_ascii_case("NDC"))
        {
            see(Scenario::Ndc);
        }
        for obs in &order.observations {
            let obx: &dyn SegmentView = &obs.obx;
            match obx.text(3) {
                FUNDING_ELIGIBILITY => {
                    see(Scenario::Eligibility);
                    let code = obx.text(5).trim();
                    if !code.is_empty() && !codes.iter().any(|c| c == code) {
                        codes.push(code.to_string());
                    }
                }
                VIS_PRESENTED => see(Scenario::Vis),
                _ => {}
            }
        }
    }
    for code in codes {
        seen.push(format!("eligibility:{code}"));
    }
    seen
}

/// The patient's age in whole years at the message date (MSH-7), when both dates read.
fn age_at_message(message: &Message) -> Option<u32> {
    let Message::Vxu(v) = message else {
        return None;
    };
    let born = v
        .pid
        .as_ref()?
        .date_time_of_birth
        .as_deref()
        .and_then(super::super::context::ts_date)?;
    let at = v
        .msh
        .date_time_of_message
        .as_deref()
        .and_then(super::super::context::ts_date)?;
    if at < born {
        return None;
    }
    let before_birthday = (at.month(), at.day()) < (born.month(), born.day());
    u32::try_from(at.year() - born.year() - i32::from(before_birthday)).ok()
}
