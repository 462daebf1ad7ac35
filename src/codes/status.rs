//! The status words of the code tables as Rust enums: CVX status, the
//! Active/Inactive status of MVX codes, trade names and NDC packages, VIS
//! edition status and the status of a code in a value set.
//!
//! Each enum keeps the exact word the CDC (or the table) uses, available from
//! `as_str`, and reads it back leniently (case, spaces and hyphens ignored:
//! `Non-US`, `NON US` and `nonus` are the same word). The words themselves are
//! listed once, in `schema.rs`, which the build script also reads.

use std::fmt;
use std::str::FromStr;

use super::schema;

/// A word that is not one of the words of a status enum.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{word}` is not a {kind} (expected one of: {expected})")]
pub struct UnknownWord {
    /// The word that was given.
    pub word: String,
    /// What kind of word was expected (e.g. "CVX status").
    pub kind: &'static str,
    /// The accepted words, comma-separated.
    pub expected: String,
}

fn same_word(a: &str, b: &str) -> bool {
    let mut x = a.bytes().filter(u8::is_ascii_alphanumeric);
    let mut y = b.bytes().filter(u8::is_ascii_alphanumeric);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.eq_ignore_ascii_case(&q) => {}
            _ => return false,
        }
    }
}

macro_rules! word_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $words:path, $kind:literal,
        [$($(#[$vmeta:meta])* $variant:ident),+ $(,)?]
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the order of the words in `schema.rs`.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The word as the source table writes it.
            pub fn as_str(self) -> &'static str {
                let pos = $name::ALL.iter().position(|v| *v == self).unwrap_or_default();
                $words.get(pos).copied().unwrap_or_default()
            }

            /// Reads the word, ignoring case, spaces, hyphens and other punctuation.
            pub fn from_word(word: &str) -> Option<$name> {
                $words
                    .iter()
                    .position(|w| same_word(w, word))
                    .and_then(|pos| $name::ALL.get(pos).copied())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::from_word(s).ok_or_else(|| UnknownWord {
                    word: s.to_string(),
                    kind: $kind,
                    expected: $words.join(", "),
                })
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                word.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

word_enum!(
    /// Status of a CVX code, as the CDC publishes it.
    ///
    /// ```
    /// use izmsg::codes::CvxStatus;
    /// assert_eq!(CvxStatus::NonUs.as_str(), "Non-US");
    /// assert_eq!("never active".parse::<CvxStatus>(), Ok(CvxStatus::NeverActive));
    /// ```
    CvxStatus, schema::CVX_STATUS_WORDS, "CVX status",
    [
        /// `Active`: a vaccine currently available in the US.
        Active,
        /// `Inactive`: no longer available, but doses given earlier may be reported.
        Inactive,
        /// `Non-US`: a vaccine not licensed in the US (doses given abroad).
        NonUs,
        /// `Never Active`: reserved or created in error, never used for a product.
        NeverActive,
        /// `Pending`: reserved for a product awaiting licensure.
        Pending,
    ]
);

word_enum!(
    /// `Active` / `Inactive`: the status of an MVX code or a trade name, and
    /// the derived status of an NDC package (see
    /// [`NdcProduct::status`](super::NdcProduct::status)).
    Status, schema::STATUS_WORDS, "status",
    [
        /// `Active`.
        Active,
        /// `Inactive`.
        Inactive,
    ]
);

word_enum!(
    /// Status of a VIS edition: `Current` (the edition to hand out now) or
    /// `Historic` (an earlier edition).
    VisStatus, schema::VIS_STATUS_WORDS, "VIS status",
    [
        /// `Current`.
        Current,
        /// `Historic`.
        Historic,
    ]
);

word_enum!(
    /// Status of a code within a value set: `active`, `deprecated` (still
    /// listed, to be replaced) or `local` (a state- or registry-defined code
    /// a registry may accept, e.g. state VFC eligibility codes in HL7 0064).
    CodeStatus, schema::CODE_STATUS_WORDS, "value-set code status",
    [
        /// `active`.
        Active,
        /// `deprecated`.
        Deprecated,
        /// `local`.
        Local,
    ]
);
