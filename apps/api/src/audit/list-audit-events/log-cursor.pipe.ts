import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pat/domain';
import { ApiProblem } from '../../http/api-problem.exception';

/** Refuses an `after` that is not a position of the configured event store (each store has its own shape). */
@Injectable()
export class LogCursorPipe<T extends { after?: string }> implements PipeTransform<T, T> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  transform(query: T): T {
    if (query.after !== undefined && !this.isPosition(query.after)) {
      throw ApiProblem.validation([{ field: 'after', message: 'after must be a cursor from a previous page' }]);
    }
    return query;
  }

  private isPosition(candidate: string): boolean {
    try {
      return this.store.comparePositions(candidate, candidate) === 0;
    } catch {
      return false;
    }
  }
}
