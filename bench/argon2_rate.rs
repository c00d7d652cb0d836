//! The raw argon2id hash rate on every core, at Steward's configured parameters: the
//! ceiling that sign-ins per second are compared with in `bench/run`. One thread per
//! core hashes in a loop (each in its own reused memory block, as the server does) for
//! the given number of seconds; prints `{"hashes_per_second": …, "threads": …}`.
//!
//!     cargo run --release --example argon2_rate -- [seconds] [config.toml]

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Block, Version};
use steward::config::Config;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let seconds: f64 = args.next().map_or(Ok(3.0), |s| s.parse())?;
    let config = Config::load(args.next().as_deref().map(std::path::Path::new))?;
    let security = &config.security;
    let params = steward::crypto::argon2_params(security)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let run_for = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let counts: Vec<u64> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|i| {
                let params = params.clone();
                scope.spawn(move || {
                    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
                    let mut memory = vec![Block::default(); params.block_count()];
                    let mut out = [0u8; 32];
                    let salt = [i as u8; 16];
                    let mut done = 0u64;
                    while started.elapsed() < run_for {
                        argon2
                            .hash_password_into_with_memory(
                                b"bench password",
                                &salt,
                                &mut out,
                                &mut memory,
                            )
                            .expect("argon2 with valid parameters");
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let total: u64 = counts.iter().sum();
    println!(
        "{{\"hashes_per_second\": {:.2}, \"threads\": {threads}, \"m_kib\": {}, \"t\": {}, \"p\": {}}}",
        total as f64 / elapsed,
        security.argon2_memory_kib,
        security.argon2_time_cost,
        security.argon2_parallelism
    );
    Ok(())
}
