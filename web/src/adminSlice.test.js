import { describe, expect, it } from 'vitest';
import { backlog, salesRate } from './adminSlice.js';

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
