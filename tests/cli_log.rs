//! The server's log, as an operator reads it: user input cannot forge a line.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Sends one HTTP/1.1 request and returns the whole response as text.
fn http(port: u16, request: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.write_all(request.as_bytes())?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

fn serve(database_url: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kombi"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("KOMBI_BIND", format!("127.0.0.1:{port}"))
        .env("KOMBI_NO_DEMO", "1")
        .env("KOMBI_LOG", "info")
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kombi serve")
}

fn wait_until_up(port: u16) {
    let started = Instant::now();
    let health = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    while started.elapsed() < Duration::from_secs(60) {
        if http(port, health).is_ok_and(|r| r.starts_with("HTTP/1.1 200")) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("kombi serve did not answer /healthz");
}

#[test]
fn a_username_with_a_line_break_cannot_forge_a_log_line() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("kombi.db").display());
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = serve(&database_url, port);
    wait_until_up(port);

    let form = http(
        port,
        "GET /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let cookie = form
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie: kombi_signin=")
        })
        .and_then(|l| l.split_once(": "))
        .map(|(_, v)| v.split(';').next().unwrap().to_string())
        .expect("sign-in cookie");
    let token = form
        .split(r#"name="csrf_token" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("sign-in form token");
    let body =
        format!("username=mallory%0AFORGED+admin+signed+in&password=whatever&csrf_token={token}");
    let answer = http(
        port,
        &format!(
            "POST /signin HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");

    server.kill().unwrap();
    let output = server.wait_with_output().unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        log.contains("failed sign-in"),
        "the attempt is logged:\n{log}"
    );
    assert!(
        !log.lines()
            .any(|line| line.trim_start().to_lowercase().starts_with("forged")),
        "a line of the log was forged:\n{log}"
    );
}
