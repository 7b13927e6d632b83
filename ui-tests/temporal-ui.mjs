// What ops see in the Temporal UI, checked in a real (headless) Chromium.
//
// Finds Billhook's runs the way an operator would, by a search-attribute query in the UI's
// workflow list, opens them, and checks that the page shows what the run is (its summary), where
// it delivered (the first attempt's summary "POST <url>" in the history), why a delivery failed
// (the run's failure), and why one is still retrying (the timeline's "Deliver • POST <url>" and
// its pending activity's last failure). Saves a
// screenshot of every step. Exits 0 when all of it is on the pages, 1 otherwise.
//
// Billhook encrypts every payload it writes to Temporal. A UI with Billhook's codec endpoint
// shows the delivered run's input decoded (--input); with --encrypted (a UI without the codec
// endpoint) the same page must show only ciphertext there, and the checks of summaries (which are
// payloads too) are skipped; failure messages are not payloads and read the same in both.
//
// Usage (TemporalUiIT passes these; every option is required unless marked optional):
//   node temporal-ui.mjs --ui http://127.0.0.1:8233 --namespace default
//     --delivered-query "VendorId = 'v' AND EventType = 'payment.received'"
//     --delivered-id event/v/evt_1 --summary "payment.received for v → 1 endpoint"
//     --activity "POST http://localhost:1234/hook"
//     --failed-query "VendorId = 'w' AND ExecutionStatus = 'Failed'" --failed-id event/w/evt_2
//     --failure "HTTP 410 from http://localhost:1234/gone"
//     --retrying-query "..." --retrying-id event/x/evt_3 --pending "HTTP 503 from ..."
//     --retrying-activity "POST http://localhost:1234/busy" (these four optional)
//     --input '"eventId": "evt_1"' (optional), with --encrypted --ciphertext "<start of the
//     stored input's base64>" for a UI without the codec endpoint
//     --screenshots ../api/target/ui-screenshots
//     --chromium /usr/bin/chromium (optional)
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: opt } = parseArgs({
  options: {
    ui: { type: 'string' },
    namespace: { type: 'string', default: 'default' },
    'delivered-query': { type: 'string' },
    'delivered-id': { type: 'string' },
    summary: { type: 'string' },
    activity: { type: 'string' },
    'failed-query': { type: 'string' },
    'failed-id': { type: 'string' },
    failure: { type: 'string' },
    'retrying-query': { type: 'string' },
    'retrying-id': { type: 'string' },
    pending: { type: 'string' },
    'retrying-activity': { type: 'string' },
    input: { type: 'string' },
    encrypted: { type: 'boolean', default: false },
    ciphertext: { type: 'string' },
    screenshots: { type: 'string', default: 'screenshots' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const missing = ['ui', 'delivered-query', 'delivered-id', 'summary', 'activity', 'failed-query',
  'failed-id', 'failure'].filter((name) => !opt[name]);
if (missing.length > 0) {
  console.error(`missing ${missing.map((name) => `--${name}`).join(', ')} (usage: the top of this file)`);
  process.exit(2);
}

const TIMEOUT = 30_000;
const shots = resolve(opt.screenshots);
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: opt.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1920, height: 1200 } });
page.setDefaultTimeout(TIMEOUT);
let step = 0;

async function shot(name) {
  const path = join(shots, `${String(++step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`  screenshot ${path}`);
}

/**
 * Waits until the page's main content (or a frame in it) shows the text; the UI loads data after
 * it renders, and shows markdown (summaries, details) in sandboxed iframes.
 */
async function expectText(text, what, scope = page.locator('main')) {
  try {
    const found = scope.getByText(text, { exact: false }).first();
    await found.waitFor({ state: 'visible' });
    // So that the screenshot taken next shows it (vertically only: the layout stays put).
    await found.evaluate((e) => e.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  } catch (e) {
    throw new Error(`${what}: "${text}" not on ${page.url()}`);
  }
  console.log(`ok: ${what}: "${text}"`);
}

/** Types nothing: the list page takes the query from its URL, as a bookmarked search would. */
async function openFromList(query, workflowId, name) {
  const url = `${opt.ui}/namespaces/${encodeURIComponent(opt.namespace)}/workflows?query=${encodeURIComponent(query)}`;
  console.log(`list: ${query}`);
  await page.goto(url);
  const link = page.getByRole('link', { name: workflowId, exact: true });
  await link.first().waitFor({ state: 'visible' });
  const rows = await link.count();
  if (rows !== 1) {
    throw new Error(`the query lists ${workflowId} ${rows} times`);
  }
  console.log(`ok: the query lists ${workflowId}`);
  await shot(`${name}-list`);
  await link.click();
  await page.waitForURL(/\/workflows\/[^/]+\/[^/]+/);
  await expectText(workflowId, 'the run page is open');
}

/** The run's status badge at the top of its page. */
async function expectStatus(status) {
  await expectText(status, 'the run\'s status', page.getByTestId('execution-status'));
}

/** The delivered run's input: in clear through the codec, or ciphertext without it. */
async function expectInput() {
  if (!opt.encrypted) {
    await expectText(opt.input, 'the input is decoded through Billhook\'s codec endpoint');
    return;
  }
  await expectText(opt.ciphertext, 'without the codec the input is the stored ciphertext');
  const clear = await page.locator('main').getByText(opt.input, { exact: false }).count();
  if (clear !== 0) {
    throw new Error(`without the codec the page still shows "${opt.input}"`);
  }
  console.log(`ok: without the codec the page does not show "${opt.input}"`);
}

async function openTab(name) {
  await page.getByRole('link', { name: new RegExp(`^${name}`) })
    .or(page.getByRole('tab', { name: new RegExp(`^${name}`) }))
    .first().click();
}

let failed = false;
try {
  // A delivered event: found by VendorId + EventType, labelled by its summary, with its delivery.
  await openFromList(opt['delivered-query'], opt['delivered-id'], 'delivered');
  await expectStatus('Completed');
  if (opt.input) {
    await expectInput();
    await shot(opt.encrypted ? 'delivered-input-ciphertext' : 'delivered-input-decoded');
  }
  if (!opt.encrypted) {
    // The first attempt ran as a local activity: the timeline marks it "Deliver"; the history
    // (below) carries its summary.
    await shot('delivered-timeline');
    await openTab('User Metadata');
    await expectText(opt.summary, 'the run\'s summary', page.frameLocator('#user-metadata-summary'));
    await shot('delivered-summary');
    await openTab('Event History');
    await expectText(opt.activity, 'the history shows where the first attempt went');
    await expectText(opt.summary, 'the history shows the run summary');
    await shot('delivered-history');
  }

  // A failed delivery: found by ExecutionStatus, and the page says why without another click.
  await openFromList(opt['failed-query'], opt['failed-id'], 'failed');
  await expectStatus('Failed');
  await expectText(opt.failure, 'the failure says why');
  await shot('failed-run');

  // A delivery still retrying: its pending activity shows the last failure and the attempt.
  if (opt['retrying-query']) {
    await openFromList(opt['retrying-query'], opt['retrying-id'], 'retrying');
    await expectStatus('Running');
    if (opt['retrying-activity']) {
      await openTab('Timeline');
      await expectText(`Deliver • ${opt['retrying-activity']}`, 'the timeline labels the retrying activity');
      await shot('retrying-timeline');
    }
    await openTab('Pending Activities');
    await expectText('Deliver', 'the pending activity is the delivery');
    await expectText(opt.pending, 'the last failure says why it retries');
    await shot('retrying-pending');
  }
} catch (e) {
  failed = true;
  console.error(`FAILED: ${e.message}`);
  await shot('failure').catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
