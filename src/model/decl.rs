//! The declaration vocabulary: how a segment or a composite data type states its fields once.
//!
//! Every segment in [`crate::model::segments`] and every composite in [`crate::model::types`] is written
//! with the [`segment!`](crate::segment) or [`composite!`](crate::composite) macro. One declaration yields
//! the Rust struct, a `const` table of [`FieldDef`]s (sequence, IG name, data type, usage, cardinality,
//! length, value set), the decoder and the encoder. Labels, structural validation and `inspect` read the
//! same table, so a field's facts live in exactly one place.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Usage code of a field or component, as the CDC IG and the NIST profiles state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Usage {
    /// Required: the sender must populate it.
    R,
    /// Required but may be empty: send it when known.
    RE,
    /// Optional: no IG constraint.
    O,
    /// Conditional: the first usage applies when the IG's predicate holds, the second otherwise.
    C(BaseUsage, BaseUsage),
    /// Not supported: a sender must not send it.
    X,
    /// Retained for backward compatibility only.
    B,
}

/// A non-conditional usage, the two branches of [`Usage::C`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum BaseUsage {
    /// Required.
    R,
    /// Required but may be empty.
    RE,
    /// Optional.
    O,
    /// Not supported.
    X,
}

impl Usage {
    /// The IG's spelling: `R`, `RE`, `C(R/X)` ...
    pub fn as_str(&self) -> &'static str {
        use BaseUsage as B;
        match self {
            Usage::R => "R",
            Usage::RE => "RE",
            Usage::O => "O",
            Usage::X => "X",
            Usage::B => "B",
            Usage::C(t, f) => match (t, f) {
                (B::R, B::X) => "C(R/X)",
                (B::R, B::O) => "C(R/O)",
                (B::R, B::RE) => "C(R/RE)",
                (B::RE, B::X) => "C(RE/X)",
                (B::RE, B::O) => "C(RE/O)",
                (B::O, B::X) => "C(O/X)",
                (B::X, B::O) => "C(X/O)",
                (B::X, B::RE) => "C(X/RE)",
                (B::X, B::R) => "C(X/R)",
                (B::R, B::R) => "C(R/R)",
                (B::RE, B::RE) => "C(RE/RE)",
                (B::RE, B::R) => "C(RE/R)",
                (B::O, B::O) => "C(O/O)",
                (B::O, B::R) => "C(O/R)",
                (B::O, B::RE) => "C(O/RE)",
                (B::X, B::X) => "C(X/X)",
            },
        }
    }
}

/// Maximum repetitions of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Max {
    /// At most this many.
    N(u16),
    /// Unbounded (`*`).
    Unbounded,
}

/// The declaration of one field of a segment, or one component of a composite data type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct FieldDef {
    /// Position, 1-based (`RXA-5` has `seq` 5).
    pub seq: u16,
    /// The Rust field name of the struct member.
    pub name: &'static str,
    /// The IG's name for it (`Administered Code`).
    pub label: &'static str,
    /// The data type as the IG names it, flavour included (`CE_IZ`, `TS_NZ`, `ST`).
    pub datatype: &'static str,
    /// IG usage.
    pub usage: Usage,
    /// Minimum repetitions (0 or 1; components always 0 or 1).
    pub min: u16,
    /// Maximum repetitions (components: always `N(1)`).
    pub max: Max,
    /// Maximum length in characters (0: not stated).
    pub len: u32,
    /// The value set or code table it is bound to (`HL70322`, `CVX`), if any.
    pub table: Option<&'static str>,
}

#[doc(hidden)]
#[macro_export]
macro_rules! __izmsg_usage {
    (C ( $t:ident / $f:ident )) => {
        $crate::model::decl::Usage::C(
            $crate::model::decl::BaseUsage::$t,
            $crate::model::decl::BaseUsage::$f,
        )
    };
    ($u:ident) => {
        $crate::model::decl::Usage::$u
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __izmsg_max {
    (*) => {
        $crate::model::decl::Max::Unbounded
    };
    ($n:literal) => {
        $crate::model::decl::Max::N($n)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __izmsg_slot {
    (0, $ty:ty) => { ::core::option::Option<$ty> };
    (1, $ty:ty) => { ::core::option::Option<$ty> };
    ($other:tt, $ty:ty) => { ::std::vec::Vec<$ty> };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __izmsg_table {
    () => {
        ::core::option::Option::None
    };
    ($t:literal) => {
        ::core::option::Option::Some($t)
    };
}

/// Declares a segment: its struct, its field table, its decoder and encoder.
///
/// Each line is `seq name: RustType "IG_TYPE" USAGE [min..max] len "IG Name" (table "VALUESET")?;`.
/// Fields are declared in sequence, without gaps, from 1 to the last field the segment has.
#[macro_export]
macro_rules! segment {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ( $id:literal, $title:literal ) {
            $(
                $seq:literal $field:ident : $ty:ident $dt:literal
                    $usage:ident $( ( $ut:ident / $uf:ident ) )?
                    [ $min:literal .. $max:tt ] $len:literal $label:literal
                    $( table $tbl:literal )? ;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(default))]
        pub struct $name {
            $(
                #[doc = concat!($id, "-", stringify!($seq), " ", $label, " (", $dt, ")")]
                pub $field: $crate::__izmsg_slot!($max, $ty),
            )*
        }

        impl $name {
            /// The segment id as it appears on the wire.
            pub const ID: &'static str = $id;
            /// The segment's name in the standard.
            pub const TITLE: &'static str = $title;
            /// Every field of the segment, in sequence.
            pub const FIELDS: &'static [$crate::model::decl::FieldDef] = &[
                $(
                    $crate::model::decl::FieldDef {
                        seq: $seq,
                        name: stringify!($field),
                        label: $label,
                        datatype: $dt,
                        usage: $crate::__izmsg_usage!($usage $( ( $ut / $uf ) )?),
                        min: $min,
                        max: $crate::__izmsg_max!($max),
                        len: $len,
                        table: $crate::__izmsg_table!($( $tbl )?),
                    },
                )*
            ];
        }
    };
}

/// Declares a composite data type: its struct and component table.
///
/// Each line is `seq name: RustType "IG_TYPE" USAGE len "IG Name" (table "VALUESET")?;`,
/// components in sequence without gaps.
#[macro_export]
macro_rules! composite {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ( $id:literal, $title:literal ) {
            $(
                $seq:literal $field:ident : $ty:ident $dt:literal
                    $usage:ident $( ( $ut:ident / $uf:ident ) )?
                    $len:literal $label:literal
                    $( table $tbl:literal )? ;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(default))]
        pub struct $name {
            $(
                #[doc = concat!($id, ".", stringify!($seq), " ", $label, " (", $dt, ")")]
                pub $field: $ty,
            )*
        }

        impl $name {
            /// The data type's HL7 name.
            pub const TYPE: &'static str = $id;
            /// The data type's name in the standard.
            pub const TITLE: &'static str = $title;
            /// Every component, in sequence.
            pub const COMPONENTS: &'static [$crate::model::decl::FieldDef] = &[
                $(
                    $crate::model::decl::FieldDef {
                        seq: $seq,
                        name: stringify!($field),
                        label: $label,
                        datatype: $dt,
                        usage: $crate::__izmsg_usage!($usage $( ( $ut / $uf ) )?),
                        min: 0,
                        max: $crate::model::decl::Max::N(1),
                        len: $len,
                        table: $crate::__izmsg_table!($( $tbl )?),
                    },
                )*
            ];
        }
    };
}
