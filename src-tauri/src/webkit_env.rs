//! The WebKit setting the app needs, whoever starts it: the package's desktop entry, a terminal,
//! `make run`, or a copied binary.
//!
//! Without a GPU, WebKitGTK's compositing mode costs about 55 MB and a good part of start-up
//! (shared/PLATFORM.md: first frame 260–290 ms without it, 370–520 ms with it, on a bare window),
//! and Factdesk draws text. WebKit reads `WEBKIT_DISABLE_COMPOSITING_MODE` from the environment
//! when it makes the webview, so the variable must be there before Tauri starts.
//!
//! Why the process re-executes itself rather than calling `std::env::set_var`: since Rust 2024
//! `set_var` is `unsafe` (another thread may read the environment meanwhile) and the workspace
//! forbids `unsafe`. Why not a wrapper script installed as /usr/bin/factdesk-app: Tauri's
//! bundler installs the binary there itself, and a wrapper covers the package only. `exec`
//! replaces this process (same PID, same arguments) before any thread or window exists, but
//! the new image loads WebKit and GTK again: about 200 ms on the busy shared 2-core dev machine.
//! So the packages' desktop entry sets the variable itself (src-tauri/linux/factdesk.desktop, a
//! shell costing a millisecond) and this restart is the fallback for every other way of starting.
//!
//! Invariants: a value the user set, whatever it is (even "0"), is kept; the process re-executes
//! at most once (the new image finds the variable set); if the re-exec fails the app starts
//! anyway, without the flag, and says so on stderr.

/// The variable WebKitGTK reads; `1` turns compositing mode off.
pub const COMPOSITING_FLAG: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Returns only when the flag is set (by the user or by an earlier image of this process) or when
/// setting it failed; otherwise this process becomes the same program with the flag set.
#[cfg(target_os = "linux")]
pub fn ensure_compositing_flag() {
    use std::os::unix::process::CommandExt;

    if std::env::var_os(COMPOSITING_FLAG).is_some() {
        return;
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("factdesk: starting without {COMPOSITING_FLAG}=1: own path unknown ({e})");
            return;
        }
    };
    let mut args = std::env::args_os();
    let arg0 = args.next().unwrap_or_else(|| exe.clone().into_os_string());
    // Said once, so that whoever reads the terminal knows why and how to choose otherwise.
    eprintln!(
        "factdesk: restarting with {COMPOSITING_FLAG}=1 (set it yourself to choose otherwise)"
    );
    // `exec` only returns on failure (e.g. the binary was replaced by an upgrade meanwhile).
    let error = std::process::Command::new(&exe)
        .arg0(arg0)
        .args(args)
        .env(COMPOSITING_FLAG, "1")
        .exec();
    eprintln!("factdesk: starting without {COMPOSITING_FLAG}=1: {error}");
}

/// Other platforms do not use WebKitGTK.
#[cfg(not(target_os = "linux"))]
pub fn ensure_compositing_flag() {}
