'use client';
import type { RulePreview } from '@sightline/alerting';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame, plainLine, time } from '@/app/ui/charts';

/**
 * The rule's value over the previewed range (one point a minute), its threshold, and shaded
 * where it would have been firing.
 */
export function PreviewChart(props: { preview: RulePreview; to: number; threshold?: number }) {
  const hasBase = props.preview.points.some((p) => p.base !== undefined);
  return (
    <ChartFrame height="h-64" testId="preview-chart">
      <LineChart data={props.preview.points} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={time}
          fontSize={11}
          minTickGap={40}
        />
        <YAxis fontSize={11} />
        <Tooltip labelFormatter={(t) => time(Number(t))} />
        {props.preview.alerts.map((alert) => (
          <ReferenceArea
            key={alert.firedAt}
            x1={alert.firedAt}
            x2={alert.resolvedAt ?? props.to}
            fill="#fecaca"
            fillOpacity={0.6}
            ifOverflow="extendDomain"
          />
        ))}
        {props.threshold !== undefined && (
          <ReferenceLine y={props.threshold} stroke="#dc2626" strokeDasharray="4 4" />
        )}
        <Line dataKey="value" name="Value" stroke="#6366f1" {...plainLine} />
        {hasBase && <Line dataKey="base" name="Compared with" stroke="#94a3b8" {...plainLine} />}
      </LineChart>
    </ChartFrame>
  );
}
