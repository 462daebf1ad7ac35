//! TQ1 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// TQ1 — timing/quantity: part of the optional ORDER.TIMING group of VXU_V04; the IG does not use it.
    pub struct Tq1("TQ1", "Timing/Quantity") {
        1 set_id: Si "SI" O [0..1] 4 "Set ID - TQ1";
        2 quantity: Cq "CQ" O [0..1] 20 "Quantity";
        3 repeat_pattern: Rpt "RPT" O [0..*] 540 "Repeat Pattern" table "HL70335";
        4 explicit_time: St "TM" O [0..*] 20 "Explicit Time";
        5 relative_time_and_units: Cq "CQ" O [0..*] 20 "Relative Time and Units";
        6 service_duration: Cq "CQ" O [0..1] 20 "Service Duration";
        7 start_date_time: Ts "TS" O [0..1] 26 "Start date/time";
        8 end_date_time: Ts "TS" O [0..1] 26 "End date/time";
        9 priority: Cwe "CWE" O [0..*] 250 "Priority" table "HL70485";
        10 condition_text: Tx "TX" O [0..1] 250 "Condition text";
        11 text_instruction: Tx "TX" O [0..1] 250 "Text instruction";
        12 conjunction: Id "ID" O [0..1] 10 "Conjunction" table "HL70427"; // base standard: C, no IG predicate
        13 occurrence_duration: Cq "CQ" O [0..1] 20 "Occurrence duration";
        14 total_occurrences: Nm "NM" O [0..1] 10 "Total occurrence's";
    }
}
