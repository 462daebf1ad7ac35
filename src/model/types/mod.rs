//! HL7 data types used by the immunization IG.
mod primitive;
mod composites;
pub use primitive::*;
pub use composites::*;
