using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace DataTricks.Domain.Scim;

/// <summary>A parsed SCIM filter (RFC 7644 §3.4.2.2).</summary>
public abstract record ScimFilter
{
    /// <summary><c>attrPath op value</c>: <see cref="Path"/> lower-cased and without its schema, <see cref="Value"/> a JSON value.</summary>
    public sealed record Compare(ScimPath Path, string Operator, JsonValue? Value) : ScimFilter;

    public sealed record Present(ScimPath Path) : ScimFilter;

    public sealed record And(ScimFilter Left, ScimFilter Right) : ScimFilter;

    public sealed record Or(ScimFilter Left, ScimFilter Right) : ScimFilter;

    public sealed record Not(ScimFilter Inner) : ScimFilter;

    /// <summary>The operators that compare a value; <c>pr</c> (present) takes none.</summary>
    public static readonly IReadOnlySet<string> Comparisons = new HashSet<string> { "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le" };

    /// <summary>The longest filter read: a directory's lookups are short, and a parser is no place for megabytes.</summary>
    public const int MaxLength = 4096;

    /// <summary>Parses <paramref name="text"/>; a malformed filter is an <c>invalidFilter</c> error saying where.</summary>
    public static ScimFilter Parse(string text)
    {
        if (text.Length > MaxLength)
            throw ScimException.InvalidFilter($"A filter has at most {MaxLength} characters.");
        var parser = new Parser(text);
        var filter = parser.ParseOr();
        parser.SkipSpaces();
        if (!parser.AtEnd)
            throw ScimException.InvalidFilter($"Unexpected '{parser.Rest}' at position {parser.Position} of the filter.");
        return filter;
    }

    private sealed class Parser(string text)
    {
        private const int MaxDepth = 32;
        private int _position;
        private int _depth;

        public bool AtEnd => _position >= text.Length;
        public int Position => _position;
        public string Rest => text[_position..];

        public ScimFilter ParseOr()
        {
            var left = ParseAnd();
            while (TryKeyword("or"))
                left = new Or(left, ParseAnd());
            return left;
        }

        private ScimFilter ParseAnd()
        {
            var left = ParseUnary();
            while (TryKeyword("and"))
                left = new And(left, ParseUnary());
            return left;
        }

        private ScimFilter ParseUnary()
        {
            if (++_depth > MaxDepth)
                throw ScimException.InvalidFilter($"A filter nests at most {MaxDepth} deep.");
            try
            {
                SkipSpaces();
                if (TryKeyword("not"))
                {
                    SkipSpaces();
                    Expect('(');
                    var inner = ParseOr();
                    Expect(')');
                    return new Not(inner);
                }
                if (TryChar('('))
                {
                    var inner = ParseOr();
                    Expect(')');
                    return inner;
                }
                return ParseComparison();
            }
            finally
            {
                _depth--;
            }
        }

        private ScimFilter ParseComparison()
        {
            var pathStart = _position;
            var attribute = ReadWhile(c => !char.IsWhiteSpace(c) && c is not '(' and not ')' and not '[');
            if (attribute.Length == 0)
                throw ScimException.InvalidFilter($"Expected an attribute at position {pathStart} of the filter.");
            if (TryChar('['))
            {
                // A value path: emails[type eq "work" and value co "@acme"] — the inner filter applies to each value.
                var inner = ParseOr();
                Expect(']');
                var sub = ReadWhile(c => !char.IsWhiteSpace(c) && c is not ')' and not ']');
                var valuePath = ScimPath.Parse(attribute + sub, ScimException.InvalidFilter);
                return Scoped(valuePath.Attribute, inner);
            }
            var path = ScimPath.Parse(attribute, ScimException.InvalidFilter);
            SkipSpaces();
            var op = ReadWhile(char.IsAsciiLetter).ToLowerInvariant();
            if (op == "pr")
                return new Present(path);
            if (!Comparisons.Contains(op))
                throw ScimException.InvalidFilter(op.Length == 0
                    ? $"Expected an operator after '{attribute}'."
                    : $"'{op}' is not a SCIM operator: use eq, ne, co, sw, ew, gt, ge, lt, le or pr.");
            SkipSpaces();
            return new Compare(path, op, ReadValue());
        }

        /// <summary>Rewrites the inner filter of <c>emails[…]</c> onto <c>emails.…</c>, the form the resources know.</summary>
        private static ScimFilter Scoped(string attribute, ScimFilter inner) => inner switch
        {
            Compare c => c with { Path = new ScimPath(attribute, c.Path.Attribute) },
            Present p => new Present(new ScimPath(attribute, p.Path.Attribute)),
            And a => new And(Scoped(attribute, a.Left), Scoped(attribute, a.Right)),
            Or o => new Or(Scoped(attribute, o.Left), Scoped(attribute, o.Right)),
            Not n => new Not(Scoped(attribute, n.Inner)),
            _ => throw ScimException.InvalidFilter("Unsupported filter."),
        };

        private JsonValue? ReadValue()
        {
            if (TryChar('"'))
            {
                var value = new StringBuilder();
                while (!AtEnd && text[_position] != '"')
                {
                    var c = text[_position++];
                    if (c != '\\')
                    {
                        value.Append(c);
                        continue;
                    }
                    if (AtEnd)
                        break;
                    var escaped = text[_position++];
                    value.Append(escaped switch
                    {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'b' => '\b',
                        'f' => '\f',
                        'u' when _position + 4 <= text.Length && int.TryParse(text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                            => Unicode(code),
                        _ => escaped,
                    });
                }
                Expect('"');
                return JsonValue.Create(value.ToString());
            }
            var word = ReadWhile(c => !char.IsWhiteSpace(c) && c is not ')' and not ']');
            return word.ToLowerInvariant() switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                "null" => null,
                _ when decimal.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
                "" => throw ScimException.InvalidFilter("Expected a value (a \"string\", true, false, null or a number) at the end of the filter."),
                _ => throw ScimException.InvalidFilter($"'{word}' is not a value: quote strings (\"{word}\")."),
            };
        }

        private char Unicode(int code)
        {
            _position += 4;
            return (char)code;
        }

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
                _position++;
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpaces();
            var end = _position + keyword.Length;
            if (end > text.Length || !text.AsSpan(_position, keyword.Length).Equals(keyword, StringComparison.OrdinalIgnoreCase)
                || (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '('))
                return false;
            _position = end;
            return true;
        }

        private bool TryChar(char c)
        {
            SkipSpaces();
            if (AtEnd || text[_position] != c)
                return false;
            _position++;
            return true;
        }

        private void Expect(char c)
        {
            if (!TryChar(c))
                throw ScimException.InvalidFilter(AtEnd ? $"The filter ends where '{c}' was expected." : $"Expected '{c}' at position {_position} of the filter.");
        }

        private string ReadWhile(Func<char, bool> accept)
        {
            var start = _position;
            while (!AtEnd && accept(text[_position]))
                _position++;
            return text[start.._position];
        }
    }
}
