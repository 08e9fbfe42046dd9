import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { mappingJsonSchema } from '../../electron/hub/import/mappingJsonSchema';

/** `npm run import:schema`: writes assets/mappings/mapping.schema.json from the hub's schema. */
const file = resolve(import.meta.dirname, '../../assets/mappings/mapping.schema.json');
await writeFile(file, mappingJsonSchema());
console.log(`wrote ${file}`);
