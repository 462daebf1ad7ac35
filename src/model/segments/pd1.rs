//! PD1 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// PD1 — additional demographics: reminder/recall publicity, data-sharing protection and the patient's
    /// registry status at the sending organization, each with its effective date.
    pub struct Pd1("PD1", "Patient Additional Demographic") {
        1 living_dependency: Is "IS" O [0..*] 2 "Living Dependency" table "HL70223";
        2 living_arrangement: Is "IS" O [0..1] 2 "Living Arrangement" table "HL70220";
        3 patient_primary_facility: Xon "XON" O [0..*] 250 "Patient Primary Facility";
        4 primary_care_provider: Xcn "XCN" X [0..0] 250 "Patient Primary Care Provider Name & ID No.";
        5 student_indicator: Is "IS" O [0..1] 2 "Student Indicator" table "HL70231";
        6 handicap: Is "IS" O [0..1] 2 "Handicap" table "HL70295";
        7 living_will_code: Is "IS" O [0..1] 2 "Living Will Code" table "HL70315";
        8 organ_donor_code: Is "IS" O [0..1] 2 "Organ Donor Code" table "HL70316";
        9 separate_bill: Id "ID" O [0..1] 1 "Separate Bill" table "HL70136";
        10 duplicate_patient: Cx "CX" O [0..*] 250 "Duplicate Patient";
        11 publicity_code: Cwe "CE_IZ" RE [0..1] 250 "Publicity Code" table "HL70215";
        12 protection_indicator: Id "ID" RE [0..1] 1 "Protection Indicator" table "HL70136";
        13 protection_indicator_effective_date: Dt "DT_D" C(RE/X) [0..1] 8 "Protection Indicator Effective Date"; // Z31: DT
        14 place_of_worship: Xon "XON" O [0..*] 250 "Place of Worship";
        15 advance_directive_code: Cwe "CE" O [0..*] 250 "Advance Directive Code" table "HL70435";
        16 immunization_registry_status: Is "IS" RE [0..1] 1 "Immunization Registry Status" table "HL70441";
        17 immunization_registry_status_effective_date: Dt "DT_D" C(RE/X) [0..1] 8 "Immunization Registry Status Effective Date"; // Z31/Z32: DT
        18 publicity_code_effective_date: Dt "DT_D" C(RE/X) [0..1] 8 "Publicity Code Effective Date"; // Z31/Z32: DT
        19 military_branch: Is "IS" O [0..1] 5 "Military Branch" table "HL70140";
        20 military_rank_grade: Is "IS" O [0..1] 2 "Military Rank/Grade" table "HL70141";
        21 military_status: Is "IS" O [0..1] 3 "Military Status" table "HL70142";
    }
}
