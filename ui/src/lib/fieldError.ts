//! Places an `AppError` beside the input it names; what no input claims goes to the banner.

import type { AppError } from './bindings/AppError';

/** The error for `field`, if the backend named that field. */
export function errorFor(error: AppError | null, field: string): AppError | null {
  return error !== null && error.field === field ? error : null;
}

/** The message without the `field: ` prefix the desk puts in front of it. */
export function fieldMessage(error: AppError): string {
  const prefix = error.field ? `${error.field}: ` : '';
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** True when the error belongs in the banner rather than beside one of `fields`. */
export function isBannerError(error: AppError | null, fields: readonly string[]): boolean {
  return error !== null && (error.field === undefined || !fields.includes(error.field));
}
