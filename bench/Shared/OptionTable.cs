using System.Globalization;

namespace Cascade.Bench.Shared;

/// <summary>
/// The command line of one benchmark as a table: each option's name and how it changes the
/// options record. Flags take no value; numbers must be positive (or zero where allowed); whole
/// numbers must be whole. Checks across options stay with each benchmark's record.
/// </summary>
public sealed class OptionTable<T>(T defaults)
{
    private readonly Dictionary<string, Func<T, T>> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Func<T, double, T> Set, bool Whole, bool Zero)> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<T, string, T>> _texts = new(StringComparer.Ordinal);

    public OptionTable<T> Flag(string name, Func<T, T> set)
    {
        _flags.Add(name, set);
        return this;
    }

    public OptionTable<T> Whole(string name, Func<T, int, T> set, bool zero = false)
    {
        _numbers.Add(name, ((o, v) => set(o, (int)v), true, zero));
        return this;
    }

    public OptionTable<T> Number(string name, Func<T, double, T> set, bool zero = false)
    {
        _numbers.Add(name, (set, false, zero));
        return this;
    }

    public OptionTable<T> Text(string name, Func<T, string, T> set)
    {
        _texts.Add(name, set);
        return this;
    }

    public bool TryParse(ReadOnlySpan<string> args, out T options, out string? error)
    {
        options = defaults;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (_flags.TryGetValue(name, out var flag))
            {
                options = flag(options);
                continue;
            }
            var isNumber = _numbers.TryGetValue(name, out var number);
            if (!isNumber && !_texts.ContainsKey(name))
            {
                error = $"Unknown option {name}.";
                return false;
            }
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return false;
            }
            var text = args[++i];
            if (!isNumber)
            {
                options = _texts[name](options, text);
                continue;
            }
            var kind = number.Whole ? "whole number" : "number";
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || (number.Whole && (value != Math.Floor(value) || value > int.MaxValue)) || value < 0 || value == 0 && !number.Zero)
            {
                error = $"{name} needs a {(number.Zero ? "" : "positive ")}{kind}{(number.Zero ? " (0 or more)" : "")}.";
                return false;
            }
            options = number.Set(options, value);
        }
        return true;
    }
}
