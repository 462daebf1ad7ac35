//! NK1 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// NK1 — next of kin / associated party: a parent, guardian or other responsible person for the patient.
    pub struct Nk1("NK1", "Next of Kin / Associated Parties") {
        1 set_id: Si "SI" R [1..1] 4 "Set ID - NK1";
        2 name: Xpn "XPN_IZ" R [1..*] 250 "Name";
        3 relationship: Cwe "CE_IZ" R [1..1] 250 "Relationship" table "HL70063";
        4 address: Xad "XAD_IZ" RE [0..*] 250 "Address";
        5 phone_number: Xtn "XTN_IZ" RE [0..*] 250 "Phone Number";
        6 business_phone_number: Xtn "XTN" O [0..*] 250 "Business Phone Number";
        7 contact_role: Cwe "CE" O [0..1] 250 "Contact Role" table "HL70131";
        8 start_date: Dt "DT" O [0..1] 8 "Start Date";
        9 end_date: Dt "DT" O [0..1] 8 "End Date";
        10 job_title: St "ST" O [0..1] 60 "Next of Kin / Associated Parties Job Title";
        11 job_code_class: Jcc "JCC" O [0..1] 20 "Next of Kin / Associated Parties Job Code/Class" table "HL70327";
        12 employee_number: Cx "CX" O [0..1] 250 "Next of Kin / Associated Parties Employee Number"; // Z32: CX_IZ
        13 organization_name: Xon "XON" O [0..*] 250 "Organization Name - NK1";
        14 marital_status: Cwe "CE" O [0..1] 250 "Marital Status" table "HL70002";
        15 administrative_sex: Is "IS" O [0..1] 1 "Administrative Sex" table "HL70001";
        16 date_time_of_birth: Ts "TS" O [0..1] 26 "Date/Time of Birth";
        17 living_dependency: Is "IS" O [0..*] 2 "Living Dependency" table "HL70223";
        18 ambulatory_status: Is "IS" O [0..*] 2 "Ambulatory Status" table "HL70009";
        19 citizenship: Cwe "CE" O [0..*] 250 "Citizenship" table "HL70171";
        20 primary_language: Cwe "CE" O [0..1] 250 "Primary Language" table "HL70296";
        21 living_arrangement: Is "IS" O [0..1] 2 "Living Arrangement" table "HL70220";
        22 publicity_code: Cwe "CE" O [0..1] 250 "Publicity Code" table "HL70215";
        23 protection_indicator: Id "ID" O [0..1] 1 "Protection Indicator" table "HL70136";
        24 student_indicator: Is "IS" O [0..1] 2 "Student Indicator" table "HL70231";
        25 religion: Cwe "CE" O [0..1] 250 "Religion" table "HL70006";
        26 mothers_maiden_name: Xpn "XPN" O [0..*] 250 "Mother's Maiden Name";
        27 nationality: Cwe "CE" O [0..1] 250 "Nationality" table "HL70212";
        28 ethnic_group: Cwe "CE" O [0..*] 250 "Ethnic Group" table "HL70189";
        29 contact_reason: Cwe "CE" O [0..*] 250 "Contact Reason" table "HL70222";
        30 contact_persons_name: Xpn "XPN" O [0..*] 250 "Contact Person's Name";
        31 contact_persons_telephone_number: Xtn "XTN" O [0..*] 250 "Contact Person's Telephone Number";
        32 contact_persons_address: Xad "XAD" O [0..*] 250 "Contact Person's Address";
        33 associated_party_identifiers: Cx "CX" O [0..*] 250 "Next of Kin/Associated Party's Identifiers";
        34 job_status: Is "IS" O [0..1] 2 "Job Status" table "HL70311";
        35 race: Cwe "CE" O [0..*] 250 "Race" table "HL70005";
        36 handicap: Is "IS" O [0..1] 2 "Handicap" table "HL70295";
        37 contact_person_social_security_number: St "ST" O [0..1] 16 "Contact Person Social Security Number";
        38 birth_place: St "ST" O [0..1] 250 "Next of Kin Birth Place";
        39 vip_indicator: Is "IS" O [0..1] 2 "VIP Indicator" table "HL70099";
    }
}
