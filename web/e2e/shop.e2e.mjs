// End to end in a real headless Chromium (Debian's, through playwright-core) against a running
// Velocity: buy with live stock, a sell-out seen live, a forced failure rolled back, a waiting
// room from the countdown to the purchase, and screenshots of the shop page and the dashboard.
// Shoppers and the admin sign in through the identity provider the API names (GET /identity):
// the page does it itself, and so does this script for the purchases made outside the page.
//   VELOCITY_API_URL=http://localhost:8080 VELOCITY_ADMIN_SECRET=... node e2e/shop.e2e.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const api = process.env.VELOCITY_API_URL || 'http://localhost:8080';
const secret = process.env.VELOCITY_ADMIN_SECRET;
const out = process.env.VELOCITY_E2E_OUT || 'target/e2e';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!secret) {
  throw new Error('VELOCITY_ADMIN_SECRET is required');
}
mkdirSync(out, { recursive: true });

const { tokenEndpoint } = await (await fetch(`${api}/identity`)).json();
async function tokenFor(form) {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  if (!response.ok) {
    throw new Error(`token endpoint: ${response.status} ${await response.text()}`);
  }
  return (await response.json()).access_token;
}
const token = await tokenFor({ grant_type: 'client_credentials', client_id: 'velocity-admin', client_secret: secret });

async function signIn(page, name) {
  await page.getByTestId('shopper-name').fill(name);
  await page.getByTestId('shopper-sign-in').click();
  await waitForText(page, 'shopper', name);
}

async function call(path, method, body) {
  const response = await fetch(api + path, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok && response.status !== 409) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

async function waitForText(page, testId, expected, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let seen;
  while (Date.now() < deadline) {
    const locator = page.getByTestId(testId);
    seen = (await locator.count()) > 0 ? (await locator.first().textContent()).trim() : undefined;
    if (typeof expected === 'function' ? expected(seen) : seen === expected) {
      return seen;
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`[data-testid=${testId}] was ${JSON.stringify(seen)}, expected ${expected}`);
}

const started = Date.now();
function step(name) {
  console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s: ${name}`);
}

// What each page said in its console, printed if the run fails.
const consoles = [];
function watch(page) {
  page.on('console', (message) => consoles.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoles.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => consoles.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  return page;
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const run = Date.now().toString(36);
  const saleId = `e2e-${run}`;
  await call(`/admin/sales/${saleId}`, 'PUT', { name: 'Limited sneaker drop', stock: 3, perUserLimit: 1 });

  step('the shop page shows the live stock');
  const page = watch(await browser.newPage({ viewport: { width: 900, height: 640 } }));
  await page.goto(`${api}/#/?sale=${saleId}`, { timeout: 60000 });
  // The first page pays for a cold browser and a cold API on two shared cores.
  await waitForText(page, 'stock', '3', 45000);

  step('the shopper signs in through the identity provider');
  if (await page.getByTestId('buy').count() > 0) {
    throw new Error('Buy is offered before signing in');
  }
  await signIn(page, `alice-${run}`);

  step('Buy lowers the stock and the order moves from ACCEPTED to CONFIRMED');
  await page.getByTestId('buy').click();
  await waitForText(page, 'stock', '2');
  await waitForText(page, 'order-id', (text) => Boolean(text && text.startsWith(`${saleId}.`)));
  await waitForText(page, 'order-status', 'CONFIRMED', 60000);
  await page.screenshot({ path: join(out, 'shop.png'), fullPage: true });

  step('a sell-out from outside the page appears live, without a reload');
  for (const user of ['outside-1', 'outside-2']) {
    const shopper = await tokenFor({ grant_type: 'password', username: `${user}-${run}` });
    await fetch(`${api}/buy`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${shopper}` },
      body: JSON.stringify({ saleId }),
    });
  }
  await waitForText(page, 'sold-out', 'Sold out');
  await waitForText(page, 'stock', '0');
  await page.screenshot({ path: join(out, 'shop-sold-out.png'), fullPage: true });

  step('a failed purchase is rolled back and explained');
  const other = `e2e-fail-${run}`;
  await call(`/admin/sales/${other}`, 'PUT', { name: 'Second drop', stock: 5 });
  const failing = watch(await browser.newPage({ viewport: { width: 900, height: 640 } }));
  await failing.route('**/buy', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.abort('failed');
  });
  await failing.goto(`${api}/#/?sale=${other}`);
  await waitForText(failing, 'stock', '5');
  await signIn(failing, `bob-${run}`);
  await failing.getByTestId('buy').click();
  await waitForText(failing, 'stock', '4');
  await waitForText(failing, 'message', 'Could not reach the shop. Please try again.');
  await waitForText(failing, 'stock', '5');
  await failing.screenshot({ path: join(out, 'shop-rolled-back.png'), fullPage: true });

  step('a waiting room: the countdown, a place drawn at the start, the admission, the purchase');
  const roomSale = `e2e-room-${run}`;
  const startsAt = new Date(Date.now() + 15000);
  await call(`/admin/sales/${roomSale}`, 'PUT', { name: 'Queued drop', stock: 5, perUserLimit: 1, startsAt: startsAt.toISOString() });
  // Paused: the page shows its place after the start until the admin lets the queue in.
  await call(`/admin/sales/${roomSale}/waiting-room`, 'PUT', { admissionsPerSecond: 5, admissionSeconds: 120, paused: true });
  for (const user of ['crowd-1', 'crowd-2', 'crowd-3']) {
    const shopper = await tokenFor({ grant_type: 'password', username: `${user}-${run}` });
    const joined = await fetch(`${api}/sales/${roomSale}/queue`, { method: 'POST', headers: { Authorization: `Bearer ${shopper}` } });
    if (joined.status !== 200) {
      throw new Error(`join: ${joined.status} ${await joined.text()}`);
    }
  }
  const queued = watch(await browser.newPage({ viewport: { width: 900, height: 640 } }));
  await queued.goto(`${api}/#/?sale=${roomSale}`);
  await waitForText(queued, 'countdown', (text) => Boolean(text && /^0:[0-1]\d$/.test(text)));
  await signIn(queued, `carol-${run}`);
  await waitForText(queued, 'queue-place', (text) => Boolean(text && text.includes('drawn at random')));
  if (await queued.getByTestId('buy').count() > 0) {
    throw new Error('Buy is offered before the admission');
  }
  await queued.screenshot({ path: join(out, 'shop-queue-before-start.png'), fullPage: true });
  const ahead = Number(await waitForText(queued, 'queue-ahead', (text) => Boolean(text && /^[0-3]$/.test(text)), 30000));
  await queued.screenshot({ path: join(out, 'shop-queue-place.png'), fullPage: true });
  step(`the sale started: ${ahead} of 4 ahead; the admin resumes the queue`);
  await call(`/admin/sales/${roomSale}/waiting-room`, 'PUT', { admissionsPerSecond: 5, admissionSeconds: 120, paused: false });
  await waitForText(queued, 'admitted', 'It is your turn.');
  await queued.getByTestId('buy').click();
  await waitForText(queued, 'order-id', (text) => Boolean(text && text.startsWith(`${roomSale}.`)));
  await waitForText(queued, 'stock', '4');
  await queued.getByTestId('queue-again').waitFor();
  await queued.screenshot({ path: join(out, 'shop-queue-bought.png'), fullPage: true });

  step('the dashboard shows every sale with live stock and charts');
  const dashboard = watch(await browser.newPage({ viewport: { width: 1100, height: 900 } }));
  await dashboard.goto(`${api}/#/admin`);
  await dashboard.getByTestId('token').fill(secret);
  await dashboard.getByTestId('sign-in').click();
  await waitForText(dashboard, `remaining-${saleId}`, '0');
  await waitForText(dashboard, `remaining-${other}`, '5');
  await dashboard.getByTestId(`rate-${saleId}`).waitFor();
  await waitForText(dashboard, `room-active-${roomSale}`, (text) => Boolean(text && /^\d+$/.test(text)));
  await dashboard.getByTestId(`room-on-${saleId}`).waitFor();
  await dashboard.waitForTimeout(2500);
  await dashboard.screenshot({ path: join(out, 'dashboard.png'), fullPage: true });

  step('the admin closes a sale early; the shop page open on it stops offering Buy, live');
  await waitForText(failing, 'stock', '5');
  await failing.getByTestId('buy').waitFor();
  await dashboard.getByTestId(`close-${other}`).click();
  await waitForText(dashboard, `state-${other}`, 'ENDED');
  await waitForText(failing, 'ended', 'This sale has ended');
  if (await failing.getByTestId('buy').count() > 0) {
    throw new Error('Buy is still offered on a closed sale');
  }
  await failing.screenshot({ path: join(out, 'shop-closed.png'), fullPage: true });

  step('the admin archives the closed sale once its orders are stored; its figures stay on the dashboard');
  for (let attempt = 0; ; attempt += 1) {
    await dashboard.getByTestId(`archive-${other}`).click();
    const archived = dashboard.getByTestId(`archived-${other}`);
    if (await archived.waitFor({ timeout: 2000 }).then(() => true, () => false)) {
      break;
    }
    if (attempt === 15) {
      throw new Error(`${other} was not archived: ${await dashboard.innerText('body')}`);
    }
  }
  if (await dashboard.getByTestId(`sale-${other}`).count() > 0) {
    throw new Error('an archived sale is still among the live ones');
  }
  await dashboard.screenshot({ path: join(out, 'dashboard-archived.png'), fullPage: true });
  step('passed');
} catch (error) {
  step(`failed: ${error.message}`);
  const pages = browser.contexts().flatMap((context) => context.pages());
  for (const [index, open] of pages.entries()) {
    await open.screenshot({ path: join(out, `failure-${index + 1}.png`), fullPage: true }).catch(() => {});
    console.log(`e2e: page ${index + 1} (${open.url()}) shows: ${(await open.innerText('body').catch(() => '?')).slice(0, 300)}`);
  }
  consoles.forEach((line) => console.log(`e2e: console: ${line}`));
  throw error;
} finally {
  await browser.close();
}
