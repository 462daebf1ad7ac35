//! The chart's demographics beside the registry's, field by field, each side normalised as
//! registries normalise before comparing.

use std::fmt;

use crate::model::domain::{Address, AddressType, Patient, PersonName, Telecom};

use super::super::text::{digits, fold, squash, street, zip5};

/// A demographic field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DemographicField {
    /// Family name of the legal name.
    FamilyName,
    /// Given name of the legal name.
    GivenName,
    /// Middle name of the legal name.
    MiddleName,
    /// Birth date.
    BirthDate,
    /// Administrative sex.
    Sex,
    /// Home address (else the first).
    Address,
    /// Home phone (else the first number).
    Phone,
    /// Races, as a set of codes.
    Race,
    /// Ethnicity code.
    Ethnicity,
    /// Mother's maiden name.
    MothersMaidenName,
}

impl fmt::Display for DemographicField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DemographicField::FamilyName => "family name",
            DemographicField::GivenName => "given name",
            DemographicField::MiddleName => "middle name",
            DemographicField::BirthDate => "birth date",
            DemographicField::Sex => "sex",
            DemographicField::Address => "address",
            DemographicField::Phone => "phone",
            DemographicField::Race => "race",
            DemographicField::Ethnicity => "ethnicity",
            DemographicField::MothersMaidenName => "mother's maiden name",
        })
    }
}

/// How the two sides compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Comparison {
    /// The same once normalised.
    Same,
    /// Different.
    Differs,
    /// Only the chart has it.
    OnlyChart,
    /// Only the registry has it.
    OnlyRegistry,
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Comparison::Same => "same",
            Comparison::Differs => "differs",
            Comparison::OnlyChart => "only in the chart",
            Comparison::OnlyRegistry => "only in the registry",
        })
    }
}

/// One field of both sides, normalised (upper case, no punctuation; dates `YYYY-MM-DD`; street
/// abbreviated, ZIP to five digits; phone digits; race codes sorted). The values are patient data:
/// `Display` shows only the field and the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DemographicComparison {
    /// The field.
    pub field: DemographicField,
    /// How the sides compare.
    pub comparison: Comparison,
    /// The chart's value, normalised.
    pub chart: Option<String>,
    /// The registry's value, normalised.
    pub registry: Option<String>,
}

impl fmt::Display for DemographicComparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.comparison)
    }
}

/// A field's normal form for display, and the key it is compared by.
struct Normal {
    shown: String,
    key: String,
}

fn normal(shown: String, key: String) -> Option<Normal> {
    (!key.is_empty()).then_some(Normal { shown, key })
}

fn name_part(n: Option<&PersonName>, part: fn(&PersonName) -> Option<&str>) -> Option<Normal> {
    let v = part(n?)?;
    normal(fold(v), squash(v))
}

fn address(p: &Patient) -> Option<Normal> {
    let a: &Address = p
        .addresses
        .iter()
        .find(|a| a.address_type == Some(AddressType::Home))
        .or_else(|| p.addresses.first())?;
    let text = |s: &Option<String>| s.as_deref().map(fold).unwrap_or_default();
    let st = a.street.as_deref().map(street).unwrap_or_default();
    let zip = a.zip.as_deref().and_then(zip5);
    let shown = format!(
        "{}, {} {} {}",
        st,
        text(&a.city),
        text(&a.state),
        zip.clone().unwrap_or_default()
    )
    .trim()
    .to_string();
    // The ZIP code stands for city and state when there is one.
    let place =
        zip.unwrap_or_else(|| format!("{}|{}", squash(&text(&a.city)), squash(&text(&a.state))));
    normal(shown, format!("{}|{}", squash(&st), place))
}

fn phone(p: &Patient) -> Option<Normal> {
    let number = |t: &Telecom| {
        let d = digits(&format!(
            "{}{}",
            t.area_code.as_deref().unwrap_or_default(),
            t.local_number.as_deref().unwrap_or_default()
        ));
        (!d.is_empty()).then_some(d)
    };
    let home = p
        .telecoms
        .iter()
        .filter(|t| t.use_code == Some(crate::model::domain::TelecomUse::PrimaryResidence))
        .find_map(number)
        .or_else(|| p.telecoms.iter().find_map(number))?;
    let key: String = {
        let tail: Vec<char> = home.chars().rev().take(10).collect();
        tail.into_iter().rev().collect()
    };
    normal(home, key)
}

fn race(p: &Patient) -> Option<Normal> {
    let mut codes: Vec<String> = p
        .races
        .iter()
        .map(|r| squash(&r.code))
        .filter(|c| !c.is_empty())
        .collect();
    codes.sort();
    codes.dedup();
    let joined = codes.join(",");
    normal(joined.clone(), joined)
}

/// The fields of a patient in their normal forms.
fn fields(p: &Patient) -> Vec<(DemographicField, Option<Normal>)> {
    let name = p.legal_name();
    vec![
        (
            DemographicField::FamilyName,
            name_part(name, |n| Some(n.family.as_str())),
        ),
        (
            DemographicField::GivenName,
            name_part(name, |n| n.given.as_deref()),
        ),
        (
            DemographicField::MiddleName,
            name_part(name, |n| n.middle.as_deref()),
        ),
        (
            DemographicField::BirthDate,
            p.birth.and_then(|b| {
                let d = b.date.format("%Y-%m-%d").to_string();
                normal(d.clone(), d)
            }),
        ),
        (
            DemographicField::Sex,
            p.sex
                .as_ref()
                .and_then(|s| normal(s.code().to_string(), squash(s.code()))),
        ),
        (DemographicField::Address, address(p)),
        (DemographicField::Phone, phone(p)),
        (DemographicField::Race, race(p)),
        (
            DemographicField::Ethnicity,
            p.ethnicity
                .as_ref()
                .and_then(|e| normal(e.code.trim().to_string(), squash(&e.code))),
        ),
        (
            DemographicField::MothersMaidenName,
            p.mothers_maiden_name
                .as_ref()
                .and_then(|m| normal(fold(&m.family), squash(&m.family))),
        ),
    ]
}

/// Every field either side has, compared.
pub(super) fn compare(chart: &Patient, registry: &Patient) -> Vec<DemographicComparison> {
    fields(chart)
        .into_iter()
        .zip(fields(registry))
        .filter_map(|((field, c), (_, r))| {
            let comparison = match (&c, &r) {
                (None, None) => return None,
                (Some(c), Some(r)) if c.key == r.key => Comparison::Same,
                (Some(_), Some(_)) => Comparison::Differs,
                (Some(_), None) => Comparison::OnlyChart,
                (None, Some(_)) => Comparison::OnlyRegistry,
            };
            Some(DemographicComparison {
                field,
                comparison,
                chart: c.map(|n| n.shown),
                registry: r.map(|n| n.shown),
            })
        })
        .collect()
}
