//! Trade names: the CDC's product names, each mapped to its CVX and MVX
//! codes, matched without regard to case, spacing and punctuation so an EHR
//! can map its "brand name" field.

use chrono::NaiveDate;

use super::normalize::{KeyBuf, cvx_key, tradename_key};
use super::status::Status;
use super::table::{Matches, Record};
use super::{CodeSets, Text};

/// Shortest name (in letters and digits) looked up by prefix when no
/// product has exactly that name.
const MIN_PREFIX: usize = 4;

/// One product name -> CVX + MVX row (a row of `codesets/tradename.tsv`, from
/// the CDC's `tradename.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Tradename {
    /// CDC product name as published (`"Fluzone High-Dose Quadrivalent"`).
    pub product_name: Text,
    /// CDC short description of the CVX code.
    pub short_description: Text,
    /// The CVX code of the product.
    pub cvx: Text,
    /// Manufacturer name.
    pub manufacturer: Text,
    /// The MVX code of the manufacturer (empty for a few old products the
    /// CDC lists without one).
    pub mvx: Text,
    /// CDC status of the MVX code.
    pub mvx_status: Status,
    /// CDC status of the product name.
    pub status: Status,
    /// Date the CDC last changed this row.
    #[cfg_attr(feature = "serde", serde(with = "super::date::iso::option"))]
    pub last_updated: Option<NaiveDate>,
}

impl Record for Tradename {
    const INDEXES: usize = 2;

    fn index_key(&self, index: usize) -> Option<KeyBuf> {
        match index {
            0 => Some(tradename_key(&self.product_name)),
            _ => Some(cvx_key(&self.cvx)),
        }
    }
}

impl CodeSets {
    /// The products named `name`, matched on letters and digits only, case
    /// ignored (`"COMIRNATY"`, `"Comirnaty"` and `"comirnaty "` are one name).
    /// A name the CDC maps to several products (CVX codes or manufacturers)
    /// yields them all.
    ///
    /// When no product has exactly that name, the products whose name
    /// *begins* with it are returned (at least four letters or digits):
    /// EHR brand names often leave off the CDC's trailing qualifiers, so
    /// `"Fluzone High-Dose Quadrivalent"` finds "Fluzone High-Dose
    /// quadrivalent, preservative free" ([`TradenameMatches::is_prefix_match`]
    /// tells which kind of match it was). An unknown name yields nothing.
    ///
    /// ```
    /// use izmsg::codes::CodeSets;
    /// let codes = CodeSets::embedded();
    /// let found: Vec<_> = codes.tradename("comirnaty").map(|t| t.cvx.as_ref()).collect();
    /// assert!(found.contains(&"208") && found.contains(&"309"));
    /// let hd = codes.tradename("Fluzone High-Dose Quadrivalent");
    /// assert!(hd.is_prefix_match());
    /// // "... quadrivalent, preservative free" (197) and "... Quadrivalent Southern Hemisphere" (231)
    /// assert_eq!(hd.map(|t| t.cvx.as_ref()).collect::<Vec<_>>(), ["197", "231"]);
    /// ```
    pub fn tradename(&self, name: &str) -> TradenameMatches<'_> {
        let table = self.table::<Tradename>();
        let key = tradename_key(name);
        let exact = table.find(0, &key);
        let long_enough = key.get().is_some_and(|k| k.len() >= MIN_PREFIX);
        let inner = if exact.is_empty() && long_enough {
            Inner::Prefix {
                rows: table.rows(),
                key,
                pos: 0,
            }
        } else {
            Inner::Exact(exact)
        };
        TradenameMatches { inner }
    }

    /// The trade names of the CVX code `cvx`.
    pub fn tradenames_for_cvx(&self, cvx: &str) -> Matches<'_, Tradename> {
        self.table::<Tradename>().find(1, &cvx_key(cvx))
    }

    /// Every trade-name row, in name order.
    pub fn tradename_rows(&self) -> &[Tradename] {
        self.table::<Tradename>().rows()
    }
}

/// The products a trade-name lookup found (see [`CodeSets::tradename`]).
#[derive(Clone)]
pub struct TradenameMatches<'a> {
    inner: Inner<'a>,
}

#[derive(Clone)]
enum Inner<'a> {
    Exact(Matches<'a, Tradename>),
    Prefix {
        rows: &'a [Tradename],
        key: KeyBuf,
        pos: usize,
    },
}

impl TradenameMatches<'_> {
    /// `true` when no product had exactly the name, and these are the
    /// products whose name begins with it.
    pub fn is_prefix_match(&self) -> bool {
        matches!(self.inner, Inner::Prefix { .. })
    }

    /// `true` when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.clone().next().is_none()
    }
}

impl std::fmt::Debug for TradenameMatches<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

impl<'a> Iterator for TradenameMatches<'a> {
    type Item = &'a Tradename;

    fn next(&mut self) -> Option<&'a Tradename> {
        match &mut self.inner {
            Inner::Exact(m) => m.next(),
            Inner::Prefix { rows, key, pos } => {
                let prefix = key.as_str();
                while let Some(row) = rows.get(*pos) {
                    *pos += 1;
                    if tradename_key(&row.product_name)
                        .as_str()
                        .starts_with(prefix)
                    {
                        return Some(row);
                    }
                }
                None
            }
        }
    }
}
