using System.Text;
using Djoser.Configuration;
using Djoser.Emails;
using MimeKit;

namespace Djoser.Runtime.Tests;

/// <summary>
/// The start-up check of <c>Djoser:Email:From</c> answers as MimeKit does for every input, recognising the plain forms
/// itself (so MimeKit is not loaded for them) and never taking one that MimeKit would refuse or read otherwise.
/// </summary>
public sealed class SenderAddressTests
{
    [Theory]
    [InlineData("webmaster@localhost", "webmaster@localhost", "")]
    [InlineData("webmaster@example.com", "webmaster@example.com", "")]
    [InlineData("no-reply+djoser@mail.example-site.co.uk", "no-reply+djoser@mail.example-site.co.uk", "")]
    [InlineData("o'brien.{x}|y~@a1.b2", "o'brien.{x}|y~@a1.b2", "")]
    [InlineData("Example <webmaster@example.com>", "webmaster@example.com", "Example")]
    [InlineData("Example Team Support <a.b@example.com>", "a.b@example.com", "Example Team Support")]
    public void Plain_forms_are_recognised_and_read_by_MimeKit_alike(string text, string address, string name)
    {
        Assert.True(DjoserSenderAddress.IsPlain(text));
        Assert.True(MailboxAddress.TryParse(text, out var mailbox));
        Assert.Equal(address, mailbox.Address);
        Assert.Equal(name, mailbox.Name ?? string.Empty);
    }

    [Theory]
    [InlineData("\"Example, Inc.\" <webmaster@example.com>")]
    [InlineData("webmaster@[127.0.0.1]")]
    [InlineData("Example  <webmaster@example.com>")]
    [InlineData("webmaster@example.com.")]
    [InlineData("Exämple <webmaster@example.com>")]
    public void Other_forms_are_left_to_MimeKit(string text)
    {
        Assert.False(DjoserSenderAddress.IsPlain(text));
        Assert.Equal(MailboxAddress.TryParse(text, out _), DjoserSenderAddress.IsValid(text));
    }

    [Theory]
    [InlineData("not an address <")]
    [InlineData("a@b@c")]
    [InlineData("<>")]
    public void Senders_MimeKit_refuses_are_refused(string text)
    {
        Assert.False(MailboxAddress.TryParse(text, out _));
        Assert.False(DjoserSenderAddress.IsValid(text));
    }

    [Theory]
    [InlineData(null, false)] // the default sender, webmaster@localhost
    [InlineData("Example Team <no-reply@example.com>", false)]
    [InlineData("\"Example, Inc.\" <no-reply@example.com>", true)]
    public void Checking_a_plain_sender_does_not_load_MimeKit(string? from, bool loadsMimeKit)
    {
        var context = new RecordingLoadContext();
        var runtime = context.LoadRuntime();
        var options = Activator.CreateInstance(runtime.GetType(typeof(DjoserOptions).FullName!, throwOnError: true)!)!;
        if (from is not null)
        {
            var email = options.GetType().GetProperty(nameof(DjoserOptions.Email))!.GetValue(options)!;
            email.GetType().GetProperty(nameof(DjoserEmailOptions.From))!.SetValue(email, from);
        }

        var validator = Activator.CreateInstance(runtime.GetType(typeof(DjoserEmailOptionsValidator).FullName!, throwOnError: true)!)!;
        var result = validator.GetType().GetMethod(nameof(DjoserEmailOptionsValidator.Validate))!.Invoke(validator, [null, options])!;

        Assert.True((bool)result.GetType().GetProperty("Succeeded")!.GetValue(result)!);
        Assert.Equal(loadsMimeKit, context.Requested.Contains("MimeKit"));
    }

    [Fact]
    public void Generated_senders_are_judged_as_MimeKit_judges_them()
    {
        // Strings near the plain grammar, with a tenth of their characters drawn from RFC 5322's specials and beyond.
        var random = new Random(20261202);
        const string atext = "abcxyzABCXYZ019!#$%&'*+-/=?^_`{|}~";
        const string noise = " .@<>\"(),:;[]\\\té-";
        var plain = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = Generate(random, atext, noise);
            var mimeKit = MailboxAddress.TryParse(text, out var mailbox);
            Assert.True(mimeKit == DjoserSenderAddress.IsValid(text), $"'{text}': MimeKit {mimeKit}");
            if (DjoserSenderAddress.IsPlain(text))
            {
                plain++;
                var open = text.IndexOf('<', StringComparison.Ordinal);
                Assert.Equal(open < 0 ? text : text[(open + 1)..^1], mailbox!.Address);
            }
        }

        Assert.InRange(plain, 2_000, 19_000);
    }

    private static string Generate(Random random, string atext, string noise)
    {
        var builder = new StringBuilder();
        void Chars(string alphabet, int count)
        {
            for (var i = 0; i < count; i++)
            {
                builder.Append(random.Next(10) == 0 ? noise[random.Next(noise.Length)] : alphabet[random.Next(alphabet.Length)]);
            }
        }

        void Dotted(string alphabet)
        {
            var parts = random.Next(1, 4);
            for (var p = 0; p < parts; p++)
            {
                if (p > 0)
                {
                    builder.Append('.');
                }

                Chars(alphabet, random.Next(1, 6));
            }
        }

        var named = random.Next(3) == 0;
        if (named)
        {
            Chars(atext, random.Next(1, 6));
            builder.Append(random.Next(2) == 0 ? " " : " Team ");
            builder.Append('<');
        }

        Dotted(atext);
        builder.Append('@');
        Dotted("abcxyz019-");
        if (named)
        {
            builder.Append('>');
        }

        return builder.ToString();
    }
}
