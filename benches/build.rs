//! Building a VXU from domain values and encoding it, in messages/s: what an EHR's nightly run does
//! for each patient's doses of the day.
//!
//! `cargo bench --bench build`
//!
//! * `build_encode`: `Vxu::builder(..)....encode()` over 1,000 generated patients (1 to 4 doses,
//!   administered and historical, next of kin, address, race, ethnicity, phone), the inputs cloned
//!   each time as an EHR would make them; the output is the same shape as the generated corpus of
//!   `benches/support` (about 1.1 KB).
//! * `build`: the same up to the typed message, without encoding.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use izmsg::chrono::{DateTime, FixedOffset, NaiveDate};
use izmsg::model::domain::*;
use std::hint::black_box;

const FAMILY: &[&str] = &["Doe", "Smith", "Nguyen", "Garcia", "Lavoie", "Martin"];
const GIVEN: &[&str] = &["Jane", "John", "Ava", "Liam", "Noah", "Emma"];
const VACCINES: &[(&str, &str)] = &[("20", "PMC"), ("133", "PFR"), ("08", "MSD"), ("03", "MSD")];

pub struct Input {
    id: String,
    patient: Patient,
    mother: NextOfKin,
    doses: Vec<Vaccination>,
}

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

fn sent() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-03-15T10:30:00-05:00").unwrap()
}

pub fn builder(input: &Input) -> VxuBuilder {
    Vxu::builder(input.id.as_str(), sent(), input.patient.clone())
        .sender("MYEHR", "MYCLINIC")
        .receiver("MEIIS", "MEDHHS")
        .next_of_kin(input.mother.clone())
        .vaccinations(input.doses.iter().cloned())
}

fn bench_build(c: &mut Criterion) {
    let inputs = inputs(1000);
    let mut g = c.benchmark_group("build");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("build_encode", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(builder(black_box(input)).encode().unwrap());
            }
        })
    });
    g.bench_function("build", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(builder(black_box(input)).build().unwrap());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_build);
criterion_main!(benches);
