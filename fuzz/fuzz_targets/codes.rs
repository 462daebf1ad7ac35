//! The code-set lookups on any text: no panic, and what is found is found again by its own code
//! (CVX, MVX, trade name, VIS edition); NDC readings are consistent between `ndc_candidates`,
//! `normalize_ndc` and `ndc`, and a normalised NDC reads back as itself.
#![no_main]

use izmsg::codes::{self, NdcError};
use libfuzzer_sys::fuzz_target;

fn one(s: &str) {
    // NDCs.
    let candidates = codes::ndc_candidates(s);
    match &candidates {
        Ok(c) => {
            let list = c.as_slice();
            assert!(list.len() == 1 || list.len() == 3);
            assert_eq!(c.is_ambiguous(), list.len() == 3);
            for n in list {
                assert_eq!(n.digits().len(), 11);
                assert!(n.digits().bytes().all(|b| b.is_ascii_digit()));
                let text = n.to_string();
                assert_eq!(codes::normalize_ndc(&text), Ok(*n));
                assert_eq!(codes::normalize_ndc(n.digits()), Ok(*n));
            }
            match codes::normalize_ndc(s) {
                Ok(n) => assert_eq!(list, [n]),
                Err(e) => {
                    assert_eq!(e, NdcError::Ambiguous);
                    assert_eq!(list.len(), 3);
                }
            }
        }
        Err(e) => {
            assert_eq!(codes::normalize_ndc(s).as_ref(), Err(e));
            let _ = e.to_string();
        }
    }
    match codes::ndc(s) {
        Ok(found) => {
            let c = candidates.expect("ndc() accepted what ndc_candidates refused");
            assert_eq!(found.candidates(), &c);
            let empty = found.is_empty();
            let mut n = 0;
            for p in found {
                n += 1;
                let _ = (p.ndc10(), p.status());
                if let Some(ndc) = p.ndc() {
                    assert!(
                        c.as_slice().contains(&ndc),
                        "found a package of another NDC"
                    );
                }
            }
            assert_eq!(empty, n == 0);
        }
        Err(e) => assert_eq!(candidates.err(), Some(e)),
    }
    // CVX, MVX, trade names, VIS, CPT, vaccine groups.
    if let Some(c) = codes::cvx(s) {
        assert_eq!(codes::cvx(&c.cvx), Some(c));
        let _ = (c.is_active(), c.is_unspecified_formulation());
    }
    let _ = codes::is_unspecified_formulation(s);
    if let Some(m) = codes::mvx(s) {
        assert_eq!(codes::mvx(&m.mvx), Some(m));
    }
    let found = codes::tradename(s);
    let _ = found.is_prefix_match();
    for t in found.take(64) {
        assert!(
            codes::tradename(&t.product_name).any(|u| u == t),
            "a trade name is not found by its own name"
        );
    }
    if let Some(d) = codes::vis_document(s) {
        assert_eq!(codes::vis_document(&d.vis_encoded), Some(d));
    }
    let _ = codes::vis_barcode_gdti(s);
    let _ = codes::vis_for_cvx(s).count();
    let _ = codes::vaccine_groups(s).count();
    let _ = codes::cpt(s).count();
    let _ = codes::parse_cdc_date(s);
    if let Some(vs) = codes::value_set(s) {
        let _ = vs.codes().len();
    }
}

fn two(a: &str, b: &str) {
    if codes::lookup(a, b).is_some() {
        assert!(codes::contains(a, b));
    }
    let _ = codes::contains(a, b);
    let _ = codes::ndc_cvx(a, b);
    let _ = codes::mvx_cvx(a, b);
    if let Some(date) = codes::parse_cdc_date(b) {
        let _ = codes::cvx_on_date(a, date);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    one(&text);
    // Two arguments: split at the first NUL, '|' or newline.
    let (a, b) = text
        .split_once(['\0', '|', '\n'])
        .unwrap_or((text.as_ref(), ""));
    one(a);
    one(b);
    two(a, b);
    two(b, a);
});
