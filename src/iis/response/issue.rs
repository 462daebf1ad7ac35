//! What reading a response noticed: parts missing, data that could not be understood and where it
//! was kept, repairs made to a registry's grouping. Nothing is dropped silently; each issue says
//! where (patient, ORDER group, OBX) and what, never a patient value.

use std::fmt;

/// Where in the response: the patient (PID group), the ORDER group in it, the OBX in that group.
/// Counted from 1, as a person reads the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Place {
    /// The patient group, from 1 (0: the message as a whole).
    pub patient: usize,
    /// The ORDER group of that patient, from 1 (0: none).
    pub order: usize,
    /// The OBX of that ORDER group, from 1 (0: none).
    pub observation: usize,
}

impl Place {
    /// The message as a whole.
    pub const MESSAGE: Place = Place {
        patient: 0,
        order: 0,
        observation: 0,
    };

    /// A patient group (`index` from 0).
    pub(crate) fn patient(index: usize) -> Place {
        Place {
            patient: index + 1,
            ..Place::MESSAGE
        }
    }

    /// An ORDER group (`index` from 0) of this patient.
    pub(crate) fn order(self, index: usize) -> Place {
        Place {
            order: index + 1,
            observation: 0,
            ..self
        }
    }

    /// An OBX (`index` from 0) of this ORDER group.
    pub(crate) fn observation(self, index: usize) -> Place {
        Place {
            observation: index + 1,
            ..self
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.patient == 0 {
            return f.write_str("message");
        }
        write!(f, "patient {}", self.patient)?;
        if self.order > 0 {
            write!(f, ", ORDER {}", self.order)?;
        }
        if self.observation > 0 {
            write!(f, ", OBX {}", self.observation)?;
        }
        Ok(())
    }
}

/// One thing noticed while reading a response. `Display`: where, then what.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ResponseIssue {
    /// What.
    pub kind: ResponseIssueKind,
    /// Where.
    pub place: Place,
}

impl fmt::Display for ResponseIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.kind)
    }
}

/// The kinds of [`ResponseIssue`]. Observation codes named here are LOINC or local OBX-3 codes,
/// never values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ResponseIssueKind {
    /// No MSA segment.
    MissingMsa,
    /// No QAK segment, or no QAK-2.
    MissingQueryStatus,
    /// QAK-2 is a code HL7 0208 does not define.
    UnknownQueryStatus,
    /// MSH-21 names no response profile of the IG.
    UnknownProfile,
    /// QAK-2 says data was found, but no patient came.
    NoDataDespiteOk,
    /// Patients came although QAK-2 says none should (NF, TM, AE, AR, PD): read anyway.
    DataDespiteStatus,
    /// Several patients in a Z32 or Z42, which holds one: read as candidates.
    SeveralPatientsInRecord,
    /// Orders came with candidates (Z31 holds none): not read.
    OrdersWithCandidates,
    /// ORDER groups without a PID before them: read as the record's.
    MissingPid,
    /// An ORDER group without an RXA: not read.
    OrderWithoutRxa,
    /// An observation whose OBX-3 code this reader does not know; kept (in the vaccination's
    /// observations, the record's observations, or the evaluation's or forecast's `other`).
    ObservationNotUnderstood {
        /// OBX-3.1.
        code: String,
    },
    /// An evaluation or forecast value that does not read as its observation requires (a date, a
    /// number, `Y`/`N`); left out.
    ValueNotUnderstood {
        /// OBX-3.1.
        code: String,
    },
    /// A series status (59783-1) whose code and text name no status this reader knows; kept as sent.
    StatusNotUnderstood,
    /// Two different values for one observation of a group: the first is kept.
    ConflictingValues {
        /// OBX-3.1.
        code: String,
    },
    /// Evaluation or forecast observations that name no vaccine group, or that OBX-4 does not tie
    /// to one: read as a group of their own without a vaccine group.
    NoVaccineGroup,
    /// OBX-4 did not separate two vaccine groups: a new group started at the second vaccine type.
    GroupSplit,
    /// OBX-4 put evaluation or forecast observations apart from the order's only vaccine group:
    /// read as part of it.
    GroupJoined,
    /// A forecast (due dates, vaccines due next) on the record of a dose: read as a forecast.
    ForecastOnDose,
    /// Dose evaluation observations (dose validity, take response) on a record of no vaccine
    /// (CVX 998): left out of the forecast.
    EvaluationWithoutDose,
}

impl fmt::Display for ResponseIssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseIssueKind::MissingMsa => f.write_str("no MSA segment"),
            ResponseIssueKind::MissingQueryStatus => {
                f.write_str("no query response status (QAK-2)")
            }
            ResponseIssueKind::UnknownQueryStatus => {
                f.write_str("QAK-2 is not a query response status of HL7 0208")
            }
            ResponseIssueKind::UnknownProfile => {
                f.write_str("MSH-21 names no response profile of the IG (Z31, Z32, Z33, Z42)")
            }
            ResponseIssueKind::NoDataDespiteOk => {
                f.write_str("QAK-2 says data was found, but no patient came")
            }
            ResponseIssueKind::DataDespiteStatus => {
                f.write_str("patients came although QAK-2 says none should; read anyway")
            }
            ResponseIssueKind::SeveralPatientsInRecord => {
                f.write_str("several patients in a one-patient profile; read as candidates")
            }
            ResponseIssueKind::OrdersWithCandidates => {
                f.write_str("ORDER groups with a candidate; not read")
            }
            ResponseIssueKind::MissingPid => {
                f.write_str("ORDER groups without a PID; read as the record's")
            }
            ResponseIssueKind::OrderWithoutRxa => f.write_str("ORDER group without RXA; not read"),
            ResponseIssueKind::ObservationNotUnderstood { code } => write!(
                f,
                "observation {code} not understood; kept as an other observation"
            ),
            ResponseIssueKind::ValueNotUnderstood { code } => {
                write!(f, "the value of observation {code} does not read; left out")
            }
            ResponseIssueKind::StatusNotUnderstood => f.write_str(
                "series status (59783-1) names no known status; kept as sent, status unknown",
            ),
            ResponseIssueKind::ConflictingValues { code } => write!(
                f,
                "observation {code} has two different values in one group; the first is kept"
            ),
            ResponseIssueKind::NoVaccineGroup => f.write_str(
                "evaluation or forecast observations tied to no vaccine group; read without one",
            ),
            ResponseIssueKind::GroupSplit => f.write_str(
                "OBX-4 does not separate vaccine groups; a new group starts at each vaccine type",
            ),
            ResponseIssueKind::GroupJoined => f.write_str(
                "OBX-4 sets observations apart from the order's only vaccine group; read as part of it",
            ),
            ResponseIssueKind::ForecastOnDose => {
                f.write_str("forecast observations on a dose record; read as a forecast")
            }
            ResponseIssueKind::EvaluationWithoutDose => f.write_str(
                "dose evaluation observations on a record of no vaccine (CVX 998); left out",
            ),
        }
    }
}
