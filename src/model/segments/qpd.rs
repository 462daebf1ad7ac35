//! QPD segment declaration.

use crate::model::types::*;

crate::segment! {
    /// QPD — query parameters: the Z34/Z44 patient-matching parameters of a QBP, echoed back in every RSP.
    pub struct Qpd("QPD", "Query Parameter Definition") {
        1 message_query_name: Cwe "CE_IZ" R [1..1] 250 "Message Query Name" table "HL70471";
        2 query_tag: St "ST" R [1..1] 32 "Query Tag";
        3 patient_list: Cx "CX_IZ" RE [0..*] 0 "PatientList";
        4 patient_name: Xpn "XPN_IZ" RE [0..1] 0 "PatientName";
        5 mothers_maiden_name: Xpn "XPN_M" RE [0..1] 0 "PatientMotherMaidenName";
        6 patient_date_of_birth: Ts "TS_NZ" RE [0..1] 26 "PatientDateOfBirth"; // NIST states length 1..6, an artifact (a date needs 8); TS length used
        7 patient_sex: Is "IS" RE [0..1] 1 "Patient Sex" table "HL70001";
        8 patient_address: Xad "XAD_IZ" RE [0..1] 0 "Patient Address";
        9 patient_phone: Xtn "XTN_IZ" RE [0..1] 0 "Phone";
        10 multiple_birth_indicator: Id "ID" RE [0..1] 0 "Multiple birth indicator" table "HL70136";
        11 birth_order: Nm "NM" RE [0..1] 0 "Birth order";
        12 client_last_updated_date: Ts "TS" O [0..1] 0 "Client last updated date";
        13 client_last_updated_facility: Hd "HD" O [0..1] 0 "Client last updated facility";
    }
}
