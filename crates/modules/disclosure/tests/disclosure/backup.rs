//! `dinh backup` carries the register's attached files with its rows; a damaged backup restores
//! nothing, neither rows nor files.

use dinh_disclosure::store::Upload;
use dinh_platform::backup;
use dinh_platform::db;

use crate::support::{count, d, draft, publish, registry, world};

/// Files under `dir`, by name.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[tokio::test]
async fn a_backup_carries_the_attached_files_and_a_damaged_one_restores_nothing() {
    dinh_platform::testing::each_engine(&registry(), |db| async move {
        let w = world(&db).await;
        let pdf = Upload {
            file_name: "Quyết định.pdf".into(),
            bytes: b"%PDF-1.7\nnoi dung quyet dinh".to_vec(),
        };
        publish(
            &db,
            &w,
            draft(2, d(2026, 3, 6), d(2026, 3, 9)),
            vec![pdf.clone()],
        )
        .await?;
        let stored = names(&w.dir.join("disclosure-files"));
        assert_eq!(stored.len(), 1);
        let file = w.dir.join("backup.jsonl");
        let written = backup::write(&db, &registry(), &w.dir, &file).await?;
        assert_eq!(written.files, 1);

        // Into a new database and a new data directory (SQLite, from either engine).
        let fresh = w.dir.join("restored");
        let target = db::connect(None, &fresh).await?;
        registry().migrate(&target).await?;
        let restored = backup::restore(&target, &registry(), &fresh, &file, false).await?;
        assert_eq!(restored.files, 1);
        assert_eq!(count(&target, "disclosure_files").await, 1);
        let bytes = std::fs::read(fresh.join("disclosure-files").join(&stored[0]))?;
        assert_eq!(bytes, pdf.bytes, "the attachment comes back byte for byte");

        // Replacing data: a file the backup does not hold goes with the data it belonged to.
        std::fs::write(fresh.join("disclosure-files").join("999"), b"stray")?;
        backup::restore(&target, &registry(), &fresh, &file, true).await?;
        assert_eq!(names(&fresh.join("disclosure-files")), stored);
        // A backup made before files were carried (version 1, tables only) keeps the files found.
        let text = std::fs::read_to_string(&file)?;
        let mut old: Vec<String> = text.lines().map(str::to_owned).collect();
        old.pop();
        old[0] = old[0].replace("\"version\":2", "\"version\":1");
        assert!(old[0].contains("\"version\":1"), "{}", old[0]);
        let v1 = w.dir.join("v1.jsonl");
        std::fs::write(&v1, old.join("\n") + "\n")?;
        let restored = backup::restore(&target, &registry(), &fresh, &v1, true).await?;
        assert_eq!(restored.files, 0);
        assert_eq!(names(&fresh.join("disclosure-files")), stored, "files kept");
        target.close().await;

        // A damaged file line, or one that points outside the file directories: refused with
        // the line, and nothing restored, neither rows nor files.
        let text = std::fs::read_to_string(&file)?;
        let lines: Vec<&str> = text.lines().collect();
        let last = lines.len();
        let mut line: serde_json::Value = serde_json::from_str(lines[last - 1])?;
        for (i, (bad, want)) in [
            (("sha256", serde_json::json!("00")), "damaged"),
            (
                ("file", serde_json::json!("disclosure-files/../../passwd")),
                "not a plain file name",
            ),
            (
                ("file", serde_json::json!("elsewhere/1")),
                "not under a known file directory",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let keep = line[bad.0].clone();
            line[bad.0] = bad.1;
            let mut damaged = lines[..last - 1].join("\n");
            damaged.push('\n');
            damaged.push_str(&line.to_string());
            line[bad.0] = keep;
            let path = w.dir.join("damaged.jsonl");
            std::fs::write(&path, damaged)?;
            let other = w.dir.join(format!("other-{i}"));
            let target = db::connect(None, &other).await?;
            registry().migrate(&target).await?;
            let err = backup::restore(&target, &registry(), &other, &path, false)
                .await
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(want) && err.contains(&format!("line {last}")),
                "{err}"
            );
            assert_eq!(count(&target, "units").await, 0, "no rows restored");
            assert_eq!(count(&target, "disclosure_files").await, 0);
            assert!(
                names(&other.join("disclosure-files")).is_empty(),
                "no files left"
            );
            target.close().await;
        }
        // The same file twice.
        let twice = format!("{text}{}\n", lines[last - 1]);
        let path = w.dir.join("twice.jsonl");
        std::fs::write(&path, twice)?;
        let other = w.dir.join("other-twice");
        let target = db::connect(None, &other).await?;
        registry().migrate(&target).await?;
        let err = backup::restore(&target, &registry(), &other, &path, false)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("listed twice") && err.contains(&format!("line {}", last + 1)),
            "{err}"
        );
        assert_eq!(count(&target, "units").await, 0, "no rows restored");
        assert!(
            names(&other.join("disclosure-files")).is_empty(),
            "no files left"
        );
        target.close().await;
        let _ = std::fs::remove_dir_all(&w.dir);
        Ok(())
    })
    .await;
}
