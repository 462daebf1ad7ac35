//! HL7 data types used by the immunization IG: primitives, composites and VARIES.
//!
//! Composites are declared with [`composite!`](crate::composite): each component once, with its IG
//! usage and length. Primitives keep their text, so a malformed value is never lost.

mod composites;
mod primitive;
mod text;
mod varies;

pub use composites::*;
pub(crate) use primitive::read_text;
pub use primitive::*;
pub use text::Text;
pub use varies::Varies;
