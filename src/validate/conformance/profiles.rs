//! Where the eight message profiles differ from the declarations.
//!
//! The `segment!` declarations of [`crate::model::segments`] carry the Z22 (VXU) usage, cardinality
//! and data-type flavour of every field. The other profiles change a few of them (NIST's per-message
//! profiles, `ig-1.5-segments.md` "Profile-specific segment flavor differences"); this table is the
//! one place that says how. The structure rules read the usage and cardinality from here
//! ([`effective`]); the conformance statements that follow a data-type flavour (HD_IZ, XPN_M ...) read
//! the flavour ([`flavour`]).
//!
//! Segment-level differences of the RSP profiles (which segments each one has, and the groups it
//! requires) are checked by [`check_segment`], with the structure rules' ids.

use crate::model::Message;
use crate::model::decl::{FieldDef, Max, Usage};
use crate::model::reflect::SegmentRef;

use super::super::context::{Cx, Place};
use super::super::structure::{IG_SEGMENT_MISSING, IG_SEGMENT_UNEXPECTED};
use super::super::{MessageProfile as P, Rule};

/// How one profile changes one field of a segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldOverride {
    /// The field (sequence number).
    pub field: u16,
    /// Its usage in this profile, when it differs.
    pub usage: Option<Usage>,
    /// Its maximum cardinality in this profile, when it differs.
    pub max: Option<Max>,
    /// Its data-type flavour in this profile, when it differs in a way a conformance statement
    /// follows (`XCN` instead of `XCN_IZ` takes XCN.9 out of the HD_IZ statements).
    pub datatype: Option<&'static str>,
}

const fn usage(field: u16, u: Usage) -> FieldOverride {
    FieldOverride {
        field,
        usage: Some(u),
        max: None,
        datatype: None,
    }
}

const fn max(field: u16, m: Max) -> FieldOverride {
    FieldOverride {
        field,
        usage: None,
        max: Some(m),
        datatype: None,
    }
}

const fn flavour_of(field: u16, datatype: &'static str) -> FieldOverride {
    FieldOverride {
        field,
        usage: None,
        max: None,
        datatype: Some(datatype),
    }
}

const fn all(field: u16, u: Usage, m: Max, datatype: &'static str) -> FieldOverride {
    FieldOverride {
        field,
        usage: Some(u),
        max: Some(m),
        datatype: Some(datatype),
    }
}

const O: Usage = Usage::O;
const X: Usage = Usage::X;
const ONE: Max = Max::N(1);
const MANY: Max = Max::Unbounded;

// MSH: Z34 and Z32 allow one character set; Z44, Z31, Z33 and Z42 none of MSH-17..20 (NIST: O
// [0..0], read as not supported); MSH-21 holds one profile in Z31, Z33, Z34, Z42 and Z44.
static MSH_Z34: &[FieldOverride] = &[max(18, ONE), max(21, ONE)];
static MSH_Z32: &[FieldOverride] = &[max(18, ONE)];
static MSH_NO_LOCALE: &[FieldOverride] = &[
    usage(17, X),
    usage(18, X),
    usage(19, X),
    usage(20, X),
    max(21, ONE),
];
// SFT-1 is a plain XON (no HD_IZ in XON.6) outside Z22 and Z34.
static SFT_XON: &[FieldOverride] = &[flavour_of(1, "XON")];
// Z31 states the PD1 effective dates as plain DT.
static PD1_Z31: &[FieldOverride] = &[
    flavour_of(13, "DT"),
    flavour_of(17, "DT"),
    flavour_of(18, "DT"),
];
// Z32: RXA-21 is O.
static RXA_Z32: &[FieldOverride] = &[usage(21, O)];
// Z42: the evaluated history may leave out what the forecast does not need.
static PID_Z42: &[FieldOverride] = &[
    all(6, O, ONE, "XPN"),
    all(10, O, MANY, "CE"),
    all(13, O, MANY, "XTN"),
    all(22, O, ONE, "CE"),
    usage(24, O),
    usage(25, O),
    usage(29, O),
];
static ORC_Z42: &[FieldOverride] = &[
    max(7, MANY),
    all(10, O, MANY, "XCN"),
    all(12, O, MANY, "XCN"),
];
static RXA_Z42: &[FieldOverride] = &[usage(15, O), usage(16, O), usage(21, O)];
static OBX_Z42: &[FieldOverride] = &[FieldOverride {
    field: 17,
    usage: Some(O),
    max: None,
    datatype: Some("CE"),
}];

/// The fields of `segment` that `profile` states differently from the declarations (usually none).
pub(crate) fn overrides(profile: Option<P>, segment: &str) -> &'static [FieldOverride] {
    let Some(profile) = profile else {
        return &[];
    };
    match (profile, segment) {
        (P::Z34, "MSH") => MSH_Z34,
        (P::Z32, "MSH") => MSH_Z32,
        (P::Z44 | P::Z31 | P::Z33 | P::Z42, "MSH") => MSH_NO_LOCALE,
        (P::Z23 | P::Z44 | P::Z31 | P::Z32 | P::Z33 | P::Z42, "SFT") => SFT_XON,
        (P::Z31, "PD1") => PD1_Z31,
        (P::Z32, "RXA") => RXA_Z32,
        (P::Z42, "PID") => PID_Z42,
        (P::Z42, "ORC") => ORC_Z42,
        (P::Z42, "RXA") => RXA_Z42,
        (P::Z42, "OBX") => OBX_Z42,
        _ => &[],
    }
}

/// The usage and cardinality of `def` under the profile's `overrides` for its segment.
pub(crate) fn effective(def: &FieldDef, overrides: &[FieldOverride]) -> (Usage, Max) {
    match overrides.iter().find(|o| o.field == def.seq) {
        None => (def.usage, def.max),
        Some(o) => (o.usage.unwrap_or(def.usage), o.max.unwrap_or(def.max)),
    }
}

/// The data-type flavour of `def` under the profile's `overrides` for its segment.
pub(crate) fn flavour(def: &FieldDef, overrides: &[FieldOverride]) -> &'static str {
    overrides
        .iter()
        .find(|o| o.field == def.seq)
        .and_then(|o| o.datatype)
        .unwrap_or(def.datatype)
}

/// Which segments an RSP profile has (NIST's message structures): the one RSP structure the decoder
/// reads holds all four, so a segment one of them does not have is found here.
pub(crate) fn rsp_has(profile: P, id: &str) -> bool {
    match profile {
        // MSH MSA ERR QAK QPD, then PATIENT groups of PID PD1 NK1 (SFT is X).
        P::Z31 => matches!(
            id,
            "MSH" | "MSA" | "ERR" | "QAK" | "QPD" | "PID" | "PD1" | "NK1"
        ),
        // MSH SFT MSA ERR QAK QPD PID PD1 NK1 PV1 IN1 and ORDER groups (ORC RXA RXR OBX NTE).
        P::Z32 => !matches!(id, "TQ1" | "TQ2"),
        // MSH MSA ERR QAK QPD only.
        P::Z33 => matches!(id, "MSH" | "MSA" | "ERR" | "QAK" | "QPD"),
        // MSH MSA ERR QAK QPD PID and IZ_HISTORY_FORECAST groups (ORC RXA RXR OBX).
        P::Z42 => matches!(
            id,
            "MSH" | "MSA" | "ERR" | "QAK" | "QPD" | "PID" | "ORC" | "RXA" | "RXR" | "OBX"
        ),
        _ => true,
    }
}

/// Segment-level differences of the RSP profiles: segments the profile does not have, a second
/// patient where the profile holds one, and the groups Z31, Z32 and Z42 require (a patient; for Z42
/// at least one evaluated dose or forecast, each with its observations).
pub(crate) fn check_segment<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>) {
    let Some(profile) = cx.message_profile else {
        return;
    };
    let Message::Rsp(rsp) = cx.msg else {
        return;
    };
    let id = seg.segment.id();
    if !rsp_has(profile, id) {
        if cx.wants(&IG_SEGMENT_UNEXPECTED) {
            let what = match profile {
                P::Z33 => "a response without patient records (Z33)",
                P::Z31 => "a list of candidates (Z31), which carries no vaccinations",
                P::Z42 => "an evaluated history and forecast (Z42)",
                _ => "this response profile",
            };
            cx.emit(
                &IG_SEGMENT_UNEXPECTED,
                Place::segment(seg),
                format!("Segment {id} is not part of {what}; the receiver ignores it."),
                format!("Leave {id} out of {} responses.", profile.as_str()),
                None,
            );
        }
        return;
    }
    match (profile, id) {
        (P::Z31 | P::Z32 | P::Z42, "QPD") if rsp.patients.is_empty() => {
            emit_missing(
                cx,
                &IG_SEGMENT_MISSING,
                seg,
                "PID",
                format!(
                    "The response has no patient (PID), but profile {} returns {}.",
                    profile.as_str(),
                    if profile == P::Z31 {
                        "candidate patients"
                    } else {
                        "one patient's record"
                    }
                ),
                "Send the patient's PID segment, or answer with a Z33 response when no patient matched."
                    .to_string(),
            );
        }
        (P::Z32 | P::Z42, "PID") if seg.occurrence > 1 && cx.wants(&IG_SEGMENT_UNEXPECTED) => {
            cx.emit(
                &IG_SEGMENT_UNEXPECTED,
                Place::segment(seg),
                format!(
                    "A second patient (PID) is in a {} response, which returns one patient; the receiver reads only the first.",
                    profile.as_str()
                ),
                "Return several candidates as a Z31 list, or one patient per response.".to_string(),
                None,
            );
        }
        (P::Z42, "PID")
            if seg.occurrence == 1 && rsp.patients.first().is_some_and(|p| p.orders.is_empty()) =>
        {
            emit_missing(
                cx,
                &IG_SEGMENT_MISSING,
                seg,
                "ORC",
                "The evaluated history and forecast (Z42) holds no vaccination or forecast group (ORC, RXA, OBX)."
                    .to_string(),
                "Send at least one ORC/RXA group with its evaluation or forecast observations."
                    .to_string(),
            );
        }
        _ => {}
    }
}

/// A group required by the profile is missing: reported at the segment where it was expected, with
/// the missing segment's id as the location, numbered as the structure rules number a missing
/// segment (by its order group inside one, else 1).
pub(crate) fn emit_missing(
    cx: &mut Cx<'_>,
    rule: &'static Rule,
    at: SegmentRef<'_>,
    missing: &str,
    message: String,
    fix: String,
) {
    if !cx.wants(rule) {
        return;
    }
    let before = cx.issues.len();
    cx.emit(rule, Place::segment(at), message, fix, None);
    if let Some((_, issue)) = cx.issues.get_mut(before) {
        issue.location.segment = missing.to_string();
        issue.location.sequence = at.order.map_or(1, |n| u16::try_from(n).unwrap_or(u16::MAX));
        issue.label = None;
    }
}
