//! The shared corpus (`../shared/corpus`), for the integration tests that walk all of it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// Every corpus file as `(kind/file name, bytes)`, in a stable order. Panics (failing the test) when
/// the corpus is missing or incomplete: a test over a lost folder must not pass.
pub fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
    let mut out = Vec::new();
    for dir in ["vxu", "qbp", "rsp", "ack", "batch", "odd"] {
        let path = format!("{root}/{dir}");
        let mut entries: Vec<_> = std::fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("{path}: {e} (the shared corpus must sit beside the crate)"))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let name = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
            out.push((name, std::fs::read(&p).unwrap()));
        }
    }
    assert_eq!(out.len(), 114, "the corpus has 114 files (PROVENANCE.md)");
    out
}

/// One corpus file's bytes, by `kind/file name`.
pub fn read(name: &str) -> Vec<u8> {
    let path = format!("{}/../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
