//! How a revision's body is stored: a zstd frame, compressed with the previous revision's body as
//! a raw-content dictionary (a "delta"), or with no dictionary (a "keyframe").
//!
//! Why zstd (the `zstd` crate, bindings to the reference library, maintained since 2016): with the
//! previous body as its dictionary it finds the unchanged text as long back-references, so a few
//! typed words cost tens of bytes, while a keyframe is still compressed several times over; and
//! one library does both, with a checksum in every frame so a damaged row is noticed on reading
//! rather than giving a wrong text. A diff library would need its own format for the edits and a
//! second step to compress keyframes.
//!
//! A dictionary that does not begin with zstd's dictionary magic (`37 A4 30 EC`) is taken as raw
//! content. A UTF-8 text never begins with it (`A4` cannot follow an ASCII byte), so every body
//! is a raw-content dictionary.

use zstd::bulk::{Compressor, Decompressor};
use zstd::zstd_safe::CParameter;

use crate::error::{CoreError, Result};

/// zstd's level: 3 (its default) found the same back-references as 9 on the revision benchmark
/// at a fraction of the time; a save must stay quick.
const LEVEL: i32 = 3;

fn packing_error(what: &str, e: std::io::Error) -> CoreError {
    CoreError::Internal(format!("could not {what} a revision's text: {e}"))
}

/// Compresses `body`, against `base` (the previous revision's body) when given.
pub(crate) fn pack(body: &str, base: Option<&str>) -> Result<Vec<u8>> {
    let mut c = match base {
        Some(base) => Compressor::with_dictionary(LEVEL, base.as_bytes()),
        None => Compressor::new(LEVEL),
    }
    .map_err(|e| packing_error("compress", e))?;
    c.set_parameter(CParameter::ChecksumFlag(true))
        .map_err(|e| packing_error("compress", e))?;
    c.compress(body.as_bytes())
        .map_err(|e| packing_error("compress", e))
}

/// The body `pack(body, base)` made, of `bytes` bytes.
pub(crate) fn unpack(packed: &[u8], base: Option<&str>, bytes: usize) -> Result<String> {
    let mut d = match base {
        Some(base) => Decompressor::with_dictionary(base.as_bytes()),
        None => Decompressor::new(),
    }
    .map_err(|e| packing_error("read", e))?;
    let raw = d
        .decompress(packed, bytes)
        .map_err(|e| packing_error("read", e))?;
    if raw.len() != bytes {
        return Err(CoreError::Internal(format!(
            "a revision's text has {} bytes where {bytes} were saved",
            raw.len()
        )));
    }
    String::from_utf8(raw).map_err(|_| CoreError::Internal("a revision's text is not UTF-8".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_edit_against_the_previous_body_costs_tens_of_bytes() {
        // Prose-like: words of two to four syllables, so the text is about as varied as a
        // writer's (a handful of repeated words would be compressed away whatever the method).
        const SYLLABLES: [&str; 16] = [
            "ka", "ren", "to", "mi", "sal", "dor", "ve", "lin", "ost", "ra", "pe", "qua", "nu",
            "zel", "fi", "gor",
        ];
        let mut seed = 42u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let base: String = (0..20_000)
            .map(|_| {
                let n = 2 + next() % 3;
                (0..n)
                    .map(|_| SYLLABLES[next() % SYLLABLES.len()])
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ");
        let middle = base.len() / 2;
        let edited = format!("{} and a new clause{}", &base[..middle], &base[middle..]);
        let delta = pack(&edited, Some(&base)).unwrap();
        let keyframe = pack(&edited, None).unwrap();
        assert!(delta.len() < 100, "delta of {} bytes", delta.len());
        assert!(
            keyframe.len() < edited.len() / 3,
            "keyframe of {} bytes",
            keyframe.len()
        );
        assert_eq!(unpack(&delta, Some(&base), edited.len()).unwrap(), edited);
        assert_eq!(unpack(&keyframe, None, edited.len()).unwrap(), edited);
    }

    #[test]
    fn korean_and_empty_bodies_round_trip() {
        for (body, base) in [("촬영은 올겨울에", Some("")), ("", Some("x")), ("", None)] {
            let packed = pack(body, base).unwrap();
            assert_eq!(unpack(&packed, base, body.len()).unwrap(), body);
        }
    }

    #[test]
    fn a_damaged_or_wrongly_based_row_is_an_error_not_a_wrong_text() {
        let base = "the first version of the text, long enough to be referenced twice over";
        let body = "the first version of the text, long enough to be referenced twice over!";
        let mut packed = pack(body, Some(base)).unwrap();
        assert!(unpack(&packed, Some("something else entirely"), body.len()).is_err());
        let last = packed.len() - 1;
        packed[last] ^= 0xff;
        assert!(unpack(&packed, Some(base), body.len()).is_err());
    }
}
