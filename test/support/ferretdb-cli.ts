// FerretDB for this repository, outside jest:
//   node test/support/run-ts.js test/support/ferretdb-cli.ts ensure   builds the binary once (CI, before npm test)
//   node test/support/run-ts.js test/support/ferretdb-cli.ts start [port]   runs one in the foreground until Ctrl-C
import { ensureFerretDbBinary, FerretDbServer } from './ferretdb';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(command: string | undefined, port: string | undefined): Promise<void> {
  if (command === 'ensure') {
    process.stdout.write(`${await ensureFerretDbBinary(log)}\n`);
    return;
  }
  if (command === 'start') {
    const binary = await ensureFerretDbBinary(log);
    const server = await FerretDbServer.start({ binary, port: port === undefined ? undefined : Number(port) });
    process.stdout.write(`FerretDB listening: MONGO_URL=${server.url('pat')}\n`);
    const stop = (): void => {
      void server.dispose().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('exit', () => server.killNow());
    return;
  }
  log('usage: node test/support/run-ts.js test/support/ferretdb-cli.ts ensure|start [port]');
  process.exitCode = 2;
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
