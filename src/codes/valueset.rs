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
    pattern.bytes().any(|b| b.is_ascii_lowercase())
        && pattern
            .bytes()
            .filter(u8::is_ascii_lowercase)
            .all(|b| matches!(b, b'n' | b'z' | b's'))
        && pattern.len() == code.len()
        && pattern.bytes().zip(code.bytes()).all(|(p, c)| match p {
            b'n' => c.is_ascii_digit(),
            b'z' | b's' => c.is_ascii_alphanumeric(),
            other => other == c,
        })
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
