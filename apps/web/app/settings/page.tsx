import { SettingsForm } from './settings-form';

/** /settings: people and API keys (owners only). */
export default function Page() {
  return <SettingsForm />;
}
