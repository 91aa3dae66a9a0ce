//! The closed vocabularies of the desk (kinds, reliabilities, statuses, stances) and the one macro
//! that gives each the same behaviour: kebab-case text in JSON, SQL and the CLI, and a parse error
//! that names the field and lists the accepted words.

/// Defines a closed text vocabulary. Variants are written once, with their wire word.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $word:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        #[ts(export)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $word)] $variant ),+
        }

        impl $name {
            /// Every value, in the vocabulary's documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Parses the wire word; the error names `field` and lists the accepted words.
            pub fn parse(field: &str, text: &str) -> Result<Self, $crate::error::CoreError> {
                let t = text.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(t))
                    .ok_or_else(|| $crate::error::CoreError::invalid(
                        field,
                        format!(
                            "\"{t}\" is not one of {}",
                            $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    ))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == text)
                    .ok_or_else(|| rusqlite::types::FromSqlError::Other(
                        format!("unknown {} \"{text}\"", stringify!($name)).into(),
                    ))
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// What a source is.
    pub enum SourceKind {
        Official => "official",
        Outlet => "outlet",
        Interview => "interview",
        PressRelease => "press-release",
        Social => "social",
        Dataset => "dataset",
        Broadcast => "broadcast",
        Other => "other",
    }
}

vocabulary! {
    /// How far the writer trusts a source's own reporting.
    pub enum Reliability {
        High => "high",
        Medium => "medium",
        Low => "low",
        Unknown => "unknown",
    }
}

vocabulary! {
    /// Where a claim stands in its life.
    pub enum ClaimStatus {
        Active => "active",
        Disputed => "disputed",
        Superseded => "superseded",
        Retracted => "retracted",
    }
}

vocabulary! {
    /// Whether a piece of evidence backs a claim or speaks against it.
    pub enum Stance {
        Supports => "supports",
        Contradicts => "contradicts",
    }
}
