//! IN2 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// IN2 — insurance, additional information: base-standard segment, unconstrained by the IG.
    pub struct In2("IN2", "Insurance Additional Information") {
        1 insureds_employee_id: Cx "CX" O [0..*] 250 "Insured's Employee ID";
        2 insureds_social_security_number: St "ST" O [0..1] 11 "Insured's Social Security Number";
        3 insureds_employers_name_and_id: Xcn "XCN" O [0..*] 250 "Insured's Employer's Name and ID";
        4 employer_information_data: Is "IS" O [0..1] 1 "Employer Information Data" table "HL70139";
        5 mail_claim_party: Is "IS" O [0..*] 1 "Mail Claim Party" table "HL70137";
        6 medicare_health_ins_card_number: St "ST" O [0..1] 15 "Medicare Health Ins Card Number";
        7 medicaid_case_name: Xpn "XPN" O [0..*] 250 "Medicaid Case Name";
        8 medicaid_case_number: St "ST" O [0..1] 15 "Medicaid Case Number";
        9 military_sponsor_name: Xpn "XPN" O [0..*] 250 "Military Sponsor Name";
        10 military_id_number: St "ST" O [0..1] 20 "Military ID Number";
        11 dependent_of_military_recipient: Cwe "CE" O [0..1] 250 "Dependent Of Military Recipient" table "HL70342";
        12 military_organization: St "ST" O [0..1] 25 "Military Organization";
        13 military_station: St "ST" O [0..1] 25 "Military Station";
        14 military_service: Is "IS" O [0..1] 14 "Military Service" table "HL70140";
        15 military_rank_grade: Is "IS" O [0..1] 2 "Military Rank/Grade" table "HL70141";
        16 military_status: Is "IS" O [0..1] 3 "Military Status" table "HL70142";
        17 military_retire_date: Dt "DT" O [0..1] 8 "Military Retire Date";
        18 military_non_avail_cert_on_file: Id "ID" O [0..1] 1 "Military Non-Avail Cert On File" table "HL70136";
        19 baby_coverage: Id "ID" O [0..1] 1 "Baby Coverage" table "HL70136";
        20 combine_baby_bill: Id "ID" O [0..1] 1 "Combine Baby Bill" table "HL70136";
        21 blood_deductible: St "ST" O [0..1] 1 "Blood Deductible";
        22 special_coverage_approval_name: Xpn "XPN" O [0..*] 250 "Special Coverage Approval Name";
        23 special_coverage_approval_title: St "ST" O [0..1] 30 "Special Coverage Approval Title";
        24 non_covered_insurance_code: Is "IS" O [0..*] 8 "Non-Covered Insurance Code" table "HL70143";
        25 payor_id: Cx "CX" O [0..*] 250 "Payor ID";
        26 payor_subscriber_id: Cx "CX" O [0..*] 250 "Payor Subscriber ID";
        27 eligibility_source: Is "IS" O [0..1] 1 "Eligibility Source" table "HL70144";
        28 room_coverage_type_amount: Rmc "RMC" O [0..*] 82 "Room Coverage Type/Amount";
        29 policy_type_amount: Pta "PTA" O [0..*] 56 "Policy Type/Amount";
        30 daily_deductible: Ddi "DDI" O [0..1] 25 "Daily Deductible";
        31 living_dependency: Is "IS" O [0..1] 2 "Living Dependency" table "HL70223";
        32 ambulatory_status: Is "IS" O [0..*] 2 "Ambulatory Status" table "HL70009";
        33 citizenship: Cwe "CE" O [0..*] 250 "Citizenship" table "HL70171";
        34 primary_language: Cwe "CE" O [0..1] 250 "Primary Language" table "HL70296";
        35 living_arrangement: Is "IS" O [0..1] 2 "Living Arrangement" table "HL70220";
        36 publicity_code: Cwe "CE" O [0..1] 250 "Publicity Code" table "HL70215";
        37 protection_indicator: Id "ID" O [0..1] 1 "Protection Indicator" table "HL70136";
        38 student_indicator: Is "IS" O [0..1] 2 "Student Indicator" table "HL70231";
        39 religion: Cwe "CE" O [0..1] 250 "Religion" table "HL70006";
        40 mothers_maiden_name: Xpn "XPN" O [0..*] 250 "Mother's Maiden Name";
        41 nationality: Cwe "CE" O [0..1] 250 "Nationality" table "HL70212";
        42 ethnic_group: Cwe "CE" O [0..*] 250 "Ethnic Group" table "HL70189";
        43 marital_status: Cwe "CE" O [0..*] 250 "Marital Status" table "HL70002";
        44 insureds_employment_start_date: Dt "DT" O [0..1] 8 "Insured's Employment Start Date";
        45 employment_stop_date: Dt "DT" O [0..1] 8 "Employment Stop Date";
        46 job_title: St "ST" O [0..1] 20 "Job Title";
        47 job_code_class: Jcc "JCC" O [0..1] 20 "Job Code/Class";
        48 job_status: Is "IS" O [0..1] 2 "Job Status" table "HL70311";
        49 employer_contact_person_name: Xpn "XPN" O [0..*] 250 "Employer Contact Person Name";
        50 employer_contact_person_phone_number: Xtn "XTN" O [0..*] 250 "Employer Contact Person Phone Number";
        51 employer_contact_reason: Is "IS" O [0..1] 2 "Employer Contact Reason" table "HL70222";
        52 insureds_contact_persons_name: Xpn "XPN" O [0..*] 250 "Insured's Contact Person's Name";
        53 insureds_contact_person_phone_number: Xtn "XTN" O [0..*] 250 "Insured's Contact Person Phone Number";
        54 insureds_contact_person_reason: Is "IS" O [0..*] 2 "Insured's Contact Person Reason" table "HL70222";
        55 relationship_to_the_patient_start_date: Dt "DT" O [0..1] 8 "Relationship to the Patient Start Date";
        56 relationship_to_the_patient_stop_date: Dt "DT" O [0..*] 8 "Relationship to the Patient Stop Date";
        57 insurance_co_contact_reason: Is "IS" O [0..1] 2 "Insurance Co. Contact Reason" table "HL70232";
        58 insurance_co_contact_phone_number: Xtn "XTN" O [0..1] 250 "Insurance Co Contact Phone Number";
        59 policy_scope: Is "IS" O [0..1] 2 "Policy Scope" table "HL70312";
        60 policy_source: Is "IS" O [0..1] 2 "Policy Source" table "HL70313";
        61 patient_member_number: Cx "CX" O [0..1] 250 "Patient Member Number";
        62 guarantors_relationship_to_insured: Cwe "CE" O [0..1] 250 "Guarantor's Relationship to Insured" table "HL70063";
        63 insureds_phone_number_home: Xtn "XTN" O [0..*] 250 "Insured's Phone Number - Home";
        64 insureds_employer_phone_number: Xtn "XTN" O [0..*] 250 "Insured's Employer Phone Number";
        65 military_handicapped_program: Cwe "CE" O [0..1] 250 "Military Handicapped Program" table "HL70343";
        66 suspend_flag: Id "ID" O [0..1] 1 "Suspend Flag" table "HL70136";
        67 copay_limit_flag: Id "ID" O [0..1] 1 "Copay Limit Flag" table "HL70136";
        68 stoploss_limit_flag: Id "ID" O [0..1] 1 "Stoploss Limit Flag" table "HL70136";
        69 insured_organization_name_and_id: Xon "XON" O [0..*] 250 "Insured Organization Name and ID";
        70 insured_employer_organization_name_and_id: Xon "XON" O [0..*] 250 "Insured Employer Organization Name and ID";
        71 race: Cwe "CE" O [0..*] 250 "Race" table "HL70005";
        72 cms_patients_relationship_to_insured: Cwe "CE" O [0..1] 250 "CMS Patient's Relationship to Insured" table "HL70344";
    }
}
