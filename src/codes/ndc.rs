//! NDC: National Drug Codes of vaccine packages, unit of sale (the carton an
//! EHR orders) and unit of use (the vial or syringe given), in the CDC's NDC
//! tables, with the normalisation of every form users type or receive.
//!
//! The forms accepted are listed at [`ndc_candidates`].

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::normalize::{KeyBuf, cvx_key, id_key, ndc_row_key, ndc11_dashed_digits};
use super::status::Status;
use super::table::{Matches, Record};
use super::{CodeSets, Text};

/// An NDC normalised to 11 digits (labeler 5, product 4, package 2).
///
/// Displays in the CDC's hyphenated 5-4-2 form.
///
/// ```
/// use izmsg::codes::Ndc11;
/// let ndc: Ndc11 = "49281-421-50".parse().unwrap();
/// assert_eq!(ndc.to_string(), "49281-0421-50");
/// assert_eq!(ndc.digits(), "49281042150");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ndc11([u8; 11]);

impl Ndc11 {
    /// The 11 digits without hyphens (`"49281042150"`).
    pub fn digits(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The 5-digit labeler code.
    pub fn labeler(&self) -> &str {
        self.digits().get(0..5).unwrap_or_default()
    }

    /// The 4-digit product code.
    pub fn product(&self) -> &str {
        self.digits().get(5..9).unwrap_or_default()
    }

    /// The 2-digit package code.
    pub fn package(&self) -> &str {
        self.digits().get(9..11).unwrap_or_default()
    }

    fn from_segments(labeler: &str, product: &str, package: &str) -> Option<Ndc11> {
        let mut digits = [b'0'; 11];
        for (segment, start, width) in [(labeler, 0, 5), (product, 5, 4), (package, 9, 2)] {
            if segment.len() > width {
                return None;
            }
            let offset = start + width - segment.len();
            for (i, b) in segment.bytes().enumerate() {
                if !b.is_ascii_digit() {
                    return None;
                }
                *digits.get_mut(offset + i)? = b;
            }
        }
        Some(Ndc11(digits))
    }

    fn key(&self) -> KeyBuf {
        let mut key = KeyBuf::new();
        key.push_str(self.digits());
        key
    }
}

impl fmt::Display for Ndc11 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}-{}",
            self.labeler(),
            self.product(),
            self.package()
        )
    }
}

impl fmt::Debug for Ndc11 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ndc11({self})")
    }
}

impl FromStr for Ndc11 {
    type Err = NdcError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        normalize_ndc(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Ndc11 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Ndc11 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The form an NDC was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NdcForm {
    /// `49281-0421-50`
    Hyphenated542,
    /// `49281042150`
    Plain11,
    /// `0006-4047-41`
    Hyphenated442,
    /// `49281-421-50`
    Hyphenated532,
    /// `54868-6177-0`
    Hyphenated541,
    /// `4928142150` (ambiguous)
    Plain10,
}

/// Why a string is not an NDC.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NdcError {
    /// Nothing but spaces.
    #[error("the NDC is empty")]
    Empty,
    /// A character other than a digit or a hyphen.
    #[error(
        "`{character}` at position {position} is not a digit or hyphen; an NDC has only digits and hyphens"
    )]
    InvalidCharacter {
        /// The character.
        character: char,
        /// Its 1-based position in the trimmed input.
        position: usize,
    },
    /// No hyphens and neither 10 nor 11 digits.
    #[error("an NDC has 10 or 11 digits, found {digits}")]
    DigitCount {
        /// Number of digits found.
        digits: usize,
    },
    /// Hyphenated, but not in three parts.
    #[error("a hyphenated NDC has three parts (labeler-product-package), found {parts}")]
    PartCount {
        /// Number of hyphen-separated parts.
        parts: usize,
    },
    /// Three parts whose lengths are not an NDC form.
    #[error(
        "parts of {labeler}-{product}-{package} digits are not an NDC form (expected 5-4-2, 4-4-2, 5-3-2 or 5-4-1)"
    )]
    PartLengths {
        /// Digits in the labeler part.
        labeler: usize,
        /// Digits in the product part.
        product: usize,
        /// Digits in the package part.
        package: usize,
    },
    /// Ten digits without hyphens: the place of the missing zero is unknown.
    #[error(
        "a 10-digit NDC without hyphens is ambiguous (4-4-2, 5-3-2 or 5-4-1); write it with hyphens, or look it up in the tables, which try all three"
    )]
    Ambiguous,
}

/// The 11-digit readings of an NDC: one, or three for a 10-digit NDC written
/// without hyphens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NdcCandidates {
    list: [Ndc11; 3],
    len: usize,
    form: NdcForm,
}

impl NdcCandidates {
    /// The readings, in the order 4-4-2, 5-3-2, 5-4-1 when ambiguous.
    pub fn as_slice(&self) -> &[Ndc11] {
        self.list.get(..self.len).unwrap_or_default()
    }

    /// The form the input was written in.
    pub fn form(&self) -> NdcForm {
        self.form
    }

    /// `true` when there is more than one reading.
    pub fn is_ambiguous(&self) -> bool {
        self.len > 1
    }
}

/// All 11-digit readings of `input`.
///
/// The CDC tables use the 11-digit 5-4-2 form (`49281-0421-50`). An NDC is
/// accepted as:
///
/// | input | example | read as |
/// |---|---|---|
/// | 11 digits, hyphenated 5-4-2 | `49281-0421-50` | as is |
/// | 11 digits, no hyphens | `49281042150` | 5-4-2 |
/// | 10 digits, hyphenated 4-4-2 | `0006-4047-41` | labeler padded: `00006-4047-41` |
/// | 10 digits, hyphenated 5-3-2 | `49281-421-50` | product padded: `49281-0421-50` |
/// | 10 digits, hyphenated 5-4-1 | `54868-6177-0` | package padded: `54868-6177-00` |
/// | 10 digits, no hyphens | `4928142150` | ambiguous: all three paddings |
///
/// Surrounding spaces are ignored. A 10-digit NDC without hyphens does not
/// say where its missing zero goes: this function returns the three
/// readings (4-4-2, 5-3-2, 5-4-1, in that order), [`normalize_ndc`] refuses
/// it ([`NdcError::Ambiguous`]), and the table lookups ([`CodeSets::ndc`])
/// try all three and return the packages that exist (in practice exactly one
/// reading is a real NDC). Anything else (letters, other part lengths, 9 or
/// 12 digits...) is an [`NdcError`] saying why.
///
/// ```
/// use izmsg::codes::ndc_candidates;
/// let all: Vec<String> = ndc_candidates("4928142150").unwrap().as_slice().iter().map(|n| n.to_string()).collect();
/// assert_eq!(all, ["04928-1421-50", "49281-0421-50", "49281-4215-00"]);
/// ```
pub fn ndc_candidates(input: &str) -> Result<NdcCandidates, NdcError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(NdcError::Empty);
    }
    if let Some((position, character)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit() && *c != '-')
    {
        return Err(NdcError::InvalidCharacter {
            character,
            position: position + 1,
        });
    }
    let single = |ndc: Option<Ndc11>, form| {
        ndc.map(|n| NdcCandidates {
            list: [n; 3],
            len: 1,
            form,
        })
    };
    if !text.contains('-') {
        let digits = text.len();
        return match digits {
            11 => {
                let (a, rest) = text.split_at(5);
                let (b, c) = rest.split_at(4);
                single(Ndc11::from_segments(a, b, c), NdcForm::Plain11)
                    .ok_or(NdcError::DigitCount { digits })
            }
            10 => {
                let read = |a: usize, b: usize| {
                    let (x, rest) = text.split_at(a);
                    let (y, z) = rest.split_at(b);
                    Ndc11::from_segments(x, y, z)
                };
                match (read(4, 4), read(5, 3), read(5, 4)) {
                    (Some(p), Some(q), Some(r)) => Ok(NdcCandidates {
                        list: [p, q, r],
                        len: 3,
                        form: NdcForm::Plain10,
                    }),
                    _ => Err(NdcError::DigitCount { digits }),
                }
            }
            _ => Err(NdcError::DigitCount { digits }),
        };
    }
    let parts: Vec<&str> = text.split('-').collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(NdcError::PartCount { parts: parts.len() });
    };
    let form = match (a.len(), b.len(), c.len()) {
        (5, 4, 2) => NdcForm::Hyphenated542,
        (4, 4, 2) => NdcForm::Hyphenated442,
        (5, 3, 2) => NdcForm::Hyphenated532,
        (5, 4, 1) => NdcForm::Hyphenated541,
        (labeler, product, package) => {
            return Err(NdcError::PartLengths {
                labeler,
                product,
                package,
            });
        }
    };
    single(Ndc11::from_segments(a, b, c), form).ok_or(NdcError::PartLengths {
        labeler: a.len(),
        product: b.len(),
        package: c.len(),
    })
}

/// Normalises an NDC to 11 digits. A 10-digit NDC without hyphens is refused
/// as [`NdcError::Ambiguous`] (use [`ndc_candidates`] or the table lookups).
///
/// ```
/// use izmsg::codes::{normalize_ndc, NdcError};
/// assert_eq!(normalize_ndc("49281-421-50").unwrap().to_string(), "49281-0421-50");
/// assert_eq!(normalize_ndc("0006-4047-41").unwrap().to_string(), "00006-4047-41");
/// assert_eq!(normalize_ndc("4928142150"), Err(NdcError::Ambiguous));
/// assert!(normalize_ndc("49281-04X1-50").is_err());
/// ```
pub fn normalize_ndc(input: &str) -> Result<Ndc11, NdcError> {
    let candidates = ndc_candidates(input)?;
    match candidates.as_slice() {
        [one] => Ok(*one),
        _ => Err(NdcError::Ambiguous),
    }
}

/// Which CDC NDC table a package comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NdcUnit {
    /// Unit of sale (the package ordered: carton, box of syringes).
    Sale,
    /// Unit of use (the package administered from: vial, syringe).
    Use,
}

impl NdcUnit {
    /// `"unit of sale"` or `"unit of use"`.
    pub fn as_str(self) -> &'static str {
        match self {
            NdcUnit::Sale => "unit of sale",
            NdcUnit::Use => "unit of use",
        }
    }
}

/// One NDC package (a row of `codesets/ndc_sale.tsv` or `ndc_use.tsv`, from
/// the CDC's `NDC_Unit_sale.txt` / `NDC_Unit_use.txt`).
///
/// The manufacturer (MVX) and the other unit (sale <-> use) come from the
/// CDC's NDC linker: see [`CodeSets::ndc_mvx`] and [`CodeSets::ndc_linked`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NdcProduct {
    /// Unit of sale or unit of use.
    pub unit: NdcUnit,
    /// CDC row id (`NDCOuterID` / `NDCInnerID`), the key of the NDC linker.
    pub row_id: u32,
    /// The NDC in 11-digit 5-4-2 form (`"49281-0421-50"`).
    pub ndc11: Text,
    /// Labeler code as the CDC segments it (10-digit form, e.g. `"49281"`).
    pub labeler_code: Text,
    /// Product code as the CDC segments it (e.g. `"421"`).
    pub product_code: Text,
    /// Package code as the CDC segments it (e.g. `"50"`).
    pub package_code: Text,
    /// Proprietary (brand) name.
    pub proprietary_name: Text,
    /// Generic name.
    pub generic_name: Text,
    /// Labeler name.
    pub labeler: Text,
    /// Marketing start date.
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso::option"))]
    pub start_date: Option<NaiveDate>,
    /// Marketing end date (the CDC sets one when the package is discontinued).
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso::option"))]
    pub end_date: Option<NaiveDate>,
    /// Package description.
    pub package_form: Text,
    /// Route (units of sale only).
    pub route: Text,
    /// GTIN of the unit of use as published in the CDC's `UseUnitGTIN` column
    /// (units of use only).
    pub unit_gtin: Text,
    /// The CVX code (empty in a few retired rows, as published).
    pub cvx: Text,
    /// CDC short description of the CVX code.
    pub cvx_description: Text,
    /// CDC `NoInner` flag (units of use only): the unit of use is the unit of sale itself.
    pub no_inner: Option<bool>,
    /// GTIN.
    pub gtin: Text,
    /// Date the CDC last changed this row.
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso::option"))]
    pub last_updated: Option<NaiveDate>,
    /// `true` when the CDC dropped this row from its current file (kept so an
    /// old NDC is still recognised).
    pub retired: bool,
}

impl NdcProduct {
    /// The 11-digit NDC.
    pub fn ndc(&self) -> Option<Ndc11> {
        normalize_ndc(&self.ndc11).ok()
    }

    /// The NDC in the CDC's original 10-digit segmentation (`"49281-421-50"`).
    pub fn ndc10(&self) -> String {
        format!(
            "{}-{}-{}",
            self.labeler_code, self.product_code, self.package_code
        )
    }

    /// `Inactive` when the CDC gave the package an end date or dropped it
    /// from its file, else `Active`. (The CDC NDC files carry no status word;
    /// this is the crate's reading of their dates.)
    pub fn status(&self) -> Status {
        if self.retired || self.end_date.is_some() {
            Status::Inactive
        } else {
            Status::Active
        }
    }

    /// `true` when `date` falls within the package's start and end dates
    /// (a missing date does not limit).
    pub fn is_marketed_on(&self, date: NaiveDate) -> bool {
        self.start_date.is_none_or(|start| start <= date)
            && self.end_date.is_none_or(|end| date <= end)
    }
}

/// One row of the CDC NDC linker (`codesets/ndc_link.tsv`, from
/// `NDC_Linker.txt`): a unit of sale, a unit of use it contains, and the
/// manufacturer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NdcLink {
    /// CDC linker id.
    pub linker_id: u32,
    /// Row id of the unit of sale.
    pub sale_row_id: u32,
    /// Row id of the unit of use.
    pub use_row_id: u32,
    /// The MVX code of the manufacturer.
    pub mvx: Text,
    /// `true` when the CDC dropped this row from its current file.
    pub retired: bool,
}

impl Record for NdcProduct {
    const INDEXES: usize = 3;

    fn index_key(&self, index: usize) -> Option<KeyBuf> {
        match index {
            0 => ndc11_dashed_digits(&self.ndc11),
            1 => Some(ndc_row_key(self.unit == NdcUnit::Sale, self.row_id)),
            _ if self.cvx.is_empty() => None,
            _ => Some(cvx_key(&self.cvx)),
        }
    }
}

impl Record for NdcLink {
    const INDEXES: usize = 2;

    fn index_key(&self, index: usize) -> Option<KeyBuf> {
        match index {
            0 => Some(id_key(self.sale_row_id)),
            _ => Some(id_key(self.use_row_id)),
        }
    }
}

/// The packages an NDC lookup found, over all readings of the NDC; iterating
/// allocates nothing.
#[derive(Debug, Clone)]
pub struct NdcMatches<'a> {
    parts: [Matches<'a, NdcProduct>; 3],
    current: usize,
    candidates: NdcCandidates,
}

impl NdcMatches<'_> {
    /// The 11-digit readings that were looked up.
    pub fn candidates(&self) -> &NdcCandidates {
        &self.candidates
    }

    /// `true` when no package matched.
    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(Matches::is_empty)
    }
}

impl<'a> Iterator for NdcMatches<'a> {
    type Item = &'a NdcProduct;

    fn next(&mut self) -> Option<&'a NdcProduct> {
        while let Some(part) = self.parts.get_mut(self.current) {
            if let Some(found) = part.next() {
                return Some(found);
            }
            self.current += 1;
        }
        None
    }
}

/// What an NDC is to RXA-5, where the IG wants the unit of use (the vial or syringe given), not
/// the unit of sale (the carton): see [`CodeSets::ndc_unit_of_use`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitOfUse<'a> {
    /// The NDC is a unit of use.
    Itself(&'a NdcProduct),
    /// The NDC is a unit of sale holding one unit of use: send that one.
    Inside {
        /// The unit of sale the NDC names.
        sale: &'a NdcProduct,
        /// The unit of use inside it.
        unit_of_use: &'a NdcProduct,
    },
    /// The NDC is a unit of sale holding several units of use, or none the CDC linker names: the
    /// caller must say which vial or syringe was given.
    Ambiguous {
        /// The unit of sale the NDC names.
        sale: &'a NdcProduct,
        /// The units of use inside it (none when the linker names none).
        units_of_use: Vec<&'a NdcProduct>,
    },
    /// The tables do not know the NDC (a product newer than them, or a typing error).
    Unknown,
}

impl CodeSets {
    /// The unit of use to send for an NDC, in any of the forms listed at [`ndc_candidates`]. A unit
    /// of sale is followed through the CDC NDC linker to the unit(s) of use it holds (links the CDC
    /// has dropped count only when no current one is left).
    ///
    /// ```
    /// use izmsg::codes::{CodeSets, UnitOfUse};
    /// let codes = CodeSets::embedded();
    /// // A carton of Fluzone Quadrivalent (unit of sale) holds syringes of one NDC (unit of use).
    /// let UnitOfUse::Inside { sale, unit_of_use } = codes.ndc_unit_of_use("49281-0421-50")? else {
    ///     panic!("a unit of sale")
    /// };
    /// assert_eq!((sale.ndc11.as_ref(), unit_of_use.ndc11.as_ref()), ("49281-0421-50", "49281-0421-88"));
    /// assert!(matches!(codes.ndc_unit_of_use("49281-0421-88")?, UnitOfUse::Itself(_)));
    /// assert_eq!(codes.ndc_unit_of_use("12345-6789-01")?, UnitOfUse::Unknown);
    /// # Ok::<(), izmsg::codes::NdcError>(())
    /// ```
    pub fn ndc_unit_of_use(&self, input: &str) -> Result<UnitOfUse<'_>, NdcError> {
        let found: Vec<&NdcProduct> = self.ndc(input)?.collect();
        if let Some(usage) = found.iter().find(|p| p.unit == NdcUnit::Use) {
            return Ok(UnitOfUse::Itself(usage));
        }
        let Some(sale) = found.first().copied() else {
            return Ok(UnitOfUse::Unknown);
        };
        let links: Vec<&NdcLink> = found.iter().flat_map(|s| self.links_of(s)).collect();
        let current = links.iter().any(|l| !l.retired);
        let table = self.table::<NdcProduct>();
        let mut units_of_use: Vec<&NdcProduct> = Vec::new();
        for link in links.iter().filter(|l| !current || !l.retired) {
            for p in table.find(1, &ndc_row_key(false, link.use_row_id)) {
                if !units_of_use.iter().any(|u| u.ndc11 == p.ndc11) {
                    units_of_use.push(p);
                }
            }
        }
        Ok(match units_of_use.as_slice() {
            [one] => UnitOfUse::Inside {
                sale,
                unit_of_use: one,
            },
            _ => UnitOfUse::Ambiguous { sale, units_of_use },
        })
    }

    /// The NDC packages (unit of sale and unit of use, current and retired)
    /// with this NDC, in any of the forms listed at [`ndc_candidates`].
    /// An NDC the tables do not know gives an empty result; a string that is
    /// not an NDC gives the reason.
    ///
    /// ```
    /// use izmsg::codes::CodeSets;
    /// let codes = CodeSets::embedded();
    /// for form in ["49281-0421-50", "49281042150", "49281-421-50", "4928142150"] {
    ///     let found: Vec<_> = codes.ndc(form).unwrap().collect();
    ///     assert_eq!(found.len(), 1);
    ///     assert_eq!(found[0].cvx, "150");
    /// }
    /// ```
    pub fn ndc(&self, input: &str) -> Result<NdcMatches<'_>, NdcError> {
        let candidates = ndc_candidates(input)?;
        let table = self.table::<NdcProduct>();
        let list = candidates.as_slice();
        let parts = std::array::from_fn(|i| match list.get(i) {
            Some(ndc) => table.find(0, &ndc.key()),
            None => Matches::empty(),
        });
        Ok(NdcMatches {
            parts,
            current: 0,
            candidates,
        })
    }

    /// The NDC packages of the CVX code `cvx`.
    pub fn ndc_for_cvx(&self, cvx: &str) -> Matches<'_, NdcProduct> {
        self.table::<NdcProduct>().find(2, &cvx_key(cvx))
    }

    /// The MVX codes the CDC NDC linker gives for a package (usually one),
    /// without repeats.
    pub fn ndc_mvx<'a>(&'a self, product: &NdcProduct) -> impl Iterator<Item = &'a str> + 'a {
        let links = self.links_of(product);
        let earlier = links.clone();
        links
            .enumerate()
            .filter(move |(k, link)| !earlier.clone().take(*k).any(|l| l.mvx == link.mvx))
            .map(|(_, link)| link.mvx.as_ref())
    }

    /// The packages of the other unit linked to a package: the units of use
    /// inside a unit of sale, or the units of sale containing a unit of use.
    pub fn ndc_linked<'a>(
        &'a self,
        product: &NdcProduct,
    ) -> impl Iterator<Item = &'a NdcProduct> + 'a {
        let to_sale = product.unit == NdcUnit::Use;
        let other = move |link: &NdcLink| {
            if to_sale {
                link.sale_row_id
            } else {
                link.use_row_id
            }
        };
        let table = self.table::<NdcProduct>();
        let links = self.links_of(product);
        let earlier = links.clone();
        links
            .enumerate()
            .filter(move |(k, link)| !earlier.clone().take(*k).any(|l| other(l) == other(link)))
            .flat_map(move |(_, link)| table.find(1, &ndc_row_key(to_sale, other(link))))
    }

    fn links_of<'a>(&'a self, product: &NdcProduct) -> Matches<'a, NdcLink> {
        let index = match product.unit {
            NdcUnit::Sale => 0,
            NdcUnit::Use => 1,
        };
        self.table::<NdcLink>().find(index, &id_key(product.row_id))
    }

    /// Every NDC package, units of sale and of use, ordered by NDC.
    pub fn ndc_rows(&self) -> &[NdcProduct] {
        self.table::<NdcProduct>().rows()
    }

    /// Every NDC linker row.
    pub fn ndc_link_rows(&self) -> &[NdcLink] {
        self.table::<NdcLink>().rows()
    }
}
