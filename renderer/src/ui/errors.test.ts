import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, notFound } from '../../../electron/shared/errors';
import { invalidInput } from '../../../electron/shared/rpc';
import { translate, type T } from '../i18n';
import { errorText, fieldErrors } from './errors';

const tFr: T = (key, vars) => translate('fr', key, vars);
const tEn: T = (key, vars) => translate('en', key, vars);

describe('core refusals worded by the renderer', () => {
  it('words a refusal by its reason and figures, in the user language, never in core English', () => {
    const err = new AppError('forbidden', 'A credit approval is decided by finance or manager, not by the trader role', {
      reason: 'approval.deciders.credit',
      kind: 'credit',
      role: 'trader',
    });
    expect(errorText(err, tFr)).toBe('Un accord crédit est décidé par le crédit client ou la direction, pas par le rôle Commercial');
    expect(errorText(err, tEn)).toBe('A credit approval is decided by credit control or the manager, not by the Trader role');
    const held = new AppError('conflict', 'Dupont is on credit hold', { reason: 'blocked.creditHold', customer: 'Dupont SA', blocked: true });
    expect(errorText(held, tFr)).toBe('Dupont SA est bloqué en crédit : seul le crédit client (ou la direction) peut lever le blocage');
    expect(errorText(notFound('Opportunity', 42), tFr)).toBe('Cette affaire n’existe plus (n° 42)');
  });

  it('names the fields at fault with their limits, and gives each field its own words', () => {
    const schema = z.object({ title: z.string().max(200), discount: z.number().max(100), comment: z.string() }).strict();
    const parsed = schema.safeParse({ title: 'x'.repeat(201), discount: 120, comment: 3 });
    const err = invalidInput('opportunity.update', parsed.error!);
    expect(errorText(err, tFr)).toBe(
      'Titre : 200 caractères au plus · Remise : au plus 100 · Commentaire : valeur attendue manquante ou du mauvais type',
    );
    expect(errorText(err, tEn)).toBe('Title: at most 200 characters · Discount: at most 100 · Comment: missing or of the wrong type');
    expect(fieldErrors(err, tFr)).toEqual({
      title: '200 caractères au plus',
      discount: 'au plus 100',
      comment: 'valeur attendue manquante ou du mauvais type',
    });
  });

  it('falls back on the kind of error, never on its message, when no reason says more', () => {
    expect(errorText(new AppError('unavailable', 'The connection to core was closed'), tFr)).toBe('Service indisponible : réessayez dans un instant');
    expect(errorText(new TypeError('x is undefined'), tFr)).toBe('Erreur interne : l’action n’a rien changé');
  });
});
