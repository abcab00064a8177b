import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import * as api from './api.js';

// The shop's state: per sale, the stock the server last told us (by STOMP snapshot or a
// purchase answer) and the units of our own purchases still in flight. The page shows
// `remaining - inFlight`: a click lowers the stock at once, a failure rolls it back.

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
};

export const messageFor = (kind) => MESSAGES[kind] || 'Something went wrong. Please try again.';

/** How far ahead of this clock a snapshot may be dated before it is taken for a forgery. */
export const MAX_CLOCK_SKEW_MS = 5000;

export const buy = createAsyncThunk(
  'shop/buy',
  async ({ saleId, quantity = 1, idempotencyKey }, { getState, rejectWithValue }) => {
    try {
      return await api.buy({ token: getState().shop.shopper.token, saleId, quantity, idempotencyKey });
    } catch (error) {
      return rejectWithValue({ kind: error.kind || 'network', detail: error.message, problem: error.problem || null });
    }
  },
);

export const refreshOrder = createAsyncThunk('shop/refreshOrder', async (orderId, { getState }) =>
  api.getOrder(getState().shop.shopper.token, orderId));

const saleOf = (state, saleId) => {
  if (!state.sales[saleId]) {
    state.sales[saleId] = { saleId, name: saleId, remaining: null, sold: null, inFlight: 0, at: null, state: null };
  }
  return state.sales[saleId];
};

const initialState = { shopper: null, sales: {}, purchases: {}, orders: {}, lastPurchase: null };

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
      const at = payload.at ? Date.parse(payload.at) : NaN;
      if (!Number.isNaN(at) && at > Date.now() + MAX_CLOCK_SKEW_MS) {
        return;
      }
      if (sale.at !== null && payload.at && at < Date.parse(sale.at)) {
        return;
      }
      sale.remaining = payload.remaining;
      sale.sold = payload.sold;
      sale.at = payload.at || sale.at;
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
      })
      .addCase(refreshOrder.fulfilled, (state, { payload }) => {
        state.orders[payload.orderId] = { orderId: payload.orderId, status: payload.status };
      });
  },
});

export const { signedIn, saleLoaded, stockSnapshotReceived } = shopSlice.actions;
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
