//! What a finding does to tenants: the consequence that ranks it, whatever its rule.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A finding's consequence, most harmful first: the order of the text report and of `Ord`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Sockets of another company, or unauthenticated ones, can receive the payload.
    Leak,
    /// A namespace or a join lets the wrong clients in, whatever is emitted there today.
    Unguarded,
    /// No client can receive it: a namespace no client connects to, an event no listener uses.
    Lost,
    /// Breaks a house rule and harms nobody today.
    Convention,
}

impl Impact {
    pub const ALL: [Impact; 4] = [Impact::Leak, Impact::Unguarded, Impact::Lost, Impact::Convention];

    /// What the run fails on by default: everything but conventions.
    pub const FAILING: [Impact; 3] = [Impact::Leak, Impact::Unguarded, Impact::Lost];

    pub const fn name(self) -> &'static str {
        match self {
            Impact::Leak => "leak",
            Impact::Unguarded => "unguarded",
            Impact::Lost => "lost",
            Impact::Convention => "convention",
        }
    }

    /// One line, for the text report's group headings and the docs.
    pub const fn meaning(self) -> &'static str {
        match self {
            Impact::Leak => "another company's sockets, or unauthenticated ones, can receive the payload",
            Impact::Unguarded => "a namespace or a join lets the wrong clients in",
            Impact::Lost => "no client can receive it",
            Impact::Convention => "breaks a house rule; harms nobody today",
        }
    }

    /// GitHub code scanning's `security-severity` (0–10): leaks rank as high, conventions as low.
    pub const fn security_severity(self) -> &'static str {
        match self {
            Impact::Leak => "8.5",
            Impact::Unguarded => "7.5",
            Impact::Lost => "4.0",
            Impact::Convention => "1.0",
        }
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Impact {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        Impact::ALL.into_iter().find(|impact| impact.name() == text).ok_or(())
    }
}

/// How many findings carry each impact, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImpactCounts {
    pub leak: usize,
    pub unguarded: usize,
    pub lost: usize,
    pub convention: usize,
}

impl ImpactCounts {
    pub fn of(impacts: impl IntoIterator<Item = Impact>) -> Self {
        let mut counts = ImpactCounts::default();
        for impact in impacts {
            *counts.get_mut(impact) += 1;
        }
        counts
    }

    pub fn get(&self, impact: Impact) -> usize {
        match impact {
            Impact::Leak => self.leak,
            Impact::Unguarded => self.unguarded,
            Impact::Lost => self.lost,
            Impact::Convention => self.convention,
        }
    }

    fn get_mut(&mut self, impact: Impact) -> &mut usize {
        match impact {
            Impact::Leak => &mut self.leak,
            Impact::Unguarded => &mut self.unguarded,
            Impact::Lost => &mut self.lost,
            Impact::Convention => &mut self.convention,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impacts_rank_leaks_first_and_parse_their_names() {
        let mut shuffled = [Impact::Convention, Impact::Lost, Impact::Leak, Impact::Unguarded];
        shuffled.sort();
        assert_eq!(shuffled, Impact::ALL);
        for impact in Impact::ALL {
            assert_eq!(impact.name().parse(), Ok(impact));
        }
        assert!("leaks".parse::<Impact>().is_err());
    }

    #[test]
    fn counts_add_up_per_impact() {
        let counts = ImpactCounts::of([Impact::Leak, Impact::Lost, Impact::Leak]);
        assert_eq!(
            (counts.get(Impact::Leak), counts.get(Impact::Lost), counts.convention),
            (2, 1, 0)
        );
    }
}
