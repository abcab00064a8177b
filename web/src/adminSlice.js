import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import * as api from './api.js';

// The dashboard: every sale (polled), and per sale a short history of sold and confirmed
// units from which the charts derive purchases per second and the backlog; and per sale
// its waiting room, if it has one (polled, and counted live between polls).

const HISTORY = 120;

export const loadSales = createAsyncThunk('admin/loadSales', async (_, { getState, rejectWithValue }) => {
  try {
    const token = getState().admin.token;
    const [sales, deadLetters] = await Promise.all([
      api.adminListSales(token),
      api.adminDeadLetters(token).catch(() => null),
    ]);
    // null: no room; undefined: could not ask (the last answer stays).
    // A draft has no room.
    const rooms = await Promise.all(sales.map((sale) => (sale.state === 'DRAFT' ? null : api.adminGetRoom(token, sale.saleId)
      .catch((error) => (error.kind === 'no-waiting-room' ? null : undefined)))));
    return { sales, rooms, deadLetters: deadLetters ? deadLetters.depth : null, at: Date.now() };
  } catch (error) {
    return rejectWithValue({ kind: error.kind, message: error.message });
  }
});

/** An admin call with the dashboard's token; a failure is the problem's kind and message. */
const adminCall = (type, call) => createAsyncThunk(type, async (arg, { getState, rejectWithValue }) => {
  try {
    return await call(getState().admin.token, arg);
  } catch (error) {
    return rejectWithValue({ kind: error.kind, message: error.message });
  }
});

export const saveSale = adminCall('admin/saveSale',
  (token, { saleId, definition, draft }) => api.adminPutSale(token, saleId, definition, draft));

const roomCall = (call, done) => async ({ saleId, settings }, { getState, rejectWithValue }) => {
  try {
    await call(getState().admin.token, saleId, settings);
    return { saleId, notice: done(settings) };
  } catch (error) {
    return rejectWithValue({ kind: error.kind, message: error.message });
  }
};

/** Closes a sale now: purchases are refused from the next one on. */
export const closeSale = adminCall('admin/closeSale', api.adminCloseSale);

/** The first page of archived sales: their figures come from DynamoDB, not Redis. */
export const loadArchived = adminCall('admin/loadArchived', (token) => api.adminListArchived(token));

/** Archives an ended sale whose orders are all stored: Redis lets go of it. */
export const archiveSale = adminCall('admin/archiveSale', api.adminArchiveSale);

/** Deletes a sale that never sold and is not open. */
export const deleteSale = adminCall('admin/deleteSale', async (token, saleId) => {
  await api.adminDeleteSale(token, saleId);
  return saleId;
});

/** Turns a sale's waiting room on, or changes it (rate, admission time, pause). */
export const saveRoom = createAsyncThunk('admin/saveRoom', roomCall(api.adminPutRoom, (settings) =>
  `Waiting room ${settings.paused ? 'paused' : 'admitting'} at ${settings.admissionsPerSecond}/s.`));

/** Takes a sale's waiting room away: purchases need no admission any more. */
export const removeRoom = createAsyncThunk('admin/removeRoom', roomCall(api.adminDeleteRoom, () => 'Waiting room off.'));

const adminSlice = createSlice({
  name: 'admin',
  initialState: {
    token: '', sales: {}, order: [], history: {}, rooms: {}, roomHistory: {}, deadLetters: null, error: null, notice: null,
    archived: [],
  },
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
    liveRoom(state, { payload }) {
      const room = state.rooms[payload.saleId];
      if (room) {
        room.waiting = payload.waiting;
        room.admitted = payload.served;
        room.live = payload.state;
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
        payload.sales.forEach((sale, index) => {
          const room = payload.rooms[index];
          if (room === undefined) {
            return;
          }
          state.rooms[sale.saleId] = room;
          if (room) {
            const points = (state.roomHistory[sale.saleId] ||= []);
            points.push({ t: payload.at, admitted: room.admitted, abandoned: room.abandoned });
            if (points.length > HISTORY) {
              points.splice(0, points.length - HISTORY);
            }
          }
        });
      })
      .addCase(closeSale.fulfilled, (state, { payload }) => {
        state.sales[payload.saleId] = payload;
        state.notice = `Closed ${payload.saleId}: ${payload.sold} sold.`;
      })
      .addCase(deleteSale.fulfilled, (state, { payload }) => {
        state.order = state.order.filter((saleId) => saleId !== payload);
        delete state.sales[payload];
        state.notice = `Deleted ${payload}.`;
      })
      .addCase(loadArchived.fulfilled, (state, { payload }) => {
        state.archived = payload;
      })
      .addCase(archiveSale.fulfilled, (state, { payload }) => {
        state.order = state.order.filter((saleId) => saleId !== payload.saleId);
        delete state.sales[payload.saleId];
        state.archived = [payload, ...state.archived.filter((sale) => sale.saleId !== payload.saleId)];
        state.notice = `Archived ${payload.saleId}: ${payload.sold} sold in ${payload.confirmed} orders.`;
      })
      .addCase(archiveSale.rejected, (state, { payload }) => {
        state.notice = `Not archived: ${payload ? payload.message : 'error'}`;
      })
      .addCase(deleteSale.rejected, (state, { payload }) => {
        state.notice = `Not deleted: ${payload ? payload.message : 'error'}`;
      })
      .addCase(closeSale.rejected, (state, { payload }) => {
        state.notice = `Not closed: ${payload ? payload.message : 'error'}`;
      })
      .addCase(saveRoom.fulfilled, (state, { payload }) => {
        state.notice = `${payload.saleId}: ${payload.notice}`;
      })
      .addCase(removeRoom.fulfilled, (state, { payload }) => {
        state.rooms[payload.saleId] = null;
        state.notice = `${payload.saleId}: ${payload.notice}`;
      })
      .addCase(saveRoom.rejected, (state, { payload }) => {
        state.notice = `Waiting room not saved: ${payload ? payload.message : 'error'}`;
      })
      .addCase(removeRoom.rejected, (state, { payload }) => {
        state.notice = `Waiting room not removed: ${payload ? payload.message : 'error'}`;
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

export const { tokenEntered, liveStock, liveRoom } = adminSlice.actions;
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

/** Admissions per second between successive points of a room's history. */
export function admissionRate(points) {
  const rates = [];
  for (let i = 1; i < points.length; i++) {
    const seconds = (points[i].t - points[i - 1].t) / 1000;
    if (seconds > 0) {
      rates.push(Math.max(0, (points[i].admitted - points[i - 1].admitted) / seconds));
    }
  }
  return rates;
}

/** The share of ended admissions that ended unused, in per cent; null before any ended. */
export function abandonRate(room) {
  const ended = room.admitted - room.active;
  return ended > 0 ? Math.round((100 * room.abandoned) / ended) : null;
}
