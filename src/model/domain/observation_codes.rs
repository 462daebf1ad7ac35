//! The LOINC observation identifiers (OBX-3) the domain view reads and the builder writes, each
//! declared once.
//!
//! Their meanings come from the IG's NIP003 value set, embedded from `codesets/` and answered by
//! [`izmsg::codes::lookup("NIP003", code)`](crate::codes::lookup); a test checks that every code here
//! is a member of it. Logic elsewhere names these constants, never the literal codes.

/// Vaccine funding program eligibility category (OBX-5 from HL7 0064; IZ-23 requires it for every
/// administered dose).
pub const FUNDING_ELIGIBILITY: &str = "64994-7";
/// Vaccine funding source: who paid for the dose (PHVS_ImmunizationFundingSource_IIS).
pub const FUNDING_SOURCE: &str = "30963-3";
/// VIS document type: the fully encoded VIS barcode string (the preferred VIS method).
pub const VIS_DOCUMENT_TYPE: &str = "69764-9";
/// Vaccine type (vaccine group, a CVX code): the legacy VIS method, and the vaccine group of a Z42
/// evaluation or forecast.
pub const VACCINE_TYPE: &str = "30956-7";
/// Component vaccine type: accepted in place of [`VACCINE_TYPE`] for backward compatibility.
pub const COMPONENT_VACCINE_TYPE: &str = "38890-0";
/// Date the VIS edition was published (legacy VIS method).
pub const VIS_PUBLISHED: &str = "29768-9";
/// Date the VIS was presented to the patient or guardian (both VIS methods).
pub const VIS_PRESENTED: &str = "29769-7";
/// Disease with presumed immunity (history of disease as evidence of immunity).
pub const PRESUMED_IMMUNITY: &str = "59784-9";
/// Serological evidence of immunity.
pub const SEROLOGICAL_IMMUNITY: &str = "75505-8";
/// Vaccination contraindication or precaution.
pub const CONTRAINDICATION: &str = "30945-0";
/// Date a contraindication or precaution took effect.
pub const CONTRAINDICATION_EFFECTIVE: &str = "30946-8";
/// Date a temporary contraindication or precaution expires.
pub const CONTRAINDICATION_EXPIRES: &str = "30944-3";
/// Reaction (adverse event after a dose).
pub const REACTION: &str = "31044-1";
/// Indication to immunize (special indication or risk).
pub const INDICATION: &str = "59785-6";

// The evaluation and forecast observations of a Z42 response (and of evaluated histories elsewhere):
// one group of OBX per vaccine group, sharing an OBX-4 sub-ID. `iis::response` reads them.

/// Vaccines due next: the vaccine group a forecast is about, as some registries send it in place of
/// [`VACCINE_TYPE`].
pub const VACCINES_DUE_NEXT: &str = "30979-9";
/// Immunization series name (a registry's name for the series, sometimes the only vaccine-group key).
pub const SERIES_NAME: &str = "59780-7";
/// Immunization schedule used (`VXC16` ACIP).
pub const SCHEDULE_USED: &str = "59779-9";
/// Dose number in series: of this dose (evaluation) or of the next dose (forecast).
pub const DOSE_NUMBER: &str = "30973-2";
/// Number of doses in primary series.
pub const DOSES_IN_SERIES: &str = "59782-3";
/// Dose validity (`Y` / `N`).
pub const DOSE_VALIDITY: &str = "59781-5";
/// Reason applied by the forecast or evaluation logic.
pub const REASON_APPLIED: &str = "30982-3";
/// Status in immunization series (answers: the LOINC list `LL940-8` in the code sets, or local codes).
pub const SERIES_STATUS: &str = "59783-1";
/// Date vaccine due: the recommended date of the next dose.
pub const DATE_DUE: &str = "30980-7";
/// Earliest date to give the next dose.
pub const EARLIEST_DATE: &str = "30981-5";
/// Latest date the next dose may be given.
pub const LATEST_DATE: &str = "59777-3";
/// Date the next dose is overdue.
pub const OVERDUE_DATE: &str = "59778-1";
/// Vaccination take-response type (a smallpox vaccination's take).
pub const TAKE_RESPONSE_TYPE: &str = "46249-9";
/// Vaccination take-response date.
pub const TAKE_RESPONSE_DATE: &str = "46250-7";
/// Annotation comment: free text about an evaluation or forecast.
pub const ANNOTATION: &str = "48767-8";

/// Every identifier declared here.
pub const ALL: &[&str] = &[
    FUNDING_ELIGIBILITY,
    FUNDING_SOURCE,
    VIS_DOCUMENT_TYPE,
    VACCINE_TYPE,
    COMPONENT_VACCINE_TYPE,
    VIS_PUBLISHED,
    VIS_PRESENTED,
    PRESUMED_IMMUNITY,
    SEROLOGICAL_IMMUNITY,
    CONTRAINDICATION,
    CONTRAINDICATION_EFFECTIVE,
    CONTRAINDICATION_EXPIRES,
    REACTION,
    INDICATION,
    VACCINES_DUE_NEXT,
    SERIES_NAME,
    SCHEDULE_USED,
    DOSE_NUMBER,
    DOSES_IN_SERIES,
    DOSE_VALIDITY,
    REASON_APPLIED,
    SERIES_STATUS,
    DATE_DUE,
    EARLIEST_DATE,
    LATEST_DATE,
    OVERDUE_DATE,
    TAKE_RESPONSE_TYPE,
    TAKE_RESPONSE_DATE,
    ANNOTATION,
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_code_is_a_member_of_nip003() {
        for code in super::ALL {
            assert!(
                crate::codes::lookup("NIP003", code).is_some(),
                "{code} is not in NIP003"
            );
        }
    }
}
