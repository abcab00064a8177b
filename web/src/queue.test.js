import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from './store.js';
import {
  buy, joinQueue, lookQueue, mustJoin, placeShown, queueSnapshotReceived, saleLoaded, signedIn,
} from './shopSlice.js';

const SALE = 'drop-1';

const json = (status, body) => new Response(JSON.stringify(body), {
  status,
  headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
});
const problem = (status, type) => json(status, { type: `https://velocity.dev/problems/${type}`, status, detail: type });
const waiting = (ahead, served, extra = {}) => ({
  saleId: SALE, state: 'WAITING', ahead, waiting: 100, estimatedWaitSeconds: 10, pollAfterSeconds: 5, remaining: 10,
  admission: null, at: null, served, ...extra,
});
const room = (state, served, at = new Date().toISOString()) => ({
  saleId: SALE, state, waiting: 50, served, admissionsPerSecond: 10, remaining: 10, at,
});

function store() {
  const created = createStore();
  created.dispatch(signedIn({ name: 'u', token: 'token-of-u' }));
  created.dispatch(saleLoaded({ saleId: SALE, name: 'Drop', remaining: 10, sold: 0, state: 'OPEN' }));
  return created;
}

const shop = (created) => created.getState().shop;

afterEach(() => vi.unstubAllGlobals());

describe('the place shown', () => {
  it('counts the place down by the admissions the live channel reports since the answer', () => {
    const queue = { ...waiting(40, 100), answeredAt: 1 };
    expect(placeShown(queue, { ...room('ADMITTING', 130), receivedAt: 2 })).toMatchObject({ ahead: 10, estimatedWaitSeconds: 2 });
    expect(placeShown(queue, { ...room('ADMITTING', 500), receivedAt: 2 }).ahead).toBe(0);
    // A snapshot older than the answer counts nothing.
    expect(placeShown(queue, { ...room('ADMITTING', 90), receivedAt: 0 }).ahead).toBe(40);
  });

  it('turns to sold out when the room says so after the answer, not before', () => {
    const queue = { ...waiting(40, 100), answeredAt: 5 };
    expect(placeShown(queue, { ...room('SOLD_OUT', 100), receivedAt: 6 }).state).toBe('SOLD_OUT');
    expect(placeShown(queue, { ...room('SOLD_OUT', 100), receivedAt: 4 }).state).toBe('WAITING');
    expect(placeShown({ state: 'NONE' }, { ...room('SOLD_OUT', 0), receivedAt: 6 }).state).toBe('NONE');
  });

  it('shows no place number before the start, when places are not drawn yet', () => {
    expect(placeShown({ ...waiting(null, 0), answeredAt: 1 }, { ...room('NOT_STARTED', 0), receivedAt: 2 }).ahead).toBeNull();
  });

  it('ignores a live snapshot dated in the future', () => {
    const created = store();
    created.dispatch(queueSnapshotReceived(room('SOLD_OUT', 0, new Date(Date.now() + 60_000).toISOString())));
    expect(shop(created).rooms[SALE]).toBeUndefined();
  });
});

describe('the queue', () => {
  it('joins with the shopper token and keeps the answer', async () => {
    const fetch = vi.fn(async () => json(200, waiting(3, 0)));
    vi.stubGlobal('fetch', fetch);
    const created = store();
    await created.dispatch(joinQueue(SALE));
    const [path, init] = fetch.mock.calls[0];
    expect(path).toBe(`/sales/${SALE}/queue`);
    expect(init.method).toBe('POST');
    expect(init.headers.Authorization).toBe('Bearer token-of-u');
    expect(shop(created).queues[SALE]).toMatchObject({ state: 'WAITING', ahead: 3 });
  });

  it('treats a sale without a waiting room as one to buy at once', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(404, 'no-waiting-room')));
    const created = store();
    await created.dispatch(joinQueue(SALE));
    expect(shop(created).queues[SALE].state).toBe('NONE');
    expect(mustJoin(shop(created).queues[SALE])).toBe(false);
  });

  it('joins again when the place was lost', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { ...waiting(null, 0), state: 'NOT_IN_QUEUE' })));
    const created = store();
    await created.dispatch(lookQueue(SALE));
    expect(mustJoin(shop(created).queues[SALE])).toBe(true);
  });

  it('buys with the admission once, then offers to queue again', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(json(200, { ...waiting(null, 1), state: 'ADMITTED', admission: 'the-admission', at: '2030-01-01T00:00:00Z' }))
      .mockResolvedValueOnce(json(200, { orderId: `${SALE}.o1`, saleId: SALE, quantity: 1, remaining: 9 }));
    vi.stubGlobal('fetch', fetch);
    const created = store();
    await created.dispatch(lookQueue(SALE));
    await created.dispatch(buy({ saleId: SALE }));
    expect(fetch.mock.calls[1][1].headers['Velocity-Admission']).toBe('the-admission');
    expect(shop(created).queues[SALE].state).toBe('USED');
  });

  it('goes back to the queue when the admission is refused', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(json(200, { ...waiting(null, 1), state: 'ADMITTED', admission: 'old', at: '2030-01-01T00:00:00Z' }))
      .mockResolvedValueOnce(problem(403, 'admission-invalid'));
    vi.stubGlobal('fetch', fetch);
    const created = store();
    await created.dispatch(lookQueue(SALE));
    await created.dispatch(buy({ saleId: SALE }));
    expect(mustJoin(shop(created).queues[SALE])).toBe(true);
    expect(shop(created).purchases[Object.keys(shop(created).purchases)[0]].message).toMatch(/back in the queue/);
  });
});

describe('a sale closed early', () => {
  it('takes the end a snapshot announces, and is ended once it has passed', async () => {
    const { hasEnded, stockSnapshotReceived } = await import('./shopSlice.js');
    const created = store();
    const endsAt = new Date(Date.now() - 1000).toISOString();
    created.dispatch(stockSnapshotReceived({ saleId: SALE, remaining: 7, sold: 3, at: new Date().toISOString(), endsAt }));
    const sale = shop(created).sales[SALE];
    expect(sale.endsAt).toBe(endsAt);
    expect(hasEnded(sale, Date.now())).toBe(true);
    expect(hasEnded({ endsAt: null }, Date.now())).toBe(false);
    expect(hasEnded({ endsAt: new Date(Date.now() + 60_000).toISOString() }, Date.now())).toBe(false);
  });
});
