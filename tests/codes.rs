//! Integration tests of the `codes` layer: row counts against the
//! `codesets/` tables and the CDC source files, spot checks of real codes in
//! every table and every NDC form, the consistency questions, the TSV round
//! trip, and the run-time overlay with modified CDC files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use izmsg::codes::{
    self, CdcFile, CdcFormatError, CdcRows, CdcTable, CodeSets, CodeStatus, CvxOnDate, CvxStatus,
    MvxCvx, NdcCvx, NdcError, NdcForm, NdcUnit, Status, ValueSetMembers, VisStatus,
};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn codesets_file(name: &str) -> String {
    std::fs::read_to_string(manifest().join("codesets").join(name)).unwrap()
}

/// Data rows of a `codesets/` TSV (header excluded).
fn tsv_rows(name: &str) -> usize {
    codesets_file(name).lines().count() - 1
}

fn cdc_fixture(name: &str) -> Vec<u8> {
    std::fs::read(manifest().join("tests/data/codes/cdc").join(name)).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A fresh directory under the system temp dir.
fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("izmsg-codes-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------------------
// Counts
// ---------------------------------------------------------------------------

#[test]
fn compiled_tables_have_the_rows_of_the_tsv_files() {
    let c = CodeSets::embedded();
    assert_eq!(c.cvx_rows().len(), tsv_rows("cvx.tsv"));
    assert_eq!(c.mvx_rows().len(), tsv_rows("mvx.tsv"));
    assert_eq!(c.tradename_rows().len(), tsv_rows("tradename.tsv"));
    assert_eq!(c.vaccine_group_rows().len(), tsv_rows("vaccine_group.tsv"));
    assert_eq!(c.vis_rows().len(), tsv_rows("vis.tsv"));
    assert_eq!(c.vis_url_rows().len(), tsv_rows("vis_url.tsv"));
    assert_eq!(c.cvx_vis_rows().len(), tsv_rows("cvx_vis.tsv"));
    assert_eq!(c.cpt_rows().len(), tsv_rows("cpt.tsv"));
    let sale = c
        .ndc_rows()
        .iter()
        .filter(|p| p.unit == NdcUnit::Sale)
        .count();
    let usage = c
        .ndc_rows()
        .iter()
        .filter(|p| p.unit == NdcUnit::Use)
        .count();
    assert_eq!(sale, tsv_rows("ndc_sale.tsv"));
    assert_eq!(usage, tsv_rows("ndc_use.tsv"));
    assert_eq!(c.ndc_link_rows().len(), tsv_rows("ndc_link.tsv"));
    assert_eq!(codes::value_sets().len(), tsv_rows("valuesets.tsv"));
    let listed: usize = codes::value_sets().iter().map(|v| v.codes().len()).sum();
    assert_eq!(listed, tsv_rows("valueset_codes.tsv"));
    assert_eq!(codes::provenance().len(), tsv_rows("as_of.tsv"));
}

#[test]
fn tables_have_the_rows_of_the_cdc_sources() {
    // Counts of codesets-src/PROVENANCE.md: CVX 288, MVX 89, trade names 223
    // (one exact duplicate kept once), groups 256, VIS 174, URLs 34, CVX-VIS
    // 548, CPT 168, NDC sale 560 + 16 retired, use 510 + 4, linker 580 + 19.
    let c = CodeSets::embedded();
    assert_eq!(c.cvx_rows().len(), 288);
    assert_eq!(c.mvx_rows().len(), 89);
    assert_eq!(c.tradename_rows().len(), 222);
    assert_eq!(c.vaccine_group_rows().len(), 256);
    assert_eq!(c.vis_rows().len(), 174);
    assert_eq!(c.vis_url_rows().len(), 34);
    assert_eq!(c.cvx_vis_rows().len(), 548);
    assert_eq!(c.cpt_rows().len(), 168);
    let count = |unit, retired| {
        c.ndc_rows()
            .iter()
            .filter(|p| p.unit == unit && p.retired == retired)
            .count()
    };
    assert_eq!(
        (count(NdcUnit::Sale, false), count(NdcUnit::Sale, true)),
        (560, 16)
    );
    assert_eq!(
        (count(NdcUnit::Use, false), count(NdcUnit::Use, true)),
        (510, 4)
    );
    let links = c.ndc_link_rows();
    assert_eq!(links.iter().filter(|l| !l.retired).count(), 580);
    assert_eq!(links.iter().filter(|l| l.retired).count(), 19);

    // CVX status counts of PROVENANCE.md.
    let status = |s| c.cvx_rows().iter().filter(|x| x.status == s).count();
    assert_eq!(status(CvxStatus::Active), 113);
    assert_eq!(status(CvxStatus::Inactive), 118);
    assert_eq!(status(CvxStatus::NonUs), 39);
    assert_eq!(status(CvxStatus::NeverActive), 18);
    assert_eq!(status(CvxStatus::Pending), 0);
    let groups: std::collections::BTreeSet<&str> = c
        .vaccine_group_rows()
        .iter()
        .map(|g| g.group_name.as_ref())
        .collect();
    assert_eq!(groups.len(), 38);
    let vis_current = c.vis_rows().iter().filter(|v| v.is_current()).count();
    assert_eq!(vis_current, 34);
}

#[test]
fn the_cdc_files_have_the_rows_of_the_tables() {
    let count = |file: CdcFile, name: &str| {
        codes::read_cdc_file(file, &cdc_fixture(name))
            .unwrap()
            .len()
    };
    let c = CodeSets::embedded();
    assert_eq!(count(CdcFile::CvxXml, "cvx.xml"), c.cvx_rows().len());
    assert_eq!(count(CdcFile::MvxXml, "mvx.xml"), c.mvx_rows().len());
    assert_eq!(
        count(CdcFile::TradenameXml, "tradename.xml"),
        c.tradename_rows().len() + 1
    );
    assert_eq!(
        count(CdcFile::VaccineGroupXml, "vac2vg.xml"),
        c.vaccine_group_rows().len()
    );
    assert_eq!(count(CdcFile::VisXml, "vis.xml"), c.vis_rows().len());
    assert_eq!(
        count(CdcFile::VisUrlXml, "visurl.xml"),
        c.vis_url_rows().len()
    );
    assert_eq!(
        count(CdcFile::CvxVisXml, "cvxvis.xml"),
        c.cvx_vis_rows().len()
    );
    assert_eq!(count(CdcFile::CptXml, "cpt.xml"), c.cpt_rows().len());
    assert_eq!(count(CdcFile::NdcSaleText, "NDC_Unit_sale.txt"), 560);
    assert_eq!(count(CdcFile::NdcUseText, "NDC_Unit_use.txt"), 510);
    assert_eq!(count(CdcFile::NdcLinkerText, "NDC_Linker.txt"), 580);
}

// ---------------------------------------------------------------------------
// Round trip and refresh
// ---------------------------------------------------------------------------

#[test]
fn writing_the_embedded_tables_gives_the_tsv_files_back() {
    let c = CodeSets::embedded();
    for table in CdcTable::ALL {
        assert_eq!(
            c.to_tsv(table),
            codesets_file(table.file_name()),
            "{} differs",
            table.file_name()
        );
    }
    assert_eq!(c.as_of_tsv(), codesets_file("as_of.tsv"));
}

/// Loads every CDC file of `dir` (in the refresh order) into `sets`.
fn load_dir(sets: &mut CodeSets, dir: &Path) -> Vec<izmsg::codes::LoadReport> {
    let mut files: Vec<(CdcFile, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .map(|b| (CdcFile::detect(&b).expect("a CDC file"), b))
        .collect();
    files.sort_by_key(|(f, _)| CdcFile::ALL.iter().position(|x| x == f));
    files
        .into_iter()
        .map(|(f, b)| sets.load(f, &b).unwrap())
        .collect()
}

#[test]
fn refreshing_from_the_cdc_files_the_tables_came_from_changes_nothing() {
    let mut sets = CodeSets::new();
    let reports = load_dir(&mut sets, &manifest().join("tests/data/codes/cdc"));
    assert_eq!(reports.len(), 11);
    for r in &reports {
        assert!(
            r.added.is_empty()
                && r.updated.is_empty()
                && r.retired.is_empty()
                && r.removed.is_empty(),
            "{r}"
        );
    }
    for table in CdcTable::ALL {
        assert!(sets.is_overlaid(table));
        assert_eq!(
            sets.to_tsv(table),
            codesets_file(table.file_name()),
            "{}",
            table.file_name()
        );
    }
}

#[test]
fn overlay_indexes_answer_like_the_compiled_ones() {
    // The overlay builds its indexes with the library's key functions, the
    // embedded tables with build.rs's: both must find the same rows.
    let mut sets = CodeSets::new();
    load_dir(&mut sets, &manifest().join("tests/data/codes/cdc"));
    let e = CodeSets::embedded();
    for c in e.cvx_rows() {
        assert_eq!(sets.cvx(&c.cvx), Some(c));
        let a: Vec<_> = e.vaccine_groups(&c.cvx).collect();
        let b: Vec<_> = sets.vaccine_groups(&c.cvx).collect();
        assert_eq!(a, b);
        let a: Vec<_> = e.vis_for_cvx(&c.cvx).collect();
        let b: Vec<_> = sets.vis_for_cvx(&c.cvx).collect();
        assert_eq!(a, b);
        let a: Vec<_> = e.tradenames_for_cvx(&c.cvx).collect();
        let b: Vec<_> = sets.tradenames_for_cvx(&c.cvx).collect();
        assert_eq!(a, b);
        let a: Vec<_> = e.ndc_for_cvx(&c.cvx).collect();
        let b: Vec<_> = sets.ndc_for_cvx(&c.cvx).collect();
        assert_eq!(a, b);
        let a: Vec<_> = e.cpt_for_cvx(&c.cvx).collect();
        let b: Vec<_> = sets.cpt_for_cvx(&c.cvx).collect();
        assert_eq!(a, b);
    }
    for m in e.mvx_rows() {
        assert_eq!(sets.mvx(&m.mvx), Some(m));
    }
    for t in e.tradename_rows() {
        let a: Vec<_> = e.tradename(&t.product_name).collect();
        let b: Vec<_> = sets.tradename(&t.product_name).collect();
        assert!(a.contains(&t));
        assert_eq!(a, b);
    }
    for v in e.vis_rows() {
        assert_eq!(sets.vis_document(&v.vis_encoded), Some(v));
        let a: Vec<_> = e.vis_editions(&v.gdti).collect();
        let b: Vec<_> = sets.vis_editions(&v.gdti).collect();
        assert_eq!(a, b);
        let a: Vec<_> = e.cvx_for_vis(&v.vis_encoded).collect();
        let b: Vec<_> = sets.cvx_for_vis(&v.vis_encoded).collect();
        assert_eq!(a, b);
    }
    for u in e.vis_url_rows() {
        assert_eq!(sets.vis_url(&u.gdti), Some(u));
    }
    for p in e.ndc_rows() {
        let a: Vec<_> = e.ndc(&p.ndc11).unwrap().collect();
        let b: Vec<_> = sets.ndc(&p.ndc11).unwrap().collect();
        assert!(a.contains(&p));
        assert_eq!(a, b);
        let a: Vec<_> = e.ndc_linked(p).collect();
        let b: Vec<_> = sets.ndc_linked(p).collect();
        assert_eq!(a, b);
        let a: Vec<_> = e.ndc_mvx(p).collect();
        let b: Vec<_> = sets.ndc_mvx(p).collect();
        assert_eq!(a, b);
    }
    for c in e.cpt_rows() {
        let a: Vec<_> = e.cpt(&c.cpt).collect();
        let b: Vec<_> = sets.cpt(&c.cpt).collect();
        assert_eq!(a, b);
    }
}

// ---------------------------------------------------------------------------
// Spot checks
// ---------------------------------------------------------------------------

#[test]
fn cvx_spot_checks() {
    let c = codes::cvx("208").unwrap();
    assert_eq!(c.status, CvxStatus::Inactive);
    assert!(c.short_description.starts_with("COVID-19, mRNA"));
    assert_eq!(c.non_vaccine, Some(false));
    assert_eq!(c.last_updated, Some(day(2023, 11, 14)));
    assert_eq!(codes::cvx("207").unwrap().status, CvxStatus::Inactive);
    assert_eq!(codes::cvx("300").unwrap().status, CvxStatus::Inactive);
    for active in [
        "03", "08", "20", "141", "150", "158", "197", "206", "303", "305", "306", "307", "309",
    ] {
        assert_eq!(
            codes::cvx(active).unwrap().status,
            CvxStatus::Active,
            "CVX {active}"
        );
    }
    assert_eq!(codes::cvx("304").unwrap().status, CvxStatus::Inactive);
    assert_eq!(codes::cvx("334").unwrap().cvx, "334");
    assert_eq!(codes::cvx("998").unwrap().non_vaccine, Some(true));
    assert_eq!(codes::cvx("999").unwrap().non_vaccine, Some(true));
    assert_eq!(codes::cvx("57").unwrap().status, CvxStatus::NeverActive);
    assert_eq!(codes::cvx("77").unwrap().status, CvxStatus::NonUs);
    assert_eq!(codes::cvx("57").unwrap().status.as_str(), "Never Active");
    // Leading zeros and spaces do not matter.
    assert_eq!(codes::cvx("8").unwrap().cvx, "08");
    assert_eq!(codes::cvx(" 008 ").unwrap().cvx, "08");
    assert!(codes::cvx("0").is_none());
    assert!(codes::cvx("").is_none());
    assert!(codes::cvx("abc").is_none());
}

#[test]
fn unspecified_formulation_comes_from_the_cdc_wording() {
    for code in ["45", "88", "107", "213", "304", "137", "147", "500"] {
        assert!(codes::is_unspecified_formulation(code), "CVX {code}");
    }
    for code in ["196", "208", "03", "150", "998"] {
        assert!(!codes::is_unspecified_formulation(code), "CVX {code}");
    }
    assert!(!codes::is_unspecified_formulation("9999"));
    let count = CodeSets::embedded()
        .cvx_rows()
        .iter()
        .filter(|c| c.is_unspecified_formulation())
        .count();
    assert_eq!(count, 42);
}

#[test]
fn mvx_spot_checks() {
    for (code, name) in [
        ("PFR", "Pfizer, Inc"),
        ("MSD", "Merck and Co., Inc."),
        ("SKB", "GlaxoSmithKline"),
        ("PMC", "Sanofi Pasteur"),
        ("MOD", "Moderna US, Inc."),
    ] {
        let m = codes::mvx(code).unwrap();
        assert_eq!(m.status, Status::Active, "{code}");
        assert_eq!(m.name, name);
    }
    assert_eq!(codes::mvx("msd").unwrap().mvx, "MSD");
    assert_eq!(codes::mvx("AB").unwrap().status, Status::Inactive);
    assert!(codes::mvx("ZZZ").is_none());
}

#[test]
fn ndc_in_every_form() {
    for form in [
        "49281-0421-50",
        "49281042150",
        "49281-421-50",
        "4928142150",
        " 49281-0421-50 ",
    ] {
        let found: Vec<_> = codes::ndc(form).unwrap().collect();
        assert_eq!(found.len(), 1, "{form}");
        let p = found[0];
        assert_eq!(p.ndc11, "49281-0421-50");
        assert_eq!(p.ndc10(), "49281-421-50");
        assert_eq!(p.unit, NdcUnit::Sale);
        assert_eq!(p.cvx, "150");
        assert_eq!(
            p.proprietary_name,
            "FLUZONE QUADRIVALENT NORTHERN HEMISPHERE"
        );
        assert_eq!(p.start_date, Some(day(2021, 7, 2)));
        assert_eq!(p.end_date, Some(day(2022, 6, 30)));
        assert_eq!(p.gtin, "00349281421501");
        assert_eq!(p.status(), Status::Inactive);
        let c = CodeSets::embedded();
        assert_eq!(c.ndc_mvx(p).collect::<Vec<_>>(), ["PMC"]);
        let uses: Vec<&str> = c.ndc_linked(p).map(|u| u.ndc11.as_ref()).collect();
        assert_eq!(uses, ["49281-0421-88"]);
    }
    // 4-4-2: labeler padded; RotaTeq unit of sale -> two units of use.
    for form in ["0006-4047-41", "00006-4047-41", "00006404741", "0006404741"] {
        let found: Vec<_> = codes::ndc(form).unwrap().collect();
        assert_eq!(found.len(), 1, "{form}");
        assert_eq!(found[0].ndc11, "00006-4047-41");
        assert_eq!(found[0].cvx, "116");
        let c = CodeSets::embedded();
        let uses: Vec<&str> = c.ndc_linked(found[0]).map(|u| u.ndc11.as_ref()).collect();
        assert_eq!(uses, ["00006-4047-01", "00006-4047-02"]);
        assert_eq!(c.ndc_mvx(found[0]).collect::<Vec<_>>(), ["MSD"]);
    }
    // 5-4-1: package padded.
    // (this NDC is both the unit of sale and the unit of use)
    for form in ["54868-6177-0", "5486861770", "54868-6177-00"] {
        let found: Vec<_> = codes::ndc(form).unwrap().collect();
        let units: Vec<NdcUnit> = found.iter().map(|p| p.unit).collect();
        assert_eq!(units, [NdcUnit::Sale, NdcUnit::Use], "{form}");
        assert!(
            found
                .iter()
                .all(|p| p.ndc11 == "54868-6177-00" && p.cvx == "141")
        );
    }
    // A unit of use links back to its unit of sale.
    let boostrix_use = codes::ndc("58160-842-01").unwrap().next().unwrap();
    assert_eq!(boostrix_use.unit, NdcUnit::Use);
    assert_eq!(boostrix_use.cvx, "115");
    let c = CodeSets::embedded();
    assert!(
        c.ndc_linked(boostrix_use)
            .any(|s| s.ndc11 == "58160-0842-11")
    );
    assert_eq!(c.ndc_mvx(boostrix_use).collect::<Vec<_>>(), ["SKB"]);
    // A retired NDC (AstraZeneca COVID-19, dropped by the CDC) is still known.
    let az = codes::ndc("00310-1222-15").unwrap().next().unwrap();
    assert!(az.retired);
    assert_eq!(az.status(), Status::Inactive);
    // An NDC the CDC maps to two CVX codes gives both.
    let engerix: Vec<&str> = codes::ndc("58160-0821-11")
        .unwrap()
        .map(|p| p.cvx.as_ref())
        .collect();
    assert_eq!(engerix, ["43", "44"]);
    // Well formed but unknown.
    assert!(codes::ndc("12345-6789-01").unwrap().is_empty());
}

#[test]
fn ndc_normalisation_and_errors() {
    assert_eq!(
        codes::normalize_ndc("49281-421-50").unwrap().to_string(),
        "49281-0421-50"
    );
    assert_eq!(
        codes::normalize_ndc("0006-4047-41").unwrap().to_string(),
        "00006-4047-41"
    );
    assert_eq!(
        codes::normalize_ndc("54868-6177-0").unwrap().to_string(),
        "54868-6177-00"
    );
    assert_eq!(
        codes::normalize_ndc("49281042150").unwrap().digits(),
        "49281042150"
    );
    assert_eq!(codes::normalize_ndc("4928142150"), Err(NdcError::Ambiguous));
    let c = codes::ndc_candidates("4928142150").unwrap();
    assert_eq!(c.form(), NdcForm::Plain10);
    assert!(c.is_ambiguous());
    assert_eq!(
        codes::ndc_candidates("49281-421-50").unwrap().form(),
        NdcForm::Hyphenated532
    );
    assert_eq!(codes::normalize_ndc(""), Err(NdcError::Empty));
    assert_eq!(
        codes::normalize_ndc("123456789"),
        Err(NdcError::DigitCount { digits: 9 })
    );
    assert_eq!(
        codes::normalize_ndc("49281-04X1-50"),
        Err(NdcError::InvalidCharacter {
            character: 'X',
            position: 9
        })
    );
    assert_eq!(
        codes::normalize_ndc("49281-0421"),
        Err(NdcError::PartCount { parts: 2 })
    );
    assert_eq!(
        codes::normalize_ndc("4928-421-50"),
        Err(NdcError::PartLengths {
            labeler: 4,
            product: 3,
            package: 2
        })
    );
    assert!(codes::normalize_ndc("49281--50").is_err());
    assert!(codes::ndc("not an ndc").is_err());
    // Messages say what is wrong.
    assert!(NdcError::Ambiguous.to_string().contains("ambiguous"));
}

#[test]
fn tradename_spot_checks() {
    let find = |name: &str| -> Vec<(String, String)> {
        codes::tradename(name)
            .map(|t| (t.cvx.to_string(), t.mvx.to_string()))
            .collect()
    };
    let pair = |cvx: &str, mvx: &str| (cvx.to_string(), mvx.to_string());
    assert_eq!(find("ABRYSVO"), [pair("305", "PFR")]);
    assert_eq!(find("abrysvo"), [pair("305", "PFR")]);
    assert_eq!(find(" A-b-r-y-s-v-o! "), [pair("305", "PFR")]);
    assert_eq!(find("AREXVY"), [pair("303", "SKB")]);
    assert_eq!(find("Beyfortus"), [pair("306", "PMC"), pair("307", "PMC")]);
    assert_eq!(find("ENFLONSIA"), [pair("332", "MSD")]);
    assert_eq!(find("mresvia"), [pair("326", "MOD")]);
    let comirnaty: Vec<String> = find("Comirnaty").into_iter().map(|(c, _)| c).collect();
    assert_eq!(comirnaty, ["208", "217", "309", "310"]);
    let spikevax: Vec<String> = find("SPIKEVAX").into_iter().map(|(c, _)| c).collect();
    assert_eq!(spikevax, ["207", "311", "312"]);
    // The issue's example: no exact CDC name; the products starting with it.
    let hd = codes::tradename("Fluzone High-Dose Quadrivalent");
    assert!(hd.is_prefix_match());
    let cvx: Vec<&str> = hd.map(|t| t.cvx.as_ref()).collect();
    assert_eq!(cvx, ["197", "231"]);
    assert!(
        !codes::tradename("Fluzone High-Dose quadrivalent, preservative free").is_prefix_match()
    );
    assert!(codes::tradename("nonexistent brand").is_empty());
    assert!(
        codes::tradename("flu").is_empty(),
        "too short for a prefix match"
    );
    let acam = codes::tradename("ACAM2000");
    let statuses: Vec<(&str, Status)> = acam.map(|t| (t.mvx.as_ref(), t.status)).collect();
    assert_eq!(
        statuses,
        [("ACA", Status::Inactive), ("MIP", Status::Active)]
    );
}

#[test]
fn vaccine_group_spot_checks() {
    let groups = |cvx: &str| -> Vec<(String, String)> {
        codes::vaccine_groups(cvx)
            .map(|g| (g.group_name.to_string(), g.group_cvx.to_string()))
            .collect()
    };
    let g = |n: &str, c: &str| (n.to_string(), c.to_string());
    assert_eq!(groups("20"), [g("DTAP", "107")]);
    assert_eq!(groups("208"), [g("COVID-19", "213")]);
    assert_eq!(groups("309"), [g("COVID-19", "213")]);
    assert_eq!(groups("303"), [g("RSV", "304")]);
    assert_eq!(groups("306"), [g("RSV", "304")]);
    let combo: Vec<String> = groups("110").into_iter().map(|(n, _)| n).collect();
    assert_eq!(combo.len(), 3);
    for name in ["DTAP", "HepB", "POLIO"] {
        assert!(combo.iter().any(|c| c == name), "{name}");
    }
    assert!(groups("86").is_empty(), "immune globulin is in no group");
}

#[test]
fn vis_spot_checks() {
    // The barcode of the issue is not a CDC edition (the MMR VIS editions are
    // 2021-08-06 and 2025-01-31), but its document type is the MMR VIS.
    let asked = "253088698300012711210630";
    assert!(codes::vis_document(asked).is_none());
    let gdti = codes::vis_barcode_gdti(asked).unwrap();
    assert_eq!(gdti, "0886983000127");
    let c = CodeSets::embedded();
    let editions: Vec<NaiveDate> = c.vis_editions(gdti).map(|v| v.edition_date).collect();
    assert!(editions.contains(&day(2021, 8, 6)));
    let current = c.vis_editions(gdti).find(|v| v.is_current()).unwrap();
    assert_eq!(current.vis_encoded, "253088698300012711250131");
    assert_eq!(
        current.document_name,
        "MMR Vaccine (Measles, Mumps, and Rubella) VIS"
    );

    let v = codes::vis_document("253088698300012711210806").unwrap();
    assert_eq!(v.edition_date, day(2021, 8, 6));
    assert_eq!(v.status, VisStatus::Historic);
    assert_eq!(c.cvx_for_vis(&v.vis_encoded).collect::<Vec<_>>(), ["03"]);
    assert!(codes::vis_for_cvx("03").any(|d| d.vis_encoded == "253088698300012711250131"));
    assert!(
        codes::vis_for_cvx("94").any(|d| d.is_current()),
        "MMRV has a current VIS"
    );
    let url = c.vis_url(gdti).unwrap();
    assert!(url.pdf_url.ends_with("mmr.pdf"));
    assert!(codes::vis_barcode_gdti("12345").is_none());
}

#[test]
fn value_set_spot_checks() {
    // The issue's example and every name form of HL7 0064.
    for name in ["0064", "HL70064", "hl70064", "HL70064_IZ"] {
        assert_eq!(
            codes::lookup(name, "V02"),
            Some("VFC eligible - Medicaid/Medicaid Managed Care"),
            "{name}"
        );
    }
    let c = CodeSets::embedded();
    assert_eq!(c.member("0064", "MIA10").unwrap().status, CodeStatus::Local);
    assert_eq!(
        c.member("0064", "V06").unwrap().status,
        CodeStatus::Deprecated
    );
    assert!(!codes::contains("0064", "V00"));
    assert!(codes::value_set("0064").unwrap().extensible);

    // CDCREC race and ethnicity.
    for race in ["1002-5", "2028-9", "2054-5", "2076-8", "2106-3", "2131-1"] {
        assert!(codes::contains("CDCREC_R_IZ", race), "{race}");
        assert!(codes::contains("CDCREC", race), "{race}");
    }
    for ethnicity in ["2135-2", "2186-5"] {
        assert!(codes::contains("CDCREC_E_IZ", ethnicity));
        assert!(codes::contains("CDCREC", ethnicity));
        assert!(!codes::contains("CDCREC_R_IZ", ethnicity));
    }
    assert_eq!(codes::lookup("CDCREC", "2106-3"), Some("White"));
    assert!(
        !codes::contains("CDCREC", "W"),
        "legacy letter is not CDCREC"
    );

    for (set, code, meaning) in [
        ("0001", "F", "Female"),
        ("0001", "U", "Unknown/undifferentiated"),
        ("0063", "MTH", "Mother"),
        ("0162", "IM", "Intramuscular"),
        ("NCIT", "C28161", "Intramuscular"),
        ("0163", "LD", "Left Deltoid"),
        ("0322", "CP", "Complete"),
        ("0323", "A", "Add"),
        ("NIP001", "00", "New immunization record"),
        ("NIP002", "03", "Patient decision"),
        (
            "NIP003",
            "64994-7",
            "Vaccine funding program eligibility category",
        ),
        ("0357", "103", "Table value not found"),
        ("0533", "5", "Table value not found"),
        ("0516", "E", "Error"),
        (
            "0441",
            "P",
            "Inactive-Permanently inactive (do not re-activate or add new entries to this record)",
        ),
        ("0215", "01", "No reminder/recall"),
        ("0208", "OK", "Data found, no errors (this is the default)"),
        ("0208", "TM", "Too much data found"),
        (
            "0008",
            "AE",
            "Original mode: Application Error - Enhanced mode: Application acknowledgment: Error",
        ),
        ("0155", "ER", "Error/Reject conditions only"),
        ("0471", "Z34", "Request Immunization History"),
        ("PHVS_ImmunizationFundingSource_IIS", "VXC51", "Public VFC"),
        (
            "PHVS_FundingEligibilityObsMethod_IIS",
            "VXC40",
            "Eligibility captured at the immunization level",
        ),
    ] {
        assert_eq!(codes::lookup(set, code), Some(meaning), "{set} {code}");
    }
    assert!(codes::contains("0396", "CVX"));
    assert!(codes::contains("HL70396", "CDCREC"));
    assert!(codes::contains("NIP004", "VXC18"));
    assert_eq!(
        codes::value_set("NIP004").unwrap().id,
        "PHVS_VaccinationContraindication_IIS"
    );
    assert!(!codes::contains("0155", "SU"), "excluded by the IG");
    assert!(
        codes::contains("HL70001_BASE", "A"),
        "base HL7 0001 keeps A"
    );
    assert!(
        !codes::contains("0001", "A"),
        "the IG value set has F, M, U"
    );

    // Value sets that are CDC tables.
    assert_eq!(
        codes::lookup("CVX", "208"),
        c.cvx("208").map(|x| x.short_description.as_ref())
    );
    assert_eq!(codes::lookup("MVX", "PFR"), Some("Pfizer, Inc"));
    assert!(codes::contains("NDC_Sale", "49281-421-50"));
    assert!(!codes::contains("NDC_Use", "49281-421-50"));
    assert!(codes::contains("NDC_Use", "49281-0421-88"));
    assert!(codes::contains(
        "PHVS_VISBarcodes_IIS",
        "253088698300012711250131"
    ));
    assert!(codes::contains("PHVS_VISVaccines_IIS", "03"));
    assert!(!codes::contains("PHVS_VISVaccines_IIS", "998"));
    assert!(matches!(
        codes::value_set("CVX").unwrap().members,
        ValueSetMembers::Table(CdcTable::Cvx)
    ));

    assert!(!codes::contains("NO_SUCH_SET", "A"));
    assert!(codes::value_set("NO_SUCH_SET").is_none());
    // Every name of every value set resolves to that value set.
    for set in codes::value_sets() {
        for name in set.names() {
            assert_eq!(codes::value_set(name).unwrap().id, set.id, "{name}");
        }
        for code in set.codes() {
            assert_eq!(
                codes::lookup(set.id, code.code),
                Some(code.meaning),
                "{} {}",
                set.id,
                code.code
            );
        }
    }
}

#[test]
fn cpt_spot_checks() {
    let cvx: Vec<&str> = codes::cpt("90714").map(|c| c.cvx.as_ref()).collect();
    assert_eq!(cvx, ["09", "113"]);
    assert_eq!(codes::cpt("90686").next().unwrap().cvx, "150");
    assert!(codes::cpt("00000").next().is_none());
}

#[test]
fn as_of_is_a_fact_of_the_tables() {
    assert_eq!(codes::as_of(), day(2025, 12, 9));
    let provenance = codes::provenance();
    for table in CdcTable::ALL {
        let p = provenance
            .iter()
            .find(|p| p.dataset == table.dataset())
            .unwrap();
        assert_eq!(p.publisher, "CDC");
        assert_eq!(CodeSets::embedded().table_as_of(table), p.as_of);
    }
    let nist = provenance.iter().find(|p| p.dataset == "nist-z22").unwrap();
    assert_eq!(nist.as_of, day(2020, 9, 2));
    for set in codes::value_sets() {
        for source in set.sources {
            assert!(provenance.iter().any(|p| p.dataset == *source), "{source}");
        }
    }
}

// ---------------------------------------------------------------------------
// Consistency questions
// ---------------------------------------------------------------------------

#[test]
fn cvx_validity_on_a_date() {
    assert_eq!(codes::cvx_on_date("208", day(2021, 6, 1)), CvxOnDate::Valid);
    // Inactive after its last use (CVX last update 2023-11-14).
    assert_eq!(
        codes::cvx_on_date("208", day(2025, 1, 15)),
        CvxOnDate::InactiveAfter {
            last_use: Some(day(2023, 11, 14))
        }
    );
    assert!(!codes::cvx_on_date("208", day(2025, 1, 15)).is_valid());
    // Before the first NDC of the product was marketed.
    assert_eq!(
        codes::cvx_on_date("309", day(2020, 1, 1)),
        CvxOnDate::BeforeFirstUse {
            first_use: day(2023, 9, 11)
        }
    );
    assert_eq!(
        codes::cvx_on_date("309", day(2024, 10, 1)),
        CvxOnDate::Valid
    );
    assert_eq!(
        codes::cvx_on_date("57", day(2024, 1, 1)),
        CvxOnDate::NeverActive
    );
    assert_eq!(codes::cvx_on_date("77", day(2024, 1, 1)), CvxOnDate::NonUs);
    assert_eq!(
        codes::cvx_on_date("9999", day(2024, 1, 1)),
        CvxOnDate::Unknown
    );
}

#[test]
fn ndc_and_cvx_agreement() {
    assert_eq!(codes::ndc_cvx("49281-0421-50", "150"), NdcCvx::Agree);
    assert_eq!(codes::ndc_cvx("4928142150", "150"), NdcCvx::Agree);
    assert_eq!(
        codes::ndc_cvx("49281-0421-50", "141"),
        NdcCvx::Mismatch { ndc_cvx: "150" }
    );
    assert_eq!(codes::ndc_cvx("58160-0821-11", "44"), NdcCvx::Agree);
    assert_eq!(codes::ndc_cvx("58160-0821-11", "043"), NdcCvx::Agree);
    assert_eq!(codes::ndc_cvx("12345-6789-01", "150"), NdcCvx::UnknownNdc);
    assert_eq!(codes::ndc_cvx("00310-1222-15", "210"), NdcCvx::NoCvxForNdc);
    assert!(matches!(
        codes::ndc_cvx("xyz", "150"),
        NdcCvx::InvalidNdc(NdcError::InvalidCharacter { .. })
    ));
}

#[test]
fn manufacturer_and_cvx_agreement() {
    assert_eq!(codes::mvx_cvx("PFR", "208"), MvxCvx::Makes);
    assert_eq!(codes::mvx_cvx("pfr", "309"), MvxCvx::Makes);
    assert_eq!(codes::mvx_cvx("MOD", "207"), MvxCvx::Makes);
    assert_eq!(codes::mvx_cvx("MOD", "208"), MvxCvx::DoesNotMake);
    assert_eq!(codes::mvx_cvx("SKB", "116"), MvxCvx::DoesNotMake);
    assert_eq!(codes::mvx_cvx("MSD", "116"), MvxCvx::Makes);
    assert_eq!(codes::mvx_cvx("PFR", "45"), MvxCvx::NoProductData);
    assert_eq!(codes::mvx_cvx("ZZZ", "208"), MvxCvx::UnknownMvx);
    assert_eq!(codes::mvx_cvx("PFR", "9999"), MvxCvx::UnknownCvx);
    let c = CodeSets::embedded();
    assert_eq!(c.manufacturers_of("208"), ["PFR"]);
    assert_eq!(c.manufacturers_of("75"), ["ACA", "MIP"]);
}

// ---------------------------------------------------------------------------
// Overlay at run time
// ---------------------------------------------------------------------------

/// Replaces the `<CVXInfo>` record of `code` in a cvx.xml text.
fn edit_cvx_record(xml: &str, code: &str, edit: impl Fn(&str) -> String) -> String {
    let marker = format!("<CVXCode>{code:<10}</CVXCode>");
    let at = xml
        .find(&marker)
        .unwrap_or_else(|| panic!("CVX {code} in cvx.xml"));
    let start = xml[..at].rfind("<CVXInfo>").unwrap();
    let end = at + xml[at..].find("</CVXInfo>").unwrap() + "</CVXInfo>".len();
    format!("{}{}{}", &xml[..start], edit(&xml[start..end]), &xml[end..])
}

fn set_field(record: &str, field: &str, value: &str) -> String {
    let open = format!("<{field}>");
    let close = format!("</{field}>");
    let start = record.find(&open).unwrap() + open.len();
    let end = record.find(&close).unwrap();
    format!("{}{value}{}", &record[..start], &record[end..])
}

#[test]
fn overlay_of_a_modified_cdc_cvx_file() {
    let original = String::from_utf8(cdc_fixture("cvx.xml")).unwrap();
    // 309 changed to Inactive by a newer row.
    let mut xml = edit_cvx_record(&original, "309", |r| {
        set_field(
            &set_field(r, "Status", "Inactive"),
            "LastUpdated",
            "1/10/2026",
        )
    });
    // 03 changed by an *older* row: the embedded, newer row must stay.
    xml = edit_cvx_record(&xml, "03", |r| {
        set_field(
            &set_field(r, "ShortDescription", "OLD TEXT"),
            "LastUpdated",
            "1/1/2000",
        )
    });
    // 310 (Active) dropped from the file.
    xml = edit_cvx_record(&xml, "310", |_| String::new());
    // A new code.
    xml = xml.replace(
        "</CVXCodes>",
        "  <CVXInfo>\n    <ShortDescription>Test vaccine &amp; co</ShortDescription>\n    <FullVaccinename>test vaccine, new</FullVaccinename>\n    <CVXCode>901       </CVXCode>\n    <Notes/>\n    <Status>Active</Status>\n    <LastUpdated>1/15/2026</LastUpdated>\n  </CVXInfo>\n</CVXCodes>",
    );
    // As an EHR would: a download saved to a folder, read back.
    let dir = temp_dir("cvx-overlay");
    let path = dir.join("cvx.xml");
    std::fs::write(&path, &xml).unwrap();
    let bytes = std::fs::read(&path).unwrap();

    let mut sets = CodeSets::new();
    let report = sets.load_any(&bytes).unwrap();
    assert_eq!(report.table, CdcTable::Cvx);
    assert_eq!(report.rows_read, 288);
    assert_eq!(report.added, ["901"]);
    assert_eq!(report.updated, ["309"]);
    assert_eq!(report.kept_newer, ["03"]);
    assert_eq!(report.retired, ["310"]);
    assert_eq!(report.unchanged, 285);

    // New code appears.
    let new = sets.cvx("901").unwrap();
    assert_eq!(new.status, CvxStatus::Active);
    assert_eq!(new.short_description, "Test vaccine & co");
    assert_eq!(
        new.non_vaccine, None,
        "the XML report has no non-vaccine flag"
    );
    // Changed status wins; the non-vaccine flag is kept from the old row.
    let changed = sets.cvx("309").unwrap();
    assert_eq!(changed.status, CvxStatus::Inactive);
    assert_eq!(changed.non_vaccine, Some(false));
    // The older row lost.
    assert_eq!(sets.cvx("03").unwrap().short_description, "MMR");
    // A code missing from the new file stays known, as inactive.
    assert_eq!(sets.cvx("310").unwrap().status, CvxStatus::Inactive);
    // The answers follow the overlay.
    assert!(sets.contains("CVX", "901"));
    assert!(matches!(
        sets.cvx_on_date("309", day(2026, 3, 1)),
        CvxOnDate::InactiveAfter { .. }
    ));
    assert_eq!(sets.table_as_of(CdcTable::Cvx), day(2026, 1, 15));
    assert_eq!(sets.as_of(), day(2025, 12, 9), "other tables are unchanged");
    assert!(
        sets.to_tsv(CdcTable::Cvx)
            .contains("\n901\tTest vaccine & co\t")
    );
    assert!(
        sets.as_of_tsv()
            .contains("\ncvx\tcvx.tsv\tCDC\t2026-01-15\t")
    );
    // The embedded tables are untouched.
    assert!(codes::cvx("901").is_none());
    assert_eq!(codes::cvx("309").unwrap().status, CvxStatus::Active);
    assert_eq!(codes::cvx("310").unwrap().status, CvxStatus::Active);

    // Loading the original file again: the newer overlay rows stay.
    let again = sets.load(CdcFile::CvxXml, original.as_bytes()).unwrap();
    assert_eq!(again.kept_newer, ["309"]);
    assert_eq!(again.updated, ["310"], "310 is back, as the file says");
    assert_eq!(
        again.retired,
        Vec::<String>::new(),
        "901 is newer than the file"
    );
    assert_eq!(sets.cvx("901").unwrap().status, CvxStatus::Active);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn overlay_of_modified_cdc_ndc_files() {
    let mut sale = String::from_utf8(cdc_fixture("NDC_Unit_sale.txt")).unwrap();
    // Drop 49281-0421-50 (row 3063? whatever its id) from the file.
    let line = sale
        .lines()
        .find(|l| l.contains("|49281-0421-50|"))
        .unwrap()
        .to_string();
    sale = sale.replace(&format!("{line}\r\n"), "");
    // A new season's flu NDC, with its linker row.
    sale.push_str("9001|49281|999|10|FLUZONE TRIVALENT TEST|Influenza, trivalent (2026-2027)|Sanofi Pasteur Inc.|20260701||PACKAGE, 10 SYRINGE|INTRAMUSCULAR|2026-01-20 00:00:00|140       |Influenza, split virus, trivalent, PF|49281-0999-10|\r\n");
    let mut linker = String::from_utf8(cdc_fixture("NDC_Linker.txt")).unwrap();
    linker.push_str("9001|9001|362|PMC\r\n");

    let dir = temp_dir("ndc-overlay");
    std::fs::write(dir.join("NDC_Unit_sale.txt"), &sale).unwrap();
    std::fs::write(dir.join("NDC_Linker.txt"), &linker).unwrap();
    let mut sets = CodeSets::new();
    let reports = load_dir(&mut sets, &dir);
    let sale_report = reports
        .iter()
        .find(|r| r.table == CdcTable::NdcSale)
        .unwrap();
    assert_eq!(sale_report.added.len(), 1);
    assert_eq!(sale_report.retired.len(), 1);
    assert!(sale_report.retired[0].starts_with("49281-0421-50"));

    // The new NDC in every form.
    for form in ["49281-0999-10", "49281-999-10", "4928199910", "49281099910"] {
        let p = sets.ndc(form).unwrap().next().unwrap();
        assert_eq!(p.cvx, "140");
        assert_eq!(sets.ndc_mvx(p).collect::<Vec<_>>(), ["PMC"]);
    }
    assert_eq!(sets.ndc_cvx("49281-999-10", "140"), NdcCvx::Agree);
    assert!(
        codes::ndc("49281-999-10").unwrap().is_empty(),
        "not embedded"
    );
    // The dropped one is still known, retired.
    let old = sets.ndc("49281-0421-50").unwrap().next().unwrap();
    assert!(old.retired);
    assert_eq!(sets.ndc_cvx("49281-0421-50", "150"), NdcCvx::Agree);
    // Units of use were not loaded, and are unchanged.
    assert_eq!(
        sets.ndc_rows()
            .iter()
            .filter(|p| p.unit == NdcUnit::Use)
            .count(),
        514
    );
    assert_eq!(sets.table_as_of(CdcTable::NdcSale), day(2026, 1, 20));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn overlay_of_an_older_pipe_delimited_cvx_file() {
    // IZ Gateway's copy of the CDC cvx.txt, June 2024: older than the tables.
    let bytes = std::fs::read(manifest().join("tests/data/codes/cdc-text/cvx.txt")).unwrap();
    assert_eq!(CdcFile::detect(&bytes), Some(CdcFile::CvxText));
    let mut sets = CodeSets::new();
    let report = sets.load(CdcFile::CvxText, &bytes).unwrap();
    assert_eq!(report.rows_read, 279);
    assert!(report.added.is_empty());
    assert!(!report.kept_newer.is_empty());
    // Codes added after June 2024 are newer than the file: not retired.
    for code in ["325", "327", "334"] {
        assert!(!report.retired.contains(&code.to_string()), "{code}");
        assert_eq!(sets.cvx(code), codes::cvx(code));
    }
    assert_eq!(sets.table_as_of(CdcTable::Cvx), day(2025, 12, 9));
    let mvx = std::fs::read(manifest().join("tests/data/codes/cdc-text/mvx.txt")).unwrap();
    let CdcRows::Mvx(rows) = codes::read_cdc_file(CdcFile::MvxText, &mvx).unwrap() else {
        panic!("MVX rows");
    };
    assert_eq!(rows.len(), 89);
    assert!(rows.iter().any(|m| m.mvx == "PFR"));
}

#[test]
fn malformed_cdc_files_are_errors_not_panics() {
    let mut sets = CodeSets::new();
    let cut = &cdc_fixture("cvx.xml")[..5000];
    assert!(matches!(
        sets.load(CdcFile::CvxXml, cut),
        Err(CdcFormatError::Xml { .. })
    ));
    assert!(matches!(
        sets.load(CdcFile::CvxXml, &cdc_fixture("mvx.xml")),
        Err(CdcFormatError::WrongRoot { .. })
    ));
    assert!(matches!(
        sets.load(CdcFile::NdcLinkerText, b"1|500|362\r\n"),
        Err(CdcFormatError::FieldCount {
            line: 1,
            expected: 4,
            found: 3,
            ..
        })
    ));
    assert!(matches!(
        sets.load(CdcFile::NdcLinkerText, b"x|500|362|PMC\r\n"),
        Err(CdcFormatError::BadValue { .. })
    ));
    let bad_status =
        br#"<CVXCodes><CVXInfo><CVXCode>1</CVXCode><Status>Maybe</Status></CVXInfo></CVXCodes>"#;
    let err = sets.load(CdcFile::CvxXml, bad_status).unwrap_err();
    assert!(err.to_string().contains("Maybe"), "{err}");
    assert!(matches!(
        sets.load_any(b"hello"),
        Err(CdcFormatError::Unrecognized)
    ));
    assert!(matches!(
        sets.load(CdcFile::CvxXml, b"<CVXCodes></CVXCodes>"),
        Err(CdcFormatError::Empty { .. })
    ));
    // Nothing was changed by the failed loads.
    assert!(!sets.is_overlaid(CdcTable::Cvx));
}

#[test]
fn every_cdc_file_is_recognised_by_content() {
    for (name, file) in [
        ("cvx.xml", CdcFile::CvxXml),
        ("mvx.xml", CdcFile::MvxXml),
        ("tradename.xml", CdcFile::TradenameXml),
        ("vac2vg.xml", CdcFile::VaccineGroupXml),
        ("vis.xml", CdcFile::VisXml),
        ("visurl.xml", CdcFile::VisUrlXml),
        ("cvxvis.xml", CdcFile::CvxVisXml),
        ("cpt.xml", CdcFile::CptXml),
        ("NDC_Unit_sale.txt", CdcFile::NdcSaleText),
        ("NDC_Unit_use.txt", CdcFile::NdcUseText),
        ("NDC_Linker.txt", CdcFile::NdcLinkerText),
    ] {
        assert_eq!(CdcFile::detect(&cdc_fixture(name)), Some(file), "{name}");
        assert_eq!(file.usual_name(), name);
    }
}

// ---------------------------------------------------------------------------
// The build script
// ---------------------------------------------------------------------------

/// Copies what the build script needs into a scratch crate, breaks one table
/// and runs `cargo build` on it: the build must fail, naming file, line and
/// column. (Runs a nested cargo, offline, with its own target directory.)
#[test]
fn a_malformed_table_stops_the_build() {
    let root = manifest();
    let scratch = root.join("target").join("codesets-build-check");
    let krate = scratch.join("crate");
    let _ = std::fs::remove_dir_all(&krate);
    for dir in ["src/codes", "codesets"] {
        std::fs::create_dir_all(krate.join(dir)).unwrap();
    }
    for file in [
        "Cargo.lock",
        "build.rs",
        "src/codes/schema.rs",
        "src/codes/normalize.rs",
    ] {
        std::fs::copy(root.join(file), krate.join(file)).unwrap();
    }
    // The crate's manifest without its bench/example/test targets (their
    // files are not copied), as a workspace of its own.
    let manifest_text = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let mut scratch_manifest = String::new();
    let mut skipping = false;
    for line in manifest_text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("[[") {
            skipping = true;
        } else if trimmed.starts_with('[') {
            skipping = false;
        }
        if trimmed.starts_with("[workspace") {
            skipping = true;
        }
        if skipping {
            continue;
        }
        scratch_manifest.push_str(line);
        scratch_manifest.push('\n');
        if trimmed == "[package]" {
            scratch_manifest.push_str(
                "autobins = false\nautoexamples = false\nautotests = false\nautobenches = false\n",
            );
        }
    }
    scratch_manifest.push_str("\n[workspace]\n");
    std::fs::write(krate.join("Cargo.toml"), scratch_manifest).unwrap();
    std::fs::write(krate.join("src/lib.rs"), "//! scratch\n").unwrap();
    for entry in std::fs::read_dir(root.join("codesets")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            krate.join("codesets").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    // Line 12 of cvx.tsv loses its last column.
    let cvx = std::fs::read_to_string(krate.join("codesets/cvx.tsv")).unwrap();
    let broken: Vec<String> = cvx
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 11 {
                l.rsplit_once('\t').unwrap().0.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(krate.join("codesets/cvx.tsv"), broken.join("\n") + "\n").unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = std::process::Command::new(cargo)
        .args(["build", "--offline", "--lib", "--quiet"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the build should fail");
    assert!(
        stderr.contains("cvx.tsv line 12: expected 7 columns, found 6"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// Serde and robustness
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn records_serialise_with_cdc_codes_and_status_words() {
    let value = serde_json::to_value(codes::cvx("208").unwrap()).unwrap();
    assert_eq!(value["cvx"], "208");
    assert_eq!(value["status"], "Inactive");
    assert_eq!(value["last_updated"], "2023-11-14");
    let back: izmsg::codes::Cvx = serde_json::from_value(value).unwrap();
    assert_eq!(&back, codes::cvx("208").unwrap());
    let ndc = codes::ndc("49281-0421-50").unwrap().next().unwrap();
    let value = serde_json::to_value(ndc).unwrap();
    assert_eq!(value["ndc11"], "49281-0421-50");
    assert_eq!(value["unit"], "sale");
    let t = codes::tradename("ABRYSVO").next().unwrap();
    let value = serde_json::to_value(t).unwrap();
    assert_eq!(
        (&value["cvx"], &value["mvx"], &value["status"]),
        (&"305".into(), &"PFR".into(), &"Active".into())
    );
    let nonus: CvxStatus = serde_json::from_str("\"Non-US\"").unwrap();
    assert_eq!(nonus, CvxStatus::NonUs);
    let ndc11: izmsg::codes::Ndc11 = serde_json::from_str("\"49281-421-50\"").unwrap();
    assert_eq!(serde_json::to_string(&ndc11).unwrap(), "\"49281-0421-50\"");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_is_an_ndc_or_a_reason(s in "\\PC{0,30}") {
            let _ = codes::ndc_candidates(&s);
            let _ = codes::ndc(&s);
            let _ = codes::ndc_cvx(&s, &s);
        }

        #[test]
        fn lookups_never_panic(s in "\\PC{0,300}") {
            let _ = codes::cvx(&s);
            let _ = codes::mvx(&s);
            let _ = codes::tradename(&s).count();
            let _ = codes::vis_document(&s);
            let _ = codes::lookup(&s, &s);
            let _ = codes::contains("CVX", &s);
            let _ = codes::contains("NDC_Sale", &s);
            let _ = codes::mvx_cvx(&s, &s);
        }

        #[test]
        fn eleven_digits_read_the_same_in_both_forms(d in "[0-9]{11}") {
            let plain = codes::normalize_ndc(&d).unwrap();
            let dashed = format!("{}-{}-{}", &d[..5], &d[5..9], &d[9..]);
            prop_assert_eq!(codes::normalize_ndc(&dashed).unwrap(), plain);
            prop_assert_eq!(plain.to_string(), dashed);
            prop_assert_eq!(plain.digits(), d.as_str());
        }

        #[test]
        fn ten_digit_forms_pad_their_short_part(d in "[0-9]{10}") {
            let n442 = codes::normalize_ndc(&format!("{}-{}-{}", &d[..4], &d[4..8], &d[8..])).unwrap();
            prop_assert_eq!(n442.digits(), format!("0{d}"));
            let n532 = codes::normalize_ndc(&format!("{}-{}-{}", &d[..5], &d[5..8], &d[8..])).unwrap();
            prop_assert_eq!(n532.digits(), format!("{}0{}", &d[..5], &d[5..]));
            let n541 = codes::normalize_ndc(&format!("{}-{}-{}", &d[..5], &d[5..9], &d[9..])).unwrap();
            prop_assert_eq!(n541.digits(), format!("{}0{}", &d[..9], &d[9..]));
            let all = codes::ndc_candidates(&d).unwrap();
            prop_assert_eq!(all.as_slice(), &[n442, n532, n541][..]);
        }

        #[test]
        fn cdc_readers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            for file in CdcFile::ALL {
                let _ = codes::read_cdc_file(file, &bytes);
            }
            let _ = CdcFile::detect(&bytes);
        }

        #[test]
        fn xml_like_input_never_panics(s in "[<>/a-zA-Z =\"'&;#!?\\[\\]-]{0,200}") {
            let _ = codes::read_cdc_file(CdcFile::CvxXml, s.as_bytes());
            let _ = codes::read_cdc_file(CdcFile::VisUrlXml, s.as_bytes());
            let _ = CdcFile::detect(s.as_bytes());
        }
    }
}
