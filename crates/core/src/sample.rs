//! The sample desk: a short season-2 explainer for an invented drama, "The Salt Road", with
//! sources at every reliability level, a relay chain, a translated quote and claims at every
//! confidence level. Everything here is fiction written for Factdesk.

use serde::{Deserialize, Serialize};

use crate::claims::{self, ClaimInput};
use crate::confidence::Confidence;
use crate::desk::Desk;
use crate::drafts::{self, Draft, DraftInput};
use crate::error::{CoreError, Result};
use crate::evidence::{self, EvidenceInput};
use crate::sources::{self, SourceInput};
use crate::vocab::{ClaimStatus, Reliability, SourceKind, Stance};

/// What loading the sample made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SampleSummary {
    pub sources: u32,
    pub claims: u32,
    pub evidence: u32,
    pub draft: Draft,
}

fn source(
    title: &str,
    outlet: &str,
    kind: SourceKind,
    reliability: Reliability,
    published: &str,
) -> SourceInput {
    SourceInput {
        title: title.into(),
        outlet: Some(outlet.into()),
        kind: Some(kind),
        reliability: Some(reliability),
        published: Some(published.into()),
        accessed: Some("2025-06-02".into()),
        language: Some("en".into()),
        ..SourceInput::default()
    }
}

fn claim(text: &str, confidence: Confidence, as_of: &str, topics: &[&str]) -> ClaimInput {
    ClaimInput {
        text: text.into(),
        confidence,
        as_of: Some(as_of.into()),
        status: None,
        topics: topics.iter().map(|t| t.to_string()).collect(),
        settled: false,
    }
}

fn cite(claim: &str, source: &str, quote: &str, stance: Stance) -> EvidenceInput {
    EvidenceInput {
        claim: claim.into(),
        source: source.into(),
        quote: Some(quote.into()),
        stance: Some(stance),
        ..EvidenceInput::default()
    }
}

impl Desk {
    /// Refuses to fill a desk that already holds records with `what` (a sample or synthetic
    /// desk): mixing them into real work would be hard to undo.
    pub(crate) fn refuse_unless_empty(&self, what: &str) -> Result<()> {
        if self.is_empty()? {
            return Ok(());
        }
        Err(CoreError::invalid(
            "desk",
            format!("already holds records; {what} goes into an empty desk"),
        ))
    }

    /// Fills an empty desk with the sample, all in one transaction.
    pub fn load_sample(&mut self) -> Result<SampleSummary> {
        self.refuse_unless_empty("the sample")?;
        self.write(|w| {
            use Reliability::*;
            use SourceKind::*;
            let press = sources::add(
                w,
                &SourceInput {
                    url: Some("https://newsroom.streamline.example/salt-road-season-two".into()),
                    author: Some("Streamline Communications".into()),
                    kept_text: Some(
                        "Streamline confirms that The Salt Road will return for a second \
                         season. Further details will follow later in the year."
                            .into(),
                    ),
                    ..source(
                        "The Salt Road will return for a second season",
                        "Streamline Newsroom",
                        PressRelease,
                        High,
                        "2025-03-14",
                    )
                },
            )?;
            let interview = sources::add(
                w,
                &SourceInput {
                    author: Some("Oh Ji-min".into()),
                    language: Some("ko".into()),
                    url: Some("https://hanbit-daily.example/culture/20250520-min-haeun".into()),
                    notes: Some("Korean-language sit-down interview with the director.".into()),
                    ..source(
                        "Director Min Ha-eun on the road to season two",
                        "Hanbit Daily",
                        Interview,
                        Medium,
                        "2025-05-20",
                    )
                },
            )?;
            let relay = sources::add(
                w,
                &SourceInput {
                    author: Some("Dana Whitlock".into()),
                    url: Some("https://reelreport.example/salt-road-s2-winter-shoot".into()),
                    via: Some(interview.id.clone()),
                    ..source(
                        "The Salt Road season 2 will shoot this winter, director says",
                        "The Reel Report",
                        Outlet,
                        Medium,
                        "2025-05-22",
                    )
                },
            )?;
            let relay_of_relay = sources::add(
                w,
                &SourceInput {
                    url: Some("https://screendigest.example/salt-road-2-what-we-know".into()),
                    via: Some(relay.id.clone()),
                    ..source(
                        "Everything we know so far about The Salt Road 2",
                        "Screen Digest Weekly",
                        Outlet,
                        Medium,
                        "2025-05-25",
                    )
                },
            )?;
            let ledger = sources::add(
                w,
                &SourceInput {
                    author: Some("Priya Raman".into()),
                    url: Some("https://kdramaledger.example/cast-returns".into()),
                    ..source(
                        "Ferryman actor signs on for more Salt Road",
                        "K-Drama Ledger",
                        Outlet,
                        Medium,
                        "2025-05-28",
                    )
                },
            )?;
            let chart = sources::add(
                w,
                &SourceInput {
                    url: Some("https://top10.streamline.example/2025/week-14".into()),
                    ..source(
                        "Global top ten, non-English series, week 14",
                        "Streamline Top 10",
                        Dataset,
                        High,
                        "2025-04-08",
                    )
                },
            )?;
            let awards = sources::add(
                w,
                &source(
                    "Seoul Screen Awards 2025: the winners",
                    "Seoul Screen Awards",
                    Official,
                    High,
                    "2025-05-09",
                ),
            )?;
            let fan_post = sources::add(
                w,
                &SourceInput {
                    author: Some("@saltroad_updates".into()),
                    url: Some("https://social.example/@saltroad_updates/1102".into()),
                    ..source(
                        "Post claiming a summer 2026 premiere",
                        "social.example",
                        Social,
                        Low,
                        "2025-05-30",
                    )
                },
            )?;
            let gossip = sources::add(
                w,
                &source(
                    "Insiders say the lead actress may sit out season two",
                    "The Daily Buzz",
                    Outlet,
                    Low,
                    "2025-05-31",
                ),
            )?;

            let renewal = claims::add(
                w,
                &claim(
                    "Streamline renewed The Salt Road for a second season.",
                    Confidence::Confirmed,
                    "2025-03-14",
                    &["renewal"],
                ),
            )?;
            let award = claims::add(
                w,
                &claim(
                    "The Salt Road won Best Drama at the 2025 Seoul Screen Awards.",
                    Confidence::Confirmed,
                    "2025-05-09",
                    &["awards"],
                ),
            )?;
            let chart_claim = claims::add(
                w,
                &claim(
                    "Season 1 spent three weeks in Streamline's global top ten.",
                    Confidence::Confirmed,
                    "2025-04",
                    &["ratings"],
                ),
            )?;
            let ferryman = claims::add(
                w,
                &claim(
                    "Jung Tae-oh returns as the ferryman in season 2.",
                    Confidence::Corroborated,
                    "2025-05-28",
                    &["cast"],
                ),
            )?;
            let filming = claims::add(
                w,
                &claim(
                    "Filming of season 2 is due to start in the winter of 2025.",
                    Confidence::Reported,
                    "2025-05-22",
                    &["filming"],
                ),
            )?;
            let eight = claims::add(
                w,
                &claim(
                    "Season 2 will have eight episodes.",
                    Confidence::Reported,
                    "2025-05-22",
                    &["episodes"],
                ),
            )?;
            let ten = claims::add(
                w,
                &claim(
                    "Season 2 will have ten episodes.",
                    Confidence::Reported,
                    "2025-05-25",
                    &["episodes"],
                ),
            )?;
            let premiere = claims::add(
                w,
                &claim(
                    "Season 2 premieres in the summer of 2026.",
                    Confidence::Unverified,
                    "2025-05-30",
                    &["release"],
                ),
            )?;
            let actress = claims::add(
                w,
                &ClaimInput {
                    status: Some(ClaimStatus::Disputed),
                    ..claim(
                        "Park Seo-yun will not return for season 2.",
                        Confidence::Unverified,
                        "2025-05-31",
                        &["cast"],
                    )
                },
            )?;
            let sister = claims::add(
                w,
                &claim(
                    "The first season's last scene points to a story about the younger sister.",
                    Confidence::Speculation,
                    "2025-06",
                    &["plot"],
                ),
            )?;

            let mut links = vec![
                cite(
                    &renewal.id,
                    &press.id,
                    "The Salt Road will return for a second season.",
                    Stance::Supports,
                ),
                cite(
                    &award.id,
                    &awards.id,
                    "Best Drama went to The Salt Road.",
                    Stance::Supports,
                ),
                cite(
                    &chart_claim.id,
                    &chart.id,
                    "Third consecutive week in the top ten.",
                    Stance::Supports,
                ),
                cite(
                    &ferryman.id,
                    &relay.id,
                    "Jung Tae-oh is back on the ferry, the director confirmed.",
                    Stance::Supports,
                ),
                cite(
                    &ferryman.id,
                    &ledger.id,
                    "Jung has signed to return as the ferryman.",
                    Stance::Supports,
                ),
                cite(
                    &eight.id,
                    &relay.id,
                    "The new season is planned at eight episodes.",
                    Stance::Supports,
                ),
                cite(
                    &ten.id,
                    &relay_of_relay.id,
                    "The episode count has grown to ten.",
                    Stance::Supports,
                ),
                cite(
                    &premiere.id,
                    &fan_post.id,
                    "Summer 2026, you heard it here first.",
                    Stance::Supports,
                ),
                cite(
                    &actress.id,
                    &gossip.id,
                    "She is said to be weighing a film offer instead.",
                    Stance::Supports,
                ),
                cite(
                    &actress.id,
                    &relay.id,
                    "The whole family of the first season comes back, the director said.",
                    Stance::Contradicts,
                ),
            ];
            links.push(EvidenceInput {
                locator: Some("paragraph 6".into()),
                translated_by: Some("The Reel Report".into()),
                original_quote: Some("촬영은 올겨울에 시작할 예정입니다.".into()),
                ..cite(
                    &filming.id,
                    &relay.id,
                    "Shooting is planned to begin this winter.",
                    Stance::Supports,
                )
            });
            for link in &links {
                evidence::link(w, link)?;
            }
            claims::supersede(w, &eight.id, &ten.id)?;

            let body = format!(
                "# The Salt Road season 2: everything we know\n\n\
                 ## Is it renewed?\n\n\
                 Yes. [Streamline renewed The Salt Road for a second season]{{claim={}}} in \
                 March 2025, after a first run in which \
                 [the show spent three weeks in the global top ten]{{claim={}}}. \
                 [It also won Best Drama at the 2025 Seoul Screen Awards]{{claim={}}}.\n\n\
                 ## Who is coming back?\n\n\
                 [Jung Tae-oh returns as the ferryman]{{claim={}}}, according to the director \
                 and a separate report. \
                 [Park Seo-yun may not return]{{claim={}}}, one tabloid says, though the director \
                 told Hanbit Daily that the whole cast is coming back.\n\n\
                 ## When does filming start, and when will it air?\n\n\
                 Director Min Ha-eun told Hanbit Daily that \
                 [filming is due to start this winter]{{claim={}}}. \
                 [The new season reportedly has ten episodes]{{claim={}}}. \
                 A fan account claims [it might premiere in the summer of 2026]{{claim={}}}, \
                 but nobody official has said so.\n\n\
                 ## What will it be about?\n\n\
                 Nothing is confirmed. Our guess: \
                 [the last scene of season 1 could point to a story about the younger \
                 sister]{{claim={}}}.\n",
                renewal.id,
                chart_claim.id,
                award.id,
                ferryman.id,
                actress.id,
                filming.id,
                ten.id,
                premiere.id,
                sister.id,
            );
            let draft = drafts::add(
                w,
                &DraftInput {
                    title: "The Salt Road season 2: everything we know".into(),
                    body,
                },
            )?;
            Ok(SampleSummary {
                sources: 9,
                claims: 10,
                evidence: links.len() as u32,
                draft,
            })
        })
    }
}
