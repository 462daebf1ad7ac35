//! SFT segment declaration.

use crate::model::types::*;

crate::segment! {
    /// SFT — software segment: identifies the sending software product and version (optional in every profile).
    pub struct Sft("SFT", "Software Segment") {
        1 software_vendor_organization: Xon "XON_IZ" R [1..1] 567 "Software Vendor Organization"; // Z23/Z44/Z31/Z32/Z33/Z42: XON
        2 software_certified_version: St "ST_IZ" R [1..1] 15 "Software Certified Version or Release Number"; // Z23/Z34/Z44/Z31/Z32/Z33/Z42: ST
        3 software_product_name: St "ST_IZ" R [1..1] 20 "Software Product Name"; // Z23/Z34/Z44/Z31/Z32/Z33/Z42: ST
        4 software_binary_id: St "ST_IZ" R [1..1] 20 "Software Binary ID"; // Z23/Z34/Z44/Z31/Z32/Z33/Z42: ST
        5 software_product_information: Tx "TX" O [0..1] 1024 "Software Product Information";
        6 software_install_date: Ts "TS" O [0..1] 26 "Software Install Date";
    }
}
