//! Structure, from the declarations: every field and component of every segment checked against its
//! declared usage (with the IG's conditional predicates), cardinality, length and value-set binding;
//! and what the decoder and the wire parser noticed, as issues.
//!
//! Nothing here restates a field's facts: usage, cardinality, length and value set come from the
//! [`FieldDef`] tables of `model`, and segment order and presence from the message structures the
//! decoder reads (its [`DecodeIssue`]s).
//!
//! The tables are read once, into the check plan ([`super::plan`]): a segment is checked by looking
//! only at its present fields and at the absent ones its profile can require, and a composite only
//! at the components that hold text and need a look (bound to a value set, composite, or longer in
//! bytes than their limit) or whose usage can be broken. A value that is right costs a few
//! comparisons; the words of an issue are written only when it is reported.

use crate::codes::Membership;
use crate::er7::{Warning, WarningKind};
use crate::model::decl::{BaseUsage, FieldDef, Max, Usage};
use crate::model::reflect::{CompositeView, Repetitions, SegmentRef, ValueRef};
use crate::model::types::Text;
use crate::model::{DecodeIssue, DecodeIssueKind, Message};

use super::context::{Cx, Place};
use super::plan::{Catalogue, CompPlan, FieldPlan, SegFacts, profile_index};
use super::rule::{Family::Structure as S, Rule, def};
use super::{MessageProfile, Severity as Sev};

const ANY: &[MessageProfile] = &[];

/// The structure rules.
pub(crate) static IG_REQUIRED: Rule = def(
    "IG-REQUIRED",
    S,
    Sev::Error,
    101,
    None,
    "any field or component",
    "IG 1.5 usage R, and C(R/..) when its predicate holds (ig-1.5-segments.md)",
    "A field or component the IG requires is empty.",
    ANY,
);
pub(crate) static IG_REQUIRED_COMPONENT: Rule = def(
    "IG-REQUIRED-COMPONENT",
    S,
    Sev::Warning,
    101,
    None,
    "any component of a field that is not required",
    "IG 1.5 component usage R (and C(R/..)); IG Table 3-1: an error empties the field, and an empty field that is not required does not reject its segment",
    "A component the IG requires is empty in a field that is not itself required: the registry ignores that field.",
    ANY,
);
pub(crate) static IG_NOT_SUPPORTED: Rule = def(
    "IG-NOT-SUPPORTED",
    S,
    Sev::Warning,
    0,
    None,
    "any field or component",
    "IG 1.5 usage X, and C(../X) when its predicate does not hold",
    "A field or component the IG says not to send is valued; the receiver ignores it.",
    ANY,
);
pub(crate) static IG_CARDINALITY: Rule = def(
    "IG-CARDINALITY",
    S,
    Sev::Warning,
    198,
    None,
    "any field",
    "IG 1.5 cardinality [min..max]",
    "A field repeats more often than the IG allows; the extra repetitions are ignored.",
    ANY,
);
pub(crate) static IG_LENGTH: Rule = def(
    "IG-LENGTH",
    S,
    Sev::Warning,
    104,
    Some("4"),
    "any primitive field or component",
    "IG 1.5 conformance length",
    "A value is longer than the IG allows; the receiver may cut it.",
    ANY,
);
pub(crate) static IG_VALUE_SET: Rule = def(
    "IG-VALUE-SET",
    S,
    Sev::Warning,
    103,
    Some("5"),
    "any coded field bound to a value set",
    "IG 1.5 value-set bindings (NIST value-set libraries; bindings NIST marks NoValidation are skipped)",
    "A code is not in the value set the field is bound to.",
    ANY,
);
pub(crate) static IG_DATA_TYPE: Rule = def(
    "IG-DATA-TYPE",
    S,
    Sev::Error,
    102,
    Some("4"),
    "any field",
    "IG 1.5 data types (NM, DT, DTM)",
    "A required value does not have its data type's form (a date that is not a date, a number that is not a number).",
    ANY,
);
pub(crate) static IG_DATA_TYPE_OPTIONAL: Rule = def(
    "IG-DATA-TYPE-OPTIONAL",
    S,
    Sev::Warning,
    102,
    Some("4"),
    "any field",
    "IG 1.5 data types (NM, DT, DTM)",
    "An optional value does not have its data type's form; the receiver ignores it.",
    ANY,
);
pub(crate) static IG_ESCAPE: Rule = def(
    "IG-ESCAPE",
    S,
    Sev::Warning,
    102,
    None,
    "any field",
    "HL7 v2.5.1 section 2.7 (escape sequences)",
    "An escape sequence is unknown or malformed and is read as plain text.",
    ANY,
);
pub(crate) static IG_EXTRA_CONTENT: Rule = def(
    "IG-EXTRA-CONTENT",
    S,
    Sev::Information,
    0,
    None,
    "any segment",
    "HL7 v2.5.1 section 2.10 (extra fields and components are ignored)",
    "Content past the last field or component the IG defines; the receiver ignores it.",
    ANY,
);
pub(crate) static IG_SEGMENT_MISSING: Rule = def(
    "IG-SEGMENT-MISSING",
    S,
    Sev::Error,
    100,
    None,
    "message structure",
    "IG 1.5 message structures (ig-1.5-messages.md)",
    "A segment the message structure requires is missing.",
    ANY,
);
pub(crate) static IG_SEGMENT_UNEXPECTED: Rule = def(
    "IG-SEGMENT-UNEXPECTED",
    S,
    Sev::Warning,
    100,
    None,
    "message structure",
    "IG 1.5 message structures",
    "A segment the message structure does not have is present; the receiver ignores it.",
    ANY,
);
pub(crate) static IG_SEGMENT_ORDER: Rule = def(
    "IG-SEGMENT-ORDER",
    S,
    Sev::Error,
    100,
    None,
    "message structure",
    "IG 1.5 message structures",
    "A segment is out of its place in the message structure (or repeated where it may not).",
    ANY,
);
pub(crate) static IG_MESSAGE_TYPE: Rule = def(
    "IG-MESSAGE-TYPE",
    S,
    Sev::Error,
    200,
    None,
    "MSH-9",
    "IG 1.5 chapter 3 (supported messages)",
    "The message type is not one of VXU, ACK, QBP, RSP.",
    ANY,
);
pub(crate) static IG_WIRE: Rule = def(
    "IG-WIRE",
    S,
    Sev::Warning,
    0,
    None,
    "message",
    "HL7 v2.5.1 section 2.5 (segment terminator CR) and 2.7",
    "The message's encoding was tolerated but is not standard (LF line ends, byte order mark, missing final terminator ...).",
    ANY,
);

pub(crate) static IG_TOO_LARGE: Rule = def(
    "IG-TOO-LARGE",
    S,
    Sev::Error,
    207,
    None,
    "message",
    "er7::Limits::max_decoded_ratio (this library's decode budget)",
    "The message holds far more structure than its size warrants (thousands of empty segments or repetitions): decoding stopped part way, so the rest was neither read nor checked.",
    ANY,
);

/// The structure rules, in catalogue order.
pub(crate) static RULES: &[&Rule] = &[
    &IG_REQUIRED,
    &IG_REQUIRED_COMPONENT,
    &IG_NOT_SUPPORTED,
    &IG_CARDINALITY,
    &IG_LENGTH,
    &IG_VALUE_SET,
    &IG_DATA_TYPE,
    &IG_DATA_TYPE_OPTIONAL,
    &IG_ESCAPE,
    &IG_EXTRA_CONTENT,
    &IG_SEGMENT_MISSING,
    &IG_SEGMENT_UNEXPECTED,
    &IG_SEGMENT_ORDER,
    &IG_MESSAGE_TYPE,
    &IG_WIRE,
    &IG_TOO_LARGE,
];

/// Checks one segment's fields against their declarations, as the check plan states them: only its
/// present fields, and the absent ones whose usage can require them.
pub(crate) fn check_segment<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, facts: &SegFacts) {
    if seg.extra {
        // Kept where the structure had no place for it: reported through the decoder's issue.
        return;
    }
    let view = seg.segment;
    let cat = Catalogue::get();
    let Some(plan) = facts
        .segment()
        .and_then(|s| cat.structure(profile_index(cx.message_profile), s))
    else {
        return; // an undeclared segment: no declarations to check against
    };
    let present = facts.present & plan.present;
    let all = present | plan.absent;
    // In two halves of 64 fields: u64 arithmetic, and no declared segment has more than 64 fields.
    for half in [0u32, 64] {
        let mut todo = (all >> half) as u64;
        let held = (present >> half) as u64;
        while todo != 0 {
            let bit = todo & todo.wrapping_neg();
            todo &= !bit;
            let Some(fp) = plan.fields.get((bit.trailing_zeros() + half) as usize) else {
                continue;
            };
            let def = fp.def;
            let usage = resolve(fp.usage, || fp.condition.map(|c| c(cx, seg)));
            if held & bit == 0 {
                // Absent: only a requirement can be broken.
                if usage == Some(BaseUsage::R) {
                    missing_field(cx, seg, def);
                }
                continue;
            }
            let reps = view.field(def.seq);
            let required = usage == Some(BaseUsage::R);
            if let Repetitions::One(v) = reps {
                // The usual case: one value, examined once for its usage and its content.
                let seen = Seen::of(v, cat, fp);
                match usage {
                    Some(BaseUsage::R) if seen.blank() => missing_field(cx, seg, def),
                    Some(BaseUsage::X) if !seen.blank() => unsupported_field(cx, seg, def),
                    _ => {}
                }
                // One repetition is within any cardinality (at least 1).
                check_seen(cx, cat, Place::field(seg, def.seq), fp, seen, required);
                continue;
            }
            match usage {
                Some(BaseUsage::R) if reps.is_blank() => missing_field(cx, seg, def),
                Some(BaseUsage::X) if !reps.is_blank() => unsupported_field(cx, seg, def),
                _ => {}
            }
            if reps.is_empty() {
                continue;
            }
            if let Max::N(max) = fp.max
                && max > 0
                && reps.len() > usize::from(max)
            {
                too_many(cx, seg, def, max, reps.len());
            }
            let place = Place::field(seg, def.seq);
            for (i, v) in reps.iter().enumerate() {
                let at = place.repetition(u16::try_from(i + 1).unwrap_or(u16::MAX));
                check_seen(cx, cat, at, fp, Seen::of(v, cat, fp), required);
            }
        }
    }
}

/// A field repetition, looked at once: what its usage and content checks need to know.
#[derive(Clone, Copy)]
enum Seen<'a> {
    /// A primitive.
    Text(&'a Text),
    /// A composite, with its plan (`None`: a type without one), its valued components (bit
    /// `n - 1` for component `n`), those longer in bytes than their limit, and whether it is blank
    /// (no text anywhere, extra components included).
    Composite(&'a dyn CompositeView, Option<&'a CompPlan>, u64, u64, bool),
    /// Content of no fixed type.
    Varies(bool),
}

impl<'a> Seen<'a> {
    fn of(v: ValueRef<'a>, cat: &'a Catalogue, fp: &FieldPlan) -> Seen<'a> {
        match v {
            ValueRef::Text(t) => Seen::Text(t),
            ValueRef::Composite(c) => {
                // One pass over the components: which hold text, which are too long.
                let plan = cat.composite(fp.composite, c, 0);
                let (mask, long) = match plan {
                    Some(plan) => c.text_masks(&plan.limits),
                    None => (c.valued_components(), 0),
                };
                Seen::Composite(c, plan, mask, long, mask == 0 && c.is_blank())
            }
            ValueRef::Varies(_) => Seen::Varies(v.is_empty()),
        }
    }

    /// True when nothing is in it.
    fn blank(self) -> bool {
        match self {
            Seen::Text(t) => t.is_empty(),
            Seen::Composite(.., blank) | Seen::Varies(blank) => blank,
        }
    }
}

#[cold]
#[inline(never)]
fn missing_field(cx: &mut Cx<'_>, seg: SegmentRef<'_>, def: &FieldDef) {
    let place = Place::field(seg, def.seq);
    let subject = cx.subject(&place);
    let message = words(&[
        def.label,
        " (",
        &field_path(seg, def.seq),
        ") is missing for ",
        &subject,
        ".",
    ]);
    let fix = words(&[
        "Enter the ",
        &Catalogue::get().lowered(def.label),
        " and send the record again.",
    ]);
    cx.emit(&IG_REQUIRED, place, message, fix, None);
}

#[cold]
#[inline(never)]
fn unsupported_field(cx: &mut Cx<'_>, seg: SegmentRef<'_>, def: &FieldDef) {
    let place = Place::field(seg, def.seq);
    let subject = cx.subject(&place);
    let message = words(&[
        def.label,
        " (",
        &field_path(seg, def.seq),
        ") is sent for ",
        &subject,
        ", but the guide says not to send it here; the registry ignores it.",
    ]);
    let fix = words(&[
        "Leave the ",
        &Catalogue::get().lowered(def.label),
        " empty in this case.",
    ]);
    cx.emit(&IG_NOT_SUPPORTED, place, message, fix, None);
}

#[cold]
#[inline(never)]
fn too_many(cx: &mut Cx<'_>, seg: SegmentRef<'_>, def: &FieldDef, max: u16, n: usize) {
    let place = Place::field(seg, def.seq);
    cx.emit(
        &IG_CARDINALITY,
        place.repetition(max + 1),
        format!(
            "{} ({}-{}) repeats {} times; at most {max} are read.",
            def.label,
            seg.segment.id(),
            def.seq,
            n
        ),
        "Send only the repetitions the registry reads.".to_string(),
        None,
    );
}

/// True when a primitive is the HL7 null `""`.
fn is_null_text(t: &Text) -> bool {
    t.as_bytes() == b"\"\""
}

/// Checks one repetition of a field against its declaration.
#[inline(always)]
fn check_seen<'m>(
    cx: &mut Cx<'m>,
    cat: &Catalogue,
    place: Place<'m>,
    fp: &FieldPlan,
    v: Seen<'_>,
    required: bool,
) {
    let binding = if fp.dedicated {
        None
    } else {
        fp.binding.and_then(|b| cat.binding(b))
    };
    match v {
        Seen::Text(t) => {
            if t.is_empty() || is_null_text(t) {
                return;
            }
            check_text(cx, &place, 0, fp.def, t, binding);
        }
        Seen::Composite(c, plan, mask, long, blank) => {
            if blank {
                return;
            }
            // The text of the first component (down to its first part): what HL7 reads when a
            // composite stands where text is expected.
            let first = if mask & 1 != 0 {
                c.component(1).map_or(&[][..], |f| f.text_bytes())
            } else {
                &[]
            };
            if first == b"\"\"" {
                return; // the HL7 null
            }
            let Some(plan) = plan else {
                return;
            };
            if let Some(b) = binding
                && plan.coded
            {
                let system = if plan.names_system {
                    Some(c.component(3).map_or(&[][..], |s| s.text_bytes()))
                } else {
                    None
                };
                check_code(cx, place, fp.def, b, first, system);
            }
            check_components(
                cx,
                cat,
                &place,
                fp.def,
                c,
                (mask, long),
                plan,
                0,
                required,
                fp.dedicated,
            );
        }
        Seen::Varies(_) => {}
    }
}

/// Checks the components of a composite value at `depth` (0: a field's value, 1: a component's).
#[allow(clippy::too_many_arguments)]
fn check_components<'m>(
    cx: &mut Cx<'m>,
    cat: &Catalogue,
    place: &Place<'m>,
    def: &FieldDef,
    c: &dyn CompositeView,
    (mask, long): (u64, u64),
    plan: &CompPlan,
    depth: usize,
    required: bool,
    dedicated: bool,
) {
    // Only the components with something to look at: a usage that can be broken, and among
    // those that hold text, the bound, the composite and the too long (by bytes) ones (`mask`
    // and `long` from `CompositeView::text_masks` with the plan's limits).
    let mut todo = (plan.blank_mask & !mask) | (mask & (plan.valued_mask | plan.visit_mask | long));
    while todo != 0 {
        let i = todo.trailing_zeros();
        let bit = 1u64 << i;
        todo &= !bit;
        let Some(chk) = plan.checks.get(i as usize) else {
            continue;
        };
        let comp = chk.def;
        let blank = mask & bit == 0;
        if (plan.blank_mask | plan.valued_mask) & bit != 0 {
            let usage = resolve(comp.usage, || chk.condition.map(|f| f(c, mask)));
            match usage {
                Some(BaseUsage::R) if blank => missing_component(cx, *place, def, comp, required),
                Some(BaseUsage::X) if !blank => unsupported_component(cx, *place, def, comp),
                _ => {}
            }
        }
        if blank || (plan.visit_mask | long) & bit == 0 {
            continue;
        }
        let Some(value) = c.component(comp.seq) else {
            continue;
        };
        match value {
            ValueRef::Text(t) => {
                if is_null_text(t) {
                    continue;
                }
                let binding = if dedicated {
                    None
                } else {
                    chk.binding.and_then(|b| cat.binding(b))
                };
                check_text(cx, place, comp.seq, comp, t, binding);
            }
            ValueRef::Composite(inner) => {
                if depth >= 1 {
                    continue; // subcomponents hold no components of their own to check
                }
                let Some(inner_plan) = cat.composite(chk.composite, inner, 1) else {
                    continue;
                };
                let (inner_mask, inner_long) = inner.text_masks(&inner_plan.limits);
                if inner_mask & 1 != 0
                    && inner
                        .component(1)
                        .is_some_and(|f| f.text_bytes() == b"\"\"")
                {
                    continue;
                }
                check_components(
                    cx,
                    cat,
                    &place.component(comp.seq),
                    comp,
                    inner,
                    (inner_mask, inner_long),
                    inner_plan,
                    1,
                    required,
                    dedicated,
                );
            }
            ValueRef::Varies(_) => {}
        }
    }
}

/// Checks a primitive value's length and value set: a few comparisons when it is right.
#[inline]
fn check_text<'m>(
    cx: &mut Cx<'m>,
    place: &Place<'m>,
    component: u16,
    def: &FieldDef,
    t: &Text,
    binding: Option<&Membership>,
) {
    let bytes = t.as_bytes();
    // A value's characters are at most its bytes: only a long one needs counting.
    let long = def.len > 0 && bytes.len() > def.len as usize;
    if long || binding.is_some_and(|b| !code_fits(b, bytes, None)) {
        let at = if component > 0 {
            place.component(component)
        } else {
            *place
        };
        text_faults(cx, at, def, t, binding);
    }
}

/// What [`check_text`] found, reported: the length, then the code.
#[cold]
#[inline(never)]
fn text_faults<'m>(
    cx: &mut Cx<'m>,
    place: Place<'m>,
    def: &FieldDef,
    t: &Text,
    binding: Option<&Membership>,
) {
    if def.len > 0 && t.len() > def.len as usize {
        let len = t.as_str().chars().count();
        if len > def.len as usize {
            too_long(cx, place, def, len, t.as_str());
        }
    }
    if let Some(b) = binding {
        check_code(cx, place, def, b, t.as_bytes(), None);
    }
}

#[cold]
#[inline(never)]
fn too_long(cx: &mut Cx<'_>, place: Place<'_>, def: &FieldDef, len: usize, value: &str) {
    let subject = cx.subject(&place);
    cx.emit(
        &IG_LENGTH,
        place,
        format!(
            "{} ({}) is {len} characters long for {subject}; the guide allows {}.",
            def.label,
            place.location().path(),
            def.len
        ),
        format!(
            "Shorten the {} to {} characters.",
            lower(def.label),
            def.len
        ),
        Some(value),
    );
}

#[cold]
#[inline(never)]
fn missing_component(
    cx: &mut Cx<'_>,
    place: Place<'_>,
    def: &FieldDef,
    comp: &FieldDef,
    required: bool,
) {
    let at = place.component(comp.seq);
    let subject = cx.subject(&place);
    let (rule, consequence) = if required {
        (&IG_REQUIRED, "")
    } else {
        (
            &IG_REQUIRED_COMPONENT,
            "; the registry ignores the whole field",
        )
    };
    let message = words(&[
        comp.label,
        " (",
        &path_of(&at),
        ") of the ",
        def.label,
        " is missing for ",
        &subject,
        consequence,
        ".",
    ]);
    let cat = Catalogue::get();
    let fix = words(&[
        "Enter the ",
        &cat.lowered(comp.label),
        " of the ",
        &cat.lowered(def.label),
        ".",
    ]);
    cx.emit(rule, at, message, fix, None);
}

#[cold]
#[inline(never)]
fn unsupported_component(cx: &mut Cx<'_>, place: Place<'_>, def: &FieldDef, comp: &FieldDef) {
    let at = place.component(comp.seq);
    let subject = cx.subject(&place);
    let message = words(&[
        comp.label,
        " (",
        &path_of(&at),
        ") of the ",
        def.label,
        " is sent for ",
        &subject,
        ", but the guide says not to send it here.",
    ]);
    let fix = words(&[
        "Leave the ",
        &Catalogue::get().lowered(comp.label),
        " empty.",
    ]);
    cx.emit(&IG_NOT_SUPPORTED, at, message, fix, None);
}

/// True when a code is in the value set its field is bound to, or is not judged here: empty, the
/// HL7 null, or of another coding system than the value set's (`system`: the coding system the
/// value names in CWE-3, when it names one).
#[inline]
fn code_fits(binding: &Membership, code: &[u8], system: Option<&[u8]>) -> bool {
    if code.is_empty() || code == b"\"\"" {
        return true;
    }
    if let Some(system) = system
        && !system.is_empty()
        && !system.eq_ignore_ascii_case(binding.set().code_system.as_bytes())
    {
        return true;
    }
    binding.contains_bytes(code)
}

/// Checks a code against the value set its field is bound to (see [`code_fits`]).
fn check_code<'m>(
    cx: &mut Cx<'m>,
    place: Place<'m>,
    def: &FieldDef,
    binding: &Membership,
    code: &[u8],
    system: Option<&[u8]>,
) {
    if !code_fits(binding, code, system) {
        not_in_value_set(
            cx,
            place,
            def,
            binding.set(),
            std::str::from_utf8(code).unwrap_or(""),
        );
    }
}

#[cold]
#[inline(never)]
fn not_in_value_set(
    cx: &mut Cx<'_>,
    place: Place<'_>,
    def: &FieldDef,
    vs: &crate::codes::ValueSet,
    code: &str,
) {
    let subject = cx.subject(&place);
    cx.emit(
        &IG_VALUE_SET,
        place,
        format!(
            "The code in {} ({}) for {subject} is not in the {} value set.",
            def.label,
            place.location().path(),
            vs.title
        ),
        format!("Choose a code from the {} value set ({}).", vs.title, vs.id),
        Some(code),
    );
}

/// The value set a declared binding names, when its codes are judged: not for bindings NIST marks
/// `NoValidation`, local tables the crate does not hold, or extensible value sets. Resolved once
/// per binding, when the check plan is made.
pub(super) fn binding(table: &'static str) -> Option<&'static crate::codes::ValueSet> {
    if NO_VALIDATION.iter().any(|t| t.eq_ignore_ascii_case(table)) {
        return None;
    }
    crate::codes::value_set(table).filter(|vs| !vs.extensible)
}

/// Bindings NIST's value-set libraries list under `NoValidation` (local tables: applications,
/// facilities, assigning authorities ...), never judged.
const NO_VALIDATION: &[&str] = &[
    "HL70361",
    "HL70362",
    "HL70363",
    "HL70361_IZ",
    "HL70362_IZ",
    "HL70363_IZ",
    "HL70296",
    "HL70333",
    "HL70289",
    "HL70288",
    "HL70471",
    "HL70399",
    "HL70297",
    "HL70519",
    "HL70212",
    "HL70172",
    "HL70171",
    "HL70552",
    "HL70303",
    "HL70304",
    "HL70302",
    "HL70300",
    "HL70307",
    "HL70308",
    "HL70306",
    "HL70447",
    "HL70446",
    "HL70448",
];

/// The usage that applies: the declared one, or the branch of a conditional usage its predicate
/// chooses. `None` when a predicate cannot be decided (then nothing is checked).
fn resolve(usage: Usage, condition: impl FnOnce() -> Option<bool>) -> Option<BaseUsage> {
    match usage {
        Usage::R => Some(BaseUsage::R),
        Usage::RE => Some(BaseUsage::RE),
        Usage::O | Usage::B => Some(BaseUsage::O),
        Usage::X => Some(BaseUsage::X),
        Usage::C(t, f) => condition().map(|c| if c { t } else { f }),
    }
}

/// What the decoder noticed, as issues.
pub(crate) fn decode_issues<'m>(
    cx: &mut Cx<'m>,
    issues: &[DecodeIssue],
    segments: &super::SegList<'m>,
) {
    for d in issues {
        let Some(seg) = segments.get(d.location.segment_index) else {
            if d.kind == DecodeIssueKind::MissingSegment {
                // Missing at the end of the message (a VXU without PID): no segment to hang it on.
                missing_at_end(cx, &d.location.segment, d.location.segment_index);
            }
            continue;
        };
        let l = &d.location;
        let place = Place {
            seg,
            field: l.field,
            repetition: l.repetition,
            component: l.component,
            subcomponent: l.subcomponent,
        };
        let id = if d.kind == DecodeIssueKind::MissingSegment {
            l.segment.as_str()
        } else {
            seg.segment.id()
        };
        let required = seg
            .segment
            .field_def(l.field)
            .is_some_and(|f| matches!(f.usage, Usage::R));
        let path = place.location().path();
        let subject = cx.subject(&place);
        let label = seg
            .segment
            .field_def(l.field)
            .map_or("the value", |f| f.label);
        let (rule, message, fix) = match d.kind {
            DecodeIssueKind::NotNumeric
            | DecodeIssueKind::BadDate
            | DecodeIssueKind::BadDateTime
            | DecodeIssueKind::UnexpectedStructure => {
                let what = match d.kind {
                    DecodeIssueKind::NotNumeric => "is not a number",
                    DecodeIssueKind::UnexpectedStructure => {
                        "holds separators where a single value belongs"
                    }
                    _ => "is not a valid date",
                };
                let fix = match d.kind {
                    DecodeIssueKind::BadDate | DecodeIssueKind::BadDateTime => {
                        format!("Correct the {} (a date is written YYYYMMDD).", lower(label))
                    }
                    _ => format!("Correct the {}.", lower(label)),
                };
                (
                    if required {
                        &IG_DATA_TYPE
                    } else {
                        &IG_DATA_TYPE_OPTIONAL
                    },
                    format!("{label} ({path}) {what} for {subject}."),
                    fix,
                )
            }
            DecodeIssueKind::BadEscape(_) => (
                &IG_ESCAPE,
                format!(
                    "{label} ({path}) has an escape sequence the registry cannot read for {subject}."
                ),
                "Remove the backslash sequence or have the interface escape the text.".to_string(),
            ),
            DecodeIssueKind::ExtraRepetition | DecodeIssueKind::TooManyRepetitions => (
                &IG_CARDINALITY,
                format!(
                    "{label} ({path}) repeats where it may not, for {subject}; only the first value is read."
                ),
                "Send one value.".to_string(),
            ),
            DecodeIssueKind::ExtraField | DecodeIssueKind::ExtraComponent => (
                &IG_EXTRA_CONTENT,
                format!(
                    "{path} holds content past what the guide defines; the registry ignores it."
                ),
                "Check the interface mapping of this segment.".to_string(),
            ),
            DecodeIssueKind::UnexpectedSegment => (
                &IG_SEGMENT_UNEXPECTED,
                format!("Segment {id} is not part of this message type; the registry ignores it."),
                "Remove it from the message.".to_string(),
            ),
            DecodeIssueKind::OutOfOrder => (
                &IG_SEGMENT_ORDER,
                format!(
                    "Segment {id} is out of place (or repeated where it may not be); the registry may not read it."
                ),
                "Send the segments in the order the guide gives.".to_string(),
            ),
            DecodeIssueKind::MissingSegment => (
                &IG_SEGMENT_MISSING,
                format!(
                    "The required {id} segment is missing{}.",
                    seg.order
                        .map(|n| format!(" for {}", cx.dose(n)))
                        .unwrap_or_default()
                ),
                format!("Add the {id} segment."),
            ),
            DecodeIssueKind::UnknownMessageType => (
                &IG_MESSAGE_TYPE,
                "The message type (MSH-9) is not one the guide supports.".to_string(),
                "Send VXU, QBP, RSP or ACK messages.".to_string(),
            ),
            DecodeIssueKind::Version => continue, // the IZ-15 statement reports MSH-12
            DecodeIssueKind::OverBudget => (
                &IG_TOO_LARGE,
                "The message is far larger in memory than its content warrants (thousands of empty segments or repetitions); the rest of it was not read or checked.".to_string(),
                "Check the interface that produced the message.".to_string(),
            ),
        };
        let place = if d.kind == DecodeIssueKind::MissingSegment {
            // The segment is not there: name it, in its group, at the position where it was expected.
            Place {
                field: 0,
                repetition: 0,
                component: 0,
                subcomponent: 0,
                ..place
            }
        } else {
            place
        };
        if d.kind == DecodeIssueKind::MissingSegment {
            // The missing segment has no occurrence of its own: in an ORDER group, number it by the
            // group (the nth ORC), elsewhere 1.
            let occurrence = seg
                .order
                .map_or(1, |n| u16::try_from(n).unwrap_or(u16::MAX));
            emit_missing(cx, rule, place, id, occurrence, message, fix);
        } else {
            cx.emit(rule, place, message, fix, None);
        }
    }
}

fn missing_at_end(cx: &mut Cx<'_>, id: &str, index: usize) {
    let rule = &IG_SEGMENT_MISSING;
    if !rule.applies_to(cx.message_profile) {
        return;
    }
    if let (Message::Rsp(_), Some(profile)) = (cx.msg, cx.message_profile)
        && !super::conformance::profiles::rsp_has(profile, id)
    {
        // The response profile has no such segment (the ORDER group of a Z31): the segment that
        // began the group is reported as unexpected instead.
        return;
    }
    let Some(severity) = cx.severity(rule) else {
        return;
    };
    let issue = super::Issue::new(rule.id, severity, super::ErrorLocation::segment(id, 1))
        .with_hl7_code(rule.hl7_code)
        .with_text(
            format!("The required {id} segment is missing."),
            format!("Add the {id} segment."),
        );
    cx.emit_custom((index, 0, 0, 0, 0), issue);
}

/// A missing segment's location names the missing segment, not the one where it was noticed.
fn emit_missing(
    cx: &mut Cx<'_>,
    rule: &'static Rule,
    place: Place<'_>,
    id: &str,
    occurrence: u16,
    message: String,
    fix: String,
) {
    let before = cx.issues.len();
    cx.emit(rule, place, message, fix, None);
    if let Some((_, issue)) = cx.issues.get_mut(before) {
        issue.location.segment = id.to_string();
        issue.location.sequence = occurrence;
        issue.label = None;
    }
}

/// What the wire parser tolerated, as issues of the message.
pub(crate) fn wire_warnings(cx: &mut Cx<'_>, warnings: &[Warning]) {
    for w in warnings {
        let (what, fix) = match w.kind {
            WarningKind::Version | WarningKind::BadEscape => continue, // reported at their fields
            WarningKind::LfTerminator | WarningKind::CrLfTerminator => (
                "Segments end with line feeds instead of carriage returns",
                "Have the interface end each segment with a carriage return (CR).",
            ),
            WarningKind::ByteOrderMark => (
                "The message starts with a byte order mark",
                "Have the interface send the message without a byte order mark.",
            ),
            WarningKind::BlankLine => (
                "The message has blank lines between segments",
                "Remove the blank lines.",
            ),
            WarningKind::MissingFinalTerminator => (
                "The last segment has no terminator",
                "End the last segment with a carriage return.",
            ),
            WarningKind::TrailingDelimiters => continue, // legal HL7, only reported by the parser
            WarningKind::StrayWhitespace => (
                "The message has spaces or control characters around it",
                "Remove them.",
            ),
            WarningKind::NonUtf8 => (
                "The message holds characters that are not UTF-8",
                "Send the message in UTF-8 (or the character set MSH-18 names).",
            ),
            WarningKind::BatchCount | WarningKind::BatchEnvelope => (
                "The batch's header, trailer or count is wrong",
                "Correct the batch envelope.",
            ),
        };
        cx.emit_message(
            &IG_WIRE,
            format!("{what} ({} time(s)).", w.count),
            fix.to_string(),
        );
    }
}

/// The pieces, written one after the other into a string of the right size.
fn words(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        out.push_str(p);
    }
    out
}

/// `RXA-15`: a segment's field, as the texts name it.
fn field_path(seg: SegmentRef<'_>, field: u16) -> String {
    let id = seg.segment.id();
    let mut out = String::with_capacity(id.len() + 6);
    out.push_str(id);
    out.push('-');
    crate::model::issue::push_number(&mut out, field);
    out
}

/// The HL7 path of a place (`PID-5.1`), as [`ErrorLocation::path`](super::ErrorLocation::path)
/// writes it.
fn path_of(place: &Place<'_>) -> String {
    let id = place.seg.segment.id();
    if id.is_empty() {
        return "message".to_string();
    }
    crate::model::issue::hl7_path(
        id,
        place.field,
        if place.field > 0 {
            place.repetition.max(1)
        } else {
            0
        },
        place.component,
        place.subcomponent,
    )
}

pub(super) fn lower(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        // Keep acronyms (ID, VIS, NDC) as they are.
        if word.len() > 1
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            out.push_str(word);
        } else if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}
