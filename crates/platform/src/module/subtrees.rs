//! The units under the units a report asks about (the subtrees), read once per report.
//!
//! A province review report asks every module for every indicator over the province and its
//! communes; each call needs the same ~2,000 units under them. [`sharing_subtrees`] lets the
//! calls made inside it share one reading (for the span of that future only, so a change to
//! the unit tree is seen by the next report).

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use crate::db::{Db, query};

/// Every unit of the subtrees, with the units asked about that it lies under.
pub type Towards = Arc<HashMap<i64, Vec<i64>>>;

/// The readings shared inside one [`sharing_subtrees`], by pool and the sorted ids asked.
type Memo = Mutex<HashMap<(usize, Vec<i64>), Arc<OnceCell<Towards>>>>;

tokio::task_local! {
    static SHARED: Memo;
}

/// Runs `work` so that its calls of [`subtree_roots`] for the same units (made in the same
/// task, as a report's concurrent calls are) read them once.
pub async fn sharing_subtrees<F: Future>(work: F) -> F::Output {
    SHARED.scope(Memo::default(), work).await
}

/// Ids written out for `IN (…)` after [`subtree_roots`]: numbers of ours, never text from a
/// request, and no limit on bound parameters.
pub fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    ids.into_iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// For [`super::Module::indicator_values`]: every unit of the subtrees of `unit_ids` (themselves
/// included), each with the units asked about that it lies under (several when they nest, a
/// province and its communes) — so a module reads its figures for all of them in one query and
/// adds each row up towards the units asked about. Read level by level with the ids written
/// out: PostgreSQL cannot estimate a recursive query and then scans whole tables.
///
/// Inside [`sharing_subtrees`] the same units are read once and shared by every call.
pub async fn subtree_roots(db: &Db, unit_ids: &[i64]) -> sqlx::Result<Towards> {
    let mut key: Vec<i64> = unit_ids.to_vec();
    key.sort_unstable();
    key.dedup();
    let Ok(cell) = SHARED.try_with(|memo| {
        let mut memo = memo
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(memo.entry((db.pool_id(), key.clone())).or_default())
    }) else {
        return read(db, &key).await.map(Arc::new);
    };
    cell.get_or_try_init(|| async { read(db, &key).await.map(Arc::new) })
        .await
        .cloned()
}

/// Reads the subtrees of `unit_ids` level by level.
async fn read(db: &Db, unit_ids: &[i64]) -> sqlx::Result<HashMap<i64, Vec<i64>>> {
    let asked: HashSet<i64> = unit_ids.iter().copied().collect();
    let mut parent: HashMap<i64, i64> = HashMap::new();
    let mut seen: HashSet<i64> = asked.clone();
    let mut frontier: Vec<i64> = asked.iter().copied().collect();
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for chunk in frontier.chunks(1000) {
            let list = id_list(chunk.iter().copied());
            let children: Vec<(i64, i64)> = db
                .fetch_all(&query(format!(
                    "SELECT id, parent_id FROM units WHERE parent_id IN ({list})"
                )))
                .await?;
            for (id, of) in children {
                parent.insert(id, of);
                if seen.insert(id) {
                    next.push(id);
                }
            }
        }
        frontier = next;
    }
    let mut out = HashMap::with_capacity(seen.len());
    for id in seen {
        let mut roots = Vec::new();
        let mut at = Some(id);
        while let Some(u) = at {
            if asked.contains(&u) {
                roots.push(u);
            }
            at = parent.get(&u).copied();
        }
        out.insert(id, roots);
    }
    Ok(out)
}
