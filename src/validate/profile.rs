//! Profiles: a named set of rules with severity overrides, able to extend another profile. The CDC
//! profile (`cdc`) applies the IG's eight message profiles (Z22 ... Z44), chosen for each message from
//! MSH-21 and MSH-9 unless the caller names one.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::Message;

use super::Severity;

/// One of the IG's eight message profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MessageProfile {
    /// VXU^V04: send immunization history.
    Z22,
    /// ACK: acknowledgement.
    Z23,
    /// QBP^Q11: request immunization history.
    Z34,
    /// QBP^Q11: request evaluated history and forecast.
    Z44,
    /// RSP^K11: list of candidates.
    Z31,
    /// RSP^K11: complete immunization history.
    Z32,
    /// RSP^K11: no match, too many, or an error.
    Z33,
    /// RSP^K11: evaluated history and forecast.
    Z42,
}

impl MessageProfile {
    /// Every profile.
    pub const ALL: [MessageProfile; 8] = [
        MessageProfile::Z22,
        MessageProfile::Z23,
        MessageProfile::Z34,
        MessageProfile::Z44,
        MessageProfile::Z31,
        MessageProfile::Z32,
        MessageProfile::Z33,
        MessageProfile::Z42,
    ];

    /// The profile id as MSH-21 carries it (`Z22`).
    pub fn as_str(self) -> &'static str {
        match self {
            MessageProfile::Z22 => "Z22",
            MessageProfile::Z23 => "Z23",
            MessageProfile::Z34 => "Z34",
            MessageProfile::Z44 => "Z44",
            MessageProfile::Z31 => "Z31",
            MessageProfile::Z32 => "Z32",
            MessageProfile::Z33 => "Z33",
            MessageProfile::Z42 => "Z42",
        }
    }

    /// Reads a profile id (`Z22`, case ignored).
    pub fn from_id(id: &str) -> Option<MessageProfile> {
        MessageProfile::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(id.trim()))
    }

    /// The message type the profile is for: `VXU`, `ACK`, `QBP` or `RSP`.
    pub fn message_type(self) -> &'static str {
        match self {
            MessageProfile::Z22 => "VXU",
            MessageProfile::Z23 => "ACK",
            MessageProfile::Z34 | MessageProfile::Z44 => "QBP",
            _ => "RSP",
        }
    }

    /// The profile a message declares in MSH-21 (any repetition naming one of the eight), or else the
    /// one its type implies: VXU -> Z22, ACK -> Z23, QBP -> QPD-1 (Z34 or Z44), RSP -> from QAK-2 and
    /// the patients it holds (NF/TM/AE/AR -> Z33, several patients -> Z31, a forecast -> Z42,
    /// otherwise Z32). `None` for a message of another type.
    ///
    /// ```
    /// use izmsg::validate::MessageProfile;
    /// let m = izmsg::model::decode(b"MSH|^~\\&|A|B|C|D|20240101||VXU^V04^VXU_V04|1|P|2.5.1\r").unwrap();
    /// assert_eq!(MessageProfile::of(&m.message), Some(MessageProfile::Z22));
    /// ```
    pub fn of(message: &Message) -> Option<MessageProfile> {
        if let Some(msh) = message.msh() {
            for ei in &msh.message_profile_identifier {
                if let Some(p) = MessageProfile::from_id(ei.entity_identifier.as_str())
                    && message_fits(message, p)
                {
                    return Some(p);
                }
            }
        }
        match message {
            Message::Vxu(_) => Some(MessageProfile::Z22),
            Message::Ack(_) => Some(MessageProfile::Z23),
            Message::Qbp(q) => {
                let name = q
                    .qpd
                    .as_ref()
                    .and_then(|qpd| qpd.message_query_name.as_ref())
                    .map_or("", |c| c.identifier.as_str());
                Some(MessageProfile::from_id(name).unwrap_or(MessageProfile::Z34))
            }
            Message::Rsp(r) => {
                let status = r
                    .qak
                    .as_ref()
                    .and_then(|q| q.query_response_status.as_ref())
                    .map_or("", |s| s.as_str());
                if matches!(status, "NF" | "TM" | "AE" | "AR") || r.patients.is_empty() {
                    Some(MessageProfile::Z33)
                } else if r.patients.len() > 1 {
                    Some(MessageProfile::Z31)
                } else if r.patients.iter().flat_map(|p| &p.orders).any(|o| {
                    o.observations.iter().any(|obs| {
                        obs.obx
                            .observation_identifier
                            .as_ref()
                            .is_some_and(|c| c.identifier == "59783-1" || c.identifier == "30980-7")
                    })
                }) {
                    Some(MessageProfile::Z42)
                } else {
                    Some(MessageProfile::Z32)
                }
            }
            Message::Other { .. } => None,
        }
    }
}

fn message_fits(message: &Message, p: MessageProfile) -> bool {
    matches!(
        (message, p.message_type()),
        (Message::Vxu(_), "VXU")
            | (Message::Ack(_), "ACK")
            | (Message::Qbp(_), "QBP")
            | (Message::Rsp(_), "RSP")
    )
}

impl fmt::Display for MessageProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A validation profile: the CDC rules, with a registry's changes laid over them.
///
/// A profile is a value: it has a name, the profile it extends (its changes are applied after the
/// parent's), severity overrides and rules turned off by id, and the registry's own rules
/// ([`ProfileRule`](super::ProfileRule)). The built-in `cdc` profile is [`Profile::cdc`].
///
/// ```
/// use izmsg::validate::{Profile, Severity};
/// let strict = Profile::cdc()
///     .named("strict-lots")
///     .with_severity("DQ-LOT-001", Severity::Error)
///     .without("DQ-PID-033");
/// assert_eq!(strict.severity_of("DQ-LOT-001", Severity::Warning), Some(Severity::Error));
/// assert_eq!(strict.severity_of("DQ-PID-033", Severity::Information), None); // turned off
/// assert_eq!(strict.severity_of("IG-REQUIRED", Severity::Error), Some(Severity::Error));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Profile {
    /// The profile's name (`cdc`, `maine`).
    pub name: Cow<'static, str>,
    /// What it is, in a sentence, with its sources.
    pub description: String,
    /// The names of the profiles it extends, nearest last (`["cdc"]`, `["cdc", "maine"]`).
    pub extends: Vec<String>,
    /// The message profile to validate against; `None`: the one each message declares.
    pub message_profile: Option<MessageProfile>,
    /// Severity overrides by rule id.
    pub severities: BTreeMap<String, Severity>,
    /// Rules turned off, by id.
    pub disabled: BTreeSet<String>,
    /// The registry's own rules, checked after the CDC ones.
    pub rules: Vec<super::ProfileRule>,
    /// Rules turned off at some places only (`IG-REQUIRED@MSH-16`: the profile relaxed MSH-16's
    /// usage to RE; a rule of the profile replacing the IG's at one field).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub suppressed: Vec<super::profiles::RuleRef>,
    /// Who the profile is for and what it rests on: jurisdiction, registry, sources, what could
    /// not be verified, policies that are not message rules.
    #[cfg_attr(feature = "serde", serde(default))]
    pub about: super::profiles::About,
    /// The registry's review checklist (Maine's items a-j), each item decided by rules.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub checklist: Vec<super::profiles::ChecklistItem>,
    /// The test scenarios the registry asks to see during onboarding.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub scenarios: Vec<super::profiles::ScenarioRequirement>,
    /// How the registry's acknowledgements are to be read, when it departs from the guide.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub ack: Option<super::profiles::AckPolicy>,
    /// What outgoing messages must look like for this registry
    /// ([`apply_formatting`](Profile::apply_formatting)).
    #[cfg_attr(feature = "serde", serde(default))]
    pub formatting: super::profiles::Formatting,
}

impl Profile {
    /// The CDC profile: the IG's structure and conformance statements for each of the eight message
    /// profiles (chosen from MSH-21 and MSH-9), and the data-quality checks a sender can make, at the
    /// severities the catalogue gives.
    pub fn cdc() -> Profile {
        Profile {
            name: Cow::Borrowed("cdc"),
            description: "CDC Implementation Guide for Immunization Messaging, Release 1.5 (2014) and its 2018 addendum: structure, conformance statements (NIST profiles) and data-quality checks".to_string(),
            ..Profile::default()
        }
    }

    /// The CDC profile for one message profile, whatever the message declares.
    pub fn cdc_for(profile: MessageProfile) -> Profile {
        Profile {
            name: Cow::Owned(format!("cdc-{}", profile.as_str().to_ascii_lowercase())),
            message_profile: Some(profile),
            ..Profile::cdc()
        }
    }

    /// A built-in profile by name: `cdc`, or `cdc-z22` ... `cdc-z44`. State profiles are found with
    /// [`profile()`](crate::validate::profile()).
    pub fn builtin(name: &str) -> Option<Profile> {
        let name = name.trim().to_ascii_lowercase();
        if name == "cdc" {
            return Some(Profile::cdc());
        }
        let id = name.strip_prefix("cdc-")?;
        MessageProfile::from_id(id).map(Profile::cdc_for)
    }

    /// The same profile under another name, extending this one.
    pub fn named(mut self, name: impl Into<String>) -> Profile {
        let parent = std::mem::replace(&mut self.name, Cow::Owned(name.into()));
        self.extends.push(parent.into_owned());
        self
    }

    /// With rule `rule` at `severity`.
    pub fn with_severity(mut self, rule: impl Into<String>, severity: Severity) -> Profile {
        self.severities.insert(rule.into(), severity);
        self
    }

    /// With rule `rule` turned off.
    pub fn without(mut self, rule: impl Into<String>) -> Profile {
        self.disabled.insert(rule.into());
        self
    }

    /// With one more registry rule (the rules it replaces turned off).
    pub fn with_rule(mut self, rule: super::ProfileRule) -> Profile {
        for r in &rule.replaces {
            match &r.at {
                None => {
                    self.disabled.insert(r.rule.clone());
                }
                Some(_) => self.suppressed.push(r.clone()),
            }
        }
        self.rules.push(rule);
        self
    }

    /// The severity rule `rule` reports at under this profile (`default` unless overridden), or `None`
    /// when the profile turns it off.
    pub fn severity_of(&self, rule: &str, default: Severity) -> Option<Severity> {
        if self.disabled.contains(rule) {
            return None;
        }
        Some(self.severities.get(rule).copied().unwrap_or(default))
    }
}
