package org.ruraledu.producers.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per school: up to {@code perMinute} requests at once, refilled evenly over the minute, so a
 * school that sends a burst after an outage gets through and one that loops on an error cannot crowd out
 * the others. Buckets exist only for schools that authenticated, so their number is bounded.
 */
public final class RateLimiter {
    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Whether a request may pass, and if not, after how many seconds the next one will. */
    public record Decision(boolean allowed, long retryAfterSeconds) {}

    public RateLimiter(int perMinute, LongSupplier nanoClock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("gateway.rate.limit.per.minute must be at least 1, got " + perMinute);
        }
        this.capacity = perMinute;
        this.tokensPerNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
        this.nanoClock = nanoClock;
    }

    public RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    public Decision tryAcquire(String schoolId) {
        return buckets.computeIfAbsent(schoolId, id -> new Bucket(capacity, nanoClock.getAsLong())).take();
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized Decision take() {
            long now = nanoClock.getAsLong();
            tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, 0);
            }
            double nanosUntilOne = (1 - tokens) / tokensPerNano;
            return new Decision(false, Math.max(1, (long) Math.ceil(nanosUntilOne / TimeUnit.SECONDS.toNanos(1))));
        }
    }
}
