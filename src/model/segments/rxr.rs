//! RXR segment declaration.

use crate::model::types::*;

crate::segment! {
    /// RXR — pharmacy/treatment route: how (route) and where on the body (site) the vaccine was given.
    pub struct Rxr("RXR", "Pharmacy/Treatment Route") {
        1 route: Cwe "CE_IZ" R [1..1] 250 "Route" table "NCIT";
        2 administration_site: Cwe "CWE_IZ" RE [0..1] 250 "Administration Site" table "HL70163";
        3 administration_device: Cwe "CE" O [0..1] 250 "Administration Device" table "HL70164";
        4 administration_method: Cwe "CWE" O [0..1] 250 "Administration Method" table "HL70165";
        5 routing_instruction: Cwe "CE" O [0..1] 250 "Routing Instruction";
        6 administration_site_modifier: Cwe "CWE" O [0..1] 250 "Administration Site Modifier" table "HL70495";
    }
}
