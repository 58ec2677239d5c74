//! Application-made 64-bit ids, sortable by creation time, the same on both engines.
//!
//! Layout: 41 bits of milliseconds since 2025-01-01 UTC, 10 bits of node number
//! (`DINH_NODE_ID`, or random per process), 12 bits of sequence within the millisecond.

use std::sync::Mutex;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

const EPOCH_MS: u64 = 1_735_689_600_000; // 2025-01-01T00:00:00Z

struct Generator {
    node: u64,
    last_ms: u64,
    seq: u64,
}

fn generator() -> &'static Mutex<Generator> {
    static GEN: OnceLock<Mutex<Generator>> = OnceLock::new();
    GEN.get_or_init(|| {
        let node = std::env::var("DINH_NODE_ID")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or_else(rand::random::<u64>)
            & 0x3ff;
        Mutex::new(Generator {
            node,
            last_ms: 0,
            seq: 0,
        })
    })
}

fn now_ms() -> u64 {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    u64::try_from(ms)
        .unwrap_or(u64::MAX)
        .saturating_sub(EPOCH_MS)
}

/// Returns a new id, unique within this process and (with distinct node numbers) across nodes.
pub fn next_id() -> i64 {
    let mut g = match generator().lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    let mut ms = now_ms().max(g.last_ms);
    if ms == g.last_ms {
        g.seq += 1;
        if g.seq > 0xfff {
            ms += 1; // borrow the next millisecond: ids stay unique and increasing
            g.seq = 0;
        }
    } else {
        g.seq = 0;
    }
    g.last_ms = ms;
    let id = ((ms & 0x1ff_ffff_ffff) << 22) | (g.node << 12) | g.seq;
    i64::try_from(id).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::next_id;

    #[test]
    fn ids_are_unique_and_increasing() {
        let mut last = 0;
        for _ in 0..100_000 {
            let id = next_id();
            assert!(id > last, "{id} after {last}");
            last = id;
        }
    }
}
