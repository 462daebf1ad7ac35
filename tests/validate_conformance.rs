//! The IG's conformance statements (rules `IZ-nn`) and the profile-specific usage table, on real
//! messages and on clean messages with one datum broken at a time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::Corpus;

use std::collections::BTreeSet;
use std::path::Path;

use izmsg::validate::{Family, Issue, Report, Validator};

/// The clock every test validates on.
fn validator() -> Validator {
    Validator::cdc().at_date(2024, 3, 20)
}

fn validate(text: &str) -> Report {
    let decoded = izmsg::model::decode(text.as_bytes())
        .unwrap_or_else(|e| panic!("decoding failed: {e}\n{text}"));
    validator().validate(&decoded)
}

fn family(issue: &Issue) -> Option<Family> {
    izmsg::validate::rule(&issue.rule).map(|r| r.family)
}

fn show(report: &Report) -> String {
    report
        .issues
        .iter()
        .map(|i| format!("  {} {} {} :: {}", i.severity, i.rule, i.erl(), i.message))
        .collect::<Vec<_>>()
        .join("\n")
}

// --- Clean messages ----------------------------------------------------------------------------

/// A Z22 VXU: an administered Hep B dose with its funding eligibility and VIS, a refusal, and a
/// record of a contraindication (CVX 998).
const VXU: &str = "MSH|^~\\&|MyEHR^2.16.840.1.113883.3.1^ISO|MyClinic^2.16.840.1.113883.3.2^ISO|MyIIS|StateIIS|20240315120000-0500||VXU^V04^VXU_V04|MSG-1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
PID|1||PAT-1^^^EHR&2.16.840.1.113883.3.5&ISO^MR||Testpatient^Robin^^^^^L|Sample^Mary^^^^^M|20230110|F||2106-3^White^CDCREC|1 Main St^^Augusta^ME^04330^USA^H||^PRN^PH^^^207^5551234|||||||||2186-5^Not Hispanic or Latino^CDCREC||N||||||N\r\
PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|20240315|||A|20240315|20240315\r\
NK1|1|Sample^Mary^^^^^L|MTH^Mother^HL70063|1 Main St^^Augusta^ME^04330^USA^H|^PRN^PH^^^207^5551234\r\
IN1|1|VFC^Vaccines for Children^HL70072|INS-1^^^EHR^NIIP|Insurer|||||||||||MC||||||||||||||20240101\r\
ORC|RE||IZ-1^EHR^2.16.840.1.113883.3.5^ISO|||||||^Entered^Ed||1234567890^Giver^Nancy^^^^^^NPPES&2.16.840.1.113883.4.6&ISO^L^^^NPI|||||MyClinic^My Clinic^HL70362\r\
RXA|0|1|20240315||08^Hep B, adolescent or pediatric^CVX|0.5|mL^milliliters^UCUM||00^New immunization record^NIP001|1234567890^Giver^Nancy^^^^^^NPPES&2.16.840.1.113883.4.6&ISO^L^^^NPI|^^^MyClinic||||LOT123|20261231|MSD^Merck and Co., Inc.^MVX|||CP|A\r\
RXR|C28161^Intramuscular^NCIT|LT^Left Thigh^HL70163\r\
OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20240315|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r\
OBX|2|CE|69764-9^Document type^LN|2|253088698300005911230512^Hepatitis B VIS^cdcgs1vis||||||F|||20240315\r\
OBX|3|TS|29769-7^Date vaccine information statement presented^LN|2|20240315||||||F|||20240315\r\
ORC|RE||9999^EHR\r\
RXA|0|1|20240315||107^DTaP, unspecified formulation^CVX|999||||||||||||00^Parental decision^NIP002||RE|A\r\
ORC|RE||9999^EHR\r\
RXA|0|1|20240315||998^No vaccine administered^CVX|999||||||||||||||NA\r\
OBX|4|CE|30945-0^Vaccination contraindication^LN|1|VXC23^current fever with moderate-to-severe illness^CDCPHINVS||||||F|||20240315\r";

/// A Z23 acknowledgement.
const ACK: &str = "MSH|^~\\&|StateIIS|StateIIS|MyEHR|MyClinic|20240315120001-0500||ACK^V04^ACK|ACK-1|P|2.5.1|||NE|NE|||||Z23^CDCPHINVS\r\
MSA|AA|MSG-1\r";

/// A Z34 query.
const QBP_Z34: &str = "MSH|^~\\&|MyEHR|MyClinic|MyIIS|StateIIS|20240315120000-0500||QBP^Q11^QBP_Q11|Q-1|P|2.5.1|||ER|AL|||||Z34^CDCPHINVS\r\
QPD|Z34^Request Immunization History^CDCPHINVS|TAG-1|PAT-1^^^EHR^MR|Testpatient^Robin^^^^^L|Sample^Mary^^^^^M|20230110|F|1 Main St^^Augusta^ME^04330^USA^H\r\
RCP|I|5^RD&records&HL70126\r";

/// A Z44 query.
const QBP_Z44: &str = "MSH|^~\\&|MyEHR|MyClinic|MyIIS|StateIIS|20240315120000-0500||QBP^Q11^QBP_Q11|Q-2|P|2.5.1|||ER|AL|||||Z44^CDCPHINVS\r\
QPD|Z44^Request Evaluated History and Forecast^CDCPHINVS|TAG-2|PAT-1^^^EHR^MR|Testpatient^Robin^^^^^L|Sample^Mary^^^^^M|20230110|F|1 Main St^^Augusta^ME^04330^USA^H||||20240101\r\
RCP|I|1^RD&records&HL70126\r";

/// A Z32 complete history: one historical dose.
const RSP_Z32: &str = "MSH|^~\\&|StateIIS|StateIIS|MyEHR|MyClinic|20240315120001-0500||RSP^K11^RSP_K11|R-1|P|2.5.1|||NE|NE|||||Z32^CDCPHINVS\r\
MSA|AA|Q-1\r\
QAK|TAG-1|OK|Z34^Request Immunization History^CDCPHINVS\r\
QPD|Z34^Request Immunization History^CDCPHINVS|TAG-1|PAT-1^^^EHR^MR|Testpatient^Robin^^^^^L|Sample^Mary^^^^^M|20230110|F\r\
PID|1||IIS-9^^^StateIIS^SR||Testpatient^Robin^^^^^L|Sample^Mary^^^^^M|20230110|F\r\
ORC|RE||IIS-D1^StateIIS\r\
RXA|0|1|20230310||08^Hep B, adolescent or pediatric^CVX|999|||01^Historical information - source unspecified^NIP001|||||||||||CP\r";

/// A Z42 evaluated history and forecast: an administered dose the IIS sends without its lot number
/// (Z42 makes RXA-15 optional), and a forecast group (CVX 998).
const RSP_Z42: &str = "MSH|^~\\&|StateIIS|StateIIS|MyEHR|MyClinic|20240315120001-0500||RSP^K11^RSP_K11|R-2|P|2.5.1|||NE|NE|||||Z42^CDCPHINVS\r\
MSA|AA|Q-2\r\
QAK|TAG-2|OK|Z44^Request Evaluated History and Forecast^CDCPHINVS\r\
QPD|Z44^Request Evaluated History and Forecast^CDCPHINVS|TAG-2|PAT-1^^^EHR^MR|Testpatient^Robin^^^^^L||20230110|F\r\
PID|1||IIS-9^^^StateIIS^SR||Testpatient^Robin^^^^^L||20230110|F\r\
ORC|RE||IIS-D1^StateIIS\r\
RXA|0|1|20230310||08^Hep B, adolescent or pediatric^CVX|0.5|mL^milliliters^UCUM||00^New immunization record^NIP001||||||||MSD^Merck and Co., Inc.^MVX|||CP\r\
OBX|1|CE|30956-7^Vaccine Type^LN|1|45^Hep B, unspecified formulation^CVX||||||F\r\
OBX|2|CE|59781-5^Dose validity^LN|1|Y^Yes^HL70136||||||F\r\
ORC|RE||9999^StateIIS\r\
RXA|0|1|20240315||998^No vaccine administered^CVX|999||||||||||||||NA\r\
OBX|1|CE|30956-7^Vaccine Type^LN|1|45^Hep B, unspecified formulation^CVX||||||F\r\
OBX|2|TS|30980-7^Date vaccine due^LN|1|20240410||||||F\r";

/// A Z31 list of two candidates.
const RSP_Z31: &str = "MSH|^~\\&|StateIIS|StateIIS|MyEHR|MyClinic|20240315120001-0500||RSP^K11^RSP_K11|R-3|P|2.5.1|||NE|NE|||||Z31^CDCPHINVS\r\
MSA|AA|Q-1\r\
QAK|TAG-1|OK|Z34^Request Immunization History^CDCPHINVS\r\
QPD|Z34^Request Immunization History^CDCPHINVS|TAG-1|PAT-1^^^EHR^MR|Testpatient^Robin^^^^^L|Sample^Mary^^^^^M|20230110|F\r\
PID|1||IIS-9^^^StateIIS^SR||Testpatient^Robin^^^^^L||20230110|F\r\
NK1|1|Sample^Mary^^^^^L|MTH^Mother^HL70063\r\
PID|2||IIS-10^^^StateIIS^SR||Testpatient^Robyn^^^^^L||20230110|F\r\
NK1|1|Sample^Mary^^^^^L|MTH^Mother^HL70063\r";

const CLEAN: &[(&str, &str)] = &[
    ("VXU Z22", VXU),
    ("ACK Z23", ACK),
    ("QBP Z34", QBP_Z34),
    ("QBP Z44", QBP_Z44),
    ("RSP Z32", RSP_Z32),
    ("RSP Z42", RSP_Z42),
    ("RSP Z31", RSP_Z31),
];

#[test]
fn clean_messages_have_no_issue() {
    for (name, text) in CLEAN {
        let report = validate(text);
        assert!(
            report.issues.is_empty(),
            "{name} should be clean:\n{}",
            show(&report)
        );
    }
}

// --- One datum broken at a time -------------------------------------------------------------------

/// One edit of an ER7 text.
#[derive(Clone, Copy)]
enum Edit {
    /// Segment id, its occurrence (from 1), field, component (0: the whole field), new value.
    Set(&'static str, usize, usize, usize, &'static str),
    /// Removes the `n`-th segment of this id.
    Drop(&'static str, usize),
    /// Inserts a segment after the `n`-th segment of this id.
    Insert(&'static str, usize, &'static str),
}

fn apply(text: &str, edit: Edit) -> String {
    let mut segments: Vec<String> = text
        .split('\r')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let nth = |segments: &[String], id: &str, occ: usize| {
        segments
            .iter()
            .enumerate()
            .filter(|(_, s)| s.starts_with(id) && s.as_bytes().get(3) == Some(&b'|'))
            .nth(occ - 1)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("no {id} #{occ}"))
    };
    match edit {
        Edit::Drop(id, occ) => {
            let i = nth(&segments, id, occ);
            segments.remove(i);
        }
        Edit::Insert(id, occ, segment) => {
            let i = nth(&segments, id, occ);
            segments.insert(i + 1, segment.to_string());
        }
        Edit::Set(id, occ, field, component, value) => {
            let i = nth(&segments, id, occ);
            let mut fields: Vec<String> = segments[i].split('|').map(str::to_string).collect();
            // MSH-1 is the separator itself: MSH-n sits at index n - 1.
            let index = if id == "MSH" { field - 1 } else { field };
            if fields.len() <= index {
                fields.resize(index + 1, String::new());
            }
            if component == 0 {
                fields[index] = value.to_string();
            } else {
                let mut comps: Vec<String> = fields[index].split('^').map(str::to_string).collect();
                if comps.len() < component {
                    comps.resize(component, String::new());
                }
                comps[component - 1] = value.to_string();
                fields[index] = comps.join("^");
            }
            segments[i] = fields.join("|");
        }
    }
    let mut out = segments.join("\r");
    out.push('\r');
    out
}

struct Case {
    name: &'static str,
    base: &'static str,
    edits: &'static [Edit],
    rule: &'static str,
    erl: &'static str,
}

const fn case(
    name: &'static str,
    base: &'static str,
    edits: &'static [Edit],
    rule: &'static str,
    erl: &'static str,
) -> Case {
    Case {
        name,
        base,
        edits,
        rule,
        erl,
    }
}

use Edit::{Drop, Insert, Set};

const CASES: &[Case] = &[
    // Message header.
    case(
        "MSH-12 = 2.3.1",
        VXU,
        &[Set("MSH", 1, 12, 0, "2.3.1")],
        "IZ-15",
        "MSH^1^12^1^1",
    ),
    case(
        "MSH-7 without zone",
        VXU,
        &[Set("MSH", 1, 7, 0, "20240315120000")],
        "IZ-TS_Z",
        "MSH^1^7^1",
    ),
    case(
        "MSH-7 to the minute",
        VXU,
        &[Set("MSH", 1, 7, 0, "202403151200-0500")],
        "IZ-TS_Z",
        "MSH^1^7^1",
    ),
    case(
        "MSH-9.3 = VXU",
        VXU,
        &[Set("MSH", 1, 9, 3, "VXU")],
        "IZ-17",
        "MSH^1^9^1^3",
    ),
    case(
        "MSH-15 = AL",
        VXU,
        &[Set("MSH", 1, 15, 0, "AL")],
        "IZ-42",
        "MSH^1^15^1",
    ),
    case(
        "MSH-16 = NE",
        VXU,
        &[Set("MSH", 1, 16, 0, "NE")],
        "IZ-41",
        "MSH^1^16^1",
    ),
    case(
        "MSH-21.2 = CDC",
        VXU,
        &[Set("MSH", 1, 21, 2, "CDC")],
        "IZ-43",
        "MSH^1^21^1^2",
    ),
    case(
        "MSH-21.1 = Z23 on a VXU",
        VXU,
        &[Set("MSH", 1, 21, 1, "Z23")],
        "IZ-43",
        "MSH^1^21^1^1",
    ),
    case(
        "MSH-4.2 not an OID",
        VXU,
        &[Set("MSH", 1, 4, 2, "clinic.example.org")],
        "IZ-5",
        "MSH^1^4^1^2",
    ),
    case(
        "MSH-3.3 = DNS",
        VXU,
        &[Set("MSH", 1, 3, 3, "DNS")],
        "IZ-6",
        "MSH^1^3^1^3",
    ),
    // Patient.
    case(
        "PID-1 = 2",
        VXU,
        &[Set("PID", 1, 1, 0, "2")],
        "IZ-46",
        "PID^1^1^1",
    ),
    case(
        "PID-7 month precision",
        VXU,
        &[Set("PID", 1, 7, 0, "202301")],
        "IZ-TS_NZ",
        "PID^1^7^1",
    ),
    case(
        "PID-6.7 = L",
        VXU,
        &[Set("PID", 1, 6, 7, "L")],
        "IZ-66",
        "PID^1^6^1^7",
    ),
    case(
        "PID-3.4.3 (CX.4 HD.3) = L",
        VXU,
        &[Set("PID", 1, 3, 4, "EHR&2.16.840.1.113883.3.5&L")],
        "IZ-6",
        "PID^1^3^1^4^3",
    ),
    case(
        "PD1-17 month only",
        VXU,
        &[Set("PD1", 1, 17, 0, "202403")],
        "IZ-DT_D",
        "PD1^1^17^1",
    ),
    case(
        "NK1-1 = 2 first",
        VXU,
        &[Set("NK1", 1, 1, 0, "2")],
        "IZ-70",
        "NK1^1^1^1",
    ),
    case(
        "IN1-1 = 2",
        VXU,
        &[Set("IN1", 1, 1, 0, "2")],
        "IZ-69",
        "IN1^1^1^1",
    ),
    case(
        "IN1-29 with zone",
        VXU,
        &[Set("IN1", 1, 29, 0, "20240101-0500")],
        "IZ-TS_NZ",
        "IN1^1^29^1",
    ),
    // Order of the administered dose.
    case(
        "ORC-1 = NW",
        VXU,
        &[Set("ORC", 1, 1, 0, "NW")],
        "IZ-25",
        "ORC^1^1^1",
    ),
    case(
        "ORC-3.3 not an OID",
        VXU,
        &[Set("ORC", 1, 3, 3, "2.16.08")],
        "IZ-3",
        "ORC^1^3^1^3",
    ),
    case(
        "ORC-3.4 = DNS",
        VXU,
        &[Set("ORC", 1, 3, 4, "DNS")],
        "IZ-4",
        "ORC^1^3^1^4",
    ),
    case(
        "RXA-1 = 1",
        VXU,
        &[Set("RXA", 1, 1, 0, "1")],
        "IZ-28",
        "RXA^1^1^1",
    ),
    case(
        "RXA-2 = 2 (a dose number)",
        VXU,
        &[Set("RXA", 1, 2, 0, "2")],
        "IZ-29",
        "RXA^1^2^1",
    ),
    case(
        "RXA-3 with zone",
        VXU,
        &[Set("RXA", 1, 3, 0, "20240315-0500")],
        "IZ-TS_NZ",
        "RXA^1^3^1",
    ),
    case(
        "RXA-4 differs from RXA-3",
        VXU,
        &[Set("RXA", 1, 4, 0, "20240314")],
        "IZ-30",
        "RXA^1^4^1",
    ),
    case(
        "RXA-9.1 = 09 on a CP dose",
        VXU,
        &[Set("RXA", 1, 9, 1, "09")],
        "IZ-31",
        "RXA^1^9^1^1",
    ),
    case(
        "RXA-16 year only",
        VXU,
        &[Set("RXA", 1, 16, 0, "2026")],
        "IZ-TS_M",
        "RXA^1^16^1",
    ),
    case(
        "RXA-18 with RXA-20 = CP",
        VXU,
        &[Set("RXA", 1, 18, 0, "00^Parental decision^NIP002")],
        "IZ-32",
        "RXA^1^20^1",
    ),
    case(
        "lot number missing (Z22)",
        VXU,
        &[Set("RXA", 1, 15, 0, "")],
        "IG-REQUIRED",
        "RXA^1^15^1",
    ),
    // Its observations.
    case(
        "OBX-11 = P",
        VXU,
        &[Set("OBX", 1, 11, 0, "P")],
        "IZ-22",
        "OBX^1^11^1",
    ),
    case(
        "OBX-4 = 0",
        VXU,
        &[Set("OBX", 1, 4, 0, "0")],
        "IZ-44",
        "OBX^1^4^1",
    ),
    case(
        "OBX-1 = 2 first",
        VXU,
        &[Set("OBX", 1, 1, 0, "2")],
        "NIST-01",
        "OBX^1^1^1",
    ),
    case(
        "OBX-1 skips a number",
        VXU,
        &[Set("OBX", 3, 1, 0, "4")],
        "NIST-01",
        "OBX^3^1^1",
    ),
    case(
        "OBX-14 month precision",
        VXU,
        &[Set("OBX", 1, 14, 0, "202403")],
        "IZ-TS_NZ",
        "OBX^1^14^1",
    ),
    case(
        "eligibility V99",
        VXU,
        &[Set("OBX", 1, 5, 1, "V99")],
        "IZ-35",
        "OBX^1^5^1^1",
    ),
    case(
        "VIS barcode not in the table",
        VXU,
        &[Set("OBX", 2, 5, 1, "253088698300099999999999")],
        "IZ-36",
        "OBX^2^5^1^1",
    ),
    case(
        "missing 64994-7 for an administered dose",
        VXU,
        &[Set("OBX", 1, 3, 0, "30963-3^Vaccine funding source^LN")],
        "IZ-23",
        "RXA^1",
    ),
    case(
        "VIS without its presentation date",
        VXU,
        &[Set(
            "OBX",
            3,
            3,
            0,
            "29768-9^Date vaccine information statement published^LN",
        )],
        "IZ-24",
        "OBX^2^4^1",
    ),
    // The refusal and the record without a vaccine.
    case(
        "RE without 9999 in ORC-3",
        VXU,
        &[Set("ORC", 2, 3, 1, "IZ-2")],
        "IZ-45",
        "ORC^2^3^1^1",
    ),
    case(
        "refusal with an amount",
        VXU,
        &[
            Set("RXA", 2, 6, 0, "0.5"),
            Set("RXA", 2, 7, 0, "mL^milliliters^UCUM"),
        ],
        "IZ-48",
        "RXA^2^6^1",
    ),
    case(
        "refusal with an information source",
        VXU,
        &[Set("RXA", 2, 9, 0, "00^New immunization record^NIP001")],
        "IZ-47",
        "RXA^2^9^1^1",
    ),
    case(
        "CVX 998 with amount 0.5",
        VXU,
        &[
            Set("RXA", 3, 6, 0, "0.5"),
            Set("RXA", 3, 7, 0, "mL^milliliters^UCUM"),
        ],
        "IZ-49",
        "RXA^3^6^1",
    ),
    // Acknowledgement.
    case(
        "ACK MSH-9.2 = A01",
        ACK,
        &[Set("MSH", 1, 9, 2, "A01")],
        "IZ-51",
        "MSH^1^9^1^2",
    ),
    case(
        "ACK MSH-15 = AL",
        ACK,
        &[Set("MSH", 1, 15, 0, "AL")],
        "IZ-53",
        "MSH^1^15^1",
    ),
    case(
        "ACK MSH-16 = AL",
        ACK,
        &[Set("MSH", 1, 16, 0, "AL")],
        "IZ-52",
        "MSH^1^16^1",
    ),
    case(
        "ACK MSH-21.1 = Z22",
        ACK,
        &[Set("MSH", 1, 21, 1, "Z22")],
        "IZ-54",
        "MSH^1^21^1^1",
    ),
    // Queries.
    case(
        "Z34 MSH-9.3 = QBP_Q13",
        QBP_Z34,
        &[Set("MSH", 1, 9, 3, "QBP_Q13")],
        "IZ-55",
        "MSH^1^9^1^3",
    ),
    case(
        "Z34 MSH-15 = AL",
        QBP_Z34,
        &[Set("MSH", 1, 15, 0, "AL")],
        "IZ-57",
        "MSH^1^15^1",
    ),
    case(
        "Z34 MSH-16 = NE",
        QBP_Z34,
        &[Set("MSH", 1, 16, 0, "NE")],
        "IZ-58",
        "MSH^1^16^1",
    ),
    case(
        "Z34 MSH-21.2 = CDC",
        QBP_Z34,
        &[Set("MSH", 1, 21, 2, "CDC")],
        "IZ-56",
        "MSH^1^21^1^2",
    ),
    case(
        "Z34 two profile identifiers",
        QBP_Z34,
        &[Set("MSH", 1, 21, 0, "Z34^CDCPHINVS~ME-Z34^MEIIS")],
        "IG-CARDINALITY",
        "MSH^1^21^2",
    ),
    case(
        "Z34 QPD-1.1 = Z44",
        QBP_Z34,
        &[Set("QPD", 1, 1, 1, "Z44")],
        "IZ-67",
        "QPD^1^1^1^1",
    ),
    case(
        "Z34 QPD-1.2 text",
        QBP_Z34,
        &[Set("QPD", 1, 1, 2, "History")],
        "IZ-67b",
        "QPD^1^1^1^2",
    ),
    case(
        "Z34 QPD-5.7 = L",
        QBP_Z34,
        &[Set("QPD", 1, 5, 7, "L")],
        "IZ-66",
        "QPD^1^5^1^7",
    ),
    case(
        "Z34 QPD-6 year only",
        QBP_Z34,
        &[Set("QPD", 1, 6, 0, "2023")],
        "IZ-TS_NZ",
        "QPD^1^6^1",
    ),
    case(
        "Z34 RCP-1 = D",
        QBP_Z34,
        &[Set("RCP", 1, 1, 0, "D")],
        "IZ-27",
        "RCP^1^1^1",
    ),
    case(
        "Z34 RCP-2.1 = 0",
        QBP_Z34,
        &[Set("RCP", 1, 2, 1, "0")],
        "IZ-1",
        "RCP^1^2^1^1",
    ),
    case(
        "Z34 RCP-2.2.1 = RC",
        QBP_Z34,
        &[Set("RCP", 1, 2, 2, "RC&records&HL70126")],
        "IZ-2",
        "RCP^1^2^1^2^1",
    ),
    case(
        "Z44 MSH-17 (none in Z44)",
        QBP_Z44,
        &[Set("MSH", 1, 17, 0, "USA")],
        "IG-NOT-SUPPORTED",
        "MSH^1^17^1",
    ),
    case(
        "Z44 MSH-21.2 = CDC",
        QBP_Z44,
        &[Set("MSH", 1, 21, 2, "CDC")],
        "IZ-64",
        "MSH^1^21^1^2",
    ),
    case(
        "Z44 QPD-1.3 = HL70471",
        QBP_Z44,
        &[Set("QPD", 1, 1, 3, "HL70471")],
        "IZ-68",
        "QPD^1^1^1^3",
    ),
    case(
        "Z44 QPD-1.2 text",
        QBP_Z44,
        &[Set("QPD", 1, 1, 2, "Forecast")],
        "IZ-68b",
        "QPD^1^1^1^2",
    ),
    case(
        "Z44 QPD-12 year only",
        QBP_Z44,
        &[Set("QPD", 1, 12, 0, "2024")],
        "IZ-TS",
        "QPD^1^12^1",
    ),
    // Responses.
    case(
        "Z32 MSH-16 = AL",
        RSP_Z32,
        &[Set("MSH", 1, 16, 0, "AL")],
        "IZ-52",
        "MSH^1^16^1",
    ),
    case(
        "Z32 MSH-15 = ER",
        RSP_Z32,
        &[Set("MSH", 1, 15, 0, "ER")],
        "IZ-53",
        "MSH^1^15^1",
    ),
    case(
        "Z32 MSH-21.1 = Z99",
        RSP_Z32,
        &[Set("MSH", 1, 21, 1, "Z99")],
        "IZ-60",
        "MSH^1^21^1^1",
    ),
    case(
        "Z32 QPD-1.1 = Z44",
        RSP_Z32,
        &[Set("QPD", 1, 1, 1, "Z44")],
        "IZ-67",
        "QPD^1^1^1^1",
    ),
    case(
        "Z32 QPD-12 year only",
        RSP_Z32,
        &[Set("QPD", 1, 12, 0, "2024")],
        "IZ-TS_NZ",
        "QPD^1^12^1",
    ),
    case(
        "Z32 PID-1 = 2",
        RSP_Z32,
        &[Set("PID", 1, 1, 0, "2")],
        "IZ-46",
        "PID^1^1^1",
    ),
    case(
        "Z32 MSH-9.2 = K12",
        RSP_Z32,
        &[Set("MSH", 1, 9, 2, "K12")],
        "IZ-59",
        "MSH^1^9^1^2",
    ),
    case(
        "Z42 MSH-21.2 = CDC",
        RSP_Z42,
        &[Set("MSH", 1, 21, 2, "CDC")],
        "IZ-65",
        "MSH^1^21^1^2",
    ),
    case(
        "Z42 QPD-1.1 = Z34",
        RSP_Z42,
        &[Set("QPD", 1, 1, 1, "Z34")],
        "IZ-68",
        "QPD^1^1^1^1",
    ),
    case(
        "Z42 vaccine type not CVX",
        RSP_Z42,
        &[Set("OBX", 1, 5, 1, "999999")],
        "IZ-37",
        "OBX^1^5^1^1",
    ),
    case(
        "Z42 NA without 9999 in ORC-3",
        RSP_Z42,
        &[Set("ORC", 2, 3, 1, "IIS-D2")],
        "IZ-45",
        "ORC^2^3^1^1",
    ),
    case(
        "Z42 ORC-1 = NW",
        RSP_Z42,
        &[Set("ORC", 1, 1, 0, "NW")],
        "IZ-25",
        "ORC^1^1^1",
    ),
    case(
        "Z42 forecast group without OBX",
        RSP_Z42,
        &[Drop("OBX", 4), Drop("OBX", 3)],
        "IG-SEGMENT-MISSING",
        "OBX^2",
    ),
    case(
        "Z42 with an NK1 (not in the profile)",
        RSP_Z42,
        &[Insert(
            "PID",
            1,
            "NK1|1|Sample^Mary^^^^^L|MTH^Mother^HL70063",
        )],
        "IG-SEGMENT-UNEXPECTED",
        "NK1^1",
    ),
    case(
        "Z32 with a second patient",
        RSP_Z32,
        &[Insert(
            "RXA",
            1,
            "PID|2||IIS-10^^^StateIIS^SR||Testpatient^Robyn^^^^^L||20230110|F",
        )],
        "IG-SEGMENT-UNEXPECTED",
        "PID^2",
    ),
    case(
        "Z31 with an order group (none in the profile)",
        RSP_Z31,
        &[Insert("NK1", 2, "ORC|RE||IIS-D1^StateIIS")],
        "IG-SEGMENT-UNEXPECTED",
        "ORC^1",
    ),
    case(
        "Z31 second PID-1 = 3",
        RSP_Z31,
        &[Set("PID", 2, 1, 0, "3")],
        "IZ-72",
        "PID^2^1^1",
    ),
    case(
        "Z31 NK1 numbered per patient",
        RSP_Z31,
        &[Set("NK1", 2, 1, 0, "2")],
        "IZ-70",
        "NK1^2^1^1",
    ),
    case(
        "Z31 MSH-21.2 = CDC",
        RSP_Z31,
        &[Set("MSH", 1, 21, 2, "CDC")],
        "IZ-61",
        "MSH^1^21^1^2",
    ),
];

#[test]
fn one_broken_datum_fires_one_rule_at_its_place() {
    let mut failures = Vec::new();
    for c in CASES {
        let clean = validate(c.base);
        let mut text = c.base.to_string();
        for edit in c.edits {
            text = apply(&text, *edit);
        }
        let report = validate(&text);
        let fired: Vec<String> = report.by_rule(c.rule).map(|i| i.erl()).collect();
        if fired != [c.erl] {
            failures.push(format!(
                "{}: expected {} at {}, got {fired:?}\n{}",
                c.name,
                c.rule,
                c.erl,
                show(&report)
            ));
            continue;
        }
        let before: BTreeSet<(String, String)> = clean
            .errors()
            .map(|i| (i.rule.to_string(), i.erl()))
            .collect();
        let new_errors: Vec<String> = report
            .errors()
            .map(|i| (i.rule.to_string(), i.erl()))
            .filter(|e| !before.contains(e) && (e.0 != c.rule || e.1 != c.erl))
            .map(|(r, e)| format!("{r} {e}"))
            .collect();
        if !new_errors.is_empty() {
            failures.push(format!(
                "{}: other new errors {new_errors:?}\n{}",
                c.name,
                show(&report)
            ));
        }
        // The issue carries the rule's catalogue severity and says which statement it is.
        let issue = report.by_rule(c.rule).next().unwrap();
        let rule = izmsg::validate::rule(c.rule).unwrap();
        assert_eq!(issue.severity, rule.severity, "{}", c.name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

// --- Profile-specific usage ---------------------------------------------------------------------------

fn forced(profile: izmsg::validate::MessageProfile, text: &str) -> Report {
    let decoded = izmsg::model::decode(text.as_bytes()).unwrap();
    Validator::new(izmsg::validate::Profile::cdc_for(profile))
        .at_date(2024, 3, 20)
        .validate(&decoded)
}

#[test]
fn z42_leaves_the_lot_number_optional_where_z32_requires_it() {
    use izmsg::validate::MessageProfile::{Z32, Z42};
    // The administered dose of the Z42 message has no lot number (RXA-15).
    let lot = |r: &Report| r.by_rule("IG-REQUIRED").any(|i| i.erl() == "RXA^1^15^1");
    assert!(!lot(&forced(Z42, RSP_Z42)), "Z42: RXA-15 is O");
    assert!(
        lot(&forced(Z32, RSP_Z42)),
        "Z32: RXA-15 is C(R/O) as in Z22"
    );
}

#[test]
fn z32_leaves_the_action_code_optional_where_z22_requires_it() {
    use izmsg::validate::MessageProfile::{Z22, Z32};
    // The historical dose of the Z32 message has no action code (RXA-21).
    let action = |r: &Report| r.by_rule("IG-REQUIRED").any(|i| i.erl() == "RXA^1^21^1");
    assert!(!action(&forced(Z32, RSP_Z32)));
    assert!(action(&forced(Z22, RSP_Z32)));
}

#[test]
fn z42_leaves_patient_details_optional() {
    use izmsg::validate::MessageProfile::{Z32, Z42};
    // PID-6/10/13/22/24 are RE in Z32 (no issue when empty either way) but a Z42 may also send
    // them without their IZ flavour: PID-6 as a plain XPN is not held to IZ-66.
    let text = apply(RSP_Z42, Set("PID", 1, 6, 0, "Sample^Mary^^^^^L"));
    assert_eq!(forced(Z42, &text).by_rule("IZ-66").count(), 0);
    assert_eq!(forced(Z32, &text).by_rule("IZ-66").count(), 1);
}

// --- The corpus ---------------------------------------------------------------------------------------

/// The corpus files PROVENANCE.md calls conformant ("expected to be conformant", "valid"), minus the
/// ones it says are not.
fn conformant_files(corpus: &Corpus) -> Vec<String> {
    let provenance = String::from_utf8(corpus.read("PROVENANCE.md")).unwrap();
    let mut files = Vec::new();
    let mut current = None;
    for line in provenance.lines() {
        if let Some(name) = line.strip_prefix("### `").and_then(|l| l.strip_suffix('`')) {
            current = Some(name.to_string());
        } else if let Some(validity) = line.strip_prefix("- Validity: ") {
            let says_conformant = validity.contains("expected to be conformant");
            let says_not = validity.contains("not a conformant")
                || validity.contains("invalid")
                || validity.contains("non-conformant");
            if says_conformant && !says_not {
                files.extend(current.take());
            }
        }
    }
    files
}

/// Flags on conformant messages that are right, with the reason.
const ALLOWED: &[(&str, &str, &str, &str)] = &[(
    "vxu/017-nist-cni5-juana-mariela.hl7",
    "IZ-23",
    "RXA^1",
    "the Hep B dose is administered (RXA-9 00, RXA-20 CP) and its group has no 64994-7 \
     eligibility OBX; the CNI test step it comes from does not exercise IZ-23, but the statement \
     applies as written",
)];

#[test]
fn conformant_corpus_messages_have_no_conformance_or_structure_error() {
    let Some(corpus) = Corpus::here() else { return };
    let files = conformant_files(&corpus);
    assert_eq!(
        files.len(),
        26,
        "PROVENANCE.md names 26 conformant messages: {files:?}"
    );
    let mut failures = Vec::new();
    let mut allowed_seen = 0;
    for name in &files {
        let bytes = corpus.read(name);
        let decoded = izmsg::model::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = validator().validate(&decoded);
        for issue in report.errors() {
            if !matches!(family(issue), Some(Family::Conformance | Family::Structure)) {
                continue;
            }
            let erl = issue.erl();
            if ALLOWED
                .iter()
                .any(|(f, r, e, _)| f == name && *r == issue.rule && *e == erl)
            {
                allowed_seen += 1;
                continue;
            }
            failures.push(format!("{name}: {} {erl} {}", issue.rule, issue.message));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        allowed_seen,
        ALLOWED.len(),
        "every allowed flag still fires"
    );
}

/// The Z42 responses of real registries carry the profile's optional fields empty; before the
/// profile table, each empty lot number and action code was an error.
#[test]
fn z42_corpus_responses_are_not_flagged_for_fields_z42_makes_optional() {
    let Some(corpus) = Corpus::here() else { return };
    for name in [
        "rsp/024-nist2015-izqr1-z42-child.hl7",
        "rsp/025-nist2015-izqr2-z42-adult.hl7",
    ] {
        let decoded = izmsg::model::decode(&corpus.read(name)).unwrap();
        let report = validator().validate(&decoded);
        assert_eq!(
            izmsg::validate::MessageProfile::of(&decoded.message),
            Some(izmsg::validate::MessageProfile::Z42)
        );
        let flagged: Vec<String> = report
            .by_rule("IG-REQUIRED")
            .map(|i| i.location.path())
            .filter(|p| p == "RXA-15" || p == "RXA-21")
            .collect();
        assert!(flagged.is_empty(), "{name}: {flagged:?}");
    }
}

// --- The statements and the catalogue -----------------------------------------------------------------

/// Every statement of `conformance-statements.tsv` is a rule of the catalogue that applies to the
/// profiles stating it, or is named in the module's table of statements not implemented.
#[test]
fn every_statement_is_a_rule_or_is_accounted_for() {
    let tsv = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/nist-iz-profiles/conformance-statements.tsv"
    ));
    if !tsv.exists() {
        eprintln!("skipped: ../shared/nist-iz-profiles is not beside the crate");
        return;
    }
    let docs = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/validate/conformance/mod.rs"
    ))
    .unwrap();
    let not_implemented = docs
        .split("## Statements not implemented")
        .nth(1)
        .expect("the module docs have a table of statements not implemented");
    let mut missing = Vec::new();
    let mut cdc_rows = 0;
    for line in std::fs::read_to_string(tsv).unwrap().lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (set, message) = cols[0].split_once('/').unwrap();
        let id = cols[1];
        match izmsg::validate::rule(id) {
            Some(rule) if set == "cdc-ig-r1.5" => {
                cdc_rows += 1;
                let profile = izmsg::validate::MessageProfile::from_id(&message[4..]).unwrap();
                if !rule.applies_to(Some(profile)) {
                    missing.push(format!("{id} does not apply to {message}"));
                }
                assert_eq!(rule.family, Family::Conformance, "{id}");
                assert!(
                    rule.source.contains(id) || id.starts_with("IZ-TS") || id.starts_with("IZ-DT")
                );
            }
            Some(_) => {}
            None => {
                // himss-v11 splits (IZ-17a) are named by their base id with the split letters.
                let base = id.trim_end_matches(|c: char| c.is_ascii_lowercase());
                let named = not_implemented.contains(id)
                    || (base != id && not_implemented.contains(&format!("{base}a/")));
                if set == "cdc-ig-r1.5" || !named {
                    missing.push(format!("{set}/{message} {id}"));
                }
            }
        }
    }
    assert_eq!(cdc_rows, 198, "every cdc-ig-r1.5 row is a rule");
    assert!(missing.is_empty(), "{missing:#?}");
}

/// The patient values of a message (identifiers, names, birth date, street, phone), read from its
/// PID, QPD and NK1 segments; short ones (a middle initial) are left out.
fn patient_values(text: &str) -> Vec<String> {
    let mut values = Vec::new();
    for segment in text.split(['\r', '\n']) {
        let fields: Vec<&str> = segment.split('|').collect();
        let picks: &[(usize, &[usize])] = match fields.first().copied() {
            Some("PID") => &[
                (3, &[1]),
                (5, &[1, 2, 3]),
                (6, &[1, 2]),
                (7, &[1]),
                (11, &[1]),
                (13, &[6, 7]),
            ],
            Some("QPD") => &[
                (3, &[1]),
                (4, &[1, 2, 3]),
                (5, &[1, 2]),
                (6, &[1]),
                (8, &[1]),
                (9, &[6, 7]),
            ],
            Some("NK1") => &[(2, &[1, 2, 3]), (4, &[1]), (5, &[6, 7])],
            _ => &[],
        };
        for (field, comps) in picks {
            for rep in fields.get(*field).copied().unwrap_or("").split('~') {
                let parts: Vec<&str> = rep.split('^').collect();
                for c in *comps {
                    if let Some(v) = parts.get(c - 1).map(|v| v.split('&').next().unwrap_or("")) {
                        if v.trim().len() >= 4 {
                            values.push(v.trim().to_string());
                        }
                    }
                }
            }
        }
    }
    values
}

#[test]
fn conformance_issue_texts_hold_no_patient_value() {
    let Some(corpus) = Corpus::here() else { return };
    let mut checked = 0;
    for (name, bytes) in corpus.files() {
        let Ok(decoded) = izmsg::model::decode(&bytes) else {
            continue;
        };
        let values = patient_values(&String::from_utf8_lossy(&bytes));
        let report = validator().validate(&decoded);
        for issue in report
            .issues
            .iter()
            .filter(|i| family(i) == Some(Family::Conformance))
        {
            checked += 1;
            for v in &values {
                assert!(
                    !issue.message.contains(v.as_str()) && !issue.fix.contains(v.as_str()),
                    "{name}: {} {} shows a patient value: {}",
                    issue.rule,
                    issue.erl(),
                    issue.message
                );
            }
            assert!(issue.value.is_none(), "values are kept only when asked for");
        }
    }
    assert!(
        checked > 100,
        "the corpus raises conformance issues to look at ({checked})"
    );
}
