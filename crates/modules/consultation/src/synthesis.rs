//! The synthesis (báo cáo tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân): the counts by
//! channel and by part, made from the answers, and the report as DOCX and PDF in the
//! administrative format of Decree 30/2020/NĐ-CP the platform lays out
//! (`dinh_platform::documents`).

use chrono::NaiveDate;
use dinh_platform::db::{Db, DbResult, query};
use dinh_platform::documents::{AdministrativeDocument, Block, Signature};
use dinh_rules::RulePack;
use serde::Serialize;

use crate::store::{self, Comment, Consultation, Part, disposition};

/// Comments received by one channel (kênh tiếp nhận).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChannelCount {
    /// The pack channel code.
    pub code: String,
    /// Its Vietnamese name.
    pub name_vi: String,
    /// Its English name.
    pub name_en: String,
    /// Comments received by it.
    pub comments: i64,
}

/// The answers to the comments on one part (or on the whole draft).
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct PartCount {
    /// The part's number; None for comments on the whole draft.
    pub part: Option<i64>,
    /// Comments on it.
    pub comments: i64,
    /// Accepted (tiếp thu).
    pub accepted: i64,
    /// Partly accepted.
    pub partly: i64,
    /// Explained (giải trình).
    pub explained: i64,
    /// Out of scope, sent on.
    pub out_of_scope: i64,
    /// Not answered yet.
    pub unanswered: i64,
}

impl PartCount {
    fn add(&mut self, kind: Option<&str>, n: i64) {
        self.comments += n;
        match kind {
            Some(disposition::ACCEPTED) => self.accepted += n,
            Some(disposition::PARTLY) => self.partly += n,
            Some(disposition::EXPLAINED) => self.explained += n,
            Some(disposition::OUT_OF_SCOPE) => self.out_of_scope += n,
            _ => self.unanswered += n,
        }
    }
}

/// The counts of a consultation's synthesis.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Counts {
    /// By channel, in the pack's order (channels with comments only).
    pub by_channel: Vec<ChannelCount>,
    /// The whole draft first, then the parts with comments, in order.
    pub by_part: Vec<PartCount>,
    /// Every comment.
    pub total: PartCount,
}

/// Counts the comments of `c` by channel and by part, in two grouped queries.
pub async fn counts(db: &Db, pack: &RulePack, c: &Consultation) -> DbResult<Counts> {
    let channels: Vec<(String, i64)> = db
        .fetch_all(
            &query(
                "SELECT channel, CAST(COUNT(*) AS BIGINT) FROM consultation_comments
                 WHERE consultation_id = $1 GROUP BY channel",
            )
            .bind(c.id),
        )
        .await?;
    let by_channel = pack
        .consultation
        .channels
        .iter()
        .filter_map(|ch| {
            channels
                .iter()
                .find(|(code, _)| *code == ch.code)
                .map(|(_, n)| ChannelCount {
                    code: ch.code.clone(),
                    name_vi: ch.name_vi.clone(),
                    name_en: ch.name_en.clone(),
                    comments: *n,
                })
        })
        .collect();
    let rows: Vec<(Option<i64>, Option<String>, i64)> = db
        .fetch_all(
            &query(
                "SELECT part_number, disposition, CAST(COUNT(*) AS BIGINT) FROM consultation_comments
                 WHERE consultation_id = $1 GROUP BY part_number, disposition",
            )
            .bind(c.id),
        )
        .await?;
    let mut by_part: Vec<PartCount> = Vec::new();
    let mut total = PartCount::default();
    for (part, kind, n) in rows {
        total.add(kind.as_deref(), n);
        match by_part.iter_mut().find(|p| p.part == part) {
            Some(p) => p.add(kind.as_deref(), n),
            None => {
                let mut p = PartCount {
                    part,
                    ..PartCount::default()
                };
                p.add(kind.as_deref(), n);
                by_part.push(p);
            }
        }
    }
    by_part.sort_by_key(|p| p.part.unwrap_or(0));
    Ok(Counts {
        by_channel,
        by_part,
        total,
    })
}

fn part_label(part: Option<i64>, parts: &[Part]) -> String {
    match part {
        None => "Toàn văn dự thảo".to_owned(),
        Some(n) => match parts.iter().find(|p| p.number == n) {
            Some(p) if !p.heading.is_empty() => format!("Phần {n}. {}", p.heading),
            _ => format!("Phần {n}"),
        },
    }
}

fn channel_name(pack: &RulePack, code: &str) -> String {
    pack.consultation
        .channel(code)
        .map_or_else(|| code.to_owned(), |c| c.name_vi.clone())
}

/// The report as Decree 30/2020 lays it out.
pub fn document(
    pack: &RulePack,
    c: &Consultation,
    parts: &[Part],
    comments: &[Comment],
    counts: &Counts,
    date: NaiveDate,
) -> AdministrativeDocument {
    let matter = pack
        .consultation
        .matter(u32::try_from(c.matter).unwrap_or(0))
        .map_or_else(String::new, |m| m.name_vi.clone());
    let channels: Vec<String> = c
        .channel_codes()
        .iter()
        .map(|code| channel_name(pack, code))
        .collect();
    let mut body = vec![
        Block::Heading("I. TÌNH HÌNH LẤY Ý KIẾN".into()),
        Block::Paragraph(format!(
            "Thực hiện Luật Thực hiện dân chủ ở cơ sở (Luật số 10/2022/QH15), {} đã lấy ý kiến Nhân dân về dự thảo “{}” (nội dung: {}) từ ngày {} đến hết ngày {}, bằng các hình thức: {}.",
            c.unit_name,
            c.title,
            matter,
            dinh_platform::time::show_date(&c.opens_on),
            dinh_platform::time::show_date(&c.closes_on),
            channels.join("; ")
        )),
        Block::Paragraph(format!(
            "Tổng số ý kiến nhận được: {}; trong đó tiếp thu {}, tiếp thu một phần {}, giải trình {}, ngoài phạm vi dự thảo đã chuyển cơ quan có thẩm quyền {}.",
            counts.total.comments,
            counts.total.accepted,
            counts.total.partly,
            counts.total.explained,
            counts.total.out_of_scope
        )),
        Block::Table {
            headers: vec!["Hình thức, kênh tiếp nhận".into(), "Số ý kiến".into()],
            rows: counts
                .by_channel
                .iter()
                .map(|ch| vec![ch.name_vi.clone(), ch.comments.to_string()])
                .collect(),
        },
        Block::Table {
            headers: vec![
                "Nội dung dự thảo".into(),
                "Số ý kiến".into(),
                "Tiếp thu".into(),
                "Tiếp thu một phần".into(),
                "Giải trình".into(),
                "Ngoài phạm vi".into(),
            ],
            rows: counts
                .by_part
                .iter()
                .map(|p| {
                    vec![
                        part_label(p.part, parts),
                        p.comments.to_string(),
                        p.accepted.to_string(),
                        p.partly.to_string(),
                        p.explained.to_string(),
                        p.out_of_scope.to_string(),
                    ]
                })
                .collect(),
        },
        Block::Heading("II. TIẾP THU, GIẢI TRÌNH Ý KIẾN".into()),
        Block::Table {
            headers: vec![
                "Số".into(),
                "Nội dung".into(),
                "Kênh".into(),
                "Ý kiến".into(),
                "Tiếp thu, giải trình".into(),
            ],
            rows: comments
                .iter()
                .map(|k| {
                    let source = if k.source.is_empty() {
                        channel_name(pack, &k.channel)
                    } else {
                        format!("{} ({})", channel_name(pack, &k.channel), k.source)
                    };
                    vec![
                        k.number.to_string(),
                        part_label(k.part_number, parts),
                        source,
                        k.body.clone(),
                        format!(
                            "{}: {}",
                            disposition::name_vi(k.disposition.as_deref().unwrap_or("")),
                            k.answer.as_deref().unwrap_or("")
                        ),
                    ]
                })
                .collect(),
        },
    ];
    if let Some(reason) = c.closing_reason.as_deref().filter(|r| !r.is_empty()) {
        body.push(Block::Heading(
            "III. LÝ DO GIỮ NGUYÊN NỘI DUNG KHÁC VỚI ĐA SỐ Ý KIẾN".into(),
        ));
        body.push(Block::Paragraph(reason.to_owned()));
    }
    AdministrativeDocument {
        parent_body: None,
        issuing_body: format!("ỦY BAN NHÂN DÂN {}", c.unit_name.to_uppercase()),
        number: String::new(),
        place: c.unit_name.clone(),
        date,
        kind: "BÁO CÁO".into(),
        subject: format!(
            "Tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân về dự thảo “{}”",
            c.title
        ),
        body,
        signatures: vec![Signature {
            authority: Some("TM. ỦY BAN NHÂN DÂN".into()),
            title: "CHỦ TỊCH".into(),
            name: String::new(),
        }],
        recipients: vec![
            "Thường trực Hội đồng nhân dân".into(),
            "Ủy ban Mặt trận Tổ quốc Việt Nam".into(),
            "Công khai trên cổng thông tin".into(),
            "Lưu: VT".into(),
        ],
    }
}

/// The report of consultation `id` as DOCX or PDF bytes: what the public downloads.
pub async fn file(
    m: &crate::ConsultationModule,
    db: &Db,
    id: i64,
    pdf: bool,
) -> anyhow::Result<Option<(Consultation, Vec<u8>)>> {
    let Some(c) = store::by_id(db, id).await? else {
        return Ok(None);
    };
    let pack = m
        .rules()
        .get(&c.rule_pack_id)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let parts = store::parts(db, id).await?;
    let comments = store::comments(db, id, false).await?;
    let counts = counts(db, pack, &c).await?;
    let date = c
        .closed_on
        .as_deref()
        .and_then(dinh_platform::time::parse_date)
        .unwrap_or_else(dinh_platform::time::today_vn);
    let doc = document(pack, &c, &parts, &comments, &counts, date);
    let bytes = if pdf { doc.pdf()? } else { doc.docx()? };
    Ok(Some((c, bytes)))
}
