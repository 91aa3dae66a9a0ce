//! The desk's settings: the local profile (who is working, as writer or editor) and the freshness
//! window after which a claim's as-of date is stale.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::db::{Db, Optional as _};
use crate::desk::Desk;
use crate::error::{CoreError, Result};
use crate::validate;
use crate::vocab::vocabulary;

/// Days after its as-of date before a claim is flagged as stale, unless the desk says otherwise.
pub const DEFAULT_FRESHNESS_DAYS: u32 = 90;

vocabulary! {
    /// What the person at the desk does.
    pub enum Role {
        Writer => "writer",
        Editor => "editor",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Profile {
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Settings {
    pub profile: Option<Profile>,
    pub freshness_days: u32,
}

fn setting(db: &Db<'_>, key: &str) -> Result<Option<String>> {
    db.query_row(
        "SELECT value FROM settings WHERE key = ?1",
        params![key],
        |r| r.get(0),
    )
    .optional()
}

/// The desk's settings, on either engine (the checks read the freshness window inside their
/// one read).
pub(crate) fn settings_in(db: &Db<'_>) -> Result<Settings> {
    let profile = match (setting(db, "profile.name")?, setting(db, "profile.role")?) {
        (Some(name), Some(role)) => Some(Profile {
            name,
            role: Role::parse("role", &role)?,
        }),
        _ => None,
    };
    let freshness_days = setting(db, "freshness_days")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_FRESHNESS_DAYS);
    Ok(Settings {
        profile,
        freshness_days,
    })
}

impl Desk {
    pub fn settings(&self) -> Result<Settings> {
        self.read(settings_in)
    }

    /// Saves the settings; the profile's name also becomes who the history records.
    pub fn save_settings(&mut self, settings: &Settings) -> Result<Settings> {
        if !(1..=3650).contains(&settings.freshness_days) {
            return Err(CoreError::invalid(
                "freshness_days",
                "must be between 1 and 3650 days",
            ));
        }
        let profile = match &settings.profile {
            Some(p) => Some(Profile {
                name: validate::actor("name", &p.name)?
                    .ok_or_else(|| CoreError::invalid("name", "is required and cannot be blank"))?,
                role: p.role,
            }),
            None => None,
        };
        if profile.is_some() && self.is_team() {
            // A team desk's settings are everyone's: who is working is the login, their role its
            // PostgreSQL role, so it keeps no profile. Refused before anything is written.
            return Err(CoreError::invalid(
                "name",
                format!(
                    "a team desk keeps no profile: it records who is logged in ({}) with their \
                     PostgreSQL role; set only the freshness window",
                    self.actor()
                ),
            ));
        }
        self.write(|w| {
            let mut put = w.db.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?;
            put.execute(params![
                "freshness_days",
                settings.freshness_days.to_string()
            ])?;
            if let Some(p) = &profile {
                put.execute(params!["profile.name", p.name])?;
                put.execute(params!["profile.role", p.role.as_str()])?;
            }
            Ok(())
        })?;
        if let Some(p) = &profile {
            self.set_actor(&p.name)?;
        }
        self.settings()
    }
}
