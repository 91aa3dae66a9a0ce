//! Factdesk's core: the domain and storage of an editorial desk. Writers record sources and
//! claims, link claims to sources as evidence, and draft Markdown that marks claims in the text.
//! Everything lives in one SQLite file (a [`Desk`]); the app and the CLI are thin layers over it.

pub mod analysis;
pub mod audit;
pub mod backup;
pub mod checks;
pub mod citations;
pub mod claims;
pub mod clock;
pub mod confidence;
pub mod dates;
pub mod desk;
pub mod desk_files;
pub mod drafts;
pub mod error;
pub mod evidence;
pub mod export;
pub mod ids;
pub mod intake;
pub mod large;
pub mod merge;
pub mod migrations;
pub mod pages;
pub mod people;
pub mod provenance;
pub mod publication;
pub mod reviews;
pub mod revisions;
pub mod sample;
pub mod search;
pub mod settings;
pub mod snapshot;
pub mod sources;
pub mod spans;
pub mod storage;
pub mod validate;
pub mod vocab;

pub use analysis::{AnalysedSave, Analysis, ConfidenceSummary, LevelCount};
pub use audit::HistoryEntry;
pub use claims::{Claim, ClaimDetail, ClaimInput, ClaimPatch};
pub use clock::{Clock, FixedClock, SystemClock};
pub use confidence::Confidence;
pub use dates::PartialDate;
pub use desk::Desk;
pub use drafts::{Draft, DraftInput, DraftSummary};
pub use error::{CoreError, ErrorReport, Result};
pub use evidence::{Evidence, EvidenceCount, EvidenceDetail, EvidenceInput, EvidencePatch};
pub use ids::RecordKind;
pub use pages::{ClaimFilter, ListQuery, Page, SourceFilter};
pub use people::{Person, PersonInput};
pub use revisions::{Revision, RevisionSummary, SaveConflict, SaveOutcome, SaveReason};
pub use search::{SearchHit, SearchKind, SnippetPart};
pub use sources::{Source, SourceDetail, SourceInput, SourcePatch, SourceRef};
pub use vocab::{ClaimStatus, Reliability, SourceKind, Stance};
