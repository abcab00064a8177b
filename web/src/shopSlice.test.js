import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from './store.js';
import { buy, saleLoaded, selectLastPurchase, selectShownStock, signedIn, stockSnapshotReceived } from './shopSlice.js';

const SALE = 'drop-1';

function storeWithStock(remaining) {
  const store = createStore();
  store.dispatch(signedIn({ name: 'u', token: 'token-of-u' }));
  store.dispatch(saleLoaded({ saleId: SALE, name: 'Drop', remaining, sold: 10 - remaining, state: 'OPEN' }));
  return store;
}

const problem = (status, type, extra = {}) =>
  new Response(JSON.stringify({ type: `https://velocity.dev/problems/${type}`, status, detail: type, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const accepted = (remaining) =>
  new Response(JSON.stringify({ orderId: `${SALE}.o1`, saleId: SALE, quantity: 1, remaining }), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('optimistic buy', () => {
  it('lowers the shown stock as soon as the purchase starts', () => {
    const store = storeWithStock(5);
    store.dispatch(buy.pending('r1', { saleId: SALE, quantity: 2 }));
    expect(selectShownStock(store.getState(), SALE)).toBe(3);
    expect(selectLastPurchase(store.getState()).status).toBe('pending');
  });

  it('keeps the lower stock and records the order when the server accepts', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => accepted(4)));
    const store = storeWithStock(5);
    await store.dispatch(buy({ saleId: SALE, quantity: 1 }));
    expect(selectShownStock(store.getState(), SALE)).toBe(4);
    expect(selectLastPurchase(store.getState())).toMatchObject({ status: 'accepted', orderId: `${SALE}.o1` });
    expect(store.getState().shop.orders[`${SALE}.o1`].status).toBe('ACCEPTED');
  });

  it('buys as the signed-in shopper: its token, and no user in the body', async () => {
    const fetch = vi.fn(async () => accepted(4));
    vi.stubGlobal('fetch', fetch);
    const store = storeWithStock(5);
    await store.dispatch(buy({ saleId: SALE, quantity: 1 }));
    const [, init] = fetch.mock.calls[0];
    expect(init.headers.Authorization).toBe('Bearer token-of-u');
    expect(JSON.parse(init.body)).toEqual({ saleId: SALE, quantity: 1 });
  });
});

describe('rollback', () => {
  const failures = [
    ['sold out', () => problem(409, 'sold-out', { remaining: 0 }), 'sold-out', 'Sold out.', 0],
    ['limit reached', () => problem(409, 'limit-reached'), 'limit-reached', 'You have reached the limit for this sale.', 5],
    ['sale not open', () => problem(409, 'sale-not-open'), 'sale-not-open', 'This sale is not open.', 5],
    ['overloaded', () => problem(503, 'unavailable'), 'unavailable', 'We are very busy right now. Please try again.', 5],
    ['rate limited', () => problem(429, 'rate-limited'), 'rate-limited', 'Too many attempts. Please wait a moment and try again.', 5],
    ['signed out', () => problem(401, 'unauthorized'), 'unauthorized', 'Please sign in again.', 5],
  ];

  it.each(failures)('undoes the decrement when the answer is %s', async (_, response, kind, message, shownAfter) => {
    vi.stubGlobal('fetch', vi.fn(async () => response()));
    const store = storeWithStock(5);
    const pending = store.dispatch(buy({ saleId: SALE, quantity: 1 }));
    expect(selectShownStock(store.getState(), SALE)).toBe(4);
    await pending;
    expect(selectShownStock(store.getState(), SALE)).toBe(shownAfter);
    expect(selectLastPurchase(store.getState())).toMatchObject({ status: 'failed', kind, message });
  });

  it('undoes the decrement on a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    const store = storeWithStock(5);
    await store.dispatch(buy({ saleId: SALE, quantity: 1 }));
    expect(selectShownStock(store.getState(), SALE)).toBe(5);
    expect(selectLastPurchase(store.getState())).toMatchObject({ status: 'failed', kind: 'network' });
  });

  it('undoes the decrement when the server does not answer in time', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', vi.fn((url, { signal }) => new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    })));
    const store = storeWithStock(5);
    const pending = store.dispatch(buy({ saleId: SALE, quantity: 1 }));
    expect(selectShownStock(store.getState(), SALE)).toBe(4);
    await vi.advanceTimersByTimeAsync(5001);
    await pending;
    expect(selectShownStock(store.getState(), SALE)).toBe(5);
    expect(selectLastPurchase(store.getState())).toMatchObject({
      status: 'failed',
      kind: 'timeout',
      message: 'The shop took too long to answer. Please try again.',
    });
  });
});

describe('live snapshots', () => {
  it('reconciles with a snapshot that arrives while a purchase is in flight', () => {
    const store = storeWithStock(10);
    store.dispatch(buy.pending('r1', { saleId: SALE, quantity: 1 }));
    // Others bought meanwhile: the server says 6 left, and ours is still in flight.
    store.dispatch(stockSnapshotReceived({ saleId: SALE, remaining: 6, sold: 4, at: '2026-01-01T00:00:01Z' }));
    expect(selectShownStock(store.getState(), SALE)).toBe(5);
    // Ours lands: the answer's remaining (5) is the truth after it.
    store.dispatch(buy.fulfilled({ orderId: 'o', saleId: SALE, quantity: 1, remaining: 5 }, 'r1', {
      saleId: SALE,
      quantity: 1,
    }));
    expect(selectShownStock(store.getState(), SALE)).toBe(5);
  });

  it('rolls back onto the live value, not the value before the click', () => {
    const store = storeWithStock(10);
    store.dispatch(buy.pending('r1', { saleId: SALE, quantity: 1 }));
    store.dispatch(stockSnapshotReceived({ saleId: SALE, remaining: 3, sold: 7, at: '2026-01-01T00:00:01Z' }));
    store.dispatch(buy.rejected(null, 'r1', { saleId: SALE, quantity: 1 }, { kind: 'network' }));
    expect(selectShownStock(store.getState(), SALE)).toBe(3);
  });

  it('ignores a snapshot older than the one it already has', () => {
    const store = storeWithStock(10);
    store.dispatch(stockSnapshotReceived({ saleId: SALE, remaining: 2, sold: 8, at: '2026-01-01T00:00:02Z' }));
    store.dispatch(stockSnapshotReceived({ saleId: SALE, remaining: 4, sold: 6, at: '2026-01-01T00:00:01Z' }));
    expect(selectShownStock(store.getState(), SALE)).toBe(2);
  });

  it('ignores a snapshot dated in the future, which no server sent', () => {
    const store = storeWithStock(10);
    store.dispatch(stockSnapshotReceived({ saleId: SALE, remaining: 0, sold: 10, at: '2999-01-01T00:00:00Z' }));
    expect(selectShownStock(store.getState(), SALE)).toBe(10);
    // Genuine snapshots after it still count.
    store.dispatch(stockSnapshotReceived({ saleId: SALE, remaining: 7, sold: 3, at: new Date().toISOString() }));
    expect(selectShownStock(store.getState(), SALE)).toBe(7);
  });

  it('accepts a snapshot a little ahead of this clock', () => {
    const store = storeWithStock(10);
    const ahead = new Date(Date.now() + 2000).toISOString();
    store.dispatch(stockSnapshotReceived({ saleId: SALE, remaining: 8, sold: 2, at: ahead }));
    expect(selectShownStock(store.getState(), SALE)).toBe(8);
  });

  it('shows a restock', () => {
    const store = storeWithStock(0);
    store.dispatch(stockSnapshotReceived({ saleId: SALE, remaining: 50, sold: 10, at: '2026-01-01T00:00:03Z' }));
    expect(selectShownStock(store.getState(), SALE)).toBe(50);
  });
});
