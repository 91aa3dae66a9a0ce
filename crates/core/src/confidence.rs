//! The confidence ladder: how strongly the desk stands behind a claim. This is the only place the
//! levels are defined; everything else (export front matter, chips in the UI, checks) reads them
//! from here.
//!
//! [`LEVELS`] is the one table of what each level means, read by both sides that judge a level:
//! the provenance suggestion (which evidence earns it, `provenance.rs`) and the wording check
//! (which words a sentence may use at it, `checks/wording.rs`). "The party itself spoke" words
//! ("confirmed", "officially", "announced") are allowed exactly at the level that needs
//! first-party evidence, so a suggestion and the wording check cannot disagree about them.

use crate::vocab::vocabulary;

vocabulary! {
    /// Confidence levels, strongest first.
    ///
    /// - `confirmed`: on the record from the party itself: an official announcement, a press
    ///   release, published data, or a person speaking about their own plans or words.
    /// - `corroborated`: two or more credible sources with independent origins.
    /// - `reported`: one credible source, or several that trace back to one origin.
    /// - `unverified`: unnamed reports, rumours, social posts, low-rated sources.
    /// - `speculation`: inference or analysis by the writer, needing no source.
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
        self.level().meaning
    }

    /// The row of [`LEVELS`] for this level.
    pub fn level(self) -> &'static LevelMeaning {
        // LEVELS lists the levels strongest first; the test below keeps it so.
        &LEVELS[usize::from(4 - self.strength())]
    }
}

/// What one level means: to a reader, to the evidence that earns it, and to the words a sentence
/// may use at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LevelMeaning {
    pub level: Confidence,
    /// One line a reader understands.
    pub meaning: &'static str,
    /// The evidence that earns the level, as the provenance suggestion applies it.
    pub earned_by: &'static str,
    /// Evidence from the party itself is needed: the only way to this level.
    pub needs_first_party: bool,
    /// The claim may be stated as plain fact, with no attribution or hedge.
    pub may_state_flatly: bool,
    /// Words that say the party itself spoke ("confirmed", "officially", "announced").
    pub may_say_party_spoke: bool,
    /// Words of certainty ("definitely", "for sure", "no doubt").
    pub may_sound_certain: bool,
}

/// The one table of level meanings, strongest first (the order of [`Confidence::ALL`]).
pub const LEVELS: [LevelMeaning; 5] = [
    LevelMeaning {
        level: Confidence::Confirmed,
        meaning: "on the record from the party itself",
        earned_by: "a credible first-party source cited directly: an official channel, a press \
                    release, published data, or a person on their own plans or words (marked \
                    first-party on the evidence)",
        needs_first_party: true,
        may_state_flatly: true,
        may_say_party_spoke: true,
        may_sound_certain: true,
    },
    LevelMeaning {
        level: Confidence::Corroborated,
        meaning: "two or more credible sources with independent origins",
        earned_by: "two or more independent credible origins, none credibly against it",
        needs_first_party: false,
        may_state_flatly: true,
        may_say_party_spoke: false,
        may_sound_certain: true,
    },
    LevelMeaning {
        level: Confidence::Reported,
        meaning: "one credible source, or several tracing back to one origin",
        earned_by: "one credible origin (relays of one origin count once)",
        needs_first_party: false,
        may_state_flatly: false,
        may_say_party_spoke: false,
        may_sound_certain: false,
    },
    LevelMeaning {
        level: Confidence::Unverified,
        meaning: "unnamed reports, rumours or social posts",
        earned_by: "only low-rated, unrated or unnamed origins, or the party itself against it",
        needs_first_party: false,
        may_state_flatly: false,
        may_say_party_spoke: false,
        may_sound_certain: false,
    },
    LevelMeaning {
        level: Confidence::Speculation,
        meaning: "inference or analysis, not a reported fact",
        earned_by: "no supporting source: the writer's own analysis",
        needs_first_party: false,
        may_state_flatly: false,
        may_say_party_spoke: false,
        may_sound_certain: false,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_is_ordered_strongest_first() {
        let strengths: Vec<u8> = Confidence::ALL.iter().map(|c| c.strength()).collect();
        assert_eq!(strengths, vec![4, 3, 2, 1, 0]);
    }

    #[test]
    fn the_table_of_meanings_has_every_level_in_order() {
        let levels: Vec<Confidence> = LEVELS.iter().map(|l| l.level).collect();
        assert_eq!(levels, Confidence::ALL, "LEVELS is indexed by strength");
        for c in Confidence::ALL {
            assert_eq!(c.level().level, *c);
        }
        let party: Vec<Confidence> = LEVELS
            .iter()
            .filter(|l| l.may_say_party_spoke)
            .map(|l| l.level)
            .collect();
        let first: Vec<Confidence> = LEVELS
            .iter()
            .filter(|l| l.needs_first_party)
            .map(|l| l.level)
            .collect();
        assert_eq!(
            party, first,
            "\"confirmed\" wording is allowed exactly where first-party evidence is needed"
        );
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
