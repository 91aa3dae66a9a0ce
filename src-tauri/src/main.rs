// Keeps a console window from opening beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// The binary's own module: it must run before the library (Tauri) starts any thread.
mod webkit_env;

fn main() -> std::process::ExitCode {
    webkit_env::ensure_compositing_flag();
    factdesk_app::run()
}
