import { describe, expect, it } from 'vitest';
import { copyText, parseTsv } from '../../ui/grid-range';
import { readPaste } from './paste-lines';

const DAY = '2026-12-01';

describe('copy and paste like a spreadsheet', () => {
  it('reads a block copied from Excel: French numbers, units, an optional header, blank rows and Windows line ends', () => {
    const text = 'Code\tQuantité\tPrix\tRemise\r\nCIM-00001\t1 250,5\t12,50 €\t5 %\r\n\r\nsem-00172\t800 kg\t\t\r\nENG-00002\t35\n';
    const { rows, problems } = readPaste(text, 'fr', DAY);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { productCode: 'CIM-00001', qty: 1_250_500, unitPrice: 125_000, discount: 500 },
      { productCode: 'sem-00172', qty: 800_000 },
      { productCode: 'ENG-00002', qty: 35_000 },
    ]);
  });

  it('names each wrong row and cell, as typed input would be', () => {
    const { problems } = readPaste('CIM-00001\tbeaucoup\nCIM-00002\t0\n\t5\nCIM-00003\t2\t-4\t120', 'fr', DAY);
    expect(problems).toEqual([
      { row: 1, field: 'qty', text: 'beaucoup', problem: 'notNumber' },
      { row: 2, field: 'qty', text: '0', problem: 'mustBePositive' },
      { row: 3, field: 'productCode', text: '', problem: 'missing' },
      { row: 4, field: 'unitPrice', text: '-4', problem: 'mustBePositive' },
      { row: 4, field: 'discount', text: '120', problem: 'discountRange' },
    ]);
  });

  it('copies cells as Excel reads them back in the user language', () => {
    expect(copyText('qty', 1_250_500, '1 250,5 kg', 'fr')).toBe('1250,5');
    expect(copyText('money', 62_057_700, '6 205,77 €', 'fr')).toBe('6205,77');
    expect(copyText('unitPrice', 130_100, '13,01 €', 'en')).toBe('13.01');
    expect(copyText('rate', 1_000, '10,0 %', 'fr')).toBe('10 %');
    expect(copyText('date', '2027-03-15', '15/03/2027', 'fr')).toBe('15/03/2027');
    expect(copyText('text', 'ORL', 'ORL\tx', 'fr')).toBe('ORL x');
    expect(copyText('money', null, '', 'fr')).toBe('');
    expect(parseTsv('a\tb\n\nc\td\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});
