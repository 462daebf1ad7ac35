//! The example programs: each has `--help` and refuses an unknown flag (they parse their arguments
//! with clap), and the cookbook examples do what their names say.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

macro_rules! example {
    ($name:ident, $path:literal) => {
        #[allow(dead_code)]
        #[path = $path]
        mod $name;
    };
}

example!(build_vxu, "../examples/build_vxu.rs");
example!(codes, "../examples/codes.rs");
example!(refresh_codesets, "../examples/refresh_codesets.rs");
example!(cookbook_build_vxu, "../examples/cookbook-build-vxu.rs");
example!(cookbook_read_vxu, "../examples/cookbook-read-vxu.rs");
example!(
    cookbook_read_any_input,
    "../examples/cookbook-read-any-input.rs"
);
example!(
    cookbook_look_up_codes,
    "../examples/cookbook-look-up-codes.rs"
);
example!(
    cookbook_refresh_code_sets,
    "../examples/cookbook-refresh-code-sets.rs"
);
example!(inspect, "../examples/inspect.rs");
example!(
    cookbook_is_vxu_sendable,
    "../examples/cookbook-is-vxu-sendable.rs"
);
example!(cookbook_read_ack, "../examples/cookbook-read-ack.rs");
example!(
    cookbook_query_forecast,
    "../examples/cookbook-query-forecast.rs"
);
example!(query, "../examples/query.rs");
example!(ack, "../examples/ack.rs");
example!(reconcile, "../examples/reconcile.rs");
example!(response, "../examples/response.rs");
example!(validate, "../examples/validate.rs");
example!(onboard, "../examples/onboard.rs");
example!(send, "../examples/send.rs");
example!(registry, "../examples/registry/main.rs");
example!(bulk, "../examples/bulk.rs");

use clap::{CommandFactory, Parser, error::ErrorKind};
use izmsg::model::{self, Message};

/// `--help` shows help, an unknown flag is an error, and the declaration is sound.
fn check_cli<C: Parser + CommandFactory>(name: &str, required: &[&str]) {
    C::command().debug_assert();
    let with = |extra: &str| {
        let mut args = vec![name];
        args.extend_from_slice(required);
        args.push(extra);
        C::try_parse_from(args)
    };
    let help = with("--help")
        .err()
        .unwrap_or_else(|| panic!("{name}: --help parsed"));
    assert_eq!(help.kind(), ErrorKind::DisplayHelp, "{name}");
    let unknown = with("--no-such-flag")
        .err()
        .unwrap_or_else(|| panic!("{name}: unknown flag accepted"));
    assert_eq!(unknown.kind(), ErrorKind::UnknownArgument, "{name}");
}

#[test]
fn every_example_has_help_and_refuses_unknown_flags() {
    check_cli::<build_vxu::Cli>("build_vxu", &[]);
    check_cli::<codes::Cli>("codes", &["cvx", "208"]);
    check_cli::<refresh_codesets::Options>("refresh_codesets", &["DIR"]);
    check_cli::<inspect::Cli>("inspect", &[]);
    check_cli::<cookbook_build_vxu::Cli>("cookbook-build-vxu", &[]);
    check_cli::<cookbook_read_vxu::Cli>("cookbook-read-vxu", &[]);
    check_cli::<cookbook_read_any_input::Cli>("cookbook-read-any-input", &["FILE"]);
    check_cli::<cookbook_look_up_codes::Cli>("cookbook-look-up-codes", &[]);
    check_cli::<cookbook_refresh_code_sets::Cli>("cookbook-refresh-code-sets", &[]);
    check_cli::<query::Args>("query", &[]);
    check_cli::<reconcile::Args>("reconcile", &[]);
    check_cli::<response::Args>("response", &[]);
    check_cli::<send::Args>("send", &[]);
    check_cli::<registry::Args>("registry", &[]);
    check_cli::<validate::Args>("validate", &[]);
    check_cli::<onboard::Cli>("onboard", &[]);
    check_cli::<cookbook_is_vxu_sendable::Cli>("cookbook-is-vxu-sendable", &[]);
    check_cli::<cookbook_read_ack::Cli>("cookbook-read-ack", &[]);
    check_cli::<cookbook_query_forecast::Cli>("cookbook-query-forecast", &[]);
    check_cli::<ack::Args>("ack", &["FILE"]);
    check_cli::<bulk::Args>("bulk", &["DIR"]);
    // Every example is checked here: a file `examples/NAME.rs`, or a directory with a `main.rs`.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let on_disk = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            let path = e.as_ref().unwrap().path();
            // Scratch programs of one's own (`scratch_*.rs`, git-ignored) are not examples.
            (path.extension().is_some_and(|x| x == "rs") || path.join("main.rs").is_file())
                && !path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("scratch_"))
        })
        .count();
    assert_eq!(on_disk, 21, "an example without a CLI check");
}

#[test]
fn cookbook_build_vxu_sends_the_unit_of_use_and_the_vis_in_force() {
    let bytes = cookbook_build_vxu::vxu().unwrap();
    let decoded = model::decode(&bytes).unwrap();
    assert!(decoded.issues.is_empty(), "{:?}", decoded.issues);
    let Message::Vxu(vxu) = decoded.message else {
        panic!()
    };
    let dose = &vxu.vaccinations()[0];
    assert_eq!(dose.vaccine.as_ref().unwrap().primary.code, "49281-0421-88");
    assert_eq!(dose.amount.as_ref().unwrap().to_string(), "0.5 mL");
    assert_eq!(dose.lots, ["UT7012AA"]);
    assert_eq!(dose.vis.len(), 1);
}

#[test]
fn cookbook_read_vxu_prints_the_patient_and_the_doses() {
    let mut out = Vec::new();
    cookbook_read_vxu::run(cookbook_read_vxu::SAMPLE, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out,
        "patient: Jane Doe\nborn: 2023-08-01\n2024-03-15: 20 DTaP (CVX) (Administered)\n  amount: 0.5 mL\n"
    );
    let mut out = Vec::new();
    cookbook_read_vxu::run(&common::own("vxu/002-historical-and-refusal.hl7"), &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("Refused"));
    assert!(cookbook_read_vxu::run(&common::own("ack/001-accepted.hl7"), &mut Vec::new()).is_err());
}

#[test]
fn cookbook_read_any_input_lists_every_message_with_its_position() {
    let run = |name: &str| {
        let mut out = Vec::new();
        let failed = cookbook_read_any_input::run(&common::own(name), &mut out).unwrap();
        (failed, String::from_utf8(out).unwrap())
    };
    let (failed, out) = run("mllp/001-two-frames.hl7");
    assert_eq!(failed, 0);
    assert!(
        out.starts_with("message 1 (bytes 1..139, MLLP frame 1): ACK ACK-M001"),
        "{out}"
    );
    let (failed, out) = run("batch/001-two-vxu.hl7");
    assert_eq!((failed, out.lines().count()), (0, 2), "{out}");
    let (failed, out) = run("odd/008-msh2-too-short.hl7");
    assert_eq!(failed, 1);
    assert!(out.starts_with("error: message 1 (bytes 0.."), "{out}");
}

#[test]
fn cookbook_look_up_codes_answers() {
    let cli = cookbook_look_up_codes::Cli::try_parse_from(["x"]).unwrap();
    let mut out = Vec::new();
    cookbook_look_up_codes::run(&cli, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("send its unit of use 49281-0421-88"), "{out}");
    assert!(out.contains("made by MVX PMC"), "{out}");
    assert!(out.contains("VIS on 2024-10-01: Influenza"), "{out}");
}

#[test]
fn cookbook_refresh_code_sets_loads_downloads_over_the_tables() {
    let cli = cookbook_refresh_code_sets::Cli::try_parse_from(["x"]).unwrap();
    let mut out = Vec::new();
    let codes = cookbook_refresh_code_sets::run(&cli.dir, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.lines().filter(|l| l.contains(" rows read")).count() >= 10,
        "{out}"
    );
    assert!(codes.cvx("208").is_some());
}

#[test]
fn cookbook_is_vxu_sendable_names_the_dose_and_the_fix() {
    let mut out = Vec::new();
    let sendable =
        cookbook_is_vxu_sendable::run(cookbook_is_vxu_sendable::SAMPLE, "cdc", &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(!sendable);
    assert!(text.starts_with("not sendable"), "{text}");
    assert!(text.contains("dose 1: NOT sendable"), "{text}");
    assert!(
        text.contains(
            "Substance Lot Number (RXA-15) is missing for the DTaP dose given on 2024-03-15"
        ),
        "{text}"
    );
    // The patient's sex is a message-level problem: it holds back every dose.
    assert!(text.contains("all doses: error"), "{text}");
    assert!(
        !text.contains("Doe") && !text.contains("20230801"),
        "{text}"
    );
}

#[test]
fn cookbook_read_ack_gives_each_dose_its_state() {
    let mut out = Vec::new();
    cookbook_read_ack::run(cookbook_read_ack::SENT, cookbook_read_ack::ACK, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("the DTaP dose given on 2024-03-15: Reported"),
        "{text}"
    );
    assert!(text.contains("(vaccination 2): Not Reported"), "{text}");
    assert!(text.contains("Vaccine code not recognized"), "{text}");
}

#[test]
fn cookbook_query_forecast_builds_a_z44_and_reads_the_forecast() {
    let q = cookbook_query_forecast::query().unwrap();
    let q = String::from_utf8(q).unwrap();
    assert!(q.contains("|QBP^Q11^QBP_Q11|"), "{q}");
    assert!(
        q.contains("\rQPD|Z44^Request Evaluated History and Forecast^CDCPHINVS|"),
        "{q}"
    );
    let mut out = Vec::new();
    let on = chrono::NaiveDate::from_ymd_opt(2024, 3, 16).unwrap();
    cookbook_query_forecast::run(cookbook_query_forecast::Z42, on, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("DTAP"), "{text}");
    assert!(text.contains("due now"), "{text}");
    assert!(text.contains("due 2024-03-15 overdue 2024-04-15"), "{text}");
}
