//! ACK (profile Z23): the registry's answer to a VXU (or the AR answer to any message it could not
//! process).

use super::super::segments::{ErrSegment, Msa, Msh, Sft};
use super::structure::{ExtraSegment, Reader, Sink};

/// An acknowledgement.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Ack {
    /// Message header.
    pub msh: Msh,
    /// Software segments.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub sft: Vec<Sft>,
    /// Message acknowledgment (required).
    pub msa: Option<Msa>,
    /// One ERR per problem found.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub err: Vec<ErrSegment>,
    /// Segments kept where the structure had no place for them (a repeated MSA, say).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub extra_segments: Vec<ExtraSegment>,
}

impl Ack {
    /// Reads the message into `m` (already boxed: no copy of the large struct). `m` may hold an
    /// earlier message: its segments are overwritten in place, and what the new one lacks dropped.
    pub(crate) fn read_into(m: &mut Ack, r: &mut Reader<'_, '_, '_>) {
        r.extras = std::mem::take(&mut m.extra_segments);
        r.extras.clear();
        r.take_into(&mut m.msh);
        let (mut sft, mut err, mut msa) = (0, 0, false);
        let mut state = 0;
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
                "ERR" if state >= 2 => r.take_next(&mut m.err, &mut err),
                other => r.take_extra(matches!(other, "SFT" | "MSA" | "ERR")),
            }
        }
        m.sft.truncate(sft);
        m.err.truncate(err);
        if !msa {
            m.msa = None;
            r.missing("MSA");
        }
        m.extra_segments = std::mem::take(&mut r.extras);
    }

    pub(crate) fn emit<'m, S: Sink<'m>>(&'m self, e: &mut S) {
        e.emit(&self.msh);
        e.emit_all(&self.sft);
        e.emit_opt(&self.msa);
        e.emit_all(&self.err);
    }
}
