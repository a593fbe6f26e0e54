// Charts drawn as SVG elements (no library, no inline style: presentation attributes for geometry,
// CSS classes for colour). Each chart is an image with a <title> and a <desc>, followed by the
// same figures as a table, so nothing is said by the picture alone.
import { element } from '../../ui.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

type SvgChild = SVGElement | string | null | undefined | false;

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, ...children: SvgChild[]): SVGElementTagNameMap[K] {
  const created = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, String(value));
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    created.append(child);
  }
  return created;
}

/** A rounded-up axis maximum and its step, for integer counts (1, 2, 5 × 10^n). */
export function axisScale(max: number, ticks = 4): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  return { max: Math.ceil(max / step) * step, step };
}

export interface ChartText {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
}

function chartRoot(text: ChartText, width: number, height: number, ...children: SvgChild[]): SVGSVGElement {
  return svg(
    'svg',
    { id: text.id, class: 'chart-svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': `${text.id}-title ${text.id}-desc`, focusable: 'false' },
    svg('title', { id: `${text.id}-title` }, text.title),
    svg('desc', { id: `${text.id}-desc` }, text.desc),
    ...children,
  );
}

export interface ColumnDatum {
  readonly label: string;
  readonly value: number;
}

/** Vertical bars (one per month): value above each bar, every label under it when they fit. */
export function columnChart(text: ChartText, data: readonly ColumnDatum[], barClass: string): SVGSVGElement {
  const width = 720;
  const height = 260;
  const left = 44;
  const right = 8;
  const top = 16;
  const bottom = 36;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const scale = axisScale(Math.max(0, ...data.map((d) => d.value)));
  const slot = plotWidth / Math.max(1, data.length);
  const labelEvery = Math.max(1, Math.ceil(data.length / 12));
  const y = (value: number) => top + plotHeight - (value / scale.max) * plotHeight;
  const grid: SVGElement[] = [];
  for (let tick = 0; tick <= scale.max; tick += scale.step) {
    grid.push(svg('line', { class: 'chart-grid', x1: left, x2: width - right, y1: y(tick), y2: y(tick) }));
    grid.push(svg('text', { class: 'chart-axis', x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, String(tick)));
  }
  const bars = data.map((d, i) => {
    const x = left + i * slot + slot * 0.15;
    const barWidth = slot * 0.7;
    return svg(
      'g',
      {},
      svg('rect', { class: `chart-bar ${barClass}`, x, y: y(d.value), width: barWidth, height: Math.max(0, y(0) - y(d.value)) }),
      d.value > 0 ? svg('text', { class: 'chart-value', x: x + barWidth / 2, y: y(d.value) - 4, 'text-anchor': 'middle' }, String(d.value)) : null,
      i % labelEvery === 0 ? svg('text', { class: 'chart-axis', x: x + barWidth / 2, y: height - bottom + 18, 'text-anchor': 'middle' }, d.label) : null,
    );
  });
  return chartRoot(text, width, height, ...grid, svg('line', { class: 'chart-baseline', x1: left, x2: width - right, y1: y(0), y2: y(0) }), ...bars);
}

export interface BarDatum {
  readonly label: string;
  readonly value: number;
  /** What is written at the end of the bar (defaults to the value). */
  readonly valueText?: string;
  readonly barClass: string;
}

/** Horizontal bars, one per row, label on the left and the value at the end of the bar. */
export function barChart(text: ChartText, data: readonly BarDatum[], max?: number): SVGSVGElement {
  const width = 720;
  const labelWidth = 330;
  const valueWidth = 90;
  const rowHeight = 34;
  const top = 8;
  const height = top * 2 + rowHeight * data.length;
  const plotWidth = width - labelWidth - valueWidth;
  const scaleMax = Math.max(1, max ?? Math.max(0, ...data.map((d) => d.value)));
  const rows = data.map((d, i) => {
    const y = top + i * rowHeight;
    const barWidth = (Math.max(0, d.value) / scaleMax) * plotWidth;
    return svg(
      'g',
      {},
      svg('text', { class: 'chart-label', x: labelWidth - 10, y: y + rowHeight / 2 + 5, 'text-anchor': 'end' }, d.label),
      svg('rect', { class: `chart-bar ${d.barClass}`, x: labelWidth, y: y + 6, width: barWidth, height: rowHeight - 12 }),
      svg('text', { class: 'chart-value', x: labelWidth + barWidth + 6, y: y + rowHeight / 2 + 5 }, d.valueText ?? String(d.value)),
    );
  });
  return chartRoot(text, width, height, svg('line', { class: 'chart-baseline', x1: labelWidth, x2: labelWidth, y1: top, y2: height - top }), ...rows);
}

export interface ShareDatum {
  /** The legend's words, value included ("Dans le délai : 3"). */
  readonly legend: string;
  readonly value: number;
  readonly barClass: string;
}

/** One bar split into shares of a whole (e.g. feedback on time / late), with a legend under it. */
export function shareChart(text: ChartText, parts: readonly ShareDatum[], centre: string): SVGSVGElement {
  const width = 720;
  const height = 110;
  const left = 10;
  const barWidth = width - left - 120;
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  let x = left;
  const segments = parts.map((p) => {
    const w = total === 0 ? 0 : (p.value / total) * barWidth;
    const rect = svg('rect', { class: `chart-bar ${p.barClass}`, x, y: 10, width: w, height: 40 });
    x += w;
    return rect;
  });
  const legend = parts.map((p, i) =>
    svg(
      'g',
      {},
      svg('rect', { class: `chart-bar ${p.barClass}`, x: left + i * 240, y: 70, width: 16, height: 16 }),
      svg('text', { class: 'chart-label', x: left + i * 240 + 24, y: 84 }, p.legend),
    ),
  );
  return chartRoot(
    text,
    width,
    height,
    svg('rect', { class: 'chart-track', x: left, y: 10, width: barWidth, height: 40 }),
    ...segments,
    svg('text', { class: 'chart-centre', x: width - left, y: 40, 'text-anchor': 'end' }, centre),
    ...legend,
  );
}

/** The chart's figures as a table, in a disclosure under the picture. */
export function chartTable(summary: string, caption: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLDetailsElement {
  return element(
    'details',
    { class: 'chart-data' },
    element('summary', {}, summary),
    element(
      'div',
      { class: 'table-scroll' },
      element(
        'table',
        { class: 'data' },
        element('caption', {}, caption),
        element('thead', {}, element('tr', {}, ...head.map((h) => element('th', { scope: 'col' }, h)))),
        element('tbody', {}, ...rows.map(([first, ...rest]) => element('tr', {}, element('th', { scope: 'row' }, first ?? ''), ...rest.map((cell) => element('td', {}, cell))))),
      ),
    ),
  );
}
