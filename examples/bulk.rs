//! Validate many messages at once: the sendable ones into a batch file, the rest into a report.
//!
//! ```sh
//! cargo run --release --example bulk -- --out-batch sendable.hl7 --report refused.txt nightly/
//! cargo run --release --example bulk -- --profile maine --json --jobs 2 backlog.hl7 more.hl7
//! cargo run --release --example bulk -- --profile-file clinic.toml --now 2024-03-16 DIR
//! ```
//!
//! Each INPUT is a batch file (FHS/BHS ... BTS/FTS), a file of messages one after another, or a
//! directory of such files (its files, in name order). Messages are read one at a time
//! ([`er7::BatchReader`]), decoded and validated with the profile on every core (rayon), a few
//! thousand at a time, and come out in input order whatever the number of threads: the sendable
//! ones are written to `--out-batch` as they come ([`er7::BatchWriter`], with the BTS and FTS
//! counts), and each refused one is a line in the report (`--report`, else standard output): its
//! file, its position, its control ID (MSH-10) and its errors by rule id and place. No patient value
//! is written anywhere but the batch. A summary ends the output: messages read, sendable,
//! refused, and messages per second. `--json` writes each report line and the summary as a JSON
//! object of its own.
//!
//! Exit status: 0 when every message is sendable, 1 when one was refused, 2 when an input could not
//! be read (its messages before the fault are kept) or the output not written.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use izmsg::er7::{self, BatchItem, BatchReadError, BatchReader, BatchWriter, Limits, Position};
use izmsg::model;
use izmsg::validate::{self, Profile, Report, Validator};
use rayon::prelude::*;

/// Validate messages in bulk: the sendable ones into a batch file, the refused ones into a report.
#[derive(Parser, Debug)]
#[command(name = "bulk", version, about)]
pub struct Args {
    /// Profile to validate against: `cdc` (default), `cdc-z22` ... `cdc-z44`, or a state profile.
    #[arg(long, default_value = "cdc", conflicts_with = "profile_file")]
    profile: String,
    /// A profile file (TOML) of your own, in place of --profile.
    #[arg(long, value_name = "FILE")]
    profile_file: Option<PathBuf>,
    /// Write the sendable messages to this batch file (FHS/BHS ... BTS/FTS), in input order.
    #[arg(long, value_name = "FILE")]
    out_batch: Option<PathBuf>,
    /// Write the refused messages here, one per line (default: standard output).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Threads that decode and validate (default: one per core).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Report lines and summary as JSON objects, one per line; no progress bar.
    #[arg(long)]
    json: bool,
    /// Validate as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    now: Option<chrono::NaiveDate>,
    /// Batch files, message files, or directories of them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Messages read (those that do not parse too).
    pub read: usize,
    /// Messages written to the batch (or that would be, without --out-batch).
    pub sendable: usize,
    /// Messages refused: errors under the profile, or not readable as a message.
    pub refused: usize,
    /// Inputs that could not be read to their end.
    pub failed_inputs: usize,
}

impl Summary {
    /// The exit status: 2 an input failed, 1 a message was refused, 0 all sendable.
    pub fn status(&self) -> u8 {
        if self.failed_inputs > 0 {
            2
        } else if self.refused > 0 {
            1
        } else {
            0
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let stdout = io::stdout();
    match run(&args, &mut stdout.lock()) {
        Ok(summary) => ExitCode::from(summary.status()),
        Err(e) => {
            eprintln!("bulk: {e}");
            ExitCode::from(2)
        }
    }
}

/// Messages validated at once, per thread: enough to keep every core busy between two reads.
const CHUNK_PER_THREAD: usize = 512;

/// Runs the example; the summary (and the report, without `--report`) goes to `out`.
pub fn run(args: &Args, out: &mut dyn Write) -> io::Result<Summary> {
    let profile = load_profile(args)?;
    let mut validator = Validator::new(profile);
    if let Some(now) = args.now.and_then(|d| d.and_hms_opt(12, 0, 0)) {
        validator = validator.at(now);
    }
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.jobs {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().map_err(io::Error::other)?;
    let chunk = CHUNK_PER_THREAD * pool.current_num_threads();

    let files = expand(&args.inputs)?;
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let bar = progress(total, args.json);
    let mut inputs = Inputs::new(files);
    let mut batch = match &args.out_batch {
        Some(path) => Some(BatchWriter::new(BufWriter::new(
            File::create(path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?,
        ))),
        None => None,
    };
    let mut report_file = match &args.report {
        Some(path) => Some(BufWriter::new(File::create(path).map_err(|e| {
            io::Error::new(e.kind(), format!("{}: {e}", path.display()))
        })?)),
        None => None,
    };

    let started = Instant::now();
    let mut summary = Summary::default();
    let mut next = inputs.read_chunk(chunk, Vec::new());
    while !next.is_empty() {
        let current = std::mem::take(&mut next);
        // Read the next chunk while this one is validated.
        let (read, outcomes) = pool.install(|| {
            rayon::join(
                || inputs.read_chunk(chunk, Vec::new()),
                || {
                    current
                        .par_iter()
                        .map_init(
                            || {
                                let mut parser = er7::Parser::new(Limits::default());
                                parser.indexing = er7::Indexing::Segments;
                                parser
                            },
                            |parser, job| check(parser, &validator, job),
                        )
                        .collect::<Vec<_>>()
                },
            )
        });
        next = read;
        for (job, outcome) in current.iter().zip(outcomes) {
            summary.read += 1;
            let report: &mut dyn Write = match &mut report_file {
                Some(f) => f,
                None => &mut *out,
            };
            match outcome {
                Outcome::Sendable(span) => {
                    summary.sendable += 1;
                    if let Some(w) = &mut batch {
                        w.push(job.bytes.get(span).unwrap_or_default())?;
                    }
                }
                Outcome::Refused(refusal) => {
                    summary.refused += 1;
                    let file = inputs.files.get(job.file).map_or(Path::new("-"), |f| f);
                    write_refusal(report, args.json, file, job, &refusal)?;
                }
            }
        }
        bar.set_position(inputs.bytes_done());
    }
    bar.finish_and_clear();
    for (file, error) in inputs.failures.drain(..) {
        summary.failed_inputs += 1;
        eprintln!("bulk: {}: {error}", file.display());
    }
    if let Some(w) = batch {
        w.finish()?.flush()?;
    }
    if let Some(mut f) = report_file {
        f.flush()?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let rate = if seconds > 0.0 {
        summary.read as f64 / seconds
    } else {
        0.0
    };
    if args.json {
        let line = serde_json::json!({
            "summary": {
                "read": summary.read,
                "sendable": summary.sendable,
                "refused": summary.refused,
                "failed_inputs": summary.failed_inputs,
                "seconds": seconds,
                "messages_per_second": rate.round(),
                "profile": validator.profile().name,
            }
        });
        writeln!(out, "{line}")?;
    } else {
        writeln!(
            out,
            "{} messages read: {} sendable, {} refused{} ({:.2} s, {:.0} messages/s, profile {})",
            summary.read,
            summary.sendable,
            summary.refused,
            match summary.failed_inputs {
                0 => String::new(),
                n => format!(", {n} input(s) not read to the end"),
            },
            seconds,
            rate,
            validator.profile().name,
        )?;
    }
    Ok(summary)
}

fn load_profile(args: &Args) -> io::Result<Profile> {
    match &args.profile_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            // The error says the file, line and column, and what is wrong there.
            Profile::from_toml_str(&path.display().to_string(), &text)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))
        }
        None => validate::profile(&args.profile).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("no profile named `{}`", args.profile),
            )
        }),
    }
}

/// The files of the inputs: each file as given, each directory's files in name order.
fn expand(inputs: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", input.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn progress(total: u64, json: bool) -> indicatif::ProgressBar {
    if json || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// One message to check: which file, where in it, its bytes (or why it has none).
#[derive(Debug)]
struct Job {
    file: usize,
    position: Position,
    bytes: Vec<u8>,
    /// A message the reader could not hold (longer than the limit).
    unreadable: Option<er7::Error>,
}

/// What became of a message.
enum Outcome {
    /// Sendable: its own bytes (without what surrounds them in the file).
    Sendable(std::ops::Range<usize>),
    Refused(Refusal),
}

/// Why a message was refused: what the report says of it.
struct Refusal {
    control_id: Option<String>,
    /// Errors by rule id: where each occurred.
    errors: BTreeMap<String, Vec<String>>,
    /// The message could not be read as a message at all.
    unreadable: Option<String>,
}

fn check(parser: &mut er7::Parser, validator: &Validator, job: &Job) -> Outcome {
    let unreadable = |e: &er7::Error| {
        Outcome::Refused(Refusal {
            control_id: None,
            errors: BTreeMap::new(),
            unreadable: Some(e.clone().offset_by(job.position.offset).to_string()),
        })
    };
    if let Some(e) = &job.unreadable {
        return unreadable(e);
    }
    // Parsed and decoded as `model::Decoder` does, keeping the message's own span for the batch.
    let msg = match parser.parse(&job.bytes) {
        Ok(m) => m,
        Err(e) => return unreadable(&e),
    };
    let span = msg.span();
    let decoded = model::decode_parsed(&msg, &parser.limits);
    parser.recycle(msg);
    let report = validator.validate(&decoded);
    if report.is_sendable() {
        return Outcome::Sendable(span);
    }
    Outcome::Refused(Refusal {
        control_id: control_id(&decoded),
        errors: errors(&report),
        unreadable: None,
    })
}

fn control_id(decoded: &model::Decoded) -> Option<String> {
    let id = decoded.message.msh()?.message_control_id.as_ref()?.as_str();
    (!id.is_empty()).then(|| id.to_string())
}

/// The errors of a report by rule id, each with the places it was found.
fn errors(report: &Report) -> BTreeMap<String, Vec<String>> {
    let mut by_rule: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for issue in report.errors() {
        // `RXA-5`, `RXA-5 (#2 RXA)` in the second order, `message` for the message as a whole.
        by_rule
            .entry(issue.rule.to_string())
            .or_default()
            .push(issue.location.to_string());
    }
    by_rule
}

fn write_refusal(
    out: &mut dyn Write,
    json: bool,
    file: &Path,
    job: &Job,
    refusal: &Refusal,
) -> io::Result<()> {
    let p = job.position;
    if json {
        let line = serde_json::json!({
            "file": file.display().to_string(),
            "position": {"number": p.number, "offset": p.offset, "len": p.len},
            "control_id": refusal.control_id,
            "errors": refusal.errors,
            "unreadable": refusal.unreadable,
        });
        return writeln!(out, "{line}");
    }
    write!(
        out,
        "{}: {p}: control ID {}: ",
        file.display(),
        refusal.control_id.as_deref().unwrap_or("(none)")
    )?;
    if let Some(why) = &refusal.unreadable {
        return writeln!(out, "not readable: {why}");
    }
    let rules: Vec<String> = refusal
        .errors
        .iter()
        .map(|(rule, places)| format!("{rule} at {}", places.join(", ")))
        .collect();
    writeln!(out, "{}", rules.join("; "))
}

/// The input files, read one after another, message by message.
struct Inputs {
    files: Vec<PathBuf>,
    next_file: usize,
    reader: Option<(usize, BatchReader<BufReader<File>>)>,
    /// Bytes of the files read to their end.
    done: u64,
    failures: Vec<(PathBuf, String)>,
}

impl Inputs {
    fn new(files: Vec<PathBuf>) -> Inputs {
        Inputs {
            files,
            next_file: 0,
            reader: None,
            done: 0,
            failures: Vec::new(),
        }
    }

    fn bytes_done(&self) -> u64 {
        self.done
            + self
                .reader
                .as_ref()
                .map_or(0, |(_, r)| r.bytes_read() as u64)
    }

    /// Up to `n` messages, in input order (fewer only at the end of the inputs).
    fn read_chunk(&mut self, n: usize, mut jobs: Vec<Job>) -> Vec<Job> {
        while jobs.len() < n {
            let Some((file, reader)) = &mut self.reader else {
                let Some(path) = self.files.get(self.next_file) else {
                    break;
                };
                match File::open(path) {
                    Ok(f) => {
                        self.reader = Some((
                            self.next_file,
                            BatchReader::new(BufReader::with_capacity(64 << 10, f)),
                        ));
                    }
                    Err(e) => self.failures.push((path.clone(), e.to_string())),
                }
                self.next_file += 1;
                continue;
            };
            let file = *file;
            match reader.next_item() {
                Some(Ok(BatchItem::Message { position, bytes })) => jobs.push(Job {
                    file,
                    position,
                    bytes: bytes.to_vec(),
                    unreadable: None,
                }),
                Some(Ok(BatchItem::Envelope { .. })) => {}
                Some(Err(BatchReadError::Message { position, error })) => jobs.push(Job {
                    file,
                    position,
                    bytes: Vec::new(),
                    unreadable: Some(error),
                }),
                // A file with nothing in it is nothing to send.
                Some(Err(BatchReadError::Input(er7::Error::Empty))) => {}
                Some(Err(e)) => {
                    let path = self.files.get(file).cloned().unwrap_or_default();
                    self.failures.push((path, e.to_string()));
                }
                None => {
                    self.done += reader.bytes_read() as u64;
                    self.reader = None;
                }
            }
        }
        jobs
    }
}
