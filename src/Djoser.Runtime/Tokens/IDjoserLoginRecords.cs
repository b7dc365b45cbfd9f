namespace Djoser.Tokens;

/// <summary>Django's <c>last_login</c>, kept beside the user.</summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserLoginRecords<TUser>
    where TUser : class
{
    /// <summary>The user's last login, or <c>null</c> if they never logged in.</summary>
    Task<DateTimeOffset?> GetLastLoginAsync(TUser user, CancellationToken cancellationToken);

    /// <summary>Records a login now (from the injected <see cref="TimeProvider"/>), which invalidates outstanding e-mailed tokens.</summary>
    Task RecordLoginAsync(TUser user, CancellationToken cancellationToken);
}
