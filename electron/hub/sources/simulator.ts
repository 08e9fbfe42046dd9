import { linkedCameras, type LinkableCamera } from '../../../shared/video/linkage';
import { CATEGORIES, findCategory } from '../../../shared/domain/categories';
import type { CaseRecord } from '../../../shared/domain/caseStore';
import { DEFAULT_DEADLINES, deadlineMs } from '../../../shared/domain/deadlines';
import { TERMINAL_STATES, type CaseState } from '../../../shared/domain/lifecycle';
import { MinHeap } from '../../../shared/domain/minHeap';
import type { CaseSource, WallEvent } from '../../../shared/protocol/events';
import { DEMO_CITY, DEMO_DEPARTMENTS, gridOf, randomPosition } from './demoCity';
import { Random } from '../../../shared/random';

/** What the simulator needs of a hub: somewhere to publish, and the cases it already holds. */
export interface EventSink {
  publish(items: readonly WallEvent[]): unknown;
  readonly store: {
    allCases(): Iterable<CaseRecord>;
    readonly size: number;
    cameraOnline(id: string): boolean;
  };
}

export interface SimulatorOptions {
  readonly seed?: number;
  /** New cases per minute, on average (a Guangdong district sees a few hundred a day). */
  readonly casesPerMinute?: number;
  /** Divides every duration: 1 is real time, 60 turns hours into minutes. */
  readonly speed?: number;
  /** Hours of history generated on a first start, so the wall opens on a working day. */
  readonly historyHours?: number;
  readonly now?: () => number;
  /**
   * The demo's cameras: a case a camera reported, and an emergency's alarm, name the camera
   * that sees the spot (so the video wall can hold on it), and now and then a camera drops out
   * for a few minutes, as real ones do.
   */
  readonly cameras?: readonly LinkableCamera[];
}

const MINUTE = 60_000;

const SOURCES: readonly (readonly [CaseSource, number])[] = [
  ['inspector', 40],
  ['grid-worker', 25],
  ['camera', 15],
  ['hotline', 12],
  ['iot', 4],
  ['drone', 2],
  ['media', 2],
];

/** How often each class turns up in a Guangdong city's case mix (street order and litter lead). */
const CLASS_WEIGHT: Readonly<Record<string, number>> = {
  'event/street-order': 30,
  'event/appearance': 25,
  'event/advertising': 10,
  'event/construction': 8,
  'event/emergency': 3,
  'event/other': 2,
  'component/utilities': 8,
  'component/traffic': 6,
  'component/appearance': 4,
  'component/greenery': 3,
  'component/buildings': 1,
  'component/other': 1,
};

const WEIGHTED_CATEGORIES = CATEGORIES.map((c) => [c.id, CLASS_WEIGHT[c.classId] ?? 1] as const);

interface Step {
  readonly at: number;
  readonly event: WallEvent;
}

/**
 * The demo city's case stream: cases arrive at random, and each walks the real lifecycle with
 * durations drawn around realistic medians (intake minutes, handling a share of the deadline),
 * so some run overdue, some are reworked, some voided, some extended or put on hold.
 */
export class DemoSimulator {
  private readonly random: Random;
  private readonly queue = new MinHeap<Step>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private nextArrival = 0;
  private serial: number;
  private readonly speed: number;
  private readonly now: () => number;
  private alarmSerial = 0;
  /** Outages draw from their own stream so the case stream stays the same for a seed. */
  private readonly outages: Random;
  private nextOutage = Infinity;

  constructor(
    private readonly sink: EventSink,
    private readonly options: SimulatorOptions = {},
  ) {
    this.random = new Random(options.seed ?? 20_261_123);
    this.speed = options.speed ?? 1;
    this.now = options.now ?? Date.now;
    this.serial = sink.store.size;
    this.outages = new Random((options.seed ?? 20_261_123) + 7);
  }

  /** Seeds history on an empty hub, or picks up the open cases of a restarted one, then runs. */
  start(tickMs = 250): void {
    const now = this.now();
    this.nextArrival = now + this.arrivalGap();
    if (this.sink.store.size === 0) this.seedHistory(now);
    else this.resume(now);
    if (this.options.cameras?.length) this.nextOutage = now + this.outageGap();
    this.timer = setInterval(() => this.step(this.now()), tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * History made fast: the city's cases from `from` on, as they would have come, published
   * through the sink (the hub's validation and log) `stepMs` of simulated time at a time, until
   * `to` or until `between` (run after each step: let the log write, report progress) says stop.
   * Cases still open at the end keep their later steps here; a live simulator resumes them.
   */
  async seedRange(
    from: number,
    to: number,
    between: (t: number) => Promise<boolean>,
    stepMs = 3_600_000,
  ): Promise<number> {
    this.nextArrival = from + this.arrivalGap();
    let t = from;
    while (t < to) {
      t = Math.min(to, t + stepMs);
      this.step(t);
      if (!(await between(t))) break;
    }
    return t;
  }

  /** Publishes everything due by `now` (exposed so tests can drive time). */
  step(now: number): void {
    while (this.nextArrival <= now) {
      this.planCase(this.nextArrival);
      this.nextArrival += this.arrivalGap();
    }
    if (now >= this.nextOutage) this.planOutage(now);
    const due: WallEvent[] = [];
    while ((this.queue.peekKey() ?? Infinity) <= now) due.push((this.queue.pop() as Step).event);
    if (due.length > 0) this.sink.publish(due);
  }

  private seedHistory(now: number): void {
    const hours = this.options.historyHours ?? 6;
    let t = now - hours * 60 * MINUTE;
    while (t < now) {
      this.planCase(t);
      t += this.arrivalGap();
    }
    this.step(now);
  }

  private resume(now: number): void {
    for (const record of this.sink.store.allCases()) {
      if (TERMINAL_STATES.has(record.state)) continue;
      this.planFrom(
        record.state,
        record.id,
        record.category,
        record.urgent,
        now + (this.random.between(0, 10) * MINUTE) / this.speed,
      );
    }
  }

  /** About every 20 minutes (at speed 1) one camera goes dark for 2 to 8 minutes. */
  private outageGap(): number {
    return (this.outages.between(10, 30) * MINUTE) / this.speed;
  }

  private planOutage(now: number): void {
    this.nextOutage = now + this.outageGap();
    const cameras = this.options.cameras ?? [];
    const camera = cameras[Math.floor(this.outages.next() * cameras.length)];
    if (!camera || !this.sink.store.cameraOnline(camera.id)) return;
    const back = now + (this.outages.between(2, 8) * MINUTE) / this.speed;
    this.push(now, {
      type: 'camera.status',
      payload: { cameraId: camera.id, at: now, online: false },
    });
    this.push(back, {
      type: 'camera.status',
      payload: { cameraId: camera.id, at: back, online: true },
    });
  }

  /** The camera that watches a spot, if one stands within 400 m. */
  private cameraAt(position: { lon: number; lat: number }): string | undefined {
    return linkedCameras(this.options.cameras ?? [], [position.lon, position.lat], {
      count: 1,
      maxMetres: 400,
    })[0]?.id;
  }

  private arrivalGap(): number {
    const perMinute = this.options.casesPerMinute ?? 2;
    return (-Math.log(Math.max(1e-9, this.random.next())) / perMinute) * MINUTE;
  }

  private minutes(median: number, spread = 0.6): number {
    return (this.random.logNormal(median, spread) * MINUTE) / this.speed;
  }

  private planCase(at: number): void {
    this.serial += 1;
    const caseId = `${DEMO_CITY.id}${new Date(at).toISOString().slice(0, 10).replace(/-/g, '')}${String(this.serial).padStart(5, '0')}`;
    const category = this.random.weighted(WEIGHTED_CATEGORIES);
    const classId = findCategory(category)?.classId ?? '';
    const urgent = this.random.chance(classId === 'event/emergency' ? 0.6 : 0.08);
    const position = randomPosition(this.random);
    const { street, grid } = gridOf(position);
    const source = this.random.weighted(SOURCES);
    const seenBy = this.cameraAt(position);
    this.push(at, {
      type: 'case.reported',
      payload: {
        caseId,
        at,
        category,
        urgent,
        position,
        source,
        district: '端州区',
        street,
        grid,
        address: `${street}${this.random.pick(['江滨路', '天宁路', '端州路', '建设路', '星湖大道', '宋城路', '康乐路', '信安大道'])}${this.random.int(1, 300)}号附近`,
      },
    });
    if (classId === 'event/emergency') {
      this.alarmSerial += 1;
      const alarmId = `${caseId}-A${this.alarmSerial}`;
      const raisedAt = at + MINUTE / this.speed;
      this.push(raisedAt, {
        type: 'alarm.raised',
        payload: {
          alarmId,
          at: raisedAt,
          level: urgent ? 2 : 3,
          kind: category,
          message: findCategory(category)?.zh ?? category,
          position,
          caseId,
          ...(seenBy ? { cameraId: seenBy } : {}),
        },
      });
      const ackAt = raisedAt + this.minutes(3);
      this.push(ackAt, {
        type: 'alarm.acknowledged',
        payload: { alarmId, at: ackAt, by: '值班员' },
      });
    } else if (source === 'camera' && seenBy) {
      // An AI video finding: the wall's video tiles hold on that camera until someone looks.
      this.alarmSerial += 1;
      const alarmId = `${caseId}-A${this.alarmSerial}`;
      const ackAt = at + (2 * MINUTE) / this.speed;
      this.push(at, {
        type: 'alarm.raised',
        payload: {
          alarmId,
          at,
          level: 4,
          kind: 'ai-video',
          message: `AI识别：${findCategory(category)?.zh ?? category}`,
          position,
          caseId,
          cameraId: seenBy,
        },
      });
      this.push(ackAt, {
        type: 'alarm.acknowledged',
        payload: { alarmId, at: ackAt, by: '值班员' },
      });
    }
    this.planFrom('reported', caseId, category, urgent, at);
  }

  /** Plans the rest of a case's life from `state`, starting at `t`. */
  private planFrom(
    state: CaseState,
    caseId: string,
    category: string,
    urgent: boolean,
    t: number,
  ): void {
    const r = this.random;
    const deadline = deadlineMs(DEFAULT_DEADLINES, category, urgent) / this.speed;
    const ev = (type: WallEvent['type'], extra: Record<string, unknown> = {}): WallEvent =>
      ({ type, payload: { caseId, at: 0, ...extra } }) as WallEvent;
    const stage = STAGE[state];
    if (stage === STAGE.reported) {
      t += this.minutes(urgent ? 2 : 6);
      if (r.chance(0.08)) {
        this.push(
          t,
          ev('case.voided', { reason: r.pick(['重复上报', '不属于城管范围', '现场核实无此问题']) }),
        );
        return;
      }
      this.push(t, ev('case.registered'));
    }
    if (stage <= STAGE.registered) {
      t += this.minutes(urgent ? 3 : 10);
      this.push(t, ev('case.dispatched', { department: r.pick(DEMO_DEPARTMENTS) }));
    }
    if (stage <= STAGE.dispatched) {
      const dispatchedAt = t;
      t += this.minutes(urgent ? 3 : 8);
      this.push(t, ev('case.accepted'));
      const acceptedAt = t;
      // Handling takes about half the deadline; the long tail is what runs overdue.
      const handling = deadline * 0.45 * Math.exp(0.75 * gaussian(r));
      if (r.chance(0.04)) {
        t += deadline * 0.3;
        this.push(t, ev('case.suspended', { reason: '需协调多部门' }));
        t += this.minutes(90);
        this.push(t, ev('case.resumed'));
      } else if (handling > deadline * 0.9 && r.chance(0.4)) {
        const extendAt = Math.max(acceptedAt + MINUTE / this.speed, dispatchedAt + deadline * 0.8);
        this.push(
          extendAt,
          ev('case.extended', {
            hours: Math.max(1, Math.round((deadline * this.speed) / 3_600_000)),
          }),
        );
        t = extendAt;
      }
      t = Math.max(t + MINUTE / this.speed, dispatchedAt + handling);
      this.push(t, ev('case.handled'));
    } else if (state === 'suspended') {
      t += this.minutes(30);
      this.push(t, ev('case.resumed'));
      t += deadline * 0.3;
      this.push(t, ev('case.handled'));
    } else if (stage === STAGE.handling) {
      t += deadline * r.between(0.1, 0.6);
      this.push(t, ev('case.handled'));
    }
    if (state === 'voided' || state === 'closed') return;
    if (stage < STAGE.verified) {
      t += this.minutes(25);
      if (r.chance(0.1)) {
        this.push(t, ev('case.reworked', { reason: '核查未通过' }));
        this.planFrom('reworked', caseId, category, urgent, t);
        return;
      }
      this.push(t, ev('case.verified'));
    }
    t += this.minutes(15);
    this.push(t, ev('case.closed'));
  }

  private push(at: number, event: WallEvent): void {
    (event.payload as { at: number }).at = Math.round(at);
    this.queue.push(at, { at, event });
  }
}

/** How far along the lifecycle a state is, to plan the rest of a case from it. */
const STAGE: Readonly<Record<CaseState, number>> = {
  reported: 0,
  registered: 1,
  reworked: 1,
  dispatched: 2,
  handling: 3,
  extended: 3,
  suspended: 3,
  handled: 4,
  verified: 5,
  voided: 6,
  closed: 6,
};

function gaussian(r: Random): number {
  return Math.log(r.logNormal(1, 1));
}
