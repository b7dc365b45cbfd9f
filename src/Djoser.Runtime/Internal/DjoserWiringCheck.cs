using Djoser.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Djoser.Internal;

/// <summary>
/// Wiring mistakes that would otherwise surface as a 500 on some later request (a forgotten <c>AddDbContext</c> or
/// <c>ApplyDjoserModel</c>, a context without the user) or as a message that does not name djoser (AddDjoser called
/// twice). Each stops the application with a message naming the call to add or fix.
/// </summary>
internal static class DjoserWiringCheck
{
    /// <summary>Refuses a second <c>AddDjoser</c> and registers the start-up check of the user's context.</summary>
    public static void Add<TUser, TKey, TContext>(IServiceCollection services)
        where TUser : IdentityUser<TKey>
        where TKey : IEquatable<TKey>
        where TContext : DbContext
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(DjoserWiring))
            {
                var first = (DjoserWiring)descriptor.ImplementationInstance!;
                throw new InvalidOperationException(
                    $"AddDjoser was called twice: AddDjoser<{first.UserType.Name}, {first.ContextType.Name}>() and then " +
                    $"AddDjoser<{typeof(TUser).Name}, {typeof(TContext).Name}>(). An application serves one djoser user model: keep one call.");
            }
        }

        services.AddSingleton(new DjoserWiring(typeof(TUser), typeof(TContext)));
        services.AddHostedService<DjoserWiringCheck<TUser, TKey, TContext>>();
    }

    /// <summary>A C# name of the key type as the user writes it in <c>IdentityDbContext&lt;…&gt;</c>.</summary>
    internal static string KeyName(Type key) =>
        key == typeof(string) ? "string"
        : key == typeof(int) ? "int"
        : key == typeof(long) ? "long"
        : key == typeof(short) ? "short"
        : key.Name;
}

/// <summary>What the first <c>AddDjoser</c> call registered, so a second one can name both.</summary>
internal sealed record DjoserWiring(Type UserType, Type ContextType);

/// <summary>
/// Checks, while the host starts and before the server listens, that <typeparamref name="TContext"/> is registered
/// and that its model holds <typeparamref name="TUser"/> and djoser's tables. Building the model costs what the first
/// request would pay anyway (EF caches it per context type); nothing runs per request.
/// </summary>
internal sealed class DjoserWiringCheck<TUser, TKey, TContext>(IServiceScopeFactory scopes) : IHostedLifecycleService
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
    where TContext : DbContext
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<TContext>() is not { } context)
        {
            throw new InvalidOperationException(Describe(null));
        }

        var problem = Describe(context.Model);
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>The message for a context that is not registered (<paramref name="model"/> null) or lacks entities; null when all is there.</summary>
    internal static string? Describe(Microsoft.EntityFrameworkCore.Metadata.IModel? model)
    {
        var user = typeof(TUser).Name;
        var context = typeof(TContext).Name;
        var key = DjoserWiringCheck.KeyName(typeof(TKey));
        if (model is null)
        {
            return $"{context} is not registered as a service, and AddDjoser<{user}, {context}>() stores users and tokens through it: " +
                $"call builder.Services.AddDbContext<{context}>(options => ...) as well.";
        }

        var identityContext = typeof(TKey) == typeof(string)
            ? $"IdentityDbContext<{user}>"
            : $"IdentityDbContext<{user}, IdentityRole<{key}>, {key}>";
        var applyCall = $"call builder.ApplyDjoserModel<{user}>() in {context}.OnModelCreating, after base.OnModelCreating(builder), then add a migration";
        if (model.FindEntityType(typeof(TUser)) is null)
        {
            return $"{user} is not in {context}'s model, so djoser cannot store users there: derive {context} from {identityContext} " +
                $"(or pass the context that holds {user} to AddDjoser<{user}, TContext>()), and {applyCall}.";
        }

        if (model.FindEntityType(typeof(DjoserAuthToken<TUser, TKey>)) is null || model.FindEntityType(typeof(DjoserLoginRecord<TKey>)) is null)
        {
            return $"Djoser's tables are not in {context}'s model: {applyCall}.";
        }

        return null;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
