//! The house rules of `docs/ARCHITECTURE.md`, checked on the sources themselves so a change that breaks
//! one fails here rather than in a review: no import circle between the modules of a crate, no source
//! file longer than one reads in a sitting (tables of words and generated files aside), no module named
//! for nothing in particular, and nothing in the repository that points outside the clone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LONGEST_FILE: usize = 400;
const VAGUE_NAMES: [&str; 4] = ["utils", "helpers", "manager", "service"];

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !["target", "node_modules", "dist", "gen", ".git"].contains(&name.as_str()) {
                files_under(&path, found);
            }
        } else {
            found.push(path);
        }
    }
}

fn sources(extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for folder in [
        "crates",
        "src-tauri",
        "tests",
        "ui/src",
        "benches",
        "scripts",
    ] {
        files_under(&repository().join(folder), &mut found);
    }
    found.retain(|path| {
        path.extension()
            .is_some_and(|ext| extensions.contains(&ext.to_string_lossy().as_ref()))
    });
    found.sort();
    found
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repository())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// The module a source file of a crate's `src` is, as a path from the crate root (`audit::rows`).
fn module_of(src: &Path, file: &Path) -> String {
    let inner = file.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = inner
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .filter(|part| part != "mod")
        .collect();
    match parts.as_slice() {
        [only] if only == "lib" || only == "main" => String::new(),
        _ => parts.join("::"),
    }
}

/// The top-level modules of the crate that `text` names through `crate::…` (`use crate::x`,
/// `crate::x::f()`, `use crate::{x, y::z}`), ignoring what sits in comments.
fn top_level_uses(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|item| item.trim().split("::").next().unwrap_or("").trim())
                    .collect()
            } else {
                vec![
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or(""),
                ]
            };
            for name in names {
                if modules.contains(name) {
                    used.insert(name.to_owned());
                }
            }
        }
    }
    used
}

/// Finds one cycle in `graph`, as the list of modules around it.
fn a_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|seen| seen == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_crate_has_an_import_circle_between_its_top_level_modules() {
    let mut crate_sources = vec![repository().join("src-tauri/src")];
    for entry in std::fs::read_dir(repository().join("crates"))
        .unwrap()
        .flatten()
    {
        crate_sources.push(entry.path().join("src"));
    }
    let mut circles = Vec::new();
    for src in crate_sources {
        let mut files = Vec::new();
        files_under(&src, &mut files);
        files.retain(|file| file.extension().is_some_and(|ext| ext == "rs"));
        let top = |file: &Path| {
            module_of(&src, file)
                .split("::")
                .next()
                .unwrap_or("")
                .to_owned()
        };
        let modules: BTreeSet<String> = files
            .iter()
            .map(|file| top(file))
            .filter(|m| !m.is_empty())
            .collect();
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in &files {
            let module = top(file);
            if module.is_empty() {
                continue;
            }
            let text = std::fs::read_to_string(file).unwrap();
            let uses = top_level_uses(&text, &modules);
            graph
                .entry(module.clone())
                .or_default()
                .extend(uses.into_iter().filter(|used| *used != module));
        }
        if let Some(cycle) = a_cycle(&graph) {
            circles.push(format!("{}: {}", relative(&src), cycle.join(" → ")));
        }
    }
    assert!(
        circles.is_empty(),
        "modules that import each other (make the shared part its own module, or let one side \
         receive what it needs):\n{}",
        circles.join("\n")
    );
}

/// Tables of words (one entry per line, nothing to follow) and generated files may be long.
fn may_be_long(path: &str) -> bool {
    path.contains("/wording/")
        || path.ends_with("ui/src/lib/words.ts")
        || path.contains(".generated.")
        || path.ends_with("ui/src/lib/bindings.ts")
}

#[test]
fn no_source_file_is_longer_than_one_reads_in_a_sitting() {
    let long: Vec<String> = sources(&["rs", "ts", "svelte", "sh"])
        .into_iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(&path).ok()?.lines().count();
            let name = relative(&path);
            (lines > LONGEST_FILE && !may_be_long(&name)).then(|| format!("{name}: {lines} lines"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over {LONGEST_FILE} lines (split them by what they own):\n{}",
        long.join("\n")
    );
}

#[test]
fn no_module_is_named_for_nothing_in_particular() {
    let vague: Vec<String> = sources(&["rs", "ts", "svelte", "sh"])
        .into_iter()
        .filter(|path| {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            let folder = path
                .parent()
                .and_then(Path::file_name)
                .unwrap_or_default()
                .to_string_lossy();
            VAGUE_NAMES.contains(&stem.as_ref())
                || (stem == "mod" && VAGUE_NAMES.contains(&folder.as_ref()))
        })
        .map(|path| relative(&path))
        .collect();
    assert!(vague.is_empty(), "modules named {VAGUE_NAMES:?}: {vague:?}");
}

#[test]
fn nothing_in_the_repository_points_outside_the_clone() {
    let mut files = Vec::new();
    files_under(&repository(), &mut files);
    files.retain(|path| {
        let name = relative(path);
        !name.starts_with("target")
            && !name.ends_with(".lock")
            && !name.ends_with("package-lock.json")
            && !name.ends_with(".png")
            && !name.ends_with(".pdf")
            && !name.ends_with(".ttf")
            && !name.ends_with(".ico")
            && !name.ends_with(".icns")
            && !name.ends_with("house_rules.rs")
    });
    let outside: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            ["../shared", "/work/shared", "DESIGN.md"]
                .iter()
                .any(|needle| text.contains(needle))
                .then(|| relative(path))
        })
        .collect();
    assert!(
        outside.is_empty(),
        "files that send the reader outside the repository (cite the public documentation by name \
         instead): {outside:?}"
    );
}
