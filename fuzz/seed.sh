#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (git-ignored) with seeds: the small hand-written ones in fuzz/seeds/,
# and every message of the shared corpus (../../shared/corpus, beside the repository) when it is
# there. The MLLP target also gets each seed framed, behind a one-byte chunk-size header.
set -euo pipefail
cd "$(dirname "$0")"

shared=../../shared/corpus
targets=(parse parse_roundtrip escape_roundtrip split mllp_deframe)

sources=(seeds/*)
if [ -d "$shared" ]; then
    sources+=("$shared"/*/*.hl7)
else
    echo "seed.sh: $shared not found; using fuzz/seeds only" >&2
fi

for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
done

n=0
for f in "${sources[@]}"; do
    [ -f "$f" ] || continue
    name="$(basename "$(dirname "$f")")-$(basename "$f")"
    for t in parse parse_roundtrip escape_roundtrip split; do
        cp "$f" "corpus/$t/$name"
    done
    # mllp_deframe: first byte = number of chunk sizes (1), then the size (7), then the stream.
    { printf '\001\007\013'; cat "$f"; printf '\034\015'; } > "corpus/mllp_deframe/$name"
    n=$((n + 1))
done
echo "seed.sh: $n seeds in each of ${targets[*]}"
