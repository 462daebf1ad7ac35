//! Whether the shared corpus (`../shared/corpus`) is beside the crate, said once.
//!
//! The tests over the real messages of the shared corpus start with `Corpus::here()` and, without
//! the folder, pass without running. This test counts them (by that call in `tests/*.rs`) and, when
//! the folder is missing, says so on standard error once for the whole run, with how many were not
//! run. Under CI (`CI=true`) the folder must be there, and its absence fails this test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write as _;
use std::path::Path;

use common::Corpus;

/// How many tests in `tests/*.rs` run only with the shared corpus.
fn corpus_tests() -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let marker = ["Corpus::here()", " else { return };"].concat();
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| {
            std::fs::read_to_string(&p)
                .unwrap()
                .matches(&marker)
                .count()
        })
        .sum()
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
         of real messages passed without running; the crate's own messages (tests/data/messages) \
         were tested. The folder is the team's shared/ checkout (see README.md, \"Data and \
         provenance\")."
    );
}
