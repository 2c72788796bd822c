//! Rebuild when a catalogue file or a whole new locale folder appears: `static_loader!` reads
//! the folder at compile time, and `include_str!` only tracks the files it already knew.
fn main() {
    println!("cargo:rerun-if-changed=locales");
    if let Ok(dirs) = std::fs::read_dir("locales") {
        for dir in dirs.flatten() {
            println!("cargo:rerun-if-changed={}", dir.path().display());
        }
    }
}
