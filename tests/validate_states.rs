#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
use izmsg::validate::{self, Validator};

const CLEAN: &str = "MSH|^~\\&|MYEHR|ME1234^2.16.840.1.113883.3.72.5.40.1^ISO|IMMPACT|MEDHHS|20240316093000-0400||VXU^V04^VXU_V04|ME-CLEAN-1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS|PINE-ORG^^^^^IMMPACT^XX^^^ME5678\r\
PID|1||PT-4411^^^MYEHR^MR||Testpatient^Robin^Lee^^^^L|Sample^Pat^^^^^M|20230110|F||2106-3^White^CDCREC|12 Main St^^Augusta^ME^04330^USA^L||^PRN^PH^^^207^5550123|||||||||2186-5^Not Hispanic or Latino^CDCREC\r\
PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|20240316|||A|20240316|20240316\r\
NK1|1|Testpatient^Jordan^^^^^L|MTH^Mother^HL70063|12 Main St^^Augusta^ME^04330^USA^L|^PRN^PH^^^207^5550123\r\
ORC|RE||IZ-9001^MYEHR|||||||7890^Nurse^Nina^^^^^^MYEHR^L||4567^Doctor^Dana^^^^^^MYEHR^L\r\
RXA|0|1|20240315||08^Hep B, adolescent or pediatric^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|7890^Nurse^Nina^^^^^^MYEHR^L|^^^ME1234||||AB1234C|20251231|MSD^Merck and Co., Inc.^MVX|||CP|A\r\
RXR|IM^Intramuscular^HL70162|LA^Left Arm^HL70163\r\
OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20240315|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r\
OBX|2|CE|30956-7^vaccine type^LN|2|45^Hep B, unspecified formulation^CVX||||||F\r\
OBX|3|TS|29768-9^Date vaccine information statement published^LN|2|20230512||||||F\r\
OBX|4|TS|29769-7^Date vaccine information statement presented^LN|2|20240315||||||F\r";

#[test]
fn scratch() {
    let maine = validate::profile("maine").unwrap();
    let d = izmsg::model::decode(CLEAN.as_bytes()).unwrap();
    for (name, v) in [("cdc", Validator::cdc()), ("maine", Validator::new(maine))] {
        let r = v.at_date(2024, 3, 16).validate(&d);
        println!("{name}: {}", r);
        for i in &r.issues {
            println!("   {} {}", i.rule, i.location.path());
        }
    }
    println!("{:?}", validate::profiles::shipped_errors());
}
