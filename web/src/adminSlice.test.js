import { describe, expect, it } from 'vitest';
import { abandonRate, admissionRate, backlog, salesRate } from './adminSlice.js';

describe('dashboard series', () => {
  it('derives purchases per second from sold counts over time', () => {
    const history = [
      { t: 0, sold: 0, confirmed: 0 },
      { t: 1000, sold: 300, confirmed: 100 },
      { t: 3000, sold: 500, confirmed: 500 },
    ];
    expect(salesRate(history)).toEqual([300, 100]);
    expect(backlog(history)).toEqual([0, 200, 0]);
  });
});

describe('waiting room figures', () => {
  it('derives admissions per second from the polled history', () => {
    expect(admissionRate([{ t: 0, admitted: 0 }, { t: 2000, admitted: 40 }, { t: 4000, admitted: 40 }])).toEqual([20, 0]);
  });

  it('counts the abandon rate over the admissions that ended, not those still active', () => {
    expect(abandonRate({ admitted: 100, active: 20, abandoned: 20 })).toBe(25);
    expect(abandonRate({ admitted: 5, active: 5, abandoned: 0 })).toBeNull();
  });
});

describe('archiving from the dashboard', () => {
  it('takes an archived sale off the dashboard and says what it sold', async () => {
    const { default: reducer, archiveSale } = await import('./adminSlice.js');
    const before = reducer(undefined, { type: 'init' });
    const listed = { ...before, order: ['a', 'b'], sales: { a: { saleId: 'a', state: 'ENDED' }, b: { saleId: 'b', state: 'OPEN' } } };
    const after = reducer(listed, archiveSale.fulfilled({ saleId: 'a', state: 'ARCHIVED', sold: 7, confirmed: 5 }, 'r', 'a'));
    expect(after.order).toEqual(['b']);
    expect(after.sales.a).toBeUndefined();
    expect(after.notice).toBe('Archived a: 7 sold in 5 orders.');
    expect(after.archived.map((sale) => sale.saleId)).toEqual(['a']);
  });

  it('keeps the sale and says why when the archive is refused', async () => {
    const { default: reducer, archiveSale } = await import('./adminSlice.js');
    const listed = { ...reducer(undefined, { type: 'init' }), order: ['a'], sales: { a: { saleId: 'a', state: 'ENDED' } } };
    const after = reducer(listed, archiveSale.rejected(null, 'r', 'a', { kind: 'sale-not-archivable', message: 'orders in transit' }));
    expect(after.order).toEqual(['a']);
    expect(after.notice).toBe('Not archived: orders in transit');
  });
});
