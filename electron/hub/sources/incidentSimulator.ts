import { distanceMetres } from '../../../shared/geo/distance';
import type { Resource } from '../../../shared/geo/resources';
import type { IncidentLevel, IncidentType } from '../../../shared/domain/incidentKinds';
import { MinHeap } from '../../../shared/domain/minHeap';
import { RESPONSE_PLANS } from '../../../shared/domain/responsePlans';
import type { Position, WallEvent } from '../../../shared/protocol/events';
import { linkedCameras, type LinkableCamera } from '../../../shared/video/linkage';
import { Random } from '../../../shared/random';
import { gridOf, randomPosition } from './demoCity';
import type { IncidentSite } from './demoResources';

/** What the incident simulator needs of a hub. */
export interface IncidentSink {
  publish(items: readonly WallEvent[]): unknown;
  readonly store: { readonly incidents: { open(): readonly { readonly id: string }[] } };
}

export interface IncidentSimulatorOptions {
  readonly seed?: number;
  /** Divides every duration, as the case simulator's. */
  readonly speed?: number;
  readonly now?: () => number;
  /** Tall buildings a fire can break out in; gas leaks take any of them too. */
  readonly sites: readonly IncidentSite[];
  /** Where units start from (teams and vehicles). */
  readonly resources: readonly Resource[];
  readonly cameras?: readonly LinkableCamera[];
  /** Minutes from start to the first incident, at speed 1 (default 1: a demo shows one soon). */
  readonly firstAfterMinutes?: number;
}

const MINUTE = 60_000;

interface Scenario {
  readonly type: IncidentType;
  readonly title: string;
  readonly level: IncidentLevel;
  readonly radiusMetres: number;
  readonly position: Position;
  readonly address: string;
  readonly buildingId?: string;
  readonly floor?: number;
  readonly description: string;
  readonly units: number;
}

/**
 * The demo's emergencies: now and then a fire in a tall building, a gas leak at a building's
 * basement or a street waterlogged after rain. Each is declared, walks its preset plan step by
 * step, may be escalated, reports casualties, has units drive to it from the nearest stations,
 * raises an alarm on the camera that sees it, and closes. Its own random stream, so the case
 * stream of a seed stays the same.
 */
export class IncidentSimulator {
  private readonly random: Random;
  private readonly queue = new MinHeap<WallEvent>();
  private readonly speed: number;
  private readonly now: () => number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private nextIncident = Infinity;
  private serial = 0;

  constructor(
    private readonly sink: IncidentSink,
    private readonly options: IncidentSimulatorOptions,
  ) {
    this.random = new Random((options.seed ?? 20_261_123) + 13);
    this.speed = options.speed ?? 1;
    this.now = options.now ?? Date.now;
  }

  start(tickMs = 250): void {
    const now = this.now();
    // Incidents a restarted hub still holds open had their plan in the stopped process: end them.
    for (const open of this.sink.store.incidents.open())
      this.push(now + MINUTE / this.speed, {
        type: 'incident.closed',
        payload: { incidentId: open.id, at: 0, reason: '演示重启，事件结束' },
      });
    this.nextIncident = now + ((this.options.firstAfterMinutes ?? 1) * MINUTE) / this.speed;
    this.timer = setInterval(() => this.step(this.now()), tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Publishes everything due by `now` (exposed so tests can drive time). */
  step(now: number): void {
    if (now >= this.nextIncident) {
      if (this.sink.store.incidents.open().length < 2) this.plan(this.nextIncident);
      this.nextIncident += (this.random.between(30, 90) * MINUTE) / this.speed;
    }
    const due: WallEvent[] = [];
    while ((this.queue.peekKey() ?? Infinity) <= now) due.push(this.queue.pop() as WallEvent);
    if (due.length > 0) this.sink.publish(due);
  }

  private scenario(): Scenario {
    const r = this.random;
    const sites = this.options.sites;
    const kind =
      sites.length > 0
        ? r.weighted([
            ['fire', 5],
            ['gas-leak', 2],
            ['waterlogging', 3],
          ] as const)
        : 'waterlogging';
    if (kind === 'waterlogging') {
      const position = randomPosition(r);
      const { street } = gridOf(position);
      return {
        type: 'waterlogging',
        title: `${street}下穿通道积水`,
        level: 4,
        radiusMetres: 200,
        position,
        address: `${street}${r.pick(['江滨路', '端州路', '建设路', '信安大道'])}下穿通道`,
        description: '强降雨后低洼路段积水约60厘米，有车辆被困',
        units: 2,
      };
    }
    const site = r.pick(sites);
    if (kind === 'fire') {
      const floor = r.int(Math.max(1, Math.floor(site.floors / 3)), site.floors);
      return {
        type: 'fire',
        title: `${site.street}高层住宅火灾`,
        level: r.chance(0.3) ? 3 : 4,
        radiusMetres: 150,
        position: site.position,
        address: `${site.street}${r.pick(['星湖大道', '天宁路', '宋城路', '康乐路'])}${r.int(1, 200)}号`,
        buildingId: site.buildingId,
        floor,
        description: `${floor}层住户起火，浓烟向上层蔓延`,
        units: 3,
      };
    }
    return {
      type: 'gas-leak',
      title: `${site.street}燃气管道泄漏`,
      level: 4,
      radiusMetres: 300,
      position: site.position,
      address: `${site.street}${r.pick(['建设路', '端州路', '康乐路'])}${r.int(1, 200)}号地下车库`,
      buildingId: site.buildingId,
      floor: -1,
      description: '地下一层燃气管道泄漏，可燃气体浓度超标',
      units: 2,
    };
  }

  private plan(t: number): void {
    const r = this.random;
    const s = this.scenario();
    this.serial += 1;
    const incidentId = `YJ${new Date(t).toISOString().slice(0, 10).replace(/-/g, '')}${String(this.serial).padStart(3, '0')}-${Math.round(t / 1000) % 100_000}`;
    const minutes = (m: number) => (m * MINUTE) / this.speed;
    this.push(t, {
      type: 'incident.declared',
      payload: {
        incidentId,
        at: 0,
        type: s.type,
        level: s.level,
        title: s.title,
        position: s.position,
        address: s.address,
        radiusMetres: s.radiusMetres,
        description: s.description,
        ...(s.buildingId ? { buildingId: s.buildingId } : {}),
        ...(s.floor !== undefined ? { floor: s.floor } : {}),
      },
    });
    const camera = linkedCameras(this.options.cameras ?? [], [s.position.lon, s.position.lat], {
      count: 1,
      maxMetres: 600,
    })[0];
    const alarmId = `${incidentId}-A`;
    this.push(t, {
      type: 'alarm.raised',
      payload: {
        alarmId,
        at: 0,
        level: s.level === 3 ? 1 : 2,
        kind: s.type,
        message: s.title,
        position: s.position,
        ...(camera ? { cameraId: camera.id } : {}),
      },
    });
    this.push(t + minutes(2), {
      type: 'alarm.acknowledged',
      payload: { alarmId, at: 0, by: '应急值班员' },
    });
    // The plan's steps, a few minutes apart, each by its department.
    let at = t;
    for (const step of RESPONSE_PLANS[s.type].steps) {
      at += minutes(r.between(1, 4));
      this.push(at, {
        type: 'incident.step',
        payload: { incidentId, at: 0, stepId: step.id, by: step.department.zh },
      });
    }
    const trapped = s.type === 'fire' ? r.int(2, 9) : s.type === 'waterlogging' ? r.int(1, 3) : 0;
    if (trapped > 0)
      this.push(t + minutes(3), {
        type: 'incident.updated',
        payload: { incidentId, at: 0, casualties: { dead: 0, injured: 0, trapped } },
      });
    if (s.level > 2 && r.chance(0.4))
      this.push(t + minutes(6), {
        type: 'incident.escalated',
        payload: {
          incidentId,
          at: 0,
          level: (s.level - 1) as IncidentLevel,
          reason: s.type === 'fire' ? '火势向上层蔓延' : '影响范围扩大',
        },
      });
    this.push(at - minutes(0.5), {
      type: 'incident.updated',
      payload: {
        incidentId,
        at: 0,
        casualties: { dead: 0, injured: Math.ceil(trapped / 2), trapped: 0 },
      },
    });
    this.planUnits(incidentId, s, t, minutes);
    this.push(at + minutes(5), {
      type: 'incident.closed',
      payload: { incidentId, at: 0, reason: '处置完毕' },
    });
  }

  /** The nearest stations send a unit each, driving in a straight line at about 30 km/h. */
  private planUnits(
    incidentId: string,
    s: Scenario,
    t: number,
    minutes: (m: number) => number,
  ): void {
    const target: [number, number] = [s.position.lon, s.position.lat];
    const bases = this.options.resources
      .filter((b) => b.kind === 'vehicle' || b.kind === 'team')
      .map((b) => ({ b, d: distanceMetres(b.position, target) }))
      .sort((x, y) => x.d - y.d)
      .slice(0, s.units);
    bases.forEach(({ b, d }, i) => {
      const unitId = `${incidentId}-U${i + 1}`;
      const driveMinutes = Math.min(8, Math.max(2, d / 500));
      const steps = Math.max(2, Math.ceil(driveMinutes * 2));
      for (let k = 0; k <= steps; k += 1) {
        const f = k / steps;
        this.push(t + minutes(1 + f * driveMinutes), {
          type: 'unit.position',
          payload: {
            unitId,
            at: 0,
            kind: b.kind === 'vehicle' ? 'vehicle' : 'team',
            name: b.name,
            incidentId,
            position: {
              lon: round6(b.position[0] + (target[0] - b.position[0]) * f),
              lat: round6(b.position[1] + (target[1] - b.position[1]) * f),
            },
          },
        });
      }
    });
  }

  private push(at: number, event: WallEvent): void {
    (event.payload as { at: number }).at = Math.round(at);
    this.queue.push(at, event);
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
