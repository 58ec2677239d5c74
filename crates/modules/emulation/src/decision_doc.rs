//! The award decision (quyết định khen thưởng) as an administrative document (Decree
//! 30/2020/NĐ-CP): the chair of the People's Committee commends the collectives and individuals
//! of the annexed list for their "Dân vận khéo" models, under Luật Thi đua, khen thưởng.

use chrono::NaiveDate;
use dinh_platform::documents::{AdministrativeDocument, Block, Signature};

use crate::store::{Award, AwardDecision, Campaign, kind};

/// The decision `d` of `campaign` with its annexed list `awards`; `award_name` is the award's
/// Vietnamese name ("Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã").
pub(crate) fn decision(
    campaign: &Campaign,
    d: &AwardDecision,
    award_name: &str,
    awards: &[Award],
) -> AdministrativeDocument {
    let date = dinh_platform::time::parse_date(&d.signed_on)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
    let collectives = awards
        .iter()
        .filter(|a| a.registrant_kind == kind::COLLECTIVE)
        .count();
    let individuals = awards.len() - collectives;
    let body = vec![
        Block::Paragraph(format!(
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; căn cứ {}; xét đề nghị \
             của Hội đồng Thi đua, Khen thưởng,",
            campaign.document
        )),
        Block::Heading("QUYẾT ĐỊNH:".into()),
        Block::Paragraph(format!(
            "Điều 1. Tặng {award_name} cho {collectives} tập thể và {individuals} cá nhân \
             (có danh sách kèm theo) đã có thành tích xuất sắc trong {}.",
            campaign.title
        )),
        Block::Paragraph(
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Các tập thể, cá nhân có tên tại \
             Điều 1 và các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này."
                .into(),
        ),
        Block::Heading("DANH SÁCH KHEN THƯỞNG".into()),
        Block::Table {
            headers: vec![
                "STT".into(),
                "Tập thể, cá nhân".into(),
                "Đơn vị".into(),
                "Mô hình".into(),
            ],
            rows: awards
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    vec![
                        (i + 1).to_string(),
                        a.registrant.clone(),
                        a.unit_name.clone(),
                        a.model_title.clone(),
                    ]
                })
                .collect(),
        },
    ];
    AdministrativeDocument {
        parent_body: None,
        issuing_body: format!("ỦY BAN NHÂN DÂN {}", campaign.unit_name.to_uppercase()),
        number: d.number.clone(),
        place: campaign.unit_name.clone(),
        date,
        kind: "QUYẾT ĐỊNH".into(),
        subject: format!("Về việc khen thưởng trong {}", campaign.title),
        body,
        signatures: vec![Signature {
            authority: Some("TM. ỦY BAN NHÂN DÂN".into()),
            title: d.signer_title.to_uppercase(),
            name: d.signer.clone(),
        }],
        recipients: vec![
            "Như Điều 1".into(),
            "Ban Dân vận".into(),
            "Công khai trên cổng thông tin".into(),
            "Lưu: VT".into(),
        ],
    }
}
