//! `dinh outbox`: what the notice outbox holds (queued, sent, failed with the reason, given up),
//! sending what is due now, and retrying the failed.

use clap::Subcommand;
use dinh_platform::config::Config;
use dinh_platform::db::Db;
use dinh_platform::module::Registry;
use dinh_platform::notify::{self, outbox, sender};
use dinh_platform::web::AppState;
use std::process::ExitCode;

/// What `dinh outbox` does.
#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Messages by channel and state, then the latest failed with their reason.
    Status {
        /// How many failed messages to list.
        #[arg(long, default_value_t = 20)]
        failed: i64,
    },
    /// Send everything that is due now (what the server's sender does every few seconds).
    Send,
    /// Put failed and given-up messages back in the queue.
    Retry {
        /// Only this message.
        #[arg(long)]
        id: Option<i64>,
    },
    /// The kinds of notice every module declares, and whether the law requires them.
    Kinds,
}

/// Runs an outbox command.
pub async fn run(
    db: Db,
    config: Config,
    registry: Registry,
    cmd: OutboxCommand,
) -> anyhow::Result<ExitCode> {
    match cmd {
        OutboxCommand::Status { failed } => {
            let counts = outbox::counts(&db).await?;
            if counts.is_empty() {
                println!("the outbox is empty");
            }
            for c in counts {
                println!("{:<6} {:<9} {}", c.channel, c.state, c.n);
            }
            let list = outbox::failed(&db, failed).await?;
            if !list.is_empty() {
                println!("\nfailed (newest first):");
            }
            for f in list {
                println!(
                    "#{} {} {} {} after {} attempt(s), next {}: {}",
                    f.id,
                    f.kind,
                    f.channel,
                    f.state,
                    f.attempts,
                    f.next_attempt_at,
                    f.last_error.unwrap_or_default()
                );
            }
        }
        OutboxCommand::Send => {
            notify::start_checks(&config)?;
            let state = AppState::new(db, config, registry);
            let o = sender::send_due(&state).await?;
            println!(
                "{} sent, {} failed (will be tried again), {} given up",
                o.sent, o.failed, o.given_up
            );
        }
        OutboxCommand::Retry { id } => {
            let n = outbox::retry(&db, id, "cli").await?;
            println!("{n} message(s) queued again");
        }
        OutboxCommand::Kinds => {
            for (key, kind) in notify::catalogue::all() {
                let channels: Vec<&str> = kind.channels.iter().map(|c| c.as_str()).collect();
                println!(
                    "{key:<28} {}{} — {}",
                    channels.join(","),
                    if kind.required { " (required)" } else { "" },
                    kind.name.vi
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
