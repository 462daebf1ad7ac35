//! QAK segment declaration.

use crate::model::types::*;

crate::segment! {
    /// QAK — query acknowledgment: echoes the query tag and reports whether the query found data (OK/NF/TM/AE/AR).
    pub struct Qak("QAK", "Query Acknowledgment") {
        1 query_tag: St "ST" R [1..1] 32 "Query Tag";
        2 query_response_status: Id "ID" R [1..1] 2 "Query Response Status" table "HL70208";
        3 message_query_name: Cwe "CE_IZ" R [1..1] 250 "Message Query Name" table "HL70471"; // Z33/Z42 bind HL70471; Z31/Z32 leave it unbound
        4 hit_count: Nm "NM" O [0..1] 10 "Hit Count";
        5 this_payload: Nm "NM" O [0..1] 10 "This payload";
        6 hits_remaining: Nm "NM" O [0..1] 10 "Hits remaining";
    }
}
