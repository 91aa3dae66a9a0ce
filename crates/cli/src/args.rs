//! The command-line grammar.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "factdesk",
    version,
    about = "Sources, claims and sourced drafts in one desk"
)]
pub struct Cli {
    /// The desk file [default: the app's desk in the OS data directory]
    #[arg(long, global = true, env = "FACTDESK_DESK", value_name = "PATH")]
    pub desk: Option<PathBuf>,

    /// Print machine-readable JSON
    #[arg(long, global = true)]
    pub json: bool,

    /// Who the history records as making changes
    #[arg(long = "as", global = true, env = "FACTDESK_USER", value_name = "NAME")]
    pub actor: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the desk file (and fill it with the sample desk)
    Init {
        /// Load the sample season-2 explainer into the new desk
        #[arg(long)]
        sample: bool,
        /// Load a large synthetic desk (2,000 sources, 1,000 claims, a 20,000-word draft) for
        /// measuring speed
        #[arg(long, conflicts_with = "sample")]
        large: bool,
        /// With --large: generate a desk of N claims (up to 1,000,000) with N/3 sources, 1.5 N
        /// pieces of evidence and a 20,000-word draft of 1,000 spans
        #[arg(long, requires = "large", value_name = "N")]
        claims: Option<usize>,
    },
    /// Sources: where facts come from
    #[command(subcommand)]
    Source(SourceCommand),
    /// Claims: single checkable statements
    #[command(subcommand)]
    Claim(ClaimCommand),
    /// Drafts: Markdown with claim spans
    #[command(subcommand)]
    Draft(DraftCommand),
    /// A claim's evidence traced to its origins, and the confidence it suggests
    Provenance { claim: String },
    /// Check a draft; exits 1 when any finding is an error
    Check { draft: String },
    /// Per-claim sign-off of a draft
    #[command(subcommand)]
    Review(ReviewCommand),
    /// Who changed what: the history of a claim or a source
    History {
        /// claim or source
        kind: String,
        id: String,
    },
    /// Evidence: the link from a claim to a source
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// The desk's settings: the freshness window and the profile
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// People: a name, its Hangul and the romanisations in use (read by the name-variant check)
    #[command(subcommand)]
    Person(PersonCommand),
    /// Back up the desk now (into the backups folder beside it, or to --out); `backup list`
    /// shows the backups
    Backup(BackupArgs),
    /// Find sources, claims and drafts holding every word of QUERY (any part of a word of
    /// three or more letters), best first
    Search {
        /// The words to find; searched as plain text
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this kind of record: source, claim or draft
        #[arg(long)]
        kind: Option<String>,
        /// Most hits to show (1 to 200)
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Record an article (plain text or Markdown) as a source with its text kept, and propose
    /// candidate claims, kept pending until accepted (`candidate list|accept|reject`)
    Intake(Box<IntakeArgs>),
    /// Import a citation library (CSL-JSON from Zotero or Better BibTeX, BibTeX/BibLaTeX, RIS)
    /// as sources; duplicates by DOI, URL, or title and date only fill empty fields
    Import {
        /// The library file; its content decides the format, its extension breaks a tie
        file: PathBuf,
        /// Report what would be created, merged and skipped without writing anything
        #[arg(long)]
        dry_run: bool,
    },
    /// Candidate claims proposed by `intake`
    #[command(subcommand)]
    Candidate(CandidateCommand),
    /// Replace the desk by a backup (the desk it replaces is backed up first)
    Restore {
        /// The backup file (see `factdesk backup list`)
        backup: PathBuf,
    },
    /// A team desk on PostgreSQL: make its schema and roles, add its users (run as the
    /// server's administrator)
    #[command(subcommand)]
    Team(TeamCommand),
    /// Moving work between desks: a desk file and a team desk, or two of either
    #[command(subcommand)]
    Desk(DeskCommand),
}

#[derive(Debug, Subcommand)]
pub enum DeskCommand {
    /// Copy DRAFT with its claims, evidence, sources, revisions and reviews from one desk to
    /// another; a record changed on both desks since their last copy is reported as a
    /// conflict and left as it is on both
    Copy {
        /// The draft's id (or the start of it) on the --from desk
        draft: String,
        /// The desk to copy from: a desk file or postgres://USER@HOST/DB
        #[arg(long, value_name = "DESK")]
        from: String,
        /// The desk to copy to: a desk file or postgres://USER@HOST/DB
        #[arg(long, value_name = "DESK")]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Make (or complete) the team desk in the database URL names: roles, schema, tables
    Init {
        /// postgres://USER@HOST/DATABASE (the password from ~/.pgpass or PGPASSFILE)
        url: String,
    },
    /// Make a login for NAME on the team desk named by --desk postgres://…
    AddUser {
        /// The login name: lower-case letters, digits and underscores
        name: String,
        /// writer or editor
        #[arg(long)]
        role: String,
    },
    /// Print one line per change committed on the team desk named by --desk postgres://…
    /// (table, id, insert|update|delete, login) until interrupted; reconnects by itself
    Watch,
    /// Fill the empty team desk named by --desk postgres://… with every record of the desk
    /// FILE (as the desk's owner; records keep their ids, times and actors)
    Load {
        /// The desk file to load
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct IntakeArgs {
    /// The article's text, plain or Markdown (`-` reads standard input)
    pub file: PathBuf,
    #[arg(long)]
    pub outlet: String,
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub url: Option<String>,
    /// Publication date: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long)]
    pub published: Option<String>,
    /// BCP 47 language tag (en, ko)
    #[arg(long)]
    pub language: Option<String>,
    /// Show the candidates without recording anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum CandidateCommand {
    /// Pending candidates, or every candidate of one source
    List {
        #[arg(long)]
        source: Option<String>,
    },
    /// Make a candidate a claim with its relay sources and evidence (one transaction)
    Accept {
        id: String,
        /// The claim's confidence [default: the suggestion]
        #[arg(long)]
        confidence: Option<String>,
        /// The claim's text [default: the candidate's]
        #[arg(long)]
        text: Option<String>,
        /// Add this article as evidence to an existing claim instead of creating one
        #[arg(long, value_name = "CLAIM", conflicts_with_all = ["confidence", "text"])]
        evidence_to: Option<String>,
    },
    /// Set a candidate aside
    Reject { id: String },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    pub command: Option<BackupCommand>,
    /// Write the backup to FILE instead of the backups folder
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person, e.g. person add "Choo Young-woo" --alias "Joo Young-woo" --hangul 주영우
    Add {
        name: String,
        /// Another romanisation in use (repeatable)
        #[arg(long = "alias")]
        aliases: Vec<String>,
        /// The name in Hangul
        #[arg(long)]
        hangul: Option<String>,
    },
    /// Every person, by name, with their Hangul name and aliases
    List,
    /// Add one alias to a person
    Alias { id: String, name: String },
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Every backup of the desk, newest first: time, size and record counts
    List,
}

/// A piece of evidence's own fields, shared by `claim link` and `evidence edit`.
#[derive(Debug, Args)]
pub struct EvidenceFields {
    #[arg(long)]
    pub quote: Option<String>,
    /// Page, paragraph or timestamp in the source
    #[arg(long)]
    pub locator: Option<String>,
    /// supports or contradicts
    #[arg(long)]
    pub stance: Option<String>,
    /// Who translated the quote
    #[arg(long)]
    pub translated_by: Option<String>,
    /// The quote in the source's own language
    #[arg(long)]
    pub original_quote: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Change a piece of evidence (only the fields given; "" clears one)
    Edit {
        id: String,
        #[command(flatten)]
        fields: EvidenceFields,
        /// true when the source is the party itself on its own plans or words, else false
        #[arg(long, value_name = "true|false")]
        first_party: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Print the settings
    Get,
    /// Change the settings given
    Set {
        /// Days after a claim's as-of date before it is flagged as stale (1 to 3650)
        #[arg(long)]
        freshness_days: Option<u32>,
        /// The profile's name (who the app records in the history)
        #[arg(long)]
        name: Option<String>,
        /// writer or editor
        #[arg(long)]
        role: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Every claim of the draft with its review state
    Show { draft: String },
    /// Set one claim's state: pending, approved, changes-requested, rejected
    Set {
        draft: String,
        claim: String,
        state: String,
        #[arg(long)]
        comment: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Record a source
    Add(Box<SourceAdd>),
    /// Change a source's fields (only those given; "" clears one, e.g. --via "")
    Edit(Box<SourceEdit>),
    /// List sources, newest first, a page at a time
    List(SourceListArgs),
    /// Show one source with its relay chain
    Show { id: String },
    /// List the evidence whose quotes are not in the source's kept text; exits 1 when any is
    Recheck { id: String },
}

#[derive(Debug, Args)]
pub struct SourceAdd {
    #[arg(long)]
    pub title: String,
    #[command(flatten)]
    pub fields: SourceFields,
}

/// `source edit`: only the fields given change; `""` clears an optional one (`--via ""`).
#[derive(Debug, Args)]
pub struct SourceEdit {
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub fields: SourceFields,
}

/// A source's fields besides its title, shared by `source add` and `source edit`.
#[derive(Debug, Args)]
pub struct SourceFields {
    #[arg(long)]
    pub outlet: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long)]
    pub published: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long)]
    pub accessed: Option<String>,
    /// official, outlet, interview, press-release, social, dataset, broadcast, person, anonymous,
    /// other
    #[arg(long)]
    pub kind: Option<String>,
    /// BCP 47 language tag (en, ko, pt-BR)
    #[arg(long)]
    pub language: Option<String>,
    /// high, medium, low, unknown (a new source without it gets its kind's default)
    #[arg(long)]
    pub reliability: Option<String>,
    /// The source this one relays (id or unique prefix)
    #[arg(long)]
    pub via: Option<String>,
    /// A file holding the text or excerpt to keep
    #[arg(long, value_name = "FILE")]
    pub text_file: Option<PathBuf>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Record a claim
    Add {
        #[arg(long)]
        text: String,
        /// confirmed, corroborated, reported, unverified, speculation
        #[arg(long)]
        confidence: String,
        /// YYYY, YYYY-MM or YYYY-MM-DD
        #[arg(long)]
        as_of: Option<String>,
        /// A topic tag (repeatable)
        #[arg(long = "topic")]
        topics: Vec<String>,
        /// A fact fixed once true (a premiere date, an award result): it never goes stale
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        settled: Option<bool>,
    },
    /// Link a claim to a source as evidence
    Link {
        claim: String,
        source: String,
        #[command(flatten)]
        fields: EvidenceFields,
        /// The source is the party itself on its own plans or words (a person on their own role)
        #[arg(long)]
        first_party: bool,
    },
    /// Remove one piece of evidence from its claim
    Unlink { evidence: String },
    /// Mark OLD as superseded by NEW
    Supersede { old: String, new: String },
    /// Change a claim; with --reason, keep its confidence above what the evidence suggests
    Edit {
        id: String,
        #[arg(long)]
        text: Option<String>,
        #[arg(long)]
        confidence: Option<String>,
        /// YYYY, YYYY-MM or YYYY-MM-DD ("" clears it)
        #[arg(long)]
        as_of: Option<String>,
        /// active, disputed, retracted
        #[arg(long)]
        status: Option<String>,
        /// Replaces the topics (repeatable)
        #[arg(long = "topic")]
        topics: Vec<String>,
        /// A fact fixed once true (a premiere date, an award result): it never goes stale
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        settled: Option<bool>,
        /// Why the confidence stands above the evidence's suggestion (a reviewer's override)
        #[arg(long)]
        reason: Option<String>,
    },
    /// List claims, newest first, a page at a time
    List(ClaimListArgs),
    /// Show one claim with its evidence
    Show { id: String },
}

#[derive(Debug, Subcommand)]
pub enum DraftCommand {
    /// Start a draft, optionally from a Markdown file with claim spans
    New {
        #[arg(long)]
        title: String,
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// List every draft
    List,
    /// Print a draft's Markdown body
    Show { id: String },
    /// Replace a draft's text with a file's (a new revision; reviews of unchanged claims stay)
    Edit {
        id: String,
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        title: Option<String>,
    },
    /// Export a draft as sourced Markdown
    Export {
        id: String,
        /// footnotes (GitHub-flavoured Markdown) or pandoc (spans, citations and CSL-JSON)
        #[arg(long, default_value = "footnotes")]
        format: String,
        /// Write to FILE instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Where the pandoc format's CSL-JSON goes [default: FILE.csl.json]
        #[arg(long, value_name = "PATH")]
        bib: Option<PathBuf>,
        /// Refuse, writing nothing, unless every claim is approved and no error remains
        #[arg(long)]
        publish: bool,
    },
    /// The provenance report for editors (Markdown)
    Report {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The "what we know" block of a draft's claims (or a topic's), grouped by confidence;
    /// prints it, or with --insert puts it into the draft (replacing the block already there)
    #[command(name = "what-we-know")]
    WhatWeKnow {
        id: String,
        /// List this topic's claims instead of the draft's
        #[arg(long)]
        topic: Option<String>,
        /// table or sections [default: the block's own, or table]
        #[arg(long)]
        format: Option<String>,
        /// Save the draft with the block in it, as a new revision
        #[arg(long, conflicts_with = "print")]
        insert: bool,
        /// Print the block only (the default)
        #[arg(long)]
        print: bool,
    },
    /// Every saved revision of a draft, newest first
    Revisions { id: String },
    /// Make an old revision the draft's text again (itself a new revision)
    Restore { id: String, seq: i64 },
}

/// Which page of a list to print.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Records per page (1 to 1,000)
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Start after this cursor: the `next` a page printed
    #[arg(long, value_name = "CURSOR")]
    pub after: Option<String>,
}

#[derive(Debug, Args)]
pub struct SourceListArgs {
    #[command(flatten)]
    pub page: PageArgs,
    /// Only sources from this outlet (letter case ignored)
    #[arg(long)]
    pub outlet: Option<String>,
}

#[derive(Debug, Args)]
pub struct ClaimListArgs {
    #[command(flatten)]
    pub page: PageArgs,
    /// Only claims at this confidence level
    #[arg(long)]
    pub confidence: Option<String>,
    /// Only claims with this topic
    #[arg(long)]
    pub topic: Option<String>,
    /// Only claims with this status (active, disputed, superseded, retracted)
    #[arg(long)]
    pub status: Option<String>,
}
