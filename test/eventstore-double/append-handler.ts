import { status, type handleClientStreamingCall, type StatusObject } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { BadRequestError } from './bad-request';
import type { AppendOutcome, EventLog, ExpectedState, ProposedEvent } from './event-log';
import { streamNameOf } from './read-request';

type ServerStatusResponse = Partial<StatusObject>;

/** Faults a test can ask for, consumed one append at a time. */
export interface AppendFaults {
  /** Appends still to be written and then answered with UNAVAILABLE, as when the answer is lost. */
  answersToDrop: number;
}

interface AppendCall {
  streamName: string;
  expected: ExpectedState;
  events: ProposedEvent[];
}

/** `Streams.Append`: the options first, then the proposed messages; one answer once the client is done. */
export function appendHandler(log: EventLog, faults: AppendFaults): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let failure: ServerStatusResponse | null = null;
    call.on('data', (request: AppendReq) => {
      if (failure !== null) return;
      try {
        if (request.hasOptions()) options = request.getOptions();
        const message = request.getProposedMessage();
        if (message !== undefined) events.push(proposedEvent(message));
      } catch (error) {
        failure = failureOf(error);
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (failure !== null) return callback(failure);
      let append: AppendCall;
      try {
        append = decodeAppend(options, events);
      } catch (error) {
        return callback(failureOf(error));
      }
      const outcome = log.append(append.streamName, append.events, append.expected);
      if (faults.answersToDrop > 0) {
        faults.answersToDrop--;
        return callback({ code: status.UNAVAILABLE, details: 'Answer dropped by the test server' });
      }
      callback(null, appendResponse(outcome, append.expected));
    });
  };
}

function decodeAppend(options: AppendReq.Options | undefined, events: ProposedEvent[]): AppendCall {
  if (options === undefined) throw new BadRequestError('An append needs options first');
  const identifier = options.getStreamIdentifier();
  if (identifier === undefined) throw new BadRequestError('An append needs a stream identifier');
  return { streamName: streamNameOf(identifier.getStreamName()), expected: expectedOf(options), events };
}

function expectedOf(options: AppendReq.Options): ExpectedState {
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function proposedEvent(message: AppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  const id = message.getId()?.getString();
  if (type === undefined || contentType === undefined) {
    throw new BadRequestError('An event needs a type and a content-type');
  }
  if (id === undefined || id === '') throw new BadRequestError('An event needs an id in string form');
  return {
    id: id.toLowerCase(),
    type,
    contentType: contentType === 'application/json' ? contentType : 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function appendResponse(outcome: AppendOutcome, expected: ExpectedState): AppendResp {
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === null) wrong.setCurrentNoStream(new Empty());
    else wrong.setCurrentRevision(outcome.currentRevision.toString());
    if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
    else wrong.setExpectedAny(new Empty());
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.currentRevision === null) success.setNoStream(new Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === null) success.setNoPosition(new Empty());
  else {
    success.setPosition(
      new AppendResp.Position()
        .setCommitPosition(outcome.position.commit.toString())
        .setPreparePosition(outcome.position.prepare.toString()),
    );
  }
  return new AppendResp().setSuccess(success);
}

/** EventStoreDB answers a malformed append with INVALID_ARGUMENT. */
function failureOf(error: unknown): ServerStatusResponse {
  const details = error instanceof Error ? error.message : String(error);
  return { code: error instanceof BadRequestError ? status.INVALID_ARGUMENT : status.INTERNAL, details };
}
