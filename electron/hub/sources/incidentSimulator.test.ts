import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../../shared/domain/caseStore';
import { RESPONSE_PLANS } from '../../../shared/domain/responsePlans';
import { readBuildingsBinary } from '../../../shared/geo/buildingsBinary';
import { readResources } from '../../../shared/geo/resources';
import type { WallEvent } from '../../../shared/protocol/events';
import { demoCatalogue } from './demoCameras';
import { demoCityPackFiles } from './demoCityPack';
import { incidentSites } from './demoResources';
import { IncidentSimulator } from './incidentSimulator';

describe('the demo incident simulator', () => {
  it('declares incidents that walk their plans to the end, every event accepted', () => {
    const files = demoCityPackFiles();
    const buildings = readBuildingsBinary(
      files.get('buildings.bin') as Uint8Array,
      'buildings.bin',
      'wgs84',
    ).columns;
    if (!buildings) throw new Error('the demo pack has no buildings');
    const sites = incidentSites(buildings, 15);
    expect(sites.length).toBeGreaterThan(20);
    expect(sites.every((s) => s.floors >= 15)).toBe(true);
    const { resources, problems } = readResources(
      JSON.parse(files.get('resources.geojson') as string),
      'resources.geojson',
      'wgs84',
    );
    expect(problems).toEqual([]);
    expect(new Set(resources.map((r) => r.kind))).toEqual(
      new Set(['team', 'vehicle', 'warehouse', 'shelter', 'hospital']),
    );

    const store = new CaseStore();
    const refused: string[] = [];
    const seen: WallEvent[] = [];
    const sink = {
      store,
      publish(items: readonly WallEvent[]) {
        for (const event of items) {
          seen.push(event);
          const result = store.apply(event);
          if (!result.ok) refused.push(`${event.type}: ${result.detail}`);
        }
      },
    };
    let now = Date.UTC(2026, 11, 2, 8);
    const simulator = new IncidentSimulator(sink, {
      sites,
      resources,
      cameras: demoCatalogue(files.get('cameras.geojson') as string),
      now: () => now,
    });
    simulator.start(60_000);
    simulator.stop();
    for (let minute = 0; minute < 12 * 60; minute += 1) {
      now += 60_000;
      simulator.step(now);
    }
    expect(refused).toEqual([]);
    const incidents = [...store.incidents.all()];
    expect(incidents.length).toBeGreaterThanOrEqual(6);
    for (const incident of incidents.filter((i) => i.closedAt !== undefined)) {
      // Every step of its type's plan was ticked, by its department.
      expect(Object.keys(incident.steps).sort()).toEqual(
        RESPONSE_PLANS[incident.type].steps.map((s) => s.id).sort(),
      );
      if (incident.buildingId) expect(incident.floor).toBeDefined();
    }
    expect(new Set(incidents.map((i) => i.type)).size).toBeGreaterThanOrEqual(2);
    const units = seen.filter((e) => e.type === 'unit.position');
    expect(units.length).toBeGreaterThan(20);
    expect(seen.some((e) => e.type === 'alarm.raised' && e.payload.cameraId)).toBe(true);
  });
});
