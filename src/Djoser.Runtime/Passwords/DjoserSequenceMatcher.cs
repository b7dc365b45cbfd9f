namespace Djoser.Passwords;

/// <summary>The part of Python's <c>difflib.SequenceMatcher</c> that Django's similarity validator uses.</summary>
internal static class DjoserSequenceMatcher
{
    /// <summary>
    /// <c>SequenceMatcher(a=a, b=b).quick_ratio()</c>: 2·M / T, where M counts the elements the two sequences have in
    /// common as multisets (order ignored) and T is their total length; 1.0 when both are empty.
    /// </summary>
    public static double QuickRatio(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var total = a.Length + b.Length;
        if (total == 0)
        {
            return 1.0;
        }

        var available = new Dictionary<int, int>();
        foreach (var element in b)
        {
            available[element] = available.GetValueOrDefault(element) + 1;
        }

        var matches = 0;
        foreach (var element in a)
        {
            if (available.TryGetValue(element, out var count) && count > 0)
            {
                available[element] = count - 1;
                matches++;
            }
        }

        return 2.0 * matches / total;
    }
}
