//! Runs every module's scheduled jobs, one node at a time, through a lease in the database.

use super::AppState;
use crate::db::query;
use std::time::Duration;

/// Starts one background task per job; each takes a lease before running.
pub fn spawn_jobs(state: &AppState) {
    for module in state.registry.modules() {
        for job in module.jobs() {
            let state = state.clone();
            tokio::spawn(async move {
                let mut ticker = tokio::time::interval(job.every);
                loop {
                    ticker.tick().await;
                    match take_lease(&state, job.name, job.every).await {
                        Ok(true) => {
                            let result = (job.run)(state.clone()).await;
                            let error = result.err().map(|e| format!("{e:#}"));
                            if let Some(e) = &error {
                                tracing::error!(job = job.name, error = e.as_str(), "job failed");
                            }
                            let _ = state
                                .db
                                .execute(&query("UPDATE job_leases SET last_run_at = $1, last_error = $2 WHERE name = $3")
                                    .bind(crate::time::now_rfc3339()).bind(error).bind(job.name))
                                .await;
                        }
                        Ok(false) => {}
                        Err(e) => tracing::warn!(
                            job = job.name,
                            error = format!("{e:#}"),
                            "cannot take job lease"
                        ),
                    }
                }
            });
        }
    }
}

/// Takes the job's lease for one period if no other node holds it.
async fn take_lease(state: &AppState, name: &str, every: Duration) -> anyhow::Result<bool> {
    let now = crate::time::now_rfc3339();
    let until = (chrono::Utc::now() + chrono::Duration::from_std(every)?)
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    state.db.execute(&query("INSERT INTO job_leases (name, locked_until) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING").bind(name).bind(now.as_str())).await?;
    let taken = state
        .db
        .execute(
            &query(
                "UPDATE job_leases SET locked_until = $1 WHERE name = $2 AND locked_until <= $3",
            )
            .bind(until)
            .bind(name)
            .bind(now),
        )
        .await?;
    Ok(taken == 1)
}
