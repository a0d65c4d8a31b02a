import { webhookSignature } from '../../apps/notifier/src/channels/webhook-signature';

export interface SignatureCase {
  name: string;
  body: string;
  header: string | undefined;
  /** The receiver's clock, in ms. */
  now: number;
  valid: boolean;
}

const NOW = Date.parse('2031-06-01T12:00:00.000Z');
const MINUTE_MS = 60_000;
const BODY = JSON.stringify({ event: 'token.expiry_notice', tokenId: 't-1', name: 'Déploiement CI', thresholdDays: 7 });

/** Headers a receiver of the webhook must accept and refuse, for the README's examples. */
export function signatureCases(secret: string): SignatureCase[] {
  const sign = (offsetMs: number, body = BODY, key = secret): string =>
    webhookSignature(body, key, new Date(NOW + offsetMs));
  const signed = sign(0);
  const [t, v1] = signed.split(',') as [string, string];
  const mac = v1.slice('v1='.length);
  const at = (header: string | undefined, valid: boolean, name: string): SignatureCase => ({
    name,
    body: BODY,
    header,
    now: NOW,
    valid,
  });
  return [
    at(signed, true, 'a notice signed now'),
    at(sign(-4 * MINUTE_MS), true, 'a notice signed 4 minutes ago'),
    at(sign(-6 * MINUTE_MS), false, 'a replay: the same body signed 6 minutes ago'),
    at(sign(6 * MINUTE_MS), false, 'a time 6 minutes ahead'),
    { ...at(signed, false, 'another body under the signature'), body: BODY.replace('7}', '1}') },
    at(sign(0, BODY, `${secret}x`), false, 'a signature made with another secret'),
    at(`t=${Number(t.slice(2)) + 1},${v1}`, false, 'a time changed under the signature'),
    at(`${t},v1=${mac.slice(0, -1)}`, false, 'a signature one character short'),
    at(`${t},v1=${mac}0`, false, 'a signature one character long'),
    at(`${t},v1=${mac.slice(0, -1)}é`, false, 'a signature of equal length in characters, not in bytes'),
    at(`${t},v1=${'0'.repeat(64)},${v1}`, true, 'a second v1 that matches (a key being changed)'),
    at(` ${t} , ${v1} `, true, 'spaces around the parts'),
    at(`${v1},${t}`, true, 'the parts in another order'),
    at(`${t},${t},${v1}`, false, 'two times'),
    at(`t=,${v1}`, false, 'an empty time'),
    at(`t=1e9,${v1}`, false, 'a time that is not whole seconds'),
    at(v1, false, 'no time'),
    at(t, false, 'no signature'),
    at(`sha256=${mac}`, false, 'the former sha256= form'),
    at('', false, 'an empty header'),
    at(undefined, false, 'no header'),
    at('t=,v1=,=,,==', false, 'a header of separators'),
  ];
}
