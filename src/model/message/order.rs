//! The ORDER group shared by VXU and RSP: one vaccination event (ORC, timing, RXA, RXR, observations).

use super::super::segments::{Nte, Obx, Orc, Rxa, Rxr, Tq1, Tq2};
use super::structure::{Reader, Sink, next_slot};

/// One ORDER group: a dose given, reported as history, refused or not given, or (with CVX 998) an
/// observation-only record; in a Z42 response, an evaluated dose or a forecast.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Order {
    /// ORC, common order (required by the IG; `None` when an RXA came without one).
    ///
    /// The segments of a group are boxed, so that a group with absent segments holds only pointers
    /// for them.
    pub orc: Option<Box<Orc>>,
    /// TIMING groups (TQ1 with its TQ2s), base-standard and unconstrained.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub timing: Vec<Timing>,
    /// RXA, the immunization event (required by the IG).
    pub rxa: Option<Box<Rxa>>,
    /// RXR, route and site.
    pub rxr: Option<Box<Rxr>>,
    /// OBSERVATION groups: funding eligibility, VIS, evaluations, forecasts ...
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub observations: Vec<Observation>,
}

/// A TIMING group.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timing {
    /// TQ1.
    pub tq1: Tq1,
    /// TQ2s.
    pub tq2: Vec<Tq2>,
}

/// An OBSERVATION group: one OBX and its notes.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Observation {
    /// The observation.
    pub obx: Obx,
    /// Notes on it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub nte: Vec<Nte>,
}

/// At most how many orders or observations are reserved for from a count of the segments ahead (a
/// hint: beyond it the vector grows as usual, so a hostile count cannot reserve much unused memory).
const RESERVE_AHEAD: usize = 64;

/// Ids that belong to an ORDER group.
pub(crate) const ORDER_IDS: &[&str] = &["ORC", "TQ1", "TQ2", "RXA", "RXR", "OBX", "NTE"];

/// Reads one ORDER group starting at an ORC or RXA. Segments that belong to no part of the group are
/// kept as extras while `stay` says they are not the start of something the caller reads.
///
/// The group is read into element `*used` of `orders` (in place: an `Order` is large), the one held
/// there from an earlier decode or a new one; the caller truncates `orders` to `*used` at the end.
pub(crate) fn read_order(
    orders: &mut Vec<Order>,
    used: &mut usize,
    r: &mut Reader<'_, '_, '_>,
    stay: &dyn Fn(&str) -> bool,
) {
    if *used == 0 {
        reserve_at_least(
            orders,
            r.count_ahead(|id| id == "ORC", RESERVE_AHEAD).max(1),
        );
    }
    if !r.charge(std::mem::size_of::<Order>()) {
        return;
    }
    if let Some(o) = next_slot(orders, used) {
        read_order_into(o, r, stay);
    }
}

/// Room for `n` elements in all (a vector held from an earlier decode may have it already).
fn reserve_at_least<T>(v: &mut Vec<T>, n: usize) {
    if v.capacity() < n {
        v.reserve_exact(n - v.len());
    }
}

/// Reads the group into `o`, which may hold an earlier one: every part is overwritten or dropped.
fn read_order_into(o: &mut Order, r: &mut Reader<'_, '_, '_>, stay: &dyn Fn(&str) -> bool) {
    if r.peek() == Some("ORC") {
        r.take_boxed(&mut o.orc);
    } else {
        o.orc = None;
        r.missing("ORC");
    }
    // Timing groups and notes are rare: read afresh (their vectors' room kept).
    o.timing.clear();
    let (mut rxa, mut rxr, mut observations) = (false, false, 0);
    // 0: after ORC, 1: in timing, 2: after RXA, 3: after RXR, 4: in observations.
    let mut state = 0;
    while let Some(id) = r.peek() {
        match id {
            "ORC" => break,
            "RXA" if rxa => break,
            "TQ1" if state <= 1 => {
                o.timing.push(Timing {
                    tq1: r.take(),
                    tq2: Vec::new(),
                });
                state = 1;
            }
            "TQ2" if state == 1 => {
                let tq2 = r.take();
                if let Some(t) = o.timing.last_mut() {
                    t.tq2.push(tq2);
                }
            }
            "RXA" if state <= 1 => {
                r.take_boxed(&mut o.rxa);
                rxa = true;
                state = 2;
            }
            "RXR" if state == 2 => {
                r.take_boxed(&mut o.rxr);
                rxr = true;
                state = 3;
            }
            "OBX" if state >= 2 => {
                if observations == 0 {
                    let obx = |id: &str| id == "OBX";
                    let next_order = |id: &str| id == "ORC" || id == "RXA";
                    let ahead = r.count_ahead_until(obx, next_order, RESERVE_AHEAD);
                    reserve_at_least(&mut o.observations, ahead.max(1));
                }
                if !r.charge(std::mem::size_of::<Observation>()) {
                    break;
                }
                if let Some(obs) = next_slot(&mut o.observations, &mut observations) {
                    obs.nte.clear();
                    r.take_into(&mut obs.obx);
                }
                state = 4;
            }
            "NTE" if state == 4 => {
                let nte = r.take();
                if let Some(obs) = observations
                    .checked_sub(1)
                    .and_then(|i| o.observations.get_mut(i))
                {
                    obs.nte.push(nte);
                }
            }
            other if stay(other) => r.take_extra(ORDER_IDS.contains(&other)),
            _ => break,
        }
    }
    o.observations.truncate(observations);
    if !rxr {
        o.rxr = None;
    }
    if !rxa {
        o.rxa = None;
        r.missing("RXA");
    }
}

pub(crate) fn emit_order<'m, S: Sink<'m>>(e: &mut S, o: &'m Order) {
    e.begin_order();
    e.emit_boxed(&o.orc);
    for t in &o.timing {
        e.emit(&t.tq1);
        e.emit_all(&t.tq2);
    }
    e.emit_boxed(&o.rxa);
    e.emit_boxed(&o.rxr);
    for obs in &o.observations {
        e.emit(&obs.obx);
        e.emit_all(&obs.nte);
    }
    e.end_order();
}
