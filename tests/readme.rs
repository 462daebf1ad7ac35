#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The README's example compiles and runs: it is repeated here, and the test checks that every line
//! of the README's Rust block is in this file, so the two cannot drift apart.

mod readme_example {
    use izmsg::model::{self, Message, VaccinationKind};

    pub fn main() -> Result<(), izmsg::er7::Error> {
        let input = b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315||VXU^V04^VXU_V04|1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
                  PID|1||PAT-1^^^EHR^MR||Testpatient^Robin^^^^^L||20230110|F\r\
                  ORC|RE||IZ-1^EHR\r\
                  RXA|0|1|20240315||08^Hep B, adolescent or pediatric^CVX|0.5|mL^^UCUM||00^^NIP001\r";
        let decoded = model::decode(input)?; // parse + typed decode
        assert!(decoded.warnings.is_empty() && decoded.issues.is_empty());
        let Message::Vxu(vxu) = &decoded.message else {
            panic!("a VXU")
        };
        assert_eq!(vxu.patient().legal_name().unwrap().family, "Testpatient");
        let dose = &vxu.vaccinations()[0]; // the domain view of an ORDER group
        assert_eq!(dose.kind, VaccinationKind::Administered); // RXA-9 is 00
        let cvx = &dose.vaccine.as_ref().unwrap().primary.code;
        assert_eq!(
            izmsg::codes::cvx(cvx).unwrap().short_description,
            "Hep B, adolescent or pediatric"
        );
        let rxa = vxu.orders[0].rxa.as_deref().unwrap(); // the typed segment is there too
        assert_eq!(rxa.administered_amount.as_ref().unwrap().as_str(), "0.5");
        assert_eq!(decoded.message.encode(), input); // written back byte for byte
        Ok(())
    }
}

#[test]
fn readme_example_runs() {
    readme_example::main().unwrap();
}

#[test]
fn readme_example_is_this_one() {
    let readme = include_str!("../README.md");
    let this = include_str!("readme.rs");
    let start = readme
        .find("```rust\n")
        .expect("a Rust block in the README")
        + "```rust\n".len();
    let block = &readme[start..];
    let block = &block[..block.find("```").unwrap()];
    let mut lines = 0;
    for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.replace("fn main()", "pub fn main()");
        assert!(
            this.contains(line.as_str()),
            "README line not in tests/readme.rs: {line}"
        );
        lines += 1;
    }
    assert!(lines >= 10, "{lines}");
}
