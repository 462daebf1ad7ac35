//! ERR segment declaration.

use crate::model::types::*;

crate::segment! {
    /// ERR — error: one problem found in the acknowledged message: where (ERR-2), which HL7 and application
    /// error code, how severe, and a readable message.
    pub struct ErrSegment("ERR", "Error") {
        1 error_code_and_location: Eld "ELD" X [0..0] 493 "Error Code and Location";
        2 error_location: Erl "ERL_IZ" RE [0..1] 18 "Error Location";
        3 hl7_error_code: Cwe "CWE_IZ" R [1..1] 705 "HL7 Error Code" table "HL70357";
        4 severity: Id "ID" R [1..1] 1 "Severity" table "HL70516";
        5 application_error_code: Cwe "CWE_IZ" RE [0..1] 705 "Application Error Code" table "HL70533";
        6 application_error_parameter: St "ST" O [0..10] 80 "Application Error Parameter";
        7 diagnostic_information: Tx "TX" O [0..1] 2048 "Diagnostic Information";
        8 user_message: Tx "TX" RE [0..1] 250 "User Message";
        9 inform_person_indicator: Is "IS" O [0..*] 20 "Inform Person Indicator" table "HL70517";
        10 override_type: Cwe "CWE" O [0..1] 705 "Override Type" table "HL70518";
        11 override_reason_code: Cwe "CWE" O [0..*] 705 "Override Reason Code" table "HL70519";
        12 help_desk_contact_point: Xtn "XTN" O [0..*] 652 "Help Desk Contact Point";
    }
}
