using System.Diagnostics;
using System.Text;

namespace DataTricks.E2E.Support;

/// <summary>
/// What a child process prints on both streams, read as it comes, and whether a line holding <c>marker</c> has come
/// yet: how the tests know a portal listens, or a script has started what it starts.
/// </summary>
public sealed class ProcessOutput
{
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource _marked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ProcessOutput(Process process, string marker)
    {
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (_text) _text.AppendLine(e.Data);
            if (e.Data.Contains(marker, StringComparison.Ordinal))
                _marked.TrySetResult();
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Text
    {
        get { lock (_text) return _text.ToString(); }
    }

    /// <summary>Completes when a line holding the marker has been printed.</summary>
    public Task Marked => _marked.Task;
}
