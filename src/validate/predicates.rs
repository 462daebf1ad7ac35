//! The IG's conditional predicates: when a `C(a/b)` field or component takes its first usage. Each
//! is stated once here, keyed by segment and field (or data type and component), with the IG's words
//! beside it.

use crate::model::reflect::{CompositeView, SegmentRef, SegmentView};
use crate::model::segments::Rxa;

use super::context::Cx;

/// The predicate of field `seq` of `seg`: `Some(true)` when its first usage applies, `Some(false)`
/// when the second does, `None` when the field has no predicate here.
pub(crate) fn field_condition(cx: &Cx<'_>, seg: SegmentRef<'_>, seq: u16) -> Option<bool> {
    let s: &dyn SegmentView = seg.segment;
    let valued = |n: u16| !s.is_blank(n);
    let is = |n: u16, v: &str| s.text(n) == v;
    Some(match (s.id(), seq) {
        // PID-25 birth order: required-if-known when PID-24 (multiple birth indicator) is Y.
        ("PID", 25) => is(24, "Y"),
        // PID-29 death date: required-if-known when PID-30 (death indicator) is Y, else not sent.
        ("PID", 29) => is(30, "Y"),
        // PD1-13/17/18 effective dates: when PD1-12 / PD1-16 / PD1-11 is valued.
        ("PD1", 13) => valued(12),
        ("PD1", 17) => valued(16),
        ("PD1", 18) => valued(11),
        // ORC-12 ordering provider: required-if-known for an administered dose.
        ("ORC", 12) => seg
            .order
            .and_then(|n| cx.rxa(n))
            .is_some_and(is_administered),
        // RXA-7 units: required unless RXA-6 is 999; not sent when it is.
        ("RXA", 7) => s.text(6) != "999",
        // RXA-9 administration notes: required when RXA-20 is CP or PA (NIST IZ-31/IZ-47).
        ("RXA", 9) => matches!(s.text(20), "CP" | "PA"),
        // RXA-10/11/15/17: for an administered dose (RXA-9.1 = 00, RXA-20 CP, PA or empty).
        ("RXA", 10 | 11 | 15 | 17) => administered(s),
        // RXA-16 expiration date: required-if-known when RXA-15 (lot) is valued.
        ("RXA", 16) => valued(15),
        // RXA-18 refusal reason: required when RXA-20 is RE; not sent otherwise.
        ("RXA", 18) => is(20, "RE"),
        // RXA-21 action code: required unless RXA-5.1 is 998 (no vaccine administered).
        ("RXA", 21) => s.text(5) != "998",
        // OBX-6 units: required when OBX-2 is NM.
        ("OBX", 6) => is(2, "NM"),
        // OBX-17 observation method: required-if-known when OBX-3.1 is 64994-7 (VFC eligibility).
        ("OBX", 17) => is(
            3,
            crate::model::domain::observation_codes::FUNDING_ELIGIBILITY,
        ),
        _ => return None,
    })
}

/// True for an administered dose: RXA-9.1 is 00 (new record) and RXA-20 is CP, PA or empty (the
/// data-quality catalogue's definition).
pub(crate) fn administered(rxa: &dyn SegmentView) -> bool {
    rxa.text(9) == crate::model::domain::NEW_RECORD && matches!(rxa.text(20), "CP" | "PA" | "")
}

fn is_administered(rxa: &Rxa) -> bool {
    administered(rxa)
}

/// The predicate of component `seq` of a composite.
pub(crate) fn component_condition(c: &dyn CompositeView, seq: u16) -> Option<bool> {
    let valued = |n: u16| c.component(n).is_some_and(|v| !v.is_empty());
    let text = |n: u16| c.component(n).map_or("", |v| v.text());
    Some(match (c.type_name(), seq) {
        // CWE/CE: coding system when the identifier is valued; alternate text and system when the
        // alternate identifier is.
        ("CWE", 3) => valued(1),
        ("CWE", 5 | 6) => valued(4),
        // CX-3 check digit scheme: only when CX-2 is valued.
        ("CX", 3) => valued(2),
        // XTN: email for NET; area code and local number otherwise.
        ("XTN", 4) => text(2) == "NET",
        ("XTN", 6 | 7) => text(2) != "NET" && (valued(6) || valued(7) || valued(2)),
        // XCN: ID when the family and given names are both empty; its authority and type when it is
        // valued; check digit scheme when the check digit is.
        ("XCN", 1) => !valued(2) && !valued(3),
        ("XCN", 9 | 13) => valued(1),
        ("XCN", 12) => valued(11),
        // XON: authority and type when the organisation identifier is valued; that identifier when
        // the name is empty.
        ("XON", 6 | 7) => valued(10),
        ("XON", 10) => !valued(1),
        // HD: namespace when the universal ID is empty and the reverse; its type when it is valued.
        ("HD", 1) => !valued(2),
        ("HD", 2) => !valued(1),
        ("HD", 3) => valued(2),
        // EI: the same, one position later.
        ("EI", 2) => !valued(3),
        ("EI", 3) => !valued(2),
        ("EI", 4) => valued(3),
        // ERL: each level is required when the one below it is valued.
        ("ERL", 3) => valued(4),
        ("ERL", 4) => valued(5),
        ("ERL", 5) => valued(6),
        _ => return None,
    })
}

/// Fields whose codes a dedicated rule judges (with its own severity and words), so the generic
/// value-set rule leaves them alone.
pub(crate) fn has_dedicated_check(segment: &str, field: u16) -> bool {
    super::quality::DEDICATED_VALUE_CHECKS
        .iter()
        .chain(super::conformance::DEDICATED_VALUE_CHECKS)
        .any(|(s, f)| *s == segment && *f == field)
}
