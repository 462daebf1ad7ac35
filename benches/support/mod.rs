//! A deterministic corpus of realistic VXU messages for the benches.
//!
//! Each message has MSH, SFT-free header, PID, PD1, NK1 and one to four order groups
//! (ORC, RXA, RXR, two to four OBX), some values with escape sequences; about 1.1 KB on average.

#![allow(dead_code, clippy::indexing_slicing)]

/// A small linear congruential generator: the same corpus on every run, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
    fn num(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

const FAMILY: &[&str] = &[
    "Smith",
    "Johnson",
    "Garcia",
    "O\\T\\Brien",
    "Nguyen",
    "Martinez-Lopez",
    "Williams",
    "Brown",
];
const GIVEN: &[&str] = &[
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sophia", "Elijah",
];
const STREET: &[&str] = &[
    "123 Main St",
    "9 Elm Ave\\S\\Apt 2",
    "400 Congress St",
    "77 Ocean Blvd",
];
const CITY: &[&str] = &["Portland", "Bangor", "Lewiston", "Augusta"];
const VACCINES: &[(&str, &str, &str, &str)] = &[
    (
        "208",
        "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose",
        "PFR",
        "Pfizer, Inc",
    ),
    (
        "150",
        "Influenza, injectable, quadrivalent, preservative free",
        "SKB",
        "GlaxoSmithKline",
    ),
    ("20", "DTaP", "PMC", "sanofi pasteur"),
    ("133", "Pneumococcal conjugate PCV 13", "PFR", "Pfizer, Inc"),
    (
        "08",
        "Hep B, adolescent or pediatric",
        "MSD",
        "Merck and Co., Inc.",
    ),
    ("03", "MMR", "MSD", "Merck and Co., Inc."),
];

/// Builds `n` messages.
pub fn vxu_corpus(n: usize) -> Vec<Vec<u8>> {
    let mut rng = Lcg(0x1f2e3d4c5b6a7988);
    (0..n).map(|i| vxu(&mut rng, i)).collect()
}

fn vxu(r: &mut Lcg, i: usize) -> Vec<u8> {
    let fam = r.pick(FAMILY);
    let giv = r.pick(GIVEN);
    let mid = r.pick(GIVEN);
    let dob = format!(
        "20{:02}{:02}{:02}",
        r.num(10, 23),
        r.num(1, 12),
        r.num(1, 28)
    );
    let mut m = String::with_capacity(1600);
    m.push_str(&format!(
        "MSH|^~\\&|MYEHR|Clinic{c}|MEIIS|MEDHHS|20240315{h:02}{mi:02}00-0500||VXU^V04^VXU_V04|MSG{i:08}|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r",
        c = r.num(1, 40), h = r.num(8, 17), mi = r.num(0, 59)
    ));
    m.push_str(&format!(
        "PID|1||PT{id:07}^^^MYEHR^MR||{fam}^{giv}^{mid}^^^^L||{dob}|{sex}||2106-3^White^CDCREC|{street}^^{city}^ME^04{zip:03}^USA^P||^PRN^PH^^^207^{ph:07}|||||||||2186-5^not Hispanic or Latino^CDCREC||N|1\r",
        id = r.num(1, 9_999_999), sex = r.pick(&["F", "M"]),
        street = r.pick(STREET), city = r.pick(CITY), zip = r.num(1, 999), ph = r.num(2_000_000, 9_999_999)
    ));
    m.push_str("PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|20240315|||A|20240315\r");
    m.push_str(&format!(
        "NK1|1|{fam}^{mg}^^^^^L|MTH^Mother^HL70063\r",
        mg = r.pick(GIVEN)
    ));
    let groups = [1, 1, 1, 1, 1, 1, 2, 2, 3, 4][(r.next() % 10) as usize];
    for g in 0..groups {
        let (cvx, name, mvx, mname) = VACCINES[(r.next() as usize) % VACCINES.len()];
        let historical = g > 0 && r.num(0, 1) == 0;
        m.push_str(&format!(
            "ORC|RE||{oid}^MYEHR|||||||||^Provider^Pat^^^^^^MYEHR^L\r",
            oid = r.num(100_000, 999_999)
        ));
        if historical {
            m.push_str(&format!(
                "RXA|0|1|{y}{mo:02}{d:02}||{cvx}^{name}^CVX|999|||01^Historical information - source unspecified^NIP001||||||||||CP|A\r",
                y = r.num(2012, 2023), mo = r.num(1, 12), d = r.num(1, 28)
            ));
        } else {
            m.push_str(&format!(
                "RXA|0|1|20240315||{cvx}^{name}^CVX|0.5|mL^milliliters^UCUM||00^New immunization record^NIP001|{prov}^Welby^Marcus^^^^^^MYEHR^L^^^PRN|^^^Clinic{c}||||LOT{lot:05}X|2025{em:02}01|{mvx}^{mname}^MVX|||CP|A\r",
                prov = r.num(1000, 9999), c = r.num(1, 40), lot = r.num(1, 99_999), em = r.num(1, 12)
            ));
            m.push_str(&format!(
                "RXR|C28161^Intramuscular^NCIT|{site}^HL70163\r",
                site = r.pick(&[
                    "LD^Left Deltoid",
                    "RD^Right Deltoid",
                    "LT^Left Thigh",
                    "RT^Right Thigh"
                ])
            ));
            m.push_str(&format!(
                "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|{v}^VFC eligibility^HL70064||||||F|||20240315\r",
                v = r.pick(&["V01", "V02", "V03", "V04"])
            ));
            if r.num(0, 3) == 0 {
                m.push_str("OBX|3|TS|29768-9^Date vaccine information statement published^LN|2|20200427||||||F\r");
                m.push_str("OBX|4|TS|29769-7^Date vaccine information statement presented^LN|2|20240315||||||F\r");
            }
        }
    }
    m.into_bytes()
}
