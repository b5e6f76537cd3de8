// Small DOM helpers: build elements without innerHTML, so text from the API is never parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

export type Child = Node | string | number | null | undefined | false | Child[];

/**
 * Attributes and a few conveniences: `class`, `text`, `dataset`, `value`, `on<event>` listeners.
 * `true` sets an empty attribute; `null`, `undefined` and `false` leave it out.
 */
export interface Props {
  class?: string;
  text?: string;
  dataset?: Record<string, string>;
  [attribute: string]: unknown;
}

function setProps(el: Element, props: Props | undefined): void {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', String(value));
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign((el as HTMLElement).dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (key === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children.flat(Infinity as 1) as Child[]) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** h('p', {class: 'x'}, 'text', h('b', {}, 'bold')) */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setProps(el, props);
  append(el, children);
  return el;
}

export function replace<E extends Element>(el: E, ...children: Child[]): E {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Says something to screen-reader users without moving focus. */
export function announce(message: string): void {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  // A fresh text node after a tick makes screen readers read the same message again.
  setTimeout(() => (live.textContent = message), 50);
}

let idCounter = 0;
export function uid(prefix = 'id'): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled control: <label for> + control (+ hint linked with aria-describedby). */
export function field(labelText: string, control: HTMLElement, hintText?: string): HTMLDivElement {
  const id = control.id || uid('f');
  control.id = id;
  const parts: Child[] = [h('label', { for: id }, labelText), control];
  if (hintText) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { class: 'hint', id: hintId }, hintText));
  }
  return h('div', { class: 'field' }, parts);
}

/** A table that scrolls sideways on narrow screens and stays reachable by keyboard. */
export function scrollTable(label: string, table: HTMLTableElement): HTMLDivElement {
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' },
    table,
  );
}
