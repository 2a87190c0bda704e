import { InstallGuide } from './install-guide';

/** /sites/[key]/install: the snippet, its check, the site settings. */
export default function Page() {
  return <InstallGuide />;
}
