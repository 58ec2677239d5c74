//! The printable household ballot (phiếu lấy ý kiến hộ gia đình, Luật 10/2022 Điều 19; Nghị định
//! 59/2023 Điều 4): one page per household of the matter's thôn existing on the day, with the
//! household's code, address and representative, the question, the three choices to tick, the
//! representative's signature and the ballot team head's signature or the Front work team's
//! stamp, which makes a paper ballot valid. Laid out as a Decree 30 document, so it prints as
//! DOCX (and PDF) like every other document.

use chrono::NaiveDate;
use dinh_platform::db::{Db, query};
use dinh_platform::documents::{AdministrativeDocument, Block, Signature, docx_all, pdf_all};
use dinh_platform::units::store::SUBTREE_CTE;

use crate::dates::dmy;
use crate::error::Result;
use crate::{DecisionsModule, Matter};

/// A household as its ballot names it.
#[derive(sqlx::FromRow)]
struct Row {
    code: String,
    address: String,
    representative: String,
    unit_name: String,
}

/// One ballot per household of the matter's community on `on` (the distribution day of the
/// plan when there is one), in household-code order.
pub async fn ballots(
    m: &DecisionsModule,
    db: &Db,
    matter: &Matter,
    on: NaiveDate,
) -> Result<Vec<AdministrativeDocument>> {
    let pack = m.pack(&matter.rule_pack_id)?;
    let plan: Option<(String, String)> = db
        .fetch_optional(
            &query(
                "SELECT distribution_on, team_head FROM decision_ballot_plans WHERE matter_id = $1",
            )
            .bind(matter.id),
        )
        .await?;
    let day = plan
        .as_ref()
        .and_then(|(d, _)| dinh_platform::time::parse_date(d))
        .unwrap_or(on);
    let team_head = plan.map(|(_, h)| h).unwrap_or_default();
    let rows: Vec<Row> = db
        .fetch_all(
            &query(format!(
                "{SUBTREE_CTE} SELECT h.code, h.address, p.full_name AS representative, u.name AS unit_name
                 FROM households h JOIN subtree s ON h.unit_id = s.id JOIN units u ON u.id = h.unit_id
                 JOIN people p ON p.id = h.representative_id
                 WHERE h.formed_on <= $2 AND (h.dissolved_on IS NULL OR h.dissolved_on > $2)
                 ORDER BY h.code"
            ))
            .bind(matter.unit_id)
            .bind(day),
        )
        .await?;
    let matter_name = matter
        .article15()
        .ok()
        .and_then(|a| pack.decisions.matter(a))
        .map(|r| r.name_vi.clone())
        .unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|r| AdministrativeDocument {
            parent_body: Some(matter.unit_name.clone()),
            issuing_body: "Tổ phát phiếu lấy ý kiến".into(),
            number: String::new(),
            place: r.unit_name.clone(),
            date: day,
            kind: "Phiếu lấy ý kiến hộ gia đình".into(),
            subject: matter.title.clone(),
            body: vec![
                Block::Table {
                    headers: vec!["Mã hộ".into(), "Địa chỉ".into(), "Đại diện hộ".into()],
                    rows: vec![vec![r.code, r.address, r.representative.clone()]],
                },
                Block::Heading(format!("Việc số {}: {matter_name}", matter.matter)),
                Block::Paragraph(matter.content.clone()),
                Block::Heading("Ý kiến của hộ (đánh dấu X vào một ô)".into()),
                Block::Table {
                    headers: vec!["Ý kiến".into(), "Đánh dấu".into()],
                    rows: vec![
                        vec!["Đồng ý".into(), String::new()],
                        vec!["Không đồng ý".into(), String::new()],
                        vec!["Ý kiến khác (ghi rõ bên dưới)".into(), String::new()],
                    ],
                },
                Block::Paragraph(
                    "Ý kiến khác: ..............................................................................................................................................".into(),
                ),
                Block::Paragraph(format!(
                    "Phiếu phát ngày {}; mỗi hộ một phiếu. Phiếu chỉ có giá trị khi có chữ ký của Tổ trưởng Tổ phát phiếu hoặc dấu của Ban công tác Mặt trận; hộ gửi lại phiếu cho Tổ phát phiếu.",
                    dmy(day)
                )),
            ],
            signatures: vec![
                Signature {
                    authority: Some("Xác nhận của Tổ phát phiếu (ký hoặc đóng dấu)".into()),
                    title: "Tổ trưởng".into(),
                    name: team_head.clone(),
                },
                Signature {
                    authority: None,
                    title: "Đại diện hộ".into(),
                    name: r.representative,
                },
            ],
            recipients: vec!["Hộ gia đình".into(), "Tổ phát phiếu (thu lại)".into()],
        })
        .collect())
}

/// The ballots as one DOCX, a page per household.
pub async fn docx(m: &DecisionsModule, db: &Db, matter: &Matter, on: NaiveDate) -> Result<Vec<u8>> {
    Ok(docx_all(&ballots(m, db, matter, on).await?)?)
}

/// The ballots as one PDF, a page per household.
pub async fn pdf(m: &DecisionsModule, db: &Db, matter: &Matter, on: NaiveDate) -> Result<Vec<u8>> {
    Ok(pdf_all(&ballots(m, db, matter, on).await?)?)
}

/// The printable ballots of a matter for those who run it (they name each household's
/// representative): the file and the matter's title, DOCX or PDF.
pub async fn printable(
    m: &DecisionsModule,
    db: &Db,
    who: Option<&dinh_platform::accounts::Principal>,
    matter_id: i64,
    as_pdf: bool,
    on: NaiveDate,
) -> Result<(Vec<u8>, String)> {
    let matter = crate::matters::get(db, matter_id).await?;
    let unit = crate::matters::unit_of(db, &matter).await?;
    dinh_platform::accounts::authorize(who, &crate::permissions::RUN, Some(&unit))?;
    let bytes = if as_pdf {
        pdf(m, db, &matter, on).await?
    } else {
        docx(m, db, &matter, on).await?
    };
    Ok((bytes, matter.title))
}
