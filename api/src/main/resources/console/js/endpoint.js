// One endpoint: its state, what to change, its signing secret, a test delivery, and (deliveries.js)
// its delivery log, stats and recovery.
import { h, field, replace } from './dom.js';
import { call, get, post, vendorPath } from './api.js';
import { act, announce, attemptStatus, badge, copy, dl, errorBox, loading, pageHeading, time, eventsText } from './ui.js';
import { deliveriesSection, statsSection } from './deliveries.js';
import { CHAT_ID_HINT, TEMPLATE_HINT, chatIdInput, formatOf, isChat, notSigned, postedMessage, stillMasked, templateInput } from './chat.js';

export async function endpointPage(id) {
  let ep;
  try {
    ep = await get(vendorPath('endpoints', id));
  } catch (e) {
    return h('div', {}, pageHeading('Endpoint'), errorBox(e, `endpoint ${id}`), h('p', {}, h('a', { href: '#/endpoints' }, 'Back to the endpoints')));
  }
  const page = h('div', {});
  const log = deliveriesSection(ep);
  const rerender = async () => {
    const again = await endpointPage(id);
    page.replaceWith(again);
    document.getElementById('page-heading')?.focus();
  };
  replace(page,
    h('p', { class: 'crumbs' }, h('a', { href: '#/endpoints' }, 'Endpoints'), ' / ', h('span', { class: 'mono' }, ep.id)),
    h('div', { class: 'page-head' }, pageHeading(ep.description || ep.id),
      h('p', {}, ep.enabled ? badge('enabled') : badge('disabled'), ' ', h('span', { class: 'mono wrap' }, ep.url))),
    ep.enabled ? null : h('div', { class: 'notice bad', role: 'note' },
      h('p', {}, 'This endpoint is disabled: Billhook sends it nothing.', ep.disabledReason ? ` Reason: ${ep.disabledReason}` : ''),
      h('p', {}, 'Fix the receiver or the URL, enable it, then recover what failed.')),
    h('div', { class: 'grid' },
      settingsCard(ep, rerender),
      isChat(ep.format) ? unsignedCard(ep) : secretCard(ep)),
    testCard(ep, () => log.reload()),
    statsSection(ep),
    log);
  return page;
}

function settingsCard(ep, rerender) {
  const url = h('input', { type: 'url', value: ep.url, required: true, spellcheck: 'false', autocomplete: 'off' });
  const description = h('input', { type: 'text', value: ep.description || '', maxlength: 500, autocomplete: 'off' });
  const chat = isChat(ep.format);
  const chatId = ep.format === 'telegram' ? chatIdInput(ep.chatId) : null;
  const template = chat ? templateInput(ep.template) : null;
  const save = h('button', { type: 'submit' }, 'Save changes');
  const toggle = h('button', { type: 'button', class: 'secondary' }, ep.enabled ? 'Disable' : 'Enable');
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete endpoint');
  const confirmBox = h('div', {});

  toggle.addEventListener('click', async () => {
    const done = await act(toggle, () => call('PATCH', vendorPath('endpoints', ep.id), { enabled: !ep.enabled }),
      ep.enabled ? 'Endpoint disabled: it gets no deliveries.' : 'Endpoint enabled.');
    if (done) rerender();
  });
  remove.addEventListener('click', () => {
    const yes = h('button', { type: 'button', class: 'danger' }, `Yes, delete ${ep.id}`);
    const no = h('button', { type: 'button', class: 'secondary', onClick: () => { replace(confirmBox); remove.focus(); } }, 'Keep it');
    yes.addEventListener('click', async () => {
      const done = await act(yes, () => call('DELETE', vendorPath('endpoints', ep.id)), 'Endpoint deleted.');
      if (done !== undefined) location.hash = '#/endpoints';
    });
    replace(confirmBox, h('div', { class: 'notice bad', role: 'alert' },
      h('p', {}, 'Delete this endpoint? Its pending retries stop and it gets nothing more.'), yes, ' ', no));
    yes.focus();
  });

  async function saveChanges(e) {
    e.preventDefault();
    const body = {};
    // The URL shown holds *** for a chat token: sent back, it would replace the real one.
    if (url.value.trim() !== ep.url) {
      if (stillMasked(ep.url) && stillMasked(url.value)) {
        url.focus();
        return announce('Paste the whole new URL: *** stands for the hidden token and cannot be saved.', 'bad');
      }
      body.url = url.value.trim();
    }
    if (description.value.trim() !== (ep.description || '')) body.description = description.value.trim();
    if (chatId && chatId.value.trim() !== (ep.chatId || '')) body.chatId = chatId.value.trim();
    if (template && template.value.trim() !== (ep.template || '').trim()) body.template = template.value.trim() ? template.value : '';
    if (Object.keys(body).length === 0) return announce('Nothing changed.');
    const done = await act(save, () => call('PATCH', vendorPath('endpoints', ep.id), body), 'Endpoint saved.');
    if (done) rerender();
  }

  return h('section', { class: 'card', 'aria-labelledby': 'settings-h' },
    h('h2', { id: 'settings-h' }, 'Settings'),
    dl([['Format', chat ? formatOf(ep.format).label : 'Signed envelope to your receiver'],
      ['Events', eventsText(ep.events)], ['Created', time(ep.createdAt)], ['Changed', time(ep.updatedAt)],
      chat ? null : ['Custom headers', Object.keys(ep.headers || {}).join(', ') || 'none']]),
    h('form', { onSubmit: saveChanges, novalidate: true },
      field('URL', url, chat ? 'The token is shown as ***: to change the URL, paste the whole new one.' : null),
      chatId ? field('Telegram chat ID', chatId, CHAT_ID_HINT) : null,
      field('Description', description),
      template ? field('Message template', template, TEMPLATE_HINT) : null,
      save),
    h('div', { class: 'actions' }, toggle, remove),
    confirmBox);
}

/** A chat destination has no signing secret that matters: the platform checks only the URL. */
function unsignedCard(ep) {
  return h('section', { class: 'card', 'aria-labelledby': 'secret-h' },
    h('h2', { id: 'secret-h' }, 'Not signed'),
    h('p', {}, notSigned(ep.format)),
    h('p', {}, 'If the URL leaked, make a new webhook on the platform and paste its URL here.'));
}

function secretCard(ep) {
  const box = h('div', {});
  const reveal = h('button', { type: 'button', class: 'secondary' }, 'Reveal secret');
  const overlap = h('select', {},
    h('option', { value: 'PT24H' }, 'keep the old one for 24 hours'),
    h('option', { value: 'PT1H' }, 'keep the old one for 1 hour'),
    h('option', { value: 'PT0S' }, 'retire the old one now (after a leak)'));
  const rotate = h('button', { type: 'button', class: 'secondary' }, 'Rotate secret');

  const show = (secret, label) => {
    const input = h('input', { type: 'text', readonly: true, value: secret, class: 'mono secret', 'aria-label': label });
    replace(box, h('div', { class: 'secret-row' }, input,
      h('button', { type: 'button', onClick: () => copy(secret, input) }, 'Copy secret')));
    input.focus();
  };
  reveal.addEventListener('click', async () => {
    const r = await act(reveal, () => get(vendorPath('endpoints', ep.id, 'secret')));
    if (r) show(r.secret, 'Signing secret');
  });
  rotate.addEventListener('click', async () => {
    const r = await act(rotate, () => post(vendorPath('endpoints', ep.id, 'rotate-secret'), { overlap: overlap.value }),
      'Secret rotated: put the new one in your receiver.');
    if (r) show(r.secret, 'New signing secret');
  });
  return h('section', { class: 'card', 'aria-labelledby': 'secret-h' },
    h('h2', { id: 'secret-h' }, 'Signing secret'),
    h('p', {}, 'Your receiver verifies each delivery\'s signature with it.'),
    h('div', { class: 'actions' }, reveal), box,
    h('h3', {}, 'Rotate'),
    field('When rotating', overlap, 'Deliveries carry a signature for each valid secret while the old one lasts.'),
    rotate);
}

function testCard(ep, delivered) {
  const result = h('div', { 'aria-live': 'polite' });
  const send = h('button', { type: 'button' }, 'Send test event');
  send.addEventListener('click', async () => {
    replace(result, loading('the test delivery'));
    const sent = await act(send, () => post(vendorPath('endpoints', ep.id, 'test')));
    if (!sent) return replace(result);
    replace(result, h('p', {}, 'Sent test event ', h('span', { class: 'mono' }, sent.id), '; waiting for the receiver…'));
    const outcome = await awaitDelivery(sent.id, ep.id);
    replace(result, testOutcome(sent.id, outcome), sent.message ? postedMessage(sent.message) : null);
    delivered();
    announce(outcome && outcome.status === 'succeeded' ? 'The test event was delivered.' : 'The test delivery did not succeed: see why below.',
      outcome && outcome.status === 'succeeded' ? 'good' : 'bad');
  });
  return h('section', { class: 'card', 'aria-labelledby': 'test-h' },
    h('h2', { id: 'test-h' }, 'Send a test'),
    h('p', {}, isChat(ep.format)
      ? `Posts a webhook.test message to ${formatOf(ep.format).label}, and shows the message and what the platform answered.`
      : 'Sends a signed webhook.test event to this endpoint only, and shows what the receiver answered.'),
    send, result);
}

/** Polls the event until this endpoint's delivery has an attempt (or 20 s pass). */
async function awaitDelivery(eventId, endpointId) {
  for (let i = 0; i < 40; i += 1) {
    try {
      const ev = await get(vendorPath('events', eventId));
      const d = (ev.deliveries || []).find((x) => x.endpointId === endpointId);
      if (d && (d.status !== 'pending' || d.attempts.length > 0)) return d;
    } catch (e) {
      if (e.status !== 404) return { error: e };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

function testOutcome(eventId, d) {
  if (!d) return h('p', { class: 'notice warn' }, 'No answer yet; the delivery log below will show it.');
  if (d.error) return errorBox(d.error, 'the test result');
  const a = d.attempts[d.attempts.length - 1];
  const ok = d.status === 'succeeded';
  return h('div', { class: `notice ${ok ? 'good' : 'bad'}` },
    h('p', { class: 'empty-title' }, ok ? 'Delivered' : d.status === 'pending' ? 'Failed, will retry' : 'Failed'),
    a ? dl([['Answer', attemptStatus(a)], ['Took', `${a.durationMs} ms`], ['At', time(a.at)],
      a.responseExcerpt ? ['Response', h('code', { class: 'excerpt' }, a.responseExcerpt)] : null,
      a.error ? ['Error', a.error] : null]) : null,
    h('p', {}, h('a', { href: `#/events/${encodeURIComponent(eventId)}` }, 'Open the test event')));
}
