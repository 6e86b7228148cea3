//! Conventions every rule follows, checked over the whole registry (clippy's
//! and ripgrep's meta tests): codes and names, the sections of the docs,
//! examples that do what the docs say, a fixture per rule, message style.

mod common;

use std::collections::HashSet;
use std::io::Write as _;

use specfirst_diagnostics::Diagnostic;
use specfirst_lint::{ALL_RULES, RuleMeta};

fn metas() -> Vec<&'static RuleMeta> {
    ALL_RULES.iter().map(|r| r.meta()).collect()
}

#[test]
fn codes_are_unique_and_sorted() {
    let codes: Vec<&str> = metas().iter().map(|m| m.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(codes, sorted, "ALL_RULES must list unique codes in order");
    for code in codes {
        let (prefix, number) = code.split_once('-').unwrap_or((code, ""));
        assert!(
            !prefix.is_empty()
                && prefix.chars().all(|c| c.is_ascii_uppercase())
                && number.len() == 3
                && number.chars().all(|c| c.is_ascii_digit()),
            "code `{code}` is not of the form `ABC-123`"
        );
    }
}

#[test]
fn names_are_unique_kebab_case() {
    let mut seen = HashSet::new();
    for m in metas() {
        assert!(seen.insert(m.name), "name `{}` is used twice", m.name);
        let kebab = !m.name.is_empty()
            && m.name.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
            && m.name.starts_with(|c: char| c.is_ascii_lowercase());
        assert!(kebab, "name `{}` of {} is not kebab-case", m.name, m.code);
    }
}

#[test]
fn docs_have_the_required_sections() {
    for m in metas() {
        let docs = m.explanation();
        let mut at = 0;
        for section in [
            "## What it does\n",
            "## Why is this bad?\n",
            "## Example\n",
            "```yaml\n",
            "Use instead:\n",
            "```yaml\n",
        ] {
            let Some(found) = docs[at..].find(section) else {
                panic!(
                    "the docs of {} ({}) lack `{}` (in this order: What it does, \
                     Why is this bad?, Example with a yaml block, Use instead: with a yaml block)",
                    m.code,
                    m.name,
                    section.trim_end()
                );
            };
            at += found + section.len();
        }
        let (bad, good) = m.examples();
        assert!(
            bad.is_some_and(|b| !b.trim().is_empty()),
            "{}: empty bad example",
            m.code
        );
        assert!(
            good.is_some_and(|g| !g.trim().is_empty()),
            "{}: empty good example",
            m.code
        );
        assert!(
            !m.summary.is_empty() && m.summary.ends_with('.'),
            "{}: the summary is one sentence, ending with a period",
            m.code
        );
    }
}

/// A rule example as a whole document: fragments (no `openapi:`) go under a
/// minimal 3.1 skeleton.
fn as_document(example: &str) -> String {
    if example.lines().any(|l| l.starts_with("openapi:")) {
        example.to_owned()
    } else {
        format!("openapi: 3.1.0\ninfo: {{title: Example, version: '1'}}\n{example}")
    }
}

/// The options an example asks for: a first line `# .specfirst.yaml: {key: value}`
/// (for rules that only apply under a non-default option).
fn example_options(
    loader: &specfirst_source::Loader,
    dir: &std::path::Path,
    example: &str,
) -> specfirst_config::Options {
    // Two spellings: a first line `# .specfirst.yaml: {key: value, ...}`, or
    // any number of lines `# option: key: value`.
    let mut config_text = String::new();
    if let Some(mapping) = example
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# .specfirst.yaml:"))
    {
        config_text.push_str(mapping.trim());
        config_text.push('\n');
    }
    for line in example
        .lines()
        .filter_map(|l| l.trim().strip_prefix("# option: "))
    {
        config_text.push_str(line);
        config_text.push('\n');
    }
    if config_text.is_empty() {
        return specfirst_config::Options::default();
    }
    let path = dir.join(".specfirst.yaml");
    std::fs::write(&path, &config_text).unwrap_or_else(|e| panic!("write: {e}"));
    let (config, diags) = specfirst_config::Config::load(loader, &path);
    assert!(
        diags.is_empty(),
        "invalid example options `{config_text}`: {diags:?}"
    );
    config.options
}

/// The findings of `code` alone on a rule example, written to a temporary
/// directory (so relative `$ref`s in it stay inside the project).
fn lint_example(code: &str, example: &str) -> (Vec<Diagnostic>, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("example").join("api.yaml");
    std::fs::create_dir_all(path.parent().unwrap_or(dir.path()))
        .unwrap_or_else(|e| panic!("mkdir: {e}"));
    let text = as_document(example);
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("write: {e}"));
    let loader = common::loader();
    let options = example_options(&loader, dir.path(), example);
    let diagnostics: Vec<Diagnostic> = common::lint_with_options(&loader, &path, code, options)
        .into_iter()
        .filter(|d| d.code == code)
        .collect();
    let rendered = common::render(&diagnostics, loader.sources());
    (diagnostics, format!("{text}\n---\n{rendered}"))
}

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    for m in metas() {
        let (bad, good) = m.examples();
        let (bad, good) = (bad.unwrap_or_default(), good.unwrap_or_default());
        let (found, shown) = lint_example(m.code, &bad);
        assert!(
            !found.is_empty(),
            "the bad example of {} ({}) does not fire it:\n{shown}",
            m.code,
            m.name
        );
        let (found, shown) = lint_example(m.code, &good);
        assert!(
            found.is_empty(),
            "the good example of {} ({}) fires it:\n{shown}",
            m.code,
            m.name
        );
    }
}

#[test]
fn every_rule_has_a_fixture_and_every_fixture_names_a_rule() {
    let fixtures = common::fixtures();
    let codes: HashSet<&str> = metas().iter().map(|m| m.code).collect();
    for f in &fixtures {
        assert!(
            codes.contains(f.code.as_str()),
            "fixture `{}` names no rule (its name must start with a rule code)",
            f.name
        );
        if let Some(m) = metas().into_iter().find(|m| m.code == f.code) {
            assert_eq!(
                f.category,
                m.category,
                "fixture `{}` belongs in {}/{}/",
                f.name,
                common::FIXTURES,
                m.category
            );
        }
        assert!(
            common::crate_dir().join(&f.entry).is_file(),
            "fixture `{}` has no entry document `{}`",
            f.name,
            f.entry.display()
        );
    }
    for m in metas() {
        assert!(
            fixtures.iter().any(|f| f.code == m.code),
            "{} ({}) has no fixture: add {}/{}/{}.yaml",
            m.code,
            m.name,
            common::FIXTURES,
            m.category,
            m.code
        );
    }
}

#[test]
fn fixtures_have_an_ok_section() {
    for f in common::fixtures() {
        let path = common::crate_dir().join(&f.entry);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        assert!(
            text.lines().any(|l| l.starts_with("# OK")),
            "fixture `{}` has no `# OK` section of near-misses",
            f.name
        );
    }
}

/// Whether a message starts the way messages do: lower case, a quote or
/// backtick, or an upper-case acronym (`GET /pets …`).
fn starts_well(message: &str) -> bool {
    let first_word = message.split([' ', ':']).next().unwrap_or_default();
    match message.chars().next() {
        Some(c) if c.is_lowercase() || matches!(c, '`' | '\'' | '"') => true,
        Some(c) if c.is_uppercase() => {
            first_word.len() > 1
                && first_word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        }
        _ => false,
    }
}

#[test]
fn messages_follow_the_style() {
    // Every finding of every rule on its fixtures and its examples.
    let loader = common::loader();
    let mut messages: Vec<(String, String)> = Vec::new();
    for f in common::fixtures() {
        for d in common::lint_fixture(&loader, &f) {
            // The loader's own diagnostics are not the rule's.
            if d.code == f.code {
                messages.push((f.name.clone(), d.message));
            }
        }
    }
    for m in metas() {
        let (bad, _) = m.examples();
        let (found, _) = lint_example(m.code, &bad.unwrap_or_default());
        messages.extend(found.into_iter().map(|d| (m.code.to_owned(), d.message)));
    }
    assert!(!messages.is_empty());
    for (source, message) in &messages {
        assert!(
            starts_well(message),
            "{source}: message does not start in lower case (or with a quote or an acronym): {message}"
        );
        assert!(
            !message.ends_with('.') && !message.ends_with('!'),
            "{source}: message ends with punctuation: {message}"
        );
        assert!(
            !message.contains('\n'),
            "{source}: message has several lines (put details in help or notes): {message}"
        );
    }
}

#[test]
fn message_style_check_itself() {
    assert!(starts_well("operationId `x` is used twice"));
    assert!(starts_well("`components.schemas.A` is never used"));
    assert!(starts_well(
        "GET /pets does not declare path parameter `id`"
    ));
    assert!(!starts_well("Operation is bad"));
    assert!(!starts_well("A thing"));
}

/// `src/rulebook.rs` is Appendix A of the rulebook, and every rule whose code
/// is a rulebook ID is a static or partial rule of it, at its severity.
#[test]
fn rules_agree_with_the_rulebook() {
    use specfirst_lint::rulebook::{Enforcement, RULEBOOK};
    let path = common::crate_dir().join("../../../shared/guidelines/RULEBOOK.md");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let appendix = text
                .split("## Appendix A")
                .nth(1)
                .and_then(|t| t.split("## Appendix B").next())
                .unwrap_or_default();
            let ids: Vec<&str> = appendix
                .lines()
                .filter(|l| l.starts_with("| ") && !l.starts_with("| ID"))
                .filter_map(|l| l.trim_matches('|').split('|').next())
                .map(str::trim)
                .filter(|id| !id.starts_with("---"))
                .collect();
            let ours: Vec<&str> = RULEBOOK.iter().map(|e| e.id).collect();
            assert_eq!(
                ours, ids,
                "src/rulebook.rs is stale: run `python3 scripts/rulebook-index.py`"
            );
        }
        // The rulebook lives beside the repository, not in it.
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{}: {e}; not compared", path.display());
        }
    }
    for m in metas() {
        let Some(entry) = RULEBOOK.iter().find(|e| e.id == m.code) else {
            continue;
        };
        assert!(
            matches!(
                entry.enforcement,
                Enforcement::Static | Enforcement::Partial
            ),
            "{} is `Static: {}` in the rulebook: it is not a lint rule",
            m.code,
            entry.enforcement.as_str()
        );
        // The rulebook's own checks list names a higher severity for one case
        // than its Severity field; the rule runs at the higher one.
        const HIGHER_CASE: &[&str] = &[
            "QUERY-003", // `sort` not typed string → error; Severity: warning
        ];
        assert!(
            entry.severity.contains(m.default_severity.as_str()) || HIGHER_CASE.contains(&m.code),
            "{} has severity {} but the rulebook says `{}`",
            m.code,
            m.default_severity,
            entry.severity
        );
    }
}
