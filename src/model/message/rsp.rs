//! RSP^K11^RSP_K11 (profiles Z31 candidates, Z32 complete history, Z33 no match, Z42 evaluated
//! history and forecast). One structure holds them all: the query acknowledgement, then zero (Z33), one
//! (Z32, Z42) or several (Z31) patients, each with its order groups.

use super::super::segments::{ErrSegment, In1, Msa, Msh, Nk1, Pd1, Pid, Pv1, Qak, Qpd, Sft};
use super::order::{ORDER_IDS, Order, emit_order, read_order};
use super::structure::{ExtraSegment, Reader, Sink};

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
    /// Reads the message into `m` (freshly defaulted, already boxed: no copy of the large struct).
    pub(crate) fn read_into(m: &mut Rsp, r: &mut Reader<'_, '_, '_>) {
        r.take_into(&mut m.msh);
        // 1 SFT, 2 MSA, 3 ERR, 4 QAK, 5 QPD, 6 patients.
        let mut state = 0;
        // 0: after PID, 1 PD1, 2 NK1, 3 PV1, 4 IN1, 5 orders.
        let mut pstate = 0;
        while let Some(id) = r.peek() {
            match id {
                "SFT" if state <= 1 => {
                    r.take_push(&mut m.sft);
                    state = 1;
                }
                "MSA" if state < 2 => {
                    r.take_opt(&mut m.msa);
                    state = 2;
                }
                "ERR" if (2..=3).contains(&state) => {
                    r.take_push(&mut m.err);
                    state = 3;
                }
                "QAK" if state < 4 => {
                    r.take_opt(&mut m.qak);
                    state = 4;
                }
                "QPD" if state < 5 => {
                    r.take_opt(&mut m.qpd);
                    state = 5;
                }
                "PID" => {
                    m.patients.push(RspPatient::default());
                    if let Some(p) = m.patients.last_mut() {
                        r.take_opt(&mut p.pid);
                    }
                    state = 6;
                    pstate = 0;
                }
                "PD1" | "NK1" | "PV1" | "IN1" | "ORC" | "RXA"
                    if state == 6 || matches!(id, "ORC" | "RXA") =>
                {
                    if m.patients.is_empty() {
                        r.missing("PID");
                        m.patients.push(RspPatient::default());
                    }
                    state = 6;
                    let Some(p) = m.patients.last_mut() else {
                        break;
                    };
                    match id {
                        "PD1" if pstate < 1 && p.pd1.is_none() => {
                            r.take_opt(&mut p.pd1);
                            pstate = 1;
                        }
                        "NK1" if pstate <= 2 => {
                            r.take_push(&mut p.nk1);
                            pstate = 2;
                        }
                        "PV1" if pstate < 3 => {
                            r.take_opt(&mut p.pv1);
                            pstate = 3;
                        }
                        "IN1" if pstate < 4 => {
                            r.take_opt(&mut p.in1);
                            pstate = 4;
                        }
                        "ORC" | "RXA" => {
                            read_order(&mut p.orders, r, &|id| !PATIENT_IDS.contains(&id));
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
        for (id, present) in [
            ("MSA", m.msa.is_some()),
            ("QAK", m.qak.is_some()),
            ("QPD", m.qpd.is_some()),
        ] {
            if !present {
                r.missing(id);
            }
        }
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
