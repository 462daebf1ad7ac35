//! RSP^K11^RSP_K11 (profiles Z31 candidates, Z32 complete history, Z33 no match, Z42 evaluated
//! history and forecast). One structure holds them all: the query acknowledgement, then zero (Z33), one
//! (Z32, Z42) or several (Z31) patients, each with its order groups.

use super::super::segments::{ErrSegment, In1, Msa, Msh, Nk1, Pd1, Pid, Pv1, Qak, Qpd, Sft};
use super::order::{ORDER_IDS, Order, emit_order, read_order};
use super::structure::{ExtraSegment, Reader, Sink, next_slot};

/// A query response.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Rsp {
    /// Message header.
    pub msh: Msh,
    /// Software segments.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub sft: Vec<Sft>,
    /// Message acknowledgment (required).
    pub msa: Option<Msa>,
    /// Errors.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub err: Vec<ErrSegment>,
    /// Query acknowledgment (required): NF, TM, OK, AE, AR.
    pub qak: Option<Qak>,
    /// The query's parameters, echoed (required).
    pub qpd: Option<Qpd>,
    /// The patients returned: candidates (Z31) or the one matched (Z32, Z42).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub patients: Vec<RspPatient>,
    /// Segments kept where the structure had no place for them.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub extra_segments: Vec<ExtraSegment>,
}

/// One patient in a response, with the doses and forecasts the registry holds.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct RspPatient {
    /// PID (required in the group; `None` when order groups came without one).
    pub pid: Option<Pid>,
    /// PD1.
    pub pd1: Option<Pd1>,
    /// Next of kin.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub nk1: Vec<Nk1>,
    /// PV1.
    pub pv1: Option<Pv1>,
    /// IN1.
    pub in1: Option<In1>,
    /// ORDER (Z32) or IZ_HISTORY_FORECAST (Z42) groups.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub orders: Vec<Order>,
}

const PATIENT_IDS: &[&str] = &["PID", "PD1", "NK1", "PV1", "IN1"];

impl Rsp {
    /// Reads the message into `m` (already boxed: no copy of the large struct). `m` may hold an
    /// earlier message: its segments and groups are overwritten in place (their boxes and vectors
    /// reused), and what the new message does not have is dropped.
    pub(crate) fn read_into(m: &mut Rsp, r: &mut Reader<'_, '_, '_>) {
        r.extras = std::mem::take(&mut m.extra_segments);
        r.extras.clear();
        r.take_into(&mut m.msh);
        let (mut sft, mut err, mut patients) = (0, 0, 0);
        let (mut msa, mut qak, mut qpd) = (false, false, false);
        // What the current patient has had so far.
        let mut fill = PatientFill::default();
        // 1 SFT, 2 MSA, 3 ERR, 4 QAK, 5 QPD, 6 patients.
        let mut state = 0;
        // 0: after PID, 1 PD1, 2 NK1, 3 PV1, 4 IN1, 5 orders.
        let mut pstate = 0;
        while let Some(id) = r.peek() {
            match id {
                "SFT" if state <= 1 => {
                    r.take_next(&mut m.sft, &mut sft);
                    state = 1;
                }
                "MSA" if state < 2 => {
                    r.take_opt(&mut m.msa);
                    msa = true;
                    state = 2;
                }
                "ERR" if (2..=3).contains(&state) => {
                    r.take_next(&mut m.err, &mut err);
                    state = 3;
                }
                "QAK" if state < 4 => {
                    r.take_opt(&mut m.qak);
                    qak = true;
                    state = 4;
                }
                "QPD" if state < 5 => {
                    r.take_opt(&mut m.qpd);
                    qpd = true;
                    state = 5;
                }
                "PID" => {
                    fill.finish(&mut m.patients, patients);
                    if let Some(p) = next_slot(&mut m.patients, &mut patients) {
                        r.take_opt(&mut p.pid);
                        fill.pid = true;
                    }
                    state = 6;
                    pstate = 0;
                }
                "PD1" | "NK1" | "PV1" | "IN1" | "ORC" | "RXA"
                    if state == 6 || matches!(id, "ORC" | "RXA") =>
                {
                    if patients == 0 {
                        r.missing("PID");
                        next_slot(&mut m.patients, &mut patients);
                    }
                    state = 6;
                    let Some(p) = patients.checked_sub(1).and_then(|i| m.patients.get_mut(i))
                    else {
                        break;
                    };
                    match id {
                        "PD1" if pstate < 1 && !fill.pd1 => {
                            r.take_opt(&mut p.pd1);
                            fill.pd1 = true;
                            pstate = 1;
                        }
                        "NK1" if pstate <= 2 => {
                            r.take_next(&mut p.nk1, &mut fill.nk1);
                            pstate = 2;
                        }
                        "PV1" if pstate < 3 => {
                            r.take_opt(&mut p.pv1);
                            fill.pv1 = true;
                            pstate = 3;
                        }
                        "IN1" if pstate < 4 => {
                            r.take_opt(&mut p.in1);
                            fill.in1 = true;
                            pstate = 4;
                        }
                        "ORC" | "RXA" => {
                            read_order(&mut p.orders, &mut fill.orders, r, &|id| {
                                !PATIENT_IDS.contains(&id)
                            });
                            pstate = 5;
                        }
                        other => r.take_extra(PATIENT_IDS.contains(&other)),
                    }
                }
                other => r.take_extra(
                    matches!(other, "SFT" | "MSA" | "ERR" | "QAK" | "QPD")
                        || PATIENT_IDS.contains(&other)
                        || ORDER_IDS.contains(&other),
                ),
            }
        }
        fill.finish(&mut m.patients, patients);
        m.patients.truncate(patients);
        m.sft.truncate(sft);
        m.err.truncate(err);
        if !msa {
            m.msa = None;
            r.missing("MSA");
        }
        if !qak {
            m.qak = None;
            r.missing("QAK");
        }
        if !qpd {
            m.qpd = None;
            r.missing("QPD");
        }
        m.extra_segments = std::mem::take(&mut r.extras);
    }

    pub(crate) fn emit<'m, S: Sink<'m>>(&'m self, e: &mut S) {
        e.emit(&self.msh);
        e.emit_all(&self.sft);
        e.emit_opt(&self.msa);
        e.emit_all(&self.err);
        e.emit_opt(&self.qak);
        e.emit_opt(&self.qpd);
        for p in &self.patients {
            e.emit_opt(&p.pid);
            e.emit_opt(&p.pd1);
            e.emit_all(&p.nk1);
            e.emit_opt(&p.pv1);
            e.emit_opt(&p.in1);
            for o in &p.orders {
                emit_order(e, o);
            }
        }
    }
}

/// What the patient being read has had: the rest of a patient held from an earlier decode is
/// dropped when it ends.
#[derive(Default)]
struct PatientFill {
    pid: bool,
    pd1: bool,
    pv1: bool,
    in1: bool,
    nk1: usize,
    orders: usize,
}

impl PatientFill {
    /// Ends patient `n` (from 1; 0: none yet) and starts afresh for the next.
    fn finish(&mut self, patients: &mut [RspPatient], n: usize) {
        if let Some(p) = n.checked_sub(1).and_then(|i| patients.get_mut(i)) {
            if !self.pid {
                p.pid = None;
            }
            if !self.pd1 {
                p.pd1 = None;
            }
            if !self.pv1 {
                p.pv1 = None;
            }
            if !self.in1 {
                p.in1 = None;
            }
            p.nk1.truncate(self.nk1);
            p.orders.truncate(self.orders);
        }
        *self = PatientFill::default();
    }
}
