//! IN1 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// IN1 — insurance: a coverage plan of the patient (plan, insurer, plan type); optional INSURANCE group.
    pub struct In1("IN1", "Insurance") {
        1 set_id: Si "SI" R [1..1] 4 "Set ID - IN1";
        2 insurance_plan_id: Cwe "CE_IZ" R [1..1] 250 "Insurance Plan ID" table "HL70072";
        3 insurance_company_id: Cx "CX_IZ" R [1..1] 250 "Insurance Company ID";
        4 insurance_company_name: Xon "XON" O [0..*] 250 "Insurance Company Name";
        5 insurance_company_address: Xad "XAD" O [0..*] 250 "Insurance Company Address";
        6 insurance_co_contact_person: Xpn "XPN" O [0..*] 250 "Insurance Co Contact Person";
        7 insurance_co_phone_number: Xtn "XTN" O [0..*] 250 "Insurance Co Phone Number";
        8 group_number: St "ST" O [0..1] 12 "Group Number";
        9 group_name: Xon "XON" O [0..*] 250 "Group Name";
        10 insureds_group_emp_id: Cx "CX" O [0..*] 250 "Insured's Group Emp ID";
        11 insureds_group_emp_name: Xon "XON" O [0..*] 250 "Insured's Group Emp Name";
        12 plan_effective_date: Dt "DT" O [0..1] 8 "Plan Effective Date";
        13 plan_expiration_date: Dt "DT" O [0..1] 8 "Plan Expiration Date";
        14 authorization_information: Aui "AUI" O [0..1] 239 "Authorization Information";
        15 plan_type: Is "IS" R [1..1] 3 "Plan Type" table "HL70086";
        16 name_of_insured: Xpn "XPN" O [0..*] 250 "Name Of Insured";
        17 insureds_relationship_to_patient: Cwe "CE" O [0..1] 250 "Insured's Relationship To Patient" table "HL70063";
        18 insureds_date_of_birth: Ts "TS" O [0..1] 26 "Insured's Date Of Birth";
        19 insureds_address: Xad "XAD" O [0..*] 250 "Insured's Address";
        20 assignment_of_benefits: Is "IS" O [0..1] 2 "Assignment Of Benefits" table "HL70135";
        21 coordination_of_benefits: Is "IS" O [0..1] 2 "Coordination Of Benefits" table "HL70173";
        22 coordination_of_benefits_priority: St "ST" O [0..1] 2 "Coord Of Ben. Priority";
        23 notice_of_admission_flag: Id "ID" O [0..1] 1 "Notice Of Admission Flag" table "HL70136";
        24 notice_of_admission_date: Dt "DT" O [0..1] 8 "Notice Of Admission Date";
        25 report_of_eligibility_flag: Id "ID" O [0..1] 1 "Report Of Eligibility Flag" table "HL70136";
        26 report_of_eligibility_date: Dt "DT" O [0..1] 8 "Report Of Eligibility Date";
        27 release_information_code: Is "IS" O [0..1] 2 "Release Information Code" table "HL70093";
        28 pre_admit_cert: St "ST" O [0..1] 15 "Pre-Admit Cert (PAC)";
        29 verification_date_time: Ts "TS_NZ" RE [0..1] 26 "Verification Date/Time";
        30 verification_by: Xcn "XCN" O [0..*] 250 "Verification By";
        31 type_of_agreement_code: Is "IS" O [0..1] 2 "Type Of Agreement Code" table "HL70098";
        32 billing_status: Is "IS" O [0..1] 2 "Billing Status" table "HL70022";
        33 lifetime_reserve_days: Nm "NM" O [0..1] 4 "Lifetime Reserve Days";
        34 delay_before_lr_day: Nm "NM" O [0..1] 4 "Delay Before L.R. Day";
        35 company_plan_code: Is "IS" O [0..1] 8 "Company Plan Code" table "HL70042";
        36 policy_number: St "ST" O [0..1] 15 "Policy Number";
        37 policy_deductible: Cp "CP" O [0..1] 12 "Policy Deductible";
        38 policy_limit_amount: Cp "CP" X [0..0] 12 "Policy Limit - Amount";
        39 policy_limit_days: Nm "NM" O [0..1] 4 "Policy Limit - Days";
        40 room_rate_semi_private: Cp "CP" X [0..0] 12 "Room Rate - Semi-Private";
        41 room_rate_private: Cp "CP" X [0..0] 12 "Room Rate - Private";
        42 insureds_employment_status: Cwe "CE" O [0..1] 250 "Insured's Employment Status" table "HL70066";
        43 insureds_administrative_sex: Is "IS" O [0..1] 1 "Insured's Administrative Sex" table "HL70001";
        44 insureds_employers_address: Xad "XAD" O [0..*] 250 "Insured's Employer's Address";
        45 verification_status: St "ST" O [0..1] 2 "Verification Status";
        46 prior_insurance_plan_id: Is "IS" O [0..1] 8 "Prior Insurance Plan ID" table "HL70072";
        47 coverage_type: Is "IS" O [0..1] 3 "Coverage Type" table "HL70309";
        48 handicap: Is "IS" O [0..1] 2 "Handicap" table "HL70295";
        49 insureds_id_number: Cx "CX" O [0..*] 250 "Insured's ID Number";
        50 signature_code: Is "IS" O [0..1] 1 "Signature Code" table "HL70535"; // Z22 leaves it unbound; Z32 binds HL70535
        51 signature_code_date: Dt "DT" O [0..1] 8 "Signature Code Date";
        52 insureds_birth_place: St "ST" O [0..1] 250 "Insured's Birth Place";
        53 vip_indicator: Is "IS" O [0..1] 2 "VIP Indicator" table "HL70099";
    }
}
