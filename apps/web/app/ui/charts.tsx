'use client';
import type { ReactElement } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export const time = (t: number) =>
  new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const date = (t: number) =>
  new Date(t).toLocaleString([], {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
const day = (t: number) =>
  new Date(t).toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' });

/** A chart's box: the page's width, `height` (a Tailwind class) tall, the chart filling it. */
export function ChartFrame(props: { height: string; testId?: string; children: ReactElement }) {
  return (
    <div className={`${props.height} w-full`} data-testid={props.testId}>
      <ResponsiveContainer>{props.children}</ResponsiveContainer>
    </div>
  );
}

/** Every line is drawn plain: no dot on each point, no animation as new data arrives. */
export const plainLine = { dot: false, isAnimationActive: false } as const;

/** The axis label of a bucket of `stepMs`: a day's date, or a time with its date. */
export const bucketLabel = (stepMs: number | undefined) =>
  stepMs !== undefined && stepMs >= 86_400_000 ? day : date;

/** Bars for `bar`, a line for `line`, over time. */
export function TimeChart(props: {
  data: ({ time: number } & Record<string, number>)[];
  bar: string;
  line: string;
  labels: [string, string];
  short?: boolean;
  /** The buckets' size: days are labelled by date alone. */
  stepMs?: number;
}) {
  const label = props.short ? time : bucketLabel(props.stepMs);
  return (
    <ChartFrame height="h-64">
      <ComposedChart data={props.data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="time" tickFormatter={label} fontSize={11} minTickGap={40} />
        <YAxis allowDecimals={false} fontSize={11} />
        <Tooltip labelFormatter={(t) => label(Number(t))} />
        <Legend verticalAlign="top" height={24} iconSize={10} wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey={props.bar} name={props.labels[0]} fill="#6366f1" isAnimationActive={false} />
        <Line dataKey={props.line} name={props.labels[1]} stroke="#f59e0b" {...plainLine} />
      </ComposedChart>
    </ChartFrame>
  );
}
