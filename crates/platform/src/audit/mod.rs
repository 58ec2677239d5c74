//! The audit chain (nhật ký kiểm toán): every write records who, when, what, before and after,
//! in an append-only log whose entries are chained by SHA-256, so that an altered, inserted or
//! deleted entry is detected by [`verify`].
//!
//! Entries are appended inside the transaction of the write they describe: the write and its
//! audit entry commit together or not at all. `audit_head` holds the last sequence number and
//! hash; taking it with `UPDATE … RETURNING` serialises writers on both engines.

mod verify;

pub use verify::{Finding, VerifyReport, verify};

use crate::db::{DbResult, Tx, query};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// One audited change.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// Who made it: `account:<id>`, `cli`, `system`, `import`.
    pub actor: &'a str,
    /// What was done, `module.verb`: `units.import`, `accounts.grant`.
    pub action: &'a str,
    /// Kind of object changed: `unit`, `household`, `account`.
    pub object_type: &'a str,
    /// The object's id or code.
    pub object_id: &'a str,
    /// State before the change (None for a creation).
    pub before: Option<Value>,
    /// State after the change (None for a deletion).
    pub after: Option<Value>,
}

#[derive(sqlx::FromRow)]
struct Head {
    seq: i64,
    hash: String,
}

/// Columns of `audit_log`, in the order rows are built.
const COLUMNS: [&str; 10] = [
    "seq",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "before_json",
    "after_json",
    "prev_hash",
    "hash",
];

/// Up to this many entries are written with one statement (an ordinary write has one or two);
/// more (imports) go through the bulk path, COPY on PostgreSQL.
const ONE_STATEMENT: usize = 64;

/// Writes a few entries and moves the head to the last hash while holding the head's row lock:
/// on PostgreSQL in one round trip (the head update rides in a `WITH`), so writers queue on the
/// head for as short a time as possible; on SQLite (in-process) as two statements.
async fn append_small(
    tx: &mut Tx,
    rows: Vec<Vec<crate::db::Arg>>,
    last_hash: &str,
) -> DbResult<()> {
    let postgres = tx.engine() == crate::db::Engine::Postgres;
    let first = usize::from(postgres) + 1;
    let values = (0..rows.len())
        .map(|r| {
            let row = (0..COLUMNS.len())
                .map(|c| format!("${}", first + r * COLUMNS.len() + c))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({row})")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let insert = format!(
        "INSERT INTO audit_log ({}) VALUES {values}",
        COLUMNS.join(", ")
    );
    let mut q = if postgres {
        query(format!(
            "WITH head AS (UPDATE audit_head SET hash = $1 WHERE id = 1) {insert}"
        ))
        .bind(last_hash)
    } else {
        query(insert)
    };
    for value in rows.into_iter().flatten() {
        q = q.bind(value);
    }
    tx.execute(&q).await?;
    if !postgres {
        tx.execute(&query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(last_hash))
            .await?;
    }
    Ok(())
}

/// Appends `change` to the chain inside `tx`; returns its sequence number.
pub async fn record(tx: &mut Tx, change: Change<'_>) -> DbResult<i64> {
    record_many(tx, std::slice::from_ref(&change)).await
}

/// Appends several changes in order inside `tx` (one round trip per thousand entries);
/// returns the sequence number of the last one.
pub async fn record_many(tx: &mut Tx, changes: &[Change<'_>]) -> DbResult<i64> {
    let count = i64::try_from(changes.len()).unwrap_or(i64::MAX);
    let head: Head = tx
        .fetch_optional(
            &query("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
                .bind(count),
        )
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let at = crate::time::now_rfc3339();
    let mut prev_hash = head.hash;
    let mut seq = head.seq - count;
    let mut rows = Vec::with_capacity(changes.len());
    for change in changes {
        seq += 1;
        let before = change.before.as_ref().map(Value::to_string);
        let after = change.after.as_ref().map(Value::to_string);
        let hash = EntryFields {
            seq,
            at: &at,
            actor: change.actor,
            action: change.action,
            object_type: change.object_type,
            object_id: change.object_id,
            before: before.as_deref(),
            after: after.as_deref(),
            prev_hash: &prev_hash,
        }
        .hash();
        rows.push(vec![
            seq.into(),
            at.as_str().into(),
            change.actor.into(),
            change.action.into(),
            change.object_type.into(),
            change.object_id.into(),
            before.into(),
            after.into(),
            prev_hash.as_str().into(),
            hash.as_str().into(),
        ]);
        prev_hash = hash;
    }
    if rows.len() <= ONE_STATEMENT {
        append_small(tx, rows, &prev_hash).await?;
    } else {
        crate::db::bulk::insert_rows(tx, "audit_log", &COLUMNS, rows).await?;
        tx.execute(&query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(prev_hash))
            .await?;
    }
    Ok(head.seq)
}

/// The fields an entry's hash covers, in order.
pub(crate) struct EntryFields<'a> {
    pub seq: i64,
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub prev_hash: &'a str,
}

impl EntryFields<'_> {
    /// SHA-256 over every field, each length-prefixed so no two entries share an encoding.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        let seq = self.seq.to_string();
        let parts: [Option<&str>; 9] = [
            Some(&seq),
            Some(self.at),
            Some(self.actor),
            Some(self.action),
            Some(self.object_type),
            Some(self.object_id),
            self.before,
            self.after,
            Some(self.prev_hash),
        ];
        for part in parts {
            match part {
                Some(p) => {
                    h.update((p.len() as u64).to_be_bytes());
                    h.update(p.as_bytes());
                }
                None => h.update(u64::MAX.to_be_bytes()),
            }
        }
        hex::encode(h.finalize())
    }
}
