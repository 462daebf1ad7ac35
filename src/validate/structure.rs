//! Structure, from the declarations: every field and component of every segment checked against its
//! declared usage (with the IG's conditional predicates), cardinality, length and value-set binding;
//! and what the decoder and the wire parser noticed, as issues.
//!
//! Nothing here restates a field's facts: usage, cardinality, length and value set come from the
//! [`FieldDef`] tables of `model`, and segment order and presence from the message structures the
//! decoder reads (its [`DecodeIssue`]s).

use crate::er7::{Warning, WarningKind};
use crate::model::decl::{BaseUsage, FieldDef, Max, Usage};
use crate::model::reflect::{SegmentRef, ValueRef};
use crate::model::{DecodeIssue, DecodeIssueKind, Message};

use super::context::{Cx, Place};
use super::predicates::{component_condition, field_condition};
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
];

/// Checks one segment's fields against their declarations.
pub(crate) fn check_segment<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>) {
    if seg.extra {
        // Kept where the structure had no place for it: reported through the decoder's issue.
        return;
    }
    let view = seg.segment;
    let header = view.id() == "MSH";
    // The profile's own usage and cardinality where it differs from the declarations (Z42 ...).
    let overrides = super::conformance::profiles::overrides(cx.message_profile, view.id());
    for def in view.fields() {
        if header && def.seq <= 2 {
            continue; // MSH-1 and MSH-2 are the delimiters (IZ-12, IZ-13).
        }
        let (declared_usage, declared_max) =
            super::conformance::profiles::effective(def, overrides);
        let reps = view.field(def.seq);
        let place = Place::field(seg, def.seq);
        let usage = resolve(declared_usage, || field_condition(cx, seg, def.seq));
        match usage {
            Some(BaseUsage::R) if reps.is_blank() => {
                let subject = cx.subject(&place);
                cx.emit(
                    &IG_REQUIRED,
                    place,
                    format!(
                        "{} ({}-{}) is missing for {subject}.",
                        def.label,
                        view.id(),
                        def.seq
                    ),
                    format!("Enter the {} and send the record again.", lower(def.label)),
                    None,
                );
            }
            Some(BaseUsage::X) if !reps.is_blank() => {
                let subject = cx.subject(&place);
                cx.emit(
                    &IG_NOT_SUPPORTED,
                    place,
                    format!("{} ({}-{}) is sent for {subject}, but the guide says not to send it here; the registry ignores it.", def.label, view.id(), def.seq),
                    format!("Leave the {} empty in this case.", lower(def.label)),
                    None,
                );
            }
            _ => {}
        }
        if reps.is_empty() {
            continue;
        }
        if let Max::N(max) = declared_max
            && max > 0
            && reps.len() > usize::from(max)
        {
            cx.emit(
                &IG_CARDINALITY,
                place.repetition(max + 1),
                format!(
                    "{} ({}-{}) repeats {} times; at most {max} are read.",
                    def.label,
                    view.id(),
                    def.seq,
                    reps.len()
                ),
                "Send only the repetitions the registry reads.".to_string(),
                None,
            );
        }
        for (i, v) in reps.iter().enumerate() {
            let at = place.repetition(u16::try_from(i + 1).unwrap_or(u16::MAX));
            check_value(cx, at, def, v, 0, usage == Some(BaseUsage::R));
        }
    }
}

/// Checks one value (a field repetition or a component) against its declaration.
fn check_value<'m>(
    cx: &mut Cx<'m>,
    place: Place<'m>,
    def: &FieldDef,
    v: ValueRef<'_>,
    depth: u8,
    required: bool,
) {
    if v.is_null() || v.is_empty() {
        return;
    }
    match v {
        ValueRef::Text(t) => {
            let len = t.as_str().chars().count();
            if def.len > 0 && len > def.len as usize {
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
                    Some(t.as_str()),
                );
            }
            if let Some(table) = def.table {
                check_code(cx, place, def, table, t.as_str(), None);
            }
        }
        ValueRef::Composite(c) => {
            let comps = c.components();
            if depth == 0
                && let Some(table) = def.table
                && let Some(first) = c.component(1)
            {
                let system = if c.type_name() == "CWE" {
                    c.component(3).map(|s| s.text())
                } else {
                    None
                };
                if matches!(c.type_name(), "CWE" | "HD" | "EI") || comps.len() < 3 {
                    check_code(cx, place, def, table, first.text(), system);
                }
            }
            if depth >= 2 {
                return;
            }
            for comp in comps {
                let value = c.component(comp.seq);
                let blank = value.is_none_or(|v| v.is_empty());
                let at = place.component(comp.seq);
                let usage = resolve(comp.usage, || component_condition(c, comp.seq));
                match usage {
                    Some(BaseUsage::R) if blank => {
                        let subject = cx.subject(&place);
                        let (rule, consequence) = if required {
                            (&IG_REQUIRED, "")
                        } else {
                            (
                                &IG_REQUIRED_COMPONENT,
                                "; the registry ignores the whole field",
                            )
                        };
                        cx.emit(
                            rule,
                            at,
                            format!(
                                "{} ({}) of the {} is missing for {subject}{consequence}.",
                                comp.label,
                                at.location().path(),
                                def.label
                            ),
                            format!(
                                "Enter the {} of the {}.",
                                lower(comp.label),
                                lower(def.label)
                            ),
                            None,
                        );
                    }
                    Some(BaseUsage::X) if !blank => {
                        let subject = cx.subject(&place);
                        cx.emit(
                            &IG_NOT_SUPPORTED,
                            at,
                            format!("{} ({}) of the {} is sent for {subject}, but the guide says not to send it here.", comp.label, at.location().path(), def.label),
                            format!("Leave the {} empty.", lower(comp.label)),
                            None,
                        );
                    }
                    _ => {}
                }
                if let Some(value) = value
                    && !blank
                {
                    check_value(cx, at, comp, value, depth + 1, required);
                }
            }
        }
        ValueRef::Varies(_) => {}
    }
}

/// Checks a code against the value set its field is bound to. `system` is the coding system the
/// value names (CWE-3), when it names one: a code of another system is not judged here.
fn check_code<'m>(
    cx: &mut Cx<'m>,
    place: Place<'m>,
    def: &FieldDef,
    table: &'static str,
    code: &str,
    system: Option<&str>,
) {
    if code.is_empty() || code == "\"\"" {
        return;
    }
    let Some(vs) = binding(table) else {
        return;
    };
    if let Some(system) = system
        && !system.is_empty()
        && !system.eq_ignore_ascii_case(vs.code_system)
    {
        return;
    }
    if crate::codes::CodeSets::embedded().contains_in(vs, code)
        || super::predicates::has_dedicated_check(
            cx.message_profile,
            place.seg.segment.id(),
            place.field,
        )
    {
        return;
    }
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
/// `NoValidation`, local tables the crate does not hold, or extensible value sets. Resolved once for
/// every binding of every declaration, on first use.
fn binding(table: &'static str) -> Option<&'static crate::codes::ValueSet> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static BINDINGS: OnceLock<HashMap<&'static str, Option<&'static crate::codes::ValueSet>>> =
        OnceLock::new();
    let map = BINDINGS.get_or_init(|| {
        let mut map = HashMap::new();
        let tables = crate::model::segments::ALL
            .iter()
            .flat_map(|s| s.fields)
            .chain(
                crate::model::types::COMPOSITES
                    .iter()
                    .flat_map(|(_, c)| c.iter()),
            )
            .filter_map(|f| f.table);
        for t in tables {
            map.entry(t).or_insert_with(|| resolve_binding(t));
        }
        map
    });
    match map.get(table) {
        Some(found) => *found,
        None => resolve_binding(table),
    }
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

fn resolve_binding(table: &str) -> Option<&'static crate::codes::ValueSet> {
    if NO_VALIDATION.iter().any(|t| t.eq_ignore_ascii_case(table)) {
        return None;
    }
    crate::codes::value_set(table).filter(|vs| !vs.extensible)
}

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
                &IG_WIRE,
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
    let Some(severity) = cx.profile.severity_of(rule.id, rule.severity) else {
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

fn lower(label: &str) -> String {
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
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}
