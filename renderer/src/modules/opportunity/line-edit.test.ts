import { describe, expect, it } from 'vitest';
import { parseLineEdit } from './line-edit';

const DAY = '2026-12-01';

describe('typing in a line cell', () => {
  it('reads French numbers with their unit or currency into fixed point', () => {
    expect(parseLineEdit('qty', '1 250,5', 'fr', DAY)).toEqual({ ok: true, value: 1_250_500 });
    expect(parseLineEdit('qty', '45 m', 'fr', DAY)).toEqual({ ok: true, value: 45_000 });
    expect(parseLineEdit('qty', '2,5 m3', 'fr', DAY)).toEqual({ ok: true, value: 2_500 });
    expect(parseLineEdit('unitPrice', '12,50 €', 'fr', DAY)).toEqual({ ok: true, value: 125_000 });
    expect(parseLineEdit('unitPrice', '1,234.5', 'en', DAY)).toEqual({ ok: true, value: 12_345_000 });
    expect(parseLineEdit('discount', '7,5 %', 'fr', DAY)).toEqual({ ok: true, value: 750 });
    expect(parseLineEdit('discount', '100', 'fr', DAY)).toEqual({ ok: true, value: 10_000 });
  });

  it('says why a value is refused', () => {
    expect(parseLineEdit('qty', 'beaucoup', 'fr', DAY)).toEqual({ ok: false, problem: 'notNumber' });
    expect(parseLineEdit('qty', '0', 'fr', DAY)).toEqual({ ok: false, problem: 'mustBePositive' });
    expect(parseLineEdit('unitPrice', '-3', 'fr', DAY)).toEqual({ ok: false, problem: 'mustBePositive' });
    expect(parseLineEdit('discount', '120', 'fr', DAY)).toEqual({ ok: false, problem: 'discountRange' });
    expect(parseLineEdit('qty', '1e20', 'fr', DAY)).toEqual({ ok: false, problem: 'notNumber' });
    expect(parseLineEdit('qty', '99999999999999', 'fr', DAY)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('reads dates as dd/mm/yyyy or ISO, empty as none', () => {
    expect(parseLineEdit('requestedDate', '5/1/2027', 'fr', DAY)).toEqual({ ok: true, value: '2027-01-05' });
    expect(parseLineEdit('requestedDate', '2027-01-05', 'fr', DAY)).toEqual({ ok: true, value: '2027-01-05' });
    expect(parseLineEdit('requestedDate', '', 'fr', DAY)).toEqual({ ok: true, value: null });
    expect(parseLineEdit('requestedDate', '31/02/2027', 'fr', DAY)).toEqual({ ok: false, problem: 'badDate' });
  });
});
