//! The IG's conformance statements (IZ-nn), as NIST's profiles state them.
//!
//! Source: `nist-iz-profiles/conformance-statements.tsv` and the assertions of
//! `cdc-ig-r1.5/constraints/*.xml` (the eight per-message profiles), with the `himss-v11` rows where
//! they add what the cdc-ig set lacks. Each statement is a [`Rule`] whose id is the statement's id
//! (`IZ-23`, `IZ-TS_NZ`, `NIST-01`), so a report cites the IG directly; each rule is stated by one or
//! more rows of `statements::STATEMENTS` (segment, field or data-type flavour, and the [`Check`]).
//!
//! A statement about a data type (`Datatype[HD_IZ]`, `EI_IZ`, `CQ_IZ`, `XPN_M`, and the date/time
//! flavours TS_Z, TS_NZ, TS_M, DT_D) applies to every field and component declared with that flavour
//! in [`crate::model`]'s `FieldDef` tables (found by their `datatype` strings, [`flavours`]), as the
//! profile in use states it ([`profiles`]).
//!
//! As NIST's validator reads them, a statement about a value says nothing when the value is absent:
//! whether it must be present is the usage's business (rule `IG-REQUIRED`). A value that is not a
//! well-formed date at all is the data-type rule's (`IG-DATA-TYPE`); the format statements judge the
//! precision and the time zone of well-formed ones.
//!
//! ## Statements implemented
//!
//! | id | profiles | where | severity |
//! |---|---|---|---|
//! | IZ-1, IZ-2 | all | every CQ_IZ (RCP-2) | E, W |
//! | IZ-3, IZ-4 | all | every EI_IZ (MSH-21, ORC-2, ORC-3) | E |
//! | IZ-5, IZ-6 | all | every HD_IZ (MSH-3..6, CX_IZ.4, XCN_IZ.9, XON_IZ.6, LA2_IZ.4) | E |
//! | IZ-12, IZ-13, IZ-15 | all | MSH-1, MSH-2, MSH-12.1 | E |
//! | IZ-17, IZ-51, IZ-55, IZ-59 | Z22; Z23; Z34/Z44; RSP | MSH-9 | E |
//! | IZ-41, IZ-42, IZ-52, IZ-53, IZ-57, IZ-58 | per profile | MSH-15, MSH-16 | W |
//! | IZ-43, IZ-54, IZ-56, IZ-64, IZ-61, IZ-60, IZ-63, IZ-65 | one each | MSH-21, first repetition | E |
//! | IZ-67, IZ-68, IZ-71 (+ IZ-67b, IZ-68b, IZ-71b for the text) | Z34/Z31/Z32; Z44/Z42; Z33 | QPD-1 | E (text W) |
//! | IZ-27 | Z34, Z44 | RCP-1 | W |
//! | IZ-46; IZ-72 | Z22/Z32/Z42; Z31 | PID-1 | W |
//! | IZ-70 | Z22, Z31, Z32 | NK1-1, numbered per patient | W |
//! | IZ-69 | Z22, Z32 | IN1-1 (numbered from 1) | W |
//! | IZ-66 | all | every XPN_M (PID-6, QPD-5) | W |
//! | IZ-25 | Z22, Z32, Z42 | ORC-1 | W |
//! | IZ-28, IZ-29, IZ-30 | Z22, Z32, Z42 | RXA-1, RXA-2, RXA-4 | W |
//! | IZ-31, IZ-47, IZ-32 | Z22, Z32, Z42 | RXA-9, RXA-20 | E |
//! | IZ-48, IZ-49 | Z22, Z32, Z42 | RXA-6 | W |
//! | IZ-45 | Z22, Z32, Z42 | ORC-3.1 of the group | W |
//! | IZ-23 | Z22 | the RXA of an administered dose without 64994-7 | E |
//! | IZ-24 | Z22 | OBX-4 of an incomplete VIS set | W |
//! | IZ-22, IZ-44, NIST-01 | Z22, Z32, Z42 | OBX-11, OBX-4, OBX-1 | W |
//! | IZ-35; IZ-36, IZ-37 | Z22/Z32; Z22/Z32/Z42 | OBX-5.1 | E |
//! | IZ-TS_Z, IZ-TS_NZ, IZ-TS_M, IZ-DT_D | all | every field of the flavour | E |
//! | IZ-TS | Z44, Z42 (IZ-TS_NZ in Z32) | QPD-12 | E |
//!
//! Severities: [`rules`] says why each warning is one.
//!
//! ## Profile-specific usage
//!
//! The declarations carry the Z22 usage; [`profiles`] is the one table of what the other profiles
//! state differently (Z42: RXA-15/16/21, ORC-10/12, PID-6/10/13/22/24/25/29, OBX-17 optional; Z32:
//! RXA-21 optional; MSH-17..20 and the cardinality of MSH-18/21 per profile; the flavours a
//! statement follows). The structure rules read usage and cardinality from it. It also checks the
//! segment level of the RSP profiles, which one decoder structure holds together: segments a
//! profile does not have (SFT in Z31/Z33/Z42; PD1, NK1, PV1, IN1 in Z42; anything after QPD in
//! Z33; order groups in Z31), a second patient in Z32/Z42, and the groups they require (a patient
//! in Z31/Z32/Z42; in Z42 at least one order group, each with at least one OBX).
//!
//! ## Statements not implemented, or implemented under another id
//!
//! | id | profile | why |
//! |---|---|---|
//! | IZ-TS_NZ on RXA-4 | Z32 | RXA-4 is plain TS elsewhere; IZ-30 already asks RXA-4 to equal RXA-3, whose own form IZ-TS_NZ checks. |
//! | IZ-7 | himss-v11 (VID_IZ.1 = 2.5.1) | The same field and value as IZ-15, reported once as IZ-15. |
//! | IZ-20 | himss-v11 | The same statement as NIST-01 (OBX-1 numbering), reported as NIST-01. |
//! | IZ-17a/b/c, IZ-43a/b, IZ-51a/b/c, IZ-54a/b, IZ-55a/b/c, IZ-56a/b, IZ-59a/b/c, IZ-60a/b, IZ-61a/b, IZ-63a/b, IZ-64a/b, IZ-65a/b, IZ-67a/c, IZ-68a/c, IZ-71a/c | himss-v11 | Splits of the cdc-ig statements by component, reported under the cdc-ig id at the component at fault. For MSH-21 the cdc-ig reading (the first repetition names the profile, as the IG's text says) is kept over v11's "at least one repetition". |
//! | XPN_7 (Name Type Code) | himss-v11 | The same statement as IZ-66, reported as IZ-66. |
//! | DT_D_DateTimeConstraint, DTM_M_DateTimeConstraint, DTM_Z_DateTimeConstraint, DTM_NZ_DateTimeConstraint | himss-v11 | The same forms as IZ-DT_D, IZ-TS_M, IZ-TS_Z and IZ-TS_NZ, reported under those ids (the date/time flavour statements apply to every field of the flavour, as v11's data-type constraints do). |
//! | DT_DateTimeConstraint, DTM_DateTimeConstraint, TM_DateTimeConstraint | himss-v11 | The base HL7 forms of DT, DTM and TM: the decoder's data-type check (rule IG-DATA-TYPE) already judges them. |
//! | DTM_IZ_DateTimeConstraint | himss-v11 | No field of the declarations carries the DTM_IZ flavour (v11's TS_IZ); its TS fields are base TS, checked as DTM by the decoder. |
//! | the "no VIS at all" reading of IZ-24 | Z22 | IZ-24 asks "for each VIS that was shared"; a dose without any VIS observation is the data-quality check DQ-VIS-001's, so it is not reported twice. NIST's plugin for IZ-24 is not public; the statement's text is what is checked. |
//!
//! Deviations in reading, stated once:
//!
//! * TS_NZ and TS_M values with a time zone are refused, as both NIST sets' patterns do (the HL7 DTM
//!   would allow one); fractional seconds of one to four digits are accepted (himss-v11), where the
//!   cdc-ig pattern asks for exactly four.
//! * IZ-35, IZ-36 and IZ-37 also apply when OBX-2 is `CWE` (NIST states `CE` only): the binding is
//!   the point, and `CWE` is the 2.5.1 successor the IG allows. A code sent under another coding
//!   system than the value set's (a state's own eligibility codes) is not judged.
//! * IZ-69 numbers IN1 segments from 1 (the VXU structure lets the INSURANCE group repeat); with one
//!   IN1 that is NIST's "SHALL be '1'".
//! * IZ-24 takes the vaccine from RXA-5.1 as NIST does (an NDC-coded dose is not looked up), and
//!   tracks at most [`orders::VIS_SETS`] VIS sets per dose.

mod flavours;
mod format;
mod orders;
pub(crate) mod profiles;
mod rules;
mod statements;

use std::sync::OnceLock;

use crate::codes::Membership;
use crate::model::reflect::{SegmentRef, SegmentView, ValueRef};

use super::MessageProfile as P;
use super::context::{Cx, Place};
use super::plan::{PROFILES, SegFacts, profile_index};
use super::rule::Rule;

pub(crate) use format::Precision;
pub(crate) use orders::State;
pub(crate) use rules::RULES;

/// Fields whose codes a conformance statement judges (the generic value-set rule leaves them): the
/// statement names the one value (or the values) the field may hold.
pub(crate) static DEDICATED_VALUE_CHECKS: &[(&str, u16)] = &[
    ("MSH", 15), // IZ-41/42/52/53/57/58
    ("MSH", 16),
    ("MSH", 21), // IZ-43 ... IZ-65
    ("RCP", 1),  // IZ-27
    ("ORC", 1),  // IZ-25
    ("RXA", 9),  // IZ-31, IZ-47
    ("OBX", 11), // IZ-22
];

/// What a statement checks.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// The value is exactly this.
    Equals(&'static str),
    /// The value is one of these.
    OneOf(&'static [&'static str]),
    /// The value is a positive integer.
    PositiveInteger,
    /// The value is an ISO OID.
    IsoOid,
    /// The value is a date/time of this form.
    Format(Precision),
    /// The value is the segment's number among its kind (from 1).
    Sequential(Counter),
    /// OBX-5.1 is in `value_set` when OBX-3.1 is `observation` and OBX-2 is coded.
    CodedValue {
        /// The LOINC code of OBX-3.1 the statement is about.
        observation: &'static str,
        /// The value set OBX-5.1 must be in.
        value_set: &'static str,
    },
    /// Anything else, in code.
    Custom(for<'m> fn(&mut Cx<'m>, SegmentRef<'m>, &'static Statement)),
}

/// Which segments a [`Check::Sequential`] statement numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Counter {
    /// PID segments, across the message (the candidates of a Z31).
    Patient = 0,
    /// NK1 segments of one patient.
    NextOfKin,
    /// IN1 segments of one patient.
    Insurance,
    /// OBX segments, across the message or within each order group (NIST-01 accepts either).
    Observation,
}

/// Where a statement looks.
#[derive(Clone, Copy)]
pub(crate) enum Target {
    /// A field of a segment, or a component (`path[0]`) or subcomponent (`path[1]`) of it; its first
    /// repetition.
    Field {
        /// Segment id (the row is met at this segment, except IZ-45: evaluated at the RXA,
        /// reported at its group's ORC).
        #[cfg_attr(not(test), allow(dead_code))]
        segment: &'static str,
        /// Field.
        field: u16,
        /// Component, subcomponent (0: not that deep).
        path: [u16; 2],
    },
    /// Every field or component declared with this data-type flavour, every repetition; `path` goes
    /// into the flavour's value.
    Flavour {
        /// The flavour as the declarations spell it (`HD_IZ`).
        datatype: &'static str,
        /// Component, subcomponent of the flavour's value (0: the value itself).
        path: [u16; 2],
    },
}

/// One conformance statement: a rule, where it looks and what it checks.
pub(crate) struct Statement {
    /// The rule (its id is the statement's).
    pub rule: &'static Rule,
    /// The message profiles this row applies to (empty: every profile the rule applies to).
    pub profiles: &'static [P],
    /// Where it looks.
    pub target: Target,
    /// What it checks.
    pub check: Check,
}

impl Statement {
    /// True when the row applies to messages of `profile` (the rows' and the rule's profiles).
    fn applies_to(&self, profile: Option<P>) -> bool {
        (self.profiles.is_empty() || profile.is_some_and(|p| self.profiles.contains(&p)))
            && self.rule.applies_to(profile)
    }

    /// The field the row looks at, for a row about a field.
    pub(crate) fn field(&self) -> u16 {
        match self.target {
            Target::Field { field, .. } => field,
            Target::Flavour { .. } => 0,
        }
    }
}

/// What the statements check in the segments of one id, under one message profile: the rows about
/// the segment that apply to the profile, then the flavour sites.
struct Plan {
    rows: Vec<&'static Statement>,
    /// For each row about a coded value, its value set, prepared.
    sets: Vec<Option<Membership>>,
    sites: Vec<flavours::Applied>,
}

/// The plans, `[profile][segment]` (segments as [`Catalogue::segment_by_id`](super::plan::Catalogue::segment_by_id) numbers them).
fn plans() -> &'static [Vec<Plan>] {
    static PLANS: OnceLock<Vec<Vec<Plan>>> = OnceLock::new();
    PLANS.get_or_init(|| {
        (0..PROFILES)
            .map(|p| {
                let profile = P::ALL.get(p).copied();
                crate::model::segments::ALL
                    .iter()
                    .map(|decl| {
                        let rows: Vec<&'static Statement> = statements::of_segment(decl.id)
                            .iter()
                            .filter(|st| st.applies_to(profile))
                            .collect();
                        let sets = rows
                            .iter()
                            .map(|st| match st.check {
                                Check::CodedValue { value_set, .. } => {
                                    crate::codes::value_set(value_set).map(Membership::new)
                                }
                                _ => None,
                            })
                            .collect();
                        Plan {
                            rows,
                            sets,
                            sites: flavours::applied(decl.id, profile),
                        }
                    })
                    .collect()
            })
            .collect()
    })
}

/// Which rows and flavour sites of each plan (`[profile][segment]`, flattened) a profile turns off,
/// as bits (the first 64 of each; any further one is asked at the time).
pub(crate) fn off_masks(off: impl Fn(&Rule) -> bool) -> Vec<(u64, u64)> {
    let mask = |rules: &mut dyn Iterator<Item = &'static Rule>| {
        rules
            .take(64)
            .enumerate()
            .filter(|(_, r)| off(r))
            .fold(0u64, |m, (i, _)| m | 1 << i)
    };
    plans()
        .iter()
        .flatten()
        .map(|plan| {
            (
                mask(&mut plan.rows.iter().map(|st| st.rule)),
                mask(&mut plan.sites.iter().map(flavours::Applied::rule)),
            )
        })
        .collect()
}

/// True when row or site `i` of a plan is turned off: by its bit in `mask`
/// ([`off_masks`]), or asked for one past the first 64.
fn is_off(cx: &Cx<'_>, mask: u64, i: usize, rule: &Rule) -> bool {
    if i < 64 {
        mask & (1 << i) != 0
    } else {
        cx.off(rule)
    }
}

/// Checks the statements about one segment, in the order the walk meets it.
pub(crate) fn check_segment<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, facts: &SegFacts) {
    if seg.extra {
        return;
    }
    let view = seg.segment;
    let id = view.id();
    orders::enter(cx, seg, id);
    profiles::check_segment(cx, seg);
    let profile = profile_index(cx.message_profile);
    if let Some((plan, segment)) = facts
        .by_id
        .and_then(|s| Some((plans().get(profile)?.get(s)?, s)))
    {
        let (rows_off, sites_off) = cx.plan.conformance_off(profile, segment);
        // The fields a declared segment holds; a segment kept generically under a declared id is
        // read field by field (all bits set).
        let (declared, present) = (facts.declared, facts.present);
        let has =
            |field: u16| field == 0 || field > 128 || present & (1u128 << ((field - 1) % 128)) != 0;
        let mut obx3: Option<&[u8]> = None;
        for (i, st) in plan.rows.iter().enumerate() {
            if is_off(cx, rows_off, i, st.rule) {
                continue;
            }
            match (st.check, st.target) {
                (Check::Custom(f), _) => f(cx, seg, st),
                (Check::CodedValue { observation, .. }, _) => {
                    let code = *obx3.get_or_insert_with(|| view.text_bytes(3));
                    let set = plan.sets.get(i).and_then(Option::as_ref);
                    orders::coded_value(cx, seg, st, observation, code, set);
                }
                (check, Target::Field { field, path, .. }) => {
                    if !has(field) {
                        continue;
                    }
                    let place = Place::field(seg, field);
                    if let Some(v) = view.field(field).first() {
                        check_value(cx, st, check, place, v, path);
                    }
                }
                (_, Target::Flavour { .. }) => {}
            }
        }
        flavours::check_segment(cx, seg, &plan.sites, declared, present, sites_off);
    }
    orders::leave(cx, seg, id);
}

/// The value at `path` inside `v` (a component 1 of a primitive is the primitive itself).
fn at_path<'a>(v: ValueRef<'a>, path: [u16; 2]) -> Option<ValueRef<'a>> {
    let mut v = v;
    for n in path {
        if n == 0 {
            break;
        }
        v = match v {
            ValueRef::Composite(c) => c.component(n)?,
            ValueRef::Text(_) | ValueRef::Varies(_) if n == 1 => v,
            _ => return None,
        };
    }
    Some(v)
}

/// True when a text is empty or only whitespace (as `str::trim` reads it).
fn blank(text: &[u8]) -> bool {
    if text.is_ascii() {
        text.iter().all(|b| char::from(*b).is_whitespace())
    } else {
        std::str::from_utf8(text).is_ok_and(|t| t.trim().is_empty())
    }
}

/// Runs a value check of `st` on `v` (a field repetition at `place`), at `path` inside it.
fn check_value<'m>(
    cx: &mut Cx<'m>,
    st: &'static Statement,
    check: Check,
    mut place: Place<'m>,
    v: ValueRef<'_>,
    path: [u16; 2],
) {
    let Some(value) = at_path(v, path) else {
        return;
    };
    let text = value.text_bytes();
    if blank(text) {
        return; // absent (or blank): the usage rules judge presence
    }
    for n in path {
        if n > 0 {
            place = place.component(n);
        }
    }
    let fault = match check {
        Check::Equals(expected) => (text != expected.as_bytes()).then_some(Fault::Value),
        Check::OneOf(allowed) => {
            (!allowed.iter().any(|a| a.as_bytes() == text)).then_some(Fault::Value)
        }
        Check::PositiveInteger => (!format::is_positive_integer(text)).then_some(Fault::Integer),
        Check::IsoOid => (!format::is_iso_oid(text)).then_some(Fault::Oid),
        Check::Format(p) => p.fault(text).map(|f| Fault::Form(p, f)),
        Check::Sequential(counter) => {
            let (expected, also) = cx.conformance.expected(counter);
            let n = parse_number(text);
            (n != Some(expected)
                && (also.is_none() || n != also)
                && cx.conformance.report_numbering(counter))
            .then_some(Fault::Number(expected))
        }
        Check::CodedValue { .. } | Check::Custom(_) => None,
    };
    if let Some(fault) = fault {
        let text = std::str::from_utf8(text).unwrap_or("");
        emit_fault(cx, st, check, place, text, fault);
    }
}

/// A number written with digits only.
fn parse_number(text: &[u8]) -> Option<u32> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// How a value fails its statement.
#[derive(Clone, Copy)]
enum Fault {
    /// Not the value (or one of the values) the statement names.
    Value,
    /// Not a positive integer.
    Integer,
    /// Not an ISO OID.
    Oid,
    /// Not the date/time form.
    Form(Precision, format::Fault),
    /// Not its number in sequence.
    Number(u32),
}

/// What the place is, in the IG's words: "Name Type Code (PID-6.7)", "Date/Time of Birth (PID-7)".
pub(crate) fn describe(place: &Place<'_>) -> String {
    let path = place.location().path();
    let view: &dyn SegmentView = place.seg.segment;
    let Some(def) = view.field_def(place.field) else {
        return path;
    };
    let mut label = def.label;
    if place.component > 0
        && let Some(comps) = crate::model::types::components_of(def.datatype)
        && let Some(c) = comps.get(usize::from(place.component) - 1)
    {
        label = c.label;
        if place.subcomponent > 0
            && let Some(subs) = crate::model::types::components_of(c.datatype)
            && let Some(s) = subs.get(usize::from(place.subcomponent) - 1)
        {
            label = s.label;
        }
    }
    format!("{label} ({path})")
}

/// Reports a value that fails its statement. Values appear in the text only for codes (the values
/// the statements name); dates, identifiers and OIDs never do.
#[cold]
#[inline(never)]
fn emit_fault<'m>(
    cx: &mut Cx<'m>,
    st: &'static Statement,
    check: Check,
    place: Place<'m>,
    text: &str,
    fault: Fault,
) {
    let what = describe(&place);
    let subject = cx.subject(&place);
    let id = st.rule.id;
    let (message, fix) = match (fault, check) {
        (Fault::Value, Check::Equals(expected)) if text.trim() == expected => (
            format!("{what} has spaces around '{expected}' for {subject}; the guide requires exactly '{expected}' ({id})."),
            format!("Have the interface send '{expected}' in {} without spaces.", place.location().path()),
        ),
        (Fault::Value, Check::Equals(expected)) => (
            format!("{what} is '{text}' for {subject}; the guide requires '{expected}' ({id})."),
            format!("Have the interface send '{expected}' in {}.", place.location().path()),
        ),
        (Fault::Value, Check::OneOf(allowed)) => {
            let list = allowed
                .iter()
                .map(|a| format!("'{a}'"))
                .collect::<Vec<_>>()
                .join(" or ");
            (
                format!("{what} is '{text}' for {subject}; the guide requires {list} ({id})."),
                format!("Have the interface send {list} in {}.", place.location().path()),
            )
        }
        (Fault::Integer, _) => (
            format!("{what} is not a positive whole number for {subject} ({id})."),
            format!("Send a whole number from 1 up in {}.", place.location().path()),
        ),
        (Fault::Oid, _) => (
            format!("{what} is not an ISO object identifier (OID) for {subject} ({id})."),
            "Send the organization's OID (digits separated by dots, such as 2.16.840.1.113883.x.y), or leave the universal ID empty and send the namespace ID."
                .to_string(),
        ),
        (Fault::Form(p, f), _) => (
            format!("{what} {} for {subject} ({id}).", f.words()),
            format!("Send it as {}.", p.pattern()),
        ),
        (Fault::Number(n), _) => (
            format!("{what} is '{text}' for {subject}; it should be {n}, numbering from 1 in order ({id})."),
            format!("Number these segments 1, 2, 3 ... in {}.", place.location().path()),
        ),
        _ => return,
    };
    // The value is kept in the issue only when the caller asks for values (`Cx::emit`).
    cx.emit(st.rule, place, message, fix, Some(text));
}
