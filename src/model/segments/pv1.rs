//! PV1 segment declaration.

use crate::model::types::*;

crate::segment! {
    /// PV1 — patient visit: encounter details; optional in VXU and no longer the place for VFC eligibility
    /// (that moved to an OBX per dose).
    pub struct Pv1("PV1", "Patient Visit") {
        1 set_id: Si "SI" O [0..1] 4 "Set ID - PV1";
        2 patient_class: Is "IS" R [1..1] 1 "Patient Class" table "HL70004";
        3 assigned_patient_location: Pl "PL" O [0..1] 80 "Assigned Patient Location";
        4 admission_type: Is "IS" O [0..1] 2 "Admission Type" table "HL70007";
        5 preadmit_number: Cx "CX" O [0..1] 250 "Preadmit Number";
        6 prior_patient_location: Pl "PL" O [0..1] 80 "Prior Patient Location";
        7 attending_doctor: Xcn "XCN" O [0..*] 250 "Attending Doctor" table "HL70010";
        8 referring_doctor: Xcn "XCN" O [0..*] 250 "Referring Doctor" table "HL70010";
        9 consulting_doctor: Xcn "XCN" X [0..0] 250 "Consulting Doctor" table "HL70010";
        10 hospital_service: Is "IS" O [0..1] 3 "Hospital Service" table "HL70069";
        11 temporary_location: Pl "PL" O [0..1] 80 "Temporary Location";
        12 preadmit_test_indicator: Is "IS" O [0..1] 2 "Preadmit Test Indicator" table "HL70087";
        13 re_admission_indicator: Is "IS" O [0..1] 2 "Re-admission Indicator" table "HL70092";
        14 admit_source: Is "IS" O [0..1] 6 "Admit Source" table "HL70023";
        15 ambulatory_status: Is "IS" O [0..*] 2 "Ambulatory Status" table "HL70009";
        16 vip_indicator: Is "IS" O [0..1] 2 "VIP Indicator" table "HL70099";
        17 admitting_doctor: Xcn "XCN" O [0..*] 250 "Admitting Doctor" table "HL70010";
        18 patient_type: Is "IS" O [0..1] 2 "Patient Type" table "HL70018";
        19 visit_number: Cx "CX" O [0..1] 250 "Visit Number";
        20 financial_class: Fc "FC" O [0..*] 50 "Financial Class" table "HL70064";
        21 charge_price_indicator: Is "IS" O [0..1] 2 "Charge Price Indicator" table "HL70032";
        22 courtesy_code: Is "IS" O [0..1] 2 "Courtesy Code" table "HL70045";
        23 credit_rating: Is "IS" O [0..1] 2 "Credit Rating" table "HL70046";
        24 contract_code: Is "IS" O [0..*] 2 "Contract Code" table "HL70044";
        25 contract_effective_date: Dt "DT" O [0..*] 8 "Contract Effective Date";
        26 contract_amount: Nm "NM" O [0..*] 12 "Contract Amount";
        27 contract_period: Nm "NM" O [0..*] 3 "Contract Period";
        28 interest_code: Is "IS" O [0..1] 2 "Interest Code" table "HL70073";
        29 transfer_to_bad_debt_code: Is "IS" O [0..1] 4 "Transfer to Bad Debt Code" table "HL70110";
        30 transfer_to_bad_debt_date: Dt "DT" O [0..1] 8 "Transfer to Bad Debt Date";
        31 bad_debt_agency_code: Is "IS" O [0..1] 10 "Bad Debt Agency Code" table "HL70021";
        32 bad_debt_transfer_amount: Nm "NM" O [0..1] 12 "Bad Debt Transfer Amount";
        33 bad_debt_recovery_amount: Nm "NM" O [0..1] 12 "Bad Debt Recovery Amount";
        34 delete_account_indicator: Is "IS" O [0..1] 1 "Delete Account Indicator" table "HL70111";
        35 delete_account_date: Dt "DT" O [0..1] 8 "Delete Account Date";
        36 discharge_disposition: Is "IS" O [0..1] 3 "Discharge Disposition" table "HL70112";
        37 discharged_to_location: Dld "DLD" O [0..1] 47 "Discharged to Location" table "HL70113";
        38 diet_type: Cwe "CE" O [0..1] 250 "Diet Type" table "HL70114";
        39 servicing_facility: Is "IS" O [0..1] 2 "Servicing Facility" table "HL70115";
        40 bed_status: Is "IS" X [0..0] 1 "Bed Status" table "HL70116";
        41 account_status: Is "IS" O [0..1] 2 "Account Status" table "HL70117";
        42 pending_location: Pl "PL" O [0..1] 80 "Pending Location";
        43 prior_temporary_location: Pl "PL" O [0..1] 80 "Prior Temporary Location";
        44 admit_date_time: Ts "TS" O [0..1] 26 "Admit Date/Time";
        45 discharge_date_time: Ts "TS" O [0..*] 26 "Discharge Date/Time";
        46 current_patient_balance: Nm "NM" O [0..1] 12 "Current Patient Balance";
        47 total_charges: Nm "NM" O [0..1] 12 "Total Charges";
        48 total_adjustments: Nm "NM" O [0..1] 12 "Total Adjustments";
        49 total_payments: Nm "NM" O [0..1] 12 "Total Payments";
        50 alternate_visit_id: Cx "CX" O [0..1] 250 "Alternate Visit ID" table "HL70203";
        51 visit_indicator: Is "IS" O [0..1] 1 "Visit Indicator" table "HL70326";
        52 other_healthcare_provider: Xcn "XCN_IZ" X [0..0] 250 "Other Healthcare Provider" table "HL70010"; // Z32: XCN
    }
}
