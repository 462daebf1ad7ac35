//! MSA segment declaration.

use crate::model::types::*;

crate::segment! {
    /// MSA — message acknowledgment: the original-mode outcome (AA/AE/AR) for the message named by MSA-2,
    /// in an ACK and in every RSP.
    pub struct Msa("MSA", "Message Acknowledgment") {
        1 acknowledgment_code: Id "ID" R [1..1] 2 "Acknowledgment Code" table "HL70008";
        2 message_control_id: St "ST" R [1..1] 199 "Message Control ID";
        3 text_message: St "ST" X [0..0] 80 "Text Message";
        4 expected_sequence_number: Nm "NM" O [0..1] 15 "Expected Sequence Number";
        5 delayed_acknowledgment_type: Varies "NUL" X [0..0] 1 "Delayed Acknowledgment Type"; // withdrawn in the base standard
        6 error_condition: Cwe "CE" X [0..0] 250 "Error Condition" table "HL70357";
    }
}
