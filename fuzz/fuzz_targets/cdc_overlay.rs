//! `CodeSets::load` of any bytes as any CDC download (the first byte picks the `CdcFile`): no panic;
//! a file that loads reports the rows `read_cdc_file` reads, every row of the merged table is found
//! by its own code, and loading the same file again changes nothing.
#![no_main]

use izmsg::codes::{CdcFile, CdcRows, CodeSets, read_cdc_file};
use libfuzzer_sys::fuzz_target;

/// Every row of the table `rows` was merged into can be looked up by its code.
fn rows_are_found(codes: &CodeSets, rows: &CdcRows) {
    match rows {
        CdcRows::Cvx(_) => {
            for r in codes.cvx_rows() {
                assert!(
                    codes.cvx(&r.cvx).is_some(),
                    "a CVX row is not found by its code"
                );
            }
        }
        CdcRows::Mvx(_) => {
            for r in codes.mvx_rows() {
                assert!(
                    codes.mvx(&r.mvx).is_some(),
                    "an MVX row is not found by its code"
                );
            }
        }
        CdcRows::Tradename(_) => {
            for r in codes.tradename_rows() {
                assert!(
                    codes.tradename(&r.product_name).any(|t| t == r),
                    "a trade name is not found by its name"
                );
            }
        }
        // cvxvis.xml also adds the VIS editions it names to the VIS table.
        CdcRows::Vis(_) | CdcRows::CvxVis { .. } => {
            for r in codes.vis_rows() {
                assert!(
                    codes.vis_document(&r.vis_encoded).is_some(),
                    "a VIS edition is not found by its barcode string"
                );
            }
        }
        CdcRows::Ndc { .. } => {
            for r in codes.ndc_rows() {
                if let Some(n) = r.ndc() {
                    let found = codes.ndc(&n.to_string()).expect("an NDC11 reads as an NDC");
                    assert!(
                        found.into_iter().any(|p| p == r),
                        "an NDC package is not found by its NDC"
                    );
                }
            }
        }
        CdcRows::VisUrl(_) => {
            for r in codes.vis_url_rows() {
                assert!(
                    codes.vis_url(&r.gdti).is_some(),
                    "a VIS URL is not found by its GDTI"
                );
            }
        }
        CdcRows::Cpt(_) => {
            for r in codes.cpt_rows() {
                assert!(
                    codes.cpt(&r.cpt).any(|c| c == r),
                    "a CPT row is not found by its code"
                );
            }
        }
        CdcRows::VaccineGroup(_) => {
            for r in codes.vaccine_group_rows() {
                assert!(
                    codes.vaccine_groups(&r.cvx).any(|g| g == r),
                    "a vaccine group row is not found by its CVX code"
                );
            }
        }
        CdcRows::NdcLink(_) => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let file = CdcFile::ALL[usize::from(pick) % CdcFile::ALL.len()];
    let _ = CdcFile::detect(bytes);
    let read = read_cdc_file(file, bytes);
    let mut codes = CodeSets::new();
    match (codes.load(file, bytes), read) {
        (Ok(report), Ok(rows)) => {
            let _ = report.to_string();
            assert_eq!(report.rows_read, rows.len());
            assert_eq!(report.table, rows.table());
            assert!(codes.is_overlaid(rows.table()));
            rows_are_found(&codes, &rows);
            let _ = codes.to_tsv(rows.table());
            let _ = codes.as_of();
            let again = codes
                .load(file, bytes)
                .expect("a file that loaded loads again");
            assert!(
                again.added.is_empty()
                    && again.updated.is_empty()
                    && again.retired.is_empty()
                    && again.removed.is_empty(),
                "loading the same file twice changed the table: {again:?}"
            );
        }
        (Err(e), Err(f)) => {
            assert_eq!(e, f);
            let _ = e.to_string();
        }
        _ => panic!("load and read_cdc_file disagree"),
    }
    let _ = CodeSets::new().load_any(bytes);
});
