//! FHS segment declaration.

use crate::model::types::*;

crate::segment! {
    /// FHS — file header: opens a file that wraps one or more batches; only the separators are
    /// constrained by the IG, everything else keeps its base meaning.
    pub struct Fhs("FHS", "File Header") {
        1 file_field_separator: St "ST" R [1..1] 1 "File Field Separator";
        2 file_encoding_characters: St "ST" R [1..1] 4 "File Encoding Characters";
        3 file_sending_application: Hd "HD" O [0..1] 227 "File Sending Application";
        4 file_sending_facility: Hd "HD" O [0..1] 227 "File Sending Facility";
        5 file_receiving_application: Hd "HD" O [0..1] 227 "File Receiving Application";
        6 file_receiving_facility: Hd "HD" O [0..1] 227 "File Receiving Facility";
        7 file_creation_date_time: Ts "TS" O [0..1] 26 "File Creation Date/Time";
        8 file_security: St "ST" O [0..1] 40 "File Security";
        9 file_name_id: St "ST" O [0..1] 20 "File Name/ID";
        10 file_header_comment: St "ST" O [0..1] 80 "File Header Comment";
        11 file_control_id: St "ST" O [0..1] 20 "File Control ID";
        12 reference_file_control_id: St "ST" O [0..1] 20 "Reference File Control ID";
    }
}
