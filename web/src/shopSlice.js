import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import * as api from './api.js';

// The shop's state: per sale, the stock the server last told us (by STOMP snapshot or a
// purchase answer) and the units of our own purchases still in flight. The page shows
// `remaining - inFlight`: a click lowers the stock at once, a failure rolls it back.
// A sale behind a waiting room adds the shopper's place (the queue's last answer) and the
// room as the live channel tells it; `placeShown` combines them.

export const MESSAGES = {
  'sold-out': 'Sold out.',
  'limit-reached': 'You have reached the limit for this sale.',
  'sale-not-open': 'This sale is not open.',
  'sale-not-found': 'This sale does not exist.',
  unavailable: 'We are very busy right now. Please try again.',
  'rate-limited': 'Too many attempts. Please wait a moment and try again.',
  unauthorized: 'Please sign in again.',
  network: 'Could not reach the shop. Please try again.',
  timeout: 'The shop took too long to answer. Please try again.',
  'admission-required': 'Please wait for your turn in the queue.',
  'admission-invalid': 'Your turn to buy has ended. You are back in the queue.',
};

/** Queue states in which the shopper must take (or take again) a place. */
const REJOIN = new Set(['NOT_IN_QUEUE']);

export const messageFor = (kind) => MESSAGES[kind] || 'Something went wrong. Please try again.';

/** How far ahead of this clock a snapshot may be dated before it is taken for a forgery. */
export const MAX_CLOCK_SKEW_MS = 5000;

export const buy = createAsyncThunk(
  'shop/buy',
  async ({ saleId, quantity = 1, idempotencyKey }, { getState, rejectWithValue }) => {
    const { shopper, queues } = getState().shop;
    const queue = queues[saleId];
    const admission = queue && queue.state === 'ADMITTED' ? queue.admission : undefined;
    try {
      return await api.buy({ token: shopper.token, saleId, quantity, idempotencyKey, admission });
    } catch (error) {
      return rejectWithValue({ kind: error.kind || 'network', detail: error.message, problem: error.problem || null });
    }
  },
);

const queueCall = (call) => async (saleId, { getState, rejectWithValue }) => {
  try {
    return await call(getState().shop.shopper.token, saleId);
  } catch (error) {
    return rejectWithValue({ kind: error.kind || 'network' });
  }
};

/** Takes a place in the sale's waiting room (again: the same place). */
export const joinQueue = createAsyncThunk('shop/joinQueue', queueCall(api.joinQueue));

/** Asks where the shopper stands, which also keeps the place. */
export const lookQueue = createAsyncThunk('shop/lookQueue', queueCall(api.lookQueue));

export const refreshOrder = createAsyncThunk('shop/refreshOrder', async (orderId, { getState }) =>
  api.getOrder(getState().shop.shopper.token, orderId));

const saleOf = (state, saleId) => {
  if (!state.sales[saleId]) {
    state.sales[saleId] = {
      saleId, name: saleId, remaining: null, sold: null, inFlight: 0, at: null, state: null, startsAt: null, endsAt: null,
    };
  }
  return state.sales[saleId];
};

const initialState = { shopper: null, sales: {}, purchases: {}, orders: {}, lastPurchase: null, queues: {}, rooms: {} };

/** Whether a snapshot dated `at` is one to take, after one dated `last`. */
function fresh(at, last) {
  const time = at ? Date.parse(at) : NaN;
  if (!Number.isNaN(time) && time > Date.now() + MAX_CLOCK_SKEW_MS) {
    return false;
  }
  return !(last && at && time < Date.parse(last));
}

function queueAnswered(state, saleId, answer) {
  if (!answer || typeof answer.state !== 'string') {
    return;
  }
  state.queues[saleId] = { ...answer, answeredAt: Date.now() };
}

function queueFailed(state, saleId, payload) {
  const kind = payload ? payload.kind : 'network';
  if (kind === 'no-waiting-room') {
    state.queues[saleId] = { state: 'NONE' };
  } else if (state.queues[saleId]) {
    state.queues[saleId].error = messageFor(kind);
  } else {
    state.queues[saleId] = { state: 'UNKNOWN', error: messageFor(kind) };
  }
}

const shopSlice = createSlice({
  name: 'shop',
  initialState,
  reducers: {
    signedIn(state, { payload }) {
      state.shopper = { name: payload.name, token: payload.token };
    },
    saleLoaded(state, { payload }) {
      const sale = saleOf(state, payload.saleId);
      sale.name = payload.name;
      sale.state = payload.state;
      sale.startsAt = payload.startsAt || null;
      sale.endsAt = payload.endsAt || null;
      if (sale.at === null) {
        sale.remaining = payload.remaining;
        sale.sold = payload.sold;
      }
    },
    stockSnapshotReceived(state, { payload }) {
      const sale = saleOf(state, payload.saleId);
      // Snapshots can cross on the wire; an older one never overwrites a newer one. One
      // dated in the future (beyond clock skew) did not come from the server: ignored, or it
      // would hide every genuine snapshot after it.
      if (!fresh(payload.at, sale.at)) {
        return;
      }
      sale.remaining = payload.remaining;
      sale.sold = payload.sold;
      sale.at = payload.at || sale.at;
      // A sale closed early is announced with its new end.
      if ('endsAt' in payload) {
        sale.endsAt = payload.endsAt || null;
      }
    },
    queueSnapshotReceived(state, { payload }) {
      if (!payload || typeof payload.saleId !== 'string') {
        return;
      }
      const last = state.rooms[payload.saleId];
      if (fresh(payload.at, last ? last.at : null)) {
        state.rooms[payload.saleId] = { ...payload, receivedAt: Date.now() };
      }
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(buy.pending, (state, { meta }) => {
        const { saleId, quantity = 1 } = meta.arg;
        saleOf(state, saleId).inFlight += quantity;
        state.purchases[meta.requestId] = { saleId, quantity, status: 'pending' };
        state.lastPurchase = meta.requestId;
      })
      .addCase(buy.fulfilled, (state, { meta, payload }) => {
        const { saleId, quantity = 1 } = meta.arg;
        const sale = saleOf(state, saleId);
        sale.inFlight -= quantity;
        // The answer is at least as new as any snapshot sent before it.
        sale.remaining = sale.remaining === null ? payload.remaining : Math.min(sale.remaining, payload.remaining);
        state.purchases[meta.requestId] = { saleId, quantity, status: 'accepted', orderId: payload.orderId };
        state.orders[payload.orderId] = { orderId: payload.orderId, status: 'ACCEPTED' };
        const queue = state.queues[saleId];
        if (queue && queue.state === 'ADMITTED') {
          // An admission buys once.
          state.queues[saleId] = { state: 'USED' };
        }
      })
      .addCase(buy.rejected, (state, { meta, payload }) => {
        const { saleId, quantity = 1 } = meta.arg;
        const sale = saleOf(state, saleId);
        sale.inFlight -= quantity; // the rollback
        const kind = payload ? payload.kind : 'network';
        if (kind === 'sold-out' && payload.problem && typeof payload.problem.remaining === 'number') {
          sale.remaining = payload.problem.remaining;
        }
        state.purchases[meta.requestId] = { saleId, quantity, status: 'failed', kind, message: messageFor(kind) };
        if (kind === 'admission-required' || kind === 'admission-invalid') {
          state.queues[saleId] = { state: 'NOT_IN_QUEUE' };
        }
      })
      .addCase(joinQueue.fulfilled, (state, { meta, payload }) => queueAnswered(state, meta.arg, payload))
      .addCase(lookQueue.fulfilled, (state, { meta, payload }) => queueAnswered(state, meta.arg, payload))
      .addCase(joinQueue.rejected, (state, { meta, payload }) => queueFailed(state, meta.arg, payload))
      .addCase(lookQueue.rejected, (state, { meta, payload }) => queueFailed(state, meta.arg, payload))
      .addCase(refreshOrder.fulfilled, (state, { payload }) => {
        state.orders[payload.orderId] = { orderId: payload.orderId, status: payload.status };
      });
  },
});

export const { signedIn, saleLoaded, stockSnapshotReceived, queueSnapshotReceived } = shopSlice.actions;
export default shopSlice.reducer;

/** The stock to show: what the server said, less our own purchases in flight. */
export const selectShownStock = (state, saleId) => {
  const sale = state.shop.sales[saleId];
  if (!sale || sale.remaining === null) {
    return null;
  }
  return Math.max(0, sale.remaining - sale.inFlight);
};

export const selectLastPurchase = (state) =>
  state.shop.lastPurchase ? state.shop.purchases[state.shop.lastPurchase] : null;

/**
 * The shopper's place as the page shows it: the queue's last answer, counted down by the
 * admissions the live channel reported since (`served`), and sold out as soon as the room
 * says so. `null` before the first answer.
 */
export function placeShown(queue, room) {
  if (!queue) {
    return null;
  }
  const newer = room && (!queue.answeredAt || room.receivedAt >= queue.answeredAt);
  if (newer && room.state === 'SOLD_OUT' && queue.state !== 'NONE' && queue.state !== 'USED') {
    return { ...queue, state: 'SOLD_OUT' };
  }
  if (queue.state !== 'WAITING' || typeof queue.ahead !== 'number') {
    return queue;
  }
  // An older snapshot counts nothing: its served is at most the answer's.
  const servedSince = room ? Math.max(0, room.served - (queue.served || 0)) : 0;
  const ahead = Math.max(0, queue.ahead - servedSince);
  const rate = room ? room.admissionsPerSecond : null;
  const estimatedWaitSeconds = rate > 0 ? Math.ceil((ahead + 1) / rate) : queue.estimatedWaitSeconds;
  return { ...queue, ahead, estimatedWaitSeconds };
}

/** Whether the shopper has to (re)join: no place yet, or it was lost. */
export const mustJoin = (queue) => !queue || REJOIN.has(queue.state);

/** Whether a sale has ended by `now` (ms): a page stops offering Buy. */
export const hasEnded = (sale, now) => Boolean(sale && sale.endsAt && Date.parse(sale.endsAt) <= now);
