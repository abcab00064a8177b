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
