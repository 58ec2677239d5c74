//! The lists officials work with: the registrations and the evaluations of a campaign as
//! XLSX (for the boards), and an award decision with its annexed list as DOCX and PDF (public,
//! as published).

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use dinh_platform::db::query;
use dinh_platform::documents::{Download, DownloadKind, Sheet};
use dinh_platform::time::show_date;
use dinh_platform::web::{AppError, AppState, Ctx};

use super::campaign_of;
use crate::EmulationModule;
use crate::permissions::{EVALUATE, REGISTER, RUN};
use crate::store::{self, collective, kind};

/// `GET /emulation/{id}/registrations.xlsx`: every registration of the campaign.
pub(crate) async fn registrations_xlsx(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (campaign, unit) = campaign_of(&s, id).await?;
    ctx.require_any(&[&RUN, &EVALUATE, &REGISTER], &unit)?;
    let rows: Vec<(String, String, String, String, String, String, String)> =
        s.db.fetch_all(
            &query(
                "SELECT u.name, r.kind, r.collective_kind, r.name, r.field, r.commitment,
                        r.registered_on
                 FROM emulation_registrations r JOIN units u ON u.id = r.unit_id
                 WHERE r.campaign_id = $1 ORDER BY u.name, r.id",
            )
            .bind(id),
        )
        .await?;
    let mut sheet = Sheet::new(
        format!("Đăng ký {}", campaign.title),
        &[
            "STT",
            "Đơn vị",
            "Tập thể / cá nhân",
            "Loại tập thể",
            "Tên",
            "Lĩnh vực",
            "Nội dung đăng ký",
            "Ngày đăng ký",
        ],
    );
    for (i, (unit_name, k, ck, name, field, commitment, on)) in rows.into_iter().enumerate() {
        sheet.push(vec![
            (i + 1).to_string(),
            unit_name,
            kind::name(&k).0.to_owned(),
            collective::name(&ck).0.to_owned(),
            name,
            m.names(&campaign.rule_pack_id, false, &field).0,
            commitment,
            show_date(&on),
        ]);
    }
    Ok(Download {
        bytes: sheet.xlsx()?,
        kind: DownloadKind::Xlsx,
        name: format!("Đăng ký thi đua {}", campaign.title),
    }
    .into_response())
}

/// `GET /emulation/{id}/evaluations.xlsx`: every evaluation of the campaign's models, with the
/// score of each criterion.
pub(crate) async fn evaluations_xlsx(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (campaign, unit) = campaign_of(&s, id).await?;
    ctx.require_any(&[&RUN, &EVALUATE], &unit)?;
    let criteria = store::criteria(&s.db, id).await?;
    let rows: Vec<EvaluationLine> =
        s.db.fetch_all(
            &query(
                "SELECT e.id, u.name AS unit_name, r.name AS registrant, m.title,
                        e.evaluated_on, e.evaluator, e.total, e.verdict, e.conclusion
                 FROM emulation_evaluations e JOIN emulation_models m ON m.id = e.model_id
                 JOIN emulation_registrations r ON r.id = m.registration_id
                 JOIN units u ON u.id = m.unit_id
                 WHERE m.campaign_id = $1 ORDER BY u.name, m.id, e.evaluated_on, e.id",
            )
            .bind(id),
        )
        .await?;
    let scores: Vec<(i64, i64, i64)> =
        s.db.fetch_all(
            &query(
                "SELECT s.evaluation_id, s.position, s.score FROM emulation_scores s
                 JOIN emulation_evaluations e ON e.id = s.evaluation_id
                 JOIN emulation_models m ON m.id = e.model_id WHERE m.campaign_id = $1",
            )
            .bind(id),
        )
        .await?;
    let mut by_evaluation: std::collections::HashMap<(i64, i64), i64> =
        std::collections::HashMap::new();
    for (e, p, score) in scores {
        by_evaluation.insert((e, p), score);
    }
    let mut headers: Vec<String> = [
        "STT",
        "Đơn vị",
        "Tập thể / cá nhân",
        "Mô hình",
        "Ngày đánh giá",
        "Người đánh giá",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    for c in &criteria {
        headers.push(format!("{} (tối đa {})", c.name, c.weight));
    }
    headers.extend(["Tổng điểm", "Kết luận", "Nhận xét"].map(str::to_owned));
    let mut sheet = Sheet {
        title: format!("Đánh giá {}", campaign.title),
        headers,
        rows: Vec::new(),
    };
    for (i, e) in rows.into_iter().enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            e.unit_name,
            e.registrant,
            e.title,
            show_date(&e.evaluated_on),
            e.evaluator,
        ];
        for c in &criteria {
            row.push(
                by_evaluation
                    .get(&(e.id, c.position))
                    .map(i64::to_string)
                    .unwrap_or_default(),
            );
        }
        row.push(e.total.to_string());
        row.push(store::status::name(&e.verdict).0.to_owned());
        row.push(e.conclusion);
        sheet.push(row);
    }
    Ok(Download {
        bytes: sheet.xlsx()?,
        kind: DownloadKind::Xlsx,
        name: format!("Đánh giá mô hình {}", campaign.title),
    }
    .into_response())
}

/// An evaluation as a line of the list.
#[derive(sqlx::FromRow)]
struct EvaluationLine {
    id: i64,
    unit_name: String,
    registrant: String,
    title: String,
    evaluated_on: String,
    evaluator: String,
    total: i64,
    verdict: String,
    conclusion: String,
}

async fn decision_document(
    s: &AppState,
    m: &EmulationModule,
    id: i64,
) -> Result<(String, dinh_platform::documents::AdministrativeDocument), AppError> {
    let d = store::decision(&s.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let (campaign, _) = campaign_of(s, d.campaign_id).await?;
    let awards = store::decision_awards(&s.db, id).await?;
    let award = m.names(&campaign.rule_pack_id, true, &d.award).0;
    let name = format!("Quyết định khen thưởng {}", d.number.replace('/', "-"));
    Ok((
        name,
        crate::decision_doc::decision(&campaign, &d, &award, &awards),
    ))
}

/// `GET /emulation/decisions/{id}/document.docx`: the award decision with its list, DOCX.
pub(crate) async fn decision_docx(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (name, doc) = decision_document(&s, &m, id).await?;
    Ok(Download {
        bytes: doc.docx()?,
        kind: DownloadKind::Docx,
        name,
    }
    .into_response())
}

/// `GET /emulation/decisions/{id}/document.pdf`: the award decision with its list, PDF.
pub(crate) async fn decision_pdf(
    State(s): State<AppState>,
    Extension(m): Extension<EmulationModule>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (name, doc) = decision_document(&s, &m, id).await?;
    Ok(Download {
        bytes: doc.pdf()?,
        kind: DownloadKind::Pdf,
        name,
    }
    .into_response())
}
