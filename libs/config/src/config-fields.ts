import { z } from 'zod';
import { secretProblem } from './secret-rules';
import { ConfigError } from './config-error';
import { trustProxy } from './trust-proxy';

/**
 * Builders for the variables of the configuration schema. Every value arrives as a string
 * (or undefined when unset or blank) and leaves as the type the application uses; a bad value
 * fails with a message that names what was expected and, for non-secrets, what was given.
 */

/** What the docs say about a variable: the README table and `.env.example` are made from it. */
export interface VariableDoc {
  description: string;
  /** The section of `.env.example` the variable is listed in. */
  group: string;
  /** The default as a person reads it, where the value itself does not say it. */
  shownDefault?: string;
  /** A value to show, commented out, in `.env.example` when the variable has no default. */
  example?: string;
  /** Read from `<NAME>_FILE` as well; never echoed in a message. */
  secret?: true;
}

/** A whole number from `min` to `max`, with no default (wrap it in `unset` to allow none). */
export function wholeNumberIn(min: number, max: number) {
  return z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (/^\d+$/.test(raw) && value >= min && value <= max) return value;
    ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${raw}"` });
    return z.NEVER;
  });
}

export function wholeNumber(min: number, max: number, fallback: number) {
  return wholeNumberIn(min, max).default(fallback);
}

const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

export function flag(fallback: boolean) {
  return z
    .string()
    .transform((raw, ctx) => {
      const value = raw.toLowerCase();
      if (TRUE.includes(value)) return true;
      if (FALSE.includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false, got "${raw}"` });
      return z.NEVER;
    })
    .default(fallback);
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z.enum(values, { error: () => `must be one of ${values.join(', ')}` }).default(fallback);
}

/**
 * A URL with one of the given protocols; credentials in a bad one are not echoed. With
 * `credentialsIn`, a URL that carries credentials (`user:password@`) is refused and the
 * message names the variables they go in: a URL ends up in logs and errors, a credential must not.
 */
export function url(protocols: readonly string[], credentialsIn?: string) {
  return z.string().superRefine((raw, ctx) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: `is not a URL: "${raw.replace(/\/\/[^@/]*@/, '//***@')}"` });
      return;
    }
    if (!protocols.includes(parsed.protocol)) {
      ctx.addIssue({ code: 'custom', message: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}` });
    }
    if (credentialsIn !== undefined && (parsed.username !== '' || parsed.password !== '')) {
      ctx.addIssue({
        code: 'custom',
        message: `must not carry credentials (user:password@); set ${credentialsIn} instead`,
      });
    }
  });
}

export function text() {
  return z.string();
}

export function pattern(regex: RegExp, expected: string) {
  return z.string().regex(regex, { error: () => `must be ${expected}` });
}

/**
 * A secret we choose: a key that only this service uses (to sign, to digest), which we can
 * generate and so can demand to be strong. Its rules are the same whether it comes from the
 * environment, a file or DATA_DIR.
 */
export function secret() {
  return z.string().superRefine((value, ctx) => {
    const problem = secretProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/**
 * A credential we do not choose: a password or header value that another system (a mail
 * server, a webhook receiver) issued, whose length and form are its business. So none of the
 * secret rules, only: not empty. Like a secret it may come from `<NAME>_FILE` (`secret: true`
 * in its docs) and is never echoed.
 */
export function credential() {
  return z.string().min(1, { error: () => 'must not be empty' });
}

export function dayList(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      const days = raw.split(',').map((part) => part.trim());
      if (days.every((day) => /^\d+$/.test(day) && Number(day) >= 1)) {
        return [...new Set(days.map(Number))].sort((a, b) => b - a);
      }
      ctx.addIssue({ code: 'custom', message: `must be whole days ≥ 1 separated by commas, got "${raw}"` });
      return z.NEVER;
    });
}

export function trustProxyList() {
  return z
    .string()
    .default('false')
    .transform((raw, ctx) => {
      try {
        return trustProxy(raw);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.problem });
        return z.NEVER;
      }
    });
}

/** Comma-separated names, each as `isName` wants it, none twice; unset or blank: null. */
export function nameList(isName: (name: string) => boolean, expected: string, most: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return null;
      const names = raw.split(',').map((part) => part.trim());
      const bad = names.find((name) => !isName(name));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `each name must be ${expected}, got "${bad.slice(0, 80)}"` });
        return z.NEVER;
      }
      const twice = names.find((name, index) => names.indexOf(name) !== index);
      if (twice !== undefined) {
        ctx.addIssue({ code: 'custom', message: `lists "${twice}" twice` });
        return z.NEVER;
      }
      if (names.length > most) {
        ctx.addIssue({ code: 'custom', message: `must list at most ${most} names, got ${names.length}` });
        return z.NEVER;
      }
      return names;
    });
}
