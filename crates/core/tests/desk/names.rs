//! The name a desk file records its changes under: the one the writer gives (`--as`), trimmed,
//! and "local" when none is given. (A team desk records its login instead: `tests/team`.)

use factdesk_core::RecordKind;

use crate::{add_source, desk};

#[test]
fn a_given_name_is_trimmed_and_a_blank_one_falls_back_to_local() {
    let mut desk = desk();
    desk.set_actor("  Mina Park ").unwrap();
    assert_eq!(desk.actor(), "Mina Park", "the actor is trimmed");
    let named = add_source(&mut desk, "named");
    desk.set_actor("   ").unwrap();
    let s = add_source(&mut desk, "s");
    assert_eq!(
        desk.history(RecordKind::Source, &named.id).unwrap()[0].actor,
        "Mina Park"
    );
    assert_eq!(
        desk.history(RecordKind::Source, &s.id).unwrap()[0].actor,
        "local"
    );
}
