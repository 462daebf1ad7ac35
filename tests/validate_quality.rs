//! The data-quality rules (`DQ-...`), by mutation: a clean, IG-conformant VXU has no issue at all;
//! breaking one datum of it makes exactly the expected rule fire, at its severity, ERL and
//! vaccination. Over the shared corpus: no panic, and no issue text quotes a patient value.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};
use izmsg::validate::{Family, Report, Severity, Validator};

/// An administered DTaP dose (lot, expiry, MVX, mL amount, route and site, VFC eligibility, funding
/// source, the DTaP VIS edition in force with its presentation date) and a historical Hep B dose,
/// for a 22-month-old with full demographics and a mother as next of kin.
const CLEAN: &str = concat!(
    "MSH|^~\\&|MYEHR|MYCLINIC|MYIIS|MYIIS|20240314143000-0500||VXU^V04^VXU_V04|MSG-0001|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS|My Clinic|MYIIS\r",
    "PID|1||MRN12345^^^MYEHR^MR||Richardson^Russell^Clint^^^^L|Billington^Maria^^^^^M|20220512|M||2106-3^White^CDCREC|123 Main St^^Bozeman^MT^59715^USA^L||^PRN^PH^^^406^5557690|||||||||2186-5^Not Hispanic or Latino^CDCREC||N|1|||||N\r",
    "PD1|||||||||||02^Reminder/recall - any method^HL70215|N|20240314|||A|20240314|20240314\r",
    "NK1|1|Richardson^Maria^^^^^L|MTH^Mother^HL70063|123 Main St^^Bozeman^MT^59715^USA^H|^PRN^PH^^^406^5558299\r",
    "ORC|RE|PL-1^MYEHR|FL-1^MYEHR|||||||7824^Jackson^Lily^^^^^^MYEHR^L^^^PRN||654^Thomas^Wilma^^^^^^MYEHR^L^^^MD|||||MYCLINIC^My Clinic^HL70362\r",
    "RXA|0|1|20240314||20^DTaP^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|7824^Jackson^Lily^^^^^^MYEHR^L^^^PRN|^^^MYCLINIC||||U1234AA|20250131|SKB^GlaxoSmithKline^MVX|||CP|A\r",
    "RXR|C28161^Intramuscular^NCIT|LD^Left Deltoid^HL70163\r",
    "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20240314|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r",
    "OBX|2|CE|30963-3^Vaccine funding source^LN|2|VXC51^Public VFC^CDCPHINVS||||||F|||20240314\r",
    "OBX|3|CE|69764-9^Document type^LN|3|253088698300003511210806^DTaP VIS^cdcgs1vis||||||F|||20240314\r",
    "OBX|4|DT|29769-7^Date VIS presented^LN|3|20240314||||||F|||20240314\r",
    "ORC|RE||FL-2^MYEHR\r",
    "RXA|0|1|20230712||08^Hep B, adolescent or pediatric^CVX|999|||01^Historical information - source unspecified^NIP001|||||||||||CP|A\r",
);

/// The validator's clock: the day after the message.
fn validator() -> Validator {
    Validator::cdc().at_date(2024, 3, 15)
}

fn validate(message: &str) -> Report {
    let decoded = izmsg::model::decode(message.as_bytes()).unwrap();
    validator().validate(&decoded)
}

fn show(report: &Report) -> String {
    report
        .issues
        .iter()
        .map(|i| {
            format!(
                "  {} {:?} {} v{:?}: {}\n",
                i.rule,
                i.severity,
                i.erl(),
                i.vaccination,
                i.message
            )
        })
        .collect()
}

#[test]
fn the_clean_message_has_no_issue_at_all() {
    let report = validate(CLEAN);
    assert!(
        report.issues.is_empty(),
        "issues on the clean message:\n{}",
        show(&report)
    );
}

use Severity::{Error as E, Information as I, Warning as W};

/// One mutation: replacements (each `find` occurs once in the clean message) and the issues it must
/// produce, as (rule, severity, ERL, vaccination). `allow` names rules that may fire beside them
/// (statements another rule family reports for the same datum).
struct Row {
    name: &'static str,
    edits: &'static [(&'static str, &'static str)],
    expect: &'static [(&'static str, Severity, &'static str, Option<usize>)],
    allow: &'static [&'static str],
}

const fn row(
    name: &'static str,
    edits: &'static [(&'static str, &'static str)],
    expect: &'static [(&'static str, Severity, &'static str, Option<usize>)],
) -> Row {
    Row {
        name,
        edits,
        expect,
        allow: &[],
    }
}

/// An empty RXA-20 with RXA-9 valued breaks IZ-47 too, when that statement is checked.
const EMPTY_STATUS: &[&str] = &["IZ-47"];

/// A dose not given with RXA-9 valued and ORC-3 not 9999 breaks IZ-47 and IZ-45 too.
const NOT_GIVEN: &[&str] = &["IZ-47", "IZ-45"];

const ADMIN_DATE: &str = "20240314||20^DTaP^CVX";
const HIST: &str = "20230712||08^Hep B, adolescent or pediatric^CVX";
const HIST_END: &str = "source unspecified^NIP001|||||||||||CP|A\r";
const PID_TAIL: &str = "|N|1|||||N\r";
const STATUS: &str = "|CP|A\rRXR";
const ELIGIBILITY_OBX: &str = "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20240314|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r";
const VIS_OBX: &str = "OBX|3|CE|69764-9^Document type^LN|3|253088698300003511210806^DTaP VIS^cdcgs1vis||||||F|||20240314\r";
const PRESENTED_OBX: &str = "OBX|4|DT|29769-7^Date VIS presented^LN|3|20240314||||||F|||20240314\r";
const PRESENTED: &str = "29769-7^Date VIS presented^LN|3|20240314";

static ROWS: &[Row] = &[
    // Header.
    row(
        "message dated in the future",
        &[("20240314143000-0500", "20240316143000-0500")],
        &[("DQ-MSH-002", E, "MSH^1^7^1", None)],
    ),
    row(
        "no sending facility",
        &[("|MYEHR|MYCLINIC|MYIIS|", "|MYEHR||MYIIS|")],
        &[("DQ-MSH-004", W, "MSH^1^4^1", None)],
    ),
    row(
        "no sending responsible organization",
        &[("CDCPHINVS|My Clinic|MYIIS", "CDCPHINVS||MYIIS")],
        &[("DQ-MSH-005", W, "MSH^1^22^1", None)],
    ),
    // Names.
    row(
        "last name a token",
        &[("Richardson^Russell", "UNK^Russell")],
        &[("DQ-PID-012", E, "PID^1^5^1^1", None)],
    ),
    row(
        "first name with a digit",
        &[("^Russell^", "^Russ3ll^")],
        &[("DQ-PID-012", E, "PID^1^5^1^2", None)],
    ),
    row(
        "newborn name",
        &[("^Russell^", "^Baby Boy^")],
        &[("DQ-PID-013", W, "PID^1^5^1^2", None)],
    ),
    row(
        "junk name",
        &[("Richardson^Russell", "Unknown^Russell")],
        &[("DQ-PID-014", W, "PID^1^5^1^1", None)],
    ),
    row(
        "test patient",
        &[("^Russell^", "^Test^")],
        &[("DQ-PID-015", W, "PID^1^5^1^2", None)],
    ),
    row(
        "middle initial in the first name",
        &[("^Russell^Clint^", "^Russell Q^^")],
        &[("DQ-PID-016", I, "PID^1^5^1^2", None)],
    ),
    row(
        "suffix in the last name",
        &[("Richardson^Russell", "Richardson Jr^Russell")],
        &[("DQ-PID-017", I, "PID^1^5^1^1", None)],
    ),
    row(
        "middle name a token",
        &[("^Russell^Clint^", "^Russell^NMN^")],
        &[("DQ-PID-018", W, "PID^1^5^1^3", None)],
    ),
    row(
        "first name not legal",
        &[("Clint^^^^L|", "Clint^^^^A|")],
        &[("DQ-PID-019", W, "PID^1^5^1^7", None)],
    ),
    row(
        "mother's maiden name one letter",
        &[("|Billington^", "|X^")],
        &[("DQ-PID-020", I, "PID^1^6^1^1", None)],
    ),
    // Patient.
    row(
        "birth in the future",
        &[("|20220512|", "|20250512|")],
        &[
            ("DQ-PID-031", E, "PID^1^7^1", None),
            ("DQ-RXA-003", E, "RXA^1^3^1", Some(1)),
            ("DQ-RXA-003", E, "RXA^2^3^1", Some(2)),
        ],
    ),
    row(
        "older than 120",
        &[("|20220512|", "|18990512|")],
        &[
            ("DQ-PID-032", E, "PID^1^7^1", None),
            ("DQ-ELG-005", W, "OBX^1^5^1", Some(1)),
        ],
    ),
    row(
        "birth on the 15th",
        &[("|20220512|", "|20220515|")],
        &[("DQ-PID-033", I, "PID^1^7^1", None)],
    ),
    row(
        "sex X",
        &[("|20220512|M|", "|20220512|X|")],
        &[("DQ-PID-040", E, "PID^1^8^1", None)],
    ),
    row(
        "legacy race code",
        &[("2106-3^White^CDCREC", "W^White^HL70005")],
        &[("DQ-PID-041", W, "PID^1^10^1", None)],
    ),
    row(
        "legacy ethnicity code",
        &[(
            "2186-5^Not Hispanic or Latino^CDCREC",
            "N^Not Hispanic^HL70189",
        )],
        &[("DQ-PID-042", W, "PID^1^22^1", None)],
    ),
    row(
        "no race",
        &[("|M||2106-3^White^CDCREC|", "|M|||")],
        &[("DQ-PID-043", I, "PID^1^10^1", None)],
    ),
    row(
        "no address",
        &[("|123 Main St^^Bozeman^MT^59715^USA^L|", "||")],
        &[("DQ-PID-050", W, "PID^1^11^1", None)],
    ),
    row(
        "address without city",
        &[("^^Bozeman^MT^59715^USA^L", "^^^MT^59715^USA^L")],
        &[("DQ-PID-050", W, "PID^1^11^1^3", None)],
    ),
    row(
        "state not USPS",
        &[("^MT^59715^USA^L", "^ZZ^59715^USA^L")],
        &[("DQ-PID-051", W, "PID^1^11^1^4", None)],
    ),
    row(
        "zip of four digits",
        &[("^59715^USA^L", "^5971^USA^L")],
        &[("DQ-PID-051", W, "PID^1^11^1^5", None)],
    ),
    row(
        "bad address",
        &[("^USA^L|", "^USA^BA|")],
        &[("DQ-PID-051", W, "PID^1^11^1^7", None)],
    ),
    row(
        "area code 111",
        &[("406^5557690", "111^5557690")],
        &[("DQ-PID-060", W, "PID^1^13^1^6", None)],
    ),
    row(
        "email without a domain",
        &[(
            "^406^5557690|",
            "^406^5557690~^NET^Internet^someone@example|",
        )],
        &[("DQ-PID-061", W, "PID^1^13^2^4", None)],
    ),
    row(
        "multiple birth without order",
        &[(PID_TAIL, "|Y||||||N\r")],
        &[("DQ-PID-070", W, "PID^1^25^1", None)],
    ),
    row(
        "deceased without a date",
        &[(PID_TAIL, "|N|1|||||Y\r")],
        &[("DQ-PID-071", W, "PID^1^29^1", None)],
    ),
    row(
        "death in the future",
        &[(PID_TAIL, "|N|1||||20250101|Y\r")],
        &[("DQ-PID-072", W, "PID^1^29^1", None)],
    ),
    row(
        "placeholder SSN",
        &[(
            "MRN12345^^^MYEHR^MR|",
            "MRN12345^^^MYEHR^MR~123456789^^^SSA^SS|",
        )],
        &[("DQ-PID-081", W, "PID^1^3^2^1", None)],
    ),
    row(
        "record protected",
        &[("HL70215|N|", "HL70215|Y|")],
        &[("DQ-PD1-002", W, "PD1^1^12^1", None)],
    ),
    // Next of kin.
    row(
        "minor without next of kin",
        &[(
            "NK1|1|Richardson^Maria^^^^^L|MTH^Mother^HL70063|123 Main St^^Bozeman^MT^59715^USA^H|^PRN^PH^^^406^5558299\r",
            "",
        )],
        &[("DQ-NK1-001", W, "PID^1", None)],
    ),
    row(
        "relationship not in 0063",
        &[("MTH^Mother", "ZZZ^Unknown")],
        &[
            ("DQ-NK1-004", W, "NK1^1^3^1", None),
            ("DQ-NK1-005", W, "NK1^1^3^1", None),
        ],
    ),
    row(
        "minor's next of kin a sibling",
        &[("MTH^Mother", "SIB^Sibling")],
        &[("DQ-NK1-005", W, "NK1^1^3^1", None)],
    ),
    row(
        "minor's next of kin the patient's child",
        &[("MTH^Mother", "CHD^Child")],
        &[("DQ-NK1-005", W, "NK1^1^3^1", None)],
    ),
    row(
        "guardian with the patient's name",
        &[("Richardson^Maria", "Richardson^Russell")],
        &[("DQ-NK1-006", W, "NK1^1^2^1", None)],
    ),
    row(
        "next of kin's zip",
        &[("^59715^USA^H", "^597^USA^H")],
        &[("DQ-NK1-007", W, "NK1^1^4^1^5", None)],
    ),
    row(
        "next of kin's fictional phone",
        &[("406^5558299", "406^5550142")],
        &[("DQ-NK1-007", W, "NK1^1^5^1^7", None)],
    ),
    // Dates.
    row(
        "historical dose in the future",
        &[(HIST, "20240318||08^Hep B, adolescent or pediatric^CVX")],
        &[("DQ-RXA-002", E, "RXA^2^3^1", Some(2))],
    ),
    row(
        "dose before birth",
        &[(HIST, "20220402||08^Hep B, adolescent or pediatric^CVX")],
        &[("DQ-RXA-003", E, "RXA^2^3^1", Some(2))],
    ),
    row(
        "dose after death",
        &[(PID_TAIL, "|N|1||||20231001|Y\r")],
        &[("DQ-RXA-004", E, "RXA^1^3^1", Some(1))],
    ),
    row(
        "dose after its entry date",
        &[(STATUS, "|CP|A|20240313\rRXR")],
        &[("DQ-RXA-005", E, "RXA^1^3^1", Some(1))],
    ),
    row(
        "vaccine not yet marketed",
        &[(HIST, "20230712||309^COVID-19^CVX")],
        &[("DQ-RXA-007", E, "RXA^2^3^1", Some(2))],
    ),
    row(
        "NDC no longer marketed",
        &[(
            HIST,
            "20230712||08^Hep B, adolescent or pediatric^CVX^58160-0820-01^Engerix-B^NDC",
        )],
        &[("DQ-RXA-008", W, "RXA^2^3^1", Some(2))],
    ),
    row(
        "reported late",
        &[(ADMIN_DATE, "20240201||20^DTaP^CVX")],
        &[
            ("DQ-RXA-011", I, "RXA^1^3^1", Some(1)),
            ("DQ-VIS-004", I, "OBX^4^5^1", Some(1)),
        ],
    ),
    row(
        "historical dose on the 15th",
        &[(HIST, "20230715||08^Hep B, adolescent or pediatric^CVX")],
        &[("DQ-RXA-012", I, "RXA^2^3^1", Some(2))],
    ),
    // Vaccine codes.
    row(
        "CVX 999999",
        &[("20^DTaP^CVX", "999999^Unknown^CVX")],
        &[("DQ-VAC-002", E, "RXA^1^5^1^1", Some(1))],
    ),
    row(
        "NDC not in the tables",
        &[("20^DTaP^CVX", "20^DTaP^CVX^99999-9999-99^Unknown^NDC")],
        &[("DQ-VAC-002", E, "RXA^1^5^1^4", Some(1))],
    ),
    row(
        "CPT not in the tables",
        &[("20^DTaP^CVX", "20^DTaP^CVX^99999^Unknown^C4")],
        &[("DQ-VAC-002", E, "RXA^1^5^1^4", Some(1))],
    ),
    row(
        "unknown coding system",
        &[("20^DTaP^CVX", "20^DTaP^XYZ")],
        &[("DQ-VAC-003", E, "RXA^1^5^1^3", Some(1))],
    ),
    row(
        "unspecified formulation administered",
        &[("20^DTaP^CVX", "107^DTaP, unspecified formulation^CVX")],
        &[("DQ-VAC-004", W, "RXA^1^5^1^1", Some(1))],
    ),
    row(
        "inactive CVX on a historical dose",
        &[(HIST, "20230712||01^DTP^CVX")],
        &[("DQ-VAC-005", E, "RXA^2^5^1^1", Some(2))],
    ),
    row(
        "no vaccine administered, marked complete",
        &[(HIST, "20230712||998^no vaccine administered^CVX")],
        &[("DQ-VAC-006", W, "RXA^2^5^1^1", Some(2))],
    ),
    row(
        "CVX and NDC disagree",
        &[("20^DTaP^CVX", "20^DTaP^CVX^58160-0820-43^Engerix-B^NDC")],
        &[("DQ-VAC-007", W, "RXA^1^5^1^4", Some(1))],
    ),
    row(
        "CVX and CPT disagree",
        &[("20^DTaP^CVX", "20^DTaP^CVX^90707^MMR^C4")],
        &[("DQ-VAC-008", W, "RXA^1^5^1^4", Some(1))],
    ),
    row(
        "MVX unknown",
        &[("SKB^GlaxoSmithKline^MVX", "XXX^Somebody^MVX")],
        &[("DQ-VAC-010", W, "RXA^1^17^1", Some(1))],
    ),
    row(
        "MVX inactive",
        &[("SKB^GlaxoSmithKline^MVX", "AB^Abbott^MVX")],
        &[("DQ-VAC-011", W, "RXA^1^17^1", Some(1))],
    ),
    row(
        "MVX does not make the vaccine",
        &[("SKB^GlaxoSmithKline^MVX", "MSD^Merck^MVX")],
        &[("DQ-VAC-012", W, "RXA^1^17^1", Some(1))],
    ),
    row(
        "MVX unknown manufacturer",
        &[("SKB^GlaxoSmithKline^MVX", "UNK^Unknown^MVX")],
        &[("DQ-VAC-013", W, "RXA^1^17^1", Some(1))],
    ),
    row(
        "non-US vaccine",
        &[(HIST, "20230712||77^TBE^CVX")],
        &[("DQ-VAC-014", I, "RXA^2^5^1^1", Some(2))],
    ),
    row(
        "unit-of-sale NDC",
        &[("20^DTaP^CVX", "20^DTaP^CVX^58160-0810-52^Infanrix^NDC")],
        &[("DQ-VAC-015", W, "RXA^1^5^1^4", Some(1))],
    ),
    // Lot and expiry.
    row(
        "lot with a space",
        &[("|U1234AA|", "|U1234 AA|")],
        &[("DQ-LOT-002", W, "RXA^1^15^1", Some(1))],
    ),
    row(
        "lot too short",
        &[("|U1234AA|", "|U12|")],
        &[("DQ-LOT-003", W, "RXA^1^15^1", Some(1))],
    ),
    row(
        "lot with a prefix",
        &[("|U1234AA|", "|LOT U1234AA|")],
        &[("DQ-LOT-004", W, "RXA^1^15^1", Some(1))],
    ),
    row(
        "lot with a trade name",
        &[("|U1234AA|", "|INFANRIXU1234|")],
        &[("DQ-LOT-004", W, "RXA^1^15^1", Some(1))],
    ),
    row(
        "two lots in one",
        &[("|U1234AA|", "|U1234AA,U5678BB|")],
        &[("DQ-LOT-005", W, "RXA^1^15^1", Some(1))],
    ),
    row(
        "two lots for one vial",
        &[("|U1234AA|", "|U1234AA~U5678BB|")],
        &[("DQ-LOT-005", W, "RXA^1^15^2", Some(1))],
    ),
    row(
        "no expiry",
        &[("|U1234AA|20250131|", "|U1234AA||")],
        &[("DQ-LOT-010", I, "RXA^1^16^1", Some(1))],
    ),
    row(
        "lot expired",
        &[("|20250131|", "|202401|")],
        &[("DQ-LOT-012", W, "RXA^1^16^1", Some(1))],
    ),
    // Amount.
    row(
        "amount unknown",
        &[("|0.5|mL^mL^UCUM|", "|999||")],
        &[("DQ-AMT-001", W, "RXA^1^6^1", Some(1))],
    ),
    row(
        "amount negative",
        &[("|0.5|", "|-1|")],
        &[("DQ-AMT-002", W, "RXA^1^6^1", Some(1))],
    ),
    row(
        "amount zero",
        &[("|0.5|", "|0|")],
        &[("DQ-AMT-003", W, "RXA^1^6^1", Some(1))],
    ),
    row(
        "units ml",
        &[("mL^mL^UCUM", "ml^ml^UCUM")],
        &[("DQ-AMT-005", W, "RXA^1^7^1", Some(1))],
    ),
    row(
        "two mL of DTaP",
        &[("|0.5|", "|2|")],
        &[("DQ-AMT-006", W, "RXA^1^6^1", Some(1))],
    ),
    // Route and site.
    row(
        "no RXR",
        &[(
            "RXR|C28161^Intramuscular^NCIT|LD^Left Deltoid^HL70163\r",
            "",
        )],
        &[("DQ-RXR-001", W, "RXA^1", Some(1))],
    ),
    row(
        "route unknown",
        &[("C28161^Intramuscular^NCIT", "C99999^Somewhere^NCIT")],
        &[("DQ-RXR-002", W, "RXR^1^1^1", Some(1))],
    ),
    row(
        "site unknown",
        &[("LD^Left Deltoid", "XX^Nowhere")],
        &[("DQ-RXR-002", W, "RXR^1^2^1", Some(1))],
    ),
    row(
        "DTaP by mouth",
        &[("C28161^Intramuscular^NCIT", "C38288^Oral^NCIT")],
        &[("DQ-RXR-003", W, "RXR^1^1^1", Some(1))],
    ),
    // Source and provider.
    row(
        "administered a year ago without lot",
        &[
            (ADMIN_DATE, "20230314||20^DTaP^CVX"),
            ("|U1234AA|20250131|", "||20250131|"),
        ],
        &[
            ("DQ-SRC-003", W, "RXA^1^9^1^1", Some(1)),
            ("DQ-RXA-011", I, "RXA^1^3^1", Some(1)),
            ("IG-REQUIRED", E, "RXA^1^15^1", Some(1)),
            ("DQ-VIS-004", I, "OBX^4^5^1", Some(1)),
        ],
    ),
    row(
        "historical with lot, eligibility and VIS",
        &[(
            "00^New immunization record^NIP001",
            "01^Historical information - source unspecified^NIP001",
        )],
        &[
            ("DQ-SRC-004", W, "RXA^1^9^1^1", Some(1)),
            ("DQ-ELG-003", I, "OBX^1", Some(1)),
        ],
    ),
    Row {
        name: "not administered with an amount",
        edits: &[(STATUS, "|NA|A\rRXR")],
        expect: &[("DQ-STA-003", W, "RXA^1^6^1", Some(1))],
        allow: NOT_GIVEN,
    },
    row(
        "no administering provider",
        &[(
            "7824^Jackson^Lily^^^^^^MYEHR^L^^^PRN|^^^MYCLINIC|",
            "|^^^MYCLINIC|",
        )],
        &[("DQ-PRV-001", I, "RXA^1^10^1", Some(1))],
    ),
    row(
        "no administered-at location",
        &[("|^^^MYCLINIC||||U1234AA", "|||||U1234AA")],
        &[("DQ-PRV-002", W, "RXA^1^11^1", Some(1))],
    ),
    // Observations.
    Row {
        name: "no eligibility, RXA-20 empty",
        edits: &[
            (ELIGIBILITY_OBX, ""),
            (STATUS, "||A\rRXR"),
            // The other observations numbered from 1 again (NIST-01).
            ("OBX|2|CE|30963-3", "OBX|1|CE|30963-3"),
            ("OBX|3|CE|69764-9", "OBX|2|CE|69764-9"),
            ("OBX|4|DT|29769-7", "OBX|3|DT|29769-7"),
        ],
        expect: &[("DQ-ELG-001", W, "RXA^1", Some(1))],
        allow: EMPTY_STATUS,
    },
    row(
        "deprecated eligibility",
        &[(
            "V02^VFC eligible - Medicaid/Medicaid Managed Care",
            "V06^VFC eligible - State specific",
        )],
        &[("DQ-ELG-002", W, "OBX^1^5^1", Some(1))],
    ),
    row(
        "eligibility on a historical dose",
        &[(
            HIST_END,
            "source unspecified^NIP001|||||||||||CP|A\rOBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20230712|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r",
        )],
        &[("DQ-ELG-003", I, "OBX^5", Some(2))],
    ),
    row(
        "eligibility without method",
        &[(
            "|||VXC40^Eligibility captured at the immunization level^CDCPHINVS",
            "",
        )],
        &[("DQ-ELG-004", I, "OBX^1^17^1", Some(1))],
    ),
    row(
        "VFC for an adult",
        &[("|20220512|", "|20000512|")],
        &[("DQ-ELG-005", W, "OBX^1^5^1", Some(1))],
    ),
    row(
        "public VFC stock for a patient not eligible",
        &[(
            "V02^VFC eligible - Medicaid/Medicaid Managed Care",
            "V01^Not VFC eligible",
        )],
        &[("DQ-FND-001", W, "OBX^2^5^1", Some(1))],
    ),
    row(
        "funding source unknown",
        &[("VXC51^Public VFC", "VXC99^Other")],
        &[("DQ-FND-002", I, "OBX^2^5^1", Some(1))],
    ),
    row(
        "no VIS",
        &[(VIS_OBX, ""), (PRESENTED_OBX, "")],
        &[("DQ-VIS-001", W, "RXA^1", Some(1))],
    ),
    Row {
        name: "VIS without presentation date, RXA-20 empty",
        edits: &[(PRESENTED_OBX, ""), (STATUS, "||A\rRXR")],
        expect: &[("DQ-VIS-003", W, "OBX^3", Some(1))],
        allow: EMPTY_STATUS,
    },
    row(
        "VIS presented the day before",
        &[(PRESENTED, "29769-7^Date VIS presented^LN|3|20240313")],
        &[("DQ-VIS-004", I, "OBX^4^5^1", Some(1))],
    ),
    row(
        "VIS presented before its edition",
        &[(PRESENTED, "29769-7^Date VIS presented^LN|3|20210801")],
        &[
            ("DQ-VIS-005", I, "OBX^3^5^1", Some(1)),
            ("DQ-VIS-004", I, "OBX^4^5^1", Some(1)),
        ],
    ),
    row(
        "MMR VIS for DTaP",
        &[("253088698300003511210806", "253088698300012711210806")],
        &[("DQ-VIS-006", I, "OBX^3^5^1", Some(1))],
    ),
    row(
        "superseded DTaP VIS",
        &[("253088698300003511210806", "253088698300003511200401")],
        &[("DQ-VIS-007", I, "OBX^3^5^1", Some(1))],
    ),
    row(
        "VIS date sent as a code",
        &[("|DT|29769-7", "|CE|29769-7")],
        &[("DQ-OBX-001", W, "OBX^4^2^1", Some(1))],
    ),
    // Doses against each other.
    row(
        "DTaP twice on one day",
        &[(HIST, "20240314||20^DTaP^CVX")],
        &[("DQ-DUP-001", W, "RXA^2^5^1", Some(2))],
    ),
    row(
        "DTaP two days apart",
        &[(HIST, "20240312||20^DTaP^CVX")],
        &[("DQ-DUP-003", W, "RXA^2^3^1", Some(2))],
    ),
];

/// The clean message with the row's replacements, each of a text found exactly once.
fn mutate(edits: &[(&str, &str)]) -> String {
    let mut m = CLEAN.to_string();
    for (find, replace) in edits {
        assert_eq!(
            m.matches(find).count(),
            1,
            "{find:?} is not unique in the message"
        );
        m = m.replacen(find, replace, 1);
    }
    m
}

#[test]
fn each_mutation_fires_its_rule_and_nothing_else() {
    let mut failures = Vec::new();
    for r in ROWS {
        let message = mutate(r.edits);
        let report = validate(&message);
        let got: BTreeSet<(String, String, String, Option<usize>)> = report
            .issues
            .iter()
            .filter(|i| !r.allow.contains(&i.rule.as_ref()))
            .map(|i| {
                (
                    i.rule.to_string(),
                    i.severity.to_string(),
                    i.erl(),
                    i.vaccination,
                )
            })
            .collect();
        let want: BTreeSet<(String, String, String, Option<usize>)> = r
            .expect
            .iter()
            .map(|(rule, sev, erl, v)| (rule.to_string(), sev.to_string(), erl.to_string(), *v))
            .collect();
        if got != want {
            failures.push(format!(
                "{}:\n want {want:?}\n got:\n{}",
                r.name,
                show(&report)
            ));
        }
        for issue in &report.issues {
            assert!(
                !issue.message.is_empty() && !issue.fix.is_empty(),
                "{}: {issue:?}",
                r.name
            );
            assert_no_patient_value(r.name, &message, &issue_texts(issue));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_data_quality_rule_has_a_mutation() {
    let covered: BTreeSet<&str> = ROWS
        .iter()
        .flat_map(|r| r.expect.iter().map(|(rule, ..)| *rule))
        .chain(["DQ-CNT-001"]) // the_dose_count_for_age_is_checked
        .collect();
    let missing: Vec<&str> = izmsg::validate::rules()
        .filter(|r| r.family == Family::DataQuality)
        .map(|r| r.id)
        .filter(|id| !covered.contains(id))
        .collect();
    assert!(missing.is_empty(), "no mutation for {missing:?}");
    // Each rule cites its catalogue entry.
    for r in izmsg::validate::rules().filter(|r| r.family == Family::DataQuality) {
        assert!(r.source.contains(r.id), "{}: {}", r.id, r.source);
    }
}

#[test]
fn the_unit_of_sale_fix_names_the_unit_of_use() {
    let report = validate(&mutate(&[(
        "20^DTaP^CVX",
        "20^DTaP^CVX^58160-0810-52^Infanrix^NDC",
    )]));
    let issue = report
        .issues
        .iter()
        .find(|i| i.rule == "DQ-VAC-015")
        .unwrap();
    assert!(issue.fix.contains("58160-0810-43"), "{}", issue.fix);
    assert!(
        issue.message.contains("DTaP dose given on 2024-03-14"),
        "{}",
        issue.message
    );
}

#[test]
fn an_expired_lot_is_named_by_its_month() {
    let report = validate(&mutate(&[("|20250131|", "|202401|")]));
    let issue = report
        .issues
        .iter()
        .find(|i| i.rule == "DQ-LOT-012")
        .unwrap();
    assert_eq!(
        issue.message,
        "The DTaP dose given on 2024-03-14 was given after its lot expired (2024-01)."
    );
    // A month-only expiry lasts to the end of the month: a dose on its last day is in time.
    let report = validate(&mutate(&[("|20250131|", "|202403|")]));
    assert!(report.issues.is_empty(), "{}", show(&report));
}

#[test]
fn a_vxu_with_cvx_999999_and_sex_x_is_not_sendable() {
    let report = validate(&mutate(&[
        ("20^DTaP^CVX", "999999^Unknown^CVX"),
        ("|20220512|M|", "|20220512|X|"),
    ]));
    assert!(!report.is_sendable());
    let rules: Vec<&str> = report.issues.iter().map(|i| i.rule.as_ref()).collect();
    assert!(
        rules.contains(&"DQ-VAC-002") && rules.contains(&"DQ-PID-040"),
        "{rules:?}"
    );
}

#[test]
fn the_dose_count_for_age_is_checked() {
    // Twenty historical Hep B doses in the first months of life, 5 days apart (none on a 1st, 15th
    // or last day of a month).
    let mut message = CLEAN.to_string();
    let mut day = NaiveDate::from_ymd_opt(2022, 5, 16).unwrap();
    for k in 0..20 {
        while day.day() == 1 || day.day() == 15 || (day + Duration::days(1)).day() == 1 {
            day += Duration::days(1);
        }
        message.push_str(&format!(
            "ORC|RE||FL-H{k}^MYEHR\rRXA|0|1|{}||08^Hep B, adolescent or pediatric^CVX|999|||01^Historical information - source unspecified^NIP001|||||||||||CP|A\r",
            day.format("%Y%m%d")
        ));
        day += Duration::days(5);
    }
    let report = validate(&message);
    let found: Vec<_> = report
        .issues
        .iter()
        .map(|i| (i.rule.as_ref(), i.erl(), i.vaccination))
        .collect();
    assert_eq!(
        found,
        [("DQ-CNT-001", "RXA^22".to_string(), Some(22))],
        "{}",
        show(&report)
    );
    // Nineteen are not implausible.
    let last = message.rfind("ORC|RE||FL-H19").unwrap();
    message.truncate(last);
    assert!(validate(&message).issues.is_empty());
}

#[test]
fn ten_thousand_doses_are_compared_in_linear_time() {
    // The same dose 10,000 times: every dose after the first is a duplicate, found by sorting, not by
    // comparing every pair.
    let mut message = CLEAN.to_string();
    for k in 0..10_000 {
        message.push_str(&format!(
            "ORC|RE||FL-D{k}^MYEHR\rRXA|0|1|20230712||08^Hep B, adolescent or pediatric^CVX|999|||01^Historical information - source unspecified^NIP001|||||||||||CP|A\r"
        ));
    }
    let limits = izmsg::er7::Limits {
        max_segments: 50_000,
        ..izmsg::er7::Limits::default()
    };
    let decoded = izmsg::model::decode_with(message.as_bytes(), &limits).unwrap();
    let report = validator().validate(&decoded);
    let duplicates = report
        .issues
        .iter()
        .filter(|i| i.rule == "DQ-DUP-001")
        .count();
    assert_eq!(duplicates, 10_000, "one per repeated dose");
    let dose_counts = report
        .issues
        .iter()
        .filter(|i| i.rule == "DQ-CNT-001")
        .count();
    assert_eq!(
        dose_counts, 1,
        "10,001 doses before two years, reported once"
    );
}

/// Patient data in a message, read from the raw text (not through the code under test): PID-3, 5,
/// 6, 7, 11, 13, 19, 29 and NK1-2, 4, 5.
fn patient_values(message: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(message);
    let mut out = Vec::new();
    for line in text.split(['\r', '\n']) {
        let (fields, wanted): (Vec<&str>, &[usize]) = if let Some(rest) = line.strip_prefix("PID|")
        {
            (rest.split('|').collect(), &[3, 5, 6, 7, 11, 13, 19, 29])
        } else if let Some(rest) = line.strip_prefix("NK1|") {
            (rest.split('|').collect(), &[2, 4, 5])
        } else {
            continue;
        };
        for &n in wanted {
            let Some(field) = fields.get(n - 1) else {
                continue;
            };
            for part in field.split(['~', '^', '&']) {
                // Short parts (sex, name type, "MR", "USA") are not identifying and occur in plain text.
                let identifying = part.len() >= 5
                    || (part.len() == 4 && !part.chars().all(|c| c.is_ascii_uppercase()));
                if identifying && part != "\"\"" {
                    out.push(part.to_string());
                }
            }
        }
    }
    out
}

fn issue_texts(issue: &izmsg::validate::Issue) -> Vec<String> {
    let mut t = vec![issue.message.clone(), issue.fix.clone(), issue.to_string()];
    if let Some(label) = &issue.label {
        t.push(label.to_string());
    }
    t
}

fn assert_no_patient_value(name: &str, message: &str, texts: &[String]) {
    for v in patient_values(message.as_bytes()) {
        for t in texts {
            assert!(!t.contains(&v), "{name}: {t:?} quotes patient value {v:?}");
        }
    }
}

/// Every message of the crate's own test messages and of the shared corpus when it is there
/// (batches split), decoded, with the bytes of its file.
fn all_messages() -> Vec<(String, Vec<u8>, izmsg::model::Decoded)> {
    let mut out = Vec::new();
    for (name, bytes) in common::all_messages(&common::KINDS) {
        let Ok(batch) = izmsg::er7::split(&bytes) else {
            continue;
        };
        for m in batch.messages().flatten() {
            let decoded = izmsg::model::decode_parsed(m, &izmsg::er7::Limits::default());
            out.push((name.clone(), bytes.clone(), decoded));
        }
    }
    out
}

#[test]
fn every_message_validates_without_panic_and_quotes_no_patient_value() {
    let mut vxu = 0;
    let mut dq_issues = 0;
    let mut values = 0;
    for (name, raw, decoded) in &all_messages() {
        // With values asked for, so that a text built from a value would show here.
        let report = validator().with_values(true).validate(decoded);
        vxu += usize::from(matches!(decoded.message, izmsg::model::Message::Vxu(_)));
        let phi = patient_values(raw);
        values += phi.len();
        for issue in &report.issues {
            dq_issues += usize::from(issue.rule.starts_with("DQ-"));
            for t in issue_texts(issue) {
                for v in &phi {
                    assert!(
                        !t.contains(v.as_str()),
                        "{name}: {} text {t:?} quotes patient value {v:?}",
                        issue.rule
                    );
                }
            }
        }
    }
    // The test looked at real things: the corpus's 29 VXU files (and batches) when it is there.
    let (min_vxu, min_dq, min_values) = if common::Corpus::here().is_some() {
        (29, 100, 500)
    } else {
        (2, 5, 10)
    };
    assert!(vxu >= min_vxu, "{vxu} VXU");
    assert!(dq_issues > min_dq, "{dq_issues} data-quality issues");
    assert!(values > min_values, "{values} patient values looked for");
}

#[test]
fn twenty_thousand_vis_groups_are_read_in_linear_time() {
    // One dose with 20,000 VIS, each in its own OBX-4 group, presented the day before the dose:
    // the groups are looked up by hashing, not by scanning the others.
    let mut message = CLEAN.replace(VIS_OBX, "").replace(PRESENTED_OBX, "");
    let at = message.find("ORC|RE||FL-2").unwrap();
    let mut obx = String::new();
    for g in 0..20_000 {
        let sub = g + 10;
        obx.push_str(&format!(
            "OBX|{}|CE|69764-9^Document type^LN|{sub}|253088698300003511210806^DTaP VIS^cdcgs1vis||||||F|||20240314\r\
             OBX|{}|DT|29769-7^Date VIS presented^LN|{sub}|20240313||||||F|||20240314\r",
            2 * g + 3,
            2 * g + 4
        ));
    }
    message.insert_str(at, &obx);
    let limits = izmsg::er7::Limits {
        max_segments: 100_000,
        ..izmsg::er7::Limits::default()
    };
    let decoded = izmsg::model::decode_with(message.as_bytes(), &limits).unwrap();
    let report = validator().validate(&decoded);
    let late = report
        .issues
        .iter()
        .filter(|i| i.rule == "DQ-VIS-004")
        .count();
    assert_eq!(late, 20_000, "one per VIS group");
}

#[test]
fn a_vaccine_named_by_its_dose_is_not_a_dose_dose() {
    // CVX 208's name ends in "dose": the phrase does not repeat the word.
    let report = validate(&mutate(&[
        ("||20^DTaP^CVX", "||208^COVID-19 Pfizer^CVX"),
        ("|20250131|", "|202401|"),
    ]));
    let issue = report
        .issues
        .iter()
        .find(|i| i.rule == "DQ-LOT-012")
        .unwrap();
    assert_eq!(
        issue.message,
        "The COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose given on 2024-03-14 was given after its lot expired (2024-01)."
    );
}
