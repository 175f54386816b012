// Drives the web dashboard in Debian's chromium (playwright-core, no browser download) against a running service
// with one rollout baking its canary step. Run by tests/EndToEnd.Tests/DashboardBrowserTests.cs; exits 0 when every
// step held, 1 with the failing step otherwise. Settings come from the environment (see `need` below).
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

function need(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
}

const base = need('DASHBOARD_URL').replace(/\/$/, '');
const onCallKey = need('DASHBOARD_ON_CALL_KEY');
const onCallName = need('DASHBOARD_ON_CALL_NAME');
const viewerKey = need('DASHBOARD_VIEWER_KEY');
const releaseManagerKey = need('DASHBOARD_RELEASE_MANAGER_KEY');
const rolloutId = need('DASHBOARD_ROLLOUT_ID');
const endpoint = need('DASHBOARD_ENDPOINT');
const screenshots = need('DASHBOARD_SCREENSHOTS');
const chromiumPath = process.env.DASHBOARD_CHROMIUM ?? '/usr/bin/chromium';
const WAIT = 60_000;
const ROLLBACK_WAIT = 150_000;

let current = 'start';
async function step(name, action) {
  current = name;
  const started = Date.now();
  await action();
  console.log(`ok: ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Polls a condition (an async function returning truthy) until it holds. */
async function until(condition, description, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await condition();
      if (last) return last;
    } catch (error) {
      last = error.message;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeout / 1000} s waiting until ${description} (last: ${JSON.stringify(last)})`);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const text = async locator => ((await locator.count()) ? (await locator.first().textContent()) ?? '' : '');

const profile = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
mkdirSync(screenshots, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  viewport: { width: 1366, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

const problems = [];
const posts = [];
const feedReads = [];
let exitCode = 0;
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(WAIT);
  // A CSP violation (inline script or style) or a script error shows up here and fails the walk at the end.
  // The bad key's 401 and the bad plan's 400 are logged by the browser as failed loads: expected, so not problems.
  page.on('console', message => {
    if (message.type() === 'error' && !/status of 40[01]\b/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('request', request => {
    if (request.method() === 'POST') posts.push({ url: request.url(), headers: request.headers() });
    const url = new URL(request.url());
    const feed = /\/rollouts\/[^/]+\/(audit|gates)$/.exec(url.pathname);
    if (request.method() === 'GET' && feed) feedReads.push({ feed: feed[1], after: url.searchParams.get('after') });
  });

  const summaryState = page.locator('[data-field="state"]');
  const auditRows = page.locator('#audit table tbody tr');
  const actionButton = name => page.locator('.actions button', { hasText: new RegExp(`^${name}$`) });
  const dialog = page.locator('dialog.action-dialog');

  await step('/ redirects to the dashboard, which asks for a key and shows no data', async () => {
    const response = await page.goto(base + '/');
    check(response.ok(), `the page answered ${response.status()}`);
    check(new URL(page.url()).pathname === '/dashboard/', `landed on ${page.url()}`);
    await page.locator('#key-prompt').waitFor({ state: 'visible' });
    check(await page.locator('#view table').count() === 0, 'rollout data is shown without a key');
  });

  await step('a bad key is refused and the prompt stays, with an error', async () => {
    await page.getByLabel('API key', { exact: true }).fill('rok_this_key_does_not_exist_0000000000000');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.locator('#key-error').waitFor({ state: 'visible' });
    const error = await text(page.locator('#key-error'));
    check(/refused/i.test(error), `the key error reads "${error}"`);
    check(await page.locator('#key-prompt').isVisible(), 'the prompt went away after a bad key');
  });

  await step('an on-call key signs in and shows its name and role', async () => {
    await page.getByLabel('API key', { exact: true }).fill(onCallKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await until(async () => (await text(page.locator('#who-role'))) === 'on-call', 'the role shows on-call');
    check((await text(page.locator('#who-name'))) === onCallName, 'the key name is not shown');
    check(!page.url().includes(onCallKey), 'the key is in the URL');
    const storage = await page.evaluate(() => ({ session: Object.values(sessionStorage), local: Object.keys(localStorage), cookie: document.cookie }));
    check(storage.session.includes(onCallKey), 'the key is not in sessionStorage');
    check(storage.local.length === 0 && storage.cookie === '', `the key leaked to localStorage or a cookie: ${JSON.stringify(storage.local)} ${storage.cookie}`);
    check(await page.locator('#nav-submit').isHidden(), 'an on-call key is offered submit');
  });

  await step('the list shows the rollout, refreshed without a reload', async () => {
    await page.locator(`tr[data-rollout="${rolloutId}"]`).waitFor();
    const row = await text(page.locator(`tr[data-rollout="${rolloutId}"]`));
    check(row.includes(endpoint) && row.includes('Canary'), `the row reads "${row}"`);
    await page.screenshot({ path: join(screenshots, 'list.png'), fullPage: true });
  });

  await step('opening it shows the canary split (blue 90%, green 10%) and gate results', async () => {
    await page.locator(`tr[data-rollout="${rolloutId}"] a`).click();
    await until(async () => (await text(page.locator('#view h1'))) === endpoint, 'the rollout page shows its endpoint');
    await until(async () => (await text(page.locator('[data-traffic="desired"] .live-text'))).includes('blue 90% · green 10%'), 'the desired split is 90/10');
    await until(async () => (await text(page.locator('[data-traffic="actual"] .live-text'))).includes('blue 90% · green 10%'), 'the actual split is 90/10');
    check((await text(page.locator('[data-field="step"]'))).includes('4 of 6'), 'the step is not 4 of 6');
    await until(async () => (await page.locator('#last-round table tbody tr').count()) >= 2, 'the last gate round lists both gates');
    check(await actionButton('Promote').count() === 0, 'an on-call key is offered promote');
  });

  await step('pause: the state shows Paused and the audit log names the actor', async () => {
    await actionButton('Pause').click();
    await dialog.getByLabel('Reason (optional)').fill('dashboard test: holding for a look');
    await dialog.getByRole('button', { name: 'Pause rollout' }).click();
    await until(async () => (await text(summaryState)).startsWith('Paused'), 'the state shows Paused');
    await until(async () => {
      for (const row of await auditRows.all()) {
        const cells = await row.locator('td').allTextContents();
        if (cells[1] === 'Pause' && cells[2] === onCallName && cells[3] === 'on-call') return true;
      }
      return false;
    }, `the audit log shows Pause by ${onCallName}`);
    await until(async () => (await page.locator('#gate-history svg').count()) >= 2, 'a chart per gate');
    await page.screenshot({ path: join(screenshots, 'paused.png'), fullPage: true });
  });

  await step('resume: the rollout leaves Paused', async () => {
    await actionButton('Resume').click();
    await dialog.getByRole('button', { name: 'Resume rollout' }).click();
    await until(async () => (await text(summaryState)) === 'Canary', 'the state shows Canary again');
  });

  await step('abort refuses an empty reason in the page, then rolls back with one', async () => {
    const before = posts.length;
    await actionButton('Abort').click();
    await dialog.getByRole('button', { name: 'Abort and roll back' }).click();
    await page.locator('#action-error').waitFor({ state: 'visible' });
    check(/needs a reason/.test(await text(page.locator('#action-error'))), 'no reason error shown');
    check(posts.length === before, 'an abort without a reason was sent');
    await dialog.getByLabel('Reason (required)').fill('dashboard test: abort');
    await dialog.getByRole('button', { name: 'Abort and roll back' }).click();
    await until(async () => (await text(summaryState)) === 'RolledBack', 'the rollout ends RolledBack', ROLLBACK_WAIT);
    await until(async () => (await text(page.locator('[data-traffic="actual"] .live-text'))).includes('blue 100%'), 'blue has 100% again');
    await page.screenshot({ path: join(screenshots, 'rolled-back.png'), fullPage: true });
  });

  await step('every action carried an Idempotency-Key and X-Orchestrator-Client: dashboard', async () => {
    check(posts.length === 3, `expected 3 POSTs (pause, resume, abort), saw ${posts.length}`);
    for (const post of posts) {
      check(post.headers['idempotency-key']?.length > 0, `${post.url} had no Idempotency-Key`);
      check(post.headers['x-orchestrator-client'] === 'dashboard', `${post.url} had no X-Orchestrator-Client`);
      check(!post.url.includes(onCallKey), 'the key is in a URL');
    }
  });

  await step('the audit log and gate history are read incrementally and show every entry once, in order', async () => {
    // After the first read, each refresh asks only for entries after the last one it holds.
    for (const name of ['audit', 'gates']) {
      const reads = feedReads.filter(r => r.feed === name);
      check(reads.length >= 3, `only ${reads.length} reads of ${name}`);
      check(reads.every(r => /^\d+$/.test(r.after ?? '')), `a ${name} read had no cursor: ${JSON.stringify(reads.slice(0, 3))}`);
      check(reads.some(r => Number(r.after) > 0), `every ${name} read started from 0: the page re-reads the whole history`);
    }

    // The table, newest first, holds exactly the log the API answers: nothing missed across refreshes, nothing twice.
    const response = await fetch(`${base}/api/v1/rollouts/${rolloutId}/audit?limit=1000`, { headers: { Authorization: `Bearer ${onCallKey}` } });
    check(response.ok, `the audit API answered ${response.status}`);
    const expected = (await response.json()).events.map(e => e.action).reverse();
    const shownActions = () => auditRows.evaluateAll(rows => rows.map(row => row.cells[1].textContent));
    await until(async () => JSON.stringify(await shownActions()) === JSON.stringify(expected), `the audit table shows the API's ${expected.length} entries`)
      .catch(async error => { throw new Error(`${error.message}: shown ${JSON.stringify(await shownActions())}, expected ${JSON.stringify(expected)}`); });
  });

  await step('a viewer key sees the rollout but no action buttons', async () => {
    await page.getByRole('button', { name: 'Forget key' }).click();
    await page.locator('#key-prompt').waitFor({ state: 'visible' });
    check((await page.evaluate(() => Object.values(sessionStorage))).length === 0, 'the key stayed in sessionStorage');
    await page.getByLabel('API key', { exact: true }).fill(viewerKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await until(async () => (await text(page.locator('#who-role'))) === 'viewer', 'the role shows viewer');
    await until(async () => (await text(summaryState)) === 'RolledBack', 'the viewer sees the rollout');
    check(await page.locator('.actions button').count() === 0, 'a viewer is offered action buttons');
    check(/read but not act/.test(await text(page.locator('.actions'))), 'the viewer is not told why there are no actions');
  });

  await step('a release manager is offered Retry on the rolled-back rollout, and submit lists every field error', async () => {
    await page.getByRole('button', { name: 'Forget key' }).click();
    await page.getByLabel('API key', { exact: true }).fill(releaseManagerKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await until(async () => (await text(page.locator('#who-role'))) === 'release-manager', 'the role shows release-manager');
    await until(async () => (await page.locator('.actions button').allTextContents()).join(',') === 'Retry', 'only Retry is offered');
    await page.getByRole('link', { name: 'Submit a plan' }).click();
    await page.getByLabel('Plan (YAML or JSON)').fill([
      `target: {kind: local, endpoint: ${endpoint}-bad}`,
      'baseline: {name: blue}',
      'candidate: {name: green, spec: {model: nowhere.json, instance_count: 0}}',
      'steps:',
      '  - mirror: {percent: 60, bake: 5s}',
    ].join('\n'));
    const before = posts.length;
    await page.getByRole('button', { name: 'Submit rollout' }).click();
    await until(async () => (await page.locator('.field-errors li').count()) >= 2, 'the form lists the field errors');
    const errors = (await page.locator('.field-errors li').allTextContents()).join('\n');
    check(/instance_count/.test(errors) && /mirror/.test(errors), `the field errors read:\n${errors}`);
    check(posts.length === before + 1 && posts[before].headers['idempotency-key'], 'the submit carried no Idempotency-Key');
    await page.screenshot({ path: join(screenshots, 'submit-errors.png'), fullPage: true });
  });

  await step('the page raised no script error and no Content-Security-Policy violation', async () => {
    check(problems.length === 0, problems.join('\n'));
  });

  console.log('dashboard walkthrough passed');
} catch (error) {
  exitCode = 1;
  console.error(`FAILED at "${current}": ${error.message}`);
  if (problems.length) console.error(problems.join('\n'));
  try {
    await context.pages()[0]?.screenshot({ path: join(screenshots, 'failure.png'), fullPage: true });
  } catch {
    // The page may be gone; the message above says what failed.
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

process.exit(exitCode);
