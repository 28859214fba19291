//! What a diagnostic draws of the file: an [`Excerpt`] holds only the lines around its labels,
//! each made visible (see [`crate::text`]) and cut to a window around the label, with the real
//! line numbers. miette draws the excerpt instead of the whole file, so drawing costs the same
//! for a 100-byte file and a 16 MB one, a label at column 70,000 is drawn like one at column 10,
//! and nothing from the file reaches the terminal raw.

use std::fmt::Write as _;

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::model::Span;
use crate::source::SourceFile;
use crate::text;

/// How many labels a diagnostic draws; it says how many more there are.
pub const MAX_LABELS: usize = 20;

/// The characters of a line drawn around a label, at most.
const WINDOW: usize = 160;
/// The columns miette's gutter takes before a source line (` 123 │ `), and a margin.
const GUTTER: usize = 10;
/// Of those, how many come before the label's start.
const BEFORE: usize = 30;
/// A label over more lines than this is drawn on its first line only.
const MAX_LABEL_LINES: usize = 6;
/// Drawn lines at most this far apart are joined by the lines between them.
const GAP: usize = 3;
/// The fewest characters of a label kept, however narrow the terminal.
const MIN_LABEL: usize = 24;
/// Lines of context above and below a label (as miette is told).
pub const CONTEXT_LINES: usize = 1;

/// The lines a diagnostic shows, and its labels placed in them.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: String,
    text: String,
    /// Each drawn line: its offset in `text`, its length there, and its 0-based line number.
    lines: Vec<DrawnLine>,
    labels: Vec<(SourceSpan, String, usize)>,
    /// Labels left out beyond [`MAX_LABELS`].
    pub hidden: usize,
}

#[derive(Debug, Clone, Copy)]
struct DrawnLine {
    start: usize,
    len: usize,
    number: usize,
    /// Whether the next drawn line is the next line of the file (so they may be drawn together).
    continues: bool,
}

impl Excerpt {
    /// The excerpt of `source` for these labels (span, text), in file order; the first is the
    /// primary one.
    pub fn new(source: &SourceFile, labels: &[(Span, String)]) -> Excerpt {
        Excerpt::within(source, labels, WINDOW + GUTTER)
    }

    /// The excerpt, with each drawn line short enough for a terminal `width` columns wide.
    pub fn within(source: &SourceFile, labels: &[(Span, String)], width: usize) -> Excerpt {
        let window = width.saturating_sub(GUTTER).clamp(BEFORE + 10, WINDOW);
        let starts = source.line_starts();
        let text = &*source.text;
        let hidden = labels.len().saturating_sub(MAX_LABELS);
        // Which lines the labels cover, and where on each line a label starts (in file bytes).
        let mut wanted: Vec<(usize, usize)> = Vec::new();
        let placed: Vec<Placed> =
            labels.iter().take(MAX_LABELS).map(|(span, _)| Placed::new(text, starts, *span)).collect();
        for &Placed { start, first, last, .. } in &placed {
            wanted.extend((first..=last).zip(&starts[first..=last]).map(|(line, ls)| (line, start.max(*ls))));
        }
        // The lines to draw: each label line with its context, in order, once.
        let mut numbers: Vec<usize> = Vec::new();
        for &(line, _) in &wanted {
            let from = line.saturating_sub(CONTEXT_LINES);
            let to = (line + CONTEXT_LINES).min(starts.len() - 1);
            numbers.extend(from..=to);
        }
        numbers.sort_unstable();
        numbers.dedup();
        // Labels a few lines apart are drawn as one snippet, with the lines between them.
        let mut filled: Vec<usize> = Vec::with_capacity(numbers.len());
        for n in numbers {
            if let Some(&last) = filled.last()
                && n > last + 1
                && n - last <= GAP + 1
            {
                filled.extend(last + 1..n);
            }
            filled.push(n);
        }
        let numbers = filled;
        let mut excerpt = Excerpt {
            name: text::visible(&source.name).into_owned(),
            text: String::new(),
            lines: Vec::new(),
            labels: Vec::new(),
            hidden,
        };
        // Where each drawn line's bytes went in the excerpt, for the label ends on drawn lines.
        let mut maps: Vec<LineMap> = Vec::with_capacity(numbers.len());
        for (i, &line) in numbers.iter().enumerate() {
            let (ls, le) = line_bounds(text, starts, line);
            // The window: around the first label on this line, else the line's start.
            let anchor = wanted.iter().filter(|w| w.0 == line).map(|w| w.1).min().unwrap_or(ls);
            // No more bytes than characters wanted is no more characters either: most lines.
            let from = if anchor - ls <= BEFORE || text[ls..anchor].chars().count() <= BEFORE {
                ls
            } else {
                anchor - text[ls..anchor].chars().rev().take(BEFORE).map(char::len_utf8).sum::<usize>()
            };
            let to = if le - from <= window {
                le
            } else {
                text[from..le].char_indices().nth(window).map_or(le, |(i, _)| from + i)
            };
            let start = excerpt.text.len();
            if from > ls {
                excerpt.text.push('…');
            }
            let map = LineMap::copy(line, &text[from..to], from, &mut excerpt.text);
            if to < le {
                excerpt.text.push('…');
            }
            let len = excerpt.text.len() - start;
            excerpt.text.push('\n');
            let continues = numbers.get(i + 1) == Some(&(line + 1));
            excerpt.lines.push(DrawnLine { start, len, number: line, continues });
            maps.push(map);
        }
        // The labels, placed in the excerpt (cut to the window where they run past it).
        let place = |line: usize, byte: usize| -> usize {
            let Ok(at) = maps.binary_search_by_key(&line, |m| m.line) else { return 0 };
            maps[at].place(text, byte)
        };
        for (&Placed { start, end, first, last }, (span, label)) in placed.iter().zip(labels) {
            let (_, first_end) = line_bounds(text, starts, first);
            let end = if last == first { end.min(first_end) } else { end };
            let a = place(first, start);
            let b = place(last, end).max(a);
            // The label is drawn after the gutter, at its column, behind "╰── ": cut to the width.
            let line_start = excerpt.lines.iter().find(|l| l.number == first).map_or(0, |l| l.start);
            // miette draws it under the middle of a span on one line.
            let chars = |from: usize, to: usize| excerpt.text.get(from..to).map_or(0, |t| t.chars().count());
            let on_line = excerpt.lines.iter().find(|l| l.number == first).map_or(a, |l| l.start + l.len);
            let column = chars(line_start, a) + chars(a, b.min(on_line)) / 2;
            let gutter = (numbers.last().copied().unwrap_or(first) + 1).to_string().len() + 4;
            let room = width.saturating_sub(gutter + column + 6).max(MIN_LABEL);
            let label = text::label(&text::shorten(label, room));
            excerpt.labels.push((SourceSpan::from((a, b - a)), label, span.column));
        }
        excerpt
    }

    /// The labels for miette, the first primary.
    pub fn labeled_spans(&self) -> impl Iterator<Item = LabeledSpan> + '_ {
        self.labels.iter().enumerate().map(|(i, (span, text, _))| {
            if i == 0 {
                LabeledSpan::new_primary_with_span(Some(text.clone()), *span)
            } else {
                LabeledSpan::new_with_span(Some(text.clone()), *span)
            }
        })
    }

    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    fn drawn_line(&self, offset: usize) -> Option<usize> {
        let i = self.lines.partition_point(|l| l.start + l.len < offset);
        (i < self.lines.len()).then_some(i)
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let first = self.drawn_line(span.offset()).ok_or(MietteError::OutOfBounds)?;
        let last = self.drawn_line(span.offset() + span.len().saturating_sub(1)).ok_or(MietteError::OutOfBounds)?;
        // A span over lines that are not neighbours in the file cannot be drawn as one.
        if (first..last).any(|i| !self.lines[i].continues) {
            return Err(MietteError::OutOfBounds);
        }
        let mut top = first;
        while top > 0 && first - top < before && self.lines[top - 1].continues {
            top -= 1;
        }
        let mut bottom = last;
        while bottom + 1 < self.lines.len() && bottom - last < after && self.lines[bottom].continues {
            bottom += 1;
        }
        let end = self.lines[bottom].start + self.lines[bottom].len + 1;
        let (start, column) = if before == 0 {
            // miette asks this way for the place it names in the header: give the file's column.
            let column = self.labels.iter().find(|(s, _, _)| s.offset() == span.offset()).map_or_else(
                || self.text[self.lines[first].start..span.offset()].chars().count(),
                |(_, _, c)| c.saturating_sub(1),
            );
            (span.offset(), column)
        } else {
            (self.lines[top].start, 0)
        };
        let end = end.min(self.text.len());
        // miette joins two labels' snippets when the first one's lines reach the second's: say
        // they reach to the end of this run of neighbouring lines, so that labels a few lines
        // apart share one snippet, as they would in the whole file.
        let mut run_end = bottom;
        while run_end + 1 < self.lines.len() && self.lines[run_end].continues {
            run_end += 1;
        }
        let line_count = self.lines[run_end].number - self.lines[top].number + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[start..end],
            SourceSpan::from((start, end - start)),
            self.lines[top].number,
            column,
            line_count,
        )))
    }
}

/// How one drawn line's file bytes map to the excerpt: runs copied as they are (a tab drawn as
/// one space) and, between them, characters drawn visibly in more bytes.
struct LineMap {
    line: usize,
    /// The window's file bytes, and where its end went in the excerpt.
    from: usize,
    to: usize,
    end: usize,
    /// (file byte, excerpt byte, whether a copied run starts there), in file order; the first
    /// is the window's start.
    marks: Vec<(usize, usize, bool)>,
}

impl LineMap {
    /// Copies `window` (which starts at file byte `from`) to the end of `out`, made visible.
    fn copy(line: usize, window: &str, from: usize, out: &mut String) -> LineMap {
        let mut marks = vec![(from, out.len(), true)];
        if !text::holds_unsafe(window, text::C0::All) {
            out.push_str(window);
            return LineMap { line, from, to: from + window.len(), end: out.len(), marks };
        }
        let mut run = 0;
        for (i, c) in window.char_indices() {
            if c == '\t' {
                out.push_str(&window[run..i]);
                out.push(' ');
                run = i + 1;
            } else if text::is_unsafe(c) {
                out.push_str(&window[run..i]);
                marks.push((from + i, out.len(), false));
                let _ = write!(out, "{}", text::visible(c.encode_utf8(&mut [0; 4])));
                run = i + c.len_utf8();
                marks.push((from + run, out.len(), true));
            }
        }
        out.push_str(&window[run..]);
        LineMap { line, from, to: from + window.len(), end: out.len(), marks }
    }

    /// Where a file byte on this line is in the excerpt: before the window, its start; past it,
    /// its end; inside a character, that character's start.
    fn place(&self, text: &str, byte: usize) -> usize {
        if byte >= self.to {
            return self.end;
        }
        let mut byte = byte.max(self.from);
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let at = self.marks.partition_point(|m| m.0 <= byte).saturating_sub(1);
        let (file, excerpt, copied) = self.marks[at];
        if copied { excerpt + (byte - file) } else { excerpt }
    }
}

/// A label's span in the file: its bytes (inside the text, on character boundaries) and its
/// first and last line (the first only, for a label over more than [`MAX_LABEL_LINES`]).
#[derive(Clone, Copy)]
struct Placed {
    start: usize,
    end: usize,
    first: usize,
    last: usize,
}

impl Placed {
    fn new(text: &str, starts: &[usize], span: Span) -> Placed {
        let (start, end) = clamp(text, span.offset, span.offset.saturating_add(span.len));
        let first = line_of(starts, start);
        let last = line_of(starts, end.saturating_sub(1).max(start));
        Placed { start, end, first, last: if last - first >= MAX_LABEL_LINES { first } else { last } }
    }
}

/// The span inside the text and on character boundaries.
fn clamp(text: &str, start: usize, end: usize) -> (usize, usize) {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(start);
    (start, floor(end).max(start))
}

/// The 0-based line holding a byte offset.
fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|s| *s <= offset).saturating_sub(1)
}

/// A line's byte range without its line break.
fn line_bounds(text: &str, starts: &[usize], line: usize) -> (usize, usize) {
    let start = starts[line];
    let end = starts
        .get(line + 1)
        .map_or_else(|| text.len() - usize::from(text.ends_with('\n') || text.ends_with('\r')), |next| next - 1);
    let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') { end - 1 } else { end };
    (start, end.max(start))
}
