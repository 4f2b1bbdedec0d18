export type ErrorCode = 'invalid_input' | 'not_found' | 'unknown_method' | 'conflict' | 'forbidden' | 'unauthorized' | 'unavailable' | 'internal';

/**
 * A field's problem: `message` for logs and tests, `reason` and its figures for the renderer to
 * word in the user's language (`issue.<reason>`).
 */
export type Issue = { path: string; message: string; reason?: string; minimum?: number; maximum?: number };

/**
 * What the renderer needs to word an error in the user's language: `reason` names the refusal
 * (`err.<reason>` in the renderer's dictionaries) and the other keys are its figures; `issues`
 * name the fields at fault.
 */
export type ErrorDetails = { reason?: string; issues?: Issue[]; [key: string]: unknown };

/** The typed error every layer throws and the RPC carries: `{code, message, details}`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export type SerializedError = { code: ErrorCode; message: string; details: ErrorDetails | undefined };

export function notFound(what: string, id: number | string): AppError {
  return new AppError('not_found', `${what} ${String(id)} does not exist`, { reason: `notFound.${what.replace(/\s+/g, '')}`, what, id });
}

export function isSerializedError(v: unknown): v is SerializedError {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    typeof (v as { message?: unknown }).message === 'string'
  );
}
