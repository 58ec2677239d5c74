//! Satisfaction (mức độ hài lòng của người dân, Law 10/2022/QH15 Art. 35(2)(a): the people's
//! assessment of how the commune serves them): a rating from 1 to 5 and a comment, given to an
//! answered petition (by the person holding its tracking code, once) or to a service of the
//! unit (anyone, within a limit per sender). Ratings are anonymous. They roll up as the
//! indicators `satisfaction.ratings`, `satisfaction.satisfied_rate` (4 or 5 of 5) and
//! `satisfaction.average` for the steering reports. [`page`] is the public form for services.

pub mod page;

use crate::db::ids::next_id;
use crate::db::{Db, query};
use crate::write::WriteError;
use sha2::{Digest, Sha256};

/// What is rated.
pub mod subject {
    /// An answered petition, complaint, denunciation or recommendation (once per case).
    pub const PETITION: &str = "petition";
    /// A service of the unit.
    pub const SERVICE: &str = "service";
}

/// The services of a unit a citizen may rate, as (key, message key).
pub const SERVICES: &[(&str, &str)] = &[
    ("one_stop", "sat_service_one_stop"),
    ("reception", "sat_service_reception"),
    ("disclosure", "sat_service_disclosure"),
    ("meetings", "sat_service_meetings"),
    ("other", "sat_service_other"),
];

/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 1_000;
/// Ratings one sender may give in a day.
pub const PER_SENDER_A_DAY: i64 = 10;

/// A rating as given.
#[derive(Debug, Clone)]
pub struct Rating<'a> {
    /// The unit rated (the case's unit, or the unit whose service it is).
    pub unit_id: i64,
    /// [`subject::PETITION`] or [`subject::SERVICE`].
    pub subject: &'static str,
    /// The case's id, or the service's key.
    pub reference: &'a str,
    /// 1 to 5, as typed (checked here).
    pub score: &'a str,
    /// What the citizen adds.
    pub comment: &'a str,
    /// The sender's address (only its day-salted hash is kept).
    pub client: &'a str,
}

/// Records `r`; refused, naming the field, when the score is not 1-5, the comment too long,
/// the sender over the day's limit, or the case already rated.
pub async fn record(db: &Db, r: Rating<'_>) -> Result<i64, WriteError> {
    let score: i64 = r
        .score
        .trim()
        .parse()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or_else(|| {
            WriteError::invalid(
                "score",
                "choose from 1 (very dissatisfied) to 5 (very satisfied)",
            )
        })?;
    let comment = r.comment.trim();
    if comment.chars().count() > COMMENT_MAX {
        return Err(WriteError::invalid(
            "comment",
            format!("a comment has at most {COMMENT_MAX} characters"),
        ));
    }
    if r.subject == subject::SERVICE && !SERVICES.iter().any(|(k, _)| *k == r.reference) {
        return Err(WriteError::invalid(
            "service",
            "choose one of the services listed",
        ));
    }
    let today = crate::time::today_vn().format("%Y-%m-%d").to_string();
    let client_hash = hex::encode(Sha256::digest(
        format!("satisfaction|{today}|{}", r.client).as_bytes(),
    ));
    let since = (chrono::Utc::now() - chrono::Duration::days(1))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let sent: i64 = db
        .scalar(
            &query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM satisfaction_ratings
                 WHERE client_hash = $1 AND created_at >= $2",
            )
            .bind(client_hash.as_str())
            .bind(since.as_str()),
        )
        .await?;
    if sent >= PER_SENDER_A_DAY {
        return Err(WriteError::invalid(
            "score",
            format!(
                "{PER_SENDER_A_DAY} ratings have come from your connection today: try again tomorrow"
            ),
        ));
    }
    let once_key = (r.subject == subject::PETITION).then(|| format!("petition:{}", r.reference));
    if once_key.is_some() && rated(db, r.reference).await? {
        return Err(WriteError::invalid(
            "score",
            "this case has been rated already: thank you",
        ));
    }
    let id = next_id();
    let now = crate::time::now_rfc3339();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO satisfaction_ratings (id, unit_id, subject, reference, once_key, score,
               comment, client_hash, rated_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(r.unit_id)
        .bind(r.subject)
        .bind(r.reference)
        .bind(once_key)
        .bind(score)
        .bind(comment)
        .bind(client_hash.as_str())
        .bind(today.as_str())
        .bind(now.as_str()),
    )
    .await?;
    crate::audit::record(
        &mut tx,
        crate::audit::Change {
            actor: "citizen",
            action: "satisfaction.rate",
            object_type: "satisfaction_rating",
            object_id: &id.to_string(),
            before: None,
            after: Some(
                serde_json::json!({"unit_id": r.unit_id, "subject": r.subject,
                "reference": r.reference, "score": score}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether the case `case_id` has been rated.
pub async fn rated(db: &Db, case_id: &str) -> crate::db::DbResult<bool> {
    let done: Option<i64> = db
        .scalar_optional(
            &query("SELECT id FROM satisfaction_ratings WHERE once_key = $1")
                .bind(format!("petition:{case_id}")),
        )
        .await?;
    Ok(done.is_some())
}

/// The ratings of a unit's subtree over a period: (count, satisfied (4-5), sum of scores).
pub async fn figures(
    db: &Db,
    unit_id: i64,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> crate::db::DbResult<(i64, i64, i64)> {
    db.fetch_optional(
        &query(format!(
            "{} SELECT CAST(COUNT(*) AS BIGINT),
                 CAST(COALESCE(SUM(CASE WHEN r.score >= 4 THEN 1 ELSE 0 END), 0) AS BIGINT),
                 CAST(COALESCE(SUM(r.score), 0) AS BIGINT)
               FROM satisfaction_ratings r JOIN subtree s ON s.id = r.unit_id
               WHERE r.rated_on >= $2 AND r.rated_on <= $3",
            crate::units::store::SUBTREE_CTE
        ))
        .bind(unit_id)
        .bind(from.format("%Y-%m-%d").to_string())
        .bind(to.format("%Y-%m-%d").to_string()),
    )
    .await
    .map(|r| r.unwrap_or((0, 0, 0)))
}

/// One of the indicators: None when nobody rated in the period (missing, never zero).
pub async fn indicator(
    db: &Db,
    key: &str,
    unit_id: i64,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> anyhow::Result<Option<f64>> {
    let (n, satisfied, sum) = figures(db, unit_id, from, to).await?;
    if n == 0 {
        return Ok(None);
    }
    Ok(match key {
        "satisfaction.ratings" => Some(n as f64),
        "satisfaction.satisfied" => Some(satisfied as f64),
        "satisfaction.satisfied_rate" => Some(100.0 * satisfied as f64 / n as f64),
        "satisfaction.average" => Some(sum as f64 / n as f64),
        _ => None,
    })
}
