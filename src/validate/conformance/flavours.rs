//! Where the data-type flavour statements apply: every field declared with the flavour (`MSH-3` is
//! HD_IZ), and every component declared with it inside a field of an IZ flavour (`PID-3` is CX_IZ,
//! whose component 4 is HD_IZ). Found once from the `FieldDef` tables of the declarations, never
//! listed by hand.

use std::sync::OnceLock;

use crate::model::reflect::{SegmentRef, SegmentView};
use crate::model::segments;
use crate::model::types::components_of;

use super::super::context::{Cx, Place};
use super::statements::FLAVOURS;
use super::{Statement, Target, check_value, profiles};

/// One place a flavour statement applies to.
struct Site {
    /// The field.
    field: u16,
    /// The field's declared data type: when the profile states another, the site does not apply.
    declared: &'static str,
    /// Component, subcomponent inside the field (0: the field's value).
    path: [u16; 2],
    /// The statement.
    statement: &'static Statement,
}

/// The sites of each declared segment that has any, keyed by its id's three bytes.
type Table = Vec<(u32, Vec<Site>)>;

fn key(id: &str) -> Option<u32> {
    match id.as_bytes() {
        [a, b, c] => Some(u32::from_le_bytes([*a, *b, *c, 0])),
        _ => None,
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table::new();
        for decl in segments::ALL {
            let Some(k) = key(decl.id) else { continue };
            let mut sites = Vec::new();
            for def in decl.fields {
                for statement in FLAVOURS {
                    let Target::Flavour { datatype, path } = statement.target else {
                        continue;
                    };
                    if def.datatype == datatype {
                        sites.push(Site {
                            field: def.seq,
                            declared: def.datatype,
                            path,
                            statement,
                        });
                    } else if def.datatype.contains("_IZ") && path[1] == 0 {
                        // A component of an IZ flavour is declared with its own flavour.
                        for comp in components_of(def.datatype).unwrap_or(&[]) {
                            if comp.datatype == datatype {
                                sites.push(Site {
                                    field: def.seq,
                                    declared: def.datatype,
                                    path: [comp.seq, path[0]],
                                    statement,
                                });
                            }
                        }
                    }
                }
            }
            if !sites.is_empty() {
                table.push((k, sites));
            }
        }
        table
    })
}

/// The flavour statements' sites in segment `id`.
fn sites(id: &str) -> &'static [Site] {
    let Some(k) = key(id) else {
        return &[];
    };
    table()
        .iter()
        .find(|(key, _)| *key == k)
        .map_or(&[], |(_, sites)| sites.as_slice())
}

/// A site that applies to the segments of one id under one message profile.
pub(super) struct Applied {
    site: &'static Site,
    /// The profile states another data type for the field: the site does not apply to a segment
    /// of the declared type (it still does to a segment kept generically under the id).
    overridden: bool,
    /// The field's bit among a segment's present fields (`None` past field 128).
    bit: Option<u128>,
}

impl Applied {
    /// The rule of the site's statement.
    pub(super) fn rule(&self) -> &'static super::super::Rule {
        self.site.statement.rule
    }
}

/// The sites of segment `id` whose statement applies to messages of `profile`.
pub(super) fn applied(id: &str, profile: Option<super::super::MessageProfile>) -> Vec<Applied> {
    let overrides = profiles::overrides(profile, id);
    let fields = crate::model::segments::fields_of(id).unwrap_or(&[]);
    sites(id)
        .iter()
        .filter(|site| site.statement.applies_to(profile))
        .map(|site| Applied {
            site,
            overridden: !overrides.is_empty()
                && fields
                    .get(usize::from(site.field).wrapping_sub(1))
                    .is_some_and(|def| profiles::flavour(def, overrides) != site.declared),
            bit: (1..=128)
                .contains(&site.field)
                .then(|| 1u128 << (site.field - 1)),
        })
        .collect()
}

/// Checks the flavour statements of one segment, every repetition of every field they apply to.
/// `declared`: the segment is of its id's declared type, whose `present` fields are known.
pub(super) fn check_segment<'m>(
    cx: &mut Cx<'m>,
    seg: SegmentRef<'m>,
    sites: &[Applied],
    declared: bool,
    present: u128,
    off: u64,
) {
    let view: &dyn SegmentView = seg.segment;
    // Sites are in field order: the sites of one field read its repetitions once.
    let mut fetched: Option<(u16, crate::model::reflect::Repetitions<'_>)> = None;
    for (i, applied) in sites.iter().enumerate() {
        let site = applied.site;
        if declared && (applied.overridden || applied.bit.is_some_and(|bit| present & bit == 0)) {
            continue;
        }
        if super::is_off(cx, off, i, site.statement.rule) {
            continue;
        }
        let reps = match fetched {
            Some((field, reps)) if field == site.field => reps,
            _ => {
                let reps = view.field(site.field);
                fetched = Some((site.field, reps));
                reps
            }
        };
        for (i, v) in reps.iter().enumerate() {
            let place =
                Place::field(seg, site.field).repetition(u16::try_from(i + 1).unwrap_or(u16::MAX));
            check_value(
                cx,
                site.statement,
                site.statement.check,
                place,
                v,
                site.path,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(id: &str, rule: &str) -> Vec<(u16, [u16; 2])> {
        sites(id)
            .iter()
            .filter(|s| s.statement.rule.id == rule)
            .map(|s| (s.field, s.path))
            .collect()
    }

    #[test]
    fn sites_come_from_the_declarations() {
        // HD_IZ fields of MSH, and HD_IZ components of IZ composites (XON_IZ.6 in MSH-22/23).
        assert!(paths("MSH", "IZ-5").starts_with(&[
            (3, [2, 0]),
            (4, [2, 0]),
            (5, [2, 0]),
            (6, [2, 0])
        ]));
        assert!(paths("MSH", "IZ-5").contains(&(22, [6, 2])));
        assert!(
            paths("PID", "IZ-5").contains(&(3, [4, 2])),
            "CX_IZ.4 is HD_IZ"
        );
        assert!(
            paths("RXA", "IZ-6").contains(&(11, [4, 3])),
            "LA2_IZ.4 is HD_IZ"
        );
        assert!(
            paths("RXA", "IZ-5").contains(&(10, [9, 2])),
            "XCN_IZ.9 is HD_IZ"
        );
        assert_eq!(paths("MSH", "IZ-3"), [(21, [3, 0])]);
        assert_eq!(paths("ORC", "IZ-4"), [(2, [4, 0]), (3, [4, 0])]);
        assert_eq!(paths("RCP", "IZ-2"), [(2, [2, 1])]);
        assert_eq!(paths("PID", "IZ-66"), [(6, [7, 0])]);
        assert_eq!(paths("QPD", "IZ-66"), [(5, [7, 0])]);
        assert_eq!(paths("MSH", "IZ-TS_Z"), [(7, [0, 0])]);
        assert_eq!(paths("RXA", "IZ-TS_NZ"), [(3, [0, 0])]);
        assert_eq!(paths("RXA", "IZ-TS_M"), [(16, [0, 0])]);
        assert_eq!(paths("PD1", "IZ-DT_D").len(), 3);
        // A plain CX (PID-18) has a base HD in CX.4: not an HD_IZ site.
        assert!(!paths("PID", "IZ-5").iter().any(|(f, _)| *f == 18));
    }
}
