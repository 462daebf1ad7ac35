//! The statements that read more than one field: within an RXA (IZ-30, IZ-31, IZ-32, IZ-47, IZ-48,
//! IZ-49), across an order group (IZ-45 between RXA and ORC; IZ-23 and IZ-24 between RXA and its
//! OBX) and across the message (set IDs). [`State`] follows the walk: it counts segments and holds
//! the order group being read, so every check is one pass over the message and allocates nothing.

use crate::model::Message;
use crate::model::domain::observation_codes as loinc;
use crate::model::message::Order;
use crate::model::reflect::{SegmentRef, SegmentView, ValueRef};

use crate::codes::Membership;

use super::super::MessageProfile as P;
use super::super::context::{Cx, Place};
use super::super::plan::KnownSet;
use super::super::structure::IG_SEGMENT_MISSING;
use super::rules::{IZ_23, IZ_24};
use super::{Counter, Statement, describe};

/// The VIS sets (distinct OBX-4 values of VIS observations) IZ-24 follows per dose; more are not
/// judged (a combination vaccine has at most a few VIS).
pub(crate) const VIS_SETS: usize = 8;

/// RXA-20 completion statuses the statements name (HL7 0322).
const COMPLETE: &str = "CP";
const PARTIAL: &str = "PA";
const REFUSED: &str = "RE";
const NOT_ADMINISTERED: &str = "NA";
/// RXA-5.1 CVX 998, "no vaccine administered" (IZ-49).
const NO_VACCINE: &str = "998";
/// RXA-6 for an unknown or meaningless amount (IZ-48, IZ-49).
const NO_AMOUNT: &str = "999";
/// ORC-3.1 of a dose refused or not given (IZ-45).
const NO_ORDER_NUMBER: &str = "9999";

/// What the conformance statements remember while the message is walked.
#[derive(Default)]
pub(crate) struct State<'m> {
    patients: u32,
    next_of_kin: u32,
    insurance: u32,
    obx_in_group: u32,
    obx_in_message: u32,
    order: Option<usize>,
    orc: Option<SegmentRef<'m>>,
    group: Option<Group<'m>>,
    /// Where the typed patient list was last looked up (RSP): patient index and the orders before it.
    cursor: (usize, usize),
    /// A numbering fault was reported for the counter in its current scope (the message for PID, the
    /// patient for NK1 and IN1, the group for OBX): one gap is reported once, not at every segment
    /// after it.
    numbering_reported: [bool; 4],
}

/// The order group being read, for IZ-23 and IZ-24.
struct Group<'m> {
    rxa: SegmentRef<'m>,
    /// OBX of the group still to come (from the typed order).
    remaining: usize,
    /// IZ-23: `Some(false)` until a 64994-7 is seen, for an administered dose.
    eligibility: Option<bool>,
    /// IZ-24 applies (administered dose of a VIS vaccine).
    vis: bool,
    sets: [Option<VisSet<'m>>; VIS_SETS],
}

/// The VIS observations sharing one OBX-4.
#[derive(Clone, Copy)]
struct VisSet<'m> {
    sub_id: &'m str,
    codes: u8,
    first: SegmentRef<'m>,
}

const BARCODE: u8 = 1;
const VACCINE_TYPE: u8 = 2;
const PUBLISHED: u8 = 4;
const PRESENTED: u8 = 8;

impl<'m> State<'m> {
    /// The number the segment counted by `counter` should carry, and for OBX the other number it
    /// may carry (NIST-01: across the message or within the group).
    pub(crate) fn expected(&self, counter: Counter) -> (u32, Option<u32>) {
        match counter {
            Counter::Patient => (self.patients, None),
            Counter::NextOfKin => (self.next_of_kin, None),
            Counter::Insurance => (self.insurance, None),
            Counter::Observation => (self.obx_in_group, Some(self.obx_in_message)),
        }
    }

    /// True (once per scope) when a numbering fault of `counter` is to be reported.
    pub(crate) fn report_numbering(&mut self, counter: Counter) -> bool {
        self.numbering_reported
            .get_mut(counter as usize)
            .is_some_and(|slot| !std::mem::replace(slot, true))
    }

    /// A new scope for `counter`'s numbering faults.
    fn clear_numbering(&mut self, counter: Counter) {
        if let Some(slot) = self.numbering_reported.get_mut(counter as usize) {
            *slot = false;
        }
    }

    /// The typed order group `n` (from 1). The walk meets groups in order, so the RSP lookup moves a
    /// cursor forward: linear over the message.
    fn order_of(&mut self, msg: &'m Message, n: usize) -> Option<&'m Order> {
        let i = n.checked_sub(1)?;
        match msg {
            Message::Vxu(v) => v.orders.get(i),
            Message::Rsp(r) => loop {
                let (p, before) = self.cursor;
                let patient = r.patients.get(p)?;
                let k = i.checked_sub(before)?;
                if k < patient.orders.len() {
                    return patient.orders.get(k);
                }
                self.cursor = (p + 1, before + patient.orders.len());
            },
            _ => None,
        }
    }
}

/// Follows the walk before the segment's statements run.
pub(super) fn enter<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, id: &str) {
    if seg.order.is_some() && seg.order != cx.conformance.order {
        finish_group(cx);
        let st = &mut cx.conformance;
        st.order = seg.order;
        st.orc = None;
        st.obx_in_group = 0;
        st.clear_numbering(Counter::Observation);
    }
    match id {
        "PID" => {
            finish_group(cx);
            let st = &mut cx.conformance;
            st.patients += 1;
            st.next_of_kin = 0;
            st.insurance = 0;
            st.clear_numbering(Counter::NextOfKin);
            st.clear_numbering(Counter::Insurance);
        }
        "NK1" => cx.conformance.next_of_kin += 1,
        "IN1" => cx.conformance.insurance += 1,
        "ORC" => cx.conformance.orc = Some(seg),
        "RXA" => start_group(cx, seg),
        "OBX" if seg.order.is_some() => {
            let st = &mut cx.conformance;
            st.obx_in_group += 1;
            st.obx_in_message += 1;
        }
        _ => {}
    }
}

/// Follows the walk after the segment's statements ran: a group ends with its last OBX.
pub(super) fn leave<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, id: &str) {
    let done = match (id, cx.conformance.group.as_mut()) {
        ("RXA", Some(g)) => g.remaining == 0,
        ("OBX", Some(g)) if seg.order == g.rxa.order => {
            g.remaining = g.remaining.saturating_sub(1);
            g.remaining == 0
        }
        _ => false,
    };
    if done {
        finish_group(cx);
    }
}

fn start_group<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>) {
    finish_group(cx);
    let Some(n) = seg.order else {
        return;
    };
    let msg = cx.msg;
    let order = cx.conformance.order_of(msg, n);
    let remaining = order.map_or(0, |o| o.observations.len());
    if cx.message_profile == Some(P::Z42) && order.is_some() && remaining == 0 {
        // Z42: the OBSERVATION group is R [1..*] in each IZ_HISTORY_FORECAST group.
        let dose = capitalize(&cx.dose(n));
        super::profiles::emit_missing(
            cx,
            &IG_SEGMENT_MISSING,
            seg,
            "OBX",
            format!(
                "{dose} has no evaluation or forecast observations (OBX); a Z42 response gives at least one for each vaccination."
            ),
            "Send the evaluation observations (vaccine group, dose validity ...) after the RXA."
                .to_string(),
        );
    }
    cx.conformance.group = Some(Group {
        rxa: seg,
        remaining,
        eligibility: None,
        vis: false,
        sets: [None; VIS_SETS],
    });
}

/// An administered dose as NIST's IZ-23/IZ-24 state it: RXA-20 valued CP or PA, the first RXA-9.1 `00`.
fn administered(rxa: &dyn SegmentView) -> bool {
    is_given(rxa.text_bytes(20)) && rxa.text_bytes(9) == crate::model::domain::NEW_RECORD.as_bytes()
}

/// RXA-20 is CP or PA.
fn is_given(status: &[u8]) -> bool {
    status == COMPLETE.as_bytes() || status == PARTIAL.as_bytes()
}

/// The vaccines that have a VIS (IZ-24).
static VIS_VACCINES: KnownSet = KnownSet::new("PHVS_VISVaccines_IIS");
/// The information sources of RXA-9 (IZ-31).
static INFORMATION_SOURCES: KnownSet = KnownSet::new("NIP001");

/// IZ-23 and IZ-24 at the RXA: does the dose need a 64994-7 observation / complete VIS sets?
pub(super) fn group_start<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement) {
    let rxa = seg.segment;
    if !administered(rxa) {
        return;
    }
    let vis_vaccine = || VIS_VACCINES.contains(rxa.text_bytes(5));
    let is_23 = std::ptr::eq(st.rule, &IZ_23);
    let Some(group) = cx.conformance.group.as_mut() else {
        return;
    };
    if is_23 {
        group.eligibility = Some(false);
    } else if vis_vaccine() {
        group.vis = true;
    }
}

/// IZ-23 and IZ-24 at each OBX of the group: note the eligibility and VIS observations.
pub(super) fn group_observation<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement) {
    let obx = seg.segment;
    let code = obx.text_bytes(3);
    let is_23 = std::ptr::eq(st.rule, &IZ_23);
    let Some(group) = cx.conformance.group.as_mut() else {
        return;
    };
    if group.rxa.order != seg.order {
        return;
    }
    if is_23 {
        if code == loinc::FUNDING_ELIGIBILITY.as_bytes() && group.eligibility.is_some() {
            group.eligibility = Some(true);
        }
        return;
    }
    if !group.vis {
        return;
    }
    let bit = if code == loinc::VIS_DOCUMENT_TYPE.as_bytes() {
        BARCODE
    } else if code == loinc::VACCINE_TYPE.as_bytes() {
        VACCINE_TYPE
    } else if code == loinc::VIS_PUBLISHED.as_bytes() {
        PUBLISHED
    } else if code == loinc::VIS_PRESENTED.as_bytes() {
        PRESENTED
    } else {
        return;
    };
    let sub_id = obx.text(4);
    for slot in &mut group.sets {
        match slot {
            Some(set) if set.sub_id == sub_id => {
                set.codes |= bit;
                return;
            }
            Some(_) => {}
            None => {
                *slot = Some(VisSet {
                    sub_id,
                    codes: bit,
                    first: seg,
                });
                return;
            }
        }
    }
}

/// The group is over: report IZ-23 and IZ-24.
fn finish_group(cx: &mut Cx<'_>) {
    let Some(group) = cx.conformance.group.take() else {
        return;
    };
    if group.eligibility == Some(false) {
        let n = group.rxa.order.unwrap_or(0);
        let dose = cx.dose(n);
        cx.emit(
            &IZ_23,
            Place::segment(group.rxa),
            format!(
                "{} has no funding eligibility observation (OBX 64994-7) (IZ-23).",
                capitalize(&dose)
            ),
            "Record the patient's VFC or program eligibility for this dose (V01-V04 ...) and send it as an OBX with 64994-7.".to_string(),
            None,
        );
    }
    if !group.vis {
        return;
    }
    for set in group.sets.iter().flatten() {
        let has = |b: u8| set.codes & b != 0;
        let barcode = has(BARCODE) && has(PRESENTED);
        let edition = has(VACCINE_TYPE) && has(PUBLISHED) && has(PRESENTED);
        if barcode || edition {
            continue;
        }
        let missing = if has(BARCODE) || !(has(VACCINE_TYPE) || has(PUBLISHED)) {
            if has(PRESENTED) {
                "the VIS document (69764-9) or its vaccine type and edition date (30956-7, 29768-9)"
            } else {
                "the date the VIS was presented (29769-7)"
            }
        } else if !has(PRESENTED) {
            "the date the VIS was presented (29769-7)"
        } else if !has(VACCINE_TYPE) {
            "the vaccine type (30956-7)"
        } else {
            "the VIS edition date (29768-9)"
        };
        let place = Place::field(set.first, 4);
        let dose = cx.dose(group.rxa.order.unwrap_or(0));
        cx.emit(
            &IZ_24,
            place,
            format!(
                "The VIS information of {dose} is incomplete: the observations with sub-ID {} lack {missing} (IZ-24).",
                safe_sub_id(set.sub_id)
            ),
            "Give each VIS its observations under one OBX-4 value: the VIS document with the date presented, or the vaccine type, edition date and date presented.".to_string(),
            None,
        );
    }
}

/// OBX-4 is a small number the sender assigns, not patient data; anything else is not shown.
fn safe_sub_id(sub_id: &str) -> &str {
    if !sub_id.is_empty() && sub_id.len() <= 4 && sub_id.bytes().all(|b| b.is_ascii_digit()) {
        sub_id
    } else {
        "(as sent)"
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// IZ-30: RXA-4, when valued, equals RXA-3.
pub(super) fn iz_30<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement) {
    let rxa = seg.segment;
    let end = rxa.text_bytes(4);
    if end.is_empty() || end == rxa.text_bytes(3) {
        return;
    }
    let place = Place::field(seg, st.field());
    let subject = cx.subject(&place);
    cx.emit(
        st.rule,
        place,
        format!(
            "The end of administration (RXA-4) differs from the date given (RXA-3) for {subject} (IZ-30)."
        ),
        "Leave RXA-4 empty, or send the same date/time as in RXA-3.".to_string(),
        None,
    );
}

/// IZ-48: a refused dose has amount 999.
pub(super) fn iz_48<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement) {
    let rxa = seg.segment;
    if rxa.text_bytes(20) == REFUSED.as_bytes() {
        amount_999(cx, seg, st, "a refused dose");
    }
}

/// IZ-49: a record without a vaccine (CVX 998) has amount 999.
pub(super) fn iz_49<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement) {
    let rxa = seg.segment;
    if rxa.text_bytes(5) == NO_VACCINE.as_bytes() {
        amount_999(cx, seg, st, "a record of no vaccine given (CVX 998)");
    }
}

fn amount_999<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement, what: &str) {
    let bytes = seg.segment.text_bytes(6);
    if bytes.is_empty() || bytes == NO_AMOUNT.as_bytes() {
        return;
    }
    let amount = seg.segment.text(6);
    let place = Place::field(seg, st.field());
    let subject = cx.subject(&place);
    cx.emit(
        st.rule,
        place,
        format!(
            "The amount (RXA-6) of {subject} is '{amount}', but for {what} the guide asks for 999 ({}).",
            st.rule.id
        ),
        "Send 999 as the amount (and no units) for a dose that was not given.".to_string(),
        Some(amount),
    );
}

/// The first repetition's first component of RXA-9 (the NIP001 information source); blank reads as
/// empty.
fn information_source(rxa: &dyn SegmentView) -> &str {
    rxa.text(9).trim()
}

/// IZ-31: for CP/PA, RXA-9.1 is a NIP001 code.
pub(super) fn iz_31<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement) {
    let rxa = seg.segment;
    if !is_given(rxa.text_bytes(20)) {
        return;
    }
    let source = information_source(rxa);
    if source.is_empty() || INFORMATION_SOURCES.contains(source.as_bytes()) {
        return;
    }
    let place = Place::field(seg, 9).component(1);
    let subject = cx.subject(&place);
    cx.emit(
        st.rule,
        place,
        format!(
            "The information source (RXA-9.1) of {subject} is '{source}', which is not a NIP001 code (IZ-31)."
        ),
        "Send 00 for a dose your clinic gave, or 01-08 for a dose recorded from history.".to_string(),
        Some(source),
    );
}

/// IZ-47: unless CP/PA, RXA-9.1 is empty.
pub(super) fn iz_47<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement) {
    let rxa = seg.segment;
    if is_given(rxa.text_bytes(20)) || information_source(rxa).is_empty() {
        return;
    }
    let status = rxa.text(20);
    let place = Place::field(seg, 9).component(1);
    let subject = cx.subject(&place);
    let (message, fix) = if status.is_empty() {
        (
            format!(
                "The information source (RXA-9.1) is sent for {subject} without a completion status (RXA-20) (IZ-47)."
            ),
            "Send the completion status in RXA-20 (CP for a dose given).".to_string(),
        )
    } else {
        (
            format!(
                "The information source (RXA-9.1) is sent for {subject}, which was not given (RXA-20 '{status}'); the guide says to leave it empty (IZ-47)."
            ),
            "Leave RXA-9 empty for a dose refused or not given.".to_string(),
        )
    };
    cx.emit(st.rule, place, message, fix, None);
}

/// IZ-32: a refusal reason goes with RXA-20 RE.
pub(super) fn iz_32<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement) {
    let rxa = seg.segment;
    let reason = rxa
        .field(18)
        .first()
        .and_then(|v| v.component(1))
        .is_some_and(|c| !c.is_empty());
    if !reason || rxa.text_bytes(20) == REFUSED.as_bytes() {
        return;
    }
    let place = Place::field(seg, st.field());
    let subject = cx.subject(&place);
    cx.emit(
        st.rule,
        place,
        format!(
            "A refusal reason (RXA-18) is sent for {subject}, but the completion status (RXA-20) is not 'RE' (refused) (IZ-32)."
        ),
        "If the dose was refused, set the completion status to RE; if it was given, remove the refusal reason.".to_string(),
        None,
    );
}

/// IZ-45 (at the RXA, reported at the group's ORC): a dose refused or not given has ORC-3.1 9999.
pub(super) fn iz_45<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>, st: &'static Statement) {
    let status = seg.segment.text_bytes(20);
    if status != REFUSED.as_bytes() && status != NOT_ADMINISTERED.as_bytes() {
        return;
    }
    let Some(orc) = cx.conformance.orc.filter(|o| o.order == seg.order) else {
        return;
    };
    let filler = orc.segment.text_bytes(3);
    if filler.is_empty() || filler == NO_ORDER_NUMBER.as_bytes() {
        return;
    }
    let place = Place::field(orc, 3).component(1);
    let subject = cx.subject(&place);
    cx.emit(
        st.rule,
        place,
        format!(
            "The filler order number (ORC-3.1) of {subject} should be 9999, because the dose was refused or not given (IZ-45)."
        ),
        "Send 9999 in ORC-3.1 for a refusal or a dose not given.".to_string(),
        None,
    );
}

/// IZ-35, IZ-36, IZ-37: a coded OBX-5 of the named observation is in the value set. Codes of
/// another coding system than the value set's (a state's own eligibility codes) are not judged.
/// `obx3` is the segment's OBX-3.1, `set` the statement's value set, prepared.
pub(super) fn coded_value<'m>(
    cx: &mut Cx<'m>,
    seg: SegmentRef<'m>,
    st: &'static Statement,
    observation: &str,
    obx3: &[u8],
    set: Option<&Membership>,
) {
    let obx = seg.segment;
    if obx3 != observation.as_bytes() || !matches!(obx.text_bytes(2), b"CE" | b"CWE") {
        return;
    }
    let Some(value) = obx.field(5).first() else {
        return;
    };
    let (code, system) = match value {
        ValueRef::Varies(v) => (v.component(1).as_bytes(), v.component(3).as_bytes()),
        other => (
            other.text_bytes(),
            other.component(3).map_or(&[][..], |c| c.text_bytes()),
        ),
    };
    if code.is_empty() || set.is_some_and(|m| m.contains_bytes(code)) {
        return;
    }
    let Some(vs) = set.map(Membership::set) else {
        return;
    };
    if !system.is_empty() && !system.eq_ignore_ascii_case(vs.code_system.as_bytes()) {
        return;
    }
    let place = Place::field(seg, 5).component(1);
    let what = describe(&place);
    let subject = cx.subject(&place);
    let code = std::str::from_utf8(code).unwrap_or("");
    cx.emit(
        st.rule,
        place,
        format!(
            "{what} of {subject} is not in the {} value set ({}).",
            vs.title, st.rule.id
        ),
        format!("Choose a code from the {} value set ({}).", vs.title, vs.id),
        Some(code),
    );
}
