//! `responsekit serve`: the counsel's desk — a local web application that answers a request
//! without writing YAML (the interview), shows the register's open requests and closes them,
//! and hands over the annual reports. It is the same engine as the command line (`respond`,
//! `register`, `report`) behind server-rendered pages; no front-end framework, no request to
//! anywhere but the desk itself.
//!
//! The module owns the server: binding to 127.0.0.1 only ([`bind`]), the routes of each part
//! (`interview`, `desk`, and here the home page and static files), the guard every request
//! passes (`security`), the pages' shell and words (`page`, `words`), what it holds while it
//! runs (`state`), the request log (method, route pattern, status: never a value or an id of
//! a request), and stopping cleanly on Ctrl-C or SIGTERM ([`Server::run`]).

mod desk;
mod interview;
mod page;
mod security;
mod state;
mod words;

use crate::commands::{Report, Status, TreePaths};
use crate::config::values::IsoDate;
use crate::diagnostic::Diagnostic;
use axum::extract::{MatchedPath, Path as UrlPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::RustEmbed;
use serde_json::json;
use state::App;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

/// What `serve` is started with.
#[derive(Debug, Clone)]
pub struct Options {
    /// The jurisdiction tree and templates.
    pub tree: TreePaths,
    /// The register requests are recorded in (created on first use).
    pub register: PathBuf,
    /// The port on 127.0.0.1; a free one when none is given.
    pub port: Option<u16>,
    /// The day to count from, when fixed (tests); otherwise the computer's date.
    pub today: Option<IsoDate>,
}

/// A desk bound to its address, not yet answering.
pub struct Server {
    listener: TcpListener,
    app: Arc<App>,
    url: String,
}

/// Binds the desk to 127.0.0.1 (`options.port`, or a free port) and loads the tree. Nothing is
/// answered until [`Server::run`].
pub fn bind(options: Options) -> Result<Server, Diagnostic> {
    let register_ok = crate::respond::check_register_path(&options.register, &options.tree.root);
    register_ok?;
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port.unwrap_or(0)));
    let listener = TcpListener::bind(address).map_err(|e| {
        Diagnostic::error(format!("cannot listen on {address} ({e})")).with_hint(
            "another program may be using that port: leave out --port to take a free one",
        )
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(format!("cannot read the address listened on ({e})")))?
        .port();
    let tokens = security::random_token()
        .and_then(|t| Ok((t, security::random_token()?)))
        .map_err(|e| Diagnostic::error(format!("cannot draw a random session token ({e})")))?;
    let url = format!("http://127.0.0.1:{port}/?token={}", tokens.0);
    let app = Arc::new(App::new(
        options.tree,
        options.register,
        port,
        options.today,
        tokens,
    ));
    Ok(Server { listener, app, url })
}

impl Server {
    /// The address to open, token included.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// What to show when the desk starts: its address, what loading the tree found, and how to
    /// stop it.
    pub fn started(&self) -> Report {
        let mut report = Report::default();
        report.problems(crate::i18n::problems());
        report.problems(&self.app.project().tree.diagnostics);
        report.notice(format!(
            "responsekit serve: the desk is open at\n  {}\nOpen that address in a browser on this computer; it holds the key to the desk, so do not share it. Press Ctrl-C to stop.",
            self.url
        ));
        report
    }

    /// Answers until Ctrl-C or SIGTERM, then finishes the requests under way and returns.
    pub fn run(self) -> Report {
        let mut report = Report::default();
        let runtime = match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(std::thread::available_parallelism().map_or(2, |n| n.get().min(4)))
            .enable_io()
            .enable_time()
            .build()
        {
            Ok(r) => r,
            Err(e) => {
                report.problem(&Diagnostic::error(format!("cannot start the server ({e})")));
                return report.end(Status::Problems);
            }
        };
        let served = runtime.block_on(async move {
            self.listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            axum::serve(listener, routes(self.app))
                .with_graceful_shutdown(stop_signal())
                .await
        });
        match served {
            Ok(()) => {
                report.info("responsekit serve: stopped");
                report.end(Status::Success)
            }
            Err(e) => {
                report.problem(&Diagnostic::error(format!("the server stopped: {e}")));
                report.end(Status::Problems)
            }
        }
    }
}

/// Ctrl-C, or SIGTERM where there is one.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! { () = ctrl_c => {}, () = term => {} }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

/// Every route of the desk, behind the guard.
fn routes(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/static/{file}", get(asset))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .merge(interview::routes())
        .merge(desk::routes())
        .fallback(not_found)
        .layer(middleware::from_fn(page::switch_language))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            security::guard,
        ))
        .layer(middleware::from_fn(log))
        .with_state(app)
}

/// One line per request on standard error: method, route pattern, status. Never the address's
/// query, an id, or anything of a form.
async fn log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(no route)".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    eprintln!("{method} {route} {}", response.status().as_u16());
    response
}

async fn home(State(app): State<Arc<App>>, headers: axum::http::HeaderMap) -> Response {
    page::render(&app, page::lang_of(&headers), "/", "home", json!({}))
}

async fn not_found(State(app): State<Arc<App>>, headers: axum::http::HeaderMap) -> Response {
    let lang = page::lang_of(&headers);
    page::render_with_status(
        &app,
        lang,
        "/",
        "not-found",
        json!({}),
        StatusCode::NOT_FOUND,
    )
}

#[derive(RustEmbed)]
#[folder = "src/serve/static"]
struct Static;

/// The desk's stylesheet (the documents' own, then the desk's rules) and scripts.
async fn asset(UrlPath(file): UrlPath<String>) -> Response {
    let Some(content) = Static::get(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let kind = match file.rsplit_once('.').map(|(_, e)| e) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };
    let mut body = content.data.into_owned();
    if file == "desk.css" {
        body = [crate::export::html::CSS.as_bytes(), &body].concat();
    }
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}
