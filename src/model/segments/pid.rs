//! PID segment declaration.

use crate::model::types::*;

crate::segment! {
    /// PID — patient identification: the subject of the immunization record (identifiers, name, birth date, sex,
    /// race/ethnicity, address, phone, multiple birth and death information).
    pub struct Pid("PID", "Patient Identification") {
        1 set_id: Si "SI" R [1..1] 4 "Set ID - PID";
        2 patient_id: Cx "CX" X [0..0] 20 "Patient ID";
        3 patient_identifier_list: Cx "CX_IZ" R [1..*] 250 "Patient Identifier List";
        4 alternate_patient_id: Cx "CX" X [0..0] 20 "Alternate Patient ID - PID";
        5 patient_name: Xpn "XPN_IZ" R [1..*] 250 "Patient Name";
        6 mothers_maiden_name: Xpn "XPN_M" RE [0..1] 250 "Mother's Maiden Name"; // Z42: O, XPN
        7 date_time_of_birth: Ts "TS_NZ" R [1..1] 26 "Date/Time of Birth";
        8 administrative_sex: Is "IS" R [1..1] 1 "Administrative Sex" table "HL70001";
        9 patient_alias: Xpn "XPN" X [0..0] 250 "Patient Alias"; // Z42: XPN_DR
        10 race: Cwe "CE_IZ" RE [0..*] 250 "Race" table "CDCREC"; // Z42: O, CE
        11 patient_address: Xad "XAD_IZ" RE [0..*] 250 "Patient Address";
        12 county_code: Is "IS" X [0..0] 4 "County Code"; // Z32: table HL70289
        13 phone_number_home: Xtn "XTN_IZ" RE [0..*] 250 "Phone Number - Home"; // Z42: O, XTN
        14 phone_number_business: Xtn "XTN" O [0..*] 250 "Phone Number - Business";
        15 primary_language: Cwe "CE" O [0..1] 250 "Primary Language" table "HL70296";
        16 marital_status: Cwe "CE" O [0..1] 250 "Marital Status" table "HL70002";
        17 religion: Cwe "CE" O [0..1] 250 "Religion" table "HL70006";
        18 patient_account_number: Cx "CX" O [0..1] 250 "Patient Account Number";
        19 ssn_number: St "ST" X [0..0] 16 "SSN Number - Patient";
        20 drivers_license_number: Dln "DLN" X [0..0] 25 "Driver's License Number - Patient";
        21 mothers_identifier: Cx "CX" X [0..0] 250 "Mother's Identifier";
        22 ethnic_group: Cwe "CE_IZ" RE [0..1] 250 "Ethnic Group" table "CDCREC"; // Z42: O, CE
        23 birth_place: St "ST" O [0..1] 250 "Birth Place";
        24 multiple_birth_indicator: Id "ID" RE [0..1] 1 "Multiple Birth Indicator" table "HL70136"; // Z42: O
        25 birth_order: Nm "NM" C(RE/O) [0..1] 2 "Birth Order"; // Z42: O
        26 citizenship: Cwe "CE" O [0..*] 250 "Citizenship" table "HL70171";
        27 veterans_military_status: Cwe "CE" O [0..1] 250 "Veterans Military Status" table "HL70172";
        28 nationality: Cwe "CE" O [0..1] 250 "Nationality" table "HL70212";
        29 patient_death_date_and_time: Ts "TS" C(RE/X) [0..1] 26 "Patient Death Date and Time"; // Z42: O
        30 patient_death_indicator: Id "ID" RE [0..1] 1 "Patient Death Indicator" table "HL70136";
        31 identity_unknown_indicator: Id "ID" O [0..1] 1 "Identity Unknown Indicator" table "HL70136";
        32 identity_reliability_code: Is "IS" O [0..*] 20 "Identity Reliability Code" table "HL70445";
        33 last_update_date_time: Ts "TS" O [0..1] 26 "Last Update Date/Time";
        34 last_update_facility: Hd "HD" O [0..1] 241 "Last Update Facility";
        35 species_code: Cwe "CE" O [0..1] 250 "Species Code" table "HL70446";
        36 breed_code: Cwe "CE" O [0..1] 250 "Breed Code" table "HL70447";
        37 strain: St "ST" O [0..1] 80 "Strain";
        38 production_class_code: Cwe "CE" O [0..1] 250 "Production Class Code" table "HL70429";
        39 tribal_citizenship: Cwe "CWE" O [0..*] 250 "Tribal Citizenship" table "HL70171";
    }
}
