#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The README's example compiles and runs: it is repeated here, and the test checks that every line
//! of the README's Rust block is in this file, so the two cannot drift apart.

mod readme_example {
    use izmsg::er7;

    pub fn main() -> Result<(), er7::Error> {
        let input = b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315||VXU^V04^VXU_V04|1|P|2.5.1\r\
                  PID|1||PAT-1^^^EHR^MR||Testpatient^Robin\r\
                  RXA|0|1|20240315||08^Hep B, adolescent or pediatric^CVX|0.5|mL^^UCUM\r";
        let msg = er7::parse(input)?;
        let pid = msg.segment_by_id("PID").expect("a PID segment");
        assert_eq!(pid.field(5).expect("PID-5").component(2).text(), "Robin");
        let rxa = msg.segment_by_id("RXA").expect("an RXA segment");
        assert_eq!(rxa.field(5).expect("RXA-5").component(1).text(), "08"); // CVX code
        assert!(msg.warnings().is_empty()); // nothing had to be tolerated
        assert_eq!(msg.to_bytes(), input); // written back byte for byte
        let _framed = er7::mllp::frame(input); // ready for an MLLP connection
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
