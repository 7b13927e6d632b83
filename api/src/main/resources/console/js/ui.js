// Shared pieces of every page: states (loading, empty, error), the live region, tables, badges,
// times, and the link to a run in the Temporal UI.
import { h, replace, safeHref } from './dom.js';
import { session } from './api.js';

/** Says a result to screen reader users (and shows it) without moving their focus. */
let clearing;
export function announce(message, kind = 'info') {
  const region = document.getElementById('status');
  replace(region, h('p', { class: `toast ${kind}` }, message));
  clearTimeout(clearing);
  clearing = setTimeout(() => replace(region), kind === 'bad' ? 15000 : 8000);
}

export function loading(what) {
  return h('p', { class: 'state loading', role: 'status' }, `Loading ${what}…`);
}

export function empty(title, text, ...actions) {
  return h('div', { class: 'state empty' }, h('p', { class: 'empty-title' }, title), text ? h('p', {}, text) : null, actions);
}

/** An error box with the API's detail, as text. */
export function errorBox(error, what) {
  return h('div', { class: 'state error', role: 'alert' },
    h('p', { class: 'empty-title' }, what ? `Could not load ${what}` : 'That did not work'),
    h('p', {}, error.message));
}

/** A feature this server does not offer yet (its route answers "no such route"). */
export function notOffered(what) {
  return h('p', { class: 'state empty' }, `${what}: not available on this Billhook server yet.`);
}

export function badge(text, tone) {
  return h('span', { class: `badge ${tone || toneOf(text)}` }, text);
}

function toneOf(status) {
  switch (status) {
    case 'succeeded': case 'enabled': case 'active': case 'trialing': case 'healthy': return 'good';
    case 'failed': case 'disabled': case 'expired': case 'failing': return 'bad';
    case 'pending': case 'retrying': case 'suspended': case 'cancelled': return 'warn';
    default: return 'neutral';
  }
}

/** An attempt that did not land: no 2xx answer. */
export function attemptFailed(a) {
  return !(a.statusCode >= 200 && a.statusCode < 300);
}

export function attemptStatus(a) {
  if (a.statusCode === null || a.statusCode === undefined) return badge('no answer', 'bad');
  return badge(`HTTP ${a.statusCode}`, attemptFailed(a) ? 'bad' : 'good');
}

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A time element: local time shown, the exact instant in datetime and the tooltip. */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return h('time', { datetime: d.toISOString(), title: d.toISOString() }, DATE.format(d));
}

export function ago(iso) {
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** A table with a caption (its accessible name), column headers and the given rows. */
export function table(caption, columns, rows, { hideCaption = false } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('caption', { class: hideCaption ? 'visually-hidden' : null }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)));
}

export function dl(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v ?? '—'))));
}

/**
 * Runs an action from a button: disables it while it runs, announces the outcome, and shows the
 * API's detail on failure. Returns the action's result, or undefined when it failed.
 */
export async function act(button, action, done) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    const result = await action();
    if (done) announce(typeof done === 'function' ? done(result) : done, 'good');
    return result;
  } catch (e) {
    announce(e.missingRoute ? 'This Billhook server does not offer that yet.' : e.message, 'bad');
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/**
 * For the admin: a link to the run in the Temporal UI (its workflow list, filtered to that run's
 * id). Only an http(s) base becomes a link; vendors, who cannot reach the UI, see nothing.
 */
export function temporalLink(workflowId) {
  const ui = session.temporalUi;
  if (session.caller !== 'admin' || !ui || typeof ui.url !== 'string') return null;
  const base = safeHref(ui.url);
  if (!base) return null;
  const query = `WorkflowId = '${workflowId.replaceAll("'", "\\'")}'`;
  const href = `${base.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(ui.namespace || 'default')}/workflows?query=${encodeURIComponent(query)}`;
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'button secondary' },
    'Open the run in the Temporal UI', h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
}

/** A page heading that takes focus after navigation, so screen readers start at it. */
export function pageHeading(text) {
  return h('h1', { tabindex: '-1', id: 'page-heading' }, text);
}

/** Copies text; falls back to selecting it in the given input so that Ctrl+C works. */
export async function copy(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    announce('Copied to the clipboard.', 'good');
  } catch {
    if (input) { input.focus(); input.select(); }
    announce('Copy is blocked by the browser: the text is selected, press Ctrl+C.', 'warn');
  }
}

/** An endpoint's subscriptions in words. */
export function eventsText(events) {
  return events.includes('*') ? 'all events' : events.join(', ');
}
