const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/** One RFC 5321 addr-spec in dot-atom form, ASCII only: no display name, no list, no quotes, no spaces. */
const ADDR_SPEC = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`);

/**
 * The one address a notice may be sent to, or null: anything that is not exactly one plain
 * address (a list, a display name, a header break) is no address at all.
 */
export function emailAddress(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length > MAX_ADDRESS_LENGTH) return null;
  if (!ADDR_SPEC.test(candidate)) return null;
  return candidate.indexOf('@') <= MAX_LOCAL_PART_LENGTH ? candidate : null;
}
