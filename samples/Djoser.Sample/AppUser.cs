using System.ComponentModel.DataAnnotations;
using Djoser;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Sample;

/// <summary>
/// The sample's user: logs in with an e-mail address and registers with a first and last name, bounded as
/// Django's <c>AbstractUser</c> bounds them (150 characters for the names, 254 for the e-mail).
/// </summary>
[DjoserUser(UsernameField = nameof(Email), RequiredFields = [nameof(FirstName), nameof(LastName)])]
[DjoserField(nameof(Email), MaxLength = 254)]
public class AppUser : IdentityUser
{
    /// <summary>The user's first name.</summary>
    [MaxLength(150)]
    public string FirstName { get; set; } = "";

    /// <summary>The user's last name.</summary>
    [MaxLength(150)]
    public string LastName { get; set; } = "";
}
