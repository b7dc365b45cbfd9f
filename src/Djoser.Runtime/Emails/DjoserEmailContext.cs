namespace Djoser.Emails;

/// <summary>
/// What an e-mail template sees (djoser's context, spec §7): the recipient, <c>domain</c>, <c>site_name</c>,
/// <c>protocol</c>, and for link e-mails <c>uid</c>, <c>token</c> and <c>url</c> (the front-end path with both filled in).
/// </summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Username">The user's username field value (templates say "Your username, in case you've forgotten").</param>
/// <param name="Domain">The host links point at.</param>
/// <param name="SiteName">The site's name.</param>
/// <param name="Protocol"><c>http</c> or <c>https</c>.</param>
/// <param name="Uid">The encoded user id, for link e-mails.</param>
/// <param name="Token">The one-time token, for link e-mails.</param>
/// <param name="Url">The front-end path with uid and token substituted, for link e-mails.</param>
/// <param name="NewEmail">
/// The e-mail change's new address: in full to the new address, masked (<c>n***@example.com</c>) in the notice to the old one.
/// </param>
public sealed record DjoserEmailContext(
    string To,
    string Username,
    string Domain,
    string SiteName,
    string Protocol,
    string? Uid = null,
    string? Token = null,
    string? Url = null,
    string? NewEmail = null);
