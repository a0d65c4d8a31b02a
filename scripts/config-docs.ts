// `npm run config:docs` writes the configuration table of README.md and `.env.example` from
// the configuration schema (libs/config/src/config-schema.ts); a unit test checks they agree.
import { envExample, withConfigurationTable } from '@pat/config';
import { readFileSync, writeFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withConfigurationTable(readme));
writeFileSync('.env.example', envExample());
process.stdout.write('Wrote the configuration table of README.md and .env.example\n');
