namespace Djoser.Model;

/// <summary>Which serializer's key order a user object is written in (spec §2.1).</summary>
public enum DjoserUserShape
{
    /// <summary><c>REQUIRED_FIELDS</c>, primary key, <c>USERNAME_FIELD</c> (GET/PUT/PATCH me).</summary>
    User,

    /// <summary><c>REQUIRED_FIELDS</c>, <c>USERNAME_FIELD</c>, primary key (the 201 of registration).</summary>
    Created,
}
