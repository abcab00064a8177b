import { useEffect, useState } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import * as api from './api.js';
import { signIn } from './auth.js';
import { connectLive } from './live.js';
import {
  buy, hasEnded, joinQueue, lookQueue, mustJoin, placeShown, queueSnapshotReceived, refreshOrder, saleLoaded,
  selectLastPurchase, selectShownStock, signedIn, stockSnapshotReceived,
} from './shopSlice.js';

function requestedSale() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query).get('sale');
}

export default function Shop() {
  const dispatch = useDispatch();
  const [saleId, setSaleId] = useState(requestedSale());
  const shopper = useSelector((state) => state.shop.shopper);
  const [loadError, setLoadError] = useState(null);
  const sale = useSelector((state) => (saleId ? state.shop.sales[saleId] : null));
  const shown = useSelector((state) => (saleId ? selectShownStock(state, saleId) : null));
  const last = useSelector(selectLastPurchase);
  const order = useSelector((state) => (last && last.orderId ? state.shop.orders[last.orderId] : null));
  const queue = useSelector((state) => (saleId ? state.shop.queues[saleId] : null));
  const room = useSelector((state) => (saleId ? state.shop.rooms[saleId] : null));
  const now = useClock();

  useEffect(() => {
    const load = saleId ? api.getSale(saleId).then((one) => [one]) : api.listSales();
    load
      .then((sales) => {
        sales.forEach((one) => dispatch(saleLoaded(one)));
        if (!saleId && sales.length > 0) {
          setSaleId((sales.find((one) => one.state === 'OPEN') || sales[0]).saleId);
        }
        if (sales.length === 0) {
          setLoadError('No sale yet. Create one on the dashboard.');
        }
      })
      .catch((error) => setLoadError(error.kind === 'sale-not-found' ? 'This sale does not exist.' : 'Could not load the sale.'));
  }, [saleId, dispatch]);

  useEffect(() => {
    if (!saleId) {
      return undefined;
    }
    return connectLive({
      onStock: (snapshot) => dispatch(stockSnapshotReceived(snapshot)),
      onQueue: (snapshot) => dispatch(queueSnapshotReceived(snapshot)),
    }, [saleId]);
  }, [saleId, dispatch]);

  useWaitingRoom(saleId, shopper, queue, room, sale, dispatch);

  // Follow the order from ACCEPTED to CONFIRMED.
  useEffect(() => {
    if (!order || order.status === 'CONFIRMED') {
      return undefined;
    }
    const timer = setInterval(() => dispatch(refreshOrder(order.orderId)), 500);
    return () => clearInterval(timer);
  }, [order, dispatch]);

  if (!sale) {
    return <p className="muted">{loadError || 'Loading…'}</p>;
  }
  const place = placeShown(queue, room);
  const ended = hasEnded(sale, now);
  const soldOut = !ended && (shown === 0 || (place && place.state === 'SOLD_OUT'));
  const pending = last && last.status === 'pending';
  // Without a waiting room Buy is offered at once; behind one, only once admitted.
  const mayBuy = place && (place.state === 'NONE' || place.state === 'ADMITTED');
  const startsIn = sale.startsAt ? Date.parse(sale.startsAt) - now : 0;
  const onBuy = () => {
    dispatch(buy({ saleId, quantity: 1, idempotencyKey: `${shopper.name}-${Date.now()}` }));
  };
  return (
    <section className="card product">
      <h1 data-testid="sale-name">{sale.name}</h1>
      <p className="stock">
        <span data-testid="stock">{shown === null ? '…' : shown}</span> left
      </p>
      {startsIn > 0 && (
        <p className="countdown">Starts in <strong data-testid="countdown">{duration(startsIn)}</strong></p>
      )}
      {ended && <p className="sold-out" data-testid="ended">This sale has ended</p>}
      {soldOut && <p className="sold-out" data-testid="sold-out">Sold out</p>}
      {!soldOut && !ended && shopper && place && <Queue place={place} now={now} onJoin={() => dispatch(joinQueue(saleId))} />}
      {!soldOut && !ended && shopper && mayBuy && (
        <button type="button" data-testid="buy" onClick={onBuy} disabled={pending}>
          {pending ? 'Buying…' : 'Buy now'}
        </button>
      )}
      {shopper ? (
        <p className="shopper muted">Signed in as <strong data-testid="shopper">{shopper.name}</strong></p>
      ) : (
        <SignIn onSignedIn={(name, token) => dispatch(signedIn({ name, token }))} />
      )}
      {last && last.status === 'failed' && last.saleId === saleId && (
        <p className="error" role="alert" data-testid="message">{last.message}</p>
      )}
      {last && last.status === 'accepted' && last.saleId === saleId && (
        <p className="ok" data-testid="order">
          Order <code data-testid="order-id">{last.orderId}</code>{' '}
          <span data-testid="order-status">{order ? order.status : 'ACCEPTED'}</span>
        </p>
      )}
    </section>
  );
}

/** Where the shopper stands in the waiting room, in words. */
function Queue({ place, now, onJoin }) {
  switch (place.state) {
    case 'NOT_OPEN':
      return (
        <p className="queue" data-testid="queue-state">
          The queue opens in <strong data-testid="queue-opens">{duration(Date.parse(place.at) - now)}</strong>
        </p>
      );
    case 'WAITING':
      return typeof place.ahead !== 'number' ? (
        <p className="queue" data-testid="queue-state">
          You are in the queue. <span data-testid="queue-place">Places are drawn at random when the sale starts</span>:
          arriving early earns nothing, and nor does arriving first.
        </p>
      ) : (
        <p className="queue" data-testid="queue-state">
          <strong data-testid="queue-ahead">{place.ahead}</strong> {place.ahead === 1 ? 'shopper' : 'shoppers'} ahead
          of you
          {place.estimatedWaitSeconds != null && (
            <>
              {' '}· about <span data-testid="queue-wait">{duration(place.estimatedWaitSeconds * 1000)}</span>
            </>
          )}
        </p>
      );
    case 'ADMITTED':
      return (
        <p className="queue ok" data-testid="queue-state">
          <strong data-testid="admitted">It is your turn.</strong> Buy within{' '}
          {duration(Math.max(0, Date.parse(place.at) - now))}.
        </p>
      );
    case 'USED':
      return (
        <button type="button" className="secondary" data-testid="queue-again" onClick={onJoin}>
          Queue again
        </button>
      );
    case 'NONE':
      return null;
    default:
      return (
        <p className="queue muted" data-testid="queue-state">
          {place.error || 'Joining the queue…'}
        </p>
      );
  }
}

/** Keeps the shopper's place: joins, asks again when told to, and joins again when it was lost. */
function useWaitingRoom(saleId, shopper, queue, room, sale, dispatch) {
  useEffect(() => {
    if (saleId && shopper && mustJoin(queue)) {
      dispatch(joinQueue(saleId));
    }
  }, [saleId, shopper, queue, dispatch]);

  const state = queue ? queue.state : null;
  const roomState = room ? room.state : null;
  const place = placeShown(queue, room);
  const nextUp = Boolean(place && place.state === 'WAITING' && place.ahead === 0);
  const startsAt = sale && sale.startsAt ? Date.parse(sale.startsAt) : 0;
  // Depends on the answer and on a few facts about the room, not on every live message:
  // each would restart the timer.
  useEffect(() => {
    if (!saleId || !shopper || !queue) {
      return undefined;
    }
    let delay;
    if (state === 'WAITING' || state === 'UNKNOWN') {
      delay = (queue.pollAfterSeconds || 5) * 1000;
      if (startsAt > Date.now()) {
        // Places are drawn at the start: ask right after it.
        delay = Math.min(delay, startsAt - Date.now() + 500);
      } else if (nextUp) {
        delay = 1000;
      }
    } else if ((state === 'NOT_OPEN' || state === 'ADMITTED') && queue.at) {
      // The queue opens, or the admission ends: ask again then.
      delay = Math.max(0, Date.parse(queue.at) - Date.now()) + 300;
    } else if (state === 'SOLD_OUT' && roomState && roomState !== 'SOLD_OUT') {
      delay = 0; // a restock: the place is still there
    } else {
      return undefined;
    }
    const timer = setTimeout(() => dispatch(state === 'NOT_OPEN' ? joinQueue(saleId) : lookQueue(saleId)), delay);
    return () => clearTimeout(timer);
  }, [saleId, shopper, queue, state, nextUp, roomState, startsAt, dispatch]);
}

/** The time now, once a second. */
function useClock() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function duration(millis) {
  const seconds = Math.max(0, Math.ceil(millis / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

function SignIn({ onSignedIn }) {
  const [name, setName] = useState('');
  const [error, setError] = useState(null);
  return (
    <form
      className="shopper"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        signIn(name)
          .then((token) => onSignedIn(name.trim().toLowerCase(), token))
          .catch((failure) => setError(failure.message));
      }}
    >
      <label>
        Your name <input data-testid="shopper-name" value={name} onChange={(event) => setName(event.target.value)} required />
      </label>
      <button type="submit" data-testid="shopper-sign-in">Sign in to buy</button>
      {error && <p className="error" role="alert" data-testid="sign-in-error">{error}</p>}
    </form>
  );
}
