import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pat/domain';
import { ApiProblem } from '../http/api-problem.exception';
import { isLogPosition } from './log-position';

/** Refuses an `after` query parameter that is not a position of the configured event store. */
@Injectable()
export class LogCursorPipe<T extends { after?: string }> implements PipeTransform<T, T> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  transform(query: T): T {
    if (query.after !== undefined && !isLogPosition(this.store, query.after)) {
      throw ApiProblem.validation([{ field: 'after', message: 'after must be a cursor from a previous page' }]);
    }
    return query;
  }
}
