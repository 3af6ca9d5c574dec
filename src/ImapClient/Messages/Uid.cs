using System.Globalization;

namespace Imap;

/// <summary>
/// The unique identifier of a message within a mailbox (RFC 9051 §2.3.1.1): a nonzero 32-bit number, strictly
/// ascending in the order messages were added, and valid only together with the mailbox's UIDVALIDITY.
/// </summary>
/// <remarks><c>default(Uid)</c> has the value 0, which is no UID; every API that takes a <see cref="Uid"/> rejects it.</remarks>
public readonly record struct Uid : IComparable<Uid>
{
    /// <summary>Creates a UID.</summary>
    /// <param name="value">The UID, 1 to <see cref="uint.MaxValue"/> (RFC 9051 §9 <c>uniqueid = nz-number</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is 0.</exception>
    public Uid(uint value)
    {
        ArgumentOutOfRangeException.ThrowIfZero(value);
        Value = value;
    }

    /// <summary>The smallest UID, 1.</summary>
    public static Uid MinValue => new(1);

    /// <summary>The largest UID, 4294967295.</summary>
    public static Uid MaxValue => new(uint.MaxValue);

    /// <summary>The number (RFC 9051 §2.3.1.1).</summary>
    public uint Value { get; }

    /// <summary>Converts a number to a UID.</summary>
    /// <param name="value">The UID, 1 to <see cref="uint.MaxValue"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is 0.</exception>
    public static explicit operator Uid(uint value) => new(value);

    /// <summary>The number of a UID.</summary>
    /// <param name="uid">The UID.</param>
    public static implicit operator uint(Uid uid) => uid.Value;

    /// <summary>True when <paramref name="left"/> was assigned before <paramref name="right"/>.</summary>
    public static bool operator <(Uid left, Uid right) => left.Value < right.Value;

    /// <summary>True when <paramref name="left"/> was assigned after <paramref name="right"/>.</summary>
    public static bool operator >(Uid left, Uid right) => left.Value > right.Value;

    /// <summary>True when <paramref name="left"/> is <paramref name="right"/> or was assigned before it.</summary>
    public static bool operator <=(Uid left, Uid right) => left.Value <= right.Value;

    /// <summary>True when <paramref name="left"/> is <paramref name="right"/> or was assigned after it.</summary>
    public static bool operator >=(Uid left, Uid right) => left.Value >= right.Value;

    /// <summary>Converts a number to a UID; the named form of the explicit conversion.</summary>
    /// <param name="value">The UID, 1 to <see cref="uint.MaxValue"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is 0.</exception>
    public static Uid FromUInt32(uint value) => new(value);

    /// <summary>The number; the named form of the implicit conversion.</summary>
    public uint ToUInt32() => Value;

    /// <summary>Orders UIDs by value, which is the order the messages were added to the mailbox (RFC 9051 §2.3.1.1).</summary>
    /// <param name="other">The UID to compare with.</param>
    public int CompareTo(Uid other) => Value.CompareTo(other.Value);

    /// <summary>The decimal number, as it appears on the wire.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
