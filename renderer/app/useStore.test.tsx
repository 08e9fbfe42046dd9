// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { min, reported } from '../../shared/domain/testEvents';
import { WallStore } from '../../shared/gateway/wallStore';
import { makeEnvelope } from '../../shared/protocol/envelope';
import { useStoreSelector, useStoreVersion } from './useStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const CITY = {
  id: 'c',
  name: '城',
  nameEn: 'City',
  bounds: { west: 100, south: 20, east: 130, north: 30 },
};

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function mount(node: React.ReactNode) {
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() => root.render(node));
  unmount = () => act(() => root.unmount());
}

describe('store subscriptions', () => {
  it('a view that reads the city is not re-rendered by event batches, only by a new city', () => {
    const store = new WallStore({ scheduler: (notify) => notify() });
    const renders = { city: 0, version: 0 };
    function CityName() {
      renders.city += 1;
      return <span>{useStoreSelector(store, (s) => s.city)?.name}</span>;
    }
    function Everything() {
      renders.version += 1;
      return <span>{useStoreVersion(store)}</span>;
    }
    mount(
      <>
        <CityName />
        <Everything />
      </>,
    );
    const before = { ...renders };
    for (let i = 1; i <= 10; i += 1)
      act(() => {
        store.ingest(makeEnvelope(i, min(i), reported(`C${i}`, min(i))));
      });
    expect(renders.city).toBe(before.city);
    expect(renders.version).toBe(before.version + 10);
    act(() => store.setCity(CITY));
    expect(renders.city).toBe(before.city + 1);
  });
});
