//! One form's state: the values being edited, what they were when last loaded or saved (so the
//! form knows it is dirty), the busy flag, and where an error goes: beside the input it names when
//! that input is one of the form's `fields`, in the banner otherwise. Saving clears dirty.
//!
//! `Unsaved` is the question asked before leaving a dirty form ("Keep editing" or "Discard"); the
//! desk asks it before the inspector shows another record, the settings dialog before it closes.

import type { AppError } from './bindings/AppError';
import { isBannerError } from './fieldError';
import * as ipc from './ipc';

type Values = Record<string, unknown>;

export type SubmitOptions<V, T> = {
  /** What the form can tell before asking the desk; an error here stops the submit. */
  check?: (values: V) => AppError | null;
  /** Runs once the desk accepted the values (the form is clean by then). */
  done?: (result: T) => void | Promise<void>;
};

/** What `Field` hands its control to spread on it. */
export type ControlAttrs = {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

const snapshot = (values: Values): string => JSON.stringify(values);

export class Form<V extends Values> {
  /** The values being edited; replaced key by key, never as a whole, so bindings hold. */
  readonly values = $state<V>({} as V);
  error = $state<AppError | null>(null);
  busy = $state(false);
  /** The values as loaded or last saved, serialised: what `dirty` compares with. */
  #clean = $state('');
  readonly #blank: V;

  /** True when the values differ from those loaded or last saved. */
  dirty = $derived(snapshot(this.values) !== this.#clean);

  constructor(
    initial: V,
    /** The inputs this form shows: their errors go beside them, any other to `onbanner`. */
    readonly fields: readonly string[],
    private readonly onbanner: (error: AppError) => void,
  ) {
    this.#blank = { ...initial };
    Object.assign(this.values, initial);
    this.#clean = snapshot(initial);
  }

  /** `true` (for `aria-invalid`) when the desk's error names `field`. */
  invalid(field: string): true | undefined {
    return this.error?.field === field || undefined;
  }

  /** Keeps `error` on the form (beside its input) and sends it to the banner when no input claims it. */
  fail(error: AppError): void {
    this.error = error;
    if (isBannerError(error, this.fields)) this.onbanner(error);
  }

  /** New values, taken as clean (the values given at construction when omitted); clears the error. */
  reset(values: V = this.#blank): void {
    // In place: components hold `values` and bind their inputs to its keys.
    Object.assign(this.values, values);
    this.#clean = snapshot(values);
    this.error = null;
  }

  /** Runs `run` once at a time; its error is placed, its success makes the form clean. */
  async submit<T>(run: (values: V) => Promise<T>, options: SubmitOptions<V, T> = {}): Promise<boolean> {
    if (this.busy) return false;
    const problem = options.check?.(this.values) ?? null;
    if (problem) {
      this.fail(problem);
      return false;
    }
    this.busy = true;
    this.error = null;
    const sent = snapshot(this.values);
    let result: T;
    try {
      result = await run(this.values);
    } catch (e) {
      this.fail(ipc.toAppError(e));
      return false;
    } finally {
      this.busy = false;
    }
    // What was typed while the save ran stays unsaved.
    this.#clean = sent;
    await options.done?.(result);
    return true;
  }

  /** A `<form onsubmit>` handler: no page reload, then `submit`. */
  handle<T>(run: (values: V) => Promise<T>, options: SubmitOptions<V, T> = {}): (event: SubmitEvent) => void {
    return (event) => {
      event.preventDefault();
      void this.submit(run, options);
    };
  }
}

/** Anything whose unsaved changes a move away would drop. */
export type Dirtyable = { readonly dirty: boolean };

export class Unsaved {
  readonly #watched = new Set<Dirtyable>();
  /** The open question, answered by `answer`; `null` when nothing is asked. */
  asking = $state<{ answer: (discard: boolean) => void } | null>(null);

  /** Counts `form` among those a move away would drop; the returned function stops it. */
  watch(form: Dirtyable): () => void {
    this.#watched.add(form);
    return () => this.#watched.delete(form);
  }

  /** True when a watched form has changes not saved. */
  get any(): boolean {
    for (const form of this.#watched) if (form.dirty) return true;
    return false;
  }

  /**
   * Resolves `true` when nothing unsaved is in the way (`dirty`, by default any watched form) or
   * the writer chose to discard it; `false` when they keep editing.
   */
  leave(dirty: boolean = this.any): Promise<boolean> {
    if (!dirty) return Promise.resolve(true);
    // A second move while the question is open is the same move: it waits for no second answer.
    if (this.asking) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.asking = {
        answer: (discard) => {
          this.asking = null;
          resolve(discard);
        },
      };
    });
  }

  answer(discard: boolean): void {
    this.asking?.answer(discard);
  }
}
