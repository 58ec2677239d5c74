//! An acknowledged online vote survives `kill -9` of the server: the pages and API run in a
//! child process on a real listener (this test binary again, running the ignored
//! `serve_until_killed`), the vote is acknowledged (303), the process is killed with SIGKILL,
//! and the reopened database holds it.

use std::io::BufRead as _;
use std::process::{Command, Stdio};

use dinh_decisions::{Origin, matters, online};
use dinh_platform::db::{Db, Engine, query};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use crate::support::*;

const SERVE_ARGS: &str = "DINH_DURABILITY_SERVE";

/// The server of the durability test, started by it in a child process with the database's
/// location in `DINH_DURABILITY_SERVE`; prints `listening PORT` and serves until killed.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by an_acknowledged_online_vote_survives_kill_9 in a child process"]
async fn serve_until_killed() {
    let args: Vec<String> = std::env::var(SERVE_ARGS)
        .expect("started by the durability test")
        .split('\n')
        .map(str::to_owned)
        .collect();
    let db = reopen(&args).await.unwrap();
    let app = dinh_platform::web::router(dinh_platform::web::AppState::new(
        db,
        dinh_platform::config::Config::default(),
        registry(),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening {}", listener.local_addr().unwrap().port());
    axum::serve(listener, app).await.unwrap();
}

/// Where the database lives, as the server's arguments, and a way to reopen it.
async fn location(db: &Db) -> anyhow::Result<Vec<String>> {
    Ok(match db.engine() {
        Engine::Sqlite => {
            let file: String = db
                .scalar(&query(
                    "SELECT file FROM pragma_database_list WHERE name = 'main'",
                ))
                .await?;
            let dir = std::path::Path::new(&file)
                .parent()
                .unwrap()
                .display()
                .to_string();
            vec!["--data".into(), dir]
        }
        Engine::Postgres => {
            let schema: String = db.scalar(&query("SELECT current_schema()")).await?;
            vec![
                "--postgres".into(),
                std::env::var("DINH_TEST_POSTGRES_URL")?,
                "--schema".into(),
                schema,
            ]
        }
    })
}

/// The server process, killed if the test stops early.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn reopen(args: &[String]) -> anyhow::Result<Db> {
    match args[0].as_str() {
        "--data" => dinh_platform::db::connect(None, std::path::Path::new(&args[1])).await,
        _ => dinh_platform::db::connect_postgres(&args[1], Some(&args[3])).await,
    }
}

#[tokio::test]
async fn an_acknowledged_online_vote_survives_kill_9() {
    each_engine(|db| async move {
        let f = setup(&db).await?;
        let m = module();
        let matter = matters::create(&m, &db, Some(&f.head), &new_matter("T9-X-01", 6, Origin::VillageHead), today()).await?;
        online::record_consent(&m, &db, Some(&f.officer), matter.id, &village(1, 5), today()).await?;
        let (token, session) =
            dinh_platform::accounts::session::create(&db, Some(f.resident.account_id), 1).await?;
        let args = location(&db).await?;
        let mut server = Server(Command::new(std::env::current_exe()?)
            .args(["--exact", "durability::serve_until_killed", "--ignored", "--nocapture", "--test-threads", "1"])
            .env(SERVE_ARGS, args.join("\n"))
            .stdout(Stdio::piped())
            .spawn()?);
        let stdout = server.0.stdout.take().unwrap();
        let port = tokio::task::spawn_blocking(move || -> anyhow::Result<u16> {
            for line in std::io::BufReader::new(stdout).lines() {
                // The harness prints the test's name on the same line first.
                let line = line?;
                if let Some((_, port)) = line.split_once("listening ") {
                    return Ok(port.trim().parse()?);
                }
            }
            anyhow::bail!("the server ended before listening")
        })
        .await??;

        let body = format!(
            "csrf={}&choice=agree&opinion=",
            url::form_urlencoded::byte_serialize(session.csrf_token.as_bytes()).collect::<String>()
        );
        let request = format!(
            "POST /matters/{}/vote HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: dinh_session={token}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            matter.id,
            body.len()
        );
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        stream.write_all(request.as_bytes()).await?;
        let mut status = [0_u8; 12];
        stream.read_exact(&mut status).await?;
        // The acknowledgement: the vote was committed before the redirect was sent.
        assert_eq!(&status, b"HTTP/1.1 303", "{}", String::from_utf8_lossy(&status));
        server.0.kill()?; // SIGKILL: no shutdown, no flush
        let exit = server.0.wait()?;
        assert!(!exit.success(), "killed, not exited: {exit:?}");
        drop(stream);

        let again = reopen(&args).await?;
        let votes: Vec<(String, String, Option<String>)> = again
            .fetch_all(&query(
                "SELECT h.code, v.channel, v.choice FROM decision_votes v JOIN households h ON h.id = v.household_id WHERE v.matter_id = $1",
            ).bind(matter.id))
            .await?;
        assert_eq!(votes, vec![(code(1, 1), "online".to_owned(), Some("agree".to_owned()))]);
        assert!(dinh_platform::audit::verify(&again).await?.findings.is_empty(), "the chain holds the vote");
        if again.engine() == Engine::Sqlite {
            // WAL with synchronous=NORMAL: a committed transaction is in the log file before the
            // answer, so it survives the process being killed (only power loss may cost the last ones).
            let mode: String = again.scalar(&query("PRAGMA journal_mode")).await?;
            let sync: i64 = again.scalar(&query("PRAGMA synchronous")).await?;
            assert_eq!((mode.as_str(), sync), ("wal", 1));
        }
        again.close().await;
        Ok(())
    })
    .await;
}
