//! Serves the API on `--listen ADDR` (default `127.0.0.1:8080`) until
//! SIGTERM or Ctrl-C.
use bookstore_server::generated::router;
use bookstore_server::handlers::Handlers;
use std::process::ExitCode;
const USAGE: &str = concat!("usage: ", "bookstore-server", " [--listen ADDR]");
#[tokio::main]
async fn main() -> ExitCode {
    let mut listen = String::from("127.0.0.1:8080");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--listen" {
            match args.next() {
                Some(addr) => listen = addr,
                None => {
                    eprintln!("--listen needs an address\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
        } else if let Some(addr) = arg.strip_prefix("--listen=") {
            listen = addr.to_owned();
        } else if arg == "-h" || arg == "--help" {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        } else {
            eprintln!("unknown argument {arg:?}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on {listen}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Ok(addr) = listener.local_addr() {
        eprintln!("listening on http://{addr}");
    }
    let app = router(Handlers::default());
    match axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}
/// Resolves on Ctrl-C or SIGTERM: in-flight requests finish, then `serve`
/// returns.
async fn shutdown() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {} () = terminate => {}
    }
}
