//! The messages in locales/ are embedded by a macro that cargo does not watch: rebuild
//! when any of them, or a new language folder, changes.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
