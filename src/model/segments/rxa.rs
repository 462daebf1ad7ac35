//! RXA segment declaration.

use crate::model::types::*;

crate::segment! {
    /// RXA — pharmacy/treatment administration: one immunization event, whether administered now, reported as
    /// history, refused or not given (vaccine, date, amount, lot, manufacturer, status, action).
    pub struct Rxa("RXA", "Pharmacy/Treatment Administration") {
        1 give_sub_id_counter: Nm "NM" R [1..1] 1 "Give Sub-ID Counter";
        2 administration_sub_id_counter: Nm "NM" R [1..1] 1 "Administration Sub-ID Counter";
        3 date_time_start_of_administration: Ts "TS_NZ" R [1..1] 26 "Date/Time Start of Administration";
        4 date_time_end_of_administration: Ts "TS" O [0..1] 26 "Date/Time End of Administration";
        5 administered_code: Cwe "CE_IZ" R [1..1] 250 "Administered Code" table "CVX"; // Z22 also accepts NDC (unit of use / unit of sale) codes; Z32/Z42 bind CVX only
        6 administered_amount: Nm "NM" R [1..1] 20 "Administered Amount";
        7 administered_units: Cwe "CE_IZ" C(R/X) [0..1] 250 "Administered Units" table "UCUM";
        8 administered_dosage_form: Cwe "CE" O [0..1] 250 "Administered Dosage Form";
        9 administration_notes: Cwe "CE_IZ" C(R/O) [0..*] 250 "Administration Notes" table "NIP001";
        10 administering_provider: Xcn "XCN_IZ" C(RE/O) [0..1] 250 "Administering Provider";
        11 administered_at_location: La2 "LA2_IZ" C(RE/O) [0..1] 200 "Administered-at Location";
        12 administered_per: St "ST" O [0..1] 20 "Administered Per (Time Unit)";
        13 administered_strength: Nm "NM" O [0..1] 20 "Administered Strength";
        14 administered_strength_units: Cwe "CE" O [0..1] 250 "Administered Strength Units";
        15 substance_lot_number: St "ST" C(R/O) [0..*] 20 "Substance Lot Number"; // Z42: O
        16 substance_expiration_date: Ts "TS_M" C(RE/O) [0..1] 26 "Substance Expiration Date"; // Z42: O, TS
        17 substance_manufacturer_name: Cwe "CE_IZ" C(R/O) [0..1] 250 "Substance Manufacturer Name" table "MVX";
        18 substance_treatment_refusal_reason: Cwe "CE_IZ" C(R/X) [0..*] 250 "Substance/Treatment Refusal Reason" table "NIP002";
        19 indication: Cwe "CE" O [0..*] 250 "Indication";
        20 completion_status: Id "ID" RE [0..1] 2 "Completion Status" table "HL70322";
        21 action_code: Id "ID" C(R/O) [0..1] 2 "Action Code - RXA" table "HL70323"; // Z32/Z42: O
        22 system_entry_date_time: Ts "TS" O [0..1] 26 "System Entry Date/Time";
        23 administered_drug_strength_volume: Nm "NM" O [0..1] 5 "Administered Drug Strength Volume";
        24 administered_drug_strength_volume_units: Cwe "CWE" O [0..1] 250 "Administered Drug Strength Volume Units";
        25 administered_barcode_identifier: Cwe "CWE" O [0..1] 60 "Administered Barcode Identifier";
        26 pharmacy_order_type: Id "ID" O [0..1] 1 "Pharmacy Order Type" table "HL70480";
    }
}
