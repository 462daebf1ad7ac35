//! What the registry said: reading acknowledgements (and the MSA/ERR/QAK part of query responses),
//! per dose, in plain words; and building acknowledgements from a validation report.
//!
//! * [`Acknowledgement`]: an ACK read into an [`Outcome`] and the registry's rows as
//!   [`Issue`](crate::validate::Issue)s (the same type validation reports, so an EHR shows both alike).
//! * [`Submission`]: the ACK paired with the VXU that was sent: MSA-2 checked against MSH-10, each
//!   row mapped to the segment, field and vaccination it names, and each dose's [`DoseState`]
//!   (reported, reported with warnings, not reported), as an EHR's "Reported" / "Not Reported" lists
//!   show them.
//! * [`Summary`] ([`summarize_ack`], [`summarize_response`]): the three things a clinic user sees —
//!   message status, query quality, and the registry's rows.
//! * [`AckBuilder`]: an ACK built from a received message and a validation
//!   [`Report`](crate::validate::Report), as acks.md §2 describes (for registries, test doubles and
//!   tests).
//!
//! # How an acknowledgement is read
//!
//! The rules follow acks.md §4, with the habits of real registries (§6) as data in an [`AckPolicy`]:
//! the phrases that carry meaning, whether an AE with warnings only is accepted, which MSH-9 codes
//! count as an ACK. [`AckPolicy::default`] follows §4; a state profile carries its own.
//!
//! 1. **Is it an acknowledgement?** Bytes that are not HL7, an MSH-9.1 the policy does not read as an
//!    ACK (`ACK`; Idaho's `VXU` with its policy), or no usable MSA-1 (AA/AE/AR, or the commit codes
//!    CA/CE/CR read alike) give [`Outcome::NoValidAck`]. Paired with the message sent, an MSA-2 other
//!    than its MSH-10 does too ([`NoAck::ControlIdMismatch`], an issue of its own, rule `MSA-2`).
//! 2. **Each ERR row** becomes an issue. Its severity is ERR-4. When ERR-4 is absent (the 2.3.1
//!    style, or a registry that writes only text), it is inferred, conservatively: HL7 codes
//!    200-203, 206 and 207 are errors; under an AE or AR every row is an error (AIRA's tester reads an
//!    AE with no severity as a rejection); under an AA a code-0 row is information and any other a
//!    warning. The location is ERR-2, or ERR-1 (segment^sequence^field) when only that is sent. A row
//!    with no text takes the MSA-3 written just before it, if no row took it yet (New Mexico repeats
//!    MSA/ERR pairs).
//! 3. **Words that say what happened** (the policy's phrases, matched without regard to case or
//!    spacing, in ERR-8/9/7 and MSA-3) make a row an error whatever its ERR-4 says: `RECORD
//!    REJECTED`, `MESSAGE REJECTED`, `PID #1 IGNORED` reject the whole message; `RXA #n ... IGNORED`
//!    rejects dose *n*; `Not processing order group` rejects a part; `BAD MESSAGE`, `FILE REJECTED`,
//!    `Unsupported HL7 version or trigger` mean not processed; `Application internal error` means
//!    retry later. An MSA-3 that no row took and that holds such words becomes a row of its own
//!    (rule `MSA-3`, message level).
//! 4. **The outcome**, first match wins:
//!    * an error row with HL7 code 200-203 or a not-processed phrase: [`Outcome::NotProcessed`]
//!      ([`Retry::AfterFix`]: resending unchanged will not help);
//!    * an error row with code 206 or 207 or a retry-later phrase: not processed, [`Retry::Later`];
//!    * MSA-1 AR: not processed, after a fix (whatever the rows say: AR means nothing was stored);
//!    * any error row (**ERR-4 contradicting MSA-1**: an AA with an `E` row is read as an AE):
//!      [`Outcome::Rejected`] — [`Scope::Message`] when an error names MSH, PID, SFT, the message
//!      as a whole (no location) or a segment that is not part of the message structure, or its
//!      words say the message or record was rejected; otherwise [`Scope::Part`] (every error is in
//!      an ORDER group — ORC, TQ1, TQ2, RXA, RXR, OBX, NTE — or an optional segment such as NK1, PD1,
//!      PV1, GT1, IN1-3: the patient and the other doses were stored);
//!    * MSA-1 AE with no row at all: rejected, whole message (nothing says what was kept); an AE whose
//!      rows are all warnings or information: [`Outcome::AcceptedWithWarnings`] (or rejected, when
//!      the policy's `ae_with_only_warnings_accepted` is off);
//!    * MSA-1 AA: accepted with warnings when a row is a warning, else [`Outcome::Accepted`]
//!      (information rows change nothing).
//!
//! # Per dose
//!
//! A [`Submission`] walks the message that was sent ([`Message::for_each_segment`]) to know which
//! vaccination each segment occurrence belongs to, so `RXA^2^5` names the second RXA and its ORDER
//! group, and `OBX^7` the group the seventh OBX is in. A row on MSH, PID or the message as a whole
//! applies to every dose; a row on NK1 or PD1 to none (the doses were stored). A dose is *not
//! reported* when the outcome stored nothing or an error row (or a `RXA #n IGNORED` phrase) names it;
//! *reported with warnings* when a warning names it or the whole message; *reported* otherwise.
//!
//! **ERR-2 written one level early.** The IG's own examples write `PID^2` for PID-2 and `NK1^3` for
//! NK1-3, and NIST's `MSH^12^1^1` means MSH-12.1: the field stands where the segment's occurrence
//! belongs. When a segment occurs once in the message — without the message sent: MSH, PID, PD1,
//! PV1, QPD, RCP, which a message holds once; with it: any segment it has exactly one of — a
//! sequence above 1 cannot be an occurrence, and the numbers are read one level up (when that
//! field is declared).
//!
//! [`Message::for_each_segment`]: crate::model::Message::for_each_segment

mod build;
mod outcome;
mod policy;
mod read;
mod submission;
mod summary;
mod words;

pub use build::{AckBuilder, WarningsAnswer};
pub use outcome::{NoAck, Outcome, Retry, Scope};
pub use policy::{AckPolicy, DosePhrase};
pub use read::Acknowledgement;
pub use submission::{Dose, DoseState, Sent, Submission};
pub use summary::{Row, Summary, summarize_ack, summarize_response};
