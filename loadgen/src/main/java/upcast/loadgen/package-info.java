/**
 * The load generator and benchmarks that {@code ./bench.sh} and {@code scripts/fanout-bench.sh}
 * run: {@link upcast.loadgen.LoadTest} (many synthetic viewers of one broadcast, against Upcast or
 * Janus), {@link upcast.loadgen.Comparison}, {@link upcast.loadgen.SendPathBench}, {@link
 * upcast.loadgen.FanoutBench} and {@link upcast.loadgen.PerformanceLog} (the recorded runs in
 * docs/performance.md). Its peers use the test kit and the SFU's client surface only.
 */
package upcast.loadgen;
