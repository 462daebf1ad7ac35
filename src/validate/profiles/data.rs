//! What a profile carries besides rules: who it is for, the registry's review checklist and test
//! scenarios, how its acknowledgements read, and what outgoing messages must look like.

use std::collections::BTreeMap;
use std::fmt;

use super::super::{Applies, ErrorLocation, FieldPath, Issue, Severity};

/// Who a profile is for and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct About {
    /// The jurisdiction (`Maine`).
    pub jurisdiction: String,
    /// The registry (`ImmPact`).
    pub registry: String,
    /// The sources its rules cite, by key (`ME-IG` -> title and address).
    pub sources: BTreeMap<String, String>,
    /// What could not be verified and is therefore not checked.
    pub not_verified: Vec<String>,
    /// Policies that are not message rules (reporting deadlines, consent), for people to read.
    pub policy: Vec<String>,
}

/// A rule named by a checklist item: every issue of `rule`, or only those at or under `at`
/// (`IG-REQUIRED@RXA-15`: a missing lot number, not any missing field).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct RuleRef {
    /// The rule id.
    pub rule: String,
    /// Where, when only some of its issues count.
    pub at: Option<FieldPath>,
}

impl RuleRef {
    /// Reads `RULE` or `RULE@PLACE` (`IG-REQUIRED@PID-11.7`, `ME-NK1`).
    ///
    /// ```
    /// use izmsg::validate::profiles::RuleRef;
    /// let r = RuleRef::parse("IG-REQUIRED@RXA-15").unwrap();
    /// assert_eq!(r.rule, "IG-REQUIRED");
    /// assert_eq!(r.at.unwrap().to_string(), "RXA-15");
    /// assert!(RuleRef::parse("lot missing").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<RuleRef, String> {
        let (rule, at) = match s.split_once('@') {
            Some((r, a)) => (r, Some(FieldPath::parse_place(a)?)),
            None => (s, None),
        };
        check_rule_id(rule)?;
        Ok(RuleRef {
            rule: rule.to_string(),
            at,
        })
    }

    /// True when `issue` is one this reference names.
    pub fn matches(&self, issue: &Issue) -> bool {
        issue.rule == self.rule.as_str()
            && self.at.as_ref().is_none_or(|p| p.covers(&issue.location))
    }

    /// True when an issue of `rule` at `location` is one this reference names.
    pub fn matches_at(&self, rule: &str, location: &ErrorLocation) -> bool {
        rule == self.rule && self.at.as_ref().is_none_or(|p| p.covers(location))
    }
}

/// Checks the form of a rule id: letters, digits, `-`, `.` and `_`, starting with a letter or
/// digit.
pub(crate) fn check_rule_id(id: &str) -> Result<(), String> {
    let ok = id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
        && id.len() <= 64;
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{id}` is not a rule id (letters, digits, `-`, `.`, `_`: `DQ-LOT-001`, `ME-PID-11`)"
        ))
    }
}

impl TryFrom<String> for RuleRef {
    type Error = String;
    fn try_from(s: String) -> Result<RuleRef, String> {
        RuleRef::parse(&s)
    }
}

impl From<RuleRef> for String {
    fn from(r: RuleRef) -> String {
        r.to_string()
    }
}

impl fmt::Display for RuleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rule)?;
        if let Some(at) = &self.at {
            write!(f, "@{at}")?;
        }
        Ok(())
    }
}

/// One item of a registry's review checklist ("b. All messages have appropriate sending Facility ID
/// and Responsible Org ID."), and the rules that decide it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ChecklistItem {
    /// The item's label in the registry's list (`a`, `b` ...).
    pub id: String,
    /// The item as the registry words it.
    pub title: String,
    /// The rules whose issues fail it.
    pub rules: Vec<RuleRef>,
    /// Which doses' issues count (issues outside ORDER groups always count).
    #[cfg_attr(feature = "serde", serde(default))]
    pub doses: Applies,
    /// The least severity that fails the item (warning unless the profile says otherwise).
    pub fails_at: Severity,
    /// Where the item comes from.
    pub source: String,
}

/// A test scenario a registry asks to see during onboarding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ScenarioRequirement {
    /// The scenario ([`Scenario::ALL`] names them; `eligibility:V02` is one eligibility code).
    pub id: String,
    /// Why, in the registry's words.
    pub title: String,
    /// Where the requirement comes from.
    pub source: String,
}

/// The kinds of test message the onboarding review recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scenario {
    /// An administered dose (RXA-9.1 00, RXA-20 CP, PA or empty).
    Administered,
    /// A historical dose (RXA-9.1 01-08).
    Historical,
    /// A refusal (RXA-20 RE).
    Refusal,
    /// A dose not given (RXA-20 NA).
    NotAdministered,
    /// A partial dose (RXA-20 PA).
    Partial,
    /// An update (RXA-21 U).
    Update,
    /// A deletion (RXA-21 D).
    Delete,
    /// VFC / program eligibility (OBX 64994-7) on a dose; `eligibility:V02` names one code.
    Eligibility,
    /// VIS observations on a dose.
    Vis,
    /// A patient under 18 at the message date.
    Minor,
    /// A patient 18 or older at the message date.
    Adult,
    /// A next of kin (NK1).
    NextOfKin,
    /// A dose coded with an NDC.
    Ndc,
    /// More than one vaccination in one message.
    MultipleDoses,
}

impl Scenario {
    /// Every scenario, in report order.
    pub const ALL: [Scenario; 14] = [
        Scenario::Administered,
        Scenario::Historical,
        Scenario::Refusal,
        Scenario::NotAdministered,
        Scenario::Partial,
        Scenario::Update,
        Scenario::Delete,
        Scenario::Eligibility,
        Scenario::Vis,
        Scenario::Minor,
        Scenario::Adult,
        Scenario::NextOfKin,
        Scenario::Ndc,
        Scenario::MultipleDoses,
    ];

    /// Its id in a profile file.
    pub fn as_str(self) -> &'static str {
        match self {
            Scenario::Administered => "administered",
            Scenario::Historical => "historical",
            Scenario::Refusal => "refusal",
            Scenario::NotAdministered => "not-administered",
            Scenario::Partial => "partial",
            Scenario::Update => "update",
            Scenario::Delete => "delete",
            Scenario::Eligibility => "eligibility",
            Scenario::Vis => "vis",
            Scenario::Minor => "minor",
            Scenario::Adult => "adult",
            Scenario::NextOfKin => "next-of-kin",
            Scenario::Ndc => "ndc",
            Scenario::MultipleDoses => "multiple-doses",
        }
    }

    /// What it is, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Scenario::Administered => "an administered dose",
            Scenario::Historical => "a historical dose",
            Scenario::Refusal => "a refusal",
            Scenario::NotAdministered => "a dose not given",
            Scenario::Partial => "a partially administered dose",
            Scenario::Update => "an update of a dose sent before",
            Scenario::Delete => "a deletion of a dose sent before",
            Scenario::Eligibility => "VFC / program eligibility on a dose",
            Scenario::Vis => "VIS information on a dose",
            Scenario::Minor => "a patient under 18",
            Scenario::Adult => "a patient 18 or older",
            Scenario::NextOfKin => "a next of kin",
            Scenario::Ndc => "a dose coded with an NDC",
            Scenario::MultipleDoses => "several vaccinations in one message",
        }
    }

    /// Reads a scenario id: one of [`Scenario::ALL`]'s, or `eligibility:CODE` (returned with the
    /// code).
    ///
    /// ```
    /// use izmsg::validate::profiles::Scenario;
    /// assert_eq!(Scenario::parse("historical"), Some((Scenario::Historical, None)));
    /// assert_eq!(Scenario::parse("eligibility:V02"), Some((Scenario::Eligibility, Some("V02"))));
    /// assert_eq!(Scenario::parse("flu shots"), None);
    /// ```
    pub fn parse(id: &str) -> Option<(Scenario, Option<&str>)> {
        if let Some(code) = id.strip_prefix("eligibility:") {
            let ok =
                !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            return ok.then_some((Scenario::Eligibility, Some(code)));
        }
        Scenario::ALL
            .into_iter()
            .find(|s| s.as_str() == id)
            .map(|s| (s, None))
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a registry's acknowledgements are to be read when it departs from the guide, as data for
/// the code that reads ACKs. Phrases are matched case-insensitively in the acknowledgement's text
/// (MSA-3, ERR-8 and the body).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct AckPolicy {
    /// `Some(true)`: an AE whose ERR rows are only warnings means the data was accepted.
    pub accept_ae_with_warnings: Option<bool>,
    /// `Some(true)`: an AR means the data was rejected (not a transport problem to retry).
    pub ar_is_rejected: Option<bool>,
    /// The registry sometimes labels its ACK `VXU` in MSH-9: read it as an ACK.
    pub ack_labelled_vxu: bool,
    /// Phrases that mean the data was accepted even without HL7 codes (`SUCCESS`).
    pub accepted_phrases: Vec<String>,
    /// Phrases that mean the message was rejected.
    pub rejected_phrases: Vec<String>,
    /// Phrases that mean some data was not accepted, even without an `E` severity.
    pub not_accepted_phrases: Vec<String>,
    /// Phrases that mean a set-up problem (credentials, endpoint, facility) rather than the data.
    pub setup_problem_phrases: Vec<String>,
    /// Anything else the reader should know.
    pub notes: String,
    /// Where the policy comes from.
    pub source: String,
}

/// What outgoing messages must look like for a registry, applied to a typed message before it is
/// encoded ([`Profile::apply_formatting`](super::super::Profile::apply_formatting)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Formatting {
    /// Timestamps without fractional seconds (`20240315120000.123-0500` -> `20240315120000-0500`):
    /// some registries cannot read them.
    pub strip_fractional_seconds: bool,
}

impl Formatting {
    /// True when nothing is to change.
    pub fn is_plain(&self) -> bool {
        *self == Formatting::default()
    }
}
