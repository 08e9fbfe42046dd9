import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  cameraMappingJsonSchema,
  mappingJsonSchema,
} from '../../electron/hub/import/mappingJsonSchema';

/** `npm run import:schema`: writes the mappings' JSON Schemas from the hub's own schemas. */
const dir = resolve(import.meta.dirname, '../../assets/mappings');
for (const [name, text] of [
  ['mapping.schema.json', mappingJsonSchema()],
  ['camera-mapping.schema.json', cameraMappingJsonSchema()],
] as const) {
  await writeFile(resolve(dir, name), text);
  console.log(`wrote ${resolve(dir, name)}`);
}
