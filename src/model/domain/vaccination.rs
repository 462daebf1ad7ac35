//! One vaccination event as an EHR records it: [`Vaccination`], what kind it is
//! ([`VaccinationKind`]), the vaccine ([`VaccineCode`]), the dose ([`Amount`]) and the patient's
//! funding eligibility for it ([`Eligibility`]).

use crate::codes::{self, NdcError, NdcProduct, UnitOfUse};
use crate::model::types::Cwe;

use super::code_lists::{ActionCode, CompletionStatus, HistoricalSource, RefusalReason};
use super::coded::{Coded, WithAlternate};
use super::decimal::{Decimal, DecimalError};
use super::identity::{Namespace, OrderId, Provider};
use super::lot::Lot;
use super::observation::{ClinicalObservation, Vis};
use super::sink::{MapTo, Sink, typed};
use super::timestamp::Timestamp;

/// What happened: the dose was given by the sender, is reported from history, was refused, or was
/// not given (the carrier of an immunity or contraindication record).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum VaccinationKind {
    /// Given by the reporting provider: a new immunization record (RXA-9.1 `00`).
    Administered,
    /// Reported from history, with where the record came from (RXA-9.1 `01` to `08`).
    Historical {
        /// Where the record came from.
        source: HistoricalSource,
    },
    /// Refused (RXA-20 `RE`), with the reason (RXA-18).
    Refused {
        /// Why (required by the IG; `None` only when read from a message that lacked it).
        reason: Option<RefusalReason>,
    },
    /// Not administered (RXA-20 `NA`): a contraindication, immunity or other observation-only
    /// record, usually with CVX `998`.
    NotAdministered,
}

/// The vaccine given (RXA-5): a CVX, NDC or CPT code, and an alternate code in another system.
///
/// ```
/// use izmsg::model::domain::{Coded, VaccineCode};
/// let pentacel = VaccineCode::ndc("49281-0560-05").unwrap().with_alternate(Coded::cvx("120"));
/// assert_eq!(pentacel.cvx_code().unwrap().code, "120");
/// assert_eq!(pentacel.ndc_code().unwrap().code, "49281-0560-05");
/// assert!(pentacel.cpt_code().is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VaccineCode {
    /// The first triplet (RXA-5.1 to 5.3).
    pub primary: Coded,
    /// The alternate triplet (RXA-5.4 to 5.6).
    pub alternate: Option<Coded>,
}

impl VaccineCode {
    /// A CVX code, with the CDC short description.
    pub fn cvx(code: &str) -> VaccineCode {
        Coded::cvx(code).into()
    }

    /// An NDC, with the product name. The IG wants the unit of use (the vial or syringe given): a
    /// unit of sale (the carton) is replaced by the unit of use it holds, and refused, with the
    /// units of use named, when it holds several or the code sets name none. An NDC the code sets
    /// do not know is taken as written.
    ///
    /// ```
    /// use izmsg::model::domain::{VaccineCode, VaccineNdcError};
    /// // The carton's NDC becomes its syringe's.
    /// assert_eq!(VaccineCode::ndc("49281-0421-50")?.primary.code, "49281-0421-88");
    /// // A carton of two vials that are given together names both.
    /// let Err(VaccineNdcError::UnitOfSale { units_of_use, .. }) = VaccineCode::ndc("58160-0955-09") else {
    ///     panic!("refused")
    /// };
    /// assert_eq!(units_of_use, ["58160-0958-01", "58160-0959-01"]);
    /// # Ok::<(), VaccineNdcError>(())
    /// ```
    pub fn ndc(code: &str) -> Result<VaccineCode, VaccineNdcError> {
        Ok(unit_of_use(code)?.into())
    }

    /// A CPT code (coding system `C4`).
    pub fn cpt(code: &str) -> VaccineCode {
        Coded::cpt(code).into()
    }

    /// The same vaccine with an alternate code (a CVX beside an NDC, say).
    pub fn with_alternate(mut self, alternate: Coded) -> VaccineCode {
        self.alternate = Some(alternate);
        self
    }

    fn find(&self, systems: &[&str]) -> Option<&Coded> {
        std::iter::once(&self.primary)
            .chain(self.alternate.as_ref())
            .find(|c| systems.iter().any(|s| c.is_in(s)))
    }

    /// The CVX code, in either triplet.
    pub fn cvx_code(&self) -> Option<&Coded> {
        self.find(&["CVX"])
    }

    /// The NDC, in either triplet.
    pub fn ndc_code(&self) -> Option<&Coded> {
        self.find(&["NDC"])
    }

    /// The CPT code (system `C4` or `CPT`), in either triplet.
    pub fn cpt_code(&self) -> Option<&Coded> {
        self.find(&["C4", "CPT"])
    }

    /// Reads a CE; `None` when it is empty.
    pub fn from_cwe(c: &Cwe) -> Option<VaccineCode> {
        match (Coded::from_cwe(c), Coded::from_cwe_alternate(c)) {
            (Some(primary), alternate) => Some(VaccineCode { primary, alternate }),
            (None, Some(alternate)) => Some(VaccineCode {
                primary: alternate,
                alternate: None,
            }),
            (None, None) => None,
        }
    }

    /// The value as a CE with both triplets.
    pub fn to_cwe(&self) -> Cwe {
        typed(self)
    }
}

/// Why an NDC cannot stand for the vaccine given (RXA-5). Its `Display` names NDCs (product
/// codes), nothing else.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VaccineNdcError {
    /// Not an NDC in any of the accepted forms.
    #[error("not an NDC: {0}")]
    Invalid(#[from] NdcError),
    /// A unit of sale whose unit of use is not one the code sets can tell.
    #[error(
        "NDC {sale} is a unit of sale (the carton); RXA-5 takes the unit of use given{}",
        match units_of_use.as_slice() {
            [] => ", and the CDC tables name none for it".to_string(),
            list => format!(": one of {}", list.join(", ")),
        }
    )]
    UnitOfSale {
        /// The unit of sale, in the CDC's 11-digit form.
        sale: String,
        /// The units of use it holds, in the CDC's 11-digit form.
        units_of_use: Vec<String>,
    },
}

/// The NDC to send for `code` (see [`VaccineCode::ndc`]).
pub(crate) fn unit_of_use(code: &str) -> Result<Coded, VaccineNdcError> {
    let named = |p: &NdcProduct| Coded {
        code: p.ndc11.to_string(),
        text: (!p.proprietary_name.is_empty()).then(|| p.proprietary_name.to_string()),
        system: Some("NDC".to_string()),
    };
    match codes::CodeSets::embedded().ndc_unit_of_use(code)? {
        UnitOfUse::Itself(_) | UnitOfUse::Unknown => Ok(Coded::ndc(code)),
        UnitOfUse::Inside { unit_of_use, .. } => Ok(named(unit_of_use)),
        UnitOfUse::Ambiguous { sale, units_of_use } => Err(VaccineNdcError::UnitOfSale {
            sale: sale.ndc11.to_string(),
            units_of_use: units_of_use.iter().map(|u| u.ndc11.to_string()).collect(),
        }),
    }
}

impl MapTo<Cwe> for VaccineCode {
    fn map<K: Sink<Cwe>>(&self, k: &mut K) {
        WithAlternate(&self.primary, self.alternate.as_ref()).map(k);
    }
}

impl std::fmt::Display for VaccineCode {
    /// The primary code, and the alternate after a slash: `49281-0560-05 PENTACEL (NDC) / 120 ...`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.primary)?;
        match &self.alternate {
            Some(a) => write!(f, " / {a}"),
            None => Ok(()),
        }
    }
}

impl From<Coded> for VaccineCode {
    fn from(primary: Coded) -> VaccineCode {
        VaccineCode {
            primary,
            alternate: None,
        }
    }
}

/// How much was given (RXA-6) and in what unit (RXA-7, UCUM). An unknown amount is no `Amount`
/// at all: the message then says `999` with no unit, as the IG requires.
///
/// The quantity is an exact [`Decimal`], more than zero and less than 999 (the IG's "unknown"):
/// the constructors refuse anything else, and [`VxuBuilder::build`](super::VxuBuilder::build)
/// checks an amount put together by hand.
///
/// ```
/// use izmsg::model::domain::{Amount, AmountError};
/// let dose = Amount::ml("0.5")?;
/// assert_eq!(dose.to_string(), "0.5 mL");
/// assert_eq!(Amount::ml("0"), Err(AmountError::NotPositive));
/// assert_eq!(Amount::ml("999"), Err(AmountError::TooLarge));
/// assert!(Amount::ml("NaN").is_err() && Amount::ml("-0.5").is_err());
/// # Ok::<(), AmountError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Amount {
    /// The quantity.
    pub value: Decimal,
    /// The unit.
    pub units: Option<Coded>,
}

/// Why a quantity is not a dose amount. Its `Display` quotes nothing of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// The text is not a non-negative decimal number.
    #[error("the amount is not a decimal number: {0}")]
    Decimal(#[from] DecimalError),
    /// Zero.
    #[error("the amount must be more than zero")]
    NotPositive,
    /// 999 or more: 999 is the IG's "amount unknown" (leave the amount out for that), and no dose
    /// is that large.
    #[error(
        "the amount must be less than 999 (999 means \"unknown\": leave the amount out instead)"
    )]
    TooLarge,
}

impl Amount {
    /// The largest amount plus one: RXA-6 `999` means the amount is unknown.
    pub const UNKNOWN: u32 = 999;

    /// A quantity (decimal text such as `"0.5"`) in a unit.
    pub fn new(value: &str, units: Coded) -> Result<Amount, AmountError> {
        Amount::from_decimal(Decimal::parse(value)?, Some(units))
    }

    /// A volume in millilitres (`mL`, UCUM), from decimal text such as `"0.5"`.
    pub fn ml(value: &str) -> Result<Amount, AmountError> {
        Amount::new(value, Coded::ucum("mL"))
    }

    /// A quantity already read as a [`Decimal`], in a unit (or none).
    pub fn from_decimal(value: Decimal, units: Option<Coded>) -> Result<Amount, AmountError> {
        check_amount(value)?;
        Ok(Amount { value, units })
    }

    /// Whether the quantity is one a dose can have (more than zero, less than 999).
    pub fn check(&self) -> Result<(), AmountError> {
        check_amount(self.value)
    }
}

fn check_amount(value: Decimal) -> Result<(), AmountError> {
    if value.is_zero() {
        Err(AmountError::NotPositive)
    } else if value >= Decimal::from(Amount::UNKNOWN) {
        Err(AmountError::TooLarge)
    } else {
        Ok(())
    }
}

impl std::fmt::Display for Amount {
    /// `0.5 mL`: the quantity, then the unit's code.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.value)?;
        match &self.units {
            Some(u) if !u.code.is_empty() => write!(f, " {}", u.code),
            _ => Ok(()),
        }
    }
}

/// The patient's funding program eligibility for one dose (OBX 64994-7, HL7 0064), and how it was
/// captured (OBX-17: per immunization `VXC40` or per visit `VXC41`). IZ-23 requires one for every
/// administered dose.
///
/// ```
/// use izmsg::model::domain::Eligibility;
/// let e = Eligibility::new("V02");
/// assert_eq!(e.category.text.as_deref(), Some("VFC eligible - Medicaid/Medicaid Managed Care"));
/// assert_eq!(e.method.unwrap().code, "VXC40");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Eligibility {
    /// The category: `V01` not VFC eligible, `V02` Medicaid, `V03` uninsured, `V04` American
    /// Indian/Alaska Native, `V05` underinsured, `V22`-`V25`, or a state code.
    pub category: Coded,
    /// How it was captured.
    pub method: Option<Coded>,
}

impl Eligibility {
    /// The value set of the capture method (OBX-17).
    pub const METHOD_VALUE_SET: &'static str = "PHVS_FundingEligibilityObsMethod_IIS";
    /// Eligibility captured at the immunization level.
    pub const PER_IMMUNIZATION: &'static str = "VXC40";
    /// Eligibility captured at the visit level.
    pub const PER_VISIT: &'static str = "VXC41";

    /// An HL7 0064 category (text from the value set), captured per immunization.
    pub fn new(category: &str) -> Eligibility {
        Eligibility {
            category: Coded::from_value_set("HL70064", category),
            method: Some(Coded::from_value_set(
                Self::METHOD_VALUE_SET,
                Self::PER_IMMUNIZATION,
            )),
        }
    }

    /// The same eligibility, captured at the visit level.
    pub fn per_visit(mut self) -> Eligibility {
        self.method = Some(Coded::from_value_set(
            Self::METHOD_VALUE_SET,
            Self::PER_VISIT,
        ));
        self
    }
}

/// One vaccination event: a dose given, reported from history, refused or not given, with
/// everything the ORDER group of a VXU says about it.
///
/// Start from the constructor for the kind of event ([`administered`](Self::administered),
/// [`historical`](Self::historical), [`refused`](Self::refused),
/// [`not_administered`](Self::not_administered), [`presumed_immunity`](Self::presumed_immunity)):
/// each takes what the IG requires for that kind, so it cannot be forgotten. Add the rest with the
/// `with_*` methods.
///
/// ```
/// use chrono::NaiveDate;
/// use izmsg::model::domain::*;
///
/// let today = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
/// let dose = Vaccination::administered(
///     OrderId::new("IZ-991", "MYEHR"), VaccineCode::cvx("20"), today,
///     Amount::ml("0.5").unwrap(), "AB123C", Coded::mvx("SKB"), Eligibility::new("V02"),
/// )
/// .with_route(Coded::route("C28161"))
/// .with_site(Coded::site("LT"))
/// .with_vis(Vis::barcode("253088698300003511210806", today)); // DTaP VIS, 2021-08-06 edition
/// assert_eq!(dose.kind, VaccinationKind::Administered);
/// assert_eq!(dose.completion_status, Some(CompletionStatus::Complete));
/// assert_eq!(dose.action, Some(ActionCode::Add));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Vaccination {
    /// What happened (RXA-9, RXA-18, RXA-20).
    pub kind: VaccinationKind,
    /// The vaccine (RXA-5).
    pub vaccine: Option<VaccineCode>,
    /// When (RXA-3), with the precision given.
    pub date: Option<Timestamp>,
    /// How much (RXA-6, RXA-7); `None` is the IG's `999`, unknown. Refused and not-administered
    /// records always say `999` (IZ-48, IZ-49), so the builder does not write it for them.
    pub amount: Option<Amount>,
    /// Lot numbers (RXA-15; two only when the products are packaged together).
    pub lots: Vec<String>,
    /// Lot expiration (RXA-16, month precision at least).
    pub expiration: Option<Timestamp>,
    /// Manufacturer, an MVX code (RXA-17).
    pub manufacturer: Option<Coded>,
    /// Who gave it (RXA-10).
    pub administering_provider: Option<Provider>,
    /// Where it was given: the facility ID the IIS assigned (RXA-11.4).
    pub facility: Option<Namespace>,
    /// Who ordered it (ORC-12).
    pub ordering_provider: Option<Provider>,
    /// Who entered the record (ORC-10).
    pub entered_by: Option<Provider>,
    /// Route, an NCIT concept (RXR-1).
    pub route: Option<Coded>,
    /// Body site, HL7 0163 (RXR-2).
    pub site: Option<Coded>,
    /// Who paid for the dose (OBX 30963-3).
    pub funding_source: Option<Coded>,
    /// The patient's funding eligibility for the dose (OBX 64994-7 with OBX-17).
    pub eligibility: Option<Eligibility>,
    /// The VIS documents given, each with its dates (OBX 69764-9 or 30956-7 + 29768-9, and
    /// 29769-7, grouped by OBX-4).
    pub vis: Vec<Vis>,
    /// Completion status as sent (RXA-20).
    pub completion_status: Option<CompletionStatus>,
    /// Add, update or delete (RXA-21).
    pub action: Option<ActionCode>,
    /// Other observations: immunity, contraindications, reactions, indications, and any other OBX
    /// (Z42 evaluations and forecasts) kept as they came.
    pub observations: Vec<ClinicalObservation>,
    /// The sender's stable ID of the record (ORC-3); `None` for the IG's placeholder `9999` of
    /// refused and not-administered records.
    pub filler_order_number: Option<OrderId>,
    /// The placer's order number (ORC-2).
    pub placer_order_number: Option<OrderId>,
}

impl Vaccination {
    fn base(
        kind: VaccinationKind,
        vaccine: VaccineCode,
        date: Timestamp,
        completion: CompletionStatus,
    ) -> Vaccination {
        Vaccination {
            kind,
            vaccine: Some(vaccine),
            date: Some(date),
            amount: None,
            lots: Vec::new(),
            expiration: None,
            manufacturer: None,
            administering_provider: None,
            facility: None,
            ordering_provider: None,
            entered_by: None,
            route: None,
            site: None,
            funding_source: None,
            eligibility: None,
            vis: Vec::new(),
            completion_status: Some(completion),
            action: Some(ActionCode::Add),
            observations: Vec::new(),
            filler_order_number: None,
            placer_order_number: None,
        }
    }

    /// A dose the reporting provider gave, with what the IG requires of one: the record's stable
    /// ID (ORC-3), the vaccine, the date, the amount, the lot number, the manufacturer (MVX) and the
    /// patient's funding eligibility for the dose (IZ-23). Complete (`CP`), action add (`A`).
    ///
    /// The lot is a lot number (`"AB123C"`), or a [`Lot`] with its expiration date, such as
    /// [`Lot::parse`] reads from `"AB123C 12/31/2025"`.
    pub fn administered(
        id: OrderId,
        vaccine: VaccineCode,
        date: impl Into<Timestamp>,
        amount: Amount,
        lot: impl Into<Lot>,
        manufacturer: Coded,
        eligibility: Eligibility,
    ) -> Vaccination {
        let lot = lot.into();
        Vaccination {
            filler_order_number: Some(id),
            amount: Some(amount),
            lots: vec![lot.number],
            expiration: lot.expiration,
            manufacturer: Some(manufacturer),
            eligibility: Some(eligibility),
            ..Vaccination::base(
                VaccinationKind::Administered,
                vaccine,
                date.into(),
                CompletionStatus::Complete,
            )
        }
    }

    /// A dose reported from history, with the record's stable ID (ORC-3), the vaccine (an
    /// unspecified-formulation CVX is fine), the date and where the record came from. The amount is
    /// unknown (`999`) unless set with [`with_amount`](Self::with_amount).
    pub fn historical(
        id: OrderId,
        vaccine: VaccineCode,
        date: impl Into<Timestamp>,
        source: HistoricalSource,
    ) -> Vaccination {
        Vaccination {
            filler_order_number: Some(id),
            ..Vaccination::base(
                VaccinationKind::Historical { source },
                vaccine,
                date.into(),
                CompletionStatus::Complete,
            )
        }
    }

    /// A refused vaccine, with the date and the reason. The message says `RE` in RXA-20, `999` in
    /// RXA-6 and `9999` in ORC-3 (IZ-45).
    pub fn refused(
        vaccine: VaccineCode,
        date: impl Into<Timestamp>,
        reason: RefusalReason,
    ) -> Vaccination {
        Vaccination::base(
            VaccinationKind::Refused {
                reason: Some(reason),
            },
            vaccine,
            date.into(),
            CompletionStatus::Refused,
        )
    }

    /// A vaccine not given (`NA`): the carrier of a contraindication or other observation (add them
    /// with [`with_observation`](Self::with_observation)).
    pub fn not_administered(vaccine: VaccineCode, date: impl Into<Timestamp>) -> Vaccination {
        Vaccination::base(
            VaccinationKind::NotAdministered,
            vaccine,
            date.into(),
            CompletionStatus::NotAdministered,
        )
    }

    /// Evidence of immunity from a history of disease (OBX 59784-9, a SNOMED code such as
    /// `38907003` varicella), on a record of CVX `998`, no vaccine administered.
    pub fn presumed_immunity(date: impl Into<Timestamp>, disease: Coded) -> Vaccination {
        Vaccination::not_administered(
            VaccineCode::cvx(crate::codes::NO_VACCINE_ADMINISTERED),
            date,
        )
        .with_observation(ClinicalObservation::Immunity(disease))
    }

    /// Sets the amount (for a historical dose whose amount is known).
    pub fn with_amount(mut self, amount: Amount) -> Vaccination {
        self.amount = Some(amount);
        self
    }

    /// Adds a lot number (a second one only for products packaged together); a [`Lot`] with an
    /// expiration date also sets the expiration when none is set.
    pub fn with_lot(mut self, lot: impl Into<Lot>) -> Vaccination {
        let lot = lot.into();
        self.lots.push(lot.number);
        if self.expiration.is_none() {
            self.expiration = lot.expiration;
        }
        self
    }

    /// Sets the lot expiration date.
    pub fn with_expiration(mut self, date: impl Into<Timestamp>) -> Vaccination {
        self.expiration = Some(date.into());
        self
    }

    /// Sets the manufacturer (see [`Coded::mvx`]).
    pub fn with_manufacturer(mut self, mvx: Coded) -> Vaccination {
        self.manufacturer = Some(mvx);
        self
    }

    /// Sets who gave the dose.
    pub fn with_administering_provider(mut self, provider: Provider) -> Vaccination {
        self.administering_provider = Some(provider);
        self
    }

    /// Sets the facility where the dose was given (its IIS-assigned ID).
    pub fn with_facility(mut self, facility: impl Into<Namespace>) -> Vaccination {
        self.facility = Some(facility.into());
        self
    }

    /// Sets who ordered the dose.
    pub fn with_ordering_provider(mut self, provider: Provider) -> Vaccination {
        self.ordering_provider = Some(provider);
        self
    }

    /// Sets who entered the record.
    pub fn with_entered_by(mut self, provider: Provider) -> Vaccination {
        self.entered_by = Some(provider);
        self
    }

    /// Sets the route (see [`Coded::route`]).
    pub fn with_route(mut self, route: Coded) -> Vaccination {
        self.route = Some(route);
        self
    }

    /// Sets the body site (see [`Coded::site`]).
    pub fn with_site(mut self, site: Coded) -> Vaccination {
        self.site = Some(site);
        self
    }

    /// Sets who paid for the dose (see [`Coded::funding_source`]).
    pub fn with_funding_source(mut self, source: Coded) -> Vaccination {
        self.funding_source = Some(source);
        self
    }

    /// Sets the patient's funding eligibility for the dose.
    pub fn with_eligibility(mut self, eligibility: Eligibility) -> Vaccination {
        self.eligibility = Some(eligibility);
        self
    }

    /// Adds a VIS given to the patient.
    pub fn with_vis(mut self, vis: Vis) -> Vaccination {
        self.vis.push(vis);
        self
    }

    /// Adds an observation.
    pub fn with_observation(mut self, observation: ClinicalObservation) -> Vaccination {
        self.observations.push(observation);
        self
    }

    /// Sets the placer's order number (ORC-2).
    pub fn with_placer_order_number(mut self, id: OrderId) -> Vaccination {
        self.placer_order_number = Some(id);
        self
    }

    /// Sets the action: [`ActionCode::Update`] to correct a record sent before, or
    /// [`ActionCode::Delete`] to delete it (resend it as it was, same ORC-3).
    pub fn with_action(mut self, action: ActionCode) -> Vaccination {
        self.action = Some(action);
        self
    }

    /// Marks the dose as partially administered (`PA`).
    pub fn partially_administered(mut self) -> Vaccination {
        self.completion_status = Some(CompletionStatus::PartiallyAdministered);
        self
    }

    /// The CVX code of the vaccine, in either triplet of RXA-5.
    pub fn cvx(&self) -> Option<&Coded> {
        self.vaccine.as_ref().and_then(VaccineCode::cvx_code)
    }
}
