package upcast.loadgen;

import org.jspecify.annotations.Nullable;

/**
 * What a server under test says about itself at one instant; -1 where a server does not tell (Janus
 * has no forwarding counters or heap; its CPU and memory come from {@code /proc}).
 *
 * @param cpuSeconds user + system CPU time of the server process since it started
 * @param forwardedPackets RTP packets the server forwarded (Upcast's own counter)
 * @param packetsOut datagrams the server sent (Upcast's own counter)
 * @param bytesOut bytes the server sent (Upcast's own counter)
 * @param rssBytes resident set size of the server process
 * @param heapBytes JVM heap in use (Upcast only)
 * @param metrics the raw {@code /metrics} scrape for histograms, or null
 */
record ServerSample(
    double cpuSeconds,
    double forwardedPackets,
    double packetsOut,
    double bytesOut,
    double rssBytes,
    double heapBytes,
    @Nullable ServerMetrics metrics) {}
