namespace DataTricks.Portal.Hosting;

/// <summary>A background job that runs once every <see cref="Interval"/>; a failed round is logged and the next one runs.</summary>
public abstract class PeriodicWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether to run once at start-up, before the first interval has passed.</summary>
    protected virtual bool RunAtStart => false;

    protected abstract Task RunOnceAsync(CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (RunAtStart)
            await RunGuardedAsync(stoppingToken);
        // A pause after each round rather than a periodic timer: when the clock jumps (a host resumed, a test's clock
        // moved by a month), a periodic timer fires once for every interval missed before it settles, and only the last
        // of them would find anything to do.
        while (await PauseAsync(stoppingToken))
            await RunGuardedAsync(stoppingToken);
    }

    private async Task RunGuardedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(exception, "{Job} failed; it runs again in {Interval}", GetType().Name, Interval);
        }
    }

    private async Task<bool> PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Interval, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
