//! [`Coded`]: a code with its display text and coding system, the value of every CE/CWE field the
//! domain view reads or writes.
//!
//! Constructors that take only a code fill the text (and the coding system) from the embedded code
//! sets ([`crate::codes`]) at construction time, so the value you hold is exactly what the builder
//! writes and what reading the message back gives.

use std::sync::OnceLock;

use crate::codes::{self, CodeSets, ValueSet};
use crate::model::types::{Cwe, Varies};

use super::sink::{MapTo, Sink, component, typed};

/// A coded value: `code^text^system` (CE/CWE components 1 to 3).
///
/// ```
/// use izmsg::model::domain::Coded;
/// let mmr = Coded::cvx("3");
/// assert_eq!(mmr.code, "03"); // the CDC's spelling
/// assert_eq!(mmr.text.as_deref(), Some("MMR"));
/// assert_eq!(mmr.system.as_deref(), Some("CVX"));
///
/// let mother = Coded::from_value_set("HL70063", "MTH");
/// assert_eq!((mother.text.as_deref(), mother.system.as_deref()), (Some("Mother"), Some("HL70063")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Coded {
    /// The code (component 1).
    pub code: String,
    /// Its display text (component 2); `None` when not sent.
    pub text: Option<String>,
    /// The coding system (component 3: `CVX`, `MVX`, `HL70064`, `CDCREC`, `LN` ...).
    pub system: Option<String>,
}

impl Coded {
    /// A code with its coding system and no text.
    pub fn new(code: impl Into<String>, system: impl Into<String>) -> Coded {
        Coded {
            code: code.into(),
            text: None,
            system: Some(system.into()),
        }
    }

    /// A code, its text and its coding system, taken as given.
    pub fn with_text(
        code: impl Into<String>,
        text: impl Into<String>,
        system: impl Into<String>,
    ) -> Coded {
        Coded {
            code: code.into(),
            text: Some(text.into()),
            system: Some(system.into()),
        }
    }

    /// A member of a value set (named as [`codes::value_set`] accepts: `HL70064`, `0064`, `NIP001`,
    /// `CDCREC` ...): the text is the value set's meaning and the system its coding system. A code the
    /// value set does not list keeps the value set's coding system and has no text.
    pub fn from_value_set(value_set: &str, code: &str) -> Coded {
        match CodeSets::embedded().member(value_set, code) {
            Some(m) => Coded {
                code: m.code.to_string(),
                text: non_empty(m.meaning),
                system: non_empty(m.code_system),
            },
            None => Coded {
                code: code.to_string(),
                text: None,
                system: codes::value_set(value_set).and_then(|v| non_empty(v.code_system)),
            },
        }
    }

    /// A CVX vaccine code, with the CDC short description (leading zeros and spaces as the CDC writes
    /// them when the code is known).
    pub fn cvx(code: &str) -> Coded {
        match codes::cvx(code) {
            Some(c) => Coded::with_text(c.cvx.as_ref(), c.short_description.as_ref(), "CVX"),
            None => Coded::new(code, "CVX"),
        }
    }

    /// An MVX manufacturer code, with the manufacturer's name.
    pub fn mvx(code: &str) -> Coded {
        match codes::mvx(code) {
            Some(m) => Coded::with_text(m.mvx.as_ref(), m.name.as_ref(), "MVX"),
            None => Coded::new(code, "MVX"),
        }
    }

    /// An NDC (unit of use or unit of sale, as written), with the product's proprietary name.
    pub fn ndc(code: &str) -> Coded {
        let name = codes::lookup("NDC_Use", code).or_else(|| codes::lookup("NDC_Sale", code));
        Coded {
            code: code.to_string(),
            text: name.and_then(non_empty),
            system: Some("NDC".to_string()),
        }
    }

    /// A CPT code (coding system `C4`), with the CPT description.
    pub fn cpt(code: &str) -> Coded {
        let text = codes::cpt(code).next().map(|c| c.description.to_string());
        Coded {
            code: code.to_string(),
            text: text.filter(|t| !t.is_empty()),
            system: Some("C4".to_string()),
        }
    }

    /// A CDCREC race code (`2106-3` White ...).
    pub fn race(code: &str) -> Coded {
        Coded::from_value_set("CDCREC", code)
    }

    /// A CDCREC ethnicity code (`2135-2` Hispanic or Latino, `2186-5` not Hispanic or Latino).
    pub fn ethnicity(code: &str) -> Coded {
        Coded::from_value_set("CDCREC", code)
    }

    /// A next-of-kin relationship from HL7 0063 (`MTH`, `FTH`, `GRD` ...).
    pub fn relationship(code: &str) -> Coded {
        Coded::from_value_set("HL70063", code)
    }

    /// A publicity code from HL7 0215 (`01` no reminder/recall, `02` reminder/recall any method ...).
    pub fn publicity(code: &str) -> Coded {
        Coded::from_value_set("HL70215", code)
    }

    /// A route of administration, an NCIT concept (`C28161` intramuscular, `C38299` subcutaneous ...).
    pub fn route(code: &str) -> Coded {
        Coded::from_value_set("NCIT", code)
    }

    /// An administration site from HL7 0163 (`LD` left deltoid, `RT` right thigh ...).
    pub fn site(code: &str) -> Coded {
        Coded::from_value_set("HL70163", code)
    }

    /// A vaccine funding source (`PHC70` private funds, `VXC50` public, `VXC51` public VFC, `VXC52`
    /// public non-VFC).
    pub fn funding_source(code: &str) -> Coded {
        Coded::from_value_set("PHVS_ImmunizationFundingSource_IIS", code)
    }

    /// A UCUM unit (`mL`).
    pub fn ucum(code: &str) -> Coded {
        Coded::from_value_set("UCUM", code)
    }

    /// True when the coding system is `system` (ASCII case ignored).
    pub fn is_in(&self, system: &str) -> bool {
        self.system
            .as_deref()
            .is_some_and(|s| s.trim().eq_ignore_ascii_case(system))
    }

    /// Reads components 1 to 3 of a CE/CWE; `None` when all three are empty.
    pub fn from_cwe(c: &Cwe) -> Option<Coded> {
        Coded::from_parts(&c.identifier, &c.text, &c.name_of_coding_system)
    }

    /// Reads the alternate triplet (components 4 to 6) of a CE/CWE; `None` when all three are empty.
    pub fn from_cwe_alternate(c: &Cwe) -> Option<Coded> {
        Coded::from_parts(
            &c.alternate_identifier,
            &c.alternate_text,
            &c.name_of_alternate_coding_system,
        )
    }

    fn from_parts(code: &str, text: &str, system: &str) -> Option<Coded> {
        let out = Coded {
            code: value(code).unwrap_or_default(),
            text: value(text),
            system: value(system),
        };
        (!out.code.is_empty() || out.text.is_some() || out.system.is_some()).then_some(out)
    }

    /// Reads an OBX-5 of type CE/CWE.
    pub fn from_varies(v: &Varies) -> Option<Coded> {
        Coded::from_parts(v.component(1), v.component(2), v.component(3))
    }

    /// The value as a CE/CWE with only components 1 to 3.
    pub fn to_cwe(&self) -> Cwe {
        typed(self)
    }

    /// The value with `alternate` as its alternate triplet (components 4 to 6).
    pub fn to_cwe_with_alternate(&self, alternate: Option<&Coded>) -> Cwe {
        typed(&WithAlternate(self, alternate))
    }

    /// The value as an OBX-5 of type CE (trailing empty components left out).
    pub fn to_varies(&self) -> Varies {
        let mut parts = vec![
            self.code.as_str(),
            self.text.as_deref().unwrap_or_default(),
            self.system.as_deref().unwrap_or_default(),
        ];
        while parts.len() > 1 && parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
        }
        Varies::from_components(&parts)
    }
}

impl std::fmt::Display for Coded {
    /// The code, its text, and its coding system in parentheses: `08 Hep B, adolescent or
    /// pediatric (CVX)`; parts that are not there are left out.
    ///
    /// ```
    /// use izmsg::model::domain::Coded;
    /// assert_eq!(Coded::cvx("08").to_string(), "08 Hep B, adolescent or pediatric (CVX)");
    /// assert_eq!(Coded::new("X1", "99LOCAL").to_string(), "X1 (99LOCAL)");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code)?;
        if let Some(text) = self.text.as_deref().filter(|t| !t.is_empty()) {
            if !self.code.is_empty() {
                f.write_str(" ")?;
            }
            f.write_str(text)?;
        }
        if let Some(system) = self.system.as_deref().filter(|s| !s.is_empty()) {
            write!(f, " ({system})")?;
        }
        Ok(())
    }
}

impl MapTo<Cwe> for Coded {
    fn map<K: Sink<Cwe>>(&self, k: &mut K) {
        k.put(component!(Cwe, identifier), self.code.as_str());
        k.put(component!(Cwe, text), text_of(&self.text));
        k.put(
            component!(Cwe, name_of_coding_system),
            text_of(&self.system),
        );
    }
}

/// A code with an alternate triplet (CWE 4 to 6), when there is one.
pub(crate) struct WithAlternate<'a>(pub(crate) &'a Coded, pub(crate) Option<&'a Coded>);

impl MapTo<Cwe> for WithAlternate<'_> {
    fn map<K: Sink<Cwe>>(&self, k: &mut K) {
        self.0.map(k);
        if let Some(a) = self.1 {
            k.put(component!(Cwe, alternate_identifier), a.code.as_str());
            k.put(component!(Cwe, alternate_text), text_of(&a.text));
            k.put(
                component!(Cwe, name_of_alternate_coding_system),
                text_of(&a.system),
            );
        }
    }
}

/// A value set the builder writes codes of in every message, found by name once.
pub(crate) struct KnownSet {
    name: &'static str,
    set: OnceLock<Option<&'static ValueSet>>,
}

impl KnownSet {
    pub(crate) const fn new(name: &'static str) -> KnownSet {
        KnownSet {
            name,
            set: OnceLock::new(),
        }
    }

    fn get(&self) -> Option<&'static ValueSet> {
        *self.set.get_or_init(|| codes::value_set(self.name))
    }
}

/// A member of a value set, its text and coding system borrowed from the embedded tables: what
/// [`Coded::from_value_set`] holds, without the copies.
pub(crate) struct TableCode<'a> {
    pub(crate) set: &'static KnownSet,
    pub(crate) code: &'a str,
}

impl<'a> TableCode<'a> {
    /// The code as the table has it, its meaning and its coding system.
    fn parts(&self) -> (&'a str, &'static str, &'static str) {
        let set = self.set.get();
        match set.and_then(|s| CodeSets::embedded().member_in(s, self.code)) {
            Some(m) => (m.code, m.meaning, m.code_system),
            None => (self.code, "", set.map_or("", |v| v.code_system)),
        }
    }
}

fn put_parts<K: Sink<Cwe>>(k: &mut K, (code, text, system): (&str, &str, &str)) {
    k.put(component!(Cwe, identifier), code);
    k.put(component!(Cwe, text), text);
    k.put(component!(Cwe, name_of_coding_system), system);
}

impl MapTo<Cwe> for TableCode<'_> {
    fn map<K: Sink<Cwe>>(&self, k: &mut K) {
        put_parts(k, self.parts());
    }
}

/// A member of a value set the builder writes in many messages (the LOINC codes of the
/// observations it generates), looked up once.
pub(crate) struct KnownCode {
    set: &'static KnownSet,
    code: &'static str,
    parts: OnceLock<(&'static str, &'static str, &'static str)>,
}

impl KnownCode {
    pub(crate) const fn new(set: &'static KnownSet, code: &'static str) -> KnownCode {
        KnownCode {
            set,
            code,
            parts: OnceLock::new(),
        }
    }
}

impl MapTo<Cwe> for KnownCode {
    fn map<K: Sink<Cwe>>(&self, k: &mut K) {
        let parts = *self.parts.get_or_init(|| {
            TableCode {
                set: self.set,
                code: self.code,
            }
            .parts()
        });
        put_parts(k, parts);
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// The text of a value as the domain view keeps it: `None` for an empty value and for the HL7 null
/// `""` ("delete what you have"), the text as sent otherwise.
pub(crate) fn value(s: &str) -> Option<String> {
    (!s.is_empty() && s != "\"\"").then(|| s.to_string())
}

/// Text for a primitive field or component (`""` for none).
pub(crate) fn text_of(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or_default()
}

/// The value in a single-value field slot, whether the model holds it inline (`Option<T>`) or boxed
/// (`Option<Box<T>>`).
pub(crate) fn slot<T, B: std::borrow::Borrow<T>>(field: &Option<B>) -> Option<&T> {
    field.as_ref().map(std::borrow::Borrow::borrow)
}
