//! Giving freed memory back to the operating system.
//!
//! glibc keeps what a program frees in its arenas for reuse, and raises its mmap
//! threshold after the first large free, so the 19 MiB argon2 blocks and the garbage of a
//! sign-in burst would stay resident for good: a block freed at the top of a thread's
//! arena is never returned, not even by `malloc_trim`. An idle server should be small:
//! [`init`] fixes the threshold, so each block is a mapping of its own that dropping it
//! unmaps, and [`give_back`] returns the free pages of the arenas.
#![allow(unsafe_code)]

/// Allocations from this size up get a mapping of their own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1 << 20;

/// Sets the allocator up; call first thing in `main`.
pub fn init() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter; called before any thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Returns the allocator's free pages to the operating system (glibc only; elsewhere a
/// no-op). Takes a few milliseconds on a busy heap: call it when idle, not per request.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only takes glibc's arena locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
