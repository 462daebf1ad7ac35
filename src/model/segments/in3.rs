//! IN3 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// IN3 — insurance certification: base-standard segment, unconstrained by the IG.
    pub struct In3("IN3", "Insurance Additional Information, Certification") {
        1 set_id: Si "SI" R [1..1] 4 "Set ID - IN3";
        2 certification_number: Cx "CX" O [0..1] 250 "Certification Number";
        3 certified_by: Xcn "XCN" O [0..*] 250 "Certified By";
        4 certification_required: Id "ID" O [0..1] 1 "Certification Required" table "HL70136";
        5 penalty: Mop "MOP" O [0..1] 23 "Penalty";
        6 certification_date_time: Ts "TS" O [0..1] 26 "Certification Date/Time";
        7 certification_modify_date_time: Ts "TS" O [0..1] 26 "Certification Modify Date/Time";
        8 operator: Xcn "XCN" O [0..*] 250 "Operator";
        9 certification_begin_date: Dt "DT" O [0..1] 8 "Certification Begin Date";
        10 certification_end_date: Dt "DT" O [0..1] 8 "Certification End Date";
        11 days: Dtn "DTN" O [0..1] 6 "Days";
        12 non_concur_code_description: Cwe "CE" O [0..1] 250 "Non-Concur Code/Description" table "HL70233";
        13 non_concur_effective_date_time: Ts "TS" O [0..1] 26 "Non-Concur Effective Date/Time";
        14 physician_reviewer: Xcn "XCN" O [0..*] 250 "Physician Reviewer" table "HL70010";
        15 certification_contact: St "ST" O [0..1] 48 "Certification Contact";
        16 certification_contact_phone_number: Xtn "XTN" O [0..*] 250 "Certification Contact Phone Number";
        17 appeal_reason: Cwe "CE" O [0..1] 250 "Appeal Reason" table "HL70345";
        18 certification_agency: Cwe "CE" O [0..1] 250 "Certification Agency" table "HL70346";
        19 certification_agency_phone_number: Xtn "XTN" O [0..*] 250 "Certification Agency Phone Number";
        20 pre_certification_requirement: Icd "ICD" O [0..*] 40 "Pre-Certification Requirement";
        21 case_manager: St "ST" O [0..1] 48 "Case Manager";
        22 second_opinion_date: Dt "DT" O [0..1] 8 "Second Opinion Date";
        23 second_opinion_status: Is "IS" O [0..1] 1 "Second Opinion Status" table "HL70151";
        24 second_opinion_documentation_received: Is "IS" O [0..*] 1 "Second Opinion Documentation Received" table "HL70152";
        25 second_opinion_physician: Xcn "XCN" O [0..*] 250 "Second Opinion Physician" table "HL70010";
    }
}
