//! Key normalisation shared by the build script and the library.
//!
//! Every lookup key the crate uses (CVX, MVX, trade-name, NDC and value-set
//! name keys) is computed here, once: `build.rs` includes this file with
//! `#[path]` to compute the keys of the compiled `phf` maps, and the library
//! uses the same functions on the caller's input, so a key built at compile
//! time and a key built at lookup time cannot drift apart. Keys are built in a
//! fixed-size stack buffer ([`KeyBuf`]), so computing one never allocates.
//! Like `schema.rs`, this file must stay plain `std`.

/// Capacity of a [`KeyBuf`]; longer keys never match anything.
pub const KEY_CAPACITY: usize = 128;

/// A lookup key built on the stack (ASCII only, at most [`KEY_CAPACITY`] bytes).
#[derive(Clone, Copy)]
pub struct KeyBuf {
    bytes: [u8; KEY_CAPACITY],
    len: usize,
    overflow: bool,
}

impl KeyBuf {
    /// An empty key.
    pub const fn new() -> Self {
        KeyBuf {
            bytes: [0; KEY_CAPACITY],
            len: 0,
            overflow: false,
        }
    }

    /// Appends one ASCII byte; a non-ASCII byte or a full buffer makes the key invalid.
    pub fn push(&mut self, byte: u8) {
        if !byte.is_ascii() {
            self.overflow = true;
            return;
        }
        match self.bytes.get_mut(self.len) {
            Some(slot) => {
                *slot = byte;
                self.len += 1;
            }
            None => self.overflow = true,
        }
    }

    /// Appends an ASCII string.
    pub fn push_str(&mut self, s: &str) {
        for b in s.bytes() {
            self.push(b);
        }
    }

    /// The key, or `None` when it overflowed or held a non-ASCII byte.
    pub fn get(&self) -> Option<&str> {
        if self.overflow {
            return None;
        }
        std::str::from_utf8(self.bytes.get(..self.len)?).ok()
    }

    /// The key, or the empty string when it is invalid (an empty key matches nothing).
    pub fn as_str(&self) -> &str {
        self.get().unwrap_or("")
    }
}

impl Default for KeyBuf {
    fn default() -> Self {
        KeyBuf::new()
    }
}

/// Trade-name key: the ASCII letters and digits of `name`, lowercased; every
/// space, hyphen and punctuation mark is dropped ("Fluzone High-Dose
/// Quadrivalent" -> `fluzonehighdosequadrivalent`).
pub fn tradename_key(name: &str) -> KeyBuf {
    let mut key = KeyBuf::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() {
            key.push(b.to_ascii_lowercase());
        }
    }
    key
}

/// CVX key: the code trimmed; a numeric code is written with at least two
/// digits and no other leading zeros, as the CDC writes CVX codes (`8`, `08`
/// and `008` all give `08`; `0208` gives `208`).
pub fn cvx_key(code: &str) -> KeyBuf {
    let code = code.trim();
    let mut key = KeyBuf::new();
    if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) {
        let digits = code.trim_start_matches('0');
        if digits.len() < 2 {
            for _ in digits.len()..2 {
                key.push(b'0');
            }
        }
        key.push_str(digits);
    } else {
        key.push_str(code);
    }
    key
}

/// MVX key: the code trimmed and in upper case (`pfr` -> `PFR`).
pub fn mvx_key(code: &str) -> KeyBuf {
    upper_key(code)
}

/// Value-set name key: the name trimmed and in upper case (`hl70064` -> `HL70064`).
pub fn name_key(name: &str) -> KeyBuf {
    upper_key(name)
}

/// Exact key: the value trimmed, otherwise unchanged (VIS barcodes, GDTI, CPT codes).
pub fn exact_key(value: &str) -> KeyBuf {
    let mut key = KeyBuf::new();
    key.push_str(value.trim());
    key
}

fn upper_key(value: &str) -> KeyBuf {
    let mut key = KeyBuf::new();
    for b in value.trim().bytes() {
        key.push(b.to_ascii_uppercase());
    }
    key
}

/// Key of one CDC NDC row: `S` (unit of sale) or `U` (unit of use) followed by
/// the CDC row id (`S500`, `U362`).
pub fn ndc_row_key(unit_of_sale: bool, row_id: u32) -> KeyBuf {
    let mut key = KeyBuf::new();
    key.push(if unit_of_sale { b'S' } else { b'U' });
    push_decimal(&mut key, row_id);
    key
}

/// Key of a CDC row id on its own (`500`), used by the NDC linker indexes.
pub fn id_key(row_id: u32) -> KeyBuf {
    let mut key = KeyBuf::new();
    push_decimal(&mut key, row_id);
    key
}

fn push_decimal(key: &mut KeyBuf, value: u32) {
    let mut digits = [0u8; 10];
    let mut n = value;
    let mut count = 0;
    loop {
        if let Some(slot) = digits.get_mut(count) {
            *slot = b'0' + (n % 10) as u8;
        }
        count += 1;
        n /= 10;
        if n == 0 || count >= digits.len() {
            break;
        }
    }
    for i in (0..count).rev() {
        if let Some(d) = digits.get(i) {
            key.push(*d);
        }
    }
}

/// The 11 digits of an NDC written in the CDC's dashed 5-4-2 form
/// (`49281-0421-50` -> `49281042150`), or `None` when it is not in that form.
pub fn ndc11_dashed_digits(dashed: &str) -> Option<KeyBuf> {
    let mut parts = dashed.split('-');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.len() != 5 || b.len() != 4 || c.len() != 2 {
        return None;
    }
    let mut key = KeyBuf::new();
    for part in [a, b, c] {
        if !part.bytes().all(|x| x.is_ascii_digit()) {
            return None;
        }
        key.push_str(part);
    }
    Some(key)
}

/// Parses an ISO `YYYY-MM-DD` date into (year, month, day), checking that the
/// day exists in that month (leap years included).
pub fn parse_iso_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let year: i32 = parse_digits(y)?.try_into().ok()?;
    let month = parse_digits(m)?;
    let day = parse_digits(d)?;
    if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
        Some((year, month, day))
    } else {
        None
    }
}

/// Parses ASCII digits only (no sign, no spaces).
pub fn parse_digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Number of days in `month` (1-12) of `year` in the Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}
