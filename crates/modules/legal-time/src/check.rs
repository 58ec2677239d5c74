//! Checking a rule pack file before an administrator puts it in service (`dinh rules check`).

use std::path::Path;

use dinh_rules::{RuleBook, RulePack, RulePackError};

use crate::load::toml_files;
use crate::views::PackView;

/// Checks the pack file `file` (kiểm tra bộ quy tắc): reads and validates it, then checks
/// that it fits with the shipped packs and the other packs of the administrator's directory
/// `rules_dir` (a unique id, no overlapping dates). Returns the pack and its effective dates,
/// or every problem found, each starting with its key path (`(file)`, `(book)` when the
/// problem is not inside the pack).
pub fn check_pack_file(rules_dir: &Path, file: &Path) -> Result<PackView, Vec<String>> {
    let name = file.display().to_string();
    let text =
        std::fs::read_to_string(file).map_err(|e| vec![format!("(file): cannot read it: {e}")])?;
    let pack = RulePack::parse_from(&text, &name).map_err(|e| match e {
        RulePackError::Format { problem, line, .. } => vec![match line {
            Some(l) => format!("{problem} (line {l})"),
            None => problem.to_string(),
        }],
        RulePackError::Invalid { problems, .. } => {
            problems.iter().map(ToString::to_string).collect()
        }
        other => vec![format!("(file): {other}")],
    })?;
    let id = pack.id.clone();
    let book = book_with(rules_dir, file, pack).map_err(|e| vec![format!("(book): {e:#}")])?;
    let pack = book.get(&id).map_err(|e| vec![format!("(book): {e}")])?;
    Ok(PackView::of(&book, pack))
}

/// The shipped packs, the packs of `dir` other than `file`, and `pack`, as one book.
fn book_with(dir: &Path, file: &Path, pack: RulePack) -> anyhow::Result<RuleBook> {
    let mut packs = dinh_rules::shipped_packs()?;
    let same = |p: &Path| match (p.canonicalize(), file.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    for f in toml_files(dir)?.into_iter().filter(|p| !same(p)) {
        let text = std::fs::read_to_string(&f)?;
        packs.push(RulePack::parse_from(&text, &f.display().to_string())?);
    }
    packs.push(pack);
    Ok(RuleBook::new(packs)?)
}
