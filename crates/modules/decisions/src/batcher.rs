//! Group commit of online votes.
//!
//! Every vote appends to the one head of the audit chain and moves its thôn's count rows, so
//! written one transaction each, votes arriving together queue behind a single writer and each
//! pays its own commit (an fsync). Here one task per database pool takes whatever votes are
//! queued (up to [`MAX_BATCH`], never waiting for more when only one is there) and writes them
//! in one transaction with [`online::write_votes`]: each vote checked on its own (the voters'
//! households and their thôn read there too, one query each for the group, so the writer does not queue for a
//! connection behind the voters' own reads) and refused with its own reason without failing the
//! others, the counts moved once per row, one audit append (one entry per vote, as before), one
//! commit. A caller is answered only after that
//! commit, so an acknowledged vote survives a crash. Across several nodes nothing changes: the
//! matter's row lock and the `UNIQUE (matter_id, household_id)` constraint still decide.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use dinh_platform::db::Db;
use tokio::sync::{mpsc, oneshot};

use crate::error::{Error, Result};
use crate::online::{self, OnlineVote, Outcome};

/// The most votes written in one transaction.
const MAX_BATCH: usize = 512;

struct Job {
    vote: OnlineVote,
    reply: oneshot::Sender<Outcome>,
}

type Queue = mpsc::UnboundedSender<Job>;

/// Writes `vote` with those queued at the same time; answers after the commit: what the vote
/// came to, or its refusal.
pub(crate) async fn submit(db: &Db, vote: OnlineVote) -> Outcome {
    let (reply, answer) = oneshot::channel();
    let mut job = Job { vote, reply };
    // A writer whose runtime has ended (tests start one per test) is replaced once.
    for fresh in [false, true] {
        match queue(db, fresh).send(job) {
            Ok(()) => {
                return answer.await.map_err(|_| {
                    Error::Internal(anyhow::anyhow!("the vote writer stopped before answering"))
                })?;
            }
            Err(mpsc::error::SendError(back)) => job = back,
        }
    }
    Err(Error::Internal(anyhow::anyhow!(
        "no vote writer could be started"
    )))
}

/// The queue of `db`'s writer task, started on first use (or again when `fresh`).
fn queue(db: &Db, fresh: bool) -> Queue {
    static QUEUES: OnceLock<Mutex<HashMap<usize, Queue>>> = OnceLock::new();
    let mut queues = QUEUES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let key = db.pool_id();
    if let Some(q) = queues.get(&key).filter(|q| !fresh && !q.is_closed()) {
        return q.clone();
    }
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(run(db.clone(), rx));
    queues.insert(key, tx.clone());
    tx
}

/// The writer: takes what is queued, writes it, answers, and again.
async fn run(db: Db, mut rx: mpsc::UnboundedReceiver<Job>) {
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut jobs, MAX_BATCH).await > 0 {
        let (votes, replies): (Vec<_>, Vec<_>) = jobs.drain(..).map(|j| (j.vote, j.reply)).unzip();
        match write(&db, &votes).await {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(outcome);
                }
            }
            Err(e) => {
                let why = e.to_string();
                for reply in replies {
                    let _ = reply.send(Err(Error::Internal(anyhow::anyhow!("{why}"))));
                }
            }
        }
    }
}

/// One transaction for the group; committed before anyone is answered.
async fn write(db: &Db, votes: &[OnlineVote]) -> Result<Vec<Outcome>> {
    let mut tx = db.begin().await?;
    let outcomes = online::write_votes(db, &mut tx, votes).await?;
    tx.commit().await?;
    Ok(outcomes)
}
