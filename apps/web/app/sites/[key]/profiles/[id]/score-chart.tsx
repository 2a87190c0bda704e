'use client';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, plainLine, time } from '@/app/ui/charts';

/** A profile's probability after each event of a replayed visit, against its threshold. */
export function ScoreChart(props: { points: { ts: number; score: number }[]; threshold: number }) {
  return (
    <ChartFrame height="h-56">
      <LineChart data={props.points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="ts" tickFormatter={time} fontSize={11} minTickGap={40} />
        <YAxis domain={[0, 1]} fontSize={11} />
        <Tooltip labelFormatter={(t) => time(Number(t))} />
        <ReferenceLine y={props.threshold} stroke="#dc2626" strokeDasharray="4 4" />
        <Line dataKey="score" name="Score" stroke="#6366f1" type="stepAfter" {...plainLine} />
      </LineChart>
    </ChartFrame>
  );
}
