import { useEffect, useState } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { adminSignIn } from './auth.js';
import { connectLive } from './live.js';
import Chart from './Chart.jsx';
import { backlog, liveStock, loadSales, salesRate, saveSale, tokenEntered } from './adminSlice.js';

export default function Admin() {
  const dispatch = useDispatch();
  const admin = useSelector((state) => state.admin);
  // The admin secret is exchanged for a token at once; the token lives in memory only.
  const [secret, setSecret] = useState('');
  const [signInError, setSignInError] = useState(null);

  useEffect(() => {
    if (!admin.token) {
      return undefined;
    }
    dispatch(loadSales());
    const timer = setInterval(() => dispatch(loadSales()), 2000);
    return () => clearInterval(timer);
  }, [admin.token, dispatch]);

  const saleIds = admin.order.join(',');
  useEffect(() => {
    if (!saleIds) {
      return undefined;
    }
    return connectLive((snapshot) => dispatch(liveStock(snapshot)), saleIds.split(','));
  }, [saleIds, dispatch]);

  if (!admin.token) {
    return (
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          setSignInError(null);
          adminSignIn(secret)
            .then((token) => {
              setSecret('');
              dispatch(tokenEntered(token));
            })
            .catch((failure) => setSignInError(failure.message));
        }}
      >
        <h1>Dashboard</h1>
        <label>
          Admin secret <input data-testid="token" type="password" value={secret} onChange={(e) => setSecret(e.target.value)} />
        </label>
        <button type="submit" data-testid="sign-in">Open dashboard</button>
        {signInError && <p className="error" role="alert">{signInError}</p>}
      </form>
    );
  }
  return (
    <>
      <h1>Dashboard</h1>
      {admin.error && <p className="error" role="alert">{admin.error}</p>}
      <p className="muted" data-testid="dead-letters">
        Dead letters: {admin.deadLetters === null ? '–' : admin.deadLetters}
      </p>
      <SaleForm onSave={(saleId, definition) => dispatch(saveSale({ saleId, definition }))} />
      {admin.notice && <p className="muted">{admin.notice}</p>}
      {admin.order.map((saleId) => {
        const sale = admin.sales[saleId];
        const history = admin.history[saleId] || [];
        return (
          <section className="card sale" key={saleId} data-testid={`sale-${saleId}`}>
            <h2>
              {sale.name} <code>{saleId}</code> <span className="state">{sale.state}</span>
            </h2>
            <p>
              <strong data-testid={`remaining-${saleId}`}>{sale.remaining}</strong> of {sale.initialStock} left ·{' '}
              {sale.sold} sold · {sale.confirmed ?? '–'} confirmed · {sale.pendingHandOff} awaiting the queue
            </p>
            <div className="charts">
              <Chart title="Purchases per second" unit="/s" values={salesRate(history)} testId={`rate-${saleId}`} />
              <Chart title="Backlog (sold, not yet confirmed)" unit="orders" values={backlog(history)} testId={`backlog-${saleId}`} />
            </div>
          </section>
        );
      })}
    </>
  );
}

function SaleForm({ onSave }) {
  const [form, setForm] = useState({ saleId: '', name: '', stock: '', perUserLimit: '' });
  const set = (field) => (event) => setForm({ ...form, [field]: event.target.value });
  return (
    <form
      className="card sale-form"
      onSubmit={(event) => {
        event.preventDefault();
        const definition = { name: form.name || form.saleId, stock: Number(form.stock) };
        if (form.perUserLimit) {
          definition.perUserLimit = Number(form.perUserLimit);
        }
        onSave(form.saleId, definition);
      }}
    >
      <h2>Create or restock a sale</h2>
      <input placeholder="sale id" value={form.saleId} onChange={set('saleId')} required pattern="[A-Za-z0-9][A-Za-z0-9_-]{0,63}" />
      <input placeholder="name" value={form.name} onChange={set('name')} />
      <input placeholder="total stock" type="number" min="0" value={form.stock} onChange={set('stock')} required />
      <input placeholder="per-shopper limit" type="number" min="1" value={form.perUserLimit} onChange={set('perUserLimit')} />
      <button type="submit">Save</button>
    </form>
  );
}
