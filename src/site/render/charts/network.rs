//! Who appears with whom, as a graph laid out at build time: a force-directed layout
//! (Fruchterman–Reingold) from fixed starting points, so the same archive draws the same
//! picture in every build.

use std::fmt::Write;

use super::num;
use crate::site::theme::escape_html as xml;

/// A term of the graph.
#[derive(Debug, Clone)]
pub struct Node {
    pub label: String,
    /// Its page, relative to the page that shows the graph.
    pub href: String,
    /// Its articles: the circle's area.
    pub count: usize,
    /// A CSS class and colour group (the actor's kind).
    pub group: String,
}

/// Two nodes that go together, by index.
#[derive(Debug, Clone)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    /// The line's weight, from 0 to 1.
    pub strength: f64,
    /// What the link says: "JNIM — Wagner : 12 articles".
    pub label: String,
    pub href: String,
}

/// Fill per group, each at least 3:1 against a light background (WCAG AA for graphics).
const PALETTE: [(&str, &str); 6] = [
    ("armed_group", "#b3261e"),
    ("armed_force", "#4d5b12"),
    ("government", "#1f4e8a"),
    ("organisation", "#6a3d9a"),
    ("person", "#8a5a00"),
    ("other", "#5f6368"),
];

pub fn fill(group: &str) -> &'static str {
    PALETTE
        .iter()
        .find(|(g, _)| *g == group)
        .map_or(PALETTE[5].1, |(_, colour)| colour)
}

const SIZE: f64 = 640.0;
const MARGIN: f64 = 70.0;
const ITERATIONS: usize = 300;

/// Positions in the unit square for `count` nodes joined by `edges`.
pub fn layout(count: usize, edges: &[Edge]) -> Vec<(f64, f64)> {
    if count == 0 {
        return Vec::new();
    }
    // Start on a sunflower spiral: spread out, and the same in every build.
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<(f64, f64)> = (0..count)
        .map(|i| {
            let r = 0.45 * ((i as f64 + 0.5) / count as f64).sqrt();
            let angle = i as f64 * golden;
            (0.5 + r * angle.cos(), 0.5 + r * angle.sin())
        })
        .collect();
    let k = (1.0 / count as f64).sqrt();
    let mut temperature = 0.1;
    let gravity = 0.15 * count as f64;
    for _ in 0..ITERATIONS {
        let mut shift = vec![(0.0f64, 0.0f64); count];
        for i in 0..count {
            for j in (i + 1)..count {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(1e-4);
                let push = k * k / d;
                let (ux, uy) = (dx / d * push, dy / d * push);
                shift[i].0 += ux;
                shift[i].1 += uy;
                shift[j].0 -= ux;
                shift[j].1 -= uy;
            }
        }
        for edge in edges {
            let (i, j) = (edge.a, edge.b);
            let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-4);
            let pull = d * d / k * (0.5 + edge.strength);
            let (ux, uy) = (dx / d * pull, dy / d * pull);
            shift[i].0 -= ux;
            shift[i].1 -= uy;
            shift[j].0 += ux;
            shift[j].1 += uy;
        }
        for (p, s) in pos.iter_mut().zip(&shift) {
            // A pull to the centre, as strong as the crowd's push, keeps a separate pair of
            // nodes from drifting off and squeezing the rest into a corner.
            let (sx, sy) = (s.0 + (0.5 - p.0) * gravity, s.1 + (0.5 - p.1) * gravity);
            let length = (sx * sx + sy * sy).sqrt().max(1e-9);
            let step = length.min(temperature);
            p.0 += sx / length * step;
            p.1 += sy / length * step;
        }
        temperature *= 0.985;
    }
    normalise(pos)
}

/// Stretches the positions to fill the unit square.
fn normalise(pos: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &pos {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let (w, h) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
    pos.into_iter()
        .map(|(x, y)| {
            (
                if x1 > x0 { (x - x0) / w } else { 0.5 },
                if y1 > y0 { (y - y0) / h } else { 0.5 },
            )
        })
        .collect()
}

/// The graph as an inline `<svg>`: lines that link to the pair's shared articles, circles
/// that link to the term. Empty without nodes.
pub fn svg(nodes: &[Node], edges: &[Edge], title: &str, id: &str) -> String {
    if nodes.is_empty() {
        return String::new();
    }
    let max = nodes.iter().map(|n| n.count).max().unwrap_or(1).max(1) as f64;
    let radius: Vec<f64> = nodes
        .iter()
        .map(|n| 4.0 + 14.0 * (n.count as f64 / max).sqrt())
        .collect();
    let mut points: Vec<(f64, f64)> = layout(nodes.len(), edges)
        .into_iter()
        .map(|(x, y)| {
            (
                MARGIN + x * (SIZE - 2.0 * MARGIN),
                MARGIN * 0.6 + y * (SIZE - 1.2 * MARGIN),
            )
        })
        .collect();
    let boxes: Vec<(f64, f64)> = nodes
        .iter()
        .zip(&radius)
        .map(|(n, r)| {
            (
                (n.label.chars().count() as f64 * 6.8).max(2.0 * r) + 6.0,
                2.0 * r + 16.0,
            )
        })
        .collect();
    separate(&mut points, &boxes);
    let at = |i: usize| points[i];
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="network" viewBox="0 0 {s} {s}" width="100%" aria-labelledby="{id}" xmlns="http://www.w3.org/2000/svg"><title id="{id}">{title}</title>"#,
        s = num(SIZE),
        title = xml(title),
    );
    for edge in edges {
        let ((x1, y1), (x2, y2)) = (at(edge.a), at(edge.b));
        let label = xml(&edge.label);
        let _ = write!(
            out,
            r##"<a href="{href}" aria-label="{label}"><line class="edge" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#8c8c8c" stroke-opacity="0.7" stroke-width="{w}"><title>{label}</title></line></a>"##,
            href = xml(&edge.href),
            x1 = num(x1),
            y1 = num(y1),
            x2 = num(x2),
            y2 = num(y2),
            w = num(1.0 + 5.0 * edge.strength.clamp(0.0, 1.0)),
        );
    }
    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = at(i);
        let r = radius[i];
        let label = xml(&node.label);
        let _ = write!(
            out,
            r##"<a href="{href}" aria-label="{label} ({count})"><circle class="node {group}" cx="{x}" cy="{y}" r="{r}" fill="{fill}"><title>{label} ({count})</title></circle><text class="node-label" x="{x}" y="{ty}" font-size="12" text-anchor="middle" fill="#1d1d1f">{label}</text></a>"##,
            href = xml(&node.href),
            count = node.count,
            group = xml(&node.group),
            x = num(x),
            y = num(y),
            r = num(r),
            ty = num(y + r + 12.0),
            fill = fill(&node.group),
        );
    }
    out.push_str("</svg>");
    out
}

/// Moves apart the nodes whose label boxes (`width`, `height` around the node) overlap, a
/// little at a time, within the picture.
fn separate(points: &mut [(f64, f64)], boxes: &[(f64, f64)]) {
    for _ in 0..200 {
        let mut moved = false;
        for i in 0..points.len() {
            for j in (i + 1)..points.len() {
                let (dx, dy) = (points[j].0 - points[i].0, points[j].1 - points[i].1);
                let overlap_x = (boxes[i].0 + boxes[j].0) / 2.0 - dx.abs();
                let overlap_y = (boxes[i].1 + boxes[j].1) / 2.0 - dy.abs();
                if overlap_x <= 0.0 || overlap_y <= 0.0 {
                    continue;
                }
                moved = true;
                // Along the axis that frees them soonest; the same side for equal points.
                if overlap_x < overlap_y {
                    let shift = overlap_x / 2.0 + 0.5;
                    let sign = if dx < 0.0 { -1.0 } else { 1.0 };
                    points[i].0 -= sign * shift;
                    points[j].0 += sign * shift;
                } else {
                    let shift = overlap_y / 2.0 + 0.5;
                    let sign = if dy < 0.0 { -1.0 } else { 1.0 };
                    points[i].1 -= sign * shift;
                    points[j].1 += sign * shift;
                }
            }
        }
        for (p, b) in points.iter_mut().zip(boxes) {
            p.0 = p.0.clamp(b.0 / 2.0, SIZE - b.0 / 2.0);
            p.1 = p.1.clamp(20.0, SIZE - b.1);
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(a: usize, b: usize) -> Edge {
        Edge {
            a,
            b,
            strength: 1.0,
            label: format!("{a}-{b}"),
            href: format!("with/{a}-{b}/index.html"),
        }
    }

    fn distance(p: (f64, f64), q: (f64, f64)) -> f64 {
        ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt()
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // Two triangles with no line between them.
        let edges = [edge(0, 1), edge(1, 2), edge(0, 2), edge(3, 4), edge(4, 5), edge(3, 5)];
        let pos = layout(6, &edges);
        let within = distance(pos[0], pos[1]).max(distance(pos[3], pos[4]));
        let across = distance(pos[0], pos[3]).min(distance(pos[2], pos[5]));
        assert!(within < across, "{pos:?}");
        assert!(
            pos.iter()
                .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
        );
    }

    #[test]
    fn the_same_graph_draws_the_same_picture() {
        let edges = [edge(0, 1), edge(1, 2)];
        assert_eq!(layout(4, &edges), layout(4, &edges));
        assert_eq!(layout(1, &[]), [(0.5, 0.5)]);
        assert!(layout(0, &[]).is_empty());
    }

    #[test]
    fn nodes_and_lines_link_and_escape() {
        let nodes: Vec<Node> = ["A & B", "C"]
            .iter()
            .map(|name| Node {
                label: name.to_string(),
                href: format!("actors/{}/index.html", name.len()),
                count: 3,
                group: "armed_group".into(),
            })
            .collect();
        let svg = svg(&nodes, &[edge(0, 1)], "Who <appears>", "net");
        assert!(svg.contains(r#"<title id="net">Who &lt;appears&gt;</title>"#));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("<line").count(), 1);
        assert!(svg.contains(">A &amp; B</text>"), "{svg}");
        assert!(svg.contains(r#"<a href="with/0-1/index.html""#));
        assert!(svg.contains(r##"fill="#b3261e""##));
        assert_eq!(super::svg(&[], &[], "t", "n"), "");
    }
}
