//! The account pages: the list with its search and the form that adds an account, and one
//! account's page with its roles and the forms that change it.

use super::reads::{self, Account};
use super::{MANAGE_ACCOUNTS, manages, may_grant_at};
use crate::accounts::store::{self, NewAccountWithRole, Rejected};
use crate::accounts::{Principal, Role, manage};
use crate::units::{Unit, store as units};
use crate::web::{AppError, AppState, Chrome, Ctx, ErrorKind, Form, render, urlencode};
use crate::work::WorkScope;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

/// Where the account pages are.
pub const PATH: &str = "/admin/accounts";

/// Most accounts one list shows.
const SHOWN: usize = 100;

/// The account pages' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(PATH, get(list).post(add))
        .route("/admin/accounts/{id}", get(one).post(change))
}

/// A refusal of the accounts capability becomes a bad request naming the field; anything
/// else stays an internal error.
fn answer(e: anyhow::Error) -> AppError {
    match e.downcast::<Rejected>() {
        Ok(r) => AppError::bad_request(r.0),
        Err(e) => e.into(),
    }
}

/// The signed-in administrator's scope; a visitor is sent to sign in, anyone else refused.
async fn admin_scope(state: &AppState, ctx: &Ctx) -> Result<Result<WorkScope, Response>, AppError> {
    let Some(principal) = ctx.principal.clone() else {
        return Ok(Err(Redirect::to(&format!(
            "/login?next={}",
            urlencode(&ctx.here)
        ))
        .into_response()));
    };
    let scope = WorkScope::load(&state.db, principal, crate::time::today_vn()).await?;
    if scope.everywhere(&MANAGE_ACCOUNTS) || !scope.units(&MANAGE_ACCOUNTS).is_empty() {
        Ok(Ok(scope))
    } else {
        Err(AppError::new(ErrorKind::Forbidden))
    }
}

/// Where the administrator's grants reach, for the page's heading.
fn reach(scope: &WorkScope, ctx: &Ctx) -> String {
    if scope.everywhere(&MANAGE_ACCOUNTS) {
        return ctx.tr.t("whole_country").to_owned();
    }
    scope
        .units(&MANAGE_ACCOUNTS)
        .iter()
        .map(|u| u.name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An account as a line of the list.
struct Line {
    id: i64,
    name: String,
    login: String,
    roles: Vec<String>,
    status: String,
    locked: bool,
}

fn role_at(ctx: &Ctx, role: Role, unit: Option<&Unit>) -> String {
    format!(
        "{} · {}",
        ctx.tr.pick(role.label_vi(), role.label_en()),
        unit.map_or_else(|| ctx.tr.t("whole_country").to_owned(), |u| u.name.clone())
    )
}

fn status(ctx: &Ctx, a: &Account) -> String {
    if a.disabled {
        ctx.tr.t("acc_status_locked").to_owned()
    } else if let Some(until) = &a.locked_until {
        format!(
            "{} {}",
            ctx.tr.t("acc_status_failed_until"),
            crate::time::show_instant(until)
        )
    } else {
        ctx.tr.t("acc_status_active").to_owned()
    }
}

#[derive(Template)]
#[template(path = "accounts/list.html")]
struct ListPage {
    c: Chrome,
    reach: String,
    q: String,
    lines: Vec<Line>,
    more: usize,
    roles: Vec<(&'static str, &'static str)>,
    unit_hint: String,
}

/// The roles offered in a grant form: value and label.
fn role_options(ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str(), ctx.tr.pick(r.label_vi(), r.label_en())))
        .collect()
}

/// The codes of the administrator's units, as the example under the unit field.
fn unit_hint(scope: &WorkScope) -> String {
    scope
        .units(&MANAGE_ACCOUNTS)
        .iter()
        .map(|u| format!("{} ({})", u.code, u.name))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
}

/// `GET /admin/accounts`: the accounts in the administrator's reach, searched by name or login.
async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let scope = match admin_scope(&state, &ctx).await? {
        Ok(s) => s,
        Err(to_login) => return Ok(to_login),
    };
    let accounts = reads::accounts(&state.db, &scope, &query.q)
        .await
        .map_err(answer)?;
    let more = accounts.len().saturating_sub(SHOWN);
    let lines = accounts
        .iter()
        .take(SHOWN)
        .map(|a| Line {
            id: a.id,
            name: a.display_name.clone(),
            login: a.login.clone(),
            roles: a
                .grants
                .iter()
                .map(|g| role_at(&ctx, g.role, g.unit.as_ref()))
                .collect(),
            status: status(&ctx, a),
            locked: a.disabled || a.locked_until.is_some(),
        })
        .collect();
    let page = ListPage {
        c: ctx.chrome(ctx.tr.t("acc_title")),
        reach: reach(&scope, &ctx),
        q: query.q.trim().to_owned(),
        lines,
        more,
        roles: role_options(&ctx),
        unit_hint: unit_hint(&scope),
    };
    Ok(render(&page)?.into_response())
}

/// The unit a form names by code (blank: the whole country), checked against the
/// administrator's reach.
async fn unit_in_reach(
    state: &AppState,
    scope: &WorkScope,
    code: &str,
) -> Result<Option<Unit>, AppError> {
    let code = code.trim();
    let unit =
        if code.is_empty() {
            None
        } else {
            Some(units::by_code(&state.db, code).await?.ok_or_else(|| {
                AppError::bad_request(format!("unit: no unit with code '{code}'"))
            })?)
        };
    if !may_grant_at(scope, unit.as_ref()) {
        return Err(AppError::bad_request(match &unit {
            Some(u) => format!(
                "unit: {} ({}) is outside the units you administer",
                u.name, u.code
            ),
            None => "unit: give the code of a unit you administer".to_owned(),
        }));
    }
    Ok(unit)
}

fn parse_role(text: &str) -> Result<Role, AppError> {
    Role::parse(text.trim()).ok_or_else(|| AppError::bad_request("role: choose a role"))
}

#[derive(Deserialize)]
struct AddForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit: String,
}

/// `POST /admin/accounts`: adds an account with its first role, in one transaction.
async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<AddForm>,
) -> Result<Response, AppError> {
    let scope = match admin_scope(&state, &ctx).await? {
        Ok(s) => s,
        Err(to_login) => return Ok(to_login),
    };
    let role = parse_role(&f.role)?;
    let unit = unit_in_reach(&state, &scope, &f.unit).await?;
    let id = store::create_account_with_role(
        &state.db,
        NewAccountWithRole {
            login: &f.login,
            display_name: &f.name,
            password: &f.password,
            role,
            unit_code: unit.as_ref().map(|u| u.code.as_str()),
        },
        &scope.principal.actor(),
    )
    .await
    .map_err(answer)?;
    ctx.redirect_with_flash(
        &state.db,
        &format!("{PATH}/{id}"),
        ctx.tr.t("acc_flash_added"),
    )
    .await
}

/// A role of the account's page.
struct RoleLine {
    id: i64,
    label: String,
    granted: String,
    revoked: Option<String>,
    /// The administrator may withdraw it (in reach, and not their own administrator role).
    withdrawable: bool,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    c: Chrome,
    id: i64,
    name: String,
    login: String,
    status: String,
    locked: bool,
    own: bool,
    may_manage: bool,
    live: Vec<RoleLine>,
    withdrawn: Vec<RoleLine>,
    roles: Vec<(&'static str, &'static str)>,
    unit_hint: String,
}

/// Whether a grant is the administrator's own administrator role (withdrawing it would lock
/// them out of these pages).
fn own_admin_role(principal: &Principal, account_id: i64, role: Role) -> bool {
    principal.account_id == account_id && role == Role::SystemAdmin
}

/// The account `id` and whether the administrator manages it; 404 when it does not exist or
/// is entirely outside their reach.
async fn account_in_reach(
    state: &AppState,
    scope: &WorkScope,
    id: i64,
) -> Result<(Account, bool), AppError> {
    let account = reads::account(&state.db, id)
        .await
        .map_err(answer)?
        .ok_or_else(AppError::not_found)?;
    let live = account.live_units();
    let manages_it = manages(scope, &live);
    let sees_it = manages_it
        || live
            .iter()
            .any(|u| u.is_some_and(|u| scope.allows(&MANAGE_ACCOUNTS, u)));
    if !sees_it {
        return Err(AppError::not_found());
    }
    Ok((account, manages_it))
}

/// `GET /admin/accounts/{id}`: the account, its roles, and the forms that change it.
async fn one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let scope = match admin_scope(&state, &ctx).await? {
        Ok(s) => s,
        Err(to_login) => return Ok(to_login),
    };
    let (account, may_manage) = account_in_reach(&state, &scope, id).await?;
    let line = |g: &super::reads::HeldRole| RoleLine {
        id: g.id,
        label: role_at(&ctx, g.role, g.unit.as_ref()),
        granted: format!(
            "{} · {}",
            crate::time::show_instant(&g.granted_at),
            g.granted_by
        ),
        revoked: g.revoked_at.as_deref().map(crate::time::show_instant),
        withdrawable: may_manage
            && may_grant_at(&scope, g.unit.as_ref())
            && !own_admin_role(&scope.principal, account.id, g.role),
    };
    let page = AccountPage {
        c: ctx.chrome(format!(
            "{} · {}",
            ctx.tr.t("acc_title"),
            account.display_name
        )),
        id: account.id,
        status: status(&ctx, &account),
        locked: account.disabled,
        own: account.id == scope.principal.account_id,
        may_manage,
        live: account
            .grants
            .iter()
            .filter(|g| g.revoked_at.is_none())
            .map(line)
            .collect(),
        withdrawn: account
            .grants
            .iter()
            .filter(|g| g.revoked_at.is_some())
            .map(line)
            .collect(),
        name: account.display_name,
        login: account.login,
        roles: role_options(&ctx),
        unit_hint: unit_hint(&scope),
    };
    Ok(render(&page)?.into_response())
}

/// The forms of an account's page, told apart by `form`.
#[derive(Deserialize)]
struct ChangeForm {
    form: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    grant: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

/// `POST /admin/accounts/{id}`: grant or withdraw a role, lock or unlock, reset the password.
async fn change(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ChangeForm>,
) -> Result<Response, AppError> {
    let scope = match admin_scope(&state, &ctx).await? {
        Ok(s) => s,
        Err(to_login) => return Ok(to_login),
    };
    let (account, may_manage) = account_in_reach(&state, &scope, id).await?;
    if !may_manage {
        return Err(AppError::new(ErrorKind::Forbidden));
    }
    let own = account.id == scope.principal.account_id;
    let actor = scope.principal.actor();
    let db = &state.db;
    let flash = match f.form.as_str() {
        "grant" => {
            let role = parse_role(&f.role)?;
            let unit = unit_in_reach(&state, &scope, &f.unit).await?;
            let code = unit.as_ref().map(|u| u.code.as_str());
            store::grant(db, &account.login, role, code, &actor)
                .await
                .map_err(answer)?;
            "acc_flash_granted"
        }
        "revoke" => {
            let grant_id: i64 = f
                .grant
                .trim()
                .parse()
                .map_err(|_| AppError::bad_request("grant: choose a role to withdraw"))?;
            let grant = account
                .grants
                .iter()
                .find(|g| g.id == grant_id && g.revoked_at.is_none())
                .ok_or_else(|| {
                    AppError::bad_request("grant: this role is not held (already withdrawn?)")
                })?;
            if own_admin_role(&scope.principal, account.id, grant.role) {
                return Err(AppError::bad_request(
                    "grant: you cannot withdraw your own administrator role; ask another administrator",
                ));
            }
            if !may_grant_at(&scope, grant.unit.as_ref()) {
                return Err(AppError::new(ErrorKind::Forbidden));
            }
            manage::revoke_grant(db, account.id, grant_id, &actor)
                .await
                .map_err(answer)?;
            "acc_flash_revoked"
        }
        "lock" | "unlock" => {
            let locked = f.form == "lock";
            if own && locked {
                return Err(AppError::bad_request(
                    "account: you cannot lock your own account; ask another administrator",
                ));
            }
            manage::set_locked(db, account.id, locked, &actor)
                .await
                .map_err(answer)?;
            if locked {
                "acc_flash_locked"
            } else {
                "acc_flash_unlocked"
            }
        }
        "password" => {
            if f.password != f.password_again {
                return Err(AppError::bad_request(
                    "password_again: the two passwords differ; type the same password twice",
                ));
            }
            manage::reset_password(db, account.id, &f.password, &actor)
                .await
                .map_err(answer)?;
            "acc_flash_password"
        }
        _ => return Err(AppError::bad_request("form: unknown form")),
    };
    ctx.redirect_with_flash(&state.db, &format!("{PATH}/{id}"), ctx.tr.t(flash))
        .await
}
