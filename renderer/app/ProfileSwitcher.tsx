import type { ProfileList } from '../../shared/ipc/contract';
import { useI18n } from '../i18n/I18nContext';

/** One button per profile; the active one is lit. Switching is a bus command, so every window follows. */
export function ProfileSwitcher({
  profiles,
  onSwitch,
}: Readonly<{ profiles: ProfileList; onSwitch: (id: string) => void }>) {
  const { language } = useI18n();
  return (
    <span className="profiles" role="group" aria-label="profiles">
      {profiles.profiles.map((p) => (
        <button
          key={p.id}
          type="button"
          className={p.id === profiles.active ? 'profile profile-active' : 'profile'}
          data-testid={`profile-${p.id}`}
          aria-pressed={p.id === profiles.active}
          onClick={() => onSwitch(p.id)}
        >
          {language === 'zh-CN' ? p.name.zh : p.name.en}
        </button>
      ))}
    </span>
  );
}
