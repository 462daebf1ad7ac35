//! Who issued an identifier and what it identifies: [`Namespace`] (HD), [`Identifier`] (CX),
//! [`OrderId`] (EI) and [`Provider`] (XCN).

use crate::model::codec::OrEmpty;
use crate::model::types::{Cx, Ei, Hd, Xcn};

use super::coded::{text_of, value};
use super::person::{PersonName, Surname};
use super::sink::{MapTo, Sink, component, typed};

/// An application, facility or assigning authority, named by a local namespace ID, an ISO OID, or
/// both (HD: `namespace^oid^ISO`).
///
/// ```
/// use izmsg::model::domain::Namespace;
/// let ns: Namespace = "MYEHR".into();
/// assert_eq!(ns.local.as_deref(), Some("MYEHR"));
/// assert_eq!(Namespace::oid("2.16.840.1.113883.4.6").oid.as_deref(), Some("2.16.840.1.113883.4.6"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Namespace {
    /// Local namespace ID (HD.1, from the locally maintained tables 0361/0362/0363).
    pub local: Option<String>,
    /// ISO OID (HD.2; HD.3 is then `ISO`).
    pub oid: Option<String>,
}

impl Namespace {
    /// A local namespace ID.
    pub fn local(id: impl Into<String>) -> Namespace {
        Namespace {
            local: Some(id.into()),
            oid: None,
        }
    }

    /// An ISO OID.
    pub fn oid(oid: impl Into<String>) -> Namespace {
        Namespace {
            local: None,
            oid: Some(oid.into()),
        }
    }

    /// A local namespace ID with its OID.
    pub fn both(id: impl Into<String>, oid: impl Into<String>) -> Namespace {
        Namespace {
            local: Some(id.into()),
            oid: Some(oid.into()),
        }
    }

    /// Reads an HD; `None` when it names nothing.
    pub fn from_hd(hd: &Hd) -> Option<Namespace> {
        Namespace::from_parts(&hd.namespace_id, &hd.universal_id)
    }

    fn from_parts(local: &str, oid: &str) -> Option<Namespace> {
        let ns = Namespace {
            local: value(local),
            oid: value(oid),
        };
        (ns.local.is_some() || ns.oid.is_some()).then_some(ns)
    }

    /// The value as an HD (`ISO` as the universal ID type when there is an OID).
    pub fn to_hd(&self) -> Hd {
        typed(self)
    }
}

impl std::fmt::Display for Namespace {
    /// The local ID, the OID, or both as `MYEHR (2.16.840.1.113883.3.9999.1)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.local, &self.oid) {
            (Some(l), Some(o)) => write!(f, "{l} ({o})"),
            (Some(x), None) | (None, Some(x)) => f.write_str(x),
            (None, None) => Ok(()),
        }
    }
}

impl std::fmt::Display for Identifier {
    /// The ID, then its type and who assigned it: `12345 (MR, MYEHR)`.
    ///
    /// ```
    /// use izmsg::model::domain::Identifier;
    /// assert_eq!(Identifier::mr("12345", "MYEHR").to_string(), "12345 (MR, MYEHR)");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)?;
        let authority = self
            .authority
            .as_ref()
            .map(|a| a.local.as_deref().or(a.oid.as_deref()).unwrap_or_default());
        match (self.id_type.as_deref(), authority) {
            (Some(t), Some(a)) => write!(f, " ({t}, {a})"),
            (Some(x), None) | (None, Some(x)) => write!(f, " ({x})"),
            (None, None) => Ok(()),
        }
    }
}

impl std::fmt::Display for OrderId {
    /// The ID and who assigned it: `IZ-991 (MYEHR)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)?;
        match &self.assigner {
            Some(a) => write!(f, " ({a})"),
            None => Ok(()),
        }
    }
}

impl From<&str> for Namespace {
    /// A local namespace ID.
    fn from(id: &str) -> Namespace {
        Namespace::local(id)
    }
}

impl From<String> for Namespace {
    /// A local namespace ID.
    fn from(id: String) -> Namespace {
        Namespace::local(id)
    }
}

/// An identifier of a person with who assigned it and what kind it is (CX: PID-3; CX.1, CX.4, CX.5).
///
/// ```
/// use izmsg::model::domain::Identifier;
/// let mrn = Identifier::mr("12345", "MYEHR");
/// assert_eq!(mrn.id_type.as_deref(), Some("MR"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Identifier {
    /// The ID.
    pub id: String,
    /// Who assigned it.
    pub authority: Option<Namespace>,
    /// Identifier type from HL7 0203 (`MR` medical record number, `SR` state registry ID, `MA`
    /// Medicaid number, `NPI` ...).
    pub id_type: Option<String>,
}

impl Identifier {
    /// An identifier of the given type, assigned by `authority`.
    pub fn new(
        id: impl Into<String>,
        authority: impl Into<Namespace>,
        id_type: impl Into<String>,
    ) -> Identifier {
        Identifier {
            id: id.into(),
            authority: Some(authority.into()),
            id_type: Some(id_type.into()),
        }
    }

    /// A medical record number (`MR`) assigned by the EHR.
    pub fn mr(id: impl Into<String>, authority: impl Into<Namespace>) -> Identifier {
        Identifier::new(id, authority, "MR")
    }

    /// A state registry ID (`SR`) assigned by the IIS.
    pub fn sr(id: impl Into<String>, authority: impl Into<Namespace>) -> Identifier {
        Identifier::new(id, authority, "SR")
    }

    /// Reads a CX; `None` when it carries no ID, authority or type.
    pub fn from_cx(cx: &Cx) -> Option<Identifier> {
        let out = Identifier {
            id: value(&cx.id_number).unwrap_or_default(),
            authority: Namespace::from_hd(cx.assigning_authority.or_empty()),
            id_type: value(&cx.identifier_type_code),
        };
        (!out.id.is_empty() || out.authority.is_some() || out.id_type.is_some()).then_some(out)
    }

    /// The value as a CX.
    pub fn to_cx(&self) -> Cx {
        typed(self)
    }
}

/// An order (dose record) number with who assigned it (EI: ORC-2 placer, ORC-3 filler).
///
/// The filler order number is the sender's stable identifier of a dose: an IIS matches later updates
/// and deletes by it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OrderId {
    /// The identifier (EI.1).
    pub id: String,
    /// Who assigned it (EI.2 namespace, EI.3 OID).
    pub assigner: Option<Namespace>,
}

impl OrderId {
    /// An order number assigned by `assigner`.
    pub fn new(id: impl Into<String>, assigner: impl Into<Namespace>) -> OrderId {
        OrderId {
            id: id.into(),
            assigner: Some(assigner.into()),
        }
    }

    /// Reads an EI; `None` when it is empty.
    pub fn from_ei(ei: &Ei) -> Option<OrderId> {
        let out = OrderId {
            id: value(&ei.entity_identifier).unwrap_or_default(),
            assigner: Namespace::from_parts(&ei.namespace_id, &ei.universal_id),
        };
        (!out.id.is_empty() || out.assigner.is_some()).then_some(out)
    }

    /// The value as an EI.
    pub fn to_ei(&self) -> Ei {
        typed(self)
    }
}

/// A clinician or staff member, by ID, by name, or both (XCN: RXA-10, ORC-10, ORC-12).
///
/// ```
/// use izmsg::model::domain::{PersonName, Provider};
/// let nurse = Provider::npi("1234567890").with_name(PersonName::new("Giver", "Nancy"));
/// assert_eq!(nurse.id.as_ref().unwrap().id_type.as_deref(), Some("NPI"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Provider {
    /// ID (XCN.1) with its assigning authority (XCN.9) and type (XCN.13).
    pub id: Option<Identifier>,
    /// Name (XCN.2 to XCN.6, type XCN.10).
    pub name: Option<PersonName>,
}

impl Provider {
    /// A provider known by an identifier.
    pub fn with_id(id: Identifier) -> Provider {
        Provider {
            id: Some(id),
            name: None,
        }
    }

    /// A provider known by name.
    pub fn named(name: PersonName) -> Provider {
        Provider {
            id: None,
            name: Some(name),
        }
    }

    /// A provider known by an NPI (assigning authority `NPPES`, OID 2.16.840.1.113883.4.6, type
    /// `NPI`).
    pub fn npi(npi: impl Into<String>) -> Provider {
        Provider::with_id(Identifier::new(
            npi,
            Namespace::both("NPPES", "2.16.840.1.113883.4.6"),
            "NPI",
        ))
    }

    /// The same provider with a name.
    pub fn with_name(mut self, name: PersonName) -> Provider {
        self.name = Some(name);
        self
    }

    /// Reads an XCN; `None` when it names nobody.
    pub fn from_xcn(x: &Xcn) -> Option<Provider> {
        let id = Identifier {
            id: value(&x.id_number).unwrap_or_default(),
            authority: Namespace::from_hd(x.assigning_authority.or_empty()),
            id_type: value(&x.identifier_type_code),
        };
        let id =
            (!id.id.is_empty() || id.authority.is_some() || id.id_type.is_some()).then_some(id);
        let name = PersonName::from_parts(
            &x.family_name.or_empty().surname,
            &x.given_name,
            &x.further_given_names,
            &x.suffix,
            &x.prefix,
            &x.name_type_code,
        );
        (id.is_some() || name.is_some()).then_some(Provider { id, name })
    }

    /// The value as an XCN.
    pub fn to_xcn(&self) -> Xcn {
        typed(self)
    }
}

impl MapTo<Hd> for Namespace {
    fn map<K: Sink<Hd>>(&self, k: &mut K) {
        k.put(component!(Hd, namespace_id), text_of(&self.local));
        k.put(component!(Hd, universal_id), text_of(&self.oid));
        k.put(component!(Hd, universal_id_type), iso(&self.oid));
    }
}

/// HD-3 / EI-4: `ISO` when there is an OID.
fn iso(oid: &Option<String>) -> &'static str {
    if oid.is_some() { "ISO" } else { "" }
}

impl MapTo<Cx> for Identifier {
    fn map<K: Sink<Cx>>(&self, k: &mut K) {
        k.put(component!(Cx, id_number), self.id.as_str());
        k.put_opt(component!(Cx, assigning_authority), self.authority.as_ref());
        k.put(component!(Cx, identifier_type_code), text_of(&self.id_type));
    }
}

/// An entity identifier: the ID and who assigned it (ORC-2, ORC-3).
pub(crate) struct EiOf<'a> {
    pub(crate) id: &'a str,
    pub(crate) assigner: Option<&'a Namespace>,
}

impl MapTo<Ei> for EiOf<'_> {
    fn map<K: Sink<Ei>>(&self, k: &mut K) {
        const NONE: &Option<String> = &None;
        let (local, oid) = self.assigner.map_or((NONE, NONE), |n| (&n.local, &n.oid));
        k.put(component!(Ei, entity_identifier), self.id);
        k.put(component!(Ei, namespace_id), text_of(local));
        k.put(component!(Ei, universal_id), text_of(oid));
        k.put(component!(Ei, universal_id_type), iso(oid));
    }
}

impl MapTo<Ei> for OrderId {
    fn map<K: Sink<Ei>>(&self, k: &mut K) {
        EiOf {
            id: &self.id,
            assigner: self.assigner.as_ref(),
        }
        .map(k);
    }
}

impl MapTo<Xcn> for Provider {
    fn map<K: Sink<Xcn>>(&self, k: &mut K) {
        let (id, name) = (self.id.as_ref(), self.name.as_ref());
        if let Some(id) = id {
            k.put(component!(Xcn, id_number), id.id.as_str());
        }
        if let Some(n) = name {
            k.put(component!(Xcn, family_name), &Surname(&n.family));
            k.put(component!(Xcn, given_name), text_of(&n.given));
            k.put(component!(Xcn, further_given_names), text_of(&n.middle));
            k.put(component!(Xcn, suffix), text_of(&n.suffix));
            k.put(component!(Xcn, prefix), text_of(&n.prefix));
        }
        if let Some(id) = id {
            k.put_opt(component!(Xcn, assigning_authority), id.authority.as_ref());
        }
        if let Some(n) = name {
            let code = n.name_type.as_ref().map_or("", |t| t.code());
            k.put(component!(Xcn, name_type_code), code);
        }
        if let Some(id) = id {
            k.put(component!(Xcn, identifier_type_code), text_of(&id.id_type));
        }
    }
}
