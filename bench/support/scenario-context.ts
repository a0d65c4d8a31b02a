import type { FerretDbServer } from '../../test/support/ferretdb';
import type { ResultRow } from './results';
import type { BenchSizes } from './sizes';

export interface ScenarioContext {
  sizes: BenchSizes;
  mongo: FerretDbServer;
  log: (line: string) => void;
}

export type Scenario = (context: ScenarioContext) => Promise<ResultRow[]>;
