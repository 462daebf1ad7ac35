//! The statement rows, grouped by the segment they look at (so a segment meets only its own rows),
//! and the rows about data-type flavours.

use super::super::MessageProfile as P;
use super::orders;
use super::rules::*;
use super::{Check, Counter, Precision, Statement, Target};

const ANY: &[P] = &[];
const fn at(segment: &'static str, field: u16, component: u16) -> Target {
    Target::Field {
        segment,
        field,
        path: [component, 0],
    }
}
const fn row(rule: &'static super::Rule, target: Target, check: Check) -> Statement {
    Statement {
        rule,
        profiles: ANY,
        target,
        check,
    }
}
const fn row_in(
    rule: &'static super::Rule,
    profiles: &'static [P],
    target: Target,
    check: Check,
) -> Statement {
    Statement {
        rule,
        profiles,
        target,
        check,
    }
}

const Z34_NAME: &str = "Request Immunization History";
const Z44_NAME: &str = "Request Evaluated History and Forecast";
const CODING_SYSTEM: &str = "CDCPHINVS";

/// MSH: delimiters, message type, version, acknowledgement types and profile, per profile.
static MSH: &[Statement] = &[
    row(&IZ_12, at("MSH", 1, 0), Check::Equals("|")),
    row(&IZ_13, at("MSH", 2, 0), Check::Equals("^~\\&")),
    row(&IZ_15, at("MSH", 12, 1), Check::Equals("2.5.1")),
    row(&IZ_17, at("MSH", 9, 1), Check::Equals("VXU")),
    row(&IZ_17, at("MSH", 9, 2), Check::Equals("V04")),
    row(&IZ_17, at("MSH", 9, 3), Check::Equals("VXU_V04")),
    row(&IZ_51, at("MSH", 9, 1), Check::Equals("ACK")),
    row(&IZ_51, at("MSH", 9, 2), Check::OneOf(&["V04", "Q11"])),
    row(&IZ_51, at("MSH", 9, 3), Check::Equals("ACK")),
    row(&IZ_55, at("MSH", 9, 1), Check::Equals("QBP")),
    row(&IZ_55, at("MSH", 9, 2), Check::Equals("Q11")),
    row(&IZ_55, at("MSH", 9, 3), Check::Equals("QBP_Q11")),
    row(&IZ_59, at("MSH", 9, 1), Check::Equals("RSP")),
    row(&IZ_59, at("MSH", 9, 2), Check::Equals("K11")),
    row(&IZ_59, at("MSH", 9, 3), Check::Equals("RSP_K11")),
    row(&IZ_42, at("MSH", 15, 0), Check::Equals("ER")),
    row(&IZ_41, at("MSH", 16, 0), Check::Equals("AL")),
    row(&IZ_57, at("MSH", 15, 0), Check::Equals("ER")),
    row(&IZ_58, at("MSH", 16, 0), Check::Equals("AL")),
    row(&IZ_53, at("MSH", 15, 0), Check::Equals("NE")),
    row(&IZ_52, at("MSH", 16, 0), Check::Equals("NE")),
    row(&IZ_43, at("MSH", 21, 1), Check::Equals("Z22")),
    row(&IZ_43, at("MSH", 21, 2), Check::Equals(CODING_SYSTEM)),
    row(&IZ_54, at("MSH", 21, 1), Check::Equals("Z23")),
    row(&IZ_54, at("MSH", 21, 2), Check::Equals(CODING_SYSTEM)),
    row(&IZ_56, at("MSH", 21, 1), Check::Equals("Z34")),
    row(&IZ_56, at("MSH", 21, 2), Check::Equals(CODING_SYSTEM)),
    row(&IZ_64, at("MSH", 21, 1), Check::Equals("Z44")),
    row(&IZ_64, at("MSH", 21, 2), Check::Equals(CODING_SYSTEM)),
    row(&IZ_61, at("MSH", 21, 1), Check::Equals("Z31")),
    row(&IZ_61, at("MSH", 21, 2), Check::Equals(CODING_SYSTEM)),
    row(&IZ_60, at("MSH", 21, 1), Check::Equals("Z32")),
    row(&IZ_60, at("MSH", 21, 2), Check::Equals(CODING_SYSTEM)),
    row(&IZ_63, at("MSH", 21, 1), Check::Equals("Z33")),
    row(&IZ_63, at("MSH", 21, 2), Check::Equals(CODING_SYSTEM)),
    row(&IZ_65, at("MSH", 21, 1), Check::Equals("Z42")),
    row(&IZ_65, at("MSH", 21, 2), Check::Equals(CODING_SYSTEM)),
];

/// QPD: the query name per profile, and QPD-12's form.
static QPD: &[Statement] = &[
    row(&IZ_67, at("QPD", 1, 1), Check::Equals("Z34")),
    row(&IZ_67B, at("QPD", 1, 2), Check::Equals(Z34_NAME)),
    row(&IZ_67, at("QPD", 1, 3), Check::Equals(CODING_SYSTEM)),
    row(&IZ_68, at("QPD", 1, 1), Check::Equals("Z44")),
    row(&IZ_68B, at("QPD", 1, 2), Check::Equals(Z44_NAME)),
    row(&IZ_68, at("QPD", 1, 3), Check::Equals(CODING_SYSTEM)),
    row(&IZ_71, at("QPD", 1, 1), Check::OneOf(&["Z34", "Z44"])),
    row(
        &IZ_71B,
        at("QPD", 1, 2),
        Check::OneOf(&[Z34_NAME, Z44_NAME]),
    ),
    row(&IZ_71, at("QPD", 1, 3), Check::Equals(CODING_SYSTEM)),
    row(
        &IZ_TS,
        at("QPD", 12, 0),
        Check::Format(Precision::DayNoZone),
    ),
    row_in(
        &IZ_TS_NZ,
        &[P::Z32],
        at("QPD", 12, 0),
        Check::Format(Precision::DayNoZone),
    ),
];

static RCP: &[Statement] = &[row(&IZ_27, at("RCP", 1, 0), Check::Equals("I"))];

static PID: &[Statement] = &[
    row(&IZ_46, at("PID", 1, 0), Check::Equals("1")),
    row(&IZ_72, at("PID", 1, 0), Check::Sequential(Counter::Patient)),
];

static NK1: &[Statement] = &[row(
    &IZ_70,
    at("NK1", 1, 0),
    Check::Sequential(Counter::NextOfKin),
)];

static IN1: &[Statement] = &[row(
    &IZ_69,
    at("IN1", 1, 0),
    Check::Sequential(Counter::Insurance),
)];

static ORC: &[Statement] = &[row(&IZ_25, at("ORC", 1, 0), Check::Equals("RE"))];

static RXA: &[Statement] = &[
    row(&IZ_28, at("RXA", 1, 0), Check::Equals("0")),
    row(&IZ_29, at("RXA", 2, 0), Check::Equals("1")),
    row(&IZ_30, at("RXA", 4, 0), Check::Custom(orders::iz_30)),
    row(&IZ_48, at("RXA", 6, 0), Check::Custom(orders::iz_48)),
    row(&IZ_49, at("RXA", 6, 0), Check::Custom(orders::iz_49)),
    row(&IZ_31, at("RXA", 9, 1), Check::Custom(orders::iz_31)),
    row(&IZ_47, at("RXA", 9, 1), Check::Custom(orders::iz_47)),
    row(&IZ_32, at("RXA", 20, 0), Check::Custom(orders::iz_32)),
    row(&IZ_45, at("ORC", 3, 1), Check::Custom(orders::iz_45)),
    row(&IZ_23, at("RXA", 0, 0), Check::Custom(orders::group_start)),
    row(&IZ_24, at("RXA", 0, 0), Check::Custom(orders::group_start)),
];

static OBX: &[Statement] = &[
    row(
        &NIST_01,
        at("OBX", 1, 0),
        Check::Sequential(Counter::Observation),
    ),
    row(&IZ_44, at("OBX", 4, 0), Check::PositiveInteger),
    row(&IZ_22, at("OBX", 11, 0), Check::Equals("F")),
    row(
        &IZ_35,
        at("OBX", 5, 1),
        Check::CodedValue {
            observation: crate::model::domain::observation_codes::FUNDING_ELIGIBILITY,
            value_set: "HL70064_IZ",
        },
    ),
    row(
        &IZ_36,
        at("OBX", 5, 1),
        Check::CodedValue {
            observation: crate::model::domain::observation_codes::VIS_DOCUMENT_TYPE,
            value_set: "PHVS_VISBarcodes_IIS",
        },
    ),
    row(
        &IZ_37,
        at("OBX", 5, 1),
        Check::CodedValue {
            observation: crate::model::domain::observation_codes::VACCINE_TYPE,
            value_set: "CVX",
        },
    ),
    row(
        &IZ_23,
        at("OBX", 3, 1),
        Check::Custom(orders::group_observation),
    ),
    row(
        &IZ_24,
        at("OBX", 4, 0),
        Check::Custom(orders::group_observation),
    ),
];

/// The statements about data-type flavours: every field or component declared with the flavour.
pub(super) static FLAVOURS: &[Statement] = &[
    row(&IZ_5, flavour("HD_IZ", 2, 0), Check::IsoOid),
    row(&IZ_6, flavour("HD_IZ", 3, 0), Check::Equals("ISO")),
    row(&IZ_3, flavour("EI_IZ", 3, 0), Check::IsoOid),
    row(&IZ_4, flavour("EI_IZ", 4, 0), Check::Equals("ISO")),
    row(&IZ_1, flavour("CQ_IZ", 1, 0), Check::PositiveInteger),
    row(&IZ_2, flavour("CQ_IZ", 2, 1), Check::Equals("RD")),
    row(&IZ_66, flavour("XPN_M", 7, 0), Check::Equals("M")),
    row(
        &IZ_TS_Z,
        flavour("TS_Z", 0, 0),
        Check::Format(Precision::SecondWithZone),
    ),
    row(
        &IZ_TS_NZ,
        flavour("TS_NZ", 0, 0),
        Check::Format(Precision::DayNoZone),
    ),
    row(
        &IZ_TS_M,
        flavour("TS_M", 0, 0),
        Check::Format(Precision::MonthNoZone),
    ),
    row(
        &IZ_DT_D,
        flavour("DT_D", 0, 0),
        Check::Format(Precision::Day),
    ),
];

const fn flavour(datatype: &'static str, component: u16, subcomponent: u16) -> Target {
    Target::Flavour {
        datatype,
        path: [component, subcomponent],
    }
}

/// Every statement row, segment by segment, then the flavour rows.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) static STATEMENTS: &[&[Statement]] =
    &[MSH, QPD, RCP, PID, NK1, IN1, ORC, RXA, OBX, FLAVOURS];

/// The rows about segment `id`.
pub(super) fn of_segment(id: &str) -> &'static [Statement] {
    match id {
        "MSH" => MSH,
        "QPD" => QPD,
        "RCP" => RCP,
        "PID" => PID,
        "NK1" => NK1,
        "IN1" => IN1,
        "ORC" => ORC,
        "RXA" => RXA,
        "OBX" => OBX,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_row_and_every_row_a_catalogued_rule() {
        let rows: Vec<&Statement> = STATEMENTS.iter().flat_map(|g| g.iter()).collect();
        for rule in RULES {
            assert!(
                rows.iter().any(|r| std::ptr::eq(r.rule, *rule)),
                "{} has no statement row",
                rule.id
            );
        }
        for row in &rows {
            assert!(
                RULES.iter().any(|r| std::ptr::eq(*r, row.rule)),
                "{} is not in the catalogue",
                row.rule.id
            );
        }
    }

    #[test]
    fn rows_are_met_at_their_segment() {
        for group in STATEMENTS {
            for row in group.iter() {
                if let Target::Field { segment, .. } = row.target
                    && row.rule.id != "IZ-45"
                {
                    assert!(
                        of_segment(segment).iter().any(|r| std::ptr::eq(r, row)),
                        "{} ({segment}) is not met at {segment}",
                        row.rule.id
                    );
                }
            }
        }
    }

    #[test]
    fn row_profiles_are_within_the_rule_profiles() {
        for group in STATEMENTS {
            for row in group.iter() {
                for p in row.profiles {
                    assert!(row.rule.applies_to(Some(*p)), "{} in {p}", row.rule.id);
                }
            }
        }
    }
}
