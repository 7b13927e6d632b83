// Sign in with a vendor's API key (it names its vendor) or the admin token (then pick a vendor).
import { h, field, replace } from './dom.js';
import { call, session, VENDOR_ID } from './api.js';
import { pageHeading, announce } from './ui.js';

export function signInPage(onSignedIn) {
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, spellcheck: 'false' });
  const vendor = h('input', { type: 'text', name: 'vendor', autocomplete: 'off', spellcheck: 'false', pattern: '[A-Za-z0-9_\\-]{1,64}' });
  const error = h('div', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, 'Sign in');

  async function signIn(e) {
    e.preventDefault();
    replace(error);
    const key = token.value.trim();
    const wanted = vendor.value.trim();
    if (!key) return replace(error, 'Enter your API key (bhk_…) or the admin token.');
    submit.disabled = true;
    try {
      const me = await call('GET', '/v1/console', undefined, key);
      if (me.caller === 'vendor') {
        if (wanted && wanted !== me.vendorId) {
          return replace(error, `This key belongs to vendor ${me.vendorId}, not ${wanted}. Leave the vendor empty to use it.`);
        }
        session.signIn({ token: key, vendor: me.vendorId, caller: 'vendor' });
      } else {
        if (!VENDOR_ID.test(wanted)) {
          vendor.focus();
          return replace(error, 'With the admin token, enter the vendor id to work on (letters, digits, _ and -).');
        }
        session.signIn({ token: key, vendor: wanted, caller: 'admin', temporalUi: me.temporalUi });
      }
      onSignedIn();
      announce(`Signed in to vendor ${session.vendor}.`, 'good');
    } catch (err) {
      replace(error, err.status === 401 ? 'That key or token was not accepted: check it and try again.' : err.message);
      token.focus();
    } finally {
      submit.disabled = false;
    }
  }

  return h('section', { class: 'signin card' },
    pageHeading('Sign in to Billhook'),
    h('p', {}, 'Manage your webhook endpoints, see every delivery and repair failing ones.'),
    h('form', { onSubmit: signIn, novalidate: true },
      field('API key or admin token', token, 'A vendor key starts with bhk_. It stays in this browser tab only and is sent to Billhook as a bearer token.'),
      field('Vendor id (admin token only)', vendor, 'The admin token reaches every vendor: name the one to work on. A vendor key knows its vendor.'),
      error,
      submit));
}

/** The admin's vendor picker in the top bar. */
export function vendorSwitcher(rerender) {
  const input = h('input', { type: 'text', value: session.vendor, size: 14, spellcheck: 'false', autocomplete: 'off' });
  return h('form', { class: 'switcher', onSubmit: (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (!VENDOR_ID.test(v)) return announce('A vendor id has letters, digits, _ and - only.', 'bad');
    session.switchVendor(v);
    rerender();
    announce(`Now working on vendor ${v}.`, 'good');
  } }, field('Vendor (admin)', input), h('button', { type: 'submit', class: 'secondary' }, 'Switch'));
}
