//! VXU^V04^VXU_V04 (profile Z22): a patient and the vaccinations given, historical, refused or not given.

use super::super::segments::{Gt1, In1, In2, In3, Msh, Nk1, Pd1, Pid, Pv1, Pv2, Sft};
use super::order::{Order, emit_order, read_order};
use super::structure::{ExtraSegment, Reader, Sink, next_slot};

/// A VXU message with the IG's groups.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Vxu {
    /// Message header.
    pub msh: Msh,
    /// Software segments.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub sft: Vec<Sft>,
    /// Patient identification (required; `None` when missing from the message).
    pub pid: Option<Pid>,
    /// Patient additional demographics: registry status, publicity, protection.
    pub pd1: Option<Pd1>,
    /// Next of kin / responsible parties.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub nk1: Vec<Nk1>,
    /// PATIENT_VISIT group (boxed: rarely sent, and large).
    pub visit: Option<Box<Visit>>,
    /// Guarantors.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub gt1: Vec<Gt1>,
    /// INSURANCE groups.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub insurance: Vec<Insurance>,
    /// ORDER groups, one per vaccination event.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub orders: Vec<Order>,
    /// Segments kept where the structure had no place for them.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub extra_segments: Vec<ExtraSegment>,
}

/// The PATIENT_VISIT group.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Visit {
    /// PV1.
    pub pv1: Pv1,
    /// PV2.
    pub pv2: Option<Pv2>,
}

/// An INSURANCE group.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Insurance {
    /// IN1.
    pub in1: In1,
    /// IN2.
    pub in2: Option<In2>,
    /// IN3.
    pub in3: Option<In3>,
}

const VXU_IDS: &[&str] = &[
    "SFT", "PID", "PD1", "NK1", "PV1", "PV2", "GT1", "IN1", "IN2", "IN3",
];

impl Vxu {
    /// Reads the message into `m` (already boxed: no copy of the large struct). `m` may hold an
    /// earlier message: its segments and groups are overwritten in place (their boxes and vectors
    /// reused), and what the new message does not have is dropped.
    pub(crate) fn read_into(m: &mut Vxu, r: &mut Reader<'_, '_, '_>) {
        r.extras = std::mem::take(&mut m.extra_segments);
        r.extras.clear();
        r.take_into(&mut m.msh);
        // How many of each list are filled, and which optional parts came.
        let (mut sft, mut nk1, mut gt1, mut insurance, mut orders) = (0, 0, 0, 0, 0);
        let (mut pid, mut pd1, mut visit, mut pv2) = (false, false, false, false);
        // Position in the structure: 1 SFT, 2 PID, 3 PD1, 4 NK1, 5 PV1, 6 PV2, 7 GT1, 8 IN*, 9 orders.
        let mut state = 0;
        while let Some(id) = r.peek() {
            match id {
                "SFT" if state <= 1 => {
                    r.take_next(&mut m.sft, &mut sft);
                    state = 1;
                }
                "PID" if state < 2 => {
                    r.take_opt(&mut m.pid);
                    pid = true;
                    state = 2;
                }
                "PD1" if state == 2 => {
                    r.take_opt(&mut m.pd1);
                    pd1 = true;
                    state = 3;
                }
                "NK1" if (2..=4).contains(&state) => {
                    r.take_next(&mut m.nk1, &mut nk1);
                    state = 4;
                }
                "PV1" if (2..5).contains(&state) => {
                    r.take_into(&mut m.visit.get_or_insert_with(Box::default).pv1);
                    visit = true;
                    state = 5;
                }
                "PV2" if state == 5 => {
                    if let Some(v) = m.visit.as_mut() {
                        r.take_opt(&mut v.pv2);
                        pv2 = true;
                    }
                    state = 6;
                }
                "GT1" if (2..=7).contains(&state) => {
                    r.take_next(&mut m.gt1, &mut gt1);
                    state = 7;
                }
                "IN1" if (2..=8).contains(&state) => {
                    if let Some(ins) = next_slot(&mut m.insurance, &mut insurance) {
                        r.take_into(&mut ins.in1);
                        if r.peek() == Some("IN2") {
                            r.take_opt(&mut ins.in2);
                        } else {
                            ins.in2 = None;
                        }
                        if r.peek() == Some("IN3") {
                            r.take_opt(&mut ins.in3);
                        } else {
                            ins.in3 = None;
                        }
                    }
                    state = 8;
                }
                "ORC" | "RXA" => {
                    read_order(&mut m.orders, &mut orders, r, &|_| true);
                    state = 9;
                }
                other => r.take_extra(VXU_IDS.contains(&other)),
            }
        }
        m.sft.truncate(sft);
        m.nk1.truncate(nk1);
        m.gt1.truncate(gt1);
        m.insurance.truncate(insurance);
        m.orders.truncate(orders);
        if !pd1 {
            m.pd1 = None;
        }
        if !visit {
            m.visit = None;
        } else if !pv2 && let Some(v) = m.visit.as_mut() {
            v.pv2 = None;
        }
        if !pid {
            m.pid = None;
            r.missing("PID");
        }
        m.extra_segments = std::mem::take(&mut r.extras);
    }

    pub(crate) fn emit<'m, S: Sink<'m>>(&'m self, e: &mut S) {
        e.emit(&self.msh);
        e.emit_all(&self.sft);
        e.emit_opt(&self.pid);
        e.emit_opt(&self.pd1);
        e.emit_all(&self.nk1);
        if let Some(v) = &self.visit {
            e.emit(&v.pv1);
            e.emit_opt(&v.pv2);
        }
        e.emit_all(&self.gt1);
        for i in &self.insurance {
            e.emit(&i.in1);
            e.emit_opt(&i.in2);
            e.emit_opt(&i.in3);
        }
        for o in &self.orders {
            emit_order(e, o);
        }
    }
}
