import { ProfileEditor } from './profile-editor';

/** /sites/[key]/profiles/[id]: one assistant profile, new or saved. */
export default function Page() {
  return <ProfileEditor />;
}
