//! How to reach and call a person: [`PersonName`] (XPN), [`Address`] (XAD) and [`Telecom`] (XTN).

use crate::model::codec::OrEmpty;
use crate::model::types::{Fn as FamilyName, Sad, Xad, Xpn, Xtn};

use super::code_lists::{AddressType, NameType, TelecomEquipment, TelecomUse};
use super::coded::{text_of, value};
use super::sink::{MapTo, Sink, component, typed};

/// A person's name (XPN; the name parts of an XCN).
///
/// ```
/// use izmsg::model::domain::{NameType, PersonName};
/// let n = PersonName::legal("Doe", "Jane").with_middle("Ann");
/// assert_eq!(n.name_type, Some(NameType::Legal));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PersonName {
    /// Family name (XPN.1.1 surname).
    pub family: String,
    /// Given name (XPN.2).
    pub given: Option<String>,
    /// Second and further given names or initials (XPN.3).
    pub middle: Option<String>,
    /// Suffix, e.g. `JR` (XPN.4).
    pub suffix: Option<String>,
    /// Prefix, e.g. `DR` (XPN.5).
    pub prefix: Option<String>,
    /// The kind of name (XPN.7).
    pub name_type: Option<NameType>,
}

impl PersonName {
    /// A family and given name, of no stated type (providers' names).
    pub fn new(family: impl Into<String>, given: impl Into<String>) -> PersonName {
        PersonName {
            family: family.into(),
            given: Some(given.into()),
            ..PersonName::default()
        }
    }

    /// A legal name (type `L`), the kind a patient's first name should be.
    pub fn legal(family: impl Into<String>, given: impl Into<String>) -> PersonName {
        PersonName {
            name_type: Some(NameType::Legal),
            ..PersonName::new(family, given)
        }
    }

    /// A maiden name (type `M`), as the mother's maiden name must be; given name optional.
    pub fn maiden(family: impl Into<String>) -> PersonName {
        PersonName {
            family: family.into(),
            name_type: Some(NameType::Maiden),
            ..PersonName::default()
        }
    }

    /// The same name with a given name.
    pub fn with_given(mut self, given: impl Into<String>) -> PersonName {
        self.given = Some(given.into());
        self
    }

    /// The same name with a middle name or initial.
    pub fn with_middle(mut self, middle: impl Into<String>) -> PersonName {
        self.middle = Some(middle.into());
        self
    }

    /// The same name with a suffix.
    pub fn with_suffix(mut self, suffix: impl Into<String>) -> PersonName {
        self.suffix = Some(suffix.into());
        self
    }

    /// The same name with a prefix.
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> PersonName {
        self.prefix = Some(prefix.into());
        self
    }

    /// The same name of another type.
    pub fn with_type(mut self, name_type: NameType) -> PersonName {
        self.name_type = Some(name_type);
        self
    }

    /// Reads an XPN; `None` when it is empty.
    pub fn from_xpn(x: &Xpn) -> Option<PersonName> {
        PersonName::from_parts(
            &x.family_name.or_empty().surname,
            &x.given_name,
            &x.further_given_names,
            &x.suffix,
            &x.prefix,
            &x.name_type_code,
        )
    }

    pub(crate) fn from_parts(
        family: &str,
        given: &str,
        middle: &str,
        suffix: &str,
        prefix: &str,
        name_type: &str,
    ) -> Option<PersonName> {
        let n = PersonName {
            family: value(family).unwrap_or_default(),
            given: value(given),
            middle: value(middle),
            suffix: value(suffix),
            prefix: value(prefix),
            name_type: NameType::from_code(name_type),
        };
        let any = !n.family.is_empty()
            || n.given.is_some()
            || n.middle.is_some()
            || n.suffix.is_some()
            || n.prefix.is_some();
        any.then_some(n)
    }

    /// The value as an XPN.
    pub fn to_xpn(&self) -> Xpn {
        typed(self)
    }
}

impl std::fmt::Display for PersonName {
    /// The name as it is spoken: prefix, given, middle, family, suffix (`Dr Jane Ann Doe Jr`).
    /// Printing a patient's name is asking for patient data: the crate's errors never do it.
    ///
    /// ```
    /// use izmsg::model::domain::PersonName;
    /// assert_eq!(PersonName::legal("Doe", "Jane").with_middle("Ann").to_string(), "Jane Ann Doe");
    /// assert_eq!(PersonName::maiden("Smith").to_string(), "Smith");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts = [
            self.prefix.as_deref(),
            self.given.as_deref(),
            self.middle.as_deref(),
            Some(self.family.as_str()),
            self.suffix.as_deref(),
        ];
        let mut first = true;
        for part in parts.into_iter().flatten().filter(|p| !p.is_empty()) {
            if !first {
                f.write_str(" ")?;
            }
            f.write_str(part)?;
            first = false;
        }
        Ok(())
    }
}

/// A postal address (XAD).
///
/// ```
/// use izmsg::model::domain::{Address, AddressType};
/// let home = Address::home("1 Main St", "Augusta", "ME", "04330").with_country("USA");
/// assert_eq!(home.address_type, Some(AddressType::Home));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Address {
    /// Street or mailing address (XAD.1.1).
    pub street: Option<String>,
    /// Other designation: apartment, suite (XAD.2).
    pub other_designation: Option<String>,
    /// City (XAD.3).
    pub city: Option<String>,
    /// State or province: the USPS code in the US (XAD.4).
    pub state: Option<String>,
    /// ZIP or postal code (XAD.5).
    pub zip: Option<String>,
    /// Country, ISO 3166 (XAD.6, e.g. `USA`).
    pub country: Option<String>,
    /// The kind of address (XAD.7, required by the IG).
    pub address_type: Option<AddressType>,
    /// County or parish, a FIPS code (XAD.9).
    pub county: Option<String>,
}

impl Address {
    /// An address of the given type: street, city, state and ZIP in the order they are written.
    pub fn new(
        address_type: AddressType,
        street: impl Into<String>,
        city: impl Into<String>,
        state: impl Into<String>,
        zip: impl Into<String>,
    ) -> Address {
        Address {
            street: Some(street.into()),
            city: Some(city.into()),
            state: Some(state.into()),
            zip: Some(zip.into()),
            address_type: Some(address_type),
            ..Address::default()
        }
    }

    /// A home address (type `H`).
    pub fn home(
        street: impl Into<String>,
        city: impl Into<String>,
        state: impl Into<String>,
        zip: impl Into<String>,
    ) -> Address {
        Address::new(AddressType::Home, street, city, state, zip)
    }

    /// A mailing address (type `M`).
    pub fn mailing(
        street: impl Into<String>,
        city: impl Into<String>,
        state: impl Into<String>,
        zip: impl Into<String>,
    ) -> Address {
        Address::new(AddressType::Mailing, street, city, state, zip)
    }

    /// The same address with a country.
    pub fn with_country(mut self, country: impl Into<String>) -> Address {
        self.country = Some(country.into());
        self
    }

    /// Reads an XAD; `None` when it is empty.
    pub fn from_xad(x: &Xad) -> Option<Address> {
        let a = Address {
            street: value(&x.street_address.or_empty().street_or_mailing_address),
            other_designation: value(&x.other_designation),
            city: value(&x.city),
            state: value(&x.state_or_province),
            zip: value(&x.zip_or_postal_code),
            country: value(&x.country),
            address_type: AddressType::from_code(&x.address_type),
            county: value(&x.county_parish_code),
        };
        (a != Address::default()).then_some(a)
    }

    /// The value as an XAD.
    pub fn to_xad(&self) -> Xad {
        typed(self)
    }
}

/// A phone number or email address (XTN). The IG sends numbers split into area code and local
/// number (XTN.6, XTN.7), never in the legacy XTN.1.
///
/// ```
/// use izmsg::model::domain::{Telecom, TelecomUse};
/// let phone = Telecom::home_phone("207", "5551234");
/// assert_eq!(phone.use_code, Some(TelecomUse::PrimaryResidence));
/// let email = Telecom::email("jane@example.org");
/// assert_eq!(email.use_code, Some(TelecomUse::Email));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Telecom {
    /// What it is for (XTN.2).
    pub use_code: Option<TelecomUse>,
    /// The device (XTN.3).
    pub equipment: Option<TelecomEquipment>,
    /// Email address (XTN.4, with use `NET`).
    pub email: Option<String>,
    /// Country code (XTN.5).
    pub country_code: Option<String>,
    /// Area or city code (XTN.6).
    pub area_code: Option<String>,
    /// Local number (XTN.7).
    pub local_number: Option<String>,
    /// Extension (XTN.8).
    pub extension: Option<String>,
}

impl Telecom {
    fn phone(
        use_code: TelecomUse,
        equipment: TelecomEquipment,
        area: impl Into<String>,
        local: impl Into<String>,
    ) -> Telecom {
        Telecom {
            use_code: Some(use_code),
            equipment: Some(equipment),
            area_code: Some(area.into()),
            local_number: Some(local.into()),
            ..Telecom::default()
        }
    }

    /// A home telephone (`PRN`, `PH`).
    pub fn home_phone(area: impl Into<String>, local: impl Into<String>) -> Telecom {
        Telecom::phone(
            TelecomUse::PrimaryResidence,
            TelecomEquipment::Telephone,
            area,
            local,
        )
    }

    /// A cell phone (`PRN`, `CP`).
    pub fn cell_phone(area: impl Into<String>, local: impl Into<String>) -> Telecom {
        Telecom::phone(
            TelecomUse::PrimaryResidence,
            TelecomEquipment::Cellular,
            area,
            local,
        )
    }

    /// A work telephone (`WPN`, `PH`).
    pub fn work_phone(area: impl Into<String>, local: impl Into<String>) -> Telecom {
        Telecom::phone(TelecomUse::Work, TelecomEquipment::Telephone, area, local)
    }

    /// An email address (`NET`, `Internet`).
    pub fn email(address: impl Into<String>) -> Telecom {
        Telecom {
            use_code: Some(TelecomUse::Email),
            equipment: Some(TelecomEquipment::Internet),
            email: Some(address.into()),
            ..Telecom::default()
        }
    }

    /// Reads an XTN; `None` when it is empty.
    pub fn from_xtn(x: &Xtn) -> Option<Telecom> {
        let t = Telecom {
            use_code: TelecomUse::from_code(&x.telecommunication_use_code),
            equipment: TelecomEquipment::from_code(&x.telecommunication_equipment_type),
            email: value(&x.email_address),
            country_code: value(&x.country_code),
            area_code: value(&x.area_city_code),
            local_number: value(&x.local_number),
            extension: value(&x.extension),
        };
        (t != Telecom::default()).then_some(t)
    }

    /// The value as an XTN.
    pub fn to_xtn(&self) -> Xtn {
        typed(self)
    }
}

/// A family name (FN) that is only its surname.
pub(crate) struct Surname<'a>(pub(crate) &'a str);

impl MapTo<FamilyName> for Surname<'_> {
    fn map<K: Sink<FamilyName>>(&self, k: &mut K) {
        k.put(component!(FamilyName, surname), self.0);
    }
}

impl MapTo<Xpn> for PersonName {
    fn map<K: Sink<Xpn>>(&self, k: &mut K) {
        k.put(component!(Xpn, family_name), &Surname(&self.family));
        k.put(component!(Xpn, given_name), text_of(&self.given));
        k.put(component!(Xpn, further_given_names), text_of(&self.middle));
        k.put(component!(Xpn, suffix), text_of(&self.suffix));
        k.put(component!(Xpn, prefix), text_of(&self.prefix));
        let code = self.name_type.as_ref().map_or("", |t| t.code());
        k.put(component!(Xpn, name_type_code), code);
    }
}

/// A street address (SAD) that is only its first line.
struct Street<'a>(&'a str);

impl MapTo<Sad> for Street<'_> {
    fn map<K: Sink<Sad>>(&self, k: &mut K) {
        k.put(component!(Sad, street_or_mailing_address), self.0);
    }
}

impl MapTo<Xad> for Address {
    fn map<K: Sink<Xad>>(&self, k: &mut K) {
        k.put(
            component!(Xad, street_address),
            &Street(text_of(&self.street)),
        );
        k.put(
            component!(Xad, other_designation),
            text_of(&self.other_designation),
        );
        k.put(component!(Xad, city), text_of(&self.city));
        k.put(component!(Xad, state_or_province), text_of(&self.state));
        k.put(component!(Xad, zip_or_postal_code), text_of(&self.zip));
        k.put(component!(Xad, country), text_of(&self.country));
        let code = self.address_type.as_ref().map_or("", |t| t.code());
        k.put(component!(Xad, address_type), code);
        k.put(component!(Xad, county_parish_code), text_of(&self.county));
    }
}

impl MapTo<Xtn> for Telecom {
    fn map<K: Sink<Xtn>>(&self, k: &mut K) {
        let use_code = self.use_code.as_ref().map_or("", |u| u.code());
        k.put(component!(Xtn, telecommunication_use_code), use_code);
        let equipment = self.equipment.as_ref().map_or("", |e| e.code());
        k.put(component!(Xtn, telecommunication_equipment_type), equipment);
        k.put(component!(Xtn, email_address), text_of(&self.email));
        k.put(component!(Xtn, country_code), text_of(&self.country_code));
        k.put(component!(Xtn, area_city_code), text_of(&self.area_code));
        k.put(component!(Xtn, local_number), text_of(&self.local_number));
        k.put(component!(Xtn, extension), text_of(&self.extension));
    }
}
