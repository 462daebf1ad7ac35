//! The rule catalogue: every rule this crate can report, with its stable id, default severity, codes,
//! where it looks and where it comes from. Ids are never reused; a retired rule keeps its id out of
//! use.

use std::fmt;

use super::{AppErrorCode, Hl7ErrorCode, MessageProfile, Severity};

/// Which family a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Family {
    /// Structure from the declarations: segments, usage, cardinality, lengths, data types, value sets.
    Structure,
    /// A conformance statement of the IG (IZ-nn), as NIST's profiles state it.
    Conformance,
    /// A data-quality check (dates, names, codes that disagree ...).
    DataQuality,
    /// A requirement of a state registry's profile.
    State,
}

impl Family {
    /// The family's name: `structure`, `conformance`, `data-quality`, `state`.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Structure => "structure",
            Family::Conformance => "conformance",
            Family::DataQuality => "data-quality",
            Family::State => "state",
        }
    }
}

/// One rule of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Rule {
    /// Stable id (`IG-REQUIRED`, `IZ-23`, `DQ-LOT-001`).
    pub id: &'static str,
    /// Family.
    pub family: Family,
    /// Default severity (a profile may override it).
    pub severity: Severity,
    /// HL7 error code (0357) its issues carry.
    pub hl7_code: Hl7ErrorCode,
    /// Application error code (0533) its issues carry, if one fits.
    pub app_code: Option<AppErrorCode>,
    /// Where it looks (`RXA-15`, `any field`, `ORDER group`).
    pub location: &'static str,
    /// Where it comes from (the IG section or statement, the data-quality catalogue entry, the state
    /// guide).
    pub source: &'static str,
    /// What it checks, in one sentence.
    pub summary: &'static str,
    /// The message profiles it applies to (empty: all).
    pub profiles: &'static [MessageProfile],
}

impl Rule {
    /// True when the rule applies to messages of `profile`.
    pub fn applies_to(&self, profile: Option<MessageProfile>) -> bool {
        self.profiles.is_empty() || profile.is_some_and(|p| self.profiles.contains(&p))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{}, {}] at {}: {} (source: {})",
            self.id,
            self.family.as_str(),
            self.severity,
            self.location,
            self.summary,
            self.source
        )
    }
}

/// Every rule of the catalogue, in id order within each family (structure, conformance, data
/// quality).
///
/// ```
/// let ids: Vec<_> = izmsg::validate::rules().map(|r| r.id).collect();
/// assert!(ids.contains(&"IG-REQUIRED"));
/// let mut unique = ids.clone();
/// unique.sort();
/// unique.dedup();
/// assert_eq!(unique.len(), ids.len(), "rule ids are unique");
/// ```
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    super::structure::RULES
        .iter()
        .chain(super::conformance::RULES.iter())
        .chain(super::quality::RULES.iter())
        .copied()
}

/// The rule with id `id`.
///
/// ```
/// let rule = izmsg::validate::rule("IG-REQUIRED").unwrap();
/// assert_eq!(rule.severity, izmsg::validate::Severity::Error);
/// ```
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// Shorthand for the catalogue tables.
#[allow(clippy::too_many_arguments)]
pub(crate) const fn def(
    id: &'static str,
    family: Family,
    severity: Severity,
    hl7: u16,
    app: Option<&'static str>,
    location: &'static str,
    source: &'static str,
    summary: &'static str,
    profiles: &'static [MessageProfile],
) -> Rule {
    Rule {
        id,
        family,
        severity,
        hl7_code: Hl7ErrorCode(hl7),
        app_code: match app {
            Some(code) => Some(AppErrorCode(std::borrow::Cow::Borrowed(code))),
            None => None,
        },
        location,
        source,
        summary,
        profiles,
    }
}
