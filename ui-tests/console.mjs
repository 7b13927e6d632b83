// The vendor's Webhooks page (Billhook's console at /console/), used in a real (headless) Chromium
// the way a vendor would, with nothing but its API key:
//   sign in; add an endpoint, pick its events, copy the generated signing secret; send a test event
//   and see its result; add a Discord endpoint, send it a test and read the message posted (its
//   masked URL never sent back); repair a failing endpoint (see its failed attempts, fix the URL, enable it,
//   recover what failed, resend one event); find an event and read its payload and deliveries;
//   look up a trial; read the lifecycle settings. Then the admin token, which picks a vendor and
//   links a run to the Temporal UI.
// Every page gets an axe-core accessibility check (no serious or critical violation), and hostile
// values (markup in descriptions, payloads, problem details, the URL hash; a javascript: link base)
// must show as text and never run. Saves a screenshot of every step. Exits 0 when all of it holds.
//
// Usage (ConsoleIT passes these; all required unless marked optional):
//   node console.mjs --app http://127.0.0.1:8080 --vendor acme --key bhk_... --admin-token ...
//     --receiver-url http://127.0.0.1:1234/hook (answers 200)
//     --discord-url http://127.0.0.1:1234/api/webhooks/123/abc (a loopback stand-in for Discord)
//     --failing-endpoint ep_... (disabled by a 410) --fixed-url http://127.0.0.1:1234/fixed
//     --event evt_... (whose payload holds markup) --trial tr_... --temporal-ui http://127.0.0.1:8233
//     --screenshots ../api/target/console-screenshots --chromium /usr/bin/chromium (optional)
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: opt } = parseArgs({
  options: {
    app: { type: 'string' }, vendor: { type: 'string' }, key: { type: 'string' },
    'admin-token': { type: 'string' }, 'receiver-url': { type: 'string' }, 'discord-url': { type: 'string' },
    'failing-endpoint': { type: 'string' }, 'fixed-url': { type: 'string' },
    event: { type: 'string' }, trial: { type: 'string' }, 'temporal-ui': { type: 'string' },
    screenshots: { type: 'string', default: 'console-screenshots' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const missing = ['app', 'vendor', 'key', 'admin-token', 'receiver-url', 'discord-url', 'failing-endpoint', 'fixed-url',
  'event', 'trial', 'temporal-ui'].filter((name) => !opt[name]);
if (missing.length > 0) {
  console.error(`missing ${missing.map((name) => `--${name}`).join(', ')} (usage: the top of this file)`);
  process.exit(2);
}

const TIMEOUT = 20_000;
const MARKUP = /<img|onerror/;
const shots = resolve(opt.screenshots);
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const api = `${opt.app}/v1/vendors/${encodeURIComponent(opt.vendor)}`;
const problems = [];
const skipped = [];

const browser = await chromium.launch({
  executablePath: opt.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: opt.app });
let page = await open(context);
let step = 0;

async function open(ctx) {
  const p = await ctx.newPage();
  p.setDefaultTimeout(TIMEOUT);
  // Nothing may run that the console did not ship: no dialog, no script error, no CSP refusal.
  p.on('dialog', (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
  p.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  p.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  p.on('request', (r) => {
    if (!r.url().startsWith(opt.app)) problems.push(`a request left Billhook: ${r.url()}`);
  });
  return p;
}

/** A small picture for the docs: what is in view, or one part of the page. */
async function docShot(name, part) {
  const path = join(shots, `docs-console-${name}.png`);
  await page.locator('#status').evaluate((e) => e.replaceChildren());
  await (part ? part.screenshot({ path }) : page.screenshot({ path }));
  console.log(`  doc picture ${path}`);
}

async function shot(name) {
  const path = join(shots, `${String(++step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`  screenshot ${path}`);
}

/** axe-core on the page as it stands: no serious or critical violation. */
async function accessible(what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) {
    problems.push(`${what}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  }
  console.log(`ok: ${what}: axe finds ${bad.length} serious/critical violations (${result.violations.length} in all)`);
}

async function expectText(text, what, scope = page.locator('main')) {
  try {
    await scope.getByText(text, { exact: false }).first().waitFor({ state: 'visible' });
  } catch (e) {
    throw new Error(`${what}: "${text}" not on ${page.url()}`);
  }
  console.log(`ok: ${what}`);
}

async function heading(name) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  const focused = await page.evaluate(() => document.activeElement?.id);
  if (focused !== 'page-heading') problems.push(`after opening "${name}" the focus is on ${focused}, not the heading`);
}

/** Markup from the server must be text: no element it could have made, and its text is shown. */
async function noInjectedMarkup(where) {
  const found = await page.evaluate(() => [...document.querySelectorAll('main img, main iframe, main script, a[href^="javascript" i]')].map((e) => e.outerHTML));
  if (found.length > 0) problems.push(`${where}: server data became markup: ${found.join(' ')}`);
  else console.log(`ok: ${where}: hostile values stay text`);
}

async function toast(pattern) {
  const status = page.locator('#status');
  await status.getByText(pattern).first().waitFor();
  return status.innerText();
}

/**
 * Whether a route answers "no such route" (a server without it; then its step is skipped). Asked
 * with a body the route itself refuses, so that the probe changes nothing.
 */
async function routeMissing(method, path, body) {
  const r = await fetch(`${api}${path}`, { method, headers: { Authorization: `Bearer ${opt.key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await r.json().catch(() => ({}));
  return r.status === 404 && /^no such route/.test(json.detail || '');
}

/**
 * A Discord channel: picked as the format, its webhook URL pasted; the test shows the message
 * posted; a template saved from the endpoint page leaves the real URL alone (the page shows it
 * masked), and a URL that still holds *** is not sent.
 */
async function discord() {
  await page.goto(`${opt.app}/console/#/endpoints`);
  await heading('Endpoints');
  await page.getByLabel('Discord', { exact: true }).check();
  if (await page.getByLabel('Telegram chat ID').isVisible()) problems.push('the chat id field shows for Discord');
  await page.getByLabel('Endpoint URL').fill(opt['discord-url']);
  await page.getByLabel('Description (optional)').fill('Support <b>channel</b>');
  await page.getByLabel('All events, including types added later').check();
  await accessible('add a Discord endpoint');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expectText('Endpoint added: it posts to Discord', 'a Discord endpoint is added');
  if (await page.getByRole('textbox', { name: 'Signing secret' }).count() > 0) problems.push('a Discord endpoint shows a signing secret to copy');
  const id = decodeURIComponent((await page.getByRole('link', { name: 'Open the endpoint to send a test event' }).getAttribute('href')).split('/').pop());
  const read = async () => (await fetch(`${api}/endpoints/${id}`, { headers: { Authorization: `Bearer ${opt.key}` } })).json();
  const before = await read();
  if (before.format !== 'discord' || !before.url.endsWith('/***')) problems.push(`the Discord endpoint: ${JSON.stringify(before)}`);
  await page.getByRole('link', { name: 'Open the endpoint to send a test event' }).click();
  await heading('Support <b>channel</b>');
  await expectText('Deliveries to Discord are not signed', 'the endpoint says chat deliveries are not signed');
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expectText('Delivered', 'the Discord test was delivered');
  const message = JSON.parse(await page.locator('pre[aria-label="Message posted"]').innerText());
  if (!message.embeds || JSON.stringify(message.allowed_mentions) !== '{"parse":[]}') problems.push(`the message shown: ${JSON.stringify(message)}`);
  else console.log('ok: the test shows the Discord message posted');
  await noInjectedMarkup('Discord endpoint');
  await accessible('Discord endpoint');
  await shot('discord-test');
  await docShot('discord', page.locator('section[aria-labelledby=test-h]'));

  await page.getByLabel('URL', { exact: true }).fill(before.url.replace('/***', '/***x'));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toast('Paste the whole new URL');
  await page.getByLabel('URL', { exact: true }).fill(before.url);
  await page.getByLabel('Message template').fill('Test {{type}} for {{data.customerId}}');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toast('Endpoint saved.');
  const after = await read();
  if (after.template !== 'Test {{type}} for {{data.customerId}}' || after.url !== before.url) problems.push(`after saving the template: ${JSON.stringify(after)}`);
  else console.log('ok: the template is saved and the masked URL was not sent back');
  await heading('Support <b>channel</b>');
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expectText('"content": "Test webhook.test for', 'the test posts the template\'s text');
}

/** The whole journey, step by step; throws at the first step that cannot go on. */
async function journey() {
  // 1. Sign in with the vendor's key; a different vendor in the form is refused.
  await page.goto(`${opt.app}/console/`);
  await heading('Sign in to Billhook');
  await accessible('sign-in');
  await shot('sign-in');
  await page.getByLabel('API key or admin token').fill(opt.key);
  await page.getByLabel('Vendor id (admin token only)').fill('someone-else');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectText(`This key belongs to vendor ${opt.vendor}, not someone-else`, 'a key for another vendor is refused');
  await page.getByLabel('Vendor id (admin token only)').fill('');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await heading('Endpoints');
  await expectText(opt['failing-endpoint'], 'the endpoints list shows the vendor\'s endpoints');
  await expectText('disabled', 'the list shows the disabled endpoint\'s state');
  await noInjectedMarkup('endpoints list');
  await accessible('endpoints');
  await shot('endpoints');

  // 2-3. Add an endpoint: URL, description, its events; copy the generated signing secret.
  await page.getByLabel('Endpoint URL').fill(opt['receiver-url']);
  await page.getByLabel('Description (optional)').fill('CRM');
  await page.getByLabel('payment.received').check();
  await page.getByLabel('invoice.created').check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expectText('Endpoint added: copy its signing secret', 'the new endpoint shows its secret');
  const shown = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
  await page.getByRole('button', { name: 'Copy secret' }).click();
  await toast('Copied to the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (!/^whsec_/.test(copied) || copied !== shown) problems.push(`copied "${copied}", shown "${shown}"`);
  const createdId = decodeURIComponent((await page.getByRole('link', { name: 'Open the endpoint to send a test event' }).getAttribute('href')).split('/').pop());
  const created = await (await fetch(`${api}/endpoints/${createdId}`, { headers: { Authorization: `Bearer ${opt.key}` } })).json();
  const secret = (await (await fetch(`${api}/endpoints/${created.id}/secret`, { headers: { Authorization: `Bearer ${opt.key}` } })).json()).secret;
  if (secret !== copied) problems.push('the copied secret is not the endpoint\'s signing secret');
  if (JSON.stringify(created.events) !== JSON.stringify(['payment.received', 'invoice.created'])) problems.push(`events picked: ${created.events}`);
  console.log(`ok: endpoint ${created.id} added with ${created.events}, its secret copied`);
  await accessible('endpoint added');
  await shot('endpoint-added');
  await docShot('add-endpoint', page.locator('section[aria-labelledby=add-heading]'));

  // 4-5. Send a test event and see what the receiver answered.
  await page.getByRole('link', { name: 'Open the endpoint to send a test event' }).click();
  await heading('CRM');
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expectText('Delivered', 'the test event was delivered');
  await expectText('HTTP 200', 'the test result shows the receiver\'s answer');
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  if ((await page.getByRole('textbox', { name: 'Signing secret' }).inputValue()) !== secret) problems.push('the revealed secret differs');
  await accessible('endpoint');
  await shot('test-delivered');
  await docShot('endpoint');

  await discord();

  // Repair: a failing endpoint (its receiver answered 410 Gone, so Billhook disabled it).
  await page.goto(`${opt.app}/console/#/endpoints/${opt['failing-endpoint']}`);
  await expectText('This endpoint is disabled', 'the failing endpoint says it is disabled');
  await page.getByLabel('Failed attempts only').check();
  await expectText('HTTP 410', 'its failed attempts show the receiver\'s answer');
  await accessible('failing endpoint');
  await shot('failing-endpoint');
  await docShot('delivery-log', page.locator('section[aria-labelledby=log-h]'));
  await page.getByLabel('URL', { exact: true }).fill(opt['fixed-url']);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toast('Endpoint saved.');
  await page.getByRole('button', { name: 'Enable' }).click();
  await toast('Endpoint enabled.');
  await page.getByRole('heading', { level: 1 }).waitFor();
  if (await routeMissing('POST', `/endpoints/${opt['failing-endpoint']}/recover`, { since: 'not a time' })) {
    skipped.push('recover: POST .../endpoints/{id}/recover answers 404 (not on this server yet)');
  } else {
    await page.getByRole('button', { name: 'Recover failed deliveries' }).click();
    await toast(/being sent again|Sending \d+ failed/);
    await page.getByLabel('Failed attempts only').uncheck();
    await expectText('HTTP 200', 'after recovery the log shows a delivery to the fixed URL');
    await shot('recovered');
  }
  if (await routeMissing('POST', `/events/${opt.event}/resend`, { endpointId: 'ep_no_such_endpoint' })) {
    skipped.push('resend: POST .../events/{id}/resend answers 404 (not on this server yet)');
  } else {
    await page.getByRole('button', { name: /^Resend event / }).first().click();
    await toast(/is being sent again/);
  }

  // Events: search by id, the payload and its deliveries; hostile markup in it stays text.
  await page.goto(`${opt.app}/console/#/events`);
  await heading('Events');
  await accessible('events');
  await page.getByLabel('Event id').fill(opt.event);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expectText('<img src=x onerror', 'the payload shows markup as text');
  await expectText('Deliveries', 'the event lists its deliveries');
  await noInjectedMarkup('event');
  if (await page.getByRole('link', { name: /Temporal UI/ }).count() > 0) problems.push('a vendor sees a Temporal UI link');
  await accessible('event');
  await shot('event');
  await docShot('event');

  // A trial's state and what is scheduled.
  await page.goto(`${opt.app}/console/#/lifecycle/trial/${encodeURIComponent(opt.trial)}`);
  await expectText('trial.expiring', 'the trial shows its scheduled events');
  await accessible('trial');
  await shot('trial');

  // Settings; a problem detail that echoes markup stays text.
  await page.goto(`${opt.app}/console/#/settings`);
  await heading('Lifecycle settings');
  await page.getByLabel('Trial expiring lead').fill('<img src=x onerror=alert(1)>');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#status .toast.bad').waitFor();
  await noInjectedMarkup('settings refusal');
  await accessible('settings');
  await shot('settings');

  // The URL hash is not trusted: odd ids end in an error box, never in markup or another vendor.
  for (const hash of ['#/endpoints/..%2F..%2Fapi-keys', '#/events/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', '#/events/%E0%A4%A']) {
    await page.goto(`${opt.app}/console/${hash}`);
    await page.locator('main h1').waitFor();
    await noInjectedMarkup(`hash ${hash}`);
  }

  // The admin token: picks a vendor, and links a run to the Temporal UI (http(s) only).
  const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await open(admin);
  await page.goto(`${opt.app}/console/`);
  await page.getByLabel('API key or admin token').fill(opt['admin-token']);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectText('enter the vendor id to work on', 'the admin is asked for a vendor');
  await page.getByLabel('Vendor id (admin token only)').fill(opt.vendor);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await heading('Endpoints');
  await page.goto(`${opt.app}/console/#/events/${encodeURIComponent(opt.event)}`);
  const link = page.getByRole('link', { name: /Open the run in the Temporal UI/ });
  const href = await link.getAttribute('href');
  const runQuery = `WorkflowId = 'event/${opt.vendor}/${opt.event}'`;
  if (!href.startsWith(`${opt['temporal-ui']}/namespaces/`) || new URL(href).searchParams.get('query') !== runQuery) problems.push(`Temporal UI link: ${href}`);
  else console.log(`ok: the admin's event page links the run: ${href}`);
  await accessible('admin event');
  await shot('admin-event');
  // The link opens the run in the Temporal UI (in a new tab).
  const [ui] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await ui.getByRole('link', { name: `event/${opt.vendor}/${opt.event}`, exact: true }).first().waitFor({ timeout: 30_000 });
  console.log('ok: the Temporal UI lists the run');
  await ui.close();
  await page.evaluate(() => sessionStorage.setItem('billhook.temporalUi', JSON.stringify({ url: 'javascript:alert(1)//', namespace: 'x' })));
  await page.reload();
  await expectText('Deliveries', 'the event page renders');
  if (await link.count() > 0) problems.push('a javascript: Temporal UI base became a link');
  await noInjectedMarkup('javascript: Temporal UI base');
}

const failure = await journey().then(() => null, (e) => e);
if (failure) {
  console.error(`FAILED: ${failure.message}`);
  await shot('failure').catch(() => {});
}
await browser.close();
for (const s of skipped) console.log(`SKIPPED ${s}`);
for (const p of problems) console.error(`PROBLEM: ${p}`);
process.exit(failure || problems.length > 0 ? 1 : 0);
