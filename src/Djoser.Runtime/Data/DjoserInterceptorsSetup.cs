using Djoser.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Djoser.Data;

/// <summary>
/// Puts djoser's interceptors on the options of djoser's context, however the application registers it:
/// <see cref="DjoserCommandTimeout"/> and <see cref="DjoserPreparedLookups"/>.
/// </summary>
/// <remarks>
/// Registered for every context type (an open generic) and applied to those that are djoser's: an application may
/// register a subclass as the implementation (<c>AddDbContext&lt;AppDbContext, PostgresAppDbContext&gt;</c>), whose
/// options EF builds for the subclass; a closed <c>ConfigureDbContext&lt;AppDbContext&gt;</c> would miss it. EF applies
/// it to <c>AddDbContext</c>, <c>AddDbContextPool</c> and <c>AddDbContextFactory</c> registrations, made before or after
/// <c>AddDjoser</c>: adding an interceptor does not depend on the order of the configurations.
/// </remarks>
/// <typeparam name="TContext">The context type whose options EF is building.</typeparam>
internal sealed class DjoserInterceptorsSetup<TContext>(DjoserCommandTimeout interceptor, DjoserPreparedLookups lookups, DjoserWiring wiring) : IDbContextOptionsConfiguration<TContext>
    where TContext : DbContext
{
    public void Configure(IServiceProvider serviceProvider, DbContextOptionsBuilder optionsBuilder)
    {
        if (wiring.ContextType.IsAssignableFrom(typeof(TContext)))
        {
            optionsBuilder.AddInterceptors(interceptor, lookups);
        }
    }
}
