import { z } from 'zod';
import { cameraMappingSchema } from './cameraMapping';
import { mappingSchema } from './mapping';

/**
 * The mapping file's JSON Schema, written from the same schema the hub checks with, so that an
 * editor's completion and the hub never disagree (`npm run import:schema` writes it; a test
 * fails when the shipped copy is stale).
 */
export function mappingJsonSchema(): string {
  const schema = z.toJSONSchema(mappingSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'CityWall import mapping' }, null, 2)}\n`;
}

/** The camera mapping's JSON Schema (`assets/mappings/camera-mapping.schema.json`). */
export function cameraMappingJsonSchema(): string {
  const schema = z.toJSONSchema(cameraMappingSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'CityWall camera mapping' }, null, 2)}\n`;
}
