//! # izmsg — HL7 v2.5.1 immunization messaging
//!
//! `izmsg` reads, builds, checks and writes the messages US EHRs exchange with state Immunization
//! Information Systems (IIS), per the CDC *Implementation Guide for Immunization Messaging, Release
//! 1.5*: VXU (submit doses), ACK (the registry's answer), QBP (query) and RSP (response). It is one
//! pure crate: no sockets, no threads, no files. You move the bytes; it does everything between your
//! data and those bytes.
//!
//! The crate is layered; a lower layer knows nothing of the ones above it:
//!
//! | layer | what it holds |
//! |---|---|
//! | [`er7`] | the wire syntax: a zero-copy parser with byte spans, escapes, a writer, batches, MLLP |
//! | [`model`] | typed data types, segments (each declared once) and the VXU/ACK/QBP/RSP structures |
//! | [`codes`] | the CDC code sets (CVX, MVX, NDC, VIS ...) and HL7 value sets, embedded, refreshable |
//! | [`iis`] | the conversation with a registry: CDC SOAP envelopes, typed faults, retry policy, MLLP exchange; queries, responses, patient matching, reconciliation |
//!
//! ```
//! use izmsg::model::{self, Message};
//!
//! let bytes = b"MSH|^~\\&|MYEHR|CLINIC|MEIIS|MEDHHS|20240315120000-0500||VXU^V04^VXU_V04|M1|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r\
//! PID|1||PT123^^^MYEHR^MR||Doe^Jane^^^^^L||20230801|F\r\
//! ORC|RE||ORD1^MYEHR\r\
//! RXA|0|1|20240315||208^COVID-19, mRNA^CVX|0.3|mL^^UCUM||00^New record^NIP001\r";
//! let decoded = model::decode(bytes)?;
//! let Message::Vxu(vxu) = &decoded.message else { unreachable!() };
//! let rxa = vxu.orders[0].rxa.as_deref().unwrap();
//! let cvx = &rxa.administered_code.as_ref().unwrap().identifier;
//! assert_eq!(izmsg::codes::cvx(cvx).unwrap().short_description, "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose");
//! assert_eq!(decoded.message.encode(), bytes); // byte for byte
//! # Ok::<(), izmsg::er7::Error>(())
//! ```
//!
//! Nothing here panics on input: malformed bytes give an [`er7::Error`] that says where, tolerated
//! sloppiness is listed as warnings, and values that do not fit their type are kept and reported as
//! [`model::DecodeIssue`]s. No error's `Display` quotes message content: it may be patient data.
//!
//! ## Cookbook
//!
//! Short programs in `examples/`, each named by what it teaches (`cargo run --example NAME`,
//! `-- --help` for its options):
//!
//! | example | teaches |
//! |---|---|
//! | `cookbook-build-vxu` | build a VXU from a patient and a dose ([`model::domain`]), check it, encode it, frame it for MLLP |
//! | `cookbook-read-vxu` | read a VXU: the patient and the doses, printed |
//! | `cookbook-read-any-input` | read one message, several, a batch or MLLP frames, message by message with positions ([`model::read_all`]) |
//! | `cookbook-look-up-codes` | CVX, MVX, a carton's NDC to its unit of use, the VIS in force on a day, a value set ([`codes`]) |
//! | `cookbook-refresh-code-sets` | lay newer CDC downloads over the embedded tables at run time ([`codes::CodeSets`]) |
//! | `cookbook-is-vxu-sendable` | decide whether a VXU can be sent, dose by dose, and what to fix first ([`validate`]) |
//! | `cookbook-read-ack` | read the registry's ACK: Reported, Reported with warnings or Not Reported per dose ([`iis::ack`]) |
//! | `cookbook-query-forecast` | build a Z44 query and read the forecast of a Z42 answer ([`iis::query`], [`iis::response`]) |
//! | `build_vxu` | a fuller VXU: two doses, MSH-22, SFT, a lot with its expiration |
//! | `inspect` | any message, segment by segment and field by field with the IG's names |
//! | `codes` | every code-set lookup from the command line |
//! | `refresh_codesets` | rewrite the crate's `codesets/` from CDC downloads |
//! | `bulk` | validate any number of messages on every core: the sendable ones into a batch file as they come, the rest into a report ([`er7::BatchReader`], [`er7::BatchWriter`], [`validate::Validator`]) |
//!
//! The three steps of most programs, in brief:
//!
//! ```
//! use izmsg::chrono::{DateTime, NaiveDate};
//! use izmsg::model::domain::*;
//! use izmsg::model::{read_all, Message};
//!
//! // Build: required values are arguments, the rest is checked at build(); send the bytes.
//! let day = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
//! let patient = Patient::new(Identifier::mr("12345", "MYEHR"), PersonName::legal("Doe", "Jane"),
//!     NaiveDate::from_ymd_opt(2023, 8, 1).unwrap(), Sex::Female);
//! let dose = Vaccination::administered(OrderId::new("IZ-1", "MYEHR"), VaccineCode::cvx("20"), day,
//!     Amount::ml("0.5")?, "AB123C", Coded::mvx("SKB"), Eligibility::new("V02"));
//! let sent = DateTime::parse_from_rfc3339("2024-03-15T10:30:00-05:00")?;
//! let bytes = Vxu::builder("MSG-1", sent, patient).vaccination(dose).encode()?;
//!
//! // Read: any input, message by message.
//! for read in read_all(&bytes) {
//!     let read = read?;
//!     let Message::Vxu(vxu) = &read.decoded.message else { continue };
//!     assert_eq!(vxu.vaccinations()[0].cvx().unwrap().to_string(), "20 DTaP (CVX)");
//! }
//!
//! // Look up: the embedded CDC tables.
//! assert_eq!(izmsg::codes::cvx("20").unwrap().short_description, "DTaP");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;
pub mod er7;
pub mod iis;
pub mod model;

/// The `chrono` crate, at the version this crate's dates and times use (`NaiveDate`,
/// `DateTime<FixedOffset>` ...): `use izmsg::chrono::NaiveDate;` needs no dependency of your own.
pub use chrono;
pub mod validate;
