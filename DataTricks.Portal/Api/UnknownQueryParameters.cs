using System.Reflection;
using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

/// <summary>
/// A query parameter the operation does not take (a typo such as <c>serach</c>, or a name from another list) answers
/// 400 naming it and the ones it takes, as an unknown body field does: a silently ignored filter would answer the whole
/// list as if it were the filtered one.
/// </summary>
public static class UnknownQueryParameters
{
    public static RouteGroupBuilder RefuseUnknownQueryParameters(this RouteGroupBuilder group)
    {
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var taken = new HashSet<string>(QueryNames(factory.MethodInfo), StringComparer.OrdinalIgnoreCase);
            return context =>
            {
                if (context.HttpContext.Request.Query.Keys.FirstOrDefault(k => !taken.Contains(k)) is { } unknown)
                    return ValueTask.FromResult<object?>(Failure.Invalid(unknown, taken.Count == 0
                        ? $"'{unknown}' is not a parameter of this operation, which takes none in its query."
                        : $"'{unknown}' is not a parameter of this operation; it takes {string.Join(", ", taken.Order())}.").ToProblem());
                return next(context);
            };
        });
        return group;
    }

    /// <summary>The names a handler reads from the query: its simple parameters and those of its [AsParameters] objects.</summary>
    private static IEnumerable<string> QueryNames(MethodInfo handler)
    {
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties())
                    yield return property.GetCustomAttribute<FromQueryAttribute>()?.Name ?? property.Name;
            }
            else if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } query)
                yield return query.Name ?? parameter.Name!;
            else if (IsSimple(parameter.ParameterType) && !parameter.GetCustomAttributes().Any(a => a is FromHeaderAttribute or FromRouteAttribute or FromServicesAttribute or FromBodyAttribute))
                yield return parameter.Name!;
        }
    }

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(Guid)
            || underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime) || underlying == typeof(decimal);
    }
}
