//! Recording an investment project and a board (the People's Inspection Board of a commune, or
//! the Community Investment Supervision Board of a project) with its members, checked against
//! the composition rules of the pack in force on the first day of the term.

use dinh_platform::audit::{self, Change};
use dinh_platform::db::ids::next_id;
use dinh_platform::db::{Db, query};
use dinh_platform::units::Unit;
use dinh_platform::write::{Actor, WriteError};
use serde_json::json;

use super::{
    BODY_MAX, MEMBERS_MAX, TITLE_MAX, date_field, dmy, id_field, kind, position, text_field,
};
use crate::OversightModule;
use crate::permissions::BOARDS;

/// What an officer fills in to record an investment project.
#[derive(Debug, Clone, Default)]
pub struct ProjectInput {
    /// The commune, by code.
    pub unit_code: String,
    /// Name of the project.
    pub name: String,
    /// The investor (chủ đầu tư).
    pub investor: String,
    /// Funding sources (state budget, people's contributions, others).
    pub funding: String,
    /// The budget, as written (e.g. "2.500.000.000 đồng").
    pub budget: String,
    /// Where it is built.
    pub place: String,
    /// First day of the works (dd/mm/yyyy).
    pub starts_on: String,
    /// Last day of the works (dd/mm/yyyy).
    pub ends_on: String,
    /// The contractors, one a line.
    pub contractors: String,
}

/// A member of a board as recorded.
#[derive(Debug, Clone, Default)]
pub struct MemberInput {
    /// Full name.
    pub name: String,
    /// `head`, `deputy` or `member`.
    pub position: String,
    /// Whom the member represents (the thôn, the Front, the BTTND, residents).
    pub represents: String,
    /// The member's account, when the member has one (phone or e-mail).
    pub login: String,
    /// Declared to hold a post at the commune (cán bộ, công chức xã).
    pub commune_official: bool,
    /// Represents the residents (on a supervision board).
    pub resident: bool,
    /// Declared to be a relative of the investor or a contractor: `None` when not declared.
    pub relative: Option<bool>,
}

/// What an officer fills in to record a board elected and recognised.
#[derive(Debug, Clone, Default)]
pub struct BoardInput {
    /// The commune, by code.
    pub unit_code: String,
    /// `inspection` or `investment`.
    pub kind: String,
    /// The project supervised (for `investment`), by id.
    pub project_id: String,
    /// First day of the term (dd/mm/yyyy).
    pub term_from: String,
    /// Last day of the term (dd/mm/yyyy).
    pub term_to: String,
    /// The Front's act recognising the board (number and date of the Ủy ban MTTQ's decision).
    pub recognition: String,
    /// The members.
    pub members: Vec<MemberInput>,
}

async fn unit_of(db: &Db, code: &str) -> Result<Unit, WriteError> {
    dinh_platform::units::store::by_code(db, code.trim())
        .await?
        .ok_or_else(|| WriteError::invalid("unit", "không có đơn vị này"))
}

fn commune(unit: &Unit) -> Result<(), WriteError> {
    if unit.unit_kind().is_some_and(|k| k.is_commune_level()) {
        Ok(())
    } else {
        Err(WriteError::invalid(
            "unit",
            format!("{} không phải là xã, phường, đặc khu", unit.name),
        ))
    }
}

/// Records an investment project of a commune; returns its id.
pub async fn record_project(
    db: &Db,
    actor: Actor<'_>,
    input: &ProjectInput,
) -> Result<i64, WriteError> {
    let unit = unit_of(db, &input.unit_code).await?;
    actor.may(&BOARDS, &unit)?;
    commune(&unit)?;
    let name = text_field("name", &input.name, TITLE_MAX, "tên dự án")?;
    let investor = text_field("investor", &input.investor, TITLE_MAX, "chủ đầu tư")?;
    let funding = text_field("funding", &input.funding, TITLE_MAX, "nguồn vốn")?;
    let budget = text_field("budget", &input.budget, TITLE_MAX, "tổng mức đầu tư")?;
    let place = text_field("place", &input.place, TITLE_MAX, "địa điểm")?;
    let starts_on = date_field("starts_on", &input.starts_on)?;
    let ends_on = date_field("ends_on", &input.ends_on)?;
    if ends_on < starts_on {
        return Err(WriteError::invalid(
            "ends_on",
            "ngày hoàn thành sớm hơn ngày khởi công",
        ));
    }
    let contractors = input.contractors.trim();
    if contractors.chars().count() > BODY_MAX {
        return Err(WriteError::invalid(
            "contractors",
            "danh sách nhà thầu dài quá",
        ));
    }
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO oversight_projects (id, unit_id, name, investor, funding, budget, place,
               starts_on, ends_on, contractors, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(name.as_str())
        .bind(investor.as_str())
        .bind(funding.as_str())
        .bind(budget.as_str())
        .bind(place.as_str())
        .bind(starts_on)
        .bind(ends_on)
        .bind(contractors)
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "oversight.project",
            object_type: "oversight_project",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "unit": unit.code, "name": name, "investor": investor, "funding": funding,
                "budget": budget, "starts_on": starts_on.to_string(), "ends_on": ends_on.to_string(),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The members, cleaned, with the checks common to both boards: names, positions, one head,
/// no commune official (declared, or holding the role of an officer of the commune).
async fn clean_members(
    db: &Db,
    unit: &Unit,
    members: &[MemberInput],
    max_deputies: u32,
    deputies_citation: &str,
) -> Result<Vec<MemberInput>, WriteError> {
    if members.len() > MEMBERS_MAX {
        return Err(WriteError::invalid(
            "members",
            format!("danh sách có quá {MEMBERS_MAX} thành viên"),
        ));
    }
    let mut out = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let n = i + 1;
        let name = m.name.trim();
        if name.is_empty() {
            return Err(WriteError::invalid(
                "members",
                format!("thành viên thứ {n}: ghi họ và tên"),
            ));
        }
        let pos = m.position.trim();
        if ![position::HEAD, position::DEPUTY, position::MEMBER].contains(&pos) {
            return Err(WriteError::invalid(
                "members",
                format!("{name}: chức danh phải là trưởng ban, phó trưởng ban hoặc thành viên"),
            ));
        }
        if m.commune_official {
            return Err(WriteError::invalid(
                "members",
                format!("{name} là cán bộ, công chức xã: không được là thành viên của Ban"),
            ));
        }
        let login = m.login.trim();
        if !login.is_empty() {
            let officer: i64 = db
                .scalar(
                    &query(
                        "SELECT CAST(COUNT(*) AS BIGINT) FROM role_grants g
                         JOIN accounts a ON a.id = g.account_id JOIN units u ON u.id = g.unit_id
                         WHERE a.login = $1 AND g.role = 'commune_officer' AND g.revoked_at IS NULL
                           AND ($2 LIKE u.path || '%' OR u.path LIKE $3)",
                    )
                    .bind(login)
                    .bind(unit.path.as_str())
                    .bind(format!("{}%", unit.path)),
                )
                .await?;
            if officer > 0 {
                return Err(WriteError::invalid(
                    "members",
                    format!(
                        "{name} ({login}) là cán bộ xã trên Đình: không được là thành viên của Ban"
                    ),
                ));
            }
        }
        out.push(MemberInput {
            name: name.to_owned(),
            position: pos.to_owned(),
            represents: m.represents.trim().to_owned(),
            login: login.to_owned(),
            ..m.clone()
        });
    }
    let heads = out.iter().filter(|m| m.position == position::HEAD).count();
    if heads != 1 {
        return Err(WriteError::invalid(
            "members",
            format!("Ban có đúng một trưởng ban (danh sách có {heads})"),
        ));
    }
    let deputies = out
        .iter()
        .filter(|m| m.position == position::DEPUTY)
        .count();
    if deputies > usize::try_from(max_deputies).unwrap_or(usize::MAX) {
        return Err(WriteError::invalid(
            "members",
            format!(
                "Ban có nhiều nhất {max_deputies} phó trưởng ban ({deputies_citation}); danh sách có {deputies}"
            ),
        ));
    }
    Ok(out)
}

/// Records a board with its members; returns its id. Refused, with nothing written, when the
/// members break the composition rules of the pack.
pub async fn record_board(
    m: &OversightModule,
    db: &Db,
    actor: Actor<'_>,
    input: &BoardInput,
) -> Result<i64, WriteError> {
    let unit = unit_of(db, &input.unit_code).await?;
    actor.may(&BOARDS, &unit)?;
    commune(&unit)?;
    let term_from = date_field("term_from", &input.term_from)?;
    let term_to = date_field("term_to", &input.term_to)?;
    if term_to <= term_from {
        return Err(WriteError::invalid(
            "term_to",
            "ngày hết nhiệm kỳ phải sau ngày bắt đầu",
        ));
    }
    let recognition = input.recognition.trim();
    if recognition.is_empty() {
        return Err(WriteError::invalid(
            "recognition",
            "Ban phải được Ủy ban Mặt trận Tổ quốc xã công nhận: ghi số, ngày văn bản công nhận",
        ));
    }
    if recognition.chars().count() > TITLE_MAX {
        return Err(WriteError::invalid(
            "recognition",
            "văn bản công nhận dài quá",
        ));
    }
    let pack = m.rules().in_force_on(term_from).map_err(|e| {
        WriteError::invalid("term_from", format!("không có bộ quy tắc áp dụng: {e}"))
    })?;
    let kind_code = input.kind.trim();
    let (members, project_id, name) = match kind_code {
        kind::INSPECTION => {
            let rules = &pack.oversight.inspection_board;
            let children =
                dinh_platform::units::store::children(db, Some(unit.id), 10_000, 0).await?;
            let villages = children
                .iter()
                .filter(|c| {
                    c.valid_to.is_none()
                        && c.unit_kind().is_some_and(|k| k.is_residential_community())
                })
                .count();
            let per = usize::try_from(rules.members_per_village.value).unwrap_or(1);
            let min = usize::try_from(rules.min_members.value).unwrap_or(5);
            let required = (villages * per).max(min);
            if input.members.len() < required {
                return Err(WriteError::invalid(
                    "members",
                    format!(
                        "Ban Thanh tra nhân dân của {} cần ít nhất {required} thành viên (mỗi thôn, tổ dân phố {per} người, ít nhất {min}; xã có {villages} thôn, tổ dân phố — {}); danh sách có {}",
                        unit.name,
                        rules.min_members.citation,
                        input.members.len()
                    ),
                ));
            }
            let members = clean_members(
                db,
                &unit,
                &input.members,
                rules.max_deputies.value,
                &rules.max_deputies.citation,
            )
            .await?;
            let exists: i64 = db
                .scalar(
                    &query(
                        "SELECT CAST(COUNT(*) AS BIGINT) FROM oversight_boards
                         WHERE unit_id = $1 AND kind = 'inspection' AND term_to >= $2",
                    )
                    .bind(unit.id)
                    .bind(term_from),
                )
                .await?;
            if exists > 0 {
                return Err(WriteError::invalid(
                    "term_from",
                    "xã đã có Ban Thanh tra nhân dân trong nhiệm kỳ này",
                ));
            }
            (
                members,
                None,
                format!("Ban Thanh tra nhân dân {}", unit.name),
            )
        }
        kind::INVESTMENT => {
            let rules = &pack.oversight.investment_board;
            let pid = id_field("project_id", &input.project_id, "dự án được giám sát")?;
            let project = super::read::project(db, pid)
                .await?
                .filter(|p| p.unit_id == unit.id)
                .ok_or_else(|| WriteError::invalid("project_id", "không có dự án này ở đơn vị"))?;
            let min = usize::try_from(rules.min_members.value).unwrap_or(5);
            if input.members.len() < min {
                return Err(WriteError::invalid(
                    "members",
                    format!(
                        "Ban Giám sát đầu tư của cộng đồng cần ít nhất {min} thành viên ({}); danh sách có {}",
                        rules.min_members.citation,
                        input.members.len()
                    ),
                ));
            }
            let members =
                clean_members(db, &unit, &input.members, 2, &rules.min_members.citation).await?;
            let residents = members.iter().filter(|m| m.resident).count();
            let max_res = usize::try_from(rules.max_residents.value).unwrap_or(5);
            if residents > max_res {
                return Err(WriteError::invalid(
                    "members",
                    format!(
                        "Ban có nhiều nhất {max_res} đại diện người dân ({}); danh sách có {residents}",
                        rules.max_residents.citation
                    ),
                ));
            }
            for mem in &members {
                match mem.relative {
                    None => {
                        return Err(WriteError::invalid(
                            "members",
                            format!(
                                "{}: chưa khai báo có là người thân của chủ đầu tư, nhà thầu hay không",
                                mem.name
                            ),
                        ));
                    }
                    Some(true) => {
                        return Err(WriteError::invalid(
                            "members",
                            format!(
                                "{} là người thân của chủ đầu tư hoặc nhà thầu ({}): không được là thành viên Ban giám sát ({})",
                                mem.name, project.investor, rules.min_members.citation
                            ),
                        ));
                    }
                    Some(false) => {}
                }
            }
            let exists: i64 = db
                .scalar(
                    &query(
                        "SELECT CAST(COUNT(*) AS BIGINT) FROM oversight_boards WHERE project_id = $1",
                    )
                    .bind(pid),
                )
                .await?;
            if exists > 0 {
                return Err(WriteError::invalid(
                    "project_id",
                    "dự án đã có Ban Giám sát đầu tư của cộng đồng",
                ));
            }
            (
                members,
                Some(pid),
                format!("Ban Giám sát đầu tư của cộng đồng: {}", project.name),
            )
        }
        _ => {
            return Err(WriteError::invalid(
                "kind",
                "chọn Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng",
            ));
        }
    };
    let id = next_id();
    let who = actor.audit();
    let mut tx = db.begin().await?;
    tx.execute(
        &query(
            "INSERT INTO oversight_boards (id, unit_id, kind, project_id, name, term_from, term_to,
               recognition, rule_pack_id, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(id)
        .bind(unit.id)
        .bind(kind_code)
        .bind(project_id)
        .bind(name.as_str())
        .bind(term_from)
        .bind(term_to)
        .bind(recognition)
        .bind(pack.id.as_str())
        .bind(who.as_str())
        .bind(dinh_platform::time::now_rfc3339()),
    )
    .await?;
    for (i, mem) in members.iter().enumerate() {
        let login = (!mem.login.is_empty()).then_some(mem.login.as_str());
        tx.execute(
            &query(
                "INSERT INTO oversight_members (id, board_id, number, name, position, represents, login)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(next_id())
            .bind(id)
            .bind(i64::try_from(i + 1).unwrap_or(i64::MAX))
            .bind(mem.name.as_str())
            .bind(mem.position.as_str())
            .bind(mem.represents.as_str())
            .bind(login),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Change {
            actor: &who,
            action: "oversight.board",
            object_type: "oversight_board",
            object_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "unit": unit.code, "kind": kind_code, "project": project_id, "name": name,
                "term": [dmy(term_from), dmy(term_to)], "members": members.len(),
                "rule_pack": pack.id,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The members written one a line as `Họ tên | chức danh | đại diện | tài khoản | khai báo`:
/// the position is `trưởng ban`, `phó trưởng ban` or `thành viên`; the declarations, separated
/// by commas, are `cán bộ xã`, `người dân` (represents the residents), `không người thân` or
/// `người thân` (of the investor or a contractor).
pub fn parse_members(text: &str) -> Vec<MemberInput> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let cell = |i: usize| cells.get(i).copied().unwrap_or("");
            let pos = cell(1).to_lowercase();
            let position = if pos.starts_with("trưởng") || pos == "head" {
                position::HEAD
            } else if pos.starts_with("phó") || pos == "deputy" {
                position::DEPUTY
            } else if pos.is_empty() || pos.starts_with("thành viên") || pos == "member" {
                position::MEMBER
            } else {
                // Kept as written, so the check names it.
                return MemberInput {
                    name: cell(0).to_owned(),
                    position: cell(1).to_owned(),
                    ..MemberInput::default()
                };
            };
            let flags: Vec<String> = cell(4)
                .split(',')
                .map(|f| f.trim().to_lowercase())
                .filter(|f| !f.is_empty())
                .collect();
            let has = |f: &str| flags.iter().any(|x| x == f);
            let relative = if has("không người thân") {
                Some(false)
            } else if has("người thân") {
                Some(true)
            } else {
                None
            };
            MemberInput {
                name: cell(0).to_owned(),
                position: position.to_owned(),
                represents: cell(2).to_owned(),
                login: cell(3).to_owned(),
                commune_official: has("cán bộ xã"),
                resident: has("người dân"),
                relative,
            }
        })
        .collect()
}
