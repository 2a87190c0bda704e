'use client';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
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

/** Bars for `bar`, a line for `line`, over time. */
export function TimeChart(props: {
  data: ({ time: number } & Record<string, number>)[];
  bar: string;
  line: string;
  labels: [string, string];
  short?: boolean;
}) {
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer>
        <ComposedChart data={props.data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="time"
            tickFormatter={props.short ? time : date}
            fontSize={11}
            minTickGap={40}
          />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip labelFormatter={(t) => (props.short ? time : date)(Number(t))} />
          <Bar
            dataKey={props.bar}
            name={props.labels[0]}
            fill="#6366f1"
            isAnimationActive={false}
          />
          <Line
            dataKey={props.line}
            name={props.labels[1]}
            stroke="#f59e0b"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
