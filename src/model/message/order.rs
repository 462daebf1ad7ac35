//! The ORDER group shared by VXU and RSP: one vaccination event (ORC, timing, RXA, RXR, observations).

use super::super::segments::{Nte, Obx, Orc, Rxa, Rxr, Tq1, Tq2};
use super::structure::{Reader, Sink};

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
/// The group is read into a new last element of `orders` (in place: an `Order` is large).
pub(crate) fn read_order(
    orders: &mut Vec<Order>,
    r: &mut Reader<'_, '_, '_>,
    stay: &dyn Fn(&str) -> bool,
) {
    if orders.is_empty() {
        orders.reserve_exact(r.count_ahead(|id| id == "ORC", RESERVE_AHEAD).max(1));
    }
    if !r.charge(std::mem::size_of::<Order>()) {
        return;
    }
    orders.resize_with(orders.len() + 1, Order::default);
    if let Some(o) = orders.last_mut() {
        read_order_into(o, r, stay);
    }
}

fn read_order_into(o: &mut Order, r: &mut Reader<'_, '_, '_>, stay: &dyn Fn(&str) -> bool) {
    if r.peek() == Some("ORC") {
        r.take_boxed(&mut o.orc);
    } else {
        r.missing("ORC");
    }
    // 0: after ORC, 1: in timing, 2: after RXA, 3: after RXR, 4: in observations.
    let mut state = 0;
    while let Some(id) = r.peek() {
        match id {
            "ORC" => break,
            "RXA" if o.rxa.is_some() => break,
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
                state = 2;
            }
            "RXR" if state == 2 => {
                r.take_boxed(&mut o.rxr);
                state = 3;
            }
            "OBX" if state >= 2 => {
                if o.observations.is_empty() {
                    let obx = |id: &str| id == "OBX";
                    let next_order = |id: &str| id == "ORC" || id == "RXA";
                    let ahead = r.count_ahead_until(obx, next_order, RESERVE_AHEAD);
                    o.observations.reserve_exact(ahead.max(1));
                }
                if !r.charge(std::mem::size_of::<Observation>()) {
                    break;
                }
                o.observations
                    .resize_with(o.observations.len() + 1, Observation::default);
                if let Some(obs) = o.observations.last_mut() {
                    r.take_into(&mut obs.obx);
                }
                state = 4;
            }
            "NTE" if state == 4 => {
                let nte = r.take();
                if let Some(obs) = o.observations.last_mut() {
                    obs.nte.push(nte);
                }
            }
            other if stay(other) => r.take_extra(ORDER_IDS.contains(&other)),
            _ => break,
        }
    }
    if o.rxa.is_none() {
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
