//! QBP^Q11^QBP_Q11 (profiles Z34 and Z44): "give me this patient's history" (and forecast).

use super::super::segments::{Msh, Qpd, Rcp, Sft};
use super::structure::{ExtraSegment, Reader, Sink};

/// A query.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Qbp {
    /// Message header.
    pub msh: Msh,
    /// Software segments.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub sft: Vec<Sft>,
    /// Query parameters (required).
    pub qpd: Option<Qpd>,
    /// Response control (required).
    pub rcp: Option<Rcp>,
    /// Segments kept where the structure had no place for them.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub extra_segments: Vec<ExtraSegment>,
}

impl Qbp {
    /// Reads the message into `m` (freshly defaulted, already boxed: no copy of the large struct).
    pub(crate) fn read_into(m: &mut Qbp, r: &mut Reader<'_, '_, '_>) {
        r.take_into(&mut m.msh);
        let mut state = 0;
        while let Some(id) = r.peek() {
            match id {
                "SFT" if state <= 1 => {
                    r.take_push(&mut m.sft);
                    state = 1;
                }
                "QPD" if state < 2 => {
                    r.take_opt(&mut m.qpd);
                    state = 2;
                }
                "RCP" if state < 3 => {
                    r.take_opt(&mut m.rcp);
                    state = 3;
                }
                other => r.take_extra(matches!(other, "SFT" | "QPD" | "RCP")),
            }
        }
        if m.qpd.is_none() {
            r.missing("QPD");
        }
        if m.rcp.is_none() {
            r.missing("RCP");
        }
    }

    pub(crate) fn emit<'m, S: Sink<'m>>(&'m self, e: &mut S) {
        e.emit(&self.msh);
        e.emit_all(&self.sft);
        e.emit_opt(&self.qpd);
        e.emit_opt(&self.rcp);
    }
}
