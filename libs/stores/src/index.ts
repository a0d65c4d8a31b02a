export * from './sqlite/sqlite-event-store';
export * from './memory/in-memory-token-read-model';
export * from './projection/projection-runner';
