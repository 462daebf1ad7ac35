//! The value forms conformance statements ask for, read byte by byte (no allocation, no regular
//! expressions): the IG's date/time flavours as NIST's assertions state them, ISO OIDs and positive
//! integers.

/// The date/time forms of the IG's flavours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precision {
    /// TS_Z (MSH-7): to the second, with a time zone: `YYYYMMDDHHMMSS[.S[S[S[S]]]]+/-ZZZZ`.
    SecondWithZone,
    /// TS_NZ (PID-7, RXA-3, OBX-14, IN1-29, QPD-6) and QPD-12: at least the day, no time zone:
    /// `YYYYMMDD[HH[MM[SS[.S[S[S[S]]]]]]]`.
    DayNoZone,
    /// TS_M (RXA-16): at least the month, no time zone: `YYYYMM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]`.
    MonthNoZone,
    /// DT_D (PD1-13/17/18): the day exactly: `YYYYMMDD`.
    Day,
}

impl Precision {
    /// The form in the IG's words, for people.
    pub(crate) fn pattern(self) -> &'static str {
        match self {
            Precision::SecondWithZone => "YYYYMMDDHHMMSS+/-ZZZZ",
            Precision::DayNoZone => "YYYYMMDD (a time may follow, without a time zone)",
            Precision::MonthNoZone => "YYYYMM or YYYYMMDD",
            Precision::Day => "YYYYMMDD",
        }
    }

    /// What is wrong with `value` in words ("has no time zone", "is only to the month"), or `None`
    /// when it has the form.
    pub(crate) fn fault(self, value: impl AsRef<[u8]>) -> Option<Fault> {
        let b = value.as_ref();
        let (digits, fraction, zone) = split(b)?;
        let min = match self {
            Precision::SecondWithZone => 14,
            Precision::DayNoZone | Precision::Day => 8,
            Precision::MonthNoZone => 6,
        };
        if digits.len() < min {
            return Some(Fault::TooCoarse);
        }
        if self == Precision::Day && (digits.len() > 8 || fraction || zone) {
            return Some(Fault::TooFine);
        }
        match (self, zone) {
            (Precision::SecondWithZone, false) => Some(Fault::NoZone),
            (Precision::SecondWithZone, true) | (_, false) => None,
            (_, true) => Some(Fault::Zone),
        }
    }
}

/// How a value misses its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Less precise than the form asks (a birth date with only year and month).
    TooCoarse,
    /// More than the form allows (a time where only a date belongs).
    TooFine,
    /// No time zone where one is required.
    NoZone,
    /// A time zone where none is allowed.
    Zone,
}

impl Fault {
    /// The fault in words, completing "The ... ".
    pub(crate) fn words(self) -> &'static str {
        match self {
            Fault::TooCoarse => "is not precise enough",
            Fault::TooFine => "holds more than a date",
            Fault::NoZone => "has no time zone",
            Fault::Zone => "has a time zone where the guide allows none",
        }
    }
}

/// Splits an HL7 DTM into its digits, whether it has a fraction and whether it has a zone; `None`
/// when it is not a well-formed DTM of the shapes NIST's patterns know (then the data-type check of
/// the structure rules reports it, not a conformance statement). The calendar ranges NIST's patterns
/// state (month 01-12, day 01-31, hour 00-23, minute and second 00-59) are checked here.
fn split(b: &[u8]) -> Option<(&[u8], bool, bool)> {
    let digits_end = b
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(b.len());
    let (digits, mut rest) = b.split_at(digits_end);
    if !matches!(digits.len(), 4 | 6 | 8 | 10 | 12 | 14) {
        return None;
    }
    let two = |i: usize| -> Option<u8> {
        let hi = digits.get(i)?.checked_sub(b'0')?;
        let lo = digits.get(i + 1)?.checked_sub(b'0')?;
        Some(hi * 10 + lo)
    };
    let in_range = |i: usize, lo: u8, hi: u8| two(i).is_none_or(|v| (lo..=hi).contains(&v));
    if !(in_range(4, 1, 12)
        && in_range(6, 1, 31)
        && in_range(8, 0, 23)
        && in_range(10, 0, 59)
        && in_range(12, 0, 59))
    {
        return None;
    }
    let mut fraction = false;
    if let Some((b'.', tail)) = rest.split_first() {
        let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits.len() != 14 || !(1..=4).contains(&n) {
            return None;
        }
        fraction = true;
        rest = tail.get(n..)?;
    }
    let zone = match rest {
        [] => false,
        [b'+' | b'-', z @ ..] if z.len() == 4 && z.iter().all(u8::is_ascii_digit) => true,
        _ => return None,
    };
    Some((digits, fraction, zone))
}

/// True for an ISO object identifier as NIST states it: `[0-2](\.(0|[1-9][0-9]*))*`.
pub(crate) fn is_iso_oid(value: impl AsRef<[u8]>) -> bool {
    let mut arcs = value.as_ref().split(|b| *b == b'.');
    let first_ok = matches!(arcs.next(), Some(b"0" | b"1" | b"2"));
    first_ok
        && arcs.all(|arc| {
            !arc.is_empty()
                && arc.iter().all(u8::is_ascii_digit)
                && (arc == b"0" || !arc.starts_with(b"0"))
        })
}

/// True for a positive integer: digits only, not all zero (`1`, `02`).
pub(crate) fn is_positive_integer(value: impl AsRef<[u8]>) -> bool {
    let value = value.as_ref();
    !value.is_empty() && value.iter().all(u8::is_ascii_digit) && value.iter().any(|c| *c != b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_time_needs_seconds_and_zone() {
        let p = Precision::SecondWithZone;
        assert_eq!(p.fault("20240315120000-0500"), None);
        assert_eq!(p.fault("20240315120000.1234+0100"), None);
        assert_eq!(p.fault("20240315120000"), Some(Fault::NoZone));
        assert_eq!(p.fault("202403151200-0500"), Some(Fault::TooCoarse));
        assert_eq!(p.fault("20240315"), Some(Fault::TooCoarse));
        // Not a DTM at all: the data-type rule's business.
        assert_eq!(p.fault("2024-03-15"), None);
        assert_eq!(p.fault("20241315120000-0500"), None);
        assert_eq!(p.fault("20240315120000.12345-0500"), None);
    }

    #[test]
    fn day_precision_without_zone() {
        let p = Precision::DayNoZone;
        assert_eq!(p.fault("20240315"), None);
        assert_eq!(p.fault("202403151230"), None);
        assert_eq!(p.fault("20240315123000.1"), None);
        assert_eq!(p.fault("202403"), Some(Fault::TooCoarse));
        assert_eq!(p.fault("2024"), Some(Fault::TooCoarse));
        assert_eq!(p.fault("20240315-0500"), Some(Fault::Zone));
        assert_eq!(p.fault(""), None);
    }

    #[test]
    fn month_and_exact_day() {
        assert_eq!(Precision::MonthNoZone.fault("202612"), None);
        assert_eq!(Precision::MonthNoZone.fault("20261231"), None);
        assert_eq!(Precision::MonthNoZone.fault("2026"), Some(Fault::TooCoarse));
        assert_eq!(Precision::Day.fault("20240315"), None);
        assert_eq!(Precision::Day.fault("202403"), Some(Fault::TooCoarse));
        assert_eq!(Precision::Day.fault("2024031512"), Some(Fault::TooFine));
    }

    #[test]
    fn oids_and_integers() {
        assert!(is_iso_oid("2.16.840.1.113883.3.72.5.40.1"));
        assert!(is_iso_oid("1"));
        assert!(is_iso_oid("0.0"));
        assert!(!is_iso_oid("3.1"));
        assert!(!is_iso_oid("2.16.08"));
        assert!(!is_iso_oid("2..1"));
        assert!(!is_iso_oid("2.16."));
        assert!(!is_iso_oid("CDCPHINVS"));
        assert!(!is_iso_oid(""));
        assert!(is_positive_integer("1"));
        assert!(is_positive_integer("010"));
        assert!(!is_positive_integer("0"));
        assert!(!is_positive_integer("-1"));
        assert!(!is_positive_integer("1.5"));
        assert!(!is_positive_integer(""));
    }
}
