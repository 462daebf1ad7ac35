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
