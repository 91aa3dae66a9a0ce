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
    /// What a source is. Which kinds speak for the party itself, and each kind's default
    /// reliability, are provenance rules: see `provenance.rs`.
    pub enum SourceKind {
        /// The party's own channel: a network, a ministry, an awards body, an agency.
        Official => "official",
        /// A news outlet's own story.
        Outlet => "outlet",
        /// An outlet's publication of a person's words: the outlet speaks, quoting the person.
        Interview => "interview",
        PressRelease => "press-release",
        /// A post by someone who is not the party: a fan, an aggregator account.
        Social => "social",
        /// Published data: a ratings chart, a registry.
        Dataset => "dataset",
        Broadcast => "broadcast",
        /// A named person on record with no outlet between: their post, statement or speech.
        Person => "person",
        /// Unnamed reports: insiders, "people close to", anonymous boards.
        Anonymous => "anonymous",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::confidence::{Confidence, LEVELS};
    use crate::provenance::default_reliability;

    fn words<T: std::fmt::Display>(all: &[T]) -> String {
        all.iter()
            .map(|v| format!("'{v}'"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The closed vocabularies, each kind's default reliability and the table of level meanings,
    /// as the TypeScript the forms read: written by `cargo test` beside the ts-rs bindings and
    /// committed, so a kind added here reaches the app's forms without being typed again.
    #[test]
    fn the_app_vocabulary_file_is_written_from_the_rust_tables() {
        let defaults = SourceKind::ALL
            .iter()
            .map(|k| format!("  '{k}': '{}',", default_reliability(*k)))
            .collect::<Vec<_>>()
            .join("\n");
        let levels = serde_json::to_string_pretty(&LEVELS).unwrap();
        let text = format!(
            "// Generated by `cargo test -p factdesk-core --lib vocab` from crates/core (vocab.rs,\n\
             // provenance.rs, confidence.rs). Do not edit: change the Rust tables.\n\n\
             import type {{ ClaimStatus }} from './ClaimStatus';\n\
             import type {{ LevelMeaning }} from './LevelMeaning';\n\
             import type {{ Reliability }} from './Reliability';\n\
             import type {{ SourceKind }} from './SourceKind';\n\
             import type {{ Stance }} from './Stance';\n\n\
             export const SOURCE_KINDS: readonly SourceKind[] = [{}];\n\n\
             export const RELIABILITIES: readonly Reliability[] = [{}];\n\n\
             export const CLAIM_STATUSES: readonly ClaimStatus[] = [{}];\n\n\
             export const STANCES: readonly Stance[] = [{}];\n\n\
             /** The reliability a source of each kind gets when the writer does not rate it. */\n\
             export const DEFAULT_RELIABILITY: Record<SourceKind, Reliability> = {{\n{defaults}\n}};\n\n\
             /** What each confidence level means, strongest first (`confidence::LEVELS`). */\n\
             export const LEVELS: readonly LevelMeaning[] = {levels};\n",
            words(SourceKind::ALL),
            words(Reliability::ALL),
            words(ClaimStatus::ALL),
            words(Stance::ALL),
        );
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/src/lib/bindings/vocabulary.ts");
        std::fs::write(&path, &text).unwrap();
        assert!(text.contains("'person': 'medium'") && text.contains("'anonymous': 'low'"));
        assert_eq!(LEVELS.len(), Confidence::ALL.len());
    }
}
