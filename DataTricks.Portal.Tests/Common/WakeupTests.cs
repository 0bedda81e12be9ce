using DataTricks.Domain.Common;
using DataTricks.Domain.Provisioning;

namespace DataTricks.Portal.Tests.Common;

public sealed class WakeupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Hands out timers that fire only when the test says, even after they were disposed, as a real timer may.</summary>
    private sealed class LateTimers : TimeProvider
    {
        public List<(TimerCallback Callback, object? State)> Created { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Created)
                Created.Add((callback, state));
            return new NeverTimer();
        }

        private sealed class NeverTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task A_wait_ended_by_a_signal_survives_its_timer_firing_as_it_ends()
    {
        // A timer's callback may already be running on the thread pool when the wait disposes the timer: a node once
        // died of it (an unhandled exception on a timer thread ends the process).
        var time = new LateTimers();
        var wakeup = new WorkerWakeup();
        var waiting = wakeup.WaitAsync(TimeSpan.FromMinutes(1), time, Ct);
        wakeup.Wake();
        await waiting;

        Assert.NotEmpty(time.Created);
        foreach (var (callback, state) in time.Created)
            callback(state);
    }

    [Fact]
    public async Task A_wait_ends_when_its_delay_runs_out_and_on_a_signal_sent_before_it()
    {
        var time = new LateTimers();
        var wakeup = new WorkerWakeup();
        var waiting = wakeup.WaitAsync(TimeSpan.FromMinutes(1), time, Ct);
        Assert.False(waiting.IsCompleted);
        foreach (var (callback, state) in time.Created.ToList())
            callback(state);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        wakeup.Wake();
        await wakeup.WaitAsync(TimeSpan.FromMinutes(1), time, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }
}
