//! Aligned text tables the way kubectl writes them through `liggitt/tabwriter`: a column is as
//! wide as its longest cell plus the padding (at least the minimum width), the last column is
//! never padded, and widths can be remembered so later rows only ever widen a column (watch).

/// Writes rows of cells as aligned text; keeps the widths it used for the next call.
#[derive(Clone, Debug)]
pub struct TableWriter {
    min_width: usize,
    padding: usize,
    widths: Vec<usize>,
}

impl TableWriter {
    /// kubectl's table settings: minimum width 6, padding 3.
    pub fn kubectl() -> Self {
        TableWriter::new(6, 3)
    }

    /// A writer with other settings (`rollout history` pads with 2, describe's tables with 1).
    pub fn new(min_width: usize, padding: usize) -> Self {
        TableWriter { min_width, padding, widths: Vec::new() }
    }

    /// Forgets remembered widths (a new resource group starts afresh).
    pub fn reset(&mut self) {
        self.widths.clear();
    }

    /// Renders rows (each line ends with a newline). Every column but the last gets
    /// `max(min_width, longest cell + padding, remembered width)`; the widths are remembered.
    pub fn render(&mut self, rows: &[Vec<String>]) -> String {
        let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| clean_cell(c)).collect()).collect();
        for row in &rows {
            for (i, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
                let wanted = (cell.chars().count() + self.padding).max(self.min_width);
                if self.widths.len() <= i {
                    self.widths.resize(i + 1, 0);
                }
                self.widths[i] = self.widths[i].max(wanted);
            }
        }
        let mut out = String::new();
        for row in &rows {
            let last = row.len().saturating_sub(1);
            for (i, cell) in row.iter().enumerate() {
                out.push_str(cell);
                if i < last {
                    let pad = self.widths[i].saturating_sub(cell.chars().count());
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push('\n');
        }
        out
    }
}

/// Renders rows with kubectl's settings and fresh widths.
pub fn render_table(rows: &[Vec<String>]) -> String {
    TableWriter::kubectl().render(rows)
}

/// A cell is cut at its first line break, with `...` appended, as kubectl's table printer does.
fn clean_cell(cell: &str) -> String {
    match cell.find(['\n', '\r', '\x0c']) {
        Some(i) => format!("{}...", &cell[..i]),
        None => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn columns_are_padded_by_three_with_minimum_six() {
        let text = render_table(&[row(&["NAME", "READY", "AGE"]), row(&["nginx-abc", "1/1", "5s"])]);
        assert_eq!(text, "NAME        READY   AGE\nnginx-abc   1/1     5s\n");
    }

    #[test]
    fn empty_last_cell_keeps_the_previous_padding() {
        let text = render_table(&[row(&["NAME", "ADDRESS"]), row(&["web", ""])]);
        assert_eq!(text, "NAME   ADDRESS\nweb    \n");
    }

    #[test]
    fn remembered_widths_only_grow() {
        let mut w = TableWriter::kubectl();
        let first = w.render(&[row(&["NAME", "STATUS", "AGE"]), row(&["a", "Pending", "0s"])]);
        let second = w.render(&[row(&["a", "ContainerCreating", "1s"])]);
        let third = w.render(&[row(&["a", "Running", "3s"])]);
        assert_eq!(first, "NAME   STATUS    AGE\na      Pending   0s\n");
        assert_eq!(second, "a      ContainerCreating   1s\n");
        assert_eq!(third, "a      Running             3s\n");
    }

    #[test]
    fn multi_line_cells_are_cut() {
        assert_eq!(render_table(&[row(&["A", "x\ny"])]), "A     x...\n");
    }
}
