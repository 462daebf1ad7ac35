//! The closed code lists of the IG as Rust enums: sex, name type, address type, telecom use and
//! equipment, registry status, completion status, action code, information source, refusal reason,
//! processing ID.
//!
//! Each enum knows its value set; its meanings come from [`crate::codes`]. Reading is lenient (spaces
//! around the code and ASCII case are ignored) and never loses a code: one the list does not have is
//! kept as `Unlisted`, and written back as it came.

use super::coded::Coded;

macro_rules! code_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $vs:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("(`", $code, "`)")] $variant, )*
            /// A code the IG's list does not have, kept as sent.
            Unlisted(String),
        }

        impl $name {
            /// The value set the codes belong to.
            pub const VALUE_SET: &'static str = $vs;

            /// The codes the list names, in declaration order.
            pub const LISTED: &'static [&'static str] = &[$($code),*];

            /// The code as written on the wire.
            pub fn code(&self) -> &str {
                match self {
                    $( Self::$variant => $code, )*
                    Self::Unlisted(code) => code,
                }
            }

            /// Reads a code: spaces around it and ASCII case are ignored; an unknown code is kept as
            /// `Unlisted`; an empty one (or the HL7 null `""`) is `None`.
            pub fn from_code(code: &str) -> Option<Self> {
                let key = code.trim();
                if key.is_empty() || key == "\"\"" {
                    return None;
                }
                $( if key.eq_ignore_ascii_case($code) { return Some(Self::$variant); } )*
                Some(Self::Unlisted(code.to_string()))
            }

            /// The code's meaning in the value set, when it has one.
            pub fn meaning(&self) -> Option<&'static str> {
                crate::codes::lookup($vs, self.code())
            }

            /// The code as a [`Coded`] value, text and coding system from the value set.
            pub fn to_coded(&self) -> Coded {
                Coded::from_value_set($vs, self.code())
            }
        }
    };
}

code_list! {
    /// Administrative sex (PID-8, HL7 0001 as the IG constrains it).
    pub enum Sex in "HL70001" {
        /// Female.
        Female = "F",
        /// Male.
        Male = "M",
        /// Unknown or undifferentiated.
        Unknown = "U",
    }
}

code_list! {
    /// The kind of a person name (XPN.7, HL7 0200). The first name of a patient should be `Legal`.
    pub enum NameType in "HL70200" {
        /// Alias name.
        Alias = "A",
        /// Name at birth.
        Birth = "B",
        /// Adopted name.
        Adopted = "C",
        /// Display name.
        Display = "D",
        /// Legal name.
        Legal = "L",
        /// Maiden name (required for the mother's maiden name, IZ-66).
        Maiden = "M",
        /// Name of partner or spouse.
        Partner = "P",
        /// Unspecified.
        Unspecified = "U",
    }
}

code_list! {
    /// The kind of an address (XAD.7, HL7 0190).
    pub enum AddressType in "HL70190" {
        /// Firm or business.
        Business = "B",
        /// Bad address.
        Bad = "BA",
        /// Birth delivery location (birth facility).
        BirthDeliveryLocation = "BDL",
        /// Residence at birth.
        ResidenceAtBirth = "BR",
        /// Current or temporary.
        Current = "C",
        /// Country of origin.
        CountryOfOrigin = "F",
        /// Home.
        Home = "H",
        /// Legal address.
        Legal = "L",
        /// Mailing.
        Mailing = "M",
        /// Birth (nee).
        BirthNee = "N",
        /// Office.
        Office = "O",
        /// Permanent.
        Permanent = "P",
        /// Registry home.
        RegistryHome = "RH",
    }
}

code_list! {
    /// What a phone number or email address is for (XTN.2, HL7 0201).
    pub enum TelecomUse in "HL70201" {
        /// Primary residence number.
        PrimaryResidence = "PRN",
        /// Other residence number.
        OtherResidence = "ORN",
        /// Work number.
        Work = "WPN",
        /// Vacation home number.
        VacationHome = "VHN",
        /// Answering service number.
        AnsweringService = "ASN",
        /// Emergency number.
        Emergency = "EMR",
        /// Network (email) address.
        Email = "NET",
        /// Beeper number.
        Beeper = "BPN",
    }
}

code_list! {
    /// The device behind a telecom address (XTN.3, HL7 0202).
    pub enum TelecomEquipment in "HL70202" {
        /// Telephone.
        Telephone = "PH",
        /// Fax.
        Fax = "FX",
        /// Modem.
        Modem = "MD",
        /// Cellular phone.
        Cellular = "CP",
        /// Beeper.
        Beeper = "BP",
        /// Internet address (with use `NET`).
        Internet = "Internet",
        /// X.400 email address (with use `NET`).
        X400 = "X.400",
        /// Telecommunications device for the deaf.
        Tdd = "TDD",
        /// Teletypewriter.
        Tty = "TTY",
    }
}

code_list! {
    /// The patient's status at the sending organization (PD1-16, HL7 0441).
    pub enum RegistryStatus in "HL70441" {
        /// Active.
        Active = "A",
        /// Inactive, unspecified.
        Inactive = "I",
        /// Inactive, lost to follow-up.
        LostToFollowUp = "L",
        /// Inactive, moved or gone elsewhere.
        MovedOrGoneElsewhere = "M",
        /// Permanently inactive: do not re-activate or add new entries.
        PermanentlyInactive = "P",
        /// Unknown.
        Unknown = "U",
    }
}

code_list! {
    /// Whether a dose was given (RXA-20, HL7 0322).
    pub enum CompletionStatus in "HL70322" {
        /// Complete.
        Complete = "CP",
        /// Refused.
        Refused = "RE",
        /// Not administered.
        NotAdministered = "NA",
        /// Partially administered.
        PartiallyAdministered = "PA",
    }
}

code_list! {
    /// What the receiver should do with a dose record (RXA-21, HL7 0323).
    pub enum ActionCode in "HL70323" {
        /// Add.
        Add = "A",
        /// Update (same ORC-3 as the record it updates).
        Update = "U",
        /// Delete (same ORC-3 and content as the record it deletes).
        Delete = "D",
    }
}

/// RXA-9.1 (NIP001) for a new immunization record: the dose was given by the sender, not taken from
/// another record.
pub const NEW_RECORD: &str = "00";

code_list! {
    /// Where the record of a historical dose came from (RXA-9.1 `01` to `08`, NIP001; `00`, a new
    /// record, is [`VaccinationKind::Administered`](super::VaccinationKind::Administered)).
    pub enum HistoricalSource in "NIP001" {
        /// Source unspecified.
        Unspecified = "01",
        /// From another provider.
        OtherProvider = "02",
        /// From the parent's written record.
        ParentWrittenRecord = "03",
        /// From the parent's recall.
        ParentRecall = "04",
        /// From another registry.
        OtherRegistry = "05",
        /// From a birth certificate.
        BirthCertificate = "06",
        /// From a school record.
        SchoolRecord = "07",
        /// From a public agency.
        PublicAgency = "08",
    }
}

code_list! {
    /// Why a dose was refused (RXA-18, NIP002).
    pub enum RefusalReason in "NIP002" {
        /// Parental decision.
        ParentalDecision = "00",
        /// Religious exemption.
        ReligiousExemption = "01",
        /// Other.
        Other = "02",
        /// Patient decision.
        PatientDecision = "03",
    }
}

code_list! {
    /// How the receiver should process the message (MSH-11, HL7 0103).
    pub enum ProcessingId in "HL70103" {
        /// Production.
        Production = "P",
        /// Training or test.
        Training = "T",
        /// Debugging.
        Debugging = "D",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_leniently_and_keep_unknown_ones() {
        assert_eq!(Sex::from_code(" f"), Some(Sex::Female));
        assert_eq!(Sex::from_code("X"), Some(Sex::Unlisted("X".into())));
        assert_eq!(Sex::from_code(""), None);
        assert_eq!(Sex::from_code("\"\""), None);
        assert_eq!(Sex::Unlisted("X".into()).code(), "X");
        assert_eq!(
            TelecomEquipment::from_code("internet"),
            Some(TelecomEquipment::Internet)
        );
    }

    #[test]
    fn every_listed_code_is_in_its_value_set() {
        let lists: &[(&str, &[&str])] = &[
            (Sex::VALUE_SET, Sex::LISTED),
            (NameType::VALUE_SET, NameType::LISTED),
            (AddressType::VALUE_SET, AddressType::LISTED),
            (TelecomUse::VALUE_SET, TelecomUse::LISTED),
            (TelecomEquipment::VALUE_SET, TelecomEquipment::LISTED),
            (RegistryStatus::VALUE_SET, RegistryStatus::LISTED),
            (CompletionStatus::VALUE_SET, CompletionStatus::LISTED),
            (ActionCode::VALUE_SET, ActionCode::LISTED),
            (HistoricalSource::VALUE_SET, HistoricalSource::LISTED),
            (RefusalReason::VALUE_SET, RefusalReason::LISTED),
            (ProcessingId::VALUE_SET, ProcessingId::LISTED),
        ];
        for (vs, codes) in lists {
            for code in *codes {
                assert!(crate::codes::contains(vs, code), "{code} not in {vs}");
            }
        }
        assert_eq!(
            HistoricalSource::ParentRecall.to_coded(),
            Coded::with_text(
                "04",
                "Historical information - from parent recall",
                "NIP001"
            )
        );
    }
}
