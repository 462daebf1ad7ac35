#![doc = include_str!("../../../profiles/README.md")]

mod data;
mod formatting;
mod load;
pub mod onboarding;
pub mod vaccines;

use std::sync::OnceLock;

pub use data::{
    About, AckPolicy, ChecklistItem, Formatting, RuleRef, Scenario, ScenarioRequirement,
};
pub use load::ProfileError;

use super::Profile;

/// The shipped state profiles: file name and text, parents before the profiles that extend them.
const SHIPPED: &[(&str, &str)] = &[
    ("maine.toml", include_str!("../../../profiles/maine.toml")),
    (
        "california.toml",
        include_str!("../../../profiles/california.toml"),
    ),
    (
        "michigan.toml",
        include_str!("../../../profiles/michigan.toml"),
    ),
    (
        "new-hampshire.toml",
        include_str!("../../../profiles/new-hampshire.toml"),
    ),
    (
        "new-york.toml",
        include_str!("../../../profiles/new-york.toml"),
    ),
    (
        "rhode-island.toml",
        include_str!("../../../profiles/rhode-island.toml"),
    ),
    ("texas.toml", include_str!("../../../profiles/texas.toml")),
];

/// The CDC profiles by name (`cdc`, `cdc-z22` ...).
const CDC_NAMES: &[&str] = &[
    "cdc", "cdc-z22", "cdc-z23", "cdc-z31", "cdc-z32", "cdc-z33", "cdc-z34", "cdc-z42", "cdc-z44",
];

/// Reads the shipped files once, in order, each resolving `extends` against the CDC profiles and
/// the files before it. A file that does not read is left out ([`shipped_errors`] says why; a test
/// keeps the list empty).
fn shipped() -> &'static [Profile] {
    static LOADED: OnceLock<Vec<Profile>> = OnceLock::new();
    LOADED.get_or_init(|| read_shipped().0)
}

fn read_shipped() -> (Vec<Profile>, Vec<ProfileError>) {
    let mut out: Vec<Profile> = Vec::new();
    let mut errors = Vec::new();
    for (file, text) in SHIPPED {
        let resolve = |name: &str| {
            Profile::builtin(name).or_else(|| {
                out.iter()
                    .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
                    .cloned()
            })
        };
        match Profile::from_toml_str_with(file, text, &resolve) {
            Ok(p) => out.push(p),
            Err(e) => errors.push(e),
        }
    }
    (out, errors)
}

/// The problems of the shipped profile files (none in a good build).
pub fn shipped_errors() -> Vec<ProfileError> {
    read_shipped().1
}

/// A shipped profile by name, case ignored: `cdc`, `cdc-z22` ... `cdc-z44`, and the state
/// profiles ([`profile_names`]). Files are read once, at first use.
///
/// ```
/// assert_eq!(izmsg::validate::profile("CDC").unwrap().name, "cdc");
/// let maine = izmsg::validate::profile("Maine").unwrap();
/// assert_eq!(maine.extends, ["cdc"]);
/// assert_eq!(maine.checklist.len(), 10); // items a-j of the onboarding review
/// assert!(izmsg::validate::profile("cdc-z44").unwrap().message_profile.is_some());
/// assert!(izmsg::validate::profile("nowhere").is_none());
/// ```
pub fn profile(name: &str) -> Option<Profile> {
    Profile::builtin(name).or_else(|| {
        shipped()
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
            .cloned()
    })
}

/// The names of the shipped profiles: the CDC ones, then the states.
pub fn profile_names() -> Vec<String> {
    CDC_NAMES
        .iter()
        .map(|s| s.to_string())
        .chain(shipped().iter().map(|p| p.name.to_string()))
        .collect()
}

impl Profile {
    /// The rule ids the profile names (severities, rules turned off or replaced, checklist items)
    /// that are neither in this build's catalogue nor rules of the profile: a misspelling, or a
    /// rule of a later release. Their entries have no effect.
    ///
    /// ```
    /// let mut p = izmsg::validate::Profile::cdc().without("XX-NOT-A-RULE");
    /// assert_eq!(p.unknown_rules(), ["XX-NOT-A-RULE"]);
    /// ```
    pub fn unknown_rules(&self) -> Vec<String> {
        let known = |id: &str| super::rule(id).is_some() || self.rules.iter().any(|r| r.id == id);
        let mut out: Vec<String> = self
            .severities
            .keys()
            .chain(self.disabled.iter())
            .map(String::as_str)
            .chain(self.suppressed.iter().map(|r| r.rule.as_str()))
            .chain(
                self.checklist
                    .iter()
                    .flat_map(|i| i.rules.iter().map(|r| r.rule.as_str())),
            )
            .filter(|id| !known(id))
            .map(str::to_string)
            .collect();
        out.sort();
        out.dedup();
        out
    }
}
