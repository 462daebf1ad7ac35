//! The IG's conditional predicates: when a `C(a/b)` field or component takes its first usage. Each
//! is stated once here, keyed by segment and field (or data type and component), with the IG's words
//! beside it. The check plan looks each one up once ([`field_condition`], [`component_condition`])
//! and calls it for the messages it checks.

use crate::model::reflect::{CompositeView, SegmentRef, SegmentView};
use crate::model::segments::Rxa;

use super::context::Cx;

/// A field's predicate: `true` when its first usage applies.
pub(crate) type FieldCondition = for<'a, 'm> fn(&Cx<'m>, SegmentRef<'a>) -> bool;

/// A component's predicate, given the composite and which of its components are valued (bit
/// `n - 1` for component `n`, [`CompositeView::valued_components`]).
pub(crate) type ComponentCondition = fn(&dyn CompositeView, u64) -> bool;

fn seg_valued(s: SegmentRef<'_>, n: u16) -> bool {
    let s: &dyn SegmentView = s.segment;
    !s.is_blank(n)
}

fn seg_is(s: SegmentRef<'_>, n: u16, v: &str) -> bool {
    seg_text(s, n) == v.as_bytes()
}

fn seg_text(s: SegmentRef<'_>, n: u16) -> &[u8] {
    let s: &dyn SegmentView = s.segment;
    s.text_bytes(n)
}

/// The predicate of field `seq` of segment `id`, when the field has one here.
pub(crate) fn field_condition(id: &str, seq: u16) -> Option<FieldCondition> {
    Some(match (id, seq) {
        // PID-25 birth order: required-if-known when PID-24 (multiple birth indicator) is Y.
        ("PID", 25) => |_, s| seg_is(s, 24, "Y"),
        // PID-29 death date: required-if-known when PID-30 (death indicator) is Y, else not sent.
        ("PID", 29) => |_, s| seg_is(s, 30, "Y"),
        // PD1-13/17/18 effective dates: when PD1-12 / PD1-16 / PD1-11 is valued.
        ("PD1", 13) => |_, s| seg_valued(s, 12),
        ("PD1", 17) => |_, s| seg_valued(s, 16),
        ("PD1", 18) => |_, s| seg_valued(s, 11),
        // ORC-12 ordering provider: required-if-known for an administered dose.
        ("ORC", 12) => |cx, s| s.order.and_then(|n| cx.rxa(n)).is_some_and(is_administered),
        // RXA-7 units: required unless RXA-6 is 999; not sent when it is.
        ("RXA", 7) => |_, s| seg_text(s, 6) != b"999",
        // RXA-9 administration notes: required when RXA-20 is CP or PA (NIST IZ-31/IZ-47).
        ("RXA", 9) => |_, s| matches!(seg_text(s, 20), b"CP" | b"PA"),
        // RXA-10/11/15/17: for an administered dose (RXA-9.1 = 00, RXA-20 CP, PA or empty).
        ("RXA", 10 | 11 | 15 | 17) => |_, s| administered(s.segment),
        // RXA-16 expiration date: required-if-known when RXA-15 (lot) is valued.
        ("RXA", 16) => |_, s| seg_valued(s, 15),
        // RXA-18 refusal reason: required when RXA-20 is RE; not sent otherwise.
        ("RXA", 18) => |_, s| seg_is(s, 20, "RE"),
        // RXA-21 action code: required unless RXA-5.1 is 998 (no vaccine administered).
        ("RXA", 21) => |_, s| seg_text(s, 5) != b"998",
        // OBX-6 units: required when OBX-2 is NM.
        ("OBX", 6) => |_, s| seg_is(s, 2, "NM"),
        // OBX-17 observation method: required-if-known when OBX-3.1 is 64994-7 (VFC eligibility).
        ("OBX", 17) => |_, s| {
            seg_is(
                s,
                3,
                crate::model::domain::observation_codes::FUNDING_ELIGIBILITY,
            )
        },
        _ => return None,
    })
}

/// True for an administered dose: RXA-9.1 is 00 (new record) and RXA-20 is CP, PA or empty (the
/// data-quality catalogue's definition).
pub(crate) fn administered(rxa: &dyn SegmentView) -> bool {
    rxa.text_bytes(9) == crate::model::domain::NEW_RECORD.as_bytes()
        && matches!(rxa.text_bytes(20), b"CP" | b"PA" | b"")
}

fn is_administered(rxa: &Rxa) -> bool {
    administered(rxa)
}

fn comp_text(c: &dyn CompositeView, n: u16) -> &[u8] {
    c.component(n).map_or(&[], |v| v.text_bytes())
}

const fn bit(n: u16) -> u64 {
    1 << ((n - 1) % 64)
}

/// The predicate of component `seq` of a composite of type `type_name`, when it has one here.
pub(crate) fn component_condition(type_name: &str, seq: u16) -> Option<ComponentCondition> {
    Some(match (type_name, seq) {
        // CWE/CE: coding system when the identifier is valued; alternate text and system when the
        // alternate identifier is.
        ("CWE", 3) => |_, m| m & bit(1) != 0,
        ("CWE", 5 | 6) => |_, m| m & bit(4) != 0,
        // CX-3 check digit scheme: only when CX-2 is valued.
        ("CX", 3) => |_, m| m & bit(2) != 0,
        // XTN: email for NET; area code and local number otherwise.
        ("XTN", 4) => |c, _| comp_text(c, 2) == b"NET",
        ("XTN", 6 | 7) => |c, m| comp_text(c, 2) != b"NET" && m & (bit(6) | bit(7) | bit(2)) != 0,
        // XCN: ID when the family and given names are both empty; its authority and type when it is
        // valued; check digit scheme when the check digit is.
        ("XCN", 1) => |_, m| m & (bit(2) | bit(3)) == 0,
        ("XCN", 9 | 13) => |_, m| m & bit(1) != 0,
        ("XCN", 12) => |_, m| m & bit(11) != 0,
        // XON: authority and type when the organisation identifier is valued; that identifier when
        // the name is empty.
        ("XON", 6 | 7) => |_, m| m & bit(10) != 0,
        ("XON", 10) => |_, m| m & bit(1) == 0,
        // HD: namespace when the universal ID is empty and the reverse; its type when it is valued.
        ("HD", 1) => |_, m| m & bit(2) == 0,
        ("HD", 2) => |_, m| m & bit(1) == 0,
        ("HD", 3) => |_, m| m & bit(2) != 0,
        // EI: the same, one position later.
        ("EI", 2) => |_, m| m & bit(3) == 0,
        ("EI", 3) => |_, m| m & bit(2) == 0,
        ("EI", 4) => |_, m| m & bit(3) != 0,
        // ERL: each level is required when the one below it is valued.
        ("ERL", 3) => |_, m| m & bit(4) != 0,
        ("ERL", 4) => |_, m| m & bit(5) != 0,
        ("ERL", 5) => |_, m| m & bit(6) != 0,
        _ => return None,
    })
}

/// Fields whose codes a dedicated rule judges (with its own severity and words), so the generic
/// value-set rule leaves them alone. The data-quality rules judge theirs only in the message
/// profiles they apply to (a VXU); elsewhere the generic rule still does.
pub(crate) fn has_dedicated_check(
    profile: Option<super::MessageProfile>,
    segment: &str,
    field: u16,
) -> bool {
    let is = |(s, f): &(&str, u16)| *s == segment && *f == field;
    (profile.is_some_and(|p| super::quality::VXU.contains(&p))
        && super::quality::DEDICATED_VALUE_CHECKS.iter().any(is))
        || super::conformance::DEDICATED_VALUE_CHECKS.iter().any(is)
}
