using DataTricks.Domain.Common;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// How long each step of a create usually takes, from the customer's own past provisionings (the median of each
/// step, so one slow day does not skew it). Without a history of every step there is no estimate: a guess
/// presented as an ETA would mislead more than none.
/// </summary>
public sealed class ProvisioningEstimate
{
    public static readonly ProvisioningEstimate None = new(new Dictionary<ProvisioningStep, TimeSpan>());

    private readonly IReadOnlyDictionary<ProvisioningStep, TimeSpan> _typical;

    private ProvisioningEstimate(IReadOnlyDictionary<ProvisioningStep, TimeSpan> typical) => _typical = typical;

    public static ProvisioningEstimate FromHistory(IEnumerable<(ProvisioningStep Step, TimeSpan Took)> samples) =>
        new(samples.Where(s => s.Took >= TimeSpan.Zero)
            .GroupBy(s => s.Step)
            .ToDictionary(g => g.Key, g => Median(g.Select(s => s.Took).Order().ToList())));

    /// <summary>How long <paramref name="step"/> usually takes, or null when no provisioning has run it.</summary>
    public TimeSpan? Typical(ProvisioningStep step) => _typical.TryGetValue(step, out var took) ? took : null;

    /// <summary>A whole provisioning, or null when a step has no history.</summary>
    public TimeSpan? Total => Remaining(null, TimeSpan.Zero);

    /// <summary>
    /// What is left of a provisioning at <paramref name="current"/> (null: not started) that has spent
    /// <paramref name="inCurrent"/> in it: the rest of this step, never below zero, and every later step.
    /// </summary>
    public TimeSpan? Remaining(ProvisioningStep? current, TimeSpan inCurrent)
    {
        var steps = ProvisioningSteps.Create;
        if (steps.Any(s => !_typical.ContainsKey(s)))
            return null;
        if (current is not { } step)
            return steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + _typical[s]);
        var index = ProvisioningSteps.IndexOf(steps, step);
        var rest = _typical[step] - inCurrent;
        return steps.Skip(index + 1).Aggregate(Moments.Longest(rest, TimeSpan.Zero), (sum, s) => sum + _typical[s]);
    }

    private static TimeSpan Median(IReadOnlyList<TimeSpan> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
