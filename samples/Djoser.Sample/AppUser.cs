using Djoser;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Sample;

/// <summary>The sample's user: logs in with an e-mail address and registers with a first and last name.</summary>
[DjoserUser(UsernameField = nameof(Email), RequiredFields = [nameof(FirstName), nameof(LastName)])]
public class AppUser : IdentityUser
{
    /// <summary>The user's first name.</summary>
    public string FirstName { get; set; } = "";

    /// <summary>The user's last name.</summary>
    public string LastName { get; set; } = "";
}
