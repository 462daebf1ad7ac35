//! BTS segment declaration.

use crate::model::types::*;

crate::segment! {
    /// BTS — batch trailer: closes a batch; the IG does not expect its fields to be used (`BTS|` is fine).
    pub struct Bts("BTS", "Batch Trailer") {
        1 batch_message_count: St "ST" O [0..1] 10 "Batch Message Count";
        2 batch_comment: St "ST" O [0..1] 80 "Batch Comment";
        3 batch_totals: Nm "NM" O [0..*] 100 "Batch Totals";
    }
}
