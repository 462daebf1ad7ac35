//! Dates in the code tables: the date formats the CDC publishes, and the ISO
//! form (`YYYY-MM-DD`) the crate stores and serialises.
//!
//! The CDC writes dates differently in each download: `6/26/2025` in the XML
//! reports, `2024/06/12` in the pipe-delimited CVX/MVX text, `20250701` and
//! `2025-07-16 00:00:00` in the NDC flat files. [`parse_cdc_date`] reads all of
//! them; the crate's own tables use ISO dates only.

use chrono::NaiveDate;

use super::normalize::{parse_digits, parse_iso_date};

/// Builds a date from parts known to be valid (the build script checked them).
/// Used by the generated tables; an impossible date becomes `NaiveDate::MIN`.
pub(crate) const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

/// Parses a date in any of the forms the CDC code-set downloads use:
/// `M/D/YYYY`, `YYYY/MM/DD`, `YYYYMMDD`, `YYYY-MM-DD`, and any of these
/// followed by a time (`2025-07-16 00:00:00`), which is ignored.
///
/// ```
/// use chrono::NaiveDate;
/// use izmsg::codes::parse_cdc_date;
///
/// let d = NaiveDate::from_ymd_opt(2025, 6, 26);
/// assert_eq!(parse_cdc_date("6/26/2025"), d);
/// assert_eq!(parse_cdc_date("2025/06/26"), d);
/// assert_eq!(parse_cdc_date("20250626"), d);
/// assert_eq!(parse_cdc_date("2025-06-26 00:00:00"), d);
/// assert_eq!(parse_cdc_date("9/4/2020"), NaiveDate::from_ymd_opt(2020, 9, 4));
/// assert_eq!(parse_cdc_date("26.6.2025"), None);
/// ```
pub fn parse_cdc_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let date = text.split([' ', 'T']).next().unwrap_or(text);
    if let Some((y, m, d)) = parse_iso_date(date) {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        let y = parse_digits(date.get(0..4)?)?;
        let m = parse_digits(date.get(4..6)?)?;
        let d = parse_digits(date.get(6..8)?)?;
        return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    }
    let mut parts = date.split('/');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (y, m, d) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 {
        (c, a, b)
    } else {
        return None;
    };
    if m.len() > 2 || d.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(parse_digits(y)?).ok()?,
        parse_digits(m)?,
        parse_digits(d)?,
    )
}

/// Serde helpers: dates as ISO `YYYY-MM-DD` strings (chrono's own serde
/// support is not enabled in this crate).
#[cfg(feature = "serde")]
pub(crate) mod iso {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&date.format("%Y-%m-%d"))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_cdc_date(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid date `{text}`")))
    }

    /// The same for `Option<NaiveDate>` (`null` when absent).
    pub(crate) mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub(crate) fn serialize<S: Serializer>(
            date: &Option<NaiveDate>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => s.collect_str(&date.format("%Y-%m-%d")),
                None => s.serialize_none(),
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<NaiveDate>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(text) if text.is_empty() => Ok(None),
                Some(text) => super::super::parse_cdc_date(&text)
                    .map(Some)
                    .ok_or_else(|| serde::de::Error::custom(format!("invalid date `{text}`"))),
            }
        }
    }
}
