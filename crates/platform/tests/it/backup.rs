use crate::support::{SMALL_HOUSEHOLDS, each_engine, registry, small_tree};
use dinh_platform::db::{self, query};

#[tokio::test]
async fn backup_restores_whole_into_an_empty_database() {
    each_engine(|db| async move {
        small_tree(&db).await?;
        dinh_platform::households::import_households(
            &db,
            SMALL_HOUSEHOLDS.as_bytes(),
            "test",
            |_| {},
        )
        .await?;
        let dir = std::env::temp_dir().join(format!("dinh-backup-{}", rand::random::<u64>()));
        std::fs::create_dir_all(&dir)?;
        let file = dir.join("backup.jsonl");
        dinh_platform::backup::write(&db, &registry(), &dir, &file).await?;

        // Restore into a fresh SQLite database (from either engine).
        let target = db::connect(None, &dir.join("restored")).await?;
        registry().migrate(&target).await?;
        let restored = dinh_platform::backup::restore(
            &target,
            &registry(),
            &dir.join("restored"),
            &file,
            false,
        )
        .await?;
        assert!(restored.rows > 10);
        assert_eq!(restored.files, 0, "the units module stores no files");
        for table in ["units", "households", "people", "audit_log"] {
            let a: i64 = db
                .scalar(&query(format!("SELECT COUNT(*) FROM {table}")))
                .await?;
            let b: i64 = target
                .scalar(&query(format!("SELECT COUNT(*) FROM {table}")))
                .await?;
            assert_eq!(a, b, "{table}");
        }
        assert!(dinh_platform::audit::verify(&target).await?.is_intact());
        // Refused on a database that is not empty.
        let err = dinh_platform::backup::restore(&target, &registry(), &dir, &file, false)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("already holds"), "{err}");
        target.close().await;
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    })
    .await;
}
