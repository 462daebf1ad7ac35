//! What a Z42 says per vaccine group: each dose's [`Evaluation`] and the [`Forecast`] of the next
//! dose, the [`VaccineGroupId`] they are about, and the series status ([`SeriesStatus`]) in the
//! LOINC answers or the registry's own words.

use std::fmt;

use chrono::NaiveDate;

use crate::codes;
use crate::model::domain::{Coded, OtherObservation};

use super::super::text::fold;

/// Which observation named the vaccine group of an evaluation or forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum GroupSource {
    /// 30956-7, vaccine type (the IG's way).
    VaccineType,
    /// 38890-0, component vaccine type.
    ComponentVaccineType,
    /// 30979-9, vaccines due next.
    VaccinesDueNext,
    /// 59780-7, the registry's series name (local codes, no CVX).
    SeriesName,
}

/// The vaccine group an evaluation or forecast is about, as the registry named it, with the CDC
/// vaccine groups of its CVX code.
///
/// ```
/// use izmsg::iis::response::{GroupSource, VaccineGroupId};
/// use izmsg::model::domain::Coded;
/// let hep_b = VaccineGroupId::new(Coded::with_text("08", "Hep B, ped/adol", "CVX"), GroupSource::VaccineType);
/// assert_eq!(hep_b.cvx(), Some("08"));
/// assert_eq!(hep_b.groups, ["HepB"]);
/// assert_eq!(hep_b.name(), "HepB");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VaccineGroupId {
    /// The code as sent (a CVX code, or a registry's series code).
    pub code: Coded,
    /// The observation that named it.
    pub source: GroupSource,
    /// The CDC vaccine groups of the CVX code (`["MMR", "VARICELLA"]` for MMRV), from the code
    /// sets; empty for a code that is not a CVX code.
    pub groups: Vec<String>,
}

impl VaccineGroupId {
    /// The group named by `code` in an observation of kind `source`.
    pub fn new(code: Coded, source: GroupSource) -> VaccineGroupId {
        let mut id = VaccineGroupId {
            code,
            source,
            groups: Vec::new(),
        };
        if let Some(cvx) = id.cvx() {
            for g in codes::vaccine_groups(cvx) {
                let name = g.group_name.to_string();
                if !id.groups.contains(&name) {
                    id.groups.push(name);
                }
            }
        }
        id
    }

    /// The CVX code, when the code is one (coding system CVX, or no system and a code the CVX table
    /// knows); a series name is never one.
    pub fn cvx(&self) -> Option<&str> {
        if self.source == GroupSource::SeriesName {
            return None;
        }
        let code = self.code.code.trim();
        let cvx_system = self.code.is_in("CVX");
        let plain = self.code.system.is_none() && codes::cvx(code).is_some();
        (!code.is_empty() && (cvx_system || plain)).then_some(code)
    }

    /// A name to show: the CDC vaccine groups (`MMR/VARICELLA`), else the text sent, else the code.
    pub fn name(&self) -> String {
        if !self.groups.is_empty() {
            return self.groups.join("/");
        }
        self.code
            .text
            .clone()
            .unwrap_or_else(|| self.code.code.clone())
    }
}

/// What a series status says, in a registry's words or the LOINC answers (list `LL940-8` of the
/// code sets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StatusKind {
    /// Every required dose was received.
    Complete,
    /// Not overdue (includes too young to start).
    OnSchedule,
    /// A dose is due now.
    Due,
    /// The next dose is late.
    Overdue,
    /// The series cannot be completed: past the latest age.
    TooOld,
    /// Immune: no dose needed.
    Immune,
    /// Contraindicated.
    Contraindicated,
    /// Not recommended.
    NotRecommended,
    /// The code and its text name none of the above.
    NotUnderstood,
}

impl StatusKind {
    /// Reads a status from its words (`"Past Due"`, `"Up to Date"`, `"Not Recommended - Too old"`):
    /// the first rule whose words appear, in this order: not recommended, contraindicated, immune,
    /// too old (also "aged out", "exceeded"), complete (not "not complete"), overdue (also "past
    /// due", "late"), on schedule (also "up to date", "not due"), due.
    pub fn from_words(text: &str) -> StatusKind {
        let t = format!(" {} ", fold(text));
        let has = |w: &str| t.contains(&format!(" {w} "));
        if has("NOT RECOMMENDED") {
            StatusKind::NotRecommended
        } else if has("CONTRAINDICATED") || has("CONTRAINDICATION") {
            StatusKind::Contraindicated
        } else if has("IMMUNE") || has("IMMUNITY") {
            StatusKind::Immune
        } else if has("TOO OLD") || has("AGED OUT") || has("EXCEEDED") {
            StatusKind::TooOld
        } else if has("COMPLETE") && !has("NOT COMPLETE") {
            StatusKind::Complete
        } else if has("OVERDUE") || has("PAST DUE") || has("LATE") {
            StatusKind::Overdue
        } else if has("UP TO DATE") || has("ON SCHEDULE") || has("NOT DUE") || has("NOT YET DUE") {
            StatusKind::OnSchedule
        } else if has("DUE") {
            StatusKind::Due
        } else {
            StatusKind::NotUnderstood
        }
    }
}

impl fmt::Display for StatusKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StatusKind::Complete => "complete",
            StatusKind::OnSchedule => "on schedule",
            StatusKind::Due => "due",
            StatusKind::Overdue => "overdue",
            StatusKind::TooOld => "too old",
            StatusKind::Immune => "immune",
            StatusKind::Contraindicated => "contraindicated",
            StatusKind::NotRecommended => "not recommended",
            StatusKind::NotUnderstood => "status not understood",
        })
    }
}

/// A series status (OBX 59783-1) as sent and what it says.
///
/// ```
/// use izmsg::iis::response::{SeriesStatus, StatusKind};
/// use izmsg::model::domain::Coded;
/// // A LOINC answer, read by its meaning in the code sets.
/// assert_eq!(SeriesStatus::read(Coded::new("LA13423-1", "LN")).kind, StatusKind::Overdue);
/// // A registry's local code, read by its text.
/// assert_eq!(SeriesStatus::read(Coded::with_text("P", "Past Due", "STC0002")).kind, StatusKind::Overdue);
/// assert_eq!(SeriesStatus::read(Coded::with_text("O", "O", "LSVF")).kind, StatusKind::NotUnderstood);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SeriesStatus {
    /// The code as sent.
    pub code: Coded,
    /// What it says.
    pub kind: StatusKind,
}

impl SeriesStatus {
    /// The value set of the LOINC answers (`LL940-8`).
    pub const VALUE_SET: &'static str = "LL940-8";

    /// Reads a status: a LOINC answer by its meaning in the code sets, another code by its text
    /// (or the code itself when it has no text).
    pub fn read(code: Coded) -> SeriesStatus {
        let kind = match codes::lookup(Self::VALUE_SET, code.code.trim()) {
            Some(meaning) => StatusKind::from_words(meaning),
            None => {
                let by_text = code
                    .text
                    .as_deref()
                    .map_or(StatusKind::NotUnderstood, StatusKind::from_words);
                if by_text == StatusKind::NotUnderstood {
                    StatusKind::from_words(&code.code)
                } else {
                    by_text
                }
            }
        };
        SeriesStatus { code, kind }
    }
}

/// The registry's evaluation of one dose for one vaccine group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Evaluation {
    /// The vaccine group (30956-7, 38890-0, or the series name 59780-7 when it is the only key).
    pub vaccine_group: Option<VaccineGroupId>,
    /// Whether the dose counts (59781-5 `Y`/`N`).
    pub valid: Option<bool>,
    /// Why, as the registry worded it (30982-3).
    pub reason: Option<String>,
    /// The series (59780-7).
    pub series: Option<Coded>,
    /// This dose's number in the series (30973-2).
    pub dose_number: Option<u32>,
    /// Doses in the primary series (59782-3).
    pub doses_in_series: Option<u32>,
    /// The series status after this dose (59783-1).
    pub series_status: Option<SeriesStatus>,
    /// The schedule used (59779-9; `VXC16` is ACIP).
    pub schedule: Option<Coded>,
    /// Take response (46249-9) and its date (46250-7).
    pub take_response: Option<Coded>,
    /// The date of the take response.
    pub take_response_date: Option<NaiveDate>,
    /// Annotations (48767-8).
    pub notes: Vec<String>,
    /// Observations of the group this reader does not know, kept as sent.
    pub other: Vec<OtherObservation>,
}

/// The registry's forecast of the next dose for one vaccine group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Forecast {
    /// The vaccine group (30956-7, 30979-9, 38890-0, or the series name 59780-7).
    pub vaccine_group: Option<VaccineGroupId>,
    /// The series status (59783-1).
    pub status: Option<SeriesStatus>,
    /// The next dose's number in the series (30973-2).
    pub dose_number: Option<u32>,
    /// Doses in the primary series (59782-3).
    pub doses_in_series: Option<u32>,
    /// Earliest date to give it (30981-5).
    pub earliest: Option<NaiveDate>,
    /// Recommended date (30980-7, date due).
    pub recommended: Option<NaiveDate>,
    /// Date it is overdue (59778-1).
    pub past_due: Option<NaiveDate>,
    /// Latest date it may be given (59777-3).
    pub latest: Option<NaiveDate>,
    /// The schedule used (59779-9).
    pub schedule: Option<Coded>,
    /// The series (59780-7).
    pub series: Option<Coded>,
    /// The reason the forecast logic gives (30982-3).
    pub reason: Option<String>,
    /// Annotations (48767-8).
    pub notes: Vec<String>,
    /// Observations of the group this reader does not know, kept as sent.
    pub other: Vec<OtherObservation>,
    /// The ORDER group it came in (from 0, among the patient's orders).
    pub order: usize,
}

/// Where a vaccine group stands on a given day, in the words of a forecast table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DueState {
    /// Past the overdue date (or the registry says overdue and gives no dates).
    Overdue,
    /// The recommended date has come (or the registry says due and gives no dates).
    DueNow,
    /// The next dose is not due yet.
    UpToDate,
    /// The series is complete, or the patient immune.
    Complete,
    /// No dose should be given: too old, contraindicated, not recommended.
    NotRecommended,
    /// Neither dates nor an understood status say.
    Unknown,
}

impl fmt::Display for DueState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DueState::Overdue => "overdue",
            DueState::DueNow => "due now",
            DueState::UpToDate => "up to date",
            DueState::Complete => "complete",
            DueState::NotRecommended => "not recommended",
            DueState::Unknown => "unknown",
        })
    }
}

impl Forecast {
    /// Where the group stands on `on`: a status that ends the series (complete, immune, too old,
    /// contraindicated, not recommended) says so; otherwise the dates decide (overdue from the
    /// past-due date, due from the recommended date, else up to date), and without dates, the
    /// status (overdue, due, on schedule).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use izmsg::iis::response::{DueState, Forecast};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
    /// let f = Forecast { recommended: Some(d(3, 1)), past_due: Some(d(4, 1)), ..Forecast::default() };
    /// assert_eq!(f.due_state(d(2, 1)), DueState::UpToDate);
    /// assert_eq!(f.due_state(d(3, 15)), DueState::DueNow);
    /// assert_eq!(f.due_state(d(4, 1)), DueState::Overdue);
    /// ```
    pub fn due_state(&self, on: NaiveDate) -> DueState {
        let kind = self.status.as_ref().map(|s| s.kind);
        match kind {
            Some(StatusKind::Complete | StatusKind::Immune) => return DueState::Complete,
            Some(StatusKind::TooOld | StatusKind::Contraindicated | StatusKind::NotRecommended) => {
                return DueState::NotRecommended;
            }
            _ => {}
        }
        if self.past_due.is_some_and(|d| d <= on) {
            DueState::Overdue
        } else if self.recommended.is_some_and(|d| d <= on) {
            DueState::DueNow
        } else if self.recommended.is_some() || self.past_due.is_some() {
            DueState::UpToDate
        } else {
            match kind {
                Some(StatusKind::Overdue) => DueState::Overdue,
                Some(StatusKind::Due) => DueState::DueNow,
                Some(StatusKind::OnSchedule) => DueState::UpToDate,
                _ if self.earliest.is_some_and(|d| d > on) => DueState::UpToDate,
                _ => DueState::Unknown,
            }
        }
    }
}
