import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { workbook, xlsxCell } from './xlsx';

describe('Excel export', () => {
  it('turns fixed-point values into real numbers with their format, and keeps text as shown', () => {
    expect(xlsxCell('money', 12_345_600, '1 234,56 €')).toEqual({ value: 1234.56, numFmt: '#,##0.00 "€"' });
    expect(xlsxCell('qty', 5_500, '5,5 t')).toEqual({ value: 5.5, numFmt: '#,##0.###' });
    expect(xlsxCell('rate', 1_250, '12,5 %')).toEqual({ value: 0.125, numFmt: '0.0%' });
    expect(xlsxCell('date', '2026-12-18', '18/12/2026').value).toEqual(new Date('2026-12-18T00:00:00Z'));
    expect(xlsxCell('text', 'short', 'Rupture')).toEqual({ value: 'Rupture' });
    expect(xlsxCell('money', null, '')).toEqual({ value: null });
  });

  it('writes a workbook that reads back with typed numbers', async () => {
    const data = await workbook({
      name: 'Ruptures',
      headers: ['Article', 'Quantité', 'Montant'],
      rows: [[{ value: 'CIM-00001' }, xlsxCell('qty', 12_500, ''), xlsxCell('money', 10_000_000, '')]],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data);
    const ws = wb.getWorksheet('Ruptures')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Article', 'Quantité', 'Montant']);
    expect(ws.getRow(2).getCell(2).value).toBe(12.5);
    expect(ws.getRow(2).getCell(3).value).toBe(1000);
    expect(typeof ws.getRow(2).getCell(3).value).toBe('number');
  });
});
