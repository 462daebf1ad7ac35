#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (git-ignored) with seeds: the small hand-written ones in fuzz/seeds/,
# the crate's own test messages (tests/data/messages, tests/data/iis), and, when the shared/ folder
# beside the repository is there, every message of ../../shared/corpus
# and the CDC downloads of ../../shared/codesets-src/raw/immregistries-codebase/cdc-source.
#
# * parse, parse_roundtrip, escape_roundtrip, split, decode, decode_roundtrip, response, read_all,
#   ack_read, redact, validate, batch_reader: each message as is (for batch_reader its first byte
#   picks the chunk size: `M`, 78 bytes).
# * mllp_deframe, mllp_exchange: each message framed, behind a one-byte chunk-size header (and for
#   mllp_exchange an ACK that answers its message).
# * soap_envelope: the SOAP envelopes of seeds/soap/, and each message escaped into a 2011 request.
# * decode_message_types: each message without its first segment (the target supplies the MSH).
# * decode_into: each message after the one before it, behind the byte that cuts them apart there
#   and a flag byte (0: default limits).
# * codes: each line of seeds/codes/*.txt, one seed per line.
# * cdc_overlay: each CDC file behind the byte that picks its CdcFile (large files cut to a prefix
#   that still ends with a whole record, so that they fit -max_len).
set -euo pipefail
cd "$(dirname "$0")"

shared=../../shared/corpus
cdc=../../shared/codesets-src/raw/immregistries-codebase/cdc-source
message_targets=(parse parse_roundtrip escape_roundtrip split decode decode_roundtrip response read_all ack_read redact validate batch_reader)
targets=("${message_targets[@]}" mllp_deframe mllp_exchange decode_message_types decode_into codes cdc_overlay soap_envelope)

sources=(seeds/* ../tests/data/iis/*.hl7 ../tests/data/messages/*/*.hl7)
if [ -d "$shared" ]; then
    sources+=("$shared"/*/*.hl7)
else
    echo "seed.sh: $shared not found; using fuzz/seeds only" >&2
fi

for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
done

n=0
prev=""
for f in "${sources[@]}"; do
    [ -f "$f" ] || continue
    name="$(basename "$(dirname "$f")")-$(basename "$f")"
    for t in "${message_targets[@]}"; do
        cp "$f" "corpus/$t/$name"
    done
    # mllp_deframe: first byte = number of chunk sizes (1), then the size (7), then the stream.
    { printf '\001\007\013'; cat "$f"; printf '\034\015'; } >"corpus/mllp_deframe/$name"
    cp "corpus/mllp_deframe/$name" "corpus/mllp_exchange/$name"
    # decode_message_types: the segments after the first.
    LC_ALL=C sed -z 's/^[^\r\n]*[\r\n]*//' "$f" >"corpus/decode_message_types/$name"
    # decode_into: the message before, then this one; the first byte cuts at the boundary.
    if [ -n "$prev" ]; then
        a=$(wc -c <"$prev")
        b=$(wc -c <"$f")
        cut=$(((256 * a + a + b - 1) / (a + b)))
        [ "$cut" -le 255 ] || cut=255
        { printf "\\$(printf '%03o' "$cut")\000"; cat "$prev" "$f"; } >"corpus/decode_into/$name"
    fi
    prev=$f
    n=$((n + 1))
done
echo "seed.sh: $n seeds in each of ${message_targets[*]} mllp_deframe mllp_exchange decode_message_types decode_into"

# mllp_exchange: an ACK to the target's message (MSH-10 M1), in one piece and byte by byte.
ack='MSH|^~\&|IIS|S|EHR|C|20240101||ACK^V04^ACK|A1|P|2.5.1\rMSA|AA|M1\r'
{ printf '\000\013'; printf "$ack"; printf '\034\015'; } >corpus/mllp_exchange/ack-m1
{ printf '\001\001\013\006\034\015\013'; printf "$ack"; printf '\034\015'; } >corpus/mllp_exchange/commit-ack-m1

# soap_envelope: the envelopes, and each message escaped into a request (CR as &#xD;).
n=0
for f in seeds/soap/*.xml; do
    [ -f "$f" ] || continue
    cp "$f" "corpus/soap_envelope/$(basename "$f")"
    n=$((n + 1))
done
for f in seeds/*.hl7; do
    [ -f "$f" ] || continue
    {
        printf '<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body><submitSingleMessage xmlns="urn:cdc:iisb:2011"><hl7Message>'
        LC_ALL=C sed -z 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/\r/\&#xD;/g' "$f"
        printf '</hl7Message></submitSingleMessage></Body></Envelope>'
    } >"corpus/soap_envelope/request-$(basename "$f" .hl7).xml"
    n=$((n + 1))
done
echo "seed.sh: $n seeds in soap_envelope"

# codes: one seed per line.
n=0
for f in seeds/codes/*.txt; do
    [ -f "$f" ] || continue
    while IFS= read -r line || [ -n "$line" ]; do
        printf '%s' "$line" >"corpus/codes/$(basename "$f" .txt)-$n"
        n=$((n + 1))
    done <"$f"
done
echo "seed.sh: $n seeds in codes"

# cdc_overlay: the first byte is the index of the format in CdcFile::ALL.
pick() {
    case "$1" in
    cvx.xml) echo 0 ;;
    cvx.txt) echo 1 ;;
    mvx.xml) echo 2 ;;
    mvx.txt) echo 3 ;;
    tradename.xml) echo 4 ;;
    vac2vg.xml) echo 5 ;;
    vis.xml) echo 6 ;;
    visurl.xml) echo 7 ;;
    cvxvis.xml) echo 8 ;;
    cpt.xml) echo 9 ;;
    NDC_Unit_sale.txt) echo 10 ;;
    NDC_Unit_use.txt) echo 11 ;;
    NDC_Linker.txt) echo 12 ;;
    *) return 1 ;;
    esac
}
# The first $2 bytes of file $1, ended after its last whole record (a line of a text file; a child
# of the root of an XML report, with the root closed again).
prefix() {
    local file=$1 max=$2
    if [ "$(wc -c <"$file")" -le "$max" ]; then
        cat "$file"
    elif [[ $file == *.xml ]]; then
        local root child
        root=$(head -c 4096 "$file" | grep -o '<[A-Za-z_][A-Za-z0-9_.-]*' | sed -n '1s/<//p')
        child=$(head -c 4096 "$file" | grep -o '<[A-Za-z_][A-Za-z0-9_.-]*' | sed -n '2s/<//p')
        head -c "$max" "$file" | LC_ALL=C sed -z "s#\(.*</$child>\).*#\1#"
        printf '\n</%s>\n' "$root"
    else
        head -c "$max" "$file" | LC_ALL=C sed -z 's/\(.*\n\).*/\1/'
    fi
}
cdc_sources=(seeds/cdc/*)
if [ -d "$cdc" ]; then
    cdc_sources+=("$cdc"/*)
else
    echo "seed.sh: $cdc not found; using fuzz/seeds/cdc only" >&2
fi
n=0
for f in "${cdc_sources[@]}"; do
    [ -f "$f" ] || continue
    base=$(basename "$f")
    i=$(pick "$base") || continue
    origin=$(basename "$(dirname "$f")")
    for size in 4000 60000; do
        if [ "$size" -gt 4000 ] && [ "$(wc -c <"$f")" -le 4000 ]; then
            continue
        fi
        out="corpus/cdc_overlay/$origin-$size-$base"
        { printf "\\$(printf '%03o' "$i")"; prefix "$f" "$size"; } >"$out"
        n=$((n + 1))
    done
done
echo "seed.sh: $n seeds in cdc_overlay"
