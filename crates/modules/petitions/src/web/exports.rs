//! Exports through the platform's documents: the electronic reception book (sổ tiếp công dân
//! điện tử) and the case list, as XLSX or CSV. A denouncer's name and address are never in them.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use dinh_platform::documents::{
    AdministrativeDocument, Block, Download, DownloadKind, Sheet, Signature,
};
use dinh_platform::time::{show_date, today_vn};
use dinh_platform::web::{AppError, AppState, Ctx};

use super::views::petitioner;
use crate::api::{ListQuery, MonthQuery};
use crate::permissions::VIEW;
use crate::store::case_view;
use crate::store::reception;
use crate::store::scope::allow;
use crate::store::unit_by_code;

/// A cell's text, with a leading `=`, `+`, `-` or `@` neutralised (no formula injection).
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn kind_of(ext: &str) -> Result<DownloadKind, AppError> {
    match ext {
        "csv" => Ok(DownloadKind::Csv),
        "xlsx" => Ok(DownloadKind::Xlsx),
        _ => Err(AppError::not_found()),
    }
}

fn bytes(sheet: &Sheet, kind: DownloadKind) -> Result<Vec<u8>, AppError> {
    Ok(match kind {
        DownloadKind::Xlsx => sheet.xlsx()?,
        _ => sheet.csv()?,
    })
}

/// `GET /units/{code}/reception/book/{ext}?year=yyyy` (`csv` or `xlsx`).
pub(crate) async fn book(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((code, ext)): Path<(String, String)>,
    Query(q): Query<MonthQuery>,
) -> Result<Response, AppError> {
    let kind = kind_of(&ext)?;
    let unit = unit_by_code(&state.db, &code).await?;
    let year = q.year.unwrap_or_else(|| today_vn().year());
    let rows = reception::book(&state.db, ctx.principal.as_ref(), &unit, year).await?;
    let tr = ctx.tr;
    let hidden = tr.t("pet_identity_protected");
    let mut sheet = Sheet::new(
        format!("{} {} – {year}", tr.t("pet_book"), unit.name),
        &[
            tr.t("pet_number"),
            tr.t("pet_day"),
            tr.t("pet_name"),
            tr.t("pet_address"),
            tr.t("pet_content"),
            tr.t("pet_earlier"),
            tr.t("pet_request"),
            tr.t("pet_handling"),
            tr.t("pet_oral_record"),
            tr.t("pet_signed"),
        ],
    );
    for r in rows {
        sheet.push(vec![
            r.number.to_string(),
            show_date(&r.entry_date),
            cell(r.citizen_name.as_deref().unwrap_or(hidden)),
            cell(r.citizen_address.as_deref().unwrap_or(hidden)),
            cell(&r.content),
            cell(&r.earlier_handling),
            cell(&r.request),
            cell(&r.handling),
            cell(r.oral_record.as_deref().unwrap_or("")),
            if r.signed {
                tr.t("pet_yes").to_owned()
            } else {
                String::new()
            },
        ]);
    }
    Ok(Download {
        bytes: bytes(&sheet, kind)?,
        kind,
        name: format!("so-tiep-cong-dan-{}-{year}", unit.code),
    }
    .into_response())
}

/// `GET /units/{code}/petitions/export/{ext}?state=&kind=&q=`: the case list (no identity).
pub(crate) async fn cases(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((code, ext)): Path<(String, String)>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let kind = kind_of(&ext)?;
    let unit = unit_by_code(&state.db, &code).await?;
    allow(ctx.principal.as_ref(), &VIEW, &unit)?;
    let mut filter = q.filter()?;
    filter.per_page = 500;
    let today = today_vn();
    let tr = ctx.tr;
    let mut sheet = Sheet::new(
        format!("{} – {}", tr.t("pet_work_list"), unit.name),
        &[
            tr.t("pet_tracking_code"),
            tr.t("pet_kind"),
            tr.t("pet_channel"),
            tr.t("pet_subject"),
            tr.t("pet_received_on"),
            tr.t("pet_status"),
            tr.t("pet_due"),
            tr.t("pet_clock_overdue"),
            tr.t("pet_petitioner"),
            tr.t("pet_pack"),
        ],
    );
    for page in 1.. {
        filter.page = page;
        let rows = case_view::list_unchecked(&state.db, &unit, &filter, today).await?;
        for r in &rows {
            let line = super::views::CaseLine::of(r, tr, today, today);
            sheet.push(vec![
                r.tracking_code.clone(),
                line.kind.to_owned(),
                r.channel.clone(),
                cell(&r.subject),
                line.received,
                line.status.to_owned(),
                line.due,
                if line.overdue {
                    tr.t("pet_yes").to_owned()
                } else {
                    String::new()
                },
                cell(&petitioner(r, tr)),
                r.pack_id.clone(),
            ]);
        }
        if rows.len() < 500 {
            break;
        }
    }
    Ok(Download {
        bytes: bytes(&sheet, kind)?,
        kind,
        name: format!("don-thu-{}", unit.code),
    }
    .into_response())
}

/// `GET /petitions/cases/{id}/file.docx`: the case file passed for verification (hồ sơ chuyển
/// xác minh) in the format of Decree 30/2020: the stripped content, the clocks and the
/// timeline. A denouncer appears only as "kept confidential" (Luật Tố cáo 2018, Điều 47(2)).
pub(crate) async fn case_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = case_view::get(&state.db, ctx.principal.as_ref(), id).await?;
    let unit = crate::store::unit_by_id(&state.db, d.case.unit_id).await?;
    let parent = match unit.parent_id {
        Some(p) => dinh_platform::units::store::by_id(&state.db, p).await?,
        None => None,
    };
    let tr = ctx.tr;
    let today = today_vn();
    let line = super::views::CaseLine::of(&d.case, tr, today, today);
    let clocks = d
        .clocks
        .iter()
        .map(|k| {
            vec![
                tr.t(crate::clocks::label_key(&k.clock)).to_owned(),
                k.rule_key.clone(),
                show_date(&k.started_on),
                show_date(&k.due_on),
                k.done_on.as_deref().map(show_date).unwrap_or_default(),
                tr.t(k.state(today).label_key()).to_owned(),
            ]
        })
        .collect();
    let events = d
        .events
        .iter()
        .map(|e| vec![show_date(&e.on_date), e.body.clone()])
        .collect();
    let doc = AdministrativeDocument {
        parent_body: parent.map(|p| format!("UBND {}", p.name.to_uppercase())),
        issuing_body: format!("ỦY BAN NHÂN DÂN {}", unit.name.to_uppercase()),
        number: String::new(),
        place: unit.name.clone(),
        date: today,
        kind: "HỒ SƠ VỤ VIỆC".to_owned(),
        subject: format!("{} {}: {}", line.kind, d.case.tracking_code, d.case.subject),
        body: vec![
            Block::Heading("I. THÔNG TIN CHUNG".to_owned()),
            Block::Paragraph(format!(
                "Loại đơn: {}. Ngày nhận: {}. Người gửi: {}. Trạng thái: {}. Bộ quy tắc áp dụng: {}.",
                line.kind, line.received, line.petitioner, line.status, d.case.pack_id
            )),
            Block::Heading("II. NỘI DUNG".to_owned()),
            Block::Paragraph(d.case.content.clone()),
            Block::Heading("III. THỜI HẠN".to_owned()),
            Block::Table {
                headers: [
                    "Thời hạn",
                    "Căn cứ",
                    "Tính từ",
                    "Hạn",
                    "Hoàn thành",
                    "Tình trạng",
                ]
                .map(str::to_owned)
                .to_vec(),
                rows: clocks,
            },
            Block::Heading("IV. DIỄN BIẾN".to_owned()),
            Block::Table {
                headers: vec!["Ngày".to_owned(), "Nội dung".to_owned()],
                rows: events,
            },
        ],
        signatures: vec![Signature {
            authority: Some("TM. ỦY BAN NHÂN DÂN".to_owned()),
            title: "CHỦ TỊCH".to_owned(),
            name: String::new(),
        }],
        recipients: vec![
            "Người được giao xác minh;".to_owned(),
            "Lưu: VT.".to_owned(),
        ],
    };
    Ok(Download {
        bytes: doc.docx()?,
        kind: DownloadKind::Docx,
        name: format!("ho-so-{}", d.case.tracking_code),
    }
    .into_response())
}
