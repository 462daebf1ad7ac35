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
    // The rule a user can predict from the IG: a field that repeats ([0..*], [0..2] ...) is a
    // `Vec<T>`; a field that does not is an `Option<T>` when its type is primitive (ST, ID, NM, DT,
    // DTM ..., a short inline text) and an `Option<Box<T>>` when its type is a composite (CWE, TS,
    // HD, XCN, MSG ...), so that an absent composite costs one pointer and a segment stays small.
    (0, $ty:ident) => {
        $crate::__izmsg_by_kind!($ty, ::core::option::Option<$ty>, ::core::option::Option<::std::boxed::Box<$ty>>)
    };
    (1, $ty:ident) => {
        $crate::__izmsg_by_kind!($ty, ::core::option::Option<$ty>, ::core::option::Option<::std::boxed::Box<$ty>>)
    };
    ($other:tt, $ty:ident) => { ::std::vec::Vec<$ty> };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __izmsg_part {
    // The same rule for a component as for a field: a primitive is held inline, a composite (HD in
    // a CX, CWE in an XCN, TS in an XPN ...) is an `Option<Box<T>>`, one pointer when absent.
    ($ty:ident) => {
        $crate::__izmsg_by_kind!($ty, $ty, ::core::option::Option<::std::boxed::Box<$ty>>)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __izmsg_by_kind {
    // The primitive types, listed once: `$primitive` for them, `$composite` for every other type.
    (St, $primitive:ty, $composite:ty) => {
        $primitive
    };
    (Id, $primitive:ty, $composite:ty) => {
        $primitive
    };
    (Is, $primitive:ty, $composite:ty) => {
        $primitive
    };
    (Tx, $primitive:ty, $composite:ty) => {
        $primitive
    };
    (Ft, $primitive:ty, $composite:ty) => {
        $primitive
    };
    (Nm, $primitive:ty, $composite:ty) => {
        $primitive
    };
    (Si, $primitive:ty, $composite:ty) => {
        $primitive
    };
    (Dt, $primitive:ty, $composite:ty) => {
        $primitive
    };
    (Dtm, $primitive:ty, $composite:ty) => {
        $primitive
    };
    ($other:ident, $primitive:ty, $composite:ty) => {
        $composite
    };
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

#[doc(hidden)]
#[macro_export]
macro_rules! __izmsg_field_def {
    (
        $seq:literal, $field:ident, $dt:literal, ($($usage:tt)+), $min:expr, $max:expr, $len:literal,
        $label:literal $(, $tbl:literal)?
    ) => {
        $crate::model::decl::FieldDef {
            seq: $seq,
            name: stringify!($field),
            label: $label,
            datatype: $dt,
            usage: $crate::__izmsg_usage!($($usage)+),
            min: $min,
            max: $max,
            len: $len,
            table: $crate::__izmsg_table!($($tbl)?),
        }
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
        #[derive(Debug, Clone, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(default))]
        pub struct $name {
            $(
                #[doc = concat!($id, "-", stringify!($seq), " ", $label, " (", $dt, ")")]
                #[cfg_attr(feature = "serde", serde(skip_serializing_if = "crate::model::codec::Slot::is_absent"))]
                pub $field: $crate::__izmsg_slot!($max, $ty),
            )*
            /// Fields past the last one the segment defines, and repetitions of fields that do not
            /// repeat, kept so the segment re-encodes as it came.
            #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
            pub extra_fields: ::std::vec::Vec<$crate::model::codec::ExtraField>,
            /// How many fields the segment had on the wire, trailing empty ones included (0 when built).
            #[doc(hidden)]
            #[cfg_attr(feature = "serde", serde(skip))]
            pub wire_width: u16,
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                true $( && self.$field == other.$field )* && self.extra_fields == other.extra_fields
            }
        }

        impl $crate::model::codec::SegmentType for $name {
            const ID: &'static str = $id;

            fn decode_into(&mut self, seg: &$crate::er7::Segment<'_, '_>, cx: &mut $crate::model::codec::DecodeCx) {
                use $crate::model::codec::{DataType as _, Slot as _};
                // One cursor walks the fields in order; `count` is the last field seen. A field past
                // the segment's end is cleared (the segment may hold an earlier one's values).
                self.extra_fields.clear();
                let mut walk = seg.walk();
                let mut count = 0usize;
                let mut n = 0usize;
                $(
                    n += 1;
                    if count + 1 == n && let Some(k) = walk.advance() {
                        count = k;
                        cx.at_field(k);
                        if let Some(extra) = self.$field.decode_slot(walk.cursor(), cx) {
                            self.extra_fields.push($crate::model::codec::ExtraField {
                                field: n as u16,
                                repetitions_only: true,
                                values: extra,
                            });
                        }
                    } else {
                        self.$field.clear_slot();
                    }
                )*
                let _ = n;
                while let Some(k) = walk.advance() {
                    count = k;
                    let cur = walk.cursor();
                    if !cur.is_done() && !$crate::model::codec::reads_as_nothing(cur.clone()) {
                        cx.at_field(k);
                        cx.report_at($crate::model::issue::DecodeIssueKind::ExtraField, cur.offset());
                        let mut values = Vec::new();
                        loop {
                            if !cx.charge(::std::mem::size_of::<$crate::model::types::Varies>(), cur.offset()) {
                                break;
                            }
                            let mut v = $crate::model::types::Varies::default();
                            v.decode_cur(cur, $crate::model::codec::Depth::Repetition, cx);
                            values.push(v);
                            if cur.at() != $crate::er7::Sep::Rep {
                                break;
                            }
                            cur.skip();
                        }
                        self.extra_fields.push($crate::model::codec::ExtraField {
                            field: u16::try_from(k).unwrap_or(u16::MAX),
                            repetitions_only: false,
                            values,
                        });
                    }
                }
                self.wire_width = u16::try_from(count).unwrap_or(u16::MAX);
            }

            fn encode(&self, w: &mut $crate::er7::Writer) {
                use $crate::model::codec::Slot as _;
                w.begin_segment($id);
                let header = matches!($id, "MSH" | "FHS" | "BHS");
                let width = usize::from(self.wire_width);
                let mut last = 0usize;
                let mut n = 0usize;
                $(
                    n += 1;
                    if !self.$field.is_absent() {
                        last = n;
                    }
                )*
                let limit = if self.extra_fields.is_empty() { last.max(width) } else { usize::MAX };
                let mut n = 0usize;
                $(
                    n += 1;
                    if !(header && n <= 2) && n <= limit {
                        w.next_field();
                        self.$field.encode_slot(w);
                        if !self.extra_fields.is_empty() {
                            $crate::model::codec::encode_extra(&self.extra_fields, n, w, !self.$field.is_absent());
                        }
                        if n == width {
                            w.mark();
                        }
                    }
                )*
                let last_extra = self.extra_fields.iter().map(|e| usize::from(e.field)).max().unwrap_or(0);
                for k in (n + 1)..=last_extra.max(width) {
                    w.next_field();
                    $crate::model::codec::encode_extra(&self.extra_fields, k, w, false);
                    if k == width {
                        w.mark();
                    }
                }
                w.end_segment();
            }
        }

        impl $crate::model::reflect::SegmentView for $name {
            fn id(&self) -> &str {
                $id
            }

            fn fields(&self) -> &'static [$crate::model::decl::FieldDef] {
                Self::FIELDS
            }

            fn field(&self, seq: u16) -> $crate::model::reflect::Repetitions<'_> {
                use $crate::model::codec::Slot as _;
                match seq {
                    $( $seq => self.$field.repetitions(), )*
                    _ => $crate::model::codec::extra_repetitions(&self.extra_fields, seq),
                }
            }

            fn extra_fields(&self) -> &[$crate::model::codec::ExtraField] {
                &self.extra_fields
            }

            fn last_field(&self) -> u16 {
                use $crate::model::codec::Slot as _;
                let mut last = 0u16;
                $( if !self.$field.repetitions().is_blank() { last = $seq; } )*
                for e in &self.extra_fields {
                    if e.field > last && e.values.iter().any(|v| !$crate::model::codec::DataType::is_empty(v)) {
                        last = e.field;
                    }
                }
                last
            }

            fn present_fields(&self) -> u128 {
                use $crate::model::codec::Slot as _;
                let mut mask = 0u128;
                $( if $seq <= 128 && !self.$field.is_absent() { mask |= 1u128 << (($seq - 1) % 128); } )*
                mask
            }
        }

        impl $name {
            /// The segment id as it appears on the wire.
            pub const ID: &'static str = $id;
            /// The segment's name in the standard.
            pub const TITLE: &'static str = $title;
            /// Every field of the segment, in sequence.
            pub const FIELDS: &'static [$crate::model::decl::FieldDef] = &[
                $(
                    $crate::__izmsg_field_def!(
                        $seq, $field, $dt, ($usage $( ( $ut / $uf ) )?), $min, $crate::__izmsg_max!($max), $len, $label
                        $(, $tbl)?
                    ),
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
        #[derive(Debug, Clone, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(default))]
        pub struct $name {
            $(
                #[doc = concat!($id, ".", stringify!($seq), " ", $label, " (", $dt, ")")]
                #[cfg_attr(feature = "serde", serde(skip_serializing_if = "crate::model::codec::DataType::is_empty"))]
                pub $field: $crate::__izmsg_part!($ty),
            )*
            /// Components past the last one the type defines (a newer HL7 version's, say), kept so the
            /// value re-encodes as it came.
            #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
            pub extra_components: Option<Box<$crate::model::types::Varies>>,
            /// How many components the value had on the wire, trailing empty ones included (0 when built).
            #[doc(hidden)]
            #[cfg_attr(feature = "serde", serde(skip))]
            pub wire_width: u8,
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                true $( && self.$field == other.$field )* && self.extra_components == other.extra_components
            }
        }

        impl $crate::model::codec::DataType for $name {
            const HL7_TYPE: &'static str = $id;

            fn decode_cur(
                &mut self,
                cur: &mut $crate::er7::Cursor<'_, '_>,
                depth: $crate::model::codec::Depth,
                cx: &mut $crate::model::codec::DecodeCx,
            ) {
                use $crate::model::codec::Depth;
                // `self` may hold an earlier value: every part is overwritten or cleared.
                let Some(sep) = depth.part_separator() else {
                    // No room for parts: the first component stands for the value.
                    let mut i = 0usize;
                    $(
                        i += 1;
                        if i == 1 {
                            $crate::model::codec::DataType::decode_cur(&mut self.$field, cur, Depth::Subcomponent, cx);
                        } else {
                            $crate::model::codec::DataType::clear(&mut self.$field);
                        }
                    )*
                    let _ = i;
                    self.extra_components = None;
                    self.wire_width = 1;
                    return;
                };
                let child = depth.child();
                // The declared parts in order, straight-line: each is read unless empty (an empty
                // part is cleared; the wire width remembers it was there), and the value ends
                // where no separator of its level follows (the parts after it are cleared).
                $(
                    cx.at_part(depth, $seq);
                    if !cur.at_empty(sep) {
                        $crate::model::codec::DataType::decode_cur(&mut self.$field, cur, child, cx);
                    } else {
                        $crate::model::codec::DataType::clear(&mut self.$field);
                    }
                    if cur.at() != sep {
                        cx.at_part(depth, 0);
                        self.wire_width = $seq;
                        self.clear_parts_after($seq);
                        return;
                    }
                    cur.skip();
                )*
                // Parts past the declared ones (a later version's): kept as text and reported.
                self.extra_components = None;
                let mut i = [$( $seq ),*].len();
                loop {
                    i += 1;
                    cx.at_part(depth, i);
                    if !cur.at_empty(sep) {
                        cx.report_at($crate::model::issue::DecodeIssueKind::ExtraComponent, cur.offset());
                    }
                    let part = $crate::model::codec::extra_part(cur, child, cx);
                    self.extra_components.get_or_insert_with(Default::default).push_component(part);
                    if cur.at() != sep || cx.exhausted().is_some() {
                        break;
                    }
                    cur.skip();
                }
                cx.at_part(depth, 0);
                self.wire_width = u8::try_from(i).unwrap_or(u8::MAX);
            }

            fn encode(&self, w: &mut $crate::er7::Writer, depth: $crate::model::codec::Depth) {
                use $crate::model::codec::Depth;
                let mut i = 0usize;
                if depth == Depth::Subcomponent {
                    // No room for parts: the first component stands for the value.
                    $(
                        i += 1;
                        if i == 1 {
                            $crate::model::codec::DataType::encode(&self.$field, w, Depth::Subcomponent);
                        }
                    )*
                    return;
                }
                // Write up to the last non-empty component or the wire width, whichever is further;
                // `mark` at the wire width keeps the empty components that came on the wire.
                let width = usize::from(self.wire_width);
                let extra = self.extra_components.as_deref().filter(|e| e.component_count() > 0);
                // Only parts past the wire width need looking at: those up to it are written anyway.
                let mut last = 0usize;
                $(
                    i += 1;
                    if i > width && !$crate::model::codec::DataType::is_empty(&self.$field) {
                        last = i;
                    }
                )*
                let declared = i;
                let limit = if extra.is_some() { declared } else { last.max(width.min(declared)) };
                let mut i = 0usize;
                $(
                    i += 1;
                    if i <= limit {
                        if i > 1 {
                            depth.next_part(w);
                        }
                        $crate::model::codec::DataType::encode(&self.$field, w, depth.child());
                        if i == width {
                            w.mark();
                        }
                    }
                )*
                let _ = i;
                let i = declared;
                if let Some(extra) = extra {
                    for comp in extra.components() {
                        depth.next_part(w);
                        for (j, sub) in comp.iter().enumerate() {
                            if j > 0 {
                                depth.child().next_part(w);
                            }
                            w.text_bytes(sub.as_bytes());
                        }
                        // Keep the subcomponent separators of a part with several (`^&^`): the next
                        // part would trim them as trailing.
                        if comp.len() > 1 {
                            w.mark();
                        }
                    }
                    w.mark();
                } else if width > i {
                    for _ in i..width {
                        depth.next_part(w);
                    }
                    w.mark();
                }
                w.trim_pending(if depth == Depth::Repetition { 2 } else { 3 });
            }

            fn is_empty(&self) -> bool {
                true $( && $crate::model::codec::DataType::is_empty(&self.$field) )*
                    && self.extra_components.as_deref().is_none_or($crate::model::codec::DataType::is_empty)
            }

            fn value_ref(&self) -> $crate::model::reflect::ValueRef<'_> {
                $crate::model::reflect::ValueRef::Composite(self)
            }
        }

        impl $crate::model::codec::Empty for $name {
            fn empty() -> &'static Self {
                static EMPTY: ::std::sync::OnceLock<$name> = ::std::sync::OnceLock::new();
                EMPTY.get_or_init(<$name as ::core::default::Default>::default)
            }
        }

        impl $crate::model::reflect::CompositeView for $name {
            fn type_name(&self) -> &'static str {
                $id
            }

            fn components(&self) -> &'static [$crate::model::decl::FieldDef] {
                Self::COMPONENTS
            }

            fn component(&self, n: u16) -> ::core::option::Option<$crate::model::reflect::ValueRef<'_>> {
                match n {
                    $( $seq => ::core::option::Option::Some($crate::model::codec::DataType::value_ref(&self.$field)), )*
                    _ => ::core::option::Option::None,
                }
            }

            fn is_blank(&self) -> bool {
                $crate::model::codec::DataType::is_empty(self)
            }

            fn extra_components(&self) -> ::core::option::Option<&$crate::model::types::Varies> {
                self.extra_components.as_deref()
            }

            fn valued_components(&self) -> u64 {
                let mut mask = 0u64;
                $( if $seq <= 64 && !$crate::model::codec::DataType::is_empty(&self.$field) { mask |= 1u64 << (($seq - 1) % 64); } )*
                mask
            }

            fn text_masks(&self, limits: &[u32; 64]) -> (u64, u64) {
                let mut valued = 0u64;
                let mut long = 0u64;
                $(
                    if $seq <= 64 && !$crate::model::codec::DataType::is_empty(&self.$field) {
                        valued |= 1u64 << (($seq - 1) % 64);
                        if let ::core::option::Option::Some(&limit) = limits.get($seq - 1)
                            && limit > 0
                            && let $crate::model::reflect::ValueRef::Text(t) = $crate::model::codec::DataType::value_ref(&self.$field)
                            && t.len() > limit as usize
                        {
                            long |= 1u64 << (($seq - 1) % 64);
                        }
                    }
                )*
                (valued, long)
            }

            fn long_components(&self, limits: &[u32; 64]) -> u64 {
                let mut mask = 0u64;
                $(
                    if $seq <= 64
                        && let ::core::option::Option::Some(&limit) = limits.get($seq - 1)
                        && limit > 0
                        && let $crate::model::reflect::ValueRef::Text(t) = $crate::model::codec::DataType::value_ref(&self.$field)
                        && t.len() > limit as usize
                    {
                        mask |= 1u64 << (($seq - 1) % 64);
                    }
                )*
                mask
            }
        }

        impl $name {
            /// Clears the parts after part `n` and the extra ones (a value decoded into again ends
            /// there).
            #[inline]
            fn clear_parts_after(&mut self, n: usize) {
                $(
                    if $seq > n {
                        $crate::model::codec::DataType::clear(&mut self.$field);
                    }
                )*
                self.extra_components = None;
            }

            /// The data type's HL7 name.
            pub const TYPE: &'static str = $id;
            /// The data type's name in the standard.
            pub const TITLE: &'static str = $title;
            /// Every component, in sequence.
            pub const COMPONENTS: &'static [$crate::model::decl::FieldDef] = &[
                $(
                    $crate::__izmsg_field_def!(
                        $seq, $field, $dt, ($usage $( ( $ut / $uf ) )?), 0, $crate::model::decl::Max::N(1), $len,
                        $label $(, $tbl)?
                    ),
                )*
            ];
        }
    };
}
