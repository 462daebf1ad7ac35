//! A registry's own rules, as data: what a state profile adds to the CDC rules (fields it requires,
//! values it refuses or expects, segments and observations it wants, the vaccine codes it accepts).
//! Each rule carries its id, severity, texts and source, so a profile file can state it without
//! code; the checks themselves are the closed set of [`Check`]s below.

use std::borrow::Cow;

use crate::codes::CvxOnDate;
use crate::model::reflect::{SegmentRef, SegmentView, ValueRef};
use crate::model::segments::Rxa;

use super::context::{Cx, Place, ts_date};
use super::{AppErrorCode, ErrorLocation, Hl7ErrorCode, Issue, Profile, Severity};

/// A segment, or a field or component of one: `NK1`, `PID-11`, `PID-11.5`, `RXA-11.4`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct FieldPath {
    /// Segment id.
    pub segment: String,
    /// Field, from 1 (0: the segment as a whole).
    pub field: u16,
    /// Component, from 1 (0: the field).
    pub component: u16,
}

impl FieldPath {
    /// Reads `SEG-n` or `SEG-n.m`.
    ///
    /// ```
    /// use izmsg::validate::FieldPath;
    /// let p = FieldPath::parse("PID-11.5").unwrap();
    /// assert_eq!((p.segment.as_str(), p.field, p.component), ("PID", 11, 5));
    /// assert!(FieldPath::parse("PID").is_err());
    /// assert!(FieldPath::parse("PID-0").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<FieldPath, String> {
        let (seg, rest) = s
            .trim()
            .split_once('-')
            .ok_or_else(|| format!("`{s}` is not a field path like PID-11 or PID-11.5"))?;
        let seg = segment_id(seg)?;
        let (field, component) = match rest.split_once('.') {
            Some((f, c)) => (f, Some(c)),
            None => (rest, None),
        };
        let field: u16 = field
            .parse()
            .map_err(|_| format!("`{field}` in `{s}` is not a field number"))?;
        let component: u16 = match component {
            Some(c) => c
                .parse()
                .map_err(|_| format!("`{c}` in `{s}` is not a component number"))?,
            None => 0,
        };
        if field == 0 || (component == 0 && rest.contains('.')) {
            return Err(format!("fields and components count from 1 in `{s}`"));
        }
        Ok(FieldPath {
            segment: seg,
            field,
            component,
        })
    }

    /// Reads a segment id (`NK1`) or a field path (`PID-11`, `PID-11.5`).
    ///
    /// ```
    /// use izmsg::validate::FieldPath;
    /// assert_eq!(FieldPath::parse_place("nk1").unwrap().to_string(), "NK1");
    /// assert_eq!(FieldPath::parse_place("RXA-11.4").unwrap().to_string(), "RXA-11.4");
    /// ```
    pub fn parse_place(s: &str) -> Result<FieldPath, String> {
        if s.contains('-') {
            return FieldPath::parse(s);
        }
        Ok(FieldPath::segment(&segment_id(s)?))
    }

    /// A segment as a whole.
    pub fn segment(id: &str) -> FieldPath {
        FieldPath {
            segment: id.to_ascii_uppercase(),
            field: 0,
            component: 0,
        }
    }

    /// True when this path names a whole segment.
    pub fn is_segment(&self) -> bool {
        self.field == 0
    }

    /// True when `location` is at or under this path: `PID-11` covers `PID-11` and `PID-11.5`;
    /// `PID` covers every field of every PID.
    pub fn covers(&self, location: &ErrorLocation) -> bool {
        location.segment == self.segment
            && (self.field == 0 || location.field == self.field)
            && (self.component == 0 || location.component == self.component)
    }
}

fn segment_id(seg: &str) -> Result<String, String> {
    let seg = seg.trim();
    if seg.len() != 3 || !seg.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!("`{seg}` is not a segment id"));
    }
    Ok(seg.to_ascii_uppercase())
}

impl TryFrom<String> for FieldPath {
    type Error = String;
    fn try_from(s: String) -> Result<FieldPath, String> {
        FieldPath::parse_place(&s)
    }
}

impl From<FieldPath> for String {
    fn from(p: FieldPath) -> String {
        p.to_string()
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.segment)?;
        if self.field > 0 {
            write!(f, "-{}", self.field)?;
        }
        if self.component > 0 {
            write!(f, ".{}", self.component)?;
        }
        Ok(())
    }
}

/// Which segments of a kind a registry rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Applies {
    /// Every one.
    #[default]
    Always,
    /// Only in the ORDER group of an administered dose (RXA-9.1 = 00, RXA-20 CP, PA or empty).
    Administered,
    /// Only in the ORDER group of a historical dose (RXA-9.1 01-08).
    Historical,
}

impl Applies {
    /// The word a profile file uses: `always`, `administered`, `historical`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applies::Always => "always",
            Applies::Administered => "administered",
            Applies::Historical => "historical",
        }
    }

    /// Reads the word.
    pub fn from_word(word: &str) -> Option<Applies> {
        [Applies::Always, Applies::Administered, Applies::Historical]
            .into_iter()
            .find(|a| a.as_str() == word)
    }

    /// True when a segment in an ORDER group of this kind (`None`: outside ORDER groups) is
    /// looked at.
    pub(crate) fn covers(self, kind: Option<DoseKind>) -> bool {
        matches!(
            (self, kind),
            (Applies::Always, _)
                | (Applies::Administered, Some(DoseKind::Administered))
                | (Applies::Historical, Some(DoseKind::Historical))
        )
    }
}

/// What an ORDER group records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DoseKind {
    /// A dose given by the sender (RXA-9.1 00, RXA-20 CP, PA or empty).
    Administered,
    /// A dose from another record (RXA-9.1 01-08).
    Historical,
    /// Anything else: refused, not given, no source.
    Other,
}

/// The kind of dose an RXA records.
pub(crate) fn dose_kind(rxa: &dyn SegmentView) -> DoseKind {
    if super::predicates::administered(rxa) {
        DoseKind::Administered
    } else if crate::model::domain::HistoricalSource::from_code(rxa.text(9)).is_some() {
        DoseKind::Historical
    } else {
        DoseKind::Other
    }
}

/// What a registry rule checks. Value checks look at the first repetition of the field (its
/// component when the path names one); a component check applies only when its field is valued.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "check", rename_all = "kebab-case"))]
pub enum Check {
    /// The field (or component) must be valued: usage tightened to R.
    Required,
    /// The field must not hold one of these values.
    Refuse {
        /// The refused values.
        values: Vec<String>,
        /// Compare exactly (UCUM units are case-sensitive); otherwise ASCII case is ignored.
        #[cfg_attr(feature = "serde", serde(default))]
        case_sensitive: bool,
    },
    /// When valued, the field must hold one of these values.
    OneOf {
        /// The allowed values.
        values: Vec<String>,
        /// Compare exactly; otherwise ASCII case is ignored.
        #[cfg_attr(feature = "serde", serde(default))]
        case_sensitive: bool,
    },
    /// When valued, the field must match a pattern: `#` a digit, `@` a letter, `?` any one
    /// character, `*` any run of characters, `\x` the character `x`; anything else itself.
    /// `##########` is ten digits; `ME*` anything that begins with `ME`.
    Pattern {
        /// The pattern.
        pattern: String,
    },
    /// The segment (the rule's path names one, `NK1`) must be in the message.
    Present,
    /// Each ORDER group the rule applies to must hold an observation (OBX) whose OBX-3.1 is
    /// `code` (a LOINC code such as `64994-7`, VFC eligibility). The rule's path is `RXA`.
    Observation {
        /// OBX-3.1.
        code: String,
    },
    /// The vaccine code of the dose (RXA-5: a CVX, or the CVX of an NDC) must not be an
    /// "unspecified formulation" code.
    CvxSpecific,
    /// The vaccine code must have been in use on the date the dose was given (an active code, or
    /// an inactive one given while it was in use): not never-active, pending or non-US. An
    /// unspecified-formulation code is left to [`CvxSpecific`](Check::CvxSpecific).
    CvxActive,
    /// Like [`CvxActive`](Check::CvxActive), but a non-US code (a dose given abroad) and an
    /// unspecified-formulation code are accepted: the historically correct code for a record of
    /// an earlier dose.
    CvxHistorical,
}

impl Check {
    /// The word a profile file uses (`required`, `one-of` ...).
    pub fn name(&self) -> &'static str {
        match self {
            Check::Required => "required",
            Check::Refuse { .. } => "refuse",
            Check::OneOf { .. } => "one-of",
            Check::Pattern { .. } => "pattern",
            Check::Present => "present",
            Check::Observation { .. } => "observation",
            Check::CvxSpecific => "cvx-specific",
            Check::CvxActive => "cvx-active",
            Check::CvxHistorical => "cvx-historical",
        }
    }

    /// True for the checks that look at a whole segment (`present`, `observation`); the others
    /// look at a field.
    pub fn wants_segment(&self) -> bool {
        matches!(self, Check::Present | Check::Observation { .. })
    }

    fn hl7_code(&self) -> Hl7ErrorCode {
        match self {
            Check::Required | Check::Present | Check::Observation { .. } => {
                Hl7ErrorCode::REQUIRED_FIELD_MISSING
            }
            Check::Pattern { .. } => Hl7ErrorCode::DATA_TYPE_ERROR,
            Check::Refuse { .. } | Check::OneOf { .. } => Hl7ErrorCode::TABLE_VALUE_NOT_FOUND,
            Check::CvxSpecific | Check::CvxActive | Check::CvxHistorical => {
                Hl7ErrorCode::MESSAGE_ACCEPTED
            }
        }
    }

    fn app_code(&self) -> Option<AppErrorCode> {
        Some(match self {
            Check::Observation { .. } => AppErrorCode::REQUIRED_OBSERVATION_MISSING,
            Check::Required | Check::Present | Check::Pattern { .. } => AppErrorCode::INVALID_VALUE,
            Check::Refuse { .. } | Check::OneOf { .. } => AppErrorCode::TABLE_VALUE_NOT_FOUND,
            Check::CvxSpecific => AppErrorCode::INVALID_VALUE,
            Check::CvxActive | Check::CvxHistorical => AppErrorCode::ILLOGICAL_DATE,
        })
    }
}

/// One rule of a registry's profile.
///
/// `message` and `fix` are the texts for clinic staff; in `message`, `{subject}` becomes what the
/// place is ("the patient's record", "the Hep B dose given on 2024-03-15") and `{label}` the
/// field's IG label ("PID-11 Patient Address"). Neither ever holds a value from the message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ProfileRule {
    /// Stable id (`ME-PID-11`).
    pub id: String,
    /// The segment or field it looks at.
    pub field: FieldPath,
    /// What it checks.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub check: Check,
    /// Which segments of the field's kind it looks at.
    #[cfg_attr(feature = "serde", serde(default))]
    pub applies: Applies,
    /// Severity.
    pub severity: Severity,
    /// What is wrong, for clinic staff (no patient value).
    pub message: String,
    /// What to do.
    pub fix: String,
    /// Where the requirement comes from.
    pub source: String,
    /// The rules of the profiles it extends that this one stands in for (turned off in the
    /// profile, so one missing datum gives one issue).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub replaces: Vec<super::profiles::RuleRef>,
    /// Checked only when this field or component of the same segment is valued (`RXA-10.1`: the
    /// provider's ID).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub when: Option<FieldPath>,
    /// The message profiles it applies to (empty: every message). State guides are about VXUs, so
    /// a rule is for Z22 unless it says otherwise.
    #[cfg_attr(feature = "serde", serde(default = "vxu_only"))]
    pub profiles: Vec<super::MessageProfile>,
}

#[cfg(feature = "serde")]
fn vxu_only() -> Vec<super::MessageProfile> {
    vec![super::MessageProfile::Z22]
}

impl ProfileRule {
    /// A rule with the given id, place, check and severity, no texts, for every VXU (Z22).
    pub fn new(id: impl Into<String>, field: FieldPath, check: Check, severity: Severity) -> Self {
        ProfileRule {
            id: id.into(),
            field,
            check,
            applies: Applies::Always,
            severity,
            message: String::new(),
            fix: String::new(),
            source: String::new(),
            replaces: Vec::new(),
            when: None,
            profiles: vec![super::MessageProfile::Z22],
        }
    }

    /// True when the rule applies to messages of `profile`.
    pub fn applies_to(&self, profile: Option<super::MessageProfile>) -> bool {
        self.profiles.is_empty() || profile.is_some_and(|p| self.profiles.contains(&p))
    }

    /// True when the field-level check holds on this segment.
    fn field_holds(&self, view: &dyn SegmentView, cx: &Cx<'_>, order: Option<usize>) -> bool {
        if let Some(when) = &self.when
            && !valued(view, when)
        {
            return true;
        }
        let field = view.field(self.field.field).first();
        let value = match (field, self.field.component) {
            // A component's usage applies only when its field is there.
            (None, c) if c > 0 => return true,
            (None, _) => None,
            (Some(v), 0) => Some(v),
            (Some(v), _) if v.is_empty() || is_null(v) => {
                // A component's usage applies only when its field is there.
                return true;
            }
            (Some(v), c) => v.component(c).or(match v {
                ValueRef::Text(_) if c == 1 => Some(v),
                _ => None,
            }),
        };
        let present = value.is_some_and(|v| !v.is_empty() && !is_null(v));
        let text = || value.map_or("", |v| v.text());
        match &self.check {
            Check::Required => present,
            Check::Refuse {
                values,
                case_sensitive,
            } => !present || !values.iter().any(|v| same(v, text(), *case_sensitive)),
            Check::OneOf {
                values,
                case_sensitive,
            } => !present || values.iter().any(|v| same(v, text(), *case_sensitive)),
            Check::Pattern { pattern } => !present || matches_pattern(pattern, text()),
            Check::CvxSpecific | Check::CvxActive | Check::CvxHistorical => {
                let Some(n) = order else {
                    return true;
                };
                let Some(rxa) = cx.rxa(n) else {
                    return true;
                };
                self.cvx_holds(cx, rxa, cx.dose_cvx(n))
            }
            Check::Present | Check::Observation { .. } => true,
        }
    }

    /// `cvx`: the dose's CVX row ([`dose_cvx`]).
    fn cvx_holds(&self, cx: &Cx<'_>, rxa: &Rxa, cvx: Option<&'static crate::codes::Cvx>) -> bool {
        let Some(cvx) = cvx else {
            return true; // no code the tables know: other rules say so
        };
        let unspecified = super::plan::unspecified_formulation(cvx);
        match self.check {
            Check::CvxSpecific => !unspecified,
            // An unspecified-formulation code is "inactive" because it records history: for a
            // dose given it is the specific-code rule's finding, for a historical one it is right.
            Check::CvxActive | Check::CvxHistorical if unspecified => true,
            Check::CvxActive | Check::CvxHistorical => {
                let Some(date) = rxa
                    .date_time_start_of_administration
                    .as_deref()
                    .and_then(ts_date)
                else {
                    return true;
                };
                cvx_in_use(
                    cx.cvx_on_date(cvx, date),
                    self.check == Check::CvxHistorical,
                )
            }
            _ => true,
        }
    }
}

/// True when the field (or component) at `path` of the segment holds a value.
fn valued(view: &dyn SegmentView, path: &FieldPath) -> bool {
    let Some(v) = view.field(path.field).first() else {
        return false;
    };
    let v = match path.component {
        0 => Some(v),
        1 => v.component(1).or(Some(v)),
        c => v.component(c),
    };
    v.is_some_and(|v| !v.is_empty() && !is_null(v))
}

/// True when a value is the HL7 null `""` (for a composite: its first part is).
fn is_null(v: ValueRef<'_>) -> bool {
    v.text_bytes() == b"\"\""
}

fn cvx_in_use(on_date: CvxOnDate, abroad_ok: bool) -> bool {
    match on_date {
        CvxOnDate::Valid | CvxOnDate::Unknown => true,
        CvxOnDate::NonUs => abroad_ok,
        CvxOnDate::BeforeFirstUse { .. }
        | CvxOnDate::InactiveAfter { .. }
        | CvxOnDate::NeverActive
        | CvxOnDate::Pending => false,
    }
}

/// The CVX row of a dose: RXA-5 in either triplet coded `CVX`, or the CVX the CDC tables give the
/// NDC in RXA-5. `None` when the tables know neither.
pub(crate) fn dose_cvx(rxa: &Rxa) -> Option<&'static crate::codes::Cvx> {
    let code = rxa.administered_code.as_ref()?;
    let pairs = [
        (
            code.name_of_coding_system.as_str(),
            code.identifier.as_str(),
        ),
        (
            code.name_of_alternate_coding_system.as_str(),
            code.alternate_identifier.as_str(),
        ),
    ];
    let by = |system: &str, id: &str| -> Option<&'static crate::codes::Cvx> {
        if id.is_empty() {
            return None;
        }
        if system.eq_ignore_ascii_case("CVX") {
            crate::codes::cvx(id)
        } else if system.eq_ignore_ascii_case("NDC") {
            crate::codes::ndc(id)
                .ok()?
                .find(|p| !p.cvx.is_empty())
                .and_then(|p| crate::codes::cvx(&p.cvx))
        } else {
            None
        }
    };
    pairs.iter().find_map(|(s, id)| by(s, id))
}

fn same(a: &str, b: &str, case_sensitive: bool) -> bool {
    if case_sensitive {
        a == b
    } else {
        a.eq_ignore_ascii_case(b)
    }
}

/// True when `text` matches `pattern` (see [`Check::Pattern`]). Time is at most the product of
/// the two lengths; a pattern is short and set by the profile, so it is linear in the input.
///
/// ```
/// use izmsg::validate::matches_pattern;
/// assert!(matches_pattern("##########", "1234567890"));
/// assert!(!matches_pattern("##########", "12345"));
/// assert!(matches_pattern("ME*", "ME-0042"));
/// assert!(matches_pattern("@@#?", "AB1-"));
/// assert!(matches_pattern("\\#*", "#1"));
/// ```
pub fn matches_pattern(pattern: &str, text: &str) -> bool {
    let pat = pattern_tokens(pattern);
    let txt: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < txt.len() {
        match (pat.get(p), txt.get(t)) {
            (Some(Tok::Star), _) => {
                star = Some((p, t));
                p += 1;
            }
            (Some(tok), Some(c)) if tok.accepts(*c) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pat.iter().skip(p).all(|tok| *tok == Tok::Star)
}

#[derive(PartialEq)]
enum Tok {
    Digit,
    Letter,
    Any,
    Star,
    Lit(char),
}

impl Tok {
    fn accepts(&self, c: char) -> bool {
        match self {
            Tok::Digit => c.is_ascii_digit(),
            Tok::Letter => c.is_ascii_alphabetic(),
            Tok::Any => true,
            Tok::Star => false,
            Tok::Lit(l) => *l == c,
        }
    }
}

fn pattern_tokens(pattern: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            '#' => Tok::Digit,
            '@' => Tok::Letter,
            '?' => Tok::Any,
            '*' => Tok::Star,
            '\\' => Tok::Lit(chars.next().unwrap_or('\\')),
            c => Tok::Lit(c),
        });
    }
    out
}

fn kind_of(cx: &Cx<'_>, seg: SegmentRef<'_>) -> Option<DoseKind> {
    seg.order.and_then(|n| cx.dose_kind(n))
}

fn texts(
    cx: &Cx<'_>,
    rule: &ProfileRule,
    place: &Place<'_>,
) -> (String, Option<Cow<'static, str>>) {
    let label = place.label();
    let mut message = if find_key(&rule.message, "{subject}", 0).is_some() {
        substitute(&rule.message, "{subject}", &cx.subject(place))
    } else {
        rule.message.clone()
    };
    if find_key(&message, "{label}", 0).is_some() {
        message = match label.as_deref() {
            Some(shown) => substitute(&message, "{label}", shown),
            None => substitute(&message, "{label}", &place.location().path()),
        };
    }
    (message, label)
}

/// `text` with every `key` replaced by `value` (as `str::replace`, written once into a string of
/// the right size).
fn substitute(text: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2 * value.len());
    let mut from = 0;
    while let Some(at) = find_key(text, key, from) {
        out.push_str(text.get(from..at).unwrap_or(""));
        out.push_str(value);
        from = at + key.len();
    }
    out.push_str(text.get(from..).unwrap_or(""));
    out
}

/// Where `key` (a placeholder such as `{subject}`) is next in `text` at or after byte `from`.
fn find_key(text: &str, key: &str, from: usize) -> Option<usize> {
    let (text, key) = (text.as_bytes(), key.as_bytes());
    let first = *key.first()?;
    let mut at = from;
    while let Some(rest) = text.get(at..) {
        let i = at + rest.iter().position(|b| *b == first)?;
        if text.get(i..).is_some_and(|t| t.starts_with(key)) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

fn issue(
    rule: &ProfileRule,
    severity: Severity,
    location: ErrorLocation,
    vaccination: Option<usize>,
    label: Option<Cow<'static, str>>,
    message: String,
) -> Issue {
    Issue {
        rule: Cow::Owned(rule.id.clone()),
        severity,
        location,
        vaccination,
        hl7_code: rule.check.hl7_code(),
        app_code: rule.check.app_code(),
        label,
        message,
        fix: rule.fix.clone(),
        value: None,
        registry_text: None,
    }
}

/// Checks a profile's field rules on one segment.
pub(crate) fn check_segment<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>) {
    if cx.plan.fields.is_empty() || seg.extra {
        return;
    }
    let (profile, plan) = (cx.profile, cx.plan);
    let mut kind = None;
    for &i in plan.field_rules(seg.segment.id()) {
        let Some(rule) = profile.rules.get(i) else {
            continue;
        };
        if !rule.applies_to(cx.message_profile) {
            continue;
        }
        let Some(severity) = plan.own.get(i).copied().flatten() else {
            continue;
        };
        let kind = *kind.get_or_insert_with(|| kind_of(cx, seg));
        if !rule.applies.covers(kind) || rule.field_holds(seg.segment, cx, seg.order) {
            continue;
        }
        let mut place = Place::field(seg, rule.field.field);
        if rule.field.component > 0 {
            place = place.component(rule.field.component);
        }
        let (message, label) = texts(cx, rule, &place);
        let issue = issue(rule, severity, place.location(), seg.order, label, message);
        let key = (seg.index, place.field, place.repetition, place.component, 0);
        cx.emit_custom(key, issue);
    }
}

/// Checks a profile's segment rules (`present`, `observation`) on the whole message.
pub(crate) fn check_message<'m>(cx: &mut Cx<'m>, segments: &super::SegList<'m>) {
    let (profile, plan) = (cx.profile, cx.plan);
    for &i in &plan.segments {
        let Some(rule) = profile.rules.get(i) else {
            continue;
        };
        if !rule.applies_to(cx.message_profile) {
            continue;
        }
        let Some(severity) = plan.own.get(i).copied().flatten() else {
            continue;
        };
        match &rule.check {
            Check::Present => {
                if segments
                    .iter()
                    .any(|s| s.segment.id() == rule.field.segment)
                {
                    continue;
                }
                // Only messages that can carry the segment: one with a patient.
                let Some(pid) = segments.iter().find(|s| s.segment.id() == "PID") else {
                    continue;
                };
                let place = Place::segment(pid);
                let mut message = rule.message.replace("{subject}", &cx.subject(&place));
                message = message.replace("{label}", &rule.field.segment);
                let location = ErrorLocation::segment(&rule.field.segment, 1);
                let issue = issue(rule, severity, location, None, None, message);
                cx.emit_custom((pid.index, u16::MAX, 0, 0, 0), issue);
            }
            Check::Observation { code } => {
                check_observation(cx, segments, rule, severity, code);
            }
            _ => {}
        }
    }
}

/// Reports each ORDER group the rule applies to that has no OBX with OBX-3.1 = `code`. One pass
/// over the segments: the groups are contiguous, so the ORDER group's RXA is remembered until the
/// group ends.
fn check_observation<'m>(
    cx: &mut Cx<'m>,
    segments: &super::SegList<'m>,
    rule: &ProfileRule,
    severity: Severity,
    code: &str,
) {
    let mut pending: Option<(usize, SegmentRef<'m>, bool)> = None;
    let mut missing: Vec<SegmentRef<'m>> = Vec::new();
    for seg in segments.iter() {
        let Some(order) = seg.order else {
            continue;
        };
        if pending.is_some_and(|(n, _, _)| n != order)
            && let Some((_, rxa, false)) = pending.take()
        {
            missing.push(rxa);
        }
        match seg.segment.id() {
            "RXA" if !seg.extra => {
                let kind = cx.dose_kind(order);
                if rule.applies.covers(kind) && rule.field.segment == "RXA" {
                    pending = Some((order, seg, false));
                }
            }
            "OBX" => {
                if let Some((n, _, found)) = pending.as_mut()
                    && *n == order
                    && seg.segment.text_bytes(3) == code.as_bytes()
                {
                    *found = true;
                }
            }
            _ => {}
        }
    }
    if let Some((_, rxa, false)) = pending {
        missing.push(rxa);
    }
    for rxa in missing {
        let place = Place::segment(rxa);
        let (message, _) = texts(cx, rule, &place);
        let issue = issue(rule, severity, place.location(), rxa.order, None, message);
        cx.emit_custom((rxa.index, u16::MAX, 0, 0, 0), issue);
    }
}

/// Drops the findings of rules the profile turned off at some places only (relaxed usage, rules
/// replaced at one field).
pub(crate) fn suppress(profile: &Profile, issues: &mut Vec<(super::context::SortKey, Issue)>) {
    if profile.suppressed.is_empty() {
        return;
    }
    issues.retain(|(_, i)| !profile.suppressed.iter().any(|r| r.matches(i)));
}
