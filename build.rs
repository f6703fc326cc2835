//! Embeds the policy packs: generates a table of every file under `policies/`, so that an
//! installed `obligo` carries its rules and schema without needing the source tree.

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

fn main() -> io::Result<()> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?);
    let policies = root.join("policies");
    println!("cargo:rerun-if-changed=policies");
    let mut files = Vec::new();
    collect(&policies, &mut files)?;
    files.sort();
    let mut out = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path
            .strip_prefix(&policies)
            .map_err(io::Error::other)?
            .to_string_lossy()
            .replace('\\', "/");
        out.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("]\n");
    let dest = PathBuf::from(env::var("OUT_DIR").map_err(io::Error::other)?).join("policies.rs");
    fs::write(dest, out)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("cedar" | "cedarschema" | "toml")
        ) {
            files.push(path);
        }
    }
    Ok(())
}
