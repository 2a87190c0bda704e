import { RuleEditor } from './rule-editor';

/** /sites/[key]/alerts/[id]: one alert rule, new or saved. */
export default function Page() {
  return <RuleEditor />;
}
