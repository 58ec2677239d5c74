//! Reading the administrator's holiday schedules and rule packs from the data directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use dinh_calendar::{HolidayCalendar, YearSchedule};
use dinh_rules::RuleBook;

/// The `*.toml` files of `dir`, sorted by name; none when the directory does not exist.
pub(crate) fn toml_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot read {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|x| x == "toml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The shipped schedules plus one schedule per file of `dir` (lịch nghỉ do quản trị viên nạp).
/// A file for a year that is shipped replaces the shipped year; two files for the same year
/// are an error naming both.
pub(crate) fn calendar(dir: &Path) -> anyhow::Result<HolidayCalendar> {
    let mut by_year: BTreeMap<i32, PathBuf> = BTreeMap::new();
    let mut extra = Vec::new();
    for file in toml_files(dir)? {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read holiday schedule {}", file.display()))?;
        let schedule = YearSchedule::parse(&text, &file.display().to_string())?;
        if let Some(first) = by_year.insert(schedule.year, file.clone()) {
            anyhow::bail!(
                "holiday schedules {} and {} are both for {}: keep one file per year",
                first.display(),
                file.display(),
                schedule.year
            );
        }
        extra.push(schedule);
    }
    HolidayCalendar::shipped_with(extra)
        .with_context(|| format!("cannot build the holiday calendar with {}", dir.display()))
}

/// The shipped rule packs plus every pack file of `dir` (via [`RuleBook::with_extra_dir`]).
pub(crate) fn rule_book(dir: &Path) -> anyhow::Result<RuleBook> {
    let book = RuleBook::shipped().context("the shipped rule packs are invalid")?;
    if !dir.exists() {
        return Ok(book);
    }
    book.with_extra_dir(dir)
        .with_context(|| format!("cannot load the rule packs of {}", dir.display()))
}
