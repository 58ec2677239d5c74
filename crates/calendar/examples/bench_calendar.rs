//! Benchmark: lunar conversion of every day 1900-2100, and deadline computations per second.
//!
//! Run with `cargo run --release -p dinh-calendar --example bench_calendar`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use dinh_calendar::{HolidayCalendar, Period, solar_to_lunar};

const RUNS: usize = 11;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// xorshift64*: a tiny deterministic generator, so no dependency is needed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn main() {
    let t = Instant::now();
    solar_to_lunar(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
    println!(
        "lunar table build (1798-2201, once): {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let cal = HolidayCalendar::shipped().unwrap();
    println!(
        "holiday calendar build (1800-2199): {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap();
    let days: Vec<NaiveDate> = (0..=(last - first).num_days())
        .map(|i| first + Duration::days(i))
        .collect();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        for d in &days {
            black_box(solar_to_lunar(black_box(*d)).unwrap());
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "solar->lunar, every day 1900-2100 ({} days): median {:.3} ms over {RUNS} runs",
        days.len(),
        median(times)
    );

    let periods = [
        Period::working_days(5),
        Period::working_days(7),
        Period::working_days(10),
        Period::working_days(15),
        Period::calendar_days(2),
        Period::calendar_days(15),
        Period::calendar_days(20),
        Period::calendar_days(30),
        Period::calendar_days(45),
        Period::calendar_days(60),
        Period::calendar_days(90),
        Period::months(3),
    ];
    let base = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let span = (NaiveDate::from_ymd_opt(2030, 12, 31).unwrap() - base).num_days() as u64;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    const N: usize = 1_000_000;
    let inputs: Vec<(NaiveDate, Period)> = (0..N)
        .map(|_| {
            let start = base + Duration::days((rng.next() % span) as i64);
            let p = periods[(rng.next() % periods.len() as u64) as usize];
            (start, p)
        })
        .collect();
    let mut rates = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        for (i, (start, p)) in inputs.iter().enumerate() {
            if i % 8 == 7 {
                black_box(cal.latest_date_before(black_box(*start), *p).unwrap());
            } else {
                black_box(cal.due_date(black_box(*start), *p).unwrap());
            }
        }
        rates.push(N as f64 / t.elapsed().as_secs_f64());
    }
    println!(
        "deadline computations (due_date / latest_date_before, mixed units, starts 2020-2030): median {:.0} per second over {RUNS} runs",
        median(rates)
    );

    let mut rates = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        for (start, p) in inputs.iter().take(N / 10) {
            black_box(cal.due_after(black_box(*start), *p).unwrap().explain(&cal));
        }
        rates.push((N / 10) as f64 / t.elapsed().as_secs_f64());
    }
    println!(
        "deadline + bilingual explanation: median {:.0} per second over {RUNS} runs",
        median(rates)
    );
}
