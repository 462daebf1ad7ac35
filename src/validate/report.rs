//! The result of validating one message: its issues in message order, and the answers an EHR
//! needs from them (can it be sent? which doses have problems?).

use std::borrow::Cow;
use std::fmt;

use super::{Issue, Severity};

/// The issues found in one message, in message order (by segment, then field), with the profile that
/// found them.
///
/// ```
/// use izmsg::validate::{ErrorLocation, Issue, Report, Severity};
/// let mut report = Report::new("cdc");
/// report.push(Issue::new("DQ-LOT-001", Severity::Warning, ErrorLocation::field("RXA", 1, 15)).in_vaccination(Some(1)));
/// assert!(report.is_sendable());
/// assert_eq!(report.count(Severity::Warning), 1);
/// assert_eq!(report.for_vaccination(1).count(), 1);
/// assert_eq!(report.verdict(), "sendable with 1 warning");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    /// The profile's name (`cdc`, `maine` ...).
    pub profile: Cow<'static, str>,
    /// The issues, in message order.
    pub issues: Vec<Issue>,
}

impl Report {
    /// An empty report for `profile`.
    pub fn new(profile: impl Into<Cow<'static, str>>) -> Report {
        Report {
            profile: profile.into(),
            issues: Vec::new(),
        }
    }

    /// Adds an issue at the end.
    pub fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    /// True when no issue is an error: the message can be sent.
    pub fn is_sendable(&self) -> bool {
        !self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// How many issues of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == severity)
            .count()
    }

    /// The worst severity, or `None` when there is no issue.
    pub fn worst(&self) -> Option<Severity> {
        self.issues.iter().map(|i| i.severity).max()
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    /// The issues of vaccination `n` (ORDER group, from 1).
    pub fn for_vaccination(&self, n: usize) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.vaccination == Some(n))
    }

    /// The issues that belong to no vaccination (header, patient, next of kin ...): they concern
    /// every dose of the message.
    pub fn message_level(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.vaccination.is_none())
    }

    /// True when vaccination `n` can be sent: no error on it and none at message level.
    pub fn is_vaccination_sendable(&self, n: usize) -> bool {
        !self.issues.iter().any(|i| {
            i.severity == Severity::Error && (i.vaccination.is_none() || i.vaccination == Some(n))
        })
    }

    /// The issues of `rule`.
    pub fn by_rule<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Issue> {
        self.issues.iter().filter(move |i| i.rule == rule)
    }

    /// One line: `sendable`, `sendable with 2 warnings`, `not sendable: 1 error, 2 warnings`.
    pub fn verdict(&self) -> String {
        let e = self.count(Severity::Error);
        let w = self.count(Severity::Warning);
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match (e, w) {
            (0, 0) => "sendable".to_string(),
            (0, w) => format!("sendable with {}", plural(w, "warning")),
            (e, 0) => format!("not sendable: {}", plural(e, "error")),
            (e, w) => format!(
                "not sendable: {}, {}",
                plural(e, "error"),
                plural(w, "warning")
            ),
        }
    }
}

impl fmt::Display for Report {
    /// The verdict, then one line per issue. No patient value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({})", self.verdict(), self.profile)?;
        for i in &self.issues {
            writeln!(f, "  {i}")?;
        }
        Ok(())
    }
}
