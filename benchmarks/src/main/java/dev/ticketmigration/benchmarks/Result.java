package dev.ticketmigration.benchmarks;

/**
 * One contender's measurement at one size. Rates are per second of the phase named; NaN when the
 * contender has no such phase or it could not be measured.
 */
final class Result {
  final long tickets;
  final String contender;
  String variant = "";
  String status = "ok";
  String note = "";

  /** End-to-end wall time (for a child JVM: from its start to its exit). */
  double wallSeconds = Double.NaN;

  /** Items the contender wrote into ticket_sales (by its own count). */
  long items = -1;

  /** Source rows it read (ticket + history rows). */
  long rows = -1;

  double readSeconds = Double.NaN;
  String readHow = "";
  double writeSeconds = Double.NaN;

  /** Between the end of the read and the first write: the pipeline's group-by-key. */
  double shuffleSeconds = Double.NaN;

  CpuSampler.Usage shuffleCpu = CpuSampler.Usage.NONE;
  long fullGcs = -1;
  String writeHow = "";

  /** CPU over the write phase (or the whole run when it has none). */
  CpuSampler.Usage writeCpu = CpuSampler.Usage.NONE;

  /** CPU over the read phase. */
  CpuSampler.Usage readCpu = CpuSampler.Usage.NONE;

  /** CPU over the whole run. */
  CpuSampler.Usage wholeCpu = CpuSampler.Usage.NONE;

  String heap = "";
  long peakRssBytes = -1;
  long maxHeapAfterGcMb = -1;
  double pipelineSeconds = Double.NaN;
  double loadBefore = Double.NaN;
  double loadAfter = Double.NaN;
  int threads;

  Result(long tickets, String contender) {
    this.tickets = tickets;
    this.contender = contender;
  }

  boolean ok() {
    return status.equals("ok");
  }

  double readRate() {
    return rows > 0 && readSeconds > 0 ? rows / readSeconds : Double.NaN;
  }

  double writeRate() {
    return items > 0 && writeSeconds > 0 ? items / writeSeconds : Double.NaN;
  }

  /** End-to-end seconds per million tickets. */
  double secondsPerMillionTickets() {
    return wallSeconds * 1e6 / tickets;
  }

  String name() {
    return variant.isEmpty() ? contender : contender + " " + variant;
  }
}
