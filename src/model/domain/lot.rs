//! [`Lot`]: a vaccine lot number with its expiration date, and the parser for the one-field form
//! some EHRs keep them in (`"XXXX mm/dd/yyyy"`, or `"XXXX mm/yyyy"` when the carton gives no day; the
//! form Cerbo asks its users to type).

use std::fmt;
use std::str::FromStr;

use super::timestamp::Timestamp;

/// A lot number (RXA-15) and, when known, the lot's expiration date (RXA-16).
///
/// ```
/// use izmsg::model::domain::Lot;
/// use izmsg::model::types::Precision;
///
/// let lot = Lot::parse("AB123C 12/31/2025")?;
/// assert_eq!(lot.number, "AB123C");
/// assert_eq!(lot.expiration.unwrap().to_hl7(), "20251231");
///
/// let by_month = Lot::parse("U7012AA 06/2026")?;
/// assert_eq!(by_month.expiration.unwrap().precision, Precision::Month);
/// assert_eq!(by_month.expiration.unwrap().to_hl7(), "202606");
///
/// assert_eq!(Lot::parse("AB123C")?.expiration, None); // a lot number alone
/// assert!(Lot::parse("AB123C 13/31/2025").is_err()); // no month 13
/// # Ok::<(), izmsg::model::domain::LotError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Lot {
    /// The lot number, as printed on the vial or carton.
    pub number: String,
    /// When the lot expires: day precision, or month precision when only the month is known.
    pub expiration: Option<Timestamp>,
}

/// Why a text is not a lot number with an expiration date. Its `Display` quotes nothing of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LotError {
    /// Nothing but white space.
    #[error("the lot is empty")]
    Empty,
    /// A date with no lot number before it.
    #[error("the lot number is missing before the expiration date")]
    MissingNumber,
    /// The last word has slashes but is not a date written `mm/dd/yyyy` or `mm/yyyy`.
    #[error("the expiration date is not a date written mm/dd/yyyy or mm/yyyy")]
    Expiration,
}

impl Lot {
    /// A lot number with no expiration date.
    pub fn new(number: impl Into<String>) -> Lot {
        Lot {
            number: number.into(),
            expiration: None,
        }
    }

    /// The same lot, expiring on `date`.
    pub fn expiring(mut self, date: impl Into<Timestamp>) -> Lot {
        self.expiration = Some(date.into());
        self
    }

    /// Reads `"NUMBER mm/dd/yyyy"`, `"NUMBER mm/yyyy"` or a lot number alone. The date is the last
    /// word when it has a slash; month and day may have one digit or two, the year has four. White
    /// space around and between the parts is ignored.
    pub fn parse(text: &str) -> Result<Lot, LotError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(LotError::Empty);
        }
        let (number, last) = match text.rsplit_once(char::is_whitespace) {
            Some((number, last)) => (number.trim_end(), last),
            None => ("", text),
        };
        if !last.contains('/') {
            return Ok(Lot::new(text));
        }
        let expiration = expiration(last).ok_or(LotError::Expiration)?;
        if number.is_empty() {
            return Err(LotError::MissingNumber);
        }
        Ok(Lot::new(number).expiring(expiration))
    }
}

/// `mm/dd/yyyy` (day precision) or `mm/yyyy` (month precision).
fn expiration(text: &str) -> Option<Timestamp> {
    let parts: Vec<&str> = text.split('/').collect();
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [m, d, y] => {
            let date = chrono::NaiveDate::from_ymd_opt(
                i32::try_from(number(y, 4..=4)?).ok()?,
                number(m, 1..=2)?,
                number(d, 1..=2)?,
            )?;
            Some(Timestamp::from_date(date))
        }
        [m, y] => Timestamp::month(i32::try_from(number(y, 4..=4)?).ok()?, number(m, 1..=2)?),
        _ => None,
    }
}

impl FromStr for Lot {
    type Err = LotError;

    fn from_str(s: &str) -> Result<Lot, LotError> {
        Lot::parse(s)
    }
}

impl From<&str> for Lot {
    /// A lot number alone, taken as given (use [`Lot::parse`] for `"NUMBER mm/dd/yyyy"`).
    fn from(number: &str) -> Lot {
        Lot::new(number)
    }
}

impl From<String> for Lot {
    /// A lot number alone, taken as given.
    fn from(number: String) -> Lot {
        Lot::new(number)
    }
}

impl fmt::Display for Lot {
    /// `AB123C`, or `AB123C (expires 2025-12-31)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.number)?;
        match &self.expiration {
            Some(e) => write!(f, " (expires {e})"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::types::Precision;

    #[test]
    fn reads_the_one_field_forms() {
        let lot = Lot::parse("  J003535   1/5/2026 ").unwrap();
        assert_eq!(lot.number, "J003535");
        assert_eq!(lot.expiration.unwrap().to_hl7(), "20260105");
        let lot = Lot::parse("LOT 12 B 02/2025").unwrap();
        assert_eq!(lot.number, "LOT 12 B");
        assert_eq!(lot.expiration.unwrap().precision, Precision::Month);
        assert_eq!(Lot::parse("LOT 12 B").unwrap(), Lot::new("LOT 12 B"));
    }

    #[test]
    fn refuses_what_is_not_a_lot_and_date() {
        for (text, err) in [
            ("", LotError::Empty),
            ("   ", LotError::Empty),
            ("12/31/2025", LotError::MissingNumber),
            ("AB 02/30/2025", LotError::Expiration),
            ("AB 12/31/25", LotError::Expiration),
            ("AB 0/2025", LotError::Expiration),
            ("AB 12/31/2025/1", LotError::Expiration),
            ("AB 1a/2025", LotError::Expiration),
            ("AB /", LotError::Expiration),
        ] {
            assert_eq!(Lot::parse(text), Err(err), "{text:?}");
        }
    }
}
