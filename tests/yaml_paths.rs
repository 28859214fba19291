//! The one-pass tree builder (`src/yaml/events.rs`) against serde-saphyr's spanned deserializer:
//! wherever the builder answers, its tree – kinds, values, keys, spans – is the deserializer's,
//! and where it does not, the deserializer's answer (a tree or the same error) is what
//! `parse_tree` gives. Checked on every YAML file in the repository, on hostile texts, and on
//! generated edits of the examples.

use aftale::yaml::{parse_tree, parse_tree_deserialized, parse_tree_in_one_pass};
use proptest::prelude::*;

/// Compares the two paths on one text; returns whether the one-pass builder answered.
fn same(text: &str) -> bool {
    let slow = parse_tree_deserialized(text);
    let chosen = parse_tree(text);
    assert_eq!(format!("{chosen:?}"), format!("{slow:?}"), "parse_tree differs from the deserializer on {text:?}");
    match parse_tree_in_one_pass(text) {
        Some(fast) => {
            let slow =
                slow.unwrap_or_else(|e| panic!("the builder took a text the deserializer refuses ({e}): {text:?}"));
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "the trees differ on {text:?}");
            true
        }
        None => false,
    }
}

fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !path.ends_with("target") {
                yaml_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn every_yaml_file_in_the_repository_reads_the_same_both_ways() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["examples", "rules", "tests/fixtures", "tests/hostile"] {
        yaml_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "{}", files.len());
    let mut fast = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        fast += usize::from(same(&text));
    }
    // The examples and rule files take the one-pass path: it is the fast path for real files.
    for example in ["hovedstaden-2024-2027", "nordjylland-2024-2027", "midtjylland-2024-2027"] {
        let text = std::fs::read_to_string(root.join(format!("examples/{example}.yaml"))).unwrap();
        assert!(parse_tree_in_one_pass(&text).is_some(), "{example}");
    }
    assert!(fast * 2 > files.len(), "{fast} of {} in one pass", files.len());
}

#[test]
fn hostile_and_unusual_texts_read_the_same_both_ways() {
    let deep = format!("{}1{}", "[".repeat(60), "]".repeat(60));
    let nested = (0..70).map(|i| format!("{}a{i}:\n", "  ".repeat(i))).collect::<String>();
    let wide = (0..5000).map(|i| format!("k{i}: v\n")).collect::<String>();
    let list = format!("a:\n{}", "  - x\n".repeat(20_000));
    let texts = [
        "",
        "\n",
        "# kun kommentar\n",
        "---\n",
        "...\n",
        "a: 1\n---\nb: 2\n",
        "a: &x [1]\nb: *x\n",
        "<<: {a: 1}\n",
        "a: !!str 5\n",
        "a: !lokal x\n",
        "? [a]\n: b\n",
        "? a\n: b\n",
        "a: 1\na: 2\n",
        "'a': 1\na: 2\n",
        "a: yes\n",
        "a: No\n",
        "a: ~\n",
        "a: null\n",
        "a: NULL\n",
        "a:\n",
        "a: ''\n",
        "a: \"\"\n",
        "a: 'null'\n",
        "a: 0o17\n",
        "a: 0x1F\n",
        "a: 1e3\n",
        "a: .inf\n",
        "a: -.inf\n",
        "a: .nan\n",
        "a: +1\n",
        "a: 012\n",
        "a: -0\n",
        "a: 1_000\n",
        "a: 1.\n",
        "a: .5\n",
        "a: 99999999999999999999\n",
        "a: 2024-1-1\n",
        "a: 2024-01-01T10:00:00\n",
        "a: 12:30\n",
        "a: true\n",
        "a: True\n",
        "a: FALSE\n",
        "1: a\n",
        "true: a\n",
        "null: a\n",
        "~: a\n",
        ": a\n",
        "a: [1, 2\n",
        "a: {b: 1\n",
        "a: \"abc\n",
        "a:\n\tb: 1\n",
        "a: b: c\n",
        "\u{feff}a: 1\n",
        "a: |\n  linje 1\n  linje 2\n",
        "a: >-\n  foldet\n  tekst\n",
        "a: 'en ''citeret'' tekst'\n",
        "a: \"\\u00e6\\t\\n\"\n",
        "a: \"\\ud800\"\n",
        "a:\n  - b: 1\n    c: 2\n  - [x, y]\n",
        "- a\n- b\n",
        "abc\n",
        "a: b\n  c\n",
        "a: æøå\nb: Ærø\n",
        "fokusomra\u{30a}der: 1\nfokusområder: 2\n",
        "%YAML 1.2\n---\na: 1\n",
        "%TAG !e! tag:example.com:\n---\na: !e!x 1\n",
        "a: *ukendt\n",
        "a: &a\n  b: *a\n",
        &deep,
        &nested,
        &wide,
        &list,
    ];
    // Deep nesting recurses in serde's visitors: as in the checker, with a large stack.
    let texts: Vec<String> = texts.iter().map(|t| (*t).to_owned()).collect();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            for text in &texts {
                same(text);
            }
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(same("a: æøå\nb: Ærø\nc: 2024-01-01\nd: 1.0\ne: [1, -2, 0.5]\nf: null\ng: true\n"));
}

/// An edit of an example: characters YAML gives meaning to, put in, taken out or repeated.
fn edited() -> impl Strategy<Value = String> {
    let examples = [
        include_str!("../examples/hovedstaden-2024-2027.yaml"),
        include_str!("../examples/nordjylland-2024-2027.yaml"),
        include_str!("../examples/midtjylland-2024-2027.yaml"),
    ];
    let pieces = prop::sample::select(vec![
        ":",
        ": ",
        "-",
        "- ",
        " ",
        "  ",
        "\n",
        "\t",
        "#",
        "&a ",
        "*a",
        "!",
        "!!str ",
        "'",
        "\"",
        "[",
        "]",
        "{",
        "}",
        ",",
        "?",
        "|",
        ">",
        "~",
        "null",
        "yes",
        "0",
        "01",
        "1.5",
        "-1",
        "2024-01-01",
        "æ",
        "\u{30a}",
        "<<: ",
        "---\n",
        "%",
        "@",
        "`",
        "\\",
        "\u{feff}",
    ]);
    (
        prop::sample::select(examples.to_vec()),
        prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, pieces), 1..4),
    )
        .prop_map(|(text, edits)| {
            let mut text = text.to_owned();
            for (at, what, piece) in edits {
                let mut i = at.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                match what {
                    0 | 1 => text.insert_str(i, piece),
                    2 => {
                        let end = text[i..].char_indices().nth(3).map_or(text.len(), |(j, _)| i + j);
                        text.replace_range(i..end, "");
                    }
                    _ => {
                        let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
                        let line_end = text[i..].find('\n').map_or(text.len(), |p| i + p + 1);
                        let line = text[line_start..line_end].to_owned();
                        text.insert_str(line_end, &line);
                    }
                }
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn edited_examples_read_the_same_both_ways(text in edited()) {
        same(&text);
    }
}
