//! What keeps the desk to the person who started it, as seen from outside: the token, the
//! cookie, CSRF, the Host check, loopback only, the headers of every response, a clean stop,
//! and a log that holds nothing a person typed.

use super::{add, register, Desk};

/// `security::CSP`, the contract every response carries.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

#[test]
fn without_the_token_or_its_cookie_nothing_is_served() {
    let (_dir, db) = register();
    let desk = Desk::start(&db);
    for path in [
        "/",
        "/register",
        "/reports",
        "/static/desk.css",
        "/interview",
    ] {
        assert_eq!(desk.get(path).status, 403, "{path}");
    }
    assert_eq!(desk.get("/?token=0123").status, 403, "a wrong token");
    let forged = desk.request(
        "GET",
        "/register",
        &["Cookie: responsekit_session=0000000000000000000000000000000000000000000000000000000000000000"],
        b"",
    );
    assert_eq!(forged.status, 403, "a forged cookie");
}

#[test]
fn the_token_is_exchanged_for_a_strict_http_only_cookie_and_dropped_from_the_address() {
    let (_dir, db) = register();
    let desk = Desk::start(&db);
    let answer = desk.get(&format!("/register?token={}", desk.token));
    assert!((300..400).contains(&answer.status), "{answer:?}");
    assert_eq!(answer.header("location"), Some("/register"));
    let cookie = answer.header("set-cookie").unwrap();
    assert!(cookie.starts_with(&format!("responsekit_session={};", desk.token)));
    for attribute in ["HttpOnly", "SameSite=Strict"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{cookie}");
    }
    let session = cookie.split(';').next().unwrap();
    let page = desk.request("GET", "/register", &[&format!("Cookie: {session}")], b"");
    assert_eq!(page.status, 200);
}

#[test]
fn a_post_without_the_csrf_token_or_from_another_origin_is_refused_and_records_nothing() {
    let (_dir, db) = register();
    add(&db, "detainer", "2026-11-20", Some("2026-12-10"));
    let desk = Desk::open(&db);
    let body = super::encode(&[("outcome", "declined"), ("on", "2026-12-01")]);
    let no_csrf = desk.request("POST", "/register/1/close", &[], body.as_bytes());
    assert_eq!(no_csrf.status, 403);
    let with_csrf = super::encode(&[
        ("csrf", &desk.csrf()),
        ("outcome", "declined"),
        ("on", "2026-12-01"),
    ]);
    let cross_site = desk.request(
        "POST",
        "/register/1/close",
        &["Origin: http://evil.example"],
        with_csrf.as_bytes(),
    );
    assert_eq!(cross_site.status, 403);
    let wrong = super::encode(&[("csrf", &"0".repeat(64)), ("outcome", "declined")]);
    let forged = desk.request("POST", "/register/1/close", &[], wrong.as_bytes());
    assert_eq!(forged.status, 403);
    let show =
        crate::common::responsekit(&["register", "show", "1", "--register", db.to_str().unwrap()]);
    assert!(
        show.stdout.contains("  outcome         open"),
        "{}",
        show.stdout
    );
    assert!(!show.stdout.contains("closed:"), "{}", show.stdout);
}

#[test]
fn a_foreign_host_is_refused() {
    let (_dir, db) = register();
    let desk = Desk::open(&db);
    let cookie = desk.cookie.clone().unwrap();
    for host in [
        format!("evil.example:{}", desk.port),
        "127.0.0.1".to_string(),
        format!("127.0.0.1.evil.example:{}", desk.port),
    ] {
        let answer = desk.raw(
            &format!("GET /register HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nConnection: close\r\n"),
            b"",
        );
        assert_eq!(answer.status, 421, "{host}");
    }
    let localhost = desk.raw(
        &format!(
            "GET /register HTTP/1.1\r\nHost: localhost:{}\r\nCookie: {cookie}\r\nConnection: close\r\n",
            desk.port
        ),
        b"",
    );
    assert_eq!(localhost.status, 200);
}

/// This machine's address on its default route, if it has one that is not loopback.
fn non_loopback_ipv4() -> Option<std::net::Ipv4Addr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    // No packet is sent: connecting a UDP socket only picks the route.
    socket.connect("192.0.2.1:9").ok()?;
    match socket.local_addr().ok()?.ip() {
        std::net::IpAddr::V4(ip) if !ip.is_loopback() && !ip.is_unspecified() => Some(ip),
        _ => None,
    }
}

#[test]
fn nothing_listens_on_a_non_loopback_address() {
    let (_dir, db) = register();
    let desk = Desk::open(&db);
    assert_eq!(desk.get("/").status, 200, "the desk answers on loopback");
    let Some(ip) = non_loopback_ipv4() else {
        eprintln!("this machine has no non-loopback IPv4 address: nothing to connect to");
        return;
    };
    let address = std::net::SocketAddr::from((ip, desk.port));
    let connected =
        std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_secs(5));
    assert!(connected.is_err(), "something answers at {address}");
}

#[test]
fn every_response_carries_the_security_headers() {
    let (_dir, db) = register();
    add(&db, "detainer", "2026-11-20", Some("2026-12-10"));
    let desk = Desk::open(&db);
    let stranger = Desk::start(&db);
    let answers = [
        ("a page", desk.get("/")),
        ("the register", desk.get("/register")),
        ("a request", desk.get("/register/1")),
        ("the stylesheet", desk.get("/static/desk.css")),
        ("the script", desk.get("/static/desk.js")),
        ("a download", desk.get("/reports/download?year=2026")),
        (
            "a form sent back",
            desk.post("/register/1/close", &[("outcome", "no")]),
        ),
        ("not found", desk.get("/no/such/page")),
        ("no session", stranger.get("/register")),
        (
            "a foreign host",
            desk.raw(
                "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n",
                b"",
            ),
        ),
        (
            "no CSRF",
            desk.request("POST", "/register/1/close", &[], b"outcome=declined"),
        ),
    ];
    let statuses: Vec<(&str, u16)> = answers.iter().map(|(w, a)| (*w, a.status)).collect();
    assert_eq!(
        statuses,
        [
            ("a page", 200),
            ("the register", 200),
            ("a request", 200),
            ("the stylesheet", 200),
            ("the script", 200),
            ("a download", 200),
            ("a form sent back", 422),
            ("not found", 404),
            ("no session", 403),
            ("a foreign host", 421),
            ("no CSRF", 403),
        ]
    );
    for (what, answer) in &answers {
        assert_eq!(
            answer.header("content-security-policy"),
            Some(CSP),
            "{what}"
        );
        assert_eq!(
            answer.header("x-content-type-options"),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(answer.header("cache-control"), Some("no-store"), "{what}");
    }
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_desk_cleanly() {
    let (_dir, db) = register();
    let desk = Desk::open(&db);
    assert_eq!(desk.get("/").status, 200);
    let (status, log) = desk.terminate();
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(log.contains("responsekit serve: stopped"), "{log}");
    crate::common::assert_no_panic(&crate::common::Run {
        code: 0,
        stdout: String::new(),
        stderr: log,
    });
}

/// Values planted in a whole interview, none of which may reach the log.
const PLANTED: [&str; 4] = [
    "Zyxwandra Quillfeather",
    "1987-03-14",
    "BKPLANT7731",
    "A987654321",
];

/// Posts `fields` to `path`, expects the 303 of a valid step and returns where it leads.
fn step(desk: &Desk, path: &str, fields: &[(&str, &str)]) -> String {
    let answer = desk.post(path, fields);
    assert_eq!(answer.status, 303, "{path}: {}", answer.text());
    let next = answer.header("location").unwrap().to_string();
    for value in PLANTED {
        assert!(!next.contains(value), "{next}");
    }
    next
}

#[test]
fn the_log_holds_no_value_of_a_whole_interview() {
    let (_dir, db) = register();
    let desk = Desk::open(&db);
    let agency = step(&desk, "/interview", &[("jurisdiction", "us/ca/alameda")]);
    let paper = step(&desk, &agency, &[("received_by", "sheriff")]);
    let person = step(
        &desk,
        &paper,
        &[
            ("signed_by_judge", "no"),
            ("form", "I-247A"),
            ("requested", "release_date"),
            ("requested", "hold"),
            ("received", "2026-11-30"),
            ("return_date", "2026-12-05"),
            ("delivered", "email"),
            ("office", "ERO San Francisco"),
            ("officer", "Deportation Officer"),
            ("a_number", PLANTED[3]),
            ("subject_id", "SUBJ-1"),
            ("event_number", "EVT-1"),
            ("document_number", "DOC-1"),
        ],
    );
    let facts = step(
        &desk,
        &person,
        &[
            ("subject_name", PLANTED[0]),
            ("subject_dob", PLANTED[1]),
            ("subject_booking", PLANTED[2]),
            ("subject_attorney", ""),
            ("signer_name", "Pat Example"),
            ("signer_title", "Undersheriff"),
            ("reply_by", "email"),
        ],
    );
    let id = facts
        .strip_prefix("/interview/")
        .and_then(|p| p.split('/').next())
        .unwrap()
        .to_string();
    // The facts step (part F) answers 303 when no fact is needed, else its form; where it is
    // not in this build yet (404), the preview follows the person as it would with no fact.
    let facts_page = desk.get(&facts);
    let preview = match facts_page.status {
        303 => facts_page.header("location").unwrap().to_string(),
        200 => step(&desk, &facts, &[]),
        404 => format!("/interview/{id}/preview"),
        other => panic!("{facts}: {other}\n{}", facts_page.text()),
    };
    assert_eq!(desk.get(&preview).status, 200);
    let done = step(&desk, &format!("/interview/{id}/finish"), &[]);
    assert_eq!(desk.get(&done).status, 200);
    let (_, log) = desk.terminate();
    assert!(log.contains("POST /interview/{id}/person 303"), "{log}");
    for value in PLANTED.iter().chain(&[id.as_str()]) {
        assert!(!log.contains(value), "the log holds a value:\n{log}");
    }
}
