using Microsoft.AspNetCore.Identity;

namespace Djoser.Outbox.Benchmarks;

/// <summary>The registering user: e-mail as the username, as in the endpoint benchmarks.</summary>
[DjoserUser(UsernameField = nameof(Email))]
public class OutboxUser : IdentityUser;
