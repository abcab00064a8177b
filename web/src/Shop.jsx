import { useEffect, useState } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import * as api from './api.js';
import { signIn } from './auth.js';
import { connectLive } from './live.js';
import {
  buy, refreshOrder, saleLoaded, selectLastPurchase, selectShownStock, signedIn, stockSnapshotReceived,
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
    return connectLive((snapshot) => dispatch(stockSnapshotReceived(snapshot)), [saleId]);
  }, [saleId, dispatch]);

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
  const soldOut = shown === 0;
  const pending = last && last.status === 'pending';
  const onBuy = () => {
    dispatch(buy({ saleId, quantity: 1, idempotencyKey: `${shopper.name}-${Date.now()}` }));
  };
  return (
    <section className="card product">
      <h1 data-testid="sale-name">{sale.name}</h1>
      <p className="stock">
        <span data-testid="stock">{shown === null ? '…' : shown}</span> left
      </p>
      {soldOut && <p className="sold-out" data-testid="sold-out">Sold out</p>}
      {!soldOut && shopper && (
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
