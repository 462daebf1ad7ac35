//! BHS segment declaration.

use crate::model::types::*;

crate::segment! {
    /// BHS — batch header: opens a batch of messages (e.g. many VXU sent by file upload); only the
    /// separators are constrained by the IG.
    pub struct Bhs("BHS", "Batch Header") {
        1 batch_field_separator: St "ST" R [1..1] 1 "Batch Field Separator";
        2 batch_encoding_characters: St "ST" R [1..1] 4 "Batch Encoding Characters";
        3 batch_sending_application: Hd "HD" O [0..1] 227 "Batch Sending Application";
        4 batch_sending_facility: Hd "HD" O [0..1] 227 "Batch Sending Facility";
        5 batch_receiving_application: Hd "HD" O [0..1] 227 "Batch Receiving Application";
        6 batch_receiving_facility: Hd "HD" O [0..1] 227 "Batch Receiving Facility";
        7 batch_creation_date_time: Ts "TS" O [0..1] 26 "Batch Creation Date/Time";
        8 batch_security: St "ST" O [0..1] 40 "Batch Security";
        9 batch_name_id_type: St "ST" O [0..1] 20 "Batch Name/ID/Type";
        10 batch_comment: St "ST" O [0..1] 80 "Batch Comment";
        11 batch_control_id: St "ST" O [0..1] 20 "Batch Control ID";
        12 reference_batch_control_id: St "ST" O [0..1] 20 "Reference Batch Control ID";
    }
}
