//! Calendar dates with the precision the news actually has: a year (`2025`), a month (`2025-05`)
//! or a day (`2025-05-23`). Stored and exchanged in that ISO 8601 form.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{CoreError, Result};

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(export, type = "string")]
pub enum PartialDate {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `field` names the input in the error.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        text.trim().parse().map_err(|why: String| {
            CoreError::invalid(field, format!("\"{}\" is not a date ({why})", text.trim()))
        })
    }

    /// The first day the date can mean.
    pub fn earliest(&self) -> NaiveDate {
        match *self {
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
            PartialDate::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN),
            PartialDate::Day(d) => d,
        }
    }

    /// The last day the date can mean (a claim "as of May 2025" holds until the end of May).
    pub fn latest(&self) -> NaiveDate {
        match *self {
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX),
            PartialDate::Month(y, m) => {
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                NaiveDate::from_ymd_opt(ny, nm, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(NaiveDate::MAX)
            }
            PartialDate::Day(d) => d,
        }
    }

    pub fn year(&self) -> i32 {
        match *self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => y,
            PartialDate::Day(d) => d.year(),
        }
    }

    /// Date parts as CSL-JSON wants them: `[year, month?, day?]`.
    pub fn parts(&self) -> Vec<i64> {
        match *self {
            PartialDate::Year(y) => vec![y.into()],
            PartialDate::Month(y, m) => vec![y.into(), m.into()],
            PartialDate::Day(d) => vec![d.year().into(), d.month().into(), d.day().into()],
        }
    }
}

impl FromStr for PartialDate {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize, what: &str| -> std::result::Result<u32, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("expected YYYY, YYYY-MM or YYYY-MM-DD; bad {what}"));
            }
            p.parse::<u32>().map_err(|e| e.to_string())
        };
        match parts.as_slice() {
            [y] => {
                let y = number(y, 4, "year")?;
                Ok(PartialDate::Year(y as i32))
            }
            [y, m] => {
                let (y, m) = (number(y, 4, "year")?, number(m, 2, "month")?);
                if !(1..=12).contains(&m) {
                    return Err(format!("month {m} does not exist"));
                }
                Ok(PartialDate::Month(y as i32, m))
            }
            [y, m, d] => {
                let (y, m, d) = (
                    number(y, 4, "year")?,
                    number(m, 2, "month")?,
                    number(d, 2, "day")?,
                );
                NaiveDate::from_ymd_opt(y as i32, m, d)
                    .map(PartialDate::Day)
                    .ok_or_else(|| "no such day in the calendar".to_string())
            }
            _ => Err("expected YYYY, YYYY-MM or YYYY-MM-DD".to_string()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl rusqlite::types::ToSql for PartialDate {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.to_string().into())
    }
}

impl rusqlite::types::FromSql for PartialDate {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        v.as_str()?
            .parse()
            .map_err(|e: String| rusqlite::types::FromSqlError::Other(e.into()))
    }
}

/// A UTC timestamp as the desk stores and exchanges it: RFC 3339 with milliseconds.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses a stored [`timestamp`].
pub fn parse_timestamp(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
        })
}

/// Parses an optional date field: absent or blank means "no date".
pub fn parse_optional(field: &str, text: Option<&str>) -> Result<Option<PartialDate>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => PartialDate::parse(field, t).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["2025", "2025-05", "2025-05-23"] {
            let d = PartialDate::parse("published", text).unwrap();
            assert_eq!(d.to_string(), text);
        }
    }

    #[test]
    fn refuses_impossible_dates_naming_the_field() {
        for bad in [
            "2025-13-45",
            "2025-02-30",
            "25-05",
            "2025/05/23",
            "May 2025",
            "",
            "2025-5",
        ] {
            let err = PartialDate::parse("published", bad).unwrap_err();
            assert!(
                err.to_string().starts_with("published: "),
                "error for {bad:?} must name the field: {err}"
            );
        }
    }

    #[test]
    fn month_spans_to_its_last_day() {
        let d = PartialDate::parse("as_of", "2024-02").unwrap();
        assert_eq!(d.latest().to_string(), "2024-02-29", "2024 is a leap year");
        assert_eq!(d.earliest().to_string(), "2024-02-01");
    }
}
