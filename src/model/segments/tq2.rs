//! TQ2 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// TQ2 — timing/quantity relationship: optional companion of TQ1; the IG does not use it.
    pub struct Tq2("TQ2", "Timing/Quantity Relationship") {
        1 set_id: Si "SI" O [0..1] 4 "Set ID - TQ2";
        2 sequence_results_flag: Id "ID" O [0..1] 1 "Sequence/Results Flag" table "HL70503";
        3 related_placer_number: Ei "EI" O [0..*] 22 "Related Placer Number"; // base standard: C, no IG predicate
        4 related_filler_number: Ei "EI" O [0..*] 22 "Related Filler Number"; // base standard: C, no IG predicate
        5 related_placer_group_number: Ei "EI" O [0..*] 22 "Related Placer Group Number"; // base standard: C, no IG predicate
        6 sequence_condition_code: Id "ID" O [0..1] 2 "Sequence Condition Code" table "HL70504"; // base standard: C, no IG predicate
        7 cyclic_entry_exit_indicator: Id "ID" O [0..1] 1 "Cyclic Entry/Exit Indicator" table "HL70505"; // base standard: C, no IG predicate
        8 sequence_condition_time_interval: Cq "CQ" O [0..1] 20 "Sequence Condition Time Interval";
        9 cyclic_group_maximum_number_of_repeats: Nm "NM" O [0..1] 10 "Cyclic Group Maximum Number of Repeats";
        10 special_service_request_relationship: Id "ID" O [0..1] 1 "Special Service Request Relationship" table "HL70506"; // base standard: C, no IG predicate
    }
}
