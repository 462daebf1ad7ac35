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
    /// Reads the message into `m` (already boxed: no copy of the large struct). `m` may hold an
    /// earlier message: its segments are overwritten in place, and what the new one lacks dropped.
    pub(crate) fn read_into(m: &mut Qbp, r: &mut Reader<'_, '_, '_>) {
        r.extras = std::mem::take(&mut m.extra_segments);
        r.extras.clear();
        r.take_into(&mut m.msh);
        let (mut sft, mut qpd, mut rcp) = (0, false, false);
        let mut state = 0;
        while let Some(id) = r.peek() {
            match id {
                "SFT" if state <= 1 => {
                    r.take_next(&mut m.sft, &mut sft);
                    state = 1;
                }
                "QPD" if state < 2 => {
                    r.take_opt(&mut m.qpd);
                    qpd = true;
                    state = 2;
                }
                "RCP" if state < 3 => {
                    r.take_opt(&mut m.rcp);
                    rcp = true;
                    state = 3;
                }
                other => r.take_extra(matches!(other, "SFT" | "QPD" | "RCP")),
            }
        }
        m.sft.truncate(sft);
        if !qpd {
            m.qpd = None;
            r.missing("QPD");
        }
        if !rcp {
            m.rcp = None;
            r.missing("RCP");
        }
        m.extra_segments = std::mem::take(&mut r.extras);
    }

    pub(crate) fn emit<'m, S: Sink<'m>>(&'m self, e: &mut S) {
        e.emit(&self.msh);
        e.emit_all(&self.sft);
        e.emit_opt(&self.qpd);
        e.emit_opt(&self.rcp);
    }
}
