package org.ruraledu.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(60, now::get);

    @Test
    void aFullBucketAllowsABurstOfOneMinutesWorthThenRefuses() {
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.tryAcquire("S1").allowed()).as("request %d", i).isTrue();
        }
        RateLimiter.Decision refused = limiter.tryAcquire("S1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void tokensComeBackEvenlyOverTheMinute() {
        for (int i = 0; i < 60; i++) {
            limiter.tryAcquire("S1");
        }
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertThat(limiter.tryAcquire("S1").allowed()).isFalse();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(limiter.tryAcquire("S1").allowed()).isTrue();
        assertThat(limiter.tryAcquire("S1").allowed()).isFalse();

        now.addAndGet(TimeUnit.MINUTES.toNanos(10)); // idle time does not bank more than one minute's worth
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.tryAcquire("S1").allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("S1").allowed()).isFalse();
    }

    @Test
    void eachSchoolHasItsOwnBucket() {
        for (int i = 0; i < 60; i++) {
            limiter.tryAcquire("S1");
        }
        assertThat(limiter.tryAcquire("S1").allowed()).isFalse();
        assertThat(limiter.tryAcquire("S2").allowed()).isTrue();
    }

    @Test
    void retryAfterSaysWhenTheNextRequestPasses() {
        RateLimiter slow = new RateLimiter(2, now::get); // one token every 30 s
        slow.tryAcquire("S1");
        slow.tryAcquire("S1");
        assertThat(slow.tryAcquire("S1").retryAfterSeconds()).isEqualTo(30);
        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        assertThat(slow.tryAcquire("S1").retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new RateLimiter(0)).hasMessageContaining("gateway.rate.limit.per.minute");
    }
}
