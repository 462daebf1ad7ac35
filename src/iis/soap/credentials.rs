//! The registry-issued user name and password, kept out of every `Debug` and `Display`.
//!
//! A password in a log line is a password given away; at Maine ImmPact the account belongs to the
//! vendor and serves all of its clinics. So [`Secret`] prints as `<redacted>`, has no `Display`, and no
//! serde implementation: the only way to the text is [`Secret::expose`], a word a reviewer can grep for.

use std::fmt;

/// A text that must not be printed: a password.
///
/// ```
/// use izmsg::iis::soap::Secret;
/// let s = Secret::new("hunter2");
/// assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
/// assert_eq!(s.expose(), "hunter2");
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret text.
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The secret text, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Secret {
        Secret(text)
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Secret {
        Secret(text.to_string())
    }
}

/// The `username` and `password` of `submitSingleMessage` (both optional on the wire: some registries
/// authenticate by client certificate instead).
///
/// `Debug` shows the user name (an account id, useful when one is locked) and never the password.
///
/// ```
/// use izmsg::iis::soap::Credentials;
/// let c = Credentials::new("ehr-user", "s3cret!");
/// let shown = format!("{c:?}");
/// assert!(shown.contains("ehr-user") && !shown.contains("s3cret!"));
/// assert_eq!(c.password.as_ref().map(|p| p.expose()), Some("s3cret!"));
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Credentials {
    /// The IIS-issued user name.
    pub username: Option<String>,
    /// The IIS-issued password.
    pub password: Option<Secret>,
}

impl Credentials {
    /// A user name and a password.
    pub fn new(username: impl Into<String>, password: impl Into<Secret>) -> Credentials {
        Credentials {
            username: Some(username.into()),
            password: Some(password.into()),
        }
    }

    /// No user name and no password (the registry authenticates some other way).
    pub fn none() -> Credentials {
        Credentials::default()
    }

    /// Whether neither a user name nor a password is set.
    pub fn is_none(&self) -> bool {
        self.username.is_none() && self.password.is_none()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}
