//! The domain values of the builder bench (`benches/build.rs`): 1 to 4 doses per patient,
//! administered and historical, next of kin, address, race, ethnicity; deterministic (a xorshift
//! generator, no dependency). Also read by `tests/build_direct.rs`, which checks the builder's two
//! paths write the same bytes for every one of them.

#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing)]

use izmsg::chrono::{DateTime, FixedOffset, NaiveDate};
use izmsg::model::domain::*;

const FAMILY: &[&str] = &["Doe", "Smith", "Nguyen", "Garcia", "Lavoie", "Martin"];
const GIVEN: &[&str] = &["Jane", "John", "Ava", "Liam", "Noah", "Emma"];
const VACCINES: &[(&str, &str)] = &[("20", "PMC"), ("133", "PFR"), ("08", "MSD"), ("03", "MSD")];

/// One patient's message: its control ID, the patient, their mother and the doses of the day.
pub struct Input {
    pub id: String,
    pub patient: Patient,
    pub mother: NextOfKin,
    pub doses: Vec<Vaccination>,
}

/// `n` patients, the same on every run.
pub fn inputs(n: usize) -> Vec<Input> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|i| {
            let family = FAMILY[(next() % 6) as usize];
            let born = NaiveDate::from_ymd_opt(
                2010 + (next() % 14) as i32,
                1 + (next() % 12) as u32,
                1 + (next() % 28) as u32,
            )
            .unwrap();
            let patient = Patient::new(
                Identifier::mr(format!("PT{:07}", next() % 10_000_000), "MYEHR"),
                PersonName::legal(family, GIVEN[(next() % 6) as usize]),
                born,
                if next() % 2 == 0 {
                    Sex::Female
                } else {
                    Sex::Male
                },
            )
            .with_race(Coded::race("2106-3"))
            .with_ethnicity(Coded::ethnicity("2186-5"))
            .with_address(Address::home(
                "123 Main St",
                "Portland",
                "ME",
                format!("04{:03}", next() % 1000),
            ));
            let mother = NextOfKin::new(
                PersonName::legal(family, GIVEN[(next() % 6) as usize]),
                Coded::relationship("MTH"),
            );
            let today = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
            let doses = (0..[1, 1, 1, 1, 1, 1, 2, 2, 3, 4][(next() % 10) as usize])
                .map(|g| {
                    let (cvx, mvx) = VACCINES[(next() % 4) as usize];
                    let id = OrderId::new(format!("{}", 100_000 + next() % 900_000), "MYEHR");
                    if g > 0 && next() % 2 == 0 {
                        let when = NaiveDate::from_ymd_opt(
                            2012 + (next() % 12) as i32,
                            1 + (next() % 12) as u32,
                            1 + (next() % 28) as u32,
                        )
                        .unwrap();
                        Vaccination::historical(
                            id,
                            VaccineCode::cvx(cvx),
                            when,
                            HistoricalSource::Unspecified,
                        )
                    } else {
                        Vaccination::administered(
                            id,
                            VaccineCode::cvx(cvx),
                            today,
                            Amount::ml("0.5").unwrap(),
                            Lot::new(format!("LOT{:05}X", next() % 100_000)),
                            Coded::mvx(mvx),
                            Eligibility::new(["V01", "V02", "V03", "V04"][(next() % 4) as usize]),
                        )
                        .with_route(Coded::route("C28161"))
                        .with_site(Coded::site("LD"))
                    }
                })
                .collect();
            Input {
                id: format!("MSG{i:08}"),
                patient,
                mother,
                doses,
            }
        })
        .collect()
}

/// When the messages are sent (MSH-7).
pub fn sent() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-03-15T10:30:00-05:00").unwrap()
}

/// The builder for one input, the inputs cloned into it as the owned API asks.
pub fn builder(input: &Input) -> VxuBuilder {
    Vxu::builder(input.id.as_str(), sent(), input.patient.clone())
        .sender("MYEHR", "MYCLINIC")
        .receiver("MEIIS", "MEDHHS")
        .next_of_kin(input.mother.clone())
        .vaccinations(input.doses.iter().cloned())
}
