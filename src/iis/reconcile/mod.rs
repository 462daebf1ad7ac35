//! Reconciling the chart with the registry: each dose in both, only in the chart (send it), or only
//! in the registry (import it); likely duplicates and conflicts flagged for a person; the
//! demographics compared field by field; and whether the registry's patient is the chart's at all.
//!
//! This is Office Practicum's "Sync Registry" as values a program can act on: the white, blue and
//! yellow rows are [`Placement`]s, the Import, Send and Reconcile buttons are [`Action`]s, and
//! [`Reconciliation::to_send`] gives the [`Vaccination`]s the VXU builder takes.
//!
//! ## How doses are matched
//!
//! Each dose is placed in the CDC vaccine groups of its vaccine (from the code sets: the CVX code,
//! else the CVX of its NDC or CPT code; a combination vaccine is in several groups). Two doses, one
//! from each side, are compared only when they share a group and their dates are at most
//! [`duplicate_window_days`](ReconcileOptions::duplicate_window_days) apart (14 by default: less
//! than the shortest interval between two doses of one group in the ACIP schedule, 4 weeks less the
//! 4-day grace period). Dates are compared at the coarser precision of the two (a historical dose
//! recorded by month matches any day of that month).
//!
//! | the two doses | dates apart | placed | action |
//! |---|---|---|---|
//! | both given; same product (same CVX, or same NDC, or one an unspecified formulation); lots do not differ | ≤ [`same_dose_days`](ReconcileOptions::same_dose_days) (3) | in both | none |
//! | chart historical, registry administered (OP's Reconcile) | ≤ the duplicate window | in both | replace the chart's record with the registry's |
//! | both given, different product or lot | ≤ same-dose days | in both, flagged | review |
//! | one given, the other refused or not administered | ≤ same-dose days | in both, flagged | review |
//! | both refused, or both not administered | ≤ same-dose days | in both | none |
//! | any other pair of one group | ≤ the duplicate window | each on its side, flagged as a likely duplicate of the other | review |
//!
//! Pairs are taken best first (kind of pair, then fewest days apart, then message order); a dose
//! pairs once per vaccine group, so a combination dose may pair with the separate doses of each of
//! its groups. A dose left unpaired and unflagged is sent (chart) or imported (registry). Two doses
//! of one group on the same side within the duplicate window are flagged as duplicates in that
//! record. Each dose is compared with at most 8 doses of each of its groups on the other side (the
//! nearest in date), so the cost stays linear in the number of doses.
//!
//! ## Demographics
//!
//! Family, given and middle name, birth date, sex, address, phone, race, ethnicity and mother's
//! maiden name are compared after the normalisation registries apply (case, accents and
//! punctuation ignored; USPS street abbreviations; ZIP codes to five digits; phone numbers to their
//! digits; race codes as a set). See [`DemographicComparison`].
//!
//! ```
//! use chrono::NaiveDate;
//! use izmsg::iis::reconcile::{self, Action, Chart, Placement};
//! use izmsg::iis::response::RegistryRecord;
//! use izmsg::model::domain::*;
//!
//! let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
//! let jane = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane"), day(1, 2), Sex::Female);
//! let hep_b = Vaccination::historical(OrderId::new("H1", "MYEHR"), VaccineCode::cvx("08"), day(1, 2), HistoricalSource::BirthCertificate);
//! let rota = Vaccination::historical(OrderId::new("H2", "MYEHR"), VaccineCode::cvx("116"), day(3, 4), HistoricalSource::ParentWrittenRecord);
//! let chart = Chart { patient: jane.clone(), vaccinations: vec![hep_b, rota.clone()] };
//!
//! let registry = RegistryRecord::default(); // as read from a Z32 or Z42
//! let mut registry = registry;
//! registry.patient = jane;
//! registry.doses.push(izmsg::iis::response::RegistryDose {
//!     vaccination: Vaccination::historical(OrderId::new("R9", "MYIIS"), VaccineCode::cvx("45"), day(1, 2), HistoricalSource::Unspecified),
//!     evaluations: Vec::new(),
//!     order: 0,
//! });
//! let r = reconcile::reconcile(&chart, &registry);
//! assert!(matches!(r.lines[0].placement, Placement::InBoth { chart: 0, registry: 0 })); // HepB 08 and HepB unspecified
//! assert_eq!(r.lines[1].action, Action::Send { chart: 1 });
//! assert_eq!(r.to_send(&chart), vec![rota]);
//! ```

mod demographics;
mod doses;

pub use demographics::{Comparison, DemographicComparison, DemographicField};

use std::fmt;

use chrono::NaiveDate;

use crate::model::domain::{Patient, Vaccination};

use super::matching::{self, MatchScore};
use super::response::RegistryRecord;

/// The chart's side: the patient and the doses the EHR holds. Its serde shape is the domain's
/// (`{"patient": {...}, "vaccinations": [...]}`; see `examples/data/chart.json`).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Chart {
    /// The patient.
    pub patient: Patient,
    /// The doses.
    pub vaccinations: Vec<Vaccination>,
}

/// The tolerances of dose matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReconcileOptions {
    /// Two doses of one group at most this many days apart can be the same dose (default 3).
    pub same_dose_days: i64,
    /// Two doses of one group at most this many days apart are likely duplicates when they are not
    /// the same dose; a chart historical and a registry administered record this close are one
    /// (default 14).
    pub duplicate_window_days: i64,
}

impl Default for ReconcileOptions {
    fn default() -> Self {
        ReconcileOptions {
            same_dose_days: 3,
            duplicate_window_days: 14,
        }
    }
}

/// Where a dose stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Placement {
    /// In both (OP's white): indexes into the chart's vaccinations and the registry's doses.
    InBoth {
        /// Index into [`Chart::vaccinations`].
        chart: usize,
        /// Index into [`RegistryRecord::doses`].
        registry: usize,
    },
    /// Only in the chart (OP's blue).
    OnlyChart {
        /// Index into [`Chart::vaccinations`].
        chart: usize,
    },
    /// Only in the registry (OP's yellow).
    OnlyRegistry {
        /// Index into [`RegistryRecord::doses`].
        registry: usize,
    },
}

impl Placement {
    /// The chart's dose, when there is one.
    pub fn chart(&self) -> Option<usize> {
        match self {
            Placement::InBoth { chart, .. } | Placement::OnlyChart { chart } => Some(*chart),
            Placement::OnlyRegistry { .. } => None,
        }
    }

    /// The registry's dose, when there is one.
    pub fn registry(&self) -> Option<usize> {
        match self {
            Placement::InBoth { registry, .. } | Placement::OnlyRegistry { registry } => {
                Some(*registry)
            }
            Placement::OnlyChart { .. } => None,
        }
    }
}

/// Why two doses were taken as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Note {
    /// The same CVX code.
    SameCvx,
    /// The same NDC.
    SameNdc,
    /// The same lot number.
    SameLot,
    /// One is an unspecified formulation of the other's group.
    UnspecifiedFormulation,
    /// The dates are this many days apart.
    DatesApart {
        /// Days.
        days: i64,
    },
    /// One date is known only to the month or year; compared at that precision.
    ImpreciseDate,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::SameCvx => f.write_str("same CVX"),
            Note::SameNdc => f.write_str("same NDC"),
            Note::SameLot => f.write_str("same lot"),
            Note::UnspecifiedFormulation => f.write_str("one record of unspecified formulation"),
            Note::DatesApart { days } => write!(f, "dates {days} days apart"),
            Note::ImpreciseDate => f.write_str("a date known only to the month or year"),
        }
    }
}

/// What needs a person's eye.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Flag {
    /// Same group, near date, a different product (CVX or NDC).
    DifferentProduct,
    /// Same group, near date, different lot numbers.
    LotDiffers,
    /// One record says given, the other refused or not administered.
    StatusDiffers,
    /// The chart's record is historical, the registry's administered (OP's Reconcile): the
    /// registry's is the better record of the same dose.
    HistoricalVsAdministered,
    /// A dose of the same group on the other side, this many days apart, not taken as the same
    /// dose: perhaps one dose recorded with two dates.
    LikelyDuplicate {
        /// The other dose's index on its side.
        other: usize,
        /// Days apart.
        days: i64,
    },
    /// Another dose of the same group on the same side, this many days apart.
    DuplicateInRecord {
        /// The other dose's index on the same side.
        other: usize,
        /// Days apart.
        days: i64,
    },
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flag::DifferentProduct => f.write_str("same vaccine group and date, different product"),
            Flag::LotDiffers => f.write_str("same vaccine group and date, different lot"),
            Flag::StatusDiffers => f.write_str("given on one side, refused or not given on the other"),
            Flag::HistoricalVsAdministered => f.write_str(
                "chart record historical, registry record administered: replace the chart's (Reconcile)",
            ),
            Flag::LikelyDuplicate { other, days } => write!(
                f,
                "likely duplicate of dose {} on the other side ({days} days apart)",
                other + 1
            ),
            Flag::DuplicateInRecord { other, days } => write!(
                f,
                "another dose of the same group on this side, dose {} ({days} days apart)",
                other + 1
            ),
        }
    }
}

/// What to do about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Action {
    /// Nothing: both sides agree.
    Nothing,
    /// Import the registry's dose into the chart.
    Import {
        /// Index into [`RegistryRecord::doses`].
        registry: usize,
    },
    /// Send the chart's dose to the registry (a VXU).
    Send {
        /// Index into [`Chart::vaccinations`].
        chart: usize,
    },
    /// Replace the chart's historical record with the registry's administered one.
    ReplaceChartRecord {
        /// Index into [`Chart::vaccinations`].
        chart: usize,
        /// Index into [`RegistryRecord::doses`].
        registry: usize,
    },
    /// A person decides (see the flags).
    Review,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Nothing => "nothing to do",
            Action::Import { .. } => "import into the chart",
            Action::Send { .. } => "send to the registry",
            Action::ReplaceChartRecord { .. } => "replace the chart's record with the registry's",
            Action::Review => "review",
        })
    }
}

/// One row of the reconciliation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Line {
    /// Where the dose stands.
    pub placement: Placement,
    /// The CDC vaccine groups of the dose (of the pair: those they share).
    pub vaccine_groups: Vec<String>,
    /// The dose's date (the chart's, for a pair).
    pub date: Option<NaiveDate>,
    /// Why a pair was taken as one dose.
    pub notes: Vec<Note>,
    /// What needs a person's eye.
    pub flags: Vec<Flag>,
    /// What to do.
    pub action: Action,
}

/// The chart and the registry side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Reconciliation {
    /// Whether the registry's patient is the chart's ([`matching::score`]); a
    /// [`NoMatch`](matching::Verdict::NoMatch) means the link is wrong (OP's Drop).
    pub patient: MatchScore,
    /// The doses, by date (undated last), then by vaccine group.
    pub lines: Vec<Line>,
    /// The demographics, field by field.
    pub demographics: Vec<DemographicComparison>,
}

/// Reconciles the chart with the registry's record, with the default tolerances.
pub fn reconcile(chart: &Chart, registry: &RegistryRecord) -> Reconciliation {
    reconcile_with(chart, registry, &ReconcileOptions::default())
}

/// Reconciles the chart with the registry's record.
pub fn reconcile_with(
    chart: &Chart,
    registry: &RegistryRecord,
    options: &ReconcileOptions,
) -> Reconciliation {
    let registry_doses: Vec<Vaccination> = registry.vaccinations();
    Reconciliation {
        patient: matching::score(&chart.patient, &registry.patient),
        lines: doses::lines(&chart.vaccinations, &registry_doses, options),
        demographics: demographics::compare(&chart.patient, &registry.patient),
    }
}

impl Reconciliation {
    /// The lines in both (OP's white).
    pub fn in_both(&self) -> impl Iterator<Item = &Line> {
        self.lines
            .iter()
            .filter(|l| matches!(l.placement, Placement::InBoth { .. }))
    }

    /// The lines only in the chart (OP's blue).
    pub fn only_chart(&self) -> impl Iterator<Item = &Line> {
        self.lines
            .iter()
            .filter(|l| matches!(l.placement, Placement::OnlyChart { .. }))
    }

    /// The lines only in the registry (OP's yellow).
    pub fn only_registry(&self) -> impl Iterator<Item = &Line> {
        self.lines
            .iter()
            .filter(|l| matches!(l.placement, Placement::OnlyRegistry { .. }))
    }

    /// The chart's doses to send to the registry (action [`Action::Send`]), as the VXU builder
    /// takes them.
    pub fn to_send(&self, chart: &Chart) -> Vec<Vaccination> {
        self.lines
            .iter()
            .filter_map(|l| match l.action {
                Action::Send { chart: i } => chart.vaccinations.get(i).cloned(),
                _ => None,
            })
            .collect()
    }

    /// The registry's doses to import into the chart (action [`Action::Import`]).
    pub fn to_import(&self, registry: &RegistryRecord) -> Vec<Vaccination> {
        self.lines
            .iter()
            .filter_map(|l| match l.action {
                Action::Import { registry: i } => {
                    registry.doses.get(i).map(|d| d.vaccination.clone())
                }
                _ => None,
            })
            .collect()
    }

    /// The chart records to replace with the registry's: `(chart index, registry index)`.
    pub fn to_replace(&self) -> Vec<(usize, usize)> {
        self.lines
            .iter()
            .filter_map(|l| match l.action {
                Action::ReplaceChartRecord { chart, registry } => Some((chart, registry)),
                _ => None,
            })
            .collect()
    }

    /// The lines a person should look at.
    pub fn to_review(&self) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(|l| l.action == Action::Review)
    }

    /// The demographic fields that differ or that one side lacks.
    pub fn demographic_differences(&self) -> impl Iterator<Item = &DemographicComparison> {
        self.demographics
            .iter()
            .filter(|d| d.comparison != Comparison::Same)
    }
}
