//! The facts the data-quality rules use that are not codes of a code set: name lists, lot-number
//! decorations, USPS state codes, telephone-numbering rules, ages and intervals. Each is stated once,
//! here, with its source; the rules name these constants, never the literals.
//!
//! Where a fact is a selection of codes of a value set (the relationships of a responsible party, the
//! VFC-eligible categories, the manufacturer codes for "other" and "unknown"), a test checks that
//! every code is a member of that value set in [`crate::codes`].
//!
//! Sources: `spec/data-quality.md` (the project's catalogue, built from AIRA's MQE validator
//! `mqe-validator` detection rules: name lists, the 120-year limit, the 2-hour tolerance, lot
//! prefixes and suffixes, NANP rules, dose-count limits), the CDC IG 1.5 (Table A-3 VFC
//! eligibility, Appendix A), USPS Publication 28 (state abbreviations) and the NANP numbering plan
//! (N11 service codes, 555-01xx fictional numbers).

/// How far past "now" a date may be before it counts as in the future (clock skew between systems).
pub(crate) const FUTURE_TOLERANCE_HOURS: i64 = 2;

/// A patient older than this (in years) is implausible (MQE0120).
pub(crate) const MAX_AGE_YEARS: u32 = 120;

/// Under this age (in years) a patient is a minor and needs a responsible party (MQE0157).
pub(crate) const MINOR_AGE_YEARS: u32 = 18;

/// VFC covers children through 18 years: at this age (in years) and older a VFC-eligible status is
/// wrong (IG Table A-3; VFC program).
pub(crate) const VFC_AGE_LIMIT_YEARS: u32 = 19;

/// An administered dose received more than this many days after it was given is reported late
/// (MQE0265, the last timeliness bucket).
pub(crate) const REPORTED_LATE_DAYS: i64 = 30;

/// An administered dose dated more than this many days before the message, without a lot number,
/// looks like history entered as a new record (MQE0327).
pub(crate) const LOOKS_HISTORICAL_DAYS: i64 = 365;

/// Doses of one vaccine group less than this many days apart are likely one dose entered twice with
/// a date error (catalogue DQ-DUP-003).
pub(crate) const DUPLICATE_WINDOW_DAYS: i64 = 4;

/// A lot number this short or shorter is implausible (MQE0595).
pub(crate) const MAX_SHORT_LOT_LEN: usize = 4;

/// The largest plausible dose of an injected vaccine, in mL (catalogue DQ-AMT-006: "> 1 mL for most
/// injectables").
pub(crate) const MAX_INJECTED_ML: f64 = 1.0;

/// The amount that means "unknown" (RXA-6, IG: 999 with no units).
pub(crate) const UNKNOWN_AMOUNT: f64 = 999.0;

/// Implausible numbers of doses for age (MQE0568): this many or more before the age in months.
pub(crate) const DOSE_COUNT_LIMITS: &[(u32, usize)] = &[(6, 20), (24, 30)];

/// UCUM code of millilitres, the unit of an administered amount (RXA-7; a member of `UCUM`).
pub(crate) const MILLILITRE: &str = "mL";

/// Coding system of RXA-7 units (HL7 0396).
pub(crate) const UCUM_SYSTEM: &str = "UCUM";

/// Coding systems of the vaccine code (RXA-5.3 / 5.6, HL7 0396): CVX, NDC, CPT-4.
pub(crate) const CVX_SYSTEM: &str = "CVX";
/// NDC coding system.
pub(crate) const NDC_SYSTEM: &str = "NDC";
/// CPT-4 coding system (HL7 0396 `C4`).
pub(crate) const CPT_SYSTEM: &str = "C4";

/// Value set of race codes.
pub(crate) const RACE_VALUE_SET: &str = "CDCREC_R_IZ";
/// Value set of ethnicity codes.
pub(crate) const ETHNICITY_VALUE_SET: &str = "CDCREC_E_IZ";
/// Value set of administrative sex (PID-8).
pub(crate) const SEX_VALUE_SET: &str = "HL70001";
/// Value set of relationships (NK1-3).
pub(crate) const RELATIONSHIP_VALUE_SET: &str = "HL70063";
/// Value sets of routes (RXR-1): NCIT (preferred) and HL7 0162.
pub(crate) const ROUTE_VALUE_SETS: &[&str] = &[NCIT_ROUTES, HL7_ROUTES];
/// NCIT routes (the IG's preferred route codes).
pub(crate) const NCIT_ROUTES: &str = "NCIT";
/// HL7 0162 routes.
pub(crate) const HL7_ROUTES: &str = "HL70162";
/// Value set of administration sites (RXR-2).
pub(crate) const SITE_VALUE_SET: &str = "HL70163";
/// Value set of VFC eligibility (OBX-5 of 64994-7).
pub(crate) const ELIGIBILITY_VALUE_SET: &str = "HL70064";
/// Value set of funding sources (OBX-5 of 30963-3).
pub(crate) const FUNDING_SOURCE_VALUE_SET: &str = "PHVS_ImmunizationFundingSource_IIS";
/// Identifier type of a Social Security number (CX-5, HL7 0203).
pub(crate) const SSN_TYPE: &str = "SS";
/// Yes (HL7 0136).
pub(crate) const YES: &str = "Y";
/// No (HL7 0136).
pub(crate) const NO: &str = "N";

/// Relationships of a responsible party for a minor (HL7 0063; MQE0089): mother, father, parent,
/// guardian, care giver, grandparent.
pub(crate) const RESPONSIBLE_RELATIONSHIPS: &[&str] = &["MTH", "FTH", "PAR", "GRD", "CGV", "GRP"];

/// Relationships that cannot be a minor's responsible party (HL7 0063; MQE0485): child, stepchild,
/// foster child.
pub(crate) const CHILD_RELATIONSHIPS: &[&str] = &["CHD", "SCH", "FCH"];

/// VFC-eligible categories (HL7 0064; IG Table A-3): Medicaid, uninsured, American Indian/Alaska
/// Native, underinsured.
pub(crate) const VFC_ELIGIBLE: &[&str] = &["V02", "V03", "V04", "V05"];

/// Not VFC eligible (HL7 0064).
pub(crate) const NOT_VFC_ELIGIBLE: &str = "V01";

/// Funding source "public VFC" (PHVS_ImmunizationFundingSource_IIS), inconsistent with "not VFC
/// eligible" (MQE0596).
pub(crate) const PUBLIC_VFC_FUNDING: &str = "VXC51";

/// Manufacturer codes that name no manufacturer: other, unknown (MVX; catalogue DQ-VAC-013).
pub(crate) const PLACEHOLDER_MANUFACTURERS: &[&str] = &["OTH", "UNK"];

/// The value types (HL7 0125) an observation of each LOINC code is written in (IG 1.5 chapter 7 and
/// Appendix A): a coded value or a date.
pub(crate) const CODED_VALUE_TYPES: &[&str] = &["CE", "CWE"];
/// Value types of a date observation.
pub(crate) const DATE_VALUE_TYPES: &[&str] = &["DT", "TS", "DTM"];

/// First or last names that are not names (MQE0140, MQE0165).
pub(crate) const NON_NAME_TOKENS: &[&str] = &["X", "U", "UN", "UK", "UNK", "UNKN", "NONE"];

/// Middle names that are not names (MQE0528), compared on their letters.
pub(crate) const NON_MIDDLE_NAMES: &[&str] =
    &["UN", "UK", "UNK", "UNKN", "NONE", "NOMIDDLENAME", "NMN"];

/// Junk names (MQE0173), compared on their letters (`NO NAME` is `NONAME`).
pub(crate) const JUNK_NAMES: &[&str] = &[
    "UNKNOWN",
    "NONE",
    "NONAME",
    "NOFIRSTNAME",
    "NOLASTNAME",
    "EMPTY",
    "MISSING",
    "UNNAMED",
    "MALE",
    "FEMALE",
];

/// Words of a temporary newborn name (MQE0172): the first word of a given name, or a family name
/// beside a given name of [`NEWBORN_SEX_WORDS`].
pub(crate) const NEWBORN_WORDS: &[&str] = &["BABY", "NEWBORN", "INFANT", "TWIN", "TRIPLET"];

/// Sex words of a temporary newborn name (`BOY BABY`, `BABY^GIRL`).
pub(crate) const NEWBORN_SEX_WORDS: &[&str] = &["BOY", "GIRL"];

/// Whole given names that mark a newborn or a twin (`BB` baby boy, `BG` baby girl, `B1`, `G1` ...).
pub(crate) const NEWBORN_CODES: &[&str] = &[
    "BB", "BG", "B1", "B2", "B3", "G1", "G2", "G3", "BBA", "BBB", "BGA", "BGB",
];

/// Words of a test patient's name (MQE0551): either name.
pub(crate) const TEST_WORDS: &[&str] = &["TEST", "PATIENT"];

/// Cartoon names of test patients (MQE0551): given and family name.
pub(crate) const TEST_NAMES: &[(&str, &str)] = &[
    ("MICKEY", "MOUSE"),
    ("MICKY", "MOUSE"),
    ("MINNIE", "MOUSE"),
    ("DONALD", "DUCK"),
];

/// Prefixes that mark a mother's maiden name as a placeholder (MQE0550).
pub(crate) const MAIDEN_NAME_PLACEHOLDER_PREFIXES: &[&str] = &["XX", "ZZ"];

/// Suffixes written inside a name instead of XPN.4 (catalogue DQ-PID-017).
pub(crate) const NAME_SUFFIXES: &[&str] = &["JR", "SR", "II", "III", "IV"];

/// Prefixes written inside a name instead of XPN.5 (catalogue DQ-PID-017).
pub(crate) const NAME_PREFIXES: &[&str] = &["DR", "MR", "MRS", "MS"];

/// Words that do not belong in a lot number, found before it (MQE0592, MQE0593), compared without
/// case.
pub(crate) const LOT_PREFIXES: &[&str] = &[
    "LOT#", "LOT:", "LOT", "MED", "VFC", "STATE", "PRIVATE", "PED", "ADULT",
];

/// Words that do not belong in a lot number, found after it (MQE0594), compared without case.
pub(crate) const LOT_SUFFIXES: &[&str] = &["(P)", "-P", "-S", "VFC", "PRIVATE", "STATE"];

/// Characters that separate several lot numbers written in one field (MQE0591).
pub(crate) const LOT_SEPARATORS: &[char] = &[',', ';', '/', '&', '+'];

/// A run of this many letters in a lot number is looked up as a trade name (MQE0593: `PENTACEL`,
/// `GARDASIL` ...): real lot numbers rarely hold so many letters in a row.
pub(crate) const LOT_TRADENAME_MIN_LETTERS: usize = 5;

/// Routes of administration as families, by a word their names share: the route's meaning in NCIT or
/// HL7 0162 and the route the CDC NDC tables give each package (`INTRAMUSCULAR`, `ORAL`,
/// `INTRANASAL` ...).
pub(crate) const ROUTE_FAMILIES: &[&str] =
    &["MUSCULAR", "SUBCUT", "PERCUT", "DERMAL", "NASAL", "ORAL"];

/// The route families of [`ROUTE_FAMILIES`] that are not injections.
pub(crate) const NON_INJECTED_ROUTE_FAMILIES: &[&str] = &["NASAL", "ORAL"];

/// USPS state, district, territory and military codes (USPS Publication 28, appendix B).
pub(crate) const USPS_STATES: &[&str] = &[
    "AA", "AE", "AK", "AL", "AP", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "FM", "GA",
    "GU", "HI", "IA", "ID", "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MH", "MI", "MN", "MO",
    "MP", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR",
    "PW", "RI", "SC", "SD", "TN", "TX", "UM", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY",
];

/// Country codes of the United States (HL7 0399 / ISO 3166): addresses in these are checked against
/// USPS rules; an empty country is taken as the US.
pub(crate) const US_COUNTRIES: &[&str] = &["USA", "US"];

/// NANP: the exchange of fictional numbers (555) and the first two digits of its reserved line
/// numbers (555-0100 to 555-0199).
pub(crate) const FICTIONAL_EXCHANGE: &str = "555";
/// See [`FICTIONAL_EXCHANGE`].
pub(crate) const FICTIONAL_LINE_PREFIX: &str = "01";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;

    #[test]
    fn code_selections_are_members_of_their_value_sets() {
        for code in RESPONSIBLE_RELATIONSHIPS.iter().chain(CHILD_RELATIONSHIPS) {
            assert!(codes::contains(RELATIONSHIP_VALUE_SET, code), "{code}");
        }
        for code in VFC_ELIGIBLE.iter().chain([&NOT_VFC_ELIGIBLE]) {
            assert!(codes::contains(ELIGIBILITY_VALUE_SET, code), "{code}");
        }
        assert!(codes::contains(
            FUNDING_SOURCE_VALUE_SET,
            PUBLIC_VFC_FUNDING
        ));
        for code in PLACEHOLDER_MANUFACTURERS {
            assert!(codes::mvx(code).is_some(), "{code}");
        }
        for system in [CVX_SYSTEM, NDC_SYSTEM, CPT_SYSTEM, UCUM_SYSTEM] {
            assert!(codes::contains("HL70396", system), "{system}");
        }
        for t in CODED_VALUE_TYPES.iter().chain(DATE_VALUE_TYPES) {
            assert!(codes::contains("HL70125", t), "{t}");
        }
        assert!(codes::contains("UCUM", MILLILITRE));
        assert!(codes::contains("HL70203", SSN_TYPE));
        assert!(codes::contains("HL70136", YES) && codes::contains("HL70136", NO));
        for vs in [
            RACE_VALUE_SET,
            ETHNICITY_VALUE_SET,
            SEX_VALUE_SET,
            SITE_VALUE_SET,
            ELIGIBILITY_VALUE_SET,
            FUNDING_SOURCE_VALUE_SET,
        ]
        .iter()
        .chain(ROUTE_VALUE_SETS)
        {
            assert!(codes::value_set(vs).is_some(), "{vs}");
        }
    }

    #[test]
    fn every_route_family_names_routes_of_both_tables() {
        // Each family matches at least one route meaning of the value sets, so a route can be placed.
        for family in ROUTE_FAMILIES {
            let found = ROUTE_VALUE_SETS.iter().any(|vs| {
                codes::value_set(vs).is_some_and(|set| {
                    set.codes()
                        .iter()
                        .any(|c| c.meaning.to_ascii_uppercase().contains(family))
                })
            });
            assert!(found, "{family}");
        }
    }
}
