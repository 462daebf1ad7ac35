//! FTS segment declaration.

use crate::model::types::*;

crate::segment! {
    /// FTS — file trailer: closes a file of batches, optionally with the number of batches it held.
    pub struct Fts("FTS", "File Trailer") {
        1 file_batch_count: Nm "NM" O [0..1] 10 "File Batch Count";
        2 file_trailer_comment: St "ST" O [0..1] 80 "File Trailer Comment";
    }
}
