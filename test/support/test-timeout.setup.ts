import { OUTCOME_DEADLINE_MS } from './outcome-deadline';

// Tests against real servers wait for outcomes up to OUTCOME_DEADLINE_MS, some of them several
// times: jest's 5 s default must never decide first. It only stops a test that hangs.
jest.setTimeout(4 * OUTCOME_DEADLINE_MS);
