//! A deterministic corpus of realistic VXU messages for the benches.
//!
//! Each message has MSH, SFT-free header, PID, PD1, NK1 and one to three order groups
//! (ORC, RXA, RXR and three OBX, or a historical ORC/RXA), values with escape sequences; about
//! 1.25 KB on average. Every message is conformant: `Validator::cdc()` finds nothing in it.

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
    "O'Brien",
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
    "9 Elm Ave\\T\\Apt 2",
    "400 Congress St",
    "77 Ocean Blvd",
];
const CITY: &[&str] = &["Portland", "Bangor", "Lewiston", "Augusta"];

/// A vaccine a clinic gives in March 2024: CVX and its name, the manufacturer (MVX), the dose in mL,
/// the route (NCIT), and the VIS in force then (fully encoded GS1 string).
struct Vaccine {
    cvx: &'static str,
    name: &'static str,
    mvx: &'static str,
    mvx_name: &'static str,
    dose: &'static str,
    route: &'static str,
    vis: &'static str,
}

const VACCINES: &[Vaccine] = &[
    Vaccine {
        cvx: "309",
        name: "COVID-19, mRNA, LNP-S, PF, tris-sucrose, 30 mcg/0.3 mL",
        mvx: "PFR",
        mvx_name: "Pfizer, Inc",
        dose: "0.3",
        route: "C28161^Intramuscular^NCIT",
        vis: "253088698300063911231019^COVID-19 Vaccine VIS",
    },
    Vaccine {
        cvx: "150",
        name: "Influenza, injectable, quadrivalent, preservative free",
        mvx: "SKB",
        mvx_name: "GlaxoSmithKline",
        dose: "0.5",
        route: "C28161^Intramuscular^NCIT",
        vis: "253088698300010311210806^Influenza Vaccine VIS",
    },
    Vaccine {
        cvx: "20",
        name: "DTaP",
        mvx: "PMC",
        mvx_name: "sanofi pasteur",
        dose: "0.5",
        route: "C28161^Intramuscular^NCIT",
        vis: "253088698300003511210806^DTaP Vaccine VIS",
    },
    Vaccine {
        cvx: "133",
        name: "Pneumococcal conjugate PCV 13",
        mvx: "PFR",
        mvx_name: "Pfizer, Inc",
        dose: "0.5",
        route: "C28161^Intramuscular^NCIT",
        vis: "253088698300015811210806^PCV13 Vaccine VIS",
    },
    Vaccine {
        cvx: "08",
        name: "Hep B, adolescent or pediatric",
        mvx: "MSD",
        mvx_name: "Merck and Co., Inc.",
        dose: "0.5",
        route: "C28161^Intramuscular^NCIT",
        vis: "253088698300005911230512^Hepatitis B Vaccine VIS",
    },
    Vaccine {
        cvx: "03",
        name: "MMR",
        mvx: "MSD",
        mvx_name: "Merck and Co., Inc.",
        dose: "0.5",
        route: "C38299^Subcutaneous^NCIT",
        vis: "253088698300012711210806^MMR Vaccine VIS",
    },
];

/// Builds `n` messages.
pub fn vxu_corpus(n: usize) -> Vec<Vec<u8>> {
    let mut rng = Lcg(0x1f2e3d4c5b6a7988);
    (0..n).map(|i| vxu(&mut rng, i)).collect()
}

/// One VXU as a clinic's EHR sends it: conformant to the CDC profile (no error, no warning from
/// `Validator::cdc()` on 2026-01-01), with the escapes and optional parts real messages have.
fn vxu(r: &mut Lcg, i: usize) -> Vec<u8> {
    let fam = r.pick(FAMILY);
    let given = (r.next() as usize) % GIVEN.len();
    let giv = GIVEN[given];
    let mid = GIVEN[(given + 1 + (r.next() as usize) % (GIVEN.len() - 1)) % GIVEN.len()];
    let mother = GIVEN[(given + 1 + (r.next() as usize) % (GIVEN.len() - 1)) % GIVEN.len()];
    // Born 2010 to 2022 on a day that is not the 1st, 15th or end of a month (those read as estimates).
    let (by, bm, bd) = (
        r.num(10, 22),
        r.num(1, 12),
        [2, 3, 5, 7, 9, 11, 12, 14, 16, 18, 20, 22, 24, 26][(r.next() % 14) as usize],
    );
    let dob = format!("20{by:02}{bm:02}{bd:02}");
    let mut m = String::with_capacity(1600);
    m.push_str(&format!(
        "MSH|^~\\&|MYEHR|Clinic{c}|MEIIS|MEDHHS|20240315{h:02}{mi:02}00-0500||VXU^V04^VXU_V04|MSG{i:08}|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS|Clinic{c}\r",
        c = r.num(1, 40), h = r.num(8, 17), mi = r.num(0, 59)
    ));
    m.push_str(&format!(
        "PID|1||PT{id:07}^^^MYEHR^MR||{fam}^{giv}^{mid}^^^^L||{dob}|{sex}||2106-3^White^CDCREC|{street}^^{city}^ME^04{zip:03}^USA^P||^PRN^PH^^^207^{ph:07}|||||||||2186-5^not Hispanic or Latino^CDCREC||N|1\r",
        id = r.num(1, 9_999_999), sex = r.pick(&["F", "M"]),
        street = r.pick(STREET), city = r.pick(CITY), zip = r.num(1, 999), ph = r.num(2_000_000, 9_999_999)
    ));
    m.push_str("PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|20240315|||A|20240315\r");
    m.push_str(&format!("NK1|1|{fam}^{mother}^^^^^L|MTH^Mother^HL70063\r"));
    let groups = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3][(r.next() % 10) as usize];
    // Distinct vaccines in one message: two doses of one vaccine on one day are a duplicate.
    let first = (r.next() as usize) % VACCINES.len();
    let mut obx = 0;
    for g in 0..groups {
        let v = &VACCINES[(first + g) % VACCINES.len()];
        let historical = g > 0 && r.num(0, 1) == 0 && v.cvx != "309";
        m.push_str(&format!(
            "ORC|RE||{oid}^MYEHR|||||||||{prov}^Provider^Pat^^^^^^MYEHR^L^^^PRN\r",
            oid = r.num(100_000, 999_999),
            prov = r.num(1000, 9999),
        ));
        if historical {
            // Some time after birth and before today's visit.
            m.push_str(&format!(
                "RXA|0|1|20{y:02}{mo:02}{d:02}||{cvx}^{name}^CVX|999|||01^Historical information - source unspecified^NIP001|||||||||||CP|A\r",
                y = (by + 2).min(23), mo = r.num(1, 12), d = [3, 6, 10, 13, 17, 21, 25][(r.next() % 7) as usize], cvx = v.cvx, name = v.name
            ));
        } else {
            m.push_str(&format!(
                "RXA|0|1|20240315||{cvx}^{name}^CVX|{dose}|mL^milliliters^UCUM||00^New immunization record^NIP001|{prov}^Welby^Marcus^^^^^^MYEHR^L^^^PRN|^^^Clinic{c}||||{lot}{num:05}|2025{em:02}01|{mvx}^{mname}^MVX|||CP|A\r",
                cvx = v.cvx, name = v.name, dose = v.dose, mvx = v.mvx, mname = v.mvx_name,
                prov = r.num(1000, 9999), c = r.num(1, 40),
                lot = r.pick(&["EW", "U7", "FK", "3C"]), num = r.num(1, 99_999), em = r.num(1, 12)
            ));
            m.push_str(&format!(
                "RXR|{route}|{site}^HL70163\r",
                route = v.route,
                site = r.pick(&[
                    "LD^Left Deltoid",
                    "RD^Right Deltoid",
                    "LT^Left Thigh",
                    "RT^Right Thigh"
                ])
            ));
            obx += 1;
            m.push_str(&format!(
                "OBX|{obx}|CE|64994-7^Vaccine funding program eligibility category^LN|1|{e}^VFC eligibility^HL70064||||||F|||20240315|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r",
                e = r.pick(&["V01", "V02", "V03", "V04"])
            ));
            m.push_str(&format!(
                "OBX|{a}|CE|69764-9^Document Type^LN|2|{vis}^cdcgs1vis||||||F\rOBX|{b}|DT|29769-7^Date Vis Presented^LN|2|20240315||||||F\r",
                a = obx + 1, b = obx + 2, vis = v.vis
            ));
            obx += 2;
        }
    }
    m.into_bytes()
}
