import type { LogPosition } from '@pat/domain';
import { Schema } from 'mongoose';

/** How far one projection has applied the log: `_id` names the projection. */
export interface ProjectionCheckpointDocument {
  _id: string;
  /** Opaque, adapter-defined: kept as a string, never as a number. */
  position: LogPosition;
}

export const projectionCheckpointSchema = new Schema<ProjectionCheckpointDocument>(
  {
    _id: { type: String, required: true },
    position: { type: String, required: true },
  },
  { versionKey: false, strict: 'throw', strictQuery: 'throw', autoIndex: false, autoCreate: false },
);
