//! The app and the CLI share one desk file. GTK's file chooser, listing the desk's folder in the
//! app's process, opens and closes every file there, which drops all of that process's POSIX
//! locks on them. In WAL mode the CLI, closing its connection, then believed it was the last one,
//! checkpointed and deleted the WAL under the app, and every later write of the app was lost
//! (seen in the end-to-end suite when exporting next to the desk). This test plays the app in
//! its own process and runs the real CLI beside it.

use factdesk_core::{Desk, SourceInput};

use crate::Scratch;

fn source(title: &str) -> SourceInput {
    SourceInput {
        title: title.into(),
        ..SourceInput::default()
    }
}

#[test]
fn the_apps_writes_survive_a_file_dialog_and_the_cli_closing_its_connection() {
    let s = Scratch::init();
    let mut app = Desk::open(&s.path).unwrap();
    app.add_source(&source("before the dialog")).unwrap();
    // What the file chooser does to every file of the folder it shows.
    for entry in std::fs::read_dir(s.dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let _ = std::fs::read(&path);
        }
    }
    let listed = s.list("source");
    assert_eq!(listed.as_array().unwrap().len(), 1);
    app.add_source(&source("after the dialog")).unwrap();
    let listed = s.list("source");
    let titles: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec!["after the dialog", "before the dialog"],
        "the app's later write reaches the desk file"
    );
    drop(app);
}
