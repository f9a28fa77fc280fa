//! `--output table`, as the AWS CLI's `TableFormatter` (awscli/formatter.py) on its `MultiTable`
//! (awscli/table.py): a section titled by the operation, then one section per nested dict or list
//! (indented one `|` per level); a dict's scalars are a header row and a value row (one scalar: a
//! key/value row); a list of dicts is a header row and one row per dict. Columns are as wide as
//! their widest cell plus 4, scaled to the widest section; when that is wider than the terminal
//! (80 columns when stdout is not one), single-row sections turn into key/value rows.

use super::python_str;
use serde_json::Value as Json;

/// The width the AWS CLI assumes when it cannot ask the terminal.
const DEFAULT_WIDTH: usize = 80;

pub fn render(data: &Json, operation: &str) -> String {
    let mut table = Table::default();
    if !build(&mut table, Some(operation), data, 0) {
        return String::new();
    }
    table.render(DEFAULT_WIDTH)
}

fn is_scalar(v: &Json) -> bool {
    !matches!(v, Json::Object(_) | Json::Array(_))
}


fn empty(v: &Json) -> bool {
    match v {
        Json::Null => true,
        Json::Bool(b) => !b,
        Json::String(s) => s.is_empty(),
        Json::Array(a) => a.is_empty(),
        Json::Object(m) => m.is_empty(),
        Json::Number(n) => n.as_f64() == Some(0.0),
    }
}

/// formatter.py `_build_table`.
fn build(table: &mut Table, title: Option<&str>, current: &Json, indent: usize) -> bool {
    if empty(current) {
        return false;
    }
    if let Some(title) = title {
        table.new_section(title, indent);
    }
    match current {
        Json::Array(items) => {
            if items[0].is_object() {
                sub_table_from_list(table, items, indent, title);
            } else {
                for item in items {
                    match item {
                        Json::Array(row) if row.iter().all(is_scalar) => table.add_row(row.iter().map(python_str).collect()),
                        v if is_scalar(v) => table.add_row(vec![python_str(v)]),
                        other => {
                            build(table, None, other, 0);
                        }
                    }
                }
            }
        }
        Json::Object(m) => sub_table_from_dict(table, m, indent),
        _ => {}
    }
    true
}

/// (scalar keys, other keys), each sorted.
fn group(m: &serde_json::Map<String, Json>) -> (Vec<String>, Vec<String>) {
    let mut headers: Vec<String> = m.iter().filter(|(_, v)| is_scalar(v)).map(|(k, _)| k.clone()).collect();
    let mut more: Vec<String> = m.iter().filter(|(_, v)| !is_scalar(v)).map(|(k, _)| k.clone()).collect();
    headers.sort();
    more.sort();
    (headers, more)
}

fn sub_table_from_dict(table: &mut Table, m: &serde_json::Map<String, Json>, indent: usize) {
    let (headers, more) = group(m);
    if headers.len() == 1 {
        table.add_row(vec![headers[0].clone(), python_str(&m[&headers[0]])]);
    } else if !headers.is_empty() {
        table.add_header(headers.clone());
        table.add_row(headers.iter().map(|k| python_str(&m[k])).collect());
    }
    for key in more {
        build(table, Some(&key), &m[&key], indent + 1);
    }
}

fn sub_table_from_list(table: &mut Table, items: &[Json], indent: usize, title: Option<&str>) {
    let mut headers: Vec<String> = Vec::new();
    let mut more: Vec<String> = Vec::new();
    for m in items.iter().filter_map(Json::as_object) {
        let (h, o) = group(m);
        headers.extend(h);
        more.extend(o);
    }
    headers.sort();
    headers.dedup();
    more.sort();
    more.dedup();
    table.add_header(headers.clone());
    for (i, element) in items.iter().enumerate() {
        let m = element.as_object();
        if i > 0 && !more.is_empty() {
            table.new_section(title.unwrap_or(""), indent);
            table.add_header(headers.clone());
        }
        table.add_row(headers.iter().map(|h| m.and_then(|m| m.get(h)).map_or_else(String::new, python_str)).collect());
        for key in &more {
            if let Some(v) = m.and_then(|m| m.get(key)) {
                build(table, Some(key), v, indent + 1);
            }
        }
    }
}

#[derive(Default, Clone)]
struct Section {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    max_widths: Vec<usize>,
}

fn len(s: &str) -> usize {
    s.chars().count()
}

impl Section {
    fn update_widths(&mut self, row: &[String]) {
        if self.max_widths.is_empty() {
            self.max_widths = row.iter().map(|s| len(s)).collect();
        } else {
            for (i, el) in row.iter().enumerate() {
                if i < self.max_widths.len() {
                    self.max_widths[i] = self.max_widths[i].max(len(el));
                }
            }
        }
    }

    /// table.py `calculate_column_widths`: each column's widest cell plus `padding`, scaled to `max_width`.
    fn column_widths(&self, padding: usize, max_width: Option<usize>) -> Vec<usize> {
        let unscaled: Vec<usize> = self.max_widths.iter().map(|w| w + padding).collect();
        let (Some(max_width), false) = (max_width, unscaled.is_empty()) else { return unscaled };
        let total: usize = unscaled.iter().sum();
        let factor = max_width as f64 / total as f64;
        let mut scaled: Vec<i64> = unscaled.iter().map(|w| (factor * *w as f64).round_ties_even() as i64).collect();
        let mut off_by: i64 = scaled.iter().sum::<i64>() - max_width as i64;
        while off_by != 0 {
            let order: Vec<usize> = if off_by < 0 { (0..scaled.len()).rev().collect() } else { (0..scaled.len()).collect() };
            for i in order {
                if off_by > 0 {
                    scaled[i] -= 1;
                    off_by -= 1;
                } else {
                    scaled[i] += 1;
                    off_by += 1;
                }
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|w| w.max(0) as usize).collect()
    }

    /// table.py `total_width(padding=4, with_border=True, outer_padding=indent)`.
    fn total_width(&self) -> usize {
        let total: usize = self.column_widths(0, None).iter().map(|w| w + 4).sum::<usize>() + 2 + 2 * self.indent;
        total.max(len(&self.title) + 2 + 2 * self.indent)
    }
}

#[derive(Default)]
struct Table {
    sections: Vec<Section>,
}

impl Table {
    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    fn new_section(&mut self, title: &str, indent: usize) {
        self.sections.push(Section { title: title.to_string(), indent, ..Section::default() });
    }

    fn add_header(&mut self, headers: Vec<String>) {
        let s = self.current();
        s.update_widths(&headers);
        s.headers = headers;
    }

    fn add_row(&mut self, row: Vec<String>) {
        let s = self.current();
        s.update_widths(&row);
        s.rows.push(row);
    }

    fn max_width(&self) -> usize {
        self.sections.iter().map(Section::total_width).max().unwrap_or(0)
    }

    fn render(mut self, terminal_width: usize) -> String {
        let mut max_width = self.max_width();
        if max_width > terminal_width {
            // table.py `convert_to_vertical_table`.
            for s in &mut self.sections {
                if s.rows.len() == 1 && !s.headers.is_empty() {
                    let mut v = Section { title: s.title.clone(), indent: s.indent, ..Section::default() };
                    for (h, e) in s.headers.iter().zip(&s.rows[0]) {
                        let row = vec![h.clone(), e.clone()];
                        v.update_widths(&row);
                        v.rows.push(row);
                    }
                    *s = v;
                }
            }
            max_width = self.max_width();
        }
        let mut out = format!("{}\n", "-".repeat(max_width));
        for s in &self.sections {
            render_section(s, max_width, &mut out);
        }
        out
    }
}

/// table.py `IndentedStream`: one `|` per indent level on each side of every line.
fn line(out: &mut String, indent: usize, text: &str) {
    out.push_str(&"|".repeat(indent));
    out.push_str(text);
    out.push_str(&"|".repeat(indent));
    out.push('\n');
}

fn center(text: &str, length: usize, left: &str, right: &str) -> String {
    let start = (length / 2).saturating_sub(len(text) / 2).saturating_sub(1);
    let so_far = len(left) + start + len(text);
    let right_spaces = length.saturating_sub(len(right)).saturating_sub(so_far);
    format!("{left}{}{text}{}{right}", " ".repeat(start), " ".repeat(right_spaces))
}

fn align_left(text: &str, length: usize, left: &str, right: &str) -> String {
    let computed = len(text) + 2 + len(left) + len(right);
    let padding = if length >= computed { 2 } else { 0 };
    let so_far = len(left) + padding + len(text);
    format!("{left}{}{text}{}{right}", " ".repeat(padding), " ".repeat(length.saturating_sub(so_far).saturating_sub(len(right))))
}

fn line_break(widths: &[usize]) -> String {
    widths
        .iter()
        .enumerate()
        .map(|(i, w)| if i == 0 { format!("+{}+", "-".repeat(w.saturating_sub(2))) } else { format!("{}+", "-".repeat(w.saturating_sub(1))) })
        .collect()
}

fn render_section(s: &Section, max_width: usize, out: &mut String) {
    let width = max_width.saturating_sub(s.indent * 2);
    if !s.title.is_empty() {
        line(out, s.indent, &center(&s.title, width, "|", "|"));
        if s.headers.is_empty() && s.rows.is_empty() {
            line(out, s.indent, &format!("+{}+", "-".repeat(width.saturating_sub(2))));
        }
    }
    if !s.headers.is_empty() {
        let widths = s.column_widths(4, Some(width));
        line(out, s.indent, &line_break(&widths));
        let cells: String =
            widths.iter().zip(&s.headers).enumerate().map(|(i, (w, h))| center(h, *w, if i == 0 { "|" } else { "" }, "|")).collect();
        line(out, s.indent, &cells);
    }
    if !s.rows.is_empty() {
        let widths = s.column_widths(4, Some(width));
        if widths.is_empty() {
            return;
        }
        line(out, s.indent, &line_break(&widths));
        for row in &s.rows {
            let cells: String =
                widths.iter().zip(row).enumerate().map(|(i, (w, e))| align_left(e, *w, if i == 0 { "|" } else { "" }, "|")).collect();
            line(out, s.indent, &cells);
        }
        line(out, s.indent, &line_break(&widths));
    }
}

#[cfg(test)]
mod tests {
    use super::render;
    use serde_json::json;

    #[test]
    fn a_narrow_dict_is_a_header_and_a_row() {
        let t = render(&json!({"User": {"UserName": "bob", "Path": "/"}}), "GetUser");
        // Widths: "Path" 4 + 4 and "UserName" 8 + 4 columns, 2 borders, 1 indent level each side.
        let expected = "\
------------------------
|        GetUser       |
+----------------------+
||        User        ||
|+-------+------------+|
|| Path  | UserName   ||
|+-------+------------+|
||  /    |  bob       ||
|+-------+------------+|
";
        assert_eq!(t, expected);
    }

    #[test]
    fn a_wide_single_row_turns_into_key_value_rows() {
        let key = json!({"AccessKey": {"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "CreateDate": "2026-01-01T00:00:00+00:00", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "Status": "Active", "UserName": "Bob"}});
        let t = render(&key, "CreateAccessKey");
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines.iter().all(|l| l.chars().count() == lines[0].chars().count()), "{t}");
        assert!(t.contains("||  SecretAccessKey |  wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY  ||"), "{t}");
        assert!(t.starts_with("-------------------------------------------------------------------\n|                         CreateAccessKey                         |\n"), "{t}");
    }
}
