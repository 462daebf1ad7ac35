//! HL7 and CDC value sets the Implementation Guide binds (sex 0001, CDCREC
//! race and ethnicity, relationship 0063, VFC eligibility 0064, route 0162 and
//! NCIT, site 0163, completion status 0322, action code 0323, coding systems
//! 0396, NIP001-NIP004, error codes 0357 and 0533, severity 0516, registry
//! status 0441, publicity 0215, query response status 0208, ... and every
//! other value set of the NIST IG 1.5 profiles).
//!
//! A value set is found by any of its names, case ignored: its id (`HL70064_IZ`,
//! `NIP001`, `PHVS_VaccinationContraindication_IIS`) or an alias (`0064`,
//! `HL70064`, `NIP004`). For an HL7 table the IG constrains, the number names
//! the IG's value set, and the unconstrained HL7 table is `HL7nnnn_BASE`.
//! Some value sets are whole CDC tables (`CVX`, `MVX`, `NDC_Sale`,
//! `NDC_Use`, `PHVS_VISBarcodes_IIS`, `PHVS_VISVaccines_IIS`): they answer from
//! those tables, so they are as current as the tables (overlay included).
//! `CDCREC` is the race and ethnicity value sets together.

use super::CodeSets;
use super::generated;
use super::ndc::NdcUnit;
use super::normalize::name_key;
use super::provenance::CdcTable;
use super::status::CodeStatus;

/// One value set (a row of `codesets/valuesets.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ValueSet {
    /// Id (`"HL70064_IZ"`), as NIST names the binding where NIST has it.
    pub id: &'static str,
    /// Other names (`["0064", "HL70064"]`).
    pub aliases: &'static [&'static str],
    /// Title (`"Patient Eligibility Category"`).
    pub title: &'static str,
    /// Where the members are.
    pub members: ValueSetMembers,
    /// Coding system most members use (CWE/CE component 3), e.g. `"HL70064"`, `"CVX"`.
    pub code_system: &'static str,
    /// `true` when the value set admits codes it does not list (local or
    /// state-defined codes, e.g. VFC eligibility codes of a state).
    pub extensible: bool,
    /// The data sets it comes from (keys of [`provenance`](super::provenance)).
    pub sources: &'static [&'static str],
}

/// Where a value set's members are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum ValueSetMembers {
    /// Listed in `codesets/valueset_codes.tsv`, ordered by code.
    Listed(&'static [ValueSetCode]),
    /// The codes of a CDC table: `Cvx` (CVX codes), `Mvx`, `NdcSale`,
    /// `NdcUse` (NDCs of that unit, any form), `Vis` (VIS barcodes), `CvxVis`
    /// (CVX codes that have a VIS).
    Table(CdcTable),
    /// The members of these value sets together.
    Union(&'static [&'static str]),
}

/// One listed code of a value set (a row of `codesets/valueset_codes.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ValueSetCode {
    /// The code (`"V02"`).
    pub code: &'static str,
    /// Its meaning (`"VFC eligible - Medicaid/Medicaid Managed Care"`).
    pub meaning: &'static str,
    /// Its coding system (`"HL70064"`).
    pub code_system: &'static str,
    /// `active`, `deprecated` or `local`.
    pub status: CodeStatus,
}

/// A code found in a value set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Member<'a> {
    /// The value set's id.
    pub value_set: &'static str,
    /// The code as the value set has it.
    pub code: &'a str,
    /// Its meaning (for table value sets: the CVX short description, the MVX
    /// name, the NDC proprietary name or the VIS document name).
    pub meaning: &'a str,
    /// Its coding system.
    pub code_system: &'a str,
    /// `active`, `deprecated` or `local` (table members are `active`).
    pub status: CodeStatus,
}

impl ValueSet {
    /// The listed codes (empty for table and union value sets).
    pub fn codes(&self) -> &'static [ValueSetCode] {
        match self.members {
            ValueSetMembers::Listed(codes) => codes,
            _ => &[],
        }
    }

    /// Every name the value set answers to: its id, then its aliases.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.id).chain(self.aliases.iter().copied())
    }
}

/// The value set named `name` (id or alias, case ignored).
///
/// ```
/// let vs = izmsg::codes::value_set("hl70064").unwrap();
/// assert_eq!(vs.id, "HL70064_IZ");
/// assert!(izmsg::codes::value_set("NIP004").is_some());
/// ```
pub fn value_set(name: &str) -> Option<&'static ValueSet> {
    let key = name_key(name);
    let index = generated::VALUE_SET_BY_NAME.get(key.get()?)?;
    generated::VALUE_SETS.get(*index as usize)
}

/// Every value set, ordered by id.
pub fn value_sets() -> &'static [ValueSet] {
    &generated::VALUE_SETS
}

/// True when `pattern` is a pattern row (lower-case placeholders: `n` a digit, `z` or `s` a letter
/// or digit, as HL7 table 0396 writes `99zzz` and `HL7nnnn`) and `code` fits it.
fn matches_pattern(pattern: &str, code: &str) -> bool {
    matches_pattern_bytes(pattern, code.as_bytes())
}

fn matches_pattern_bytes(pattern: &str, code: &[u8]) -> bool {
    is_pattern(pattern)
        && pattern.len() == code.len()
        && pattern
            .bytes()
            .zip(code.iter().copied())
            .all(|(p, c)| match p {
                b'n' => c.is_ascii_digit(),
                b'z' | b's' => c.is_ascii_alphanumeric(),
                other => other == c,
            })
}

/// A value set's membership test, prepared once for a caller that asks it many times (validation
/// judges every bound field): the listed codes in a hash table (a code of up to 8 bytes is compared as
/// one number), then only the pattern rows (the few `HL7nnnn` / `99zzz` rows of HL7 0396) instead of
/// every row. Answers exactly as [`CodeSets::contains_in`] with the embedded code sets.
#[derive(Debug, Clone)]
pub(crate) struct Membership {
    set: &'static ValueSet,
    /// For a listed value set: its pattern rows (codes that [`matches_pattern`] can match).
    patterns: Option<Vec<&'static str>>,
    /// For a listed value set: open-addressed slots (a power of two), each empty (`None`) or a
    /// code's packed first 8 bytes, its length and the code.
    slots: Vec<Option<(u64, usize, &'static str)>>,
    /// For the value set of CVX codes that have a VIS: whether each row of the embedded CVX table
    /// has one (the VIS tables read once, not at every question).
    with_vis: Vec<bool>,
}

/// A code's first 8 bytes as a number (little-endian, zero-padded).
fn pack(code: &[u8]) -> u64 {
    let mut v = 0u64;
    for (i, b) in code.iter().take(8).enumerate() {
        v |= u64::from(*b) << (8 * i);
    }
    v
}

/// The slot a code starts its search at, among `n` (a power of two).
fn slot(packed: u64, len: usize, n: usize) -> usize {
    let h = (packed ^ (len as u64).rotate_left(56)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 32) as usize & (n - 1)
}

impl Membership {
    /// The membership test of `set`.
    pub(crate) fn new(set: &'static ValueSet) -> Membership {
        let (patterns, slots) = match set.members {
            ValueSetMembers::Listed(codes) => {
                let n = (codes.len() * 2).next_power_of_two().max(8);
                let mut slots = vec![None; n];
                for c in codes {
                    let b = c.code.as_bytes();
                    let packed = pack(b);
                    let mut i = slot(packed, b.len(), n);
                    while slots.get(i).is_some_and(Option::is_some) {
                        i = (i + 1) & (n - 1);
                    }
                    if let Some(s) = slots.get_mut(i) {
                        *s = Some((packed, b.len(), c.code));
                    }
                }
                let patterns = codes
                    .iter()
                    .map(|c| c.code)
                    .filter(|p| is_pattern(p))
                    .collect();
                (Some(patterns), slots)
            }
            _ => (None, Vec::new()),
        };
        let embedded = CodeSets::embedded();
        let with_vis = match set.members {
            ValueSetMembers::Table(CdcTable::CvxVis) => embedded
                .cvx_rows()
                .iter()
                .map(|c| embedded.vis_for_cvx(&c.cvx).next().is_some())
                .collect(),
            _ => Vec::new(),
        };
        Membership {
            set,
            patterns,
            slots,
            with_vis,
        }
    }

    /// The value set.
    pub(crate) fn set(&self) -> &'static ValueSet {
        self.set
    }

    /// `true` when `code` is one of the listed codes (exactly).
    fn listed(&self, code: &[u8]) -> bool {
        let n = self.slots.len();
        if n == 0 {
            return false;
        }
        let packed = pack(code);
        let mut i = slot(packed, code.len(), n);
        // The table is at most half full: an empty slot always ends the search.
        while let Some(Some((p, len, c))) = self.slots.get(i) {
            if *p == packed && *len == code.len() && (*len <= 8 || c.as_bytes() == code) {
                return true;
            }
            i = (i + 1) & (n - 1);
        }
        false
    }

    /// `true` when `code` (UTF-8, trimmed) is in the value set: [`contains`](Membership::contains)
    /// without reading the code as a string when it needs no trimming (no whitespace or other
    /// character outside ASCII at either end).
    pub(crate) fn contains_bytes(&self, code: &[u8]) -> bool {
        let plain =
            |b: Option<&u8>| b.is_none_or(|b| b.is_ascii() && !char::from(*b).is_whitespace());
        match &self.patterns {
            Some(patterns) if plain(code.first()) && plain(code.last()) => {
                self.listed(code) || patterns.iter().any(|p| matches_pattern_bytes(p, code))
            }
            _ => std::str::from_utf8(code).is_ok_and(|code| self.contains(code)),
        }
    }

    /// `true` when `code` (trimmed) is in the value set.
    pub(crate) fn contains(&self, code: &str) -> bool {
        match &self.patterns {
            Some(patterns) => {
                let code = code.trim().as_bytes();
                self.listed(code) || patterns.iter().any(|p| matches_pattern_bytes(p, code))
            }
            None if !self.with_vis.is_empty() => {
                let embedded = CodeSets::embedded();
                let rows = embedded.cvx_rows();
                embedded.cvx(code.trim()).is_some_and(|c| {
                    let size = std::mem::size_of::<super::Cvx>().max(1);
                    let at = (std::ptr::from_ref(c) as usize).wrapping_sub(rows.as_ptr() as usize);
                    match rows.get(at / size) {
                        Some(row) if at % size == 0 && std::ptr::eq(row, c) => {
                            self.with_vis.get(at / size).copied().unwrap_or(false)
                        }
                        _ => embedded.vis_for_cvx(&c.cvx).next().is_some(),
                    }
                })
            }
            None => CodeSets::embedded().contains_in(self.set, code),
        }
    }
}

/// True when a listed code is a pattern row (see [`matches_pattern`]).
fn is_pattern(pattern: &str) -> bool {
    pattern.bytes().any(|b| b.is_ascii_lowercase())
        && pattern
            .bytes()
            .filter(u8::is_ascii_lowercase)
            .all(|b| matches!(b, b'n' | b'z' | b's'))
}

/// Unions nest at most this deep (the build script allows one level).
const MAX_UNION_DEPTH: usize = 2;

impl CodeSets {
    /// The code `code` in the value set `value_set` (names as in
    /// [`value_set`]), with its meaning and status.
    ///
    /// ```
    /// use izmsg::codes::{CodeSets, CodeStatus};
    /// let m = CodeSets::embedded().member("0064", "V02").unwrap();
    /// assert_eq!(m.meaning, "VFC eligible - Medicaid/Medicaid Managed Care");
    /// assert_eq!(m.status, CodeStatus::Active);
    /// ```
    pub fn member<'a>(&'a self, value_set: &str, code: &str) -> Option<Member<'a>> {
        let set = self::value_set(value_set)?;
        self.member_of(set, code.trim(), 0)
    }

    /// The meaning of `code` in the value set `value_set`.
    ///
    /// ```
    /// use izmsg::codes::CodeSets;
    /// let codes = CodeSets::embedded();
    /// assert_eq!(codes.lookup("HL70001", "F"), Some("Female"));
    /// assert_eq!(codes.lookup("CDCREC", "2106-3"), Some("White"));
    /// ```
    pub fn lookup<'a>(&'a self, value_set: &str, code: &str) -> Option<&'a str> {
        self.member(value_set, code).map(|m| m.meaning)
    }

    /// [`member`](Self::member) of a value set already found with [`value_set`]: the fast path for a
    /// caller that looks up codes of the same value sets many times.
    pub(crate) fn member_in<'a>(&'a self, set: &ValueSet, code: &str) -> Option<Member<'a>> {
        self.member_of(set, code.trim(), 0)
    }

    /// `true` when `code` is in the value set `set` (already found with [`value_set`]): the fast
    /// path for a caller that checks many codes against the same bindings.
    ///
    /// ```
    /// use izmsg::codes::{self, CodeSets};
    /// let sex = codes::value_set("HL70001").unwrap();
    /// assert!(CodeSets::embedded().contains_in(sex, "F"));
    /// assert!(!CodeSets::embedded().contains_in(sex, "X"));
    /// ```
    pub fn contains_in(&self, set: &ValueSet, code: &str) -> bool {
        self.member_of(set, code.trim(), 0).is_some()
    }

    /// `true` when `code` is in the value set `value_set` (whatever its
    /// status; see [`CodeSets::member`] for the status). An unknown value-set
    /// name contains nothing.
    ///
    /// ```
    /// use izmsg::codes::CodeSets;
    /// let codes = CodeSets::embedded();
    /// assert!(codes.contains("NIP001", "00"));
    /// // Pattern rows of HL7 table 0396: HL7nnnn, 99zzz.
    /// assert!(codes.contains("HL70396", "HL70163"));
    /// assert!(codes.contains("HL70396", "99ABC"));
    /// assert!(!codes.contains("HL70396", "HL7XYZ"));
    /// assert!(codes.contains("CVX", "208"));
    /// assert!(!codes.contains("0322", "XX"));
    /// ```
    pub fn contains(&self, value_set: &str, code: &str) -> bool {
        self.member(value_set, code).is_some()
    }

    fn member_of<'a>(&'a self, set: &ValueSet, code: &str, depth: usize) -> Option<Member<'a>> {
        let member = |code: &'a str, meaning: &'a str| Member {
            value_set: set.id,
            code,
            meaning,
            code_system: set.code_system,
            status: CodeStatus::Active,
        };
        match set.members {
            ValueSetMembers::Listed(codes) => {
                let found = codes
                    .binary_search_by(|c| c.code.cmp(code))
                    .ok()
                    .and_then(|i| codes.get(i))
                    .or_else(|| codes.iter().find(|c| matches_pattern(c.code, code)))?;
                Some(Member {
                    value_set: set.id,
                    code: found.code,
                    meaning: found.meaning,
                    code_system: found.code_system,
                    status: found.status,
                })
            }
            ValueSetMembers::Union(parts) => {
                if depth >= MAX_UNION_DEPTH {
                    return None;
                }
                parts.iter().find_map(|part| {
                    value_set(part).and_then(|inner| self.member_of(inner, code, depth + 1))
                })
            }
            ValueSetMembers::Table(table) => match table {
                CdcTable::Cvx => self.cvx(code).map(|c| member(&c.cvx, &c.short_description)),
                CdcTable::CvxVis => self
                    .cvx(code)
                    .filter(|c| self.vis_for_cvx(&c.cvx).next().is_some())
                    .map(|c| member(&c.cvx, &c.short_description)),
                CdcTable::Mvx => self.mvx(code).map(|m| member(&m.mvx, &m.name)),
                CdcTable::Vis => self
                    .vis_document(code)
                    .map(|v| member(&v.vis_encoded, &v.document_name)),
                CdcTable::NdcSale | CdcTable::NdcUse => {
                    let unit = if table == CdcTable::NdcSale {
                        NdcUnit::Sale
                    } else {
                        NdcUnit::Use
                    };
                    self.ndc(code)
                        .ok()?
                        .find(|p| p.unit == unit)
                        .map(|p| member(&p.ndc11, &p.proprietary_name))
                }
                _ => None,
            },
        }
    }
}
