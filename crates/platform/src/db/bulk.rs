//! Multi-row inserts: the fast path for imports on both engines.

use super::{Arg, DbResult, Tx, query};

/// Largest number of bind values one statement may carry on both engines
/// (SQLite allows 32,766; PostgreSQL 65,535).
const MAX_BINDS: usize = 30_000;

/// Inserts `rows` (each with one value per column) into `table`, many rows per statement.
pub async fn insert_rows(
    tx: &mut Tx,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Arg>>,
) -> DbResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let per_statement = (MAX_BINDS / columns.len()).clamp(1, 1_000);
    let head = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut sql = head.clone();
        let mut q_args = Vec::with_capacity(per_statement * columns.len());
        for (i, row) in rows.by_ref().take(per_statement).enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for (j, value) in row.into_iter().enumerate() {
                if j > 0 {
                    sql.push_str(", ");
                }
                q_args.push(value);
                sql.push('$');
                sql.push_str(&q_args.len().to_string());
            }
            sql.push(')');
        }
        let mut q = query(sql);
        for a in q_args {
            q.push(a);
        }
        tx.execute(&q).await?;
    }
    Ok(())
}
