//! Walking the audit chain to find tampering.

use super::EntryFields;
use crate::db::{Db, query};

/// What is wrong at one place of the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The entry's content no longer matches its hash: it was altered.
    Altered {
        /// Sequence number of the entry.
        seq: i64,
    },
    /// Entries are missing before this one (a gap in the sequence, or a broken link).
    Deleted {
        /// The first sequence number that is missing.
        expected_seq: i64,
        /// The sequence number found instead.
        found_seq: i64,
    },
    /// The entry's link does not point at the entry before it: it was inserted or re-ordered.
    Inserted {
        /// Sequence number of the entry.
        seq: i64,
    },
    /// The chain ends before the head says it does: its last entries were deleted.
    Truncated {
        /// Last sequence number in the log.
        last_seq: i64,
        /// Sequence number the head records.
        head_seq: i64,
    },
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Altered { seq } => write!(
                f,
                "entry {seq}: altered (its content does not match its hash)"
            ),
            Finding::Deleted {
                expected_seq,
                found_seq,
            } => {
                write!(
                    f,
                    "entries {expected_seq}..{} deleted (next entry is {found_seq})",
                    found_seq - 1
                )
            }
            Finding::Inserted { seq } => write!(
                f,
                "entry {seq}: inserted or re-ordered (it does not link to the entry before it)"
            ),
            Finding::Truncated { last_seq, head_seq } => {
                write!(
                    f,
                    "entries {}..{head_seq} deleted from the end of the log",
                    last_seq + 1
                )
            }
        }
    }
}

/// Result of walking the chain.
#[derive(Debug, Clone, Default)]
pub struct VerifyReport {
    /// Number of entries read.
    pub entries: i64,
    /// Every problem found, in chain order.
    pub findings: Vec<Finding>,
}

impl VerifyReport {
    /// True when the chain is intact.
    pub fn is_intact(&self) -> bool {
        self.findings.is_empty()
    }
}

#[derive(sqlx::FromRow)]
struct Entry {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    object_type: String,
    object_id: String,
    before_json: Option<String>,
    after_json: Option<String>,
    prev_hash: String,
    hash: String,
}

const PAGE: i64 = 5_000;

/// Reads the whole chain in pages and reports every altered, inserted or deleted entry.
pub async fn verify(db: &Db) -> anyhow::Result<VerifyReport> {
    let mut report = VerifyReport::default();
    let mut expected_seq = 1;
    let mut prev_hash = "0".repeat(64);
    let mut after_seq = 0_i64;
    loop {
        let page: Vec<Entry> = db
            .fetch_all(
                &query(
                    "SELECT seq, at, actor, action, object_type, object_id, before_json, after_json, prev_hash, hash
                     FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                )
                .bind(after_seq)
                .bind(PAGE),
            )
            .await?;
        let Some(last) = page.last() else { break };
        after_seq = last.seq;
        for e in &page {
            report.entries += 1;
            if e.seq != expected_seq {
                report.findings.push(Finding::Deleted {
                    expected_seq,
                    found_seq: e.seq,
                });
            } else if e.prev_hash != prev_hash {
                report.findings.push(Finding::Inserted { seq: e.seq });
            }
            let fields = EntryFields {
                seq: e.seq,
                at: &e.at,
                actor: &e.actor,
                action: &e.action,
                object_type: &e.object_type,
                object_id: &e.object_id,
                before: e.before_json.as_deref(),
                after: e.after_json.as_deref(),
                prev_hash: &e.prev_hash,
            };
            if fields.hash() != e.hash {
                report.findings.push(Finding::Altered { seq: e.seq });
            }
            expected_seq = e.seq + 1;
            prev_hash = e.hash.clone();
        }
    }
    let head_seq: i64 = db
        .scalar(&query("SELECT seq FROM audit_head WHERE id = 1"))
        .await?;
    let head_hash: String = db
        .scalar(&query("SELECT hash FROM audit_head WHERE id = 1"))
        .await?;
    if head_seq < expected_seq - 1 {
        // Entries past the head were appended without going through the chain's head.
        report
            .findings
            .push(Finding::Inserted { seq: head_seq + 1 });
    } else if head_seq > expected_seq - 1 {
        report.findings.push(Finding::Truncated {
            last_seq: expected_seq - 1,
            head_seq,
        });
    } else if head_seq == expected_seq - 1 && head_hash != prev_hash && report.findings.is_empty() {
        report.findings.push(Finding::Altered { seq: head_seq });
    }
    Ok(report)
}
