//! Files attached to petitions: on the public form, at the officer's intake and at the
//! reception desk; a denouncer's files sealed and opened only by the handler (audited); the
//! public lookup never shows files; oversized, disguised and too many files refused with
//! nothing written (rows and files on disk counted before and after); a sealed file through a
//! backup and restore.

use dinh_petitions::store::actions::{Action, apply};
use dinh_petitions::store::desk::receive_at_desk;
use dinh_petitions::store::files::{CaseFiles, FileLimits};
use dinh_petitions::store::reception::NewEntry;
use dinh_platform::config::Config;
use dinh_platform::db::{Db, query};
use dinh_platform::uploads::Upload;

use crate::support::*;

/// A file of a multipart form: field, file name, bytes.
type FilePart<'a> = (&'a str, &'a str, &'a [u8]);

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\nbang chung den duong\n%%EOF";
const SCAN: &[u8] = b"\x89PNG\r\n\x1a\n chu viet tay cua Trinh Van Kin Dao";
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode";

async fn counts(db: &Db, config: &Config) -> (i64, i64, i64, usize) {
    let n = |t: &str| format!("SELECT COUNT(*) FROM {t}");
    (
        db.scalar(&query(n("petition_cases"))).await.unwrap(),
        db.scalar(&query(n("petition_files"))).await.unwrap(),
        db.scalar(&query(n("petition_book"))).await.unwrap(),
        files_on_disk(config).len(),
    )
}

fn between<'a>(html: &'a str, label: &str) -> &'a str {
    let i = html.find(label).unwrap_or_else(|| panic!("no {label}"));
    let rest = &html[i..];
    let s = rest.find("<strong>").unwrap() + 8;
    let e = rest[s..].find("</strong>").unwrap();
    &rest[s..s + e]
}

async fn post_multipart(
    db: &Db,
    config: &Config,
    v: &Visitor,
    uri: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> (u16, String) {
    let (s, _, body) = send(
        db,
        config,
        v,
        "POST",
        uri,
        Some(multipart(fields, files)),
        Some(&multipart_type()),
        &[],
    )
    .await;
    (s.as_u16(), String::from_utf8_lossy(&body).into_owned())
}

async fn get(db: &Db, config: &Config, v: &Visitor, uri: &str) -> (u16, Vec<u8>) {
    let (s, _, body) = send(db, config, v, "GET", uri, None, None, &[]).await;
    (s.as_u16(), body)
}

#[tokio::test]
async fn the_public_form_takes_files_and_the_lookup_never_shows_them() {
    each_engine(|db| async move {
        world(&db).await?;
        let config = temp_config();
        let v = sign_in(&db, None).await;
        let (s, html) = post_multipart(
            &db,
            &config,
            &v,
            "/petitions/submit",
            &[
                ("csrf", &v.csrf),
                ("unit", "C1"),
                ("kind", "recommendation"),
                ("subject", "Đèn đường hỏng"),
                ("content", "Đèn đường thôn Một hỏng đã lâu"),
                ("name", "Phạm Thị Dân"),
            ],
            &[("attachments", "anh-den-duong.pdf", PDF)],
        )
        .await;
        assert_eq!(s, 200, "{html}");
        let code = between(&html, "Mã tra cứu").to_owned();
        let secret = between(&html, "Mã bí mật").to_owned();
        let (id, file_id, sealed): (i64, i64, bool) = db
            .fetch_optional(&query("SELECT c.id, f.id, f.sealed FROM petition_cases c JOIN petition_files f ON f.case_id = c.id WHERE c.tracking_code = $1").bind(code.as_str()))
            .await?
            .unwrap();
        assert!(!sealed);
        assert_eq!(files_on_disk(&config), vec![file_id.to_string()], "no .part left");
        // The citizen's lookup: no file, no link to one.
        let anon = sign_in(&db, None).await;
        let (s, html) = call_with_config(&db, &config, &anon, "/petitions/track", &form(&[("csrf", &anon.csrf), ("code", &code), ("secret", &secret)])).await;
        assert_eq!(s, 200);
        assert!(html.contains("Đèn đường hỏng"));
        assert!(!html.contains("anh-den-duong") && !html.contains("/petitions/files/"), "{html}");
        // An officer in scope sees it on the case page and downloads the bytes.
        let officer = sign_in(&db, Some("officer@test.vn")).await;
        let (_, page) = get(&db, &config, &officer, &format!("/petitions/cases/{id}")).await;
        assert!(String::from_utf8_lossy(&page).contains("anh-den-duong.pdf"));
        let (s, bytes) = get(&db, &config, &officer, &format!("/petitions/files/{file_id}")).await;
        assert_eq!((s, bytes.as_slice()), (200, PDF));
        let (s, list) = get(&db, &config, &officer, &format!("/api/v1/petitions/cases/{id}/files")).await;
        assert_eq!(s, 200);
        assert!(String::from_utf8_lossy(&list).contains("anh-den-duong.pdf"));
        let (s, bytes) = get(&db, &config, &officer, &format!("/api/v1/petitions/files/{file_id}")).await;
        assert_eq!((s, bytes.as_slice()), (200, PDF));
        // Out of scope, or not signed in: refused.
        let outsider = sign_in(&db, Some("outsider@test.vn")).await;
        let (s, _) = get(&db, &config, &outsider, &format!("/api/v1/petitions/cases/{id}/files")).await;
        assert_eq!(s, 403);
        assert_eq!(get(&db, &config, &outsider, &format!("/petitions/files/{file_id}")).await.0, 403);
        assert_eq!(get(&db, &config, &nobody(), &format!("/petitions/files/{file_id}")).await.0, 401);
        cleanup(&config);
        Ok(())
    })
    .await;
}

/// A citizen denounces on the public form with their identity and a handwritten scan.
async fn denounce_with_scan(db: &Db, config: &Config, file_name: &str) {
    let v = sign_in(db, None).await;
    let (s, html) = post_multipart(
        db,
        config,
        &v,
        "/petitions/submit",
        &[
            ("csrf", &v.csrf),
            ("unit", "C1"),
            ("kind", "denunciation"),
            ("subject", "Tố cáo sai phạm đất công"),
            ("content", "Cho thuê đất công trái phép"),
            ("name", SECRET_NAME),
            ("address", SECRET_ADDRESS),
        ],
        &[("attachments", file_name, SCAN)],
    )
    .await;
    assert_eq!(s, 200, "{html}");
}

#[tokio::test]
async fn a_denouncers_files_are_sealed_and_opened_by_the_handler_only() {
    each_engine(|db| async move {
        world(&db).await?;
        let config = temp_config();
        denounce_with_scan(&db, &config, &format!("{SECRET_NAME} viết tay.png")).await;
        let (id, file_id, sealed, name): (i64, i64, bool, String) = db
            .fetch_optional(&query("SELECT c.id, f.id, f.sealed, f.file_name FROM petition_cases c JOIN petition_files f ON f.case_id = c.id WHERE c.kind = 'denunciation'"))
            .await?
            .unwrap();
        assert!(sealed);
        assert!(!name.contains("Trịnh") && !name.contains("viết"), "generic name: {name}");
        // At rest: encrypted.
        let stored = std::fs::read(config.data_dir.join("petition-files").join(file_id.to_string()))?;
        assert!(!stored.windows(7).any(|w| w == b"Kin Dao") && !stored.windows(5).any(|w| w == b"\x89PNG\r"));
        // Officers in scope do not see it on the case page; a non-handler cannot open it.
        let officer = sign_in(&db, Some("officer@test.vn")).await;
        let (_, page) = get(&db, &config, &officer, &format!("/petitions/cases/{id}")).await;
        assert!(!String::from_utf8_lossy(&page).contains(&format!("/petitions/files/{file_id}")));
        assert_eq!(get(&db, &config, &officer, &format!("/petitions/files/{file_id}")).await.0, 403);
        // Assigned, the handler sees it on the identity page and opens the original bytes.
        let p = principal(&db, "officer@test.vn").await;
        apply(&module(), &db, Some(&p), id, Action::Assign { login: "handler@test.vn".into() }).await.unwrap();
        let handler = sign_in(&db, Some("handler@test.vn")).await;
        let (s, page) = get(&db, &config, &handler, &format!("/petitions/cases/{id}/identity")).await;
        assert_eq!(s, 200);
        assert!(String::from_utf8_lossy(&page).contains(&format!("/petitions/files/{file_id}")));
        let (s, bytes) = get(&db, &config, &handler, &format!("/petitions/files/{file_id}")).await;
        assert_eq!((s, bytes.as_slice()), (200, SCAN));
        assert_eq!(get(&db, &config, &officer, &format!("/petitions/files/{file_id}")).await.0, 403);
        // The API: the same rule, audited the same way; the case's file list never has it.
        let (s, bytes) = get(&db, &config, &handler, &format!("/api/v1/petitions/files/{file_id}")).await;
        assert_eq!((s, bytes.as_slice()), (200, SCAN));
        let (s, _) = get(&db, &config, &officer, &format!("/api/v1/petitions/files/{file_id}")).await;
        assert_eq!(s, 403);
        let (s, list) = get(&db, &config, &handler, &format!("/api/v1/petitions/cases/{id}/files")).await;
        assert_eq!((s, String::from_utf8_lossy(&list).as_ref()), (200, "[]"));
        let audited = |action: &'static str| {
            let db = db.clone();
            async move {
                db.scalar::<i64>(&query("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND object_id = $2").bind(action).bind(id.to_string())).await.unwrap()
            }
        };
        assert_eq!(audited("petitions.identity_file_read").await, 2);
        assert_eq!(audited("petitions.identity_file_refused").await, 3);
        cleanup(&config);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn oversized_disguised_and_too_many_files_are_refused_with_nothing_written() {
    each_engine(|db| async move {
        world(&db).await?;
        let config = Config {
            upload_max_mb: 1,
            upload_max_files: 2,
            ..temp_config()
        };
        let officer = sign_in(&db, Some("officer@test.vn")).await;
        let fields = [
            ("csrf", officer.csrf.as_str()),
            ("kind", "complaint"),
            ("channel", "mail"),
            ("received_on", "02/11/2026"),
            ("subject", "Khiếu nại quyết định thu hồi đất"),
            ("content", "Nội dung khiếu nại"),
            ("name", "Lê Văn Công Khai"),
        ];
        let before = counts(&db, &config).await;
        let big = [b"%PDF-1.4 ".as_slice(), &vec![b'x'; 1_200_000]].concat();
        let cases: [(&[FilePart], &str); 4] = [
            (
                &[("attachments", "quyet-dinh.pdf", EXE)],
                "attachments: 'quyet-dinh.pdf' is not a PDF",
            ),
            (
                &[("identity_files", "don.pdf", &big)],
                "identity_files: 'don.pdf' is larger than 1 MB",
            ),
            (
                &[
                    ("attachments", "a.pdf", PDF),
                    ("attachments", "b.pdf", PDF),
                    ("attachments", "c.pdf", PDF),
                ],
                "attachments: 3 files attached; at most 2",
            ),
            (
                &[
                    ("attachments", "a.pdf", PDF),
                    ("identity_files", "virus.pdf", EXE),
                ],
                "identity_files: 'virus.pdf' is not a PDF",
            ),
        ];
        for (files, message) in cases {
            let (s, html) = post_multipart(
                &db,
                &config,
                &officer,
                "/units/C1/petitions/new",
                &fields,
                files,
            )
            .await;
            assert_eq!(s, 422, "{message}");
            assert!(
                html.contains(&message.replace('\'', "&#39;")) || html.contains(message),
                "{message} in {html}"
            );
            assert_eq!(
                counts(&db, &config).await,
                before,
                "{message}: nothing written"
            );
        }
        // Without the CSRF token: refused, nothing written.
        let (s, _) = post_multipart(
            &db,
            &config,
            &officer,
            "/units/C1/petitions/new",
            &fields[1..],
            &[("attachments", "a.pdf", PDF)],
        )
        .await;
        assert_eq!(s, 403);
        assert_eq!(counts(&db, &config).await, before);
        // Within the limits it goes through, with a mail-intake file for officers in scope.
        let (s, _) = post_multipart(
            &db,
            &config,
            &officer,
            "/units/C1/petitions/new",
            &fields,
            &[
                ("attachments", "a.pdf", PDF),
                ("identity_files", "don.png", SCAN),
            ],
        )
        .await;
        assert_eq!(s, 303);
        let after = counts(&db, &config).await;
        assert_eq!(
            (after.0, after.1, after.3),
            (before.0 + 1, before.1 + 2, before.3 + 2)
        );
        let sealed: i64 = db
            .scalar(&query(
                "SELECT COUNT(*) FROM petition_files WHERE sealed = TRUE",
            ))
            .await?;
        assert_eq!(sealed, 0, "a complaint's files are not sealed");
        cleanup(&config);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_reception_desk_writes_entry_case_and_files_in_one_transaction() {
    each_engine(|db| async move {
        world(&db).await?;
        let config = temp_config();
        let officer = sign_in(&db, Some("officer@test.vn")).await;
        let before = counts(&db, &config).await;
        let (s, html) = post_multipart(
            &db,
            &config,
            &officer,
            "/units/C1/reception",
            &[
                ("csrf", &officer.csrf),
                ("form", "book"),
                ("entry_date", "03/11/2026"),
                ("citizen_name", SECRET_NAME),
                ("citizen_address", SECRET_ADDRESS),
                ("content", "Tố cáo cán bộ địa chính"),
                ("request", "Đề nghị xử lý"),
                ("handling", "Nhận đơn, chuyển bộ phận xử lý"),
                ("classify", "denunciation"),
            ],
            &[("identity_files", "don-viet-tay.png", SCAN), ("attachments", "anh.pdf", PDF)],
        )
        .await;
        assert_eq!(s, 303, "{html}");
        let after = counts(&db, &config).await;
        assert_eq!(after, (before.0 + 1, before.1 + 2, before.2 + 1, before.3 + 2));
        let (linked, sealed): (i64, i64) = db
            .fetch_optional(&query("SELECT (SELECT COUNT(*) FROM petition_book b JOIN petition_cases c ON c.id = b.case_id), (SELECT COUNT(*) FROM petition_files WHERE sealed = TRUE)"))
            .await?
            .unwrap();
        assert_eq!((linked, sealed), (1, 1));
        // A failure while writing the entry (a session that does not exist) leaves neither the
        // case, nor the entry, nor a file.
        let before = counts(&db, &config).await;
        let p = principal(&db, "officer@test.vn").await;
        let unit = unit(&db, "C1").await;
        let entry = NewEntry {
            session_id: Some(424_242),
            entry_date: Some(d(2026, 11, 3)),
            citizen_name: String::new(),
            citizen_address: String::new(),
            content: "Tố cáo".into(),
            earlier_handling: String::new(),
            request: "Xử lý".into(),
            handling: "Nhận đơn".into(),
            oral_record: String::new(),
            signed: true,
            protected: true,
            case_id: None,
        };
        let files = CaseFiles {
            attachments: vec![Upload { file_name: "a.pdf".into(), bytes: PDF.to_vec() }],
            identifying: vec![Upload { file_name: "b.png".into(), bytes: SCAN.to_vec() }],
        };
        let limits = FileLimits::of(&config);
        let r = receive_at_desk(&module(), &db, Some(&p), &unit, entry, Some(denunciation(d(2026, 11, 3))), Some((&limits, files))).await;
        assert!(r.is_err());
        assert_eq!(counts(&db, &config).await, before, "nothing half-written");
        // Files without a case to keep them: refused, naming the field; nothing written.
        let (s, html) = post_multipart(
            &db,
            &config,
            &officer,
            "/units/C1/reception",
            &[
                ("csrf", &officer.csrf),
                ("form", "book"),
                ("entry_date", "03/11/2026"),
                ("citizen_name", "Lê Văn Hỏi"),
                ("citizen_address", "Thôn Một"),
                ("content", "Hỏi thủ tục"),
                ("request", "Hướng dẫn"),
                ("handling", "Đã hướng dẫn"),
                ("classify", "none"),
            ],
            &[("attachments", "anh.pdf", PDF)],
        )
        .await;
        assert_eq!(s, 422);
        assert!(html.contains("attachments: files are kept with a case"), "{html}");
        assert_eq!(counts(&db, &config).await, before);
        cleanup(&config);
        Ok(())
    })
    .await;
}

fn cleanup(config: &Config) {
    let _ = std::fs::remove_dir_all(&config.data_dir);
}

async fn call_with_config(
    db: &Db,
    config: &Config,
    v: &Visitor,
    uri: &str,
    body: &str,
) -> (u16, String) {
    let (s, _, b) = send(
        db,
        config,
        v,
        "POST",
        uri,
        Some(body.as_bytes().to_vec()),
        None,
        &[],
    )
    .await;
    (s.as_u16(), String::from_utf8_lossy(&b).into_owned())
}

#[tokio::test]
async fn a_sealed_file_comes_back_from_a_backup_still_sealed_and_opens_for_the_handler() {
    each_engine(|db| async move {
        world(&db).await?;
        let config = temp_config();
        denounce_with_scan(&db, &config, "don.png").await;
        let (id, file_id): (i64, i64) = db
            .fetch_optional(&query("SELECT c.id, f.id FROM petition_cases c JOIN petition_files f ON f.case_id = c.id WHERE c.kind = 'denunciation'"))
            .await?
            .unwrap();
        let p = principal(&db, "officer@test.vn").await;
        apply(&module(), &db, Some(&p), id, Action::Assign { login: "handler@test.vn".into() }).await.unwrap();
        let backup = config.data_dir.join("backup.jsonl");
        let written = dinh_platform::backup::write(&db, &registry(module()), &config.data_dir, &backup).await?;
        assert_eq!(written.files, 1);
        // The backup holds the file as stored (sealed) and never the denouncer's identity in clear.
        let text = std::fs::read_to_string(&backup)?;
        assert!(!text.contains(SECRET_NAME) && !text.contains(SECRET_ADDRESS));

        // Restored into a new database and data directory (SQLite, from either engine).
        let other = temp_config();
        let target = dinh_platform::db::connect(None, &other.data_dir).await?;
        registry(module()).migrate(&target).await?;
        let restored = dinh_platform::backup::restore(&target, &registry(module()), &other.data_dir, &backup, false).await?;
        assert_eq!(restored.files, 1);
        let stored = std::fs::read(other.data_dir.join("petition-files").join(file_id.to_string()))?;
        assert!(!stored.windows(5).any(|w| w == b"\x89PNG\r"), "still sealed at rest");
        let handler = sign_in(&target, Some("handler@test.vn")).await;
        let (s, bytes) = get(&target, &other, &handler, &format!("/petitions/files/{file_id}")).await;
        assert_eq!((s, bytes.as_slice()), (200, SCAN), "the handler opens the original");
        let officer = sign_in(&target, Some("officer@test.vn")).await;
        assert_eq!(get(&target, &other, &officer, &format!("/petitions/files/{file_id}")).await.0, 403);
        target.close().await;
        cleanup(&config);
        cleanup(&other);
        Ok(())
    })
    .await;
}
