/** `npm run pack:compile -- <pack folder> <output folder>`: see compilePack. */
import { compilePack } from './compilePack';

const [packDir, outDir] = process.argv.slice(2);
if (!packDir || !outDir) {
  console.error('usage: npm run pack:compile -- <pack folder> <output folder>');
  process.exit(2);
}
const started = Date.now();
const { buildings, problems } = await compilePack(packDir, outDir);
for (const p of problems) console.warn(`refused: ${p}`);
console.log(
  `${buildings} buildings compiled to ${outDir}/buildings.bin in ${Date.now() - started} ms` +
    (problems.length ? ` (${problems.length} refused, listed above)` : ''),
);
