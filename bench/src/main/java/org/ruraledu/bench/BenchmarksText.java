package org.ruraledu.bench;

/** The fixed prose of BENCHMARKS.md: what the file is and how each figure is measured. */
final class BenchmarksText {
    private BenchmarksText() {}

    static String intro() {
        return """
                # Benchmarks

                How fast ruraledu is, measured by the benchmark harness in `bench/` (README, "Benchmark"), which
                writes this file: `bench/run` (add `--label before` / `--label after` and a `--note`). The latest run
                is shown in full; **History** keeps one row per run (a run of the same day, commit and label replaces
                its row), so figures before and after a change sit side by side. Figures from a machine whose cores
                were shared with other work are noisy: the `note` and the load average say so.
                """;
    }

    static String method() {
        return """

                ### How each figure is measured

                Everything runs in one JVM on one embedded broker (the project's `EmbeddedBroker`, one node, the
                contract's topics with `topics.partitions` partitions), with the project's default settings
                (`--config FILE` layers a settings file over them), all on 127.0.0.1.

                - **Workload**: the project's simulator (`Simulator`, `--faults 0` by default) writes the main
                  workload into the input topics through the client library, as fast as Kafka takes it, before any
                  stage starts. The mix is whatever the simulator sends: a record kind it learns to make is
                  measured without a change to the harness. "input records" counts every record on the input
                  topics (the school registry included).
                - **(a) raw**: one plain consumer (read_committed, no group) reads every input topic from the
                  beginning to its end; records / (first record to end).
                - **(b) baseline**: a Kafka Streams app of its own application id doing `groupByKey().count()` into
                  a persistent store over every input topic, under the pipeline's streams configuration
                  (`exactly_once_v2`, `streams.commit.interval.ms`, `streams.threads`). Rate = input records / (first
                  record processed to caught up); start-up (start to first record) apart.
                - **(c) full pipeline**: the real `StreamsApp` (production topology, query API) with its own
                  application id and a fresh state directory. Caught up means: the consumer group's committed offset
                  equals the last stable offset (`listOffsets` under read_committed, so transaction markers count on
                  both sides) on every partition of every topic its topology reads, inputs **and repartition
                  topics** (taken from the topology description), and the KPI, alert and dead-letter topics
                  unchanged, for a quiet period (3 s; 0.5 s in `--quick`). The end time is the last change seen before
                  that quiet period (polled every 50 ms). The school registry is an input topic like the others
                  (a table co-partitioned with the reports, read by the same consumer group). Rate = input records / (first record to caught
                  up). Then it is stopped cleanly and restarted on its state ("restart").
                - **(d) alert latency**: the restarted pipeline, the real gateway (`Gateway`, token from the
                  project's `TokenStore`) and a read_committed consumer of `ruraledu.alerts.v1`. Dropouts
                  (`DROPPED_OUT`, one new pupil each) are posted every 200 ms while a background thread sends meal
                  reports (new reports of existing school days) at the background rate through the client library;
                  latency = gateway's 202 received to the pupil's `DROPOUT_DETECTED` OPEN read. The first probe
                  after the restart is a warm-up, not a sample. Percentiles are nearest-rank: with 50 samples, p99 is
                  the largest (rank ceil(0.99 x 50) = 50). **Backlog**: meal reports loaded at once,
                  then dropouts posted right after; their latency shows whether one domain's backlog holds up
                  another's critical alert. After each, the time to work the load off is shown.
                - **(e) gateway**: batches of meal reports (JSON arrays) of 32 schools posted over HTTP/1.1 with
                  several requests in flight, after one round of warm-up requests; records accepted (202) / time.
                  The streams application is stopped meanwhile, so the gateway and broker have the cores.
                - **(f) memory**: heap used right after `System.gc()` and resident memory (`VmRSS`, peak `VmHWM`)
                  of the benchmark JVM at the end of (c). The JVM also holds the broker and the load generators,
                  so these bound the streams application from above.
                - **(g) bytes and state**: bytes the pipeline's producer wrote to its repartition and changelog
                  topics during (c) (`producer-topic-metrics` `byte-total`: what was written, even what Kafka
                  Streams purged afterwards) over the input topics' bytes on the broker (record batches, both
                  sides). Live state: the latest value of every key of every changelog topic, deletions removed
                  (what the stores hold, independent of RocksDB compaction); also the state directory on disk
                  after a clean stop. Measured for the main workload, again after (d) added many more records of
                  the same school days, and for a second workload of another size on a broker of its own.
                """;
    }
}
