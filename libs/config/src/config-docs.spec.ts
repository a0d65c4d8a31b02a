import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationTable, documentedVariables, envExample, withConfigurationTable } from './config-docs';

const ROOT = join(__dirname, '..', '..', '..');
const readRoot = (file: string) => readFileSync(join(ROOT, file), 'utf8');

// When one of these fails, the schema changed: `npm run config:docs` writes both files anew.
describe('the configuration docs', () => {
  it("README.md's configuration table is made from the schema", () => {
    const readme = readRoot('README.md');
    expect(readme).toBe(withConfigurationTable(readme));
  });

  it('.env.example is made from the schema', () => {
    expect(readRoot('.env.example')).toBe(envExample());
  });

  it('lists every variable once, with a description', () => {
    const names = documentedVariables().map((variable) => variable.name);
    expect(new Set(names).size).toBe(names.length);
    for (const variable of documentedVariables()) expect(variable.doc.description.length).toBeGreaterThan(10);
    expect(names).toEqual(expect.arrayContaining(['PORT', 'TOKEN_PEPPER', 'AUTH_JWKS_URL', 'NOTICE_THRESHOLDS_DAYS']));
  });

  it('shows defaults as the schema applies them, and secrets with their _FILE form', () => {
    const table = configurationTable();
    expect(table).toContain('| `PORT` | `3000` | API HTTP port |');
    expect(table).toContain('| `NOTICE_THRESHOLDS_DAYS` | `7,1` |');
    expect(table).toContain('| `TOKEN_PEPPER` (or `TOKEN_PEPPER_FILE`) | generated into `DATA_DIR` |');
    expect(table).toContain('| `MONGO_URL` | unset |');
    expect(envExample()).toMatch(/^PORT=3000$/m);
    expect(envExample()).toMatch(/^# MONGO_URL=mongodb:\/\//m);
    expect(envExample()).not.toMatch(/^(AUTH_JWT_SECRET|TOKEN_PEPPER|NOTIFY_WEBHOOK_SECRET)=./m);
  });
});
