using System.Text.Json.Nodes;
using System.Linq.Expressions;

namespace DataTricks.Domain.Scim;

/// <summary>
/// Turns a <see cref="ScimFilter"/> into one predicate the database runs: each resource says what its leaves mean
/// (<paramref name="leaf"/>, null for an attribute it cannot filter on), the logic is combined here.
/// </summary>
public static class ScimFilterQuery
{
    public static Expression<Func<T, bool>> ToPredicate<T>(ScimFilter filter, Func<ScimFilter, Expression<Func<T, bool>>?> leaf)
    {
        var parameter = Expression.Parameter(typeof(T), "resource");
        return Expression.Lambda<Func<T, bool>>(Body(filter, leaf, parameter), parameter);
    }

    private static Expression Body<T>(ScimFilter filter, Func<ScimFilter, Expression<Func<T, bool>>?> leaf, ParameterExpression parameter) => filter switch
    {
        ScimFilter.And and => Expression.AndAlso(Body(and.Left, leaf, parameter), Body(and.Right, leaf, parameter)),
        ScimFilter.Or or => Expression.OrElse(Body(or.Left, leaf, parameter), Body(or.Right, leaf, parameter)),
        ScimFilter.Not not => Expression.Not(Body(not.Inner, leaf, parameter)),
        _ => leaf(filter) is { } predicate
            ? new Rebind(predicate.Parameters[0], parameter).Visit(predicate.Body)
            : throw ScimException.InvalidFilter($"Cannot filter on '{PathOf(filter)}' with '{OperatorOf(filter)}'."),
    };

    private static string PathOf(ScimFilter filter) => filter switch
    {
        ScimFilter.Compare c => c.Path.ToString(),
        ScimFilter.Present p => p.Path.ToString(),
        _ => "",
    };

    private static string OperatorOf(ScimFilter filter) => filter is ScimFilter.Compare c ? c.Operator : "pr";

    /// <summary>Each leaf is its own lambda; their bodies are moved onto the one parameter of the whole predicate.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>The comparisons of one text attribute, as the database runs them.</summary>
public static class ScimText
{
    /// <summary>
    /// <paramref name="selector"/> compared with <paramref name="value"/> by a SCIM operator: equal, contains, starts or
    /// ends with, ordered. The caller upper-cases both sides for an attribute that ignores case.
    /// </summary>
    public static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, string?>> selector, string op, string? value)
    {
        // A captured value, not a constant: EF sends it as a parameter, so every lookup reuses one compiled query
        // instead of compiling (and caching) a query per userName.
        var text = Expression.Property(Expression.Constant(new Captured(value)), nameof(Captured.Value));
        var attribute = selector.Body;
        Expression body = op switch
        {
            "eq" => Expression.Equal(attribute, text),
            "ne" => Expression.NotEqual(attribute, text),
            "co" => Call(attribute, nameof(string.Contains), text),
            "sw" => Call(attribute, nameof(string.StartsWith), text),
            "ew" => Call(attribute, nameof(string.EndsWith), text),
            _ => Expression.MakeBinary(op switch { "gt" => ExpressionType.GreaterThan, "ge" => ExpressionType.GreaterThanOrEqual, "lt" => ExpressionType.LessThan, _ => ExpressionType.LessThanOrEqual },
                Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, attribute, text), Expression.Constant(0)),
        };
        return Expression.Lambda<Func<T, bool>>(body, selector.Parameters);
    }

    /// <summary>The value of a comparison on a text attribute: a string, or the filter is refused.</summary>
    public static string Value(ScimFilter.Compare compare) =>
        compare.Value is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? value.GetValue<string>()
            : throw ScimException.InvalidFilter($"'{compare.Path}' is compared with a string: quote the value.");

    private sealed record Captured(string? Value);

    private static Expression Call(Expression attribute, string method, Expression text) =>
        // A null attribute (no externalId) matches no text: the null check keeps the database's three-valued logic out.
        Expression.AndAlso(Expression.NotEqual(attribute, Expression.Constant(null, typeof(string))),
            Expression.Call(attribute, typeof(string).GetMethod(method, [typeof(string)])!, text));
}
