#!/usr/bin/env python3
"""Interop check: an independent HL7 v2 parser reads what izmsg writes.

For every message in the shared corpus (vxu/, rsp/, qbp/, ack/), runs the `inspect` example twice:
`--er7` (the message re-encoded from izmsg's typed model) and `--json` (the typed model itself).
The ER7 is parsed with the PyPI `hl7` package, and PID-5 (family and given name), PID-7, RXA-3,
RXA-5 (code and coding system), OBX-3 (code, text, coding system) and OBX-5 (the whole value) of
every such segment are compared, unescaped, with the typed JSON.

    python3 tests/interop/check_hl7.py [--inspect PATH] [--corpus DIR] [-v]

Prints `N passed, M failed` (N, M: messages) and exits 1 on any mismatch or error.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

import hl7

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("vxu", "rsp", "qbp", "ack")

# Keys under which the typed JSON holds segments (field names of izmsg's message and group
# structs); every other object or list is a group to walk into.
SEGMENT_KEYS = {
    "msh", "sft", "pid", "pd1", "nk1", "pv1", "pv2", "gt1", "in1", "in2", "in3", "orc", "tq1",
    "tq2", "rxa", "rxr", "obx", "nte", "msa", "err", "qak", "qpd", "rcp",
}


def any_segment(tagged):
    """An `AnySegment` as serde tags it: {"segment": "Pid", "fields": {...}} -> ("PID", fields)."""
    tag, fields = tagged.get("segment", ""), tagged.get("fields", {})
    if tag == "Other":
        return fields.get("id", ""), fields
    if tag == "ErrSegment":
        return "ERR", fields
    return tag.upper(), fields


def walk(node, out):
    """Appends (id, fields) for every structured segment under `node`, in document order."""
    if isinstance(node, list):
        for item in node:
            walk(item, out)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("type", "extra_segments"):
                continue
            if key in SEGMENT_KEYS:
                for seg in value if isinstance(value, list) else [value]:
                    if isinstance(seg, dict):
                        out.append((key.upper(), seg))
            elif isinstance(value, (dict, list)):
                walk(value, out)


def typed_segments(message):
    """The typed message's segments in message order: the structured ones in the order izmsg
    writes them, with the kept extras slipped in at their positions (as `Message::encode` does)."""
    if message.get("type") == "Other":
        return [any_segment(s) for s in message.get("segments", [])]
    structured = []
    walk(message, structured)
    extras = sorted(message.get("extra_segments", []), key=lambda e: e.get("position", 0))
    out, k = [], 0
    for i, seg in enumerate(structured):
        while k < len(extras) and extras[k].get("position", 0) <= i:
            out.append(any_segment(extras[k]["segment"]))
            k += 1
        out.append(seg)
    out.extend(any_segment(e["segment"]) for e in extras[k:])
    return out


def trim(values):
    """Drops trailing empty elements (nested lists: trailing empty parts at every level)."""
    values = [trim(v) if isinstance(v, list) else v for v in values]
    while values and values[-1] in ("", []):
        values.pop()
    return values


def hl7_field(msg, seg, n):
    """Field n of an `hl7` segment as repetitions -> components -> subcomponents, unescaped."""
    if n >= len(seg):
        return []
    items = list(seg(n))
    if len(items) == 1 and isinstance(items[0], str):
        items = [items[0]]
    reps = []
    for rep in items:
        if isinstance(rep, str):
            reps.append([[msg.unescape(rep)]])
            continue
        comps = []
        for comp in rep:
            if isinstance(comp, str):
                comps.append([msg.unescape(comp)])
            else:
                comps.append([msg.unescape(s) for s in comp])
        reps.append(comps)
    return trim(reps)


def part(reps, rep=0, comp=0, sub=0):
    try:
        return reps[rep][comp][sub]
    except IndexError:
        return ""


def varies(value):
    """A typed VARIES value (string, or components of subcomponents) as components of subcomponents."""
    if value is None:
        return []
    if isinstance(value, str):
        return trim([[value]])
    return trim([list(c) for c in value])


def get(obj, *path):
    for key in path:
        if isinstance(obj, list):
            obj = obj[key] if isinstance(key, int) and key < len(obj) else None
        elif isinstance(obj, dict):
            obj = obj.get(key)
        else:
            return ""
    return "" if obj is None else obj


def checks(msg, seg, seg_id, typed):
    """(what, from hl7, from the typed JSON) for the fields compared in this segment."""
    if seg_id == "PID":
        name = hl7_field(msg, seg, 5)
        birth = hl7_field(msg, seg, 7)
        return [
            ("PID-5.1.1 family name", part(name, 0, 0, 0),
             get(typed, "patient_name", 0, "family_name", "surname")),
            ("PID-5.2 given name", part(name, 0, 1, 0), get(typed, "patient_name", 0, "given_name")),
            ("PID-7 birth date/time", part(birth), get(typed, "date_time_of_birth", "time")),
        ]
    if seg_id == "RXA":
        start = hl7_field(msg, seg, 3)
        code = hl7_field(msg, seg, 5)
        return [
            ("RXA-3 administration date/time", part(start),
             get(typed, "date_time_start_of_administration", "time")),
            ("RXA-5.1 code", part(code, 0, 0), get(typed, "administered_code", "identifier")),
            ("RXA-5.3 coding system", part(code, 0, 2),
             get(typed, "administered_code", "name_of_coding_system")),
        ]
    if seg_id == "OBX":
        ident = hl7_field(msg, seg, 3)
        value = hl7_field(msg, seg, 5)
        typed_value = [varies(typed.get("observation_value"))]
        for extra in typed.get("extra_fields", []):
            if extra.get("field") == 5 and extra.get("repetitions_only"):
                typed_value.extend(varies(v) for v in extra.get("values", []))
        return [
            ("OBX-3.1 code", part(ident, 0, 0), get(typed, "observation_identifier", "identifier")),
            ("OBX-3.2 text", part(ident, 0, 1), get(typed, "observation_identifier", "text")),
            ("OBX-3.3 coding system", part(ident, 0, 2),
             get(typed, "observation_identifier", "name_of_coding_system")),
            ("OBX-5 value", value, trim(typed_value)),
        ]
    return []


def split_messages(text):
    """ER7 text holding one or more messages -> one string per message (CR-terminated)."""
    messages = []
    for segment in text.split("\r"):
        if not segment:
            continue
        if segment.startswith("MSH") or not messages:
            messages.append([])
        messages[-1].append(segment)
    return ["\r".join(m) + "\r" for m in messages]


def check_file(inspect, path, verbose):
    """Returns a list of (label, problems) per message of the file."""
    er7 = subprocess.run([inspect, "--er7", str(path)], capture_output=True)
    js = subprocess.run([inspect, "--json", str(path)], capture_output=True)
    if er7.returncode != 0 or js.returncode != 0:
        return [(str(path), [f"inspect exited {er7.returncode} (--er7), {js.returncode} (--json)"])]
    docs = json.loads(js.stdout.decode("utf-8"))
    if isinstance(docs, dict):
        docs = [docs]
    texts = split_messages(er7.stdout.decode("utf-8"))
    if len(texts) != len(docs):
        return [(str(path), [f"{len(texts)} ER7 messages but {len(docs)} JSON documents"])]
    results = []
    for i, (text, doc) in enumerate(zip(texts, docs)):
        label = f"{path} message {i + 1}"
        problems = []
        try:
            msg = hl7.parse(text)
        except Exception as e:  # the independent parser refused our output
            results.append((label, [f"hl7.parse failed: {type(e).__name__}: {e}"]))
            continue
        typed = typed_segments(doc["message"])
        theirs = [str(seg[0][0]) for seg in msg]
        ours = [seg_id for seg_id, _ in typed]
        if theirs != ours:
            problems.append(f"segment ids differ: hl7 {theirs} vs typed {ours}")
        compared = 0
        for index, (seg, (seg_id, fields)) in enumerate(zip(msg, typed)):
            for what, expected, actual in checks(msg, seg, seg_id, fields):
                compared += 1
                if expected != actual:
                    problems.append(
                        f"segment {index + 1} {what}: hl7 {expected!r} vs typed {actual!r}"
                    )
        if verbose:
            print(f"{label}: {compared} values compared", file=sys.stderr)
        results.append((label, problems))
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inspect", default=str(ROOT / "target" / "debug" / "examples" / "inspect"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    files = sorted(f for kind in KINDS for f in (Path(args.corpus) / kind).glob("*.hl7"))
    if not files:
        print(f"no corpus files under {args.corpus}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    for path in files:
        for label, problems in check_file(args.inspect, path, args.verbose):
            if problems:
                failed += 1
                print(f"FAIL {label}")
                for p in problems:
                    print(f"  {p}")
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
