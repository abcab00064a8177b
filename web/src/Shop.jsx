import { useEffect, useState } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import * as api from './api.js';
import { connectLive } from './live.js';
import { buy, refreshOrder, saleLoaded, selectLastPurchase, selectShownStock, stockSnapshotReceived } from './shopSlice.js';

function shopperId() {
  let id = window.localStorage.getItem('velocity.shopper');
  if (!id) {
    id = `shopper-${Math.random().toString(36).slice(2, 10)}`;
    window.localStorage.setItem('velocity.shopper', id);
  }
  return id;
}

function requestedSale() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query).get('sale');
}

export default function Shop() {
  const dispatch = useDispatch();
  const [saleId, setSaleId] = useState(requestedSale());
  const [userId, setUserId] = useState(shopperId());
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
    dispatch(buy({ saleId, userId, quantity: 1, idempotencyKey: `${userId}-${Date.now()}` }));
  };
  return (
    <section className="card product">
      <h1 data-testid="sale-name">{sale.name}</h1>
      <p className="stock">
        <span data-testid="stock">{shown === null ? '…' : shown}</span> left
      </p>
      {soldOut ? (
        <p className="sold-out" data-testid="sold-out">Sold out</p>
      ) : (
        <button type="button" data-testid="buy" onClick={onBuy} disabled={pending}>
          {pending ? 'Buying…' : 'Buy now'}
        </button>
      )}
      <label className="shopper">
        Shopper <input value={userId} onChange={(event) => setUserId(event.target.value)} />
      </label>
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
