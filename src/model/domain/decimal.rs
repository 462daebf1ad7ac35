//! [`Decimal`]: an exact, non-negative decimal number, for the amounts a message carries (RXA-6).
//!
//! A binary float cannot hold `0.1` exactly, has a NaN and infinities, and prints `0.1 + 0.2` as
//! `0.30000000000000004`: none of that belongs in a dose. A `Decimal` is a whole number of units and
//! a count of decimal places, read from text and written back as the same digits.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// Most significant digits a [`Decimal`] holds.
pub(crate) const MAX_DIGITS: usize = 18;

/// Most digits after the decimal point a [`Decimal`] holds.
pub(crate) const MAX_SCALE: u8 = 9;

/// An exact, non-negative decimal number: `units / 10^scale`.
///
/// Read from text (`"0.5"`, `"1"`, `"0.25"`, `".5"`); trailing zeros after the point and leading
/// zeros are dropped (`"00.50"` is `0.5`), so equal numbers are equal values. It has no sign, no
/// exponent, no NaN and no infinity.
///
/// ```
/// use izmsg::model::domain::Decimal;
/// let half: Decimal = "0.5".parse()?;
/// assert_eq!(half.to_string(), "0.5");
/// assert_eq!(half, Decimal::new(5, 1)?);
/// assert_eq!("00.50".parse::<Decimal>()?, half);
/// assert!("-1".parse::<Decimal>().is_err());
/// assert!("NaN".parse::<Decimal>().is_err());
/// assert!("1e21".parse::<Decimal>().is_err());
/// # Ok::<(), izmsg::model::domain::DecimalError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    units: u64,
    scale: u8,
}

/// Why a text is not a [`Decimal`]. Its `Display` quotes nothing of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecimalError {
    /// Nothing, or only a point.
    #[error("the number is empty")]
    Empty,
    /// A minus sign: amounts are never negative.
    #[error("the number is negative")]
    Negative,
    /// Something other than digits and one decimal point (a sign, an exponent, a letter, a space).
    #[error(
        "character {position} is not a digit or the decimal point (write digits with at most one `.`)"
    )]
    InvalidCharacter {
        /// Its 1-based position in the text.
        position: usize,
    },
    /// More than 18 significant digits, or more than 9 decimal places.
    #[error(
        "the number has too many digits (at most {MAX_DIGITS} significant digits, {MAX_SCALE} after the point)"
    )]
    TooManyDigits,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal { units: 0, scale: 0 };

    /// `units / 10^scale`: `Decimal::new(5, 1)` is `0.5`.
    pub fn new(units: u64, scale: u8) -> Result<Decimal, DecimalError> {
        if scale > MAX_SCALE || units >= 10u64.pow(MAX_DIGITS as u32) {
            return Err(DecimalError::TooManyDigits);
        }
        Ok(Decimal { units, scale }.normalized())
    }

    /// Reads the text: digits with at most one decimal point, nothing else.
    pub fn parse(text: &str) -> Result<Decimal, DecimalError> {
        if text.starts_with('-') {
            return Err(DecimalError::Negative);
        }
        let mut units: u64 = 0;
        let mut digits = 0usize;
        let mut scale: Option<u8> = None;
        let mut any_digit = false;
        for (i, b) in text.bytes().enumerate() {
            match b {
                b'0'..=b'9' => {
                    any_digit = true;
                    if let Some(s) = scale.as_mut() {
                        *s = s.saturating_add(1);
                    }
                    if units == 0 && b == b'0' && scale.is_none() {
                        continue; // a leading zero
                    }
                    digits += 1;
                    if digits > MAX_DIGITS + usize::from(MAX_SCALE) {
                        return Err(DecimalError::TooManyDigits);
                    }
                    units = units
                        .checked_mul(10)
                        .and_then(|u| u.checked_add(u64::from(b - b'0')))
                        .ok_or(DecimalError::TooManyDigits)?;
                }
                b'.' if scale.is_none() => scale = Some(0),
                _ => return Err(DecimalError::InvalidCharacter { position: i + 1 }),
            }
        }
        if !any_digit {
            return Err(DecimalError::Empty);
        }
        // Trailing zeros after the point do not count against the limits.
        let mut scale = scale.unwrap_or(0);
        while scale > 0 && units % 10 == 0 {
            units /= 10;
            scale -= 1;
        }
        Decimal::new(units, scale)
    }

    /// Reads an HL7 NM value as a message carries it: surrounding spaces and a leading `+` allowed.
    /// `None` for anything that is not a non-negative decimal.
    pub(crate) fn from_nm(text: &str) -> Option<Decimal> {
        let text = text.trim();
        Decimal::parse(text.strip_prefix('+').unwrap_or(text)).ok()
    }

    fn normalized(mut self) -> Decimal {
        while self.scale > 0 && self.units % 10 == 0 {
            self.units /= 10;
            self.scale -= 1;
        }
        if self.units == 0 {
            self.scale = 0;
        }
        self
    }

    /// The whole number of units (`5` for `0.5`).
    pub fn units(self) -> u64 {
        self.units
    }

    /// The number of decimal places (`1` for `0.5`).
    pub fn scale(self) -> u8 {
        self.scale
    }

    /// `true` for zero.
    pub fn is_zero(self) -> bool {
        self.units == 0
    }

    /// The nearest `f64`, for arithmetic that need not be exact.
    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(i32::from(self.scale))
    }

    /// The value in units of `10^-MAX_SCALE`, for comparisons (fits: at most 27 digits).
    fn scaled(self) -> u128 {
        u128::from(self.units) * 10u128.pow(u32::from(MAX_SCALE - self.scale.min(MAX_SCALE)))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        self.scaled().cmp(&other.scaled())
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;

    fn from_str(s: &str) -> Result<Decimal, DecimalError> {
        Decimal::parse(s)
    }
}

impl TryFrom<&str> for Decimal {
    type Error = DecimalError;

    fn try_from(s: &str) -> Result<Decimal, DecimalError> {
        Decimal::parse(s)
    }
}

impl From<u32> for Decimal {
    fn from(n: u32) -> Decimal {
        Decimal {
            units: u64::from(n),
            scale: 0,
        }
    }
}

impl fmt::Display for Decimal {
    /// The digits, with a point when there are decimal places: `0.5`, `12`, `1.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let pow = 10u64.pow(u32::from(self.scale));
        write!(
            f,
            "{}.{:0width$}",
            self.units / pow,
            self.units % pow,
            width = usize::from(self.scale)
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Reads a string (`"0.5"`, exact) or a JSON number (`0.5`: read back through its shortest decimal
/// form, which is the number as written for up to 15 significant digits).
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Decimal;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-negative decimal number, as a string or a number")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
                Decimal::parse(v).map_err(E::custom)
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
                Decimal::new(v, 0).map_err(E::custom)
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
                let v = u64::try_from(v).map_err(|_| E::custom(DecimalError::Negative))?;
                Decimal::new(v, 0).map_err(E::custom)
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
                if v < 0.0 {
                    return Err(E::custom(DecimalError::Negative));
                }
                // `{v}` is the shortest text that reads back as `v`; exponents and NaN are refused.
                Decimal::parse(&format!("{v}")).map_err(E::custom)
            }
        }

        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn reads_and_writes_the_same_digits() {
        for (text, shown) in [
            ("0.5", "0.5"),
            ("0.50", "0.5"),
            ("00.5", "0.5"),
            (".5", "0.5"),
            ("5.", "5"),
            ("1", "1"),
            ("0", "0"),
            ("0.000", "0"),
            ("1.25", "1.25"),
            ("0.000000001", "0.000000001"),
            ("999999999999999999", "999999999999999999"),
            ("123456789.123456789", "123456789.123456789"),
        ] {
            assert_eq!(Decimal::parse(text).unwrap().to_string(), shown, "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_non_negative_decimal() {
        use DecimalError::*;
        for (text, err) in [
            ("", Empty),
            (".", Empty),
            ("-0.5", Negative),
            ("+0.5", InvalidCharacter { position: 1 }),
            ("NaN", InvalidCharacter { position: 1 }),
            ("inf", InvalidCharacter { position: 1 }),
            ("1e21", InvalidCharacter { position: 2 }),
            ("0.5 ", InvalidCharacter { position: 4 }),
            ("1.2.3", InvalidCharacter { position: 4 }),
            ("1000000000000000000", TooManyDigits),
            ("0.0000000001", TooManyDigits),
        ] {
            assert_eq!(Decimal::parse(text), Err(err), "{text:?}");
        }
        assert_eq!(Decimal::new(1, 10), Err(TooManyDigits));
        assert_eq!(Decimal::new(10u64.pow(18), 0), Err(TooManyDigits));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn reads_json_strings_and_numbers_and_writes_strings() {
        let d = |json: &str| serde_json::from_str::<Decimal>(json).map(|d| d.to_string());
        assert_eq!(d("\"0.50\"").unwrap(), "0.5");
        assert_eq!(d("0.3").unwrap(), "0.3");
        assert_eq!(d("2").unwrap(), "2");
        assert!(d("-1").is_err() && d("-0.5").is_err() && d("1e300").is_err());
        assert!(d("\"NaN\"").is_err() && d("null").is_err());
        let half = Decimal::new(5, 1).unwrap();
        assert_eq!(serde_json::to_string(&half).unwrap(), "\"0.5\"");
    }

    #[test]
    fn compares_by_value() {
        let d = |s: &str| Decimal::parse(s).unwrap();
        assert!(d("0.5") < d("0.75"));
        assert!(d("10") > d("9.999999999"));
        assert_eq!(d("2.50").cmp(&d("2.5")), Ordering::Equal);
        assert_eq!(Decimal::from(999), d("999.000"));
        assert_eq!(Decimal::from_nm(" +0.30 "), Some(d("0.3")));
        assert_eq!(Decimal::from_nm("-1"), None);
    }
}
