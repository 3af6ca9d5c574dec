using Imap.Protocol;
using Microsoft.Extensions.ObjectPool;

namespace Imap.Dispatch;

/// <summary>
/// Reuses <see cref="CommandWriter"/>s and their buffers across commands. A writer that grew past
/// <see cref="MaxRetainedBytes"/> (an APPEND's message, a long UID set) gives its buffer back instead of being kept.
/// </summary>
internal static class CommandWriterPool
{
    /// <summary>Largest buffer kept in the pool.</summary>
    public const int MaxRetainedBytes = 16 * 1024;

    private static readonly ObjectPool<CommandWriter> Pool =
        new DefaultObjectPool<CommandWriter>(new Policy(), Environment.ProcessorCount * 32);

    /// <summary>A writer, empty, for a command built with <paramref name="options"/>.</summary>
    public static CommandWriter Rent(CommandWriterOptions options)
    {
        var writer = Pool.Get();
        writer.Reset(options);
        return writer;
    }

    /// <summary>Gives a writer back; it must not be used afterwards.</summary>
    public static void Return(CommandWriter writer) => Pool.Return(writer);

    private sealed class Policy : IPooledObjectPolicy<CommandWriter>
    {
        public CommandWriter Create() => new(CommandWriterOptions.Default);

        public bool Return(CommandWriter obj)
        {
            if (obj.Capacity > MaxRetainedBytes)
            {
                obj.Dispose();
                return false;
            }

            return true;
        }
    }
}
