using System.Data.Common;
using Djoser.Configuration;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Djoser.Data;

/// <summary>
/// Bounds every database command of a djoser request by <see cref="DjoserDatabaseOptions.CommandTimeout"/>, and only
/// those: the endpoint handler marks its request (<see cref="Enter"/>), and this interceptor, on the user's context
/// (<see cref="DjoserInterceptorsSetup{TContext}"/>), sets the timeout of each command made while a marked request
/// runs. Identity's stores and djoser's services share the request's context, so this covers every command of it.
/// </summary>
/// <remarks>
/// Per command rather than on the context when the request starts: a request served from memory (a cached token,
/// the authenticated hot path) then never resolves the context at all. The mark is an async-local value because
/// nothing else reaches a command from its request: a pooled context serves many requests and its options are built
/// once. An application's own endpoints, the outbox's background passes and migrations keep the context's own timeout.
/// </remarks>
internal sealed class DjoserCommandTimeout(IOptions<DjoserOptions> options) : DbCommandInterceptor
{
    // An object rather than a bool: AsyncLocal<bool> boxes the value at every request.
    private static readonly object Marked = new();
    private static readonly AsyncLocal<object?> InDjoserRequest = new();

    /// <summary>
    /// Marks the rest of the calling async method, and what it awaits, as a djoser request. The mark ends when that
    /// method returns: an async method never passes its async-local changes back to its caller.
    /// </summary>
    public static void Enter() => InDjoserRequest.Value = Marked;

    /// <inheritdoc/>
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        // Djoser's options are read here, not when EF builds the context's options: that happens at design time too
        // (dotnet ef), which must not run djoser's options validation.
        if (InDjoserRequest.Value is not null)
        {
            result.CommandTimeout = (int)Math.Ceiling(options.Value.Database.CommandTimeout.TotalSeconds);
        }

        return result;
    }
}
