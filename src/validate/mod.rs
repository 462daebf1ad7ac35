//! Validation before sending: is this message sendable, and if not, what must staff fix?
//!
//! A [`Validator`] checks a decoded message against a [`Profile`] and returns a [`Report`] of
//! [`Issue`]s, each shaped like a registry's ERR row (rule, [`Severity`], [`ErrorLocation`], HL7 0357
//! and 0533 codes, the field's IG label) with two sentences for clinic staff: what is wrong and how to
//! fix it. No issue text holds a patient value.
//!
//! The `cdc` profile ([`Profile::cdc`]) checks, for each of the IG's eight message profiles (chosen
//! from MSH-21 and MSH-9):
//!
//! * **structure** from the declarations of [`crate::model`]: usage (with the IG's conditional
//!   predicates), cardinality, length and value sets of every field and component; segments missing,
//!   unexpected or out of order; values that do not fit their data type (rules `IG-...`);
//! * the IG's **conformance statements** as NIST states them (rules `IZ-nn`);
//! * **data quality** a sender can check (rules `DQ-...`): dates that cannot be, placeholder names,
//!   codes that disagree, VIS and VFC eligibility for administered doses.
//!
//! Every rule is in the catalogue ([`rules`], [`rule`]) with its id, default severity, location and
//! source. The clock is a parameter ([`Validator::at`]), so a result can be reproduced.
//!
//! ```
//! use izmsg::validate::{Severity, Validator};
//!
//! let input = b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315120000-0500||VXU^V04^VXU_V04|1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
//!               PID|1||PAT-1^^^EHR^MR||Testpatient^Robin^^^^^L||20230110|F\r\
//!               ORC|RE||IZ-1^EHR\r\
//!               RXA|0|1|20240315||08^Hep B, adolescent or pediatric^CVX|0.5|mL^^UCUM||00^^NIP001\r";
//! let decoded = izmsg::model::decode(input)?;
//! let report = Validator::cdc().at_date(2024, 3, 16).validate(&decoded);
//! // The lot number of an administered dose is required (RXA-15, C(R/O)).
//! let lot = report.issues.iter().find(|i| i.location.path() == "RXA-15").unwrap();
//! assert_eq!(lot.severity, Severity::Error);
//! assert_eq!(lot.vaccination, Some(1));
//! assert!(lot.message.contains("Hep B, adolescent or pediatric dose given on 2024-03-15"));
//! assert!(!report.is_sendable());
//! # Ok::<(), izmsg::er7::Error>(())
//! ```

mod context;
mod error_codes;
mod issue;
mod location;
mod plan;
mod predicates;
mod profile;
mod profile_rules;
pub mod profiles;
mod report;
mod rule;
mod severity;

pub(crate) mod conformance;
pub(crate) mod quality;
pub(crate) mod structure;

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::reflect::SegmentRef;
use crate::model::{Decoded, Message};

pub use error_codes::{AppErrorCode, Hl7ErrorCode};
pub use issue::Issue;
pub use location::ErrorLocation;
pub use profile::{MessageProfile, Profile};
pub use profile_rules::{Applies, Check, FieldPath, ProfileRule, matches_pattern};
pub use profiles::{ProfileError, onboarding, profile, profile_names, vaccines};
pub use report::Report;
pub use rule::{Family, Rule, rule, rules};
pub use severity::Severity;

use context::Cx;
pub(crate) use context::{dose_phrase, field_label, segment_subject, ts_date};

/// Checks messages against a profile.
///
/// Built once and used for many messages; `validate` takes `&self`. What the declarations say is
/// worked out once per process (the check plan), and what the profile changes once per validator,
/// so a message costs only its own checks; a message without issues allocates nothing.
#[derive(Debug, Clone)]
pub struct Validator {
    profile: Profile,
    /// What the profile changes, worked out once.
    plan: std::sync::Arc<plan::ProfilePlan>,
    now: Option<NaiveDateTime>,
    values: bool,
}

impl Validator {
    /// A validator for `profile`, on the system clock, without values in issues.
    pub fn new(profile: Profile) -> Validator {
        Validator {
            plan: std::sync::Arc::new(plan::ProfilePlan::of(&profile)),
            profile,
            now: None,
            values: false,
        }
    }

    /// A validator for the CDC profile.
    pub fn cdc() -> Validator {
        Validator::new(Profile::cdc())
    }

    /// The profile.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Validates as if it were `now` (dates in the future, ages, VIS editions in force).
    pub fn at(mut self, now: NaiveDateTime) -> Validator {
        self.now = Some(now);
        self
    }

    /// Validates as if it were noon of that day (a convenience for [`at`](Validator::at)); an
    /// impossible date leaves the clock as it was.
    pub fn at_date(self, year: i32, month: u32, day: u32) -> Validator {
        match NaiveDate::from_ymd_opt(year, month, day).and_then(|d| d.and_hms_opt(12, 0, 0)) {
            Some(now) => self.at(now),
            None => self,
        }
    }

    /// Keeps the value at fault in each issue's `value` (off by default: values are patient data).
    /// The texts never hold values either way.
    pub fn with_values(mut self, values: bool) -> Validator {
        self.values = values;
        self
    }

    fn now(&self) -> NaiveDateTime {
        self.now.unwrap_or_else(|| {
            chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).naive_utc()
        })
    }

    /// Validates a decoded message: its content, what the decoder noticed and what the wire parser
    /// tolerated.
    pub fn validate(&self, decoded: &Decoded) -> Report {
        self.run(&decoded.message, &decoded.issues, &decoded.warnings)
    }

    /// Validates a typed message on its own (built, not decoded: no decoder issues).
    pub fn validate_message(&self, message: &Message) -> Report {
        self.run(message, &[], &[])
    }

    fn run(
        &self,
        message: &Message,
        decode_issues: &[crate::model::DecodeIssue],
        warnings: &[crate::er7::Warning],
    ) -> Report {
        let mut cx = Cx::new(&self.profile, &self.plan, message, self.now(), self.values);
        let mut segments = SegList::default();
        message.for_each_segment(|seg| {
            segments.push(seg);
        });
        let cat = plan::Catalogue::get();
        for seg in segments.iter() {
            let facts = cat.facts(seg.segment);
            structure::check_segment(&mut cx, seg, &facts);
            conformance::check_segment(&mut cx, seg, &facts);
            profile_rules::check_segment(&mut cx, seg);
        }
        quality::check(&mut cx, &segments);
        profile_rules::check_message(&mut cx, &segments);
        if !decode_issues.is_empty() {
            structure::decode_issues(&mut cx, decode_issues, &segments);
        }
        structure::wire_warnings(&mut cx, warnings);
        let mut found = std::mem::take(&mut cx.issues);
        profile_rules::suppress(&self.profile, &mut found);
        found.sort_by_key(|(key, _)| *key);
        Report {
            profile: self.profile.name.clone(),
            issues: found.into_iter().map(|(_, i)| i).collect(),
        }
    }
}

/// Validates a decoded message with the CDC profile, on the system clock.
///
/// ```
/// let decoded = izmsg::model::decode(b"MSH|^~\\&|A|B|C|D|20240101||VXU^V04^VXU_V04|1|P|2.5.1\r")?;
/// let report = izmsg::validate::validate(&decoded);
/// assert!(!report.is_sendable()); // no PID, no MSH-21 ...
/// # Ok::<(), izmsg::er7::Error>(())
/// ```
pub fn validate(decoded: &Decoded) -> Report {
    Validator::cdc().validate(decoded)
}

/// The segments of a message, held inline for messages of usual size (no allocation).
pub(crate) struct SegList<'m> {
    inline: [Option<SegmentRef<'m>>; INLINE],
    len: usize,
    spill: Vec<SegmentRef<'m>>,
}

const INLINE: usize = 48;

impl Default for SegList<'_> {
    fn default() -> Self {
        SegList {
            inline: [None; INLINE],
            len: 0,
            spill: Vec::new(),
        }
    }
}

impl<'m> SegList<'m> {
    fn push(&mut self, seg: SegmentRef<'m>) {
        if self.spill.is_empty() && self.len < INLINE {
            if let Some(slot) = self.inline.get_mut(self.len) {
                *slot = Some(seg);
            }
            self.len += 1;
            return;
        }
        if self.spill.is_empty() {
            self.spill.reserve(self.len * 2);
            self.spill
                .extend(self.inline.iter().take(self.len).flatten().copied());
        }
        self.spill.push(seg);
    }

    /// Segment `i` (its position in the message, from 0).
    pub(crate) fn get(&self, i: usize) -> Option<SegmentRef<'m>> {
        if self.spill.is_empty() {
            if i < self.len {
                self.inline.get(i).copied().flatten()
            } else {
                None
            }
        } else {
            self.spill.get(i).copied()
        }
    }

    /// How many segments.
    #[allow(dead_code)] // for the rules that count segments
    pub(crate) fn len(&self) -> usize {
        if self.spill.is_empty() {
            self.len
        } else {
            self.spill.len()
        }
    }

    /// The segments in message order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = SegmentRef<'m>> + '_ {
        let inline = if self.spill.is_empty() { self.len } else { 0 };
        self.inline
            .iter()
            .take(inline)
            .flatten()
            .copied()
            .chain(self.spill.iter().copied())
    }
}
