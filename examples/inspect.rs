#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Shows what is in HL7 v2 messages: the typed message, field by field with the IG's names, or its
//! JSON, its re-encoding, or the raw parse tree.
//!
//! ```text
//! cargo run --example inspect -- --redact FILE   # patient data replaced, as ER7 (with --json: JSON)
//! cargo run --example inspect                    # a built-in sample VXU, typed view
//! cargo run --example inspect -- FILE... -       # files, and `-` for standard input
//! cargo run --example inspect -- --json FILE     # the typed message(s) as JSON
//! cargo run --example inspect -- --er7 FILE      # re-encoded from the typed model (CR terminators)
//! cargo run --example inspect -- --raw FILE      # the wire parse tree, with byte offsets
//! cargo run --example inspect -- --version       # crate version and code-set as-of dates
//! ```
//!
//! A file may hold one message, several one after another, a batch (FHS/BHS ... BTS/FTS) or MLLP
//! frames. Exit status: 0 when everything parsed, 2 when something could not be (each problem is on
//! standard error as `file: error`; errors never quote message content).
//!
//! The typed view prints, for each message, a header (message type, profile, control ID — never
//! patient data), then each segment with its title and each non-empty field with its IG name
//! (`RXA-5 Administered Code`), composites broken into named components (`RXA-5.1 Identifier = 08`),
//! repetitions numbered (`PID-3[2]`), the HL7 null shown as `""  (null: delete)` and a field that is
//! present but empty (`|^^|`) shown as such; then the parser's warnings and the decoder's issues.
//! The typed view is the library's labelled rendering (`izmsg::model::render`, which reads the
//! declarations through `izmsg::model::reflect`): this file writes no label and walks no segment.

use std::ffi::OsString;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use izmsg::er7::{self, Limits, Message, Segment, Value, mllp};
use izmsg::model::codec::DecodeCx;
use izmsg::model::{self, AnySegment, Decoded, render};

/// A fictitious patient's VXU in the shape of the CDC IG 1.5 (profile Z22): a dose of hepatitis B
/// vaccine given today, with its funding eligibility and the VIS that was presented.
pub const SAMPLE: &str = concat!(
    "MSH|^~\\&|MYEHR^2.16.840.1.113883.3.9999.1^ISO|SUNNYCLINIC^2.16.840.1.113883.3.9999.2^ISO",
    "|IIS^2.16.840.1.113883.3.9999.3^ISO|STATEIIS^2.16.840.1.113883.3.9999.4^ISO|20240315103000-0500",
    "||VXU^V04^VXU_V04|MSG-20240315-0001|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS",
    "|SUNNYCLINIC^^^^^MYEHR&2.16.840.1.113883.3.9999.1&ISO^XX^^^1234",
    "|STATEIIS^^^^^IIS&2.16.840.1.113883.3.9999.3&ISO^XX^^^5678\r",
    "PID|1||PAT-000123^^^MYEHR^MR||Testpatient^Robin^Quinn^^^^L|Sample^Alex^^^^^M|20230110|F",
    "||2106-3^White^CDCREC|123 Example St^^Springfield^ME^04101^USA^P||^PRN^PH^^^207^5550123",
    "|||||||||2186-5^Not Hispanic or Latino^CDCREC||N|\"\"\r",
    "PD1|||||||||||02^Reminder/Recall - any method^HL70215|N|20240315|||A|20230110|20240315\r",
    "NK1|1|Testpatient^Jordan^^^^^L|MTH^Mother^HL70063|123 Example St^^Springfield^ME^04101^USA^P",
    "|^PRN^PH^^^207^5550123\r",
    "ORC|RE|ORD-0001^MYEHR|IMM-0001^MYEHR|||||||||9876543210^Prescriber^Pat^^^^^^NPI&2.16.840.1.113883.4.6&ISO^L",
    "|||||SUNNYCLINIC^Sunny Clinic \\T\\ Family Care^HL70362\r",
    "RXA|0|1|20240315103000|20240315103000|08^Hep B, adolescent or pediatric^CVX|0.5|mL^milliliters^UCUM",
    "||00^New immunization record^NIP001|^Nurse^Nora^^^^^^MYEHR^L^^^PRN|^^^SUNNYCLINIC",
    "||||AB1234C|20251231|MSD^Merck and Co., Inc.^MVX|||CP|A\r",
    "RXR|C28161^Intramuscular^NCIT|RT^Right Thigh^HL70163\r",
    "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1",
    "|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20240315",
    "|||VXC40^Eligibility captured at the immunization level^CDCPHINVS\r",
    "OBX|2|CE|30956-7^Vaccine Type^LN|2|08^Hep B, adolescent or pediatric^CVX||||||F\r",
    "OBX|3|TS|29768-9^Date vaccine information statement published^LN|2|20230512||||||F\r",
    "OBX|4|TS|29769-7^Date vaccine information statement presented^LN|2|20240315||||||F\r",
);

/// What to show of each message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The typed message, labelled from the declarations (the default).
    Typed,
    /// The wire parse tree.
    Raw,
    /// The decoded message as JSON.
    Json,
    /// The typed message re-encoded as ER7.
    Er7,
}

/// Where the bytes came from, for messages and errors.
enum Source {
    Sample,
    Stdin,
    File(OsString),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::Sample => "sample".to_string(),
            Source::Stdin => "-".to_string(),
            Source::File(path) => path.to_string_lossy().into_owned(),
        }
    }

    fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Source::Sample => Ok(SAMPLE.as_bytes().to_vec()),
            Source::Stdin => {
                let mut buf = Vec::new();
                io::stdin().lock().read_to_end(&mut buf)?;
                Ok(buf)
            }
            Source::File(path) => std::fs::read(path),
        }
    }
}

/// Shows the HL7 v2 messages in each FILE (`-` reads standard input); with no FILE, a built-in
/// sample VXU. A file may hold several messages, a batch (FHS/BHS ... BTS/FTS) or MLLP frames. Exit
/// status 0 when everything parsed, 2 otherwise.
///
/// By default each message is decoded and shown typed: each segment and non-empty field with its
/// IG name, composite values by component, then the parser's warnings and the decoder's issues.
#[derive(Debug, clap::Parser)]
#[command(name = "inspect", disable_version_flag = true)]
pub struct Cli {
    /// The typed message(s) as JSON: one document for one message, an array for several.
    #[arg(long, group = "mode")]
    pub json: bool,
    /// Each message re-encoded from the typed model, CR segment terminators.
    #[arg(long, group = "mode")]
    pub er7: bool,
    /// The wire parse tree: every non-empty value with its path, byte offsets.
    #[arg(long, group = "mode")]
    pub raw: bool,
    /// Every patient-identifying value replaced by a placeholder (izmsg::iis::redact), each message
    /// printed as ER7 with CR terminators (with --json, its typed JSON).
    #[arg(long)]
    pub redact: bool,
    /// The izmsg version and the as-of dates of the embedded code sets.
    #[arg(short = 'V', long)]
    pub version: bool,
    /// Files to show (`-`: standard input).
    pub files: Vec<OsString>,
}

impl Cli {
    fn mode(&self) -> Mode {
        if self.redact && !self.json {
            // Redacted messages are shown as ER7 (or JSON): the other views would show the original.
            Mode::Er7
        } else if self.raw {
            Mode::Raw
        } else if self.json {
            Mode::Json
        } else if self.er7 {
            Mode::Er7
        } else {
            Mode::Typed
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut out = BufWriter::new(io::stdout().lock());
    let status = run(&args, &mut out, &mut io::stderr().lock());
    let _ = out.flush();
    ExitCode::from(status)
}

/// The whole program, minus the process: reads the arguments (the program name first), writes to
/// `out`, reports problems to `err`, returns the exit status (0 everything parsed, 2 not).
pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let cli = match <Cli as clap::Parser>::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            let help = matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            );
            if help {
                let _ = out.write_all(text.as_bytes());
                return 0;
            }
            let _ = err.write_all(text.as_bytes());
            return 2;
        }
    };
    if cli.version {
        let _ = write_version(out);
        return 0;
    }
    let mut sources: Vec<Source> = cli
        .files
        .iter()
        .map(|f| {
            if f == "-" {
                Source::Stdin
            } else {
                Source::File(f.clone())
            }
        })
        .collect();
    if sources.is_empty() {
        sources.push(Source::Sample);
    }

    let mut inspector = Inspector::new(out, err, cli.mode());
    inspector.redact = cli.redact;
    let mut all_parsed = true;
    for source in &sources {
        let name = source.name();
        let bytes = match source.read() {
            Ok(b) => b,
            Err(e) => {
                inspector.complain(format_args!("{name}: {e}"));
                all_parsed = false;
                continue;
            }
        };
        match inspector.input(&name, &bytes) {
            Ok(ok) => all_parsed &= ok,
            // Standard output was closed (a pipe into `head`, say): nothing more to show.
            Err(_) => break,
        }
    }
    let _ = inspector.finish();
    if all_parsed { 0 } else { 2 }
}

/// `--version`: the crate, and how current its embedded code sets are.
fn write_version(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "inspect (izmsg {})", env!("CARGO_PKG_VERSION"))?;
    writeln!(
        out,
        "code sets as of {} (the oldest date among the CDC tables)",
        izmsg::codes::as_of()
    )?;
    for p in izmsg::codes::provenance() {
        writeln!(
            out,
            "  {:<14} {}  {:<5} {}",
            p.dataset, p.as_of, p.publisher, p.source
        )?;
    }
    Ok(())
}

/// Shows one input after another in one mode; JSON documents are written by [`Inspector::finish`].
pub struct Inspector<'w> {
    mode: Mode,
    /// Replace patient data before showing (`--redact`).
    pub redact: bool,
    out: &'w mut dyn Write,
    err: &'w mut dyn Write,
    documents: Vec<Decoded>,
}

impl<'w> Inspector<'w> {
    /// Writes to `out` in `mode`, and each problem to `err` as `name: problem`.
    pub fn new(out: &'w mut dyn Write, err: &'w mut dyn Write, mode: Mode) -> Inspector<'w> {
        Inspector {
            redact: false,
            mode,
            out,
            err,
            documents: Vec::new(),
        }
    }

    /// Reports a problem; a closed error stream is not worth a panic.
    fn complain(&mut self, what: std::fmt::Arguments<'_>) {
        let _ = writeln!(self.err, "{what}");
    }

    fn human(&self) -> bool {
        matches!(self.mode, Mode::Typed | Mode::Raw)
    }

    /// One input: MLLP frames, a batch, or messages one after another. Returns whether all of it
    /// parsed; an error is a failure to write.
    pub fn input(&mut self, name: &str, bytes: &[u8]) -> io::Result<bool> {
        if !mllp::is_framed(bytes) {
            return self.stream(name, bytes);
        }
        let (frames, errors) = mllp::deframe_all(bytes);
        let mut ok = errors.is_empty();
        for e in &errors {
            self.complain(format_args!("{name}: {e}"));
        }
        for (i, frame) in frames.iter().enumerate() {
            let label = format!("{name} (MLLP frame {}; offsets within the frame)", i + 1);
            ok &= self.stream(&label, frame)?;
        }
        Ok(ok)
    }

    /// Writes what is still held (the JSON documents) and flushes.
    pub fn finish(self) -> io::Result<()> {
        if self.mode == Mode::Json {
            write_json(self.out, &self.documents)?;
        }
        self.out.flush()
    }

    /// Messages one after another, possibly in a batch envelope.
    fn stream(&mut self, name: &str, bytes: &[u8]) -> io::Result<bool> {
        let batch = match er7::split(bytes) {
            Ok(b) => b,
            Err(e) => {
                self.complain(format_args!("{name}: {e}"));
                return Ok(false);
            }
        };
        let enveloped = batch.file_header.is_some()
            || batch.file_trailer.is_some()
            || batch
                .groups
                .iter()
                .any(|g| g.header.is_some() || g.trailer.is_some());
        let total = batch.message_count();
        if enveloped && self.human() {
            writeln!(
                self.out,
                "# {name}: batch file, {} batch(es), {total} message(s)",
                batch.groups.len()
            )?;
        }
        for w in &batch.warnings {
            if self.human() {
                writeln!(self.out, "# {name}: warning: {w}")?;
            } else {
                self.complain(format_args!("{name}: warning: {w}"));
            }
        }
        // Envelope segments and messages in file order.
        self.envelope(batch.file_header.as_ref())?;
        let mut ok = true;
        let mut i = 0;
        for group in &batch.groups {
            self.envelope(group.header.as_ref())?;
            for msg in &group.messages {
                i += 1;
                let label = format!("{name}: message {i} of {total}");
                match msg {
                    Ok(msg) => self.message(&label, msg)?,
                    Err(e) => {
                        self.complain(format_args!("{label}: {e}"));
                        ok = false;
                    }
                }
            }
            self.envelope(group.trailer.as_ref())?;
        }
        self.envelope(batch.file_trailer.as_ref())?;
        Ok(ok)
    }

    /// A batch or file header or trailer (FHS, BHS, BTS, FTS): shown in the human views only.
    fn envelope(&mut self, env: Option<&Message<'_>>) -> io::Result<()> {
        let Some(seg) = env.and_then(|e| e.segment(0)) else {
            return Ok(());
        };
        match self.mode {
            Mode::Raw => {
                writeln!(self.out, "\n== envelope")?;
                print_segment(self.out, &seg)
            }
            Mode::Typed => {
                writeln!(self.out, "\n== envelope")?;
                print_typed_segment(self.out, &seg)
            }
            Mode::Json | Mode::Er7 => Ok(()),
        }
    }

    /// One parsed message, in the chosen mode.
    fn message(&mut self, label: &str, msg: &Message<'_>) -> io::Result<()> {
        if self.mode == Mode::Raw {
            return print_message(self.out, label, msg);
        }
        let decoded = if self.redact {
            let redacted = izmsg::iis::redact::redact_parsed(msg, &Default::default());
            match model::decode(&redacted) {
                Ok(d) => d,
                Err(e) => {
                    self.complain(format_args!("{label}: redacted: {e}"));
                    return Ok(());
                }
            }
        } else {
            model::decode_parsed(msg, &Limits::default())
        };
        match self.mode {
            Mode::Json => self.documents.push(decoded),
            Mode::Er7 => self.out.write_all(&decoded.message.encode())?,
            Mode::Typed | Mode::Raw => print_typed(self.out, label, &decoded)?,
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The typed view: the library's labelled rendering (`izmsg::model::render`), under a header line.

/// A field's components joined the way the wire writes them, trailing empty ones dropped.
fn caret(parts: &[&str]) -> String {
    let n = parts
        .iter()
        .rposition(|p| !p.is_empty())
        .map_or(0, |i| i + 1);
    parts.get(..n).unwrap_or_default().join("^")
}

/// The header line's facts: message type, profile(s), control ID. No patient data.
fn summary(m: &model::Message) -> String {
    let Some(msh) = m.msh() else {
        return "no MSH".to_string();
    };
    let kind = msh
        .message_type
        .as_ref()
        .map(|t| {
            caret(&[
                t.message_code.as_str(),
                t.trigger_event.as_str(),
                t.message_structure.as_str(),
            ])
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "(no message type)".to_string());
    let profiles: Vec<String> = msh
        .message_profile_identifier
        .iter()
        .map(|p| caret(&[p.entity_identifier.as_str(), p.namespace_id.as_str()]))
        .filter(|p| !p.is_empty())
        .collect();
    let profile = if profiles.is_empty() {
        "(none)".to_string()
    } else {
        profiles.join(", ")
    };
    let control = msh
        .message_control_id
        .as_ref()
        .map(|c| visible(c.as_str()))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "(none)".to_string());
    format!("{kind}, profile {profile}, control ID {control}")
}

/// One decoded message: a header line, its segments labelled, then warnings and decode issues.
fn print_typed(out: &mut dyn Write, label: &str, decoded: &Decoded) -> io::Result<()> {
    let mut count = 0;
    decoded.message.for_each_segment(|_| count += 1);
    writeln!(
        out,
        "\n== {label}: {} ({count} segments)",
        summary(&decoded.message)
    )?;
    write!(out, "{}", render::labelled(&decoded.message))?;
    if decoded.warnings.is_empty() {
        writeln!(out, "warnings: none")?;
    } else {
        writeln!(out, "warnings:")?;
        for w in &decoded.warnings {
            writeln!(out, "  {w}")?;
        }
    }
    if decoded.issues.is_empty() {
        writeln!(out, "decode issues: none")?;
    } else {
        writeln!(out, "decode issues:")?;
        for i in &decoded.issues {
            writeln!(out, "  {i}")?;
        }
    }
    Ok(())
}

/// A segment outside any message (a batch envelope), decoded and labelled.
fn print_typed_segment(out: &mut dyn Write, seg: &Segment<'_, '_>) -> io::Result<()> {
    let any = AnySegment::decode(seg, &mut DecodeCx::default());
    let mut text = String::new();
    let _ = render::write_segment(&mut text, seg.index() + 1, any.view());
    out.write_all(text.as_bytes())
}

/// `--json`: one document for one message, an array for several (or none).
#[cfg(feature = "serde")]
fn write_json(out: &mut dyn Write, documents: &[Decoded]) -> io::Result<()> {
    let written = match documents {
        [one] => serde_json::to_writer_pretty(&mut *out, one),
        all => serde_json::to_writer_pretty(&mut *out, all),
    };
    written.map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(not(feature = "serde"))]
fn write_json(out: &mut dyn Write, _: &[Decoded]) -> io::Result<()> {
    writeln!(out, "(--json needs izmsg's `serde` feature)")
}

/// Text with control characters made visible.
fn visible(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    let _ = render::write_visible(&mut s, text);
    s
}

// ---------------------------------------------------------------------------------------------
// The raw view (`--raw`): the wire parse tree.

/// Prints one parsed message as the wire parser sees it.
fn print_message(out: &mut dyn Write, label: &str, msg: &Message<'_>) -> io::Result<()> {
    let d = msg.delimiters();
    writeln!(
        out,
        "\n== {label} ({} segments, {} bytes, delimiters {}{})",
        msg.segment_count(),
        msg.span().len(),
        char::from(d.field),
        d.encoding_characters()
    )?;
    if msg.warnings().is_empty() {
        writeln!(out, "warnings: none")?;
    } else {
        writeln!(out, "warnings:")?;
        for w in msg.warnings() {
            writeln!(out, "  {w}")?;
        }
    }
    for seg in msg.segments() {
        print_segment(out, &seg)?;
    }
    Ok(())
}

/// A segment line (numbered from 1, as the typed view and the decode issues number segments), then
/// one line per non-empty leaf value:
/// `PID-5.2 = Robin`, `PID-3[2].4.1 = ...` (the repetition shown only when the field repeats, the
/// component when there are several, the subcomponent likewise).
fn print_segment(out: &mut dyn Write, seg: &Segment<'_, '_>) -> io::Result<()> {
    writeln!(
        out,
        "[{}] {} @{}",
        seg.index() + 1,
        seg.id(),
        seg.span().start
    )?;
    let id = seg.id();
    for n in 1..=seg.field_count() {
        let Some(field) = seg.field(n) else { continue };
        if field.is_empty() {
            continue;
        }
        let path = format!("{id}-{n}");
        if field.level() == er7::Level::Verbatim {
            writeln!(out, "  {path} = {}", shown(&field))?;
            continue;
        }
        let reps = field.repetitions().count();
        for (r, rep) in field.repetitions().enumerate() {
            let path = if reps > 1 {
                format!("{path}[{}]", r + 1)
            } else {
                path.clone()
            };
            let comps = rep.components().count();
            for (c, comp) in rep.components().enumerate() {
                let path = if comps > 1 {
                    format!("{path}.{}", c + 1)
                } else {
                    path.clone()
                };
                let subs = comp.subcomponents().count();
                for (s, sub) in comp.subcomponents().enumerate() {
                    if sub.is_empty() {
                        continue;
                    }
                    let path = if subs > 1 {
                        format!("{path}.{}", s + 1)
                    } else {
                        path.clone()
                    };
                    writeln!(out, "  {path} = {}", shown(&sub))?;
                }
            }
        }
    }
    Ok(())
}

/// A raw value as text: the HL7 null marked as such, control characters visible, kept escapes flagged.
fn shown(v: &Value<'_>) -> String {
    if v.is_null() {
        return "\"\"  (HL7 null: delete the stored value)".to_string();
    }
    let mut issues = Vec::new();
    let text = v.text_with_issues(&mut issues);
    let mut s = visible(&text);
    if !issues.is_empty() {
        s.push_str("  (escape sequence kept verbatim)");
    }
    s
}
