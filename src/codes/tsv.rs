//! Writes the CDC tables of a [`CodeSets`] back as `codesets/*.tsv` files, in
//! the layout of `schema.rs` that `build.rs` compiles. The `refresh_codesets`
//! example uses it to turn a folder of CDC downloads into the crate's tables.
//!
//! Writing the embedded tables gives the files they were compiled from, byte
//! for byte (the crate's tests check this).

use chrono::NaiveDate;

use super::cdc_formats::clean;
use super::generated;
use super::ndc::NdcUnit;
use super::provenance::CdcTable;
use super::schema;
use super::{CodeSets, Text};

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn flag(b: Option<bool>) -> String {
    b.and_then(|b| schema::BOOL_WORDS.get(usize::from(b)))
        .map(|w| w.to_string())
        .unwrap_or_default()
}

fn text(t: &Text) -> String {
    if t.contains(['\t', '\n', '\r']) {
        clean(t)
    } else {
        t.to_string()
    }
}

fn write(out: &mut String, cells: &[String]) {
    out.push_str(&cells.join("\t"));
    out.push('\n');
}

impl CodeSets {
    /// The TSV file (`codesets/<table>.tsv`) of one CDC table, header included.
    ///
    /// ```
    /// use izmsg::codes::{CdcTable, CodeSets};
    /// let tsv = CodeSets::embedded().to_tsv(CdcTable::Mvx);
    /// assert!(tsv.starts_with("mvx\tname\tnotes\tstatus\tlast_updated\n"));
    /// assert!(tsv.lines().any(|l| l.starts_with("PFR\tPfizer, Inc\t")));
    /// ```
    pub fn to_tsv(&self, table: CdcTable) -> String {
        let mut out = String::new();
        out.push_str(&table.columns().join("\t"));
        out.push('\n');
        match table {
            CdcTable::Cvx => {
                for r in self.cvx_rows() {
                    write(
                        &mut out,
                        &[
                            text(&r.cvx),
                            text(&r.short_description),
                            text(&r.full_name),
                            text(&r.notes),
                            r.status.as_str().to_string(),
                            flag(r.non_vaccine),
                            date(r.last_updated),
                        ],
                    );
                }
            }
            CdcTable::Mvx => {
                for r in self.mvx_rows() {
                    write(
                        &mut out,
                        &[
                            text(&r.mvx),
                            text(&r.name),
                            text(&r.notes),
                            r.status.as_str().to_string(),
                            date(r.last_updated),
                        ],
                    );
                }
            }
            CdcTable::Tradename => {
                for r in self.tradename_rows() {
                    write(
                        &mut out,
                        &[
                            text(&r.product_name),
                            text(&r.short_description),
                            text(&r.cvx),
                            text(&r.manufacturer),
                            text(&r.mvx),
                            r.mvx_status.as_str().to_string(),
                            r.status.as_str().to_string(),
                            date(r.last_updated),
                        ],
                    );
                }
            }
            CdcTable::VaccineGroup => {
                for r in self.vaccine_group_rows() {
                    write(
                        &mut out,
                        &[text(&r.cvx), text(&r.group_name), text(&r.group_cvx)],
                    );
                }
            }
            CdcTable::Vis => {
                for r in self.vis_rows() {
                    write(
                        &mut out,
                        &[
                            text(&r.vis_encoded),
                            text(&r.gdti),
                            text(&r.document_name),
                            date(Some(r.edition_date)),
                            r.status.as_str().to_string(),
                            date(r.last_updated),
                        ],
                    );
                }
            }
            CdcTable::VisUrl => {
                for r in self.vis_url_rows() {
                    write(
                        &mut out,
                        &[
                            text(&r.gdti),
                            text(&r.document_name),
                            text(&r.pdf_url),
                            text(&r.html_url),
                        ],
                    );
                }
            }
            CdcTable::CvxVis => {
                for r in self.cvx_vis_rows() {
                    write(&mut out, &[text(&r.cvx), text(&r.vis_encoded)]);
                }
            }
            CdcTable::Cpt => {
                for r in self.cpt_rows() {
                    write(
                        &mut out,
                        &[
                            text(&r.cpt),
                            text(&r.description),
                            text(&r.status),
                            text(&r.comments),
                            text(&r.vaccine_name),
                            text(&r.cvx),
                            date(r.last_updated),
                        ],
                    );
                }
            }
            CdcTable::NdcSale | CdcTable::NdcUse => {
                let unit = if table == CdcTable::NdcSale {
                    NdcUnit::Sale
                } else {
                    NdcUnit::Use
                };
                for r in self.ndc_rows().iter().filter(|r| r.unit == unit) {
                    write(
                        &mut out,
                        &[
                            r.row_id.to_string(),
                            text(&r.ndc11),
                            text(&r.labeler_code),
                            text(&r.product_code),
                            text(&r.package_code),
                            text(&r.proprietary_name),
                            text(&r.generic_name),
                            text(&r.labeler),
                            date(r.start_date),
                            date(r.end_date),
                            text(&r.package_form),
                            text(&r.route),
                            text(&r.unit_gtin),
                            text(&r.cvx),
                            text(&r.cvx_description),
                            flag(r.no_inner),
                            text(&r.gtin),
                            date(r.last_updated),
                            flag(Some(r.retired)),
                        ],
                    );
                }
            }
            CdcTable::NdcLink => {
                for r in self.ndc_link_rows() {
                    write(
                        &mut out,
                        &[
                            r.linker_id.to_string(),
                            r.sale_row_id.to_string(),
                            r.use_row_id.to_string(),
                            text(&r.mvx),
                            flag(Some(r.retired)),
                        ],
                    );
                }
            }
        }
        out
    }

    /// The `codesets/as_of.tsv` file, with the as-of dates of this
    /// `CodeSets` for the CDC tables (value-set rows as embedded).
    pub fn as_of_tsv(&self) -> String {
        let mut out = String::new();
        out.push_str(&schema::AS_OF.join("\t"));
        out.push('\n');
        for p in generated::PROVENANCE.iter() {
            let as_of = CdcTable::from_name(p.dataset)
                .map(|t| self.table_as_of(t))
                .unwrap_or(p.as_of);
            write(
                &mut out,
                &[
                    p.dataset.to_string(),
                    p.files.join(" "),
                    p.publisher.to_string(),
                    date(Some(as_of)),
                    p.source.to_string(),
                ],
            );
        }
        out
    }
}
