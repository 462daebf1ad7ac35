//! Data-quality checks a sender can make before a message leaves the clinic (the catalogue of
//! `spec/data-quality.md`, proposed codes `DQ-...`): dates that cannot be, names that are
//! placeholders, codes that disagree, doses without what the registry needs to count them.
//!
//! Codes, statuses and dates come from [`crate::codes`]; no rule carries a code's meaning as a
//! literal.

use super::context::Cx;
use super::rule::Rule;

/// The data-quality rules, in catalogue order.
pub(crate) static RULES: &[&Rule] = &[];

/// Fields whose codes a data-quality rule judges (the generic value-set rule leaves them).
pub(crate) static DEDICATED_VALUE_CHECKS: &[(&str, u16)] = &[];

/// Runs the checks on a walked message.
pub(crate) fn check<'m>(_cx: &mut Cx<'m>, _segments: &super::SegList<'m>) {}
