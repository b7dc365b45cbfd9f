using Microsoft.AspNetCore.Identity;

namespace Djoser.Endpoints.Benchmarks;

/// <summary>The benchmark's user: logs in with its e-mail address, as both APIs do.</summary>
[DjoserUser(UsernameField = nameof(Email))]
public class BenchUser : IdentityUser
{
    /// <summary>A detached copy, for the experimental token cache.</summary>
    internal BenchUser Snapshot() => (BenchUser)MemberwiseClone();
}
