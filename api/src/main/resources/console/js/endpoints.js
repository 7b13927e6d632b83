// The vendor's endpoints: each with its state and how its last delivery went, and a form to add
// one (where it goes, URL, description, the events it receives) that shows the new signing secret
// once; a chat destination (Discord, Slack, Telegram) also takes its chat id and message template.
import { h, field, replace } from './dom.js';
import { CHAT_ID_HINT, TEMPLATE_HINT, chatIdInput, formatChoice, formatOf, isChat, notSigned, templateInput } from './chat.js';
import { get, post, vendorPath } from './api.js';
import { announce, attemptFailed, badge, empty, errorBox, loading, pageHeading, table, ago, copy, eventsText } from './ui.js';

export async function endpointsPage() {
  const list = h('div', {}, loading('endpoints'));
  const addSection = h('section', { 'aria-labelledby': 'add-heading', class: 'card' });
  const page = h('div', {},
    h('div', { class: 'page-head' }, pageHeading('Endpoints'),
      h('p', { class: 'lede' }, 'Where Billhook delivers your events. Each endpoint has its own signing secret.')),
    list, addSection);
  const refresh = () => loadList(list);
  renderAddForm(addSection, refresh);
  refresh();
  return page;
}

async function loadList(container) {
  let endpoints;
  try {
    endpoints = (await get(vendorPath('endpoints'))).data;
  } catch (e) {
    return replace(container, errorBox(e, 'the endpoints'));
  }
  if (endpoints.length === 0) {
    return replace(container, empty('No endpoints yet', 'Add the URL of your receiver below; Billhook signs every delivery to it.'));
  }
  const rows = endpoints.map((ep) => {
    const health = h('td', {}, '…');
    lastDelivery(ep, health);
    return h('tr', {},
      h('td', {}, h('a', { href: `#/endpoints/${encodeURIComponent(ep.id)}` }, ep.description || ep.id),
        h('div', { class: 'sub mono' }, ep.id)),
      h('td', { class: 'mono wrap' }, ep.url, isChat(ep.format) ? h('div', { class: 'sub' }, formatOf(ep.format).label) : null),
      h('td', {}, ep.enabled ? badge('enabled') : badge('disabled'),
        ep.disabledReason ? h('div', { class: 'sub' }, ep.disabledReason) : null),
      health,
      h('td', {}, eventsText(ep.events)));
  });
  replace(container, table('Your endpoints', ['Endpoint', 'URL', 'State', 'Last delivery', 'Events'], rows, { hideCaption: true }));
}

async function lastDelivery(ep, cell) {
  try {
    const [last] = (await get(`${vendorPath('endpoints', ep.id, 'attempts')}?limit=1`)).data;
    if (!last) return replace(cell, h('span', { class: 'sub' }, 'no deliveries yet'));
    const failed = attemptFailed(last);
    replace(cell, badge(failed ? 'failing' : 'healthy'), ' ',
      h('span', { class: 'sub' }, last.statusCode ? `HTTP ${last.statusCode}` : 'no answer', ', ', ago(last.at)));
  } catch (e) {
    replace(cell, h('span', { class: 'sub' }, 'unknown'));
  }
}

let catalogue;
/** The event types from GET /v1/event-types, asked once. */
export async function eventTypes() {
  if (!catalogue) catalogue = get('/v1/event-types').then((r) => r.data).catch((e) => { catalogue = null; throw e; });
  return catalogue;
}

function renderAddForm(section, refresh) {
  const url = h('input', { type: 'url', name: 'url', required: true, autocomplete: 'off', spellcheck: 'false', placeholder: 'https://example.com/webhooks' });
  const description = h('input', { type: 'text', name: 'description', autocomplete: 'off', maxlength: 500 });
  const events = h('fieldset', { class: 'events' }, h('legend', {}, 'Events to send'), loading('event types'));
  const error = h('div', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, 'Add endpoint');
  const result = h('div', {});
  const all = h('input', { type: 'checkbox', name: 'all', id: 'ev-all' });
  const chatId = chatIdInput();
  const template = templateInput();
  const chatIdField = field('Telegram chat ID', chatId, CHAT_ID_HINT);
  const templateField = field('Message template (optional)', template, TEMPLATE_HINT);
  const urlField = field('Endpoint URL', url, formatOf('billhook').url);
  const format = formatChoice((value) => {
    const f = formatOf(value);
    url.placeholder = f.placeholder;
    urlField.querySelector('.hint').textContent = f.url;
    chatIdField.hidden = value !== 'telegram';
    chatId.required = value === 'telegram';
    templateField.hidden = !isChat(value);
  });
  chatIdField.hidden = true;
  templateField.hidden = true;

  eventTypes().then((types) => {
    const boxes = types.map((t) => {
      const id = `ev-${t.type.replace(/[^a-z0-9]/gi, '-')}`;
      return h('div', { class: 'check' },
        h('input', { type: 'checkbox', name: 'event', value: t.type, id, 'aria-describedby': `${id}-d` }),
        h('label', { for: id }, h('span', { class: 'mono' }, t.type)),
        h('p', { class: 'hint', id: `${id}-d` }, t.description, t.producedBy === 'billhook' ? ' (sent by Billhook itself)' : ''));
    });
    all.addEventListener('change', () => boxes.forEach((b) => { b.querySelector('input').disabled = all.checked; }));
    replace(events, h('legend', {}, 'Events to send'),
      h('div', { class: 'check all' }, all, h('label', { for: 'ev-all' }, 'All events, including types added later')),
      h('div', { class: 'check-grid' }, boxes));
  }).catch((e) => replace(events, h('legend', {}, 'Events to send'), errorBox(e, 'the event types')));

  async function add(e) {
    e.preventDefault();
    replace(error);
    const picked = all.checked ? ['*'] : [...events.querySelectorAll('input[name=event]:checked')].map((b) => b.value);
    if (!url.value.trim()) { url.focus(); return replace(error, 'Enter the URL Billhook should deliver to.'); }
    const kind = format.value();
    if (kind === 'telegram' && !chatId.value.trim()) { chatId.focus(); return replace(error, 'Enter the Telegram chat ID to post to.'); }
    if (picked.length === 0) return replace(error, 'Pick at least one event (or all events).');
    const body = { url: url.value.trim(), events: picked };
    if (description.value.trim()) body.description = description.value.trim();
    if (isChat(kind)) body.format = kind;
    if (kind === 'telegram') body.chatId = chatId.value.trim();
    if (isChat(kind) && template.value.trim()) body.template = template.value;
    submit.disabled = true;
    try {
      const created = await post(vendorPath('endpoints'), body);
      url.value = '';
      description.value = '';
      chatId.value = '';
      template.value = '';
      replace(result, isChat(created.format) ? chatNotice(created) : createdNotice(created));
      announce(isChat(created.format) ? `Endpoint ${created.id} added.` : `Endpoint ${created.id} added. Copy its signing secret now.`, 'good');
      result.querySelector('h3').focus();
      refresh();
    } catch (err) {
      replace(error, err.message);
    } finally {
      submit.disabled = false;
    }
  }

  replace(section,
    h('h2', { id: 'add-heading' }, 'Add an endpoint'),
    result,
    h('form', { onSubmit: add, novalidate: true },
      format.element, urlField, chatIdField,
      field('Description (optional)', description, 'A name you will recognise, such as "CRM".'),
      templateField, events, error, submit));
}

function chatNotice(created) {
  return h('div', { class: 'notice good' },
    h('h3', { tabindex: '-1' }, `Endpoint added: it posts to ${formatOf(created.format).label}`),
    h('p', {}, notSigned(created.format)),
    h('p', {}, h('a', { href: `#/endpoints/${encodeURIComponent(created.id)}` }, 'Open the endpoint to send a test event')));
}

function createdNotice(created) {
  const secret = h('input', { type: 'text', readonly: true, value: created.secret, class: 'mono secret', 'aria-label': 'Signing secret' });
  return h('div', { class: 'notice good' },
    h('h3', { tabindex: '-1' }, 'Endpoint added: copy its signing secret'),
    h('p', {}, 'Your receiver checks every delivery with this secret. You can reveal it again on the endpoint\'s page.'),
    h('div', { class: 'secret-row' }, secret,
      h('button', { type: 'button', onClick: () => copy(created.secret, secret) }, 'Copy secret')),
    h('p', {}, h('a', { href: `#/endpoints/${encodeURIComponent(created.id)}` }, 'Open the endpoint to send a test event')));
}
