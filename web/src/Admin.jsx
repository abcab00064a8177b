import { useEffect, useState } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { adminSignIn } from './auth.js';
import { connectLive } from './live.js';
import Chart from './Chart.jsx';
import {
  abandonRate, admissionRate, archiveSale, backlog, closeSale, deleteSale, liveRoom, liveStock, loadArchived, loadSales, removeRoom, salesRate, saveRoom, saveSale,
  tokenEntered,
} from './adminSlice.js';

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
    dispatch(loadArchived());
    const timer = setInterval(() => dispatch(loadSales()), 2000);
    return () => clearInterval(timer);
  }, [admin.token, dispatch]);

  const saleIds = admin.order.join(',');
  useEffect(() => {
    if (!saleIds) {
      return undefined;
    }
    return connectLive({
      onStock: (snapshot) => dispatch(liveStock(snapshot)),
      onQueue: (snapshot) => dispatch(liveRoom(snapshot)),
    }, saleIds.split(','));
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
      <SaleForm onSave={(saleId, definition, draft) => dispatch(saveSale({ saleId, definition, draft }))} />
      {admin.notice && <p className="muted">{admin.notice}</p>}
      {admin.order.map((saleId) => {
        const sale = admin.sales[saleId];
        const history = admin.history[saleId] || [];
        return (
          <section className="card sale" key={saleId} data-testid={`sale-${saleId}`}>
            <h2>
              {sale.name} <code>{saleId}</code> <span className="state" data-testid={`state-${saleId}`}>{sale.state}</span>
              {sale.state !== 'ENDED' && sale.state !== 'DRAFT' && (
                <button type="button" className="secondary close" data-testid={`close-${saleId}`}
                  onClick={() => dispatch(closeSale(saleId))}>
                  Close now
                </button>
              )}
              {sale.state === 'ENDED' && (
                <button type="button" className="secondary close" data-testid={`archive-${saleId}`}
                  title="Once every order is stored, Redis lets go of the sale"
                  onClick={() => dispatch(archiveSale(saleId))}>
                  Archive
                </button>
              )}
              {sale.sold === 0 && ['DRAFT', 'UPCOMING', 'ENDED'].includes(sale.state) && (
                <button type="button" className="secondary close" data-testid={`delete-${saleId}`}
                  onClick={() => dispatch(deleteSale(saleId))}>
                  Delete
                </button>
              )}
            </h2>
            <p>
              <strong data-testid={`remaining-${saleId}`}>{sale.remaining}</strong> of {sale.initialStock} left ·{' '}
              {sale.sold} sold · {sale.confirmed ?? '–'} confirmed · {sale.pendingHandOff} awaiting the queue
            </p>
            <div className="charts">
              <Chart title="Purchases per second" unit="/s" values={salesRate(history)} testId={`rate-${saleId}`} />
              <Chart title="Backlog (sold, not yet confirmed)" unit="orders" values={backlog(history)} testId={`backlog-${saleId}`} />
            </div>
            <Room
              saleId={saleId}
              room={admin.rooms[saleId]}
              points={admin.roomHistory[saleId] || []}
              onSave={(settings) => dispatch(saveRoom({ saleId, settings }))}
              onRemove={() => dispatch(removeRoom({ saleId }))}
            />
          </section>
        );
      })}
      {admin.archived.length > 0 && (
        <section className="card" data-testid="archived">
          <h2>Archived</h2>
          <p className="muted">Their orders and figures are kept in DynamoDB; Redis has let go of them.</p>
          <ul>
            {admin.archived.map((sale) => (
              <li key={sale.saleId} data-testid={`archived-${sale.saleId}`}>
                {sale.name} <code>{sale.saleId}</code>: {sale.sold} of {sale.initialStock} sold in {sale.confirmed} orders,
                ended {sale.endsAt}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** A sale's waiting room: its counts, and the controls to turn it on, change it or turn it off. */
function Room({ saleId, room, points, onSave, onRemove }) {
  const [rate, setRate] = useState('');
  const [seconds, setSeconds] = useState('');
  if (room === undefined) {
    return null;
  }
  const settings = (changes) => ({
    admissionsPerSecond: Number(rate) || (room ? room.settings.admissionsPerSecond : 10),
    admissionSeconds: Number(seconds) || (room ? room.settings.admissionSeconds : 120),
    paused: room ? room.settings.paused : false,
    ...(room && room.settings.opensAt ? { opensAt: room.settings.opensAt } : {}),
    ...(room && room.settings.maxActive ? { maxActive: room.settings.maxActive } : {}),
    ...changes,
  });
  const inputs = (
    <>
      <input type="number" min="0.1" step="any" placeholder={room ? String(room.settings.admissionsPerSecond) : '10'}
        value={rate} onChange={(event) => setRate(event.target.value)} data-testid={`room-rate-${saleId}`} />
      per second, admissions last
      <input type="number" min="10" max="3600" placeholder={room ? String(room.settings.admissionSeconds) : '120'}
        value={seconds} onChange={(event) => setSeconds(event.target.value)} /> s
    </>
  );
  if (room === null) {
    return (
      <div className="room" data-testid={`room-${saleId}`}>
        <strong>No waiting room.</strong> Admit {inputs}
        <button type="button" onClick={() => onSave(settings({}))} data-testid={`room-on-${saleId}`}>Add one</button>
      </div>
    );
  }
  const abandoned = abandonRate(room);
  return (
    <div className="room" data-testid={`room-${saleId}`}>
      <p>
        Waiting room {room.settings.paused ? <strong>paused</strong> : `admitting ${room.settings.admissionsPerSecond}/s`}:{' '}
        <strong data-testid={`room-waiting-${saleId}`}>{room.waiting}</strong> waiting ·{' '}
        <span data-testid={`room-active-${saleId}`}>{room.active}</span> admitted, not bought yet ·{' '}
        {room.admitted} admitted in all · abandon rate {abandoned === null ? '–' : `${abandoned}%`} ·{' '}
        {room.left} left the queue
      </p>
      <Chart title="Admissions per second" unit="/s" values={admissionRate(points)} testId={`room-rate-chart-${saleId}`} />
      <p>
        Admit {inputs}
        <button type="button" onClick={() => onSave(settings({}))}>Save</button>
        <button type="button" onClick={() => onSave(settings({ paused: !room.settings.paused }))} data-testid={`room-pause-${saleId}`}>
          {room.settings.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="secondary" onClick={onRemove}>Turn off</button>
      </p>
    </div>
  );
}

function SaleForm({ onSave }) {
  const [form, setForm] = useState({ saleId: '', name: '', stock: '', perUserLimit: '', draft: false });
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
        onSave(form.saleId, definition, form.draft);
      }}
    >
      <h2>Create or restock a sale</h2>
      <input placeholder="sale id" value={form.saleId} onChange={set('saleId')} required pattern="[A-Za-z0-9][A-Za-z0-9_-]{0,63}" />
      <input placeholder="name" value={form.name} onChange={set('name')} />
      <input placeholder="total stock" type="number" min="0" value={form.stock} onChange={set('stock')} required />
      <input placeholder="per-shopper limit" type="number" min="1" value={form.perUserLimit} onChange={set('perUserLimit')} />
      <label className="muted">
        <input type="checkbox" data-testid="draft" checked={form.draft} onChange={(e) => setForm({ ...form, draft: e.target.checked })} />
        {' '}draft (not scheduled; saved without it, it is)
      </label>
      <button type="submit">Save</button>
    </form>
  );
}
