using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Djoser.Reference.IdentityApi;

/// <summary>Identity's tables, nothing else: what <c>MapIdentityApi</c> needs.</summary>
public class ReferenceDbContext(DbContextOptions<ReferenceDbContext> options) : IdentityDbContext<IdentityUser>(options);
