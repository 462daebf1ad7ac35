#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Shows what is in HL7 v2 messages: every segment, every non-empty field, and what the parser
//! tolerated.
//!
//! ```text
//! cargo run --example inspect                 # a built-in sample VXU
//! cargo run --example inspect -- FILE... -    # files, and `-` for standard input
//! ```
//!
//! A file may hold one message, several one after another, a batch (FHS/BHS ... BTS/FTS) or MLLP
//! frames. Exit status: 0 when everything parsed, 2 when something could not be (each problem is on
//! standard error as `file: error`; errors never quote message content).

use std::ffi::OsString;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use izmsg::er7::{self, Message, Segment, Value, mllp};

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

const USAGE: &str = "\
usage: inspect [FILE | -]...
Prints every segment and non-empty field of the HL7 v2 messages in each FILE (`-` reads standard
input); with no FILE, a built-in sample VXU. A file may hold several messages, a batch (FHS/BHS ...
BTS/FTS) or MLLP frames. Exit status 0 when everything parsed, 2 otherwise.

options:
  -h, --help     this text
  -V, --version  the izmsg version
";

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

/// Reports a problem on standard error; a closed standard error is not worth a panic.
fn complain(what: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "{what}");
}

fn main() -> ExitCode {
    let mut sources = Vec::new();
    let mut options_done = false;
    for arg in std::env::args_os().skip(1) {
        match arg.to_str() {
            Some("-h" | "--help") if !options_done => {
                let _ = io::stdout().lock().write_all(USAGE.as_bytes());
                return ExitCode::SUCCESS;
            }
            Some("-V" | "--version") if !options_done => {
                let _ = writeln!(
                    io::stdout().lock(),
                    "inspect (izmsg {})",
                    env!("CARGO_PKG_VERSION")
                );
                return ExitCode::SUCCESS;
            }
            Some("--") if !options_done => options_done = true,
            Some("-") => sources.push(Source::Stdin),
            Some(opt) if opt.starts_with('-') && !options_done => {
                complain(format_args!("inspect: unknown option {opt:?}\n{USAGE}"));
                return ExitCode::from(2);
            }
            _ => sources.push(Source::File(arg)),
        }
    }
    if sources.is_empty() {
        sources.push(Source::Sample);
    }

    let mut out = BufWriter::new(io::stdout().lock());
    let mut all_parsed = true;
    for source in &sources {
        let name = source.name();
        let bytes = match source.read() {
            Ok(b) => b,
            Err(e) => {
                complain(format_args!("{name}: {e}"));
                all_parsed = false;
                continue;
            }
        };
        match inspect_input(&mut out, &name, &bytes) {
            Ok(ok) => all_parsed &= ok,
            // Standard output was closed (a pipe into `head`, say): nothing more to show.
            Err(_) => break,
        }
    }
    let _ = out.flush();
    if all_parsed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// One input: MLLP frames, a batch, or messages one after another. Returns whether all of it parsed.
pub fn inspect_input(out: &mut dyn Write, name: &str, bytes: &[u8]) -> io::Result<bool> {
    if !mllp::is_framed(bytes) {
        return inspect_stream(out, name, bytes);
    }
    let (frames, errors) = mllp::deframe_all(bytes);
    let mut ok = errors.is_empty();
    for e in &errors {
        complain(format_args!("{name}: {e}"));
    }
    for (i, frame) in frames.iter().enumerate() {
        let label = format!("{name} (MLLP frame {}; offsets within the frame)", i + 1);
        ok &= inspect_stream(out, &label, frame)?;
    }
    Ok(ok)
}

/// Messages one after another, possibly in a batch envelope.
fn inspect_stream(out: &mut dyn Write, name: &str, bytes: &[u8]) -> io::Result<bool> {
    let batch = match er7::split(bytes) {
        Ok(b) => b,
        Err(e) => {
            complain(format_args!("{name}: {e}"));
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
    if enveloped {
        writeln!(
            out,
            "# {name}: batch file, {} batch(es), {total} message(s)",
            batch.groups.len()
        )?;
    }
    for w in &batch.warnings {
        writeln!(out, "# {name}: warning: {w}")?;
    }
    // Envelope segments and messages in file order.
    print_envelope(out, batch.file_header.as_ref())?;
    let mut ok = true;
    let mut i = 0;
    for group in &batch.groups {
        print_envelope(out, group.header.as_ref())?;
        for msg in &group.messages {
            i += 1;
            let label = format!("{name}: message {i} of {total}");
            match msg {
                Ok(msg) => print_message(out, &label, msg)?,
                Err(e) => {
                    complain(format_args!("{label}: {e}"));
                    ok = false;
                }
            }
        }
        print_envelope(out, group.trailer.as_ref())?;
    }
    print_envelope(out, batch.file_trailer.as_ref())?;
    Ok(ok)
}

/// A batch or file header or trailer (FHS, BHS, BTS, FTS).
fn print_envelope(out: &mut dyn Write, env: Option<&Message<'_>>) -> io::Result<()> {
    let Some(seg) = env.and_then(|e| e.segment(0)) else {
        return Ok(());
    };
    writeln!(out, "\n== envelope")?;
    print_segment(out, &seg)
}

/// Prints one parsed message. This is the one place that decides what a message looks like; a typed
/// view (segment and field names, data types) replaces it without touching the rest.
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

/// A segment line, then one line per non-empty leaf value:
/// `PID-5.2 = Robin`, `PID-3[2].4.1 = ...` (the repetition shown only when the field repeats, the
/// component when there are several, the subcomponent likewise).
fn print_segment(out: &mut dyn Write, seg: &Segment<'_, '_>) -> io::Result<()> {
    writeln!(out, "[{}] {} @{}", seg.index(), seg.id(), seg.span().start)?;
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

/// A value as text: the HL7 null marked as such, control characters visible, kept escapes flagged.
fn shown(v: &Value<'_>) -> String {
    if v.is_null() {
        return "\"\"  (HL7 null: delete the stored value)".to_string();
    }
    let mut issues = Vec::new();
    let text = v.text_with_issues(&mut issues);
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\r' => s.push_str("\\r"),
            '\n' => s.push_str("\\n"),
            c if c.is_control() => s.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => s.push(c),
        }
    }
    if !issues.is_empty() {
        s.push_str("  (escape sequence kept verbatim)");
    }
    s
}
