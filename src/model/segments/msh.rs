//! MSH segment declaration.

use crate::model::types::*;

crate::segment! {
    /// MSH — message header: who sent the message to whom, when, its type, control ID, version and the
    /// conformance profile (Z22, Z23, Z31 ...) it claims.
    pub struct Msh("MSH", "Message Header") {
        1 field_separator: St "ST" R [1..1] 1 "Field Separator";
        2 encoding_characters: St "ST" R [1..1] 4 "Encoding Characters";
        3 sending_application: Hd "HD_IZ" RE [0..1] 227 "Sending Application" table "HL70361"; // Z23: table HL70363
        4 sending_facility: Hd "HD_IZ" RE [0..1] 227 "Sending Facility" table "HL70362";
        5 receiving_application: Hd "HD_IZ" RE [0..1] 227 "Receiving Application" table "HL70361";
        6 receiving_facility: Hd "HD_IZ" RE [0..1] 227 "Receiving Facility" table "HL70362";
        7 date_time_of_message: Ts "TS_Z" R [1..1] 26 "Date/Time Of Message";
        8 security: St "ST" O [0..1] 40 "Security";
        9 message_type: Msg "MSG" R [1..1] 15 "Message Type"; // the IG flavors (Z22 MSG_IZ_VXU, Z23 MSG_IZ_ACK_1_5, Z34/Z44 MSG_IZ_QBP, Z31/Z32/Z33/Z42 MSG_IZ_RSP) differ only in fixed values, so one declaration serves every message
        10 message_control_id: St "ST" R [1..1] 199 "Message Control ID";
        11 processing_id: Pt "PT_IZ" R [1..1] 3 "Processing ID";
        12 version_id: Vid "VID_IZ" R [1..1] 60 "Version ID";
        13 sequence_number: Nm "NM" O [0..1] 15 "Sequence Number";
        14 continuation_pointer: St "ST" O [0..1] 180 "Continuation Pointer";
        15 accept_acknowledgment_type: Id "ID" R [1..1] 2 "Accept Acknowledgment Type" table "HL70155"; // Z23 and the query profiles bind HL70155; Z22 leaves it unbound
        16 application_acknowledgment_type: Id "ID" R [1..1] 2 "Application Acknowledgment Type" table "HL70155"; // Z23 and the query profiles bind HL70155; Z22 leaves it unbound
        17 country_code: Id "ID" O [0..1] 3 "Country Code" table "HL70399"; // Z44/Z31/Z33/Z42: [0..0]
        18 character_set: Id "ID" O [0..*] 16 "Character Set" table "HL70211"; // Z34: [0..1]; Z44/Z31/Z33/Z42: [0..0]; Z32: [0..1], table none
        19 principal_language_of_message: Cwe "CE" O [0..1] 250 "Principal Language Of Message"; // Z44/Z31/Z33/Z42: [0..0]
        20 alternate_character_set_handling_scheme: Id "ID" O [0..1] 20 "Alternate Character Set Handling Scheme" table "HL70356"; // Z44/Z31/Z33/Z42: [0..0]
        21 message_profile_identifier: Ei "EI_IZ" R [1..*] 427 "Message Profile Identifier" table "PHVS_ImmunizationProfileIdentifier_IIS"; // Z23/Z32: [1..*]; Z31/Z33/Z34/Z42/Z44: [1..1]; EI flavors differ only in the fixed profile code
        22 sending_responsible_organization: Xon "XON_IZ" RE [0..1] 0 "Sending Responsible Organization"; // pre-adopted from v2.7.1
        23 receiving_responsible_organization: Xon "XON_IZ" RE [0..1] 0 "Receiving Responsible Organization"; // pre-adopted from v2.7.1
        24 sending_network_address: Hd "HD" O [0..1] 0 "Sending Network Address"; // pre-adopted from v2.7.1; only Z22/Z23 profiles carry MSH-24/25
        25 receiving_network_address: Hd "HD" O [0..1] 0 "Receiving Network Address"; // pre-adopted from v2.7.1; only Z22/Z23 profiles carry MSH-24/25
    }
}
