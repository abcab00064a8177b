// A small SVG line chart: enough for a live trend without a charting library.
export default function Chart({ title, values, unit, testId }) {
  const width = 320;
  const height = 80;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((value, i) => `${(i * step).toFixed(1)},${(height - (value / max) * height).toFixed(1)}`);
  const latest = values.length ? values[values.length - 1] : 0;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        {title}: <strong>{Math.round(latest)}</strong> {unit}
      </figcaption>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <polyline fill="none" stroke="currentColor" strokeWidth="2" points={points.join(' ')} />
      </svg>
    </figure>
  );
}
