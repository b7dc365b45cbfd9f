using System.Net;

namespace Djoser.IntegrationTests;

/// <summary>Lockout at its defaults (5 wrong passwords, 5 minutes), throttling off.</summary>
public sealed class LockoutDjoserApp() : ThrottleClockApp(new Dictionary<string, string?>());

/// <summary>Lockout with <c>Djoser:Lockout:ShowLockedOut</c>.</summary>
public sealed class ShowLockedOutDjoserApp() : ThrottleClockApp(new Dictionary<string, string?> { ["Djoser:Lockout:ShowLockedOut"] = "true" });

/// <summary>Identity's lockout behind token login (issue 11): the locked-out answer is the wrong-password answer.</summary>
public sealed class LockoutTests(LockoutDjoserApp app) : DjoserTestBase(app), IClassFixture<LockoutDjoserApp>
{
    private const string WrongPassword = """{"non_field_errors": ["Unable to login with provided credentials."]}""";

    /// <summary>The probe without throttling: 30 wrong passwords, then the right one (before issue 11: 200).</summary>
    [Fact]
    public async Task Login_ThirtyWrongPasswordsThenTheRightOne_AnswersAsAWrongPassword_UntilTheLockoutEnds()
    {
        var email = await ActiveEmailAsync();
        for (var i = 0; i < 30; i++)
        {
            (await LoginAsync(email, "wrong-password")).Is(HttpStatusCode.BadRequest, WrongPassword);
        }

        (await LoginAsync(email)).Is(HttpStatusCode.BadRequest, WrongPassword);

        app.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email)).Status);
    }

    [Fact]
    public async Task Login_RightPasswordBeforeTheLimit_ResetsTheCount()
    {
        var email = await ActiveEmailAsync();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                (await LoginAsync(email, "wrong-password")).Is(HttpStatusCode.BadRequest, WrongPassword);
            }

            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email)).Status);
        }
    }

    [Fact]
    public async Task Login_FifthWrongPassword_LocksForTheConfiguredDuration()
    {
        var email = await ActiveEmailAsync();
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(email, "wrong-password");
        }

        app.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        (await LoginAsync(email)).Is(HttpStatusCode.BadRequest, WrongPassword);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email)).Status);
    }

    private async Task<string> ActiveEmailAsync()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
        await ActivateAsync(email);
        return email;
    }
}

/// <summary><c>Djoser:Lockout:ShowLockedOut</c>: a locked-out account is told so.</summary>
public sealed class ShowLockedOutTests(ShowLockedOutDjoserApp app) : DjoserTestBase(app), IClassFixture<ShowLockedOutDjoserApp>
{
    [Fact]
    public async Task Login_LockedOut_AnswersTheLockedOutText_OnlyOnceLocked()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
        await ActivateAsync(email);
        for (var i = 0; i < 4; i++)
        {
            (await LoginAsync(email, "wrong-password")).Is(HttpStatusCode.BadRequest, """{"non_field_errors": ["Unable to login with provided credentials."]}""");
        }

        (await LoginAsync(email, "wrong-password")).Is(HttpStatusCode.BadRequest, """{"non_field_errors": ["Too many failed login attempts. Try again later."]}""");
        (await LoginAsync(email)).Is(HttpStatusCode.BadRequest, """{"non_field_errors": ["Too many failed login attempts. Try again later."]}""");
    }
}
