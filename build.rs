//! Converts the bundled dictionaries (`data/*.yaml`) to JSON in `OUT_DIR`, where
//! `src/dictionary.rs` embeds them. The YAML stays the file people read and extend; reading it
//! with serde_yaml at every start took about 15 ms of a load budget of 50 ms (issue 5), the
//! same data as JSON reads in about 2 ms. A malformed data file fails the build, naming it.

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in ["countries", "actors", "blockers"] {
        let source = Path::new("data").join(format!("{name}.yaml"));
        println!("cargo::rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let value: serde_json::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let json = serde_json::to_string(&value).expect("a YAML value serializes as JSON");
        std::fs::write(out.join(format!("{name}.json")), json).expect("OUT_DIR is writable");
    }
}
