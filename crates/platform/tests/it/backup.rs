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
        for table in [
            "units",
            "households",
            "people",
            "audit_log",
            "search_documents",
        ] {
            let a: i64 = db
                .scalar(&query(format!("SELECT COUNT(*) FROM {table}")))
                .await?;
            let b: i64 = target
                .scalar(&query(format!("SELECT COUNT(*) FROM {table}")))
                .await?;
            assert_eq!(a, b, "{table}");
        }
        assert!(dinh_platform::audit::verify(&target).await?.is_intact());
        // The search answers from the restored rows (SQLite's index refilled by its triggers).
        let hits = dinh_platform::search::find(&target, "cau giay", None, 10).await?;
        assert_eq!(hits.first().map(|h| h.title.as_str()), Some("Xã Cầu Giấy"));
        // And into PostgreSQL, whose generated search column is computed again.
        if let Ok(url) = std::env::var("DINH_TEST_POSTGRES_URL") {
            let schema = format!("restore_{:016x}", rand::random::<u64>());
            let admin = db::connect(Some(&url), &dir).await?;
            admin
                .execute_script(&format!("CREATE SCHEMA {schema}"))
                .await?;
            let pg = db::connect_postgres(&url, Some(&schema)).await?;
            let outcome = async {
                registry().migrate(&pg).await?;
                dinh_platform::backup::restore(&pg, &registry(), &dir.join("pg"), &file, false)
                    .await?;
                let hits = dinh_platform::search::find(&pg, "dong da", None, 10).await?;
                anyhow::ensure!(
                    hits.first().map(|h| h.title.as_str()) == Some("Phường Đống Đa"),
                    "restored into PostgreSQL, the search finds {hits:?}"
                );
                let n: i64 = pg
                    .scalar(&query("SELECT COUNT(*) FROM search_documents"))
                    .await?;
                let m: i64 = db
                    .scalar(&query("SELECT COUNT(*) FROM search_documents"))
                    .await?;
                anyhow::ensure!(n == m, "{n} documents restored of {m}");
                Ok(())
            }
            .await;
            pg.close().await;
            admin
                .execute_script(&format!("DROP SCHEMA {schema} CASCADE"))
                .await?;
            admin.close().await;
            outcome?;
        }
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
