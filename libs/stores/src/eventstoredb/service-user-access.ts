import {
  BACKWARDS,
  END,
  jsonEvent,
  StreamNotFoundError,
  type EventStoreDBClient,
  type StreamACL,
} from '@eventstore/db-client';
import { isDeepStrictEqual } from 'node:util';

const ADMINS = '$admins';
const SETTINGS_STREAM = '$settings';
/** The event type of EventStoreDB's own sample for a new default ACL; the server reads any type. */
const SETTINGS_EVENT_TYPE = 'update-default-acl';

/**
 * What the service's user may do, and nothing more: read `$all` (by default admins only; the
 * API and the notifier follow it), and read and write the streams without an ACL of their own
 * (the `pat-` streams), which no one else but admins may then touch. Deleting streams and
 * changing metadata stay with admins, who pass every check anyway.
 */
export function serviceUserAcls(user: string): { all: StreamACL; settings: Record<string, unknown> } {
  return {
    all: { readRoles: [user] },
    settings: {
      $userStreamAcl: { $r: [user], $w: [user], $d: ADMINS, $mr: ADMINS, $mw: ADMINS },
      $systemStreamAcl: { $r: ADMINS, $w: ADMINS, $d: ADMINS, $mr: ADMINS, $mw: ADMINS },
    },
  };
}

/** Writes the ACLs of `serviceUserAcls` where they differ, as admin; returns what it changed. */
export async function grantServiceUserAccess(admin: EventStoreDBClient, user: string): Promise<string[]> {
  const wanted = serviceUserAcls(user);
  const changed: string[] = [];
  const all = await admin.getStreamMetadata('$all');
  if (!isDeepStrictEqual(all.metadata?.acl, wanted.all)) {
    await admin.setStreamMetadata('$all', { ...all.metadata, acl: wanted.all });
    changed.push(`$all: read by ${user} only (and admins)`);
  }
  if (!isDeepStrictEqual(await lastEventData(admin, SETTINGS_STREAM), wanted.settings)) {
    await admin.appendToStream(SETTINGS_STREAM, jsonEvent({ type: SETTINGS_EVENT_TYPE, data: wanted.settings }));
    changed.push(`$settings: user streams read and written by ${user} only (and admins)`);
  }
  return changed;
}

async function lastEventData(client: EventStoreDBClient, stream: string): Promise<unknown> {
  try {
    for await (const resolved of client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      return resolved.event?.data;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return undefined;
}
