using System.Globalization;
using System.Text;
using System.Text.Json;
using Djoser.Binding;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;
using Xunit.Sdk;
using static Djoser.Runtime.Tests.Binding.BindingTestSupport;

namespace Djoser.Runtime.Tests.Binding;

/// <summary>
/// Random bodies and content types against the reader, from a fixed seed: every outcome must be a body whose every
/// field can be read, or a 4xx whose body is DRF-shaped JSON. A failure prints the case to replay.
/// </summary>
public sealed class DjoserBodyReaderFuzzTests
{
    private const int Seed = 0x0D705E7;
    private const int Cases = 4000;
    private const int Limit = 4096;
    private const string Boundary = "fuzzBoundary";

    private static readonly string[] JsonTypes =
    [
        "application/json", "application/json; charset=utf-8", "APPLICATION/JSON;charset=UTF-8", "application/json; charset=\"utf-8\"",
        "application/json; charset=latin-1", "application/json; charset=utf-16", "application/json; charset=windows-1252",
        "application/json; charset=us-ascii", "application/json; charset=klingon", "application/json; charset=utf-7", "application/json; charset=",
    ];

    private static readonly string[] FormTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
        "application/x-www-form-urlencoded; charset=latin1", "application/x-www-form-urlencoded; charset=nope",
    ];

    private static readonly string[] MultipartTypes =
    [
        $"multipart/form-data; boundary={Boundary}", $"multipart/form-data; boundary=\"{Boundary}\"", "multipart/form-data",
        "multipart/form-data; boundary=other", "multipart/form-data; boundary=", $"multipart/form-data; boundary={Boundary}; charset=utf-8",
    ];

    private static readonly string?[] OtherTypes =
    [
        null, string.Empty, "text/plain", "text/plain; charset=utf-8", "garbage", "application/json;;", "*/*", "application/*",
        "application/xml", "application/vnd.api+json", "multipart/mixed; boundary=x", "application/json, text/plain",
    ];

    private static readonly string[] Names = ["a", "email", "password", "re_password", "first_name", "é", "😀", "", " ", "a\u0000b"];

    private enum Shape
    {
        RandomBytes,
        JsonObject,
        EscapedStrings,
        DeepNesting,
        HugeNumbers,
        NearTheLimit,
        UrlEncoded,
        Multipart,
    }

    [Fact]
    public async Task ReadAsync_RandomBodies_AreAReadableBodyOrA4xxJsonError()
    {
        var random = new Random(Seed);
        var outcomes = new SortedDictionary<int, int>();
        for (var i = 0; i < Cases; i++)
        {
            var shape = (Shape)random.Next(Enum.GetValues<Shape>().Length);
            var bytes = Body(random, shape);
            var contentType = ContentType(random, shape);
            var declared = random.Next(10) switch
            {
                < 6 => bytes.Length,
                < 8 => (long?)null,
                8 => bytes.Length + 1 + random.Next(100),
                _ => Math.Max(0, bytes.Length - random.Next(1, 20)),
            };
            var aborts = random.Next(40) == 0;

            var replay = $"case {i}: {shape}, Content-Type {contentType ?? "(none)"}, Content-Length {declared?.ToString(CultureInfo.InvariantCulture) ?? "(chunked)"}, "
                + $"{bytes.Length} bytes{(aborts ? ", aborted" : string.Empty)}: {Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, 96))}";
            int outcome;
            try
            {
                outcome = await CheckAsync(contentType, bytes, declared, aborts);
            }
            catch (Exception exception) when (exception is not XunitException)
            {
                throw new XunitException($"{replay}\nthrew {exception}");
            }
            catch (XunitException exception)
            {
                throw new XunitException($"{replay}\n{exception.Message}");
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The generator must reach every kind of outcome, or it is not testing what it claims to.
        Assert.Equal(new[] { 0, 400, 413, 415 }, outcomes.Keys);
        Assert.All(outcomes.Values, count => Assert.True(count >= 50, string.Join(", ", outcomes)));
    }

    /// <summary>0 for a body that was read, else the error's status.</summary>
    private static async Task<int> CheckAsync(string? contentType, byte[] bytes, long? declared, bool aborts)
    {
        var context = Request(contentType, null, declared);
        context.Request.Body = aborts ? new AbortingStream(bytes) : new MemoryStream(bytes);
        if (declared is null)
        {
            context.Request.Headers.TransferEncoding = "chunked";
        }

        var (body, error) = await DjoserBodyReader.ReadAsync(context.Request, Limit, CancellationToken.None);
        if (error is null)
        {
            Assert.NotNull(body);
            ReadEveryField(context, body, contentType, bytes, declared);
            return 0;
        }

        Assert.Null(body);
        var (status, text, response) = await ExecuteAsync(error);
        Assert.InRange(status, 400, 499);
        Assert.Equal("application/json", response.ContentType);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var property = Assert.Single(root.EnumerateObject());
        if (property.Name == "detail")
        {
            Assert.False(string.IsNullOrEmpty(property.Value.GetString()));
        }
        else
        {
            Assert.Equal(DjoserValidationErrors.NonFieldErrorsKey, property.Name);
            Assert.False(string.IsNullOrEmpty(Assert.Single(property.Value.EnumerateArray()).GetString()));
        }

        // The media type is judged before a byte is read (DRF picks its parser first), then the declared size.
        if (declared > Limit && status != 415)
        {
            Assert.Equal(413, status);
        }

        return status;
    }

    private static void ReadEveryField(HttpContext context, DjoserRequestBody body, string? contentType, byte[] bytes, long? declared)
    {
        var names = new List<string>(Names);
        if (body == DjoserRequestBody.Empty)
        {
            // No body was read, so there is nothing of the request's own to list.
        }
        else if (context.Request.HasFormContentType)
        {
            names.AddRange(context.Request.Form.Keys);
        }
        else
        {
            // Whatever the reader accepted must be text: the names of its own parse have to decode.
            var length = (int)Math.Min(declared ?? bytes.Length, bytes.Length);
            using var document = JsonDocument.Parse(Utf8Of(contentType!, bytes.AsSpan(0, length)));
            names.AddRange(document.RootElement.EnumerateObject().Select(property => property.Name));
        }

        var errors = new DjoserValidationErrors();
        foreach (var name in names)
        {
            body.Contains(name);
            body.ReadString(name, DjoserFieldRules.AllowNull | DjoserFieldRules.AllowBlank, errors);
            body.ReadString(name, DjoserFieldRules.Required | DjoserFieldRules.Email, errors, maxLength: 254);
            body.ReadNullableValue(name, DjoserFieldRules.AllowNull, DjoserValueConverters.Int64, errors);
            body.ReadNullableValue(name, DjoserFieldRules.AllowNull, DjoserValueConverters.Double, errors);
            body.ReadNullableValue(name, DjoserFieldRules.AllowNull, DjoserValueConverters.Decimal, errors);
            body.ReadNullableValue(name, DjoserFieldRules.AllowNull, DjoserValueConverters.Boolean, errors);
            body.ReadNullableValue(name, DjoserFieldRules.AllowNull, DjoserValueConverters.Guid, errors);
            body.ReadNullableValue(name, DjoserFieldRules.AllowNull, DjoserValueConverters.DateTimeOffset, errors);
        }
    }

    private static byte[] Utf8Of(string contentType, ReadOnlySpan<byte> bytes)
    {
        var charset = contentType.Contains("latin-1", StringComparison.Ordinal) ? Encoding.Latin1
            : contentType.Contains("utf-16", StringComparison.Ordinal) ? Encoding.Unicode
            : contentType.Contains("windows-1252", StringComparison.Ordinal) ? CodePagesEncodingProvider.Instance.GetEncoding(1252)!
            : contentType.Contains("us-ascii", StringComparison.Ordinal) ? Encoding.ASCII
            : null;
        return charset is null ? bytes.ToArray() : Encoding.UTF8.GetBytes(charset.GetString(bytes));
    }

    private static string? ContentType(Random random, Shape shape)
    {
        if (random.Next(6) == 0)
        {
            return random.Next(3) == 0 ? RandomAscii(random, random.Next(1, 40)) : Pick(random, OtherTypes);
        }

        return shape switch
        {
            Shape.UrlEncoded => random.Next(8) == 0 ? Pick(random, JsonTypes) : Pick(random, FormTypes),
            Shape.Multipart => random.Next(8) == 0 ? Pick(random, FormTypes) : Pick(random, MultipartTypes),
            Shape.RandomBytes => Pick(random, [.. JsonTypes, .. FormTypes, .. MultipartTypes]),
            _ => random.Next(4) == 0 ? Pick(random, JsonTypes) : "application/json",
        };
    }

    private static byte[] Body(Random random, Shape shape) => shape switch
    {
        Shape.RandomBytes => RandomBytes(random, random.Next(0, 300)),
        Shape.JsonObject => Corrupt(random, Encoding.UTF8.GetBytes(JsonObject(random, depth: 0))),
        Shape.EscapedStrings => Encoding.UTF8.GetBytes(EscapedStrings(random)),
        Shape.DeepNesting => Encoding.UTF8.GetBytes(DeepNesting(random)),
        Shape.HugeNumbers => Encoding.UTF8.GetBytes(HugeNumbers(random)),
        Shape.NearTheLimit => NearTheLimit(random),
        Shape.UrlEncoded => Corrupt(random, UrlEncoded(random)),
        _ => Multipart(random),
    };

    private static string JsonObject(Random random, int depth)
    {
        var members = Enumerable.Range(0, random.Next(0, 6)).Select(_ => $"{JsonString(random)}: {JsonValue(random, depth)}");
        return "{" + string.Join(", ", members) + "}";
    }

    private static string JsonValue(Random random, int depth) => random.Next(depth > 3 ? 6 : 8) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
        3 => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
        4 or 5 => JsonString(random),
        6 => "[" + string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => JsonValue(random, depth + 1))) + "]",
        _ => JsonObject(random, depth + 1),
    };

    private static string JsonString(Random random)
    {
        if (random.Next(3) == 0)
        {
            return JsonSerializer.Serialize(Pick(random, Names));
        }

        var text = new StringBuilder();
        for (var i = random.Next(0, 12); i > 0; i--)
        {
            // Any scalar value, from ASCII to astral; JsonSerializer escapes what needs it.
            var rune = random.Next(4) switch
            {
                0 => new Rune(random.Next(0x20, 0x7F)),
                1 => new Rune(random.Next(0, 0x20)),
                2 => new Rune(random.Next(0x10000, 0x10FFFF)),
                _ => random.Next(2) == 0 ? new Rune(random.Next(0x80, 0xD800)) : new Rune(random.Next(0xE000, 0xFFFE)),
            };
            text.Append(rune.ToString());
        }

        return JsonSerializer.Serialize(text.ToString());
    }

    private static string EscapedStrings(Random random)
    {
        string Escape() => random.Next(7) switch
        {
            0 => $"\\u{random.Next(0xD800, 0xDC00):x4}",
            1 => $"\\u{random.Next(0xDC00, 0xE000):X4}",
            2 => $"\\u{random.Next(0xD800, 0xDC00):x4}\\u{random.Next(0xDC00, 0xE000):x4}",
            3 => $"\\u{random.Next(0, 0xD800):x4}",
            4 => "\\\\u" + random.Next(0xD800, 0xE000).ToString("x4", CultureInfo.InvariantCulture),
            5 => Pick(random, ["\\n", "\\\"", "\\\\", "\\/", "\\t"]),
            _ => "x",
        };

        string EscapedString() => "\"" + string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => Escape())) + "\"";
        var members = Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"{EscapedString()}: {(random.Next(3) == 0 ? "[" + EscapedString() + "]" : EscapedString())}");
        return "{" + string.Join(", ", members) + "}";
    }

    private static string DeepNesting(Random random)
    {
        var depth = random.Next(1, 200);
        var open = random.Next(2) == 0 ? "[" : "{\"a\": ";
        var close = open == "[" ? "]" : "}";
        var inner = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, random.Next(3) == 0 ? depth - 1 : depth));
        return "{\"a\": " + inner + "}";
    }

    private static string HugeNumbers(Random random)
    {
        string Number() => random.Next(6) switch
        {
            0 => new string('9', random.Next(1, 500)),
            1 => "1e" + random.Next(300, 1_000_000).ToString(CultureInfo.InvariantCulture),
            2 => "-1E-" + random.Next(300, 1_000_000).ToString(CultureInfo.InvariantCulture),
            3 => "0." + new string('0', random.Next(1, 400)) + "1",
            4 => "-" + new string('1', random.Next(18, 40)),
            _ => new string('1', random.Next(1, 30)) + "." + new string('5', random.Next(1, 30)) + "e+" + random.Next(0, 400).ToString(CultureInfo.InvariantCulture),
        };

        return "{" + string.Join(", ", Names.Take(random.Next(1, Names.Length)).Select(name => $"{JsonSerializer.Serialize(name)}: {Number()}")) + "}";
    }

    private static byte[] NearTheLimit(Random random)
    {
        var size = Limit + random.Next(-3, 4);
        var prefix = "{\"a\": \""u8.ToArray();
        return [.. prefix, .. Enumerable.Repeat((byte)'x', size - prefix.Length - 2), (byte)'"', (byte)'}'];
    }

    private static byte[] UrlEncoded(Random random)
    {
        if (random.Next(10) == 0)
        {
            // Around Django's field count limit.
            return Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, random.Next(990, 1010)).Select(i => $"f{i}=")));
        }

        string Part() => string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => random.Next(5) switch
        {
            0 => "%" + random.Next(256).ToString("X2", CultureInfo.InvariantCulture),
            1 => "%" + RandomAscii(random, random.Next(0, 2)),
            2 => "+",
            _ => RandomAscii(random, 1),
        }));

        var fields = Enumerable.Range(0, random.Next(0, 8)).Select(_ => random.Next(4) == 0 ? Pick(random, Names) + "=" + Part() : Part() + "=" + Part());
        return Encoding.UTF8.GetBytes(string.Join('&', fields));
    }

    private static byte[] Multipart(Random random)
    {
        var text = new StringBuilder();
        foreach (var name in Names.Take(random.Next(0, 5)))
        {
            text.Append(CultureInfo.InvariantCulture, $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"");
            if (random.Next(6) == 0)
            {
                text.Append("; filename=\"f.txt\"\r\nContent-Type: text/plain");
            }

            text.Append(CultureInfo.InvariantCulture, $"\r\n\r\n{RandomAscii(random, random.Next(0, 30))}\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"--{Boundary}--\r\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return random.Next(4) switch
        {
            // Truncated anywhere, a boundary broken, or random bytes inside.
            0 => bytes[..random.Next(bytes.Length + 1)],
            1 => Encoding.UTF8.GetBytes(text.ToString().Replace($"--{Boundary}", random.Next(2) == 0 ? "--" + Boundary[..5] : "-" + Boundary, StringComparison.Ordinal)),
            2 => Corrupt(random, bytes),
            _ => bytes,
        };
    }

    /// <summary>Half the time, splices an ill-formed UTF-8 sequence (or a raw surrogate) somewhere into the bytes.</summary>
    private static byte[] Corrupt(Random random, byte[] bytes)
    {
        if (random.Next(2) == 0)
        {
            return bytes;
        }

        byte[][] sequences = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC3]];
        var at = random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. Pick(random, sequences), .. bytes[at..]];
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomAscii(Random random, int length) =>
        string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)r.Next(0x20, 0x7F);
            }
        });

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A body whose connection drops halfway.</summary>
    private sealed class AbortingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= Length / 2 ? ValueTask.FromException<int>(new IOException("The client reset the request stream.")) : base.ReadAsync(buffer[..(int)Math.Clamp(Length / 2 - Position, 1, buffer.Length)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
