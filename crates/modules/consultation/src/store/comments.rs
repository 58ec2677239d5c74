//! Comments (ý kiến góp ý) from every channel, numbered within their consultation, and the
//! answer each one gets (tiếp thu, giải trình).

use chrono::NaiveDate;
use dinh_platform::accounts::Principal;
use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, Tx, query};
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{
    BODY_MAX, Consultation, PER_CLIENT, WEBSITE, WINDOW_MINUTES, date_field, disposition, dmy,
    text_field,
};
use crate::ConsultationModule;
use crate::permissions::{MANAGE, RECORD};

/// A comment as it is sent or entered.
#[derive(Debug, Clone, Default)]
pub struct CommentInput {
    /// The part commented on, by number; empty for the whole draft.
    pub part: String,
    /// The text (stored as written, shown escaped).
    pub body: String,
    /// The name given (taken from the account when signed in on the website).
    pub name: String,
    /// A phone number or e-mail, never shown publicly (required on the website when not
    /// signed in).
    pub contact: String,
    /// The channel, a pack channel code (officers' entries; the website's own is `website`).
    pub channel: String,
    /// Where it was received: the meeting, the letter, the organisation (officers' entries).
    pub source: String,
    /// The day it was received (dd/mm/yyyy; officers' entries; today on the website).
    pub received_on: String,
    /// The version of the draft the comment was made on (empty: the current one). A comment on
    /// a part of an older version is refused.
    pub version: String,
}

/// An answer to one comment.
#[derive(Debug, Clone, Default)]
pub struct DispositionInput {
    /// The comment's number.
    pub number: String,
    /// `accepted`, `partly`, `explained` or `out_of_scope`.
    pub disposition: String,
    /// What was changed, the reason, or where it was sent.
    pub answer: String,
    /// For an accepted (or partly accepted) comment: the number of the version of the draft
    /// that made the change (optional).
    pub changed_in: String,
}

fn client_hash(client: &str) -> String {
    hex::encode(Sha256::digest(format!("consultation|{client}").as_bytes()))
}

fn valid_contact(contact: &str) -> bool {
    let digits = contact.chars().filter(char::is_ascii_digit).count();
    let phone = digits >= 9
        && contact
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '.' | '-'));
    let email = contact
        .split_once('@')
        .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.'));
    phone || email
}

async fn load(db: &Db, id: i64) -> Result<Consultation, WriteError> {
    super::by_id(db, id).await?.ok_or(WriteError::NotFound)
}

/// The part number, checked against the draft: None for the whole draft.
async fn part_of(db: &Db, c: &Consultation, part: &str) -> Result<Option<i64>, WriteError> {
    let part = part.trim();
    if part.is_empty() {
        return Ok(None);
    }
    let n: i64 = part.parse().map_err(|_| {
        WriteError::invalid(
            "part",
            format!("“{part}” không phải là số thứ tự của một phần"),
        )
    })?;
    let found: Option<i64> = db
        .scalar_optional(
            &query(
                "SELECT number FROM consultation_parts WHERE consultation_id = $1 AND number = $2",
            )
            .bind(c.id)
            .bind(n),
        )
        .await?;
    found.map(Some).ok_or_else(|| {
        WriteError::invalid(
            "part",
            format!("dự thảo không có phần số {n}: chọn một phần của dự thảo đang lấy ý kiến"),
        )
    })
}

/// The version a comment is made on: the current one when `version` is empty; refused (naming
/// `version`) when there is no such version, or when it is an older version and the comment is
/// on one of its parts (the parts may have changed since).
fn version_of(c: &Consultation, version: &str, part: &str) -> Result<i64, WriteError> {
    let version = version.trim();
    if version.is_empty() {
        return Ok(c.version);
    }
    let v: i64 = version
        .parse()
        .ok()
        .filter(|v| (1..=c.version).contains(v))
        .ok_or_else(|| {
            WriteError::invalid(
                "version",
                format!(
                    "không có bản dự thảo số “{version}”: dự thảo hiện hành là bản số {}",
                    c.version
                ),
            )
        })?;
    if v < c.version && !part.trim().is_empty() {
        return Err(WriteError::invalid(
            "version",
            format!(
                "phần {} thuộc bản dự thảo số {v}, nay đã có bản số {}: đọc phần này ở bản hiện hành rồi góp ý lại",
                part.trim(),
                c.version
            ),
        ));
    }
    Ok(v)
}

/// Gives the next number of the consultation (the consultation row is locked until the commit,
/// so two comments never get the same number).
async fn next_number(tx: &mut Tx, consultation: i64) -> Result<i64, WriteError> {
    let n: Option<i64> = tx
        .scalar_optional(
            &query(
                "UPDATE consultations SET comment_count = comment_count + 1
                 WHERE id = $1 AND status = 'open' RETURNING comment_count",
            )
            .bind(consultation),
        )
        .await?;
    n.ok_or_else(|| WriteError::invalid("consultation", "đợt lấy ý kiến đã kết thúc"))
}

struct NewComment<'a> {
    c: &'a Consultation,
    part: Option<i64>,
    version: i64,
    channel: &'a str,
    organisation: bool,
    source: &'a str,
    name: &'a str,
    contact: Option<&'a str>,
    account_id: Option<i64>,
    client: Option<&'a str>,
    body: &'a str,
    received_on: NaiveDate,
    entered_by: &'a str,
}

async fn insert(db: &Db, n: NewComment<'_>) -> Result<i64, WriteError> {
    let id = next_id();
    let now = dinh_platform::time::now_rfc3339();
    let mut tx = db.begin().await?;
    let number = next_number(&mut tx, n.c.id).await?;
    tx.execute(
        &query(
            "INSERT INTO consultation_comments (id, consultation_id, number, part_number, channel,
               organisation, source, author_name, contact, account_id, client_hash, body,
               received_on, entered_by, created_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(id)
        .bind(n.c.id)
        .bind(number)
        .bind(n.part)
        .bind(n.channel)
        .bind(n.organisation)
        .bind(n.source)
        .bind(n.name)
        .bind(n.contact)
        .bind(n.account_id)
        .bind(n.client)
        .bind(n.body)
        .bind(n.received_on)
        .bind(n.entered_by)
        .bind(now.as_str())
        .bind(n.version),
    )
    .await?;
    // The audit keeps what was said and by which channel, never the contact.
    audit::record(
        &mut tx,
        Change {
            actor: n.entered_by,
            action: "consultation.comment",
            object_type: "consultation_comment",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "consultation": n.c.id, "number": number, "part": n.part, "version": n.version,
                "channel": n.channel, "source": n.source, "name": n.name, "body": n.body,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(number)
}

/// A comment sent on the website (góp ý trực tuyến) by a signed-in person or by a visitor
/// with a name and a phone or e-mail; `client` is who is asking (limits a flood); returns its
/// number.
pub async fn comment(
    db: &Db,
    who: Option<&Principal>,
    consultation: i64,
    input: &CommentInput,
    client: &str,
    today: NaiveDate,
) -> Result<i64, WriteError> {
    let c = load(db, consultation).await?;
    if !c.takes_comments_on(today) {
        return Err(WriteError::invalid(
            "consultation",
            format!(
                "đợt lấy ý kiến nhận góp ý từ ngày {} đến hết ngày {}",
                dinh_platform::time::show_date(&c.opens_on),
                dinh_platform::time::show_date(&c.closes_on)
            ),
        ));
    }
    let version = version_of(&c, &input.version, &input.part)?;
    let part = part_of(db, &c, &input.part).await?;
    let body = text_field("body", &input.body, BODY_MAX, "nội dung góp ý")?;
    let (name, contact) = match who {
        Some(p) => (p.display_name.clone(), None),
        None => {
            let name = text_field("name", &input.name, 200, "họ và tên")?;
            let contact = input.contact.trim();
            if contact.is_empty() {
                return Err(WriteError::invalid(
                    "contact",
                    "ghi số điện thoại hoặc thư điện tử để xã liên hệ khi cần (không công khai)",
                ));
            }
            if !valid_contact(contact) {
                return Err(WriteError::invalid(
                    "contact",
                    "số điện thoại hoặc thư điện tử không đúng",
                ));
            }
            (name, Some(contact.to_owned()))
        }
    };
    let hash = client_hash(client);
    let from = (chrono::Utc::now() - chrono::Duration::minutes(WINDOW_MINUTES))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let recent: i64 = db
        .scalar(
            &query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM consultation_comments
                 WHERE client_hash = $1 AND created_at >= $2",
            )
            .bind(hash.as_str())
            .bind(from.as_str()),
        )
        .await?;
    if recent >= PER_CLIENT {
        return Err(WriteError::invalid(
            "body",
            format!(
                "đã gửi quá nhiều góp ý trong thời gian ngắn: chờ {WINDOW_MINUTES} phút rồi gửi lại"
            ),
        ));
    }
    let entered_by = who.map_or_else(|| "public".to_owned(), Principal::actor);
    insert(
        db,
        NewComment {
            c: &c,
            part,
            version,
            channel: WEBSITE,
            organisation: false,
            source: "",
            name: &name,
            contact: contact.as_deref(),
            account_id: who.map(|p| p.account_id),
            client: Some(&hash),
            body: &body,
            received_on: today,
            entered_by: &entered_by,
        },
    )
    .await
}

/// A comment an officer enters (received at a meeting, by letter, in the comment box, from an
/// organisation), with its channel and source; returns its number.
pub async fn enter(
    m: &ConsultationModule,
    db: &Db,
    actor: Actor<'_>,
    consultation: i64,
    input: &CommentInput,
    today: NaiveDate,
) -> Result<i64, WriteError> {
    let c = load(db, consultation).await?;
    actor.may(&RECORD, &c.unit())?;
    if !c.is_open() {
        return Err(WriteError::invalid(
            "consultation",
            "đợt lấy ý kiến đã kết thúc: không ghi thêm ý kiến",
        ));
    }
    let pack = m
        .rules()
        .get(&c.rule_pack_id)
        .map_err(|e| WriteError::Other(anyhow::anyhow!("{e}")))?;
    let channel = pack
        .consultation
        .channel(input.channel.trim())
        .ok_or_else(|| WriteError::invalid("channel", "chọn kênh nhận ý kiến trong danh sách"))?;
    let version = version_of(&c, &input.version, &input.part)?;
    let part = part_of(db, &c, &input.part).await?;
    let body = text_field("body", &input.body, BODY_MAX, "nội dung ý kiến")?;
    let source = text_field(
        "source",
        &input.source,
        300,
        "nơi nhận ý kiến (hội nghị, văn bản, hòm thư, tổ chức)",
    )?;
    let received = date_field("received_on", &input.received_on)?;
    let opens = c.opens().unwrap_or(received);
    if received < opens || received > today {
        return Err(WriteError::invalid(
            "received_on",
            format!(
                "ngày nhận phải từ ngày công khai {} đến hôm nay {}",
                dmy(opens),
                dmy(today)
            ),
        ));
    }
    let name = if input.name.trim().is_empty() {
        source.clone()
    } else {
        text_field("name", &input.name, 200, "họ và tên")?
    };
    let contact = input.contact.trim();
    let who = actor.audit();
    insert(
        db,
        NewComment {
            c: &c,
            part,
            version,
            channel: &channel.code,
            organisation: channel.organisation,
            source: &source,
            name: &name,
            contact: (!contact.is_empty()).then_some(contact),
            account_id: None,
            client: None,
            body: &body,
            received_on: received,
            entered_by: &who,
        },
    )
    .await
}

/// A comment's answer before it changes: kind, text, the version commented on, and the version
/// named as having made the change.
type Before = (Option<String>, Option<String>, i64, Option<i64>);

/// Answers comment `number` (tiếp thu, giải trình); an answer may be changed until the
/// consultation is closed.
pub async fn dispose(
    db: &Db,
    actor: Actor<'_>,
    consultation: i64,
    input: &DispositionInput,
    today: NaiveDate,
) -> Result<(), WriteError> {
    let c = load(db, consultation).await?;
    actor.may(&MANAGE, &c.unit())?;
    if !c.is_open() {
        return Err(WriteError::invalid(
            "consultation",
            "đợt lấy ý kiến đã kết thúc: các câu trả lời đã công khai, không sửa",
        ));
    }
    let number: i64 = input
        .number
        .trim()
        .parse()
        .map_err(|_| WriteError::invalid("number", "ghi số thứ tự của ý kiến"))?;
    let kind = input.disposition.trim();
    if !disposition::ALL.contains(&kind) {
        return Err(WriteError::invalid(
            "disposition",
            "chọn: tiếp thu, tiếp thu một phần, giải trình hoặc ngoài phạm vi",
        ));
    }
    let what = match kind {
        disposition::EXPLAINED => "lý do giải trình",
        disposition::OUT_OF_SCOPE => "nơi đã chuyển ý kiến đến",
        _ => "nội dung đã tiếp thu, chỉnh sửa trong dự thảo",
    };
    let answer = text_field("answer", &input.answer, BODY_MAX, what)?;
    let before: Option<Before> = db
        .fetch_optional(
            &query(
                "SELECT disposition, answer, version, changed_in_version FROM consultation_comments
                 WHERE consultation_id = $1 AND number = $2",
            )
            .bind(c.id)
            .bind(number),
        )
        .await?;
    let Some(before) = before else {
        return Err(WriteError::invalid(
            "number",
            format!("không có ý kiến số {number} trong đợt lấy ý kiến này"),
        ));
    };
    let changed_in = changed_in(&c, kind, &input.changed_in, before.2)?;
    let who = actor.audit();
    let mut tx = db.begin().await?;
    let changed = tx
        .execute(
            &query(
                "UPDATE consultation_comments SET disposition = $1, answer = $2, answered_on = $3,
                   answered_by = $4, changed_in_version = $7
                 WHERE consultation_id = $5 AND number = $6
                   AND EXISTS (SELECT 1 FROM consultations k WHERE k.id = $5 AND k.status = 'open')",
            )
            .bind(kind)
            .bind(answer.as_str())
            .bind(today)
            .bind(who.as_str())
            .bind(c.id)
            .bind(number)
            .bind(changed_in),
        )
        .await?;
    if changed == 0 {
        return Err(WriteError::invalid(
            "consultation",
            "đợt lấy ý kiến đã kết thúc",
        ));
    }
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "consultation.dispose",
            object_type: "consultation_comment",
            object_id: &format!("{}#{number}", c.id),
            before: Some(json!({"disposition": before.0, "answer": before.1,
                                "changed_in_version": before.3})),
            after: Some(json!({"disposition": kind, "answer": answer,
                               "changed_in_version": changed_in})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The version named as the one that made an accepted change: None when not given; refused
/// (naming `changed_in`) for an answer that accepts nothing, for a version that does not exist,
/// or for one not later than the version commented on.
fn changed_in(
    c: &Consultation,
    kind: &str,
    text: &str,
    commented_on: i64,
) -> Result<Option<i64>, WriteError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if kind != disposition::ACCEPTED && kind != disposition::PARTLY {
        return Err(WriteError::invalid(
            "changed_in",
            "chỉ ghi bản dự thảo đã sửa khi ý kiến được tiếp thu hoặc tiếp thu một phần",
        ));
    }
    let v: i64 = text
        .parse()
        .ok()
        .filter(|v| (1..=c.version).contains(v))
        .ok_or_else(|| {
            WriteError::invalid(
                "changed_in",
                format!(
                    "không có bản dự thảo số “{text}”: các bản từ số 1 đến số {}",
                    c.version
                ),
            )
        })?;
    if v <= commented_on {
        return Err(WriteError::invalid(
            "changed_in",
            format!("ý kiến góp vào bản số {commented_on}: bản đã sửa phải là một bản sau đó"),
        ));
    }
    Ok(Some(v))
}
