//! `dinh backup` / `dinh restore`: a portable logical backup, restorable on either engine.
//!
//! The file is JSON lines: a header, then for each table a line naming it and its columns,
//! followed by one line per row (an array of values); then one line per stored file of the
//! modules' file directories (`files.rs`). Restoring types each value by the target column, so a
//! SQLite backup restores into PostgreSQL and back. Sessions and job leases are not kept. A
//! restore runs in one transaction and moves the files into place after its commit: it lands
//! whole or not at all.

mod files;

use crate::db::{Arg, Db, Engine, bulk, query};
use crate::module::Registry;
use serde_json::{Value, json};
use sqlx::{Row, ValueRef};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

const FORMAT: &str = "dinh-backup";
/// Version 2 adds the stored files; version 1 files (tables only) still restore.
const VERSION: i64 = 2;
const PAGE: i64 = 5_000;

/// A row of any table, decoded by value type.
struct DynRow(Vec<Value>);

macro_rules! decode_dyn {
    ($row:expr) => {{
        let row = $row;
        let mut values = Vec::with_capacity(row.len());
        for i in 0..row.len() {
            let raw = row.try_get_raw(i)?;
            let v = if raw.is_null() {
                Value::Null
            } else if let Ok(v) = row.try_get::<i64, _>(i) {
                json!(v)
            } else if let Ok(v) = row.try_get::<i32, _>(i) {
                json!(v)
            } else if let Ok(v) = row.try_get::<bool, _>(i) {
                json!(v)
            } else if let Ok(v) = row.try_get::<f64, _>(i) {
                json!(v)
            } else {
                json!(row.try_get::<String, _>(i)?)
            };
            values.push(v);
        }
        Ok(DynRow(values))
    }};
}

impl<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> for DynRow {
    fn from_row(row: &'r sqlx::sqlite::SqliteRow) -> Result<Self, sqlx::Error> {
        decode_dyn!(row)
    }
}

impl<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> for DynRow {
    fn from_row(row: &'r sqlx::postgres::PgRow) -> Result<Self, sqlx::Error> {
        decode_dyn!(row)
    }
}

/// Column names and their kind (`int`, `bool`, `float`, `text`) as the engine declares them.
/// Generated columns (the search's `tsvector` on PostgreSQL) are neither written nor restored:
/// the engine computes them again; SQLite's full-text index is refilled by its triggers as the
/// rows of `search_documents` are restored.
async fn columns(db: &Db, table: &str) -> anyhow::Result<Vec<(String, String)>> {
    let rows: Vec<(String, String)> = match db.engine() {
        Engine::Sqlite => db.fetch_all(&query("SELECT name, type FROM pragma_table_info($1) ORDER BY cid").bind(table)).await?,
        Engine::Postgres => {
            db.fetch_all(
                &query("SELECT column_name::TEXT, data_type::TEXT FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position")
                    .bind(table),
            )
            .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(name, ty)| {
            let ty = ty.to_lowercase();
            let kind = if ty.contains("int") {
                "int"
            } else if ty.contains("bool") {
                "bool"
            } else if ty.contains("double") || ty.contains("real") {
                "float"
            } else {
                "text"
            };
            (name, kind.to_owned())
        })
        .collect())
}

fn tables(registry: &Registry) -> Vec<(&'static str, &'static str)> {
    registry
        .modules()
        .iter()
        .flat_map(|m| m.tables().iter().copied())
        .collect()
}

/// What a backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Tables written.
    pub tables: usize,
    /// Stored files written.
    pub files: usize,
}

/// What a restore put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restored {
    /// Rows restored.
    pub rows: u64,
    /// Stored files restored.
    pub files: usize,
}

/// Writes every module table and every stored file under `data_dir` to `path`.
pub async fn write(
    db: &Db,
    registry: &Registry,
    data_dir: &Path,
    path: &Path,
) -> anyhow::Result<Written> {
    let file = std::fs::File::create(path)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
    let mut out = BufWriter::new(file);
    writeln!(
        out,
        "{}",
        json!({"format": FORMAT, "version": VERSION, "engine": db.engine().name(), "at": crate::time::now_rfc3339()})
    )?;
    let list = tables(registry);
    for (table, order) in &list {
        let cols = columns(db, table).await?;
        let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
        writeln!(out, "{}", json!({"table": table, "columns": names}))?;
        let mut offset = 0;
        loop {
            let rows: Vec<DynRow> = db
                .fetch_all(
                    &query(format!(
                        "SELECT {} FROM {table} ORDER BY {order} LIMIT $1 OFFSET $2",
                        names.join(", ")
                    ))
                    .bind(PAGE)
                    .bind(offset),
                )
                .await?;
            for r in &rows {
                writeln!(out, "{}", Value::Array(r.0.clone()))?;
            }
            if (rows.len() as i64) < PAGE {
                break;
            }
            offset += PAGE;
        }
    }
    let files = files::write(registry, data_dir, &mut out)?;
    out.flush()?;
    Ok(Written {
        tables: list.len(),
        files,
    })
}

fn to_arg(value: &Value, kind: &str) -> Arg {
    match (kind, value) {
        ("int", Value::Null) => Arg::Int(None),
        ("bool", Value::Null) => Arg::Bool(None),
        ("float", Value::Null) => Arg::Float(None),
        (_, Value::Null) => Arg::Text(None),
        ("int", v) => Arg::Int(v.as_i64()),
        ("bool", v) => Arg::Bool(v.as_bool().or_else(|| v.as_i64().map(|i| i != 0))),
        ("float", v) => Arg::Float(v.as_f64()),
        (_, Value::String(s)) => Arg::Text(Some(s.clone())),
        (_, v) => Arg::Text(Some(v.to_string())),
    }
}

/// Restores `path` into the database (which must be empty unless `force`) and its stored files
/// under `data_dir`. With `force`, files the backup does not hold are removed from the modules'
/// file directories — unless it is a version 1 backup, which holds no files: those are kept.
pub async fn restore(
    db: &Db,
    registry: &Registry,
    data_dir: &Path,
    path: &Path,
    force: bool,
) -> anyhow::Result<Restored> {
    let mut restoring = files::Restoring::default();
    match restore_into(db, registry, data_dir, path, force, &mut restoring).await {
        Ok((rows, version)) => {
            // A version 1 backup holds no files: the files found are kept, whatever `force`.
            let files = restoring.finish(registry, data_dir, force && version >= 2)?;
            Ok(Restored { rows, files })
        }
        Err(e) => {
            restoring.abandon();
            Err(e)
        }
    }
}

/// The tables, in one transaction committed at the end; the files staged in `restoring`.
/// Returns the rows restored and the backup's format version.
async fn restore_into(
    db: &Db,
    registry: &Registry,
    data_dir: &Path,
    path: &Path,
    force: bool,
    restoring: &mut files::Restoring,
) -> anyhow::Result<(u64, i64)> {
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
    let mut lines = BufReader::new(file).lines();
    let header: Value = serde_json::from_str(&lines.next().transpose()?.unwrap_or_default())
        .map_err(|_| anyhow::anyhow!("{}: line 1: not a Đình backup", path.display()))?;
    if header.get("format").and_then(Value::as_str) != Some(FORMAT) {
        anyhow::bail!("{}: line 1: not a Đình backup", path.display());
    }
    let version = header.get("version").and_then(Value::as_i64).unwrap_or(1);
    if version > VERSION {
        anyhow::bail!(
            "{}: line 1: backup format version {version} is newer than this program reads ({VERSION}); restore it with the version of dinh that wrote it",
            path.display()
        );
    }
    let existing: i64 = db.scalar(&query("SELECT COUNT(*) FROM units")).await?;
    if existing > 0 && !force {
        anyhow::bail!(
            "the database already holds {existing} units; restore into an empty database, or pass --force to replace its data"
        );
    }
    let known = tables(registry);
    let mut tx = db.begin().await?;
    for (table, _) in known.iter().rev() {
        tx.execute(&query(format!("DELETE FROM {table}"))).await?;
    }
    tx.execute(&query("DELETE FROM sessions")).await?;
    let mut restored = 0_u64;
    let mut current: Option<(String, Vec<(String, String)>)> = None;
    let mut batch: Vec<Vec<Arg>> = Vec::new();
    for (n, line) in lines.enumerate() {
        let line = line?;
        let value: Value = serde_json::from_str(&line)
            .map_err(|e| anyhow::anyhow!("{}: line {}: {e}", path.display(), n + 2))?;
        if value.get("file").is_some() {
            if let Some((t, cols)) = current.take() {
                let names: Vec<&str> = cols.iter().map(|(c, _)| c.as_str()).collect();
                bulk::insert_rows(&mut tx, &t, &names, std::mem::take(&mut batch)).await?;
            }
            let at = format!("{}: line {}", path.display(), n + 2);
            restoring.stage(registry, data_dir, &value, &at)?;
            continue;
        }
        if let Some(table) = value.get("table").and_then(Value::as_str) {
            if let Some((t, cols)) = current.take() {
                let names: Vec<&str> = cols.iter().map(|(c, _)| c.as_str()).collect();
                bulk::insert_rows(&mut tx, &t, &names, std::mem::take(&mut batch)).await?;
            }
            if !known.iter().any(|(k, _)| *k == table) {
                anyhow::bail!(
                    "{}: line {}: unknown table '{table}'",
                    path.display(),
                    n + 2
                );
            }
            let target = columns(db, table).await?;
            let wanted: Vec<String> = value
                .get("columns")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|c| c.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let cols = wanted
                .iter()
                .map(|w| {
                    target.iter().find(|(c, _)| c == w).cloned().ok_or_else(|| {
                        anyhow::anyhow!(
                            "{}: line {}: table {table} has no column '{w}'",
                            path.display(),
                            n + 2
                        )
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            current = Some((table.to_owned(), cols));
            continue;
        }
        let (Some((table, cols)), Some(values)) = (&current, value.as_array()) else {
            anyhow::bail!("{}: line {}: a row before any table", path.display(), n + 2);
        };
        batch.push(
            values
                .iter()
                .zip(cols)
                .map(|(v, (_, kind))| to_arg(v, kind))
                .collect(),
        );
        restored += 1;
        if batch.len() >= 5_000 {
            let names: Vec<&str> = cols.iter().map(|(c, _)| c.as_str()).collect();
            bulk::insert_rows(&mut tx, table, &names, std::mem::take(&mut batch)).await?;
        }
    }
    if let Some((t, cols)) = current.take() {
        let names: Vec<&str> = cols.iter().map(|(c, _)| c.as_str()).collect();
        bulk::insert_rows(&mut tx, &t, &names, batch).await?;
    }
    tx.commit().await?;
    Ok((restored, version))
}
