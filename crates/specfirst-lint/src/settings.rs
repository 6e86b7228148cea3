//! Which rules run at which severity, from `.specfirst.yaml`.

use std::collections::{HashMap, HashSet};

use specfirst_config::{Config, INVALID_CONFIG, Level, Options};
use specfirst_diagnostics::{Diagnostic, Severity};

use crate::profiles;
use crate::registry::{ALL_RULES, find_rule};

pub use crate::profiles::PROFILES;

/// The resolved configuration the engine runs with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub options: Options,
    /// Overrides by rule (or loader check) code.
    levels: HashMap<String, Level>,
    /// Rules that no profile of `extends` enables (and `rules:` does not).
    profile_off: HashSet<&'static str>,
}

impl Default for Settings {
    /// The `recommended` profile with the rulebook's default options.
    fn default() -> Self {
        Settings {
            options: Options::default(),
            levels: HashMap::new(),
            profile_off: profiles::disabled_by(["recommended"].into_iter())
                .into_iter()
                .collect(),
        }
    }
}

impl Settings {
    /// Resolves a configuration: checks rule codes and profile names against
    /// the registry and reports the unknown ones where they are written.
    #[must_use]
    pub fn from_config(config: &Config) -> (Settings, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut levels = HashMap::new();
        for (profile, location) in &config.extends {
            if !PROFILES.contains(&profile.as_str()) {
                diags.push(
                    Diagnostic::new(
                        INVALID_CONFIG.0,
                        INVALID_CONFIG.1,
                        Severity::Error,
                        format!("unknown profile `{profile}`"),
                        location.clone(),
                    )
                    .with_help(format!("available profiles: {}", PROFILES.join(", "))),
                );
            }
        }
        for (key, setting) in &config.rules {
            let code = find_rule(key).map(|m| m.code.to_owned()).or_else(|| {
                specfirst_source::checks::ALL
                    .iter()
                    .find(|c| c.code == key.as_str() || c.name == key.as_str())
                    .map(|c| c.code.to_owned())
            });
            match code {
                Some(code) => {
                    levels.insert(code, setting.level);
                }
                None => {
                    let names = ALL_RULES
                        .iter()
                        .flat_map(|r| [r.meta().code, r.meta().name])
                        .chain(
                            specfirst_source::checks::ALL
                                .iter()
                                .flat_map(|c| [c.code, c.name]),
                        );
                    let mut d = Diagnostic::new(
                        INVALID_CONFIG.0,
                        INVALID_CONFIG.1,
                        Severity::Error,
                        format!("unknown rule `{key}`"),
                        setting.location.clone(),
                    );
                    if let Some(best) = specfirst_config::closest(key, names) {
                        d = d.with_help(format!("did you mean `{best}`?"));
                    } else {
                        d = d.with_help("`specfirst rules` lists every rule");
                    }
                    diags.push(d);
                }
            }
        }
        let known: Vec<&str> = config
            .extends
            .iter()
            .map(|(p, _)| p.as_str())
            .filter(|p| PROFILES.contains(p))
            .collect();
        let chosen = if known.is_empty() {
            vec!["recommended"]
        } else {
            known
        };
        (
            Settings {
                options: config.options.clone(),
                levels,
                profile_off: profiles::disabled_by(chosen.iter().copied())
                    .into_iter()
                    .collect(),
            },
            diags,
        )
    }

    /// The severity a rule or loader check runs at, or `None` when it is off.
    #[must_use]
    pub fn severity(&self, code: &str) -> Option<Severity> {
        match self.levels.get(code) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None if self.profile_off.contains(code) => None,
            None => find_rule(code)
                .map(|m| m.default_severity)
                .or_else(|| {
                    specfirst_source::checks::ALL
                        .iter()
                        .find(|c| c.code == code)
                        .map(|c| c.severity)
                })
                .or(Some(Severity::Error)),
        }
    }

    /// Only `code` enabled, at its default severity (for rule tests).
    #[must_use]
    pub fn only(code: &str) -> Settings {
        let mut levels = HashMap::new();
        for rule in ALL_RULES.iter() {
            if rule.meta().code != code {
                levels.insert(rule.meta().code.to_owned(), Level::Off);
            }
        }
        Settings {
            options: Options::default(),
            levels,
            profile_off: HashSet::new(),
        }
    }

    /// Applies the configured levels to diagnostics made outside the engine
    /// (loader, config): drops the ones that are off and re-levels the rest.
    pub fn apply_levels(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(|d| match self.levels.get(d.code) {
            Some(Level::Off) => false,
            Some(Level::On(s)) => {
                d.severity = *s;
                true
            }
            None => true,
        });
    }
}
