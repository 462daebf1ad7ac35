//! Layout of the `codesets/*.tsv` files: file names, column names and the
//! closed word lists (status words) the tables may use.
//!
//! This file is the single description of that layout. `build.rs` includes it
//! (with `#[path]`) to check and compile the tables, and the TSV writer of the
//! library ([`CodeSets::to_tsv`](super::CodeSets::to_tsv)) uses it to write
//! them back, so a table the crate writes is always a table it can compile.
//! It must stay free of dependencies (plain `std`), because the build script
//! has none.

/// Columns of `cvx.tsv` (one row per CVX code).
pub const CVX: &[&str] = &[
    "cvx",
    "short_description",
    "full_name",
    "notes",
    "status",
    "non_vaccine",
    "last_updated",
];

/// Columns of `mvx.tsv` (one row per MVX manufacturer code).
pub const MVX: &[&str] = &["mvx", "name", "notes", "status", "last_updated"];

/// Columns of `tradename.tsv` (one row per product name, CVX and MVX).
pub const TRADENAME: &[&str] = &[
    "product_name",
    "short_description",
    "cvx",
    "manufacturer",
    "mvx",
    "mvx_status",
    "status",
    "last_updated",
];

/// Columns of `vaccine_group.tsv` (one row per CVX and vaccine group).
pub const VACCINE_GROUP: &[&str] = &["cvx", "group_name", "group_cvx"];

/// Columns of `vis.tsv` (one row per VIS document edition).
pub const VIS: &[&str] = &[
    "vis_encoded",
    "gdti",
    "document_name",
    "edition_date",
    "status",
    "last_updated",
];

/// Columns of `vis_url.tsv` (one row per VIS document type).
pub const VIS_URL: &[&str] = &["gdti", "document_name", "pdf_url", "html_url"];

/// Columns of `cvx_vis.tsv` (one row per CVX and VIS document edition).
pub const CVX_VIS: &[&str] = &["cvx", "vis_encoded"];

/// Columns of `cpt.tsv` (one row per CPT code and CVX code).
pub const CPT: &[&str] = &[
    "cpt",
    "description",
    "status",
    "comments",
    "vaccine_name",
    "cvx",
    "last_updated",
];

/// Columns of `ndc_sale.tsv` and `ndc_use.tsv` (one row per CDC NDC row id).
/// `route` is only valued for units of sale, `unit_gtin` and `no_inner` only
/// for units of use.
pub const NDC: &[&str] = &[
    "row_id",
    "ndc11",
    "labeler_code",
    "product_code",
    "package_code",
    "proprietary_name",
    "generic_name",
    "labeler",
    "start_date",
    "end_date",
    "package_form",
    "route",
    "unit_gtin",
    "cvx",
    "cvx_description",
    "no_inner",
    "gtin",
    "last_updated",
    "retired",
];

/// Columns of `ndc_link.tsv` (CDC NDC linker: unit of sale <-> unit of use, MVX).
pub const NDC_LINK: &[&str] = &["linker_id", "sale_row_id", "use_row_id", "mvx", "retired"];

/// Columns of `valuesets.tsv` (one row per value set).
pub const VALUESETS: &[&str] = &[
    "value_set",
    "aliases",
    "title",
    "members",
    "code_system",
    "extensible",
    "source",
];

/// Columns of `valueset_codes.tsv` (one row per value set and code).
pub const VALUESET_CODES: &[&str] = &["value_set", "code", "meaning", "code_system", "status"];

/// Columns of `as_of.tsv` (one row per data set: its publisher, as-of date and source).
pub const AS_OF: &[&str] = &["dataset", "files", "publisher", "as_of", "source"];

/// The CDC tables, in the order of `CdcTable::ALL`: (data set id, file name, columns).
/// The data set id is also the table's row key in `as_of.tsv`.
pub const CDC_TABLES: &[(&str, &str, &[&str])] = &[
    ("cvx", "cvx.tsv", CVX),
    ("mvx", "mvx.tsv", MVX),
    ("tradename", "tradename.tsv", TRADENAME),
    ("vaccine_group", "vaccine_group.tsv", VACCINE_GROUP),
    ("vis", "vis.tsv", VIS),
    ("vis_url", "vis_url.tsv", VIS_URL),
    ("cvx_vis", "cvx_vis.tsv", CVX_VIS),
    ("cpt", "cpt.tsv", CPT),
    ("ndc_sale", "ndc_sale.tsv", NDC),
    ("ndc_use", "ndc_use.tsv", NDC),
    ("ndc_link", "ndc_link.tsv", NDC_LINK),
];

/// CDC CVX status words, in the order of `CvxStatus::ALL`.
pub const CVX_STATUS_WORDS: &[&str] = &["Active", "Inactive", "Non-US", "Never Active", "Pending"];

/// CDC status words of MVX codes and trade names, in the order of `Status::ALL`.
pub const STATUS_WORDS: &[&str] = &["Active", "Inactive"];

/// CDC VIS edition status words, in the order of `VisStatus::ALL`.
pub const VIS_STATUS_WORDS: &[&str] = &["Current", "Historic"];

/// Value-set code status words, in the order of `CodeStatus::ALL`.
pub const CODE_STATUS_WORDS: &[&str] = &["active", "deprecated", "local"];

/// Boolean words used by the tables (`true`, `false`; an empty cell means "not stated").
pub const BOOL_WORDS: &[&str] = &["false", "true"];

/// The `members` words of `valuesets.tsv` other than `listed` and `union:A,B`:
/// value sets whose members are a CDC table, as (word, index into `CDC_TABLES`).
pub const VALUESET_TABLE_MEMBERS: &[(&str, usize)] = &[
    ("cvx", 0),
    ("mvx", 1),
    ("vis", 4),
    ("cvx_vis", 6),
    ("ndc_sale", 8),
    ("ndc_use", 9),
];

/// `members` word of a value set whose codes are listed in `valueset_codes.tsv`.
pub const VALUESET_LISTED: &str = "listed";

/// Prefix of the `members` word of a value set that is the union of others
/// (`union:CDCREC_R_IZ,CDCREC_E_IZ`).
pub const VALUESET_UNION_PREFIX: &str = "union:";
