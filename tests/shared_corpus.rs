//! Whether the shared corpus (`../shared/corpus`) is beside the crate, said once.
//!
//! The tests over the real messages of the shared corpus start with `Corpus::here()` (or, in
//! `tests/iis`, read it through `shared(..)`) and, without the folder, pass without running (or
//! without their corpus part). This test counts them and, when the folder is missing, says so on
//! standard error once for the whole run, with how many. Under CI (`CI=true`) the folder must be there, and its absence fails this test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write as _;
use std::path::Path;

use common::Corpus;

/// How many tests in `tests/` run only with the shared corpus (or skip their corpus part): the
/// tests whose body starts with `Corpus::here()` (`tests/common`), or reads the corpus through
/// `shared(..)` / `shared_file(..)` (`tests/iis/corpus.rs`).
fn corpus_tests() -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let markers = [
        ["Corpus::here()", " else { return };"].concat(),
        ["shared", "(\""].concat(),
        ["shared_file", "(\""].concat(),
    ];
    let mut count = 0;
    for dir in [root.clone(), root.join("iis")] {
        for path in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            count += text
                .split("#[test]")
                .skip(1)
                .filter(|test| markers.iter().any(|m| test.contains(m.as_str())))
                .count();
        }
    }
    count
}

#[test]
fn the_shared_corpus_is_there_or_its_absence_is_said() {
    let count = corpus_tests();
    assert!(count >= 20, "the corpus tests are counted ({count})");
    if Corpus::here().is_some() {
        return;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "CI=true but ../shared/corpus is not beside the crate: {count} tests over the real messages \
         would not run"
    );
    // Written past the test harness's capture on purpose: this is the one line that says what a
    // passing run did not check.
    let _ = writeln!(
        std::io::stderr().lock(),
        "note: ../shared/corpus is not beside this clone, so {count} tests over the shared corpus \
         of real messages passed without running it; the crate's own messages (tests/data/messages, \
         tests/data/iis) were tested. The folder is the team's shared/ checkout (see README.md, \"Data and \
         provenance\")."
    );
}
