using System.Text.Json;
using System.Text.RegularExpressions;
using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

/// <summary>
/// A request the framework could not bind — a body that is not JSON, or not JSON at all, a field the document does not
/// list, a required field missing, a value of the wrong type, a query value that does not parse — answers its 400 (or
/// 415) as problem details naming the field, so a client sees what to fix instead of a bare status.
/// </summary>
public sealed partial class UnreadableRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException unreadable)
            return false;
        context.Response.StatusCode = unreadable.StatusCode;
        if (!context.Request.Path.StartsWithSegments("/api"))
            return true;
        ProblemDetails problem;
        if (unreadable.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            problem = new ProblemDetails { Title = "Unsupported media type.", Detail = "Send the body as application/json." };
        else
        {
            var errors = FieldErrorsOf(unreadable);
            problem = new HttpValidationProblemDetails(errors)
            {
                Title = "The request is invalid.",
                Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
            };
            problem.Extensions[ProblemTypes.CodeExtension] = ProblemCodes.ValidationFailed;
        }
        problem.Status = unreadable.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static Dictionary<string, string[]> FieldErrorsOf(BadHttpRequestException unreadable)
    {
        if (unreadable.InnerException is JsonException json)
            return FieldErrorsOf(json);
        if (BoundParameter().Match(unreadable.Message) is { Success: true } parameter)
            return One(parameter.Groups["name"].Value, $"'{parameter.Groups["value"].Value}' is not a valid {parameter.Groups["name"].Value}.");
        if (unreadable.Message.Contains("from body", StringComparison.Ordinal))
            return One("body", "This request needs a JSON body.");
        return One("request", "The request could not be read.");
    }

    private static Dictionary<string, string[]> FieldErrorsOf(JsonException json)
    {
        if (UnknownProperty().Match(json.Message) is { Success: true } unknown)
            return One(unknown.Groups["name"].Value, $"'{unknown.Groups["name"].Value}' is not a field of this request; the API reference lists its fields.");
        if (json.Message.Contains("missing required properties", StringComparison.Ordinal))
            return QuotedName().Matches(json.Message[json.Message.IndexOf("including:", StringComparison.Ordinal)..])
                .Select(m => m.Groups["name"].Value)
                .ToDictionary(name => name, name => new[] { $"'{name}' is required." });
        var field = FieldOf(json.Path);
        return json.InnerException?.GetType().Name == "JsonReaderException" || field is null
            ? One("body", $"The body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}).")
            : One(field, $"'{field}' does not have the type the API reference gives it.");
    }

    /// <summary>The top-level field a JSON path points into: <c>$.domains[0]</c> is <c>domains</c>.</summary>
    private static string? FieldOf(string? path) =>
        path is null || !path.StartsWith("$.", StringComparison.Ordinal) ? null : path[2..].Split('.', '[')[0];

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };

    [GeneratedRegex("""The JSON property '(?<name>[^']+)' could not be mapped""")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex("""'(?<name>[^']+)'""")]
    private static partial Regex QuotedName();

    [GeneratedRegex("""Failed to bind parameter "[^"]*?(?<name>\w+)" from "(?<value>[^"]*)"\.""")]
    private static partial Regex BoundParameter();
}
