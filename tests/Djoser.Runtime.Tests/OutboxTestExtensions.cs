using Djoser.Data;
using Djoser.Emails;
using Djoser.Emails.Outbox;
using Djoser.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Runtime.Tests;

/// <summary>Sending an account e-mail as the endpoints now do: queue it in a transaction, then let the dispatcher deliver it.</summary>
internal static class OutboxTestExtensions
{
    /// <summary>Queues <paramref name="kind"/> for <paramref name="user"/> from <paramref name="http"/>'s scope and drains the outbox.</summary>
    public static async Task SendAsync(this DjoserAccountEmails<IdentityUser, string> emails, HttpContext http, DjoserEmailKind kind, IdentityUser user)
    {
        await emails.QueueAndCommitAsync(http, kind, user);
        await http.RequestServices.GetRequiredService<IDjoserOutboxDispatcher>().DispatchDueAsync(default);
    }

    /// <summary>Queues <paramref name="kind"/> for <paramref name="user"/> and commits, without delivering.</summary>
    public static async Task QueueAndCommitAsync(this DjoserAccountEmails<IdentityUser, string> emails, HttpContext http, DjoserEmailKind kind, IdentityUser user)
    {
        var refused = await emails.InTransactionAsync(
            async () =>
            {
                await emails.QueueAsync(http, kind, user);
                return null;
            },
            default);
        Assert.Null(refused);
    }

    /// <summary>Every outbox row, read in a scope of its own.</summary>
    public static async Task<List<DjoserOutboxMessage>> OutboxAsync(this TestHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<DjoserOutboxMessage>().AsNoTracking().ToListAsync();
    }
}
