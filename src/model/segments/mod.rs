//! Segment declarations: one struct per segment the immunization messages (VXU, ACK, QBP, RSP) and the
//! batch envelope use, each with its full HL7 v2.5.1 field table.

use crate::model::decl::FieldDef;

mod bhs;
mod bts;
mod err;
mod fhs;
mod fts;
mod gt1;
mod in1;
mod in2;
mod in3;
mod msa;
mod msh;
mod nk1;
mod nte;
mod obx;
mod orc;
mod pd1;
mod pid;
mod pv1;
mod pv2;
mod qak;
mod qpd;
mod rcp;
mod rxa;
mod rxr;
mod sft;
mod tq1;
mod tq2;

pub use bhs::Bhs;
pub use bts::Bts;
pub use err::ErrSegment;
pub use fhs::Fhs;
pub use fts::Fts;
pub use gt1::Gt1;
pub use in1::In1;
pub use in2::In2;
pub use in3::In3;
pub use msa::Msa;
pub use msh::Msh;
pub use nk1::Nk1;
pub use nte::Nte;
pub use obx::Obx;
pub use orc::Orc;
pub use pd1::Pd1;
pub use pid::Pid;
pub use pv1::Pv1;
pub use pv2::Pv2;
pub use qak::Qak;
pub use qpd::Qpd;
pub use rcp::Rcp;
pub use rxa::Rxa;
pub use rxr::Rxr;
pub use sft::Sft;
pub use tq1::Tq1;
pub use tq2::Tq2;

/// One declared segment: its wire id, its title in the standard and its field table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentDecl {
    /// Wire id (`RXA`).
    pub id: &'static str,
    /// Title in the standard (`Pharmacy/Treatment Administration`).
    pub title: &'static str,
    /// Every field, in sequence.
    pub fields: &'static [FieldDef],
}

/// Calls `$m!` with every declared segment type: the one list of them, read by [`ALL`] and by
/// [`AnySegment`](crate::model::AnySegment).
macro_rules! with_declared_segments {
    ($m:ident) => {
        $m!(
            Msh, Sft, Pid, Pd1, Nk1, Pv1, Pv2, Gt1, In1, In2, In3, Orc, Tq1, Tq2, Rxa, Rxr, Obx,
            Nte, Msa, ErrSegment, Qak, Qpd, Rcp, Fhs, Fts, Bhs, Bts
        );
    };
}
pub(crate) use with_declared_segments;

macro_rules! segment_table {
    ($($t:ident),* $(,)?) => {
        /// Every declared segment, for tools that look up titles and field labels by segment id.
        pub const ALL: &[SegmentDecl] = &[
            $( SegmentDecl { id: $t::ID, title: $t::TITLE, fields: $t::FIELDS }, )*
        ];
    };
}
with_declared_segments!(segment_table);

/// The title of the segment with this wire id, if it is declared.
///
/// ```
/// assert_eq!(izmsg::model::segments::title_of("RXR"), Some("Pharmacy/Treatment Route"));
/// ```
pub fn title_of(id: &str) -> Option<&'static str> {
    ALL.iter().find(|d| d.id == id).map(|d| d.title)
}

/// The field table of the segment with this wire id, if it is declared.
pub fn fields_of(id: &str) -> Option<&'static [FieldDef]> {
    ALL.iter().find(|d| d.id == id).map(|d| d.fields)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::decl::{BaseUsage, Max, Usage};
    use crate::model::types::{self, COMPOSITES};
    use std::collections::HashSet;

    fn check_table(owner: &str, defs: &[FieldDef]) {
        assert!(!defs.is_empty(), "{owner}: no fields");
        let mut names = HashSet::new();
        for (i, d) in defs.iter().enumerate() {
            assert_eq!(
                usize::from(d.seq),
                i + 1,
                "{owner}: sequence gap or disorder at {}",
                d.name
            );
            assert!(names.insert(d.name), "{owner}: duplicate name {}", d.name);
            assert!(!d.label.is_empty(), "{owner}-{}: empty label", d.seq);
            assert!(!d.datatype.is_empty(), "{owner}-{}: empty datatype", d.seq);
            assert!(d.min <= 1, "{owner}-{}: min > 1", d.seq);
            match d.max {
                Max::N(0) => assert!(
                    d.min == 0 && d.usage == Usage::X,
                    "{owner}-{}: [0..0] only for X fields",
                    d.seq
                ),
                Max::N(n) => assert!(d.min <= n, "{owner}-{}: min > max", d.seq),
                Max::Unbounded => {}
            }
            if d.min == 1 {
                assert_eq!(d.usage, Usage::R, "{owner}-{}: min 1 but not R", d.seq);
            }
        }
    }

    #[test]
    fn segment_tables_are_gapless_and_unique() {
        let mut ids = HashSet::new();
        for &SegmentDecl {
            id, fields: defs, ..
        } in ALL
        {
            assert_eq!(id.len(), 3, "segment id {id}");
            assert!(ids.insert(id), "segment {id} listed twice");
            check_table(id, defs);
        }
        assert_eq!(ALL.len(), 27);
    }

    #[test]
    fn composite_tables_are_gapless_and_unique() {
        let mut ids = HashSet::new();
        for (id, defs) in COMPOSITES {
            assert!(ids.insert(*id), "composite {id} listed twice");
            check_table(id, defs);
        }
    }

    #[test]
    fn field_counts_match_v251() {
        let expect = [
            ("MSH", 25),
            ("SFT", 6),
            ("PID", 39),
            ("PD1", 21),
            ("NK1", 39),
            ("PV1", 52),
            ("PV2", 49),
            ("GT1", 57),
            ("IN1", 53),
            ("IN2", 72),
            ("IN3", 25),
            ("ORC", 31),
            ("TQ1", 14),
            ("TQ2", 10),
            ("RXA", 26),
            ("RXR", 6),
            ("OBX", 25),
            ("NTE", 4),
            ("MSA", 6),
            ("ERR", 12),
            ("QAK", 6),
            ("QPD", 13),
            ("RCP", 7),
            ("FHS", 12),
            ("FTS", 2),
            ("BHS", 12),
            ("BTS", 3),
        ];
        for (id, n) in expect {
            assert_eq!(fields_of(id).map(<[FieldDef]>::len), Some(n), "{id}");
        }
        assert_eq!(types::Cwe::COMPONENTS.len(), 9);
        assert_eq!(types::Xcn::COMPONENTS.len(), 23);
        assert_eq!(types::Xpn::COMPONENTS.len(), 14);
        assert_eq!(types::Xad::COMPONENTS.len(), 14);
        assert_eq!(types::Xtn::COMPONENTS.len(), 12);
        assert_eq!(types::Cx::COMPONENTS.len(), 10);
        assert_eq!(types::La2::COMPONENTS.len(), 16);
    }

    const MISSING: FieldDef = FieldDef {
        seq: 0,
        name: "",
        label: "",
        datatype: "",
        usage: Usage::X,
        min: 0,
        max: Max::N(0),
        len: 0,
        table: None,
    };

    /// Entry `seq` (1-based) of a field or component table; a missing entry fails the test.
    fn at(owner: &str, defs: &[FieldDef], seq: usize) -> FieldDef {
        let d = defs.get(seq.wrapping_sub(1)).copied().unwrap_or(MISSING);
        assert_eq!(usize::from(d.seq), seq, "{owner}-{seq} not declared");
        d
    }

    fn field(id: &str, seq: usize) -> FieldDef {
        at(id, fields_of(id).unwrap_or_default(), seq)
    }

    #[test]
    fn spot_checks_against_the_ig() {
        let rxa5 = field("RXA", 5);
        assert_eq!(rxa5.usage, Usage::R);
        assert_eq!(rxa5.table, Some("CVX"));
        assert_eq!(rxa5.datatype, "CE_IZ");
        assert_eq!((rxa5.min, rxa5.max), (1, Max::N(1)));

        let rxa9 = field("RXA", 9);
        assert_eq!(rxa9.max, Max::Unbounded);
        assert_eq!(rxa9.usage, Usage::C(BaseUsage::R, BaseUsage::O));
        assert_eq!(rxa9.table, Some("NIP001"));

        assert_eq!(field("RXA", 7).usage, Usage::C(BaseUsage::R, BaseUsage::X));
        assert_eq!(field("RXA", 17).table, Some("MVX"));
        assert_eq!(field("RXA", 18).table, Some("NIP002"));
        assert_eq!(field("RXA", 20).table, Some("HL70322"));
        assert_eq!(field("RXA", 16).datatype, "TS_M");

        let pid3 = field("PID", 3);
        assert_eq!(
            (pid3.usage, pid3.min, pid3.max),
            (Usage::R, 1, Max::Unbounded)
        );
        assert_eq!(pid3.name, "patient_identifier_list");
        assert_eq!(field("PID", 2).usage, Usage::X);
        assert_eq!(field("PID", 2).max, Max::N(0));
        assert_eq!(field("PID", 10).table, Some("CDCREC"));
        assert_eq!(field("PID", 7).datatype, "TS_NZ");
        assert_eq!(
            field("PID", 29).usage,
            Usage::C(BaseUsage::RE, BaseUsage::X)
        );

        let msh21 = field("MSH", 21);
        assert_eq!(
            (msh21.usage, msh21.min, msh21.max),
            (Usage::R, 1, Max::Unbounded)
        );
        assert_eq!(field("MSH", 1).name, "field_separator");
        assert_eq!(field("MSH", 2).len, 4);
        assert_eq!(field("MSH", 7).datatype, "TS_Z");

        let obx5 = field("OBX", 5);
        assert_eq!(obx5.datatype, "varies");
        assert_eq!(obx5.usage, Usage::R);
        assert_eq!(field("OBX", 3).table, Some("NIP003"));
        assert_eq!(field("OBX", 11).table, Some("HL70085"));

        assert_eq!(field("ERR", 1).usage, Usage::X);
        assert_eq!(field("ERR", 6).max, Max::N(10));
        assert_eq!(field("MSA", 1).table, Some("HL70008"));
        assert_eq!(field("QAK", 2).table, Some("HL70208"));
        assert_eq!(field("QPD", 3).max, Max::Unbounded);
        assert_eq!(field("QPD", 13).datatype, "HD");
        assert_eq!(field("RCP", 2).datatype, "CQ_IZ");
        assert_eq!(field("NK1", 3).table, Some("HL70063"));
        assert_eq!(field("ORC", 3).usage, Usage::R);
        assert_eq!(field("ORC", 14).max, Max::N(2));
        assert_eq!(field("IN1", 15).table, Some("HL70086"));
        assert_eq!(field("BTS", 3).max, Max::Unbounded);

        assert_eq!(
            at("HD", types::Hd::COMPONENTS, 3).usage,
            Usage::C(BaseUsage::R, BaseUsage::X)
        );
        assert_eq!(at("CX", types::Cx::COMPONENTS, 5).table, Some("HL70203"));
        assert_eq!(at("XTN", types::Xtn::COMPONENTS, 1).usage, Usage::X);
        assert_eq!(at("CWE", types::Cwe::COMPONENTS, 3).table, Some("HL70396"));
    }

    #[test]
    fn struct_shapes_follow_cardinality() {
        // Repeating fields are Vec, single ones Option: construct values to pin the generated shapes.
        let rxa = Rxa {
            administration_notes: vec![types::Cwe::default()],
            administered_code: Some(Default::default()),
            ..Rxa::default()
        };
        assert_eq!(rxa.administration_notes.len(), 1);
        let pid = Pid {
            patient_identifier_list: vec![types::Cx::default(), types::Cx::default()],
            ..Pid::default()
        };
        assert_eq!(pid.patient_identifier_list.len(), 2);
        let obx = Obx {
            observation_value: Some(Default::default()),
            ..Obx::default()
        };
        assert!(obx.observation_value.is_some());
        let msh = Msh {
            message_profile_identifier: vec![types::Ei::default()],
            ..Msh::default()
        };
        assert_eq!(msh.message_profile_identifier.len(), 1);
    }
}
