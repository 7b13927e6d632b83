// The console's shell: sign-in, navigation and the hash routes of every page.
import { h, replace } from './dom.js';
import { session, whenUnauthorized } from './api.js';
import { signInPage, vendorSwitcher } from './signin.js';
import { endpointsPage } from './endpoints.js';
import { endpointPage } from './endpoint.js';
import { eventsPage, eventPage } from './events.js';
import { lifecyclePage, settingsPage } from './lifecycle.js';
import { announce } from './ui.js';

const main = document.getElementById('main');

const ROUTES = [
  [/^#\/endpoints\/([^/]+)$/, (id) => endpointPage(id)],
  [/^#\/endpoints$/, () => endpointsPage()],
  [/^#\/events\/([^/]+)$/, (id) => eventPage(id)],
  [/^#\/events(?:\?(.*))?$/, (q) => eventsPage(new URLSearchParams(q || ''))],
  [/^#\/lifecycle\/(trial|subscription)\/([^/]+)$/, (kind, id) => lifecyclePage(kind, id)],
  [/^#\/lifecycle$/, () => lifecyclePage()],
  [/^#\/settings$/, () => settingsPage()],
];

const NAV = [['#/endpoints', 'Endpoints'], ['#/events', 'Events'], ['#/lifecycle', 'Trials & subscriptions'], ['#/settings', 'Settings']];

function decode(part) {
  try { return decodeURIComponent(part); } catch { return null; }
}

async function render() {
  if (!session.token) {
    renderShell(false);
    replace(main, signInPage(() => go('#/endpoints')));
    focusHeading();
    return;
  }
  renderShell(true);
  const hash = location.hash || '#/endpoints';
  for (const [pattern, page] of ROUTES) {
    const match = pattern.exec(hash);
    if (match) {
      const args = match.slice(1).map((p) => (p === undefined ? p : decode(p)));
      if (args.some((a) => a === null)) break;
      replace(main, await page(...args));
      focusHeading();
      return;
    }
  }
  location.replace('#/endpoints');
}

function renderShell(signedIn) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!signedIn) {
    replace(nav);
    replace(who);
    return;
  }
  const here = (location.hash || '#/endpoints').split(/[/?]/).slice(0, 2).join('/');
  replace(nav, h('ul', {}, NAV.map(([href, label]) => h('li', {},
    h('a', { href, 'aria-current': here === href ? 'page' : null }, label)))));
  replace(who,
    session.caller === 'admin' ? vendorSwitcher(() => go('#/endpoints')) : h('span', { class: 'vendor' }, 'Vendor ', h('strong', {}, session.vendor)),
    h('button', { type: 'button', class: 'secondary', onClick: signOut }, 'Sign out'));
}

/** Shows a route, also when the address already names it (no hashchange then). */
function go(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function signOut() {
  session.signOut();
  location.hash = '';
  render();
  announce('Signed out.');
}

function focusHeading() {
  const heading = document.getElementById('page-heading');
  if (heading) heading.focus({ preventScroll: false });
}

whenUnauthorized(() => {
  session.signOut();
  render().then(() => announce('The key was not accepted (revoked, or wrong): sign in again.', 'bad'));
});

window.addEventListener('hashchange', render);
render();
