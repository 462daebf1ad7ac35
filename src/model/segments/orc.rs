//! ORC segment declaration.

use crate::model::types::*;

crate::segment! {
    /// ORC — common order: opens each immunization order group and carries the sender's stable identifier for
    /// the dose (ORC-3), who entered it and who ordered it.
    pub struct Orc("ORC", "Common Order") {
        1 order_control: Id "ID" R [1..1] 2 "Order Control" table "HL70119";
        2 placer_order_number: Ei "EI_IZ" RE [0..1] 22 "Placer Order Number";
        3 filler_order_number: Ei "EI_IZ" R [1..1] 22 "Filler Order Number";
        4 placer_group_number: Ei "EI" O [0..1] 22 "Placer Group Number";
        5 order_status: Id "ID" O [0..1] 2 "Order Status" table "HL70038";
        6 response_flag: Id "ID" O [0..1] 1 "Response Flag" table "HL70121";
        7 quantity_timing: Varies "TQ" X [0..0] 200 "Quantity/Timing"; // Z42: [0..*]
        8 parent: Eip "EIP" O [0..1] 200 "Parent";
        9 date_time_of_transaction: Ts "TS" O [0..1] 26 "Date/Time of Transaction";
        10 entered_by: Xcn "XCN_IZ" RE [0..1] 250 "Entered By"; // Z42: O, [0..*], XCN
        11 verified_by: Xcn "XCN" O [0..*] 250 "Verified By";
        12 ordering_provider: Xcn "XCN_IZ" C(RE/O) [0..1] 250 "Ordering Provider"; // Z42: O, [0..*], XCN
        13 enterers_location: Pl "PL" O [0..1] 80 "Enterer's Location";
        14 call_back_phone_number: Xtn "XTN" O [0..2] 250 "Call Back Phone Number";
        15 order_effective_date_time: Ts "TS" O [0..1] 26 "Order Effective Date/Time";
        16 order_control_code_reason: Cwe "CE" O [0..1] 250 "Order Control Code Reason";
        17 entering_organization: Cwe "CE_IZ" RE [0..1] 250 "Entering Organization" table "HL70362";
        18 entering_device: Cwe "CE" O [0..1] 250 "Entering Device";
        19 action_by: Xcn "XCN" O [0..*] 250 "Action By";
        20 advanced_beneficiary_notice_code: Cwe "CE" O [0..1] 250 "Advanced Beneficiary Notice Code" table "HL70339";
        21 ordering_facility_name: Xon "XON" O [0..*] 250 "Ordering Facility Name";
        22 ordering_facility_address: Xad "XAD" O [0..*] 250 "Ordering Facility Address";
        23 ordering_facility_phone_number: Xtn "XTN" O [0..*] 250 "Ordering Facility Phone Number";
        24 ordering_provider_address: Xad "XAD" O [0..*] 250 "Ordering Provider Address";
        25 order_status_modifier: Cwe "CWE" O [0..1] 250 "Order Status Modifier";
        26 advanced_beneficiary_notice_override_reason: Cwe "CWE" O [0..1] 60 "Advanced Beneficiary Notice Override Reason" table "HL70552";
        27 fillers_expected_availability_date_time: Ts "TS" O [0..1] 26 "Filler's Expected Availability Date/Time";
        28 confidentiality_code: Cwe "CWE" O [0..1] 250 "Confidentiality Code" table "HL70177";
        29 order_type: Cwe "CWE" O [0..1] 250 "Order Type" table "HL70482";
        30 enterer_authorization_mode: Cwe "CNE" O [0..1] 250 "Enterer Authorization Mode" table "HL70483";
        31 parent_universal_service_identifier: Cwe "CWE" O [0..1] 250 "Parent Universal Service Identifier";
    }
}
