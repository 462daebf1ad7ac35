//! Reading a profile file (TOML). The text is parsed with `toml`'s document parser, which keeps the
//! byte span of every key and value, and walked here by hand, so that every problem, from a
//! missing quote to an unknown check or a misspelt field path, is reported with its line.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::super::{Applies, Check, FieldPath, MessageProfile, Profile, ProfileRule, Severity};
use super::data::{
    AckPolicy, ChecklistItem, Formatting, RuleRef, Scenario, ScenarioRequirement, check_rule_id,
};

/// A profile file that cannot be used: which file, where, and what is wrong.
///
/// ```
/// use izmsg::validate::Profile;
/// let err = Profile::from_toml_str("clinic.toml", "[profile]\nname = \"clinic\"\nextends = \"maine\"\n\n[severity]\n\"ME-NK1\" = \"sometimes\"\n").unwrap_err();
/// assert_eq!((err.file.as_str(), err.line), ("clinic.toml", 6));
/// assert_eq!(err.to_string(), "clinic.toml:6:12: `sometimes` is not a severity (error, warning, information or off)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// The file, as the caller named it.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column (in characters), from 1.
    pub column: usize,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.problem
        )
    }
}

impl std::error::Error for ProfileError {}

type Value<'i> = Spanned<DeValue<'i>>;

/// The file being read.
struct Doc<'a> {
    file: &'a str,
    text: &'a str,
}

impl Doc<'_> {
    fn err(&self, span: Range<usize>, problem: impl Into<String>) -> ProfileError {
        let at = span.start.min(self.text.len());
        let before = self.text.get(..at).unwrap_or("");
        let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        ProfileError {
            file: self.file.to_string(),
            line,
            column,
            problem: problem.into(),
        }
    }

    /// The table's entries, after checking every key is one of `allowed`.
    fn entries<'t, 'i>(
        &self,
        table: &'t DeTable<'i>,
        what: &str,
        allowed: &[&str],
    ) -> Result<Entries<'t, 'i>, ProfileError> {
        for (key, _) in table.iter() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                return Err(self.err(
                    key.span(),
                    format!(
                        "unknown key `{}` in {what} (expected {})",
                        key.get_ref(),
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(Entries { table })
    }

    fn table<'t, 'i>(&self, v: &'t Value<'i>, what: &str) -> Result<&'t DeTable<'i>, ProfileError> {
        v.get_ref()
            .as_table()
            .ok_or_else(|| self.err(v.span(), format!("{what} must be a table")))
    }

    fn string(&self, v: &Value<'_>, what: &str) -> Result<String, ProfileError> {
        v.get_ref()
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| self.err(v.span(), format!("{what} must be a string")))
    }

    fn boolean(&self, v: &Value<'_>, what: &str) -> Result<bool, ProfileError> {
        v.get_ref()
            .as_bool()
            .ok_or_else(|| self.err(v.span(), format!("{what} must be true or false")))
    }

    /// A string or an array of strings, each with its span.
    fn strings(
        &self,
        v: &Value<'_>,
        what: &str,
    ) -> Result<Vec<(String, Range<usize>)>, ProfileError> {
        if let Some(s) = v.get_ref().as_str() {
            return Ok(vec![(s.to_string(), v.span())]);
        }
        let Some(items) = v.get_ref().as_array() else {
            return Err(self.err(
                v.span(),
                format!("{what} must be a string or a list of strings"),
            ));
        };
        items
            .iter()
            .map(|item| Ok((self.string(item, what)?, item.span())))
            .collect()
    }

    fn severity(&self, v: &Value<'_>, what: &str) -> Result<Severity, ProfileError> {
        let word = self.string(v, what)?;
        severity_word(&word).flatten().ok_or_else(|| {
            self.err(
                v.span(),
                format!("`{word}` is not a severity (error, warning or information)"),
            )
        })
    }

    fn rule_id(&self, v: &Value<'_>, what: &str) -> Result<String, ProfileError> {
        let id = self.string(v, what)?;
        check_rule_id(&id).map_err(|e| self.err(v.span(), e))?;
        Ok(id)
    }
}

/// `Some(Some(s))` for a severity, `Some(None)` for `off`, `None` for anything else.
fn severity_word(word: &str) -> Option<Option<Severity>> {
    match word.trim().to_ascii_lowercase().as_str() {
        "error" | "e" => Some(Some(Severity::Error)),
        "warning" | "w" => Some(Some(Severity::Warning)),
        "information" | "info" | "i" => Some(Some(Severity::Information)),
        "off" => Some(None),
        _ => None,
    }
}

struct Entries<'t, 'i> {
    table: &'t DeTable<'i>,
}

impl<'t, 'i> Entries<'t, 'i> {
    fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }
}

/// The parts of a file, read but not yet laid over the profile it extends.
struct Parsed {
    name: String,
    extends: (String, Range<usize>),
    description: Option<String>,
    jurisdiction: Option<String>,
    registry: Option<String>,
    message_profile: Option<MessageProfile>,
    not_verified: Option<Vec<String>>,
    policy: Option<Vec<String>>,
    sources: BTreeMap<String, String>,
    severities: Vec<(String, Option<Severity>)>,
    rules: Vec<ProfileRule>,
    suppressed: Vec<RuleRef>,
    checklist: Option<Vec<ChecklistItem>>,
    scenarios: Option<Vec<ScenarioRequirement>>,
    ack: Option<AckPolicy>,
    strip_fractional_seconds: Option<bool>,
}

const TOP: &[&str] = &[
    "profile",
    "sources",
    "severity",
    "usage",
    "rule",
    "checklist",
    "scenario",
    "ack",
    "formatting",
];

const RULE_KEYS: &[&str] = &[
    "id",
    "field",
    "check",
    "values",
    "case_sensitive",
    "pattern",
    "code",
    "applies",
    "severity",
    "message",
    "fix",
    "source",
    "replaces",
    "when",
    "profiles",
];

fn parse(doc: &Doc<'_>) -> Result<Parsed, ProfileError> {
    let root = DeTable::parse(doc.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        doc.err(span, e.message().trim().to_string())
    })?;
    let top = doc.entries(root.get_ref(), "the file", TOP)?;
    let Some(head) = top.get("profile") else {
        return Err(doc.err(0..0, "the file has no [profile] table (name and extends)"));
    };
    let head_table = doc.table(head, "[profile]")?;
    let p = doc.entries(
        head_table,
        "[profile]",
        &[
            "name",
            "extends",
            "description",
            "jurisdiction",
            "registry",
            "message_profile",
            "not_verified",
            "policy",
        ],
    )?;
    let name_v = p
        .get("name")
        .ok_or_else(|| doc.err(head.span(), "[profile] has no `name`"))?;
    let name = doc.string(name_v, "`name`")?;
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(doc.err(
            name_v.span(),
            format!("`{name}` is not a profile name (lower-case letters, digits and `-`)"),
        ));
    }
    let extends = match p.get("extends") {
        Some(v) => (doc.string(v, "`extends`")?, v.span()),
        None => {
            return Err(doc.err(
                head.span(),
                "[profile] has no `extends` (`cdc`, or a state profile)",
            ));
        }
    };
    if extends.0.eq_ignore_ascii_case(&name) {
        return Err(doc.err(
            extends.1.clone(),
            format!("profile `{name}` cannot extend itself"),
        ));
    }
    let opt_string = |key: &str| -> Result<Option<String>, ProfileError> {
        p.get(key)
            .map(|v| doc.string(v, &format!("`{key}`")))
            .transpose()
    };
    let opt_list = |key: &str| -> Result<Option<Vec<String>>, ProfileError> {
        p.get(key)
            .map(|v| {
                doc.strings(v, &format!("`{key}`"))
                    .map(|l| l.into_iter().map(|(s, _)| s).collect())
            })
            .transpose()
    };
    let message_profile = match p.get("message_profile") {
        Some(v) => {
            let id = doc.string(v, "`message_profile`")?;
            Some(MessageProfile::from_id(&id).ok_or_else(|| {
                doc.err(
                    v.span(),
                    format!("`{id}` is not one of the IG's message profiles (Z22, Z23, Z31, Z32, Z33, Z34, Z42, Z44)"),
                )
            })?)
        }
        None => None,
    };
    let mut parsed = Parsed {
        name: name.clone(),
        extends,
        description: opt_string("description")?,
        jurisdiction: opt_string("jurisdiction")?,
        registry: opt_string("registry")?,
        message_profile,
        not_verified: opt_list("not_verified")?,
        policy: opt_list("policy")?,
        sources: BTreeMap::new(),
        severities: Vec::new(),
        rules: Vec::new(),
        suppressed: Vec::new(),
        checklist: None,
        scenarios: None,
        ack: None,
        strip_fractional_seconds: None,
    };
    if let Some(v) = top.get("sources") {
        for (key, value) in doc.table(v, "[sources]")?.iter() {
            parsed
                .sources
                .insert(key.get_ref().to_string(), doc.string(value, "a source")?);
        }
    }
    if let Some(v) = top.get("severity") {
        for (key, value) in doc.table(v, "[severity]")?.iter() {
            check_rule_id(key.get_ref()).map_err(|e| doc.err(key.span(), e))?;
            let word = doc.string(value, "a severity")?;
            let sev = severity_word(&word).ok_or_else(|| {
                doc.err(
                    value.span(),
                    format!("`{word}` is not a severity (error, warning, information or off)"),
                )
            })?;
            parsed.severities.push((key.get_ref().to_string(), sev));
        }
    }
    if let Some(v) = top.get("usage") {
        read_usage(doc, v, &mut parsed)?;
    }
    if let Some(v) = top.get("rule") {
        let Some(items) = v.get_ref().as_array() else {
            return Err(doc.err(v.span(), "rules are written [[rule]]: a list of tables"));
        };
        for item in items.iter() {
            read_rule(doc, item, &mut parsed)?;
        }
    }
    if let Some(v) = top.get("checklist") {
        parsed.checklist = Some(read_checklist(doc, v)?);
    }
    if let Some(v) = top.get("scenario") {
        parsed.scenarios = Some(read_scenarios(doc, v)?);
    }
    if let Some(v) = top.get("ack") {
        parsed.ack = Some(read_ack(doc, v)?);
    }
    if let Some(v) = top.get("formatting") {
        let t = doc.table(v, "[formatting]")?;
        let f = doc.entries(t, "[formatting]", &["strip_fractional_seconds"])?;
        if let Some(b) = f.get("strip_fractional_seconds") {
            parsed.strip_fractional_seconds = Some(doc.boolean(b, "`strip_fractional_seconds`")?);
        }
    }
    Ok(parsed)
}

fn read_usage(doc: &Doc<'_>, v: &Value<'_>, parsed: &mut Parsed) -> Result<(), ProfileError> {
    for (key, value) in doc.table(v, "[usage]")?.iter() {
        let path = FieldPath::parse(key.get_ref()).map_err(|e| doc.err(key.span(), e))?;
        let (usage, usage_span, options) = match value.get_ref() {
            DeValue::String(s) => (s.to_string(), value.span(), None),
            DeValue::Table(t) => {
                let e = doc.entries(
                    t,
                    "a usage override",
                    &["usage", "id", "severity", "source", "message", "fix"],
                )?;
                let u = e.get("usage").ok_or_else(|| {
                    doc.err(value.span(), "a usage override needs `usage` (R, RE or O)")
                })?;
                (doc.string(u, "`usage`")?, u.span(), Some(e))
            }
            _ => {
                return Err(doc.err(
                    value.span(),
                    "a usage override is a usage (\"R\", \"RE\", \"O\") or a table with `usage`",
                ));
            }
        };
        match usage.to_ascii_uppercase().as_str() {
            "R" => {
                let get = |k: &str| options.as_ref().and_then(|e| e.get(k));
                let id = match get("id") {
                    Some(v) => doc.rule_id(v, "`id`")?,
                    None => format!("USAGE-{path}"),
                };
                let severity = match get("severity") {
                    Some(v) => doc.severity(v, "`severity`")?,
                    None => Severity::Error,
                };
                let text = |k: &str, default: String| -> Result<String, ProfileError> {
                    get(k).map_or(Ok(default), |v| doc.string(v, &format!("`{k}`")))
                };
                let mut rule = ProfileRule::new(id, path, Check::Required, severity);
                rule.message = text("message", "{label} is missing for {subject}.".to_string())?;
                rule.fix = text("fix", "Enter it and send the record again.".to_string())?;
                rule.source = text("source", format!("profile `{}`: usage R", parsed.name))?;
                push_rule(doc, parsed, rule, key.span())?;
            }
            "RE" | "O" => {
                if options.as_ref().is_some_and(|e| e.table.len() > 1) {
                    return Err(
                        doc.err(value.span(), "a relaxed usage (RE, O) takes no other keys")
                    );
                }
                for rule in ["IG-REQUIRED", "IG-REQUIRED-COMPONENT"] {
                    parsed.suppressed.push(RuleRef {
                        rule: rule.to_string(),
                        at: Some(path.clone()),
                    });
                }
            }
            _ => {
                return Err(doc.err(
                    usage_span,
                    format!("`{usage}` is not a usage a profile can set (R, RE or O)"),
                ));
            }
        }
    }
    Ok(())
}

fn push_rule(
    doc: &Doc<'_>,
    parsed: &mut Parsed,
    rule: ProfileRule,
    span: Range<usize>,
) -> Result<(), ProfileError> {
    if parsed
        .rules
        .iter()
        .any(|r| r.id == rule.id && r.field == rule.field)
    {
        return Err(doc.err(
            span,
            format!("rule `{}` is already defined for {}", rule.id, rule.field),
        ));
    }
    parsed.rules.push(rule);
    Ok(())
}

fn read_rule(doc: &Doc<'_>, item: &Value<'_>, parsed: &mut Parsed) -> Result<(), ProfileError> {
    let t = doc.table(item, "a [[rule]]")?;
    let e = doc.entries(t, "[[rule]]", RULE_KEYS)?;
    let need = |key: &str| {
        e.get(key)
            .ok_or_else(|| doc.err(item.span(), format!("[[rule]] has no `{key}`")))
    };
    let id_v = need("id")?;
    let id = doc.rule_id(id_v, "`id`")?;
    let check_v = need("check")?;
    let check_word = doc.string(check_v, "`check`")?;
    let case_sensitive = match e.get("case_sensitive") {
        Some(v) => doc.boolean(v, "`case_sensitive`")?,
        None => false,
    };
    let values = |what: &str| -> Result<Vec<String>, ProfileError> {
        let v = e
            .get("values")
            .ok_or_else(|| doc.err(item.span(), format!("a `{what}` rule needs `values`")))?;
        let list: Vec<String> = doc
            .strings(v, "`values`")?
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        if list.is_empty() {
            return Err(doc.err(v.span(), "`values` is empty"));
        }
        Ok(list)
    };
    let check = match check_word.as_str() {
        "required" => Check::Required,
        "refuse" => Check::Refuse {
            values: values("refuse")?,
            case_sensitive,
        },
        "one-of" => Check::OneOf {
            values: values("one-of")?,
            case_sensitive,
        },
        "pattern" => Check::Pattern {
            pattern: doc.string(need("pattern")?, "`pattern`")?,
        },
        "present" => Check::Present,
        "observation" => Check::Observation {
            code: doc.string(need("code")?, "`code`")?,
        },
        "cvx-specific" => Check::CvxSpecific,
        "cvx-active" => Check::CvxActive,
        "cvx-historical" => Check::CvxHistorical,
        other => {
            return Err(doc.err(
                check_v.span(),
                format!("`{other}` is not a check (required, refuse, one-of, pattern, present, observation, cvx-specific, cvx-active, cvx-historical)"),
            ));
        }
    };
    // Keys that belong to other checks are mistakes, not decoration.
    let extra: &[(&str, bool)] = &[
        (
            "values",
            matches!(check, Check::Refuse { .. } | Check::OneOf { .. }),
        ),
        (
            "case_sensitive",
            matches!(check, Check::Refuse { .. } | Check::OneOf { .. }),
        ),
        ("pattern", matches!(check, Check::Pattern { .. })),
        ("code", matches!(check, Check::Observation { .. })),
    ];
    for (key, allowed) in extra {
        if !allowed && let Some(v) = e.get(key) {
            return Err(doc.err(
                v.span(),
                format!("`{key}` does not go with check `{}`", check.name()),
            ));
        }
    }
    let applies = match e.get("applies") {
        Some(v) => {
            let w = doc.string(v, "`applies`")?;
            Applies::from_word(&w).ok_or_else(|| {
                doc.err(
                    v.span(),
                    format!("`{w}` is not one of always, administered, historical"),
                )
            })?
        }
        None => Applies::Always,
    };
    let severity = doc.severity(need("severity")?, "`severity`")?;
    let message = doc.string(need("message")?, "`message`")?;
    let fix = doc.string(need("fix")?, "`fix`")?;
    let source_v = need("source")?;
    let source = doc.string(source_v, "`source`")?;
    if source.trim().is_empty() {
        return Err(doc.err(
            source_v.span(),
            "every rule says where it comes from: `source` is empty",
        ));
    }
    let replaces = match e.get("replaces") {
        Some(v) => doc
            .strings(v, "`replaces`")?
            .into_iter()
            .map(|(s, span)| RuleRef::parse(&s).map_err(|e| doc.err(span, e)))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let profiles = match e.get("profiles") {
        Some(v) => {
            let mut out = Vec::new();
            for (id, span) in doc.strings(v, "`profiles`")? {
                if id == "any" {
                    out.clear();
                    break;
                }
                out.push(MessageProfile::from_id(&id).ok_or_else(|| {
                    doc.err(span, format!("`{id}` is not a message profile (Z22, Z23, Z31, Z32, Z33, Z34, Z42, Z44, or any)"))
                })?);
            }
            out
        }
        None => vec![MessageProfile::Z22],
    };
    let when = match e.get("when") {
        Some(v) => {
            let text = doc.string(v, "`when`")?;
            Some(FieldPath::parse(&text).map_err(|e| doc.err(v.span(), e))?)
        }
        None => None,
    };
    let field_v = need("field")?;
    let fields = doc.strings(field_v, "`field`")?;
    if fields.is_empty() {
        return Err(doc.err(field_v.span(), "`field` is empty"));
    }
    for (text, span) in fields {
        let path = FieldPath::parse_place(&text).map_err(|e| doc.err(span.clone(), e))?;
        let fits = match &check {
            Check::Present => path.is_segment(),
            Check::Observation { .. } => path.is_segment() && path.segment == "RXA",
            Check::CvxSpecific | Check::CvxActive | Check::CvxHistorical => {
                path.segment == "RXA" && path.field == 5 && path.component == 0
            }
            _ => !path.is_segment(),
        };
        if !fits {
            let want = match &check {
                Check::Present => "a segment (`NK1`)",
                Check::Observation { .. } => "`RXA` (the ORDER group's vaccination)",
                Check::CvxSpecific | Check::CvxActive | Check::CvxHistorical => "`RXA-5`",
                _ => "a field or component (`PID-11`, `PID-11.5`)",
            };
            return Err(doc.err(
                span,
                format!("check `{}` looks at {want}, not `{text}`", check.name()),
            ));
        }
        let mut rule = ProfileRule::new(id.clone(), path, check.clone(), severity);
        rule.applies = applies;
        rule.message.clone_from(&message);
        rule.fix.clone_from(&fix);
        rule.source.clone_from(&source);
        rule.replaces.clone_from(&replaces);
        rule.profiles.clone_from(&profiles);
        if let Some(w) = &when {
            if w.segment != rule.field.segment || rule.field.is_segment() {
                return Err(doc.err(
                    span,
                    format!("`when` ({w}) must name a field of the segment the rule looks at"),
                ));
            }
            rule.when = Some(w.clone());
        }
        push_rule(doc, parsed, rule, span)?;
    }
    Ok(())
}

fn read_checklist(doc: &Doc<'_>, v: &Value<'_>) -> Result<Vec<ChecklistItem>, ProfileError> {
    let Some(items) = v.get_ref().as_array() else {
        return Err(doc.err(v.span(), "checklist items are written [[checklist]]"));
    };
    let mut out: Vec<ChecklistItem> = Vec::new();
    for item in items.iter() {
        let t = doc.table(item, "a [[checklist]] item")?;
        let e = doc.entries(
            t,
            "[[checklist]]",
            &["item", "title", "rules", "doses", "fails_at", "source"],
        )?;
        let need = |key: &str| {
            e.get(key)
                .ok_or_else(|| doc.err(item.span(), format!("[[checklist]] has no `{key}`")))
        };
        let id_v = need("item")?;
        let id = doc.string(id_v, "`item`")?;
        if out.iter().any(|i| i.id == id) {
            return Err(doc.err(
                id_v.span(),
                format!("checklist item `{id}` is listed twice"),
            ));
        }
        let rules_v = need("rules")?;
        let rules = doc
            .strings(rules_v, "`rules`")?
            .into_iter()
            .map(|(s, span)| RuleRef::parse(&s).map_err(|e| doc.err(span, e)))
            .collect::<Result<Vec<_>, _>>()?;
        if rules.is_empty() {
            return Err(doc.err(rules_v.span(), "a checklist item needs at least one rule"));
        }
        let doses = match e.get("doses") {
            Some(d) => {
                let w = doc.string(d, "`doses`")?;
                match w.as_str() {
                    "any" => Applies::Always,
                    w => Applies::from_word(w)
                        .filter(|a| *a != Applies::Always)
                        .ok_or_else(|| {
                            doc.err(
                                d.span(),
                                format!("`{w}` is not one of any, administered, historical"),
                            )
                        })?,
                }
            }
            None => Applies::Always,
        };
        let fails_at = match e.get("fails_at") {
            Some(s) => doc.severity(s, "`fails_at`")?,
            None => Severity::Warning,
        };
        out.push(ChecklistItem {
            id,
            title: doc.string(need("title")?, "`title`")?,
            rules,
            doses,
            fails_at,
            source: doc.string(need("source")?, "`source`")?,
        });
    }
    Ok(out)
}

fn read_scenarios(doc: &Doc<'_>, v: &Value<'_>) -> Result<Vec<ScenarioRequirement>, ProfileError> {
    let Some(items) = v.get_ref().as_array() else {
        return Err(doc.err(v.span(), "scenarios are written [[scenario]]"));
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let t = doc.table(item, "a [[scenario]]")?;
        let e = doc.entries(t, "[[scenario]]", &["id", "title", "source"])?;
        let need = |key: &str| {
            e.get(key)
                .ok_or_else(|| doc.err(item.span(), format!("[[scenario]] has no `{key}`")))
        };
        let id_v = need("id")?;
        let id = doc.string(id_v, "`id`")?;
        if Scenario::parse(&id).is_none() {
            let known: Vec<&str> = Scenario::ALL.iter().map(|s| s.as_str()).collect();
            return Err(doc.err(
                id_v.span(),
                format!(
                    "`{id}` is not a scenario ({}, or eligibility:CODE)",
                    known.join(", ")
                ),
            ));
        }
        out.push(ScenarioRequirement {
            id,
            title: doc.string(need("title")?, "`title`")?,
            source: doc.string(need("source")?, "`source`")?,
        });
    }
    Ok(out)
}

fn read_ack(doc: &Doc<'_>, v: &Value<'_>) -> Result<AckPolicy, ProfileError> {
    let t = doc.table(v, "[ack]")?;
    let e = doc.entries(
        t,
        "[ack]",
        &[
            "accept_ae_with_warnings",
            "ar_is_rejected",
            "ack_labelled_vxu",
            "accepted_phrases",
            "rejected_phrases",
            "not_accepted_phrases",
            "setup_problem_phrases",
            "notes",
            "source",
        ],
    )?;
    let flag = |k: &str| {
        e.get(k)
            .map(|v| doc.boolean(v, &format!("`{k}`")))
            .transpose()
    };
    let list = |k: &str| -> Result<Vec<String>, ProfileError> {
        Ok(match e.get(k) {
            Some(v) => doc
                .strings(v, &format!("`{k}`"))?
                .into_iter()
                .map(|(s, _)| s)
                .collect(),
            None => Vec::new(),
        })
    };
    let text = |k: &str| -> Result<String, ProfileError> {
        e.get(k)
            .map_or(Ok(String::new()), |v| doc.string(v, &format!("`{k}`")))
    };
    Ok(AckPolicy {
        accept_ae_with_warnings: flag("accept_ae_with_warnings")?,
        ar_is_rejected: flag("ar_is_rejected")?,
        ack_labelled_vxu: flag("ack_labelled_vxu")?.unwrap_or(false),
        accepted_phrases: list("accepted_phrases")?,
        rejected_phrases: list("rejected_phrases")?,
        not_accepted_phrases: list("not_accepted_phrases")?,
        setup_problem_phrases: list("setup_problem_phrases")?,
        notes: text("notes")?,
        source: text("source")?,
    })
}

impl Profile {
    /// Reads a profile file (TOML; the format is described in [`profiles`](super)). `file` names
    /// the file in errors. `extends` is resolved against the shipped profiles
    /// ([`profile`](super::profile)).
    ///
    /// The library reads no file itself: the caller reads the text.
    ///
    /// ```
    /// use izmsg::validate::{Profile, Severity};
    /// let text = r#"
    /// [profile]
    /// name = "my-clinic"
    /// extends = "maine"
    ///
    /// [severity]
    /// "ME-NK1" = "information"   # relaxed: our adults rarely give one
    ///
    /// [[rule]]
    /// id = "CLINIC-MSH-4"
    /// field = "MSH-4.1"
    /// check = "one-of"
    /// values = ["ME1234"]
    /// severity = "error"
    /// message = "The sending facility in {subject} is not the ID ImmPact assigned to the clinic."
    /// fix = "Set the facility ID in the interface to the one in the ImmPact welcome letter."
    /// source = "ImmPact welcome letter"
    /// "#;
    /// let p = Profile::from_toml_str("my-clinic.toml", text).unwrap();
    /// assert_eq!(p.name, "my-clinic");
    /// assert_eq!(p.extends, ["cdc", "maine"]);
    /// assert_eq!(p.severity_of("ME-NK1", Severity::Warning), Some(Severity::Information));
    /// assert!(p.rules.iter().any(|r| r.id == "CLINIC-MSH-4"));
    /// assert!(p.rules.iter().any(|r| r.id == "ME-MSH-22")); // inherited
    /// ```
    pub fn from_toml_str(file: &str, text: &str) -> Result<Profile, ProfileError> {
        Profile::from_toml_str_with(file, text, &super::profile).map_err(|mut e| {
            if e.problem.ends_with("is not a known profile") {
                e.problem = format!(
                    "{} (shipped: {})",
                    e.problem,
                    super::profile_names().join(", ")
                );
            }
            e
        })
    }

    /// Like [`from_toml_str`](Profile::from_toml_str), with `extends` resolved by `resolve` (for
    /// profiles that extend profile files of one's own).
    pub fn from_toml_str_with(
        file: &str,
        text: &str,
        resolve: &dyn Fn(&str) -> Option<Profile>,
    ) -> Result<Profile, ProfileError> {
        let doc = Doc { file, text };
        let parsed = parse(&doc)?;
        let (parent_name, span) = &parsed.extends;
        let Some(parent) = resolve(parent_name) else {
            return Err(doc.err(
                span.clone(),
                format!("`{parent_name}` is not a known profile"),
            ));
        };
        Ok(lay_over(parent, parsed))
    }
}

/// The parent with the file's changes laid over it.
fn lay_over(parent: Profile, f: Parsed) -> Profile {
    let mut p = parent;
    let parent_name = std::mem::replace(&mut p.name, Cow::Owned(f.name));
    p.extends.push(parent_name.into_owned());
    if let Some(d) = f.description {
        p.description = d;
    }
    if f.message_profile.is_some() {
        p.message_profile = f.message_profile;
    }
    if let Some(j) = f.jurisdiction {
        p.about.jurisdiction = j;
    }
    if let Some(r) = f.registry {
        p.about.registry = r;
    }
    if let Some(n) = f.not_verified {
        p.about.not_verified = n;
    }
    if let Some(n) = f.policy {
        p.about.policy = n;
    }
    p.about.sources.extend(f.sources);
    // New rules stand in for the parent's rules of the same id.
    let ids: Vec<&str> = f.rules.iter().map(|r| r.id.as_str()).collect();
    p.rules.retain(|r| !ids.contains(&r.id.as_str()));
    for rule in f.rules {
        for r in &rule.replaces {
            match r.at {
                None => {
                    p.disabled.insert(r.rule.clone());
                }
                Some(_) => {
                    if !p.suppressed.contains(r) {
                        p.suppressed.push(r.clone());
                    }
                }
            }
        }
        p.disabled.remove(&rule.id);
        p.rules.push(rule);
    }
    for (id, severity) in f.severities {
        match severity {
            Some(s) => {
                p.disabled.remove(&id);
                p.severities.insert(id, s);
            }
            None => {
                p.severities.remove(&id);
                p.disabled.insert(id);
            }
        }
    }
    for r in f.suppressed {
        if !p.suppressed.contains(&r) {
            p.suppressed.push(r);
        }
    }
    if let Some(c) = f.checklist {
        p.checklist = c;
    }
    if let Some(s) = f.scenarios {
        p.scenarios = s;
    }
    if f.ack.is_some() {
        p.ack = f.ack;
    }
    if let Some(b) = f.strip_fractional_seconds {
        p.formatting = Formatting {
            strip_fractional_seconds: b,
        };
    }
    p
}
