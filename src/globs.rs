//! File patterns from outside – a configuration's `udelad` and `afvigelser.filer`, `--exclude`,
//! the lines of an ignore file – are bounded before the glob library compiles them: a pattern
//! it cannot compile (a 200,000-character `?` run, braces nested 500 deep) must be an error, not
//! a panic or a regex of hundreds of megabytes.

/// The longest pattern compiled, in bytes.
pub const MAX_PATTERN_BYTES: usize = 1024;
/// The deepest nesting of `{…}` alternatives.
pub const MAX_BRACE_DEPTH: usize = 3;
/// The most `{…}`, `*`, `?` and `[…]` in one pattern.
pub const MAX_WILDCARDS: usize = 64;
/// The most patterns one configuration, command line or ignore file may hold.
pub const MAX_PATTERNS: usize = 1000;

/// Why a pattern is refused before compiling it, in Danish; `None` when it may be compiled.
pub fn refusal(pattern: &str) -> Option<String> {
    if pattern.len() > MAX_PATTERN_BYTES {
        return Some(format!("mønstret er længere end {MAX_PATTERN_BYTES} tegn"));
    }
    let (mut depth, mut deepest, mut wildcards) = (0usize, 0usize, 0usize);
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '{' => {
                depth += 1;
                deepest = deepest.max(depth);
                wildcards += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            '*' | '?' | '[' => wildcards += 1,
            _ => {}
        }
    }
    if deepest > MAX_BRACE_DEPTH {
        return Some(format!("mønstret har `{{…}}` i mere end {MAX_BRACE_DEPTH} niveauer"));
    }
    if wildcards > MAX_WILDCARDS {
        return Some(format!("mønstret har mere end {MAX_WILDCARDS} jokertegn"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_the_glob_library_cannot_compile_are_refused_first() {
        assert!(refusal("aftaler/**/*.yaml").is_none());
        assert!(refusal("{a,{b,c}}").is_none());
        assert!(refusal(&"?".repeat(200_000)).is_some());
        assert!(refusal(&"?".repeat(100)).is_some());
        assert!(refusal(&format!("{}x{}", "{".repeat(500), "}".repeat(500))).is_some());
        assert!(refusal("\\{\\{\\{\\{\\{").is_none());
        // Whatever passes compiles without a panic.
        for p in ["{a,{b,{c,d}}}", &"*".repeat(64), "[a-z]?*{x,y}"] {
            assert!(refusal(p).is_none(), "{p}");
            let _ = globset::Glob::new(p).map(|g| g.compile_matcher());
        }
    }
}
