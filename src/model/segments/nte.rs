//! NTE segment declaration.

use crate::model::types::*;

crate::segment! {
    /// NTE — notes and comments: free text attached to the preceding OBX.
    pub struct Nte("NTE", "Notes and Comments") {
        1 set_id: Si "SI" O [0..1] 4 "Set ID - NTE";
        2 source_of_comment: Id "ID" O [0..1] 8 "Source of Comment" table "HL70105";
        3 comment: Ft "FT" R [1..1] 65333 "Comment";
        4 comment_type: Cwe "CE" O [0..1] 250 "Comment Type" table "HL70364";
    }
}
