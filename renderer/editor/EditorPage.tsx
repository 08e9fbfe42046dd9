import { useEffect, useState } from 'react';
import type { WallBridge } from '../../shared/ipc/contract';
import { BUILTIN_PROFILES } from '../../shared/layout/builtinProfiles';
import type { DisplayInfo } from '../../shared/layout/displays';
import type { Profile } from '../../shared/layout/profile';
import { parseSimDisplays } from '../sim/simDisplays';
import { LayoutEditor } from './LayoutEditor';
import { storedProfiles, storeProfile } from './profileStorage';

/**
 * `?editor`: in Electron it edits the real displays and saves through main into the user data
 * folder; in a browser it edits a simulated hall (`&sim=…`) and saves in localStorage, where the
 * simulator finds the profile.
 */
export function EditorPage({
  params,
  bridge,
}: Readonly<{ params: URLSearchParams; bridge: WallBridge | undefined }>) {
  const electron = bridge?.displays && bridge.profiles ? bridge : undefined;
  const [setup, setSetup] = useState<
    { displays: readonly DisplayInfo[]; profiles: readonly Profile[] } | undefined
  >(() =>
    electron
      ? undefined
      : {
          displays: parseSimDisplays(params.get('sim') ?? '3x3@1920x1080,2560x1440*1.25') ?? [],
          profiles: [...BUILTIN_PROFILES, ...storedProfiles()],
        },
  );
  useEffect(() => {
    if (!electron?.displays || !electron.profiles) return;
    void Promise.all([electron.displays(), electron.profiles()]).then(([displays, list]) =>
      setSetup({ displays, profiles: list.profiles }),
    );
  }, [electron]);
  if (!setup) return null;
  const sim = params.get('sim');
  return (
    <LayoutEditor
      displays={setup.displays}
      profiles={setup.profiles}
      initial={params.get('profile') ?? 'duty'}
      onSave={async (profile) => {
        if (bridge?.saveProfile) await bridge.saveProfile(profile);
        else storeProfile(profile);
      }}
      {...(sim
        ? { previewUrl: (id: string) => `?${new URLSearchParams({ sim, profile: id }).toString()}` }
        : {})}
    />
  );
}
