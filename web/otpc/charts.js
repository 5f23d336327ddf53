// Horizontal bar charts drawn as inline SVG at the width of their container, so that the text
// keeps its size on a phone, each with its data in a table for screen readers.

import { element } from '../i18n.js';
import { texts } from './texts.js';

const svgNamespace = 'http://www.w3.org/2000/svg';
const fontSize = 14;
const barHeight = 18;
// Below this width a row's label goes above its bar, because beside it the bar would be too short.
const stackedBelowWidth = 480;

/**
 * Builds a figure with a bar chart and its data table.
 * chart: {id, title, summary, rows: [{label, value, href?}], labelHeader, valueHeader, lang}.
 */
export function barChart(chart) {
  const t = texts[chart.lang];
  const canvas = element('div', { class: 'chart-canvas' });
  const table = element('table', { class: 'data-table' },
    element('caption', { class: 'visually-hidden', text: chart.title }),
    element('thead', {}, element('tr', {},
      element('th', { scope: 'col', text: chart.labelHeader }),
      element('th', { scope: 'col', class: 'number', text: chart.valueHeader }))),
    element('tbody', {}, chart.rows.map((row) => element('tr', {},
      element('th', { scope: 'row' }, row.href ? element('a', { href: row.href, text: row.label }) : row.label),
      element('td', { class: 'number', text: String(row.value) })))));
  const figure = element('figure', { class: 'chart', id: chart.id },
    element('figcaption', { id: `${chart.id}-title`, text: chart.title }),
    canvas,
    element('details', { class: 'chart-data' }, element('summary', { text: t.chartData }), table));

  let drawnWidth = 0;
  const draw = (width) => {
    const rounded = Math.floor(width);
    if (rounded > 0 && rounded !== drawnWidth) {
      drawnWidth = rounded;
      canvas.replaceChildren(drawBars(chart, rounded));
    }
  };
  new ResizeObserver((entries) => draw(entries[0].contentRect.width)).observe(canvas);
  draw(640);
  return figure;
}

function svgElement(tag, attributes, text) {
  const node = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** Draws the bars at the given width in pixels, as one SVG image whose accessible name is the summary. */
function drawBars(chart, width) {
  const stacked = width < stackedBelowWidth;
  const rowHeight = stacked ? 46 : 30;
  const longestLabel = Math.max(...chart.rows.map((row) => row.label.length), 1);
  // An estimate of the label column: about 0.55 em a character in the system sans-serif font.
  const labelWidth = stacked ? 0 : Math.min(Math.round(width * 0.45), Math.ceil(longestLabel * fontSize * 0.55) + 12);
  const valueWidth = 44;
  const maxBar = Math.max(width - labelWidth - valueWidth, 20);
  const maxValue = Math.max(...chart.rows.map((row) => row.value), 1);
  const height = chart.rows.length * rowHeight + 4;

  const svg = svgElement('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': chart.summary, class: 'bar-chart',
  });
  chart.rows.forEach((row, index) => {
    const top = index * rowHeight + 2;
    const barTop = stacked ? top + fontSize + 8 : top + (rowHeight - barHeight) / 2;
    const barWidth = row.value === 0 ? 0 : Math.max(Math.round((row.value / maxValue) * maxBar), 2);
    const label = stacked
      ? svgElement('text', { x: 0, y: top + fontSize, class: 'bar-label' }, row.label)
      : svgElement('text', { x: labelWidth - 8, y: barTop + barHeight - 4, 'text-anchor': 'end', class: 'bar-label' }, row.label);
    svg.append(
      label,
      svgElement('rect', { x: labelWidth, y: barTop, width: barWidth, height: barHeight, class: 'bar' }),
      svgElement('text', { x: labelWidth + barWidth + 6, y: barTop + barHeight - 4, class: 'bar-value' }, String(row.value)));
  });
  return svg;
}
