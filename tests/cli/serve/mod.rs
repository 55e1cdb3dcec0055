//! `responsekit serve`, driven over HTTP as a browser would: the binary started on a free port
//! with a temporary register and the shipped tree, its printed address read from stderr, and
//! each request spoken as HTTP/1.1 over a plain `TcpStream`. `security` checks what keeps the
//! desk to the person who started it; `desk` the register's and the reports' pages.

mod desk;
mod security;

use crate::common::binary;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};

/// The day every desk of these tests counts from.
pub(crate) const TODAY: &str = "2026-12-01";

/// A running desk: the child process (killed when dropped, even when a test fails), its port
/// and token, and everything it wrote to stderr so far.
pub(crate) struct Desk {
    child: Child,
    pub(crate) port: u16,
    pub(crate) token: String,
    stderr: Arc<Mutex<String>>,
    /// The session cookie, once the token was exchanged for it.
    pub(crate) cookie: Option<String>,
}

/// One HTTP response.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    /// Header names lowercased, in the order received.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    /// The first header `name` (lowercase).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Desk {
    /// Starts `serve` on the shipped tree with the register `register`, and waits for the
    /// address it prints.
    pub(crate) fn start(register: &Path) -> Desk {
        let mut command = binary();
        command
            .args([
                "serve",
                "--jurisdictions",
                "jurisdictions",
                "--today",
                TODAY,
            ])
            .arg("--register")
            .arg(register)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let pipe = child.stderr.take().expect("stderr piped");
        let log = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(url) = line.trim().strip_prefix("http://127.0.0.1:") {
                    let _ = tx.send(url.to_string());
                }
                let mut log = log.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let printed = rx.recv_timeout(std::time::Duration::from_secs(60));
        let mut desk = Desk {
            child,
            port: 0,
            token: String::new(),
            stderr,
            cookie: None,
        };
        let printed = printed.unwrap_or_else(|_| panic!("no address printed:\n{}", desk.log()));
        let (port, token) = printed
            .split_once("/?token=")
            .expect("the address holds the token");
        desk.port = port.parse().expect("a port");
        desk.token = token.to_string();
        desk
    }

    /// Starts a desk and opens its printed address, as a person does: a session.
    pub(crate) fn open(register: &Path) -> Desk {
        let mut desk = Desk::start(register);
        let answer = desk.get(&format!("/?token={}", desk.token));
        let set = answer.header("set-cookie").expect("a cookie is set");
        let pair = set.split(';').next().unwrap().trim().to_string();
        desk.cookie = Some(pair);
        desk
    }

    /// What the desk wrote to stderr so far.
    pub(crate) fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Sends `head` (request line and headers, each line ended) and `body` as they are.
    pub(crate) fn raw(&self, head: &str, body: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(b"\r\n").unwrap();
        stream.write_all(body).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        parse(&bytes)
    }

    /// A request from this desk's own pages: the right Host, the session cookie (if any),
    /// and `extra` header lines.
    pub(crate) fn request(&self, method: &str, path: &str, extra: &[&str], body: &[u8]) -> Answer {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            self.port
        );
        if let Some(cookie) = &self.cookie {
            head.push_str("Cookie: ");
            head.push_str(cookie);
            head.push_str("\r\n");
        }
        for line in extra {
            head.push_str(line);
            head.push_str("\r\n");
        }
        if method == "POST" {
            head.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
            head.push_str("Content-Length: ");
            head.push_str(&body.len().to_string());
            head.push_str("\r\n");
        }
        self.raw(&head, body)
    }

    pub(crate) fn get(&self, path: &str) -> Answer {
        self.request("GET", path, &[], b"")
    }

    /// A form posted from the desk's own page: its fields, url-encoded, and the CSRF token
    /// read from a page.
    pub(crate) fn post(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let csrf = self.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.request("POST", path, &[], encode(&all).as_bytes())
    }

    /// The CSRF token every form of the desk carries, read from a page with a form (the
    /// interview's first, or a request's close form).
    pub(crate) fn csrf(&self) -> String {
        let field = "name=\"csrf\" value=\"";
        let pages: Vec<String> = ["/interview", "/register/1"]
            .iter()
            .map(|p| self.get(p).text())
            .collect();
        let found = pages.iter().find_map(|page| {
            let at = page.find(field)? + field.len();
            page.get(at..at + 64).map(str::to_string)
        });
        found.unwrap_or_else(|| panic!("no page with a CSRF field:\n{}", pages.join("\n")))
    }

    /// Sends SIGTERM and waits: the exit status and the whole log.
    #[cfg(unix)]
    pub(crate) fn terminate(mut self) -> (std::process::ExitStatus, String) {
        let pid = i32::try_from(self.child.id()).unwrap();
        // SAFETY: a plain kill(2) of our own child.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
        let status = self.child.wait().unwrap();
        // The reading thread ends with the pipe; give it the last lines.
        std::thread::sleep(std::time::Duration::from_millis(100));
        (status, self.log())
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `fields` as an `application/x-www-form-urlencoded` body.
pub(crate) fn encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An HTTP/1.1 response as read to its end (chunked bodies joined).
fn parse(bytes: &[u8]) -> Answer {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = unchunk(&body);
    }
    Answer {
        status,
        headers,
        body,
    }
}

fn unchunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&rest[..end])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .expect("a chunk size");
        if size == 0 {
            break;
        }
        out.extend_from_slice(&rest[end + 2..end + 2 + size]);
        rest = &rest[end + 2 + size + 2..];
    }
    out
}

/// A fresh temporary folder and the register path in it (not created).
pub(crate) fn register() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.sqlite");
    (dir, path)
}

/// `register add` of a request received by Alameda County's sheriff into `db`.
pub(crate) fn add(db: &Path, kind: &str, received: &str, due: Option<&str>) {
    let mut args: Vec<String> = [
        "register",
        "add",
        "-j",
        "us/ca/alameda",
        "--received-by",
        "sheriff",
        "--received",
        received,
        "--kind",
        kind,
        "--requested",
        "release_date",
        "--register",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    args.push(db.display().to_string());
    if let Some(due) = due {
        args.extend(["--return-date".to_string(), due.to_string()]);
    }
    let run = crate::common::responsekit(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
