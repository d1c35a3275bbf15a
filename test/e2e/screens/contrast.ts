import type { Frame, Page } from 'playwright-core';

/**
 * What must be legible on a screen. `text` needs 4.5:1 against what is behind it (3:1 when large, as WCAG
 * says), `icon` 3:1 (non-text contrast), `focus` focuses the element and needs its focus indicator (outline,
 * or the border of a toolkit control) at 3:1.
 */
export interface Check {
  readonly name: string;
  readonly selector: string;
  readonly kind: 'text' | 'icon' | 'focus';
}

export interface Measured {
  readonly name: string;
  readonly found: boolean;
  readonly visible: boolean;
  readonly ratio: number;
  readonly needed: number;
  readonly detail: string;
}

/**
 * Runs in the page, so a string: tsx would wrap named functions in a helper the page does not have.
 * Colours are composited with their alpha and every ancestor's opacity over the first opaque background
 * found walking up (through shadow roots), the way they reach the screen.
 */
const MEASURE = String.raw`(checks) => {
  const parse = (value) => {
    const m = /rgba?\(([^)]+)\)/.exec(value || '');
    if (!m) return undefined;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map((part) => part.endsWith('%') ? parseFloat(part) / 100 : parseFloat(part));
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const parent = (el) => el.parentElement || (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const background = (el) => {
    const layers = [];
    for (let at = el; at; at = parent(at)) {
      const colour = parse(getComputedStyle(at).backgroundColor);
      if (colour && colour[3] > 0) layers.push(colour);
      if (colour && colour[3] >= 1) break;
    }
    let result = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (!result || result[3] < 1) result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const opacity = (el) => {
    let value = 1;
    for (let at = el; at; at = parent(at)) value *= parseFloat(getComputedStyle(at).opacity);
    return value;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && opacity(el) > 0.1;
  };
  const query = (selector) => {
    const [outer, inner] = selector.split(' >>> ');
    const found = [...document.querySelectorAll(outer)].filter(visible);
    if (!inner) return found;
    return found.flatMap((host) => host.shadowRoot ? [...host.shadowRoot.querySelectorAll(inner)] : []).filter(visible);
  };
  const focusColour = (el) => {
    el.focus();
    const candidates = [el];
    for (let at = el; at; at = parent(at)) {
      if (at.shadowRoot) candidates.push(...at.shadowRoot.querySelectorAll('.control, .root'));
      if (at !== el && at.shadowRoot) break;
    }
    for (const at of candidates) {
      const style = getComputedStyle(at);
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) return [parse(style.outlineColor), at];
    }
    for (const at of candidates) {
      const style = getComputedStyle(at);
      if (parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== 'none') return [parse(style.borderTopColor), at];
    }
    return [undefined, el];
  };
  return checks.map(({ name, selector, kind }) => {
    const elements = query(selector);
    const all = document.querySelectorAll(selector.split(' >>> ')[0]).length > 0;
    if (elements.length === 0) return { name, found: all, visible: false, ratio: 0, needed: 0, detail: all ? 'hidden' : 'missing' };
    const results = elements.slice(0, 20).map((el) => {
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
      const needed = kind === 'text' && !large ? 4.5 : 3;
      const [colour, shown] = kind === 'focus' ? focusColour(el) : [parse(kind === 'icon' && el instanceof SVGElement && style.stroke !== 'none' ? style.stroke : style.color), el];
      if (!colour) return { ratio: 0, needed, detail: 'no ' + (kind === 'focus' ? 'focus indicator' : 'colour') + ' on ' + el.tagName.toLowerCase() };
      const back = background(kind === 'focus' ? parent(shown) || shown : el);
      const seen = over([colour[0], colour[1], colour[2], colour[3] * (kind === 'focus' ? 1 : opacity(el))], back);
      return { ratio: ratio(seen, back), needed, detail: hex(seen) + ' on ' + hex(back) + ' (' + (el.className && el.className.baseVal === undefined ? el.className : el.tagName.toLowerCase()) + ')' };
    });
    const worst = results.reduce((a, b) => (b.ratio / b.needed < a.ratio / a.needed ? b : a));
    return { name, found: true, visible: true, ...worst };
  });
}`;

/** Measures every check in a page or webview frame. */
export async function measure(target: Page | Frame, checks: readonly Check[]): Promise<Measured[]> {
  return target.evaluate<Measured[]>(`(${MEASURE})(${JSON.stringify(checks)})`);
}

/** The failures among measured checks, one line each. */
export function problems(measured: readonly Measured[]): string[] {
  return measured
    .filter((m) => !m.visible || m.ratio < m.needed)
    .map((m) => (m.visible ? `${m.name}: ${m.ratio.toFixed(2)}:1 < ${m.needed}:1 — ${m.detail}` : `${m.name}: ${m.detail}`));
}
