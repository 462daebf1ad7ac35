//! Primitive HL7 data types: text (ST, ID, IS, TX, FT), numbers (NM, SI) and dates (DT, DTM).
//!
//! Each is a newtype over the decoded text, so a value that does not fit its type (letters in an NM, a
//! 13th month) is never lost: it stays available as text, and the decoder reports it. Numbers and dates
//! are interpreted on demand ([`Nm::to_f64`], [`Dtm::parts`]).

use std::fmt;

use crate::er7::{Cursor, Writer};

use super::text::Text;
use crate::model::codec::{DataType, DecodeCx, Depth};
use crate::model::issue::DecodeIssueKind;

macro_rules! primitive {
    ($( $(#[$m:meta])* $name:ident $hl7:literal $check:expr; )*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name(pub Text);

        impl $name {
            /// The value as text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// A value from text.
            pub fn new(s: &str) -> Self {
                $name(Text::from(s))
            }

            /// True when the value is the HL7 null `""` ("delete what you have").
            pub fn is_null(&self) -> bool {
                self.0 == "\"\""
            }

            /// The value's text as bytes (UTF-8).
            pub fn as_bytes(&self) -> &[u8] {
                self.0.as_bytes()
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(Text::from(s))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(Text::from(s))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == **other
            }
        }

        impl DataType for $name {
            const HL7_TYPE: &'static str = $hl7;

            fn value_ref(&self) -> crate::model::reflect::ValueRef<'_> {
                crate::model::reflect::ValueRef::Text(&self.0)
            }

            #[inline]
            fn decode_cur(&mut self, cur: &mut Cursor<'_, '_>, depth: Depth, cx: &mut DecodeCx) {
                let check: fn(&[u8]) -> Option<DecodeIssueKind> = $check;
                let token = cur.read(depth.stop());
                // The common case: plain text, copied once from the message.
                if let Some(bytes) = token.plain_bytes() {
                    if !bytes.is_empty() && bytes != b"\"\"" {
                        if let Some(kind) = check(bytes) {
                            cx.report_at(kind, token.offset());
                        }
                    }
                    if Text::fits_inline(bytes) {
                        self.0.set_token(bytes);
                    } else {
                        // Long: cut from the message's text, which is already checked (into the
                        // text's own buffer when it has one of that length).
                        match token.plain_text() {
                            Some(text) => self.0.set_str(text),
                            None => self.0 = Text::from_token(bytes),
                        }
                    }
                    return;
                }
                let text = token_text(cur, token, cx);
                if !text.is_empty() && text != "\"\"" {
                    if let Some(kind) = check(text.as_bytes()) {
                        cx.report_at(kind, token.offset());
                    }
                }
                self.0.set_str(&text);
            }

            #[inline]
            fn encode(&self, w: &mut Writer, _depth: Depth) {
                self.0.write(w);
            }

            fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }
    )*};
}

/// Reads the text of a primitive value at `depth`: escapes decoded, escape problems and unexpected
/// structure (separators of a lower level inside it) reported.
pub(crate) fn read_text(cur: &mut Cursor<'_, '_>, depth: Depth, cx: &mut DecodeCx) -> Text {
    let mut out = Text::new();
    read_text_into(&mut out, cur, depth, cx);
    out
}

/// [`read_text`] into `out`, in place (see [`Text::set_str`]).
pub(crate) fn read_text_into(
    out: &mut Text,
    cur: &mut Cursor<'_, '_>,
    depth: Depth,
    cx: &mut DecodeCx,
) {
    let (text, offset) = read_cow(cur, depth, cx);
    if text.len() > Text::INLINE && !cx.charge(text.len(), offset) {
        *out = Text::new();
        return;
    }
    out.set_str(&text);
}

/// [`read_text`] before it becomes owned, so type checks can look at it first.
#[inline]
fn read_cow<'a>(
    cur: &mut Cursor<'a, '_>,
    depth: Depth,
    cx: &mut DecodeCx,
) -> (std::borrow::Cow<'a, str>, usize) {
    let token = cur.read(depth.stop());
    if let Some(text) = token.plain_text() {
        return (std::borrow::Cow::Borrowed(text), token.offset());
    }
    (token_text(cur, token, cx), token.offset())
}

/// The text of a token that needs work (escapes to decode, structure inside, bytes that are not
/// UTF-8), with what was found reported.
#[cold]
fn token_text<'a>(
    cur: &Cursor<'a, '_>,
    token: crate::er7::Token<'a>,
    cx: &mut DecodeCx,
) -> std::borrow::Cow<'a, str> {
    if token.is_empty() {
        return std::borrow::Cow::Borrowed("");
    }
    if token.nested() {
        cx.report_at(DecodeIssueKind::UnexpectedStructure, token.offset());
    }
    let mut issues = Vec::new();
    let text = token.text(cur.classes().delimiters(), &mut issues);
    for i in issues {
        cx.report_at(
            DecodeIssueKind::BadEscape(i.kind),
            token.offset() + i.offset,
        );
    }
    text
}

fn any_text(_: &[u8]) -> Option<DecodeIssueKind> {
    None
}

fn numeric(s: &[u8]) -> Option<DecodeIssueKind> {
    is_numeric(s)
        .then_some(())
        .map_or(Some(DecodeIssueKind::NotNumeric), |_| None)
}

fn sequence_id(s: &[u8]) -> Option<DecodeIssueKind> {
    (s.is_empty() || !s.iter().all(u8::is_ascii_digit)).then_some(DecodeIssueKind::NotNumeric)
}

fn date(s: &[u8]) -> Option<DecodeIssueKind> {
    date_like(s, false, DecodeIssueKind::BadDate)
}

fn date_time(s: &[u8]) -> Option<DecodeIssueKind> {
    date_like(s, true, DecodeIssueKind::BadDateTime)
}

/// A DT (`allow_time` false) or DTM check: the common shapes quickly, anything else in full.
fn date_like(s: &[u8], allow_time: bool, bad: DecodeIssueKind) -> Option<DecodeIssueKind> {
    if plainly_valid(s, allow_time) {
        return None;
    }
    match std::str::from_utf8(s).map(|s| parse_parts(s, allow_time)) {
        Ok(Ok(_)) => None,
        _ => Some(bad),
    }
}

/// The shapes almost every DT and DTM on the wire take (`YYYYMMDD`, and for a DTM `YYYYMMDDHH[MM[SS]]`
/// with an optional `+hhmm`/`-hhmm` offset), checked without building the parts. True only for values
/// [`parse_parts`] accepts; anything else (a fraction, a shorter precision, an error) goes to it.
fn plainly_valid(b: &[u8], allow_time: bool) -> bool {
    let (digits, offset) = match b.len().checked_sub(5).and_then(|p| Some((p, b.get(p)?))) {
        Some((p, b'+' | b'-')) if allow_time => (b.get(..p).unwrap_or(&[]), b.get(p + 1..)),
        _ => (b, None),
    };
    let n = digits.len();
    if !(n == 8 || (allow_time && matches!(n, 10 | 12 | 14))) {
        return false;
    }
    if !digits
        .iter()
        .chain(offset.unwrap_or(&[]))
        .all(u8::is_ascii_digit)
    {
        return false;
    }
    let num = |d: &[u8], at: usize| two(d, at).unwrap_or(u32::MAX);
    let (year, month, day) = (
        num(digits, 0) * 100 + num(digits, 2),
        num(digits, 4),
        num(digits, 6),
    );
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year as i32, month) {
        return false;
    }
    let (hour, minute, second) = (num(digits, 8), num(digits, 10), num(digits, 12));
    if (n >= 10 && hour > 23) || (n >= 12 && minute > 59) || (n >= 14 && second > 59) {
        return false;
    }
    offset.is_none_or(|o| num(o, 0) <= 14 && num(o, 2) <= 59)
}

/// NM syntax: optional sign, digits with at most one decimal point, at least one digit.
fn is_numeric(s: &[u8]) -> bool {
    let body = match s {
        [b'+' | b'-', rest @ ..] => rest,
        _ => s,
    };
    let mut digits = 0;
    let mut points = 0;
    for &b in body {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' => points += 1,
            _ => return false,
        }
    }
    digits > 0 && points <= 1
}

primitive! {
    /// ST — string data.
    St "ST" any_text;
    /// ID — a coded value from an HL7 table.
    Id "ID" any_text;
    /// IS — a coded value from a user-defined table.
    Is "IS" any_text;
    /// TX — text data (leading spaces significant).
    Tx "TX" any_text;
    /// FT — formatted text (formatting escapes allowed).
    Ft "FT" any_text;
    /// NM — numeric: optional sign, digits, optional decimal point.
    Nm "NM" numeric;
    /// SI — sequence ID: a non-negative integer.
    Si "SI" sequence_id;
    /// DT — date, `YYYY[MM[DD]]`.
    Dt "DT" date;
    /// DTM — date/time, `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`, with the precision the sender gave.
    Dtm "DTM" date_time;
}

impl Nm {
    /// The number, when the text is a valid NM.
    ///
    /// ```
    /// use izmsg::model::types::Nm;
    /// assert_eq!(Nm::from("0.5").to_f64(), Some(0.5));
    /// assert_eq!(Nm::from("1,5").to_f64(), None);
    /// ```
    pub fn to_f64(&self) -> Option<f64> {
        if is_numeric(self.as_bytes()) {
            self.as_str().parse().ok()
        } else {
            None
        }
    }
}

impl Si {
    /// The sequence number, when the text is a valid SI.
    pub fn to_u32(&self) -> Option<u32> {
        self.as_str().parse().ok()
    }
}

/// How precise a date/time is: the last part the sender gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Precision {
    /// `YYYY`
    Year,
    /// `YYYYMM`
    Month,
    /// `YYYYMMDD`
    Day,
    /// `YYYYMMDDHH`
    Hour,
    /// `YYYYMMDDHHMM`
    Minute,
    /// `YYYYMMDDHHMMSS`
    Second,
    /// `YYYYMMDDHHMMSS.S` to `.SSSS`
    Fraction,
}

/// The parts of a DT or DTM value, as the sender gave them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DateTimeParts {
    /// Year.
    pub year: i32,
    /// Month, 1 when not given.
    pub month: u32,
    /// Day, 1 when not given.
    pub day: u32,
    /// Hour, 0 when not given.
    pub hour: u32,
    /// Minute, 0 when not given.
    pub minute: u32,
    /// Second, 0 when not given.
    pub second: u32,
    /// Fraction of a second in nanoseconds.
    pub nanos: u32,
    /// Digits of the fraction the sender gave (0 to 4).
    pub fraction_digits: u8,
    /// Time-zone offset in minutes east of UTC, when given.
    pub offset_minutes: Option<i32>,
    /// How precise the value is.
    pub precision: Precision,
}

/// Why a DT or DTM value could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateTimeError {
    /// The characters do not follow the DT/DTM syntax.
    #[error("not in the form YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]")]
    Syntax,
    /// A part is out of range (month 13, February 30, hour 25 ...).
    #[error("a date or time part is out of range")]
    Range,
    /// The value is the HL7 null or empty.
    #[error("no value")]
    Empty,
}

/// Days in a month (1 to 12) of the proleptic Gregorian calendar, as chrono counts them.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[inline]
fn two(b: &[u8], at: usize) -> Option<u32> {
    match (b.get(at), b.get(at + 1)) {
        (Some(h), Some(l)) if h.is_ascii_digit() && l.is_ascii_digit() => {
            Some(u32::from(h - b'0') * 10 + u32::from(l - b'0'))
        }
        _ => None,
    }
}

fn parse_parts(s: &str, allow_time: bool) -> Result<DateTimeParts, DateTimeError> {
    if s.is_empty() || s == "\"\"" {
        return Err(DateTimeError::Empty);
    }
    let b = s.as_bytes();
    // Split off the time-zone offset.
    let (body, offset) = match b.iter().position(|&c| c == b'+' || c == b'-') {
        Some(p) if allow_time => {
            let tz = b.get(p..).unwrap_or(&[]);
            if tz.len() != 5 {
                return Err(DateTimeError::Syntax);
            }
            let hh = two(tz, 1).ok_or(DateTimeError::Syntax)?;
            let mm = two(tz, 3).ok_or(DateTimeError::Syntax)?;
            if hh > 14 || mm > 59 {
                return Err(DateTimeError::Range);
            }
            let sign = if tz.first() == Some(&b'-') { -1 } else { 1 };
            (
                b.get(..p).unwrap_or(&[]),
                Some(sign * (hh as i32 * 60 + mm as i32)),
            )
        }
        Some(_) => return Err(DateTimeError::Syntax),
        None => (b, None),
    };
    let (digits, fraction) = match body.iter().position(|&c| c == b'.') {
        Some(p) if allow_time => (
            body.get(..p).unwrap_or(&[]),
            Some(body.get(p + 1..).unwrap_or(&[])),
        ),
        Some(_) => return Err(DateTimeError::Syntax),
        None => (body, None),
    };
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(DateTimeError::Syntax);
    }
    let max = if allow_time { 14 } else { 8 };
    if digits.len() < 4 || digits.len() > max || digits.len() % 2 != 0 {
        return Err(DateTimeError::Syntax);
    }
    let year = (two(digits, 0).ok_or(DateTimeError::Syntax)? * 100
        + two(digits, 2).ok_or(DateTimeError::Syntax)?) as i32;
    let precision = match digits.len() {
        4 => Precision::Year,
        6 => Precision::Month,
        8 => Precision::Day,
        10 => Precision::Hour,
        12 => Precision::Minute,
        _ => Precision::Second,
    };
    let month = two(digits, 4).unwrap_or(1);
    let day = two(digits, 6).unwrap_or(1);
    let hour = two(digits, 8).unwrap_or(0);
    let minute = two(digits, 10).unwrap_or(0);
    let second = two(digits, 12).unwrap_or(0);
    let (nanos, fraction_digits, precision) = match fraction {
        Some(f) => {
            if precision != Precision::Second
                || f.is_empty()
                || f.len() > 4
                || !f.iter().all(u8::is_ascii_digit)
            {
                return Err(DateTimeError::Syntax);
            }
            let mut n: u32 = 0;
            for d in f {
                n = n * 10 + u32::from(d - b'0');
            }
            let scale = 10u32.pow(9 - f.len() as u32);
            (n * scale, f.len() as u8, Precision::Fraction)
        }
        None => (0, 0, precision),
    };
    if !(1..=12).contains(&month) || hour > 23 || minute > 59 || second > 59 {
        return Err(DateTimeError::Range);
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(DateTimeError::Range);
    }
    Ok(DateTimeParts {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        fraction_digits,
        offset_minutes: offset,
        precision,
    })
}

impl DateTimeParts {
    /// The date part (month and day default to 1 when not given; check [`precision`](Self::precision)).
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month, self.day)
    }

    /// The local date and time as written.
    pub fn naive(&self) -> Option<chrono::NaiveDateTime> {
        self.date()?
            .and_hms_nano_opt(self.hour, self.minute, self.second, self.nanos)
    }

    /// The instant, when the sender gave a time-zone offset.
    pub fn with_offset(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        let tz = chrono::FixedOffset::east_opt(self.offset_minutes? * 60)?;
        self.naive()?.and_local_timezone(tz).single()
    }
}

impl Dt {
    /// Reads the date.
    ///
    /// ```
    /// use izmsg::model::types::{Dt, Precision};
    /// let p = Dt::from("202403").parts().unwrap();
    /// assert_eq!((p.year, p.month, p.precision), (2024, 3, Precision::Month));
    /// assert!(Dt::from("20091301").parts().is_err());
    /// ```
    pub fn parts(&self) -> Result<DateTimeParts, DateTimeError> {
        parse_parts(self.0.as_str(), false)
    }

    /// A day-precision date.
    pub fn from_date(d: chrono::NaiveDate) -> Dt {
        Dt::from(d.format("%Y%m%d").to_string())
    }
}

impl Dtm {
    /// Reads the date/time with the precision and offset the sender gave.
    ///
    /// ```
    /// use izmsg::model::types::{Dtm, Precision};
    /// let p = Dtm::from("20240315143000-0500").parts().unwrap();
    /// assert_eq!(p.precision, Precision::Second);
    /// assert_eq!(p.offset_minutes, Some(-300));
    /// assert_eq!(p.with_offset().unwrap().to_rfc3339(), "2024-03-15T14:30:00-05:00");
    /// ```
    pub fn parts(&self) -> Result<DateTimeParts, DateTimeError> {
        parse_parts(self.0.as_str(), true)
    }

    /// A day-precision value.
    pub fn from_date(d: chrono::NaiveDate) -> Dtm {
        Dtm::from(d.format("%Y%m%d").to_string())
    }

    /// A second-precision value with its offset (`YYYYMMDDHHMMSS+ZZZZ`), as MSH-7 wants.
    pub fn from_datetime(t: &chrono::DateTime<chrono::FixedOffset>) -> Dtm {
        Dtm::from(t.format("%Y%m%d%H%M%S%z").to_string())
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn month_lengths_agree_with_chrono() {
        for year in (0..=2500).chain([9996, 9999]) {
            for month in 1..=12 {
                for day in 1..=32 {
                    let ours = day <= days_in_month(year, month);
                    let chrono = chrono::NaiveDate::from_ymd_opt(year, month, day).is_some();
                    assert_eq!(ours, chrono, "{year}-{month}-{day}");
                }
            }
        }
    }

    #[test]
    fn the_plain_shapes_are_read_as_parse_parts_reads_them() {
        // Every value the fast check passes must parse; and for the shapes it knows, it must pass every
        // value that parses.
        let values = [
            "20240315",
            "20240230",
            "20240229",
            "19000229",
            "00000101",
            "99991231",
            "20241301",
            "20240015",
            "2024031512",
            "2024031524",
            "202403151259",
            "202403151260",
            "20240315125959",
            "20240315125960",
            "20240315125959-0500",
            "20240315125959+1459",
            "20240315125959+1500",
            "20240315125959-0560",
            "202403151259-0500",
            "2024031512+0000",
            "20240315-0500",
            "2024",
            "202403",
            "20240315125959.1234",
            "2024031x",
            "20240315125959-05",
            "+0500",
            "",
            "20240315125959-0500-0500",
            "2024-03-15",
        ];
        for v in values {
            for allow_time in [false, true] {
                let fast = plainly_valid(v.as_bytes(), allow_time);
                let full = parse_parts(v, allow_time).is_ok();
                assert!(
                    !fast || full,
                    "{v} passed the fast check but does not parse"
                );
                let known_shape = {
                    let digits = v.split(['+', '-']).next().unwrap_or("");
                    let n = digits.len();
                    (n == 8 || (allow_time && matches!(n, 10 | 12 | 14)))
                        && (digits.len() == v.len() || (allow_time && v.len() == n + 5))
                };
                if known_shape {
                    assert_eq!(fast, full, "{v} (time allowed: {allow_time})");
                }
            }
        }
    }

    #[test]
    fn the_fast_check_never_passes_what_does_not_parse() {
        // Generated date-like strings (digits, signs, points), deterministic.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = b"0123456789012345678901239+-.";
        for _ in 0..200_000 {
            let len = (next() % 22) as usize;
            let v: String = (0..len)
                .map(|_| char::from(alphabet[(next() % alphabet.len() as u64) as usize]))
                .collect();
            for allow_time in [false, true] {
                if plainly_valid(v.as_bytes(), allow_time) {
                    assert!(parse_parts(&v, allow_time).is_ok(), "{v}");
                }
            }
        }
    }

    #[test]
    fn impossible_dates_are_range_errors() {
        assert_eq!(parse_parts("20230229", false), Err(DateTimeError::Range));
        assert!(parse_parts("20240229", false).is_ok());
        assert!(parse_parts("20000229", false).is_ok());
        assert_eq!(parse_parts("19000229", false), Err(DateTimeError::Range));
        assert_eq!(parse_parts("20240431", false), Err(DateTimeError::Range));
        assert_eq!(parse_parts("20240400", false), Err(DateTimeError::Range));
    }
}
