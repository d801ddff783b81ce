//! The `kombi` binary: everything lives in the library so that tests can start the same app.

fn main() -> std::process::ExitCode {
    kombi::cli::main()
}
