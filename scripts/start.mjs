// `npm start`: build if needed, then run the API and the notifier together until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-if-needed.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const apps = ['api', 'notifier'].map((name) =>
  spawn(process.execPath, [join(root, 'dist', 'apps', name, 'src', 'main.js')], { stdio: 'inherit', env: process.env }),
);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const app of apps) if (app.exitCode === null) app.kill('SIGTERM');
}

for (const app of apps) app.on('exit', (code, signal) => stop(code ?? (signal ? 1 : 0)));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
