//! OBX segment declaration.

use crate::model::types::*;

crate::segment! {
    /// OBX — observation/result: a fact attached to a dose or patient (funding eligibility, VIS, immunity,
    /// contraindication, reaction, evaluation/forecast), keyed by a LOINC code in OBX-3.
    pub struct Obx("OBX", "Observation/Result") {
        1 set_id: Si "SI" R [1..1] 4 "Set ID - OBX";
        2 value_type: Id "ID" R [1..1] 3 "Value Type" table "HL70125";
        3 observation_identifier: Cwe "CE_IZ" R [1..1] 250 "Observation Identifier" table "NIP003";
        4 observation_sub_id: St "ST" R [1..1] 20 "Observation Sub-ID";
        5 observation_value: Varies "varies" R [1..1] 99999 "Observation Value"; // actual type named by OBX-2
        6 units: Cwe "CE_IZ" C(R/O) [0..1] 250 "Units" table "UCUM"; // NIST binds UCUM or HL7 0353
        7 references_range: St "ST" O [0..1] 60 "References Range";
        8 abnormal_flags: Is "IS" O [0..*] 5 "Abnormal Flags" table "HL70078";
        9 probability: Nm "NM" O [0..1] 5 "Probability";
        10 nature_of_abnormal_test: Id "ID" O [0..*] 2 "Nature of Abnormal Test" table "HL70080";
        11 observation_result_status: Id "ID" R [1..1] 1 "Observation Result Status" table "HL70085";
        12 effective_date_of_reference_range_values: Ts "TS" O [0..1] 26 "Effective Date of Reference Range Values";
        13 user_defined_access_checks: St "ST" O [0..1] 20 "User Defined Access Checks";
        14 date_time_of_the_observation: Ts "TS_NZ" RE [0..1] 26 "Date/Time of the Observation";
        15 producers_reference: Cwe "CE" O [0..1] 250 "Producer's Reference";
        16 responsible_observer: Xcn "XCN" O [0..*] 250 "Responsible Observer";
        17 observation_method: Cwe "CE_IZ" C(RE/O) [0..1] 250 "Observation Method" table "PHVS_FundingEligibilityObsMethod_IIS"; // Z42: O, CE
        18 equipment_instance_identifier: Ei "EI" O [0..*] 22 "Equipment Instance Identifier";
        19 date_time_of_the_analysis: Ts "TS" O [0..1] 26 "Date/Time of the Analysis";
        20 reserved_field_20: Varies "varies" X [0..0] 0 "Reserved for harmonization with V2.6";
        21 reserved_field_21: Varies "varies" X [0..0] 0 "Reserved for harmonization with V2.6";
        22 reserved_field_22: Varies "varies" X [0..0] 0 "Reserved for harmonization with V2.6";
        23 performing_organization_name: Xon "XON" O [0..1] 567 "Performing Organization Name";
        24 performing_organization_address: Xad "XAD" O [0..1] 631 "Performing Organization Address";
        25 performing_organization_medical_director: Xcn "XCN" O [0..1] 3002 "Performing Organization Medical Director";
    }
}
