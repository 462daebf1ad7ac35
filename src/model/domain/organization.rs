//! Who is responsible for a message and what software wrote it: [`Organization`] (XON: MSH-22,
//! MSH-23, SFT-1) and [`Software`] (SFT).

use crate::model::codec::OrEmpty;
use std::fmt;

use crate::model::segments::Sft;
use crate::model::types::{St, Xon};

use super::coded::{slot, text_of, value};
use super::identity::Namespace;
use super::sink::{MapTo, Sink, component, field, typed};
use super::timestamp::Timestamp;

/// An organization, by name and identifier (XON). The IG's MSH-22 (sending responsible
/// organization; Maine's IIS requires it) and MSH-23 (receiving responsible organization) name the
/// organizations behind the applications of MSH-3 and MSH-5; SFT-1 names the software's vendor.
///
/// ```
/// use izmsg::model::domain::{Namespace, Organization};
/// let clinic = Organization::new("Sunny Clinic", "1234", Namespace::both("MYEHR", "2.16.840.1.113883.3.9999.1"));
/// assert_eq!(clinic.to_xon().organization_identifier.as_str(), "1234");
/// assert_eq!(clinic.id_type.as_deref(), Some("XX"));
/// assert_eq!(clinic.to_string(), "Sunny Clinic (1234)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Organization {
    /// Its name (XON.1).
    pub name: Option<String>,
    /// Its identifier (XON.10), such as the facility ID the IIS assigned.
    pub id: Option<String>,
    /// Who assigned the identifier (XON.6).
    pub assigner: Option<Namespace>,
    /// The kind of identifier (XON.7, HL7 0203; `XX` organization identifier).
    pub id_type: Option<String>,
}

impl Organization {
    /// The identifier type of an organization identifier (HL7 0203).
    pub const ORGANIZATION_IDENTIFIER: &'static str = "XX";

    /// An organization by name and identifier (type `XX`), assigned by `assigner`.
    pub fn new(
        name: impl Into<String>,
        id: impl Into<String>,
        assigner: impl Into<Namespace>,
    ) -> Organization {
        Organization {
            name: Some(name.into()),
            id: Some(id.into()),
            assigner: Some(assigner.into()),
            id_type: Some(Self::ORGANIZATION_IDENTIFIER.to_string()),
        }
    }

    /// An organization known by name only (a software vendor, say).
    pub fn named(name: impl Into<String>) -> Organization {
        Organization {
            name: Some(name.into()),
            ..Organization::default()
        }
    }

    /// Reads an XON; `None` when it names nothing.
    pub fn from_xon(x: &Xon) -> Option<Organization> {
        let o = Organization {
            name: value(&x.organization_name),
            id: value(&x.organization_identifier),
            assigner: Namespace::from_hd(x.assigning_authority.or_empty()),
            id_type: value(&x.identifier_type_code),
        };
        (o != Organization::default()).then_some(o)
    }

    /// The value as an XON.
    pub fn to_xon(&self) -> Xon {
        typed(self)
    }

    /// `true` when it has neither a name nor an identifier.
    pub(crate) fn is_blank(&self) -> bool {
        blank(&self.name) && blank(&self.id)
    }
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

impl fmt::Display for Organization {
    /// `Sunny Clinic (1234)`, the name or the identifier alone when there is only one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.name, &self.id) {
            (Some(n), Some(id)) => write!(f, "{n} ({id})"),
            (Some(n), None) => f.write_str(n),
            (None, Some(id)) => f.write_str(id),
            (None, None) => Ok(()),
        }
    }
}

/// The software that wrote a message (SFT): the IG asks senders to say which product and version
/// they run, so that a registry can tell a software defect from a data problem.
///
/// ```
/// use izmsg::model::domain::{Organization, Software};
/// let sft = Software::new(Organization::named("Example EHR Co"), "4.2", "ExampleEHR", "4.2.1-b77").to_sft();
/// assert_eq!(sft.software_product_name.as_ref().unwrap().as_str(), "ExampleEHR");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Software {
    /// The vendor (SFT-1).
    pub vendor: Organization,
    /// The certified version or release number (SFT-2).
    pub version: String,
    /// The product name (SFT-3).
    pub product: String,
    /// The binary ID: the build (SFT-4).
    pub binary_id: String,
    /// More about the product (SFT-5).
    pub information: Option<String>,
    /// When it was installed (SFT-6).
    pub installed: Option<Timestamp>,
}

impl Software {
    /// A product of `vendor`: version (SFT-2), product name (SFT-3) and binary ID (SFT-4), each
    /// required by the IG.
    pub fn new(
        vendor: Organization,
        version: impl Into<String>,
        product: impl Into<String>,
        binary_id: impl Into<String>,
    ) -> Software {
        Software {
            vendor,
            version: version.into(),
            product: product.into(),
            binary_id: binary_id.into(),
            information: None,
            installed: None,
        }
    }

    /// Reads an SFT.
    pub fn from_sft(sft: &Sft) -> Software {
        let text = |s: &Option<St>| s.as_ref().and_then(|s| value(s)).unwrap_or_default();
        Software {
            vendor: slot(&sft.software_vendor_organization)
                .and_then(Organization::from_xon)
                .unwrap_or_default(),
            version: text(&sft.software_certified_version),
            product: text(&sft.software_product_name),
            binary_id: text(&sft.software_binary_id),
            information: sft
                .software_product_information
                .as_ref()
                .and_then(|t| value(t)),
            installed: slot(&sft.software_install_date).and_then(Timestamp::from_ts),
        }
    }

    /// The value as an SFT segment.
    pub fn to_sft(&self) -> Sft {
        typed(self)
    }
}

impl MapTo<Xon> for Organization {
    fn map<K: Sink<Xon>>(&self, k: &mut K) {
        k.put(component!(Xon, organization_name), text_of(&self.name));
        k.put_opt(component!(Xon, assigning_authority), self.assigner.as_ref());
        k.put(
            component!(Xon, identifier_type_code),
            text_of(&self.id_type),
        );
        k.put(component!(Xon, organization_identifier), text_of(&self.id));
    }
}

impl MapTo<Sft> for Software {
    fn map<K: Sink<Sft>>(&self, k: &mut K) {
        k.put(field!(Sft, software_vendor_organization), &self.vendor);
        k.put(
            field!(Sft, software_certified_version),
            self.version.as_str(),
        );
        k.put(field!(Sft, software_product_name), self.product.as_str());
        k.put(field!(Sft, software_binary_id), self.binary_id.as_str());
        k.put_opt(
            field!(Sft, software_product_information),
            self.information.as_deref(),
        );
        k.put_opt(field!(Sft, software_install_date), self.installed.as_ref());
    }
}
