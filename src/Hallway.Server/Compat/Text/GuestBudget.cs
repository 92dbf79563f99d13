using System.Collections.Concurrent;

namespace Hallway.Server.Compat.Text;

/// <summary>
/// How many new guests each source address may still make: a token bucket per address of
/// <see cref="TextGatewayOptions.NewGuestsPerAddress"/>, refilled at
/// <see cref="TextGatewayOptions.NewGuestsPerAddressPerHour"/>. In memory (a restart refills
/// everyone, which costs a flooder a restart they cannot cause); full buckets are forgotten when
/// the table grows, so it stays bounded.
/// </summary>
public sealed class GuestBudget(TextGatewayOptions options, TimeProvider time)
{
    /// <summary>Addresses kept at most before the full (idle) buckets are dropped.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Spends one new guest of <paramref name="address"/>'s budget; false when it is empty.</summary>
    public bool TryTake(string address)
    {
        var now = time.GetUtcNow();
        if (_buckets.Count >= MaxEntries)
        {
            Prune(now);
        }

        var bucket = _buckets.GetOrAdd(address, _ => new Bucket(options.NewGuestsPerAddress, now));
        lock (bucket)
        {
            Refill(bucket, now);
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    /// <summary>Forgets the addresses whose budget has filled up again.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (address, bucket) in _buckets)
        {
            lock (bucket)
            {
                Refill(bucket, now);
                if (bucket.Tokens >= options.NewGuestsPerAddress)
                {
                    _buckets.TryRemove(address, out _);
                }
            }
        }
    }

    private void Refill(Bucket bucket, DateTimeOffset now)
    {
        var hours = Math.Max(0, (now - bucket.At).TotalHours);
        bucket.Tokens = Math.Min(options.NewGuestsPerAddress, bucket.Tokens + (hours * options.NewGuestsPerAddressPerHour));
        bucket.At = now;
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens = tokens;
        public DateTimeOffset At = at;
    }
}
