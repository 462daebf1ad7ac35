//! The value sets the rules ask about, each found once per process (by name, in
//! [`crate::codes`]) and then searched directly: a membership test is a binary search of the
//! listed codes, without the name lookup.

use std::sync::OnceLock;

use crate::codes::{self, CodeStatus, ValueSet, ValueSetMembers};

use super::facts;

/// A value set by name, resolved on first use.
pub(super) struct Set {
    name: &'static str,
    set: OnceLock<Option<&'static ValueSet>>,
}

/// A code found in a value set: its meaning and status.
#[derive(Clone, Copy)]
pub(super) struct Found {
    pub meaning: &'static str,
    pub status: CodeStatus,
}

impl Set {
    const fn new(name: &'static str) -> Set {
        Set {
            name,
            set: OnceLock::new(),
        }
    }

    fn get(&self) -> Option<&'static ValueSet> {
        *self.set.get_or_init(|| codes::value_set(self.name))
    }

    /// The code in the set, if it is a member.
    pub fn find(&self, code: &str) -> Option<Found> {
        let set = self.get()?;
        if let ValueSetMembers::Listed(list) = set.members
            && let Ok(i) = list.binary_search_by(|c| c.code.cmp(code))
            && let Some(c) = list.get(i)
        {
            return Some(Found {
                meaning: c.meaning,
                status: c.status,
            });
        }
        // Pattern rows, unions and table-backed sets: the general lookup.
        codes::CodeSets::embedded()
            .member(set.id, code)
            .map(|m| Found {
                meaning: m.meaning,
                status: m.status,
            })
    }

    /// True when the code is a member.
    pub fn contains(&self, code: &str) -> bool {
        self.find(code).is_some()
    }
}

pub(super) static SEX: Set = Set::new(facts::SEX_VALUE_SET);
pub(super) static RACE: Set = Set::new(facts::RACE_VALUE_SET);
pub(super) static ETHNICITY: Set = Set::new(facts::ETHNICITY_VALUE_SET);
pub(super) static RELATIONSHIP: Set = Set::new(facts::RELATIONSHIP_VALUE_SET);
pub(super) static SITE: Set = Set::new(facts::SITE_VALUE_SET);
pub(super) static ELIGIBILITY: Set = Set::new(facts::ELIGIBILITY_VALUE_SET);
pub(super) static FUNDING_SOURCE: Set = Set::new(facts::FUNDING_SOURCE_VALUE_SET);
/// The route value sets, in [`facts::ROUTE_VALUE_SETS`] order.
pub(super) static ROUTES: [Set; 2] = [Set::new(facts::NCIT_ROUTES), Set::new(facts::HL7_ROUTES)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_answer_as_the_codes_do() {
        for (set, code) in [
            (&SEX, "F"),
            (&SEX, "X"),
            (&RACE, "2106-3"),
            (&RACE, "W"),
            (&ETHNICITY, "2186-5"),
            (&RELATIONSHIP, "MTH"),
            (&SITE, "LD"),
            (&ELIGIBILITY, "V06"),
            (&ELIGIBILITY, "MIA04"),
            (&FUNDING_SOURCE, "VXC51"),
            (&ROUTES[0], "C28161"),
            (&ROUTES[1], "IM"),
        ] {
            assert_eq!(
                set.contains(code),
                codes::contains(set.name, code),
                "{} {code}",
                set.name
            );
            if let Some(f) = set.find(code) {
                assert_eq!(Some(f.meaning), codes::lookup(set.name, code));
            }
        }
        assert_eq!(
            ELIGIBILITY.find("V06").map(|f| f.status),
            Some(CodeStatus::Deprecated)
        );
        assert!(
            ROUTES
                .iter()
                .zip(facts::ROUTE_VALUE_SETS)
                .all(|(s, n)| s.name == *n)
        );
    }
}
