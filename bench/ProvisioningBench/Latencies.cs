namespace DataTricks.Bench;

/// <summary>Latencies in milliseconds, and their percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<double> _values = [];

    public int Count
    {
        get { lock (_values) return _values.Count; }
    }

    public void Add(TimeSpan latency)
    {
        lock (_values)
            _values.Add(latency.TotalMilliseconds);
    }

    public double Percentile(int percentile)
    {
        lock (_values)
        {
            var sorted = _values.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1))];
        }
    }

    public string Summary() => $"p50 {Percentile(50):F1} ms, p95 {Percentile(95):F1} ms, p99 {Percentile(99):F1} ms";
}
