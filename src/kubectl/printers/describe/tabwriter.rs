//! Go's `text/tabwriter` as `kubectl describe` configures it (minwidth 0, padding 2, spaces):
//! a column is aligned only across a block of consecutive lines that all have a cell in it,
//! which is what gives describe output its staggered look.

/// Aligns tab-separated cells of `text` the way Go's tabwriter does with the given minimum
/// width and padding. Cells end at a tab; the text after a line's last tab is not a column.
pub fn align(text: &str, minwidth: usize, padding: usize) -> String {
    let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut widths = Vec::new();
    let settings = Settings { minwidth, padding };
    format_block(&lines, &mut widths, 0, lines.len(), &settings, &mut out);
    out
}

struct Settings {
    minwidth: usize,
    padding: usize,
}

fn width_of(cell: &str) -> usize {
    cell.chars().count()
}

/// Number of tab-terminated cells (columns) a line has.
fn columns(line: &[&str]) -> usize {
    line.len().saturating_sub(1)
}

fn format_block(
    lines: &[Vec<&str>],
    widths: &mut Vec<usize>,
    mut line0: usize,
    line1: usize,
    settings: &Settings,
    out: &mut String,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column >= columns(&lines[this]) {
            this += 1;
            continue;
        }
        write_lines(lines, widths, line0, this, out);
        line0 = this;
        let mut width = settings.minwidth;
        while this < line1 && column < columns(&lines[this]) {
            width = width.max(width_of(lines[this][column]) + settings.padding);
            this += 1;
        }
        widths.push(width);
        format_block(lines, widths, line0, this, settings, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, widths, line0, line1, out);
}

fn write_lines(lines: &[Vec<&str>], widths: &[usize], from: usize, to: usize, out: &mut String) {
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j < widths.len() && j < columns(line) {
                let pad = widths[j].saturating_sub(width_of(cell));
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::align;

    #[test]
    fn columns_align_only_within_consecutive_lines() {
        let text = "Name:\tnginx\nNamespace:\tdefault\nContainers:\n  c:\n    Image:\tnginx\n    Port:\t80/TCP\n";
        assert_eq!(
            align(text, 0, 2),
            "Name:       nginx\nNamespace:  default\nContainers:\n  c:\n    Image:  nginx\n    Port:   80/TCP\n"
        );
    }

    #[test]
    fn empty_last_cell_keeps_the_padding() {
        assert_eq!(align("IP:\t\nIPs:\t<none>\n", 0, 2), "IP:   \nIPs:  <none>\n");
    }

    #[test]
    fn nested_columns_get_their_own_widths() {
        let text = "  Type\tReason\tAge\n  ----\t------\t---\n  Normal\tScheduled\t5s\n";
        assert_eq!(align(text, 0, 2), "  Type    Reason     Age\n  ----    ------     ---\n  Normal  Scheduled  5s\n");
    }
}
