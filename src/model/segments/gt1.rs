//! GT1 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// GT1 — guarantor: the person or organization financially responsible for the patient; optional, carried
    /// from the base VXU_V04 structure.
    pub struct Gt1("GT1", "Guarantor") {
        1 set_id: Si "SI" R [1..1] 4 "Set ID - GT1";
        2 guarantor_number: Cx "CX" O [0..*] 250 "Guarantor Number";
        3 guarantor_name: Xpn "XPN_IZ_DR" R [1..*] 250 "Guarantor Name";
        4 guarantor_spouse_name: Xpn "XPN" O [0..*] 250 "Guarantor Spouse Name";
        5 guarantor_address: Xad "XAD" O [0..*] 250 "Guarantor Address";
        6 guarantor_phone_home: Xtn "XTN" O [0..*] 250 "Guarantor Ph Num - Home";
        7 guarantor_phone_business: Xtn "XTN" O [0..*] 250 "Guarantor Ph Num - Business";
        8 guarantor_date_time_of_birth: Ts "TS" O [0..1] 26 "Guarantor Date/Time Of Birth";
        9 guarantor_administrative_sex: Is "IS" O [0..1] 1 "Guarantor Administrative Sex" table "HL70001";
        10 guarantor_type: Is "IS" O [0..1] 2 "Guarantor Type" table "HL70068";
        11 guarantor_relationship: Cwe "CE" O [0..1] 250 "Guarantor Relationship" table "HL70063";
        12 guarantor_ssn: St "ST" O [0..1] 11 "Guarantor SSN";
        13 guarantor_date_begin: Dt "DT" O [0..1] 8 "Guarantor Date - Begin";
        14 guarantor_date_end: Dt "DT" O [0..1] 8 "Guarantor Date - End";
        15 guarantor_priority: Nm "NM" O [0..1] 2 "Guarantor Priority";
        16 guarantor_employer_name: Xpn "XPN" O [0..*] 250 "Guarantor Employer Name";
        17 guarantor_employer_address: Xad "XAD" O [0..*] 250 "Guarantor Employer Address";
        18 guarantor_employer_phone_number: Xtn "XTN" O [0..*] 250 "Guarantor Employer Phone Number";
        19 guarantor_employee_id_number: Cx "CX" O [0..*] 250 "Guarantor Employee ID Number";
        20 guarantor_employment_status: Is "IS" O [0..1] 2 "Guarantor Employment Status" table "HL70066";
        21 guarantor_organization_name: Xon "XON" O [0..*] 250 "Guarantor Organization Name";
        22 guarantor_billing_hold_flag: Id "ID" O [0..1] 1 "Guarantor Billing Hold Flag" table "HL70136";
        23 guarantor_credit_rating_code: Cwe "CE" O [0..1] 250 "Guarantor Credit Rating Code" table "HL70341";
        24 guarantor_death_date_and_time: Ts "TS" O [0..1] 26 "Guarantor Death Date And Time";
        25 guarantor_death_flag: Id "ID" O [0..1] 1 "Guarantor Death Flag" table "HL70136";
        26 guarantor_charge_adjustment_code: Cwe "CE" O [0..1] 250 "Guarantor Charge Adjustment Code" table "HL70218";
        27 guarantor_household_annual_income: Cp "CP" O [0..1] 10 "Guarantor Household Annual Income";
        28 guarantor_household_size: Nm "NM" O [0..1] 3 "Guarantor Household Size";
        29 guarantor_employer_id_number: Cx "CX" O [0..*] 250 "Guarantor Employer ID Number";
        30 guarantor_marital_status_code: Cwe "CE" O [0..1] 250 "Guarantor Marital Status Code" table "HL70002";
        31 guarantor_hire_effective_date: Dt "DT" O [0..1] 8 "Guarantor Hire Effective Date";
        32 employment_stop_date: Dt "DT" O [0..1] 8 "Employment Stop Date";
        33 living_dependency: Is "IS" O [0..1] 2 "Living Dependency" table "HL70223";
        34 ambulatory_status: Is "IS" O [0..*] 2 "Ambulatory Status" table "HL70009";
        35 citizenship: Cwe "CE" O [0..*] 250 "Citizenship" table "HL70171";
        36 primary_language: Cwe "CE" O [0..1] 250 "Primary Language" table "HL70296";
        37 living_arrangement: Is "IS" O [0..1] 2 "Living Arrangement" table "HL70220";
        38 publicity_code: Cwe "CE" O [0..1] 250 "Publicity Code" table "HL70215";
        39 protection_indicator: Id "ID" O [0..1] 1 "Protection Indicator" table "HL70136";
        40 student_indicator: Is "IS" O [0..1] 2 "Student Indicator" table "HL70231";
        41 religion: Cwe "CE" O [0..1] 250 "Religion" table "HL70006";
        42 mothers_maiden_name: Xpn "XPN" O [0..*] 250 "Mother's Maiden Name";
        43 nationality: Cwe "CE" O [0..1] 250 "Nationality" table "HL70212";
        44 ethnic_group: Cwe "CE" O [0..*] 250 "Ethnic Group" table "HL70189";
        45 contact_persons_name: Xpn "XPN" O [0..*] 250 "Contact Person's Name";
        46 contact_persons_telephone_number: Xtn "XTN" O [0..*] 250 "Contact Person's Telephone Number";
        47 contact_reason: Cwe "CE" O [0..1] 250 "Contact Reason" table "HL70222";
        48 contact_relationship: Is "IS" O [0..1] 3 "Contact Relationship" table "HL70063";
        49 job_title: St "ST" O [0..1] 20 "Job Title";
        50 job_code_class: Jcc "JCC" O [0..1] 20 "Job Code/Class";
        51 guarantor_employers_organization_name: Xon "XON" O [0..*] 250 "Guarantor Employer's Organization Name";
        52 handicap: Is "IS" O [0..1] 2 "Handicap" table "HL70295";
        53 job_status: Is "IS" O [0..1] 2 "Job Status" table "HL70311";
        54 guarantor_financial_class: Fc "FC" O [0..1] 50 "Guarantor Financial Class";
        55 guarantor_race: Cwe "CE" O [0..*] 250 "Guarantor Race" table "HL70005";
        56 guarantor_birth_place: St "ST" O [0..1] 250 "Guarantor Birth Place";
        57 vip_indicator: Is "IS" O [0..1] 2 "VIP Indicator" table "HL70099";
    }
}
