//! The confidence ladder: how strongly the desk stands behind a claim. This is the only place the
//! levels are defined; everything else (export front matter, chips in the UI, checks) reads them
//! from here.

use crate::vocab::vocabulary;

vocabulary! {
    /// Confidence levels, strongest first.
    ///
    /// - `confirmed`: on the record from the party itself: an official announcement, the person
    ///   quoted directly, published data, an award result.
    /// - `corroborated`: two or more credible sources with independent origins.
    /// - `reported`: one credible source, or several that trace back to one origin.
    /// - `unverified`: unnamed reports, rumours, social posts.
    /// - `speculation`: inference or analysis by the writer or an outlet.
    pub enum Confidence {
        Confirmed => "confirmed",
        Corroborated => "corroborated",
        Reported => "reported",
        Unverified => "unverified",
        Speculation => "speculation",
    }
}

impl Confidence {
    /// Rank on the ladder: higher is stronger. `speculation` is 0, `confirmed` is 4.
    pub fn strength(self) -> u8 {
        match self {
            Confidence::Confirmed => 4,
            Confidence::Corroborated => 3,
            Confidence::Reported => 2,
            Confidence::Unverified => 1,
            Confidence::Speculation => 0,
        }
    }

    /// One line a reader understands, used in exports and the UI's legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Confidence::Confirmed => "on the record from the party itself",
            Confidence::Corroborated => "two or more credible sources with independent origins",
            Confidence::Reported => "one credible source, or several tracing back to one origin",
            Confidence::Unverified => "unnamed reports, rumours or social posts",
            Confidence::Speculation => "inference or analysis, not a reported fact",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_is_ordered_strongest_first() {
        let strengths: Vec<u8> = Confidence::ALL.iter().map(|c| c.strength()).collect();
        assert_eq!(strengths, vec![4, 3, 2, 1, 0]);
    }

    #[test]
    fn parse_names_the_field_and_the_choices() {
        let err = Confidence::parse("confidence", "likely")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("confidence: \"likely\" is not one of confirmed"),
            "{err}"
        );
        assert_eq!(
            Confidence::parse("c", "Reported").unwrap(),
            Confidence::Reported
        );
    }
}
