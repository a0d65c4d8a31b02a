import { TOKEN_STATUSES, UNRESTRICTED_SCOPE, type TokenStatus, type TokenView } from '@pat/domain';
import { Schema } from 'mongoose';

/** One token of the read model, as stored: `_id` is the token id. */
export interface TokenViewDocument {
  _id: string;
  userId: string;
  ownerEmail: string | null;
  name: string;
  tokenHint: string;
  tokenDigest: string;
  createdAt: Date;
  expiresAt: Date | null;
  /** Absent from documents projected before scopes existed: those tokens carry every scope. */
  scopes?: string[];
  /** Absent from documents projected before rate limits (then no limit). */
  maxRequestsPerSecond?: number | null;
  status: TokenStatus;
  revokedAt: Date | null;
  revokedBy: string | null;
  /** Absent from documents projected before suspension existed (then never suspended). */
  suspendedAt?: Date | null;
  suspendedBy?: string | null;
  expiredAt: Date | null;
  /** Absent from documents projected before lifetime policies (then not expired by one). */
  expiredByPolicy?: boolean;
  /** Absent from documents projected before rotation existed (then never rotated). */
  successorId?: string | null;
  rotatedAt?: Date | null;
  graceUntil?: Date | null;
  predecessorId?: string | null;
  revision: number;
}

const nullableString = { type: String, default: null };
const nullableDate = { type: Date, default: null };

export const tokenViewSchema = new Schema<TokenViewDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    ownerEmail: nullableString,
    name: { type: String, required: true },
    tokenHint: { type: String, required: true },
    tokenDigest: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: nullableDate,
    scopes: { type: [String], default: undefined },
    maxRequestsPerSecond: { type: Number, default: null },
    status: { type: String, enum: TOKEN_STATUSES, required: true },
    revokedAt: nullableDate,
    revokedBy: nullableString,
    suspendedAt: nullableDate,
    suspendedBy: nullableString,
    expiredAt: nullableDate,
    expiredByPolicy: { type: Boolean, default: false },
    successorId: nullableString,
    rotatedAt: nullableDate,
    graceUntil: nullableDate,
    predecessorId: nullableString,
    revision: { type: Number, required: true },
  },
  { versionKey: false, strict: 'throw', strictQuery: 'throw', autoIndex: false, autoCreate: false },
);

/** The auth path looks a token up by digest. */
tokenViewSchema.index({ tokenDigest: 1 }, { unique: true, name: 'tokenDigest_unique' });
/** A user's tokens, newest first. */
tokenViewSchema.index({ userId: 1, createdAt: -1 }, { name: 'userId_createdAt' });
/** Live tokens past their expiry, soonest first; also serves listing by status. */
tokenViewSchema.index({ status: 1, expiresAt: 1 }, { name: 'status_expiresAt' });

export function toTokenViewDocument(view: TokenView): TokenViewDocument {
  const { id, scopes, ...rest } = view;
  return { _id: id, scopes: [...scopes], ...rest };
}

export function toTokenView(document: TokenViewDocument): TokenView {
  return {
    id: document._id,
    userId: document.userId,
    ownerEmail: document.ownerEmail ?? null,
    name: document.name,
    tokenHint: document.tokenHint,
    tokenDigest: document.tokenDigest,
    createdAt: document.createdAt,
    expiresAt: document.expiresAt ?? null,
    scopes: document.scopes ?? [UNRESTRICTED_SCOPE],
    maxRequestsPerSecond: document.maxRequestsPerSecond ?? null,
    status: document.status,
    revokedAt: document.revokedAt ?? null,
    revokedBy: document.revokedBy ?? null,
    suspendedAt: document.suspendedAt ?? null,
    suspendedBy: document.suspendedBy ?? null,
    expiredAt: document.expiredAt ?? null,
    expiredByPolicy: document.expiredByPolicy ?? false,
    successorId: document.successorId ?? null,
    rotatedAt: document.rotatedAt ?? null,
    graceUntil: document.graceUntil ?? null,
    predecessorId: document.predecessorId ?? null,
    revision: document.revision,
  };
}
