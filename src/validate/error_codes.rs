//! The codes an ERR row carries: HL7 table 0357 (ERR-3, what kind of error) and the IG's table 0533
//! (ERR-5, the application's reason). Their meanings come from the embedded value sets.

use std::fmt;

/// An HL7 error code, table 0357 (ERR-3). The table is closed for senders but registries send
/// others (`999`), so any number is kept.
///
/// ```
/// use izmsg::validate::Hl7ErrorCode;
/// assert_eq!(Hl7ErrorCode::REQUIRED_FIELD_MISSING.meaning(), Some("Required field missing"));
/// assert_eq!(Hl7ErrorCode::REQUIRED_FIELD_MISSING.to_string(), "101");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Hl7ErrorCode(pub u16);

impl Hl7ErrorCode {
    /// 0: message accepted (used for findings that are not structural).
    pub const MESSAGE_ACCEPTED: Hl7ErrorCode = Hl7ErrorCode(0);
    /// 100: segment sequence error (out of order, or a required segment missing).
    pub const SEGMENT_SEQUENCE_ERROR: Hl7ErrorCode = Hl7ErrorCode(100);
    /// 101: required field missing.
    pub const REQUIRED_FIELD_MISSING: Hl7ErrorCode = Hl7ErrorCode(101);
    /// 102: data type error.
    pub const DATA_TYPE_ERROR: Hl7ErrorCode = Hl7ErrorCode(102);
    /// 103: table value not found.
    pub const TABLE_VALUE_NOT_FOUND: Hl7ErrorCode = Hl7ErrorCode(103);
    /// 104: value too long.
    pub const VALUE_TOO_LONG: Hl7ErrorCode = Hl7ErrorCode(104);
    /// 198: non-conformant cardinality.
    pub const CARDINALITY: Hl7ErrorCode = Hl7ErrorCode(198);
    /// 199: other HL7 error.
    pub const OTHER_HL7_ERROR: Hl7ErrorCode = Hl7ErrorCode(199);
    /// 200: unsupported message type.
    pub const UNSUPPORTED_MESSAGE_TYPE: Hl7ErrorCode = Hl7ErrorCode(200);
    /// 201: unsupported event code.
    pub const UNSUPPORTED_EVENT_CODE: Hl7ErrorCode = Hl7ErrorCode(201);
    /// 202: unsupported processing ID.
    pub const UNSUPPORTED_PROCESSING_ID: Hl7ErrorCode = Hl7ErrorCode(202);
    /// 203: unsupported version ID.
    pub const UNSUPPORTED_VERSION_ID: Hl7ErrorCode = Hl7ErrorCode(203);
    /// 204: unknown key identifier.
    pub const UNKNOWN_KEY_IDENTIFIER: Hl7ErrorCode = Hl7ErrorCode(204);
    /// 205: duplicate key identifier.
    pub const DUPLICATE_KEY_IDENTIFIER: Hl7ErrorCode = Hl7ErrorCode(205);
    /// 206: application record locked.
    pub const APPLICATION_RECORD_LOCKED: Hl7ErrorCode = Hl7ErrorCode(206);
    /// 207: application internal error.
    pub const APPLICATION_INTERNAL_ERROR: Hl7ErrorCode = Hl7ErrorCode(207);

    /// The table's meaning, from the embedded value set `HL70357` (`None` for a code it does not
    /// list, such as a registry's `999`).
    pub fn meaning(self) -> Option<&'static str> {
        let code = self.0.to_string();
        crate::codes::lookup("HL70357", &code)
    }

    /// True for the codes that reject a message before its content is read (200-203): the receiver
    /// answers AR.
    pub fn is_initial_check(self) -> bool {
        (200..=203).contains(&self.0)
    }
}

impl fmt::Display for Hl7ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An application error code, the IG's value set for table 0533 (ERR-5). The table is open
/// (jurisdictions add codes), so any code is kept as text.
///
/// ```
/// use izmsg::validate::AppErrorCode;
/// assert_eq!(AppErrorCode::ILLOGICAL_DATE.meaning(), Some("Illogical Date error"));
/// assert_eq!(AppErrorCode::ILLOGICAL_DATE.code(), "1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct AppErrorCode(pub std::borrow::Cow<'static, str>);

impl AppErrorCode {
    /// 1: illogical date.
    pub const ILLOGICAL_DATE: AppErrorCode = AppErrorCode(std::borrow::Cow::Borrowed("1"));
    /// 2: invalid date.
    pub const INVALID_DATE: AppErrorCode = AppErrorCode(std::borrow::Cow::Borrowed("2"));
    /// 3: illogical value.
    pub const ILLOGICAL_VALUE: AppErrorCode = AppErrorCode(std::borrow::Cow::Borrowed("3"));
    /// 4: invalid value.
    pub const INVALID_VALUE: AppErrorCode = AppErrorCode(std::borrow::Cow::Borrowed("4"));
    /// 5: table value not found.
    pub const TABLE_VALUE_NOT_FOUND: AppErrorCode = AppErrorCode(std::borrow::Cow::Borrowed("5"));
    /// 6: required observation missing.
    pub const REQUIRED_OBSERVATION_MISSING: AppErrorCode =
        AppErrorCode(std::borrow::Cow::Borrowed("6"));

    /// A code as a registry sent it.
    pub fn new(code: impl Into<String>) -> AppErrorCode {
        AppErrorCode(std::borrow::Cow::Owned(code.into()))
    }

    /// The code.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The IG value set's meaning (`None` for a local code).
    pub fn meaning(&self) -> Option<&'static str> {
        crate::codes::lookup("HL70533_IZ", &self.0)
    }
}

impl fmt::Display for AppErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
