//! Carries out one parsed command against the desk.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use factdesk_core::backup;
use factdesk_core::desk::{APP_IDENTIFIER, DEFAULT_FILE_NAME};
use factdesk_core::export::ExportFormat;
use factdesk_core::what_we_know::{BlockFormat, WhatWeKnowRequest};
use factdesk_core::{
    ClaimFilter, ClaimInput, ClaimPatch, Confidence, CoreError, Desk, DraftInput, EvidenceInput,
    ListQuery, Reliability, Result, SearchKind, SourceFilter, SourceInput, SourceKind, Stance,
    SystemClock,
};

use factdesk_core::PartialDate;
use factdesk_core::checks::draft::Severity;
use factdesk_core::intake::Article;
use factdesk_core::intake::record::Acceptance;
use factdesk_core::reviews::ReviewState;
use factdesk_core::settings::{Profile, Role};
use factdesk_core::{ClaimStatus, RecordKind};
use factdesk_core::{EvidencePatch, SaveReason, SourcePatch};

use crate::args::{
    BackupArgs, BackupCommand, CandidateCommand, ClaimCommand, Cli, Command, DeskCommand,
    DraftCommand, EvidenceCommand, EvidenceFields, PersonCommand, ReviewCommand, SettingsCommand,
    SourceCommand, SourceFields, TeamCommand,
};
use crate::output;

/// The desk the app opens by default: `<data dir>/<app identifier>/factdesk.sqlite`.
fn default_desk() -> Result<PathBuf> {
    let dirs = directories::BaseDirs::new().ok_or_else(|| {
        CoreError::invalid("desk", "no home directory is known; pass --desk PATH")
    })?;
    Ok(dirs.data_dir().join(APP_IDENTIFIER).join(DEFAULT_FILE_NAME))
}

/// Reads a UTF-8 text file the user named with `--<flag>`.
fn read_text(flag: &str, path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| CoreError::Io {
        path: format!("{flag} {}", path.display()),
        source,
    })?;
    String::from_utf8(bytes)
        .map_err(|_| CoreError::invalid(flag, format!("{} is not UTF-8 text", path.display())))
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    if let Command::Team(command) = &cli.command {
        return team(command, cli.desk.as_deref(), cli.json);
    }
    if let Command::Desk(DeskCommand::Copy { draft, from, to }) = &cli.command {
        return desk_copy(draft, from, to, cli.actor.as_deref(), cli.json);
    }
    if let Some(url) = cli
        .desk
        .as_deref()
        .and_then(Path::to_str)
        .filter(|d| factdesk_core::team::is_url(d))
    {
        let url = url.to_string();
        return run_on_team_desk(&url, cli);
    }
    let path = match cli.desk.clone() {
        Some(p) => p,
        None => default_desk()?,
    };
    // Every storage error names the desk file and the way out (core's one rule).
    run_on(&path, cli).map_err(|e| factdesk_core::storage::at_desk(e, Some(&path)))
}

fn run_on(path: &Path, cli: Cli) -> Result<ExitCode> {
    let json = cli.json;
    // These work on a desk too damaged to open: they read only the backups folder, or replace
    // the desk.
    match &cli.command {
        Command::Restore { backup } => {
            let restored = backup::restore(path, backup, &SystemClock)?;
            if json {
                output::json(&restored)?;
            } else {
                outln!("Restored {} from {}", path.display(), restored.from);
                if let Some(b) = &restored.replaced_backup {
                    outln!("The desk it replaced is backed up as {b}");
                }
                if let Some(d) = &restored.damaged_copy {
                    outln!("The damaged desk it replaced is kept as {d}");
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Backup(BackupArgs {
            command: Some(BackupCommand::List),
            ..
        }) => {
            // Lists without opening the desk: a damaged desk still has its backups, which are
            // the way back. A mistyped --desk with no backups gets open's "does not exist".
            if !path.exists() && backup::newest(path).is_none() {
                drop(Desk::open(path)?);
            }
            let all = backup::list(path)?;
            if json {
                output::json(&all)?;
            } else {
                all.iter().for_each(output::backup_line);
                if all.is_empty() {
                    outln!("no backups yet in {}", backup::folder(path).display());
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let mut desk = if matches!(cli.command, Command::Init { .. }) {
        Desk::create(path)?
    } else {
        Desk::open(path)?
    };
    if let Some(actor) = &cli.actor {
        desk.set_actor(actor)?;
    }
    dispatch(&mut desk, path, cli)
}

/// A command on the team desk at `url`. What a desk file keeps beside it (its backups, the
/// file itself) has no team-desk form here: PostgreSQL's own tools keep it.
fn run_on_team_desk(url: &str, cli: Cli) -> Result<ExitCode> {
    let file_only = match &cli.command {
        Command::Init { .. } => {
            Some("`factdesk init` (a team desk is made by `factdesk team init`)")
        }
        Command::Restore { .. } => {
            Some("restoring a backup (a team desk is backed up with pg_dump)")
        }
        Command::Backup(_) => Some("backup (a team desk is backed up with pg_dump)"),
        _ => None,
    };
    if let Some(operation) = file_only {
        return Err(CoreError::NotOnTeamDesk {
            operation: operation.into(),
        });
    }
    let mut desk = Desk::open_team(url)?;
    if let Some(actor) = &cli.actor {
        desk.set_actor(actor)?;
    }
    // The commands that reach here never use the path: init and backup were refused above.
    dispatch(&mut desk, Path::new(""), cli)
}

/// Carries out `cli`'s command on an open desk; `path` is a desk file's (for init and backup).
fn dispatch(desk: &mut Desk, path: &Path, cli: Cli) -> Result<ExitCode> {
    let json = cli.json;
    match cli.command {
        Command::Init {
            sample,
            large,
            claims: Some(claims),
        } if large && !sample => {
            let made = desk.generate_large(claims)?;
            if json {
                output::json(&made)?;
            } else {
                outln!(
                    "Generated desk at {}: {} claims, {} sources, {} pieces of evidence, draft {} \
                     ({:.1} s, {:.0} claims/s)",
                    path.display(),
                    made.claims,
                    made.sources,
                    made.evidence,
                    made.draft.id,
                    made.seconds,
                    made.claims as f64 / made.seconds.max(1e-9)
                );
            }
        }
        Command::Init { sample, large, .. } => {
            if large {
                let draft = desk.load_large(factdesk_core::large::TARGET)?;
                if json {
                    output::json(&draft)?;
                } else {
                    outln!("Large desk at {}: draft {}", path.display(), draft.id);
                }
            } else if sample {
                let summary = desk.load_sample()?;
                if json {
                    output::json(&summary)?;
                } else {
                    outln!(
                        "Sample desk at {}: {} sources, {} claims, draft {}",
                        path.display(),
                        summary.sources,
                        summary.claims,
                        summary.draft.id
                    );
                }
            } else if json {
                output::json(&serde_json::json!({ "desk": path }))?;
            } else {
                outln!("Desk ready at {}", path.display());
            }
        }
        Command::Source(SourceCommand::Recheck { id }) => {
            let r = desk.recheck_source(&id)?;
            if json {
                output::json(&r)?;
            } else {
                output::recheck(&r);
            }
            if !r.absent.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Source(cmd) => source(desk, json, cmd)?,
        Command::Claim(cmd) => claim(desk, json, cmd)?,
        Command::Draft(cmd) => draft(desk, json, cmd)?,
        Command::Search { query, kind, limit } => {
            let kind = kind
                .as_deref()
                .map(|k| SearchKind::parse("kind", k))
                .transpose()?;
            let hits = desk.search(&query.join(" "), kind, limit)?;
            if json {
                output::json(&hits)?;
            } else {
                hits.iter().for_each(output::search_hit);
            }
        }
        Command::Intake(args) => intake(desk, json, &args)?,
        Command::Candidate(cmd) => candidate(desk, json, cmd)?,
        Command::Import { file, dry_run } => {
            let report = desk.import_citations(&file, dry_run)?;
            if json {
                output::json(&report)?;
            } else {
                output::import_report(&report);
            }
        }
        Command::Provenance { claim } => {
            let p = desk.provenance(&claim)?;
            if json {
                output::json(&p)?;
            } else {
                output::provenance(&p);
            }
        }
        Command::Check { draft } => {
            let findings = desk.check_draft(&draft)?;
            if json {
                output::json(&findings)?;
            } else {
                findings.iter().for_each(output::finding);
                if findings.is_empty() {
                    outln!("no findings");
                }
            }
            if findings.iter().any(|f| f.severity == Severity::Error) {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Review(ReviewCommand::Show { draft }) => {
            let reviews = desk.reviews(&draft)?;
            if json {
                output::json(&reviews)?;
            } else {
                for r in &reviews {
                    output::review(r, &desk.claim(&r.claim_id)?.text);
                }
            }
        }
        Command::Review(ReviewCommand::Set {
            draft,
            claim,
            state,
            comment,
        }) => {
            let state = ReviewState::parse("state", &state)?;
            let r = desk.set_review(&draft, &claim, state, comment.as_deref())?;
            if json {
                output::json(&r)?;
            } else {
                output::review(&r, &desk.claim(&r.claim_id)?.text);
            }
        }
        Command::Backup(BackupArgs { out, .. }) => {
            let made = desk.backup_now(out.as_deref())?;
            let info = backup::list(path)?
                .into_iter()
                .find(|b| Path::new(&b.path) == made);
            if json {
                output::json(&serde_json::json!({ "path": made, "backup": info }))?;
            } else {
                outln!("Backed up to {}", made.display());
            }
        }
        // Handled before the desk is opened (`run_on` and `run`).
        Command::Restore { .. } | Command::Team(_) | Command::Desk(_) => {}
        Command::Evidence(EvidenceCommand::Edit {
            id,
            fields,
            first_party,
        }) => {
            let first_party = first_party
                .as_deref()
                .map(|v| match v.trim().to_ascii_lowercase().as_str() {
                    "true" | "yes" => Ok(true),
                    "false" | "no" => Ok(false),
                    other => Err(factdesk_core::CoreError::invalid(
                        "first_party",
                        format!("\"{other}\" is not one of true, false"),
                    )),
                })
                .transpose()?;
            let e = desk.edit_evidence(
                &id,
                &EvidencePatch {
                    stance: stance(&fields)?,
                    quote: fields.quote,
                    locator: fields.locator,
                    translated_by: fields.translated_by,
                    original_quote: fields.original_quote,
                    first_party,
                },
            )?;
            if json {
                output::json(&e)?;
            } else {
                outln!("{}", e.id);
            }
        }
        Command::Person(cmd) => person(desk, json, cmd)?,
        Command::Settings(SettingsCommand::Get) => {
            let s = desk.settings()?;
            if json {
                output::json(&s)?;
            } else {
                output::settings(&s);
            }
        }
        Command::Settings(SettingsCommand::Set {
            freshness_days,
            name,
            role,
        }) => {
            let mut s = desk.settings()?;
            if let Some(days) = freshness_days {
                s.freshness_days = days;
            }
            if name.is_some() || role.is_some() {
                let role = role
                    .as_deref()
                    .map(|r| Role::parse("role", r))
                    .transpose()?;
                s.profile = match (s.profile, name) {
                    (Some(p), name) => Some(Profile {
                        name: name.unwrap_or(p.name),
                        role: role.unwrap_or(p.role),
                    }),
                    (None, Some(name)) => Some(Profile {
                        name,
                        role: role.unwrap_or(Role::Writer),
                    }),
                    (None, None) => {
                        return Err(CoreError::invalid(
                            "name",
                            "the desk has no profile yet: give its name with --name",
                        ));
                    }
                };
            }
            let s = desk.save_settings(&s)?;
            if json {
                output::json(&s)?;
            } else {
                output::settings(&s);
            }
        }
        Command::History { kind, id } => {
            let kind = match kind.as_str() {
                "claim" => RecordKind::Claim,
                "source" => RecordKind::Source,
                other => {
                    return Err(CoreError::invalid(
                        "kind",
                        format!("\"{other}\" is not one of claim, source"),
                    ));
                }
            };
            let rows = desk.history(kind, &id)?;
            if json {
                output::json(&rows)?;
            } else {
                rows.iter().for_each(output::history);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn source(desk: &mut Desk, json: bool, cmd: SourceCommand) -> Result<()> {
    match cmd {
        SourceCommand::Add(a) => {
            let a = *a;
            let input = SourceInput::from(&source_patch(Some(a.title), a.fields)?);
            let s = desk.add_source(&input)?;
            if input.reliability.is_none() && !json {
                // stdout stays the id alone for scripts; the note goes beside it.
                eprintln!(
                    "reliability: {} (the default for {}; set it with --reliability)",
                    s.reliability, s.kind
                );
            }
            if json {
                output::json(&s)
            } else {
                outln!("{}", s.id);
                Ok(())
            }
        }
        SourceCommand::Edit(e) => {
            let e = *e;
            let s = desk.edit_source(&e.id, &source_patch(e.title, e.fields)?)?;
            if json {
                output::json(&s)
            } else {
                output::source_line(&s);
                Ok(())
            }
        }
        SourceCommand::List(a) => {
            let page = desk.sources_page(&ListQuery {
                filter: SourceFilter { outlet: a.outlet },
                limit: Some(a.page.limit),
                after: a.page.after,
            })?;
            if json {
                return output::json(&page);
            }
            page.items.iter().for_each(output::source_line);
            output::next_page(page.next.as_deref());
            Ok(())
        }
        SourceCommand::Recheck { .. } => Err(CoreError::Internal(
            "source recheck is answered before the other source commands".into(),
        )),
        SourceCommand::Show { id } => {
            let d = desk.source_detail(&id)?;
            if json {
                output::json(&d)
            } else {
                output::source_detail(&d);
                Ok(())
            }
        }
    }
}

/// The `--stance` given, checked.
fn stance(fields: &EvidenceFields) -> Result<Option<Stance>> {
    fields
        .stance
        .as_deref()
        .map(|s| Stance::parse("stance", s))
        .transpose()
}

/// The source fields given on the command line, as a patch: `None` for a flag not given.
fn source_patch(title: Option<String>, f: SourceFields) -> Result<SourcePatch> {
    Ok(SourcePatch {
        version: None,
        kept_text: f
            .text_file
            .as_deref()
            .map(|p| read_text("text_file", p))
            .transpose()?,
        kind: f
            .kind
            .as_deref()
            .map(|k| SourceKind::parse("kind", k))
            .transpose()?,
        reliability: f
            .reliability
            .as_deref()
            .map(|r| Reliability::parse("reliability", r))
            .transpose()?,
        title,
        outlet: f.outlet,
        author: f.author,
        url: f.url,
        published: f.published,
        accessed: f.accessed,
        language: f.language,
        via: f.via,
        notes: f.notes,
    })
}

fn person(desk: &mut Desk, json: bool, cmd: PersonCommand) -> Result<()> {
    let line = |p: &factdesk_core::Person| {
        let hangul = p
            .hangul
            .as_deref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        let aliases = if p.aliases.is_empty() {
            String::new()
        } else {
            format!("  also: {}", p.aliases.join(", "))
        };
        outln!("{}  {}{hangul}{aliases}", p.id, p.name);
    };
    match cmd {
        PersonCommand::Add {
            name,
            aliases,
            hangul,
        } => {
            let p = desk.add_person(&factdesk_core::PersonInput {
                name,
                hangul,
                aliases,
            })?;
            if json {
                output::json(&p)
            } else {
                line(&p);
                Ok(())
            }
        }
        PersonCommand::Alias { id, name } => {
            let p = desk.add_person_alias(&id, &name)?;
            if json {
                output::json(&p)
            } else {
                line(&p);
                Ok(())
            }
        }
        PersonCommand::List => {
            let people = desk.people()?;
            if json {
                output::json(&people)
            } else {
                people.iter().for_each(line);
                Ok(())
            }
        }
    }
}

fn claim(desk: &mut Desk, json: bool, cmd: ClaimCommand) -> Result<()> {
    match cmd {
        ClaimCommand::Add {
            text,
            confidence,
            as_of,
            topics,
            settled,
        } => {
            let c = desk.add_claim(&ClaimInput {
                text,
                confidence: Confidence::parse("confidence", &confidence)?,
                as_of,
                status: None,
                topics,
                settled: settled.unwrap_or(false),
            })?;
            if json {
                output::json(&c)
            } else {
                outln!("{}", c.id);
                Ok(())
            }
        }
        ClaimCommand::Link {
            claim,
            source,
            fields,
            first_party,
        } => {
            let e = desk.link_evidence(&EvidenceInput {
                claim,
                source,
                stance: stance(&fields)?,
                quote: fields.quote,
                locator: fields.locator,
                translated_by: fields.translated_by,
                original_quote: fields.original_quote,
                first_party: Some(first_party),
            })?;
            if json {
                output::json(&e)
            } else {
                outln!("{}", e.id);
                Ok(())
            }
        }
        ClaimCommand::Unlink { evidence } => {
            desk.unlink_evidence(&evidence)?;
            if json {
                output::json(&serde_json::json!({ "unlinked": evidence }))
            } else {
                outln!("Unlinked {evidence}");
                Ok(())
            }
        }
        ClaimCommand::Supersede { old, new } => {
            let c = desk.supersede_claim(&old, &new)?;
            if json {
                output::json(&c)
            } else {
                outln!(
                    "{} is superseded by {}",
                    c.id,
                    c.superseded_by.unwrap_or_default()
                );
                Ok(())
            }
        }
        ClaimCommand::Edit {
            id,
            text,
            confidence,
            as_of,
            status,
            topics,
            settled,
            reason,
        } => {
            // Only the named fields change, against the claim as it is inside the write: two
            // people editing different fields of one claim both keep their change.
            let patch = ClaimPatch {
                version: None,
                text,
                confidence: confidence
                    .as_deref()
                    .map(|c| Confidence::parse("confidence", c))
                    .transpose()?,
                as_of,
                status: status
                    .as_deref()
                    .map(|s| ClaimStatus::parse("status", s))
                    .transpose()?,
                topics: (!topics.is_empty()).then_some(topics),
                settled,
            };
            let c = desk.edit_claim(&id, &patch, reason.as_deref())?;
            if json {
                output::json(&c)
            } else {
                output::claim_line(&c);
                Ok(())
            }
        }
        ClaimCommand::List(a) => {
            let filter = ClaimFilter {
                confidence: a
                    .confidence
                    .as_deref()
                    .map(|c| Confidence::parse("confidence", c))
                    .transpose()?,
                topic: a.topic,
                status: a
                    .status
                    .as_deref()
                    .map(|s| ClaimStatus::parse("status", s))
                    .transpose()?,
            };
            let page = desk.claims_page(&ListQuery {
                filter,
                limit: Some(a.page.limit),
                after: a.page.after,
            })?;
            if json {
                return output::json(&page);
            }
            page.items.iter().for_each(output::claim_line);
            output::next_page(page.next.as_deref());
            Ok(())
        }
        ClaimCommand::Show { id } => {
            let d = desk.claim_detail(&id)?;
            if json {
                output::json(&d)
            } else {
                output::claim_detail(&d);
                Ok(())
            }
        }
    }
}

fn draft(desk: &mut Desk, json: bool, cmd: DraftCommand) -> Result<()> {
    match cmd {
        DraftCommand::New { title, file } => {
            let body = file
                .as_deref()
                .map(|p| read_text("file", p))
                .transpose()?
                .unwrap_or_default();
            let d = desk.add_draft(&DraftInput { title, body })?;
            if json {
                output::json(&d)
            } else {
                outln!("{}", d.id);
                Ok(())
            }
        }
        DraftCommand::List => {
            let all = desk.drafts()?;
            if json {
                return output::json(&all);
            }
            all.iter().for_each(output::draft_line);
            Ok(())
        }
        DraftCommand::Export {
            id,
            format,
            out,
            bib,
            publish,
        } => {
            let format = ExportFormat::parse("format", &format)?;
            let exported = if publish {
                desk.export_for_publication(&id, format)?
            } else {
                desk.export_draft(&id, format)?
            };
            match (&out, &bib) {
                (Some(out), _) => {
                    desk.save_export(&exported, out, bib.as_deref())?;
                    if !json {
                        eprintln!("Exported to {}", out.display());
                    }
                }
                (None, Some(bib)) => {
                    let text = exported.csl_json.as_deref().ok_or_else(|| {
                        CoreError::invalid("bib", "only the pandoc format has a bibliography")
                    })?;
                    desk.save_text("bib", bib, text)?;
                    out!("{}", exported.markdown);
                }
                (None, None) => {
                    if exported.csl_json.is_some() {
                        return Err(CoreError::invalid(
                            "bib",
                            "the pandoc format writes a CSL-JSON bibliography: pass --out FILE \
                             or --bib PATH",
                        ));
                    }
                    out!("{}", exported.markdown);
                }
            }
            desk.mark_exported(&id)?;
            Ok(())
        }
        DraftCommand::Report { id, out } => {
            let report = desk.provenance_report(&id)?;
            match out {
                Some(out) => desk.save_text("out", &out, &report),
                None => {
                    out!("{report}");
                    Ok(())
                }
            }
        }
        DraftCommand::WhatWeKnow {
            id,
            topic,
            format,
            insert,
            print: _,
        } => {
            let request = WhatWeKnowRequest {
                topic,
                format: format
                    .map(|f| BlockFormat::parse("format", &f))
                    .transpose()?,
            };
            if insert {
                let saved = desk.insert_what_we_know(&id, &request, None)?;
                if json {
                    return output::json(&saved);
                }
                outln!("Saved {} as revision {}", saved.draft.id, saved.revision);
                return Ok(());
            }
            let edit = desk.what_we_know_edit(&desk.draft(&id)?.body, None, &request)?;
            if json {
                return output::json(&edit);
            }
            outln!("{}", edit.text.trim_matches('\n'));
            Ok(())
        }
        DraftCommand::Revisions { id } => {
            let revisions = desk.draft_revisions(&id)?;
            if json {
                return output::json(&revisions);
            }
            for r in &revisions {
                outln!(
                    "{:>6}  {}  {:>6} words  {:<8}  {}{}",
                    r.seq,
                    r.saved_at.format("%Y-%m-%d %H:%M:%S"),
                    r.words,
                    r.reason.as_str(),
                    r.actor,
                    r.restored_from
                        .map(|s| format!("  (restored {s})"))
                        .unwrap_or_default()
                );
            }
            Ok(())
        }
        DraftCommand::Restore { id, seq } => {
            let d = desk.restore_revision(&id, seq)?;
            if json {
                output::json(&d)
            } else {
                outln!("Restored revision {seq} of {}", d.id);
                Ok(())
            }
        }
        DraftCommand::Edit { id, file, title } => {
            let body = read_text("file", &file)?;
            let title = match title {
                Some(t) => t,
                None => desk.draft(&id)?.title,
            };
            let saved =
                desk.save_draft(&id, &DraftInput { title, body }, SaveReason::Explicit, None)?;
            if json {
                output::json(&saved)
            } else {
                outln!("Saved {} as revision {}", saved.draft.id, saved.revision);
                Ok(())
            }
        }
        DraftCommand::Show { id } => {
            let d = desk.draft(&id)?;
            if json {
                output::json(&d)
            } else {
                out!("{}", d.body);
                if !d.body.ends_with('\n') && !d.body.is_empty() {
                    outln!();
                }
                Ok(())
            }
        }
    }
}

fn intake(desk: &mut Desk, json: bool, args: &crate::args::IntakeArgs) -> Result<()> {
    let text = if args.file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|source| {
            CoreError::Io {
                path: "standard input".into(),
                source,
            }
        })?;
        text
    } else {
        read_text("file", &args.file)?
    };
    let article = Article {
        text,
        outlet: args.outlet.clone(),
        title: args.title.clone(),
        url: args.url.clone(),
        published: args
            .published
            .as_deref()
            .map(|p| PartialDate::parse("published", p))
            .transpose()?,
        language: args.language.clone(),
    };
    let got = desk.intake(&article, args.dry_run)?;
    if json {
        output::json(&got)?;
    } else {
        if got.dry_run {
            outln!("dry run: nothing recorded");
        } else {
            outln!("source {}", got.source.id);
        }
        if let Some(change) = &got.change {
            output::text_change(change);
        }
        got.candidates.iter().for_each(output::candidate);
    }
    Ok(())
}

fn candidate(desk: &mut Desk, json: bool, cmd: CandidateCommand) -> Result<()> {
    match cmd {
        CandidateCommand::List { source } => {
            let all = desk.candidates(source.as_deref())?;
            if json {
                output::json(&all)?;
            } else {
                all.iter().for_each(output::candidate);
            }
        }
        CandidateCommand::Accept {
            id,
            confidence,
            text,
            evidence_to,
        } => {
            let how = Acceptance {
                confidence: confidence
                    .as_deref()
                    .map(|c| Confidence::parse("confidence", c))
                    .transpose()?,
                text,
                evidence_to,
            };
            let done = desk.accept_candidate(&id, &how)?;
            if json {
                output::json(&done)?;
            } else {
                outln!("{} {}", done.claim.id, done.claim.text);
            }
        }
        CandidateCommand::Reject { id } => {
            let c = desk.reject_candidate(&id)?;
            if json {
                output::json(&c)?;
            } else {
                outln!("{} rejected", c.id);
            }
        }
    }
    Ok(())
}

/// `desk copy`: a draft and what it cites, from one desk to another (either a desk file or a
/// team desk). Conflicts are reported, not errors: the exit code is 0 when the copy went in.
fn desk_copy(
    draft: &str,
    from: &str,
    to: &str,
    actor: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let report = factdesk_core::team::copy::copy(draft, from, to, actor)?;
    // A conflict is not a failure of the copy, but a script must not take it for a clean one.
    let code = if report.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    if json {
        output::json(&report)?;
        return Ok(code);
    }
    outln!("Copied draft {} \"{}\"", report.draft, report.title);
    outln!("  from {}", report.from);
    outln!("  to   {}", report.to);
    if report.copied.is_empty() {
        outln!("Nothing to copy: every record was already there.");
    } else {
        let copied: Vec<String> = report
            .copied
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        outln!("Copied: {}", copied.join(", "));
    }
    outln!(
        "Skipped (unchanged, or changed on --to only): {}",
        report.skipped
    );
    for c in &report.conflicts {
        outln!(
            "Conflict in {} {}: changed on both desks; neither was overwritten",
            c.table,
            c.id
        );
        if c.missing_on.is_some() {
            outln!("  (deleted on --to, changed on --from)");
        }
        for f in &c.fields {
            outln!("  {}:", f.field);
            outln!("    --from: {}", f.from);
            outln!("    --to:   {}", f.to);
        }
    }
    for h in &report.held_back {
        outln!("Held back {} {}: {}", h.table, h.id, h.reason);
    }
    for n in &report.notices {
        outln!("Note: {n}");
    }
    Ok(code)
}

/// `team init|add-user|watch`: setting up a team desk on PostgreSQL, and watching it. The storage
/// seam does not exist yet, so no other command opens a team desk.
fn team(command: &TeamCommand, desk: Option<&Path>, json: bool) -> Result<ExitCode> {
    use factdesk_core::team::{self, TeamRole};
    match command {
        TeamCommand::Init { url } => {
            let made = team::init(url)?;
            if json {
                output::json(&made)?;
            } else if made.applied == 0 && made.roles_created.is_empty() {
                outln!(
                    "Team desk {} is up to date (schema version {})",
                    made.database,
                    made.schema_version
                );
            } else {
                outln!(
                    "Team desk {} is at schema version {} ({} migrations applied; roles made: {})",
                    made.database,
                    made.schema_version,
                    made.applied,
                    if made.roles_created.is_empty() {
                        "none".to_string()
                    } else {
                        made.roles_created.join(", ")
                    }
                );
            }
        }
        TeamCommand::AddUser { name, role } => {
            let role = TeamRole::parse(role)?;
            team::add_user(team_url("add-user", desk)?, name, role)?;
            if json {
                output::json(&serde_json::json!({ "name": name, "role": role.group() }))?;
            } else {
                outln!(
                    "Added {name} as {}; set a password with \\password {name} in psql",
                    role.group()
                );
            }
        }
        TeamCommand::Watch => watch(team_url("watch", desk)?, json)?,
        TeamCommand::Load { file } => {
            let loaded = team::load(team_url("load", desk)?, file)?;
            if json {
                output::json(&loaded)?;
            } else {
                let n = |t: &str| loaded.rows.get(t).copied().unwrap_or(0);
                outln!(
                    "Loaded {} into team desk {}: {} claims, {} sources, {} evidence, {} drafts, \
                     {} rows in all, in {:.1} s",
                    file.display(),
                    loaded.database,
                    n("claims"),
                    n("sources"),
                    n("evidence"),
                    n("drafts"),
                    loaded.rows.values().sum::<u64>(),
                    loaded.seconds
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The team desk's URL from --desk or FACTDESK_DESK, which `team COMMAND` needs.
fn team_url<'a>(command: &str, desk: Option<&'a Path>) -> Result<&'a str> {
    desk.and_then(Path::to_str)
        .filter(|d| factdesk_core::team::is_url(d))
        .ok_or_else(|| {
            CoreError::invalid(
                "desk",
                format!(
                    "team {command} needs the team desk's URL: --desk postgres://USER@HOST/DB \
                     or FACTDESK_DESK"
                ),
            )
        })
}

/// `team watch`: one line per change (one JSON object per line with --json) until the process
/// is interrupted. Losing the server and getting it back are lines too (on stderr in text), so
/// an editor's script knows to re-read.
fn watch(url: &str, json: bool) -> Result<()> {
    use factdesk_core::team::changes::{Event, Listener, Op};
    let mut listener = Listener::connect(url)?;
    eprintln!("Watching {} (Ctrl-C to stop)", listener.desk());
    loop {
        let Some(event) = listener.next(std::time::Duration::from_secs(3600)) else {
            continue;
        };
        if json {
            let line = serde_json::to_string(&event)
                .map_err(|e| CoreError::Internal(format!("could not write JSON: {e}")))?;
            outln!("{line}");
            continue;
        }
        match event {
            Event::Change(c) => {
                let op = match c.op {
                    Op::Insert => "insert",
                    Op::Update => "update",
                    Op::Delete => "delete",
                };
                let id = c.id.as_deref().unwrap_or("(id too long to send)");
                outln!("{op} {} {id} by {}", c.table, c.actor);
            }
            Event::Disconnected { reason } => {
                eprintln!("Lost {} ({reason}); reconnecting", listener.desk())
            }
            Event::Reconnected => eprintln!(
                "Reconnected to {}; changes made while it was away were not announced: re-read",
                listener.desk()
            ),
        }
    }
}
