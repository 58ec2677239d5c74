//! `dinh import households FILE.csv`: one line per person, the lines of one household together.
//!
//! Columns (header required, any order): `household_code, unit_code, address, full_name,
//! birth_date, gender, relation, representative` and optionally `phone, full_capacity,
//! formed_on`. `representative` is `1`/`x`/`có` on exactly one line of each household; that
//! person must be an adult with full legal capacity. Dates are dd/mm/yyyy. The file is imported
//! in one transaction: on any error nothing is written and the errors name line and field.

use crate::audit::{self, Change};
use crate::csvio::{self, ImportErrors, Line};
use crate::db::{Arg, Db, Tx, bulk, ids::next_id, query};
use crate::text::fold;
use crate::units::UnitKind;
use chrono::NaiveDate;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::io::Read;

/// What a household import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HouseholdImportSummary {
    /// Households created.
    pub households: u64,
    /// People created.
    pub people: u64,
}

const REQUIRED: [&str; 8] = [
    "household_code",
    "unit_code",
    "address",
    "full_name",
    "birth_date",
    "gender",
    "relation",
    "representative",
];
const OPTIONAL: [&str; 3] = ["phone", "full_capacity", "formed_on"];
const HOUSEHOLDS_PER_BATCH: usize = 2_000;

struct Pending {
    code: String,
    first_line: u64,
    unit_id: i64,
    address: String,
    formed_on: NaiveDate,
    people: Vec<Vec<Arg>>,
    representative: Option<i64>,
}

/// Reads a yes/no cell the way officials write it.
fn yes(text: &str) -> Option<bool> {
    match fold(text).as_str() {
        "1" | "x" | "co" | "yes" | "true" | "dai dien" => Some(true),
        "" | "0" | "khong" | "no" | "false" => Some(false),
        _ => None,
    }
}

struct Importer<'a> {
    tx: Tx,
    actor: &'a str,
    today: NaiveDate,
    errors: ImportErrors,
    units: HashMap<String, Option<i64>>,
    seen: HashSet<u64>,
    hasher: RandomState,
    batch: Vec<Pending>,
    summary: HouseholdImportSummary,
}

impl Importer<'_> {
    async fn unit_id(&mut self, code: &str) -> anyhow::Result<Option<i64>> {
        if let Some(id) = self.units.get(code) {
            return Ok(*id);
        }
        #[derive(sqlx::FromRow)]
        struct U {
            id: i64,
            kind: String,
        }
        let unit: Option<U> = self
            .tx
            .fetch_optional(&query("SELECT id, kind FROM units WHERE code = $1").bind(code))
            .await?;
        let id = unit
            .filter(|u| {
                UnitKind::from_stored(&u.kind).is_some_and(UnitKind::is_residential_community)
            })
            .map(|u| u.id);
        self.units.insert(code.to_owned(), id);
        Ok(id)
    }

    /// Adds one person line to the current household, starting a new one when the code changes.
    async fn add_line<R: Read>(
        &mut self,
        table: &csvio::CsvTable<R>,
        line: &Line,
        current: &mut Option<Pending>,
    ) -> anyhow::Result<()> {
        let n = line.number;
        let code = line.get(table, "household_code");
        if code.is_empty() {
            self.errors
                .push(n, Some("household_code"), "empty household code");
            return Ok(());
        }
        if current.as_ref().is_none_or(|p| p.code != code) {
            if let Some(done) = current.take() {
                self.finish(done).await?;
            }
            if !self.seen.insert(self.hasher.hash_one(code)) {
                self.errors.push(
                    n,
                    Some("household_code"),
                    format!(
                        "household '{code}' appears again: keep the lines of one household together"
                    ),
                );
            }
            let unit_code = line.get(table, "unit_code");
            let unit_id = match self.unit_id(unit_code).await? {
                Some(id) => id,
                None => {
                    self.errors.push(n, Some("unit_code"), format!("'{unit_code}' is not a thôn or tổ dân phố: import it (dinh import units) or correct the code"));
                    -1 // keeps reading the household's other lines; nothing is written
                }
            };
            let formed_text = line.get(table, "formed_on");
            let formed_on = if formed_text.is_empty() {
                self.today
            } else {
                match crate::time::parse_date(formed_text) {
                    Some(d) => d,
                    None => {
                        self.errors.push(
                            n,
                            Some("formed_on"),
                            format!("'{formed_text}' is not a date; write dd/mm/yyyy"),
                        );
                        self.today
                    }
                }
            };
            *current = Some(Pending {
                code: code.to_owned(),
                first_line: n,
                unit_id,
                address: line.get(table, "address").to_owned(),
                formed_on,
                people: Vec::new(),
                representative: None,
            });
        }
        let Some(pending) = current.as_mut() else {
            return Ok(());
        };
        let name = line.get(table, "full_name");
        if name.is_empty() {
            self.errors.push(n, Some("full_name"), "empty name");
        }
        let birth_text = line.get(table, "birth_date");
        let birth = if birth_text.is_empty() {
            None
        } else {
            let parsed = crate::time::parse_date(birth_text);
            if parsed.is_none() {
                self.errors.push(
                    n,
                    Some("birth_date"),
                    format!("'{birth_text}' is not a date; write dd/mm/yyyy"),
                );
            }
            parsed
        };
        let Some(is_rep) = yes(line.get(table, "representative")) else {
            self.errors.push(
                n,
                Some("representative"),
                "write 1 (or x, có) for the representative, 0 or nothing otherwise",
            );
            return Ok(());
        };
        let capacity_text = line.get(table, "full_capacity");
        let Some(full_capacity) = (if capacity_text.is_empty() {
            Some(true)
        } else {
            yes(capacity_text)
        }) else {
            self.errors.push(n, Some("full_capacity"), "write 1 or 0");
            return Ok(());
        };
        let id = next_id();
        if is_rep {
            if pending.representative.is_some() {
                self.errors.push(
                    n,
                    Some("representative"),
                    format!(
                        "household '{}' has a second representative; keep one",
                        pending.code
                    ),
                );
            }
            let adult = birth.is_none_or(|b| self.today.years_since(b).is_some_and(|y| y >= 18));
            if !adult || !full_capacity {
                self.errors.push(
                    n,
                    Some("representative"),
                    "the representative must be an adult (18 or over) with full legal capacity",
                );
            }
            pending.representative = Some(id);
        }
        let phone = line.get(table, "phone");
        pending.people.push(vec![
            id.into(),
            Arg::Int(None), // household id, set when the household is finished
            name.into(),
            fold(name).into(),
            birth.into(),
            line.get(table, "gender").into(),
            line.get(table, "relation").into(),
            (!phone.is_empty()).then(|| phone.to_owned()).into(),
            full_capacity.into(),
        ]);
        Ok(())
    }

    async fn finish(&mut self, household: Pending) -> anyhow::Result<()> {
        if household.representative.is_none() {
            self.errors.push(
                household.first_line,
                Some("representative"),
                format!(
                    "household '{}' has no representative: mark one adult member with 1",
                    household.code
                ),
            );
        }
        self.batch.push(household);
        if self.batch.len() >= HOUSEHOLDS_PER_BATCH {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> anyhow::Result<()> {
        let batch = std::mem::take(&mut self.batch);
        if !self.errors.is_empty() || batch.is_empty() {
            return Ok(()); // the file is rejected anyway: keep reading only to report errors
        }
        // Codes already in the database, named with their line. Asked 200 at a time: SQLite
        // resolves named parameters in quadratic time, so a statement never carries thousands.
        let mut taken: HashSet<String> = HashSet::new();
        for chunk in batch.chunks(200) {
            let placeholders = (1..=chunk.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut q = query(format!(
                "SELECT code FROM households WHERE code IN ({placeholders})"
            ));
            for h in chunk {
                q.push(h.code.as_str());
            }
            taken.extend(
                self.tx
                    .fetch_all::<(String,)>(&q)
                    .await?
                    .into_iter()
                    .map(|(c,)| c),
            );
        }
        let mut households = Vec::with_capacity(batch.len());
        let mut people = Vec::new();
        for h in batch {
            if taken.contains(&h.code) {
                self.errors.push(
                    h.first_line,
                    Some("household_code"),
                    format!("household '{}' already exists", h.code),
                );
                continue;
            }
            let id = next_id();
            households.push(vec![
                id.into(),
                h.code.into(),
                h.unit_id.into(),
                h.address.into(),
                h.formed_on.into(),
                Arg::Text(None),
                h.representative.into(),
            ]);
            for mut p in h.people {
                if let Some(slot) = p.get_mut(1) {
                    *slot = id.into();
                }
                people.push(p);
            }
        }
        if !self.errors.is_empty() {
            return Ok(());
        }
        self.summary.households += households.len() as u64;
        self.summary.people += people.len() as u64;
        bulk::insert_rows(
            &mut self.tx,
            "households",
            &[
                "id",
                "code",
                "unit_id",
                "address",
                "formed_on",
                "dissolved_on",
                "representative_id",
            ],
            households,
        )
        .await?;
        bulk::insert_rows(
            &mut self.tx,
            "people",
            &[
                "id",
                "household_id",
                "full_name",
                "name_folded",
                "birth_date",
                "gender",
                "relation",
                "phone",
                "full_capacity",
            ],
            people,
        )
        .await?;
        Ok(())
    }
}

/// Imports households from CSV. `on_progress` receives the bytes read so far.
pub async fn import_households<R: Read>(
    db: &Db,
    input: R,
    actor: &str,
    mut on_progress: impl FnMut(u64),
) -> anyhow::Result<HouseholdImportSummary> {
    let mut digest = Sha256::new();
    let mut table = csvio::open(
        HashingReader {
            inner: input,
            digest: &mut digest,
        },
        &REQUIRED,
        &OPTIONAL,
    )?;
    let mut importer = Importer {
        tx: db.begin().await?,
        actor,
        today: crate::time::today_vn(),
        errors: ImportErrors::default(),
        units: HashMap::new(),
        seen: HashSet::new(),
        hasher: RandomState::new(),
        batch: Vec::new(),
        summary: HouseholdImportSummary::default(),
    };
    let mut current = None;
    let mut lines = 0_u64;
    while let Some(line) = table.next_line() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                for err in e.errors {
                    importer
                        .errors
                        .push(err.line, err.field.as_deref(), err.message);
                }
                break;
            }
        };
        importer.add_line(&table, &line, &mut current).await?;
        lines += 1;
        if lines.is_multiple_of(10_000) {
            on_progress(table.bytes_read());
        }
        if importer.errors.errors.len() >= csvio::MAX_LISTED {
            break;
        }
    }
    if let Some(done) = current.take() {
        importer.finish(done).await?;
    }
    importer.flush().await?;
    on_progress(table.bytes_read());
    drop(table);
    if !importer.errors.is_empty() {
        return Err(importer.errors.into()); // the transaction rolls back on drop
    }
    let summary = importer.summary.clone();
    let after = json!({"households": summary.households, "people": summary.people, "sha256": hex::encode(digest.finalize())});
    let mut tx = importer.tx;
    audit::record(
        &mut tx,
        Change {
            actor: importer.actor,
            action: "households.import",
            object_type: "household_file",
            object_id: "csv",
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(summary)
}

/// Hashes the file as it is read, so the audit entry names exactly what was imported.
struct HashingReader<'a, R> {
    inner: R,
    digest: &'a mut Sha256,
}

impl<R: Read> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}
