using System.ComponentModel.DataAnnotations;
using Djoser;
using Microsoft.AspNetCore.Identity;

namespace MyApp;

[DjoserUser(UsernameField = nameof(Email), RequiredFields = [nameof(FirstName), nameof(LastName)])]
public class AppUser : IdentityUser<int>
{
    [MaxLength(150)]
    public string FirstName { get; set; } = "";

    [MaxLength(150)]
    public string LastName { get; set; } = "";
}
