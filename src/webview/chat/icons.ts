import { button } from '../components/toolkit';

/** Outline icons on a 16×16 grid in the spirit of VS Code's codicons (the page cannot load the codicon font). */
const PATHS = {
  add: 'M8 3v10M3 8h10',
  history: 'M8 2.5a5.5 5.5 0 1 1-5.2 3.7M2.5 2.5v3.5H6M8 5v3.2l2.2 1.6',
  edit: 'M10.5 2.5l3 3-7.5 7.5H3v-3zM9 4l3 3',
  trash: 'M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.5 6.5v5M9.5 6.5v5',
  copy: 'M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3',
  terminal: 'M2 3h12v10H2zM4.5 6l2 2-2 2M8 10.5h3.5',
  braces: 'M6 2.5c-1.5 0-2 .5-2 2v1.5c0 1-.5 2-1.5 2 1 0 1.5 1 1.5 2v1.5c0 1.5.5 2 2 2M10 2.5c1.5 0 2 .5 2 2v1.5c0 1 .5 2 1.5 2-1 0-1.5 1-1.5 2v1.5c0 1.5-.5 2-2 2',
  refresh: 'M13 8a5 5 0 1 1-1.5-3.5M13 2.5v3h-3',
  attach: 'M10.5 4.5l-5 5a1.4 1.4 0 0 0 2 2l5.5-5.5a2.8 2.8 0 0 0-4-4L3.5 7.5a4.2 4.2 0 0 0 6 6l4-4',
  image: 'M2.5 3.5h11v9h-11zM2.5 10.5l3-3 3 3 2-2 3 3M10.5 6.5h.01',
  selection: 'M5.5 2.5h-3v3M10.5 2.5h3v3M5.5 13.5h-3v-3M10.5 13.5h3v-3M5.5 6.5h5M5.5 9.5h3.5',
} as const;
export type IconName = keyof typeof PATHS;

const SVG = 'http://www.w3.org/2000/svg';

function icon(name: IconName): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [key, value] of Object.entries({ viewBox: '0 0 16 16', width: '16', height: '16', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.2', 'aria-hidden': 'true' })) svg.setAttribute(key, value);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name]);
  svg.append(path);
  return svg;
}

/** An icon-only button: `label` is its tooltip and what screen readers say. */
export function iconButton(name: IconName, label: string, onClick: () => void): HTMLElement {
  const element = button('', { appearance: 'icon', title: label, onClick });
  element.append(icon(name));
  return element;
}
