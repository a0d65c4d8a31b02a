export * from './app-config';
export * from './config-error';
export * from './embedded-secret';
export * from './load-config';
export * from './trust-proxy';
