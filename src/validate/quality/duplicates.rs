//! Doses against each other: two doses of one vaccine group on one date, or closer than a few days,
//! and more doses than a young child can have had.
//!
//! Linear in the number of doses, whatever the message: the doses are sorted by vaccine group and
//! date (held inline for the usual few, in a vector past that) and compared with their neighbour
//! only.

use chrono::{Months, NaiveDate, TimeDelta};

use crate::codes;

use super::{At, Dose, Q, dq, facts};

dq!(
    /// DQ-DUP-001: two doses of one vaccine group on one date.
    DUP_001, "DQ-DUP-001", Warning, 205, Some("3"), "RXA-5", "project; IG: deduplicate events",
    "Two doses of the same vaccine group are given on the same date in this message."
);
dq!(
    /// DQ-DUP-003: two doses of one vaccine group less than 4 days apart.
    DUP_003, "DQ-DUP-003", Warning, 0, Some("3"), "RXA-3", "project",
    "Two doses of the same vaccine group are less than 4 days apart (likely one dose with a date error)."
);
dq!(
    /// DQ-CNT-001: implausibly many doses for the patient's age.
    CNT_001, "DQ-CNT-001", Warning, 0, Some("3"), "RXA", "MQE0568",
    "Implausibly many doses for age: 20 or more before 6 months, or 30 or more before 2 years."
);

/// One dose in one vaccine group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    group: &'static str,
    date: NaiveDate,
    dose: usize,
}

const INLINE: usize = 24;

/// The doses given, gathered while the message is read.
pub(super) struct Doses {
    inline: [Entry; INLINE],
    len: usize,
    spill: Vec<Entry>,
    /// (message position, date) of each dose given, for the counts by age: the count and the last
    /// dose before each limit.
    dated: [(usize, Option<usize>); 2],
}

impl Default for Doses {
    fn default() -> Self {
        Doses {
            inline: [Entry {
                group: "",
                date: NaiveDate::MIN,
                dose: 0,
            }; INLINE],
            len: 0,
            spill: Vec::new(),
            dated: [(0, None); 2],
        }
    }
}

impl Doses {
    /// Counts a dose that was given.
    pub fn add(&mut self, q: &Q<'_, '_>, dose: &Dose<'_>) {
        if !dose.kind.given() {
            return;
        }
        let Some(date) = dose.date else {
            return;
        };
        if let Some(birth) = q.birth {
            for (&(months, _), slot) in facts::DOSE_COUNT_LIMITS.iter().zip(self.dated.iter_mut()) {
                if birth
                    .checked_add_months(Months::new(months))
                    .is_some_and(|limit| date < limit)
                {
                    slot.0 += 1;
                    slot.1 = Some(dose.i);
                }
            }
        }
        let Some(vaccine) = dose.codes.vaccine else {
            return;
        };
        let mut any = false;
        for g in codes::vaccine_groups(&vaccine.cvx) {
            any = true;
            self.push(Entry {
                group: g.group_name.as_ref(),
                date,
                dose: dose.i,
            });
        }
        if !any {
            self.push(Entry {
                group: vaccine.cvx.as_ref(),
                date,
                dose: dose.i,
            });
        }
    }

    fn push(&mut self, e: Entry) {
        if self.spill.is_empty()
            && let Some(slot) = self.inline.get_mut(self.len)
        {
            *slot = e;
            self.len += 1;
            return;
        }
        if self.spill.is_empty() {
            self.spill.extend(self.inline.iter().take(self.len));
        }
        self.spill.push(e);
    }
}

/// What was found, reported after the sweep (at most once per dose and rule).
struct Finding {
    rule: &'static super::Rule,
    dose: usize,
    other: usize,
    group: &'static str,
    days: i64,
}

pub(super) fn check(q: &mut Q<'_, '_>, doses: &mut Doses) {
    let dated = doses.dated;
    let entries: &mut [Entry] = if doses.spill.is_empty() {
        let len = doses.len;
        doses.inline.get_mut(..len).unwrap_or_default()
    } else {
        &mut doses.spill
    };
    sweep(q, entries, &dated);
}

fn sweep(q: &mut Q<'_, '_>, entries: &mut [Entry], dated: &[(usize, Option<usize>); 2]) {
    entries.sort_unstable();
    let mut findings: Vec<Finding> = Vec::new();
    for pair in entries.windows(2) {
        let [a, b] = pair else {
            continue;
        };
        if a.group != b.group || a.dose == b.dose {
            continue;
        }
        let days = (b.date - a.date).num_days();
        let rule = if days == 0 {
            &DUP_001
        } else if b.date - a.date < TimeDelta::days(facts::DUPLICATE_WINDOW_DAYS) {
            &DUP_003
        } else {
            continue;
        };
        let (first, second) = if a.dose < b.dose { (a, b) } else { (b, a) };
        findings.push(Finding {
            rule,
            dose: second.dose,
            other: first.dose,
            group: a.group,
            days,
        });
    }
    findings.sort_by_key(|f| (f.dose, f.rule.id));
    findings.dedup_by_key(|f| (f.dose, f.rule.id));
    for f in findings {
        let (n, other, group, days) = (f.dose + 1, f.other + 1, f.group, f.days);
        if std::ptr::eq(f.rule, &DUP_001) {
            q.report(&DUP_001, At::Rxa(f.dose).field(5), None, |cx| {
                (
                    format!(
                        "{} repeats {} (vaccination {other}): two doses of the {group} vaccine group on one date.",
                        super::dates::capital(&cx.dose(n)),
                        cx.dose(other)
                    ),
                    "Send each dose once; if two were given, check the vaccine codes.".to_string(),
                )
            });
        } else {
            q.report(&DUP_003, At::Rxa(f.dose).field(3), None, |cx| {
                (
                    format!(
                        "{} is {days} day(s) after {} (vaccination {other}), of the same {group} vaccine group: probably one dose with a date error.",
                        super::dates::capital(&cx.dose(n)),
                        cx.dose(other)
                    ),
                    "Check the administration dates of both doses.".to_string(),
                )
            });
        }
    }
    for (&(months, limit), &(count, last)) in facts::DOSE_COUNT_LIMITS.iter().zip(dated) {
        let Some(last) = last else {
            continue;
        };
        if count >= limit {
            let n = last + 1;
            q.report(&CNT_001, At::Rxa(last).segment(), None, |cx| {
                (
                    format!(
                        "The message has {count} doses given before the patient was {months} months old (the last is {}); that many is implausible.",
                        cx.dose(n)
                    ),
                    "Check for doses entered twice or with a wrong date or birth date.".to_string(),
                )
            });
        }
    }
}
