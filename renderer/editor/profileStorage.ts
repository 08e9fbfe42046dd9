import { checkProfile, type Profile } from '../../shared/layout/profile';

/**
 * The browser preview keeps user profiles in localStorage (Electron keeps them as files in the
 * user data folder). What is read back is validated; anything that does not pass is skipped.
 */
const KEY = 'citywall.profiles';

export function storedProfiles(): Profile[] {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((p) => {
      const checked = checkProfile(p);
      return checked.ok ? [checked.profile] : [];
    });
  } catch {
    return [];
  }
}

export function storeProfile(profile: Profile): void {
  const others = storedProfiles().filter((p) => p.id !== profile.id);
  globalThis.localStorage?.setItem(KEY, JSON.stringify([...others, profile]));
}
