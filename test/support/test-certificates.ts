import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificateAuthority {
  /** PEM file of the CA certificate: what a client gets as `tlsCAFile`. */
  certificateFile: string;
  keyFile: string;
}

export interface TestServerCertificate {
  certificateChain: Buffer;
  privateKey: Buffer;
}

export interface SubjectAltNames {
  dnsNames?: string[];
  ipAddresses?: string[];
}

/**
 * A CA made with `openssl` for one test run, in `dir`, named `name` (files `<name>.crt`, `<name>.key`).
 * RSA 2048 keys, as `es-gencert-cli` makes for EventStoreDB.
 */
export function createTestCertificateAuthority(dir: string, name: string): TestCertificateAuthority {
  const certificateFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name} test CA`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout',
    keyFile,
    '-out',
    certificateFile,
  ]);
  return { certificateFile, keyFile };
}

/** A server certificate signed by `ca` for the given names, as `es-gencert-cli create-node` makes one. */
export function issueTestServerCertificate(
  ca: TestCertificateAuthority,
  dir: string,
  name: string,
  altNames: SubjectAltNames,
): TestServerCertificate {
  const keyFile = join(dir, `${name}.key`);
  const requestFile = join(dir, `${name}.csr`);
  const certificateFile = join(dir, `${name}.crt`);
  const extensionsFile = join(dir, `${name}.ext`);
  const sans = [
    ...(altNames.dnsNames ?? []).map((dns) => `DNS:${dns}`),
    ...(altNames.ipAddresses ?? []).map((ip) => `IP:${ip}`),
  ];
  writeFileSync(
    extensionsFile,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      `subjectAltName=${sans.join(',')}`,
    ].join('\n'),
  );
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=eventstoredb-node',
    '-keyout',
    keyFile,
    '-out',
    requestFile,
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    requestFile,
    '-CA',
    ca.certificateFile,
    '-CAkey',
    ca.keyFile,
    '-set_serial',
    `0x${randomBytes(8).toString('hex')}`,
    '-days',
    '2',
    '-extfile',
    extensionsFile,
    '-out',
    certificateFile,
  ]);
  return { certificateChain: readFileSync(certificateFile), privateKey: readFileSync(keyFile) };
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
