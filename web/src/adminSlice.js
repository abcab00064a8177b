import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import * as api from './api.js';

// The dashboard: every sale (polled), and per sale a short history of sold and confirmed
// units from which the charts derive purchases per second and the backlog.

const HISTORY = 120;

export const loadSales = createAsyncThunk('admin/loadSales', async (_, { getState, rejectWithValue }) => {
  try {
    const token = getState().admin.token;
    const [sales, deadLetters] = await Promise.all([
      api.adminListSales(token),
      api.adminDeadLetters(token).catch(() => null),
    ]);
    return { sales, deadLetters: deadLetters ? deadLetters.depth : null, at: Date.now() };
  } catch (error) {
    return rejectWithValue({ kind: error.kind, message: error.message });
  }
});

export const saveSale = createAsyncThunk('admin/saveSale', async ({ saleId, definition }, { getState, rejectWithValue }) => {
  try {
    return await api.adminPutSale(getState().admin.token, saleId, definition);
  } catch (error) {
    return rejectWithValue({ kind: error.kind, message: error.message });
  }
});

const adminSlice = createSlice({
  name: 'admin',
  initialState: { token: '', sales: {}, order: [], history: {}, deadLetters: null, error: null, notice: null },
  reducers: {
    tokenEntered(state, { payload }) {
      state.token = payload;
      state.error = null;
    },
    liveStock(state, { payload }) {
      const sale = state.sales[payload.saleId];
      if (sale) {
        sale.remaining = payload.remaining;
        sale.sold = payload.sold;
      }
      const history = (state.history[payload.saleId] ||= []);
      const last = history[history.length - 1];
      history.push({ t: Date.parse(payload.at) || Date.now(), sold: payload.sold, confirmed: last ? last.confirmed : 0 });
      if (history.length > HISTORY) {
        history.splice(0, history.length - HISTORY);
      }
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadSales.fulfilled, (state, { payload }) => {
        state.error = null;
        state.deadLetters = payload.deadLetters;
        state.order = payload.sales.map((sale) => sale.saleId);
        for (const sale of payload.sales) {
          state.sales[sale.saleId] = sale;
          const history = (state.history[sale.saleId] ||= []);
          history.push({ t: payload.at, sold: sale.sold, confirmed: sale.confirmed ?? 0 });
          if (history.length > HISTORY) {
            history.splice(0, history.length - HISTORY);
          }
        }
      })
      .addCase(loadSales.rejected, (state, { payload }) => {
        state.error = payload && payload.kind === 'unauthorized' ? 'The admin token was refused.' : 'Could not load the sales.';
      })
      .addCase(saveSale.fulfilled, (state, { payload }) => {
        state.sales[payload.saleId] = payload;
        if (!state.order.includes(payload.saleId)) {
          state.order.push(payload.saleId);
        }
        state.notice = `Saved ${payload.saleId}: ${payload.remaining} of ${payload.initialStock} left.`;
      })
      .addCase(saveSale.rejected, (state, { payload }) => {
        state.notice = `Not saved: ${payload ? payload.message : 'error'}`;
      });
  },
});

export const { tokenEntered, liveStock } = adminSlice.actions;
export default adminSlice.reducer;

/** Purchases per second between successive points of a sale's history. */
export function salesRate(history) {
  const rates = [];
  for (let i = 1; i < history.length; i++) {
    const seconds = (history[i].t - history[i - 1].t) / 1000;
    if (seconds > 0) {
      rates.push(Math.max(0, (history[i].sold - history[i - 1].sold) / seconds));
    }
  }
  return rates;
}

/** Sold but not yet confirmed in the order store, per point. */
export const backlog = (history) => history.map((point) => Math.max(0, point.sold - point.confirmed));
