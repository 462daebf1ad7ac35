//! [`Timestamp`]: a date, or a date and time, with the precision the sender gave it (HL7 TS/DTM),
//! so a birth year stays a year and a dose time stays a time through reading and writing.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::model::types::{DateTimeParts, Dt, Dtm, Precision, Ts};

use super::sink::{MapTo, Short, Sink, component, typed, year};

/// A point in time as HL7 writes it: `YYYY[MM[DD[HH[MM[SS[.SSSS]]]]]][+/-ZZZZ]`.
///
/// Parts below the precision are not part of the value: a `Month` timestamp is held as the first of
/// the month, and `time` is `Some` only from `Hour` precision on. Fractions of a second are written
/// with four digits (the DTM maximum), so finer ones do not survive writing.
///
/// ```
/// use chrono::NaiveDate;
/// use izmsg::model::domain::Timestamp;
/// use izmsg::model::types::Precision;
///
/// let day = Timestamp::from(NaiveDate::from_ymd_opt(2024, 3, 15).unwrap());
/// assert_eq!(day.to_hl7(), "20240315");
///
/// let t = Timestamp::parse("201403041100-0500").unwrap();
/// assert_eq!(t.precision, Precision::Minute);
/// assert_eq!(t.offset_minutes, Some(-300));
/// assert_eq!(t.to_hl7(), "201403041100-0500");
/// assert_eq!(Timestamp::parse("2009"), Some(Timestamp::year(2009).unwrap()));
/// assert_eq!(Timestamp::parse("20091301"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timestamp {
    /// The calendar date (month and day are 1 below their precision).
    pub date: NaiveDate,
    /// The time of day, from `Hour` precision on.
    pub time: Option<NaiveTime>,
    /// The time-zone offset in minutes east of UTC, when the sender gave one.
    pub offset_minutes: Option<i32>,
    /// How precise the value is.
    pub precision: Precision,
}

impl Timestamp {
    /// A day-precision timestamp.
    pub fn from_date(date: NaiveDate) -> Timestamp {
        Timestamp {
            date,
            time: None,
            offset_minutes: None,
            precision: Precision::Day,
        }
    }

    /// A year-precision timestamp (`None` for a year chrono cannot hold).
    pub fn year(year: i32) -> Option<Timestamp> {
        Some(Timestamp {
            precision: Precision::Year,
            ..Timestamp::from_date(NaiveDate::from_ymd_opt(year, 1, 1)?)
        })
    }

    /// A month-precision timestamp.
    pub fn month(year: i32, month: u32) -> Option<Timestamp> {
        Some(Timestamp {
            precision: Precision::Month,
            ..Timestamp::from_date(NaiveDate::from_ymd_opt(year, month, 1)?)
        })
    }

    /// Reads DTM text (`None` when it is not a valid DTM, or empty).
    pub fn parse(text: &str) -> Option<Timestamp> {
        Dtm::from(text.trim())
            .parts()
            .ok()
            .and_then(|p| Timestamp::from_parts(&p))
    }

    /// The timestamp of the parts of a DT or DTM value.
    pub fn from_parts(p: &DateTimeParts) -> Option<Timestamp> {
        let date = p.date()?;
        let time = if p.precision >= Precision::Hour {
            Some(NaiveTime::from_hms_nano_opt(
                p.hour, p.minute, p.second, p.nanos,
            )?)
        } else {
            None
        };
        Some(Timestamp {
            date,
            time,
            offset_minutes: p.offset_minutes,
            precision: p.precision,
        })
    }

    /// Reads a TS field or component (`None` when empty or not a valid date/time).
    pub fn from_ts(ts: &Ts) -> Option<Timestamp> {
        ts.time.parts().ok().and_then(|p| Timestamp::from_parts(&p))
    }

    /// Reads a DT value.
    pub fn from_dt(dt: &Dt) -> Option<Timestamp> {
        dt.parts().ok().and_then(|p| Timestamp::from_parts(&p))
    }

    /// The HL7 text, to the timestamp's precision, with its offset when it has one.
    pub fn to_hl7(&self) -> String {
        self.hl7_text().as_str().to_string()
    }

    /// [`to_hl7`](Self::to_hl7)'s text, formatted on the stack.
    pub(crate) fn hl7_text(&self) -> Short {
        let mut s = Short::new();
        let d = self.date;
        let t = self.time.unwrap_or_default();
        let p = self.precision;
        year(&mut s, d.year());
        for (at, v) in [
            (Precision::Month, d.month()),
            (Precision::Day, d.day()),
            (Precision::Hour, t.hour()),
            (Precision::Minute, t.minute()),
            (Precision::Second, t.second()),
        ] {
            if p >= at {
                s.digits(u64::from(v), 2);
            }
        }
        if p >= Precision::Fraction {
            let _ = s.write_str(".");
            s.digits(u64::from((t.nanosecond() / 100_000).min(9999)), 4);
        }
        if let Some(off) = self.offset_minutes {
            let _ = s.write_str(if off < 0 { "-" } else { "+" });
            let abs = u64::from(off.unsigned_abs());
            s.digits(abs / 60, 2);
            s.digits(abs % 60, 2);
        }
        s
    }

    /// The value as a TS.
    pub fn to_ts(&self) -> Ts {
        typed(self)
    }

    /// The same instant at day precision (time and offset dropped).
    pub fn day(&self) -> Timestamp {
        Timestamp::from_date(self.date)
    }
}

impl MapTo<Ts> for Timestamp {
    fn map<K: Sink<Ts>>(&self, k: &mut K) {
        TsText(&self.hl7_text()).map(k);
    }
}

/// A TS whose time is already formatted.
pub(crate) struct TsText<'a>(pub(crate) &'a Short);

impl MapTo<Ts> for TsText<'_> {
    fn map<K: Sink<Ts>>(&self, k: &mut K) {
        k.put(component!(Ts, time), self.0);
    }
}

impl std::fmt::Display for Timestamp {
    /// ISO 8601 to the timestamp's precision: `2024`, `2024-03`, `2024-03-15`, `2024-03-15T14`,
    /// `2024-03-15T14:30`, `2024-03-15T14:30:59`, `2024-03-15T14:30:59.1234`, with the offset
    /// (`-05:00`) when there is one. [`to_hl7`](Timestamp::to_hl7) gives the HL7 form.
    ///
    /// ```
    /// use izmsg::model::domain::Timestamp;
    /// assert_eq!(Timestamp::parse("20240315").unwrap().to_string(), "2024-03-15");
    /// assert_eq!(Timestamp::parse("202403151430-0500").unwrap().to_string(), "2024-03-15T14:30-05:00");
    /// assert_eq!(Timestamp::parse("2024").unwrap().to_string(), "2024");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.date;
        let t = self.time.unwrap_or_default();
        let p = self.precision;
        write!(f, "{:04}", d.year())?;
        if p >= Precision::Month {
            write!(f, "-{:02}", d.month())?;
        }
        if p >= Precision::Day {
            write!(f, "-{:02}", d.day())?;
        }
        if p >= Precision::Hour {
            write!(f, "T{:02}", t.hour())?;
        }
        if p >= Precision::Minute {
            write!(f, ":{:02}", t.minute())?;
        }
        if p >= Precision::Second {
            write!(f, ":{:02}", t.second())?;
        }
        if p >= Precision::Fraction {
            write!(f, ".{:04}", (t.nanosecond() / 100_000).min(9999))?;
        }
        if let Some(off) = self.offset_minutes {
            let sign = if off < 0 { '-' } else { '+' };
            let abs = off.unsigned_abs();
            write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)?;
        }
        Ok(())
    }
}

impl From<NaiveDate> for Timestamp {
    fn from(date: NaiveDate) -> Timestamp {
        Timestamp::from_date(date)
    }
}

impl From<NaiveDateTime> for Timestamp {
    /// Second precision, or fraction precision when the time has a fraction of a second.
    fn from(t: NaiveDateTime) -> Timestamp {
        Timestamp {
            date: t.date(),
            time: Some(t.time()),
            offset_minutes: None,
            precision: if t.nanosecond() == 0 {
                Precision::Second
            } else {
                Precision::Fraction
            },
        }
    }
}

impl From<DateTime<FixedOffset>> for Timestamp {
    /// As for a `NaiveDateTime`, with the offset.
    fn from(t: DateTime<FixedOffset>) -> Timestamp {
        Timestamp {
            offset_minutes: Some(t.offset().local_minus_utc() / 60),
            ..Timestamp::from(t.naive_local())
        }
    }
}

/// Reads a DT as a calendar date (any precision; month and day default to 1).
pub(crate) fn date_of(dt: &Dt) -> Option<NaiveDate> {
    dt.parts().ok().and_then(|p| p.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_precision_round_trips() {
        for s in [
            "2024",
            "202403",
            "20240315",
            "2024031514",
            "202403151430",
            "20240315143059",
            "20240315143059.1234",
            "20240315143059.5-0330",
            "20240315+0000",
        ] {
            let t = Timestamp::parse(s);
            assert!(t.is_some(), "{s}");
            let again = t.and_then(|t| Timestamp::parse(&t.to_hl7()));
            assert_eq!(again, t, "{s}");
        }
        assert_eq!(
            Timestamp::parse("20240315143059.5").map(|t| t.to_hl7()),
            Some("20240315143059.5000".to_string())
        );
    }
}
