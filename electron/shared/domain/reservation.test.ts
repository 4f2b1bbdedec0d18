import { describe, expect, it } from 'vitest';
import { distanceKm, neededBy, planReservation, type WarehouseStock } from './reservation';

// Lyon, Rennes, Toulouse, Lille (as in the demo company)
const LYO = { warehouseId: 1, lat: 45.76, lon: 4.84 };
const REN = { warehouseId: 2, lat: 48.11, lon: -1.68 };
const TLS = { warehouseId: 3, lat: 43.6, lon: 1.44 };
const LIL = { warehouseId: 4, lat: 50.63, lon: 3.06 };
const at = (atp: [number, number, number, number]): WarehouseStock[] => [LYO, REN, TLS, LIL].map((w, i) => ({ ...w, atp: atp[i]! }));

describe('reservation strategy', () => {
  it('reserves in the chosen warehouse only, the rest short there; negative stock gives nothing', () => {
    expect(planReservation(10_000, 2, at([50_000, 4_000, 0, 0]), 1)).toEqual({
      allocations: [{ warehouseId: 2, qty: 4_000 }],
      short: 6_000,
      shortWarehouseId: 2,
    });
    expect(planReservation(10_000, 3, at([50_000, 4_000, -2_000, 0]), 1)).toEqual({ allocations: [], short: 10_000, shortWarehouseId: 3 });
  });

  it('with "any", takes all from the preferred warehouse when it covers the line', () => {
    expect(planReservation(10_000, null, at([10_000, 90_000, 0, 0]), 1).allocations).toEqual([{ warehouseId: 1, qty: 10_000 }]);
  });

  it('else from one warehouse that covers it, the most available first, rather than splitting', () => {
    expect(planReservation(10_000, null, at([3_000, 12_000, 20_000, 0]), 1).allocations).toEqual([{ warehouseId: 3, qty: 10_000 }]);
  });

  it('splits when no warehouse covers it alone: preferred first, then most available; nearest breaks a tie', () => {
    // Rennes and Lille hold the same; from Lyon, Lille (~560 km) is nearer than Rennes (~630 km)
    const plan = planReservation(10_000, null, at([2_000, 3_000, 1_000, 3_000]), 1);
    expect(plan.allocations).toEqual([
      { warehouseId: 1, qty: 2_000 },
      { warehouseId: 4, qty: 3_000 },
      { warehouseId: 2, qty: 3_000 },
      { warehouseId: 3, qty: 1_000 },
    ]);
    expect(plan.short).toBe(1_000);
    expect(plan.shortWarehouseId).toBe(1);
    expect(distanceKm(LYO, LIL)).toBeLessThan(distanceKm(LYO, REN));
  });

  it('reserves exactly what is needed, to the unit', () => {
    const plan = planReservation(7_001, null, at([7_000, 1, 0, 0]), 1);
    expect(plan.allocations).toEqual([
      { warehouseId: 1, qty: 7_000 },
      { warehouseId: 2, qty: 1 },
    ]);
    expect(plan.short).toBe(0);
  });

  it('dates a shortage the handling time before the customer wants it', () => {
    expect(neededBy('2027-01-15', 2)).toBe('2027-01-13');
    expect(neededBy('2027-03-01', 3)).toBe('2027-02-26');
  });
});
