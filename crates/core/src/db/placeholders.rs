//! SQLite's placeholders (`?NNN`, and bare `?`) rewritten as PostgreSQL's (`$NNN`), so the core
//! writes each statement once. Only placeholders in SQL itself are rewritten: text inside string
//! literals (`'…'`, `''` an escaped quote), quoted identifiers (`"…"`) and comments (`-- …`,
//! `/* … */`) is copied as it is.
//!
//! A bare `?` is numbered as SQLite numbers it: one more than the largest number given so far,
//! so `?2, ?` is `$2, $3`, as on SQLite.

/// `sql` with every placeholder outside literals and comments in PostgreSQL's form.
pub fn to_postgres(sql: &str) -> String {
    let bytes = sql.as_bytes();
    let mut out = String::with_capacity(sql.len() + 8);
    let mut largest = 0usize;
    let mut i = 0;
    // Copies `sql[from..to]` as it is; every index is at an ASCII byte, so a char boundary.
    let copy = |out: &mut String, from: usize, to: usize| out.push_str(&sql[from..to]);
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"') => {
                let start = i;
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == quote {
                        // A doubled quote is one quote inside the literal.
                        if bytes.get(i + 1) == Some(&quote) {
                            i += 2;
                            continue;
                        }
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                copy(&mut out, start, i);
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                let start = i;
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                copy(&mut out, start, i);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let start = i;
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i = (i + 2).min(bytes.len());
                copy(&mut out, start, i);
            }
            b'?' => {
                i += 1;
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let n = if i > start {
                    sql[start..i].parse().unwrap_or(largest + 1)
                } else {
                    largest + 1
                };
                largest = largest.max(n);
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => {
                let start = i;
                while i < bytes.len() && !matches!(bytes[i], b'\'' | b'"' | b'-' | b'/' | b'?') {
                    i += 1;
                }
                if i == start {
                    // A lone `-` or `/` that starts no comment.
                    i += 1;
                }
                copy(&mut out, start, i);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::to_postgres;

    #[test]
    fn numbered_placeholders_keep_their_numbers() {
        assert_eq!(
            to_postgres("SELECT a FROM t WHERE a = ?1 AND b = ?12 OR c = ?1"),
            "SELECT a FROM t WHERE a = $1 AND b = $12 OR c = $1"
        );
    }

    #[test]
    fn bare_placeholders_are_numbered_as_sqlite_numbers_them() {
        assert_eq!(to_postgres("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
        assert_eq!(
            to_postgres("VALUES (?2, ?, ?1, ?)"),
            "VALUES ($2, $3, $1, $4)",
            "a bare ? follows the largest number so far, as in SQLite"
        );
    }

    #[test]
    fn literals_identifiers_and_comments_are_left_alone() {
        let sql = "SELECT 'why? ?1 it''s ?', \"odd?col\" -- is it ?2\n\
                   FROM t /* ?3 */ WHERE a = ?1 AND b - 1 = ? / 2";
        assert_eq!(
            to_postgres(sql),
            "SELECT 'why? ?1 it''s ?', \"odd?col\" -- is it ?2\n\
             FROM t /* ?3 */ WHERE a = $1 AND b - 1 = $2 / 2"
        );
    }

    #[test]
    fn text_beyond_ascii_is_copied_whole() {
        assert_eq!(
            to_postgres("SELECT '주영우 🙂 ?' || ?1 || 'é'"),
            "SELECT '주영우 🙂 ?' || $1 || 'é'"
        );
    }

    #[test]
    fn an_unclosed_literal_is_copied_to_the_end() {
        assert_eq!(to_postgres("SELECT 'open ?1"), "SELECT 'open ?1");
    }
}
