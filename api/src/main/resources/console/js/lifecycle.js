// A trial's or subscription's state and what is scheduled for it; the vendor's lifecycle settings.
import { h, field, replace } from './dom.js';
import { call, get, session, vendorPath } from './api.js';
import { act, badge, dl, empty, errorBox, loading, pageHeading, table, temporalLink, time } from './ui.js';

export async function lifecyclePage(kind, id) {
  const which = h('select', { name: 'kind' },
    h('option', { value: 'trial', selected: kind === 'trial' }, 'Trial'),
    h('option', { value: 'subscription', selected: kind === 'subscription' }, 'Subscription'));
  const input = h('input', { type: 'search', name: 'id', value: id || '', autocomplete: 'off', spellcheck: 'false' });
  const find = (e) => {
    e.preventDefault();
    if (input.value.trim()) location.hash = `#/lifecycle/${which.value}/${encodeURIComponent(input.value.trim())}`;
  };
  const result = h('div', {});
  if (kind && id) {
    replace(result, loading(`${kind} ${id}`));
    showEntity(result, kind, id);
  } else {
    replace(result, empty('Look up a trial or a subscription', 'Enter the id your billing system gave it (trialId or subscriptionId) to see its state and the events Billhook will send.'));
  }
  return h('div', {},
    h('div', { class: 'page-head' }, pageHeading('Trials & subscriptions'),
      h('p', { class: 'lede' }, 'Billhook keeps each one\'s clock and sends trial.expiring, trial.expired and subscription.expired by itself.')),
    h('form', { class: 'card inline', onSubmit: find, role: 'search', 'aria-label': 'Find a trial or subscription' },
      field('Kind', which), field('Id', input), h('button', { type: 'submit' }, 'Show')),
    result);
}

async function showEntity(container, kind, id) {
  let e;
  try {
    e = await get(vendorPath(kind === 'trial' ? 'trials' : 'subscriptions', id));
  } catch (err) {
    return replace(container, errorBox(err, `${kind} ${id}`));
  }
  const facts = kind === 'trial'
    ? [['Trial', h('span', { class: 'mono' }, e.trialId)], ['Customer', e.customerId], ['Status', badge(e.status)], ['Trial ends', time(e.trialEnd)], e.convertedBy ? ['Converted by', e.convertedBy] : null]
    : [['Subscription', h('span', { class: 'mono' }, e.subscriptionId)], ['Customer', e.customerId], ['Status', badge(e.status)], ['Period ends', time(e.currentPeriodEnd)]];
  const scheduled = e.scheduled || [];
  replace(container, h('section', { class: 'card', 'aria-labelledby': 'entity-h' },
    h('h2', { id: 'entity-h' }, `${kind === 'trial' ? 'Trial' : 'Subscription'} ${id}`),
    dl(facts),
    h('h3', {}, 'Scheduled events'),
    scheduled.length === 0 ? empty('Nothing scheduled', 'No event is due for it.')
      : table('Scheduled events', ['Event', 'Due'], scheduled.map((s) => h('tr', {}, h('td', { class: 'mono' }, s.type), h('td', {}, time(s.at)))), { hideCaption: true }),
    h('div', { class: 'actions' }, temporalLink(`${kind}/${session.vendor}/${id}`))));
}

export async function settingsPage() {
  const lead = h('input', { type: 'text', name: 'trialExpiringLead', spellcheck: 'false', autocomplete: 'off' });
  const grace = h('input', { type: 'text', name: 'renewalGrace', spellcheck: 'false', autocomplete: 'off' });
  const save = h('button', { type: 'submit' }, 'Save settings');
  const body = h('div', {}, loading('the settings'));
  const page = h('div', {},
    h('div', { class: 'page-head' }, pageHeading('Lifecycle settings'),
      h('p', { class: 'lede' }, 'When Billhook warns about an ending trial, and how long it waits for a renewal. Changes re-plan every running trial and subscription.')),
    h('section', { class: 'card' }, body));
  let current;
  try {
    current = await get(vendorPath('settings'));
  } catch (e) {
    replace(body, errorBox(e, 'the settings'));
    return page;
  }
  lead.value = current.trialExpiringLead;
  grace.value = current.renewalGrace;
  async function submit(e) {
    e.preventDefault();
    const saved = await act(save, () => call('PUT', vendorPath('settings'), { trialExpiringLead: lead.value.trim(), renewalGrace: grace.value.trim() }), 'Settings saved.');
    if (saved) { lead.value = saved.trialExpiringLead; grace.value = saved.renewalGrace; }
  }
  replace(body, h('form', { onSubmit: submit, novalidate: true },
    field('Trial expiring lead', lead, 'How long before a trial ends trial.expiring is sent: an ISO-8601 duration such as P3D or PT72H.'),
    field('Renewal grace', grace, 'How long after a period ends without renewal subscription.expired is sent, such as P1D.'),
    save));
  return page;
}
