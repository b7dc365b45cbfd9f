using System.Globalization;
using System.Text;

namespace Djoser.IntegrationTests.Fuzzing;

/// <summary>One field value in two spellings: raw JSON text (which may be invalid JSON on purpose) and form text.</summary>
public sealed record FuzzValue(string Json, string Form)
{
    public static FuzzValue String(string text) => new(JsonString(text), text);

    public static FuzzValue Raw(string json) => new(json, json);

    /// <summary>A JSON string literal; characters outside printable ASCII are escaped, so a lone surrogate stays one.</summary>
    public static string JsonString(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c is < ' ' or > '~')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}

/// <summary>What the fuzzer knows of the app under test: a real user and its credentials, for requests that get past authentication.</summary>
public sealed record FuzzCredentials(string Email, string Password, string Token, string? JwtAccess, string? JwtRefresh, string Uid, string UserId);

/// <summary>A request the generator made, described well enough to replay it by hand from a failure message.</summary>
public sealed record FuzzRequest(string Method, string Path, string Pattern, string? ContentType, byte[]? Body, long? DeclaredLength, IReadOnlyList<(string Name, string Value)> Headers, string Recipe)
{
    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Body.Length > 200 ? $"{Body.Length} bytes" : Convert.ToHexString(Body);
        var headers = string.Join(", ", Headers.Select(h => $"{h.Name}: {(h.Value.Length > 80 ? h.Value[..80] + $"…({h.Value.Length})" : h.Value)}"));
        return $"{Method} {(Path.Length > 120 ? Path[..120] + "…" : Path)} [{Recipe}] Content-Type: {ContentType ?? "(none)"}; {headers}; body {body}";
    }
}

/// <summary>
/// A deterministic generator of hostile requests (issue 11): from one seed, the same requests every run. Each request
/// starts from a payload the endpoint would accept and breaks one or more things: field values, the body's framing and
/// encoding, the media type and charset, the credentials, the method and the path.
/// </summary>
public sealed class FuzzInput(int seed, FuzzCredentials credentials)
{
    private static readonly string[] AnyMethod = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "FOO", "get"];

    private static readonly string[] AllFields =
        ["email", "password", "re_password", "current_password", "new_password", "re_new_password", "new_email", "re_new_email",
         "uid", "token", "first_name", "last_name", "refresh", "id", "is_active", "username"];

    private readonly Random _random = new(seed);
    private int _serial;

    /// <summary>The next request to <paramref name="endpoint"/>.</summary>
    public FuzzRequest Next(FuzzEndpoint endpoint)
    {
        _serial++;
        var recipe = new List<string>();
        var method = Chance(0.8) ? Pick(endpoint.Methods) : Pick(AnyMethod);
        var path = PathFor(endpoint.Pattern, recipe);
        var headers = new List<(string, string)>();
        if (Authorization(endpoint, recipe) is { } authorization)
        {
            headers.Add(("Authorization", authorization));
            if (Chance(0.03))
            {
                headers.Add(("Authorization", Pick(["Token x", "Basic", authorization])));
                recipe.Add("two-authorization");
            }
        }

        if (Chance(0.3))
        {
            headers.Add(("Accept", Pick(["application/json", "*/*", "text/html", "application/json; indent=4", "application/xml", "garbage;;;",
                "application/json; q=0", "text/*;q=abc", "", "applicätion/json", "application/json; indent=-1", "application/json; indent=99999999999"])));
        }

        if (Chance(0.05))
        {
            headers.Add(Pick<(string, string)>([("Content-Encoding", "gzip"), ("Cookie", "sessionid=\u00fc; csrftoken=;;;"), ("Origin", "null"),
                ("X-Forwarded-Host", "\u00fcber..example"), ("Expect", "100-continue"), ("Content-Language", "\u00e9")]));
            recipe.Add("extra-header");
        }

        var (contentType, body) = Chance(0.12) ? (null, null) : Body(endpoint, recipe);
        if (body is not null && Chance(0.15))
        {
            // Only when the media type is absent altogether or chosen at random: the body's own type is then a lie.
            contentType = ContentTypeOnly(recipe);
        }

        long? declared = null;
        if (body is { Length: > 0 } && Chance(0.06))
        {
            // A Content-Length longer than the body (the server sees it end early) or shorter (the rest is never read).
            var longer = Chance(0.5);
            declared = longer ? body.Length + _random.Next(1, 50) : _random.Next(body.Length);
            recipe.Add(longer ? "length-too-long" : "length-too-short");
        }

        return new FuzzRequest(method, path, endpoint.Pattern, contentType, body, declared, headers, string.Join('+', recipe));
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> choices) => choices[_random.Next(choices.Count)];

    private string PathFor(string pattern, List<string> recipe)
    {
        var path = pattern;
        if (path.Contains("{id}", StringComparison.Ordinal))
        {
            var id = Chance(0.3) ? credentials.UserId : Pick(
                ["1", "0", "-1", "99999999999999999999999999999", new string('9', 5000), "%C3%BC", "%FF", "abc", "1.5", "me", "%20",
                 "1%2F2", "\u00fc", "1e3", "+1", "0x10", "%2e%2e", "NaN", "\ud83d\ude00", "1 ", "-0", "2147483648", "9223372036854775808"]);
            path = path.Replace("{id}", id, StringComparison.Ordinal);
            recipe.Add("id");
        }

        // Catch-all segments of an unanchored drf-jwt URL (spec §12): whatever follows the path still reaches the view.
        path = path.Replace("{**djoserRest}", Pick(["", "x", "a/b/c", "\u00fc", ".json", "%2F", new string('r', 3000)]), StringComparison.Ordinal)
            .Replace("{djoserSuffix}", Pick(["x", "-anything", ".json", "\u00fc", "%20"]), StringComparison.Ordinal);
        if (Chance(0.1))
        {
            recipe.Add("path");
            path = _random.Next(6) switch
            {
                0 => path.TrimEnd('/'),
                1 => path + "?format=json",
                2 => path + "?%00=%00&a=" + new string('a', 3000),
                3 => path.Replace("/auth/", "/auth//", StringComparison.Ordinal),
                4 => path.ToUpperInvariant(),
                // A NUL in the path cannot pass the test server's client (it refuses it itself); the Kestrel pass sends one.
                _ => path + "%C0%AF",
            };
        }

        return path;
    }

    private string? Authorization(FuzzEndpoint endpoint, List<string> recipe)
    {
        // Most requests carry credentials that work, so that bodies reach the actions behind authentication; but a
        // token logout by any of them deletes the one real token, which would leave every later request unauthenticated.
        var loggingOut = endpoint.UrlName.Contains("logout", StringComparison.Ordinal) || endpoint.UrlName.Contains("destroy", StringComparison.Ordinal);
        var roll = _random.NextDouble();
        if (roll < 0.2)
        {
            return null;
        }

        recipe.Add("auth");
        if (loggingOut && roll < 0.75)
        {
            roll = 0.75;
        }

        if (roll < 0.5)
        {
            return (Chance(0.9) ? "Token " : Pick(["token ", "TOKEN ", "Token  "])) + credentials.Token;
        }

        if (roll < 0.65 && credentials.JwtAccess is { } access)
        {
            return Pick(["Bearer ", "JWT ", "bearer "]) + (Chance(0.8) ? access : Mutate(access));
        }

        if (roll < 0.75)
        {
            return "Basic " + Base64($"{credentials.Email}:{(Chance(0.5) ? credentials.Password : "wrong-Password-1")}");
        }

        var huge = new string('A', 16 * 1024);
        return _random.Next(30) switch
        {
            0 => "Token",
            1 => "Token ",
            2 => "Token " + new string(' ', 60) + "x",
            3 => "Token a b",
            4 => "Token " + huge,
            5 => "Token \u00fc\u00f1\u00ef",
            6 => "Token \u0000",
            7 => "Bearer",
            8 => "Bearer x.y.z",
            9 => "Bearer eyJhbGciOiJub25lIn0.eyJ1c2VyX2lkIjoxfQ.",
            10 => "JWT " + Base64(huge) + "." + Base64(huge) + "." + Base64(huge),
            11 => "Bearer " + (credentials.JwtRefresh ?? "a.b.c"),
            12 => "Basic",
            13 => "Basic ",
            14 => "Basic !!!!",
            15 => "Basic " + Base64("nocolon"),
            16 => "Basic " + Base64(":"),
            17 => "Basic " + Convert.ToBase64String(Encoding.Latin1.GetBytes("\u00fc:\u00fc")),
            18 => "Basic " + Convert.ToBase64String([0xFF, 0xFE, 0x3A, 0xC0, 0xAF]),
            19 => "Basic " + Base64(huge + ":" + huge),
            20 => "Basic " + Base64("\u00fcser@example.com:" + huge),
            21 => "Digest username=\"x\"",
            22 => "Negotiate",
            23 => string.Empty,
            24 => " ",
            25 => "\t",
            26 => huge,
            27 => "T\u00f6k\u00e9n x",
            28 => "Basic " + Base64("a:b") + new string(' ', 40) + "==",
            _ => "Token " + Mutate(credentials.Token),
        };
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>The token with one character changed, cut short or lengthened.</summary>
    private string Mutate(string token)
    {
        if (token.Length == 0)
        {
            return "x";
        }

        var at = _random.Next(token.Length);
        return _random.Next(3) switch
        {
            0 => token[..at] + (char)('a' + _random.Next(26)) + token[(at + 1)..],
            1 => token[..at],
            _ => token + token,
        };
    }

    private IReadOnlyList<string> FieldsOf(FuzzEndpoint endpoint) => endpoint.Permission switch
    {
        "UserCreate" => ["email", "password", "re_password", "first_name", "last_name"],
        "Activation" => ["uid", "token"],
        "PasswordReset" or "UsernameReset" => ["email"],
        "SetPassword" => ["new_password", "re_new_password", "current_password"],
        "SetUsername" => ["new_email", "re_new_email", "current_password"],
        "PasswordResetConfirm" => ["uid", "token", "new_password", "re_new_password"],
        "UsernameResetConfirm" => ["uid", "token", "new_email", "re_new_email"],
        "TokenCreate" => ["email", "password"],
        "UserDelete" => ["current_password"],
        "User" => ["email", "first_name", "last_name"],
        _ when endpoint.UrlName == "jwt-create" => ["email", "password"],
        _ when endpoint.UrlName is "jwt-refresh" or "jwt-logout" => ["refresh"],
        _ when endpoint.UrlName == "jwt-verify" => ["token"],
        _ => AllFields,
    };

    private List<(string Name, FuzzValue Value)> Fields(FuzzEndpoint endpoint, List<string> recipe)
    {
        var names = FieldsOf(endpoint).ToList();
        if (Chance(0.1))
        {
            names.Add(Pick(AllFields));
        }

        var fields = new List<(string, FuzzValue)>();
        foreach (var name in names)
        {
            if (Chance(0.08))
            {
                recipe.Add("missing:" + name);
                continue;
            }

            if (Chance(0.35))
            {
                recipe.Add("bad:" + name);
                fields.Add((name, BadValue()));
            }
            else
            {
                fields.Add((name, GoodValue(endpoint, name)));
            }
        }

        if (Chance(0.04))
        {
            fields.Add((Pick(["\u0000", "", "\ud800", new string('k', 10000), "\u00fc", "__proto__", "constructor"]), FuzzValue.String("v")));
            recipe.Add("odd-name");
        }

        return fields;
    }

    /// <summary>
/// A value the field would accept. Nothing may end the fuzz user's credentials: passwords are never the real one except
/// to log in, and its own profile keeps its e-mail address.
/// </summary>
    private FuzzValue GoodValue(FuzzEndpoint endpoint, string name)
    {
        var loggingIn = endpoint.Permission == "TokenCreate" || endpoint.UrlName == "jwt-create";
        return name switch
        {
            // A profile update to a new address deactivates the user in 1.x and 2.x (spec: eras), ending the run's credentials.
            "email" when endpoint.Permission == "User" => FuzzValue.String(credentials.Email),
            "email" or "new_email" or "re_new_email" => FuzzValue.String(Chance(0.3) ? credentials.Email : $"fuzz-{seed}-{_serial}@example.com"),
            "password" when loggingIn && Chance(0.3) => FuzzValue.String(credentials.Password),
            "password" or "re_password" or "new_password" or "re_new_password" or "current_password" => FuzzValue.String($"Fuzz-pass-{_serial}x"),
            "uid" => Chance(0.5) ? FuzzValue.String(credentials.Uid) : BadUid(),
            "token" when endpoint.UrlName == "jwt-verify" => FuzzValue.String(credentials.JwtAccess is { } access && Chance(0.6) ? access : "a.b.c"),
            "token" => BadToken(),
            "refresh" => FuzzValue.String(credentials.JwtRefresh is { } refresh ? (Chance(0.6) ? refresh : Mutate(refresh)) : "a.b.c"),
            "id" => FuzzValue.Raw(credentials.UserId),
            "is_active" => FuzzValue.Raw("true"),
            _ => FuzzValue.String("Ann"),
        };
    }

    private FuzzValue BadUid() => FuzzValue.String(Pick(
        ["", "MQ", "Mg", "LTE", "bm90LWEta2V5", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "%00", "\u0000", "\u00fc", new string('A', 10000), "!!!", "MQ==", "MQ.",
         "===", "../..", "MA", "_-_-", "\ud800", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]));

    private FuzzValue BadToken() => FuzzValue.String(Pick(
        ["", "abc", "5ow-0123456789abcdef0123", "set-" + new string('x', 16 * 1024), "a-b-c", "\u0000", "\u00fc-\u00fc", "1-1", "zzzzzz-" + new string('f', 32),
         "0-0", "-", "--", ".", "\ud800-1", "9999999999999999999999-ab"]));

    private FuzzValue BadValue() => _random.Next(40) switch
    {
        0 => FuzzValue.Raw("null"),
        1 => FuzzValue.Raw("true"),
        2 => FuzzValue.Raw("0"),
        3 => FuzzValue.Raw("-0"),
        4 => FuzzValue.Raw("1e309"),
        5 => FuzzValue.Raw("-1e309"),
        6 => FuzzValue.Raw("1e-400"),
        7 => FuzzValue.Raw("9223372036854775808"),
        8 => FuzzValue.Raw("-9223372036854775809"),
        9 => FuzzValue.Raw(new string('9', 5000)),
        10 => FuzzValue.Raw("0.1"),
        11 => FuzzValue.Raw("[]"),
        12 => FuzzValue.Raw("{}"),
        13 => FuzzValue.Raw("[\"a\", 1]"),
        14 => FuzzValue.Raw("{\"a\": \"b\"}"),
        15 => FuzzValue.String(string.Empty),
        16 => FuzzValue.String("   "),
        17 => FuzzValue.String(new string('x', 100_000)),
        18 => FuzzValue.String("\u0000"),
        19 => FuzzValue.String("a\u0000b@example.com"),
        20 => FuzzValue.String("\ud800"),
        21 => FuzzValue.String("\udfff"),
        22 => FuzzValue.String("\ud83d\ude00"),
        23 => FuzzValue.String("\uffff\ufffe"),
        24 => FuzzValue.String("\ufeff"),
        25 => FuzzValue.String("\u202eevil"),
        26 => FuzzValue.String("e\u0301\u0301\u0301"),
        27 => FuzzValue.String("\t\n\r"),
        28 => FuzzValue.Raw("NaN"),
        29 => FuzzValue.Raw("Infinity"),
        30 => FuzzValue.Raw(new string('[', 10_000) + new string(']', 10_000)),
        31 => FuzzValue.String("\u00fc@ex\u00e4mple.com"),
        32 => FuzzValue.String("@"),
        33 => FuzzValue.String(new string('x', 300) + "@example.com"),
        34 => FuzzValue.String("1"),
        35 => FuzzValue.Raw("1.7976931348623157e308"),
        36 => FuzzValue.Raw("\"unterminated"),
        37 => FuzzValue.Raw("'single'"),
        38 => FuzzValue.Raw("123456789012345678901234567890.5e-3"),
        _ => FuzzValue.String("x@example.com\u0000"),
    };

    private (string? ContentType, byte[]? Body) Body(FuzzEndpoint endpoint, List<string> recipe)
    {
        var fields = Fields(endpoint, recipe);
        return _random.Next(10) switch
        {
            < 6 => Json(fields, recipe),
            < 8 => Form(fields, recipe),
            _ => Multipart(fields, recipe),
        };
    }

    private (string?, byte[]?) Json(List<(string Name, FuzzValue Value)> fields, List<string> recipe)
    {
        var members = fields.Select(f => FuzzValue.JsonString(f.Name) + ": " + f.Value.Json).ToList();
        if (members.Count > 0 && Chance(0.05))
        {
            members.Add(members[_random.Next(members.Count)]);
            recipe.Add("duplicate-key");
        }

        var text = "{" + string.Join(", ", members) + "}";
        if (Chance(0.25))
        {
            recipe.Add("shape");
            text = _random.Next(14) switch
            {
                0 => "[" + text + "]",
                1 => Pick(["\"text\"", "42", "null", "true", "[]", "1e309"]),
                2 => string.Empty,
                3 => " \r\n\t ",
                4 => new string('[', 10_000) + new string(']', 10_000),
                5 => string.Concat(Enumerable.Repeat("{\"a\": ", 10_000)) + "1" + new string('}', 10_000),
                6 => text[..Math.Max(0, _random.Next(text.Length))],
                7 => text + "}garbage",
                8 => text + text,
                9 => "/* comment */" + text,
                10 => text.Replace("}", ", }", StringComparison.Ordinal),
                11 => text.Replace('"', '\''),
                12 => "{\"email\": \"" + new string('x', 3 * 1024 * 1024) + "\"}",
                _ => "{" + string.Join(", ", Enumerable.Range(0, 5000).Select(i => $"\"f{i}\": {i}")) + "}",
            };
        }

        var (contentType, bytes) = Encode(text, recipe);
        if (Chance(0.1))
        {
            bytes = CorruptUtf8(bytes, recipe);
        }

        return (contentType, bytes);
    }

    /// <summary>A JSON media type, with its charset, and the text encoded to match (or, sometimes, not).</summary>
    private (string, byte[]) Encode(string text, List<string> recipe)
    {
        switch (_random.Next(16))
        {
            case 0:
                recipe.Add("latin-1");
                return ("application/json; charset=latin-1", Encoding.Latin1.GetBytes(text));
            case 1:
                recipe.Add("utf-16-bom");
                return ("application/json; charset=utf-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
            case 2:
                recipe.Add("utf-16le");
                return ("application/json; charset=utf-16le", Encoding.Unicode.GetBytes(text));
            case 3:
                recipe.Add("utf-16-no-bom");
                return ("application/json; charset=utf-16", Encoding.BigEndianUnicode.GetBytes(text));
            case 4:
                recipe.Add("charset");
                return ("application/json; charset=" + Pick(["utf-7", "klingon", "\"utf-8\"", "UTF8", "utf-32", "cp1252", "ascii", "", "utf-8; charset=latin-1", "\u00fc"]),
                    Encoding.UTF8.GetBytes(text));
            case 5:
                recipe.Add("utf-8-bom");
                return ("application/json", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
            case 6:
                recipe.Add("json-type");
                return (Pick(["APPLICATION/JSON", "application/json;;;", "application/json; foo", "application/json; charset", "application/vnd.api+json",
                    "application/json, text/plain", "application/json; boundary=x", "application/json; charset=utf-8; charset=utf-16"]), Encoding.UTF8.GetBytes(text));
            default:
                return (Chance(0.5) ? "application/json" : "application/json; charset=utf-8", Encoding.UTF8.GetBytes(text));
        }
    }

    private byte[] CorruptUtf8(byte[] bytes, List<string> recipe)
    {
        byte[] bad = Pick<byte[]>([[0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xC3], [0x00], [0xF4, 0x90, 0x80, 0x80]]);
        recipe.Add("raw-bytes:" + Convert.ToHexString(bad));
        var at = bytes.Length == 0 ? 0 : _random.Next(bytes.Length);
        return [.. bytes.AsSpan(0, at), .. bad, .. bytes.AsSpan(at)];
    }

    private (string?, byte[]?) Form(List<(string Name, FuzzValue Value)> fields, List<string> recipe)
    {
        var pairs = fields.Select(f => Uri.EscapeDataString(Scrub(f.Name)) + "=" + Uri.EscapeDataString(Scrub(f.Value.Form))).ToList();
        if (Chance(0.3))
        {
            recipe.Add("form-raw");
            var raw = Pick(["%00", "%FF", "%zz", "%", "&&&", "=x", "k", "+", "\u00fc=\u00fc", "email=%00", "email=a%00b", "a=%C0%AF", "=",
                "email=x&email=y", "password=%ED%A0%80"]);
            pairs.Insert(_random.Next(pairs.Count + 1), raw);
        }

        if (Chance(0.02))
        {
            pairs.AddRange(Enumerable.Range(0, 1001).Select(i => $"f{i}=v"));
            recipe.Add("form-many");
        }

        var text = string.Join('&', pairs);
        var charset = Chance(0.15) ? Pick(["; charset=latin-1", "; charset=utf-16", "; charset=utf-7", "; charset=klingon", "; charset=cp1252"]) : string.Empty;
        var bytes = charset.Contains("utf-16", StringComparison.Ordinal) ? Encoding.Unicode.GetBytes(text) : Encoding.UTF8.GetBytes(text);
        if (Chance(0.1))
        {
            bytes = CorruptUtf8(bytes, recipe);
        }

        return ("application/x-www-form-urlencoded" + charset, bytes);
    }

    // Uri.EscapeDataString refuses lone surrogates; UTF-8 would turn them into U+FFFD anyway.
    private static string Scrub(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private (string?, byte[]?) Multipart(List<(string Name, FuzzValue Value)> fields, List<string> recipe)
    {
        var boundary = Chance(0.7) ? "fuzz-boundary" : Pick(["b", new string('b', 70), new string('b', 200), "with space", "\u00fc", "--", "a\"b", "x;y", "=", "\t"]);
        var header = boundary.Length > 0 && Chance(0.8) ? $"multipart/form-data; boundary=\"{boundary}\"" : Pick(
            ["multipart/form-data", "multipart/form-data; boundary=", $"multipart/form-data; boundary={boundary}", "multipart/mixed; boundary=b",
             "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=b; boundary=c"]);
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            body.Append("--").Append(boundary).Append("\r\n");
            body.Append(_random.Next(12) switch
            {
                0 => $"Content-Disposition: form-data; name=\"{name}\"; filename=\"x.txt\"\r\nContent-Type: text/plain\r\n",
                1 => "Content-Type: text/plain\r\n",
                2 => $"Content-Disposition: form-data; name={name}\r\n",
                3 => $"Content-Disposition: form-data; name*=UTF-8''%C3%BC{name}\r\n",
                4 => $"Content-Disposition: garbage;;;\r\n",
                5 => "Content-Disposition: form-data; name=\"" + new string('n', 20_000) + "\"\r\n",
                _ => $"Content-Disposition: form-data; name=\"{name}\"\r\n",
            });
            body.Append("\r\n").Append(Scrub(value.Form)).Append("\r\n");
        }

        body.Append(Chance(0.9) ? $"--{boundary}--\r\n" : Pick(["--", string.Empty, $"--{boundary}", "\r\n\r\n"]));
        recipe.Add("multipart");
        return (header, Encoding.UTF8.GetBytes(body.ToString()));
    }

    private string? ContentTypeOnly(List<string> recipe)
    {
        recipe.Add("content-type");
        return Pick<string?>([null, "text/plain", "garbage", "text/html; charset=utf-8", "*/*", "application/octet-stream", "application/xml", ";", "/",
            "application/", "multipart/mixed", "application/json\u00fc", "application/x-www-form-urlencoded; charset=\u00fc", "text/plain; charset=utf-7"]);
    }
}

/// <summary>One djoser route as mapped: its pattern, methods, djoser URL name, permission key, and whether it is a view's own (named) route.</summary>
public sealed record FuzzEndpoint(string Pattern, IReadOnlyList<string> Methods, string UrlName, string? Permission, bool Named);
