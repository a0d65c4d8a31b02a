import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDataDir } from './temp-dir';

const ROOT = join(__dirname, '..', '..');
const GUARD = join(ROOT, 'libs', 'nest-guard');
const EXAMPLE = join(ROOT, 'examples', 'consumer-api');
const run = promisify(execFile);

export interface PackedConsumer {
  /** The project outside the monorepo the example was installed into. */
  dir: string;
  /** The example's built entry point there. */
  main: string;
  /** What `npm pack` put into the package's tarball. */
  packedFiles: string[];
  remove(): void;
}

/**
 * The guard package as a user gets it: built, packed with `npm pack`, and installed from the
 * tarball into a fresh project in the temp folder with the example's own dependencies (the
 * package's peers and the example's framework), then the example compiled there.
 */
export async function installPackedConsumer(): Promise<PackedConsumer> {
  const project = tempDataDir('pat-consumer');
  await run(process.execPath, [
    join(ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(GUARD, 'tsconfig.package.json'),
  ]);
  const packed = await run('npm', ['pack', '--json', '--pack-destination', project.path], { cwd: GUARD });
  const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  const manifest = JSON.parse(readFileSync(join(EXAMPLE, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  manifest.dependencies['@pat/nest-guard'] = `file:./${tarball.filename}`;
  writeFileSync(join(project.path, 'package.json'), JSON.stringify(manifest, null, 2));
  cpSync(join(EXAMPLE, 'tsconfig.json'), join(project.path, 'tsconfig.json'));
  cpSync(join(EXAMPLE, 'src'), join(project.path, 'src'), { recursive: true });
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--package-lock=false', '--loglevel=error'],
    {
      cwd: project.path,
      timeout: 240_000,
    },
  );
  await run(process.execPath, [join(project.path, 'node_modules/typescript/bin/tsc'), '-p', project.path]);
  const main = join(project.path, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`The example did not build into ${main}`);
  return { dir: project.path, main, packedFiles: tarball.files.map((file) => file.path), remove: project.remove };
}
