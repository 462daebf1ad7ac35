//! What the OBX segments of an order say besides funding: the VIS documents given ([`Vis`]) and
//! clinical observations ([`ClinicalObservation`]: immunity, contraindications, reactions,
//! indications, and any other OBX, such as a Z42 evaluation or forecast, kept generically).

use chrono::NaiveDate;

use crate::model::types::Varies;

use super::coded::Coded;
use super::timestamp::Timestamp;

/// Which VIS a patient was given.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum VisDocumentId {
    /// The fully encoded VIS barcode string (OBX 69764-9, coding system `cdcgs1vis`): the preferred
    /// method.
    Barcode(Coded),
    /// The vaccine type, a CVX code (OBX 30956-7), with the edition date: the legacy method.
    VaccineType(Coded),
}

/// A Vaccine Information Statement given to the patient or guardian: the document and its dates,
/// sent as OBX segments that share one OBX-4 sub-ID (IZ-24).
///
/// ```
/// use chrono::NaiveDate;
/// use izmsg::model::domain::{Vis, VisChoice, VisDocumentId};
/// let today = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
/// let vis = Vis::barcode("253088698300003511210806", today);
/// let Some(VisDocumentId::Barcode(code)) = &vis.document else { unreachable!() };
/// assert_eq!(code.system.as_deref(), Some("cdcgs1vis"));
/// assert!(code.text.is_some()); // the CDC's document name
///
/// // The VIS in force when it was presented, by barcode: MMR (CVX 03) on 2024-03-15.
/// let [mmr] = Vis::current_for_cvx("03", today, VisChoice::PerVaccine).try_into().unwrap();
/// let Some(VisDocumentId::Barcode(code)) = &mmr.document else { unreachable!() };
/// assert_eq!(code.code, "253088698300012711210806"); // the 2021-08-06 edition
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Vis {
    /// The document (`None` only when read from a group that named none).
    pub document: Option<VisDocumentId>,
    /// The edition's publication date (OBX 29768-9; legacy method).
    pub edition: Option<NaiveDate>,
    /// When it was presented (OBX 29769-7; required with either method).
    pub presented: Option<NaiveDate>,
}

impl Vis {
    /// The coding system of VIS barcodes.
    pub const BARCODE_SYSTEM: &'static str = "cdcgs1vis";

    /// A VIS by its barcode string, presented on `presented`; the text is the CDC's document name
    /// when the barcode is known.
    pub fn barcode(barcode: &str, presented: NaiveDate) -> Vis {
        let text = crate::codes::vis_document(barcode).map(|d| d.document_name.to_string());
        Vis {
            document: Some(VisDocumentId::Barcode(Coded {
                code: barcode.to_string(),
                text,
                system: Some(Self::BARCODE_SYSTEM.to_string()),
            })),
            edition: None,
            presented: Some(presented),
        }
    }

    /// A VIS by vaccine type (a CVX code) and edition date, presented on `presented`.
    pub fn vaccine_type(cvx: &str, edition: NaiveDate, presented: NaiveDate) -> Vis {
        Vis {
            document: Some(VisDocumentId::VaccineType(Coded::cvx(cvx))),
            edition: Some(edition),
            presented: Some(presented),
        }
    }

    /// The VIS to give with a dose of the vaccine `cvx`, presented on `presented`: for each VIS
    /// document the CDC links to the vaccine, the edition in force on that date (the latest one
    /// published on or before it; see [`codes::vis_in_force`](crate::codes::vis_in_force)), by
    /// barcode. Empty for a vaccine without a VIS.
    ///
    /// The infant vaccines (DTaP, Hib, Hep B, polio, PCV) and their combinations are covered both
    /// by their own VIS and by the multiple-vaccines VIS: a clinic gives one or the other, and
    /// `choice` says which. For a combination (CVX 110, DTaP-Hep B-IPV) that is the one
    /// multiple-vaccines VIS, or the DTaP, Hep B and polio VIS. A vaccine the multiple-vaccines VIS
    /// does not cover (or a date before it existed) gets its own VIS whatever the choice.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use izmsg::model::domain::{Vis, VisChoice};
    /// let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    /// let names = |choice| -> Vec<String> {
    ///     Vis::current_for_cvx("110", day, choice).iter()
    ///         .map(|v| v.document_name().unwrap_or_default().to_string()).collect()
    /// };
    /// assert_eq!(names(VisChoice::MultiVaccine), ["Multi Pediatric Vaccines VIS"]);
    /// assert_eq!(
    ///     names(VisChoice::PerVaccine),
    ///     ["DTaP (Diphtheria, Tetanus, Pertussis) Vaccine VIS", "Hepatitis B Vaccine VIS", "Polio Vaccine VIS"]
    /// );
    /// // In 2020 the editions in force were those of 2018-08-24 (DTaP), 2019-08-15 and 2019-10-30.
    /// let per_vaccine = Vis::current_for_cvx("110", day, VisChoice::PerVaccine);
    /// assert!(per_vaccine.iter().all(|v| v.presented == Some(day)));
    /// ```
    pub fn current_for_cvx(cvx: &str, presented: NaiveDate, choice: VisChoice) -> Vec<Vis> {
        let in_force = crate::codes::vis_in_force(cvx, presented);
        let multi = in_force.iter().any(|d| d.is_multi_vaccine());
        in_force
            .into_iter()
            .filter(|d| match choice {
                VisChoice::MultiVaccine if multi => d.is_multi_vaccine(),
                _ => !d.is_multi_vaccine(),
            })
            .map(|d| Vis::barcode(&d.vis_encoded, presented))
            .collect()
    }

    /// The CDC's name of the document, when it is given by a known barcode.
    pub fn document_name(&self) -> Option<&str> {
        match &self.document {
            Some(VisDocumentId::Barcode(c)) => c.text.as_deref(),
            _ => None,
        }
    }
}

/// Which VIS to give with a vaccine the multiple-vaccines VIS covers (see
/// [`Vis::current_for_cvx`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VisChoice {
    /// The multiple-vaccines VIS, one document for all the infant vaccines given at the visit.
    MultiVaccine,
    /// The VIS of each vaccine (of each component of a combination vaccine).
    PerVaccine,
}

/// A contraindication or precaution (OBX 30945-0) with its effective and expiration dates (30946-8,
/// 30944-3) in the same OBX-4 group.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Contraindication {
    /// What (PHVS_VaccinationContraindication_IIS: `VXC17`-`VXC30` or SNOMED).
    pub reason: Coded,
    /// Since when.
    pub effective: Option<NaiveDate>,
    /// Until when, for a temporary one.
    pub expires: Option<NaiveDate>,
}

/// The value of a generic observation, by its OBX-2 value type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ObservationValue {
    /// CE, CWE or CNE.
    Coded(Coded),
    /// DT, TS or DTM (written as DT when day precision or less, else TS).
    Date(Timestamp),
    /// NM, as sent.
    Number(String),
    /// Any other type (ST, ID, TX ...): the first component's text.
    Text(String),
}

impl ObservationValue {
    /// Reads OBX-5 as OBX-2 says; a date that does not parse is kept as text.
    pub fn read(value_type: &str, v: &Varies) -> ObservationValue {
        match value_type.trim().to_ascii_uppercase().as_str() {
            "CE" | "CWE" | "CNE" => match Coded::from_varies(v) {
                Some(c) => ObservationValue::Coded(c),
                None => ObservationValue::Text(String::new()),
            },
            "DT" | "TS" | "DTM" => match Timestamp::parse(v.as_str()) {
                Some(t) => ObservationValue::Date(t),
                None => ObservationValue::Text(v.as_str().to_string()),
            },
            "NM" => ObservationValue::Number(v.as_str().to_string()),
            _ => ObservationValue::Text(v.as_str().to_string()),
        }
    }

    /// The OBX-2 value type the builder writes for this value.
    pub fn value_type(&self) -> &'static str {
        match self {
            ObservationValue::Coded(_) => "CE",
            ObservationValue::Date(t) if t.precision <= crate::model::types::Precision::Day => "DT",
            ObservationValue::Date(_) => "TS",
            ObservationValue::Number(_) => "NM",
            ObservationValue::Text(_) => "ST",
        }
    }

    /// The value as OBX-5.
    pub fn to_varies(&self) -> Varies {
        match self {
            ObservationValue::Coded(c) => c.to_varies(),
            ObservationValue::Date(t) => Varies::text(&t.to_hl7()),
            ObservationValue::Number(n) => Varies::text(n),
            ObservationValue::Text(t) => Varies::text(t),
        }
    }
}

/// Any other observation, kept as it came: the code, the value, the sub-ID that groups it with
/// others (an evaluated dose or forecast in a Z42 groups its OBX by sub-ID), units and date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OtherObservation {
    /// What is observed (OBX-3, a LOINC code of NIP003).
    pub code: Coded,
    /// The value (OBX-2, OBX-5).
    pub value: ObservationValue,
    /// The group it belongs to (OBX-4), written as given.
    pub sub_id: String,
    /// Units (OBX-6).
    pub units: Option<Coded>,
    /// When it was observed (OBX-14).
    pub date: Option<Timestamp>,
}

/// An observation about the patient or the dose (OBX segments other than funding and VIS).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ClinicalObservation {
    /// Disease with presumed immunity (59784-9, SNOMED).
    Immunity(Coded),
    /// Serological evidence of immunity (75505-8, SNOMED).
    SerologicalImmunity(Coded),
    /// A contraindication or precaution (30945-0, with 30946-8 and 30944-3).
    Contraindication(Contraindication),
    /// A reaction after a dose (31044-1).
    Reaction(Coded),
    /// An indication to immunize (59785-6).
    Indication(Coded),
    /// Any other observation.
    Other(OtherObservation),
}
