//! `dinh calendar …` and `dinh rules …`: legal time on the command line, without a database.
//! Dates are dd/mm/yyyy on input (ISO accepted) and on output. The administrator's holiday
//! schedules and rule packs under `--data` are honoured.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Subcommand};
use dinh_calendar::{DayUnit, Direction};
use dinh_legal_time::input::{day_range, parse_count, parse_date, parse_lunar, parse_year};
use dinh_legal_time::views::{DeadlineView, HolidayYear, LunarDay, PackView, RulesView};
use dinh_legal_time::{LegalTimeModule, check_pack_file};

/// Lunar calendar, holidays and time limits.
#[derive(Subcommand)]
pub enum CalendarCommand {
    /// Lunar date (âm lịch) of DATE, or of every day from DATE to TO_DATE.
    Lunar {
        /// Solar date, dd/mm/yyyy.
        date: String,
        /// Last day of a range, dd/mm/yyyy.
        to_date: Option<String>,
        /// One JSON object per day.
        #[arg(long)]
        json: bool,
    },
    /// Solar date of a lunar date.
    Solar {
        /// Lunar date, dd/mm/yyyy.
        lunar_date: String,
        /// The month is the leap month (tháng nhuận).
        #[arg(long)]
        leap: bool,
    },
    /// Days off (statutory, compensatory, announced) and swapped working days of a year.
    Holidays {
        /// Year, 1800-2199.
        year: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A statutory time limit (thời hạn): the due date and how it was reached.
    #[command(group(ArgGroup::new("count").required(true).args(["days", "working_days"])))]
    Deadline {
        /// The day counted from (not itself counted), or the event with --before; dd/mm/yyyy.
        start: String,
        /// N calendar days (ngày), rolled over to the next working day.
        #[arg(long, value_name = "N")]
        days: Option<String>,
        /// N working days (ngày làm việc).
        #[arg(long, value_name = "N")]
        working_days: Option<String>,
        /// At least N days before the event START: the latest day to act.
        #[arg(long)]
        before: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Rule packs: the legal numbers in force.
#[derive(Subcommand)]
pub enum RulesCommand {
    /// The pack in force on DATE (default: today), every rule as a row.
    Show {
        /// Date, dd/mm/yyyy.
        date: Option<String>,
    },
    /// Check a pack file: every problem with its key path (exit 2), or its id and dates.
    Check {
        /// The pack file (TOML).
        file: PathBuf,
    },
}

fn lunar_line(d: &LunarDay) -> String {
    format!(
        "{} ({}): âm lịch {}, năm {}",
        d.date, d.weekday_vi, d.lunar, d.can_chi_year
    )
}

fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string(value)?);
    Ok(())
}

/// Runs a `dinh calendar` command.
pub fn calendar(data: &Path, cmd: CalendarCommand) -> anyhow::Result<ExitCode> {
    let module = LegalTimeModule::load(data)?;
    let cal = module.calendar();
    match cmd {
        CalendarCommand::Lunar {
            date,
            to_date,
            json,
        } => {
            let from = parse_date("date", &date)?;
            let days = match to_date {
                Some(t) => day_range(from, parse_date("to_date", &t)?, i64::MAX)?,
                None => vec![from],
            };
            for d in days {
                let day = LunarDay::of(cal, d)?;
                if json {
                    print_json(&day)?;
                } else {
                    println!("{}", lunar_line(&day));
                }
            }
        }
        CalendarCommand::Solar { lunar_date, leap } => {
            let lunar = parse_lunar("lunar date", &lunar_date, leap)?;
            let solar = lunar
                .to_solar()
                .map_err(|e| anyhow::anyhow!("lunar date: {e}"))?;
            let day = LunarDay::of(cal, solar)?;
            println!("âm lịch {} → {} ({})", day.lunar, day.date, day.weekday_vi);
        }
        CalendarCommand::Holidays { year, json } => {
            let h = HolidayYear::of(cal, parse_year("year", &year)?)?;
            if json {
                print_json(&h)?;
            } else {
                print_holidays(&h);
            }
        }
        CalendarCommand::Deadline {
            start,
            days,
            working_days,
            before,
            json,
        } => {
            let start = parse_date("start", &start)?;
            let (count, unit) = match (days, working_days) {
                (_, Some(n)) => (parse_count("--working-days", &n)?, DayUnit::Working),
                (Some(n), None) => (parse_count("--days", &n)?, DayUnit::Calendar),
                (None, None) => anyhow::bail!("give --days N or --working-days N"),
            };
            let direction = if before {
                Direction::Before
            } else {
                Direction::After
            };
            let v = DeadlineView::compute(cal, start, count, unit, direction)?;
            if json {
                print_json(&v)?;
            } else {
                let label = if before {
                    "Chậm nhất / Latest"
                } else {
                    "Hạn / Due"
                };
                println!(
                    "{label}: {} ({} / {})",
                    v.due, v.due_weekday_vi, v.due_weekday_en
                );
                println!("{}", v.explanation_vi);
                println!("{}", v.explanation_en);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_holidays(h: &HolidayYear) {
    match &h.schedule {
        Some(s) => println!(
            "Lịch nghỉ năm {} / Holiday schedule {}: {} [{}; {}]",
            h.year,
            h.year,
            s.source.replace('\n', " "),
            if s.verified {
                "verified"
            } else {
                "chưa kiểm chứng / unverified"
            },
            s.origin
        ),
        None => println!(
            "Năm {}: chưa có lịch được công bố, chỉ ngày lễ theo luật / no announced schedule, statutory holidays only",
            h.year
        ),
    }
    println!("Ngày nghỉ / Days off:");
    for d in &h.days_off {
        println!(
            "  {} {:<9} {:<12} {} / {}",
            d.date, d.weekday_vi, d.kind, d.name_vi, d.name_en
        );
    }
    println!("Ngày làm bù / Swapped working days:");
    if h.working_days.is_empty() {
        println!("  (không có / none)");
    }
    for w in &h.working_days {
        println!(
            "  {} {:<9} {} / {}",
            w.date, w.weekday_vi, w.name_vi, w.name_en
        );
    }
}

/// Runs a `dinh rules` command.
pub fn rules(data: &Path, cmd: RulesCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        RulesCommand::Show { date } => {
            let module = LegalTimeModule::load(data)?;
            let date = match date {
                Some(d) => parse_date("date", &d)?,
                None => dinh_platform::time::today_vn(),
            };
            let v = RulesView::of(module.rules(), date)?;
            print_pack(&v.pack);
            let key = v
                .rows
                .iter()
                .map(|r| r.key.chars().count())
                .max()
                .unwrap_or(0);
            // Long texts (category names) just push their line wider.
            let value = v
                .rows
                .iter()
                .map(|r| r.value.chars().count())
                .filter(|n| *n <= 12)
                .max()
                .unwrap_or(0);
            for r in &v.rows {
                println!(
                    "{:<key$}  {:<value$}  {:<15} {}{}",
                    r.key,
                    r.value,
                    r.unit,
                    r.citation,
                    if r.verified {
                        ""
                    } else {
                        "  [chưa kiểm chứng / UNVERIFIED]"
                    }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Check { file } => Ok(check(&data.join("rules"), &file)),
    }
}

fn print_pack(p: &PackView) {
    println!("{} — {} / {}", p.id, p.title_vi, p.title_en);
    println!(
        "hiệu lực / in force: {} – {}",
        p.effective_from,
        p.in_force_until
            .as_deref()
            .unwrap_or("đến khi có bộ mới / until a new pack")
    );
}

/// Validates a pack file against the shipped packs and those of the administrator's
/// directory; prints every problem to stderr and answers exit code 2.
fn check(dir: &Path, file: &Path) -> ExitCode {
    let name = file.display();
    match check_pack_file(dir, file) {
        Ok(pack) => {
            println!("{name}: ok");
            print_pack(&pack);
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("{name}: invalid rule pack, {} problem(s):", problems.len());
            for p in problems {
                eprintln!("  {p}");
            }
            ExitCode::from(2)
        }
    }
}
