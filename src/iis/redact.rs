//! Redaction: a message with every value that identifies a patient (or a relative, guarantor or
//! insured person) replaced by a placeholder, so that a rejected message can be pasted into a support
//! ticket.
//!
//! What is replaced is stated once, in [`IDENTIFYING`]: which fields of which segments hold what
//! kind of personal data. Which components of a field hold it comes from the kind and the field's
//! declared data type (a name's family, given and middle names, prefix, suffix and degree — not its
//! name type code; an address's street, other designation, city, zip, county and census tract — not
//! its state, country or address type; a phone's number parts and e-mail — not its use or equipment
//! codes; an identifier's number and check digit — not its assigning authority or type). Free text
//! is replaced whole: NTE-3, MSA-3, and OBX-5 when OBX-2 says it is text (TX, ST, FT) or a name,
//! address, phone or identifier. Providers (ORC, RXA, PD1-4) and organizations are not patient data
//! and are kept; so are codes, order numbers (ORC-2/3) and the message control ID — except that a
//! personal value replaced is also replaced wherever it stands inside another value (an order
//! number or control ID built from the medical record number, a birth place that is also the
//! clinic's name). That second look covers values of five characters or more (a number only as a
//! whole run of digits, never inside a longer number or a date), the first 128 met.
//!
//! The placeholders keep the message valid and consistent:
//!
//! * the same value gets the same placeholder everywhere in the input (a mother who shares the
//!   patient's family name shares its placeholder), and a placeholder never equals the value it
//!   replaces;
//! * each placeholder fits its data type: names and text become `REDACTED-1`, `REDACTED-2` ...,
//!   identifiers `ID-1` ..., zip codes `00001` ..., phone numbers digits (`501` area code, `5550001`
//!   local number), e-mail addresses `redacted-1@example.invalid`;
//! * personal dates (birth, death) keep their precision and stay valid: by default they become the
//!   first of January of their year and every other date is kept; with [`Dates::Shift`] every date
//!   of the message moves by the same number of days, so intervals (age at each dose) stay true.
//!
//! Only values are replaced, never delimiters: segments, fields, repetitions and components stay
//! where they were, so a registry's error location (`PID^1^7`, `RXA^2^5`) still points at the same
//! place, and every code (CVX, LOINC, HL7 tables) is untouched. Segments this crate does not declare
//! (Z-segments) are kept as they are: check them by hand before sharing.
//!
//! ```
//! use izmsg::iis::redact;
//! let input = b"MSH|^~\\&|EHR|CLINIC|IIS|STATE|20240315||VXU^V04^VXU_V04|M1|P|2.5.1\r\
//! PID|1||PAT-123^^^EHR^MR||Doe^Jane^Q^^^^L|Smith^Ann^^^^^M|20230817|F||2106-3^White^CDCREC|12 Elm St^^Portland^ME^04101^USA^P||^PRN^PH^^^207^5551234\r\
//! NK1|1|Doe^Ann^^^^^L|MTH^Mother^HL70063\r\
//! RXA|0|1|20240315||08^Hep B^CVX|0.5|mL^^UCUM||00^^NIP001\r";
//! let out = redact::redact(input).unwrap();
//! let out = String::from_utf8(out).unwrap();
//! assert!(out.contains("PID|1||ID-1^^^EHR^MR||REDACTED-1^REDACTED-2^REDACTED-3^^^^L|REDACTED-4^REDACTED-5^^^^^M|20230101|F"));
//! assert!(out.contains("REDACTED-6^^REDACTED-7^ME^00001^USA^P||^PRN^PH^^^501^5550001"));
//! assert!(out.contains("NK1|1|REDACTED-1^REDACTED-5^^^^^L|MTH^Mother^HL70063")); // same values, same placeholders
//! assert!(out.contains("RXA|0|1|20240315||08^Hep B^CVX")); // codes and other dates kept
//! ```

use std::collections::HashMap;
use std::ops::Range;

use crate::er7::{self, Value};
use crate::model::segments::fields_of;
use crate::model::types::{Dtm, Precision, components_of};
use crate::model::{Decoded, Message};

/// What kind of personal data a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum What {
    /// A person's name (XPN): family, given, middle names, suffix, prefix, degree.
    Name,
    /// A person named with an identifier (XCN): both.
    Person,
    /// A postal address (XAD): street, other designation, city, zip, county, census tract.
    Address,
    /// A phone number or e-mail address (XTN).
    Phone,
    /// An identifier (CX, DLN, or a plain string such as the SSN).
    Identifier,
    /// An organization that identifies the person (an employer: XON name and identifier).
    Organization,
    /// A date that identifies the person (birth, death).
    PersonalDate,
    /// Free text (birth place, comments).
    Text,
}

/// One field that holds personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdentifyingField {
    /// Segment id.
    pub segment: &'static str,
    /// Field number.
    pub field: u16,
    /// What it holds.
    pub what: What,
}

const fn f(segment: &'static str, field: u16, what: What) -> IdentifyingField {
    IdentifyingField {
        segment,
        field,
        what,
    }
}

use What::{
    Address as A, Identifier as I, Name as N, Organization as O, Person as P, PersonalDate as D,
    Phone as T, Text as X,
};

/// Every field of the declared segments that holds a patient's (or a relative's, guarantor's or
/// insured person's) personal data. OBX-5 is decided by OBX-2 (see the module docs).
pub const IDENTIFYING: &[IdentifyingField] = &[
    // Patient.
    f("PID", 2, I),  // Patient ID (old)
    f("PID", 3, I),  // Patient Identifier List
    f("PID", 4, I),  // Alternate Patient ID
    f("PID", 5, N),  // Patient Name
    f("PID", 6, N),  // Mother's Maiden Name
    f("PID", 7, D),  // Date/Time of Birth
    f("PID", 9, N),  // Patient Alias
    f("PID", 11, A), // Patient Address
    f("PID", 12, X), // County Code
    f("PID", 13, T), // Phone Number - Home
    f("PID", 14, T), // Phone Number - Business
    f("PID", 18, I), // Patient Account Number
    f("PID", 19, I), // SSN Number
    f("PID", 20, I), // Driver's License Number
    f("PID", 21, I), // Mother's Identifier
    f("PID", 23, X), // Birth Place
    f("PID", 29, D), // Patient Death Date and Time
    f("PD1", 10, I), // Duplicate Patient
    f("PV1", 19, I), // Visit Number
    f("PV1", 50, I), // Alternate Visit ID
    // Next of kin.
    f("NK1", 2, N),
    f("NK1", 4, A),
    f("NK1", 5, T),
    f("NK1", 6, T),
    f("NK1", 12, I), // Next of Kin / Associated Parties Employee Number
    f("NK1", 13, O), // Organization Name
    f("NK1", 16, D),
    f("NK1", 26, N), // Mother's Maiden Name
    f("NK1", 30, N), // Contact Person's Name
    f("NK1", 31, T),
    f("NK1", 32, A),
    f("NK1", 33, I), // Next of Kin/Associated Party's Identifiers
    f("NK1", 37, I), // Contact Person Social Security Number
    f("NK1", 38, X), // Next of Kin Birth Place
    // Guarantor.
    f("GT1", 2, I),
    f("GT1", 3, N),
    f("GT1", 4, N),
    f("GT1", 5, A),
    f("GT1", 6, T),
    f("GT1", 7, T),
    f("GT1", 8, D),
    f("GT1", 12, I),
    f("GT1", 16, N), // Guarantor Employer Name
    f("GT1", 17, A),
    f("GT1", 18, T),
    f("GT1", 19, I),
    f("GT1", 21, O),
    f("GT1", 24, D),
    f("GT1", 42, N),
    f("GT1", 45, N),
    f("GT1", 46, T),
    f("GT1", 51, O),
    f("GT1", 56, X),
    // Insurance: the insured person.
    f("IN1", 10, I), // Insured's Group Emp ID
    f("IN1", 11, O), // Insured's Group Emp Name
    f("IN1", 16, N), // Name Of Insured
    f("IN1", 18, D), // Insured's Date Of Birth
    f("IN1", 19, A), // Insured's Address
    f("IN1", 36, I), // Policy Number
    f("IN1", 44, A), // Insured's Employer's Address
    f("IN1", 49, I), // Insured's ID Number
    f("IN1", 52, X), // Insured's Birth Place
    f("IN2", 1, I),
    f("IN2", 2, I), // Insured's Social Security Number
    f("IN2", 3, P), // Insured's Employer's Name and ID
    f("IN2", 6, I), // Medicare Health Ins Card Number
    f("IN2", 7, N),
    f("IN2", 8, I), // Medicaid Case Number
    f("IN2", 9, N),
    f("IN2", 10, I), // Military ID Number
    f("IN2", 26, I), // Payor Subscriber ID
    f("IN2", 40, N),
    f("IN2", 49, N),
    f("IN2", 50, T),
    f("IN2", 52, N),
    f("IN2", 53, T),
    f("IN2", 61, I), // Patient Member Number
    f("IN2", 63, T),
    f("IN2", 64, T),
    f("IN2", 69, O),
    f("IN2", 70, O),
    // Queries echo the patient's demographics.
    f("QPD", 3, I),
    f("QPD", 4, N),
    f("QPD", 5, N),
    f("QPD", 6, D),
    f("QPD", 8, A),
    f("QPD", 9, T),
    // Free text.
    f("NTE", 3, X),
    f("MSA", 3, X),
];

/// How dates are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dates {
    /// Personal dates (birth, death) become the first of January of their year; every other date
    /// is kept.
    #[default]
    KeepOthers,
    /// Every date and time of the message, personal or not, moves by this many days (intervals stay
    /// true; a date written inside another value, such as an order number, moves too). A shift of 0
    /// is read as [`Dates::KeepOthers`].
    Shift(i32),
}

/// Redaction options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Redaction {
    /// How dates are treated.
    pub dates: Dates,
}

/// Redacts a file: one message, several one after another, or a batch (envelope segments kept), with
/// the default options. The output has the input's bytes apart from the values replaced.
pub fn redact(input: &[u8]) -> Result<Vec<u8>, er7::Error> {
    redact_with(input, &Redaction::default())
}

/// [`redact`] with options. Fails (rather than let a message through unredacted) when any message
/// of the input cannot be parsed.
pub fn redact_with(input: &[u8], options: &Redaction) -> Result<Vec<u8>, er7::Error> {
    let batch = er7::split(input)?;
    let mut r = Redactor::new(options);
    for msg in batch.messages() {
        match msg {
            Ok(m) => r.message(m),
            Err(e) => return Err(e.clone()),
        }
    }
    Ok(r.apply(input, 0..input.len()))
}

/// The bytes of one parsed message (from its first segment to the end of its last, as
/// [`er7::Message::as_bytes`]), redacted.
pub fn redact_parsed(msg: &er7::Message<'_>, options: &Redaction) -> Vec<u8> {
    let mut r = Redactor::new(options);
    r.message(msg);
    r.apply(msg.input(), msg.span())
}

/// A typed message, redacted: encoded, redacted, decoded again.
pub fn redact_message(msg: &Message, options: &Redaction) -> Result<Decoded, er7::Error> {
    let bytes = msg.encode();
    let parsed = er7::parse(&bytes)?;
    let redacted = redact_parsed(&parsed, options);
    crate::model::decode(&redacted)
}

/// The kind of placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Class {
    Text,
    Id,
    Zip,
    Phone,
    Area,
    Local,
    Extension,
    Email,
}

impl Class {
    const ALL: [Class; 8] = [
        Class::Text,
        Class::Id,
        Class::Zip,
        Class::Phone,
        Class::Area,
        Class::Local,
        Class::Extension,
        Class::Email,
    ];

    fn index(self) -> usize {
        Class::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    fn make(self, n: u32) -> String {
        match self {
            Class::Text => format!("REDACTED-{n}"),
            Class::Id => format!("ID-{n}"),
            Class::Zip => format!("{:05}", n % 100_000),
            Class::Phone => format!("555-555-{:04}", n % 10_000),
            Class::Area => format!("{}", 500 + n % 100),
            Class::Local => format!("555{:04}", n % 10_000),
            Class::Extension => format!("{n}"),
            Class::Email => format!("redacted-{n}@example.invalid"),
        }
    }
}

/// What to do with a field.
enum Plan {
    /// Every part of it is replaced.
    Whole(Class),
    /// Components (from 1) and the placeholder each gets; the others are kept.
    Components(&'static [(u16, Class)]),
    /// A personal date: component 1 of each repetition.
    Date,
}

const NAME: &[(u16, Class)] = &[
    (1, Class::Text),
    (2, Class::Text),
    (3, Class::Text),
    (4, Class::Text),
    (5, Class::Text),
    (6, Class::Text),
];
const PERSON: &[(u16, Class)] = &[
    (1, Class::Id),
    (2, Class::Text),
    (3, Class::Text),
    (4, Class::Text),
    (5, Class::Text),
    (6, Class::Text),
];
const ADDRESS: &[(u16, Class)] = &[
    (1, Class::Text),
    (2, Class::Text),
    (3, Class::Text),
    (5, Class::Zip),
    (8, Class::Text),
    (9, Class::Text),
    (10, Class::Text),
];
const PHONE: &[(u16, Class)] = &[
    (1, Class::Phone),
    (4, Class::Email),
    (6, Class::Area),
    (7, Class::Local),
    (8, Class::Extension),
    (9, Class::Text),
    (12, Class::Phone),
];
const CX: &[(u16, Class)] = &[(1, Class::Id), (2, Class::Id)];
const FIRST_ID: &[(u16, Class)] = &[(1, Class::Id)];
const ORGANIZATION: &[(u16, Class)] = &[(1, Class::Text), (10, Class::Id)];

/// The data type without its IG flavour: `XPN_IZ` -> `XPN`, `CE_IZ` -> `CE`.
fn base(datatype: &str) -> &str {
    datatype.split('_').next().unwrap_or(datatype)
}

/// Which components of a field hold what, from the kind of data and the field's data type.
fn plan(what: What, datatype: &str) -> Plan {
    let composite = components_of(datatype).is_some();
    match (what, base(datatype)) {
        (What::PersonalDate, _) => Plan::Date,
        (What::Name, "XPN" | "XCN") => Plan::Components(if base(datatype) == "XCN" {
            PERSON
        } else {
            NAME
        }),
        (What::Person, "XCN") => Plan::Components(PERSON),
        (What::Person | What::Name, _) if !composite => Plan::Whole(Class::Text),
        (What::Person | What::Name, _) => Plan::Components(NAME),
        (What::Address, "XAD") => Plan::Components(ADDRESS),
        (What::Address, _) => Plan::Whole(Class::Text),
        (What::Phone, "XTN") => Plan::Components(PHONE),
        (What::Phone, _) => Plan::Whole(Class::Phone),
        (What::Identifier, "CX") => Plan::Components(CX),
        (What::Identifier, "DLN") => Plan::Components(FIRST_ID),
        (What::Identifier, _) => Plan::Whole(Class::Id),
        (What::Organization, "XON") => Plan::Components(ORGANIZATION),
        (What::Organization, _) => Plan::Whole(Class::Text),
        (What::Text, _) => Plan::Whole(Class::Text),
    }
}

/// What an OBX-5 of value type `vt` holds, when it is personal.
fn obx_value(vt: &str) -> Option<(What, &'static str)> {
    match vt {
        "TX" | "ST" | "FT" => Some((What::Text, "ST")),
        "XPN" => Some((What::Name, "XPN")),
        "XAD" => Some((What::Address, "XAD")),
        "XTN" => Some((What::Phone, "XTN")),
        "CX" => Some((What::Identifier, "CX")),
        _ => None,
    }
}

/// The edits for one input, and the placeholders handed out so far.
struct Redactor<'o> {
    options: &'o Redaction,
    given: HashMap<(Class, String), String>,
    counters: [u32; 8],
    edits: Vec<(Range<usize>, String)>,
    /// Values replaced that are long enough to be looked for inside other values, in the order
    /// they were met, with their placeholders.
    needles: Vec<(String, String)>,
}

/// Most values looked for inside other values (a bound that keeps the cost linear).
const MAX_NEEDLES: usize = 128;

impl<'o> Redactor<'o> {
    fn new(options: &'o Redaction) -> Redactor<'o> {
        Redactor {
            options,
            given: HashMap::new(),
            counters: [0; 8],
            edits: Vec::new(),
            needles: Vec::new(),
        }
    }

    fn shift(&self) -> Option<i32> {
        match self.options.dates {
            Dates::Shift(0) | Dates::KeepOthers => None,
            Dates::Shift(n) => Some(n),
        }
    }

    /// The placeholder for `text` of `class`: the one given before, or the next, never `text`.
    fn placeholder(&mut self, class: Class, text: &str) -> String {
        let key = (class, text.to_string());
        if let Some(p) = self.given.get(&key) {
            return p.clone();
        }
        let counter = self.counters.get_mut(class.index());
        let p = match counter {
            Some(c) => loop {
                *c = c.wrapping_add(1);
                let p = class.make(*c);
                if p != text {
                    break p;
                }
            },
            None => class.make(0),
        };
        self.given.insert(key, p.clone());
        if self.needles.len() < MAX_NEEDLES && is_needle(class, text) {
            self.needles.push((text.to_string(), p.clone()));
        }
        p
    }

    fn edit(&mut self, v: &Value<'_>, replacement: &str) {
        let escaped = er7::escape::encode(replacement, v.delimiters()).into_owned();
        self.edits.push((v.span(), escaped));
    }

    /// Replaces one leaf (a subcomponent, or a value without children) when it holds anything.
    fn leaf(&mut self, v: Value<'_>, class: Class) {
        if v.is_empty() || v.is_null() {
            return;
        }
        let text = v.text();
        if text.trim().is_empty() {
            return;
        }
        let p = self.placeholder(class, &text);
        self.edit(&v, &p);
    }

    /// Replaces every leaf of a value.
    fn all_leaves(&mut self, v: Value<'_>, class: Class) {
        for rep in v.repetitions() {
            for comp in rep.components() {
                for sub in comp.subcomponents() {
                    self.leaf(sub, class);
                }
            }
        }
    }

    /// A personal date: its year kept, or shifted with the others.
    fn personal_date(&mut self, v: Value<'_>) {
        if v.is_empty() || v.is_null() {
            return;
        }
        let text = v.text();
        let new = match self.shift() {
            Some(days) => shifted(&text, days),
            None => first_of_year(&text),
        };
        match new {
            Some(d) if d != *text => {
                if self.shift().is_some() {
                    self.date_needle(&text, &d);
                }
                self.edit(&v, &d);
            }
            Some(_) => {}
            // Not a date: replaced as text (it may be a birth date in another form).
            None => self.leaf(v, Class::Text),
        }
    }

    /// Any other date, when dates are shifted.
    fn other_date(&mut self, v: Value<'_>) {
        let Some(days) = self.shift() else {
            return;
        };
        if v.is_empty() || v.is_null() {
            return;
        }
        let text = v.text();
        if let Some(d) = shifted(&text, days) {
            self.date_needle(&text, &d);
            self.edit(&v, &d);
        }
    }

    /// A shifted date (of day precision at least) is looked for inside other values too: an order
    /// number that embeds the date of the dose moves with it.
    fn date_needle(&mut self, text: &str, shifted: &str) {
        let text = text.trim();
        if text.len() >= 8
            && self.needles.len() < MAX_NEEDLES
            && !self.needles.iter().any(|(n, _)| n == text)
        {
            self.needles.push((text.to_string(), shifted.to_string()));
        }
    }

    fn apply_plan(&mut self, field: Value<'_>, plan: Plan, datatype: &str) {
        let comps = components_of(datatype).unwrap_or(&[]);
        match plan {
            Plan::Whole(class) => self.all_leaves(field, class),
            Plan::Components(list) => {
                for rep in field.repetitions() {
                    for (i, comp) in rep.components().enumerate() {
                        let n = u16::try_from(i + 1).unwrap_or(u16::MAX);
                        match list.iter().find(|(c, _)| *c == n) {
                            Some((_, class)) => {
                                for sub in comp.subcomponents() {
                                    self.leaf(sub, *class);
                                }
                            }
                            None => {
                                if self.shift().is_some() {
                                    let dt = comps.get(i).map(|d| d.datatype);
                                    self.dates_in_component(comp, dt);
                                }
                            }
                        }
                    }
                }
            }
            Plan::Date => {
                for rep in field.repetitions() {
                    for (i, comp) in rep.components().enumerate() {
                        for (j, sub) in comp.subcomponents().enumerate() {
                            if i == 0 && j == 0 {
                                self.personal_date(sub);
                            } else {
                                self.leaf(sub, Class::Text);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The dates in a component of declared type `datatype` (a composite component's parts are
    /// subcomponents).
    fn dates_in_component(&mut self, comp: Value<'_>, datatype: Option<&str>) {
        match datatype.map(base) {
            Some("DT" | "DTM" | "TS") => {
                if let Some(sub) = comp.subcomponents().next() {
                    self.other_date(sub);
                }
            }
            Some("DR") => {
                for sub in comp.subcomponents().take(2) {
                    self.other_date(sub);
                }
            }
            _ => {}
        }
    }

    /// The dates in a field of declared type `datatype`, when dates are shifted.
    fn dates_in_field(&mut self, field: Value<'_>, datatype: &str) {
        let dt = base(datatype);
        for rep in field.repetitions() {
            match dt {
                "DT" | "DTM" | "TS" => {
                    if let Some(first) = rep.components().next() {
                        self.dates_in_component(first, Some("DT"));
                    }
                }
                _ => {
                    let Some(comps) = components_of(datatype) else {
                        continue;
                    };
                    for (comp, def) in rep.components().zip(comps.iter()) {
                        self.dates_in_component(comp, Some(def.datatype));
                    }
                }
            }
        }
    }

    fn message(&mut self, msg: &er7::Message<'_>) {
        let first_edit = self.edits.len();
        for seg in msg.segments() {
            let id = seg.id();
            let declared = fields_of(id);
            let value_type = if id == "OBX" {
                seg.field(2)
                    .map(|v| v.text().trim().to_ascii_uppercase())
                    .unwrap_or_default()
            } else {
                String::new()
            };
            let first = if seg.is_header() { 3 } else { 1 };
            let mut n = first;
            while let Some(field) = seg.field(n) {
                let seq = u16::try_from(n).unwrap_or(u16::MAX);
                let datatype = declared
                    .and_then(|d| d.get(n - 1))
                    .map_or("", |d| d.datatype);
                n += 1;
                if field.is_empty() {
                    continue;
                }
                if let Some(entry) = IDENTIFYING
                    .iter()
                    .find(|e| e.segment == id && e.field == seq)
                {
                    self.apply_plan(field, plan(entry.what, datatype), datatype);
                } else if id == "OBX" && seq == 5 {
                    if let Some((what, dt)) = obx_value(&value_type) {
                        self.apply_plan(field, plan(what, dt), dt);
                    } else if self.shift().is_some() {
                        self.dates_in_field(field, &value_type);
                    }
                } else if self.shift().is_some() && !datatype.is_empty() {
                    self.dates_in_field(field, datatype);
                }
            }
        }
        self.scrub(msg, first_edit);
    }

    /// Replaces the personal values met so far wherever they stand inside another value (an order
    /// number built from the medical record number, a name in a facility's name), in every value
    /// not already replaced.
    fn scrub(&mut self, msg: &er7::Message<'_>, first_edit: usize) {
        if self.needles.is_empty() {
            return;
        }
        let edited: std::collections::HashSet<usize> = self
            .edits
            .get(first_edit..)
            .unwrap_or(&[])
            .iter()
            .map(|(r, _)| r.start)
            .collect();
        let mut more = Vec::new();
        for seg in msg.segments() {
            let mut n = if seg.is_header() { 3 } else { 1 };
            while let Some(field) = seg.field(n) {
                n += 1;
                for rep in field.repetitions() {
                    for comp in rep.components() {
                        for sub in comp.subcomponents() {
                            if sub.is_empty() || edited.contains(&sub.span().start) {
                                continue;
                            }
                            let text = sub.text();
                            let mut new: Option<String> = None;
                            for (needle, placeholder) in &self.needles {
                                let current = new.as_deref().unwrap_or(&text);
                                if let Some(replaced) = replace_token(current, needle, placeholder)
                                {
                                    new = Some(replaced);
                                }
                            }
                            if let Some(new) = new {
                                let escaped =
                                    er7::escape::encode(&new, sub.delimiters()).into_owned();
                                more.push((sub.span(), escaped));
                            }
                        }
                    }
                }
            }
        }
        self.edits.extend(more);
    }

    /// The bytes of `range` of `input` with the edits made.
    fn apply(mut self, input: &[u8], range: Range<usize>) -> Vec<u8> {
        self.edits.sort_by_key(|(r, _)| r.start);
        let mut out = Vec::with_capacity(range.len());
        let mut at = range.start;
        for (span, text) in &self.edits {
            if span.start < at || span.end > range.end {
                continue;
            }
            out.extend_from_slice(input.get(at..span.start).unwrap_or(&[]));
            out.extend_from_slice(text.as_bytes());
            at = span.end;
        }
        out.extend_from_slice(input.get(at..range.end).unwrap_or(&[]));
        out
    }
}

/// Whether a replaced value is looked for inside other values: identifiers, names, address parts
/// and phone numbers of five characters or more. A value made only of digits is then replaced only
/// as a whole run of digits, never inside a longer number or a date.
fn is_needle(class: Class, text: &str) -> bool {
    match class {
        Class::Id | Class::Text | Class::Email | Class::Local | Class::Phone => {
            text.chars().count() >= 5
        }
        Class::Zip | Class::Area | Class::Extension => false,
    }
}

/// `text` with every occurrence of `needle` replaced by `placeholder` (a digits-only needle only
/// where no digit touches it), or `None` when there is none.
fn replace_token(text: &str, needle: &str, placeholder: &str) -> Option<String> {
    if !text.contains(needle) {
        return None;
    }
    let digits = needle.bytes().all(|b| b.is_ascii_digit());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find(needle) {
        let (before, after) = rest.split_at(at);
        let after = after.get(needle.len()..).unwrap_or("");
        let touches = digits
            && (before.ends_with(|c: char| c.is_ascii_digit())
                || after.starts_with(|c: char| c.is_ascii_digit()));
        out.push_str(before);
        if touches {
            out.push_str(needle);
        } else {
            out.push_str(placeholder);
            changed = true;
        }
        rest = after;
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// A DT/DTM value split into its date digits, the rest of its digits, and its suffix (fraction and
/// offset), when it reads as one.
fn split_date(text: &str) -> Option<(&str, &str, &str, Precision)> {
    let t = text.trim();
    let parts = Dtm::from(t).parts().ok()?;
    let digits_end = t
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(t.len());
    let (digits, suffix) = t.split_at_checked(digits_end)?;
    let date_len = digits.len().min(8);
    let (date, time) = digits.split_at_checked(date_len)?;
    Some((date, time, suffix, parts.precision))
}

/// The first of January of the date's year, at the same precision (`20170430` -> `20170101`,
/// `20170430123000-0500` -> `20170101000000-0500`).
fn first_of_year(text: &str) -> Option<String> {
    let (date, time, suffix, _) = split_date(text)?;
    let year = date.get(..4)?;
    let (fraction, offset) = match suffix.find(['+', '-']) {
        Some(p) => suffix.split_at_checked(p)?,
        None => (suffix, ""),
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(year);
    out.push_str("0101".get(..date.len().saturating_sub(4))?);
    out.extend(std::iter::repeat_n('0', time.len()));
    // The fraction of a second goes to zero too; the offset stays.
    out.extend(
        fraction
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c }),
    );
    out.push_str(offset);
    Some(out)
}

/// The date moved by `days`, at the same precision (time, fraction and offset kept).
fn shifted(text: &str, days: i32) -> Option<String> {
    let (date, time, suffix, _) = split_date(text)?;
    let year: i32 = date.get(..4)?.parse().ok()?;
    let month: u32 = date.get(4..6).map_or(Some(1), |m| m.parse().ok())?;
    let day: u32 = date.get(6..8).map_or(Some(1), |d| d.parse().ok())?;
    let d = chrono::NaiveDate::from_ymd_opt(year, month, day)?
        .checked_add_signed(chrono::Duration::days(i64::from(days)))?;
    let full = d.format("%Y%m%d").to_string();
    if full.len() != 8 {
        return None; // a year beyond 9999 or before 0
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(full.get(..date.len())?);
    out.push_str(time);
    out.push_str(suffix);
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(first_of_year("20170430").as_deref(), Some("20170101"));
        assert_eq!(first_of_year("201704").as_deref(), Some("201701"));
        assert_eq!(first_of_year("2017").as_deref(), Some("2017"));
        assert_eq!(
            first_of_year("20170430123015.25-0500").as_deref(),
            Some("20170101000000.00-0500")
        );
        assert_eq!(
            first_of_year("20170430123015-0500").as_deref(),
            Some("20170101000000-0500")
        );
        assert_eq!(first_of_year("April 30"), None);
        assert_eq!(shifted("20240301", -1).as_deref(), Some("20240229"));
        assert_eq!(
            shifted("20240301083000-0500", 30).as_deref(),
            Some("20240331083000-0500")
        );
        assert_eq!(shifted("202403", 31).as_deref(), Some("202404"));
    }

    #[test]
    fn table_matches_declarations() {
        for e in IDENTIFYING {
            let fields = fields_of(e.segment).unwrap_or_else(|| panic!("{} declared", e.segment));
            let def = fields
                .get(usize::from(e.field) - 1)
                .unwrap_or_else(|| panic!("{}-{} declared", e.segment, e.field));
            let dt = base(def.datatype);
            let fits = match e.what {
                What::Name => dt == "XPN",
                What::Person => dt == "XCN",
                What::Address => dt == "XAD",
                What::Phone => dt == "XTN",
                What::Identifier => matches!(dt, "CX" | "ST" | "DLN"),
                What::Organization => dt == "XON",
                What::PersonalDate => matches!(dt, "TS" | "DT" | "DTM"),
                What::Text => matches!(dt, "ST" | "FT" | "TX" | "IS"),
            };
            assert!(
                fits,
                "{}-{} is {} ({}), not {:?}",
                e.segment, e.field, def.datatype, def.label, e.what
            );
        }
    }
}
