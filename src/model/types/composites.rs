//! Composite HL7 v2.5.1 data types used by the immunization IG, one struct per base type.
//!
//! Each declaration lists every component of the HL7 v2.5.1 definition. Where the IG defines a
//! constrained flavor of a type (`CX_IZ`, `XPN_IZ`, `HD_IZ`, `CWE_IZ` ...), the component usage,
//! length and value set recorded here are the flavor's, because that is what the IG checks; a field
//! that uses the plain base type (its `datatype` says `CX`, `XPN`, `CE` ...) is unconstrained by the IG
//! and its components are effectively all optional. The field's `datatype` string tells which flavor
//! applies. Component facts come from the IG tables in the spec notes and the NIST R1.5 profiles.

use super::*;
use crate::model::decl::FieldDef;

crate::composite! {
    /// TS — time stamp: a date/time with optional precision. The IG flavors (TS_Z, TS_NZ, TS_M, TS_IZ)
    /// differ only in the precision they demand of TS.1; TS.2 is deprecated and never sent.
    pub struct Ts("TS", "Time Stamp") {
        1 time: Dtm "DTM" R 24 "Time";
        2 degree_of_precision: Id "ID" X 1 "Degree of Precision" table "HL70529"; // base TS: B
    }
}

crate::composite! {
    /// CWE — coded with exceptions: a code, its display text and the coding system, plus an alternate
    /// triplet. One struct serves CE (components 1-6 only), CWE and CNE fields; usage is the CWE_IZ flavor
    /// (identifier and coding system required, alternate triplet complete when used).
    pub struct Cwe("CWE", "Coded with Exceptions") {
        1 identifier: St "ST" R 999 "Identifier"; // CE_IZ: length 50
        2 text: St "ST" RE 999 "Text";
        3 name_of_coding_system: Id "ID" C(R/X) 20 "Name of Coding System" table "HL70396"; // CE_IZ: R
        4 alternate_identifier: St "ST" O 999 "Alternate Identifier"; // CE_IZ: length 50
        5 alternate_text: St "ST" C(RE/X) 999 "Alternate Text";
        6 name_of_alternate_coding_system: Id "ID" C(R/X) 20 "Name of Alternate Coding System" table "HL70396";
        7 coding_system_version_id: St "ST" O 10 "Coding System Version ID"; // base: C
        8 alternate_coding_system_version_id: St "ST" O 10 "Alternate Coding System Version ID";
        9 original_text: St "ST" O 199 "Original Text";
    }
}

crate::composite! {
    /// CX — extended identifier: an ID number with the authority that issued it and its type (MR, SR,
    /// MA ...). Usage is the CX_IZ flavor used for patient and insurer identifiers.
    pub struct Cx("CX", "Extended Composite ID with Check Digit") {
        1 id_number: St "ST" R 15 "ID Number";
        2 check_digit: St "ST" O 1 "Check Digit";
        3 check_digit_scheme: Id "ID" C(O/X) 3 "Check Digit Scheme" table "HL70061";
        4 assigning_authority: Hd "HD_IZ" R 227 "Assigning Authority" table "HL70363";
        5 identifier_type_code: Id "ID" R 5 "Identifier Type Code" table "HL70203";
        6 assigning_facility: Hd "HD" O 227 "Assigning Facility";
        7 effective_date: Dt "DT" O 8 "Effective Date";
        8 expiration_date: Dt "DT" O 8 "Expiration Date";
        9 assigning_jurisdiction: Cwe "CWE" O 705 "Assigning Jurisdiction";
        10 assigning_agency_or_department: Cwe "CWE" O 705 "Assigning Agency or Department";
    }
}

crate::composite! {
    /// XPN — person name: family, given and middle names plus the kind of name (legal, maiden, alias).
    /// Usage is the XPN_IZ flavor (patient and next-of-kin names).
    pub struct Xpn("XPN", "Extended Person Name") {
        1 family_name: Fn "FN" R 194 "Family Name";
        2 given_name: St "ST" R 30 "Given Name"; // XPN_M: O (IG text: RE)
        3 further_given_names: St "ST" RE 30 "Second and Further Given Names or Initials Thereof";
        4 suffix: St "ST" O 20 "Suffix (e.g., JR or III)";
        5 prefix: St "ST" O 20 "Prefix (e.g., DR)";
        6 degree: Is "IS" X 6 "Degree (e.g., MD)" table "HL70360";
        7 name_type_code: Id "ID" R 1 "Name Type Code" table "HL70200";
        8 name_representation_code: Id "ID" O 1 "Name Representation Code" table "HL70465";
        9 name_context: Cwe "CE" O 483 "Name Context" table "HL70448";
        10 name_validity_range: Dr "DR" X 53 "Name Validity Range";
        11 name_assembly_order: Id "ID" O 1 "Name Assembly Order" table "HL70444";
        12 effective_date: Ts "TS" O 26 "Effective Date";
        13 expiration_date: Ts "TS" O 26 "Expiration Date";
        14 professional_suffix: St "ST" O 199 "Professional Suffix";
    }
}

crate::composite! {
    /// FN — family name: the surname and, rarely, its prefixes and a partner's surname; appears inside
    /// XPN and XCN.
    pub struct Fn("FN", "Family Name") {
        1 surname: St "ST" R 50 "Surname";
        2 own_surname_prefix: St "ST" O 20 "Own Surname Prefix";
        3 own_surname: St "ST" O 50 "Own Surname";
        4 surname_prefix_from_partner: St "ST" O 20 "Surname Prefix From Partner/Spouse";
        5 surname_from_partner: St "ST" O 50 "Surname From Partner/Spouse";
    }
}

crate::composite! {
    /// XAD — postal address: street, city, state, ZIP, country, county and the address type (home,
    /// mailing, birth ...). Usage is the XAD_IZ flavor.
    pub struct Xad("XAD", "Extended Address") {
        1 street_address: Sad "SAD_IZ" RE 184 "Street Address";
        2 other_designation: St "ST" RE 120 "Other Designation";
        3 city: St "ST" RE 50 "City";
        4 state_or_province: St "ST" RE 50 "State or Province";
        5 zip_or_postal_code: St "ST" RE 12 "Zip or Postal Code";
        6 country: Id "ID" RE 3 "Country" table "HL70399";
        7 address_type: Id "ID" R 3 "Address Type" table "HL70190";
        8 other_geographic_designation: St "ST" O 50 "Other Geographic Designation";
        9 county_parish_code: Is "IS" O 20 "County/Parish Code" table "HL70289";
        10 census_tract: Is "IS" O 20 "Census Tract" table "HL70288";
        11 address_representation_code: Id "ID" O 1 "Address Representation Code" table "HL70465";
        12 address_validity_range: Dr "DR" X 53 "Address Validity Range";
        13 effective_date: Ts "TS" O 26 "Effective Date";
        14 expiration_date: Ts "TS" O 26 "Expiration Date";
    }
}

crate::composite! {
    /// SAD — street address: the street line of an XAD, written with subcomponent separators.
    /// Usage is the SAD_IZ flavor (the street line is required once XAD.1 is sent).
    pub struct Sad("SAD", "Street Address") {
        1 street_or_mailing_address: St "ST" R 120 "Street or Mailing Address";
        2 street_name: St "ST" O 50 "Street Name";
        3 dwelling_number: St "ST" O 12 "Dwelling Number";
    }
}

crate::composite! {
    /// XTN — telecommunication address: a phone number split into country/area/local parts, or an
    /// email address, with its use (home, work, email) and device. Usage is the XTN_IZ flavor.
    pub struct Xtn("XTN", "Extended Telecommunication Number") {
        1 telephone_number: St "ST" X 199 "Telephone Number"; // base XTN: B
        2 telecommunication_use_code: Id "ID" R 3 "Telecommunication Use Code" table "HL70201";
        3 telecommunication_equipment_type: Id "ID" RE 8 "Telecommunication Equipment Type" table "HL70202";
        4 email_address: St "ST" C(R/X) 199 "Email Address";
        5 country_code: Nm "NM" O 3 "Country Code";
        6 area_city_code: Nm "NM" C(RE/X) 3 "Area/City Code"; // base XTN: length 5
        7 local_number: Nm "NM" C(R/X) 9 "Local Number";
        8 extension: Nm "NM" O 5 "Extension";
        9 any_text: St "ST" O 199 "Any Text";
        10 extension_prefix: St "ST" O 4 "Extension Prefix";
        11 speed_dial_code: St "ST" O 6 "Speed Dial Code";
        12 unformatted_telephone_number: St "ST" O 199 "Unformatted Telephone number"; // base XTN: C
    }
}

crate::composite! {
    /// XCN — person with an identifier: a clinician or staff member named by ID (e.g. NPI), by name, or
    /// both. Usage is the XCN_IZ flavor (ordering, entering and administering providers).
    pub struct Xcn("XCN", "Extended Composite ID Number and Name for Persons") {
        1 id_number: St "ST" C(R/RE) 15 "ID Number";
        2 family_name: Fn "FN" RE 194 "Family Name";
        3 given_name: St "ST" RE 30 "Given Name";
        4 further_given_names: St "ST" RE 30 "Second and Further Given Names or Initials Thereof";
        5 suffix: St "ST" O 20 "Suffix (e.g., JR or III)";
        6 prefix: St "ST" O 20 "Prefix (e.g., DR)";
        7 degree: Is "IS" X 5 "Degree (e.g., MD)" table "HL70360";
        8 source_table: Is "IS" O 4 "Source Table" table "HL70297";
        9 assigning_authority: Hd "HD_IZ" C(R/X) 227 "Assigning Authority" table "HL70363";
        10 name_type_code: Id "ID" RE 1 "Name Type Code" table "HL70200";
        11 identifier_check_digit: St "ST" O 1 "Identifier Check Digit";
        12 check_digit_scheme: Id "ID" C(O/X) 3 "Check Digit Scheme" table "HL70061";
        13 identifier_type_code: Id "ID" C(R/X) 5 "Identifier Type Code" table "HL70203";
        14 assigning_facility: Hd "HD" O 227 "Assigning Facility";
        15 name_representation_code: Id "ID" O 1 "Name Representation Code" table "HL70465";
        16 name_context: Cwe "CE" O 483 "Name Context" table "HL70448";
        17 name_validity_range: Dr "DR" X 53 "Name Validity Range";
        18 name_assembly_order: Id "ID" X 1 "Name Assembly Order" table "HL70444";
        19 effective_date: Ts "TS" O 26 "Effective Date";
        20 expiration_date: Ts "TS" O 26 "Expiration Date";
        21 professional_suffix: St "ST" O 199 "Professional Suffix";
        22 assigning_jurisdiction: Cwe "CWE" O 705 "Assigning Jurisdiction";
        23 assigning_agency_or_department: Cwe "CWE" O 705 "Assigning Agency or Department";
    }
}

crate::composite! {
    /// XON — organization: a name and/or an organization identifier with its assigning authority.
    /// Usage is the XON_IZ flavor (responsible organizations, software vendor).
    pub struct Xon("XON", "Extended Composite Name and Identification Number for Organizations") {
        1 organization_name: St "ST" RE 50 "Organization Name";
        2 organization_name_type_code: Is "IS" O 20 "Organization Name Type Code" table "HL70204";
        3 id_number: Nm "NM" X 4 "ID Number"; // base XON: B
        4 check_digit: Nm "NM" O 1 "Check Digit";
        5 check_digit_scheme: Id "ID" O 3 "Check Digit Scheme" table "HL70061";
        6 assigning_authority: Hd "HD_IZ" C(R/O) 227 "Assigning Authority" table "HL70363";
        7 identifier_type_code: Id "ID" C(R/X) 5 "Identifier Type Code" table "HL70203";
        8 assigning_facility: Hd "HD" O 227 "Assigning Facility";
        9 name_representation_code: Id "ID" O 1 "Name Representation Code" table "HL70465";
        10 organization_identifier: St "ST" C(R/RE) 20 "Organization Identifier";
    }
}

crate::composite! {
    /// HD — hierarchic designator: names an application, facility or assigning authority by a local
    /// namespace ID, an ISO OID, or both. Usage is the HD_IZ flavor.
    pub struct Hd("HD", "Hierarchic Designator") {
        1 namespace_id: Is "IS" C(R/O) 20 "Namespace ID" table "HL70363"; // base HD: O, HL70300; fields may rebind (HL70361/HL70362)
        2 universal_id: St "ST" C(R/O) 199 "Universal ID";
        3 universal_id_type: Id "ID" C(R/X) 6 "Universal ID Type" table "HL70301";
    }
}

crate::composite! {
    /// EI — entity identifier: an identifier plus the namespace or OID of whoever assigned it (order
    /// numbers, message profile IDs). Usage is the EI_IZ flavor.
    pub struct Ei("EI", "Entity Identifier") {
        1 entity_identifier: St "ST" R 199 "Entity Identifier";
        2 namespace_id: Is "IS" C(R/O) 20 "Namespace ID" table "HL70363";
        3 universal_id: St "ST" C(R/O) 199 "Universal ID";
        4 universal_id_type: Id "ID" C(R/X) 6 "Universal ID Type" table "HL70301";
    }
}

crate::composite! {
    /// EIP — entity identifier pair: the placer's and the filler's identifier of one order.
    pub struct Eip("EIP", "Entity Identifier Pair") {
        1 placer_assigned_identifier: Ei "EI" O 427 "Placer Assigned Identifier";
        2 filler_assigned_identifier: Ei "EI" O 427 "Filler Assigned Identifier";
    }
}

crate::composite! {
    /// CQ — quantity with units. Usage is the CQ_IZ flavor of RCP-2 (a count of records, unit `RD`).
    pub struct Cq("CQ", "Composite Quantity with Units") {
        1 quantity: Nm "NM" R 16 "Quantity"; // base CQ: O
        2 units: Cwe "CE_IZ" R 483 "Units" table "HL70126"; // base CQ: O, CE
    }
}

crate::composite! {
    /// ERL — error location: segment, occurrence, field, repetition, component and subcomponent of the
    /// element an ERR segment is about. Usage is the ERL_IZ flavor.
    pub struct Erl("ERL", "Error Location") {
        1 segment_id: St "ST" R 3 "Segment ID";
        2 segment_sequence: Nm "NM" R 2 "Segment Sequence";
        3 field_position: Nm "NM" C(R/RE) 2 "Field Position";
        4 field_repetition: Nm "NM" C(R/RE) 2 "Field Repetition";
        5 component_number: Nm "NM" C(R/RE) 2 "Component Number";
        6 sub_component_number: Nm "NM" RE 2 "Sub-Component Number";
    }
}

crate::composite! {
    /// MSG — message type: message code, trigger event and abstract structure (`VXU^V04^VXU_V04`).
    pub struct Msg("MSG", "Message Type") {
        1 message_code: Id "ID" R 3 "Message Code" table "HL70076";
        2 trigger_event: Id "ID" R 3 "Trigger Event" table "HL70003";
        3 message_structure: Id "ID" R 7 "Message Structure" table "HL70354";
    }
}

crate::composite! {
    /// VID — version identifier: the HL7 version the message follows (`2.5.1`). Usage is VID_IZ.
    pub struct Vid("VID", "Version Identifier") {
        1 version_id: Id "ID" R 5 "Version ID" table "HL70104";
        2 internationalization_code: Cwe "CE" O 483 "Internationalization Code" table "HL70399";
        3 international_version_id: Cwe "CE" O 483 "International Version ID";
    }
}

crate::composite! {
    /// PT — processing type: production, training or debug, with an optional processing mode.
    pub struct Pt("PT", "Processing Type") {
        1 processing_id: Id "ID" R 1 "Processing ID" table "HL70103";
        2 processing_mode: Id "ID" O 1 "Processing Mode" table "HL70207";
    }
}

crate::composite! {
    /// LA2 — administered-at location: where a dose was given; the IG only requires the facility
    /// (LA2.4). Usage is the LA2_IZ flavor.
    pub struct La2("LA2", "Location with Address Variation 2") {
        1 point_of_care: Is "IS" O 20 "Point of Care" table "HL70302";
        2 room: Is "IS" O 20 "Room" table "HL70303";
        3 bed: Is "IS" O 20 "Bed" table "HL70304";
        4 facility: Hd "HD_IZ" R 227 "Facility" table "HL70362";
        5 location_status: Is "IS" O 20 "Location Status" table "HL70306";
        6 patient_location_type: Is "IS" O 20 "Patient Location Type" table "HL70305";
        7 building: Is "IS" O 20 "Building" table "HL70307";
        8 floor: Is "IS" O 20 "Floor" table "HL70308";
        9 street_address: St "ST" O 120 "Street Address";
        10 other_designation: St "ST" O 120 "Other Designation";
        11 city: St "ST" O 50 "City";
        12 state_or_province: St "ST" O 50 "State or Province";
        13 zip_or_postal_code: St "ST" O 12 "Zip or Postal Code";
        14 country: Id "ID" O 3 "Country" table "HL70399";
        15 address_type: Id "ID" O 3 "Address Type" table "HL70190";
        16 other_geographic_designation: St "ST" O 50 "Other Geographic Designation";
    }
}

crate::composite! {
    /// DR — date/time range. The standard types both ends as TS; inside another composite only the
    /// time itself fits in a subcomponent, so (like the NIST profiles) both ends are DTM here.
    pub struct Dr("DR", "Date/Time Range") {
        1 range_start_date_time: Dtm "DTM" O 26 "Range Start Date/Time";
        2 range_end_date_time: Dtm "DTM" O 26 "Range End Date/Time";
    }
}

crate::composite! {
    /// PL — person location: a point of care, room, bed and facility inside an institution.
    pub struct Pl("PL", "Person Location") {
        1 point_of_care: Is "IS" O 20 "Point of Care" table "HL70302";
        2 room: Is "IS" O 20 "Room" table "HL70303";
        3 bed: Is "IS" O 20 "Bed" table "HL70304";
        4 facility: Hd "HD" O 227 "Facility";
        5 location_status: Is "IS" O 20 "Location Status" table "HL70306";
        6 person_location_type: Is "IS" O 20 "Person Location Type" table "HL70305"; // base: C, no IG predicate
        7 building: Is "IS" O 20 "Building" table "HL70307";
        8 floor: Is "IS" O 20 "Floor" table "HL70308";
        9 location_description: St "ST" O 199 "Location Description";
        10 comprehensive_location_identifier: Ei "EI" O 427 "Comprehensive Location Identifier";
        11 assigning_authority_for_location: Hd "HD" O 227 "Assigning Authority for Location";
    }
}

crate::composite! {
    /// DLD — discharge location and the date it took effect.
    pub struct Dld("DLD", "Discharge Location and Date") {
        1 discharge_location: Is "IS" R 20 "Discharge Location" table "HL70113";
        2 effective_date: Ts "TS" O 26 "Effective Date";
    }
}

crate::composite! {
    /// FC — financial class of a visit and the date it took effect.
    pub struct Fc("FC", "Financial Class") {
        1 financial_class_code: Is "IS" R 20 "Financial Class Code" table "HL70064";
        2 effective_date: Ts "TS" O 26 "Effective Date";
    }
}

crate::composite! {
    /// CP — composite price: an amount of money with its price type and an optional range.
    pub struct Cp("CP", "Composite Price") {
        1 price: Mo "MO" R 20 "Price";
        2 price_type: Id "ID" O 2 "Price Type" table "HL70205";
        3 from_value: Nm "NM" O 16 "From Value";
        4 to_value: Nm "NM" O 16 "To Value";
        5 range_units: Cwe "CE" O 483 "Range Units";
        6 range_type: Id "ID" O 1 "Range Type" table "HL70298";
    }
}

crate::composite! {
    /// MO — money: an amount and its currency.
    pub struct Mo("MO", "Money") {
        1 quantity: Nm "NM" O 16 "Quantity";
        2 denomination: Id "ID" O 3 "Denomination";
    }
}

crate::composite! {
    /// JCC — job code and class of a person's employment.
    pub struct Jcc("JCC", "Job Code/Class") {
        1 job_code: Is "IS" O 20 "Job Code" table "HL70327";
        2 job_class: Is "IS" O 20 "Job Class" table "HL70328";
        3 job_description_text: Tx "TX" O 250 "Job Description Text";
    }
}

crate::composite! {
    /// DLN — driver's license number with issuing state and expiry (PID-20, not supported by the IG).
    pub struct Dln("DLN", "Driver's License Number") {
        1 license_number: St "ST" R 20 "License Number";
        2 issuing_state_province_country: Is "IS" O 20 "Issuing State, Province, Country" table "HL70333";
        3 expiration_date: Dt "DT" O 24 "Expiration Date";
    }
}

crate::composite! {
    /// ELD — error code and location: the v2.3-style error field ERR-1, not supported by the IG.
    pub struct Eld("ELD", "Error Location and Description") {
        1 segment_id: St "ST" O 3 "Segment ID";
        2 segment_sequence: Nm "NM" O 2 "Segment Sequence";
        3 field_position: Nm "NM" O 2 "Field Position";
        4 code_identifying_error: Cwe "CE" O 483 "Code Identifying Error" table "HL70357";
    }
}

crate::composite! {
    /// SRT — sort order: a field to sort a query response by and the direction.
    pub struct Srt("SRT", "Sort Order") {
        1 sort_by_field: St "ST" R 12 "Sort-by Field";
        2 sequencing: Id "ID" O 2 "Sequencing" table "HL70397";
    }
}

crate::composite! {
    /// AUI — insurance authorization: number, date and source of an authorization.
    pub struct Aui("AUI", "Authorization Information") {
        1 authorization_number: St "ST" O 30 "Authorization Number";
        2 date: Dt "DT" O 8 "Date";
        3 source: St "ST" O 199 "Source";
    }
}

crate::composite! {
    /// MOP — an amount that is either money or a percentage.
    pub struct Mop("MOP", "Money or Percentage") {
        1 money_or_percentage_indicator: Id "ID" R 2 "Money or Percentage Indicator" table "HL70148";
        2 money_or_percentage_quantity: Nm "NM" R 16 "Money or Percentage Quantity";
        3 currency_denomination: Id "ID" O 3 "Currency Denomination";
    }
}

crate::composite! {
    /// DTN — a count of days of a given day type (insurance certification).
    pub struct Dtn("DTN", "Day Type and Number") {
        1 day_type: Is "IS" R 2 "Day Type" table "HL70149";
        2 number_of_days: Nm "NM" R 3 "Number of Days";
    }
}

crate::composite! {
    /// ICD — insurance certification requirement for a patient type.
    pub struct Icd("ICD", "Insurance Certification Definition") {
        1 certification_patient_type: Is "IS" O 11 "Certification Patient Type" table "HL70150";
        2 certification_required: Id "ID" R 1 "Certification Required" table "HL70136";
        3 date_time_certification_required: Ts "TS" O 26 "Date/Time Certification Required";
    }
}

crate::composite! {
    /// RMC — room coverage: the insured amount for a room type.
    pub struct Rmc("RMC", "Room Coverage") {
        1 room_type: Is "IS" R 20 "Room Type" table "HL70145";
        2 amount_type: Is "IS" O 20 "Amount Type" table "HL70146";
        3 coverage_amount: Nm "NM" B 16 "Coverage Amount";
        4 money_or_percentage: Mop "MOP" R 23 "Money or Percentage";
    }
}

crate::composite! {
    /// PTA — policy type and the amount it covers.
    pub struct Pta("PTA", "Policy Type and Amount") {
        1 policy_type: Is "IS" R 5 "Policy Type" table "HL70147";
        2 amount_class: Is "IS" O 9 "Amount Class" table "HL70193";
        3 money_or_percentage_quantity: Nm "NM" B 16 "Money or Percentage Quantity";
        4 money_or_percentage: Mop "MOP" R 23 "Money or Percentage";
    }
}

crate::composite! {
    /// DDI — daily deductible: delay, amount and number of days.
    pub struct Ddi("DDI", "Daily Deductible Information") {
        1 delay_days: Nm "NM" O 3 "Delay Days";
        2 monetary_amount: Mo "MO" R 16 "Monetary Amount";
        3 number_of_days: Nm "NM" O 4 "Number of Days";
    }
}

crate::composite! {
    /// RPT — repeat pattern of a timed order (TQ1-3); not used by the IG.
    pub struct Rpt("RPT", "Repeat Pattern") {
        1 repeat_pattern_code: Cwe "CWE" R 705 "Repeat Pattern Code" table "HL70335";
        2 calendar_alignment: Id "ID" O 2 "Calendar Alignment" table "HL70527";
        3 phase_range_begin_value: Nm "NM" O 10 "Phase Range Begin Value";
        4 phase_range_end_value: Nm "NM" O 10 "Phase Range End Value";
        5 period_quantity: Nm "NM" O 10 "Period Quantity";
        6 period_units: Is "IS" O 10 "Period Units"; // base: C, no IG predicate
        7 institution_specified_time: Id "ID" O 1 "Institution Specified Time" table "HL70136";
        8 event: Id "ID" O 6 "Event" table "HL70528";
        9 event_offset_quantity: Nm "NM" O 10 "Event Offset Quantity";
        10 event_offset_units: Is "IS" O 10 "Event Offset Units"; // base: C, no IG predicate
        11 general_timing_specification: St "GTS" O 200 "General Timing Specification";
    }
}

/// Every composite declared here, by HL7 type name, with its component table (for tools that look up
/// component labels and usage).
pub const COMPOSITES: &[(&str, &[FieldDef])] = &[
    (Ts::TYPE, Ts::COMPONENTS),
    (Cwe::TYPE, Cwe::COMPONENTS),
    (Cx::TYPE, Cx::COMPONENTS),
    (Xpn::TYPE, Xpn::COMPONENTS),
    (Fn::TYPE, Fn::COMPONENTS),
    (Xad::TYPE, Xad::COMPONENTS),
    (Sad::TYPE, Sad::COMPONENTS),
    (Xtn::TYPE, Xtn::COMPONENTS),
    (Xcn::TYPE, Xcn::COMPONENTS),
    (Xon::TYPE, Xon::COMPONENTS),
    (Hd::TYPE, Hd::COMPONENTS),
    (Ei::TYPE, Ei::COMPONENTS),
    (Eip::TYPE, Eip::COMPONENTS),
    (Cq::TYPE, Cq::COMPONENTS),
    (Erl::TYPE, Erl::COMPONENTS),
    (Msg::TYPE, Msg::COMPONENTS),
    (Vid::TYPE, Vid::COMPONENTS),
    (Pt::TYPE, Pt::COMPONENTS),
    (La2::TYPE, La2::COMPONENTS),
    (Dr::TYPE, Dr::COMPONENTS),
    (Pl::TYPE, Pl::COMPONENTS),
    (Dld::TYPE, Dld::COMPONENTS),
    (Fc::TYPE, Fc::COMPONENTS),
    (Cp::TYPE, Cp::COMPONENTS),
    (Mo::TYPE, Mo::COMPONENTS),
    (Jcc::TYPE, Jcc::COMPONENTS),
    (Dln::TYPE, Dln::COMPONENTS),
    (Eld::TYPE, Eld::COMPONENTS),
    (Srt::TYPE, Srt::COMPONENTS),
    (Aui::TYPE, Aui::COMPONENTS),
    (Mop::TYPE, Mop::COMPONENTS),
    (Dtn::TYPE, Dtn::COMPONENTS),
    (Icd::TYPE, Icd::COMPONENTS),
    (Rmc::TYPE, Rmc::COMPONENTS),
    (Pta::TYPE, Pta::COMPONENTS),
    (Ddi::TYPE, Ddi::COMPONENTS),
    (Rpt::TYPE, Rpt::COMPONENTS),
];

/// The component table of a data type, by the name a declaration gives it: the IG's flavour suffix
/// (`CX_IZ`, `MSG_IZ_VXU`) is dropped, and CE and CNE are read by the CWE struct. `None` for a
/// primitive or an undeclared type.
///
/// ```
/// use izmsg::model::types::components_of;
/// assert_eq!(components_of("CE_IZ").unwrap()[2].label, "Name of Coding System");
/// assert!(components_of("ST").is_none());
/// ```
pub fn components_of(datatype: &str) -> Option<&'static [FieldDef]> {
    let base = datatype.split('_').next().unwrap_or(datatype);
    let base = match base {
        "CE" | "CNE" => Cwe::TYPE,
        other => other,
    };
    COMPOSITES.iter().find(|(t, _)| *t == base).map(|(_, c)| *c)
}
