/**
 * Fault injection for benchmarks and drills, off unless configured: {@code
 * app.faults.storage-error-rate} makes storage writes fail and {@code app.faults.llm-error-rate}
 * makes LLM steps fail, each at that rate, with retryable errors, so a run can show that such
 * faults are retried without losing credits or re-running GPU work. Never set in production.
 */
package dev.cadenza.faults;
