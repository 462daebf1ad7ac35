//! RCP segment declaration.

use crate::model::types::*;

crate::segment! {
    /// RCP — response control: how the query should be answered (immediately) and how many candidates the
    /// requester will accept.
    pub struct Rcp("RCP", "Response Control Parameter") {
        1 query_priority: Id "ID" RE [0..1] 1 "Query Priority" table "HL70091";
        2 quantity_limited_request: Cq "CQ_IZ" R [1..1] 10 "Quantity Limited Request";
        3 response_modality: Cwe "CE" O [0..1] 250 "Response Modality" table "HL70394";
        4 execution_and_delivery_time: Ts "TS" O [0..1] 26 "Execution and Delivery Time";
        5 modify_indicator: Id "ID" O [0..1] 1 "Modify Indicator" table "HL70395";
        6 sort_by_field: Srt "SRT" O [0..*] 512 "Sort-by Field";
        7 segment_group_inclusion: Id "ID" O [0..*] 256 "Segment group inclusion";
    }
}
