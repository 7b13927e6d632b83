// Building the page without HTML strings: every value the server sends becomes text (a Text node
// or an attribute), never markup. Links get an address only through safeHref.

const EVENT = /^on[A-Z]/;

/** h('button', {type: 'button', onClick: fn}, 'Save') → an element; children are nodes or text. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (EVENT.test(name)) {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'href') {
      const safe = safeHref(value);
      if (safe) el.setAttribute('href', safe);
    } else if (name === 'class') {
      el.className = value;
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      el[name] = value;
    } else if (name === 'srcdoc' || name === 'innerHTML' || name === 'outerHTML') {
      throw new Error(`h(): ${name} is not allowed`);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content with the given nodes or text. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * An address safe to put in a link: the console's own routes ('#/...') or an absolute http(s)
 * address. Anything else (javascript:, data:, vbscript:, relative tricks) gives null: no link.
 */
export function safeHref(value) {
  const text = String(value ?? '');
  if (/^#\/[^\s]*$/.test(text)) return text;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

let idCounter = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = 'f') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled form field: label, control, optional hint (wired with aria-describedby). */
export function field(label, control, hint) {
  const id = control.id || uid('field');
  control.id = id;
  const parts = [h('label', { for: id }, label)];
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { class: 'hint', id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts[0], control, parts.slice(1));
}
