//! The catalogue entries of the conformance statements: one [`Rule`] per statement id, citing the
//! statement and the profiles that state it.
//!
//! Severity: the IG says SHALL, so a statement is an error unless its failure loses nothing the
//! receiver reads. Statements about fixed values that carry no information the registry acts on
//! (acknowledgement types, sub-ID counters, set IDs, ORC-1, OBX-11, RCP-1, display texts) and the
//! statements whose data-quality counterparts `data-quality.md` rates as warnings (IZ-24, IZ-30,
//! IZ-45, IZ-48, IZ-49) are warnings; each such rule says why in its summary.

use super::super::rule::{Family::Conformance as C, Rule, def};
use super::super::{MessageProfile as P, Severity as Sev};

const ANY: &[P] = &[];
const Z22: &[P] = &[P::Z22];
const Z23: &[P] = &[P::Z23];
const Z31: &[P] = &[P::Z31];
const Z32: &[P] = &[P::Z32];
const Z33: &[P] = &[P::Z33];
const Z34: &[P] = &[P::Z34];
const Z42: &[P] = &[P::Z42];
const Z44: &[P] = &[P::Z44];
const QBP: &[P] = &[P::Z34, P::Z44];
const RSP: &[P] = &[P::Z31, P::Z32, P::Z33, P::Z42];
/// The profiles whose MSH-15/16 are NE/NE (the responses and the acknowledgement).
const NE_NE: &[P] = &[P::Z23, P::Z31, P::Z32, P::Z33, P::Z42];
/// The profiles that carry vaccinations (ORC, RXA, OBX).
pub(crate) const HISTORY: &[P] = &[P::Z22, P::Z32, P::Z42];
const Z22_Z32: &[P] = &[P::Z22, P::Z32];
const NK1_PROFILES: &[P] = &[P::Z22, P::Z31, P::Z32];
const Z34_NAME: &[P] = &[P::Z34, P::Z31, P::Z32];
const Z44_NAME: &[P] = &[P::Z44, P::Z42];

// --- Data-type flavours --------------------------------------------------------------------------

pub(crate) static IZ_1: Rule = def(
    "IZ-1",
    C,
    Sev::Error,
    102,
    Some("4"),
    "CQ_IZ.1 (RCP-2.1)",
    "IG 1.5 IZ-1 (NIST cdc-ig-r1.5 Z22/Z34/Z44 Datatype[CQ_IZ]; himss-v11 CQ_IZ01)",
    "The quantity of a CQ_IZ value (RCP-2.1, how many records the query accepts) SHALL be a positive integer.",
    ANY,
);
pub(crate) static IZ_2: Rule = def(
    "IZ-2",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "CQ_IZ.2.1 (RCP-2.2.1)",
    "IG 1.5 IZ-2 (NIST cdc-ig-r1.5 Z22/Z34/Z44 Datatype[CQ_IZ]; himss-v11 CQ_IZ01)",
    "The unit of a CQ_IZ quantity SHALL be 'RD' (records). A warning: the count is read whatever unit is named.",
    ANY,
);
pub(crate) static IZ_3: Rule = def(
    "IZ-3",
    C,
    Sev::Error,
    102,
    Some("4"),
    "EI_IZ.3 (MSH-21.3, ORC-2.3, ORC-3.3)",
    "IG 1.5 IZ-3 (NIST cdc-ig-r1.5 all eight profiles, Datatype[EI_IZ...]; himss-v11 EI_IZ01)",
    "The universal ID of an EI_IZ identifier SHALL be an ISO OID.",
    ANY,
);
pub(crate) static IZ_4: Rule = def(
    "IZ-4",
    C,
    Sev::Error,
    103,
    Some("4"),
    "EI_IZ.4",
    "IG 1.5 IZ-4 (NIST cdc-ig-r1.5 all eight profiles, Datatype[EI_IZ...]; himss-v11 EI_IZ01)",
    "The universal ID type of an EI_IZ identifier SHALL be 'ISO'.",
    ANY,
);
pub(crate) static IZ_5: Rule = def(
    "IZ-5",
    C,
    Sev::Error,
    102,
    Some("4"),
    "HD_IZ.2 (MSH-3..6, CX_IZ.4, XCN_IZ.9, XON_IZ.6, LA2_IZ.4)",
    "IG 1.5 IZ-5 (NIST cdc-ig-r1.5 all eight profiles, Datatype[HD_IZ]; himss-v11 HD_IZ01)",
    "The universal ID of an HD_IZ designator (application, facility, assigning authority) SHALL be an ISO OID.",
    ANY,
);
pub(crate) static IZ_6: Rule = def(
    "IZ-6",
    C,
    Sev::Error,
    103,
    Some("4"),
    "HD_IZ.3",
    "IG 1.5 IZ-6 (NIST cdc-ig-r1.5 all eight profiles, Datatype[HD_IZ]; himss-v11 HD_IZ01)",
    "The universal ID type of an HD_IZ designator SHALL be 'ISO'.",
    ANY,
);
pub(crate) static IZ_66: Rule = def(
    "IZ-66",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "XPN_M.7 (PID-6.7, QPD-5.7)",
    "IG 1.5 IZ-66 (NIST cdc-ig-r1.5 Z22 Datatype[XPN_M]; himss-v11 'XPN_7 (Name Type Code)' on XPN_IZ_M in every message)",
    "The name type of a mother's maiden name SHALL be 'M'. A warning: the field already says whose name it is.",
    ANY,
);

// --- Formats ---------------------------------------------------------------------------------------

pub(crate) static IZ_TS_Z: Rule = def(
    "IZ-TS_Z",
    C,
    Sev::Error,
    102,
    Some("2"),
    "TS_Z fields (MSH-7)",
    "IG 1.5 TS_Z flavour (NIST cdc-ig-r1.5 IZ-TS_Z on MSH-7, all eight profiles; himss-v11 DTM_Z_DateTimeConstraint)",
    "The message date/time SHALL be to the second with a time zone: YYYYMMDDHHMMSS+/-ZZZZ.",
    ANY,
);
pub(crate) static IZ_TS_NZ: Rule = def(
    "IZ-TS_NZ",
    C,
    Sev::Error,
    102,
    Some("2"),
    "TS_NZ fields (PID-7, RXA-3, OBX-14, IN1-29, QPD-6; QPD-12 in Z32)",
    "IG 1.5 TS_NZ flavour (NIST cdc-ig-r1.5 IZ-TS_NZ; himss-v11 DTM_NZ_DateTimeConstraint)",
    "A TS_NZ date/time SHALL be at least to the day (YYYYMMDD), without a time zone.",
    ANY,
);
pub(crate) static IZ_TS_M: Rule = def(
    "IZ-TS_M",
    C,
    Sev::Error,
    102,
    Some("2"),
    "TS_M fields (RXA-16)",
    "IG 1.5 TS_M flavour (NIST cdc-ig-r1.5 IZ-TS_M on RXA-16 in Z32/Z42; himss-v11 DTM_M_DateTimeConstraint)",
    "A TS_M date SHALL be at least to the month (YYYYMM), without a time zone.",
    ANY,
);
pub(crate) static IZ_DT_D: Rule = def(
    "IZ-DT_D",
    C,
    Sev::Error,
    102,
    Some("2"),
    "DT_D fields (PD1-13, PD1-17, PD1-18)",
    "IG 1.5 DT_D flavour (NIST cdc-ig-r1.5 IZ-DT_D on PD1-17/18 in Z22/Z32; himss-v11 DT_D_DateTimeConstraint)",
    "A DT_D date SHALL be to the day: YYYYMMDD.",
    ANY,
);
pub(crate) static IZ_TS: Rule = def(
    "IZ-TS",
    C,
    Sev::Error,
    102,
    Some("2"),
    "QPD-12",
    "IG 1.5 (NIST cdc-ig-r1.5 IZ-TS on QPD-12 in Z44/Z42)",
    "The client-last-updated date of a query SHALL be at least to the day (YYYYMMDD).",
    &[P::Z44, P::Z42],
);

// --- Message header --------------------------------------------------------------------------------

/// IZ-12: MSH-1 is `|`.
pub(crate) static IZ_12: Rule = def(
    "IZ-12",
    C,
    Sev::Error,
    102,
    Some("4"),
    "MSH-1",
    "IG 1.5 IZ-12 (NIST, all profiles)",
    "MSH-1 (Field Separator) SHALL be '|'.",
    ANY,
);
/// IZ-13: MSH-2 is `^~\&`.
pub(crate) static IZ_13: Rule = def(
    "IZ-13",
    C,
    Sev::Error,
    102,
    Some("4"),
    "MSH-2",
    "IG 1.5 IZ-13 (NIST, all profiles)",
    "MSH-2 (Encoding Characters) SHALL be '^~\\&'.",
    ANY,
);
/// IZ-15: MSH-12.1 is 2.5.1.
pub(crate) static IZ_15: Rule = def(
    "IZ-15",
    C,
    Sev::Error,
    203,
    None,
    "MSH-12",
    "IG 1.5 IZ-15 (NIST, all profiles; himss-v11 IZ-15 and IZ-7 on VID_IZ.1)",
    "MSH-12.1 (Version ID) SHALL be '2.5.1'.",
    ANY,
);
pub(crate) static IZ_17: Rule = def(
    "IZ-17",
    C,
    Sev::Error,
    200,
    None,
    "MSH-9",
    "IG 1.5 IZ-17 (NIST cdc-ig-r1.5 VXU-Z22 MSH-9 and Datatype[MSG_IZ_VXU]; himss-v11 IZ-17a/b/c)",
    "The message type of a Z22 message SHALL be VXU^V04^VXU_V04.",
    Z22,
);
pub(crate) static IZ_51: Rule = def(
    "IZ-51",
    C,
    Sev::Error,
    200,
    None,
    "MSH-9",
    "IG 1.5 IZ-51 (NIST cdc-ig-r1.5 ACK-Z23; himss-v11 IZ-51a/b/c)",
    "The message type of a Z23 acknowledgement SHALL be ACK^V04^ACK or ACK^Q11^ACK.",
    Z23,
);
pub(crate) static IZ_55: Rule = def(
    "IZ-55",
    C,
    Sev::Error,
    200,
    None,
    "MSH-9",
    "IG 1.5 IZ-55 (NIST cdc-ig-r1.5 QBP-Z34/Z44; himss-v11 IZ-55a/b/c)",
    "The message type of a Z34/Z44 query SHALL be QBP^Q11^QBP_Q11.",
    QBP,
);
pub(crate) static IZ_59: Rule = def(
    "IZ-59",
    C,
    Sev::Error,
    200,
    None,
    "MSH-9",
    "IG 1.5 IZ-59 (NIST cdc-ig-r1.5 RSP-Z31/Z32/Z33/Z42; himss-v11 IZ-59a/b/c)",
    "The message type of a Z31/Z32/Z33/Z42 response SHALL be RSP^K11^RSP_K11.",
    RSP,
);

/// The reason the acknowledgement-type statements are warnings.
macro_rules! ack_note {
    () => {
        "A warning: the guide's acknowledgement pattern (one synchronous response per message) applies whatever the field says, so nothing is lost."
    };
}

pub(crate) static IZ_42: Rule = def(
    "IZ-42",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "MSH-15",
    "IG 1.5 IZ-42 (NIST cdc-ig-r1.5 VXU-Z22; himss-v11 VXU-Z22)",
    concat!(
        "MSH-15 (Accept Acknowledgment Type) of a Z22 message SHALL be 'ER'. ",
        ack_note!()
    ),
    Z22,
);
pub(crate) static IZ_41: Rule = def(
    "IZ-41",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "MSH-16",
    "IG 1.5 IZ-41 (NIST cdc-ig-r1.5 VXU-Z22; himss-v11 VXU-Z22)",
    concat!(
        "MSH-16 (Application Acknowledgment Type) of a Z22 message SHALL be 'AL'. ",
        ack_note!()
    ),
    Z22,
);
pub(crate) static IZ_57: Rule = def(
    "IZ-57",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "MSH-15",
    "IG 1.5 IZ-57 (NIST cdc-ig-r1.5 QBP-Z34/Z44; himss-v11)",
    concat!(
        "MSH-15 (Accept Acknowledgment Type) of a query SHALL be 'ER'. ",
        ack_note!()
    ),
    QBP,
);
pub(crate) static IZ_58: Rule = def(
    "IZ-58",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "MSH-16",
    "IG 1.5 IZ-58 (NIST cdc-ig-r1.5 QBP-Z34/Z44; himss-v11)",
    concat!(
        "MSH-16 (Application Acknowledgment Type) of a query SHALL be 'AL'. ",
        ack_note!()
    ),
    QBP,
);
pub(crate) static IZ_53: Rule = def(
    "IZ-53",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "MSH-15",
    "IG 1.5 IZ-53 (NIST cdc-ig-r1.5 ACK-Z23, RSP-Z31/Z32/Z33/Z42; himss-v11)",
    concat!(
        "MSH-15 (Accept Acknowledgment Type) of an acknowledgement or response SHALL be 'NE'. ",
        ack_note!()
    ),
    NE_NE,
);
pub(crate) static IZ_52: Rule = def(
    "IZ-52",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "MSH-16",
    "IG 1.5 IZ-52 (NIST cdc-ig-r1.5 ACK-Z23, RSP-Z31/Z32/Z33/Z42; himss-v11)",
    concat!(
        "MSH-16 (Application Acknowledgment Type) of an acknowledgement or response SHALL be 'NE'. ",
        ack_note!()
    ),
    NE_NE,
);

macro_rules! profile_id_rule {
    ($name:ident, $id:literal, $profile:literal, $profiles:expr, $v11:literal) => {
        pub(crate) static $name: Rule = def(
            $id,
            C,
            Sev::Error,
            103,
            Some("4"),
            "MSH-21",
            concat!(
                "IG 1.5 ",
                $id,
                " (NIST cdc-ig-r1.5 MSH-21[1]; himss-v11 ",
                $v11,
                ")"
            ),
            concat!(
                "The first message profile identifier (MSH-21) SHALL be '",
                $profile,
                "^CDCPHINVS'."
            ),
            $profiles,
        );
    };
}

profile_id_rule!(IZ_43, "IZ-43", "Z22", Z22, "IZ-43a/b");
profile_id_rule!(IZ_54, "IZ-54", "Z23", Z23, "IZ-54a/b");
profile_id_rule!(IZ_56, "IZ-56", "Z34", Z34, "IZ-56a/b");
profile_id_rule!(IZ_64, "IZ-64", "Z44", Z44, "IZ-64a/b");
profile_id_rule!(IZ_61, "IZ-61", "Z31", Z31, "IZ-61a/b");
profile_id_rule!(IZ_60, "IZ-60", "Z32", Z32, "IZ-60a/b");
profile_id_rule!(IZ_63, "IZ-63", "Z33", Z33, "IZ-63a/b");
profile_id_rule!(IZ_65, "IZ-65", "Z42", Z42, "IZ-65a/b");

// --- Query ------------------------------------------------------------------------------------------

pub(crate) static IZ_67: Rule = def(
    "IZ-67",
    C,
    Sev::Error,
    103,
    Some("5"),
    "QPD-1",
    "IG 1.5 IZ-67 (NIST cdc-ig-r1.5 QBP-Z34, RSP-Z31/Z32; himss-v11 IZ-67a/c)",
    "The query name (QPD-1) of a Z34 query and its Z31/Z32 responses SHALL be Z34 in the CDCPHINVS coding system (its text: IZ-67b).",
    Z34_NAME,
);
pub(crate) static IZ_67B: Rule = def(
    "IZ-67b",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "QPD-1.2",
    "IG 1.5 IZ-67 (himss-v11 splits it: IZ-67b is the text)",
    "The text of the Z34 query name SHALL be 'Request Immunization History'. A warning: receivers read the code (QPD-1.1), not the text.",
    Z34_NAME,
);
pub(crate) static IZ_68: Rule = def(
    "IZ-68",
    C,
    Sev::Error,
    103,
    Some("5"),
    "QPD-1",
    "IG 1.5 IZ-68 (NIST cdc-ig-r1.5 QBP-Z44, RSP-Z42; himss-v11 IZ-68a/c)",
    "The query name (QPD-1) of a Z44 query and its Z42 response SHALL be Z44 in the CDCPHINVS coding system (its text: IZ-68b).",
    Z44_NAME,
);
pub(crate) static IZ_68B: Rule = def(
    "IZ-68b",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "QPD-1.2",
    "IG 1.5 IZ-68 (himss-v11 splits it: IZ-68b is the text)",
    "The text of the Z44 query name SHALL be 'Request Evaluated History and Forecast'. A warning: receivers read the code (QPD-1.1), not the text.",
    Z44_NAME,
);
pub(crate) static IZ_71: Rule = def(
    "IZ-71",
    C,
    Sev::Error,
    103,
    Some("5"),
    "QPD-1",
    "IG 1.5 IZ-71 (NIST cdc-ig-r1.5 RSP-Z33; himss-v11 IZ-71a/c)",
    "The query name (QPD-1) echoed in a Z33 response SHALL be Z34 or Z44 in the CDCPHINVS coding system (its text: IZ-71b).",
    Z33,
);
pub(crate) static IZ_71B: Rule = def(
    "IZ-71b",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "QPD-1.2",
    "IG 1.5 IZ-71 (himss-v11 splits it: IZ-71b is the text)",
    "The text of the query name echoed in a Z33 response SHALL be 'Request Immunization History' or 'Request Evaluated History and Forecast'. A warning: receivers read the code.",
    Z33,
);
pub(crate) static IZ_27: Rule = def(
    "IZ-27",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "RCP-1",
    "IG 1.5 IZ-27 (NIST cdc-ig-r1.5 QBP-Z34/Z44; himss-v11 RCP_IZ)",
    "The query priority (RCP-1) SHALL be empty or 'I'. A warning: every query is answered immediately (Addendum), whatever the field says.",
    QBP,
);

// --- Patient ------------------------------------------------------------------------------------------

pub(crate) static IZ_46: Rule = def(
    "IZ-46",
    C,
    Sev::Warning,
    0,
    Some("4"),
    "PID-1",
    "IG 1.5 IZ-46 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11 PID_IZ02 and VXU-Z22/RSP-Z32)",
    "PID-1 (Set ID) SHALL be '1'. A warning: the message has one patient, so the number carries nothing.",
    HISTORY,
);
pub(crate) static IZ_72: Rule = def(
    "IZ-72",
    C,
    Sev::Warning,
    0,
    Some("4"),
    "PID-1",
    "IG 1.5 IZ-72 (NIST cdc-ig-r1.5 RSP-Z31 PATIENT group; himss-v11 RSP-Z31)",
    "The candidates of a Z31 list SHALL be numbered 1, 2, 3 ... in PID-1. A warning: the order of the segments already numbers them.",
    Z31,
);
pub(crate) static IZ_70: Rule = def(
    "IZ-70",
    C,
    Sev::Warning,
    0,
    Some("4"),
    "NK1-1",
    "IG 1.5 IZ-70 (NIST cdc-ig-r1.5 Z22/Z31/Z32; himss-v11 NK1_IZ)",
    "The next of kin of a patient SHALL be numbered 1, 2, 3 ... in NK1-1. A warning: the order of the segments already numbers them.",
    NK1_PROFILES,
);
pub(crate) static IZ_69: Rule = def(
    "IZ-69",
    C,
    Sev::Warning,
    0,
    Some("4"),
    "IN1-1",
    "IG 1.5 IZ-69 (NIST cdc-ig-r1.5 Z22/Z32: IN1-1 = '1'; himss-v11 IN1_IZ)",
    "IN1-1 (Set ID) SHALL be '1' (for a second insurance, as the VXU structure allows, '2' and so on). A warning: the number carries nothing.",
    Z22_Z32,
);

// --- Orders ---------------------------------------------------------------------------------------------

pub(crate) static IZ_25: Rule = def(
    "IZ-25",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "ORC-1",
    "IG 1.5 IZ-25 (NIST cdc-ig-r1.5 Z22/Z32; himss-v11 ORC_IZ02 adds Z42)",
    "ORC-1 (Order Control) SHALL be 'RE'. A warning: immunization messages carry no other kind of order, so receivers do not act on it.",
    HISTORY,
);
pub(crate) static IZ_28: Rule = def(
    "IZ-28",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "RXA-1",
    "IG 1.5 IZ-28 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11 RXA_IZ01/02/03)",
    "RXA-1 (Give Sub-ID Counter) SHALL be '0'. A warning: the counter carries nothing an immunization record uses.",
    HISTORY,
);
pub(crate) static IZ_29: Rule = def(
    "IZ-29",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "RXA-2",
    "IG 1.5 IZ-29 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11 RXA_IZ01/02/03)",
    "RXA-2 (Administration Sub-ID Counter) SHALL be '1'; it is not a dose number. A warning: receivers do not read it.",
    HISTORY,
);
pub(crate) static IZ_30: Rule = def(
    "IZ-30",
    C,
    Sev::Warning,
    0,
    Some("3"),
    "RXA-4",
    "IG 1.5 IZ-30 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11); data-quality.md DQ-RXA-006 rates it W",
    "When RXA-4 (end of administration) is valued it SHALL equal RXA-3. A warning: receivers record RXA-3 as the date given.",
    HISTORY,
);
pub(crate) static IZ_31: Rule = def(
    "IZ-31",
    C,
    Sev::Error,
    103,
    Some("5"),
    "RXA-9",
    "IG 1.5 IZ-31 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11)",
    "For a completed or partially administered dose (RXA-20 CP or PA) the information source (RXA-9.1) SHALL be a NIP001 code (00 new record, 01-08 historical).",
    HISTORY,
);
pub(crate) static IZ_47: Rule = def(
    "IZ-47",
    C,
    Sev::Error,
    0,
    Some("3"),
    "RXA-9",
    "IG 1.5 IZ-47 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11)",
    "Unless RXA-20 is CP or PA, the information source (RXA-9.1) SHALL NOT be valued.",
    HISTORY,
);
pub(crate) static IZ_32: Rule = def(
    "IZ-32",
    C,
    Sev::Error,
    0,
    Some("3"),
    "RXA-20",
    "IG 1.5 IZ-32 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11)",
    "When a refusal reason (RXA-18) is valued, the completion status (RXA-20) SHALL be 'RE'.",
    HISTORY,
);
pub(crate) static IZ_48: Rule = def(
    "IZ-48",
    C,
    Sev::Warning,
    0,
    Some("3"),
    "RXA-6",
    "IG 1.5 IZ-48 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11); data-quality.md DQ-STA-003 rates it W",
    "For a refused dose (RXA-20 RE) the amount (RXA-6) SHALL be '999'. A warning: receivers ignore the amount of a dose that was not given.",
    HISTORY,
);
pub(crate) static IZ_49: Rule = def(
    "IZ-49",
    C,
    Sev::Warning,
    0,
    Some("3"),
    "RXA-6",
    "IG 1.5 IZ-49 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11)",
    "When no vaccine was administered (RXA-5.1 CVX 998) the amount (RXA-6) SHALL be '999'. A warning: receivers ignore the amount of a record without a vaccine.",
    HISTORY,
);
pub(crate) static IZ_45: Rule = def(
    "IZ-45",
    C,
    Sev::Warning,
    0,
    Some("3"),
    "ORC-3.1",
    "IG 1.5 IZ-45 (NIST cdc-ig-r1.5 Z22/Z32/Z42 ORDER group; himss-v11); data-quality.md DQ-STA-003 rates it W",
    "For a dose refused or not given (RXA-20 RE or NA) the filler order number (ORC-3.1) SHALL be '9999'. A warning: the refusal is recorded either way.",
    HISTORY,
);
pub(crate) static IZ_23: Rule = def(
    "IZ-23",
    C,
    Sev::Error,
    101,
    Some("6"),
    "ORDER group (OBX 64994-7)",
    "IG 1.5 IZ-23 (NIST cdc-ig-r1.5 VXU-Z22 ORDER group; himss-v11 VXU-Z22)",
    "An administered dose (RXA-20 CP or PA and RXA-9.1 '00') SHALL have an OBX with OBX-3.1 '64994-7' (funding eligibility) in its order group.",
    Z22,
);
pub(crate) static IZ_24: Rule = def(
    "IZ-24",
    C,
    Sev::Warning,
    101,
    Some("6"),
    "ORDER group (VIS OBX sharing one OBX-4)",
    "IG 1.5 IZ-24 (NIST cdc-ig-r1.5 VXU-Z22 ORDER group; himss-v11 VXU-Z22); data-quality.md DQ-VIS-001/003 rate missing VIS data W",
    "For an administered dose of a vaccine with a VIS (PHVS_VISVaccines_IIS), each VIS shared SHALL be reported as 69764-9 + 29769-7, or 30956-7 + 29768-9 + 29769-7, under one OBX-4. A warning: the dose is recorded either way.",
    Z22,
);

// --- Observations --------------------------------------------------------------------------------------

pub(crate) static IZ_22: Rule = def(
    "IZ-22",
    C,
    Sev::Warning,
    103,
    Some("4"),
    "OBX-11",
    "IG 1.5 IZ-22 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11 OBX_IZ01/02/03)",
    "OBX-11 (Observation Result Status) SHALL be 'F'. A warning: the observation's value is complete either way.",
    HISTORY,
);
pub(crate) static IZ_44: Rule = def(
    "IZ-44",
    C,
    Sev::Warning,
    102,
    Some("4"),
    "OBX-4",
    "IG 1.5 IZ-44 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11 OBX_IZ01/02/03)",
    "OBX-4 (Observation Sub-ID) SHALL be a positive integer. A warning: equal sub-IDs still group the observations that belong together.",
    HISTORY,
);
pub(crate) static IZ_35: Rule = def(
    "IZ-35",
    C,
    Sev::Error,
    103,
    Some("5"),
    "OBX-5 (64994-7)",
    "IG 1.5 IZ-35 (NIST cdc-ig-r1.5 Z22/Z32; himss-v11 OBX_IZ01/02)",
    "The funding eligibility (OBX-3.1 64994-7, coded) SHALL be a code of HL70064_IZ.",
    Z22_Z32,
);
pub(crate) static IZ_36: Rule = def(
    "IZ-36",
    C,
    Sev::Error,
    103,
    Some("5"),
    "OBX-5 (69764-9)",
    "IG 1.5 IZ-36 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11 OBX_IZ01/02)",
    "A VIS document (OBX-3.1 69764-9, coded) SHALL be a barcode of PHVS_VISBarcodes_IIS.",
    HISTORY,
);
pub(crate) static IZ_37: Rule = def(
    "IZ-37",
    C,
    Sev::Error,
    103,
    Some("5"),
    "OBX-5 (30956-7)",
    "IG 1.5 IZ-37 (NIST cdc-ig-r1.5 Z22/Z32/Z42; himss-v11 OBX_IZ01/02/03)",
    "A vaccine type (OBX-3.1 30956-7, coded) SHALL be a CVX code.",
    HISTORY,
);
pub(crate) static NIST_01: Rule = def(
    "NIST-01",
    C,
    Sev::Warning,
    0,
    Some("4"),
    "OBX-1",
    "NIST cdc-ig-r1.5 NIST-01 (Z22/Z32/Z42; himss-v11 IZ-20)",
    "OBX-1 (Set ID) SHALL number the observations 1, 2, 3 ... across the message or within each order group. A warning: the order of the segments already numbers them.",
    HISTORY,
);

/// The conformance rules, in catalogue order.
pub(crate) static RULES: &[&Rule] = &[
    &IZ_1, &IZ_2, &IZ_3, &IZ_4, &IZ_5, &IZ_6, &IZ_12, &IZ_13, &IZ_15, &IZ_17, &IZ_22, &IZ_23,
    &IZ_24, &IZ_25, &IZ_27, &IZ_28, &IZ_29, &IZ_30, &IZ_31, &IZ_32, &IZ_35, &IZ_36, &IZ_37, &IZ_41,
    &IZ_42, &IZ_43, &IZ_44, &IZ_45, &IZ_46, &IZ_47, &IZ_48, &IZ_49, &IZ_51, &IZ_52, &IZ_53, &IZ_54,
    &IZ_55, &IZ_56, &IZ_57, &IZ_58, &IZ_59, &IZ_60, &IZ_61, &IZ_63, &IZ_64, &IZ_65, &IZ_66, &IZ_67,
    &IZ_67B, &IZ_68, &IZ_68B, &IZ_69, &IZ_70, &IZ_71, &IZ_71B, &IZ_72, &IZ_DT_D, &IZ_TS, &IZ_TS_M,
    &IZ_TS_NZ, &IZ_TS_Z, &NIST_01,
];
