// An endpoint's delivery log (every attempt, newest first), resending one event, recovering every
// failed delivery since a time, and the endpoint's delivery stats.
import { h, field, replace } from './dom.js';
import { get, post, vendorPath } from './api.js';
import { act, attemptFailed, attemptStatus, empty, errorBox, loading, notOffered, table, time } from './ui.js';

export function deliveriesSection(ep) {
  const body = h('div', {}, loading('the delivery log'));
  const failedOnly = h('input', { type: 'checkbox', id: 'failed-only' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load older attempts');
  const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  let attempts = [];
  let cursor = null;

  const render = () => {
    const shown = failedOnly.checked ? attempts.filter(attemptFailed) : attempts;
    if (attempts.length === 0) return replace(body, empty('No deliveries yet', 'Send a test event above, or report an event it subscribes to.'));
    if (shown.length === 0) return replace(body, empty('No failed attempts', 'Every attempt loaded so far got a 2xx.'));
    replace(body, table(`Delivery attempts to ${ep.url}`, ['Time', 'Event', 'Attempt', 'Answer', 'Duration', 'Response', 'Error', ''],
      shown.map((a) => attemptRow(ep, a)), { hideCaption: true }));
  };
  const load = async (reset) => {
    try {
      const page = await get(`${vendorPath('endpoints', ep.id, 'attempts')}?limit=50${!reset && cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      attempts = reset ? page.data : attempts.concat(page.data);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      render();
    } catch (e) {
      replace(body, errorBox(e, 'the delivery log'));
    }
  };
  failedOnly.addEventListener('change', render);
  more.addEventListener('click', () => act(more, () => load(false)));
  refresh.addEventListener('click', () => act(refresh, () => load(true), 'Delivery log refreshed.'));
  load(true);

  const section = h('section', { class: 'card', 'aria-labelledby': 'log-h' },
    h('h2', { id: 'log-h' }, 'Delivery log'),
    h('div', { class: 'toolbar' },
      h('div', { class: 'check' }, failedOnly, h('label', { for: 'failed-only' }, 'Failed attempts only')), refresh),
    body, more,
    recoverForm(ep, () => load(true)));
  section.reload = () => load(true);
  return section;
}

function attemptRow(ep, a) {
  const resend = h('button', { type: 'button', class: 'secondary small', 'aria-label': `Resend event ${a.eventId}` }, 'Resend');
  resend.addEventListener('click', () => act(resend,
    () => post(vendorPath('events', a.eventId, 'resend'), { endpointId: ep.id }),
    `Event ${a.eventId} is being sent again.`));
  return h('tr', { class: attemptFailed(a) ? 'failed' : null },
    h('td', {}, time(a.at)),
    h('td', {}, h('a', { href: `#/events/${encodeURIComponent(a.eventId)}`, class: 'mono' }, a.eventId)),
    h('td', { class: 'num' }, a.attempt),
    h('td', {}, attemptStatus(a)),
    h('td', { class: 'num' }, `${a.durationMs} ms`),
    h('td', {}, a.responseExcerpt ? h('code', { class: 'excerpt' }, a.responseExcerpt) : '—'),
    h('td', { class: 'wrap' }, a.error || '—'),
    h('td', {}, resend));
}

function recoverForm(ep, reload) {
  const since = h('input', { type: 'datetime-local', required: true, step: 1, value: localInput(new Date(Date.now() - 24 * 3600 * 1000)) });
  const submit = h('button', { type: 'submit' }, 'Recover failed deliveries');
  const result = h('div', {});
  async function recover(e) {
    e.preventDefault();
    const at = new Date(since.value);
    if (Number.isNaN(at.getTime())) return replace(result, h('p', { class: 'form-error', role: 'alert' }, 'Enter a date and time.'));
    const r = await act(submit, () => post(vendorPath('endpoints', ep.id, 'recover'), { since: at.toISOString() }),
      (x) => `Sending ${x.resent} failed ${x.resent === 1 ? 'delivery' : 'deliveries'} again.`);
    if (r) {
      replace(result, h('p', { class: 'notice good' }, `${r.resent} failed ${r.resent === 1 ? 'delivery is' : 'deliveries are'} being sent again.`));
      setTimeout(reload, 1500);
    }
  }
  return h('form', { class: 'recover', onSubmit: recover, novalidate: true },
    h('h3', {}, 'Recover failed deliveries'),
    h('p', {}, 'Once the receiver works again, send every event that failed to this endpoint since a time.'),
    field('Failed since (your local time)', since), submit, result);
}

function localInput(d) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const WINDOWS = [['24 hours', 24], ['7 days', 24 * 7], ['1 hour', 1]];

export function statsSection(ep) {
  const body = h('div', {}, loading('the stats'));
  const span = h('select', {}, WINDOWS.map(([label, hours]) => h('option', { value: hours }, `the last ${label}`)));
  const load = async () => {
    replace(body, loading('the stats'));
    const since = new Date(Date.now() - Number(span.value) * 3600 * 1000).toISOString();
    try {
      const stats = await get(`${vendorPath('endpoints', ep.id, 'stats')}?since=${encodeURIComponent(since)}`);
      replace(body, statsView(stats));
    } catch (e) {
      replace(body, e.missingRoute ? notOffered('Delivery stats') : errorBox(e, 'the stats'));
    }
  };
  span.addEventListener('change', load);
  load();
  return h('section', { class: 'card', 'aria-labelledby': 'stats-h' },
    h('h2', { id: 'stats-h' }, 'Stats'), field('Over', span), body);
}

/** Every number the stats hold, named in words; nested objects (counts by outcome) flattened. */
function statsView(stats) {
  const cells = [];
  const walk = (obj, prefix) => {
    for (const [key, value] of Object.entries(obj || {})) {
      const name = `${prefix}${words(key)}`;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) walk(value, `${name}: `);
      else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') cells.push([name, show(key, value)]);
    }
  };
  walk(stats, '');
  if (cells.length === 0) return empty('No deliveries in this window');
  return h('dl', { class: 'stats' }, cells.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
}

function words(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function show(key, value) {
  if (typeof value === 'number' && /rate|ratio/i.test(key)) return `${(value <= 1 ? value * 100 : value).toFixed(1)} %`;
  if (typeof value === 'number' && /ms$|latency|p\d\d/i.test(key)) return `${Math.round(value)} ms`;
  return String(value);
}
