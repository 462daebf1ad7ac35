//! A registry's own rules, as data: what a state profile adds to the CDC rules (fields it requires,
//! values it refuses). Each rule carries its id, severity, texts and source, so a profile file can
//! state it without code.

use std::borrow::Cow;

use crate::model::reflect::SegmentView;

use super::context::{Cx, Place};
use super::{Hl7ErrorCode, Issue, Severity};

/// A field (or component) of a segment: `PID-11`, `PID-11.5`, `RXA-11.4`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct FieldPath {
    /// Segment id.
    pub segment: String,
    /// Field, from 1.
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
    /// ```
    pub fn parse(s: &str) -> Result<FieldPath, String> {
        let (seg, rest) = s
            .trim()
            .split_once('-')
            .ok_or_else(|| format!("`{s}` is not a field path like PID-11 or PID-11.5"))?;
        if seg.len() != 3 || !seg.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(format!("`{seg}` is not a segment id"));
        }
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
        if field == 0 {
            return Err(format!("fields count from 1 in `{s}`"));
        }
        Ok(FieldPath {
            segment: seg.to_ascii_uppercase(),
            field,
            component,
        })
    }
}

impl TryFrom<String> for FieldPath {
    type Error = String;
    fn try_from(s: String) -> Result<FieldPath, String> {
        FieldPath::parse(&s)
    }
}

impl From<FieldPath> for String {
    fn from(p: FieldPath) -> String {
        p.to_string()
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.segment, self.field)?;
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

/// What a registry rule checks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "check", rename_all = "kebab-case"))]
pub enum Check {
    /// The field must be valued (usage tightened to R).
    Required,
    /// The field must not hold one of these values (component 1 for a coded field).
    Refuse {
        /// The refused values.
        values: Vec<String>,
    },
    /// The field must hold one of these values.
    OneOf {
        /// The allowed values.
        values: Vec<String>,
    },
}

/// One rule of a registry's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ProfileRule {
    /// Stable id (`ME-ADDRESS-ZIP`).
    pub id: String,
    /// The field it looks at.
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
}

impl ProfileRule {
    fn holds(&self, view: &dyn SegmentView, order_administered: Option<bool>) -> bool {
        match (self.applies, order_administered) {
            (Applies::Always, _) => {}
            (Applies::Administered, Some(true)) | (Applies::Historical, Some(false)) => {}
            _ => return true,
        }
        let reps = view.field(self.field.field);
        let value = reps.first();
        let text = match (value, self.field.component) {
            (None, _) => "",
            (Some(v), 0) => v.text(),
            (Some(v), c) => v.component(c).map_or("", |c| c.text()),
        };
        match &self.check {
            Check::Required => !text.is_empty() && text != "\"\"",
            Check::Refuse { values } => !values.iter().any(|v| v.eq_ignore_ascii_case(text)),
            Check::OneOf { values } => {
                text.is_empty() || values.iter().any(|v| v.eq_ignore_ascii_case(text))
            }
        }
    }
}

/// Checks a profile's registry rules on one segment.
pub(crate) fn check_segment<'m>(cx: &mut Cx<'m>, seg: crate::model::reflect::SegmentRef<'m>) {
    if cx.profile.rules.is_empty() || seg.extra {
        return;
    }
    let administered = seg
        .order
        .and_then(|n| cx.rxa(n))
        .map(|rxa| super::predicates::administered(rxa));
    for rule in &cx.profile.rules {
        if rule.field.segment != seg.segment.id() || cx.profile.disabled.contains(&rule.id) {
            continue;
        }
        if rule.holds(seg.segment, administered) {
            continue;
        }
        let severity = cx
            .profile
            .severities
            .get(&rule.id)
            .copied()
            .unwrap_or(rule.severity);
        let mut place = Place::field(seg, rule.field.field);
        if rule.field.component > 0 {
            place = place.component(rule.field.component);
        }
        let hl7 = match rule.check {
            Check::Required => Hl7ErrorCode::REQUIRED_FIELD_MISSING,
            _ => Hl7ErrorCode::TABLE_VALUE_NOT_FOUND,
        };
        let subject = cx.subject(&place);
        let issue = Issue {
            rule: Cow::Owned(rule.id.clone()),
            severity,
            location: place.location(),
            vaccination: seg.order,
            hl7_code: hl7,
            app_code: None,
            label: place.label(),
            message: rule.message.replace("{subject}", &subject),
            fix: rule.fix.clone(),
            value: None,
            registry_text: None,
        };
        let key = (
            seg.index,
            place.field,
            place.repetition,
            place.component,
            place.subcomponent,
        );
        cx.emit_custom(key, issue);
    }
}
