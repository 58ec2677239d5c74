//! The `dinh calendar` and `dinh rules` commands, run as the built binary (no database).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// An empty data directory of its own (no administrator files, no database).
fn data_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dinh-cli-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn dinh(tag: &str, args: &[&str]) -> (Output, String, String) {
    let dir = data_dir(tag);
    let out = Command::new(env!("CARGO_BIN_EXE_dinh"))
        .arg("--data")
        .arg(&dir)
        .args(args)
        .env_remove("DINH_DATABASE_URL")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(!dir.join("dinh.sqlite").exists(), "no database is opened");
    (out, stdout, stderr)
}

#[test]
fn calendar_lunar_one_day_and_json() {
    let (out, stdout, _) = dinh("lunar", &["calendar", "lunar", "17/02/2026"]);
    assert!(out.status.success());
    assert_eq!(
        stdout.trim(),
        "17/02/2026 (thứ Ba): âm lịch 01/01/2026, năm Bính Ngọ"
    );
    let (_, stdout, _) = dinh(
        "lunar",
        &["calendar", "lunar", "2025-07-24", "25/07/2025", "--json"],
    );
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["lunar"], "01/06/2025 (nhuận)");
    assert_eq!(lines[1]["leap"], true);
    assert_eq!(lines[1]["can_chi_year"], "Ất Tỵ");
}

#[test]
fn calendar_deadline_skips_tet() {
    let (out, stdout, _) = dinh(
        "deadline",
        &["calendar", "deadline", "10/02/2026", "--working-days", "5"],
    );
    assert!(out.status.success());
    assert!(
        stdout.starts_with("Hạn / Due: 24/02/2026 (thứ Ba / Tuesday)"),
        "{stdout}"
    );
    assert!(stdout.contains("bỏ qua Tết Nguyên đán Bính Ngọ 14/02-22/02, hạn 24/02/2026"));
    assert!(stdout.contains("skipped Tết (Lunar New Year) Bính Ngọ"));
    let (out, _, stderr) = dinh("deadline", &["calendar", "deadline", "10/02/2026"]);
    assert!(
        !out.status.success() && stderr.contains("--days"),
        "{stderr}"
    );
}

#[test]
fn calendar_solar_names_the_wrong_day() {
    let (out, _, stderr) = dinh("solar", &["calendar", "solar", "31/02/2026"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("day 31 does not exist in lunar month 2 of 2026"),
        "{stderr}"
    );
    let (out, stdout, _) = dinh("solar", &["calendar", "solar", "01/06/2025", "--leap"]);
    assert!(out.status.success());
    assert!(stdout.contains("→ 25/07/2025"), "{stdout}");
}

#[test]
fn calendar_holidays_lists_kinds() {
    let (out, stdout, _) = dinh("holidays", &["calendar", "holidays", "2026"]);
    assert!(out.status.success());
    assert!(
        stdout.contains("27/04/2026 thứ Hai   compensatory"),
        "{stdout}"
    );
    assert!(stdout.contains("10/01/2026 thứ Bảy   Làm bù cho thứ Sáu 02/01/2026"));
}

#[test]
fn rules_check_reports_key_paths_and_exits_2() {
    let dir = data_dir("check");
    let good = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../rules/packs/vn-2026-07.toml"),
    )
    .unwrap()
    .replace("id = \"vn-2026-07\"", "id = \"vn-2027-01\"")
    .replace("effective_from = 2026-07-01", "effective_from = 2027-01-01");
    let bad = good.replacen("citation = ", "citation_x = ", 1);
    let (good_file, bad_file) = (dir.join("good.toml"), dir.join("bad.toml"));
    std::fs::write(&good_file, &good).unwrap();
    std::fs::write(&bad_file, &bad).unwrap();
    let (out, _, stderr) = dinh("check", &["rules", "check", bad_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bad.toml: invalid rule pack"), "{stderr}");
    assert!(
        stderr.contains("disclosure.deadline"),
        "the key path: {stderr}"
    );
    // Two problems of validation, both listed.
    let invalid = good
        .replacen("deadline = { count = 5,", "deadline = { count = 0,", 1)
        .replace("citation = \"Nghị định 20/2008/NĐ-CP\"", "citation = \"\"");
    let invalid_file = dir.join("invalid.toml");
    std::fs::write(&invalid_file, invalid).unwrap();
    let (out, _, stderr) = dinh("check", &["rules", "check", invalid_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("2 problem(s)"), "{stderr}");
    assert!(stderr.contains("  disclosure.deadline.count: "), "{stderr}");
    assert!(
        stderr.contains("  feedback.transfer.citation: missing citation"),
        "{stderr}"
    );
    let (out, stdout, _) = dinh("check", &["rules", "check", good_file.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        stdout.contains("vn-2027-01") && stdout.contains("01/01/2027"),
        "{stdout}"
    );
    let (_, stdout, _) = dinh("show", &["rules", "show", "01/07/2026"]);
    assert!(stdout.starts_with("vn-2026-07"));
    assert!(stdout.contains("reception.online_allowed") && stdout.contains("UNVERIFIED"));
}

/// The demo writes the database the other commands open: `dinh audit verify` right after it
/// checks the demo's entries; without any database the command says so and creates nothing;
/// and the demo never replaces a database it did not make.
#[test]
fn demo_and_commands_share_one_database() {
    let dir = data_dir("demo-shared");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_dinh"))
            .arg("--data")
            .arg(&dir)
            .args(args)
            .env_remove("DINH_DATABASE_URL")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, _, stderr) = run(&["audit", "verify"]);
    assert!(!ok);
    assert!(stderr.contains("no database at"), "{stderr}");
    assert!(
        !dir.join("dinh.sqlite").exists(),
        "no empty database is created"
    );

    let (ok, stdout, stderr) = run(&["demo", "--no-serve"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("canbo.phudong@dinh.demo"));
    let (ok, stdout, _) = run(&["audit", "verify"]);
    assert!(ok);
    let entries: u64 = stdout
        .trim()
        .trim_start_matches("audit chain intact: ")
        .trim_end_matches(" entries")
        .parse()
        .unwrap_or(0);
    assert!(entries > 100, "{stdout}");
    // A second demo replaces its own database.
    let (ok, _, stderr) = run(&["demo", "--no-serve"]);
    assert!(ok, "{stderr}");

    // The account commands work on the demo's accounts, as the account pages do.
    let login = ["--login", "0912000004"];
    let (ok, stdout, stderr) = run(&[
        "user",
        "grant",
        login[0],
        login[1],
        "--role",
        "front_work_team",
        "--unit",
        "00541-01",
    ]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("is now front_work_team"), "{stdout}");
    let (ok, _, stderr) = run(&[
        "user",
        "grant",
        login[0],
        login[1],
        "--role",
        "front_work_team",
        "--unit",
        "00541-01",
    ]);
    assert!(!ok && stderr.contains("already holds"), "{stderr}");
    let (ok, stdout, stderr) = run(&[
        "user",
        "revoke",
        login[0],
        login[1],
        "--role",
        "front_work_team",
        "--unit",
        "00541-01",
    ]);
    assert!(ok && stdout.contains("no longer holds"), "{stderr}");
    let (ok, _, stderr) = run(&[
        "user",
        "revoke",
        login[0],
        login[1],
        "--role",
        "front_work_team",
        "--unit",
        "00541-01",
    ]);
    assert!(!ok && stderr.contains("does not hold"), "{stderr}");
    let (ok, stdout, _) = run(&["user", "lock", login[0], login[1]]);
    assert!(ok && stdout.contains("is locked"), "{stdout}");
    let (ok, stdout, _) = run(&["user", "unlock", login[0], login[1]]);
    assert!(ok && stdout.contains("is unlocked"), "{stdout}");
    let (ok, _, stderr) = run(&["user", "lock", "--login", "0999999999"]);
    assert!(!ok && stderr.contains("no account with login"), "{stderr}");
    let (ok, _, stderr) = run(&["user", "password", login[0], login[1]]);
    assert!(!ok && stderr.contains("DINH_NEW_PASSWORD"), "{stderr}");

    // The outbox: the demo's morning digest is in the inboxes and waits for e-mail.
    let (ok, stdout, stderr) = run(&["outbox", "status"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("inbox  sent"), "{stdout}");
    assert!(stdout.contains("email  queued"), "{stdout}");
    let (ok, stdout, _) = run(&["outbox", "kinds"]);
    assert!(
        ok && stdout.contains("petitions.case_step") && stdout.contains("(required)"),
        "{stdout}"
    );
    let (ok, stdout, stderr) = run(&["outbox", "send"]);
    assert!(
        ok && stdout.contains("0 sent"),
        "no [mail]: e-mail stays queued: {stdout}{stderr}"
    );
    let (ok, stdout, _) = run(&["outbox", "retry"]);
    assert!(
        ok && stdout.contains("0 message(s) queued again"),
        "{stdout}"
    );
    let bad_mail = Command::new(env!("CARGO_BIN_EXE_dinh"))
        .arg("--data")
        .arg(&dir)
        .args(["outbox", "send"])
        .env_remove("DINH_DATABASE_URL")
        .env("DINH_MAIL_HOST", "127.0.0.1")
        .env("DINH_MAIL_FROM", "not an address")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&bad_mail.stderr);
    assert!(
        !bad_mail.status.success() && stderr.contains("[mail] from"),
        "{stderr}"
    );

    // Data the demo did not make is never replaced.
    std::fs::remove_file(dir.join("dinh.sqlite.demo")).unwrap();
    let (ok, _, stderr) = run(&["demo", "--no-serve"]);
    assert!(!ok);
    assert!(stderr.contains("will not replace it"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
