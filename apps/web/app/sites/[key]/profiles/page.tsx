import { ProfileList } from './profile-list';

/** /sites/[key]/profiles: the assistant's profiles with their figures, and the hits live. */
export default function Page() {
  return <ProfileList />;
}
