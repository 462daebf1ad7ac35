//! PV2 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// PV2 — patient visit, additional information: unconstrained by the IG, carried only because it is part of
    /// the base VXU_V04 structure.
    pub struct Pv2("PV2", "Patient Visit - Additional Information") {
        1 prior_pending_location: Pl "PL" O [0..1] 80 "Prior Pending Location"; // base standard: C, no IG predicate
        2 accommodation_code: Cwe "CE" O [0..1] 250 "Accommodation Code" table "HL70129";
        3 admit_reason: Cwe "CE" O [0..1] 250 "Admit Reason";
        4 transfer_reason: Cwe "CE" O [0..1] 250 "Transfer Reason";
        5 patient_valuables: St "ST" O [0..*] 25 "Patient Valuables";
        6 patient_valuables_location: St "ST" O [0..1] 25 "Patient Valuables Location";
        7 visit_user_code: Is "IS" O [0..*] 2 "Visit User Code" table "HL70130";
        8 expected_admit_date_time: Ts "TS" O [0..1] 26 "Expected Admit Date/Time";
        9 expected_discharge_date_time: Ts "TS" O [0..1] 26 "Expected Discharge Date/Time";
        10 estimated_length_of_inpatient_stay: Nm "NM" O [0..1] 3 "Estimated Length of Inpatient Stay";
        11 actual_length_of_inpatient_stay: Nm "NM" O [0..1] 3 "Actual Length of Inpatient Stay";
        12 visit_description: St "ST" O [0..1] 50 "Visit Description";
        13 referral_source_code: Xcn "XCN" O [0..*] 250 "Referral Source Code";
        14 previous_service_date: Dt "DT" O [0..1] 8 "Previous Service Date";
        15 employment_illness_related_indicator: Id "ID" O [0..1] 1 "Employment Illness Related Indicator" table "HL70136";
        16 purge_status_code: Is "IS" O [0..1] 1 "Purge Status Code" table "HL70213";
        17 purge_status_date: Dt "DT" O [0..1] 8 "Purge Status Date";
        18 special_program_code: Is "IS" O [0..1] 2 "Special Program Code" table "HL70214";
        19 retention_indicator: Id "ID" O [0..1] 1 "Retention Indicator" table "HL70136";
        20 expected_number_of_insurance_plans: Nm "NM" O [0..1] 1 "Expected Number of Insurance Plans";
        21 visit_publicity_code: Is "IS" O [0..1] 1 "Visit Publicity Code" table "HL70215";
        22 visit_protection_indicator: Id "ID" O [0..1] 1 "Visit Protection Indicator" table "HL70136";
        23 clinic_organization_name: Xon "XON" O [0..*] 250 "Clinic Organization Name";
        24 patient_status_code: Is "IS" O [0..1] 2 "Patient Status Code" table "HL70216";
        25 visit_priority_code: Is "IS" O [0..1] 1 "Visit Priority Code" table "HL70217";
        26 previous_treatment_date: Dt "DT" O [0..1] 8 "Previous Treatment Date";
        27 expected_discharge_disposition: Is "IS" O [0..1] 2 "Expected Discharge Disposition" table "HL70112";
        28 signature_on_file_date: Dt "DT" O [0..1] 8 "Signature on File Date";
        29 first_similar_illness_date: Dt "DT" O [0..1] 8 "First Similar Illness Date";
        30 patient_charge_adjustment_code: Cwe "CE" O [0..1] 250 "Patient Charge Adjustment Code" table "HL70218";
        31 recurring_service_code: Is "IS" O [0..1] 2 "Recurring Service Code" table "HL70219";
        32 billing_media_code: Id "ID" O [0..1] 1 "Billing Media Code" table "HL70136";
        33 expected_surgery_date_and_time: Ts "TS" O [0..1] 26 "Expected Surgery Date and Time";
        34 military_partnership_code: Id "ID" O [0..1] 1 "Military Partnership Code" table "HL70136";
        35 military_non_availability_code: Id "ID" O [0..1] 1 "Military Non-Availability Code" table "HL70136";
        36 newborn_baby_indicator: Id "ID" O [0..1] 1 "Newborn Baby Indicator" table "HL70136";
        37 baby_detained_indicator: Id "ID" O [0..1] 1 "Baby Detained Indicator" table "HL70136";
        38 mode_of_arrival_code: Cwe "CE" O [0..1] 250 "Mode of Arrival Code" table "HL70430";
        39 recreational_drug_use_code: Cwe "CE" O [0..*] 250 "Recreational Drug Use Code" table "HL70431";
        40 admission_level_of_care_code: Cwe "CE" O [0..1] 250 "Admission Level of Care Code" table "HL70432";
        41 precaution_code: Cwe "CE" O [0..*] 250 "Precaution Code" table "HL70433";
        42 patient_condition_code: Cwe "CE" O [0..1] 250 "Patient Condition Code" table "HL70434";
        43 living_will_code: Is "IS" O [0..1] 2 "Living Will Code" table "HL70315";
        44 organ_donor_code: Is "IS" O [0..1] 2 "Organ Donor Code" table "HL70316";
        45 advance_directive_code: Cwe "CE" O [0..*] 250 "Advance Directive Code" table "HL70435";
        46 patient_status_effective_date: Dt "DT" O [0..1] 8 "Patient Status Effective Date";
        47 expected_loa_return_date_time: Ts "TS" O [0..1] 26 "Expected LOA Return Date/Time"; // base standard: C, no IG predicate
        48 expected_pre_admission_testing_date_time: Ts "TS" O [0..1] 26 "Expected Pre-admission Testing Date/Time";
        49 notify_clergy_code: Is "IS" O [0..*] 20 "Notify Clergy Code" table "HL70534";
    }
}
