//! The domain view round trip: domain values built into a VXU, encoded, decoded and read back are the
//! same values, for arbitrary patients, next of kin and vaccinations of every kind (text with
//! delimiters, escape characters, line breaks and non-ASCII; dates of every precision; VIS lists,
//! observations ...). The builder writes the same bytes straight from the values as through the typed message.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{DateTime, NaiveDate, NaiveTime};
use izmsg::model::domain::*;
use izmsg::model::types::Precision;
use izmsg::model::{self, Message};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Text as people type it, and as it should not break a message.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(r#"[A-Za-z0-9 .,'"\-|^~\\&\r\néüñ漢字😀]{1,12}"#)
        .unwrap()
        .prop_filter("the HL7 null", |s| s != "\"\"")
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    option::of(text())
}

fn digits() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9]{1,7}").unwrap()
}

/// A code none of the closed lists has.
fn unlisted() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[A-Z]{4,6}").unwrap()
}

macro_rules! code_list_strategy {
    ($name:ident: $ty:ident [$($v:ident),*]) => {
        fn $name() -> impl Strategy<Value = $ty> {
            prop_oneof![
                $( Just($ty::$v), )*
                unlisted().prop_map($ty::Unlisted),
            ]
        }
    };
}

code_list_strategy!(sex: Sex [Female, Male, Unknown]);
code_list_strategy!(name_type: NameType [Alias, Birth, Adopted, Display, Legal, Maiden, Partner, Unspecified]);
code_list_strategy!(address_type: AddressType [Home, Mailing, Permanent, Legal, BirthDeliveryLocation, Bad]);
code_list_strategy!(telecom_use: TelecomUse [PrimaryResidence, Work, Email, Emergency]);
code_list_strategy!(equipment: TelecomEquipment [Telephone, Cellular, Internet, X400, Fax]);
code_list_strategy!(registry_status: RegistryStatus [Active, Inactive, LostToFollowUp, MovedOrGoneElsewhere, PermanentlyInactive, Unknown]);
code_list_strategy!(action: ActionCode [Add, Update, Delete]);
code_list_strategy!(source: HistoricalSource [Unspecified, OtherProvider, ParentWrittenRecord, ParentRecall, OtherRegistry, BirthCertificate, SchoolRecord, PublicAgency]);
code_list_strategy!(refusal: RefusalReason [ParentalDecision, ReligiousExemption, Other, PatientDecision]);

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn precision() -> impl Strategy<Value = Precision> {
    prop_oneof![
        Just(Precision::Year),
        Just(Precision::Month),
        Just(Precision::Day),
        Just(Precision::Hour),
        Just(Precision::Minute),
        Just(Precision::Second),
        Just(Precision::Fraction),
    ]
}

/// A timestamp as a sender could write it: nothing below its precision.
fn timestamp() -> BoxedStrategy<Timestamp> {
    (
        date(),
        (0u32..24, 0u32..60, 0u32..60, 0u32..10_000),
        precision(),
        option::of((any::<bool>(), 0i32..=14, 0i32..60)),
    )
        .prop_map(|(d, (h, mi, s, frac), p, offset)| {
            use chrono::Datelike;
            let date = NaiveDate::from_ymd_opt(
                d.year(),
                if p >= Precision::Month { d.month() } else { 1 },
                if p >= Precision::Day { d.day() } else { 1 },
            )
            .unwrap();
            let time = (p >= Precision::Hour).then(|| {
                NaiveTime::from_hms_nano_opt(
                    h,
                    if p >= Precision::Minute { mi } else { 0 },
                    if p >= Precision::Second { s } else { 0 },
                    if p >= Precision::Fraction {
                        frac * 100_000
                    } else {
                        0
                    },
                )
                .unwrap()
            });
            Timestamp {
                date,
                time,
                offset_minutes: offset
                    .map(|(neg, hh, mm)| (hh * 60 + mm) * if neg { -1 } else { 1 }),
                precision: p,
            }
        })
        .boxed()
}

fn coded() -> BoxedStrategy<Coded> {
    (text(), opt_text(), opt_text())
        .prop_map(|(code, text, system)| Coded { code, text, system })
        .boxed()
}

fn namespace() -> BoxedStrategy<Namespace> {
    prop_oneof![
        text().prop_map(Namespace::local),
        text().prop_map(Namespace::oid),
        (text(), text()).prop_map(|(l, o)| Namespace::both(l, o)),
    ]
    .boxed()
}

fn identifier() -> BoxedStrategy<Identifier> {
    (text(), option::of(namespace()), opt_text())
        .prop_map(|(id, authority, id_type)| Identifier {
            id,
            authority,
            id_type,
        })
        .boxed()
}

fn name() -> BoxedStrategy<PersonName> {
    (
        text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        option::of(name_type()),
    )
        .prop_map(
            |(family, given, middle, suffix, prefix, name_type)| PersonName {
                family,
                given,
                middle,
                suffix,
                prefix,
                name_type,
            },
        )
        .boxed()
}

fn address() -> BoxedStrategy<Address> {
    (
        (opt_text(), opt_text(), opt_text(), opt_text()),
        (opt_text(), opt_text(), address_type(), opt_text()),
    )
        .prop_map(
            |((street, other_designation, city, state), (zip, country, t, county))| Address {
                street,
                other_designation,
                city,
                state,
                zip,
                country,
                address_type: Some(t),
                county,
            },
        )
        .boxed()
}

fn telecom() -> BoxedStrategy<Telecom> {
    (
        telecom_use(),
        option::of(equipment()),
        opt_text(),
        option::of(digits()),
        option::of(digits()),
        option::of(digits()),
        option::of(digits()),
    )
        .prop_map(
            |(u, equipment, email, country_code, area_code, local_number, extension)| Telecom {
                use_code: Some(u),
                equipment,
                email,
                country_code,
                area_code,
                local_number,
                extension,
            },
        )
        .boxed()
}

fn dated<T: std::fmt::Debug + Clone>(
    value: impl Strategy<Value = T>,
) -> impl Strategy<Value = Dated<T>> {
    (value, option::of(date())).prop_map(|(value, since)| Dated { value, since })
}

fn patient() -> BoxedStrategy<Patient> {
    (
        (
            vec(identifier(), 1..3),
            vec(name(), 1..3),
            option::of(name()),
            option::of(timestamp()),
        ),
        (
            option::of(sex()),
            vec(coded(), 0..3),
            option::of(coded()),
            vec(address(), 0..3),
        ),
        (
            vec(telecom(), 0..3),
            option::of(any::<bool>()),
            option::of(0u32..20),
            option::of(any::<bool>()),
        ),
        (
            option::of(timestamp()),
            option::of(dated(registry_status())),
            option::of(dated(coded())),
            option::of(dated(any::<bool>())),
        ),
    )
        .prop_map(
            |(
                (identifiers, names, mothers_maiden_name, birth),
                (sex, races, ethnicity, addresses),
                (telecoms, multiple_birth, birth_order, deceased),
                (death, registry_status, publicity, protection),
            )| Patient {
                identifiers,
                names,
                mothers_maiden_name,
                birth,
                sex,
                races,
                ethnicity,
                addresses,
                telecoms,
                multiple_birth,
                birth_order,
                deceased,
                death,
                registry_status,
                publicity,
                protection,
            },
        )
        .boxed()
}

fn next_of_kin() -> BoxedStrategy<NextOfKin> {
    (
        vec(name(), 1..3),
        option::of(coded()),
        vec(address(), 0..2),
        vec(telecom(), 0..2),
    )
        .prop_map(|(names, relationship, addresses, telecoms)| NextOfKin {
            names,
            relationship,
            addresses,
            telecoms,
        })
        .boxed()
}

fn provider() -> BoxedStrategy<Provider> {
    prop_oneof![
        identifier().prop_map(Provider::with_id),
        name().prop_map(Provider::named),
        (identifier(), name()).prop_map(|(i, n)| Provider::with_id(i).with_name(n)),
    ]
    .boxed()
}

fn order_id() -> BoxedStrategy<OrderId> {
    (text(), option::of(namespace()))
        .prop_filter("the refusal placeholder", |(id, _)| id.trim() != "9999")
        .prop_map(|(id, assigner)| OrderId { id, assigner })
        .boxed()
}

fn amount() -> BoxedStrategy<Amount> {
    (
        (0u32..100_000).prop_filter("999 means unknown", |n| *n != 99_900),
        option::of(coded()),
    )
        .prop_map(|(n, units)| Amount {
            value: Decimal::new(u64::from(n), 2).unwrap(),
            units,
        })
        .boxed()
}

fn vis() -> BoxedStrategy<Vis> {
    prop_oneof![
        (coded(), option::of(date()), option::of(date())).prop_map(|(c, edition, presented)| Vis {
            document: Some(VisDocumentId::Barcode(c)),
            edition,
            presented,
        }),
        (coded(), date(), option::of(date())).prop_map(|(c, edition, presented)| Vis {
            document: Some(VisDocumentId::VaccineType(c)),
            edition: Some(edition),
            presented,
        }),
        (option::of(date()), date()).prop_map(|(edition, presented)| Vis {
            document: None,
            edition,
            presented: Some(presented),
        }),
    ]
    .boxed()
}

/// OBX-3 codes of Z42 evaluations and forecasts.
const EVALUATION_CODES: &[&str] = &[
    "30956-7", "30973-2", "30979-9", "30980-7", "30981-5", "30982-3", "59777-3", "59778-1",
    "59779-9", "59780-7", "59781-5", "59782-3", "59783-1", "46249-9", "46250-7", "48767-8",
];

fn observation_value() -> BoxedStrategy<ObservationValue> {
    prop_oneof![
        coded().prop_map(ObservationValue::Coded),
        timestamp().prop_map(ObservationValue::Date),
        digits().prop_map(ObservationValue::Number),
        text().prop_map(ObservationValue::Text),
    ]
    .boxed()
}

fn observation() -> BoxedStrategy<ClinicalObservation> {
    prop_oneof![
        coded().prop_map(ClinicalObservation::Immunity),
        coded().prop_map(ClinicalObservation::SerologicalImmunity),
        coded().prop_map(ClinicalObservation::Reaction),
        coded().prop_map(ClinicalObservation::Indication),
        (coded(), option::of(date()), option::of(date())).prop_map(
            |(reason, effective, expires)| {
                ClinicalObservation::Contraindication(Contraindication {
                    reason,
                    effective,
                    expires,
                })
            }
        ),
        (
            proptest::sample::select(EVALUATION_CODES),
            opt_text(),
            observation_value(),
            1u32..12,
            option::of(coded()),
            option::of(timestamp()),
        )
            .prop_map(|(code, text, value, sub_id, units, date)| {
                ClinicalObservation::Other(OtherObservation {
                    code: Coded {
                        code: code.to_string(),
                        text,
                        system: Some("LN".into()),
                    },
                    value,
                    sub_id: sub_id.to_string(),
                    units,
                    date,
                })
            }),
    ]
    .boxed()
}

fn kind() -> BoxedStrategy<(VaccinationKind, Option<CompletionStatus>)> {
    let given = prop_oneof![
        Just(CompletionStatus::Complete),
        Just(CompletionStatus::PartiallyAdministered),
        unlisted().prop_map(CompletionStatus::Unlisted),
    ];
    prop_oneof![
        given
            .clone()
            .prop_map(|c| (VaccinationKind::Administered, Some(c))),
        (source(), given).prop_map(|(source, c)| (VaccinationKind::Historical { source }, Some(c))),
        option::of(refusal()).prop_map(|reason| {
            (
                VaccinationKind::Refused { reason },
                Some(CompletionStatus::Refused),
            )
        }),
        Just((
            VaccinationKind::NotAdministered,
            Some(CompletionStatus::NotAdministered)
        )),
    ]
    .boxed()
}

fn vaccination() -> BoxedStrategy<Vaccination> {
    (
        (
            kind(),
            option::of(
                (coded(), option::of(coded()))
                    .prop_map(|(primary, alternate)| VaccineCode { primary, alternate }),
            ),
            option::of(timestamp()),
            option::of(amount()),
            vec(text(), 0..3),
            option::of(timestamp()),
        ),
        (
            option::of(coded()),
            option::of(provider()),
            option::of(namespace()),
            option::of(provider()),
            option::of(provider()),
            option::of(coded()),
            option::of(coded()),
        ),
        (
            option::of(coded()),
            option::of(
                (coded(), option::of(coded()))
                    .prop_map(|(category, method)| Eligibility { category, method }),
            ),
            vec(vis(), 0..4),
            option::of(action()),
            vec(observation(), 0..5),
            option::of(order_id()),
            option::of(order_id()),
        ),
    )
        .prop_map(
            |(
                ((kind, completion_status), vaccine, date, amount, lots, expiration),
                (
                    manufacturer,
                    administering_provider,
                    facility,
                    ordering_provider,
                    entered_by,
                    route,
                    site,
                ),
                (
                    funding_source,
                    eligibility,
                    vis,
                    action,
                    observations,
                    filler,
                    placer_order_number,
                ),
            )| {
                let placeholder = matches!(
                    kind,
                    VaccinationKind::Refused { .. } | VaccinationKind::NotAdministered
                );
                Vaccination {
                    kind,
                    vaccine,
                    date,
                    amount: if placeholder { None } else { amount },
                    lots,
                    expiration,
                    manufacturer,
                    administering_provider,
                    facility,
                    ordering_provider,
                    entered_by,
                    route,
                    site,
                    funding_source,
                    eligibility,
                    vis,
                    completion_status,
                    action,
                    observations,
                    filler_order_number: if placeholder { None } else { filler },
                    placer_order_number,
                }
            },
        )
        .boxed()
}

/// The input the builder must refuse, the first in the order it checks them: what a blank text,
/// an amount no dose has or a unit-of-sale NDC makes of these inputs.
fn expected_refusal(
    control_id: &str,
    patient: &Patient,
    vaccinations: &[Vaccination],
) -> Option<Input> {
    let blank = |s: &str| s.trim().is_empty();
    if blank(control_id) {
        return Some(Input::ControlId);
    }
    if patient.identifiers.first().is_none_or(|i| blank(&i.id)) {
        return Some(Input::PatientIdentifier);
    }
    if patient.names.first().is_none_or(|n| blank(&n.family)) {
        return Some(Input::PatientFamilyName);
    }
    for (i, v) in vaccinations.iter().enumerate() {
        let vaccination = i + 1;
        let placeholder = matches!(
            v.kind,
            VaccinationKind::Refused { .. } | VaccinationKind::NotAdministered
        );
        if !placeholder && v.filler_order_number.as_ref().is_some_and(|o| blank(&o.id)) {
            return Some(Input::OrderId { vaccination });
        }
        let ndc_refused = v
            .vaccine
            .iter()
            .flat_map(|c| [Some(&c.primary), c.alternate.as_ref()])
            .flatten()
            .filter(|c| c.is_in("NDC"))
            .any(|c| VaccineCode::ndc(&c.code).map_or(true, |u| u.primary.code != c.code));
        if ndc_refused {
            return Some(Input::Vaccine { vaccination });
        }
        if !placeholder && v.amount.as_ref().is_some_and(|a| a.check().is_err()) {
            return Some(Input::Amount { vaccination });
        }
        if v.lots.iter().any(|l| blank(l)) {
            return Some(Input::LotNumber { vaccination });
        }
    }
    None
}

fn read_back(message: &Message) -> (Patient, Vec<NextOfKin>, Vec<Vaccination>) {
    let bytes = message.encode();
    let decoded = model::decode(&bytes).expect("a built VXU parses");
    let Message::Vxu(vxu) = &decoded.message else {
        panic!("not a VXU")
    };
    (vxu.patient(), vxu.next_of_kin(), vxu.vaccinations())
}

/// The fixed parts of an IG 1.5 Z22 message, and the numbering and grouping the builder owns.
fn check_ig_shape(message: &Message) {
    let Message::Vxu(vxu) = message else {
        panic!("not a VXU")
    };
    let text = String::from_utf8(message.encode()).unwrap();
    let msh = text.split('\r').next().unwrap();
    let fields: Vec<&str> = msh.split('|').collect();
    assert_eq!(fields[8], "VXU^V04^VXU_V04");
    assert_eq!((fields[11], fields[14], fields[15]), ("2.5.1", "ER", "AL"));
    assert_eq!(fields[20], "Z22^CDCPHINVS");
    assert_eq!(fields[6], "20240105101530-0500");
    assert_eq!(
        vxu.pid.as_ref().unwrap().set_id.as_ref().unwrap().as_str(),
        "1"
    );
    for (i, nk1) in vxu.nk1.iter().enumerate() {
        assert_eq!(nk1.set_id.as_ref().unwrap().as_str(), (i + 1).to_string());
    }
    let mut obx_count = 0;
    for order in &vxu.orders {
        let orc = order.orc.as_deref().unwrap();
        let rxa = order.rxa.as_deref().unwrap();
        assert_eq!(orc.order_control.as_ref().unwrap().as_str(), "RE");
        assert_eq!(rxa.give_sub_id_counter.as_ref().unwrap().as_str(), "0");
        assert_eq!(
            rxa.administration_sub_id_counter.as_ref().unwrap().as_str(),
            "1"
        );
        let status = rxa.completion_status.as_ref().unwrap().as_str();
        let filler = orc
            .filler_order_number
            .as_ref()
            .map(|f| f.entity_identifier.as_str().to_string());
        if status == "RE" || status == "NA" {
            assert_eq!(filler.as_deref(), Some("9999"), "IZ-45");
            assert!(rxa.administration_notes.is_empty(), "IZ-47");
        }
        if status == "RE" {
            assert_eq!(
                rxa.administered_amount.as_ref().unwrap().as_str(),
                "999",
                "IZ-48"
            );
        } else {
            assert!(rxa.substance_treatment_refusal_reason.is_empty());
        }
        if rxa.administered_amount.as_ref().unwrap().as_str() == "999" {
            assert!(rxa.administered_units.is_none());
        }
        for obs in &order.observations {
            obx_count += 1;
            let obx = &obs.obx;
            assert_eq!(obx.set_id.as_ref().unwrap().as_str(), obx_count.to_string());
            assert_eq!(
                obx.observation_result_status.as_ref().unwrap().as_str(),
                "F",
                "IZ-22"
            );
        }
        // Each VIS or contraindication group has a sub-ID of its own.
        let sub_ids = |codes: &[&str]| -> Vec<String> {
            let mut ids: Vec<String> = order
                .observations
                .iter()
                .filter(|o| {
                    codes.contains(
                        &o.obx
                            .observation_identifier
                            .as_ref()
                            .unwrap()
                            .identifier
                            .as_str(),
                    )
                })
                .map(|o| {
                    o.obx
                        .observation_sub_id
                        .as_ref()
                        .unwrap()
                        .as_str()
                        .to_string()
                })
                .collect();
            ids.dedup();
            ids
        };
        let vis = sub_ids(&["69764-9", "29768-9", "29769-7"]);
        let contraindications = sub_ids(&["30945-0", "30946-8", "30944-3"]);
        for id in &vis {
            assert!(!contraindications.contains(id));
            assert!(id.parse::<u32>().unwrap() > 0, "IZ-44");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn built_messages_read_back_as_the_same_domain_values(
        patient in patient(),
        kin in vec(next_of_kin(), 0..3),
        vaccinations in vec(vaccination(), 0..5),
        control_id in text(),
    ) {
        let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30-05:00").unwrap();
        let mut builder = Vxu::builder(control_id.clone(), sent, patient.clone())
            .sender("MYEHR", "MYCLINIC")
            .receiver("MYIIS", "MYIIS")
            .vaccinations(vaccinations.clone());
        for k in &kin {
            builder = builder.next_of_kin(k.clone());
        }
        let refusal = expected_refusal(&control_id, &patient, &vaccinations);
        // Written straight from the values, without the typed message.
        let direct = builder.clone().encode();
        let message = match builder.build_message() {
            Ok(message) => message,
            Err(e) => {
                // Refused: for the input that is at fault, and only then.
                prop_assert_eq!(e.input(), refusal, "{}", e);
                prop_assert_eq!(direct, Err(e));
                return Ok(());
            }
        };
        prop_assert_eq!(refusal, None);
        // The same bytes as the typed message's.
        prop_assert_eq!(message.try_encode().ok(), direct.ok());
        check_ig_shape(&message);
        let (p, k, v) = read_back(&message);
        prop_assert_eq!(&p, &patient);
        prop_assert_eq!(&k, &kin);
        prop_assert_eq!(v.len(), vaccinations.len());
        for (got, want) in v.iter().zip(&vaccinations) {
            prop_assert_eq!(got, want);
        }
        // serde: the domain values survive JSON too.
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&(&p, &k, &v)).unwrap();
            let back: (Patient, Vec<NextOfKin>, Vec<Vaccination>) =
                serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, (p, k, v));
        }
    }

    #[test]
    fn constructed_vaccinations_read_back_as_built(
        day in date(),
        lot in text(),
        barcode in digits(),
        presented in date(),
        which in 0usize..5,
    ) {
        let id = OrderId::new("IZ-1", "MYEHR");
        let v = match which {
            0 => Vaccination::administered(id, VaccineCode::cvx("20"), day, Amount::ml("0.5").unwrap(), lot.trim(), Coded::mvx("SKB"), Eligibility::new("V02"))
                .with_vis(Vis::barcode(&barcode, presented))
                .with_vis(Vis::vaccine_type("107", day, presented))
                .with_funding_source(Coded::funding_source("VXC50")),
            1 => Vaccination::historical(id, VaccineCode::ndc("49281-0560-05").unwrap().with_alternate(Coded::cvx("120")), day, HistoricalSource::OtherRegistry),
            2 => Vaccination::refused(VaccineCode::cvx("21"), day, RefusalReason::ReligiousExemption),
            3 => Vaccination::presumed_immunity(day, Coded::new("38907003", "SCT")),
            _ => Vaccination::not_administered(VaccineCode::cvx("107"), day)
                .with_observation(ClinicalObservation::Contraindication(Contraindication {
                    reason: Coded::new("VXC23", "CDCPHINVS"),
                    effective: Some(day),
                    expires: Some(presented),
                })),
        };
        let patient = Patient::new(Identifier::mr("1", "MYEHR"), PersonName::legal("Doe", "Jane"), day, Sex::Female);
        let sent = DateTime::parse_from_rfc3339("2024-01-05T10:15:30+00:00").unwrap();
        let built = Vxu::builder("M1", sent, patient).vaccination(v.clone()).build_message();
        if lot.trim().is_empty() && which == 0 {
            prop_assert_eq!(built.unwrap_err().input(), Some(Input::LotNumber { vaccination: 1 }));
            return Ok(());
        }
        let message = built.unwrap();
        let (_, _, got) = read_back(&message);
        prop_assert_eq!(got, vec![v]);
    }
}
