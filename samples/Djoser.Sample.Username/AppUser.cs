using Djoser;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Sample.Username;

/// <summary>djoser's own test-project user: logs in with a username; the e-mail is optional; integer ids.</summary>
[DjoserUser(UsernameField = nameof(UserName), RequiredFields = [nameof(Email)])]
public class AppUser : IdentityUser<int>
{
}
