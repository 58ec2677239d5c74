//! The demo's part for petitions in Xã Phù Đổng (00541): two heads' reception over the last
//! months (the chairman compliant, the party secretary not), the published schedule ahead, a
//! reception book, cases of every kind in every state (on time, overdue, extended, resolved,
//! transferred, refused, joined) including a protected denunciation, mediation in three thôn,
//! and a dialogue with one commitment kept and one overdue.

use chrono::{Duration, NaiveDate};
use dinh_platform::accounts::Principal;
use dinh_platform::db::Db;
use dinh_platform::demo::DEMO_COMMUNE;
use dinh_platform::units::Unit;
use dinh_platform::web::AppError;

use crate::PetitionsModule;
use crate::kinds::{CaseKind, Channel};
use crate::protect::Identity;
use crate::store::actions::{Action, apply};
use crate::store::cases::{NewCase, receive};
use crate::store::{system_principal, unit_by_code};

mod cases;
mod community;
mod reception;

/// The officer who handles the demo's cases.
const HANDLER: &str = "canbo.phudong@dinh.demo";

fn err(e: AppError) -> anyhow::Error {
    anyhow::anyhow!("demo petitions: {:?}", e.kind)
}

fn person(name: &str, village: &str) -> Option<Identity> {
    Some(Identity {
        name: name.to_owned(),
        address: format!("{village}, xã Phù Đổng"),
        contact: "09xx xxx xxx".to_owned(),
        original: String::new(),
    })
}

struct Seed<'a> {
    m: &'a PetitionsModule,
    db: &'a Db,
    p: Principal,
    unit: Unit,
    today: NaiveDate,
}

impl Seed<'_> {
    fn ago(&self, days: i64) -> NaiveDate {
        self.today - Duration::days(days)
    }

    #[allow(clippy::too_many_arguments)]
    async fn case(
        &self,
        kind: CaseKind,
        channel: Channel,
        subject: &str,
        content: &str,
        days_ago: i64,
        who: Option<Identity>,
        complexity: i64,
    ) -> anyhow::Result<i64> {
        let new = NewCase {
            kind,
            channel,
            subject: subject.to_owned(),
            content: content.to_owned(),
            received_on: self.ago(days_ago),
            petitioner: who,
            complexity,
            remote: false,
            second_round: false,
            multiple_places: false,
        };
        Ok(receive(self.m, self.db, Some(&self.p), &self.unit, new)
            .await
            .map_err(err)?
            .id)
    }

    async fn act(&self, id: i64, a: Action) -> anyhow::Result<()> {
        apply(self.m, self.db, Some(&self.p), id, a)
            .await
            .map_err(err)
    }
}

/// Seeds the demo commune; `today` is the demo's "now".
pub(crate) async fn build(m: &PetitionsModule, db: &Db, today: NaiveDate) -> anyhow::Result<()> {
    let unit = unit_by_code(db, DEMO_COMMUNE).await.map_err(err)?;
    let s = Seed {
        m,
        db,
        p: system_principal("demo"),
        unit,
        today,
    };
    reception::reception_months(&s).await?;
    cases::cases(&s).await?;
    community::mediation(&s).await?;
    community::dialogue(&s).await?;
    Ok(())
}
