/**
 * `npm run bench:layout`: how long the planner takes for 16 displays × 4 regions, and for a
 * hot-plug replan (plan + difference against the windows open). Printed, never asserted.
 */
import { performance } from 'node:perf_hooks';
import { DUTY } from '../../shared/layout/builtinProfiles';
import { diffPlans, type DisplayInfo } from '../../shared/layout/displays';
import { planWall } from '../../shared/layout/planWall';
import type { Profile, Region } from '../../shared/layout/profile';
import { display, wallOf } from '../../shared/layout/testDisplays';

const RUNS = Number(process.env.BENCH_RUNS ?? 5_000);

/** Four regions, each a 2×2 block of the 4×4 wall, and one per quarter of the operator screen. */
const quadrant = (id: string, x: number, y: number, view: Region['view']): Region => ({
  id,
  view,
  target: { kind: 'wall', rect: { x, y, w: 0.5, h: 0.5 } },
});
const profile: Profile = {
  version: 1,
  id: 'bench',
  name: { zh: '基准', en: 'Bench' },
  bezel: { x: 6, y: 6 },
  regions: [
    quadrant('map', 0, 0, 'map'),
    quadrant('video', 0.5, 0, 'video'),
    quadrant('cases', 0, 0.5, 'cases'),
    quadrant('kpi', 0.5, 0.5, 'kpi'),
  ],
};

function time(label: string, run: () => unknown): void {
  const samples: number[] = [];
  for (let i = 0; i < 200; i += 1) run(); // warm up
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    run();
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    (samples[Math.floor((p / 100) * (samples.length - 1))] as number).toFixed(1);
  console.log(
    `| ${label} | ${at(50)} | ${at(99)} | ${(samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(1)} |`,
  );
}

const sixteen: DisplayInfo[] = wallOf(4, 4);
const withOperator = [...sixteen, display('op', 0, 4320, 2560, 1440, { primary: true })];
const before = planWall(sixteen, profile);
const open = new Map(before.windows.map((w) => [w.key, w]));
const unplugged = sixteen.filter((d) => d.id !== 'w11');

console.log(
  `Planner benchmark, ${RUNS} runs each, Node ${process.version}; ${before.windows.length} windows for 16 displays × 4 regions\n`,
);
console.log('| case | p50 µs | p99 µs | mean µs |\n|---|---:|---:|---:|');
time('plan 16 displays × 4 regions', () => planWall(sixteen, profile));
time('plan 16 displays + operator, built-in duty profile', () => planWall(withOperator, DUTY));
time('hot-plug: replan without one panel + diff', () =>
  diffPlans(open, planWall(unplugged, profile).windows),
);
time('hot-plug: panel returns, replan + diff', () =>
  diffPlans(
    new Map(planWall(unplugged, profile).windows.map((w) => [w.key, w])),
    planWall(sixteen, profile).windows,
  ),
);
