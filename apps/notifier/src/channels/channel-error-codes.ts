import type { NoticeChannelErrorCode } from '@pat/domain';

/**
 * What the errors of the channels' libraries (nodemailer, fetch) mean, as the codes of the
 * audit trail. Only codes are read here, never messages: those go to the log as they are.
 */

/** What went wrong on the way to a server, as far as an error's code tells. */
type NetworkFailure = 'timeout' | 'tls' | 'unreachable';

const TIMEOUTS = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
/** OpenSSL and Node.js name certificate and handshake failures so (`CERT_HAS_EXPIRED`, `ERR_SSL_…`, `ERR_TLS_…`). */
const TLS = /CERT|SSL|TLS/;

/** The failure a Node.js system error code (or undici's) names, or null for another code. */
function networkFailure(code: unknown): NetworkFailure | null {
  if (typeof code !== 'string') return null;
  if (TIMEOUTS.has(code)) return 'timeout';
  if (UNREACHABLE.has(code)) return 'unreachable';
  return TLS.test(code) ? 'tls' : null;
}

export interface ErrorFields {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  /** nodemailer: the system error's code under its own, and the SMTP reply's code. */
  originalCode?: unknown;
  responseCode?: unknown;
}

/**
 * The fields of a thrown value, read without `instanceof Error`: a library may throw anything,
 * and `fetch`'s errors come from another realm in tests.
 */
export function errorFields(error: unknown): ErrorFields {
  return typeof error === 'object' && error !== null ? error : {};
}

/** SMTP replies that mean "authenticate first" (530) or "these credentials are refused" (535). */
const AUTH_REPLIES = new Set([530, 535]);

/** The code of a nodemailer error: its `code` says where it failed, `responseCode` what the server answered. */
export function smtpErrorCode(error: unknown): NoticeChannelErrorCode {
  const { code, originalCode, responseCode } = errorFields(error);
  if (code === 'EAUTH' || code === 'ENOAUTH' || AUTH_REPLIES.has(Number(responseCode))) return 'smtp_auth_failed';
  switch (code) {
    case 'ETIMEDOUT':
      return 'smtp_timeout';
    case 'ETLS':
    case 'EREQUIRETLS':
      return 'smtp_tls_error';
    case 'ESOCKET':
    case 'ECONNECTION':
    case 'EDNS': {
      const failure = networkFailure(originalCode);
      return failure === 'tls' ? 'smtp_tls_error' : failure === 'timeout' ? 'smtp_timeout' : 'smtp_unreachable';
    }
    case 'EENVELOPE':
    case 'EMESSAGE':
      return 'smtp_refused';
    default:
      return Number(responseCode) >= 400 ? 'smtp_refused' : 'smtp_error';
  }
}

/** The code of an error of `fetch`: a timeout of its signal, or the network error it wraps as `cause`. */
export function fetchErrorCode(error: unknown): NoticeChannelErrorCode {
  const { name, cause } = errorFields(error);
  if (name === 'TimeoutError') return 'webhook_timeout';
  switch (networkFailure(errorFields(cause).code)) {
    case 'timeout':
      return 'webhook_timeout';
    case 'tls':
      return 'webhook_tls_error';
    case 'unreachable':
      return 'webhook_unreachable';
    default:
      return 'webhook_error';
  }
}
