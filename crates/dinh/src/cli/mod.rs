//! The command line: one subcommand per task, each explained by `--help`.

mod admin;
mod calendar;
mod outbox;
mod serve;

use clap::{Parser, Subcommand};
use dinh_consultation::ConsultationModule;
use dinh_decisions::DecisionsModule;
use dinh_disclosure::DisclosureModule;
use dinh_emulation::EmulationModule;
use dinh_legal_time::LegalTimeModule;
use dinh_oversight::OversightModule;
use dinh_petitions::{PetitionsModule, ProtectionKey};
use dinh_platform::config::Config;
use dinh_platform::db::{self, Db};
use dinh_platform::module::Registry;
use dinh_platform::units::UnitsModule;
use dinh_portal::PortalModule;
use dinh_steering::SteeringModule;
use dinh_works::WorksModule;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Đình — nền tảng dân chủ ở cơ sở / the grassroots democracy platform.
///
/// Uses SQLite under --data by default; set DINH_DATABASE_URL=postgres://… for PostgreSQL.
#[derive(Parser)]
#[command(name = "dinh", version, about, long_about)]
pub struct Cli {
    /// Directory of the SQLite file, uploaded files and administrator data (holidays/, rules/)
    /// [env: DINH_DATA] [default: ./data]
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages and the JSON API (migrates the database first).
    Serve {
        /// Address to listen on [env: DINH_BIND] [default: 127.0.0.1:8080]
        #[arg(long)]
        bind: Option<SocketAddr>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Build a demonstration database (Xã Phù Đổng, Hà Nội) and serve it; prints the accounts.
    Demo {
        /// Address to listen on [default: 127.0.0.1:8080]
        #[arg(long)]
        bind: Option<SocketAddr>,
        /// Build the demo database and exit without serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Import a CSV file (the whole file, or nothing if any line is wrong).
    #[command(subcommand)]
    Import(admin::ImportCommand),
    /// Create accounts and grant roles.
    #[command(subcommand)]
    User(admin::UserCommand),
    /// Check the audit chain.
    #[command(subcommand)]
    Audit(admin::AuditCommand),
    /// Write every table to a portable backup file (restorable on either engine).
    Backup {
        /// Backup file to write.
        file: PathBuf,
    },
    /// Restore a backup file into an empty database.
    Restore {
        /// Backup file to read.
        file: PathBuf,
        /// Replace the data of a database that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Notices waiting, sent and failed; send now; retry the failed.
    #[command(subcommand)]
    Outbox(outbox::OutboxCommand),
    /// Lunar calendar, holidays and statutory time limits (no database needed).
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// Rule packs: show the rules in force, check a pack file (no database needed).
    #[command(subcommand)]
    Rules(calendar::RulesCommand),
}

/// The modules of this build, in migration order. Legal time reads the administrator's
/// holiday schedules and rule packs under `data_dir` and shares them with the modules that
/// count legal time; petitions read their protection key (see `dinh-petitions`).
pub fn registry(data_dir: &Path) -> anyhow::Result<Registry> {
    let legal = LegalTimeModule::load(data_dir)?;
    let (calendar, rules) = (legal.calendar().clone(), legal.rules().clone());
    let capabilities = Registry::default()
        .with(UnitsModule)
        .with(DisclosureModule::new(&legal))
        .with(DecisionsModule::new(calendar.clone(), rules.clone()))
        .with(ConsultationModule::new(calendar.clone(), rules.clone()))
        .with(OversightModule::new(calendar.clone(), rules.clone()))
        .with(WorksModule::new(rules.clone()))
        .with(EmulationModule::new(rules.clone()))
        .with(PetitionsModule::new(
            calendar,
            rules,
            ProtectionKey::load(data_dir)?,
        ))
        .with(PortalModule::new(data_dir))
        .with(legal);
    // The steering reports read every other module's indicators; its demo needs them built.
    Ok(capabilities
        .clone()
        .with(SteeringModule::with_registry(capabilities)))
}

async fn open(config: &Config) -> anyhow::Result<Db> {
    let db = db::connect(config.database_url.as_deref(), &config.data_dir).await?;
    registry(&config.data_dir)?.migrate(&db).await?;
    Ok(db)
}

/// Opens a database that must already exist: on SQLite without `DINH_DATABASE_URL`, a missing
/// `dinh.sqlite` is an error that says what to run, instead of a new empty file.
async fn open_existing(config: &Config) -> anyhow::Result<Db> {
    if config.database_url.is_none() {
        let path = config.data_dir.join(db::SQLITE_FILE);
        if !path.exists() {
            anyhow::bail!(
                "no database at {}: run `dinh demo` or `dinh migrate` first, or set DINH_DATABASE_URL",
                path.display()
            );
        }
    }
    let db = db::connect(config.database_url.as_deref(), &config.data_dir).await?;
    registry(&config.data_dir)?.migrate(&db).await?;
    Ok(db)
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let mut config = Config::load()?;
    if let Some(data) = cli.data {
        config.data_dir = data;
    }
    match cli.command {
        Command::Serve { bind } => {
            if let Some(bind) = bind {
                config.bind = bind;
            }
            let modules = registry(&config.data_dir)?;
            let db = open(&config).await?;
            serve::serve(db, config, modules).await?;
        }
        Command::Migrate => {
            let db = db::connect(config.database_url.as_deref(), &config.data_dir).await?;
            let applied = registry(&config.data_dir)?.migrate(&db).await?;
            println!("{applied} migration(s) applied ({})", db.engine().name());
        }
        Command::Demo { bind, no_serve } => {
            if let Some(bind) = bind {
                config.bind = bind;
            }
            let modules = registry(&config.data_dir)?;
            let db = serve::demo_database(&config).await?;
            modules.migrate(&db).await?;
            let accounts = dinh_platform::demo::build(&db).await?;
            modules.demo(&db, dinh_platform::time::today_vn()).await?;
            serve::print_demo(&config, &accounts);
            if !no_serve {
                serve::serve(db, config, modules).await?;
            }
        }
        Command::Import(cmd) => {
            return admin::import(&open(&config).await?, &config.data_dir, cmd).await;
        }
        Command::User(cmd) => admin::user(&open_existing(&config).await?, cmd).await?,
        Command::Audit(cmd) => return admin::audit(&open_existing(&config).await?, cmd).await,
        Command::Backup { file } => {
            let written = dinh_platform::backup::write(
                &open_existing(&config).await?,
                &registry(&config.data_dir)?,
                &config.data_dir,
                &file,
            )
            .await?;
            println!(
                "backup written to {} ({} tables, {} stored files)",
                file.display(),
                written.tables,
                written.files
            );
        }
        Command::Restore { file, force } => {
            let restored = dinh_platform::backup::restore(
                &open(&config).await?,
                &registry(&config.data_dir)?,
                &config.data_dir,
                &file,
                force,
            )
            .await?;
            println!(
                "restored {} rows and {} stored files from {}",
                restored.rows,
                restored.files,
                file.display()
            );
        }
        Command::Outbox(cmd) => {
            let modules = registry(&config.data_dir)?;
            let db = open_existing(&config).await?;
            return outbox::run(db, config, modules, cmd).await;
        }
        Command::Calendar(cmd) => return calendar::calendar(&config.data_dir, cmd),
        Command::Rules(cmd) => return calendar::rules(&config.data_dir, cmd),
    }
    Ok(ExitCode::SUCCESS)
}
