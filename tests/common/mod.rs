//! Test messages for the integration tests: the crate's own (`tests/data/messages`, always there)
//! and the shared corpus (`../shared/corpus`, the `shared/` folder beside the repository, there in CI
//! and on the team's machines but not on a fresh clone).
//!
//! A test that needs the shared corpus starts with `let Some(corpus) = Corpus::here() else { return };`:
//! without the folder it passes without running, and `tests/shared_corpus.rs` says once how many
//! such tests there are (and fails when `CI=true`, where the folder must be there).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// Number of `.hl7` files the shared corpus's PROVENANCE.md lists.
pub const CORPUS_FILES: usize = 114;

/// The folders of the shared corpus, and of the crate's own messages, by message kind.
pub const KINDS: [&str; 6] = ["vxu", "qbp", "rsp", "ack", "batch", "odd"];

/// The shared corpus beside the crate.
pub struct Corpus {
    root: PathBuf,
}

impl Corpus {
    /// The shared corpus, when `../shared/corpus` is beside the crate; `None` otherwise.
    pub fn here() -> Option<Corpus> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        root.is_dir().then_some(Corpus { root })
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every corpus file as `(kind/file name, bytes)`, in a stable order. Fails the test when the
    /// corpus is incomplete: a test over a lost file must not pass.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let out = self.kinds(&KINDS);
        assert_eq!(
            out.len(),
            CORPUS_FILES,
            "the corpus has {CORPUS_FILES} files (PROVENANCE.md)"
        );
        out
    }

    /// The `.hl7` files of some kinds (`vxu`, `rsp` ...), as `(kind/file name, bytes)`, sorted.
    pub fn kinds(&self, kinds: &[&str]) -> Vec<(String, Vec<u8>)> {
        hl7_files(&self.root, kinds)
    }

    /// One corpus file's bytes, by `kind/file name`.
    pub fn read(&self, name: &str) -> Vec<u8> {
        let path = self.root.join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The path of one corpus file.
    pub fn path(&self, name: &str) -> String {
        self.root.join(name).to_string_lossy().into_owned()
    }
}

/// The folder of the crate's own test messages.
pub fn own_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/messages")
}

/// The crate's own test messages (`tests/data/messages`), as `(kind/file name, bytes)`, sorted.
pub fn own_messages() -> Vec<(String, Vec<u8>)> {
    hl7_files(
        &own_dir(),
        &["vxu", "ack", "qbp", "rsp", "batch", "mllp", "odd"],
    )
}

/// One of the crate's own test messages, by `kind/file name`.
pub fn own(name: &str) -> Vec<u8> {
    let path = own_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The path of one of the crate's own test messages.
pub fn own_path(name: &str) -> String {
    own_dir().join(name).to_string_lossy().into_owned()
}

/// The crate's own messages, and the shared corpus's when it is there: for tests that hold for any
/// message.
pub fn all_messages(kinds: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = own_messages()
        .into_iter()
        .filter(|(name, _)| kinds.iter().any(|k| name.starts_with(&format!("{k}/"))))
        .map(|(name, bytes)| (format!("own/{name}"), bytes))
        .collect();
    if let Some(corpus) = Corpus::here() {
        out.extend(
            corpus
                .kinds(kinds)
                .into_iter()
                .map(|(n, b)| (format!("shared/{n}"), b)),
        );
    }
    out
}

fn hl7_files(root: &Path, kinds: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for kind in kinds {
        let dir = root.join(kind);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "hl7"))
            .collect();
        paths.sort();
        for p in paths {
            let name = format!("{kind}/{}", p.file_name().unwrap().to_string_lossy());
            out.push((name, std::fs::read(&p).unwrap()));
        }
    }
    out
}
