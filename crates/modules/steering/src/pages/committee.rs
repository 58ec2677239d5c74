//! `GET /units/{code}/steering`: the committee's page.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use dinh_platform::accounts::authorize;
use dinh_platform::time::today_vn;
use dinh_platform::units::Unit;
use dinh_platform::web::{AppError, AppState, Chrome, Ctx, render};

use super::unit;
use crate::committees::{self, Committee, Member, Position};
use crate::inspections::{self, Recommendation};
use crate::meetings::{self, Meeting};
use crate::permissions::{MANAGE, VIEW};
use crate::plans::{self, Plan, Reminders, TaskView};
use crate::report::{self, ReportPeriod, ReportRow};

#[derive(Template)]
#[template(path = "steering/committee.html")]
struct CommitteePage {
    c: Chrome,
    unit: Unit,
    committee: Option<Committee>,
    members: Vec<Member>,
    news: Vec<Meeting>,
    /// Reports signed off (public, each at its signed version).
    signed: Vec<ReportRow>,
    work: Option<Work>,
    /// May set up the committee, add members, plans, meetings, inspections, reports.
    may_manage: bool,
    /// Lower units with a committee (tasks are assigned and inspections made to them), for
    /// those who may see the committee's work.
    lower: Vec<Unit>,
}

struct Work {
    plans: Vec<Plan>,
    late: Vec<TaskView>,
    meetings: Vec<Meeting>,
    reports: Vec<ReportRow>,
    recommendations: Vec<Recommendation>,
    received: Vec<Recommendation>,
    reminders: Reminders,
    today: String,
}

impl CommitteePage {
    fn position(&self, p: &str) -> &'static str {
        Position::parse(p).map_or("", Position::label_vi)
    }
    fn kind(&self, k: &str) -> &'static str {
        meetings::kind_vi(k)
    }
    fn positions(&self) -> [(&'static str, &'static str); 4] {
        Position::ALL.map(|p| (p.as_str(), p.label_vi()))
    }
    fn kinds(&self) -> &'static [(&'static str, &'static str)] {
        &meetings::KINDS
    }
    fn rows(&self, n: usize) -> std::ops::RangeInclusive<usize> {
        1..=n
    }
    fn period(&self, r: &ReportRow) -> String {
        r.period()
            .map(|p: ReportPeriod| p.name_vi())
            .unwrap_or_default()
    }
}

/// The committee of a unit: public part for everyone, work part for those who may see it.
pub(crate) async fn committee(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> Result<Html<String>, AppError> {
    let unit = unit(&state, &code).await?;
    let db = &state.db;
    let committee = committees::of_unit(db, unit.id).await?;
    let (mut members, mut news, mut signed, mut work) = (Vec::new(), Vec::new(), Vec::new(), None);
    let may_manage = authorize(ctx.principal.as_ref(), &MANAGE, Some(&unit)).is_ok();
    let may_view = authorize(ctx.principal.as_ref(), &VIEW, Some(&unit)).is_ok();
    let lower = if may_manage || may_view {
        committees::below(db, &unit)
            .await?
            .into_iter()
            .map(|(_, u)| u)
            .collect()
    } else {
        Vec::new()
    };
    if let Some(c) = &committee {
        members = committees::members(db, c.id).await?;
        let all = meetings::list(db, c.id).await?;
        news = all
            .iter()
            .filter(|m| m.published_at.is_some())
            .cloned()
            .collect();
        let reports = report::list(db, c.id).await?;
        signed = reports
            .iter()
            .filter(|r| r.signed_version.is_some())
            .cloned()
            .collect();
        if may_view {
            work = Some(Work {
                plans: plans::plans(db, c.id).await?,
                late: plans::late(db, c, today_vn()).await?,
                meetings: all,
                reports,
                recommendations: inspections::recommendations(db, c.id).await?,
                received: inspections::received(db, c.id).await?,
                reminders: plans::reminders(db, c.id, today_vn()).await?,
                today: today_vn().format("%Y-%m-%d").to_string(),
            });
        }
    }
    let title = format!("{} — {}", ctx.tr.t("steering_title"), unit.name);
    render(&CommitteePage {
        c: ctx.chrome(title),
        unit,
        committee,
        members,
        news,
        signed,
        work,
        may_manage,
        lower,
    })
}
