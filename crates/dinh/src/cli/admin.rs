//! `dinh import …`, `dinh user …`, `dinh audit …`.

use clap::Subcommand;
use dinh_platform::accounts::{Role, manage, store};
use dinh_platform::db::Db;
use indicatif::{ProgressBar, ProgressStyle};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Who the command line acts as, in the audit log.
const ACTOR: &str = "cli";

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Units: CSV with columns code,name,kind,parent_code[,valid_from,valid_to]
    /// (e.g. the 34 provinces and 3,321 communes; thôn and tổ dân phố with their commune as parent).
    Units {
        /// CSV file (UTF-8).
        file: PathBuf,
    },
    /// Lineage of the 2025 reorganisation: CSV with columns
    /// old_province,old_district,old_ward,new_province,new_ward. Creates the pre-2025 units it names.
    Lineage {
        /// CSV file (UTF-8).
        file: PathBuf,
    },
    /// Households: one line per person, the lines of a household together. Columns:
    /// household_code,unit_code,address,full_name,birth_date,gender,relation,representative
    /// [,phone,full_capacity,formed_on]; exactly one representative (1) per household.
    Households {
        /// CSV file (UTF-8).
        file: PathBuf,
    },
    /// A WordPress export (WXR: Công cụ → Xuất → Tất cả nội dung) into a unit's portal: posts
    /// with their categories, authors, dates and comments (e-mails kept private); pictures
    /// from a copy of the old site's wp-content/uploads folder; old addresses answered with
    /// redirects. Posts imported before are skipped.
    Wordpress {
        /// The export file (XML, UTF-8).
        file: PathBuf,
        /// Code of the unit whose portal receives the posts (e.g. 00541).
        #[arg(long)]
        unit: String,
        /// A copy of the old site's wp-content/uploads folder, for the pictures.
        #[arg(long)]
        uploads: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account (login: phone number or e-mail). The password is read from the
    /// environment variable DINH_NEW_PASSWORD (at least 10 characters).
    Add {
        /// Phone number or e-mail address.
        #[arg(long)]
        login: String,
        /// Name shown on pages.
        #[arg(long)]
        name: String,
    },
    /// Grant a role at a unit (its subtree only).
    Grant {
        /// Login of the account.
        #[arg(long)]
        login: String,
        /// Role: system_admin, steering_member, commune_officer, village_head, front_work_team,
        /// inspection_board_member, resident.
        #[arg(long)]
        role: String,
        /// Code of the unit the role is held at (omit only for a national system_admin).
        #[arg(long)]
        unit: Option<String>,
    },
    /// Withdraw a role held at a unit.
    Revoke {
        /// Login of the account.
        #[arg(long)]
        login: String,
        /// Role, as for `grant`.
        #[arg(long)]
        role: String,
        /// Code of the unit the role is held at (omit for a national system_admin).
        #[arg(long)]
        unit: Option<String>,
    },
    /// Lock an account: it cannot sign in and its sessions end.
    Lock {
        /// Login of the account.
        #[arg(long)]
        login: String,
    },
    /// Unlock an account (also lifts a lockout after failed sign-ins).
    Unlock {
        /// Login of the account.
        #[arg(long)]
        login: String,
    },
    /// Give an account a new password, read from DINH_NEW_PASSWORD; its sessions end.
    Password {
        /// Login of the account.
        #[arg(long)]
        login: String,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check every entry of the audit chain; exits 1 if any was altered, inserted or deleted.
    Verify,
}

fn open_file(path: &Path) -> anyhow::Result<File> {
    File::open(path).map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))
}

/// Runs an import; a rejected file prints its errors and exits 2.
pub async fn import(db: &Db, data_dir: &Path, cmd: ImportCommand) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let result = match &cmd {
        ImportCommand::Units { file } => {
            dinh_platform::units::import_units(db, open_file(file)?, ACTOR)
                .await
                .map(|s| {
                    format!(
                        "{} units created, {} updated, {} unchanged",
                        s.inserted, s.updated, s.unchanged
                    )
                })
        }
        ImportCommand::Lineage { file } => {
            dinh_platform::units::import_lineage(db, open_file(file)?, ACTOR)
                .await
                .map(|s| {
                    format!(
                        "{} pre-2025 units created, {} lineage links created",
                        s.old_units_created, s.links_created
                    )
                })
        }
        ImportCommand::Households { file } => {
            let input = open_file(file)?;
            let bar = ProgressBar::new(input.metadata()?.len());
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} ({eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let result = dinh_platform::households::import_households(db, input, ACTOR, |bytes| {
                bar.set_position(bytes)
            })
            .await;
            bar.finish_and_clear();
            result.map(|s| format!("{} households, {} people imported", s.households, s.people))
        }
        ImportCommand::Wordpress {
            file,
            unit,
            uploads,
        } => import_wordpress(db, data_dir, file, unit, uploads.as_deref()).await,
    };
    match result {
        Ok(summary) => {
            // The planner's table sizes are those from before the import until refreshed.
            db.refresh_statistics().await?;
            println!("{summary} in {:.2} s", start.elapsed().as_secs_f64());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => match e.downcast_ref::<dinh_platform::csvio::ImportErrors>() {
            Some(errors) => {
                eprint!("{errors}");
                Ok(ExitCode::from(2))
            }
            None => Err(e),
        },
    }
}

async fn import_wordpress(
    db: &Db,
    data_dir: &Path,
    file: &Path,
    unit: &str,
    uploads: Option<&Path>,
) -> anyhow::Result<String> {
    let unit = dinh_platform::units::store::by_code(db, unit)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no unit has the code {unit}: see `dinh import units`"))?;
    if let Some(dir) = uploads
        && !dir.is_dir()
    {
        anyhow::bail!(
            "{} is not a folder: give the copy of wp-content/uploads",
            dir.display()
        );
    }
    let input = open_file(file)?;
    let bar = ProgressBar::new(input.metadata()?.len());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let source = dinh_portal::wordpress::Source {
        unit: &unit,
        uploads,
        data_dir,
        actor: ACTOR,
    };
    let result = dinh_portal::wordpress::import(
        db,
        std::io::BufReader::with_capacity(1 << 16, input),
        source,
        |bytes| bar.set_position(bytes),
    )
    .await;
    bar.finish_and_clear();
    let s = result?;
    Ok(format!(
        "{} posts and {} comments imported into {} ({} already imported, {} other entries and {} comments left out, {} categories created, {} pictures brought in, {} not found)",
        s.posts,
        s.comments,
        unit.name,
        s.already_imported,
        s.other_entries,
        s.comments_left_out,
        s.categories_created,
        s.pictures,
        s.pictures_missing
    ))
}

/// Account commands.
pub async fn user(db: &Db, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add { login, name } => {
            let password = new_password()?;
            let id = store::create_account(db, &login, &name, &password, ACTOR).await?;
            println!("account {id} created for {login}");
        }
        UserCommand::Grant { login, role, unit } => {
            let parsed = parse_role(&role)?;
            store::grant(db, &login, parsed, unit.as_deref(), ACTOR).await?;
            println!(
                "{login} is now {} at {}",
                parsed.as_str(),
                unit.as_deref().unwrap_or("the whole country")
            );
        }
        UserCommand::Revoke { login, role, unit } => {
            let (id, login) = store::account_by_login(db, &login).await?;
            let grant = store::live_grant(db, id, parse_role(&role)?, unit.as_deref()).await?;
            manage::revoke_grant(db, id, grant, ACTOR).await?;
            println!("{login} no longer holds {role}");
        }
        UserCommand::Lock { login } => {
            let (id, login) = store::account_by_login(db, &login).await?;
            manage::set_locked(db, id, true, ACTOR).await?;
            println!("{login} is locked");
        }
        UserCommand::Unlock { login } => {
            let (id, login) = store::account_by_login(db, &login).await?;
            manage::set_locked(db, id, false, ACTOR).await?;
            println!("{login} is unlocked");
        }
        UserCommand::Password { login } => {
            let password = new_password()?;
            let (id, login) = store::account_by_login(db, &login).await?;
            manage::reset_password(db, id, &password, ACTOR).await?;
            println!("{login} has a new password");
        }
    }
    Ok(())
}

fn parse_role(role: &str) -> anyhow::Result<Role> {
    Role::parse(role).ok_or_else(|| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        anyhow::anyhow!("unknown role '{role}'; use one of: {}", all.join(", "))
    })
}

fn new_password() -> anyhow::Result<String> {
    std::env::var("DINH_NEW_PASSWORD").map_err(|_| {
        anyhow::anyhow!(
            "set DINH_NEW_PASSWORD to the account's new password (at least 10 characters)"
        )
    })
}

/// Audit commands.
pub async fn audit(db: &Db, cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        AuditCommand::Verify => {
            let report = dinh_platform::audit::verify(db).await?;
            if report.is_intact() {
                println!("audit chain intact: {} entries", report.entries);
                Ok(ExitCode::SUCCESS)
            } else {
                for f in &report.findings {
                    println!("{f}");
                }
                println!(
                    "audit chain BROKEN: {} problem(s) in {} entries",
                    report.findings.len(),
                    report.entries
                );
                Ok(ExitCode::FAILURE)
            }
        }
    }
}
