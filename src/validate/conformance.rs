//! The IG's conformance statements (IZ-nn), as NIST's profiles state them
//! (`nist-iz-profiles/conformance-statements.tsv`): each statement one row of [`STATEMENTS`], naming
//! the rule, the message profiles, the segment and field, and the check. Rule ids are the statement
//! ids, so a report cites the IG directly.

use crate::model::reflect::{SegmentRef, SegmentView};

use super::context::{Cx, Place};
use super::rule::{Family::Conformance as C, Rule, def};
use super::{MessageProfile as P, Severity as Sev};

const ANY: &[P] = &[];

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
    "IG 1.5 IZ-15 (NIST, all profiles)",
    "MSH-12.1 (Version ID) SHALL be '2.5.1'.",
    ANY,
);

/// The conformance rules, in catalogue order.
pub(crate) static RULES: &[&Rule] = &[&IZ_12, &IZ_13, &IZ_15];

/// Fields whose codes a conformance statement judges (the generic value-set rule leaves them).
pub(crate) static DEDICATED_VALUE_CHECKS: &[(&str, u16)] = &[];

/// What a statement checks.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// The value (of the component, or the field's first component) is exactly this.
    Equals(&'static str),
    /// Anything else, in code.
    #[allow(dead_code)] // for the statements that are not a fixed value
    Custom(fn(&mut Cx<'_>, SegmentRef<'_>, &Statement)),
}

/// One conformance statement.
pub(crate) struct Statement {
    pub rule: &'static Rule,
    pub profiles: &'static [P],
    pub segment: &'static str,
    pub field: u16,
    pub component: u16,
    pub check: Check,
}

/// Every statement this crate checks.
pub(crate) static STATEMENTS: &[Statement] = &[
    Statement {
        rule: &IZ_12,
        profiles: ANY,
        segment: "MSH",
        field: 1,
        component: 0,
        check: Check::Equals("|"),
    },
    Statement {
        rule: &IZ_13,
        profiles: ANY,
        segment: "MSH",
        field: 2,
        component: 0,
        check: Check::Equals("^~\\&"),
    },
    Statement {
        rule: &IZ_15,
        profiles: ANY,
        segment: "MSH",
        field: 12,
        component: 1,
        check: Check::Equals("2.5.1"),
    },
];

/// Checks the statements about one segment.
pub(crate) fn check_segment<'m>(cx: &mut Cx<'m>, seg: SegmentRef<'m>) {
    if seg.extra {
        return;
    }
    let id = seg.segment.id();
    for st in STATEMENTS.iter().filter(|s| s.segment == id) {
        if !(st.profiles.is_empty() || cx.message_profile.is_some_and(|p| st.profiles.contains(&p)))
        {
            continue;
        }
        if !cx.wants(st.rule) {
            continue;
        }
        match st.check {
            Check::Equals(expected) => {
                let text = value_text(seg.segment, st.field, st.component);
                if text != expected {
                    let mut place = Place::field(seg, st.field);
                    if st.component > 0 {
                        place = place.component(st.component);
                    }
                    let shown = if text.is_empty() {
                        "empty".to_string()
                    } else {
                        format!("'{text}'")
                    };
                    cx.emit(
                        st.rule,
                        place,
                        format!(
                            "{} is {shown}; the guide requires '{expected}' ({}).",
                            place.location().path(),
                            st.rule.id
                        ),
                        format!(
                            "Have the interface send '{expected}' in {}.",
                            place.location().path()
                        ),
                        Some(text),
                    );
                }
            }
            Check::Custom(f) => f(cx, seg, st),
        }
    }
}

/// The text of a field's first repetition, or of one of its components.
pub(crate) fn value_text(s: &dyn SegmentView, field: u16, component: u16) -> &str {
    let Some(v) = s.field(field).first() else {
        return "";
    };
    if component == 0 {
        v.text()
    } else {
        v.component(component)
            .map_or_else(|| if component == 1 { v.text() } else { "" }, |c| c.text())
    }
}
