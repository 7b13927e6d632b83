// Events: search by id, type and status; one event with its payload, its deliveries (every attempt)
// and resending it.
import { h, field, replace } from './dom.js';
import { get, post, session, vendorPath } from './api.js';
import { act, attemptStatus, badge, dl, empty, errorBox, loading, pageHeading, table, temporalLink, time } from './ui.js';
import { eventTypes } from './endpoints.js';

const STATUSES = ['pending', 'succeeded', 'failed'];

export async function eventsPage(params) {
  const id = h('input', { type: 'search', name: 'id', autocomplete: 'off', spellcheck: 'false' });
  const type = h('select', { name: 'type' }, h('option', { value: '' }, 'Any type'));
  const status = h('select', { name: 'status' }, h('option', { value: '' }, 'Any status'),
    STATUSES.map((s) => h('option', { value: s, selected: params.get('status') === s }, s)));
  eventTypes().then((types) => types.forEach((t) => type.append(h('option', { value: t.type, selected: params.get('type') === t.type }, t.type)))).catch(() => {});
  const results = h('div', {}, loading('events'));

  const open = (e) => {
    e.preventDefault();
    if (id.value.trim()) location.hash = `#/events/${encodeURIComponent(id.value.trim())}`;
  };
  const filter = (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (type.value) q.set('type', type.value);
    if (status.value) q.set('status', status.value);
    location.hash = `#/events${q.toString() ? `?${q}` : ''}`;
  };
  loadList(results, params.get('type'), params.get('status'), null);
  return h('div', {},
    h('div', { class: 'page-head' }, pageHeading('Events'), h('p', { class: 'lede' }, 'Every event you reported (and that Billhook generated), newest first.')),
    h('div', { class: 'grid' },
      h('form', { class: 'card inline', onSubmit: open, role: 'search', 'aria-label': 'Find an event by id' },
        field('Event id', id), h('button', { type: 'submit' }, 'Open')),
      h('form', { class: 'card inline', onSubmit: filter, 'aria-label': 'Filter events' },
        field('Type', type), field('Delivery status', status), h('button', { type: 'submit', class: 'secondary' }, 'Filter'))),
    h('section', { 'aria-label': 'Events found' }, results));
}

async function loadList(container, type, status, cursor, rows = []) {
  const q = new URLSearchParams({ limit: '50' });
  if (type) q.set('type', type);
  if (status) q.set('status', status);
  if (cursor) q.set('cursor', cursor);
  let page;
  try {
    page = await get(`${vendorPath('events')}?${q}`);
  } catch (e) {
    return replace(container, errorBox(e, 'the events'));
  }
  const all = rows.concat(page.data.map((ev) => h('tr', {},
    h('td', {}, h('a', { href: `#/events/${encodeURIComponent(ev.id)}`, class: 'mono' }, ev.id)),
    h('td', { class: 'mono' }, ev.type),
    h('td', {}, time(ev.timestamp)),
    h('td', {}, badge(ev.status)))));
  if (all.length === 0) return replace(container, empty('No events found', type || status ? 'Nothing matches this filter.' : 'Report an event with POST /v1/vendors/{vendor}/events.'));
  const more = page.nextCursor ? h('button', { type: 'button', class: 'secondary', onClick: () => loadList(container, type, status, page.nextCursor, all) }, 'Load older events') : null;
  replace(container, table('Events', ['Event', 'Type', 'Reported', 'Delivery'], all, { hideCaption: true }), more);
}

export async function eventPage(id) {
  let ev;
  try {
    ev = await get(vendorPath('events', id));
  } catch (e) {
    return h('div', {}, pageHeading(`Event ${id}`), errorBox(e, 'the event'), h('p', {}, h('a', { href: '#/events' }, 'Back to the events')));
  }
  const resendAll = h('button', { type: 'button' }, 'Resend to every endpoint');
  resendAll.addEventListener('click', () => act(resendAll, () => post(vendorPath('events', ev.id, 'resend'), {}),
    (r) => `Sending ${ev.id} again to ${r.endpointIds.length} ${r.endpointIds.length === 1 ? 'endpoint' : 'endpoints'}.`));
  const payload = ev.purged ? h('p', { class: 'sub' }, 'The payload was purged by the retention policy.')
    : h('pre', { class: 'payload', tabindex: '0', 'aria-label': 'Payload' }, JSON.stringify(ev.data, null, 2));
  return h('div', {},
    h('p', { class: 'crumbs' }, h('a', { href: '#/events' }, 'Events'), ' / ', h('span', { class: 'mono' }, ev.id)),
    h('div', { class: 'page-head' }, pageHeading(`${ev.type} ${ev.id}`), h('p', {}, badge(ev.status))),
    h('section', { class: 'card', 'aria-labelledby': 'ev-h' },
      h('h2', { id: 'ev-h' }, 'The event'),
      dl([['Id', h('span', { class: 'mono' }, ev.id)], ['Type', h('span', { class: 'mono' }, ev.type)], ['Reported', time(ev.timestamp)], ['Delivery', badge(ev.status)]]),
      h('h3', {}, 'Payload (data)'), payload,
      h('div', { class: 'actions' }, resendAll, temporalLink(`event/${session.vendor}/${ev.id}`))),
    h('section', { 'aria-labelledby': 'del-h' },
      h('h2', { id: 'del-h' }, 'Deliveries'),
      ev.deliveries.length === 0 ? empty('No deliveries', 'No endpoint was subscribed to this event when it was reported.')
        : ev.deliveries.map((d) => deliveryCard(ev, d))));
}

function deliveryCard(ev, d) {
  const resend = h('button', { type: 'button', class: 'secondary' }, 'Resend to this endpoint');
  resend.addEventListener('click', () => act(resend, () => post(vendorPath('events', ev.id, 'resend'), { endpointId: d.endpointId }),
    `Sending ${ev.id} again to ${d.endpointId}.`));
  return h('div', { class: 'card' },
    h('h3', {}, h('a', { href: `#/endpoints/${encodeURIComponent(d.endpointId)}`, class: 'mono' }, d.endpointId), ' ', badge(d.status)),
    h('p', { class: 'mono wrap sub' }, d.url),
    d.attempts.length === 0 ? h('p', { class: 'sub' }, 'No attempt yet.')
      : table(`Attempts to ${d.endpointId}`, ['Attempt', 'Time', 'Answer', 'Duration', 'Response', 'Error'],
        d.attempts.map((a) => h('tr', {},
          h('td', { class: 'num' }, a.attempt), h('td', {}, time(a.at)), h('td', {}, attemptStatus(a)),
          h('td', { class: 'num' }, `${a.durationMs} ms`),
          h('td', {}, a.responseExcerpt ? h('code', { class: 'excerpt' }, a.responseExcerpt) : '—'),
          h('td', { class: 'wrap' }, a.error || '—'))), { hideCaption: true }),
    h('div', { class: 'actions' }, resend));
}
