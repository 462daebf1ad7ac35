//! Primitive HL7 data types (placeholder; being written).
macro_rules! prim {
    ($($(#[$m:meta])* $n:ident),*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $n(pub String);
    )*};
}
prim!(St, Id, Is, Nm, Si, Tx, Ft, Dt, Dtm);
