//! The consistency questions validation asks of the code tables: is this CVX
//! valid for a dose given on this date, do this NDC and this CVX agree, does
//! this manufacturer make this vaccine, and which manufacturers make it.
//!
//! Each answer is a fact from the tables, not a verdict: whether a fact is an
//! error or a warning (an inactive CVX on a historical dose is fine) is for
//! the validation profile to decide.

use chrono::NaiveDate;

use super::CodeSets;
use super::ndc::NdcError;
use super::normalize::{cvx_key, mvx_key};
use super::status::CvxStatus;

/// Whether a CVX code may be used for a dose given on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CvxOnDate {
    /// The code is active, or inactive but the dose was given while it was
    /// still in use.
    Valid,
    /// Not a CVX code.
    Unknown,
    /// The dose date is before the first marketing start date of any NDC
    /// package of this CVX code.
    BeforeFirstUse {
        /// Earliest start date among the code's NDC packages.
        first_use: NaiveDate,
    },
    /// The code is inactive and the dose date is after the last date it was
    /// in use.
    InactiveAfter {
        /// The later of the CVX row's last update and the latest end date of
        /// its NDC packages (the CDC publishes no inactivation date).
        last_use: Option<NaiveDate>,
    },
    /// The code was never active (reserved or created in error).
    NeverActive,
    /// The code is for a vaccine not licensed in the US.
    NonUs,
    /// The code is reserved for a product awaiting licensure.
    Pending,
}

impl CvxOnDate {
    /// `true` only for [`CvxOnDate::Valid`].
    pub fn is_valid(&self) -> bool {
        *self == CvxOnDate::Valid
    }
}

/// Whether an NDC and a CVX code agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NdcCvx<'a> {
    /// The NDC's package maps to this CVX code.
    Agree,
    /// The NDC maps to another CVX code.
    Mismatch {
        /// The CVX code the NDC maps to.
        ndc_cvx: &'a str,
    },
    /// The NDC is well formed but not in the CDC tables.
    UnknownNdc,
    /// The NDC is in the tables, but the CDC gives it no CVX code.
    NoCvxForNdc,
    /// The string is not an NDC.
    InvalidNdc(NdcError),
}

/// Whether a manufacturer (MVX) makes a vaccine (CVX).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MvxCvx {
    /// A CDC trade name or NDC package pairs this MVX with this CVX.
    Makes,
    /// The CDC lists products for this CVX, none from this MVX.
    DoesNotMake,
    /// Not an MVX code.
    UnknownMvx,
    /// Not a CVX code.
    UnknownCvx,
    /// The CDC lists no product for this CVX (e.g. an unspecified
    /// formulation), so the question has no answer.
    NoProductData,
}

impl CodeSets {
    /// Whether CVX `code` may be used for a dose given on `date`.
    ///
    /// An `Active` code is valid from the first marketing date of its NDC
    /// packages on. An `Inactive` code is valid up to its last use: the later
    /// of the date the CDC last updated it and the last end date of its NDC
    /// packages. The other statuses are reported as they are.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use izmsg::codes::{CodeSets, CvxOnDate};
    /// let codes = CodeSets::embedded();
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(codes.cvx_on_date("208", day(2021, 6, 1)), CvxOnDate::Valid);
    /// assert!(matches!(codes.cvx_on_date("208", day(2025, 1, 15)), CvxOnDate::InactiveAfter { .. }));
    /// ```
    pub fn cvx_on_date(&self, code: &str, date: NaiveDate) -> CvxOnDate {
        let Some(cvx) = self.cvx(code) else {
            return CvxOnDate::Unknown;
        };
        match cvx.status {
            CvxStatus::NeverActive => return CvxOnDate::NeverActive,
            CvxStatus::NonUs => return CvxOnDate::NonUs,
            CvxStatus::Pending => return CvxOnDate::Pending,
            CvxStatus::Active | CvxStatus::Inactive => {}
        }
        let packages = self.ndc_for_cvx(&cvx.cvx);
        if let Some(first_use) = packages.clone().filter_map(|p| p.start_date).min() {
            if date < first_use {
                return CvxOnDate::BeforeFirstUse { first_use };
            }
        }
        if cvx.status == CvxStatus::Active {
            return CvxOnDate::Valid;
        }
        let last_use = packages
            .filter_map(|p| p.end_date)
            .chain(cvx.last_updated)
            .max();
        match last_use {
            Some(last) if date <= last => CvxOnDate::Valid,
            _ => CvxOnDate::InactiveAfter { last_use },
        }
    }

    /// Whether the NDC `ndc` (any form) and the CVX code `cvx` agree. For a
    /// 10-digit NDC without hyphens, any reading that maps to `cvx` agrees.
    ///
    /// ```
    /// use izmsg::codes::{CodeSets, NdcCvx};
    /// let codes = CodeSets::embedded();
    /// assert_eq!(codes.ndc_cvx("49281-0421-50", "150"), NdcCvx::Agree);
    /// assert_eq!(codes.ndc_cvx("49281-0421-50", "141"), NdcCvx::Mismatch { ndc_cvx: "150" });
    /// ```
    pub fn ndc_cvx<'a>(&'a self, ndc: &str, cvx: &str) -> NdcCvx<'a> {
        let products = match self.ndc(ndc) {
            Ok(products) => products,
            Err(e) => return NdcCvx::InvalidNdc(e),
        };
        if products.is_empty() {
            return NdcCvx::UnknownNdc;
        }
        let wanted = cvx_key(cvx);
        let mut other = None;
        for product in products {
            if product.cvx.is_empty() {
                continue;
            }
            if cvx_key(&product.cvx).get() == wanted.get() {
                return NdcCvx::Agree;
            }
            other.get_or_insert(product.cvx.as_ref());
        }
        match other {
            Some(ndc_cvx) => NdcCvx::Mismatch { ndc_cvx },
            None => NdcCvx::NoCvxForNdc,
        }
    }

    /// Whether manufacturer `mvx` makes vaccine `cvx`, according to the CDC
    /// trade-name table and the CDC NDC tables (NDC linker MVX).
    ///
    /// ```
    /// use izmsg::codes::{CodeSets, MvxCvx};
    /// let codes = CodeSets::embedded();
    /// assert_eq!(codes.mvx_cvx("PFR", "208"), MvxCvx::Makes);
    /// assert_eq!(codes.mvx_cvx("MOD", "208"), MvxCvx::DoesNotMake);
    /// assert_eq!(codes.mvx_cvx("PFR", "45"), MvxCvx::NoProductData);
    /// ```
    pub fn mvx_cvx(&self, mvx: &str, cvx: &str) -> MvxCvx {
        let Some(maker) = self.mvx(mvx) else {
            return MvxCvx::UnknownMvx;
        };
        let Some(vaccine) = self.cvx(cvx) else {
            return MvxCvx::UnknownCvx;
        };
        let maker_key = mvx_key(&maker.mvx);
        let mut any = false;
        for tradename in self.tradenames_for_cvx(&vaccine.cvx) {
            if tradename.mvx.is_empty() {
                continue;
            }
            any = true;
            if mvx_key(&tradename.mvx).get() == maker_key.get() {
                return MvxCvx::Makes;
            }
        }
        for product in self.ndc_for_cvx(&vaccine.cvx) {
            for code in self.ndc_mvx(product) {
                any = true;
                if mvx_key(code).get() == maker_key.get() {
                    return MvxCvx::Makes;
                }
            }
        }
        if any {
            MvxCvx::DoesNotMake
        } else {
            MvxCvx::NoProductData
        }
    }

    /// The MVX codes of the manufacturers the CDC lists for vaccine `cvx`
    /// (trade names and NDC packages), sorted, without repeats.
    pub fn manufacturers_of(&self, cvx: &str) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .tradenames_for_cvx(cvx)
            .map(|t| t.mvx.as_ref())
            .chain(self.ndc_for_cvx(cvx).flat_map(|p| self.ndc_mvx(p)))
            .filter(|m| !m.is_empty())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
