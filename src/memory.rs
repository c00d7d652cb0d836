//! Giving freed memory back to the operating system.
//!
//! glibc keeps what a program frees in its arenas for reuse, and raises its mmap
//! threshold after the first large free, so the 19 MiB argon2 blocks and the garbage of a
//! sign-in burst would stay resident for good. An idle server should be small: after
//! dropping its idle blocks it asks glibc to return free pages with `malloc_trim`.
#![allow(unsafe_code)]

/// Returns the allocator's free pages to the operating system (glibc only; elsewhere a
/// no-op). Takes a few milliseconds on a busy heap: call it when idle, not per request.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only takes glibc's arena locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
