// Text bar charts for a fixed-width font: one line per row, `label  ████▌ value`.

/** Full and half blocks only: the eighth blocks are missing from some monospace fonts (Consolas). */
const FULL = '█';
const HALF = '▌';
export const BAR_WIDTH = 20;

export interface BarRow {
  label: string;
  value: number;
  /** How the value is written after the bar (defaults to the number). */
  display?: string;
}

/**
 * Bars scaled to the largest value (`width` cells, half-cell steps); a non-zero value always gets at
 * least a half block, so "some" never looks like "none". Labels and values are padded into columns.
 */
export function barLines(rows: BarRow[], width = BAR_WIDTH): string[] {
  const max = Math.max(0, ...rows.map((row) => row.value));
  const labelWidth = Math.max(0, ...rows.map((row) => [...row.label].length));
  return rows.map((row) => {
    const halves = max === 0 || row.value <= 0 ? 0 : Math.max(1, Math.round((row.value / max) * width * 2));
    const bar = FULL.repeat(Math.floor(halves / 2)) + (halves % 2 === 1 ? HALF : '');
    const label = row.label + ' '.repeat(labelWidth - [...row.label].length);
    return `${label}  ${bar}${' '.repeat(width - Math.ceil(halves / 2))}  ${row.display ?? String(row.value)}`.trimEnd();
  });
}
