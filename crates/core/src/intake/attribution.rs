//! Who says a sentence and whom they cite, and the claim with that attribution taken off.
//!
//! The chain runs from the nearest relay to the origin, as `EvidenceDetail::via_chain` does:
//! carriers first ("according to X", "told X", "in an interview with X"), then speakers (the
//! subject of a saying verb), then the origins they cite ("citing Z"). A sentence with none is
//! asserted by the article itself. Rules read the sentence with quotations masked, so a speaker's
//! words never attribute. Names are kept as written, without a descriptor ("the gossip outlet
//! Gold Lens" is "Gold Lens") or what the source published ("Vantage Korea data").

use std::collections::HashMap;

use super::lexicon::{Lexicon, Phrase};
use super::text::{Token, capitalised, longest_at, match_at};
use super::{AttributionLink, LinkKind};

/// What the article taught us about names: "Bloom Entertainment" makes a later "Bloom" an
/// agency, "Jang Mi-rae" makes "Jang" a person.
#[derive(Debug, Default)]
pub struct Context {
    pub outlet: String,
    pub known: HashMap<String, LinkKind>,
}

const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "several"];
const PREPOSITIONS: &[&str] = &[
    "on",
    "in",
    "at",
    "last",
    "this",
    "earlier",
    "during",
    "after",
    "before",
    "yesterday",
    "today",
    "to",
    "with",
    "through",
];
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "and", "but", "when", "while", "because", "if", "so", "as",
];

fn key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    while words
        .first()
        .is_some_and(|w| ["the", "a", "an"].contains(w))
    {
        words.remove(0);
    }
    words.join(" ")
}

fn kind_of(word: &str) -> Option<LinkKind> {
    match word {
        "outlet" => Some(LinkKind::Outlet),
        "agency" => Some(LinkKind::Agency),
        "official" => Some(LinkKind::Official),
        "person" => Some(LinkKind::Person),
        _ => None,
    }
}

fn looks_like_person(words: &[&str]) -> bool {
    words.iter().any(|w| {
        let mut parts = w.split('-');
        let head = parts.next().unwrap_or("");
        let tail = parts.next();
        capitalised(head) && tail.is_some_and(|t| t.chars().next().is_some_and(char::is_lowercase))
    })
}

impl Context {
    /// Learns names from the whole article: descriptors before names ("the production company
    /// Lantern House") and romanised personal names ("Jang Mi-rae").
    pub fn learn(text: &str, outlet: &str, lex: &Lexicon) -> Context {
        let mut ctx = Context {
            outlet: key(outlet),
            known: HashMap::new(),
        };
        let toks = super::text::tokens(text);
        for i in 0..toks.len() {
            for (phrase, kind) in &lex.descriptors {
                if let Some(end) = match_at(&toks, i, phrase)
                    && let Some(t) = toks.get(end)
                    && capitalised(&text[t.start..t.end])
                    && let Some(kind) = kind_of(kind)
                {
                    ctx.known.entry(t.lower.clone()).or_insert(kind);
                }
            }
            let t = &toks[i];
            if t.word && looks_like_person(&[&text[t.start..t.end]]) && i > 0 {
                let prev = &toks[i - 1];
                if prev.word && capitalised(&text[prev.start..prev.end]) {
                    ctx.known
                        .entry(prev.lower.clone())
                        .or_insert(LinkKind::Person);
                }
            }
        }
        ctx
    }
}

/// How a name was found, which decides its kind when the name itself says nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Carrier,
    Receiver,
    Speaker { reports: bool },
    Cited,
}

fn has_phrase(lower_words: &[String], list: &[Phrase]) -> bool {
    (0..lower_words.len()).any(|i| {
        list.iter().any(|p| {
            p.len() <= lower_words.len() - i && p.iter().zip(&lower_words[i..]).all(|(a, b)| a == b)
        })
    })
}

fn classify(name: &str, role: Role, lex: &Lexicon, ctx: &mut Context) -> LinkKind {
    let words: Vec<&str> = name.split_whitespace().collect();
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase().trim_end_matches("'s").to_string())
        .collect();
    let proper = words
        .iter()
        .enumerate()
        .any(|(i, w)| capitalised(w) && (i > 0 || !DETERMINERS.contains(&lower[0].as_str())));
    let named_beyond_first = words.iter().skip(1).any(|w| capitalised(w));
    if lower.len() == 1 && lex.person_pronouns.contains(&lower[0]) {
        return LinkKind::Person;
    }
    for (i, w) in lower.iter().enumerate() {
        let is_name = capitalised(words[i]) && (i > 0 || !DETERMINERS.contains(&w.as_str()));
        if is_name && let Some(&kind) = ctx.known.get(w) {
            // "A Channel Pine official" known by its name: "the official" later is the same.
            if kind != LinkKind::Anonymous
                && let Some(head) = lower.last()
            {
                ctx.known.insert(format!("head:{head}"), kind);
            }
            return kind;
        }
    }
    // "the official" after "A Channel Pine official": the same one.
    if lower.len() == 2
        && DETERMINERS.contains(&lower[0].as_str())
        && let Some(kind) = ctx.known.get(&format!("head:{}", lower[1]))
    {
        return *kind;
    }
    let kind = if has_phrase(&lower, &lex.kind_anonymous) && !named_beyond_first
        || lower.iter().any(|w| lex.anonymous_unless_named.contains(w)) && !proper
    {
        LinkKind::Anonymous
    } else if has_phrase(&lower, &lex.kind_outlet) {
        LinkKind::Outlet
    } else if has_phrase(&lower, &lex.kind_official) {
        LinkKind::Official
    } else if has_phrase(&lower, &lex.kind_agency) {
        LinkKind::Agency
    } else if lower.iter().any(|w| lex.kind_person.contains(w)) || looks_like_person(&words) {
        LinkKind::Person
    } else {
        match role {
            // NOTE: outlets mostly carry a word that says so ("News", "Daily"); a bare name
            // after "according to" is more often a company or body (a ratings firm, a ministry).
            Role::Carrier => LinkKind::Official,
            Role::Receiver | Role::Cited => LinkKind::Outlet,
            Role::Speaker { reports: true } => LinkKind::Outlet,
            Role::Speaker { reports: false } => LinkKind::Official,
        }
    };
    if let Some(first) = lower.iter().find(|w| !DETERMINERS.contains(&w.as_str()))
        && proper
        && !matches!(kind, LinkKind::Anonymous)
    {
        ctx.known.entry(first.clone()).or_insert(kind);
        if let Some(head) = lower.last() {
            ctx.known.insert(format!("head:{head}"), kind);
        }
    }
    kind
}

/// "has not said", "did not confirm": a negated verb attributes nothing.
fn negated_verb(toks: &[Token], v: usize, lex: &Lexicon) -> bool {
    (v.saturating_sub(3)..v).any(|k| {
        let w = toks[k].lower.as_str();
        matches!(w, "not" | "never" | "nor" | "neither") || w.ends_with("n't")
    }) && !(v > 0 && lex.passive_before.contains(&toks[v - 1].lower))
}

fn is_verb_at(toks: &[Token], i: usize, lex: &Lexicon) -> bool {
    longest_at(toks, i, &lex.verbs).is_some()
}

fn date_word(t: &Token, lex: &Lexicon) -> bool {
    lex.month(&t.lower).is_some()
        || lex.weekdays.contains(&t.lower)
        || t.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(t.lower.as_str(), "week" | "month" | "year" | "the")
}

/// The noun phrase starting at token `j`: up to a punctuation mark, a clause word, a verb or a
/// date ("Cine Beat in June").
fn np_after(toks: &[Token], j: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let mut k = j;
    while k < toks.len() && k - j < 10 {
        let t = &toks[k];
        if !t.word
            || CLAUSE_WORDS.contains(&t.lower.as_str())
            || (k > j && is_verb_at(toks, k, lex))
        {
            break;
        }
        if matches!(
            t.lower.as_str(),
            "on" | "in" | "at" | "last" | "this" | "earlier"
        ) && toks
            .get(k + 1)
            .is_some_and(|n| date_word(n, lex) && n.lower != "the")
        {
            break;
        }
        if matches!(t.lower.as_str(), "yesterday" | "today") {
            break;
        }
        k += 1;
    }
    (k > j).then_some((j, k))
}

/// The subject before the verb at token `v`.
fn np_before(toks: &[Token], v: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let mut end = v;
    while end > 0 && lex.adverbs.contains(&toks[end - 1].lower) {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    // "Choi Da-eun, the show's lead, told": the name before the description.
    if toks[end - 1].lower == ","
        && let Some(open) = (end.saturating_sub(8)..end - 1)
            .rev()
            .find(|&k| toks[k].lower == ",")
        && open >= 1
        && toks[open - 1].cap
        && (open + 1..end - 1).all(|k| toks[k].word && !toks[k].cap)
    {
        end = open;
    }
    // "Kang's agency, Riverstone Management, said": the appositive name before the comma.
    if toks[end - 1].lower == "," && end >= 2 && toks[end - 2].word && toks[end - 2].cap {
        end -= 1;
    }
    let last = &toks[end - 1];
    if lex.person_pronouns.contains(&last.lower) || lex.vague_pronouns.contains(&last.lower) {
        return Some((end - 1, end));
    }
    let mut k = end;
    while k > 0 {
        let t = &toks[k - 1];
        if !t.word || CLAUSE_WORDS.contains(&t.lower.as_str()) || end - k >= 9 {
            break;
        }
        if k < end && is_verb_at(toks, k - 1, lex) {
            break;
        }
        k -= 1;
    }
    if k == end || end - k > 8 {
        return None;
    }
    Some((k, end))
}

/// The name a phrase stands for, as written.
fn name_of(s: &str, toks: &[Token], (a, b): (usize, usize), lex: &Lexicon) -> Option<String> {
    let mut a = a;
    let mut b = b;
    // "the Korean Film Council's box office data": the owner is the source.
    for k in a..b {
        if toks[k].lower.ends_with("'s") && k + 1 < b {
            let rest: Vec<String> = toks[k + 1..b].iter().map(|t| t.lower.clone()).collect();
            if lex.source_tails.contains(&rest) {
                let name = &s[toks[a].start..toks[k].end];
                return Some(
                    name.trim_end_matches("'s")
                        .trim_end_matches("’s")
                        .to_string(),
                );
            }
        }
    }
    // "Vantage Korea data": what it published is not who it is.
    for p in &lex.source_tails {
        if b - a > p.len()
            && match_at(toks, b - p.len(), p) == Some(b)
            && !toks[b - p.len()].cap
            && toks[a..b - p.len()]
                .iter()
                .any(|t| t.cap && !DETERMINERS.contains(&t.lower.as_str()))
        {
            b -= p.len();
            break;
        }
    }
    // "the gossip outlet Gold Lens", "a representative of Riverstone Management".
    for k in a..b {
        let desc = lex
            .descriptors
            .iter()
            .find_map(|(p, _)| match_at(toks, k, p).filter(|&e| e < b).map(|e| (p, e)));
        // A capital names it ("Daily Spotlight", "Network Seven"); only the sentence's first
        // word is capitalised for another reason, and there a word outlets are named by stays.
        let descriptor = |p: &Vec<String>| !toks[k].cap || (k == 0 && !lex.kind_outlet.contains(p));
        if let Some((p, e)) = desc
            && descriptor(p)
            && toks[e].cap
        {
            a = e;
            break;
        }
        // "a count by Hallyu Post": the one named after "by".
        if toks[k].lower == "by" && k > a && toks.get(k + 1).is_some_and(|t| t.cap) && k + 1 < b {
            a = k + 1;
            break;
        }
        if matches!(toks[k].lower.as_str(), "of" | "for" | "from")
            && k > a
            && matches!(
                toks[k - 1].lower.as_str(),
                "representative" | "spokesperson" | "spokesman" | "spokeswoman" | "representatives"
            )
            && toks
                .get(k + 1)
                .is_some_and(|t| capitalised(&s[t.start..t.end]))
            && k + 1 < b
        {
            a = k + 1;
            break;
        }
    }
    if a >= b {
        return None;
    }
    let name = s[toks[a].start..toks[b - 1].end].trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// A descriptor-only phrase followed by an appositive name: "the production company, Gyeol
/// Pictures" names Gyeol Pictures.
fn appositive(toks: &[Token], s: &str, (a, b): (usize, usize), lex: &Lexicon) -> (usize, usize) {
    let only_descriptor = (a..b).all(|k| {
        DETERMINERS.contains(&toks[k].lower.as_str())
            || lex
                .descriptors
                .iter()
                .any(|(p, _)| p.contains(&toks[k].lower))
    });
    if only_descriptor
        && toks.get(b).is_some_and(|t| t.lower == ",")
        && toks
            .get(b + 1)
            .is_some_and(|t| capitalised(&s[t.start..t.end]))
        && let Some(next) = np_after(toks, b + 1, lex)
    {
        return next;
    }
    (a, b)
}

/// The attribution chain of one sentence; empty when the article asserts it itself.
pub fn chain(s: &str, toks: &[Token], lex: &Lexicon, ctx: &mut Context) -> Vec<AttributionLink> {
    let mut found: Vec<(u8, usize, String, Role)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].word {
            i += 1;
            continue;
        }
        if let Some(e) = longest_at(toks, i, &lex.carriers) {
            // "per" is a carrier only where a clause starts: "per Y," not "ten per cent".
            let clause_start = i == 0 || !toks[i - 1].word;
            if (toks[i].lower != "per" || clause_start)
                && let Some(np) = np_after(toks, e, lex)
            {
                let np = appositive(toks, s, np, lex);
                // "in an interview with X": X received the words, as with "told X".
                let received = toks[i].lower == "in"
                    && toks[i + 1..e].iter().any(|t| t.lower == "interview")
                    || toks[i].lower == "speaking"
                    || toks[i + 1..e].iter().any(|t| t.lower == "statement");
                let role = if received {
                    Role::Receiver
                } else {
                    Role::Carrier
                };
                if let Some(name) = name_of(s, toks, np, lex) {
                    found.push((0, i, name, role));
                }
                i = np.1;
                continue;
            }
        }
        if let Some(e) = longest_at(toks, i, &lex.citing) {
            if i > 0
                && toks[i - 1].word
                && let Some(np) = np_before(toks, i, lex)
                && let Some(name) = name_of(s, toks, np, lex)
            {
                found.push((1, i, name, Role::Speaker { reports: true }));
            }
            let object = match toks.get(e) {
                Some(t) if !t.word && matches!(t.lower.as_str(), "\"" | "“") => {
                    quoted_after(s, t.end)
                }
                _ => np_after(toks, e, lex).and_then(|np| name_of(s, toks, np, lex)),
            };
            if let Some(name) = object {
                found.push((2, i, name, Role::Cited));
            }
            i = e;
            continue;
        }
        if let Some(e) = longest_at(toks, i, &lex.verbs) {
            let verb = toks[i..e]
                .iter()
                .map(|t| t.lower.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let passive = i > 0 && lex.passive_before.contains(&toks[i - 1].lower);
            let needs_tail = lex.after_source_tail.contains(&verb);
            let tail_ok = i > 0
                && lex
                    .source_tails
                    .iter()
                    .any(|p| p.last() == Some(&toks[i - 1].lower));
            if passive || (needs_tail && !tail_ok) || negated_verb(toks, i, lex) {
                i = e;
                continue;
            }
            let reports = matches!(verb.as_str(), "reported" | "reports" | "picked up");
            let subject = np_before(toks, i, lex).or_else(|| {
                let after_quote = i > 0 && matches!(toks[i - 1].lower.as_str(), "\"" | "”" | ",");
                if after_quote {
                    np_after(toks, e, lex)
                } else {
                    None
                }
            });
            if let Some(np) = subject
                && let Some(name) = name_of(s, toks, np, lex)
            {
                found.push((1, i, name, Role::Speaker { reports }));
            }
            if matches!(verb.as_str(), "told" | "tells")
                && let Some(np) = np_after(toks, e, lex)
                && let Some(name) = name_of(s, toks, np, lex)
                && !lex.generic_receivers.contains(&name.to_lowercase())
            {
                found.push((0, i, name, Role::Receiver));
            }
            i = e;
            continue;
        }
        i += 1;
    }
    found.sort_by_key(|(rank, at, _, _)| (*rank, *at));
    let mut out: Vec<AttributionLink> = Vec::new();
    for (_, _, name, role) in found {
        let k = key(&name);
        let first = k.split_whitespace().next().unwrap_or("");
        if k.is_empty()
            || k == ctx.outlet
            || lex.vague_pronouns.contains(&k)
            || (DETERMINERS.contains(&first) && k.split_whitespace().count() == 1)
            || out.iter().any(|l| key(&l.name) == k)
        {
            continue;
        }
        let kind = classify(&name, role, lex, ctx);
        out.push(AttributionLink { kind, name });
    }
    out
}

fn quoted_after(s: &str, from: usize) -> Option<String> {
    let rest = &s[from..];
    let end = rest.find(['"', '”'])?;
    let name = rest[..end].trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The sentence with its attribution taken off, when what is left still states the claim:
/// "According to X, the show will return." → "The show will return." A sentence whose claim is
/// a direct quotation keeps its speaker.
pub fn normalise(s: &str, toks: &[Token], lex: &Lexicon) -> String {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut lead = 0usize;
    // A leading carrier clause, and a "citing Z," after it.
    if longest_at(toks, 0, &lex.carriers).is_some()
        && let Some(c) = toks.iter().position(|t| t.lower == ",")
    {
        lead = c + 1;
        if longest_at(toks, lead, &lex.citing).is_some()
            && let Some(c2) = toks[lead..].iter().position(|t| t.lower == ",")
        {
            lead += c2 + 1;
        }
    }
    // Trailing and inner ", according to X" / ", X said" segments.
    let end_tok = toks
        .iter()
        .rposition(|t| t.word || matches!(t.lower.as_str(), "\"" | "”" | ")"))
        .map_or(0, |k| k + 1);
    let mut stop = end_tok;
    let commas: Vec<usize> = (lead..end_tok).filter(|&k| toks[k].lower == ",").collect();
    for &c in commas.iter().rev() {
        if c >= stop {
            continue;
        }
        let next_comma = commas
            .iter()
            .copied()
            .find(|&n| n > c && n < stop)
            .unwrap_or(stop);
        let seg_end = next_comma;
        if longest_at(toks, c + 1, &lex.carriers).is_some()
            || longest_at(toks, c + 1, &lex.citing).is_some()
        {
            if seg_end == stop {
                stop = c;
            } else {
                cuts.push((toks[c].start, toks[seg_end].start));
            }
            continue;
        }
        if seg_end == stop && trailing_speaker(toks, c + 1, stop, lex) {
            stop = c;
        }
    }
    let starts_quoted = toks
        .get(lead)
        .is_some_and(|t| matches!(t.lower.as_str(), "\"" | "“"));
    // A leading "X said (that)".
    if !starts_quoted && let Some(after) = leading_speaker(toks, lead, stop, lex) {
        lead = after;
    }
    let kept_starts_with_quote = toks
        .get(lead)
        .is_some_and(|t| matches!(t.lower.as_str(), "\"" | "“"))
        && direct_quote_at(s, toks.get(lead).map_or(0, |t| t.start));
    if kept_starts_with_quote || (lead == 0 && stop == end_tok && cuts.is_empty()) {
        return finish(&strip_adverbs(s, lex));
    }
    let from = toks.get(lead).map_or(s.len(), |t| t.start);
    let to = if stop == end_tok {
        s.len()
    } else {
        toks[stop].start
    };
    if from >= to {
        return finish(&strip_adverbs(s, lex));
    }
    let mut kept = String::new();
    let mut at = from;
    for (a, b) in cuts {
        if a >= at && b <= to {
            kept.push_str(&s[at..a]);
            at = b;
        }
    }
    kept.push_str(&s[at..to]);
    finish(&strip_adverbs(&kept, lex))
}

/// Whether the quotation opening at byte `at` is someone's words (several words, not a title).
fn direct_quote_at(s: &str, at: usize) -> bool {
    let rest = &s[at + 1..];
    let inner = rest.find(['"', '”']).map_or(rest, |e| &rest[..e]);
    let words: Vec<&str> = inner.split_whitespace().collect();
    words.len() >= 3 && !words.iter().all(|w| capitalised(w))
}

/// `toks[from..to]` is "NP VERB [date or place]": a trailing ", the agency said".
fn trailing_speaker(toks: &[Token], from: usize, to: usize, lex: &Lexicon) -> bool {
    (from..to).any(|v| {
        let Some(e) = longest_at(toks, v, &lex.verbs) else {
            return false;
        };
        let passive = lex.passive_before.contains(&toks[v - 1].lower);
        let rest_ok = e == to
            || PREPOSITIONS.contains(&toks[e].lower.as_str())
                && toks[e..to].iter().all(|t| {
                    (t.word || t.lower == ".") && !CLAUSE_WORDS.contains(&t.lower.as_str())
                });
        v > from
            && v - from <= 9
            && !passive
            && np_before(toks, v, lex).is_some_and(|(a, _)| a == from)
            && rest_ok
    })
}

/// The token after "X said (that)" when the sentence (from `lead`) opens with it.
fn leading_speaker(toks: &[Token], lead: usize, stop: usize, lex: &Lexicon) -> Option<usize> {
    let limit = stop.min(lead + 16);
    for v in lead..limit {
        let Some(e) = longest_at(toks, v, &lex.verbs) else {
            continue;
        };
        let verb = toks[v..e]
            .iter()
            .map(|t| t.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let Some((a, _)) = np_before(toks, v, lex) else {
            continue;
        };
        if !lex.clause_verbs.contains(&verb)
            || (v > 0 && lex.passive_before.contains(&toks[v - 1].lower))
        {
            return None;
        }
        // Only a leading date clause may come before the subject.
        if (lead..a)
            .any(|k| matches!(toks[k].lower.as_str(), "\"" | "“" | "”") || is_verb_at(toks, k, lex))
        {
            return None;
        }
        if negated_verb(toks, v, lex) {
            return None;
        }
        let mut k = e;
        if matches!(verb.as_str(), "told" | "tells")
            && let Some((_, after)) = np_after(toks, k, lex)
        {
            k = after;
        }
        // "said at a press event on Sept. 3 that", "reported last week that".
        let mut in_prep = false;
        while k < stop && k < e + 10 {
            let t = &toks[k];
            if t.lower == "that" {
                return Some(k + 1);
            }
            if PREPOSITIONS.contains(&t.lower.as_str()) {
                in_prep = true;
            } else if !(in_prep && (t.word || t.lower == ".")) {
                break;
            }
            k += 1;
        }
        if lex.clause_verbs_need_that.contains(&verb) {
            return None;
        }
        if toks
            .get(k)
            .is_some_and(|t| t.lower == "," || t.lower == ":")
        {
            k += 1;
        }
        return (k < stop).then_some(k);
    }
    None
}

fn strip_adverbs(s: &str, lex: &Lexicon) -> String {
    let mut out = s.to_string();
    for p in &lex.strip_adverbs {
        let phrase = p.join(" ");
        for (from, to) in [(format!(" {phrase} "), " "), (format!("{phrase} "), "")] {
            if let Some(at) = out.to_lowercase().find(&from) {
                out.replace_range(at..at + from.len(), to);
            }
        }
    }
    out
}

fn finish(s: &str) -> String {
    let t = s.trim().trim_end_matches([',', ';', ':']).trim_end();
    let mut out = String::with_capacity(t.len() + 1);
    let mut chars = t.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
    let ends = out.chars().last().is_some_and(|c| ".!?…".contains(c))
        || out.ends_with(".\"")
        || out.ends_with(".”")
        || out.ends_with(".)");
    if !ends && !out.is_empty() {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::text::{mask, quotations, tokens};

    fn read(s: &str) -> (Vec<(LinkKind, String)>, String) {
        let lex = Lexicon::builtin();
        let (spans, _) = quotations(s, false);
        let m = mask(s, &spans);
        let toks = tokens(&m);
        let mut ctx = Context::learn(s, "Factdesk Daily", lex);
        let links = chain(&m, &toks, lex, &mut ctx)
            .into_iter()
            .map(|l| (l.kind, l.name))
            .collect();
        (links, normalise(s, &toks, lex))
    }

    /// Each sentence's chain, read in order with one context, as an article is.
    fn read_all(sentences: &[&str]) -> Vec<Vec<(LinkKind, String)>> {
        let lex = Lexicon::builtin();
        let mut ctx = Context::learn(&sentences.join(" "), "Factdesk Daily", lex);
        sentences
            .iter()
            .map(|s| {
                let (spans, _) = quotations(s, false);
                let m = mask(s, &spans);
                let toks = tokens(&m);
                chain(&m, &toks, lex, &mut ctx)
                    .into_iter()
                    .map(|l| (l.kind, l.name))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_official_later_is_the_one_named_before() {
        let chains = read_all(&[
            "A Channel Pine official told reporters that the slot will not move.",
            "\"We believe viewers will come back,\" the official said.",
            "Some viewers complained online that the finale was rushed.",
        ]);
        assert_eq!(
            chains[0],
            vec![(LinkKind::Official, "A Channel Pine official".into())]
        );
        assert_eq!(chains[1], vec![(LinkKind::Official, "the official".into())]);
        assert_eq!(
            chains[2],
            vec![(LinkKind::Anonymous, "Some viewers".into())]
        );
    }

    #[test]
    fn according_to_is_stripped_and_named() {
        let (links, text) = read("According to Star Daily, the show will return in May.");
        assert_eq!(links, vec![(LinkKind::Outlet, "Star Daily".into())]);
        for (sentence, name) in [
            (
                "Filming began on April 10, according to Daily Spotlight.",
                "Daily Spotlight",
            ),
            (
                "Daily Spotlight reported that filming began.",
                "Daily Spotlight",
            ),
            ("Broadcaster KBN announced that filming began.", "KBN"),
            ("Filming began, the daily Spotlight reported.", "Spotlight"),
        ] {
            let (links, _) = read(sentence);
            let names: Vec<&str> = links.iter().map(|(_, n)| n.as_str()).collect();
            assert_eq!(names, vec![name], "{sentence}");
        }
        assert_eq!(text, "The show will return in May.");
    }

    #[test]
    fn per_y_citing_z_is_a_two_link_chain() {
        let (links, text) = read(
            "Per Morning Star News, citing an industry insider, Park has been offered the role.",
        );
        assert_eq!(
            links,
            vec![
                (LinkKind::Outlet, "Morning Star News".into()),
                (LinkKind::Anonymous, "an industry insider".into())
            ]
        );
        assert_eq!(text, "Park has been offered the role.");
    }

    #[test]
    fn told_puts_the_receiving_outlet_before_the_speaker() {
        let (links, text) = read(
            "Yoon Seo-ah's agency, Bloom Entertainment, told Star Daily that the actress was reviewing it.",
        );
        assert_eq!(
            links,
            vec![
                (LinkKind::Outlet, "Star Daily".into()),
                (LinkKind::Agency, "Bloom Entertainment".into())
            ]
        );
        assert_eq!(text, "The actress was reviewing it.");
    }

    #[test]
    fn in_an_interview_with_and_a_trailing_speaker() {
        let (links, _) =
            read("In an interview with Cine Beat in June, Jang Mi-rae said she had declined.");
        assert_eq!(
            links,
            vec![
                (LinkKind::Outlet, "Cine Beat".into()),
                (LinkKind::Person, "Jang Mi-rae".into())
            ]
        );
        let (links, text) = read("StreamNest plans eight episodes, the agency said.");
        assert_eq!(links, vec![(LinkKind::Agency, "the agency".into())]);
        assert_eq!(text, "StreamNest plans eight episodes.");
    }

    #[test]
    fn anonymous_sources_and_reports_suggested() {
        let (links, _) = read("A source close to the production claimed that filming starts soon.");
        assert_eq!(
            links,
            vec![(
                LinkKind::Anonymous,
                "A source close to the production".into()
            )]
        );
        let (links, text) = read("Reports suggested last year that a spin-off was considered.");
        assert_eq!(links, vec![(LinkKind::Anonymous, "Reports".into())]);
        assert_eq!(text, "A spin-off was considered.");
    }

    #[test]
    fn a_quoted_claim_keeps_its_speaker_and_quotes_do_not_attribute() {
        let s = "\"We said nothing, and the outlet reported it,\" the agency stated.";
        let (links, text) = read(s);
        assert_eq!(links, vec![(LinkKind::Agency, "the agency".into())]);
        assert_eq!(text, s);
    }

    #[test]
    fn the_article_itself_has_no_links_and_passives_do_not_attribute() {
        let (links, text) = read("Kwon is said to be positive about returning.");
        assert!(links.is_empty());
        assert_eq!(text, "Kwon is said to be positive about returning.");
        let (links, _) = read("According to Factdesk Daily's count, three got a second season.");
        assert!(
            links.is_empty(),
            "the article's own outlet is the article itself"
        );
    }

    #[test]
    fn data_and_descriptors_are_not_part_of_the_name() {
        let (links, _) = read("The finale peaked at 10.2 percent, Vantage Korea data shows.");
        assert_eq!(links, vec![(LinkKind::Official, "Vantage Korea".into())]);
        let (links, _) = read("On June 2, the gossip outlet Gold Lens claimed that they met.");
        assert_eq!(links, vec![(LinkKind::Outlet, "Gold Lens".into())]);
    }
}
