//! The files these tests read: the small messages written for them (`tests/data/iis/`, always
//! there) and the shared corpus (`../shared/corpus`), which a checkout may lack. Without the corpus
//! its tests skip, saying so once, and the rest still run.

use std::sync::Once;

/// A message of `tests/data/iis/`.
pub fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/iis/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

static SKIPPED: Once = Once::new();

/// Every file of `../shared/corpus/{kind}` as `(kind/file name, bytes)`, sorted; `None` (and a
/// note on standard error, once per run) when the shared corpus is not beside the crate.
pub fn shared(kind: &str) -> Option<Vec<(String, Vec<u8>)>> {
    let dir = format!("{}/../shared/corpus/{kind}", env!("CARGO_MANIFEST_DIR"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        SKIPPED.call_once(|| {
            eprintln!(
                "note: ../shared/corpus not found beside the crate: the iis tests over the shared corpus are skipped"
            );
        });
        return None;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    Some(
        paths
            .into_iter()
            .map(|p| {
                let name = format!("{kind}/{}", p.file_name().unwrap().to_string_lossy());
                (name, std::fs::read(&p).unwrap())
            })
            .collect(),
    )
}

/// One shared corpus file, or `None` when the corpus is absent.
pub fn shared_file(name: &str) -> Option<Vec<u8>> {
    let (kind, file) = name.split_once('/').unwrap();
    shared(kind)?
        .into_iter()
        .find(|(n, _)| n.ends_with(file))
        .map(|(_, b)| b)
}
