//! The check plan: what validation looks at in each declared segment and composite, worked out once
//! per process from the `FieldDef` tables of [`crate::model`] (never a second copy of them), for each
//! of the eight message profiles (whose usage and cardinality differ a little, see
//! [`conformance::profiles`](super::conformance::profiles)).
//!
//! For each field: its usage and cardinality under the profile, the predicate of a conditional usage,
//! its length, and the value set it is bound to, resolved to a prepared membership test (none when
//! NIST marks the binding `NoValidation`, the crate does not hold the table, the value set is
//! extensible, or a dedicated rule judges the field's codes). For each composite type: the components
//! that have anything to check. A segment is then checked by looking only at its present fields and
//! at the absent ones whose usage can require them; a component only when it holds text or its usage
//! can require it.
//!
//! The plan also holds each field's and component's IG label (`RXA-15 Substance Lot Number`), so an
//! issue borrows its label instead of writing it.

use std::sync::OnceLock;

use crate::codes::Membership;
use crate::model::decl::{BaseUsage, FieldDef, Max, Usage};
use crate::model::reflect::{CompositeView, SegmentView};
use crate::model::segments;
use crate::model::types::{COMPOSITES, components_of};

use super::MessageProfile;
use super::predicates::{ComponentCondition, FieldCondition, component_condition, field_condition};

/// How many plans per segment: one per message profile, and one for a message of no profile.
pub(crate) const PROFILES: usize = MessageProfile::ALL.len() + 1;

/// The plan index of a message profile (the last one: no profile).
pub(crate) fn profile_index(p: Option<MessageProfile>) -> usize {
    p.map_or(PROFILES - 1, |p| p as usize)
}

/// A segment id's three bytes as a number (`None` for another length).
pub(crate) fn id_key(id: &str) -> Option<u32> {
    match id.as_bytes() {
        [a, b, c] => Some(u32::from_le_bytes([*a, *b, *c, 0])),
        _ => None,
    }
}

/// Slots of the open-addressed segment index (a power of two, more than twice the declared
/// segments).
const SLOTS: usize = 64;

/// Everything worked out once.
pub(crate) struct Catalogue {
    /// The declared segments, in the order of `segments::ALL`.
    segments: Vec<SegInfo>,
    /// Segment id key -> position in `segments` (+1; 0 is an empty slot), open addressing.
    index: [(u32, u8); SLOTS],
    /// Composite plans: for each composite type of `COMPOSITES`, depth 0 then depth 1.
    pub composites: Vec<CompPlan>,
    /// Prepared value-set membership tests, referred to by position.
    pub bindings: Vec<Membership>,
    /// Structure plans, `[profile][segment]`.
    structure: Vec<Vec<SegPlan>>,
    /// Every declared label in the words of a sentence ("Substance Lot Number" ->
    /// "substance lot number"; acronyms kept).
    lowered: std::collections::HashMap<&'static str, Box<str>>,
}

/// A declared segment: its id, fields, and labels.
struct SegInfo {
    fields: &'static [FieldDef],
    /// For each field (`seq - 1`): its label, then its components' labels.
    labels: Vec<Vec<Box<str>>>,
}

/// What [`Catalogue::facts`] finds about one walked segment.
#[derive(Clone, Copy)]
pub(crate) struct SegFacts {
    /// The position of the declaration of its id ([`Catalogue::segment_by_id`]).
    pub by_id: Option<usize>,
    /// It is of that declared type (not a segment kept generically under a declared id).
    pub declared: bool,
    /// Its present declared fields ([`SegmentView::present_fields`]); all bits when not declared.
    pub present: u128,
}

impl SegFacts {
    /// The position of its declaration, when it is of a declared segment type (as
    /// [`Catalogue::segment_of`] answers).
    pub(crate) fn segment(&self) -> Option<usize> {
        self.by_id.filter(|_| self.declared)
    }
}

/// What to check in each field of one segment, under one message profile.
pub(crate) struct SegPlan {
    /// Fields looked at when present (every declared field but MSH-1 and MSH-2).
    pub present: u128,
    /// Fields looked at even when absent: usage R, or a conditional usage with an R branch.
    pub absent: u128,
    /// Each declared field, by `seq - 1`.
    pub fields: Vec<FieldPlan>,
}

/// One field under one message profile.
pub(crate) struct FieldPlan {
    pub def: &'static FieldDef,
    /// Usage in this profile.
    pub usage: Usage,
    /// Maximum repetitions in this profile.
    pub max: Max,
    /// The predicate of a conditional usage (none: the usage cannot be decided, nothing is checked).
    pub condition: Option<FieldCondition>,
    /// A dedicated rule judges the field's codes: no value-set check in it, at any depth.
    pub dedicated: bool,
    /// The value set of the field's own value (a primitive, or the first component of a coded
    /// composite), as a position in [`Catalogue::bindings`].
    pub binding: Option<usize>,
    /// The composite plan (depth 0) of the field's declared data type.
    pub composite: Option<usize>,
}

/// What to check in the components of one composite type at one depth (0: the components of a
/// field's value; 1: the subcomponents of a component).
pub(crate) struct CompPlan {
    /// The type's name as its values report it (`CWE`).
    pub type_name: &'static str,
    /// The value set of a field of this type is judged on the first component (CWE, HD and EI, and
    /// types of fewer than three components).
    pub coded: bool,
    /// A coded value names its coding system in component 3 (CWE).
    pub names_system: bool,
    /// Each component (up to 64), by `seq - 1`.
    pub checks: Vec<CompCheck>,
    /// The components whose usage can require them (R, or a conditional usage with a predicate
    /// and an R branch): looked at when blank. Bits of [`CompositeView::valued_components`].
    pub blank_mask: u64,
    /// The components whose usage can forbid them (X, or a conditional usage with a predicate and
    /// an X branch): looked at when valued.
    pub valued_mask: u64,
    /// The components to look at whenever they hold text: those bound to a value set, and
    /// composite ones (whose own components are checked).
    pub visit_mask: u64,
    /// Each component's length limit (0: none), by `seq - 1`, for
    /// [`CompositeView::long_components`].
    pub limits: [u32; 64],
}

/// One component.
pub(crate) struct CompCheck {
    pub def: &'static FieldDef,
    /// The predicate of a conditional usage.
    pub condition: Option<ComponentCondition>,
    /// Its value set, as a position in [`Catalogue::bindings`].
    pub binding: Option<usize>,
    /// The composite plan one level deeper (only from depth 0).
    pub composite: Option<usize>,
}

impl Catalogue {
    /// The catalogue, worked out on first use.
    pub(crate) fn get() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(Catalogue::build)
    }

    fn build() -> Catalogue {
        let mut bindings: Vec<(&'static str, Option<usize>)> = Vec::new();
        let mut memberships: Vec<Membership> = Vec::new();
        let mut bind = |table: Option<&'static str>| -> Option<usize> {
            let table = table?;
            if let Some((_, found)) = bindings.iter().find(|(t, _)| *t == table) {
                return *found;
            }
            let found = super::structure::binding(table).map(|vs| {
                memberships.push(Membership::new(vs));
                memberships.len() - 1
            });
            bindings.push((table, found));
            found
        };

        // Composite plans: two per type (depth 0, depth 1), in COMPOSITES order.
        let mut composites = Vec::with_capacity(COMPOSITES.len() * 2);
        let plan_of = |datatype: &str, depth: usize| -> Option<usize> {
            // By content: a `const` table has no fixed address.
            let comps = components_of(datatype)?;
            let i = COMPOSITES.iter().position(|(_, c)| *c == comps)?;
            Some(i * 2 + depth)
        };
        for (type_name, comps) in COMPOSITES {
            for depth in 0..2usize {
                let mut blank_mask = 0u64;
                let mut valued_mask = 0u64;
                let mut visit_mask = 0u64;
                let mut limits = [0u32; 64];
                let checks = comps
                    .iter()
                    .filter(|def| def.seq >= 1 && def.seq <= 64)
                    .map(|def| {
                        let bit = 1u64 << (def.seq - 1);
                        let binding = bind(def.table);
                        let composite = if depth == 0 {
                            plan_of(def.datatype, 1)
                        } else {
                            None
                        };
                        if binding.is_some() || composite.is_some() {
                            visit_mask |= bit;
                        }
                        if let Some(l) = limits.get_mut(usize::from(def.seq - 1)) {
                            *l = def.len;
                        }
                        let condition = match def.usage {
                            Usage::C(..) => component_condition(type_name, def.seq),
                            _ => None,
                        };
                        // When blank, a usage that can require it; when valued, one that can
                        // forbid it.
                        let (when_blank, when_valued) = match def.usage {
                            Usage::R => (true, false),
                            Usage::X => (false, true),
                            Usage::C(t, f) if condition.is_some() => (
                                t == BaseUsage::R || f == BaseUsage::R,
                                t == BaseUsage::X || f == BaseUsage::X,
                            ),
                            _ => (false, false),
                        };
                        if when_blank {
                            blank_mask |= bit;
                        }
                        if when_valued {
                            valued_mask |= bit;
                        }
                        CompCheck {
                            def,
                            condition,
                            binding,
                            composite,
                        }
                    })
                    .collect();
                composites.push(CompPlan {
                    type_name,
                    coded: matches!(*type_name, "CWE" | "HD" | "EI") || comps.len() < 3,
                    names_system: *type_name == "CWE",
                    checks,
                    blank_mask,
                    valued_mask,
                    visit_mask,
                    limits,
                });
            }
        }

        // Segments, their labels and their index.
        let mut index = [(0u32, 0u8); SLOTS];
        let mut infos = Vec::new();
        for (i, decl) in segments::ALL.iter().enumerate() {
            let labels = decl
                .fields
                .iter()
                .map(|def| {
                    let mut l = vec![format!("{}-{} {}", decl.id, def.seq, def.label).into()];
                    for c in components_of(def.datatype).unwrap_or(&[]) {
                        l.push(
                            format!(
                                "{}-{}.{} {} ({})",
                                decl.id, def.seq, c.seq, c.label, def.label
                            )
                            .into(),
                        );
                    }
                    l
                })
                .collect();
            if let Some(key) = id_key(decl.id) {
                let mut slot = slot_of(key);
                while index.get(slot).is_some_and(|(_, v)| *v != 0) {
                    slot = (slot + 1) % SLOTS;
                }
                if let (Some(s), Ok(v)) = (index.get_mut(slot), u8::try_from(i + 1)) {
                    *s = (key, v);
                }
            }
            infos.push(SegInfo {
                fields: decl.fields,
                labels,
            });
        }

        // Structure plans per profile.
        let mut structure = Vec::with_capacity(PROFILES);
        for p in 0..PROFILES {
            let profile = MessageProfile::ALL.get(p).copied();
            let plans = segments::ALL
                .iter()
                .map(|decl| {
                    let overrides = super::conformance::profiles::overrides(profile, decl.id);
                    let header = decl.id == "MSH";
                    let mut present = 0u128;
                    let mut absent = 0u128;
                    let fields = decl
                        .fields
                        .iter()
                        .map(|def| {
                            let (usage, max) =
                                super::conformance::profiles::effective(def, overrides);
                            let condition = match usage {
                                Usage::C(..) => field_condition(decl.id, def.seq),
                                _ => None,
                            };
                            let skipped = header && def.seq <= 2;
                            if def.seq >= 1 && def.seq <= 128 && !skipped {
                                let bit = 1u128 << (def.seq - 1);
                                present |= bit;
                                let can_require = match usage {
                                    Usage::R => true,
                                    Usage::C(t, f) => {
                                        condition.is_some()
                                            && (t == BaseUsage::R || f == BaseUsage::R)
                                    }
                                    _ => false,
                                };
                                if can_require {
                                    absent |= bit;
                                }
                            }
                            let dedicated =
                                super::predicates::has_dedicated_check(profile, decl.id, def.seq);
                            FieldPlan {
                                def,
                                usage,
                                max,
                                condition,
                                dedicated,
                                binding: bind(def.table),
                                composite: plan_of(def.datatype, 0),
                            }
                        })
                        .collect();
                    SegPlan {
                        present,
                        absent,
                        fields,
                    }
                })
                .collect();
            structure.push(plans);
        }

        let lowered = segments::ALL
            .iter()
            .flat_map(|d| d.fields)
            .chain(COMPOSITES.iter().flat_map(|(_, c)| c.iter()))
            .map(|def| (def.label, super::structure::lower(def.label).into()))
            .collect();

        Catalogue {
            segments: infos,
            index,
            composites,
            bindings: memberships,
            structure,
            lowered,
        }
    }

    /// The position of the declaration of segments with this id, if the id is declared.
    pub(crate) fn segment_by_id(&self, id: &str) -> Option<usize> {
        let key = id_key(id)?;
        let mut slot = slot_of(key);
        loop {
            let (k, v) = *self.index.get(slot)?;
            if v == 0 {
                return None;
            }
            if k == key {
                return Some(usize::from(v) - 1);
            }
            slot = (slot + 1) % SLOTS;
        }
    }

    /// The position of a segment's declaration, when it is of a declared segment type (not a
    /// segment kept generically under a declared id, which has no declared fields).
    pub(crate) fn segment_of(&self, view: &dyn SegmentView) -> Option<usize> {
        let i = self.segment_by_id(view.id())?;
        let info = self.segments.get(i)?;
        (view.fields().len() == info.fields.len()).then_some(i)
    }

    /// What the checks of every family ask first about a walked segment: the position of its id's
    /// declaration, whether it is of that declared type, and which declared fields it holds
    /// (worked out once per segment, for structure and conformance alike).
    pub(crate) fn facts(&self, view: &dyn SegmentView) -> SegFacts {
        let by_id = self.segment_by_id(view.id());
        let declared = by_id
            .and_then(|i| self.segments.get(i))
            .is_some_and(|info| view.fields().len() == info.fields.len());
        SegFacts {
            by_id,
            declared,
            present: if declared {
                view.present_fields()
            } else {
                u128::MAX
            },
        }
    }

    /// The structure plan of segment `segment` (a position from [`segment_of`]) under a profile.
    pub(crate) fn structure(&self, profile: usize, segment: usize) -> Option<&SegPlan> {
        self.structure.get(profile)?.get(segment)
    }

    /// The plan of a composite value at `depth`: `expected` when the value is of that type,
    /// otherwise found by the value's type name.
    pub(crate) fn composite(
        &self,
        expected: Option<usize>,
        c: &dyn CompositeView,
        depth: usize,
    ) -> Option<&CompPlan> {
        let name = c.type_name();
        if let Some(plan) = expected.and_then(|i| self.composites.get(i))
            && short_eq(plan.type_name.as_bytes(), name.as_bytes())
        {
            return Some(plan);
        }
        let i = COMPOSITES.iter().position(|(t, _)| *t == name)?;
        self.composites.get(i * 2 + depth)
    }

    /// A declared label in the words of a sentence (see `structure::lower`).
    pub(crate) fn lowered(&self, label: &str) -> std::borrow::Cow<'_, str> {
        match self.lowered.get(label) {
            Some(l) => std::borrow::Cow::Borrowed(l),
            None => std::borrow::Cow::Owned(super::structure::lower(label)),
        }
    }

    /// A prepared value-set test.
    pub(crate) fn binding(&self, i: usize) -> Option<&Membership> {
        self.bindings.get(i)
    }

    /// The IG label of a field (component 0) or component of a declared segment, as
    /// [`field_label`](super::context::field_label) writes it.
    pub(crate) fn label(&self, view: &dyn SegmentView, field: u16, component: u16) -> Option<&str> {
        self.label_of(self.segment_of(view)?, field, component)
    }

    /// [`label`](Catalogue::label) of the segment declared at position `segment`.
    fn label_of(&self, segment: usize, field: u16, component: u16) -> Option<&str> {
        let info = self.segments.get(segment)?;
        let labels = info.labels.get(usize::from(field).checked_sub(1)?)?;
        let label = labels
            .get(usize::from(component))
            .filter(|_| component > 0)
            .or_else(|| labels.first())?;
        Some(label)
    }
}

/// What one profile changes, worked out when the [`Validator`](super::Validator) is made: the
/// catalogue rules it turns off and those whose severity it changes, found by the rule's address
/// (every rule reported is a static of the catalogue) instead of its id, and the registry's own
/// rules grouped by the segment they look at. A profile that changes nothing (`cdc`) costs nothing
/// per rule.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfilePlan {
    /// The catalogue rules turned off, by address, sorted.
    off: Vec<usize>,
    /// The catalogue rules at another severity than their own, by address, sorted.
    severities: Vec<(usize, super::Severity)>,
    /// The severity of each of the profile's own rules (`None`: turned off).
    pub own: Vec<Option<super::Severity>>,
    /// The profile's own rules about fields, by the key of their segment id, in profile order.
    pub fields: Vec<(u32, Vec<usize>)>,
    /// The same for segment ids not of three bytes (no such segment is on the wire).
    odd: Vec<(String, Vec<usize>)>,
    /// The profile's own rules about whole segments (`present`, `observation`), in profile order.
    pub segments: Vec<usize>,
    /// Which conformance rows and sites the profile turns off, by plan (see
    /// [`conformance::off_masks`](super::conformance::off_masks)); empty when it turns off none.
    conformance: Vec<(u64, u64)>,
}

impl ProfilePlan {
    /// The plan of `profile`.
    pub(crate) fn of(profile: &super::Profile) -> ProfilePlan {
        let mut off = Vec::new();
        let mut severities = Vec::new();
        if !profile.disabled.is_empty() || !profile.severities.is_empty() {
            for r in super::rules() {
                match profile.severity_of(r.id, r.severity) {
                    None => off.push(rule_address(r)),
                    Some(s) if s != r.severity => severities.push((rule_address(r), s)),
                    Some(_) => {}
                }
            }
        }
        off.sort_unstable();
        severities.sort_by_key(|(a, _)| *a);
        let own = profile
            .rules
            .iter()
            .map(|r| profile.severity_of(&r.id, r.severity))
            .collect();
        let mut fields: Vec<(u32, Vec<usize>)> = Vec::new();
        let mut odd: Vec<(String, Vec<usize>)> = Vec::new();
        let mut segments = Vec::new();
        for (i, rule) in profile.rules.iter().enumerate() {
            if rule.field.field == 0 {
                segments.push(i);
                continue;
            }
            match id_key(&rule.field.segment) {
                Some(key) => match fields.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, list)) => list.push(i),
                    None => fields.push((key, vec![i])),
                },
                None => match odd.iter_mut().find(|(k, _)| *k == rule.field.segment) {
                    Some((_, list)) => list.push(i),
                    None => odd.push((rule.field.segment.clone(), vec![i])),
                },
            }
        }
        let conformance = if off.is_empty() {
            Vec::new()
        } else {
            super::conformance::off_masks(|r| off.binary_search(&rule_address(r)).is_ok())
        };
        ProfilePlan {
            off,
            severities,
            own,
            fields,
            odd,
            segments,
            conformance,
        }
    }

    /// The conformance rows and sites turned off in the plan of segment `segment` (a position from
    /// [`Catalogue::segment_by_id`]) under message profile `profile` (a [`profile_index`]).
    pub(crate) fn conformance_off(&self, profile: usize, segment: usize) -> (u64, u64) {
        if self.conformance.is_empty() {
            return (0, 0);
        }
        self.conformance
            .get(profile * segments::ALL.len() + segment)
            .copied()
            .unwrap_or((0, 0))
    }

    /// The severity `rule` reports at under the profile (`None`: turned off), as
    /// [`Profile::severity_of`](super::Profile::severity_of) answers.
    pub(crate) fn severity(&self, rule: &super::Rule) -> Option<super::Severity> {
        if self.off(rule) {
            return None;
        }
        if self.severities.is_empty() {
            return Some(rule.severity);
        }
        let at = rule_address(rule);
        Some(
            self.severities
                .binary_search_by_key(&at, |(a, _)| *a)
                .ok()
                .and_then(|i| self.severities.get(i))
                .map_or(rule.severity, |(_, s)| *s),
        )
    }

    /// True when the profile turns `rule` off.
    pub(crate) fn off(&self, rule: &super::Rule) -> bool {
        !self.off.is_empty() && self.off.binary_search(&rule_address(rule)).is_ok()
    }

    /// The profile's own rules about fields of segments with this id.
    pub(crate) fn field_rules(&self, id: &str) -> &[usize] {
        let found = match id_key(id) {
            Some(key) => self.fields.iter().find(|(k, _)| *k == key).map(|(_, l)| l),
            None => self.odd.iter().find(|(k, _)| k == id).map(|(_, l)| l),
        };
        found.map_or(&[], Vec::as_slice)
    }
}

/// A catalogue rule's address: rules are statics, so it names the rule.
fn rule_address(rule: &super::Rule) -> usize {
    std::ptr::from_ref(rule) as usize
}

/// [`Cvx::is_unspecified_formulation`](crate::codes::Cvx::is_unspecified_formulation) (a scan of
/// the CDC's wording), read once per row of the embedded CVX table.
pub(crate) fn unspecified_formulation(row: &crate::codes::Cvx) -> bool {
    static FLAGS: OnceLock<Vec<bool>> = OnceLock::new();
    let rows = crate::codes::CodeSets::embedded().cvx_rows();
    if let Some(i) = embedded_row(rows, row) {
        let flags = FLAGS.get_or_init(|| {
            rows.iter()
                .map(crate::codes::Cvx::is_unspecified_formulation)
                .collect()
        });
        if let Some(flag) = flags.get(i) {
            return *flag;
        }
    }
    row.is_unspecified_formulation()
}

/// The position of `row` in the embedded CVX table, when it is one of its rows.
fn embedded_row(rows: &[crate::codes::Cvx], row: &crate::codes::Cvx) -> Option<usize> {
    let size = std::mem::size_of::<crate::codes::Cvx>().max(1);
    let at = (std::ptr::from_ref(row) as usize).wrapping_sub(rows.as_ptr() as usize);
    (at % size == 0)
        .then_some(at / size)
        .filter(|i| rows.get(*i).is_some_and(|r| std::ptr::eq(r, row)))
}

/// What [`crate::codes::cvx_on_date`] reads of a CVX code, for every date: its status, and the
/// first and last days its NDC packages were in use.
#[derive(Clone, Copy)]
enum CvxSpan {
    /// The answer whatever the date (unknown, never active, not US, pending).
    Fixed(crate::codes::CvxOnDate),
    /// Active or inactive: the answer depends on the date.
    Dated {
        active: bool,
        first_use: Option<chrono::NaiveDate>,
        last_use: Option<chrono::NaiveDate>,
    },
}

impl CvxSpan {
    /// The span of `code` in `codes`, read as `CodeSets::cvx_on_date` reads it.
    fn of(codes: &crate::codes::CodeSets, code: &str) -> CvxSpan {
        use crate::codes::{CvxOnDate, CvxStatus};
        let Some(cvx) = codes.cvx(code) else {
            return CvxSpan::Fixed(CvxOnDate::Unknown);
        };
        match cvx.status {
            CvxStatus::NeverActive => return CvxSpan::Fixed(CvxOnDate::NeverActive),
            CvxStatus::NonUs => return CvxSpan::Fixed(CvxOnDate::NonUs),
            CvxStatus::Pending => return CvxSpan::Fixed(CvxOnDate::Pending),
            CvxStatus::Active | CvxStatus::Inactive => {}
        }
        let packages = codes.ndc_for_cvx(&cvx.cvx);
        CvxSpan::Dated {
            active: cvx.status == CvxStatus::Active,
            first_use: packages.clone().filter_map(|p| p.start_date).min(),
            last_use: packages
                .filter_map(|p| p.end_date)
                .chain(cvx.last_updated)
                .max(),
        }
    }

    /// The answer on `date`.
    fn on(self, date: chrono::NaiveDate) -> crate::codes::CvxOnDate {
        use crate::codes::CvxOnDate;
        match self {
            CvxSpan::Fixed(answer) => answer,
            CvxSpan::Dated {
                active,
                first_use,
                last_use,
            } => {
                if let Some(first_use) = first_use
                    && date < first_use
                {
                    return CvxOnDate::BeforeFirstUse { first_use };
                }
                if active {
                    return CvxOnDate::Valid;
                }
                match last_use {
                    Some(last) if date <= last => CvxOnDate::Valid,
                    _ => CvxOnDate::InactiveAfter { last_use },
                }
            }
        }
    }
}

/// [`crate::codes::cvx_on_date`] for the code of CVX row `row`: for a row of the embedded table,
/// from its status and NDC packages read once per process (no table lookup per dose).
pub(crate) fn cvx_on_date(
    row: &crate::codes::Cvx,
    date: chrono::NaiveDate,
) -> crate::codes::CvxOnDate {
    static SPANS: OnceLock<Vec<CvxSpan>> = OnceLock::new();
    let codes = crate::codes::CodeSets::embedded();
    let rows = codes.cvx_rows();
    if let Some(i) = embedded_row(rows, row) {
        let spans = SPANS.get_or_init(|| rows.iter().map(|r| CvxSpan::of(codes, &r.cvx)).collect());
        if let Some(span) = spans.get(i) {
            return span.on(date);
        }
    }
    crate::codes::cvx_on_date(&row.cvx, date)
}

/// A value set the rules name, prepared on first use (see [`Membership`]).
pub(crate) struct KnownSet {
    name: &'static str,
    set: OnceLock<Option<Membership>>,
}

impl KnownSet {
    /// The value set named `name` (as [`crate::codes::value_set`] finds it).
    pub(crate) const fn new(name: &'static str) -> KnownSet {
        KnownSet {
            name,
            set: OnceLock::new(),
        }
    }

    /// The prepared test, when the value set exists.
    pub(crate) fn get(&self) -> Option<&Membership> {
        self.set
            .get_or_init(|| crate::codes::value_set(self.name).map(Membership::new))
            .as_ref()
    }

    /// `true` when `code` (trimmed) is in the value set, as [`crate::codes::contains`] answers.
    pub(crate) fn contains(&self, code: &[u8]) -> bool {
        self.get().is_some_and(|m| m.contains_bytes(code))
    }
}

/// Equality of two short byte strings (type names), compared in place.
fn short_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn slot_of(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 26) as usize % SLOTS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_those_the_declarations_give() {
        let cat = Catalogue::get();
        for (i, decl) in segments::ALL.iter().enumerate() {
            for def in decl.fields {
                let comps = components_of(def.datatype).map_or(0, <[FieldDef]>::len);
                for component in 0..=u16::try_from(comps + 1).unwrap_or(u16::MAX) {
                    let expected = super::super::context::field_label(
                        decl.id,
                        decl.fields,
                        def.seq,
                        component,
                    );
                    assert_eq!(
                        cat.label_of(i, def.seq, component),
                        expected.as_deref(),
                        "{}-{}.{component}",
                        decl.id,
                        def.seq
                    );
                }
            }
            let past = u16::try_from(decl.fields.len() + 1).unwrap_or(u16::MAX);
            assert_eq!(cat.label_of(i, past, 0), None);
            assert_eq!(cat.label_of(i, 0, 0), None);
        }
    }

    #[test]
    fn every_field_and_component_has_its_bit() {
        // The plan's masks hold fields 1 to 128 and components 1 to 64: every declaration fits.
        for decl in segments::ALL {
            assert!(decl.fields.len() <= 128, "{}", decl.id);
            assert!(decl.fields.iter().all(|d| (1..=128).contains(&d.seq)));
        }
        for (name, comps) in COMPOSITES {
            assert!(comps.len() <= 64, "{name}");
            assert!(comps.iter().all(|d| (1..=64).contains(&d.seq)));
        }
        // And every segment is found by its id.
        let cat = Catalogue::get();
        for (i, decl) in segments::ALL.iter().enumerate() {
            assert_eq!(cat.segment_by_id(decl.id), Some(i), "{}", decl.id);
        }
        assert_eq!(cat.segment_by_id("ZXY"), None);
        assert_eq!(cat.segment_by_id("PI"), None);
    }

    #[test]
    fn prepared_value_sets_answer_as_the_code_sets_do() {
        let codes = crate::codes::CodeSets::embedded();
        for set in crate::codes::value_sets() {
            let m = Membership::new(set);
            let mut probes: Vec<String> = vec![
                String::new(),
                " ".into(),
                "\"\"".into(),
                "HL70063".into(),
                "99ABC".into(),
                "ZZZZZZZZZ".into(),
            ];
            for c in set.codes() {
                probes.push(c.code.to_string());
                probes.push(format!(" {} ", c.code));
                probes.push(format!("{}X", c.code));
                probes.push(c.code.to_ascii_lowercase());
                probes.push(c.code.chars().skip(1).collect());
            }
            for p in &probes {
                let expected = codes.contains_in(set, p);
                assert_eq!(m.contains(p), expected, "{} {p:?}", set.id);
                assert_eq!(m.contains_bytes(p.as_bytes()), expected, "{} {p:?}", set.id);
            }
        }
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn cvx_on_date_read_once_answers_as_the_code_sets_do() {
        let codes = crate::codes::CodeSets::embedded();
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for row in codes.cvx_rows() {
            // Around every date the answer turns on, and a few far apart.
            let mut dates = vec![
                day(1950, 1, 1),
                day(2000, 6, 15),
                day(2024, 3, 15),
                day(2099, 1, 1),
            ];
            for p in codes.ndc_for_cvx(&row.cvx) {
                dates.extend(p.start_date.into_iter().chain(p.end_date));
            }
            dates.extend(row.last_updated);
            for d in dates.clone() {
                dates.extend(d.pred_opt().into_iter().chain(d.succ_opt()));
            }
            for d in dates {
                assert_eq!(
                    cvx_on_date(row, d),
                    crate::codes::cvx_on_date(&row.cvx, d),
                    "CVX {} on {d}",
                    row.cvx
                );
            }
        }
        // A row that is not the embedded table's is asked of the code sets.
        let copy = codes.cvx_rows().first().unwrap().clone();
        assert_eq!(
            cvx_on_date(&copy, day(2024, 3, 15)),
            crate::codes::cvx_on_date(&copy.cvx, day(2024, 3, 15))
        );
    }

    #[test]
    fn unspecified_formulations_are_read_once_as_the_rows_say() {
        for row in crate::codes::CodeSets::embedded().cvx_rows() {
            assert_eq!(
                unspecified_formulation(row),
                row.is_unspecified_formulation(),
                "CVX {}",
                row.cvx
            );
        }
    }
}
