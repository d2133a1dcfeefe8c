// A tiny element builder: h('div', {class: 'x'}, 'text', child). No HTML strings, so data from
// the API is always text, never markup.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'style') el.setAttribute('style', String(v));
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: HTMLElement, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function replace(el: HTMLElement, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function bar(pct: number, label?: string, status?: string): HTMLElement {
  const clamped = Math.max(0, Math.min(100, pct));
  return h('div', { class: `bar ${status ?? ''}`, role: 'progressbar', 'aria-valuenow': clamped.toFixed(1),
      'aria-valuemin': 0, 'aria-valuemax': 100 },
    h('div', { class: 'fill', style: `width:${clamped}%` }),
    h('span', { class: 'label' }, label ?? `${clamped.toFixed(clamped < 100 && clamped > 0 ? 1 : 0)} %`));
}
