import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventLog } from './eventLog';
import { lifecycleEvents, tempDir } from './testSupport';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const events = (n: number) => [...lifecycleEvents(n)];

describe('EventLog', () => {
  it('survives a restart and continues the sequence', async () => {
    const file = join(dir, 'events.jsonl');
    const first = await EventLog.open(file);
    first.log.append(events(10));
    await first.log.close();
    const second = await EventLog.open(file);
    expect(second.report).toMatchObject({ loaded: 10, badLines: 0, missing: 0, problems: [] });
    expect(second.log.id).toBe(first.log.id);
    expect(second.log.append(events(1))[0]?.seq).toBe(11);
    await second.log.close();
  });

  it('reads old ranges back from the file beyond the memory window', async () => {
    const file = join(dir, 'events.jsonl');
    const { log } = await EventLog.open(file, { windowSize: 10 });
    const written = log.append(events(100));
    await log.flush();
    expect(log.inMemoryRange(5, 100)).toBeUndefined();
    expect(await log.range(5, 20)).toEqual(written.slice(4, 20));
    expect(await log.range(95, 200)).toEqual(written.slice(94));
    await log.close();
  });

  it('keeps the valid part of a torn and corrupt file and sets the original aside', async () => {
    const file = join(dir, 'events.jsonl');
    const first = await EventLog.open(file);
    const written = first.log.append(events(6));
    await first.log.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[2] = '{"v":1,"seq":3,"ts":'; // a corrupt line in the middle
    lines.splice(4, 0, JSON.stringify({ ...written[0] })); // a line that goes back in seq
    const damaged = lines.join('\n').replace(/\n$/, '') + '\n{"v":1,"seq":7,"ts":1,"ty'; // torn tail
    await writeFile(file, damaged);

    const second = await EventLog.open(file);
    expect(second.report.loaded).toBe(5);
    expect(second.report.badLines).toBe(3);
    expect(second.entries.map((e) => e.seq)).toEqual([1, 2, 4, 5, 6]);
    expect(await readFile(second.report.setAside as string, 'utf8')).toBe(damaged);
    expect((await readdir(dir)).filter((f) => f.includes('damaged'))).toHaveLength(1);
    second.log.append(events(1));
    await second.log.close();
    const third = await EventLog.open(file);
    expect(third.report).toMatchObject({ loaded: 6, badLines: 0 });
    expect(third.entries.at(-1)?.seq).toBe(7);
    await third.log.close();
  });

  it('treats a last line without its newline as complete when it parses', async () => {
    const file = join(dir, 'events.jsonl');
    const first = await EventLog.open(file);
    const [one] = first.log.append(events(1));
    await first.log.close();
    await writeFile(file, JSON.stringify(one));
    const second = await EventLog.open(file);
    second.log.append(events(2).slice(1));
    await second.log.close();
    await appendFile(file, '');
    const third = await EventLog.open(file);
    expect(third.report).toMatchObject({ loaded: 2, badLines: 0 });
    await third.log.close();
  });

  it('opens an empty or missing file as an empty log', async () => {
    const file = join(dir, 'sub', 'events.jsonl');
    const { log, report } = await EventLog.open(file);
    expect(report.loaded).toBe(0);
    expect(log.headSeq).toBe(0);
    expect(await log.range(1, 10)).toEqual([]);
    await log.close();
  });
});
